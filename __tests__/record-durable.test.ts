import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { createForge } from '../src/forge/factory.js'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import { HttpStatusError, isPermissionFailure } from '../src/http/retry.js'
import { rateLimitKind } from '../src/http/rate-limit.js'
import { attemptsWithin, durably, END_WRITE_MS, pauseAfter, RATE_LIMIT_PAUSE_MS, RUNNING_WRITE_MS } from '../src/record/durable.js'
import { parseStamp } from '../src/record/stamp.js'
import { failuresOf } from '../src/report/failures.js'
import { buildReport, tenantFromVerdict } from '../src/report/model.js'
import { ForgeReporter } from '../src/report/publish/forge-reporter.js'
import type { RunEnd } from '../src/report/publish/types.js'
import { runSummaryMarkdown } from '../src/report/summary.js'
import { parseSettings, type Settings } from '../src/settings/index.js'
import { InstantClock } from '../simulator/clocks.js'
import { FakeForge, type Fault, type ForgeFlavour } from '../simulator/fake-forge.js'
import { GitRepo } from '../simulator/git-repo.js'

/**
 * A deploy's records are durable: an outage or a rate limit at the start or the end is waited out (for
 * a bounded time, the end for at least two minutes), reporting never switches off on one, and a record
 * that still could not be written is said. Against the fake forge in both flavours, on virtual time.
 */
const TOKEN = 'durable-token-1a2b3c'
let repo: GitRepo
let http: HttpClient
let SHA: string
const forges: Partial<Record<ForgeFlavour, FakeForge>> = {}

beforeAll(async () => {
  repo = await GitRepo.create()
  await repo.commit('old')
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
  for (const f of Object.values(forges)) {
    f.clearFaults()
    f.clearLog()
  }
})

/** Instant time, except the heartbeat's long sleep, which lasts until the run ends (its signal aborts). */
class RunClock extends InstantClock {
  override async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms < 300_000) return super.sleep(ms, signal)
    await new Promise<void>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }))
  }
}

function settingsFor(flavour: ForgeFlavour): Settings {
  const forge = forges[flavour]!
  return parseSettings({
    GITHUB_SHA: SHA,
    GITHUB_REPOSITORY: forge.repository,
    GITHUB_API_URL: forge.apiUrl,
    GITHUB_SERVER_URL: forge.serverUrl,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '9',
    GITHUB_WORKFLOW_REF: 'acme/app/.github/workflows/deploy.yml@refs/heads/main',
    INPUT_MODE: 'gate',
    INPUT_TOKEN: TOKEN,
    ...(flavour === 'github' ? {} : { GITEA_ACTIONS: 'true' })
  })
}

/** A deploy's reporter: heartbeat on, stamped with its run, the forge on the short reporting retry budget. */
function deployReporter(flavour: ForgeFlavour, part?: string): { reporter: ForgeReporter; clock: RunClock; warnings: string[]; settings: Settings } {
  const settings = settingsFor(flavour)
  const clock = new RunClock()
  const warnings: string[] = []
  const forge = createForge({ ...settings.forge, retry: { ...settings.forge.retry, maxTotalMs: 10_000 } }, { http, clock, log: () => undefined })
  const reporter = new ForgeReporter(
    forge,
    {
      channel: 'check',
      name: 'rollout-guard/production',
      runUrl: settings.run.runUrl,
      annotationPath: '.github/workflows/deploy.yml',
      mode: 'deploy',
      environment: 'production',
      run: { id: '4242', attempt: 1 },
      heartbeatMs: 300_000,
      part
    },
    { warning: (m) => warnings.push(m), info: () => undefined },
    clock
  )
  return { reporter, clock, warnings, settings }
}

const RELEASE_BEFORE = 'c0ffee'.padEnd(40, '0')

function canaryFailed(settings: Settings): RunEnd {
  const report = buildReport(
    settings,
    { result: 'failed', failure: 'The canary failed' },
    {
      reason: 'The canary failed: tenant-001 stale.',
      startedAt: new Date(),
      phases: [],
      // Still on the release it served before the redeploy: the new build never came up.
      tenants: [tenantFromVerdict({ tenant: 'tenant-001', verdict: 'stale', sha: RELEASE_BEFORE, polls: 3, elapsedMs: 2000, url: '' }, { action: 'redeployed', before: RELEASE_BEFORE })],
      stop: { at: 'canary', maxFailures: 0 }
    },
    new Date()
  )
  return { report, markdown: runSummaryMarkdown(report), failures: failuresOf(report) }
}

