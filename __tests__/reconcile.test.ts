import { afterEach, describe, expect, it } from '@jest/globals'
import { Fleet } from '../simulator/fleet.js'
import { runAction } from '../simulator/run-action.js'

/** `mode: reconcile` against the built action and a loopback fleet left behind by a cancelled deploy. */
let fleet: Fleet | undefined
afterEach(async () => {
  await fleet?.close()
  fleet = undefined
})

function reconcileInputs(f: Fleet, extra: Record<string, string> = {}): Record<string, string> {
  return { ...f.deployInputs(), mode: 'reconcile', ...extra }
}

interface Report {
  result: string
  tenants: { tenant: string; action: string; verdict: string; before: string | null }[]
}

describe('reconcile', () => {
  it('heals a fleet half on A and half on B (head B) to B, leaving in-sync tenants alone', async () => {
    const f = (fleet = await Fleet.start({ tenants: 6, drainMs: 100 }))
    const A = await f.commit('A')
    const B = await f.commit('B')
    f.names.forEach((n, i) => f.tenants.redeploy(n, i < 3 ? A : B, 0))
    // A scheduled run has the default branch's last commit as GITHUB_SHA; reconcile targets the head anyway.
    const r = await runAction({ inputs: reconcileInputs(f), env: f.runEnv(A) })
    expect(r.exitCode).toBe(0)
    expect(r.outputs.result).toBe('healed')
    expect(JSON.parse(r.outputs.drifted!)).toEqual([
      { tenant: 'tenant-001', sha: A, behindBy: 1 },
      { tenant: 'tenant-002', sha: A, behindBy: 1 },
      { tenant: 'tenant-003', sha: A, behindBy: 1 }
    ])
    expect(JSON.parse(r.outputs.healed!)).toEqual(['tenant-001', 'tenant-002', 'tenant-003'])
    expect(
      f.controlPlane
        .applied()
        .map((c) => c.tenant)
        .sort()
    ).toEqual(['tenant-001', 'tenant-002', 'tenant-003'])
    expect(f.controlPlane.applied().every((c) => c.sha === B && c.tag === `staging-${B.slice(0, 7)}`)).toBe(true)
    for (const n of f.names) expect(f.tenants.serving(n)).toBe(B)
  })

  it('an in-sync fleet is left alone', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3 }))
    const B = await f.commit('B')
    for (const n of f.names) f.tenants.redeploy(n, B, 0)
    const r = await runAction({ inputs: reconcileInputs(f), env: f.runEnv(B) })
    expect(r.outputs).toMatchObject({ result: 'in-sync', drifted: '[]', healed: '[]', rolled: '[]' })
    expect(f.controlPlane.calls).toEqual([])
  })

  it('a tenant ahead of the head is left alone', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3 }))
    const A = await f.commit('A')
    const B = await f.commit('B')
    const next = await f.repo.commit('C, on a release branch after B', 'next')
    await f.repo.setBranch('main', B)
    f.tenants.redeploy('tenant-001', next, 0)
    f.tenants.redeploy('tenant-002', A, 0)
    f.tenants.redeploy('tenant-003', B, 0)
    const r = await runAction({ inputs: reconcileInputs(f), env: f.runEnv(B) })
    expect(r.outputs.result).toBe('healed')
    expect(JSON.parse(r.outputs.drifted!).map((d: { tenant: string }) => d.tenant)).toEqual(['tenant-002'])
    expect(f.tenants.serving('tenant-001')).toBe(next)
    expect(f.controlPlane.calls.map((c) => c.tenant)).toEqual(['tenant-002'])
    expect(JSON.parse(r.outputs.ahead!)).toEqual([{ tenant: 'tenant-001', sha: next }])
  })

  it('stops when the head moves mid-reconcile: the newer deploy owns the fleet then', async () => {
    const f = (fleet = await Fleet.start({ tenants: 4, drainMs: 300 }))
    const A = await f.commit('A')
    // The head moves while the first redeploy is in flight, whatever the machine's speed.
    let moved: Promise<string> | undefined
    f.controlPlane.whenRequested(async () => void (await (moved ??= f.commit('B'))))
    const r = await runAction({ inputs: reconcileInputs(f, { 'max-parallel': '1' }), env: f.runEnv(A) })
    const B = await moved!
    expect(r.exitCode).toBe(0)
    expect(r.outputs.result).toBe('skipped-superseded')
    expect(r.outputs.reason).toContain(B.slice(0, 7))
    expect(f.controlPlane.calls.length).toBe(1)
    expect(f.controlPlane.calls.every((c) => c.sha === A)).toBe(true)
  })

  it('dry run reports the drift and changes nothing', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3 }))
    await f.commit('A')
    const B = await f.commit('B')
    f.tenants.redeploy('tenant-002', B, 0)
    const r = await runAction({ inputs: reconcileInputs(f, { 'dry-run': 'true' }), env: f.runEnv(B) })
    expect(r.exitCode).toBe(0)
    expect(r.outputs.result).toBe('drifted')
    expect(JSON.parse(r.outputs.drifted!)).toEqual([
      { tenant: 'tenant-001', sha: f.base, behindBy: 2 },
      { tenant: 'tenant-003', sha: f.base, behindBy: 2 }
    ])
    expect(f.controlPlane.calls).toEqual([])
    expect(r.stdout).toMatch(/::warning title=Drift%3A tenant-001::tenant-001 serves \w{7}, 2 commit\(s\) behind/)
  })

  it('unreachable tenants are reported, not redeployed, and fail the run', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3 }))
    const B = await f.commit('B')
    f.tenants.setFault('tenant-003', { status: 503 })
    const r = await runAction({ inputs: reconcileInputs(f), env: f.runEnv(B) })
    expect(r.exitCode).toBe(1)
    expect(r.outputs.result).toBe('failed')
    expect(r.outputs.reason).toMatch(/1 tenant\(s\) unreachable and not redeployed: tenant-003/)
    expect(f.controlPlane.calls.map((c) => c.tenant).sort()).toEqual(['tenant-001', 'tenant-002'])
    const report = r.report as Report
    expect(report.tenants.find((t) => t.tenant === 'tenant-003')).toMatchObject({ verdict: 'unreachable', action: 'not-started' })
  })

  it('a dry run reports the verdict it would act on: an unreachable tenant fails it too, and nothing changes', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3 }))
    const B = await f.commit('B')
    for (const n of f.names) f.tenants.redeploy(n, B, 0)
    f.tenants.setFault('tenant-002', { status: 503 })
    const r = await runAction({ inputs: reconcileInputs(f, { 'dry-run': 'true' }), env: f.runEnv(B) })
    expect(r.outputs.result).toBe('failed')
    expect(r.exitCode).toBe(1)
    expect(r.outputs.reason).toBe('1 tenant(s) unreachable: tenant-002. Dry run, nothing changed.')
    expect(f.controlPlane.calls).toEqual([])
  })
})
