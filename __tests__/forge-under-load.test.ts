import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Clock, systemClock } from '../src/clock.js'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import { run } from '../src/main.js'
import { PERMISSION_DENIED } from '../simulator/fake-forge.js'
import { HEARTBEAT_MS } from '../src/settings/heartbeat.js'
import { recordVerified } from './support/verified-record.js'
import { Fleet } from '../simulator/fleet.js'
import { secondaryRateLimit } from '../simulator/github-rate-limits.js'
import { parseOutputFile, runAction } from '../simulator/run-action.js'
import { waitFor } from './support/wait.js'

/**
 * The forge under load, as GitHub behaves (REST docs, "Rate limits for the REST API" and "Best practices
 * for using the REST API"): rate limits answered with GitHub's own headers and bodies, answers lost
 * after the write was applied, an older job ending after a newer one, and conditional head reads.
 */
let fleet: Fleet | undefined
let http: HttpClient
let dir: string

beforeAll(async () => {
  http = createHttpClient()
  dir = await mkdtemp(join(tmpdir(), 'rg-load-'))
})
afterAll(async () => {
  await http.close()
  await rm(dir, { recursive: true, force: true })
})
afterEach(async () => {
  await fleet?.close()
  fleet = undefined
  process.exitCode = undefined
})

/**
 * Real time, except a rate limit's long wait (a minute and more, with no signal: the forge client's
 * own retry wait) which returns at once and is recorded: the run waits exactly as long, virtually.
 */
class RateLimitWaitsSkipped implements Clock {
  readonly waits: number[] = []
  private skipped = 0
  now(): number {
    return systemClock.now() + this.skipped
  }
  wall(): number {
    return Date.now() + this.skipped
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    // The heartbeat's wait is a real one (the run's end aborts it); every long wait beside it is a
    // rate limit's, skipped. A retry wait carries the run's cancel signal, so the signal tells them apart no more.
    if (ms < 30_000 || ms === HEARTBEAT_MS || signal?.aborted) return systemClock.sleep(ms, signal)
    this.waits.push(ms)
    this.skipped += ms
  }
}

/** One run through the action's entry point in this process (its clock injectable), with its outputs and report. */
async function inProcess(f: Fleet, inputs: Record<string, string>, sha: string, clock: Clock, runId = 4242): Promise<{ outputs: Record<string, string>; report: Record<string, unknown> }> {
  const output = join(dir, `out-${runId}-${Date.now()}`)
  await writeFile(output, '')
  process.env.GITHUB_OUTPUT = output
  process.env.RUNNER_TEMP = dir
  process.env.GITHUB_STEP_SUMMARY = ''
  const env: Record<string, string> = { ...f.runEnv(sha), GITHUB_RUN_ID: String(runId), GITHUB_RUN_ATTEMPT: '1', GITHUB_RUN_NUMBER: String(runId) }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
  try {
    await run(env, { http, clock })
  } finally {
    spy.mockRestore()
  }
  const outputs = parseOutputFile(await readFile(output, 'utf8'))
  const report = JSON.parse(await readFile(outputs['report-path']!, 'utf8')) as Record<string, unknown>
  return { outputs, report }
}

const lastCheckState = (f: Fleet): unknown[] => f.forge.checkRuns().map((c) => [...c.updates].reverse().find((u) => u.status)?.status ?? c.create.status)

