import { afterEach, describe, expect, it } from '@jest/globals'
import type { ForgeFlavour } from '../simulator/fake-forge.js'
import { Fleet } from '../simulator/fleet.js'
import { LocalRegistry } from '../simulator/registry.js'
import { runAction } from '../simulator/run-action.js'

/**
 * A failed canary goes back to where it was (`canary-failure: restore`, the default), end to end against
 * the built dist/index.js on GitHub and on Gitea: only to a stable release (a commit whose deploy verified,
 * never one with no record), only a tenant this job moved, never once a newer commit owns the branch; the
 * job fails and the commit stays held.
 */
let fleet: Fleet | undefined
let registry: LocalRegistry | undefined
afterEach(async () => {
  await fleet?.close()
  await registry?.stop()
  fleet = undefined
  registry = undefined
})

interface RestoreRow {
  tenant: string
  action: string
  to: string | null
  verified: boolean
  verdict: string | null
  detail: string | null
}
interface Report {
  result: string
  reason: string
  phases: { name: string; outcome: string }[]
  tenants: { tenant: string; action: string; verdict: string; before: string | null }[]
  restore: { outcome: string; reason: string; tenants: RestoreRow[] } | null
}

const CAS_BODY = '{"tenant":"{tenant}","tag":"{tag}","sha":"{sha}","current":"{current}"}'

/** The deploy record the run left on the commit: the check run's external_id (GitHub) or the status description. */
function recordOf(f: Fleet): string {
  if (f.forge.flavour === 'github') return String(f.forge.checkRuns().at(-1)?.updates.at(-1)?.external_id ?? '')
  return f.forge.statuses().at(-1)?.body.description ?? ''
}

