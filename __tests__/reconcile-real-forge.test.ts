import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Clock } from '../src/clock.js'
import { createForge } from '../src/forge/factory.js'
import type { Forge } from '../src/forge/types.js'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import { run } from '../src/main.js'
import { decideDeployState } from '../src/record/state.js'
import { readDeployRecords } from '../src/record/read.js'
import { createReporter } from '../src/report/publish/factory.js'
import { parseSettings } from '../src/settings/index.js'
import { VirtualClock } from '../simulator/virtual-clock.js'
import { shardOf } from '../src/rollout/shard.js'
import { InstantClock } from '../simulator/clocks.js'
import type { ForgeFlavour } from '../simulator/fake-forge.js'
import { Fleet } from '../simulator/fleet.js'
import { parseOutputFile, runAction } from '../simulator/run-action.js'
import { waitFor } from './support/wait.js'

/**
 * Deploy records against the forges as they really page, cap and forget, with jobs that overlap as
 * they do in production: a hold survives hundreds of scheduled reconciles, a deploy that starts while
 * reconcile rolls stops it, a re-run of one shard never lifts another's hold, and records that cannot
 * be read defer instead of meaning "none".
 */
const NAME = 'rollout-guard/production'
let fleet: Fleet | undefined
let http: HttpClient
let dir: string

