import { afterEach, describe, expect, it } from '@jest/globals'
import { Fleet } from '../simulator/fleet.js'
import { runAction } from '../simulator/run-action.js'

/**
 * Every redeploy attempt is sent only while the job still owns the branch: a retry that follows a wait
 * asks the gate again, and the first redeploy does not trust a gate answer taken before the fleet loaded.
 * Each newer commit lands on an event the simulator reports (a request seen), never after a duration.
 */
let fleet: Fleet | undefined
afterEach(async () => {
  await fleet?.close()
  fleet = undefined
})

interface Report {
  result: string
  tenants: { tenant: string; action: string; redeployError: string | null }[]
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

describe('a newer commit lands while a redeploy waits to be retried', () => {
  it("A's retry after a 503 + Retry-After is never sent once B owns the branch; no tenant goes B → A", async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, drainMs: 0 }))
    const A = await f.commit('A')
    const released = deferred()
    // A's first redeploy fails with 503 + Retry-After, answered only once B has landed: A's retry is due
    // after B owns main. (A generous request timeout: on a busy machine the held answer must not time out.)
    f.controlPlane.inject({ status: 503, headers: { 'retry-after': '1' }, until: released.promise })
    const inputs = f.deployInputs({ canary: 'tenant-001', 'request-timeout-seconds': '60' })
    const aJob = runAction({ inputs, env: f.runEnv(A) })
    await f.controlPlane.until((cp) => cp.calls.some((c) => c.sha === A))

    const B = await f.commit('B')
    released.resolve()
    const [a, b] = await Promise.all([aJob, runAction({ inputs, env: f.runEnv(B) })])
    expect(b.outputs.result).toBe('deployed')

    expect(f.controlPlane.calls.filter((c) => c.sha === A)).toHaveLength(1)
    expect(f.controlPlane.applied().filter((c) => c.sha === A)).toEqual([])
    for (const n of f.names) expect(f.tenants.serving(n)).toBe(B)
    expect(f.wentBackward(B, A)).toEqual([])

    expect(a.exitCode).toBe(0)
    expect(a.outputs).toMatchObject({ result: 'skipped-superseded', superseded: 'true', 'head-sha': B, promoted: 'false' })
    expect(a.outputs.reason).toMatch(new RegExp(`Superseded during canary: .*${B.slice(0, 7)}`))
    const canary = (a.report as Report).tenants.find((t) => t.tenant === 'tenant-001')!
    expect(canary.action).toBe('stopped-superseded')
    expect(canary.redeployError).toMatch(/HTTP 503.*; not retried, because this job is superseded: .*newer commit/)
    expect(a.stdout).not.toMatch(/::error/)
  }, 60_000)

  it('the first redeploy asks the gate again after a slow tenants-url: B landed during the load, A sends nothing', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3, drainMs: 0 }))
    const A = await f.commit('A')
    const loaded = deferred()
    f.controlPlane.holdTenants(loaded.promise)
    const inputs = f.deployInputs({ tenants: '', 'tenants-url': f.controlPlane.tenantsUrl })
    const aJob = runAction({ inputs, env: f.runEnv(A) })
    await f.controlPlane.until((cp) => cp.tenantsRequests > 0)
    const B = await f.commit('B')
    loaded.resolve()
    const a = await aJob

    expect(a.exitCode).toBe(0)
    expect(a.outputs).toMatchObject({ result: 'skipped-superseded', 'head-sha': B })
    expect(a.outputs.reason).toMatch(/Superseded before the first redeploy/)
    expect(f.controlPlane.calls).toEqual([])
  }, 60_000)
})
