import { afterEach, describe, expect, it } from '@jest/globals'
import { PERMISSION_DENIED } from '../simulator/fake-forge.js'
import { Fleet } from '../simulator/fleet.js'
import { type ActionRun, runAction } from '../simulator/run-action.js'
import { waitFor } from './support/wait.js'

/**
 * `pr-comment: true` with the built action on a loopback fleet, on GitHub and on Gitea 1.22: one comment
 * per environment on the pull request that brought the commit, edited in place, never doubled.
 */
let fleet: Fleet | undefined
afterEach(async () => {
  await fleet?.close()
  fleet = undefined
})

const warnings = (r: ActionRun): string[] => r.commands.filter((c) => c.command === 'warning').map((c) => c.message)
const MARKER = '<!-- rollout-guard pr-comment environment=production -->'

describe.each(['github', 'gitea-1.22'] as const)('pull request comments on %s', (flavour) => {
  const runUrl = (f: Fleet): string => `${f.forge.serverUrl}/acme/app/actions/runs/${flavour === 'github' ? 4242 : 17}`

  it('a deploy keeps one comment on the pull request, edited from rolling out through each step to live', async () => {
    const f = (fleet = await Fleet.start({ flavour, tenants: 4 }))
    const B = await f.commit('B')
    f.forge.pullsApi.add({ number: 7, title: 'Fix <script>alert(1)</script> **bold**', mergeCommit: B })
    const r = await runAction({ inputs: f.deployInputs({ 'pr-comment': 'true', canary: 'tenant-001', waves: '1,2' }), env: f.runEnv(B) })
    expect(r.exitCode).toBe(0)
    expect(r.outputs.result).toBe('deployed')
    expect(warnings(r)).toEqual([])
    const comments = f.forge.pullsApi.on(7)
    expect(comments).toHaveLength(1)
    const c = comments[0]!
    expect(c.body.startsWith(MARKER)).toBe(true)
    expect(c.body).toContain(`✅ **Live** in production: every tenant serves <code>${B.slice(0, 7)}</code>`)
    expect(c.body).toContain(`[Run](${runUrl(f)})`)
    expect(c.body).toContain(`[Report on the commit](${f.forge.serverUrl}/acme/app/commit/${B})`)
    // Edited in place as the rollout moved: rolling out first, then the canary and the waves, then live.
    expect(c.edits[0]).toContain('🚀 **Rolling out**')
    expect(c.edits.some((e) => /✅ canary 1\/1/.test(e))).toBe(true)
    expect(c.body).toMatch(/✅ canary 1\/1 · ✅ wave 1 1\/1 · ✅ wave 2 2\/2/)
    expect(f.forge.requests.filter((q) => q.route === 'comments' && q.method === 'POST')).toHaveLength(1)
  })

  it('a cancel while a comment write hangs: the write is aborted, not waited out, and the final note says cancelled', async () => {
    const f = (fleet = await Fleet.start({ flavour, tenants: 2 }))
    const B = await f.commit('B')
    f.forge.pullsApi.add({ number: 4, title: 'change', mergeCommit: B })
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    f.forge.inject('comments', { wait: held })
    // The rollout is held too (its first redeploy waits), so the cancel finds it running.
    f.controlPlane.whenRequested(() => held)
    const cancel = new AbortController()
    // The runner's SIGKILL comes 10 s after its SIGINT (7.5 s to SIGTERM, 2.5 s more).
    const run = runAction({ inputs: f.deployInputs({ 'pr-comment': 'true' }), env: f.runEnv(B), signal: cancel.signal, killAfterMs: 10_000 })
    try {
      await waitFor(() => f.forge.calls('comments').length >= 1 && f.controlPlane.calls.length >= 1, 'the first comment write and the first redeploy held')
      cancel.abort()
      const r = await run
      expect(r.outputs.result).toBe('cancelled')
      expect(f.forge.abandoned.filter((q) => q.route === 'comments')).toHaveLength(1)
      expect(warnings(r).filter((w) => /comment/i.test(w))).toEqual([])
      const comments = f.forge.pullsApi.on(4)
      expect(comments).toHaveLength(1)
      expect(comments[0]!.body).toContain('⏹️ **Cancelled**')
    } finally {
      release()
      await run
    }
  })

  it('a second run edits the same comment (found again by its marker); another environment gets its own', async () => {
    const f = (fleet = await Fleet.start({ flavour, tenants: 2 }))
    const B = await f.commit('B')
    f.forge.pullsApi.add({ number: 3, title: 'change', mergeCommit: B })
    // Other people's comments first: on GitHub more than a page of them, so ours is on the second page.
    for (let i = 0; i < (flavour === 'github' ? 120 : 5); i++) f.forge.pullsApi.comments.push({ id: 1 + i, pull: 3, body: `looks good ${i}`, edits: [] })
    const inputs = f.deployInputs({ 'pr-comment': 'true' })
    expect((await runAction({ inputs, env: f.runEnv(B) })).exitCode).toBe(0)
    expect((await runAction({ inputs, env: { ...f.runEnv(B), GITHUB_RUN_ATTEMPT: '2' } })).exitCode).toBe(0)
    expect((await runAction({ inputs: { ...inputs, environment: 'staging' }, env: f.runEnv(B) })).exitCode).toBe(0)
    const ours = f.forge.pullsApi.on(3).filter((c) => c.body.startsWith('<!-- rollout-guard'))
    expect(ours.map((c) => c.body.split('\n')[0])).toEqual([MARKER, '<!-- rollout-guard pr-comment environment=staging -->'])
    expect(ours[0]!.body).toContain('✅ **Live** in production')
  })

  it('a superseded job says the newer commit carries the change and goes live with it', async () => {
    const f = (fleet = await Fleet.start({ flavour, tenants: 2 }))
    const A = await f.commit('A')
    const B = await f.commit('B')
    f.forge.pullsApi.add({ number: 11, title: 'A', mergeCommit: A })
    const r = await runAction({ inputs: f.deployInputs({ 'pr-comment': 'true' }), env: f.runEnv(A) })
    expect(r.outputs.result).toBe('skipped-superseded')
    const [c] = f.forge.pullsApi.on(11)
    expect(c!.body).toContain(`⏭️ **Superseded** by <code>${B.slice(0, 7)}</code>: that newer commit of the branch carries this change, and it goes live in production with it.`)
    expect(f.controlPlane.calls).toEqual([])
  })

  it('a refused comment is one warning naming the permission; the deploy succeeds', async () => {
    const f = (fleet = await Fleet.start({ flavour, tenants: 2 }))
    const B = await f.commit('B')
    f.forge.pullsApi.add({ number: 5, title: 'x', mergeCommit: B })
    f.forge.deny('comments', PERMISSION_DENIED)
    const r = await runAction({ inputs: f.deployInputs({ 'pr-comment': 'true' }), env: f.runEnv(B) })
    expect(r.exitCode).toBe(0)
    expect(r.outputs.result).toBe('deployed')
    const w = warnings(r)
    expect(w).toHaveLength(1)
    expect(w[0]).toMatch(flavour === 'github' ? /Add `pull-requests: write` to the job's `permissions:`, or set `pr-comment: false`/ : /Gitea 1\.26: `pull-requests: write`/)
    expect(w[0]).toMatch(/The deploy is not affected/)
    // Turned off after the refusal: no comment request after the first refused one... and no comment.
    expect(f.forge.requests.filter((q) => q.route === 'comments')).toHaveLength(1)
    expect(f.forge.pullsApi.on(5)).toEqual([])
  })

  it('off by default: no pull request is looked up', async () => {
    const f = (fleet = await Fleet.start({ flavour, tenants: 1 }))
    const B = await f.commit('B')
    f.forge.pullsApi.add({ number: 5, title: 'x', mergeCommit: B })
    expect((await runAction({ inputs: f.deployInputs(), env: f.runEnv(B) })).exitCode).toBe(0)
    expect(f.forge.requests.filter((q) => q.route === 'pulls' || q.route === 'comments')).toEqual([])
  })
})

describe('pull request comments on GitHub: bounded', () => {
  it(`at most 5 pull requests a deploy`, async () => {
    const f = (fleet = await Fleet.start({ tenants: 1 }))
    const B = await f.commit('B')
    for (let n = 1; n <= 7; n++) f.forge.pullsApi.add({ number: n, title: `#${n}`, mergeCommit: 'f'.repeat(40), commits: [B] })
    expect((await runAction({ inputs: f.deployInputs({ 'pr-comment': 'true' }), env: f.runEnv(B) })).exitCode).toBe(0)
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => f.forge.pullsApi.on(n).length)).toEqual([1, 1, 1, 1, 1, 0, 0])
  })
})
