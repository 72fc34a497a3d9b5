import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { createContext } from '../src/context.js'
import { createForge } from '../src/forge/factory.js'
import type { Forge } from '../src/forge/types.js'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import { runVerifyMode } from '../src/modes/verify-mode.js'
import type { Outcome } from '../src/outcome.js'
import { registerSecret } from '../src/redact.js'
import { concludeRun } from '../src/report/conclude.js'
import { escapeMarkdown } from '../src/report/escape.js'
import type { RunReport } from '../src/report/model.js'
import { writeReport } from '../src/report/write.js'
import { parseSettings } from '../src/settings/index.js'
import { InstantClock } from '../simulator/clocks.js'
import { FakeForge } from '../simulator/fake-forge.js'
import { GitRepo } from '../simulator/git-repo.js'
import { parseOutputFile } from '../simulator/run-action.js'
import { TenantSimulator } from '../simulator/tenants.js'
import { VirtualClock } from '../simulator/virtual-clock.js'

const HOSTILE = '<script>alert(1)</script> | **bold** [x](http://evil) `code`\n# heading'

let repo: GitRepo
let forge: FakeForge
let http: HttpClient
let sim: TenantSimulator
let dir: string
let OLD: string
let TARGET: string
let NEWER: string
const clock = new VirtualClock()

beforeAll(async () => {
  repo = await GitRepo.create()
  OLD = await repo.commit('old')
  TARGET = await repo.commit('target')
  NEWER = await repo.commit('newer')
  forge = await FakeForge.start({ flavour: 'gitea-1.23', repo })
  http = createHttpClient()
  dir = await mkdtemp(join(tmpdir(), 'rg-verify-mode-'))
  sim = await TenantSimulator.start({
    clock,
    tenants: {
      acme: { sha: OLD },
      globex: { sha: OLD, drainMs: 45_000 },
      initech: { sha: NEWER },
      hooli: { sha: OLD, fault: { status: 500, body: HOSTILE } },
      umbrella: { sha: TARGET, fault: { html: true } }
    }
  })
  sim.redeploy('globex', TARGET)
})

afterAll(async () => {
  await sim.close()
  await http.close()
  await forge.close()
  await repo.dispose()
  await rm(dir, { recursive: true, force: true })
})

afterEach(() => {
  // core.setFailed marks the process as failed; the test decides what failure means.
  process.exitCode = undefined
})

/**
 * Runs the mode in this process with virtual time (real requests hold the clock still while in flight),
 * then concludes it as main does: report, summary, outputs.
 */
async function runMode(
  inputs: Record<string, string>,
  opts: { cancelWhen?: (tenantUrl: string) => boolean } = {}
): Promise<{ outcome: Outcome; outputs: Record<string, string>; stdout: string; summary: string }> {
  const summaryFile = join(dir, `summary-${Date.now()}.md`)
  const outputFile = join(dir, `output-${Date.now()}`)
  await writeFile(summaryFile, '')
  await writeFile(outputFile, '')
  const saved = { summary: process.env.GITHUB_STEP_SUMMARY, temp: process.env.RUNNER_TEMP, output: process.env.GITHUB_OUTPUT }
  process.env.GITHUB_STEP_SUMMARY = summaryFile
  process.env.GITHUB_OUTPUT = outputFile
  process.env.RUNNER_TEMP = dir
  const env: Record<string, string> = { GITHUB_SHA: TARGET, GITHUB_REPOSITORY: 'acme/app', GITHUB_API_URL: forge.apiUrl, GITEA_ACTIONS: 'true', GITHUB_RUN_ID: '99', INPUT_MODE: 'verify' }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  const settings = parseSettings(env)
  const realForge = createForge(settings.forge, { http, clock: new InstantClock(), log: () => undefined })
  const trackedForge: Forge = {
    ...realForge,
    kind: realForge.kind,
    branchHead: (b) => realForge.branchHead(b),
    createCommitStatus: (s) => realForge.createCommitStatus(s),
    compare: (b, h) => clock.track(realForge.compare(b, h))
  }
  // Cancels the run as the runner would (SIGINT), on an event: the answer to a chosen request.
  const cancel = new AbortController()
  const trackedHttp: HttpClient = {
    send: (req) =>
      clock.track(
        http.send(req).then((res) => {
          if (opts.cancelWhen?.(String(req.url))) cancel.abort(new Error('cancelled by SIGINT'))
          return res
        })
      ),
    close: async () => undefined
  }
  const lines: string[] = []
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk))
    return true
  })
  try {
    const ctx = createContext(settings, { clock, http: trackedHttp, forge: trackedForge, signal: cancel.signal })
    const startedAt = new Date()
    const outcome = await clock.run(runVerifyMode(ctx))
    await concludeRun(settings, undefined, outcome, startedAt)
    const outputs = parseOutputFile(await readFile(outputFile, 'utf8'))
    return { outcome, outputs, stdout: lines.join(''), summary: await readFile(summaryFile, 'utf8') }
  } finally {
    spy.mockRestore()
    process.env.GITHUB_STEP_SUMMARY = saved.summary
    process.env.GITHUB_OUTPUT = saved.output
    process.env.RUNNER_TEMP = saved.temp
  }
}

