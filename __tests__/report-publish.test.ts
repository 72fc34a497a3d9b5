import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { createForge } from '../src/forge/factory.js'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import { failuresOf } from '../src/report/failures.js'
import { buildReport, type ReportTenant, tenantFromVerdict } from '../src/report/model.js'
import { createReporter } from '../src/report/publish/factory.js'
import { ANNOTATIONS_PER_REQUEST, CHECK_SUMMARY_MAX, ForgeReporter } from '../src/report/publish/forge-reporter.js'
import { NO_REPORTER, type RunEnd } from '../src/report/publish/types.js'
import { runSummaryMarkdown } from '../src/report/summary.js'
import { parseSettings, type Settings } from '../src/settings/index.js'
import { InstantClock } from '../simulator/clocks.js'
import { FakeForge, type ForgeFlavour } from '../simulator/fake-forge.js'
import { GitRepo } from '../simulator/git-repo.js'

/** The reporter against the fake forge in both flavours: exact calls, fallbacks, limits, never a throw. */
const TOKEN = 'report-token-0a9b8c7d'
let repo: GitRepo
let http: HttpClient
let OLD: string
let SHA: string
const forges: Partial<Record<ForgeFlavour, FakeForge>> = {}

beforeAll(async () => {
  repo = await GitRepo.create()
  OLD = await repo.commit('old')
  SHA = await repo.commit('target')
  http = createHttpClient()
  forges.github = await FakeForge.start({ flavour: 'github', repo, token: TOKEN })
  forges['gitea-1.23'] = await FakeForge.start({ flavour: 'gitea-1.23', repo, token: TOKEN })
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

function settingsFor(flavour: ForgeFlavour, inputs: Record<string, string> = {}): Settings {
  const forge = forges[flavour]!
  const env: Record<string, string> = {
    GITHUB_SHA: SHA,
    GITHUB_REPOSITORY: forge.repository,
    GITHUB_API_URL: forge.apiUrl,
    GITHUB_SERVER_URL: forge.serverUrl,
    GITHUB_RUN_ID: '77',
    GITHUB_RUN_NUMBER: '9',
    GITHUB_WORKFLOW_REF: 'acme/app/.github/workflows/deploy.yml@refs/heads/main',
    INPUT_MODE: 'gate',
    INPUT_TOKEN: TOKEN,
    ...(flavour === 'github' ? {} : { GITEA_ACTIONS: 'true' })
  }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  return parseSettings(env)
}

function reporterFor(settings: Settings): { reporter: ForgeReporter; warnings: string[]; infos: string[] } {
  const warnings: string[] = []
  const infos: string[] = []
  const forge = createForge({ ...settings.forge, retry: { ...settings.forge.retry, maxTotalMs: 5000 } }, { http, clock: new InstantClock(), log: () => undefined })
  const r = settings.report
  const reporter = new ForgeReporter(
    forge,
    { channel: r.kind === 'check' ? 'check' : 'status', name: r.name, runUrl: settings.run.runUrl, annotationPath: r.annotationPath, mode: settings.mode, environment: settings.target.environment },
    { warning: (m) => warnings.push(m), info: (m) => infos.push(m) }
  )
  return { reporter, warnings, infos }
}

const stale = (i: number): ReportTenant => tenantFromVerdict({ tenant: `t-${String(i).padStart(3, '0')}`, verdict: 'stale', sha: OLD, polls: 3, elapsedMs: 2000, url: '' })

function endOf(settings: Settings, outcome: { result: string; failure?: string }, reason: string, tenants: ReportTenant[] = [], markdown?: string): RunEnd {
  const report = buildReport(settings, outcome, { reason, startedAt: new Date(), phases: [], tenants }, new Date())
  return { report, markdown: markdown ?? runSummaryMarkdown(report), failures: failuresOf(report) }
}

describe('GitHub check run', () => {
  it('is created in_progress at the start and completed with the summary, then annotations in batches of 50', async () => {
    const settings = settingsFor('github')
    const { reporter, warnings } = reporterFor(settings)
    await reporter.start(SHA)
    const tenants = Array.from({ length: 120 }, (_, i) => stale(i + 1))
    const end = endOf(settings, { result: 'failed', failure: '120 failed' }, '120 tenant(s) failed.', tenants)
    await reporter.finish(end)

    const runs = forges.github!.checkRuns()
    expect(runs).toHaveLength(1)
    const runUrl = `${forges.github!.serverUrl}/acme/app/actions/runs/77`
    expect(runs[0]!.create).toEqual({
      head_sha: SHA,
      name: 'rollout-guard/production',
      status: 'in_progress',
      details_url: runUrl,
      output: { title: 'Running: gate, production', summary: expect.stringContaining(`Rollout Guard is running gate for <code>${SHA.slice(0, 7)}</code>`) }
    })
    const [first, second, third] = runs[0]!.updates
    expect(runs[0]!.updates).toHaveLength(3)
    expect(first).toMatchObject({ status: 'completed', conclusion: 'failure', details_url: runUrl, output: { title: 'failed: 120 tenant(s) failed.', summary: end.markdown } })
    expect(typeof first!.completed_at).toBe('string')
    // Later batches only append annotations: no status or conclusion, the same title and summary.
    expect(Object.keys(second!)).toEqual(['output'])
    expect(Object.keys(third!)).toEqual(['output'])
    const batches = runs[0]!.updates.map((u) => (u.output as { annotations: unknown[] }).annotations)
    expect(batches.map((b) => b.length)).toEqual([ANNOTATIONS_PER_REQUEST, ANNOTATIONS_PER_REQUEST, 20])
    expect(batches[0]![0]).toEqual({
      path: '.github/workflows/deploy.yml',
      start_line: 1,
      end_line: 1,
      annotation_level: 'failure',
      title: 'Tenant t-001: stale',
      message: `tenant t-001 is stale: actual=${OLD.slice(0, 7)} expected=${SHA.slice(0, 7)} after 2s, 3 polls`
    })
    expect(batches.flat().map((a) => (a as { title: string }).title)).toEqual(tenants.map((t) => `Tenant ${t.tenant}: stale`))
    expect(forges.github!.calls('statuses')).toEqual([])
    expect(warnings).toEqual([])
  })

  it('a superseded run ends neutral, with the reason as the title', async () => {
    const settings = settingsFor('github')
    const { reporter } = reporterFor(settings)
    await reporter.start(SHA)
    const reason = 'main is at abc1234, a newer commit (1 ahead of def5678); this job is superseded.'
    await reporter.finish(endOf(settings, { result: 'skipped-superseded' }, reason))
    const update = forges.github!.checkRuns().at(-1)!.updates[0]!
    expect(update).toMatchObject({ status: 'completed', conclusion: 'neutral', output: { title: reason } })
    expect(update.output).not.toHaveProperty('annotations')
  })

  it('cuts a summary over 65,535 bytes at a line, with a note', async () => {
    const settings = settingsFor('github')
    const { reporter } = reporterFor(settings)
    await reporter.start(SHA)
    const markdown = Array.from({ length: 2000 }, (_, i) => `| row ${i} | ${'x'.repeat(60)} |`).join('\n')
    expect(markdown.length).toBeGreaterThan(CHECK_SUMMARY_MAX)
    await reporter.finish(endOf(settings, { result: 'owner' }, 'ok', [], markdown))
    const summary = (forges.github!.checkRuns().at(-1)!.updates[0]!.output as { summary: string }).summary
    expect(summary.length).toBeLessThanOrEqual(CHECK_SUMMARY_MAX)
    expect(summary.length).toBeGreaterThan(CHECK_SUMMARY_MAX - 200)
    expect(summary).toMatch(/\n\n_Summary cut to \d+ of 2000 lines: GitHub keeps at most 65,535 bytes in a check\. .*JSON report\._\n$/)
    // Whole lines only: every kept table row is intact.
    const rows = summary.split('\n').filter((l) => l.startsWith('| row'))
    expect(rows.every((l) => /^\| row \d+ \| x{60} \|$/.test(l))).toBe(true)
    expect(markdown.startsWith(rows.join('\n'))).toBe(true)
  })

  it('a verify of 1,000 unreachable tenants completes its check: the summary is cut by UTF-8 bytes, not characters', async () => {
    const settings = settingsFor('github')
    const { reporter, warnings } = reporterFor(settings)
    await reporter.start(SHA)
    // Multi-byte text (a localised error page): fewer than 65,535 UTF-16 units can be far more bytes.
    const tenants = Array.from({ length: 1000 }, (_, i) =>
      tenantFromVerdict({
        tenant: `t-${String(i).padStart(4, '0')}-überprüfung`,
        verdict: 'unreachable',
        polls: 4,
        elapsedMs: 2000,
        url: '',
        lastError: `connect ECONNREFUSED — Dienst nicht verfügbar ✗ ${'ü'.repeat(60)}`
      })
    )
    await reporter.finish(endOf(settings, { result: 'failed', failure: 'x' }, '1000 tenant(s) unreachable.', tenants))
    const run = forges.github!.checkRuns().at(-1)!
    const summary = (run.updates[0]!.output as { summary: string }).summary
    expect(run.updates[0]).toMatchObject({ status: 'completed', conclusion: 'failure' })
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(CHECK_SUMMARY_MAX)
    expect(summary).toMatch(/_Summary cut to \d+ of \d+ lines: GitHub keeps at most 65,535 bytes in a check\./)
    expect(warnings).toEqual([])
  })

  it('a final update refused for any other reason (422) still completes the check, with a short summary', async () => {
    const settings = settingsFor('github')
    const { reporter, warnings } = reporterFor(settings)
    await reporter.start(SHA)
    forges.github!.inject('check-runs', { status: 422, body: JSON.stringify({ message: 'Invalid request.', errors: ['output.summary is invalid'] }) })
    await reporter.finish(endOf(settings, { result: 'failed', failure: 'x' }, '2 tenant(s) failed.', [stale(1), stale(2)]))
    const run = forges.github!.checkRuns().at(-1)!
    expect(run.updates).toHaveLength(1)
    expect(run.updates[0]).toMatchObject({ status: 'completed', conclusion: 'failure' })
    const summary = (run.updates[0]!.output as { summary: string }).summary
    expect(summary.startsWith('**failed**: 2 tenant\\(s\\) failed.\n\nThe full summary could not be attached to this check; it is on the [run page](')).toBe(true)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/could not be completed with the full summary: .*HTTP 422.* It is completed with a short summary instead\.$/)
    expect(forges.github!.statuses()).toEqual([])
  })

  it('a check refused for permissions (403) falls back to a commit status, pending then final', async () => {
    const settings = settingsFor('github')
    const { reporter, warnings } = reporterFor(settings)
    forges.github!.deny('check-runs')
    await reporter.start(SHA)
    await reporter.finish(endOf(settings, { result: 'owner' }, 'main is at the commit of this job.'))
    expect(forges.github!.checkRuns()).toEqual([])
    expect(forges.github!.calls('check-runs')).toHaveLength(1)
    expect(forges.github!.statuses()).toEqual([
      { sha: SHA, body: { state: 'pending', context: 'rollout-guard/production', description: 'Running: gate, production', target_url: settings.run.runUrl } },
      { sha: SHA, body: { state: 'success', context: 'rollout-guard/production', description: 'main is at the commit of this job.', target_url: settings.run.runUrl } }
    ])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /^The check run 'rollout-guard\/production' could not be created: POST check-run rollout-guard\/production answered HTTP 403: .*Resource not accessible by integration.*\. Add `checks: write` to the job's `permissions:`\. The result goes to a commit status instead\. The deploy itself is not affected/
    )
  })

  it('with statuses refused as well, warns once more naming `statuses: write`, and never throws', async () => {
    const settings = settingsFor('github')
    const { reporter, warnings } = reporterFor(settings)
    forges.github!.deny('check-runs')
    forges.github!.deny('statuses')
    await reporter.start(SHA)
    await reporter.finish(endOf(settings, { result: 'failed', failure: 'x' }, 'x'))
    // One status attempt, then reporting stops: the final state is not tried against a known refusal.
    expect(forges.github!.calls('statuses')).toHaveLength(1)
    expect(warnings).toHaveLength(2)
    expect(warnings[1]).toMatch(
      /^The commit status 'rollout-guard\/production' could not be set: .*HTTP 403.*Add `statuses: write` to the job's `permissions:`, or set `report: none`\. The deploy itself is not affected/
    )
  })

  it('a 5xx that outlasts the retries at the start is tried again at the end, as one completed check', async () => {
    const settings = settingsFor('github')
    const { reporter, warnings, infos } = reporterFor(settings)
    forges.github!.deny('check-runs', { status: 502 })
    await reporter.start(SHA)
    expect(forges.github!.calls('check-runs').length).toBeGreaterThan(1)
    expect(infos.join('\n')).toMatch(/trying again at the next heartbeat or when the run ends/)
    expect(warnings).toEqual([])
    forges.github!.clearFaults()
    await reporter.finish(endOf(settings, { result: 'owner' }, 'fine'))
    const runs = forges.github!.checkRuns()
    expect(runs).toHaveLength(1)
    // A 502 may follow an applied create: the end looks for it first, then creates it (nothing was there) and completes it.
    expect(runs[0]!.create).toMatchObject({ head_sha: SHA })
    expect([runs[0]!.create, ...runs[0]!.updates].at(-1)).toMatchObject({ status: 'completed', conclusion: 'success' })
  })

  it('a 5xx at the end is a warning that names the outage (not a permission), and finish still resolves', async () => {
    const settings = settingsFor('github')
    const { reporter, warnings } = reporterFor(settings)
    await reporter.start(SHA)
    forges.github!.deny('check-runs', { status: 503 })
    await expect(reporter.finish(endOf(settings, { result: 'owner' }, 'fine'))).resolves.toEqual({ written: false })
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/could not be completed: .*HTTP 503.* \(after retries\)\. The forge was unavailable \(an outage or a rate limit, not a setting\); nothing to change\./)
  })

  it('a GitHub commit status description stays within 140 characters', async () => {
    const settings = settingsFor('github', { report: 'status' })
    const { reporter } = reporterFor(settings)
    await reporter.start(SHA)
    await reporter.finish(endOf(settings, { result: 'failed', failure: 'x' }, `tenant said: ${'<b>|'.repeat(200)}\nsecond line`))
    const last = forges.github!.statuses().at(-1)!
    expect(last.body.state).toBe('failure')
    expect(Array.from(last.body.description!).length).toBe(140)
    expect(last.body.description).not.toContain('\n')
    expect(forges.github!.calls('check-runs')).toEqual([])
  })
})

