import { afterEach, describe, expect, it } from '@jest/globals'
import { resolve } from 'node:path'
import { Fleet } from '../simulator/fleet.js'
import { runAction } from '../simulator/run-action.js'
import { waitFor } from './support/wait.js'

/** Control-plane faults, command failures, halting, cancellation and bad input, end to end. */
let fleet: Fleet | undefined
afterEach(async () => {
  await fleet?.close()
  fleet = undefined
})

interface Report {
  result: string
  phases: { name: string; outcome: string }[]
  tenants: { tenant: string; action: string; verdict: string; redeployError: string | null; step: string | null }[]
}

const CLI = resolve('simulator/redeploy-cli.mjs')

describe('control-plane faults', () => {
  it('5xx bursts and a 429 with Retry-After are retried; the rollout still succeeds', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3, drainMs: 20 }))
    const B = await f.commit('B')
    f.controlPlane.inject({ status: 502 }, { status: 503 }, { status: 429, headers: { 'retry-after': '0.2' } })
    const r = await runAction({ inputs: f.deployInputs({ 'max-parallel': '1' }), env: f.runEnv(B) })
    expect(r.exitCode).toBe(0)
    expect(r.outputs.result).toBe('deployed')
    expect(f.controlPlane.calls.filter((c) => c.outcome === 'fault')).toHaveLength(3)
    expect(f.controlPlane.applied()).toHaveLength(3)
    // Retry-After is honoured as asked (docs/rate-limits.md), not stretched to the backoff.
    expect(r.stdout).toMatch(/redeploy tenant-001: .*HTTP 429 \(a secondary rate limit\).*retrying in 200 ms/)
    expect(r.stdout).toMatch(/redeploy tenant-001: .*HTTP 502.*retrying in 500 ms/)
  })

  it('a 4xx is not retried: the tenant is redeploy-failed with the status and an excerpt, and the step fails', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3, drainMs: 0 }))
    const B = await f.commit('B')
    f.controlPlane.inject({ status: 422, body: '{"error":"tag staging-x unknown to the control plane"}' })
    const r = await runAction({ inputs: f.deployInputs({ 'max-parallel': '1', 'max-failures': '1' }), env: f.runEnv(B) })
    expect(r.exitCode).toBe(1)
    expect(r.outputs.result).toBe('failed')
    expect(f.controlPlane.calls.filter((c) => c.tenant === 'tenant-001')).toHaveLength(1)
    const t1 = (r.report as Report).tenants.find((t) => t.tenant === 'tenant-001')!
    expect(t1).toMatchObject({ action: 'redeploy-failed', verdict: 'redeploy-failed' })
    expect(t1.redeployError).toMatch(/HTTP 422: \{"error":"tag staging-x unknown/)
    expect(r.stdout).toMatch(/::error title=Tenant tenant-001%3A redeploy-failed::tenant tenant-001 redeploy failed: control plane \(tenant-001\) answered HTTP 422/)
    // max-failures 1 tolerated it: the other tenants were still rolled and verified.
    expect(f.tenants.serving('tenant-002')).toBe(B)
    expect(f.tenants.serving('tenant-003')).toBe(B)
  })

  it('a hanging control plane times out and is retried', async () => {
    const f = (fleet = await Fleet.start({ tenants: 1, drainMs: 0 }))
    const B = await f.commit('B')
    f.controlPlane.inject({ hang: true })
    const r = await runAction({ inputs: f.deployInputs({ 'request-timeout-seconds': '0.5' }), env: f.runEnv(B) })
    expect(r.outputs.result).toBe('deployed')
    expect(f.controlPlane.calls).toHaveLength(2)
  })

  it('sends control-plane-token as a Bearer header and never prints it', async () => {
    const f = (fleet = await Fleet.start({ tenants: 1, drainMs: 0 }))
    const B = await f.commit('B')
    const token = 'cp-secret-token-5544332211'
    f.controlPlane.inject({ status: 403, body: `{"error":"token ${token} lacks deploy scope"}` })
    const r = await runAction({ inputs: f.deployInputs({ 'control-plane-token': token }), env: f.runEnv(B) })
    expect(r.exitCode).toBe(1)
    const visible = [r.stdout.replace(/^::add-mask::.*$/gm, ''), r.summary, JSON.stringify(r.outputs), JSON.stringify(r.report)]
    for (const text of visible) expect(text).not.toContain(token)
    expect(r.stdout).toContain('token *** lacks deploy scope')
  })
})

describe('redeploy-command', () => {
  it('runs the command once per tenant, without a shell, with templated arguments', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3, drainMs: 10 }))
    const B = await f.commit('B')
    const inputs = f.deployInputs({ 'redeploy-url': '', 'redeploy-command': `node ${CLI} ${f.controlPlane.url} {tenant} {sha} "{tag}; echo pwned"` })
    const r = await runAction({ inputs, env: f.runEnv(B) })
    expect(r.exitCode).toBe(0)
    expect(r.outputs.result).toBe('deployed')
    expect(
      f.controlPlane
        .applied()
        .map((c) => c.tenant)
        .sort()
    ).toEqual(f.names)
    // The quoted argument arrived whole: no shell ever saw the `;`.
    expect(f.controlPlane.calls[0]!.tag).toBe(`staging-${B.slice(0, 7)}; echo pwned`)
  })

  it('a non-zero exit fails that tenant with the tail of its stderr', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, drainMs: 0 }))
    const B = await f.commit('B')
    const inputs = f.deployInputs({ 'redeploy-url': '', 'redeploy-command': `node ${CLI} ${f.controlPlane.url} {tenant}-missing {sha}`, 'max-failures': '5' })
    const r = await runAction({ inputs, env: f.runEnv(B) })
    expect(r.exitCode).toBe(1)
    const tenants = (r.report as Report).tenants
    expect(tenants.every((t) => t.action === 'redeploy-failed')).toBe(true)
    expect(tenants[0]!.redeployError).toMatch(/exit code 1: redeploy of tenant-00\d-missing refused: HTTP 400/)
  })
})

