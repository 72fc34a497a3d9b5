import { describe, expect, it } from '@jest/globals'
import type { AnalysisResult, AnalysisSample } from '../src/analysis/types.js'
import { failuresOf } from '../src/report/failures.js'
import { buildReport, tenantFromRecord } from '../src/report/model.js'
import { validateReport } from '../src/report/schema.js'
import { runSummaryMarkdown } from '../src/report/summary.js'
import { parseSettings } from '../src/settings/index.js'

/**
 * The canary analysis in the report and the summary: every sample with its baseline beside it, the
 * sparklines, and outside text (a Prometheus error, a tenant's body) escaped, never starting a line.
 */
const SHA = 'a'.repeat(40)
const HOSTILE = '<script>alert(1)</script> | **bold** [x](http://evil) @team\n::error::forged\r\n| fake | row |'
const unescapedPipes = (line: string): number => line.split(/(?<!\\)\|/).length - 1

const settings = parseSettings({
  GITHUB_SHA: SHA,
  GITHUB_REPOSITORY: 'acme/app',
  GITHUB_API_URL: 'https://api.github.com',
  INPUT_MODE: 'deploy',
  INPUT_TENANTS: 'canary-1, b1, b2, b3',
  'INPUT_BUILDINFO-URL': 'https://{tenant}.example.com/buildinfo',
  'INPUT_REDEPLOY-URL': 'https://cp.example.com/{tenant}',
  INPUT_CANARY: 'canary-1',
  'INPUT_CANARY-SOAK-SECONDS': '60',
  INPUT_ANALYSIS: 'prometheus',
  'INPUT_ANALYSIS-URL': 'https://prom.example.com',
  'INPUT_ANALYSIS-QUERY': 'errors{tenant="{tenant}"}',
  'INPUT_ANALYSIS-MAX-RATIO': '3',
  'INPUT_ANALYSIS-BASELINE-FLOOR': '0.01',
  'INPUT_ANALYSIS-INTERVAL-SECONDS': '10'
})

const sample = (i: number, value: number | undefined, verdict: AnalysisSample['verdict'], why?: string): AnalysisSample => ({
  atMs: i * 10_000,
  ...(value === undefined ? { problem: why } : { value }),
  baseline: { median: 0.01, readable: 3, asked: 3 },
  limit: 0.03,
  verdict,
  ...(why ? { why } : {})
})

const analysis: AnalysisResult = {
  kind: 'prometheus',
  source: 'https://prom.example.com/api/v1/query',
  baseline: ['b1', 'b2', 'b3'],
  intervalMs: 10_000,
  passed: false,
  stoppedEarly: `canary-1 failed after 30s: ${HOSTILE}`,
  tenants: [
    {
      tenant: 'canary-1',
      verdict: 'failed',
      why: '2 bad samples in a row (analysis-consecutive: 2)',
      samples: [sample(1, 0.01, 'good'), sample(2, undefined, 'inconclusive', `Prometheus refused the query: ${HOSTILE}`), sample(3, 0.2, 'bad', 'x'), sample(4, 0.21, 'bad', 'y')]
    }
  ]
}

function report() {
  const record = tenantFromRecord({
    tenant: 'canary-1',
    step: 'canary',
    action: 'redeployed',
    reissues: 0,
    verdict: { tenant: 'canary-1', verdict: 'on-target', sha: SHA, polls: 1, url: '', elapsedMs: 100 },
    analysis: analysis.tenants[0]
  })
  return buildReport(
    settings,
    { result: 'failed', failure: 'x' },
    { reason: 'The canary failed', startedAt: new Date('2026-12-01T10:00:00Z'), phases: [], tenants: [record], analysis },
    new Date('2026-12-01T10:01:00Z')
  )
}

describe('the canary analysis in the report', () => {
  it('the JSON keeps every sample with the baseline beside it, and matches the documented shape', () => {
    const r = report()
    expect(validateReport(r)).toEqual([])
    expect(r.analysis).toMatchObject({
      kind: 'prometheus',
      passed: false,
      intervalSeconds: 10,
      thresholds: { max: null, maxRatio: 3, baselineFloor: 0.01, consecutive: 2, inconclusiveLimit: 2 },
      baseline: [{ tenant: 'b1' }, { tenant: 'b2' }, { tenant: 'b3' }]
    })
    expect(r.analysis!.tenants[0]!.samples.map((s) => [s.atSeconds, s.value, s.baselineMedian, s.baselineReadable, s.limit, s.verdict])).toEqual([
      [10, 0.01, 0.01, 3, 0.03, 'good'],
      [20, null, 0.01, 3, 0.03, 'inconclusive'],
      [30, 0.2, 0.01, 3, 0.03, 'bad'],
      [40, 0.21, 0.01, 3, 0.03, 'bad']
    ])
  })

  it('a canary that serves the commit but failed its analysis is a failing tenant, with why', () => {
    const r = report()
    expect(r.tenants[0]).toMatchObject({ verdict: 'analysis-failed', ok: false, sha: SHA, lastError: 'analysis failed: 2 bad samples in a row (analysis-consecutive: 2)' })
    expect(r.counts).toMatchObject({ failed: 1, ok: 0, 'analysis-failed': 1 })
    expect(failuresOf(r)).toEqual([
      {
        tenant: 'canary-1',
        title: 'Tenant canary-1: analysis-failed',
        message: 'tenant canary-1 serves aaaaaaa but did not pass its analysis: analysis failed: 2 bad samples in a row (analysis-consecutive: 2)'
      }
    ])
  })
})

