import { fmt } from '../analysis/judge.js'
import { escapeMarkdown } from './escape.js'
import type { ReportAnalysis } from './analysis.js'
import type { RunReport } from './model.js'
import { highest, sparkline } from './sparkline.js'

/**
 * The analysis in the summary, the canary's and then each wave's (`analysis-waves`): one row per
 * analysed tenant with its samples and its baseline's drawn side by side (sparklines to one scale), then
 * each tenant's samples as a small table. The JSON report keeps every sample; the summary shows the
 * first ones of the first few tenants (and of the first few waves).
 */
const MAX_TENANTS = 5
const MAX_WAVES = 5
const MAX_SAMPLES = 30
const ICON: Record<string, string> = { passed: '✅', failed: '❌', inconclusive: '⚠️', good: '✅', bad: '❌' }

const num = (v: number | null): string => (v === null ? '—' : fmt(v))

export function analysisSection(r: RunReport): string[] {
  const waves = r.waveAnalysis ?? []
  const canary = r.analysis ? stepSection(r.analysis, 'Canary analysis', 'canary') : []
  const shown = waves.slice(0, MAX_WAVES).flatMap((w) => stepSection(w, `Wave analysis, ${escapeMarkdown(w.step)}`, 'wave'))
  const more = waves.length > MAX_WAVES ? [`${waves.length - MAX_WAVES} more wave analyses are in the JSON report.`, ''] : []
  return [...canary, ...shown, ...more]
}

function stepSection(a: ReportAnalysis, title: string, who: 'canary' | 'wave'): string[] {
  const t = a.thresholds
  const limits = [t.max !== null ? `above ${fmt(t.max)}` : '', t.maxRatio !== null ? `above ${fmt(t.maxRatio)} x the baseline median (a limit never below ${num(t.baselineFloor)})` : '']
  const lines = [
    `### ${title}: ${a.passed ? 'passed' : 'not passed'}`,
    '',
    `${a.passed ? '✅' : '❌'} ${escapeMarkdown(a.kind)} every ${fmt(a.intervalSeconds)}s; a sample is bad ${limits.filter(Boolean).join(' or ')}; ${t.consecutive} bad in a row fail, more than ${t.inconclusiveLimit} unjudged are inconclusive. Baseline: ${escapeMarkdown(a.baseline.map((b) => b.tenant).join(', ') || 'none', 300)}.`,
    ''
  ]
  if (a.absoluteOnly) lines.push(`Relative limit not applied: ${escapeMarkdown(a.absoluteOnly, 300)}.`, '')
  if (a.stoppedEarly) lines.push(`Stopped early: ${escapeMarkdown(a.stoppedEarly, 300)}`, '')
  if (a.tenants.length === 0) return [...lines, `No ${who} tenant reported the target, so none was analysed.`, '']
  const self = who === 'canary' ? 'Canary' : 'Wave tenant'
  lines.push(`| Tenant | Analysis | ${self} | Baseline median | Samples (bad / unjudged) | Note |`, '|---|---|---|---|---|---|')
  for (const x of a.tenants.slice(0, MAX_TENANTS)) {
    const values = x.samples.map((s) => s.value)
    const base = x.samples.map((s) => s.baselineMedian)
    const top = Math.max(highest(values), highest(base))
    const bad = x.samples.filter((s) => s.verdict === 'bad').length
    const unjudged = x.samples.filter((s) => s.verdict === 'inconclusive').length
    lines.push(
      `| ${escapeMarkdown(x.tenant)} | ${ICON[x.verdict] ?? ''} ${escapeMarkdown(x.verdict)} | <code>${sparkline(values, top)}</code> | <code>${sparkline(base, top)}</code> | ${x.samples.length} (${bad} / ${unjudged}) | ${escapeMarkdown(x.why ?? '', 200)} |`
    )
  }
  if (a.tenants.length > MAX_TENANTS) lines.push('', `${a.tenants.length - MAX_TENANTS} more ${who} tenants are in the JSON report.`)
  lines.push('')
  for (const x of a.tenants.slice(0, MAX_TENANTS)) {
    lines.push(`<details><summary>${escapeMarkdown(x.tenant)}: ${x.samples.length} sample(s)</summary>`, '', `| At | ${self} | Baseline median (read) | Limit | Sample |`, '|---|---|---|---|---|')
    for (const s of x.samples.slice(0, MAX_SAMPLES)) {
      const judged = `${ICON[s.verdict] ?? '⚠️'} ${escapeMarkdown(s.verdict)}${s.why ? `: ${escapeMarkdown(s.why, 160)}` : ''}`
      lines.push(`| ${fmt(s.atSeconds)}s | ${num(s.value)} | ${num(s.baselineMedian)} (${s.baselineReadable}/${s.baselineAsked}) | ${num(s.limit)} | ${judged} |`)
    }
    if (x.samples.length > MAX_SAMPLES) lines.push('', `${x.samples.length - MAX_SAMPLES} more samples are in the JSON report.`)
    lines.push('', '</details>', '')
  }
  return lines
}