describe.each<ForgeFlavour>(['github', 'gitea-1.22'])('canary restore (%s)', (flavour) => {
  it('a crash-looping canary goes back to its previous commit, whose own deploy verified, and is verified there; nothing else moves; the job fails and the commit is held', async () => {
    const f = (fleet = await Fleet.start({ flavour, tenants: 4, drainMs: 50, compareAndSet: true }))
    const B = await f.commit('B')
    // B reached the fleet through its own deploy, whose record says it verified: a stable release.
    const deployedB = await runAction({ inputs: f.deployInputs({ 'max-parallel': '4', 'redeploy-body': CAS_BODY }), env: { ...f.runEnv(B), GITHUB_RUN_ID: '4100' } })
    expect(deployedB.outputs.result).toBe('deployed')
    const callsBefore = f.controlPlane.calls.length
    const C = await f.commit('C, which crash-loops')
    f.tenants.crashLoop(C)
    const inputs = f.deployInputs({ canary: 'tenant-001', 'max-parallel': '2', 'settle-budget-seconds': '1', 'redeploy-body': CAS_BODY })
    const r = await runAction({ inputs, env: f.runEnv(C) })

    expect(r.exitCode).toBe(1)
    expect(r.outputs.result).toBe('failed')
    expect(r.outputs.reason).toMatch(
      /^The canary failed \(tenant-001 (stale|unreachable)\); the rest of the fleet was not touched\. Restored the canary to its previous commit and verified it there: tenant-001 to [0-9a-f]{7}\./
    )
    const report = r.report as Report
    expect(report.restore).toMatchObject({ outcome: 'restored', tenants: [{ tenant: 'tenant-001', action: 'restored', to: B, verified: true, verdict: 'on-target', detail: null }] })
    expect(report.phases.map((p) => [p.name, p.outcome])).toEqual([
      ['gate', 'owner'],
      ['gate (canary)', 'owner'],
      ['canary', 'failed'],
      ['canary restore', 'restored']
    ])

    // The canary went C and back to B, through a compare-and-set on the rejected build; no other tenant moved.
    expect(f.liveHistory('tenant-001')).toEqual([f.base, B, C, B])
    expect(f.tenants.serving('tenant-001')).toBe(B)
    expect(f.controlPlane.calls.slice(callsBefore).map((c) => [c.tenant, c.sha, c.current, c.tag, c.outcome])).toEqual([
      ['tenant-001', C, B, `staging-${C.slice(0, 7)}`, 'applied'],
      ['tenant-001', B, C, `staging-${B.slice(0, 7)}`, 'applied']
    ])
    for (const n of f.names.slice(1)) expect(f.tenants.serving(n)).toBe(B)

    expect(r.summary).toContain('### Canary restore: restored')
    expect(r.summary).toMatch(/\| tenant-001 \| restored \| <code>[0-9a-f]{7}<\/code> \| ✅ verified there \|/)
    expect(r.stdout).toMatch(/::warning title=Canary restore::Restoring canary tenant-001 from the rejected [0-9a-f]{7} to [0-9a-f]{7}/)
    expect(recordOf(f)).toMatch(/rollout-guard deploy 4242\.1 canary-failed(?: at \d+ clock forge)? restore restored:1\/1\]?$/)

    // The commit stays held: reconcile reads the record and does not roll C out.
    const before = f.controlPlane.calls.length
    const rec = await runAction({ inputs: { ...f.deployInputs(), mode: 'reconcile' }, env: { ...f.runEnv(C), GITHUB_RUN_ID: '4243' } })
    expect(rec.outputs.result).toBe('held')
    expect(f.controlPlane.calls.length).toBe(before)
  })

  it('a canary whose previous commit has no deploy record is left on the rejected build: absence of evidence is no stable release, and the job says so', async () => {
    const f = (fleet = await Fleet.start({ flavour, tenants: 3, drainMs: 0, compareAndSet: true }))
    const B = await f.commit('B')
    // B reached the tenants without a deploy record (before records existed, or with report: none).
    for (const n of f.names) f.tenants.redeploy(n, B, 0)
    const C = await f.commit('C, which crash-loops')
    f.tenants.crashLoop(C)
    const r = await runAction({ inputs: f.deployInputs({ canary: 'tenant-001', 'settle-budget-seconds': '1', 'redeploy-body': CAS_BODY }), env: f.runEnv(C) })

    expect(r.exitCode).toBe(1)
    expect(r.outputs.result).toBe('failed')
    const report = r.report as Report & { recordEnd: string }
    expect(report.recordEnd).toBe('canary-failed')
    expect(report.restore).toMatchObject({ outcome: 'skipped', tenants: [{ tenant: 'tenant-001', action: 'not-sent', to: B, verified: false }] })
    const why = `no stable release is known: its previous commit ${B.slice(0, 7)} has no deploy record, so nothing shows it verified; the canary stays on the rejected build`
    expect(report.restore!.tenants[0]!.detail).toBe(why)
    // The report's reason, the summary and the log say so.
    expect(r.outputs.reason).toContain(`Not restored: ${why}.`)
    expect(r.summary).toContain('### Canary restore: skipped')
    expect(r.summary).toContain(`| tenant-001 | not-sent | <code>${B.slice(0, 7)}</code> | — | no stable release is known\\: its previous commit ${B.slice(0, 7)} has no deploy record`)
    expect(r.stdout).toContain(`::warning title=Canary not restored::Not restored: ${why}.`)
    // Only the canary's redeploy to C: nothing went back to B, and the canary stays on C.
    expect(f.controlPlane.calls.map((c) => [c.tenant, c.sha])).toEqual([['tenant-001', C]])
    expect(f.tenants.serving('tenant-001')).toBe(C)
    expect(recordOf(f)).toMatch(/canary-failed(?: at \d+ clock forge)? restore skipped:0\/1\]?$/)
  })

  it('with a promote tag, a canary whose previous commit has no record goes back to the commit :latest holds, the stable release', async () => {
    const f = (fleet = await Fleet.start({ flavour, tenants: 3, drainMs: 0, compareAndSet: true }))
    const reg = (registry = await LocalRegistry.start())
    const A = await f.commit('A, the release')
    const B = await f.commit('B, put on the tenants by hand')
    // :latest holds A (promoted before records existed: A has no record either); the tenants serve B.
    await reg.pushImage('acme/app', 'latest', { revision: A })
    for (const n of f.names) f.tenants.redeploy(n, B, 0)
    const C = await f.commit('C, which crash-loops')
    f.tenants.crashLoop(C)
    const inputs = f.deployInputs({ canary: 'tenant-001', 'settle-budget-seconds': '1', 'redeploy-body': CAS_BODY, image: `${reg.host}/acme/app` })
    const r = await runAction({ inputs, env: f.runEnv(C) })

    expect(r.outputs.result).toBe('failed')
    expect(r.outputs.reason).toContain(`Restored the canary to the stable release and verified it there: tenant-001 to ${A.slice(0, 7)}.`)
    expect((r.report as Report).restore).toMatchObject({ outcome: 'restored', tenants: [{ tenant: 'tenant-001', action: 'restored', to: A, verified: true }] })
    expect(r.stdout).toContain(`the stable release (it served ${B.slice(0, 7)} before this job moved it)`)
    // Through the fenced redeployer, compare-and-set on the rejected build; :latest is not moved.
    expect(f.controlPlane.calls.map((c) => [c.tenant, c.sha, c.current, c.outcome])).toEqual([
      ['tenant-001', C, B, 'applied'],
      ['tenant-001', A, C, 'applied']
    ])
    expect(f.tenants.serving('tenant-001')).toBe(A)
    for (const n of f.names.slice(1)) expect(f.tenants.serving(n)).toBe(B)
  })

  it('a canary whose previous commit was unreadable is left on the rejected build, and the report says why', async () => {
    const f = (fleet = await Fleet.start({ flavour, tenants: 3, drainMs: 0 }))
    const C = await f.commit('C, which crash-loops')
    f.tenants.crashLoop(C)
    // Its pre-flight read gets a 500: no commit read, so it is rolled (the redeploy may be its fix) but has nothing to go back to.
    f.tenants.inject('tenant-001', { status: 500 })
    const r = await runAction({ inputs: f.deployInputs({ canary: 'tenant-001', 'settle-budget-seconds': '1' }), env: f.runEnv(C) })

    expect(r.exitCode).toBe(1)
    expect(r.outputs.result).toBe('failed')
    const report = r.report as Report
    expect(report.tenants.find((t) => t.tenant === 'tenant-001')).toMatchObject({ action: 'redeployed', before: null, verdict: 'unreachable' })
    expect(report.restore).toMatchObject({ outcome: 'nothing-to-restore', tenants: [{ tenant: 'tenant-001', action: 'nothing-to-restore', to: null, verified: false }] })
    expect(report.restore!.tenants[0]!.detail).toMatch(/pre-flight read gave no commit, so there is nothing to go back to/)
    expect(r.outputs.reason).toMatch(/Left on the rejected build, with no readable commit before: tenant-001\./)
    expect(f.controlPlane.calls.map((c) => [c.tenant, c.sha])).toEqual([['tenant-001', C]])
    expect(f.tenants.serving('tenant-001')).toBe(C)
    expect(recordOf(f)).toMatch(/canary-failed(?: at \d+ clock forge)? restore nothing-to-restore:0\/0\]?$/)
  })

  it('a newer commit landing before the verdict means no rejection and no restore: its job moves the canary forward', async () => {
    const f = (fleet = await Fleet.start({ flavour, tenants: 3, drainMs: 0 }))
    const C = await f.commit('C, which crash-loops')
    f.tenants.crashLoop(C)
    let D = ''
    // D lands the moment C's canary redeploy arrives: C's job then verifies a crash loop, and asks the gate before restoring.
    f.controlPlane.whenRequested(async (call) => {
      if (call.sha === C && !D) D = await f.commit('D, the fix')
    })
    // The redeploy's answer waits for D's commit: a generous request timeout keeps a busy machine from
    // turning that wait into a retry (which the fence would stop, ending the job superseded before any verdict).
    const r = await runAction({ inputs: f.deployInputs({ canary: 'tenant-001', 'settle-budget-seconds': '1', 'request-timeout-seconds': '60' }), env: f.runEnv(C) })

    // Judge only what is still yours: the verdict falls after D owns the branch, so C's job ends
    // superseded, with no rejection recorded (C is not held) and no restore.
    expect(r.exitCode).toBe(0)
    expect(r.outputs.result).toBe('skipped-superseded')
    expect(r.outputs.reason).toContain(D.slice(0, 7))
    const report = r.report as Report & { recordEnd: string }
    expect(report.restore).toBeNull()
    expect(report.recordEnd).toBe('superseded')
    expect(f.controlPlane.calls.map((c) => [c.tenant, c.sha])).toEqual([['tenant-001', C]])
    expect(f.tenants.serving('tenant-001')).toBe(C)
  })
})