describe('1. a rate limit is not a missing permission', () => {
  it("a secondary rate limit (403, no Retry-After) on the final check-run PATCH is waited out: the check completes, no status fallback 'for lack of checks: write'", async () => {
    const f = (fleet = await Fleet.start({ tenants: 2 }))
    const A = await f.commit('A')
    let armed = false
    f.controlPlane.whenRequested(() => {
      if (!armed) f.forge.inject('check-runs', secondaryRateLimit())
      armed = true
    })
    const clock = new RateLimitWaitsSkipped()
    const { outputs, report } = await inProcess(f, f.deployInputs(), A, clock)
    f.controlPlane.whenRequested(undefined)
    expect(outputs.result).toBe('deployed')
    expect(f.forge.checkRuns()).toHaveLength(1)
    expect(lastCheckState(f)).toEqual(['completed'])
    // "If you don't have a retry-after header … wait for at least one minute."
    expect(clock.waits).toEqual([60_000])
    expect((report.counters as { rateLimitWaits: number }).rateLimitWaits).toBe(0) // the final write comes after the report
  })

  it('the same on the final deployment status: the deployment ends success, not in_progress', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2 }))
    const A = await f.commit('A')
    let armed = false
    f.controlPlane.whenRequested(async () => {
      if (armed) return
      armed = true
      await waitFor(() => (f.forge.deployments()[0]?.statuses.length ?? 0) >= 1, 'the in_progress status')
      f.forge.inject('deployments', secondaryRateLimit({ status: 429 }))
    })
    const clock = new RateLimitWaitsSkipped()
    const { outputs } = await inProcess(f, f.deployInputs({ deployment: 'true' }), A, clock)
    f.controlPlane.whenRequested(undefined)
    expect(outputs.result).toBe('deployed')
    expect(f.forge.deployments()).toHaveLength(1)
    expect(f.forge.deployments()[0]!.statuses.map((s) => s.state)).toEqual(['in_progress', 'success'])
    expect(clock.waits).toEqual([60_000])
  })

  it('reconcile: a secondary rate limit on the record read before wave 2 is waited out, and the run heals the fleet', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2 }))
    const B = await f.commit('B')
    // A deploy of B verified its canary: reconcile heals directly (a head with no such record is canaried first).
    await recordVerified(f, B)
    let armed = false
    f.controlPlane.whenRequested(() => {
      if (!armed) f.forge.inject('check-runs', secondaryRateLimit())
      armed = true
    })
    const clock = new RateLimitWaitsSkipped()
    const { outputs } = await inProcess(f, { ...f.deployInputs({ 'max-parallel': '1' }), mode: 'reconcile' }, B, clock)
    f.controlPlane.whenRequested(undefined)
    expect([outputs.result, outputs.reason]).toEqual(['healed', expect.any(String)])
    expect(JSON.parse(outputs.healed!)).toEqual(['tenant-001', 'tenant-002'])
    expect(clock.waits).toEqual([60_000])
  })
})

describe('a rate limit the job cannot wait out', () => {
  it("stops the job at its first gate, before any redeploy, naming the rate limit: GITHUB_TOKEN's hour spent by other workflows", async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, rateLimit: 1000 }))
    const A = await f.commit('A')
    // Other workflows of the repository spent the token's hour; it resets an hour from now.
    f.forge.primaryLimit.used = 1000
    const r = await runAction({ inputs: f.deployInputs(), env: f.runEnv(A) })
    expect(r.exitCode).toBe(1)
    expect(r.outputs.result).toBe('failed')
    expect(f.controlPlane.calls).toEqual([])
    expect(r.stdout).toMatch(/::error::.*GET branch main: the forge's primary rate limit is spent and lifts in \d+ s, longer than the 900 s this job may wait for it; stopped without sending more/)
    expect((r.report as { tenants: unknown[] }).tenants).toEqual([])
    expect(r.stdout).not.toMatch(/Proceeding as if/)
  })
})

