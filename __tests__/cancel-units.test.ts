import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { EventEmitter } from 'node:events'
import { Ancestry } from '../src/forge/ancestry.js'
import { createForge } from '../src/forge/factory.js'
import type { Forge } from '../src/forge/types.js'
import { SupersededGate } from '../src/gate/gate.js'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import { failuresOf } from '../src/report/failures.js'
import { buildReport } from '../src/report/model.js'
import { createReporter } from '../src/report/publish/factory.js'
import { ForgeReporter } from '../src/report/publish/forge-reporter.js'
import type { RunEnd } from '../src/report/publish/types.js'
import { runSummaryMarkdown } from '../src/report/summary.js'
import { CANCEL_EXIT_MS, type Cancellation, cancellationOf, CancelledError, END_GRACE_MS, isCancel, listenForCancel } from '../src/runtime/cancel.js'
import { parseSettings, type Settings } from '../src/settings/index.js'
import { FakeForge, type ForgeFlavour } from '../simulator/fake-forge.js'
import { GitRepo } from '../simulator/git-repo.js'
import { VirtualClock } from '../simulator/virtual-clock.js'
import { forgeSettingsFor } from './support/factories.js'
import { waitFor } from './support/wait.js'

/** A timer the test fires by hand: the grace and the overdue exit on virtual time. */
class ManualTimers {
  readonly due: { fn: () => void; ms: number }[] = []
  readonly schedule = (fn: () => void, ms: number): void => void this.due.push({ fn, ms })
  fire(ms: number): void {
    for (const t of this.due.filter((d) => d.ms === ms)) t.fn()
  }
}

describe('listening for a cancel', () => {
  it('the first signal aborts the run; the grace follows it; a second signal is only told', () => {
    const source = new EventEmitter()
    const timers = new ManualTimers()
    const told: [string, boolean][] = []
    let overdue = 0
    const c = listenForCancel(source, { schedule: timers.schedule, onSignal: (n, first) => told.push([n, first]), onOverdue: () => overdue++ })
    expect([c.signal.aborted, c.grace.aborted]).toEqual([false, false])
    source.emit('SIGINT', 'SIGINT')
    expect(c.signal.aborted).toBe(true)
    expect(c.signal.reason).toBeInstanceOf(CancelledError)
    expect((c.signal.reason as CancelledError).by).toBe('SIGINT')
    expect(c.grace.aborted).toBe(false)
    expect(timers.due.map((d) => d.ms).sort((a, b) => a - b)).toEqual([END_GRACE_MS, CANCEL_EXIT_MS])
    source.emit('SIGTERM', 'SIGTERM')
    expect(told).toEqual([
      ['SIGINT', true],
      ['SIGTERM', false]
    ])
    // Still the first cancel's reason; nothing more scheduled.
    expect((c.signal.reason as CancelledError).by).toBe('SIGINT')
    expect(timers.due).toHaveLength(2)
    timers.fire(END_GRACE_MS)
    expect(c.grace.aborted).toBe(true)
    expect(overdue).toBe(0)
    timers.fire(CANCEL_EXIT_MS)
    expect(overdue).toBe(1)
  })

  it('SIGTERM alone (a stopped container) is the cancel', () => {
    const source = new EventEmitter()
    const c = listenForCancel(source, { schedule: () => undefined })
    source.emit('SIGTERM', 'SIGTERM')
    expect((c.signal.reason as CancelledError).by).toBe('SIGTERM')
  })

  it('a signal aborted already starts its grace at once', () => {
    const timers = new ManualTimers()
    const controller = new AbortController()
    controller.abort(new CancelledError('SIGINT'))
    const c = cancellationOf(controller.signal, 1234, timers.schedule)
    expect(timers.due.map((d) => d.ms)).toEqual([1234])
    timers.fire(1234)
    expect(c.grace.aborted).toBe(true)
  })

  it.each<[string, unknown, boolean, boolean]>([
    ['the cancel itself', new CancelledError('SIGINT'), false, true],
    ['a request the cancel stopped', Object.assign(new Error('x'), { code: 'CANCELLED' }), true, true],
    ['a cancelled-request code before any cancel', Object.assign(new Error('x'), { code: 'CANCELLED' }), false, false],
    ['a timeout after the cancel', Object.assign(new Error('x'), { code: 'TIMEOUT' }), true, false],
    ['any failure', new Error('boom'), true, false]
  ])('isCancel: %s', (_label, error, aborted, expected) => {
    const controller = new AbortController()
    if (aborted) controller.abort(new CancelledError('SIGINT'))
    expect(isCancel(error, controller.signal)).toBe(expected)
  })
})

const TOKEN = 'cancel-token-0a1b2c3d'
let repo: GitRepo
let http: HttpClient
let SHA: string
const forges: Partial<Record<ForgeFlavour, FakeForge>> = {}
let release: (() => void) | undefined

