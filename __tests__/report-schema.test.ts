import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REPORT_SCHEMA, REPORT_SCHEMA_VERSION, type RunReport } from '../src/report/model.js'
import { REPORT_FIELDS, validateReport } from '../src/report/schema.js'
import { Fleet } from '../simulator/fleet.js'
import { runAction } from '../simulator/run-action.js'

/** Every mode's report, from the built action, against the documented schema: no field missing, none extra. */
const DIGEST = `sha256:${'d'.repeat(64)}`
let fleet: Fleet
let dir: string
let A: string
let B: string
const reports: Array<{ name: string; report: RunReport; outputs: Record<string, string> }> = []

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rg-schema-'))
  const script = join(dir, 'retag.sh')
  await writeFile(script, `#!/bin/sh\necho "moved, digest: ${DIGEST}"\n`)
  await chmod(script, 0o755)
  fleet = await Fleet.start({ tenants: 3 })
  A = await fleet.commit('A')
  B = await fleet.commit('B')
  const f = fleet
  const promote = { image: 'registry.example.com/acme/app', 'promote-command': `${script} {source} {target}` }
  const cases: Array<[string, Record<string, string>, string]> = [
    ['gate owner', { mode: 'gate', token: f.token }, B],
    ['gate superseded', { mode: 'gate', token: f.token }, A],
    ['verify failed', { ...f.deployInputs({ 'settle-budget-seconds': '0.3' }), mode: 'verify' }, B],
    ['reconcile dry run', { ...f.deployInputs(), mode: 'reconcile', 'dry-run': 'true' }, A],
    ['deploy with promotion', f.deployInputs(promote), B],
    ['verify passed', { ...f.deployInputs(), mode: 'verify' }, B],
    ['deploy superseded', f.deployInputs(), A],
    ['promote', { mode: 'promote', token: f.token, ...promote }, B],
    ['reconcile in sync', { ...f.deployInputs(), mode: 'reconcile' }, A],
    ['reconcile without a head (the mode throws)', { ...f.deployInputs(), mode: 'reconcile', branch: 'gone' }, A]
  ]
  for (const [name, inputs, sha] of cases) {
    const r = await runAction({ inputs, env: f.runEnv(sha) })
    reports.push({ name, report: r.report as RunReport, outputs: r.outputs })
  }
  // A canary judged on its health (a JSON endpoint per tenant): it serves the commit but errs at 20%.
  const D = await f.commit('D, which errs under traffic')
  f.tenants.buildHealth(D, { errorRate: 0.2 })
  const analysed = await runAction({
    inputs: f.deployInputs({
      canary: 'tenant-001',
      'canary-soak-seconds': '1',
      analysis: 'json',
      'analysis-url': f.tenants.healthTemplate,
      'analysis-field': 'http.errorRate',
      'analysis-max': '0.5',
      'analysis-max-ratio': '2',
      'analysis-baseline-floor': '0.01',
      'analysis-interval-seconds': '0.2'
    }),
    env: f.runEnv(D)
  })
  reports.push({ name: 'deploy canary analysis failed', report: analysed.report as RunReport, outputs: analysed.outputs })
  // A healthy commit whose canary and wave are both judged on health (`analysis-waves`).
  const E = await f.commit('E, healthy')
  const waves = await runAction({
    inputs: f.deployInputs({
      canary: 'tenant-001',
      'canary-soak-seconds': '0.4',
      analysis: 'json',
      'analysis-url': f.tenants.healthTemplate,
      'analysis-field': 'http.errorRate',
      'analysis-max': '0.5',
      'analysis-max-ratio': '2',
      'analysis-baseline-floor': '0.01',
      'analysis-interval-seconds': '0.2',
      'analysis-waves': 'true',
      // Two waves: the first has the second's tenant as its baseline, the last none (absoluteOnly).
      'max-parallel': '1'
    }),
    env: f.runEnv(E)
  })
  reports.push({ name: 'deploy wave analysis passed', report: waves.report as RunReport, outputs: waves.outputs })
  // Last, as it moves the head: a crash-looping commit whose canary is restored.
  const C = await f.commit('C, which crash-loops')
  f.tenants.crashLoop(C)
  const restored = await runAction({ inputs: f.deployInputs({ canary: 'tenant-001', 'settle-budget-seconds': '1' }), env: f.runEnv(C) })
  reports.push({ name: 'deploy canary restored', report: restored.report as RunReport, outputs: restored.outputs })
}, 300_000)