/** The end of the deploy's records as the forge holds them now: check run and commit status. */
function ends(f: FakeForge): { check?: string; status?: string } {
  const check = f.flavour === 'github' ? f.checkRuns().at(-1) : undefined
  const lastCheck = check && ([check.create, ...check.updates].at(-1) as { external_id?: string } | undefined)
  const status = f.statuses().at(-1)?.body.description
  return { check: parseStamp(lastCheck?.external_id)?.end, status: parseStamp(status)?.end }
}

const SECONDARY: Fault = { status: 403, body: JSON.stringify({ message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }) }

describe.each<ForgeFlavour>(['github', 'gitea-1.22'])('%s: durable deploy records', (flavour) => {
  it('an outage at the end longer than the forge client retries is waited out: the rejection reaches the commit', async () => {
    const f = forges[flavour]!
    const { reporter, clock, settings } = deployReporter(flavour)
    expect(await reporter.start(SHA)).toBe('recorded')
    // Twenty 503s: four rounds of the client's 10 s of retries, about 40 s of outage.
    const route = flavour === 'github' ? 'check-runs' : 'statuses'
    f.inject(route, ...Array.from({ length: 20 }, () => ({ status: 503 })))
    const t0 = clock.now()
    expect(await reporter.finish(canaryFailed(settings))).toEqual({ written: true })
    expect(clock.now() - t0).toBeLessThanOrEqual(END_WRITE_MS)
    const e = ends(f)
    expect(e.status).toBe('canary-failed')
    if (flavour === 'github') expect(e.check).toBe('canary-failed')
  })

  it('a secondary rate limit (403, no Retry-After) on the first writes never switches reporting off', async () => {
    const f = forges[flavour]!
    const { reporter, clock, warnings, settings } = deployReporter(flavour)
    // On the statuses route the first answer goes to the read before the write (a newer attempt's record
    // is never written over), the second to the write itself.
    if (flavour === 'github') f.inject('check-runs', SECONDARY)
    else f.inject('statuses', SECONDARY, SECONDARY)
    const t0 = clock.now()
    expect(await reporter.start(SHA)).toBe('recorded')
    // Waited a minute, as GitHub asks when it gives no Retry-After.
    expect(clock.now() - t0).toBeGreaterThanOrEqual(RATE_LIMIT_PAUSE_MS)
    f.inject('statuses', SECONDARY, SECONDARY)
    expect(await reporter.finish(canaryFailed(settings))).toEqual({ written: true })
    expect(ends(f).status).toBe('canary-failed')
    expect(warnings.join('\n')).not.toMatch(/permission/)
  })

  it('a record refused for good is said: finish names the record and what reconcile will make of it', async () => {
    const f = forges[flavour]!
    const { reporter, settings, warnings } = deployReporter(flavour)
    f.deny('check-runs')
    f.deny('statuses')
    expect(await reporter.start(SHA)).toBe('unrecorded')
    const end = await reporter.finish(canaryFailed(settings))
    expect(end.written).toBe(false)
    expect(end.reason).toMatch(/^The end record 'rollout-guard\/production' could not be written to \w{7} .*Reconcile cannot see how this deploy ended/)
    expect(warnings.length).toBeGreaterThan(0)
  })
})

describe('github: a check run whose create answer was lost is never created twice', () => {
  // The create is applied and its answer lost (a 502 after the write); every look-up for it then fails
  // until the forge client's own retries run out (a 503 each), so the finding falls to the reporter's next try.
  const lostThenOutage = (outages: number): Fault[] => [{ lose: 502 }, ...Array.from({ length: outages }, () => ({ status: 503 }))]
  const states = (f: FakeForge): string[] => f.checkRuns().map((c) => String([...c.updates].reverse().find((u) => u.status)?.status ?? c.create.status))

  it("the reporter's next try of the running record looks for it first: one check run, completed at the end", async () => {
    const f = forges.github!
    f.inject('check-runs', ...lostThenOutage(12))
    const { reporter, settings } = deployReporter('github')
    expect(await reporter.start(SHA)).toBe('recorded')
    expect(f.checkRuns()).toHaveLength(1)
    expect(await reporter.finish(canaryFailed(settings))).toEqual({ written: true })
    expect(states(f)).toEqual(['completed'])
    expect(ends(f).check).toBe('canary-failed')
  })

  it('a running record given up on is found by the end: the first run is completed, not left in_progress beside a second', async () => {
    const f = forges.github!
    f.inject('check-runs', ...lostThenOutage(10_000))
    const { reporter, settings } = deployReporter('github')
    expect(await reporter.start(SHA)).toBe('unrecorded')
    f.clearFaults()
    expect(await reporter.finish(canaryFailed(settings))).toEqual({ written: true })
    expect(states(f)).toEqual(['completed'])
    expect(ends(f).check).toBe('canary-failed')
  })
})