describe('a stop says exactly what it did', () => {
  it('reconcile refused its record read before wave 2 lists the tenant wave 1 redeployed and sets every output', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2 }))
    const B = await f.commit('B')
    // A deploy of B verified its canary: reconcile heals directly (a head with no such record is canaried first).
    await recordVerified(f, B)
    f.controlPlane.whenRequested(() => f.forge.deny('check-runs', PERMISSION_DENIED))
    const { outputs, report } = await inProcess(f, { ...f.deployInputs({ 'max-parallel': '1' }), mode: 'reconcile' }, B, new RateLimitWaitsSkipped())
    f.controlPlane.whenRequested(undefined)
    expect(outputs.result).toBe('failed')
    expect(outputs.reason).toMatch(/^Stopped before wave 2: .*checks: read.*the run stopped before wave 2\. 1 tenant\(s\) were redeployed before it: tenant-001\.$/)
    expect(outputs.reason).not.toMatch(/nothing was redeployed/i)
    expect(JSON.parse(outputs.rolled!)).toEqual(['tenant-001'])
    expect(JSON.parse(outputs.healed!)).toEqual(['tenant-001'])
    expect(JSON.parse(outputs.drifted!)).toHaveLength(2)
    expect((report.tenants as Array<{ tenant: string; action: string }>).map((t) => [t.tenant, t.action])).toEqual([
      ['tenant-001', 'redeployed'],
      ['tenant-002', 'not-started']
    ])
  })

  it('reconcile refused its record read before the promotion lists both tenants it redeployed, promotes nothing, and fails', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2 }))
    const B = await f.commit('B')
    // A deploy of B verified its canary: reconcile heals directly (a head with no such record is canaried first).
    await recordVerified(f, B)
    const script = join(dir, 'retag.sh')
    await writeFile(script, `#!/bin/sh\necho "moved, digest: sha256:${'d'.repeat(64)}"\n`, { mode: 0o755 })
    f.controlPlane.whenRequested(() => f.forge.deny('check-runs', PERMISSION_DENIED))
    const inputs = { ...f.deployInputs({ 'max-parallel': '2', image: 'registry.example.com/acme/app', 'promote-command': `${script} {source} {target}` }), mode: 'reconcile' }
    const { outputs } = await inProcess(f, inputs, B, new RateLimitWaitsSkipped())
    f.controlPlane.whenRequested(undefined)
    expect(outputs.result).toBe('failed')
    expect(outputs.reason).toMatch(/^Stopped before the promotion: .*2 tenant\(s\) were redeployed before it: tenant-001, tenant-002\.$/)
    expect(outputs.promoted).toBe('false')
    expect(JSON.parse(outputs.rolled!)).toEqual(['tenant-001', 'tenant-002'])
    expect(JSON.parse(outputs.healed!)).toEqual(['tenant-001', 'tenant-002'])
  })
})

describe('2. a lost answer neither loses nor doubles a write', () => {
  it('a check run and a deployment whose create answers were lost (502, 504) are found again, not created twice, and both end', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2 }))
    const A = await f.commit('A')
    f.forge.inject('check-runs', { lose: 502 })
    f.forge.inject('deployments', { lose: 504 })
    const r = await runAction({ inputs: f.deployInputs({ deployment: 'true' }), env: f.runEnv(A) })
    expect(r.outputs.result).toBe('deployed')
    expect(f.forge.checkRuns()).toHaveLength(1)
    expect(lastCheckState(f)).toEqual(['completed'])
    expect(f.forge.deployments()).toHaveLength(1)
    expect(f.forge.deployments()[0]!.statuses.map((s) => s.state)).toEqual(['in_progress', 'success'])
    expect(r.stdout).toMatch(/the first attempt had been applied although its answer was lost/)
  })
})

