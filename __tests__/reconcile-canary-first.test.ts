import { afterEach, describe, expect, it } from '@jest/globals'
import type { ForgeFlavour } from '../simulator/fake-forge.js'
import { recordVerified } from './support/verified-record.js'
import { Fleet } from '../simulator/fleet.js'
import { type ActionRun, runAction } from '../simulator/run-action.js'

/**
 * Absence of evidence is not consent: a head with no record saying its canary verified is canaried by
 * reconcile first (the first tenant of its first wave, or the `canary` input), end to end against the
 * built dist/index.js on GitHub and on Gitea. A broken build fails that canary, goes back per
 * `canary-failure`, and is held by the next reconcile; a healthy one heals the rest; a head with a
 * verified canary record heals directly.
 */
let fleet: Fleet | undefined
afterEach(async () => {
  await fleet?.close()
  fleet = undefined
})

const NAME = 'rollout-guard/production'

interface Report {
  phases: { name: string; outcome: string }[]
  recordEnd: string
  restore: { outcome: string; tenants: { tenant: string; to: string | null; verified: boolean }[] } | null
}

function reconcile(f: Fleet, head: string, runId: string, extra: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({ inputs: f.deployInputs({ mode: 'reconcile', 'settle-budget-seconds': '1', ...extra }), env: { ...f.runEnv(head), GITHUB_RUN_ID: runId } })
}

/** Writes a deploy's end record the way a deploy does, straight through the forge's API. */
function seedDeployed(f: Fleet, sha: string): Promise<void> {
  return recordVerified(f, sha, '4242')
}

const stepsOf = (r: ActionRun): string[] => (r.report as Report).phases.map((p) => p.name).filter((n) => n === 'canary' || n.startsWith('wave'))

describe.each<ForgeFlavour>(['github', 'gitea-1.22'])('%s: reconcile canaries a head no record verified', (flavour) => {
  it('a broken build fails its canary, goes back, is recorded canary-failed, and the next reconcile holds', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3, flavour }))
    const B = await f.commit('B, which crash-loops')
    f.tenants.crashLoop(B)
    // The fleet's commit was deployed and verified before: the stable release the canary goes back to.
    await seedDeployed(f, f.base)

    const r = await reconcile(f, B, '5000')
    expect(r.outputs.result).toBe('failed')
    expect(r.outputs.reason).toMatch(/^The canary failed \(tenant-001 (stale|unreachable)\); the rest of the fleet was not touched\. Restored the canary/)
    expect(r.commands.some((c) => c.command === 'notice' && c.message.includes(`No record says a canary of ${B.slice(0, 7)} verified`))).toBe(true)
    // Only the canary moved: to B, and back to where it was.
    expect(f.controlPlane.applied().map((c) => [c.tenant, c.sha])).toEqual([
      ['tenant-001', B],
      ['tenant-001', f.base]
    ])
    expect(f.names.map((n) => f.tenants.serving(n))).toEqual([f.base, f.base, f.base])
    const report = r.report as Report
    expect(report.recordEnd).toBe('canary-failed')
    expect(report.restore).toMatchObject({ outcome: 'restored', tenants: [{ tenant: 'tenant-001', to: f.base, verified: true }] })
    // Its own record, in the combined status: what the next reconcile reads.
    const own = f.forge.statuses().filter((s) => s.body.context === `${NAME}/reconcile`)
    expect(own.at(-1)?.body.description).toMatch(/\[rollout-guard reconcile 5000\.1 canary-failed at \d+ clock forge verdict failed restore restored:1\/1\]$/)

    const next = await reconcile(f, B, '5001')
    expect(next.outputs.result).toBe('held')
    expect(next.exitCode).toBe(0)
    expect(next.outputs.reason).toMatch(new RegExp(`^Held: the reconcile of ${B.slice(0, 7)} in run 5000 \\(attempt 1\\) rejected it: its canary failed`))
    expect(f.controlPlane.applied()).toHaveLength(2)
    // The hold is not written over: a third reconcile holds as well.
    const third = await reconcile(f, B, '5002')
    expect(third.outputs.result).toBe('held')
    expect(f.controlPlane.applied()).toHaveLength(2)
  })

  it('a healthy build: the canary is verified first, then the rest is healed', async () => {
    const f = (fleet = await Fleet.start({ tenants: 4, flavour }))
    const B = await f.commit('B')
    const r = await reconcile(f, B, '5000', { 'max-parallel': '2' })
    expect(r.outputs.result).toBe('healed')
    expect(stepsOf(r)).toEqual(['canary', 'wave 1', 'wave 2'])
    expect(f.controlPlane.applied()[0]?.tenant).toBe('tenant-001')
    expect(f.names.map((n) => f.tenants.serving(n))).toEqual([B, B, B, B])
    expect(JSON.parse(r.outputs.healed!)).toEqual(f.names)
  })

  it('the `canary` input names the canary, an in-sync one is verified where it is', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3, flavour }))
    const B = await f.commit('B')
    f.tenants.redeploy('tenant-003', B, 0)
    const r = await reconcile(f, B, '5000', { canary: 'tenant-003' })
    expect(r.outputs.result).toBe('healed')
    expect(stepsOf(r)).toEqual(['canary', 'wave 1'])
    expect(f.controlPlane.applied().map((c) => c.tenant)).toEqual(['tenant-001', 'tenant-002'])
    expect(JSON.parse(r.outputs.healed!)).toEqual(['tenant-001', 'tenant-002'])
  })

  it('a head with a verified canary record heals directly', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3, flavour }))
    const B = await f.commit('B')
    await seedDeployed(f, B)
    const r = await reconcile(f, B, '5000')
    expect(r.outputs.result).toBe('healed')
    expect(stepsOf(r)).toEqual(['wave 1'])
  })
})
