import { afterEach, describe, expect, it } from '@jest/globals'
import { parseStamp } from '../src/record/stamp.js'
import type { RunReport } from '../src/report/model.js'
import { Fleet } from '../simulator/fleet.js'
import { type ActionRun, runAction } from '../simulator/run-action.js'

/**
 * The built action on a loopback fleet, as a runner runs it: what lands on the commit (check run or
 * commit status), in the job summary and in the JSON report, on GitHub and on Gitea.
 */
let fleet: Fleet | undefined
afterEach(async () => {
  await fleet?.close()
  fleet = undefined
})

const HOSTILE = '<script>alert(1)</script> | **bold** [x](http://evil)\n# heading'
/** GitHub addresses the run by GITHUB_RUN_ID (4242 in runAction); Gitea by GITHUB_RUN_NUMBER (17). */
const runUrl = (f: Fleet): string => `${f.forge.serverUrl}/acme/app/actions/runs/${f.forge.flavour === 'github' ? 4242 : 17}`
const warnings = (r: ActionRun): string[] => r.commands.filter((c) => c.command === 'warning').map((c) => c.message)

/** Polls for an event; the bound only turns a hang into a failed assertion, so it is generous. */
function waitFor(predicate: () => boolean, timeoutMs = 90_000): Promise<boolean> {
  const until = Date.now() + timeoutMs
  return new Promise((resolve) => {
    const tick = (): void => {
      if (predicate()) resolve(true)
      else if (Date.now() > until) resolve(false)
      else setTimeout(tick, 20)
    }
    tick()
  })
}

