import { primaryRateLimit } from '../simulator/github-rate-limits.js'
import { afterEach, describe, expect, it } from '@jest/globals'
import type { Fault } from '../simulator/fake-forge.js'
import { Fleet } from '../simulator/fleet.js'
import { runAction } from '../simulator/run-action.js'

/**
 * Unknown ancestry is never taken for "older": a tenant that answers a SHA the forge cannot place
 * relative to the target may be ahead, so it is not rolled (a loud failure) unless `force: true`.
 * The gate is off here so that the pre-flight alone stands between an older job and the fleet.
 */
let fleet: Fleet | undefined
afterEach(async () => {
  await fleet?.close()
  fleet = undefined
})

interface Report {
  tenants: { tenant: string; action: string; verdict: string; redeployError: string | null }[]
}

const compareFailures: [string, Fault][] = [
  ['a 503 outage (retried within forge-retry-seconds, then given up)', { status: 503, body: '{"message":"Service Unavailable"}' }],
  ['a 404 (a token that cannot read a private repository)', { status: 404, body: '{"message":"Not Found"}' }],
  // A rate limit the job may not wait for (a shorter one is waited out: docs/rate-limits.md).
  ['a 403 primary rate limit that resets in an hour', primaryRateLimit(Math.floor(Date.now() / 1000) + 3600)],
  ['a 422 (the forge cannot compare these commits)', { status: 422, body: '{"message":"No common ancestor"}' }]
]

describe('pre-flight with compare failing', () => {
  it.each(compareFailures)(
    '%s: tenants on a newer commit are not rolled back; the job fails loudly',
    async (_name, fault) => {
      const f = (fleet = await Fleet.start({ tenants: 3, drainMs: 0 }))
      const A = await f.commit('A')
      const B = await f.commit('B')
      for (const n of f.names) f.tenants.redeploy(n, B)
      f.forge.deny('compare', fault)
      const a = await runAction({ inputs: f.deployInputs({ 'superseded-check': 'false', 'max-parallel': '3', 'forge-retry-seconds': '1' }), env: f.runEnv(A) })

      expect(f.controlPlane.calls).toEqual([])
      for (const n of f.names) expect(f.tenants.serving(n)).toBe(B)
      expect(a.exitCode).toBe(1)
      expect(a.outputs.result).toBe('failed')
      const tenants = (a.report as Report).tenants
      expect(tenants.map((t) => t.action)).toEqual(['skipped-unknown', 'skipped-unknown', 'skipped-unknown'])
      expect(a.stdout).toMatch(
        new RegExp(`::error title=Tenant tenant-001%3A redeploy-failed::.*not redeployed: it serves ${B.slice(0, 7)}, whose ancestry to ${A.slice(0, 7)} could not be established .*it may be ahead`)
      )
    },
    60_000
  )

  it('with the gate on but the head unreadable (fail-safe: the job proceeds), the pre-flight still holds', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, drainMs: 0 }))
    const A = await f.commit('A')
    const B = await f.commit('B')
    for (const n of f.names) f.tenants.redeploy(n, B)
    f.forge.deny('branch', { status: 503, body: '{"message":"Service Unavailable"}' })
    f.forge.deny('compare', { status: 503, body: '{"message":"Service Unavailable"}' })
    const a = await runAction({ inputs: f.deployInputs({ 'forge-retry-seconds': '1' }), env: f.runEnv(A) })
    expect(a.stdout).toMatch(/could not read the head of main/)
    expect(f.controlPlane.calls).toEqual([])
    for (const n of f.names) expect(f.tenants.serving(n)).toBe(B)
    expect(a.outputs.result).toBe('failed')
    expect((a.report as Report).tenants.map((t) => t.action)).toEqual(['skipped-unknown', 'skipped-unknown'])
  }, 60_000)

  it('force: true rolls a tenant of unknown ancestry anyway', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, drainMs: 0 }))
    const A = await f.commit('A')
    const B = await f.commit('B')
    for (const n of f.names) f.tenants.redeploy(n, B)
    f.forge.deny('compare', { status: 404, body: '{"message":"Not Found"}' })
    const a = await runAction({ inputs: f.deployInputs({ 'superseded-check': 'false', force: 'true' }), env: f.runEnv(A) })
    expect(f.controlPlane.applied().map((c) => c.sha)).toEqual([A, A])
    expect((a.report as Report).tenants.every((t) => t.action === 'redeployed')).toBe(true)
    expect(a.stdout).toMatch(new RegExp(`::warning title=Redeploy forced::tenant-001 serves ${B.slice(0, 7)}, whose ancestry to ${A.slice(0, 7)} is unknown`))
  }, 60_000)

  it('a tenant that gives no answer at all is still rolled: the redeploy may be its fix', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, drainMs: 0 }))
    const B = await f.commit('B')
    f.forge.deny('compare', { status: 404, body: '{"message":"Not Found"}' })
    // Both answer 503 to the pre-flight read, so no ancestry question is asked before rolling them.
    for (const n of f.names) f.tenants.inject(n, { status: 503 })
    const b = await runAction({ inputs: f.deployInputs({ 'superseded-check': 'false' }), env: f.runEnv(B) })
    expect(b.outputs.result).toBe('deployed')
    expect(
      f.controlPlane
        .applied()
        .map((c) => c.tenant)
        .sort()
    ).toEqual(f.names)
  }, 60_000)
})
