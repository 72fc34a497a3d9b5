import { afterEach, describe, expect, it } from '@jest/globals'
import type { ForgeFlavour } from '../simulator/fake-forge.js'
import { Fleet } from '../simulator/fleet.js'
import { type ActionRun, runAction } from '../simulator/run-action.js'
import { parseStamp } from '../src/record/stamp.js'

/**
 * Records say exactly what happened: a stop for an outage or a refused control-plane token records an end
 * that holds nothing, so the next reconcile heals the fleet instead of holding a commit nobody rejected.
 */
let fleet: Fleet | undefined
afterEach(async () => {
  await fleet?.close()
  fleet = undefined
})

const NAME = 'rollout-guard/production'

function reconcile(f: Fleet, head: string): Promise<ActionRun> {
  return runAction({ inputs: f.deployInputs({ mode: 'reconcile' }), env: { ...f.runEnv(head), GITHUB_RUN_ID: '5000' } })
}

/** The end of the deploy's record as its last commit status says (GitHub and Gitea alike write one). */
function recordedEnd(f: Fleet): string | undefined {
  const mine = f.forge.statuses().filter((s) => s.body.context === NAME)
  return parseStamp(mine.at(-1)?.body.description)?.end
}

describe.each<ForgeFlavour>(['github', 'gitea-1.22'])('%s: what a stopped deploy records', (flavour) => {
  it('the control plane refusing its token names control-plane-token, stops at once and holds nothing', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3, flavour }))
    const B = await f.commit('B')
    f.controlPlane.inject({ status: 401, body: '{"error":"unauthorized"}' })
    const r = await runAction({ inputs: f.deployInputs({ canary: 'tenant-001', 'control-plane-token': 'a-wrong-token-0123' }), env: f.runEnv(B) })
    expect(r.outputs.result).toBe('failed')
    expect(r.outputs.reason).toMatch(/control plane refused `control-plane-token` \(HTTP 401\)/)
    expect(f.controlPlane.calls).toHaveLength(1)
    expect((r.report as { recordEnd: string }).recordEnd).toBe('failed')
    expect(recordedEnd(f)).toBe('failed')
    const next = await reconcile(f, B)
    expect(next.outputs.result).toBe('healed')
    for (const n of f.names) expect(f.tenants.serving(n)).toBe(B)
  })

  it('a rollout stopped before wave 2 by an unreadable head records failed, not halted', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3, flavour }))
    const B = await f.commit('B')
    // Wave 1's tenant does not come up (one failure, within max-failures), and the head then goes dark.
    f.tenants.setFault('tenant-001', { status: 503 })
    f.controlPlane.whenRequested(() => f.forge.deny('branch', { status: 503 }))
    const r = await runAction({
      inputs: f.deployInputs({ 'max-parallel': '1', 'max-failures': '1', 'settle-budget-seconds': '0.5', 'forge-retry-seconds': '1' }),
      env: f.runEnv(B)
    })
    expect(r.outputs.result).toBe('failed')
    expect(r.outputs.reason).toMatch(/^Stopped before wave 2: the head of main, readable earlier in this job, could not be read/)
    expect((r.report as { recordEnd: string }).recordEnd).toBe('failed')
    f.controlPlane.whenRequested(undefined)
    f.forge.clearFaults()
    f.tenants.setFault('tenant-001', undefined)
    expect(recordedEnd(f)).toBe('failed')
    const next = await reconcile(f, B)
    expect(next.outputs.result).toBe('healed')
    for (const n of f.names) expect(f.tenants.serving(n)).toBe(B)
  })

  it('a canary judged after a newer commit owns the branch ends superseded: no rejection, no hold, no restore', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3, flavour }))
    const B = await f.commit('B')
    // The canary never comes up on B, and C lands while B's job is verifying it.
    f.tenants.setFault('tenant-001', { status: 503 })
    let C: Promise<string> | undefined
    f.controlPlane.whenRequested(async () => void (await (C ??= f.commit('C'))))
    const r = await runAction({ inputs: f.deployInputs({ canary: 'tenant-001', 'settle-budget-seconds': '0.5' }), env: f.runEnv(B) })
    const c = await C!
    expect(r.outputs.result).toBe('skipped-superseded')
    expect(r.outputs.reason).toMatch(/^Superseded before canary was judged: .*not held against/)
    expect((r.report as { recordEnd: string; restore: unknown }).recordEnd).toBe('superseded')
    expect((r.report as { restore: unknown }).restore).toBeNull()
    // Only the canary's redeploy: nothing was restored, no wave started.
    expect(f.controlPlane.calls).toHaveLength(1)
    expect(recordedEnd(f)).toBe('superseded')
    // B is not held: a reconcile of B (were it still the head) would not stop on a rejection.
    expect(c).not.toBe(B)
  })

  it('a failed canary is never restored to a commit its own deploy rejected: it stays, and the job says why', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, flavour, drainMs: 0 }))
    const B = await f.commit('B')
    for (const n of f.names) f.tenants.redeploy(n, B, 0)
    // B's own deploy (an earlier run) failed its canary: B is held, though the tenants still serve it.
    const res = await fetch(`${f.forge.apiUrl}/repos/${f.forge.repository}/statuses/${B}`, {
      method: 'POST',
      headers: { authorization: `token ${f.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'failure', context: NAME, description: 'The canary failed [rollout-guard deploy 4100.1 canary-failed]' })
    })
    expect(res.status).toBe(201)
    const C = await f.commit('C, which crash-loops')
    f.tenants.crashLoop(C)
    const r = await runAction({ inputs: f.deployInputs({ canary: 'tenant-001', 'settle-budget-seconds': '0.5' }), env: f.runEnv(C) })
    expect(r.outputs.result).toBe('failed')
    const report = r.report as { recordEnd: string; restore: { outcome: string; tenants: { action: string; detail: string | null }[] } }
    expect(report.recordEnd).toBe('canary-failed')
    expect(report.restore.outcome).toBe('skipped')
    expect(report.restore.tenants[0]).toMatchObject({ action: 'not-sent', detail: expect.stringContaining(`previous commit ${B.slice(0, 7)} was rejected by its own deploy (held)`) })
    // Only the canary's redeploy to C: nothing went back to the held B.
    expect(f.controlPlane.calls.map((c) => c.sha)).toEqual([C])
    expect(f.tenants.serving('tenant-001')).toBe(C)
  })

  it("the newest job moves a crash-looping canary forward: {current} comes from the control plane's refusal", async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, flavour, drainMs: 0, compareAndSet: true }))
    const B = await f.commit('B, which crash-loops')
    f.tenants.crashLoop(B)
    for (const n of f.names) f.tenants.redeploy(n, B, 0)
    const C = await f.commit('C, the fix')
    const body = '{"tenant":"{tenant}","tag":"{tag}","sha":"{sha}","current":"{current}"}'
    const r = await runAction({ inputs: f.deployInputs({ canary: 'tenant-001', 'redeploy-body': body }), env: f.runEnv(C) })
    expect(r.outputs.result).toBe('deployed')
    // The first redeploy carries an empty {current} (the tenant reports no SHA) and is refused; the
    // refusal names B, which is behind C, so the next one is sent on B and accepted.
    const canary = f.controlPlane.calls.filter((c) => c.tenant === 'tenant-001')
    expect(canary.map((c) => [c.outcome, c.current])).toEqual([
      ['refused-cas', ''],
      ['applied', B]
    ])
    for (const n of f.names) expect(f.tenants.serving(n)).toBe(C)
  })

  it('a stale move stays refused: {current} from the control plane is never taken for a commit ahead of the target', async () => {
    const f = (fleet = await Fleet.start({ tenants: 1, flavour, drainMs: 0, compareAndSet: true }))
    const A = await f.commit('A')
    const B = await f.commit('B, which crash-loops')
    f.tenants.crashLoop(B)
    f.tenants.redeploy('tenant-001', B, 0)
    // An older job (for A) finds the crash-looping tenant: the control plane says it holds B, newer than A.
    const body = '{"tenant":"{tenant}","tag":"{tag}","sha":"{sha}","current":"{current}"}'
    const r = await runAction({ inputs: f.deployInputs({ 'redeploy-body': body, force: 'false', 'superseded-check': 'false' }), env: f.runEnv(A) })
    expect(f.controlPlane.applied()).toEqual([])
    expect(f.tenants.serving('tenant-001')).toBe(B)
    expect(r.outputs.result).not.toBe('deployed')
  })
})
