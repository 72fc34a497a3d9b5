import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { Fleet } from '../simulator/fleet.js'
import { nodeRuntime, TESTED_NODE } from '../simulator/node-runtimes.js'
import { LocalRegistry } from '../simulator/registry.js'
import { type ActionRun, runAction } from '../simulator/run-action.js'
import { NODE_VERSION_ACTION } from './support/node-runtime.js'
import { waitFor } from './support/wait.js'

/** The incident and its mirror, replayed against the built dist/index.js on a loopback fleet. */
let fleet: Fleet | undefined
let registry: LocalRegistry | undefined
afterEach(async () => {
  await fleet?.close()
  await registry?.stop()
  fleet = undefined
  registry = undefined
})

// The incident and its mirror under each tested Node release: a Gitea job container's node 20 and
// GitHub's node24 must both keep every guarantee.
describe.each(TESTED_NODE.map((t) => t.major))('the incident, replayed on Node %i', (major) => {
  let node: string
  beforeAll(async () => {
    node = nodeRuntime(major).bin
    const probe = await runAction({ node, dist: NODE_VERSION_ACTION, inputs: {} })
    expect(probe.outputs['node-version']).toMatch(new RegExp(`^${major}\\.`))
  })

  it("A's late job makes no side effect, B ends green, the canary never serves A after B, :latest ends on B", async () => {
    const f = (fleet = await Fleet.start({ tenants: 6, drainMs: 300 }))
    const reg = (registry = await LocalRegistry.start())
    const A = await f.commit('A')
    const B = await f.commit('B')
    await reg.pushImage('acme/app', 'latest', { revision: f.base })
    const imageA = await reg.pushImage('acme/app', `staging-${A.slice(0, 7)}`, { revision: A })
    const imageB = await reg.pushImage('acme/app', `staging-${B.slice(0, 7)}`, { revision: B })
    const inputs = f.deployInputs({ canary: 'tenant-001', 'max-parallel': '3', image: `${reg.host}/acme/app` })

    let bOut = ''
    const bJob = runAction({ node, inputs, env: f.runEnv(B), onStdout: (c) => (bOut += c) })
    // A's job starts after B already owns main and has begun rolling the canary.
    await waitFor(() => f.controlPlane.applied('tenant-001').length > 0, "B's canary redeploy")
    const aJob = runAction({ node, inputs, env: f.runEnv(A) })
    const [b, a] = await Promise.all([bJob, aJob])

    expect(a.exitCode).toBe(0)
    expect(a.outputs).toMatchObject({ result: 'skipped-superseded', superseded: 'true', 'head-sha': B, rolled: '[]', promoted: 'false' })
    expect(a.outputs.reason).toContain(B.slice(0, 7))
    expect(f.controlPlane.calls.filter((c) => c.sha === A)).toEqual([])

    expect(b.exitCode).toBe(0)
    expect(b.outputs.result).toBe('deployed')
    expect(JSON.parse(b.outputs.rolled!)).toHaveLength(6)
    expect(b.outputs.stale).toBe('[]')
    for (const name of f.names) expect(f.tenants.serving(name)).toBe(B)
    expect(f.wentBackward(B, A)).toEqual([])
    expect(f.liveHistory('tenant-001')).toEqual([f.base, B])
    expect(bOut).toMatch(/\[canary\] 1 of 1 on target/)

    // Settle times come from each tenant's own wave, not from the re-reads after the soak and at the end
    // (one poll, settled at once). Each tenant drains 300 ms after its redeploy, so its wave's verification
    // saw the old commit first however late it started on a busy machine (short of 300 ms late).
    const tenants = (b.report as { tenants: { tenant: string; settleSeconds: number; polls: number }[] }).tenants
    for (const t of tenants) {
      expect(t.polls).toBeGreaterThan(1)
      expect(t.settleSeconds).toBeGreaterThan(0)
    }
    expect(b.outputs).toMatchObject({ promoted: 'true', 'promoted-digest': imageB.digest })
    expect(await reg.digestOf('acme/app', 'latest')).toBe(imageB.digest)
    expect(imageA.digest).not.toBe(imageB.digest)
  })

  it('a late A job that somehow got past the gate still cannot move :latest back from B', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, drainMs: 0 }))
    const reg = (registry = await LocalRegistry.start())
    const A = await f.commit('A')
    const B = await f.commit('B')
    await reg.pushImage('acme/app', `staging-${A.slice(0, 7)}`, { revision: A })
    const imageB = await reg.pushImage('acme/app', `staging-${B.slice(0, 7)}`, { revision: B })
    const inputs = f.deployInputs({ image: `${reg.host}/acme/app` })
    expect((await runAction({ node, inputs, env: f.runEnv(B) })).outputs.promoted).toBe('true')
    const late = await runAction({ node, inputs: { ...inputs, 'superseded-check': 'false' }, env: f.runEnv(A) })
    expect(late.outputs).toMatchObject({ result: 'deployed', rolled: '[]', promoted: 'false' })
    expect(late.outputs.reason).toMatch(/latest stays where it is \(forward-only\)/)
    expect(await reg.digestOf('acme/app', 'latest')).toBe(imageB.digest)
  })

  it("the mirror: A's job mid-rollout when B lands steps aside neutral, without reporting B's tenants stale", async () => {
    const f = (fleet = await Fleet.start({ tenants: 6, drainMs: 400 }))
    const A = await f.commit('A')
    const inputs = f.deployInputs({ 'max-parallel': '2' })

    let aOut = ''
    const aJob = runAction({ node, inputs, env: f.runEnv(A), onStdout: (c) => (aOut += c) })
    // B lands while A's first wave is settling; B's job then moves every tenant forward.
    await waitFor(() => f.controlPlane.applied().length >= 2, "A's first wave")
    const B = await f.commit('B')
    const bJob = runAction({ node, inputs, env: f.runEnv(B) })
    const [a, b] = await Promise.all([aJob, bJob])

    expect(a.exitCode).toBe(0)
    expect(a.outputs.result).toBe('skipped-superseded')
    expect(a.outputs.reason).toMatch(new RegExp(`Superseded before wave \\d: .*${B.slice(0, 7)}`))
    expect(a.outputs.stale).toBe('[]')
    expect(a.outputs.promoted).toBe('false')
    expect(aOut).not.toMatch(/::error/)
    // A sent nothing after it saw B own main.
    const noticedAt = f.controlPlane.calls.findIndex((c) => c.sha === B)
    expect(f.controlPlane.calls.slice(noticedAt).filter((c) => c.sha === A).length).toBeLessThanOrEqual(2)

    expect(b.exitCode).toBe(0)
    expect(b.outputs.result).toBe('deployed')
    for (const name of f.names) expect(f.tenants.serving(name)).toBe(B)
    expect(f.wentBackward(B, A)).toEqual([])
  })
})