describe('GitHub: a check run on the commit', () => {
  it('a deploy creates it in_progress and completes it success, with the job summary as its output', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3 }))
    const B = await f.commit('B')
    const r = await runAction({ inputs: f.deployInputs(), env: { ...f.runEnv(B), GITHUB_WORKFLOW_REF: 'acme/app/.github/workflows/cd.yml@refs/heads/main' } })
    expect(r.exitCode).toBe(0)
    expect(r.outputs.result).toBe('deployed')
    const runs = f.forge.checkRuns()
    expect(runs).toHaveLength(1)
    expect(runs[0]!.create).toMatchObject({
      head_sha: B,
      name: 'rollout-guard/production',
      status: 'in_progress',
      details_url: runUrl(f),
      external_id: expect.stringMatching(/^rollout-guard deploy 4242\.1 running$/)
    })
    expect(runs[0]!.updates).toHaveLength(1)
    const done = runs[0]!.updates[0]!
    expect(done).toMatchObject({
      status: 'completed',
      conclusion: 'success',
      details_url: runUrl(f),
      external_id: expect.stringMatching(/^rollout-guard deploy 4242\.1 deployed at \d{10} clock forge$/),
      output: { title: `deployed: ${r.outputs.reason}` }
    })
    expect((done.output as { summary: string }).summary).toBe(r.summary)
    expect(r.summary).toMatch(/^## ✅ Rollout Guard deploy, production: deployed/)
    // Its end goes to a commit status of the same name too: it outlives GitHub's 1,000-check-suite window.
    // The same record: its stamp but for `at`, the forge's second at each write (a second may pass between the two).
    const record = (text: string | null | undefined) => {
      const { at: _at, ...rest } = parseStamp(text) ?? {}
      return rest
    }
    const statuses = f.forge.statuses()
    expect(statuses.map((s) => [s.body.state, s.body.context])).toEqual([['success', 'rollout-guard/production']])
    expect(record(/\[([^\]]+)\]$/.exec(statuses[0]!.body.description ?? '')?.[1])).toEqual(record(String(done.external_id)))
    expect(record(String(done.external_id))).toMatchObject({ mode: 'deploy', end: 'deployed' })
    expect(warnings(r)).toEqual([])
    expect((r.report as RunReport).conclusion).toBe('success')
  })

  it('starts the check once the first gate read went through, not before it, and the deploy waits for it', async () => {
    const f = (fleet = await Fleet.start({ tenants: 1 }))
    const B = await f.commit('B')
    let release!: () => void
    f.forge.inject('check-runs', { wait: new Promise<void>((done) => (release = done)) })
    const run = runAction({ inputs: f.deployInputs(), env: f.runEnv(B) })
    const created = await waitFor(() => f.forge.calls('check-runs').length > 0)
    // The check run went out only after the gate had read the branch (the token and api-url work)...
    const first = f.forge.requests.findIndex((q) => q.route === 'check-runs')
    expect(created).toBe(true)
    expect(f.forge.requests.slice(0, first).some((q) => q.route === 'branch')).toBe(true)
    // ...and no tenant is redeployed while its record is held.
    expect(f.controlPlane.calls).toEqual([])
    release()
    const r = await run
    expect(r.outputs.result).toBe('deployed')
    // And the final update still came after the create it depends on.
    expect(f.forge.checkRuns()[0]!.updates.map((u) => u.conclusion)).toEqual(['success'])
  })

  it('a superseded deploy ends neutral with the reason as the title; the step stays green', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2 }))
    const A = await f.commit('A')
    await f.commit('B')
    const r = await runAction({ inputs: f.deployInputs(), env: f.runEnv(A) })
    expect(r.exitCode).toBe(0)
    expect(r.outputs.result).toBe('skipped-superseded')
    // Superseded at the first gate: the check run is written once, completed (no `in_progress` before it).
    expect(f.forge.checkRuns()).toHaveLength(1)
    expect(f.forge.checkRuns()[0]!.updates).toEqual([])
    expect(f.forge.checkRuns()[0]!.create).toMatchObject({ head_sha: A, status: 'completed', conclusion: 'neutral', output: { title: r.outputs.reason } })
    expect(f.controlPlane.calls).toEqual([])
  })

  it('superseded mid-rollout: the report and the summary give the decision that stopped it, not the first one', async () => {
    const f = (fleet = await Fleet.start({ tenants: 4 }))
    const A = await f.commit('A')
    // B lands while the canary's redeploy is in flight: the next gate (wave 1) is the one that sees it.
    let moved: Promise<string> | undefined
    f.controlPlane.whenRequested(async () => void (await (moved ??= f.commit('B'))))
    const r = await runAction({ inputs: f.deployInputs({ canary: 'tenant-001', 'canary-soak-seconds': '2' }), env: f.runEnv(A) })
    const B = await moved!
    expect(r.outputs.result).toBe('skipped-superseded')
    const report = r.report as RunReport
    expect(report.phases.map((p) => [p.name, p.outcome])).toContainEqual(['gate (wave 1)', 'superseded'])
    expect(report).toMatchObject({ conclusion: 'neutral', head: B, decision: { superseded: true, basis: 'ahead' } })
    expect(r.summary).toContain('| Gate | ⏭️ superseded: main is at')
    expect(f.forge.checkRuns()[0]!.updates[0]).toMatchObject({ conclusion: 'neutral' })
  })

  it('without `checks: write` (403) the result goes to a commit status; the deploy stays green', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2 }))
    const B = await f.commit('B')
    f.forge.deny('check-runs')
    const r = await runAction({ inputs: f.deployInputs(), env: f.runEnv(B) })
    expect(r.exitCode).toBe(0)
    expect(r.outputs.result).toBe('deployed')
    expect(f.forge.statuses().map((s) => [s.sha, s.body.state, s.body.context, s.body.target_url])).toEqual([
      [B, 'pending', 'rollout-guard/production', runUrl(f)],
      [B, 'success', 'rollout-guard/production', runUrl(f)]
    ])
    expect(warnings(r)).toHaveLength(1)
    expect(warnings(r)[0]).toMatch(/Add `checks: write` to the job's `permissions:`\. The result goes to a commit status instead/)
  })

  it('without `statuses: write` either, a warning names it; the deploy is still green', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2 }))
    const B = await f.commit('B')
    f.forge.deny('check-runs')
    f.forge.deny('statuses')
    const r = await runAction({ inputs: f.deployInputs(), env: f.runEnv(B) })
    expect(r.exitCode).toBe(0)
    expect(r.outputs.result).toBe('deployed')
    expect(f.controlPlane.applied()).toHaveLength(2)
    expect(warnings(r).some((w) => /Add `statuses: write` to the job's `permissions:`/.test(w))).toBe(true)
    expect(r.commands.filter((c) => c.command === 'error')).toEqual([])
  })

  it('120 failing tenants: one error line each plus the step failure, annotations in batches of 50', async () => {
    const f = (fleet = await Fleet.start({ tenants: 120 }))
    const B = await f.commit('B')
    const inputs = { mode: 'verify', token: f.token, tenants: f.names.join(','), 'buildinfo-url': f.tenants.buildinfoTemplate, 'settle-budget-seconds': '0.4', 'settle-interval-seconds': '0.2' }
    const r = await runAction({ inputs, env: f.runEnv(B) })
    expect(r.exitCode).toBe(1)
    const errors = r.commands.filter((c) => c.command === 'error')
    expect(errors).toHaveLength(121)
    expect(errors.at(-1)!.message).toMatch(/^120 of 120 tenants did not settle/)
    const run = f.forge.checkRuns()[0]!
    const batches = run.updates.map((u) => (u.output as { annotations?: { title: string }[] }).annotations ?? [])
    expect(batches.map((b) => b.length)).toEqual([50, 50, 20])
    expect(run.updates[0]).toMatchObject({ status: 'completed', conclusion: 'failure' })
    expect(new Set(batches.flat().map((a) => a.title)).size).toBe(120)
  })

  it('a hostile tenant answer is escaped in the summary and in the check output', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, spec: (_n, i) => (i === 1 ? { fault: { status: 500, body: HOSTILE } } : {}) }))
    const B = await f.commit('B')
    const r = await runAction({ inputs: f.deployInputs({ 'max-failures': '1', 'settle-budget-seconds': '0.5' }), env: f.runEnv(B) })
    expect(r.exitCode).toBe(1)
    const output = f.forge.checkRuns()[0]!.updates[0]!.output as { summary: string; annotations: { message: string }[] }
    for (const text of [r.summary, output.summary]) {
      expect(text).toContain('&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\| \\*\\*bold\\*\\*')
      expect(text).not.toContain('<script>')
      expect(text).not.toContain('\n# heading')
    }
    // Annotations are plain text (GitHub shows them without Markdown): flattened, not escaped.
    expect(output.annotations[0]!.message).toContain('HTTP 500: <script>alert(1)</script> | **bold**')
  })
})

