import { afterEach, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Fleet } from '../simulator/fleet.js'
import { runAction } from '../simulator/run-action.js'

/** Progressive waves and matrix shards, end to end on the simulator with the bundled action. */
let fleet: Fleet | undefined
let dir: string | undefined
afterEach(async () => {
  await fleet?.close()
  fleet = undefined
  if (dir) await rm(dir, { recursive: true, force: true })
  dir = undefined
})

interface Report {
  result: string
  shard: string | null
  phases: { name: string; outcome: string; detail: string | null }[]
  tenants: { tenant: string; step: string | null; action: string | null; verdict: string }[]
}

describe('progressive waves', () => {
  it('`10%, 50%, 100%` on 60 tenants: waves end at 6, 30 and 60, each named with its size, the gate before each', async () => {
    const f = (fleet = await Fleet.start({ tenants: 60, drainMs: 10 }))
    const B = await f.commit('B')
    const r = await runAction({ inputs: f.deployInputs({ waves: '10%, 50%, 100%', 'max-parallel': '8' }), env: f.runEnv(B) })
    expect(r.outputs.result).toBe('deployed')
    const report = r.report as Report
    const waves = report.phases.filter((p) => /^wave \d$/.test(p.name))
    expect(waves.map((p) => [p.name, p.detail])).toEqual([
      ['wave 1', '6 tenants, to 6 of 60 (10%)'],
      ['wave 2', '24 tenants, to 30 of 60 (50%)'],
      ['wave 3', '30 tenants, to 60 of 60 (100%)']
    ])
    expect(report.phases.map((p) => p.name).filter((n) => n.startsWith('gate'))).toEqual(['gate', 'gate (wave 1)', 'gate (wave 2)', 'gate (wave 3)'])
    const per = (step: string): number => report.tenants.filter((t) => t.step === step).length
    expect([per('wave 1'), per('wave 2'), per('wave 3')]).toEqual([6, 24, 30])
    expect(r.summary).toContain('| wave 2 | ok |')
    expect(r.summary).toContain('| 24 tenants, to 30 of 60 \\(50%\\) |')
    expect(f.controlPlane.applied()).toHaveLength(60)
  })

  it('a tenant is verified as soon as its own redeploy is accepted, not when the slowest of its wave is', async () => {
    // tenant-002's control plane answers 4 s late; tenant-001, in the same wave, is polled meanwhile.
    const f = (fleet = await Fleet.start({ tenants: 2, drainMs: 0, latencyMs: (t) => (t === 'tenant-002' ? 4000 : 0) }))
    const B = await f.commit('B')
    const r = await runAction({ inputs: f.deployInputs({ 'request-timeout-seconds': '10' }), env: f.runEnv(B) })
    expect(r.outputs.result).toBe('deployed')
    const accepted1 = f.tenants.deployments('tenant-001')[0]!.requestedAt
    const accepted2 = f.tenants.deployments('tenant-002')[0]!.requestedAt
    const verifiedEarly = f.tenants.requests().filter((q) => q.tenant === 'tenant-001' && q.at > accepted1 && q.at < accepted2)
    expect(verifiedEarly.length).toBeGreaterThan(0)
  })

  it('waves that the fleet cannot hold are refused before any redeploy, naming the input', async () => {
    const f = (fleet = await Fleet.start({ tenants: 5, drainMs: 0 }))
    const B = await f.commit('B')
    const r = await runAction({ inputs: f.deployInputs({ waves: '2, 10' }), env: f.runEnv(B) })
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/Input 'waves' has the value "2, 10"; expected cumulative steps, strictly increasing and at most the fleet \(5 tenants\).*10 is more than the fleet/)
    expect(f.controlPlane.calls).toHaveLength(0)
  })
})