describe('canary-failure: hold', () => {
  it("keeps today's behaviour: the canary stays on the rejected build, and the report says it was held", async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, drainMs: 0 }))
    const C = await f.commit('C, which crash-loops')
    f.tenants.crashLoop(C)
    const r = await runAction({ inputs: f.deployInputs({ canary: 'tenant-001', 'settle-budget-seconds': '1', 'canary-failure': 'hold' }), env: f.runEnv(C) })
    expect(r.exitCode).toBe(1)
    expect((r.report as Report).restore).toMatchObject({ outcome: 'held', tenants: [{ tenant: 'tenant-001', action: 'not-sent', to: f.base, detail: 'canary-failure: hold' }] })
    expect(f.controlPlane.calls).toHaveLength(1)
    expect(f.tenants.serving('tenant-001')).toBe(C)
  })

  it('an unknown value is refused before any side effect, naming the input and the expected form', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, drainMs: 0 }))
    const C = await f.commit('C')
    const r = await runAction({ inputs: f.deployInputs({ canary: 'tenant-001', 'canary-failure': 'rollback' }), env: f.runEnv(C) })
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/canary-failure.*rollback.*`restore`, `hold`/)
    expect(f.controlPlane.calls).toEqual([])
  })
})

describe('forward-only everywhere else', () => {
  it('a failing wave is not restored: only a failed canary goes back', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3, drainMs: 0 }))
    const C = await f.commit('C, which crash-loops')
    f.tenants.crashLoop(C)
    // No canary: the first wave fails, halts the rollout, and its tenants stay where this job moved them.
    const r = await runAction({ inputs: f.deployInputs({ 'max-parallel': '2', 'settle-budget-seconds': '1' }), env: f.runEnv(C) })
    expect(r.exitCode).toBe(1)
    expect((r.report as Report).restore).toBeNull()
    expect(f.controlPlane.calls.map((c) => c.sha)).toEqual([C, C])
    expect(f.controlPlane.calls.every((c) => c.sha === C)).toBe(true)
  })
})