describe('the canary analysis in the summary', () => {
  const md = runSummaryMarkdown(report())
  const section = md.slice(md.indexOf('### Canary analysis'))

  it('a row per canary tenant: its samples and its baseline as sparklines to one scale', () => {
    expect(section).toMatch(/^### Canary analysis: not passed\n\n❌ prometheus every 10s; a sample is bad above 3 x the baseline median \(a limit never below 0\.01\); 2 bad in a row fail/)
    expect(section).toContain('| canary-1 | ❌ failed | <code>▁ ██</code> | <code>▁▁▁▁</code> | 4 (2 / 1) | 2 bad samples in a row \\(analysis-consecutive\\: 2\\) |')
    expect(section).toContain('| 30s | 0.2 | 0.01 (3/3) | 0.03 | ❌ bad: x |')
  })

  it('escapes outside text: no raw HTML, no broken row, no value starting a line', () => {
    expect(section).not.toMatch(/<script|\*\*bold\*\*/)
    expect(section).not.toMatch(/^::/m)
    for (const block of section.split('\n\n').filter((b) => b.startsWith('|'))) {
      const rows = block.split('\n')
      for (const row of rows) expect(unescapedPipes(row)).toBe(unescapedPipes(rows[0]!))
    }
    for (const line of section.split('\n').filter(Boolean)) expect(line).toMatch(/^(### |\| |\|---|❌|✅|Stopped early: |<details><summary>|<\/details>)/)
  })
})

describe('the wave analysis in the report and the summary', () => {
  const wave = (step: string, over: Partial<AnalysisResult>): AnalysisResult => ({ ...analysis, step, stoppedEarly: undefined, passed: true, ...over })
  const waves: AnalysisResult[] = [
    wave('wave 1', {
      passed: false,
      tenants: [{ tenant: `w-${HOSTILE}`, verdict: 'failed', why: HOSTILE, samples: [sample(1, 0.2, 'bad', HOSTILE), sample(2, 0.3, 'bad', 'y')] }]
    }),
    wave('wave 2', {
      baseline: [],
      absoluteOnly: 'no tenant is left on the release before, so there is no baseline: judged by analysis-max alone, analysis-max-ratio not applied',
      tenants: [{ tenant: 'w3', verdict: 'passed', samples: [sample(1, 0.01, 'good')] }]
    }),
    wave('wave 3', { tenants: [] })
  ]
  const r = buildReport(
    settings,
    { result: 'failed', failure: 'x' },
    { reason: 'halted', startedAt: new Date('2026-12-01T10:00:00Z'), phases: [], tenants: [], analysis, waveAnalysis: waves },
    new Date('2026-12-01T10:01:00Z')
  )
  const md = runSummaryMarkdown(r)
  const section = md.slice(md.indexOf('### Wave analysis'))

  it('the JSON keeps each wave, in order, with the same fields as the canary', () => {
    expect(validateReport(r)).toEqual([])
    expect(r.waveAnalysis.map((w) => [w.step, w.passed, w.absoluteOnly !== null, w.tenants.length])).toEqual([
      ['wave 1', false, false, 1],
      ['wave 2', true, true, 1],
      ['wave 3', true, false, 0]
    ])
    expect(r.analysis).toMatchObject({ step: 'canary', absoluteOnly: null })
  })

  it('a section per wave after the canary: the rows, the sparklines, and what the relative limit did', () => {
    expect(md.indexOf('### Canary analysis')).toBeLessThan(md.indexOf('### Wave analysis, wave 1: not passed'))
    expect(section).toMatch(/### Wave analysis, wave 1: not passed\n\n❌ prometheus every 10s/)
    expect(section).toContain('| Tenant | Analysis | Wave tenant | Baseline median | Samples (bad / unjudged) | Note |')
    expect(section).toMatch(/\| w-.* \| ❌ failed \| <code>▆█<\/code> \| <code>▁▁<\/code> \| 2 \(2 \/ 0\) \|/)
    expect(section).toContain('### Wave analysis, wave 2: passed')
    expect(section).toContain('Relative limit not applied: no tenant is left on the release before, so there is no baseline\\: judged by analysis-max alone, analysis-max-ratio not applied.')
    expect(section).toContain('### Wave analysis, wave 3: passed\n\n✅ prometheus every 10s')
    expect(section).toContain('No wave tenant reported the target, so none was analysed.')
  })

  it('escapes outside text in the wave sections too', () => {
    expect(section).not.toMatch(/<script|\*\*bold\*\*/)
    expect(section).not.toMatch(/^::/m)
    for (const block of section.split('\n\n').filter((b) => b.startsWith('|'))) {
      const rows = block.split('\n')
      for (const row of rows) expect(unescapedPipes(row)).toBe(unescapedPipes(rows[0]!))
    }
  })
})
