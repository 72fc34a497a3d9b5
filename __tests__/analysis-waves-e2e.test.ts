import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { Fleet } from '../simulator/fleet.js'
import { PrometheusServer } from '../simulator/prometheus.js'
import { runAction } from '../simulator/run-action.js'
import type { RunReport } from '../src/report/model.js'
import { validateReport } from '../src/report/schema.js'
import { recordVerified } from './support/verified-record.js'

/**
 * Wave analysis (`analysis-waves`) and reconcile's canary analysis end to end, against the built
 * dist/index.js and a real Prometheus (the Debian package) scraping the simulated tenants' `/metrics`.
 * A wave tenant is judged while its wave settles against the tenants not yet moved; a build can err on
 * one tenant only. The test waits for Prometheus to hold samples (events), never for a time.
 */
const NAMES = ['tenant-001', 'tenant-002', 'tenant-003', 'tenant-004', 'tenant-005', 'tenant-006']
const ERROR_RATIO = 'sum(rate(http_requests_total{tenant="{tenant}",code="500"}[2s])) / sum(rate(http_requests_total{tenant="{tenant}"}[2s]))'

let fleet: Fleet
let prometheus: PrometheusServer

beforeAll(async () => {
  fleet = await Fleet.start({ tenants: NAMES, compareAndSet: true })
  prometheus = await PrometheusServer.start({ tenantsUrl: fleet.tenants.url, tenants: NAMES })
}, 120_000)

afterAll(async () => {
  await prometheus?.close()
  await fleet?.close()
})

afterEach(() => {
  for (const n of NAMES) fleet.tenants.tenantHealth(n, { errorRate: 0.01 })
})

const ANALYSIS = {
  analysis: 'prometheus',
  'analysis-query': ERROR_RATIO,
  'analysis-max': '0.1',
  'analysis-max-ratio': '3',
  'analysis-baseline-floor': '0.01',
  'analysis-interval-seconds': '0.5',
  'analysis-consecutive': '2',
  'analysis-inconclusive-limit': '1',
  'canary-soak-seconds': '1.5',
  'redeploy-body': '{"tenant":"{tenant}","tag":"{tag}","sha":"{sha}","current":"{current}"}'
}

/** Canary tenant-001, then wave 1 (tenant-002, tenant-003) and wave 2 (the other three), each analysed. */
function waveInputs(extra: Record<string, string> = {}): Record<string, string> {
  return fleet.deployInputs({ ...ANALYSIS, 'analysis-url': prometheus.url, canary: 'tenant-001', waves: '3, 6', 'analysis-waves': 'true', 'max-failures': '0', ...extra })
}

/** A new head, every tenant on the release before (whose deploy verified) at 1% errors, and samples of all of them. */
async function release(message: string): Promise<{ before: string; sha: string }> {
  const before = await fleet.commit(`${message}: the release before`)
  for (const n of NAMES) fleet.tenants.tenantHealth(n, { errorRate: 0.01 })
  for (const n of NAMES) fleet.tenants.redeploy(n, before, 0)
  await recordVerified(fleet, before)
  const sha = await fleet.commit(message)
  await prometheus.waitForSeries(ERROR_RATIO, NAMES)
  // Every tenant's rate window holds 1% only (a previous case's errors left it): an event, read from Prometheus.
  for (const n of NAMES) await prometheus.waitFor(ERROR_RATIO.replaceAll('{tenant}', n), (v) => Math.abs(v - 0.01) < 0.001)
  return { before, sha }
}

