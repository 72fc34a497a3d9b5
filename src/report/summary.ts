import { analysisSection } from './analysis-summary.js'
import { codeText, escapeMarkdown } from './escape.js'
import { byFailingFirst } from './failures.js'
import type { ReportTenant, RunReport } from './model.js'

/**
 * The one Markdown summary of a run, for every mode: the job summary, and the check run's output on
 * GitHub. The outcome and why, the gate's decision, a phase timeline with durations, the tenant table
 * (failing first) and the promotion. Every value that came from a tenant, the forge, a registry or an
 * input is escaped; no value starts a line.
 */

/** Rows past this are left to the JSON report: GitHub caps a step summary at 1 MiB. */
export const MAX_TENANT_ROWS = 500

const ICON: Record<string, string> = { success: '✅', neutral: '⏭️', failure: '❌' }
const VERDICT_ICON: Record<ReportTenant['verdict'], string> = {
  'on-target': '✅',
  ahead: '⏩',
  stale: '❌',
  unreachable: '❌',
  invalid: '❌',
  'redeploy-failed': '❌',
  'analysis-failed': '❌',
  'not-started': '⏸️'
}

const sha7 = (sha: string | null | undefined): string => (sha ? `<code>${escapeMarkdown(sha.slice(0, 7))}</code>` : '—')

/** Our own ISO timestamps as `2026-11-22 21:52:07`; anything else shows as a dash. */
const utc = (iso: string): string => (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(iso) ? iso.slice(0, 19).replace('T', ' ') : '—')