describe('shards', () => {
  it('four shard jobs at once redeploy every tenant exactly once, and none of them promotes', async () => {
    const f = (fleet = await Fleet.start({ tenants: 40, drainMs: 20 }))
    const B = await f.commit('B')
    dir = await mkdtemp(join(tmpdir(), 'rg-shard-'))
    const marker = join(dir, 'promoted')
    const jobs = [1, 2, 3, 4].map((i) => runAction({ inputs: f.deployInputs({ shard: `${i}/4`, 'max-parallel': '4', 'promote-command': `touch ${marker}` }), env: f.runEnv(B) }))
    const runs = await Promise.all(jobs)
    const seen = new Map<string, number>()
    runs.forEach((r, i) => {
      expect(r.outputs.result).toBe('deployed')
      const report = r.report as Report
      expect(report.shard).toMatch(new RegExp(`^shard ${i + 1} of 4: \\d+ of 40 tenants$`))
      expect(r.summary).toContain(`| Shard | shard ${i + 1} of 4\\: ${report.tenants.length} of 40 tenants |`)
      expect(r.outputs.promoted).toBe('false')
      expect(r.outputs.reason).toMatch(/Not promoted: shard \d of 4: .*promotion is the job after every shard \(mode: promote\)/)
      for (const t of report.tenants) seen.set(t.tenant, (seen.get(t.tenant) ?? 0) + 1)
    })
    expect([...seen.keys()].sort()).toEqual([...f.names].sort())
    expect([...seen.values()].every((n) => n === 1)).toBe(true)
    for (const name of f.names) expect(f.controlPlane.applied(name)).toHaveLength(1)
    for (const name of f.names) expect(f.tenants.serving(name)).toBe(B)
    expect(existsSync(marker)).toBe(false)
    // Each shard job leaves its own record, stamped with its shard, for reconcile to read back one by one.
    const stamps = [...f.forge.reports.checkRuns.values()].map((c) => String(c.updates.at(-1)?.external_id ?? c.create.external_id)).sort()
    expect(stamps.map((s) => s.replace(/ at \d{10} clock forge$/, ''))).toEqual([1, 2, 3, 4].map((i) => `rollout-guard deploy 4242.1 deployed shard ${i}/4`))
  })

  it('verify and reconcile read only their shard', async () => {
    const f = (fleet = await Fleet.start({ tenants: 12, drainMs: 0 }))
    const B = await f.commit('B')
    const verify = await runAction({
      inputs: {
        mode: 'verify',
        token: f.token,
        tenants: f.names.join(','),
        'buildinfo-url': f.tenants.buildinfoTemplate,
        'settle-budget-seconds': '0.3',
        'settle-interval-seconds': '0.1',
        shard: '2/3'
      },
      env: f.runEnv(f.base)
    })
    const vr = verify.report as Report
    expect(verify.outputs.result).toBe('verified')
    expect(vr.shard).toBe(`shard 2 of 3: ${vr.tenants.length} of 12 tenants`)
    expect(vr.tenants.length).toBeLessThan(12)

    const reconcile = await runAction({ inputs: { ...f.deployInputs(), mode: 'reconcile', shard: '2/3' }, env: f.runEnv(B) })
    const rr = reconcile.report as Report
    expect(reconcile.outputs.result).toBe('healed')
    expect(rr.tenants.map((t) => t.tenant).sort()).toEqual(vr.tenants.map((t) => t.tenant).sort())
    expect(
      f.controlPlane
        .applied()
        .map((c) => c.tenant)
        .sort()
    ).toEqual(vr.tenants.map((t) => t.tenant).sort())
  })

  it('a bad shard is refused before anything runs', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, drainMs: 0 }))
    const B = await f.commit('B')
    const r = await runAction({ inputs: f.deployInputs({ shard: '5/4' }), env: f.runEnv(B) })
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/Input 'shard' has the value "5\/4"; expected `i\/n` with whole numbers 1 ≤ i ≤ n/)
    expect(f.controlPlane.calls).toHaveLength(0)
  })
})