describe("github: a shard job's running record, its status first", () => {
  const writes = (f: FakeForge): string[] => f.requests.filter((r) => r.method !== 'GET' && (r.route === 'statuses' || r.route === 'check-runs')).map((r) => `${r.method} ${r.route}`)
  const rows: [string, (f: FakeForge) => void, string[], number][] = [
    ['both land: the status, then the check run', () => undefined, ['POST statuses', 'POST check-runs'], 1],
    ['the check run refused for permissions: the status already written is the record, not written again', (f) => f.deny('check-runs'), ['POST statuses', 'POST check-runs'], 1],
    [
      'an outage on the check run: the check run is tried again, the status is not',
      (f) => f.inject('check-runs', ...Array.from({ length: 8 }, () => ({ status: 503 }))),
      ['POST statuses', ...Array.from({ length: 8 }, () => 'POST check-runs'), 'POST check-runs'],
      1
    ]
  ]
  it.each(rows)('%s', async (_case, fault, expected, statuses) => {
    const f = forges.github!
    fault(f)
    const { reporter } = deployReporter('github', '2/4')
    expect(await reporter.start(SHA)).toBe('recorded')
    reporter.stop()
    expect(writes(f).slice(0, expected.length)).toEqual(expected)
    const mine = f.statuses().filter((x) => x.body.context === 'rollout-guard/production')
    expect(mine).toHaveLength(statuses)
    expect(parseStamp(mine[0]!.body.description)).toMatchObject({ end: 'running', part: '2/4' })
  })
})

describe('the retry decision', () => {
  // Built as the HTTP layer builds them: the rate limit an answer reports is read from its headers and body.
  const err = (status: number, body = '', retryAfterMs?: number): HttpStatusError =>
    new HttpStatusError('POST', status, body, retryAfterMs, rateLimitKind(status, retryAfterMs === undefined ? {} : { 'retry-after': String(retryAfterMs / 1000) }, body))
  it.each<[string, HttpStatusError, boolean]>([
    ['401', err(401), true],
    ['403 without a sign', err(403, 'Resource not accessible by integration'), true],
    ['403 naming a secondary rate limit', err(403, 'You have exceeded a secondary rate limit'), false],
    ['403 with Retry-After', err(403, '', 60_000), false],
    ['429', err(429), false],
    ['503', err(503), false],
    ['422', err(422), false]
  ])('%s is a permission failure: %s', (_, e, expected) => {
    expect(isPermissionFailure(e)).toBe(expected)
  })

  it.each<[string, unknown, number, number]>([
    ['a network error, first', new Error('x'), 1, 2_000],
    ['a 503, fifth', err(503), 5, 30_000],
    ['a rate-limited 403 without Retry-After', err(403, 'secondary rate limit'), 1, RATE_LIMIT_PAUSE_MS],
    ['a 429 with Retry-After 90 s', err(429, '', 90_000), 1, 90_000]
  ])('the pause after %s', (_, e, attempt, ms) => {
    expect(pauseAfter(e, attempt)).toBe(ms)
  })

  it('gives up once the next wait would pass the budget, and never retries a refusal', async () => {
    const clock = new InstantClock()
    let calls = 0
    const outage = await durably(
      async () => {
        calls++
        throw err(503)
      },
      { clock, budgetMs: RUNNING_WRITE_MS }
    )
    expect(outage).toMatchObject({ ok: false, why: 'outage' })
    expect(calls).toBe(attemptsWithin(RUNNING_WRITE_MS))
    expect(clock.now()).toBeLessThanOrEqual(RUNNING_WRITE_MS)
    calls = 0
    const refused = await durably(
      async () => {
        calls++
        throw err(403, 'Resource not accessible by integration')
      },
      { clock, budgetMs: END_WRITE_MS }
    )
    expect(refused).toMatchObject({ ok: false, why: 'permission' })
    expect(calls).toBe(1)
  })
})