describe('waves analysed while they settle, against a real Prometheus', () => {
  it('a wave tenant at 20% errors against a 1% baseline fails its wave; past max-failures the rollout halts and the commit is held', async () => {
    const { before, sha } = await release('errs on tenant-003 only')
    fleet.tenants.buildHealth(sha, { errorRate: 0.012 })
    fleet.tenants.tenantBuildHealth('tenant-003', sha, { errorRate: 0.2 })
    // An absolute limit far above: the relative one, against the tenants not yet moved, is what judges.
    const r = await runAction({ inputs: waveInputs({ 'analysis-max': '0.5' }), env: fleet.runEnv(sha) })

    expect([r.exitCode, r.outputs.result]).toEqual([1, 'failed'])
    expect(r.outputs.reason).toMatch(
      /^1 tenant\(s\) failed \(tenant-003 failed its analysis \(2 bad samples in a row \(analysis-consecutive: 2\)\)\), more than max-failures \(0\); halted after wave 1, 1 wave\(s\) not started\./
    )
    const report = r.report as RunReport
    expect(validateReport(report)).toEqual([])
    // The canary passed its own analysis; the wave's is reported beside it.
    expect(report.analysis).toMatchObject({ step: 'canary', passed: true })
    expect(report.waveAnalysis).toHaveLength(1)
    const w = report.waveAnalysis[0]!
    expect(w).toMatchObject({ step: 'wave 1', passed: false, absoluteOnly: null, baseline: [{ tenant: 'tenant-004' }, { tenant: 'tenant-005' }, { tenant: 'tenant-006' }] })
    expect(w.tenants.map((t) => [t.tenant, t.verdict])).toEqual([
      ['tenant-002', 'passed'],
      ['tenant-003', 'failed']
    ])
    // It ends on two bad samples in a row (a first read may still hold a little of the old build's traffic).
    const bad = w.tenants[1]!.samples.slice(-2)
    expect(bad.map((s) => s.verdict)).toEqual(['bad', 'bad'])
    for (const s of bad) {
      expect(s.why).toMatch(/is above 3 x the baseline median/)
      expect(s).toMatchObject({ baselineReadable: 3, baselineAsked: 3 })
      expect(s.baselineMedian).toBeCloseTo(0.01, 3)
    }
    expect(report.tenants.find((t) => t.tenant === 'tenant-003')).toMatchObject({
      step: 'wave 1',
      verdict: 'analysis-failed',
      ok: false,
      sha,
      lastError: expect.stringMatching(/^analysis failed: 2 bad samples in a row/)
    })
    expect(report.phases.find((p) => p.name === 'wave 1')).toMatchObject({ outcome: 'failed', detail: expect.stringMatching(/tenant-003 failed its analysis/) })
    // Halted past max-failures: later waves never started, and the record rejects the commit.
    for (const n of NAMES.slice(3)) expect(fleet.tenants.serving(n)).toBe(before)
    expect(report.stop).toEqual({ at: 'max-failures', maxFailures: 0 })
    expect(report.recordEnd).toBe('halted')
    expect(r.summary).toContain('### Wave analysis, wave 1: not passed')
    expect(r.summary).toMatch(/\| tenant-003 \| ❌ failed \| <code>[▁-█ ]+<\/code> \| <code>[▁-█ ]+<\/code> \| \d \(2 \/ 0\) \|/)
    const rec = await runAction({ inputs: { ...fleet.deployInputs(), mode: 'reconcile' }, env: { ...fleet.runEnv(sha), GITHUB_RUN_ID: '4243' } })
    expect(rec.outputs.result).toBe('held')
  })

  it('a healthy fleet: every wave passes its analysis; the last, with no baseline left, by analysis-max alone', async () => {
    const { sha } = await release('healthy everywhere')
    fleet.tenants.buildHealth(sha, { errorRate: 0.012 })
    const r = await runAction({ inputs: waveInputs(), env: fleet.runEnv(sha) })

    expect([r.exitCode, r.outputs.result]).toEqual([0, 'deployed'])
    const report = r.report as RunReport
    expect(validateReport(report)).toEqual([])
    expect(report.waveAnalysis.map((w) => [w.step, w.passed, w.baseline.length, w.tenants.map((t) => t.verdict)])).toEqual([
      ['wave 1', true, 3, ['passed', 'passed']],
      ['wave 2', true, 0, ['passed', 'passed', 'passed']]
    ])
    expect(report.waveAnalysis[0]!.absoluteOnly).toBeNull()
    expect(report.waveAnalysis[1]!.absoluteOnly).toMatch(/^no tenant is left on the release before/)
    for (const s of report.waveAnalysis[1]!.tenants.flatMap((t) => t.samples)) expect(s).toMatchObject({ verdict: 'good', limit: null, baselineAsked: 0 })
    for (const n of NAMES) expect(fleet.tenants.serving(n)).toBe(sha)
    expect(r.summary).toContain('### Wave analysis, wave 1: passed')
    expect(r.summary).toContain('### Wave analysis, wave 2: passed')
    expect(r.summary).toContain('Relative limit not applied: no tenant is left on the release before')
  })
})

describe("reconcile's canary, analysed against the tenants still behind", () => {
  it("a head whose canary fails its analysis is reconcile's own canary failure: restored, recorded canary-failed, and held", async () => {
    const { before, sha } = await release('reconciled, errs under traffic')
    fleet.tenants.buildHealth(sha, { errorRate: 0.2 })
    // No `canary`: reconcile chooses the first behind tenant itself, and no record says a canary of the head verified.
    const inputs = fleet.deployInputs({ ...ANALYSIS, 'analysis-url': prometheus.url, mode: 'reconcile' })
    const r = await runAction({ inputs, env: { ...fleet.runEnv(sha), GITHUB_RUN_ID: '5000' } })

    expect([r.exitCode, r.outputs.result]).toEqual([1, 'failed'])
    expect(r.outputs.reason).toMatch(
      /^The canary failed \(tenant-001 failed its analysis \(2 bad samples in a row \(analysis-consecutive: 2\)\)\); the rest of the fleet was not touched\. Restored the canary/
    )
    const report = r.report as RunReport
    expect(validateReport(report)).toEqual([])
    expect(report.analysis).toMatchObject({ step: 'canary', passed: false, baseline: NAMES.slice(1).map((tenant) => ({ tenant })) })
    expect(report.tenants.find((t) => t.tenant === 'tenant-001')).toMatchObject({ verdict: 'analysis-failed', ok: false })
    expect(report.recordEnd).toBe('canary-failed')
    expect(report.restore).toMatchObject({ outcome: 'restored', tenants: [{ tenant: 'tenant-001', to: before, verified: true }] })
    for (const n of NAMES) expect(fleet.tenants.serving(n)).toBe(before)
    expect(r.summary).toContain('### Canary analysis: not passed')

    const next = await runAction({ inputs, env: { ...fleet.runEnv(sha), GITHUB_RUN_ID: '5001' } })
    expect([next.exitCode, next.outputs.result]).toEqual([0, 'held'])
    expect(next.outputs.reason).toMatch(new RegExp(`^Held: the reconcile of ${sha.slice(0, 7)} in run 5000 \\(attempt 1\\) rejected it: its canary failed`))
    for (const n of NAMES) expect(fleet.tenants.serving(n)).toBe(before)
  })
})