describe('counters', () => {
  it('the report and the summary count build info polls, HTTP retries and gate checks', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2 }))
    const B = await f.commit('B')
    f.controlPlane.inject({ status: 503 })
    const r = await runAction({ inputs: f.deployInputs({ 'max-parallel': '1' }), env: f.runEnv(B) })
    expect(r.outputs.result).toBe('deployed')
    const { counters, tenants } = r.report as RunReport
    expect(counters.httpRetries).toBe(1)
    // One question before the first wave and one before the second, at least.
    expect(counters.gateChecks).toBeGreaterThanOrEqual(2)
    expect(counters.buildinfoPolls).toBeGreaterThanOrEqual(tenants.reduce((n, t) => n + t.polls, 0))
    expect(counters).toMatchObject({ redeployReissues: 0, defers: 0, holds: 0 })
    expect(r.summary).toContain(
      `| Counters | ${counters.buildinfoPolls} build info poll(s), 1 HTTP retry, 0 redeploy re-issue(s), ${counters.gateChecks} gate check(s) (${counters.gateReads} head read(s)), 0 defer(s), 0 hold(s) |`
    )
  })
})

describe('Gitea: a commit status on the commit', () => {
  it('a deploy sets pending, then success, pointing at the run', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, flavour: 'gitea-1.23' }))
    const B = await f.commit('B')
    const r = await runAction({ inputs: f.deployInputs(), env: f.runEnv(B) })
    expect(r.exitCode).toBe(0)
    // Each status ends with the run stamp a later reconcile reads back: mode, run id and attempt, end, and heartbeat.
    const at = (d: string | undefined): string => String(d).replace(/ at \d{10} clock forge\]$/, ' at T]')
    expect(f.forge.statuses().map((st) => ({ ...st, body: { ...st.body, description: at(st.body.description) } }))).toEqual([
      { sha: B, body: { state: 'pending', context: 'rollout-guard/production', description: 'Running: deploy, production [rollout-guard deploy 4242.1 running at T]', target_url: runUrl(f) } },
      { sha: B, body: { state: 'success', context: 'rollout-guard/production', description: `${r.outputs.reason} [rollout-guard deploy 4242.1 deployed at T]`, target_url: runUrl(f) } }
    ])
    expect(f.forge.calls('check-runs')).toEqual([])
    expect(r.summary).toMatch(/^## ✅ Rollout Guard deploy, production: deployed/)
    expect(r.summary).toContain(`| Run | [17](${runUrl(f)}),`)
  })

  it('a failed deploy ends failure; report: none reports nothing', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, flavour: 'gitea-1.22', spec: (_n, i) => (i === 0 ? { fault: { status: 503 } } : {}) }))
    const B = await f.commit('B')
    const failed = await runAction({ inputs: f.deployInputs({ 'settle-budget-seconds': '0.3', 'check-name': 'cd/{mode}' }), env: f.runEnv(B) })
    expect(failed.exitCode).toBe(1)
    expect(f.forge.statuses().map((s) => [s.body.state, s.body.context])).toEqual([
      ['pending', 'cd/deploy'],
      ['failure', 'cd/deploy']
    ])
    f.forge.clearLog()
    const quiet = await runAction({ inputs: f.deployInputs({ report: 'none', 'settle-budget-seconds': '0.3' }), env: f.runEnv(B) })
    expect(quiet.outputs['report-path']).not.toBe('')
    expect(f.forge.calls('statuses')).toEqual([])
  })

  it('reconcile puts the status on the head it reconciled to, not on the commit the schedule ran for', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, flavour: 'gitea-1.23' }))
    const A = await f.commit('A')
    const B = await f.commit('B')
    const r = await runAction({ inputs: { ...f.deployInputs(), mode: 'reconcile' }, env: f.runEnv(A) })
    expect(r.outputs.result).toBe('healed')
    // Reconcile writes its record once, at the end, and only when its verdict changes: no pending status.
    expect(f.forge.statuses().map((s) => [s.sha, s.body.state])).toEqual([[B, 'success']])
  })

  it('a token the forge refuses (Gitea 1.26 scopes) is a warning; the deploy is still green', async () => {
    const f = (fleet = await Fleet.start({ tenants: 1, flavour: 'gitea-1.23' }))
    const B = await f.commit('B')
    f.forge.deny('statuses', { status: 403, body: '{"message":"token does not have at least one of required scope(s): [write:repository]"}' })
    const r = await runAction({ inputs: f.deployInputs(), env: f.runEnv(B) })
    expect(r.exitCode).toBe(0)
    expect(r.outputs.result).toBe('deployed')
    // Said once for the token, and then what it means: reconcile can see neither the deploy nor its end.
    expect(warnings(r)).toHaveLength(3)
    expect(warnings(r)[0]).toMatch(/The token needs `statuses: write`.*Gitea 1\.26/)
    expect(warnings(r)[1]).toMatch(/^Reconcile cannot see this deploy/)
    expect(warnings(r)[2]).toMatch(/^The end record 'rollout-guard\/production' could not be written/)
  })
})