describe('Gitea commit status', () => {
  // Gitea's run page is addressed by the run number, never by GITHUB_RUN_ID (a database id).
  const runUrl = (): string => `${forges['gitea-1.23']!.serverUrl}/acme/app/actions/runs/9`

  it.each([
    [{ result: 'owner' }, 'main is at this commit.', 'success', 'main is at this commit.'],
    [{ result: 'failed', failure: 'bad' }, '2 tenant(s) failed.', 'failure', '2 tenant(s) failed.'],
    // Gitea has no neutral: a superseded job succeeded at stepping aside, and the description says so.
    [{ result: 'skipped-superseded' }, 'main moved on.', 'success', 'Superseded: main moved on.']
  ])('%j: pending at the start, then %s', async (outcome, reason, state, description) => {
    const settings = settingsFor('gitea-1.23')
    expect(settings.report.kind).toBe('status')
    const { reporter, warnings } = reporterFor(settings)
    await reporter.start(SHA)
    await reporter.finish(endOf(settings, outcome, reason))
    expect(forges['gitea-1.23']!.statuses()).toEqual([
      { sha: SHA, body: { state: 'pending', context: 'rollout-guard/production', description: 'Running: gate, production', target_url: runUrl() } },
      { sha: SHA, body: { state, context: 'rollout-guard/production', description, target_url: runUrl() } }
    ])
    expect(warnings).toEqual([])
  })

  it('keeps the description within 255 characters', async () => {
    const settings = settingsFor('gitea-1.23')
    const { reporter } = reporterFor(settings)
    await reporter.finish(endOf(settings, { result: 'failed', failure: 'x' }, 'y'.repeat(1000)))
    expect(forges['gitea-1.23']!.statuses().at(-1)!.body.description).toHaveLength(255)
  })

  it('a token without the statuses permission (Gitea 1.26 scopes) is a warning that says what to do', async () => {
    const settings = settingsFor('gitea-1.23')
    const { reporter, warnings } = reporterFor(settings)
    forges['gitea-1.23']!.deny('statuses', { status: 403, body: '{"message":"token does not have at least one of required scope(s): [write:repository]"}' })
    await reporter.start(SHA)
    await reporter.finish(endOf(settings, { result: 'owner' }, 'fine'))
    expect(forges['gitea-1.23']!.calls('statuses')).toHaveLength(1)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/could not be set: .*HTTP 403.*The token needs `statuses: write` .*Gitea 1\.26 token scopes have no statuses scope.*`write:repository`.*`report: none`/)
  })

  it('a finish without a start (reconcile that never read its head) posts the final status alone', async () => {
    const settings = settingsFor('gitea-1.23')
    const { reporter } = reporterFor(settings)
    await reporter.finish(endOf(settings, { result: 'failed', failure: 'x' }, 'the head could not be read'))
    expect(forges['gitea-1.23']!.statuses().map((s) => [s.sha, s.body.state])).toEqual([[SHA, 'failure']])
  })
})