describe('mode: verify', () => {
  let result: Awaited<ReturnType<typeof runMode>>
  beforeAll(async () => {
    result = await runMode({ tenants: 'acme globex initech hooli umbrella', 'buildinfo-url': sim.buildinfoTemplate })
  })

  it('fails, counting on-target and ahead tenants as verified', () => {
    expect(result.outcome.result).toBe('failed')
    expect(result.outcome.outputs.verified).toBe('2')
    expect(result.outcome.failure).toBe(`3 of 5 tenants did not settle on ${TARGET.slice(0, 7)} within 240s: acme (stale), hooli (unreachable), umbrella (invalid).`)
  })

  it('prints one error line per failing tenant, in the documented shape', () => {
    const errors = result.stdout.split('\n').filter((l) => l.startsWith('::error'))
    // One per failing tenant, then the step's own failure.
    expect(errors).toHaveLength(4)
    expect(errors[3]).toMatch(/^::error::3 of 5 tenants did not settle/)
    expect(errors[0]).toBe(`::error title=Tenant acme%3A stale::tenant acme is stale: actual=${OLD.slice(0, 7)} expected=${TARGET.slice(0, 7)} after 240s, 13 polls`)
    expect(errors[1]).toMatch(
      new RegExp(`^::error title=Tenant hooli%3A unreachable::tenant hooli is unreachable: actual=none expected=${TARGET.slice(0, 7)} after 240s, 13 polls; last error: HTTP 500: `)
    )
    expect(errors[2]).toContain('tenant umbrella is invalid: actual=none')
    expect(errors[2]).toContain('last error: the answer is an HTML page')
  })

  it('outputs the failing tenants and the tenants ahead as JSON', () => {
    const stale = JSON.parse(result.outcome.outputs.stale!) as Array<{ tenant: string; verdict: string; sha: string | null; polls: number }>
    expect(stale.map((s) => [s.tenant, s.verdict])).toEqual([
      ['acme', 'stale'],
      ['hooli', 'unreachable'],
      ['umbrella', 'invalid']
    ])
    expect(stale[0]).toMatchObject({ sha: OLD, polls: 13 })
    expect(JSON.parse(result.outcome.outputs.ahead!)).toEqual([{ tenant: 'initech', sha: NEWER }])
  })

  it('writes the versioned JSON report under RUNNER_TEMP', async () => {
    const path = result.outputs['report-path']!
    expect(path.startsWith(dir)).toBe(true)
    const report = JSON.parse(await readFile(path, 'utf8')) as RunReport
    expect(report).toMatchObject({
      schema: 'rollout-guard/report',
      schemaVersion: 1,
      mode: 'verify',
      result: 'failed',
      conclusion: 'failure',
      repository: 'acme/app',
      run: { id: '99' },
      target: { sha: TARGET, environment: 'production', branch: 'main', tag: null },
      decision: null,
      verification: { budgetSeconds: 240, intervalSeconds: 20, requestTimeoutSeconds: 10, buildinfoField: 'auto' },
      counts: { total: 5, ok: 2, failed: 3, 'on-target': 1, ahead: 1, stale: 1, unreachable: 1, invalid: 1 }
    })
    expect(report.phases).toEqual([expect.objectContaining({ name: 'verify', outcome: 'failed', detail: '2 of 5 on target or ahead', durationSeconds: 240 })])
    expect(report.tenants.find((t) => t.tenant === 'globex')).toMatchObject({ verdict: 'on-target', ok: true, sha: TARGET, polls: 4, settleSeconds: 60 })
    expect(report.tenants.find((t) => t.tenant === 'acme')).toMatchObject({ verdict: 'stale', ok: false, sha: OLD, settleSeconds: null, elapsedSeconds: 240, step: null, action: null })
  })

  it('summarises failing tenants first, with tenant text escaped', () => {
    const table = result.summary.slice(result.summary.indexOf('### Tenants'))
    const rows = table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Tenant'))
    expect(rows.map((r) => r.split(' | ')[0]!.slice(2))).toEqual(['acme', 'hooli', 'umbrella', 'initech', 'globex'])
    expect(result.summary).not.toContain('<script>')
    expect(result.summary).not.toContain('**bold**')
    expect(result.summary).toContain('&lt;script&gt;')
    // A newline in tenant text must not end the table row.
    expect(rows[1]).toContain('\\# heading')
    // Verify has no steps, actions or "before" SHAs: those columns are left out.
    expect(result.summary).toContain('| Tenant | Verdict | Now | Settled in | Polls | Note |')
    expect(result.summary).toContain(`| globex | ✅ on-target | <code>${TARGET.slice(0, 7)}</code> | 1m 00s | 4 |  |`)
  })

  it('an all-good fleet verifies', async () => {
    const r = await runMode({ tenants: 'globex initech', 'buildinfo-url': sim.buildinfoTemplate })
    expect(r.outcome).toMatchObject({ result: 'verified', outputs: { verified: '2', stale: '[]' } })
    expect(r.outcome.failure).toBeUndefined()
    expect(r.stdout).not.toContain('::error')
  })

  it('reads the tenant list from tenants-url', async () => {
    const r = await runMode({ 'tenants-url': sim.tenantsUrl, 'buildinfo-url': sim.buildinfoTemplate, 'settle-budget-seconds': '40' })
    expect(JSON.parse(r.outcome.outputs.stale!).map((s: { tenant: string }) => s.tenant)).toEqual(['acme', 'hooli', 'umbrella'])
  })
})

