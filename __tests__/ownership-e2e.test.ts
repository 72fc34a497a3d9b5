import { afterEach, describe, expect, it } from '@jest/globals'
import type { ForgeFlavour } from '../simulator/fake-forge.js'
import { Fleet } from '../simulator/fleet.js'
import { runAction } from '../simulator/run-action.js'
import { waitFor } from './support/wait.js'

/**
 * Ownership evidence end to end (docs/ownership-evidence.md), against the built dist/index.js on GitHub
 * and Gitea: no redeploy on a gate answer older than the bound, a misconfigured gate fails closed, an
 * outage from the start fails safe, and an outage mid-rollout holds every side effect until the head is
 * readable again. Newer commits land and outages start on events (a request seen), never after a time.
 */
let fleet: Fleet | undefined
afterEach(async () => {
  await fleet?.close()
  fleet = undefined
})

interface Report {
  result: string
  tenants: { tenant: string; action: string; redeployError: string | null }[]
  counters: { gateChecks: number; gateReads: number }
}

const errors = (stdout: string): string[] =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('::error'))
    .map((l) => l.replace(/^::error[^:]*::/, ''))
const warnings = (stdout: string): string[] =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('::warning'))
    .map((l) => l.replace(/^::warning[^:]*::/, ''))

describe.each<ForgeFlavour>(['github', 'gitea-1.23'])('ownership evidence on %s', (flavour) => {
  it("a pre-flight read that hangs for a request timeout while B's job deploys: A moves nothing backward and ends skipped-superseded", async () => {
    const f = (fleet = await Fleet.start({ flavour, tenants: 2, drainMs: 0 }))
    const A = await f.commit('A')
    // tenant-002 answers A's pre-flight read never: it times out after request-timeout-seconds (the
    // tenant gave no answer, so it would be rolled), which is also the ownership-evidence bound here.
    f.tenants.inject('tenant-002', { hang: true })
    const inputs = f.deployInputs({ 'max-parallel': '2', 'request-timeout-seconds': '3' })
    const aJob = runAction({ inputs, env: f.runEnv(A) })
    await waitFor(() => f.tenants.requests('tenant-002').length > 0, "A's pre-flight read of tenant-002")

    const B = await f.commit('B')
    const b = await runAction({ inputs, env: f.runEnv(B) })
    const a = await aJob
    expect(b.outputs.result).toBe('deployed')

    expect(f.controlPlane.calls.filter((c) => c.tenant === 'tenant-002' && c.sha === A)).toEqual([])
    expect(f.wentBackward(B, A)).toEqual([])
    for (const n of f.names) expect(f.tenants.serving(n)).toBe(B)
    expect(a.exitCode).toBe(0)
    expect(a.outputs).toMatchObject({ result: 'skipped-superseded', superseded: 'true', 'head-sha': B })
    const t2 = (a.report as Report).tenants.find((t) => t.tenant === 'tenant-002')!
    expect(t2.action).toBe('stopped-superseded')
    expect(t2.redeployError).toMatch(/^not sent, because this job is superseded: .*newer commit/)
  }, 60_000)

  it('a refused token stops the job before any redeploy, naming `token`', async () => {
    const f = (fleet = await Fleet.start({ flavour, tenants: 2 }))
    const A = await f.commit('A')
    const r = await runAction({ inputs: f.deployInputs({ token: 'revoked-token-value' }), env: f.runEnv(A) })
    expect(r.exitCode).toBe(1)
    expect(r.outputs.result).toBe('failed')
    expect(f.controlPlane.calls).toEqual([])
    expect(errors(r.stdout)[0]).toMatch(
      /^Input 'token': the forge refused the token \(HTTP 401\): it is empty, expired or revoked\..*The forge answered: GET branch main answered HTTP 401.*Nothing was redeployed, promoted or reported; fix the input/
    )
    // Named once and first: no warning before it (no reporting warning about the same token), no advice to turn the gate off.
    expect(warnings(r.stdout)).toEqual([])
    expect(errors(r.stdout)).toHaveLength(1)
    expect(errors(r.stdout)[0]).not.toMatch(/superseded-check/)
  }, 60_000)

  it('an api-url that is not the forge API stops the job before any redeploy, naming `api-url`', async () => {
    const f = (fleet = await Fleet.start({ flavour, tenants: 2 }))
    const A = await f.commit('A')
    // Gitea: its web root, without /api/v1 (every API path is a web 404 page). GitHub: a server that
    // answers 404 on every route.
    const wrong = flavour === 'github' ? f.tenants.url : f.forge.serverUrl
    const r = await runAction({ inputs: f.deployInputs({ 'api-url': wrong }), env: f.runEnv(A) })
    expect(r.exitCode).toBe(1)
    expect(f.controlPlane.calls).toEqual([])
    expect(errors(r.stdout)[0]).toMatch(
      new RegExp(`^Input 'api-url': it does not answer as the ${flavour === 'github' ? 'GitHub' : 'Gitea'} API: GET .* answered HTTP 404\\. Set \`api-url\` to the REST API root`)
    )
    // Nothing was written to the forge: no record through a URL that is not its API.
    expect(warnings(r.stdout)).toEqual([])
    expect(f.forge.requests.filter((q) => q.method !== 'GET')).toEqual([])
  }, 60_000)

  it('a head-read outage from the start still deploys (fail-safe), loudly', async () => {
    const f = (fleet = await Fleet.start({ flavour, tenants: 3, drainMs: 0 }))
    const A = await f.commit('A')
    f.forge.deny('branch', { status: 503 })
    const r = await runAction({ inputs: f.deployInputs({ canary: 'tenant-001', 'forge-retry-seconds': '1' }), env: f.runEnv(A) })
    expect(r.exitCode).toBe(0)
    expect(r.outputs.result).toBe('deployed')
    for (const n of f.names) expect(f.tenants.serving(n)).toBe(A)
    expect(warnings(r.stdout).some((w) => /could not read the head of main: a forge outage \(HTTP 503\).*Proceeding as if/.test(w))).toBe(true)
    const counters = (r.report as Report).counters
    expect(counters.gateReads).toBeGreaterThanOrEqual(2)
    expect(r.summary).toContain(`${counters.gateChecks} gate check(s) (${counters.gateReads} head read(s))`)
  }, 60_000)

  it('an outage that starts mid-rollout sends nothing until the head is readable again', async () => {
    const f = (fleet = await Fleet.start({ flavour, tenants: 3, drainMs: 0 }))
    const A = await f.commit('A')
    const inputs = f.deployInputs({ canary: 'tenant-001', 'max-parallel': '2', 'forge-retry-seconds': '120' })
    const job = runAction({ inputs, env: f.runEnv(A) })
    await f.controlPlane.until((cp) => cp.calls.length > 0)
    f.forge.deny('branch', { status: 503 })
    const branchReads = f.forge.calls('branch').length
    // Three failed head reads (a wave gate retrying): the rollout is waiting on the outage.
    await waitFor(() => f.forge.calls('branch').length >= branchReads + 3, 'head reads during the outage')
    expect(f.controlPlane.calls.map((c) => c.tenant)).toEqual(['tenant-001'])
    f.forge.clearFaults()
    const r = await job
    expect(r.outputs.result).toBe('deployed')
    expect(f.controlPlane.calls.map((c) => c.tenant).sort()).toEqual(['tenant-001', 'tenant-002', 'tenant-003'])
  }, 90_000)

  it('an outage mid-rollout that outlasts the forge retry budget stops the rollout (failed, naming it); nothing is sent blind', async () => {
    const f = (fleet = await Fleet.start({ flavour, tenants: 3, drainMs: 0 }))
    const A = await f.commit('A')
    const inputs = f.deployInputs({ canary: 'tenant-001', 'max-parallel': '2', 'forge-retry-seconds': '1' })
    const job = runAction({ inputs, env: f.runEnv(A) })
    await f.controlPlane.until((cp) => cp.calls.length > 0)
    f.forge.deny('branch', { status: 503 })
    const r = await job
    expect(r.exitCode).toBe(1)
    expect(r.outputs.result).toBe('failed')
    expect(r.outputs.reason).toMatch(/the head of main, readable earlier in this job, could not be read within the forge retry budget \(a forge outage \(HTTP 503\)/)
    expect(f.controlPlane.calls.map((c) => c.tenant)).toEqual(['tenant-001'])
  }, 60_000)
})