describe('report settings', () => {
  it('report: none reports nothing', () => {
    expect(createReporter(settingsFor('github', { report: 'none' }), { http, clock: new InstantClock() })).toBe(NO_REPORTER)
  })

  it('check-name takes {environment} and {mode}', () => {
    expect(settingsFor('github', { 'check-name': 'deploy/{environment}/{mode}', environment: 'staging' }).report.name).toBe('deploy/staging/gate')
  })

  it.each([
    ['github', { report: 'sometimes' }, /Input 'report' has the value "sometimes"; expected one of `auto`, `check`, `status`, `none`/],
    ['gitea-1.23', { report: 'check' }, /Input 'report' has the value "check"; expected `status`, `none` or `auto` on Gitea, which has no Checks API/],
    ['github', { 'check-name': 'rg/{env}' }, /Input 'check-name' .*unknown: \{env\}/],
    ['github', { 'check-name': 'x'.repeat(101) }, /Input 'check-name' .*at most 100 characters/]
  ] as const)('%s %j is refused before anything runs', (flavour, inputs, message) => {
    expect(() => settingsFor(flavour, inputs)).toThrow(message)
  })

  it('annotations point at the workflow file, or at .github when the runner does not say', () => {
    expect(settingsFor('github').report.annotationPath).toBe('.github/workflows/deploy.yml')
    const env = { GITHUB_SHA: SHA, GITHUB_REPOSITORY: 'acme/app', GITHUB_API_URL: 'https://api.github.com', INPUT_MODE: 'gate' }
    expect(parseSettings(env).report.annotationPath).toBe('.github')
  })
})