describe('3. deployments tell the truth about what is live', () => {
  it("an older commit's job whose deployment was created late marks its own inactive, and the newer one stays success", async () => {
    const f = (fleet = await Fleet.start({ tenants: 2 }))
    const A = await f.commit('A')
    let release!: () => void
    f.forge.inject('deployments', { wait: new Promise<void>((r) => (release = r)) })
    const older = runAction({ inputs: f.deployInputs({ deployment: 'true' }), env: f.runEnv(A) })
    // A's rollout is over (its check run completed) while its deployment create is still held.
    await waitFor(() => lastCheckState(f)[0] === 'completed', "A's check run completed")
    const B = await f.commit('B')
    const newer = await runAction({ inputs: f.deployInputs({ deployment: 'true' }), env: { ...f.runEnv(B), GITHUB_RUN_ID: '4243' } })
    expect(newer.outputs.result).toBe('deployed')
    release()
    const a = await older
    expect(a.outputs.result).toBe('deployed')
    const bySha = new Map(f.forge.deployments().map((d) => [d.sha, d.statuses.map((s) => s.state)]))
    expect(bySha.get(B)).toEqual(['in_progress', 'success'])
    expect(bySha.get(A)).toEqual(['in_progress', 'inactive'])
  })

  it('a sharded deploy has one deployment for the commit, success once the last shard ends', async () => {
    const f = (fleet = await Fleet.start({ tenants: 4 }))
    const A = await f.commit('A')
    const env = { ...f.runEnv(A), GITHUB_RUN_ID: '5150' }
    const one = await runAction({ inputs: f.deployInputs({ deployment: 'true', shard: '1/2' }), env })
    const two = await runAction({ inputs: f.deployInputs({ deployment: 'true', shard: '2/2' }), env })
    expect([one.outputs.result, two.outputs.result]).toEqual(['deployed', 'deployed'])
    expect(f.forge.deployments()).toHaveLength(1)
    const statuses = f.forge.deployments()[0]!.statuses
    expect(statuses.map((s) => s.state)).toEqual(['in_progress', 'in_progress', 'in_progress', 'success'])
    expect(statuses[1]!.description).toMatch(/^Shard 1\/2 deployed; 1 shard\(s\) still rolling/)
    expect(statuses[3]!.description).toBe(`Deployed by all 2 shards; shard 2/2: ${A.slice(0, 7)} live on 2 of 2 tenants`)
  })

  it('a shard that fails keeps the shared deployment failed, whatever the shards after it do', async () => {
    const f = (fleet = await Fleet.start({ tenants: 4 }))
    const A = await f.commit('A, which crash-loops on the first shard')
    const env = { ...f.runEnv(A), GITHUB_RUN_ID: '5151' }
    f.tenants.crashLoop(A)
    const one = await runAction({ inputs: f.deployInputs({ deployment: 'true', shard: '1/2', 'settle-budget-seconds': '0.5' }), env })
    expect(one.outputs.result).toBe('failed')
    f.tenants.stopCrashLoop(A)
    const two = await runAction({ inputs: f.deployInputs({ deployment: 'true', shard: '2/2' }), env })
    expect(two.outputs.result).toBe('deployed')
    expect(f.forge.deployments()).toHaveLength(1)
    expect(f.forge.deployments()[0]!.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure'])
  })
})

describe('4. freshness is free where the forge allows it', () => {
  it('head reads on GitHub are conditional: the unchanged head answers 304, not charged, and the report shows the budget', async () => {
    const f = (fleet = await Fleet.start({ tenants: 4 }))
    const A = await f.commit('A')
    const r = await runAction({ inputs: f.deployInputs({ 'max-parallel': '1' }), env: f.runEnv(A) })
    expect(r.outputs.result).toBe('deployed')
    const heads = f.forge.calls('branch')
    expect(heads.length).toBeGreaterThan(2)
    // Every read after the first names the ETag it holds.
    expect(heads.slice(1).every((h) => typeof h.headers['if-none-match'] === 'string')).toBe(true)
    expect(f.forge.primaryLimit.notModified).toBe(heads.length - 1)
    const counters = (r.report as { counters: { forgeNotModified: number; forgeRequests: Record<string, number>; rateLimitRemaining: { start: number; end: number } } }).counters
    expect(counters.forgeNotModified).toBe(heads.length - 1)
    expect(counters.forgeRequests['GET branches']).toBe(heads.length)
    expect(counters.rateLimitRemaining.start).toBeGreaterThan(counters.rateLimitRemaining.end)
    expect(r.summary).toMatch(/\| Forge API \| \d+ request\(s\) \(.*GET branches.*\); \d+ answered 304, not counted by the rate limit; rate limit remaining \d+ at the start, \d+ at the end \|/)
  })
})