describe('halting and cancellation', () => {
  it('halts after the wave that exceeds max-failures; later waves are not started', async () => {
    const f = (fleet = await Fleet.start({ tenants: 6, drainMs: 0 }))
    const B = await f.commit('B')
    f.tenants.setFault('tenant-002', { status: 500 })
    const r = await runAction({ inputs: f.deployInputs({ 'max-parallel': '2', 'settle-budget-seconds': '0.5' }), env: f.runEnv(B) })
    expect(r.exitCode).toBe(1)
    expect(r.outputs.result).toBe('failed')
    expect(r.outputs.reason).toMatch(/more than max-failures \(0\); halted after wave 1, 2 wave\(s\) not started/)
    const report = r.report as Report
    expect(report.tenants.filter((t) => t.action === 'not-started').map((t) => t.tenant)).toEqual(['tenant-003', 'tenant-004', 'tenant-005', 'tenant-006'])
    expect(f.controlPlane.calls.map((c) => c.tenant).sort()).toEqual(['tenant-001', 'tenant-002'])
    expect(r.stdout).toMatch(/::error title=Tenant tenant-002%3A unreachable::tenant tenant-002 is unreachable: actual=none expected=\w{7} after 0.5s/)
  })

  it('a failing canary stops the rollout before the fleet, whatever max-failures says', async () => {
    const f = (fleet = await Fleet.start({ tenants: 4, drainMs: 0 }))
    const B = await f.commit('B')
    f.tenants.setFault('tenant-003', { html: true })
    const r = await runAction({ inputs: f.deployInputs({ canary: 'tenant-003', 'max-failures': '3', 'settle-budget-seconds': '0.3' }), env: f.runEnv(B) })
    expect(r.exitCode).toBe(1)
    expect(r.outputs.reason).toMatch(/The canary failed \(tenant-003 invalid\)/)
    expect(f.controlPlane.calls.map((c) => c.tenant)).toEqual(['tenant-003'])
  })

  it('a cancelled run starts nothing new, writes its report and summary, exits non-zero and never promotes', async () => {
    const f = (fleet = await Fleet.start({ tenants: 6, drainMs: 60_000 }))
    const B = await f.commit('B')
    let out = ''
    const cancel = new AbortController()
    const run = runAction({
      inputs: f.deployInputs({ 'max-parallel': '2', 'settle-budget-seconds': '120', image: '127.0.0.1:1/never/used' }),
      env: f.runEnv(B),
      onStdout: (c) => (out += c),
      signal: cancel.signal
    })
    // Cancel once the first wave's two redeploys were accepted and verification has polled both tenants.
    const polledAfterRedeploy = (t: string): boolean => {
      const sent = f.tenants.deployments(t)[0]
      return sent !== undefined && f.tenants.requests(t).some((q) => q.at >= sent.requestedAt)
    }
    await waitFor(() => polledAfterRedeploy('tenant-001') && polledAfterRedeploy('tenant-002'), 'the first wave settling')
    cancel.abort()
    const r = await run
    expect(out).toMatch(/Received SIGINT/)
    expect(r.exitCode).toBe(1)
    expect(r.outputs).toMatchObject({ result: 'cancelled', promoted: 'false' })
    expect(f.controlPlane.calls.map((c) => c.tenant)).toEqual(['tenant-001', 'tenant-002'])
    expect(r.summary).toMatch(/cancelled/)
    // One line for the tenants cut short, not one error per tenant.
    expect(r.commands.filter((c) => c.command === 'error' && /is stale/.test(c.message))).toEqual([])
    expect(r.stdout).toMatch(/::warning title=Cancelled mid-verification::2 tenant\(s\) were still settling/)
    expect((r.report as Report).result).toBe('cancelled')
  })
})

describe('bad input fails before any side effect', () => {
  it.each([
    [{ 'redeploy-command': 'echo {tenant}' }, /Input 'redeploy-url' .*exactly one of the two/],
    [{ 'redeploy-url': '' }, /Input 'redeploy-url' has the value ""; expected a control-plane URL template, or a `redeploy-command`/],
    [{ canary: 'tenant-999' }, /Input 'canary' .*"tenant-999" is not one of them/],
    [{ 'redeploy-body': '{"tenant": {tenant}}' }, /Input 'redeploy-body' .*a JSON template/],
    [{ 'redeploy-url': 'http://cp/{tenant}/{nope}' }, /Input 'redeploy-url' .*unknown: \{nope\}/],
    [{ 'max-parallel': '0' }, /Input 'max-parallel' has the value "0"; expected a whole number, 1 or more/],
    [{ 'max-failures': '-1' }, /Input 'max-failures'/],
    [{ 'canary-soak-seconds': 'soon' }, /Input 'canary-soak-seconds'/],
    [{ 'redeploy-method': 'DELETE' }, /Input 'redeploy-method'/],
    [{ 'redeploy-url': '', 'redeploy-command': 'deploy "unbalanced' }, /Input 'redeploy-command' .*balanced quotes/]
  ])('%j', async (extra, message) => {
    const f = (fleet = await Fleet.start({ tenants: 2, drainMs: 0 }))
    const B = await f.commit('B')
    const r = await runAction({ inputs: f.deployInputs(extra as Record<string, string>), env: f.runEnv(B) })
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(message)
    expect(f.forge.requests).toEqual([])
    expect(f.controlPlane.calls).toEqual([])
    expect(f.tenants.requests()).toEqual([])
  })
})
