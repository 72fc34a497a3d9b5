import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { Fleet } from '../simulator/fleet.js'
import { PrometheusServer } from '../simulator/prometheus.js'
import { runAction } from '../simulator/run-action.js'
import type { RunReport } from '../src/report/model.js'
import { validateReport } from '../src/report/schema.js'
import { recordVerified } from './support/verified-record.js'

/**
 * The canary analysis end to end, against the built dist/index.js: a real Prometheus (the Debian
 * package) scraping the simulated tenants' `/metrics`, and the tenants' JSON `/health` endpoint. A build
 * can be given an error rate; the tenants the canary did not touch are its baseline. The test waits
 * for Prometheus to hold a sample of every tenant (an event), never for a time.
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

/** Every tenant back on a 1% baseline and the canary on the fleet's head before each case. */
afterEach(() => {
  for (const n of NAMES) fleet.tenants.tenantHealth(n, { errorRate: 0.01 })
})

function analysisInputs(extra: Record<string, string> = {}): Record<string, string> {
  return fleet.deployInputs({
    canary: 'tenant-001',
    'canary-soak-seconds': '3',
    analysis: 'prometheus',
    'analysis-url': prometheus.url,
    'analysis-query': ERROR_RATIO,
    'analysis-max-ratio': '3',
    'analysis-baseline-floor': '0.01',
    'analysis-interval-seconds': '0.5',
    'analysis-consecutive': '2',
    'analysis-inconclusive-limit': '1',
    'redeploy-body': '{"tenant":"{tenant}","tag":"{tag}","sha":"{sha}","current":"{current}"}',
    ...extra
  })
}

/** A new head whose build behaves as given, every tenant on the previous head, and samples of all of them. */
async function release(message: string, errorRate: number | ((read: number) => number)): Promise<{ before: string; sha: string }> {
  const before = await fleet.commit(`${message}: the release before`)
  for (const n of NAMES) fleet.tenants.redeploy(n, before, 0)
  // Its own deploy verified: the stable release a failed canary goes back to.
  await recordVerified(fleet, before)
  const sha = await fleet.commit(message)
  fleet.tenants.buildHealth(sha, { errorRate })
  await prometheus.waitForSeries(ERROR_RATIO, NAMES)
  // A previous case's canary errors must have left the rate window first: an event, read from Prometheus.
  await prometheus.waitFor(ERROR_RATIO.replaceAll('{tenant}', 'tenant-001'), (v) => v <= 0.011)
  return { before, sha }
}

