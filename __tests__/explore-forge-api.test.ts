import { describe, expect, it } from '@jest/globals'
import { CAMPAIGNS } from '../simulator/explore/campaigns.js'
import { explore, replay } from '../simulator/explore/explorer.js'

/**
 * The explorer through the real forge adapters (src/forge/github.ts over Octokit, src/forge/gitea.ts over
 * the shared HTTP client) and the in-process forge API (simulator/explore/forge-routes.ts): each request,
 * each retry included, is a step of its own, with its own fault.
 */

const campaign = (name: string) => CAMPAIGNS.find((c) => c.name === name)!

describe('GitHub through Octokit', () => {
  const c = campaign('forge-api-github')

  it("a rate-limited create (a 429 with GitHub's retry-after) is sent again after its wait, and the deploy waits for it", async () => {
    const r = await replay(c.scenario, c.bound, 'A.head(main)=ok;A.record(check in_progress on A)=429;tick(60000);A.record(check in_progress on A)=ok')
    expect(r.results).toEqual({ A: 'deployed', R: expect.any(String) })
    expect(r.violations).toEqual([])
  })

  it('a create whose answer was lost is found again by its stamp, not created twice', async () => {
    const r = await replay(c.scenario, c.bound, 'A.head(main)=ok;A.record(check in_progress on A)=lost;tick(500)')
    expect(r.played).toContain('A.records(check rollout-guard/production of A (all))=ok')
    expect(r.played.filter((m) => m.startsWith('A.record(check in_progress on A)'))).toEqual(['A.record(check in_progress on A)=lost'])
    expect(r.results.A).toBe('deployed')
    expect(r.violations).toEqual([])
  })
})

describe('Gitea through the shared HTTP client', () => {
  const c = campaign('forge-api-gitea')

  it("reads a commit without statuses as no records: the reconcile's empty status list, and the writer's read of Gitea's empty combined status (no X-Total-Count)", async () => {
    const r = await replay(c.scenario, c.bound, 'start(R);R.head(main)=ok;R.records(status list of A)=ok')
    // An unreadable answer would have the reconcile read again and defer; no records is no reason to stop.
    expect(r.played.filter((m) => m.startsWith('R.')).slice(0, 3)).toEqual(['R.head(main)=ok', 'R.records(status list of A)=ok', 'R.probe(t1)=ok'])
    // The deploy reads its context before its first status (the empty combined status) and writes it.
    const a = r.played.filter((m) => m.startsWith('A.'))
    expect(a.slice(a.indexOf('A.records(statuses of A)=ok'), a.indexOf('A.records(statuses of A)=ok') + 2)).toEqual(['A.records(statuses of A)=ok', 'A.record(status pending on A)=ok'])
    expect(r.results.A).toBe('deployed')
    expect(r.violations).toEqual([])
  })

  it('one failed request of any kind: every schedule explored, every invariant kept', async () => {
    const r = await explore(c.scenario, { ...c.bound, faults: { record: ['503'], records: ['503'] } })
    expect(r.violations).toEqual([])
    expect(r.complete).toBe(true)
    expect(r.interleavings).toBeGreaterThan(100)
  })
})
