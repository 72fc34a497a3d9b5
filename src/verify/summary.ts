import { formatSeconds } from '../clock.js'
import { truncate } from '../errors.js'
import { isOk, type TenantVerdict, type Verdict } from './types.js'

/**
 * The human side of a verification: one error line per failing tenant and the job summary table.
 * Tenant-supplied text (body excerpts in errors) is escaped before it goes into Markdown.
 */

/** Markdown and inline HTML neutralised; newlines flattened so a value cannot break out of a table cell. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~@:])/g, '\\$1')
}

const short = (sha: string | undefined): string => (sha ? sha.slice(0, 7) : 'none')

/** `tenant acme is stale: actual=7a72516 expected=7f25373 after 240s, 13 polls` (+ the last error). */
export function failureMessage(v: TenantVerdict, target: string, budgetMs: number): string {
  const after = v.cancelled ? `${formatSeconds(v.elapsedMs)} (cancelled)` : formatSeconds(budgetMs)
  const polls = `${v.polls} poll${v.polls === 1 ? '' : 's'}`
  const base = `tenant ${v.tenant} is ${v.verdict}: actual=${short(v.sha)} expected=${short(target)} after ${after}, ${polls}`
  return v.lastError ? `${base}; last error: ${truncate(v.lastError, 300)}` : base
}

const ORDER: Record<Verdict, number> = { stale: 0, unreachable: 1, invalid: 2, ahead: 3, 'on-target': 4 }

/** Failing tenants first (stale, unreachable, invalid), then ahead, then on target; by name within. */
export function sortForDisplay(verdicts: readonly TenantVerdict[]): TenantVerdict[] {
  return [...verdicts].sort((a, b) => ORDER[a.verdict] - ORDER[b.verdict] || a.tenant.localeCompare(b.tenant))
}

const ICON: Record<Verdict, string> = { 'on-target': '✅', ahead: '⏩', stale: '❌', unreachable: '❌', invalid: '❌' }

/** Rows past this are left to the JSON report: GitHub caps a step summary at 1 MiB. */
export const MAX_SUMMARY_ROWS = 500

export interface SummaryInfo {
  target: string
  environment: string
  budgetMs: number
  intervalMs: number
  reportPath?: string
}

export function verifySummaryMarkdown(verdicts: readonly TenantVerdict[], info: SummaryInfo): string {
  const ok = verdicts.filter((v) => isOk(v.verdict)).length
  const failed = verdicts.length - ok
  const ahead = verdicts.filter((v) => v.verdict === 'ahead').length
  const lines = [
    `## Settle verification: ${escapeMarkdown(info.environment)}`,
    '',
    failed === 0
      ? `✅ All ${verdicts.length} tenants serve \`${short(info.target)}\`${ahead ? ` (${ahead} already ahead of it)` : ''}.`
      : `❌ ${failed} of ${verdicts.length} tenants did not settle on \`${short(info.target)}\`; ${ok} did${ahead ? ` (${ahead} ahead)` : ''}.`,
    '',
    `Budget ${formatSeconds(info.budgetMs)} per tenant, polled every ${formatSeconds(info.intervalMs)}.`,
    '',
    '| Tenant | Verdict | SHA | Time to settle | Polls | Last error |',
    '|---|---|---|---|---|---|'
  ]
  const rows = sortForDisplay(verdicts)
  for (const v of rows.slice(0, MAX_SUMMARY_ROWS)) {
    const settle = v.settleMs === undefined ? '—' : formatSeconds(v.settleMs)
    const error = v.lastError ? escapeMarkdown(truncate(v.lastError, 160)) : ''
    lines.push(`| ${escapeMarkdown(v.tenant)} | ${ICON[v.verdict]} ${v.verdict} | ${v.sha ? `\`${short(v.sha)}\`` : '—'} | ${settle} | ${v.polls} | ${error} |`)
  }
  if (rows.length > MAX_SUMMARY_ROWS) {
    lines.push('', `${rows.length - MAX_SUMMARY_ROWS} more tenants are listed in the JSON report${info.reportPath ? ` (\`report-path\`)` : ''}.`)
  }
  return `${lines.join('\n')}\n`
}