describe('canary analysis against a real Prometheus', () => {
  it('a healthy canary passes its analysis, and the fleet gets the commit', async () => {
    for (const n of NAMES) fleet.tenants.tenantHealth(n, { errorRate: 0.01 })
    const { sha } = await release('healthy', 0.012)
    const r = await runAction({ inputs: analysisInputs(), env: fleet.runEnv(sha) })

    expect([r.exitCode, r.outputs.result]).toEqual([0, 'deployed'])
    const report = r.report as RunReport
    expect(validateReport(report)).toEqual([])
    const a = report.analysis!
    expect(a).toMatchObject({ kind: 'prometheus', source: `${prometheus.url}/api/v1/query`, passed: true, stoppedEarly: null, intervalSeconds: 0.5 })
    expect(a.baseline.map((b) => b.tenant)).toEqual(NAMES.slice(1))
    expect(a.tenants).toHaveLength(1)
    expect(a.tenants[0]).toMatchObject({ tenant: 'tenant-001', verdict: 'passed', why: null })
    // Each sample with its baseline beside it: every baseline tenant read, the median near 1%.
    for (const s of a.tenants[0]!.samples) {
      expect(s).toMatchObject({ verdict: 'good', baselineReadable: 5, baselineAsked: 5 })
      expect(s.baselineMedian).toBeCloseTo(0.01, 3)
      expect(s.limit).toBeCloseTo(0.03, 3)
    }
    expect(a.tenants[0]!.samples.length).toBeGreaterThanOrEqual(5)
    expect(report.phases.find((p) => p.name === 'soak')).toMatchObject({ outcome: 'ok', detail: expect.stringMatching(/^analysis passed: \d+ samples per canary tenant$/) })
    for (const n of NAMES) expect(fleet.tenants.serving(n)).toBe(sha)
    expect(r.summary).toContain('### Canary analysis: passed')
    expect(r.summary).toMatch(/\| tenant-001 \| ✅ passed \| <code>[▁-█ ]+<\/code> \| <code>[▁-█ ]+<\/code> \| \d+ \(0 \/ 0\) \|/)
  })

  it('a canary at 20% errors against a 1% baseline fails its analysis and is restored; nothing else moves', async () => {
    const { before, sha } = await release('twenty percent errors', 0.2)
    const r = await runAction({ inputs: analysisInputs(), env: fleet.runEnv(sha) })

    expect([r.exitCode, r.outputs.result]).toEqual([1, 'failed'])
    expect(r.outputs.reason).toMatch(
      /^The canary failed \(tenant-001 failed its analysis \(2 bad samples in a row \(analysis-consecutive: 2\)\)\); the rest of the fleet was not touched\. Restored the canary/
    )
    const report = r.report as RunReport
    expect(validateReport(report)).toEqual([])
    expect(report.analysis).toMatchObject({ passed: false, stoppedEarly: expect.stringMatching(/^tenant-001 failed after/) })
    const bad = report.analysis!.tenants[0]!.samples.filter((s) => s.verdict === 'bad')
    expect(bad.length).toBe(2)
    for (const s of bad) expect(s.why).toMatch(/is above 3 x the baseline median/)
    expect(report.tenants.find((t) => t.tenant === 'tenant-001')).toMatchObject({
      verdict: 'analysis-failed',
      ok: false,
      sha,
      lastError: expect.stringMatching(/^analysis failed: 2 bad samples in a row/)
    })
    expect(report.phases.map((p) => [p.name, p.outcome])).toEqual([
      ['gate', 'owner'],
      ['gate (canary)', 'owner'],
      ['canary', 'ok'],
      ['soak', 'failed'],
      ['canary re-verify', 'failed'],
      ['canary restore', 'restored']
    ])
    expect(report.restore).toMatchObject({ outcome: 'restored', tenants: [{ tenant: 'tenant-001', action: 'restored', to: before, verified: true }] })
    expect(fleet.tenants.serving('tenant-001')).toBe(before)
    for (const n of NAMES.slice(1)) expect(fleet.tenants.serving(n)).toBe(before)
    expect(r.summary).toContain('### Canary analysis: not passed')
    expect(r.summary).toMatch(/\| tenant-001 \| ❌ failed \|/)
    // Its record rejects the commit, as any failed canary's: reconcile holds it rather than rolling it out.
    expect(String(fleet.forge.checkRuns().at(-1)?.updates.at(-1)?.external_id ?? '')).toMatch(/rollout-guard deploy 4242\.1 canary-failed(?: at \d+ clock forge)? restore restored:1\/1\]?$/)
    const rec = await runAction({ inputs: { ...fleet.deployInputs(), mode: 'reconcile' }, env: { ...fleet.runEnv(sha), GITHUB_RUN_ID: '4243' } })
    expect(rec.outputs.result).toBe('held')
    expect(r.commands).toContainEqual({
      command: 'error',
      message: expect.stringMatching(/tenant tenant-001 serves [0-9a-f]{7} but did not pass its analysis: analysis failed: 2 bad samples in a row/)
    })
  })

  it('under a noisy baseline (a silent tenant, a flapping one, an outlier) a healthy canary with its own spikes does not fail', async () => {
    fleet.tenants.tenantHealth('tenant-002', { errorRate: 0 })
    fleet.tenants.tenantHealth('tenant-003', { errorRate: (n) => (n % 2 ? 0.03 : 0) })
    fleet.tenants.tenantHealth('tenant-004', { errorRate: 0.01 })
    fleet.tenants.tenantHealth('tenant-005', { errorRate: 0.02 })
    fleet.tenants.tenantHealth('tenant-006', { errorRate: 0.4 })
    // The canary's build: 1.5% with a spike to 6% at one scrape in seven.
    const { sha } = await release('healthy but spiky', (n) => (n % 7 === 3 ? 0.06 : 0.015))
    const r = await runAction({ inputs: analysisInputs(), env: fleet.runEnv(sha) })

    expect([r.exitCode, r.outputs.result]).toEqual([0, 'deployed'])
    const samples = (r.report as RunReport).analysis!.tenants[0]!.samples
    expect(samples.filter((s) => s.verdict !== 'good')).toEqual([])
    // The outlier does not move the median; the relative limit is 3 x about 1.5%.
    for (const s of samples) expect(s.baselineMedian!).toBeLessThan(0.025)
  })

  it('Prometheus down: every sample is inconclusive, which is not a pass; the canary fails and is restored', async () => {
    const { before, sha } = await release('metrics unreadable', 0.01)
    const r = await runAction({ inputs: analysisInputs({ 'analysis-url': 'http://127.0.0.1:9' }), env: fleet.runEnv(sha) })

    expect([r.exitCode, r.outputs.result]).toEqual([1, 'failed'])
    expect(r.outputs.reason).toMatch(/^The canary failed \(tenant-001 analysis inconclusive \(2 samples could not be judged, more than analysis-inconclusive-limit \(1\)\)\)/)
    const a = (r.report as RunReport).analysis!
    expect(a.tenants[0]).toMatchObject({ verdict: 'inconclusive' })
    expect(a.tenants[0]!.samples.map((s) => [s.verdict, s.value, s.baselineReadable])).toEqual([
      ['inconclusive', null, 0],
      ['inconclusive', null, 0]
    ])
    expect(a.tenants[0]!.samples[0]!.why).toMatch(/^Prometheus did not answer: /)
    expect(fleet.tenants.serving('tenant-001')).toBe(before)
  })
})

describe('canary analysis against a JSON endpoint per tenant', () => {
  it('a canary at 20% errors fails the absolute limit, read from its own /health', async () => {
    const { before, sha } = await release('twenty percent errors, JSON', 0.2)
    const inputs = analysisInputs({
      analysis: 'json',
      'analysis-url': fleet.tenants.healthTemplate,
      'analysis-field': 'http.errorRate',
      'analysis-query': '',
      'analysis-max': '0.05',
      'analysis-max-ratio': '',
      'analysis-baseline-floor': ''
    })
    const r = await runAction({ inputs, env: fleet.runEnv(sha) })

    expect([r.exitCode, r.outputs.result]).toEqual([1, 'failed'])
    const a = (r.report as RunReport).analysis!
    expect(a).toMatchObject({ kind: 'json', source: fleet.tenants.healthTemplate, thresholds: { max: 0.05, maxRatio: null, baselineFloor: null } })
    expect(a.tenants[0]!.samples.map((s) => [s.value, s.verdict, s.why])).toEqual([
      [0.2, 'bad', '0.2 is above analysis-max (0.05)'],
      [0.2, 'bad', '0.2 is above analysis-max (0.05)']
    ])
    expect(a.tenants[0]!.samples[0]).toMatchObject({ baselineMedian: 0.01, baselineReadable: 5 })
    expect(fleet.tenants.serving('tenant-001')).toBe(before)
  })
})
