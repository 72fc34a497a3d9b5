import { describe, expect, it } from '@jest/globals'
import { isDeepStrictEqual } from 'node:util'
import { RECONCILE_WINDOWS, SMALL, withReconcile } from '../simulator/explore/bounds.js'
import { CAMPAIGNS } from '../simulator/explore/campaigns.js'
import { DeployWatch } from '../simulator/explore/deploy-watch.js'
import { explore, replay } from '../simulator/explore/explorer.js'
import type { Bound } from '../simulator/explore/types.js'
import type { Violation } from '../simulator/explore/world.js'
import { findsWindow } from './support/explore-window.js'
import { expectOnlyOpen } from './support/record-windows.js'

/**
 * The explorer with a scheduled reconcile in play (simulator/explore, docs/exploration.md): the real
 * `mode: reconcile` reading the deploy records the real deploy jobs write. Each window reconcile's review
 * found is shown found with its fix taken out at the harness level, replayed move for move, and closed
 * on the code as it is within the same bound.
 */

const ONE_PREEMPTION: Bound = { ...SMALL, maxPreemptions: 1 }

describe('a reconcile beside a deploy, at the small bound', () => {
  it('A and a reconcile starting at any step (one preemption): every invariant kept, every schedule explored', async () => {
    const r = await explore(withReconcile({ landing: [] }), ONE_PREEMPTION)
    expect(r.violations).toEqual([])
    expect(r.complete).toBe(true)
    expect(r.cutAtSteps).toBe(0)
    expect(r.interleavings).toBeGreaterThan(200)
  })

  it('a deploy whose running record write fails sends nothing until a write lands or it gives up; a failed records read defers', async () => {
    const r = await explore(withReconcile({ landing: [] }), { ...SMALL, maxFaults: 1, maxPreemptions: 0, faults: { record: ['err'], records: ['err'] } })
    // A failed end write leaves the record running: the lost-end window, and nothing else.
    expectOnlyOpen(r.violations, 'lost-end')
    expect(r.complete).toBe(true)
    expect(r.interleavings).toBeGreaterThan(50)
  })

  it("A's canary failing, a reconcile starting at any step: it never rolls A out past the wave under way, nor promotes it", async () => {
    const r = await explore(withReconcile({ landing: [], broken: ['A'] }), ONE_PREEMPTION)
    expect(r.violations).toEqual([])
    expect(r.complete).toBe(true)
    expect(r.interleavings).toBeGreaterThan(50)
  })
})

describe('what reconcile decides, replayed', () => {
  const bound: Bound = { ...SMALL, maxPreemptions: 9, maxFaults: 1, maxCancels: 1 }
  const A_CANCELLED = 'cancel(A);A.head(main)=ok;A.record(check in_progress on A)=ok;A.record(check completed #1)=ok;A.records(statuses of A)=ok;A.record(status failure on A)=ok'

  it('defers to a deploy whose running record it reads, and redeploys nothing', async () => {
    const r = await replay(withReconcile({ landing: [] }), bound, 'start(R)')
    expect(r.results).toEqual({ A: 'deployed', R: 'deferred' })
    expect(r.played.filter((m) => m.startsWith('R.redeploy') || m.startsWith('R.registry'))).toEqual([])
    expect(r.violations).toEqual([])
  })

  it('heals what a cancelled deploy left behind, and promotes', async () => {
    const r = await replay(withReconcile({ landing: [] }), bound, A_CANCELLED)
    expect(r.results).toEqual({ A: 'cancelled', R: 'healed' })
    expect(r.serving).toEqual({ t1: 'A', t2: 'A' })
    expect(r.played).toContain('R.registry(PUT latest)=ok')
  })

  it("holds a head whose deploy's canary failed", async () => {
    const failed = 'A.head(main)=ok;A.record(check in_progress on A)=ok;A.head(main)=ok;A.probe(t1)=ok;A.compare(A...C0)=ok;A.redeploy(t1)=ok;A.probe(t1)=ok;tick(20000)'
    const r = await replay(withReconcile({ landing: [], broken: ['A'] }), { ...bound, maxFaults: 0 }, failed)
    expect(r.results).toEqual({ A: 'failed', R: 'held' })
    expect(r.serving).toEqual({ t1: 'C0', t2: 'C0' })
  })

  it("defers to a live re-run (attempt 2) although the first attempt's end is the commit's latest status", async () => {
    const r = await replay(
      withReconcile({ landing: [], reruns: ['A'] }),
      bound,
      `${A_CANCELLED};rerun(A);A#2.head(main)=ok;A#2.record(check in_progress on A)=ok;start(R);R.head(main)=ok;R.records(check deploy of A)=ok;R.records(check shard 1 of A)=ok;R.records(status list of A)=ok`
    )
    expect(r.results).toEqual({ A: 'cancelled', 'A#2': 'deployed', R: 'deferred' })
    expect(r.violations).toEqual([])
  })
})