describe('forward only', () => {
  it('with the gate switched off, an older job still never rolls a tenant backward', async () => {
    const f = (fleet = await Fleet.start({ tenants: 4, drainMs: 0 }))
    const A = await f.commit('A')
    const B = await f.commit('B')
    for (const n of f.names) f.tenants.redeploy(n, B)
    const a = await runAction({ inputs: f.deployInputs({ 'superseded-check': 'false' }), env: f.runEnv(A) })
    expect(a.exitCode).toBe(0)
    expect(a.outputs.result).toBe('deployed')
    expect(a.outputs.rolled).toBe('[]')
    expect(JSON.parse(a.outputs.ahead!)).toHaveLength(4)
    expect(f.controlPlane.calls).toEqual([])
    const report = a.report as { tenants: { action: string }[] }
    expect(report.tenants.every((t) => t.action === 'skipped-ahead')).toBe(true)
  }, 30_000)

  it('re-running a finished deploy is idempotent: nothing is redeployed again', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3, drainMs: 50 }))
    const B = await f.commit('B')
    const first: ActionRun = await runAction({ inputs: f.deployInputs(), env: f.runEnv(B) })
    expect(first.outputs.result).toBe('deployed')
    const calls = f.controlPlane.calls.length
    const again = await runAction({ inputs: f.deployInputs(), env: f.runEnv(B) })
    expect(again.outputs).toMatchObject({ result: 'deployed', rolled: '[]', verified: '3' })
    expect(f.controlPlane.calls.length).toBe(calls)
  })
})