/** `42s`, `3m 05s`, `1h 02m`: short enough for a table column. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)}s`
  const s = Math.round(seconds)
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
}

export function runSummaryMarkdown(r: RunReport, reportPath?: string): string {
  const lines = [
    `## ${ICON[r.conclusion]} Rollout Guard ${escapeMarkdown(r.mode)}, ${escapeMarkdown(r.target.environment)}: ${escapeMarkdown(r.result)}`,
    '',
    `${ICON[r.conclusion]} ${escapeMarkdown(r.reason, 2000)}`,
    '',
    ...overview(r),
    ...phases(r),
    ...tenants(r),
    ...analysisSection(r),
    ...restore(r),
    ...promotion(r)
  ]
  if (reportPath) lines.push(`JSON report: ${codeText(reportPath)} (output <code>report-path</code>, schema <code>${r.schema}</code> v${r.schemaVersion}).`, '')
  return lines.join('\n')
}

function overview(r: RunReport): string[] {
  const rows = [`| Commit | ${sha7(r.target.sha)} on ${codeText(r.target.branch)}${r.target.tag ? `, image tag ${codeText(r.target.tag)}` : ''} |`]
  if (r.decision) {
    const d = r.decision
    const verdict = d.forced
      ? '⚠️ superseded, overridden by `force`'
      : d.superseded
        ? '⏭️ superseded'
        : d.basis === 'disabled'
          ? '⚠️ check off'
          : d.basis === 'unreadable'
            ? '⚠️ owner (head unreadable)'
            : '✅ owner'
    rows.push(`| Gate | ${verdict}: ${escapeMarkdown(d.reason, 1000)} |`)
  } else if (r.head) {
    rows.push(`| Branch head | ${sha7(r.head)} |`)
  }
  if (r.deployState) rows.push(`| Deploy record | ${deployStateCell(r.deployState)} |`)
  const url = safeUrl(r.run.url)
  // Labelled as the page is addressed: the run id on GitHub, the run number on Gitea.
  const run = url ? `[${escapeMarkdown(url.split('/').pop() || 'run')}](${url})` : escapeMarkdown(r.run.id ?? 'local')
  if (r.shard) rows.push(`| Shard | ${escapeMarkdown(r.shard)} |`)
  rows.push(`| Run | ${run}, ${formatDuration(r.durationSeconds)}, finished ${utc(r.finishedAt)} UTC |`)
  const c = r.counters
  rows.push(
    `| Counters | ${c.buildinfoPolls} build info poll(s), ${c.httpRetries} HTTP retr${c.httpRetries === 1 ? 'y' : 'ies'}, ${c.redeployReissues} redeploy re-issue(s), ${c.gateChecks} gate check(s) (${c.gateReads} head read(s)), ${c.defers} defer(s), ${c.holds} hold(s) |`
  )
  const budget = forgeBudget(c)
  if (budget) rows.push(`| Forge API | ${budget} |`)
  return ['| | |', '|---|---|', ...rows, '']
}

/** `41 request(s) (12 GET branches, ...), 30 of them 304 (free), rate limit 997 → 960 remaining, 1 rate-limit wait`. */
function forgeBudget(c: RunReport['counters']): string | undefined {
  const kinds = Object.entries(c.forgeRequests ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  if (!kinds.length) return undefined
  const total = kinds.reduce((n, [, k]) => n + k, 0)
  const parts = [`${total} request(s) (${kinds.map(([kind, n]) => `${n} ${escapeMarkdown(kind, 60)}`).join(', ')})`]
  parts.push(`${c.forgeNotModified} answered 304, not counted by the rate limit`)
  const { start, end } = c.rateLimitRemaining ?? { start: null, end: null }
  if (start !== null) parts.push(`rate limit remaining ${start} at the start, ${end} at the end`)
  if (c.rateLimitWaits) parts.push(`${c.rateLimitWaits} rate-limit wait(s)`)
  return parts.join('; ')
}

/** Only a plain http(s) URL becomes a link target; anything else is left out. */
const safeUrl = (url: string | null): string | undefined => (url && /^https?:\/\/[^\s<>()]+$/.test(url) ? url : undefined)

const STATE_ICON: Record<string, string> = { proceed: '✅', deferred: '⏳', held: '⛔', 'presumed-dead': '⚠️' }

/**
 * `⛔ held: run 4242.1 canary-failed, since 2026-12-01 10:00:00 UTC`. The record's run stays text: its
 * URL is whatever the record's writer put there (anyone who can set a commit status), and links on this
 * page come only from this run. The JSON report keeps the URL as the record states it.
 */
function deployStateCell(d: NonNullable<RunReport['deployState']>): string {
  const run = d.run ? ` run ${escapeMarkdown(d.run)}` : ''
  const since = d.since ? `, since ${utc(d.since)} UTC` : ''
  return `${STATE_ICON[d.action] ?? ''} ${escapeMarkdown(d.action)}:${run} ${escapeMarkdown(d.end ?? 'no record')}${since}`
}

function phases(r: RunReport): string[] {
  if (!r.phases.length) return []
  const total = r.phases.reduce((n, p) => n + p.durationSeconds, 0)
  const rows = r.phases.map(
    (p, i) =>
      `| ${i + 1} | ${escapeMarkdown(p.name)} | ${escapeMarkdown(p.outcome)} | ${utc(p.startedAt).slice(11)} | ${formatDuration(p.durationSeconds)} | ${p.detail ? escapeMarkdown(p.detail, 200) : ''} |`
  )
  return ['### Timeline', '', '| # | Phase | Outcome | Started (UTC) | Duration | Detail |', '|---|---|---|---|---|---|', ...rows, `| | total | | | ${formatDuration(total)} | |`, '']
}

/** Columns that carry nothing in this run (verify has no steps, actions or before) are left out. */
const COLUMNS: Array<{ head: string; cell: (t: ReportTenant) => string; used: (t: ReportTenant) => boolean }> = [
  { head: 'Tenant', cell: (t) => escapeMarkdown(t.tenant), used: () => true },
  { head: 'Step', cell: (t) => escapeMarkdown(t.step ?? ''), used: (t) => t.step !== null },
  { head: 'Action', cell: (t) => escapeMarkdown(t.action ?? ''), used: (t) => t.action !== null },
  { head: 'Verdict', cell: (t) => `${VERDICT_ICON[t.verdict]} ${escapeMarkdown(t.verdict)}`, used: () => true },
  { head: 'Before', cell: (t) => sha7(t.before), used: (t) => t.before !== null },
  { head: 'Now', cell: (t) => sha7(t.sha), used: () => true },
  { head: 'Settled in', cell: (t) => (t.settleSeconds === null ? '—' : formatDuration(t.settleSeconds)), used: () => true },
  { head: 'Polls', cell: (t) => String(t.polls), used: () => true },
  { head: 'Note', cell: (t) => escapeMarkdown(t.redeployError ?? t.lastError ?? (t.reissues ? `redeploy re-issued ${t.reissues}×` : ''), 160), used: () => true }
]

function tenants(r: RunReport): string[] {
  if (!r.tenants.length) return []
  const columns = COLUMNS.filter((c) => r.tenants.some(c.used))
  const rows = [...r.tenants].sort(byFailingFirst)
  const lines = [
    `### Tenants: ${r.counts.ok} of ${r.counts.total} OK${r.counts.failed ? `, ${r.counts.failed} failing` : ''}`,
    '',
    `| ${columns.map((c) => c.head).join(' | ')} |`,
    `|${columns.map(() => '---|').join('')}`,
    ...rows.slice(0, MAX_TENANT_ROWS).map((t) => `| ${columns.map((c) => c.cell(t)).join(' | ')} |`)
  ]
  if (rows.length > MAX_TENANT_ROWS) lines.push('', `${rows.length - MAX_TENANT_ROWS} more tenants are in the JSON report.`)
  return [...lines, '']
}

const RESTORE_ICON: Record<string, string> = { restored: '↩️', failed: '❌', held: '⛔', superseded: '⏭️', skipped: '⚠️', 'nothing-to-restore': '⚠️' }

/** The failed canary's restore: the one backward move, tenant by tenant, and whether it verified. */
function restore(r: RunReport): string[] {
  const x = r.restore
  if (!x) return []
  const rows = x.tenants.slice(0, MAX_TENANT_ROWS).map((t) => {
    const result = t.verified ? '✅ verified there' : t.verdict ? `❌ ${escapeMarkdown(t.verdict)}${t.sha ? ` (serves ${sha7(t.sha)})` : ''}` : '—'
    return `| ${escapeMarkdown(t.tenant)} | ${escapeMarkdown(t.action)} | ${sha7(t.to)} | ${result} | ${escapeMarkdown(t.detail ?? '', 160)} |`
  })
  return [
    `### Canary restore: ${escapeMarkdown(x.outcome)}`,
    '',
    `${RESTORE_ICON[x.outcome] ?? ''} ${escapeMarkdown(x.reason, 1000)}`,
    '',
    '| Tenant | Restore | Back to | Verification | Note |',
    '|---|---|---|---|---|',
    ...rows,
    ''
  ]
}

function promotion(r: RunReport): string[] {
  const p = r.promotion
  if (!p) return []
  const icon = p.outcome === 'failed' ? '❌' : p.promoted ? '✅' : '⏭️'
  const move = p.from && p.tag ? ` ${codeText(p.from)} → ${codeText(p.tag)}${p.image ? ` in ${codeText(p.image)}` : ''}` : ''
  const lines = [`### Promotion`, '', `${icon} **${escapeMarkdown(p.outcome)}**${move}: ${escapeMarkdown(p.reason, 1000)}`, '']
  if (p.digest) lines.push(`Digest ${codeText(p.digest)}${p.previousDigest && p.previousDigest !== p.digest ? `, before ${codeText(p.previousDigest)}` : ''}${p.forced ? ' (forced)' : ''}.`, '')
  return lines
}