describe('the reconcile invariants themselves', () => {
  function watch(): { w: DeployWatch; v: Violation[] } {
    const v: Violation[] = []
    return { w: new DeployWatch(v), v }
  }

  it('a reconcile that read a live recorded deploy of its head and still sends anything breaks it', () => {
    const { w, v } = watch()
    w.deployStarted('A', 'a')
    w.wrote('A', 'running')
    w.looked('R', 'a')
    w.send('R', 'a', 't1', 'a redeploy of t1')
    expect(v.map((x) => x.invariant)).toEqual(['reconcile-ignored-deploy'])
  })

  it('a read of several requests: a deploy live from its first request to its last stops the reconcile; one that ended or started within it does not', () => {
    const ended = watch()
    ended.w.deployStarted('A', 'a')
    ended.w.wrote('A', 'running')
    ended.w.looked('R', 'a')
    ended.w.wrote('A', 'deployed')
    ended.w.reread('R', 'a')
    ended.w.send('R', 'a', 'latest', 'a write of latest')
    expect(ended.v).toEqual([])

    const started = watch()
    started.w.deployStarted('A', 'a')
    started.w.looked('R', 'a')
    started.w.wrote('A', 'running')
    started.w.reread('R', 'a')
    started.w.send('R', 'a', 't1', 'a redeploy of t1')
    expect(started.v).toEqual([])

    const throughout = watch()
    throughout.w.deployStarted('A', 'a')
    throughout.w.wrote('A', 'running')
    throughout.w.looked('R', 'a')
    throughout.w.reread('R', 'a')
    throughout.w.reread('R', 'b')
    throughout.w.send('R', 'a', 't1', 'a redeploy of t1')
    expect(throughout.v.map((x) => x.invariant)).toEqual(['reconcile-ignored-deploy'])
  })

  it('the wave under way may finish; a second target after the deploy was recorded is a wave started without asking', () => {
    const { w, v } = watch()
    w.deployStarted('A', 'a')
    w.looked('R', 'a')
    w.wrote('A', 'running')
    w.send('R', 'a', 't1', 'a redeploy of t1')
    w.send('R', 'a', 't1', 'a retried redeploy of t1')
    expect(v).toEqual([])
    w.send('R', 'a', 'latest', 'a write of latest')
    expect(v.map((x) => x.invariant)).toEqual(['reconcile-past-wave'])
  })

  it('a deploy that could not write its running record, or has written its end, does not stop reconcile; a rejection does until a deploy of it succeeds', () => {
    const { w, v } = watch()
    w.deployStarted('A', 'a')
    w.looked('R', 'a')
    w.send('R', 'a', 't1', 'a redeploy of t1')
    w.send('R', 'a', 't2', 'a redeploy of t2')
    expect(v).toEqual([])
    w.wrote('A', 'running')
    w.wrote('A', 'canary-failed')
    expect(w.held('a')).toBe(true)
    // One target after the hold is the wave under way; a second is not.
    w.send('R', 'a', 't2', 'a retried redeploy of t2')
    expect(v).toEqual([])
    w.send('R', 'a', 'latest', 'a write of latest')
    expect(v.map((x) => x.invariant)).toEqual(['reconcile-past-wave'])
    w.deployStarted('A#2', 'a')
    w.wrote('A#2', 'running')
    w.wrote('A#2', 'deployed')
    expect(w.held('a')).toBe(false)
  })
})

describe('the windows of reconcile, reintroduced at the harness level', () => {
  it.each(RECONCILE_WINDOWS.map((w) => [w.name, w] as const))('%s: found with the fix taken out, and closed with it in', async (_name, w) => {
    const schedule = await findsWindow(w)
    const fixed = { ...w.scenario, bugs: [] }
    // When a campaign of `npm run explore` explores the fixed code at this very bound (the re-run window:
    // `reconcile-rerun`, 2,400 interleavings, most of this file's time), the complete exploration is that
    // campaign's. Should the campaign ever change, the exploration comes back here by itself.
    const campaign = CAMPAIGNS.find((c) => isDeepStrictEqual(c.scenario, fixed) && isDeepStrictEqual(c.bound, w.bound))
    if (!campaign) {
      const clean = await explore(fixed, w.bound)
      expect(clean.violations).toEqual([])
      expect(clean.complete).toBe(true)
      expect(clean.cutAtSteps).toBe(0)
      expect(clean.interleavings).toBeGreaterThan(200)
    }
    // The schedule that broke it either breaks off where the fixed code moves differently (it defers),
    // or plays through without a violation.
    const played = await replay(fixed, w.bound, schedule).catch((error: Error) => error)
    if (!(played instanceof Error)) expect(played.violations).toEqual([])
    else expect(played.message).toMatch(/^replay: step \d+ expects /)
  })
})