beforeAll(async () => {
  repo = await GitRepo.create()
  SHA = await repo.commit('target')
  http = createHttpClient()
  forges.github = await FakeForge.start({ flavour: 'github', repo, token: TOKEN })
  forges['gitea-1.22'] = await FakeForge.start({ flavour: 'gitea-1.22', repo, token: TOKEN })
})
afterAll(async () => {
  await http.close()
  for (const f of Object.values(forges)) await f.close()
  await repo.dispose()
})
afterEach(() => {
  release?.()
  release = undefined
  for (const f of Object.values(forges)) {
    f.clearFaults()
    f.clearLog()
  }
})

function holdNext(f: FakeForge, route: 'branch' | 'statuses' | 'check-runs'): void {
  f.inject(route, { wait: new Promise<void>((resolve) => (release = resolve)) })
}

function runForge(f: FakeForge, clock: VirtualClock, signal: AbortSignal): Forge {
  const kind = f.flavour === 'github' ? 'github' : 'gitea'
  // A request timeout and a retry budget far past any wait here: only the cancel can end a held read.
  const retry = { maxTotalMs: 600_000, baseDelayMs: 500, maxDelayMs: 8_000, maxAttempts: 8 }
  return createForge(forgeSettingsFor(f, { kind, token: TOKEN, requestTimeoutMs: 600_000, retry }), { http, clock, log: () => undefined, signal })
}

describe.each<ForgeFlavour>(['github', 'gitea-1.22'])('%s: a cancel reaches the forge client and the gate', (flavour) => {
  it('a read in flight is aborted, not waited out, and not tried again', async () => {
    const f = forges[flavour]!
    const controller = new AbortController()
    const forge = runForge(f, new VirtualClock(), controller.signal)
    holdNext(f, 'branch')
    const read = forge.branchHead('main')
    await waitFor(() => f.calls('branch').length === 1, 'the head read reaching the forge')
    controller.abort(new CancelledError('SIGINT'))
    const error = await read.then(
      () => undefined,
      (e: unknown) => e
    )
    // Released while the forge still held the connection open (a read waited out would end only when the
    // forge dropped it), and the request itself then given up, not left running behind the caller.
    expect(f.abandoned).toHaveLength(0)
    expect(isCancel(error, controller.signal)).toBe(true)
    await waitFor(() => f.abandoned.length === 1, 'the client closing the held read')
    expect(f.calls('branch')).toHaveLength(1)
  })

  it("a retry's wait is aborted: no second attempt, and virtual time never moved", async () => {
    const f = forges[flavour]!
    const clock = new VirtualClock()
    const controller = new AbortController()
    const forge = runForge(f, clock, controller.signal)
    f.inject('branch', { status: 503 })
    const read = forge.branchHead('main')
    await waitFor(() => clock.pendingTimers === 1, 'the retry wait')
    controller.abort(new CancelledError('SIGINT'))
    const error = await read.then(
      () => undefined,
      (e: unknown) => e
    )
    expect(isCancel(error, controller.signal)).toBe(true)
    expect(f.calls('branch')).toHaveLength(1)
    expect(clock.now()).toBe(0)
  })

  it('a cancelled gate gives no decision (never owner) and reads nothing more', async () => {
    const f = forges[flavour]!
    const controller = new AbortController()
    const clock = new VirtualClock()
    const forge = runForge(f, clock, controller.signal)
    const gate = new SupersededGate(
      forge,
      new Ancestry(forge, clock),
      { sha: SHA, branch: 'main', environment: 'production' },
      { enabled: true, onSuperseded: 'skip', force: false },
      { clock, signal: controller.signal }
    )
    holdNext(f, 'branch')
    const check = gate.check()
    await waitFor(() => f.calls('branch').length === 1, 'the head read reaching the forge')
    controller.abort(new CancelledError('SIGINT'))
    await expect(check).rejects.toBeInstanceOf(CancelledError)
    // Asked again after the cancel: still no answer, and no request.
    await expect(gate.check()).rejects.toBeInstanceOf(CancelledError)
    expect(f.calls('branch')).toHaveLength(1)
    expect(gate.last).toBeUndefined()
  })
})

function gateSettings(f: FakeForge): Settings {
  return parseSettings({
    GITHUB_SHA: SHA,
    GITHUB_REPOSITORY: f.repository,
    GITHUB_API_URL: f.apiUrl,
    GITHUB_SERVER_URL: f.serverUrl,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '9',
    INPUT_MODE: 'gate',
    INPUT_TOKEN: TOKEN,
    ...(f.flavour === 'github' ? {} : { GITEA_ACTIONS: 'true' })
  })
}