afterAll(async () => {
  await fleet.close()
  await rm(dir, { recursive: true, force: true })
})

describe('the JSON report schema', () => {
  it('every mode sets report-path, and every report matches the documented shape', () => {
    for (const { name, report, outputs } of reports) {
      expect([name, outputs['report-path']]).toEqual([name, expect.stringMatching(/rollout-guard-\w+-4242-\d+-\d+\.json$/)])
      expect([name, validateReport(report)]).toEqual([name, []])
      expect([name, report.schema, report.schemaVersion, report.result]).toEqual([name, REPORT_SCHEMA, REPORT_SCHEMA_VERSION, outputs.result])
    }
    expect(new Set(reports.map((r) => r.report.mode))).toEqual(new Set(['gate', 'verify', 'deploy', 'promote', 'reconcile']))
  })

  it('together the reports use every documented field, so the documentation lists nothing that is never written', () => {
    const seen = new Set<string>()
    const walk = (node: unknown, prefix: string): void => {
      if (!node || typeof node !== 'object') return
      for (const [k, v] of Object.entries(node)) {
        // A map's keys (`counts.*`, `counters.forgeRequests.*`) are its wildcard, beside the fields it documents by name.
        const path = REPORT_FIELDS[`${prefix}*`] && !REPORT_FIELDS[`${prefix}${k}`] ? `${prefix}*` : `${prefix}${k}`
        seen.add(path)
        if (Array.isArray(v)) v.forEach((item) => walk(item, `${path}[].`))
        else walk(v, `${path}.`)
      }
    }
    for (const { report } of reports) walk(report, '')
    expect(Object.keys(REPORT_FIELDS).filter((p) => !seen.has(p))).toEqual([])
  })

  it('says what each mode did: conclusion, decision, phases, tenants, promotion', () => {
    const by = (name: string): RunReport => reports.find((r) => r.name === name)!.report
    expect(by('gate owner')).toMatchObject({ conclusion: 'success', head: B, decision: { superseded: false, basis: 'identical', forced: false }, tenants: [], verification: null, promotion: null })
    expect(by('gate superseded')).toMatchObject({ result: 'skipped-superseded', conclusion: 'neutral', decision: { superseded: true, basis: 'ahead' } })
    expect(by('verify failed')).toMatchObject({ conclusion: 'failure', decision: null, counts: { total: 3, failed: 3, stale: 3 } })
    expect(by('deploy with promotion').phases.map((p) => p.name)).toEqual(['gate', 'gate (wave 1)', 'wave 1', 'promotion'])
    expect(by('deploy with promotion').promotion).toMatchObject({
      outcome: 'promoted',
      promoted: true,
      image: 'registry.example.com/acme/app',
      from: `staging-${B.slice(0, 7)}`,
      tag: 'latest',
      digest: DIGEST
    })
    expect(by('promote')).toMatchObject({ target: { tag: `staging-${B.slice(0, 7)}` }, promotion: { digest: DIGEST } })
    expect(by('promote').phases.map((p) => p.name)).toEqual(['gate', 'promotion'])
    expect(by('deploy canary restored')).toMatchObject({
      result: 'failed',
      conclusion: 'failure',
      restore: { outcome: 'restored', tenants: [{ tenant: 'tenant-001', action: 'restored', verified: true }] },
      stop: { at: 'canary', maxFailures: 0 },
      recordEnd: 'canary-failed'
    })
    expect(by('deploy with promotion').restore).toBeNull()
    expect(by('reconcile in sync')).toMatchObject({ target: { sha: B }, head: B, decision: null })
    expect(by('reconcile without a head (the mode throws)')).toMatchObject({
      result: 'failed',
      conclusion: 'failure',
      phases: [],
      tenants: [],
      reason: expect.stringMatching(/GET branch gone answered HTTP 404/)
    })
    for (const { report } of reports) for (const p of report.phases) expect(Date.parse(p.endedAt)).toBeGreaterThanOrEqual(Date.parse(p.startedAt))
  })

  it('the validator finds a missing, an undocumented and a mistyped field', () => {
    const report = JSON.parse(JSON.stringify(reports[0]!.report)) as Record<string, unknown>
    delete report.reason
    report.extra = 1
    report.head = 42
    ;(report.run as Record<string, unknown>).id = 7
    expect(validateReport(report).sort()).toEqual(['extra: not documented', 'head: 42 is not string|null', 'reason: missing', 'run.id: 7 is not string|null'])
  })
})