describe('a cancelled verify', () => {
  it('reports cancelled (result, reason and summary), not a failure to settle within the budget', async () => {
    const start = clock.now()
    // The run is cancelled once acme (stuck on the old commit) has answered its second poll, 20s in.
    let acmePolls = 0
    const r = await runMode({ tenants: 'initech acme globex', 'buildinfo-url': sim.buildinfoTemplate }, { cancelWhen: (url) => url.includes('/t/acme/') && ++acmePolls === 2 })
    expect(clock.now() - start).toBe(20_000)
    expect(r.outcome.result).toBe('cancelled')
    expect(r.outputs.result).toBe('cancelled')
    expect(r.outcome.failure).toBe(`Verification was cancelled after 20s, before the 240s budget ended: 2 of 3 tenants serve ${TARGET.slice(0, 7)} or a newer commit; not settled yet: acme (stale).`)
    expect(r.outcome.failure).not.toMatch(/did not settle within/)
    const report = JSON.parse(await readFile(r.outputs['report-path']!, 'utf8')) as RunReport
    expect(report).toMatchObject({ result: 'cancelled', conclusion: 'failure', reason: r.outcome.failure })
    expect(report.phases).toEqual([expect.objectContaining({ name: 'verify', outcome: 'cancelled' })])
  })
})

describe('settle-confirmations on the simulator', () => {
  it('a tenant flapping between two replicas (old and new) is verified on one target answer by default, never with 2', async () => {
    sim.add('flappy', { sha: OLD, drain: 'alternate' })
    // Mid-rollout for longer than both runs: each request lands on the old or the new replica in turn.
    sim.redeploy('flappy', TARGET, 10_000_000)
    const once = await runMode({ tenants: 'flappy', 'buildinfo-url': sim.buildinfoTemplate })
    expect(once.outcome.result).toBe('verified')
    const twice = await runMode({ tenants: 'flappy', 'buildinfo-url': sim.buildinfoTemplate, 'settle-confirmations': '2' })
    expect(twice.outcome.result).toBe('failed')
    const [stale] = JSON.parse(twice.outcome.outputs.stale!) as Array<{ tenant: string; verdict: string; polls: number }>
    expect(stale).toMatchObject({ tenant: 'flappy', verdict: 'stale', polls: 13 })
    expect(twice.stdout).toMatch(/tenant flappy is stale: .*; last error: .* (only the last 1 answer was on|at [0-9]+ of 13 polls, never 2 in a row)/)
    expect(new Set(sim.history('flappy').map((h) => h.sha))).toEqual(new Set([OLD, TARGET]))
  })
})

describe('report and summary hygiene', () => {
  it('a secret is blanked in the report file, in every JSON form', async () => {
    registerSecret('tok\\en-secret')
    const report = { schemaVersion: 1, mode: 'verify', run: { id: null }, finishedAt: new Date().toISOString(), tenants: [{ lastError: 'echoed "tok\\en-secret" back' }] } as unknown as RunReport
    const path = await writeReport(report, dir)
    const text = await readFile(path, 'utf8')
    expect(text).not.toContain('secret')
    expect(text).toContain('***')
  })

  it('escapes Markdown and HTML', () => {
    expect(escapeMarkdown('a|b\nc <i>&')).toBe('a\\|b c &lt;i&gt;&amp;')
    expect(escapeMarkdown('[link](x) *e* _u_ `c` @team')).toBe('\\[link\\]\\(x\\) \\*e\\* \\_u\\_ \\`c\\` \\@<!-- -->team')
  })
})
