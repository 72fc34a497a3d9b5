import { formatSeconds } from '../clock.js'
import { excerpt } from '../redact.js'
import { isFailing, type ReportTenant, type RunReport } from './model.js'

/**
 * One line per failing tenant, the same everywhere it appears: the `::error::` log line (an annotation
 * on GitHub, a red line on Gitea) and the check run's annotation. Plain text: @actions/core escapes it
 * for the workflow command, and GitHub shows annotations without Markdown.
 */
export interface TenantFailure {
  tenant: string
  title: string
  message: string
}

const short = (sha: string | null): string => (sha ? sha.slice(0, 7) : 'none')

/** `tenant acme is stale: actual=7a72516 expected=7f25373 after 240s, 13 polls` (+ the last error). */
export function tenantFailure(t: ReportTenant, target: string, budgetSeconds: number | null): TenantFailure {
  const title = `Tenant ${t.tenant}: ${t.verdict}`
  if (t.verdict === 'redeploy-failed') return { tenant: t.tenant, title, message: `tenant ${t.tenant} redeploy failed: ${excerpt(t.redeployError ?? 'no reason given', 300)}` }
  if (t.verdict === 'analysis-failed')
    return { tenant: t.tenant, title, message: `tenant ${t.tenant} serves ${short(t.sha)} but did not pass its analysis: ${excerpt(t.lastError ?? 'no reason given', 300)}` }
  const waited = t.cancelled || budgetSeconds === null ? (t.elapsedSeconds ?? 0) : budgetSeconds
  const after = `${formatSeconds(waited * 1000)}${t.cancelled ? ' (cancelled)' : ''}`
  const base = `tenant ${t.tenant} is ${t.verdict}: actual=${short(t.sha)} expected=${short(target)} after ${after}, ${t.polls} poll${t.polls === 1 ? '' : 's'}`
  return { tenant: t.tenant, title, message: t.lastError ? `${base}; last error: ${excerpt(t.lastError, 300)}` : base }
}

/** Lower ranks first: the failures a reader must act on, then tenants never started, then the good ones. */
const RANK: Record<ReportTenant['verdict'], number> = { 'redeploy-failed': 0, 'analysis-failed': 1, stale: 2, unreachable: 3, invalid: 4, 'not-started': 5, ahead: 6, 'on-target': 7 }

/** Failing tenants first, by kind of failure, then by name. */
export function byFailingFirst(a: ReportTenant, b: ReportTenant): number {
  return RANK[a.verdict] - RANK[b.verdict] || a.tenant.localeCompare(b.tenant)
}

/** Tenants that failed on their own; those cut short by a cancel are summed up by the caller instead. */
export function failuresOf(report: RunReport): TenantFailure[] {
  return report.tenants
    .filter((t) => isFailing(t) && !t.cancelled)
    .sort(byFailingFirst)
    .map((t) => tenantFailure(t, report.target.sha, report.verification?.budgetSeconds ?? null))
}