beforeAll(async () => {
  http = createHttpClient()
  dir = await mkdtemp(join(tmpdir(), 'rg-real-forge-'))
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

/** A deploy record written the way a deploy writes it, straight through the forge's API. */
async function seed(f: Fleet, sha: string, stamp: string, running: boolean, title: string): Promise<void> {
  const headers = { authorization: `token ${f.token}`, 'content-type': 'application/json' }
  const base = `${f.forge.apiUrl}/repos/${f.forge.repository}`
  const check = running ? { status: 'in_progress' } : { status: 'completed', conclusion: 'failure' }
  const res =
    f.forge.flavour === 'github'
      ? await fetch(`${base}/check-runs`, { method: 'POST', headers, body: JSON.stringify({ name: NAME, head_sha: sha, ...check, external_id: stamp, output: { title, summary: 'x' } }) })
      : await fetch(`${base}/statuses/${sha}`, { method: 'POST', headers, body: JSON.stringify({ state: running ? 'pending' : 'failure', context: NAME, description: `${title} [${stamp}]` }) })
  expect(res.status).toBe(201)
  // On GitHub a deploy's end goes to a commit status of the same name too (it outlives the check-suite window).
  if (f.forge.flavour === 'github' && !running) {
    const status = await fetch(`${base}/statuses/${sha}`, { method: 'POST', headers, body: JSON.stringify({ state: 'failure', context: NAME, description: `${title} [${stamp}]` }) })
    expect(status.status).toBe(201)
  }
}

/**
 * One scheduled reconcile through the action's entry point, in this process: the real forge adapter,
 * reporter and decision against the fake forge, without a process start per run.
 */
async function reconcileInProcess(f: Fleet, head: string, runId: number): Promise<Record<string, string>> {
  const output = join(dir, `out-${runId}`)
  await writeFile(output, '')
  process.env.GITHUB_OUTPUT = output
  process.env.RUNNER_TEMP = dir
  process.env.GITHUB_STEP_SUMMARY = ''
  const env: Record<string, string> = { ...f.runEnv(head), GITHUB_RUN_ID: String(runId), GITHUB_RUN_ATTEMPT: '1', GITHUB_RUN_NUMBER: String(runId) }
  for (const [k, v] of Object.entries(f.deployInputs({ mode: 'reconcile' }))) env[`INPUT_${k.toUpperCase()}`] = v
  await run(env, { http, clock: new InstantClock() })
  const out = parseOutputFile(await readFile(output, 'utf8'))
  await rm(output, { force: true })
  await rm(out['report-path'] ?? join(dir, 'none'), { force: true })
  return out
}

describe.each<ForgeFlavour>(['github', 'gitea-1.22'])('%s: deploy records on a real forge', (flavour) => {
  it('600 scheduled reconciles of a held head keep it held, write one record between them, and redeploy nothing', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3, flavour }))
    const B = await f.commit('B')
    await seed(f, B, 'rollout-guard deploy 4100.1 canary-failed at 1764921600', false, 'The canary failed')
    // A busy commit: CI statuses of many contexts, written over and over.
    f.forge.reports.seedStatuses(
      B,
      Array.from({ length: 2000 }, (_, i) => ({ state: 'success', context: `ci/job-${i % 40}`, description: 'ok' }))
    )
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      for (let i = 0; i < 600; i++) {
        // Every scheduled workflow run opens a check suite of its own on GitHub.
        if (flavour === 'github') f.forge.reports.addCheckSuites(B, 1)
        const out = await reconcileInProcess(f, B, 5000 + i)
        if (out.result !== 'held') throw new Error(`run ${i + 1}: ${out.result}: ${out.reason}`)
      }
      // And past GitHub's 1,000-suite window the deploy's check run is gone; its end status is not.
      if (flavour === 'github') f.forge.reports.addCheckSuites(B, 1000)
      const last = await reconcileInProcess(f, B, 9000)
      expect(last.result).toBe('held')
    } finally {
      spy.mockRestore()
    }
    expect(f.controlPlane.calls).toEqual([])
    const own = flavour === 'github' ? f.forge.checkRuns().filter((c) => c.create.name === `${NAME}/reconcile`) : f.forge.statuses().filter((s) => s.body.context === `${NAME}/reconcile`)
    // Written once, when the verdict first became `held`; every later run found it already said so (on
    // GitHub once more: its own check run, too, left the 1,000-suite window).
    expect(own).toHaveLength(flavour === 'github' ? 2 : 1)
  })

  it('a deploy that starts on the head while reconcile rolls stops reconcile before its next wave', async () => {
    const f = (fleet = await Fleet.start({ tenants: 4, flavour }))
    const B = await f.commit('B')
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    // Reconcile reads the records at its start, before wave 1, and before wave 2: the third read waits at
    // its first request (GitHub: the whole-fleet check run, then shard 1's; Gitea: the status list).
    const [route, perRead] = flavour === 'github' ? (['check-runs', 2] as const) : (['statuses', 1] as const)
    f.forge.inject(route, ...Array.from({ length: 2 * perRead }, () => ({ wait: Promise.resolve() })), { wait: held })
    const reconcile = runAction({ inputs: f.deployInputs({ mode: 'reconcile', 'max-parallel': '1' }), env: { ...f.runEnv(B), GITHUB_RUN_ID: '5000' } })
    await waitFor(() => f.forge.calls(route).filter((c) => c.method === 'GET').length > 2 * perRead, 'reconcile at its wave-2 look at the records')
    expect(f.controlPlane.applied()).toHaveLength(1)
    // A deploy of B starts now (a job queued behind its build) and writes its `running` record.
    await seed(f, B, 'rollout-guard deploy 4300.1 running', true, 'Running: deploy, production')
    release()
    const r = await reconcile
    expect(r.outputs.result).toBe('deferred')
    expect(r.outputs.reason).toMatch(/^The deploy of \w{7} in run 4300 \(attempt 1\) is in progress/)
    expect(f.controlPlane.applied()).toHaveLength(1)
    expect(r.exitCode).toBe(0)
  })

  it('a re-run of shard 2 does not lift the hold shard 1 put on the commit; a re-run of shard 1 does', async () => {
    const f = (fleet = await Fleet.start({ tenants: 6, flavour }))
    const B = await f.commit('B')
    const canary = f.names.find((n) => shardOf(n, 2) === 1)!
    f.tenants.setFault(canary, { status: 503 })
    const job = (shard: number, attempt: number) =>
      runAction({ inputs: f.deployInputs({ canary, shard: `${shard}/2`, 'settle-budget-seconds': '0.5' }), env: { ...f.runEnv(B), GITHUB_RUN_ATTEMPT: String(attempt) } })
    const [one, two] = await Promise.all([job(1, 1), job(2, 1)])
    expect([one.outputs.result, two.outputs.result]).toEqual(['failed', 'deployed'])
    // "Re-run this job" on shard 2 alone: attempt 2, green.
    expect((await job(2, 2)).outputs.result).toBe('deployed')
    const applied = f.controlPlane.applied().length
    const r = await runAction({ inputs: f.deployInputs({ mode: 'reconcile' }), env: { ...f.runEnv(B), GITHUB_RUN_ID: '5000' } })
    expect(r.outputs.result).toBe('held')
    expect(r.outputs.reason).toContain('in run 4242 (attempt 1) (shard 1/2) rejected it: its canary failed')
    expect(f.controlPlane.applied()).toHaveLength(applied)
    // The image is fixed and shard 1 is re-run (attempt 3): its own success lifts its hold.
    f.tenants.setFault(canary, undefined)
    expect((await job(1, 3)).outputs.result).toBe('deployed')
    const after = await runAction({ inputs: f.deployInputs({ mode: 'reconcile' }), env: { ...f.runEnv(B), GITHUB_RUN_ID: '5001' } })
    expect(after.outputs.result).toBe('in-sync')
  })

  it('records that cannot be read (an outage past the retries) defer, counted, and redeploy nothing', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, flavour }))
    const B = await f.commit('B')
    f.forge.deny('statuses', { status: 503 })
    const r = await runAction({ inputs: f.deployInputs({ mode: 'reconcile', 'forge-retry-seconds': '1' }), env: { ...f.runEnv(B), GITHUB_RUN_ID: '5000' } })
    expect(r.outputs.result).toBe('deferred')
    expect(r.outputs.reason).toMatch(/could not be read .*redeploys nothing and the next scheduled run tries again/)
    expect((r.report as { counters: { defers: number } }).counters.defers).toBe(1)
    expect(f.controlPlane.calls).toEqual([])
  })

  it('records refused for permissions fail the step, naming the permission', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, flavour }))
    const B = await f.commit('B')
    f.forge.deny('statuses')
    const r = await runAction({ inputs: f.deployInputs({ mode: 'reconcile' }), env: { ...f.runEnv(B), GITHUB_RUN_ID: '5000' } })
    expect(r.exitCode).toBe(1)
    expect(r.outputs.result).toBe('failed')
    expect(r.commands.find((c) => c.command === 'error')?.message).toMatch(flavour === 'github' ? /`checks: read` and `statuses: read`/ : /read access to the repository's commit statuses/)
    expect(f.controlPlane.calls).toEqual([])
  })

  it('no side effect before the running record is written; one that cannot be written is said loudly, in the summary too', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, flavour }))
    const B = await f.commit('B')
    const route = flavour === 'github' ? 'check-runs' : 'statuses'
    let release!: () => void
    f.forge.inject(route, { wait: new Promise<void>((r) => (release = r)) })
    let out = ''
    const deploy = runAction({ inputs: f.deployInputs(), env: f.runEnv(B), onStdout: (d) => (out += d) })
    await waitFor(() => f.forge.calls(route).length === 1, 'the running record on its way')
    // The gate and the fleet load are done while the record's answer is held; the first redeploy waits for it.
    await waitFor(() => out.includes('tenant(s); canary:'), 'the fleet loaded')
    await fetch(`${f.forge.apiUrl}/repos/${f.forge.repository}/branches/main`, { headers: { authorization: `token ${f.token}` } })
    const releasedAt = performance.now()
    expect(f.controlPlane.calls).toEqual([])
    release()
    expect((await deploy).outputs.result).toBe('deployed')
    expect(f.controlPlane.calls.every((c) => c.receivedAt >= releasedAt)).toBe(true)

    // Now the record cannot be written at all (a write the forge refuses): the deploy still runs, and says so.
    // An outage is retried for a minute first (src/record/durable.ts), which record-durable.test.ts drives
    // on virtual time; this run on the real clock takes the refusal, which ends the attempts at once.
    const C = await f.commit('C')
    // Both channels: on GitHub a check run refused this way falls back to a commit status.
    for (const r of ['check-runs', 'statuses'] as const) f.forge.deny(r, { status: 422, body: '{"message":"Validation Failed"}' })
    const unseen = await runAction({ inputs: f.deployInputs({ 'forge-retry-seconds': '1' }), env: { ...f.runEnv(C), GITHUB_RUN_ID: '4300' } })
    expect(unseen.outputs.result).toBe('deployed')
    expect(unseen.commands.some((c) => c.command === 'warning' && c.message.startsWith('Reconcile cannot see this deploy'))).toBe(true)
    expect(unseen.outputs.reason).toContain(`Reconcile cannot see this deploy: its running record '${NAME}' could not be written`)
    expect(unseen.summary).toContain('Reconcile cannot see this deploy')
    expect(f.forge.calls(route).filter((c) => c.method === 'POST').length).toBeGreaterThanOrEqual(1)
  })

  it('a deploy longer than deploy-timeout-minutes that keeps its heartbeat is never presumed dead, its runner clock 16 minutes behind', async () => {
    const f = (fleet = await Fleet.start({ tenants: 1, flavour }))
    const B = await f.commit('B')
    const vc = new VirtualClock()
    const T0 = Date.parse('2026-12-01T00:00:00Z')
    // The forge keeps virtual time; the deploy's runner is 16 minutes behind it, past the 15-minute timeout.
    f.forge.setClock(() => T0 + vc.now())
    const clock: Clock = { now: () => vc.now(), sleep: (ms, signal) => vc.sleep(ms, signal), wall: () => T0 + vc.now() - 16 * 60_000 }
    const env: Record<string, string> = {
      ...f.runEnv(B),
      GITHUB_RUN_ID: '4242',
      INPUT_MODE: 'deploy',
      INPUT_TOKEN: f.token,
      INPUT_TENANTS: 'a',
      'INPUT_BUILDINFO-URL': 'https://t/{tenant}',
      'INPUT_REDEPLOY-URL': 'https://c/{tenant}'
    }
    const settings = parseSettings(env)
    const real = createForge(settings.forge, { http, clock: { now: () => vc.now(), sleep: (ms, signal) => vc.sleep(ms, signal) }, log: () => undefined })
    // Real requests hold virtual time still while in flight.
    const forge: Forge = {
      kind: real.kind,
      forgeNow: () => real.forgeNow!(),
      branchHead: (b) => vc.track(real.branchHead(b)),
      compare: (b, h) => vc.track(real.compare(b, h)),
      resolveCommit: (r) => vc.track(real.resolveCommit(r)),
      createCommitStatus: (st) => vc.track(real.createCommitStatus(st)),
      latestStatuses: (sha) => vc.track(real.latestStatuses!(sha)),
      checks: real.checks && {
        create: (sha, n, u) => vc.track(real.checks!.create(sha, n, u)),
        update: (id, u) => vc.track(real.checks!.update(id, u)),
        latestByName: (sha, n) => vc.track(real.checks!.latestByName(sha, n))
      }
    }
    const reporter = createReporter(settings, { http, clock, forge })
    const look = async (timeoutMinutes: number) => {
      const records = await vc.run(readDeployRecords(forge, B, { whole: NAME, shard: (i) => `${NAME} (shard ${i})` }))
      // Judged on the forge's time, as the answer to that very read said it.
      return decideDeployState(records, { now: new Date(forge.forgeNow!()!), timeoutMs: timeoutMinutes * 60_000, sha: B, name: NAME })
    }
    expect(await vc.run(reporter.start(B))).toBe('recorded')
    // Seven hours of rollout, looked at every half hour with a 15-minute timeout: live every time.
    for (let h = 0; h < 14; h++) {
      await vc.advance(30 * 60_000)
      const d = await look(15)
      expect(d.action).toBe('deferred')
    }
    expect((await look(15)).reason).toContain('(last heartbeat 2026-12-01T07:00:00.000Z, 0 min ago)')
    // The runner is killed: no more heartbeats. A timeout later, it is presumed dead.
    reporter.stop?.()
    await vc.advance(15 * 60_000)
    expect((await look(15)).action).toBe('presumed-dead')
    expect((await look(16)).action).toBe('deferred')
  })
})