function cancelledEnd(settings: Settings): RunEnd {
  const outcome = { result: 'cancelled', failure: 'The run was cancelled by SIGINT.', outputs: {} }
  const report = buildReport(settings, outcome, { reason: outcome.failure, startedAt: new Date(), phases: [], tenants: [] }, new Date())
  return { report, markdown: runSummaryMarkdown(report), failures: failuresOf(report) }
}

function cancelledRun(timers: ManualTimers): { controller: AbortController; cancel: Cancellation } {
  const controller = new AbortController()
  return { controller, cancel: cancellationOf(controller.signal, END_GRACE_MS, timers.schedule) }
}

/** A deploy's reporter as main builds it: the `running` writes on the run's cancel, the end on the grace. */
function deployReporter(f: FakeForge, clock: VirtualClock, cancel: Cancellation, channel: 'check' | 'status' = f.flavour === 'github' ? 'check' : 'status'): ForgeReporter {
  const kind = f.flavour === 'github' ? 'github' : 'gitea'
  // One attempt per write in the client: every wait seen is the durable writer's own, between its writes.
  const retry = { maxTotalMs: 5000, baseDelayMs: 10, maxDelayMs: 10, maxAttempts: 1 }
  const make = (signal: AbortSignal): Forge => createForge(forgeSettingsFor(f, { kind, token: TOKEN, retry }), { http, clock, log: () => undefined, signal })
  const o = { channel, name: 'rollout-guard/production', runUrl: undefined, annotationPath: 'w.yml', mode: 'deploy', environment: 'production' }
  return new ForgeReporter(make(cancel.signal), { ...o, run: { id: '4242', attempt: 1 }, heartbeatMs: 300_000, cancel }, { warning: () => undefined, info: () => undefined }, clock, make(cancel.grace))
}

describe.each<ForgeFlavour>(['github', 'gitea-1.22'])('%s: the end record of a cancelled run', (flavour) => {
  it('is written after the cancel: the records are not sent on the aborted run signal', async () => {
    const f = forges[flavour]!
    const settings = gateSettings(f)
    const { controller, cancel } = cancelledRun(new ManualTimers())
    controller.abort(new CancelledError('SIGINT'))
    const reporter = createReporter(settings, { http, clock: new VirtualClock(), cancel })
    expect(await reporter.finish(cancelledEnd(settings))).toEqual({ written: true })
    const held = JSON.stringify({ checks: f.checkRuns(), statuses: f.statuses() })
    expect(held).toMatch(/rollout-guard gate 4242\.1 cancelled at/)
  })

  it('a deploy: a `running` write the cancel stopped in flight leaves reporting on, and the end is written', async () => {
    const f = forges[flavour]!
    const settings = gateSettings(f)
    const clock = new VirtualClock()
    const { controller, cancel } = cancelledRun(new ManualTimers())
    const reporter = deployReporter(f, clock, cancel)
    const route = flavour === 'github' ? 'check-runs' : 'statuses'
    holdNext(f, route)
    const started = reporter.start(SHA)
    await waitFor(() => f.calls(route).length === 1, 'the running write reaching the forge')
    controller.abort(new CancelledError('SIGINT'))
    expect(await started).toBe('unrecorded')
    expect(await reporter.finish(cancelledEnd(settings))).toEqual({ written: true })
    // The end went where the run's record lives: the check run on GitHub, the status on Gitea.
    const ends = flavour === 'github' ? JSON.stringify(f.checkRuns().map((c) => [c.create, ...c.updates].at(-1))) : JSON.stringify(f.statuses().at(-1))
    expect(ends).toMatch(/rollout-guard deploy 4242\.1 cancelled at/)
  })

  it('a deploy: the `running` write stops at the cancel, and the end gives up when the grace is spent', async () => {
    const f = forges[flavour]!
    const settings = gateSettings(f)
    const clock = new VirtualClock()
    const timers = new ManualTimers()
    const { controller, cancel } = cancelledRun(timers)
    const reporter = deployReporter(f, clock, cancel, 'status')
    // An outage: every status write answers 503, so writes wait between tries on virtual time.
    f.deny('statuses', { status: 503 })
    const started = reporter.start(SHA)
    await waitFor(() => clock.pendingTimers > 0, 'the running write waiting to try again')
    controller.abort(new CancelledError('SIGINT'))
    expect(await started).toBe('unrecorded')
    const before = f.calls('statuses').length
    const finished = reporter.finish(cancelledEnd(settings))
    await waitFor(() => f.calls('statuses').length > before && clock.pendingTimers > 0, 'the end write waiting to try again')
    timers.fire(END_GRACE_MS)
    const end = await finished
    expect(end.written).toBe(false)
    expect(end.reason).toMatch(/could not be written/)
    expect(clock.now()).toBe(0)
  })
})
