import type { ReportAnalysis } from '../src/report/analysis.js'
import { markdownToText } from './markdown-text.js'
import type { Check } from './verdict.js'

/**
 * The analysis scene in the HTML report: the checks, and per canary tenant an inline SVG of its samples
 * (red) against the baseline median read at the same moments (blue) and the relative limit (dashed), then
 * the samples as a table; then each analysed wave's tenants the same way (`analysis-waves`). Escaped like
 * the rest of the report; no script, nothing fetched.
 */
export interface SceneData {
  sha: string
  message: string
  reason: string
  analysis: ReportAnalysis | null
  /** Each wave's analysis (`analysis-waves`), when the job got that far: drawn as the canary's is. */
  waves?: ReportAnalysis[]
  checks: Check[]
  /** The job's summary (Markdown) and JSON report. */
  summary: string
  report: unknown
}

export function renderScene(d: SceneData, e: (text: unknown) => string): string {
  const checks = `<ul class="checks">${d.checks.map((c) => `<li><span class="${c.ok ? 'pass' : 'fail'}">${c.ok ? '✓' : '✗'}</span> ${e(c.label)} <span class="muted">— ${e(c.evidence)}</span></li>`).join('')}</ul>`
  const a = d.analysis
  const waves = (d.waves ?? []).map(
    (w) =>
      `<h3>${e(w.step)}: ${w.passed ? 'passed' : 'not passed'}</h3><p class="muted">baseline: ${e(w.baseline.map((b) => b.tenant).join(', ') || 'none')}${w.absoluteOnly ? `; ${e(w.absoluteOnly)}` : ''}.</p>${tenantsHtml(w, e, 'tenant')}`
  )
  const body = a ? tenantsHtml(a, e, 'canary') + waves.join('') : '<p>The job wrote no analysis.</p>'
  return `<h2>Scene: a canary that reports the right commit but fails its analysis</h2>
<p><span class="mono">${e(d.sha.slice(0, 7))}</span> ${e(d.message)}. ${e(d.reason)}</p>${checks}
${a ? `<p class="muted">${e(a.kind)} from ${e(a.source)}, every ${e(a.intervalSeconds)} s; baseline: ${e(a.baseline.map((b) => b.tenant).join(', '))}.</p>` : ''}${body}
<details><summary>Job C: summary as the runner shows it</summary><pre>${e(markdownToText(d.summary, { width: 140 }))}</pre></details>
<details><summary>Job C: JSON report (output <code>report-path</code>)</summary><pre>${e(JSON.stringify(d.report, null, 2))}</pre></details>`
}

/** Per analysed tenant: a heading, the chart, and the samples as a table. */
function tenantsHtml(a: ReportAnalysis, e: (text: unknown) => string, self: string): string {
  return a.tenants
    .map(
      (t) => `<h3>${e(t.tenant)}: ${e(t.verdict)}${t.why ? ` <span class="muted">(${e(t.why)})</span>` : ''}</h3>${chart(t.samples)}
<table><tr><th>at</th><th>${self}</th><th>baseline median (read)</th><th>limit</th><th>sample</th></tr>${t.samples
        .map(
          (s) =>
            `<tr><td>${e(s.atSeconds)} s</td><td>${e(s.value ?? '—')}</td><td>${e(s.baselineMedian ?? '—')} (${e(s.baselineReadable)}/${e(s.baselineAsked)})</td><td>${e(s.limit ?? '—')}</td><td>${e(s.verdict)}${s.why ? `: ${e(s.why)}` : ''}</td></tr>`
        )
        .join('')}</table>`
    )
    .join('')
}

const W = 480
const H = 120

/** Canary (red), baseline median (blue), relative limit (dashed grey); missing values leave a gap. */
function chart(samples: ReportAnalysis['tenants'][number]['samples']): string {
  if (samples.length === 0) return ''
  const top = Math.max(1e-9, ...samples.flatMap((s) => [s.value ?? 0, s.baselineMedian ?? 0, s.limit ?? 0])) * 1.1
  const x = (i: number): number => (samples.length === 1 ? W / 2 : 10 + (i * (W - 20)) / (samples.length - 1))
  const y = (v: number): number => H - 10 - (v / top) * (H - 20)
  const line = (pick: (s: (typeof samples)[number]) => number | null, style: string): string => {
    const points = samples.flatMap((s, i) => (pick(s) === null ? [] : [`${x(i).toFixed(1)},${y(pick(s)!).toFixed(1)}`]))
    return points.length ? `<polyline fill="none" ${style} points="${points.join(' ')}"/>` : ''
  }
  return `<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="canary samples against the baseline median"><rect width="${W}" height="${H}" fill="#f9fafb"/>${line((s) => s.limit, 'stroke="#6b7280" stroke-dasharray="4 3"')}${line((s) => s.baselineMedian, 'stroke="#1d4ed8" stroke-width="2"')}${line((s) => s.value, 'stroke="#b91c1c" stroke-width="2"')}</svg>`
}
