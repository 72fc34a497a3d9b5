import { formatSeconds } from '../clock.js'
import { truncate } from '../errors.js'
import { escapeMarkdown } from '../verify/summary.js'
import type { ReportTenant, RunReport } from './model.js'

/**
 * The job summary for modes that change things (deploy, reconcile): the decision and why, a phase
 * timeline, the tenant table with failing tenants first, and the promotion. Everything that came from
 * a tenant, the forge or the registry is escaped.
 */
export const MAX_TENANT_ROWS = 500

const ICON: Record<string, string> = {
  deployed: '✅',
  healed: '✅',
  'in-sync': '✅',
  drifted: '⚠️',
  verified: '✅',
  'skipped-superseded': '⏭️',
  failed: '❌',
  cancelled: '⛔'
}

const short = (sha: string | null | undefined): string => (sha ? `\`${sha.slice(0, 7)}\`` : '—')

export function runSummaryMarkdown(r: RunReport, reportPath?: string): string {
  const lines = [
    `## ${ICON[r.result] ?? 'ℹ️'} Rollout Guard ${escapeMarkdown(r.mode)} to ${escapeMarkdown(r.target.environment)}: ${escapeMarkdown(r.result)}`,
    '',
    escapeMarkdown(r.reason),
    '',
    `Target ${short(r.target.sha)} on \`${escapeMarkdown(r.target.branch)}\`${r.target.tag ? `, tag \`${escapeMarkdown(r.target.tag)}\`` : ''}; branch head ${short(r.head?.sha)}${r.head ? ` (${escapeMarkdown(r.head.basis)})` : ''}.`,
    ''
  ]
  if (r.phases.length) {
    lines.push('### Phases', '', '| Phase | Outcome | Duration | Detail |', '|---|---|---|---|')
    for (const p of r.phases) {
      lines.push(`| ${escapeMarkdown(p.name)} | ${escapeMarkdown(p.outcome)} | ${formatSeconds(p.durationSeconds * 1000)} | ${p.detail ? escapeMarkdown(truncate(p.detail, 200)) : ''} |`)
    }
    lines.push('')
  }
  if (r.tenants.length) {
    lines.push(`### Tenants (${r.counts.ok} of ${r.counts.total} OK)`, '', '| Tenant | Step | Action | Verdict | Before | Now | Settled in | Polls | Note |', '|---|---|---|---|---|---|---|---|---|')
    const rows = [...r.tenants].sort(byFailingFirst)
    for (const t of rows.slice(0, MAX_TENANT_ROWS)) {
      const note = t.redeployError ?? t.lastError ?? (t.reissues ? `redeploy re-issued ${t.reissues}×` : '')
      lines.push(
        `| ${escapeMarkdown(t.tenant)} | ${escapeMarkdown(t.step ?? '')} | ${escapeMarkdown(t.action ?? '')} | ${t.ok ? '✅' : t.verdict === 'not-started' ? '⏸️' : '❌'} ${escapeMarkdown(t.verdict)} | ${short(t.before)} | ${short(t.sha)} | ${t.settleSeconds === null ? '—' : formatSeconds(t.settleSeconds * 1000)} | ${t.polls} | ${note ? escapeMarkdown(truncate(note, 160)) : ''} |`
      )
    }
    if (rows.length > MAX_TENANT_ROWS) lines.push('', `${rows.length - MAX_TENANT_ROWS} more tenants are in the JSON report.`)
    lines.push('')
  }
  if (r.promotion) {
    const p = r.promotion
    lines.push('### Promotion', '', `${p.promoted ? '✅' : p.outcome === 'failed' ? '❌' : '⏭️'} ${escapeMarkdown(p.outcome)}: ${escapeMarkdown(p.reason)}${p.digest ? ` (digest \`${escapeMarkdown(p.digest)}\`)` : ''}`, '')
  }
  if (reportPath) lines.push(`JSON report: \`${escapeMarkdown(reportPath)}\` (output \`report-path\`).`, '')
  return lines.join('\n')
}

const RANK: Record<string, number> = { stale: 0, unreachable: 0, invalid: 0, 'redeploy-failed': 0, 'not-started': 1, ahead: 2, 'on-target': 3 }

function byFailingFirst(a: ReportTenant, b: ReportTenant): number {
  return (RANK[a.verdict] ?? 0) - (RANK[b.verdict] ?? 0) || a.tenant.localeCompare(b.tenant)
}
