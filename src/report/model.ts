import type { GateDecision } from '../gate/decide.js'
import type { PromotionResult } from '../promote/promote.js'
import type { PhaseRecord } from '../rollout/timeline.js'
import type { TenantRecord } from '../rollout/types.js'
import type { Settings } from '../settings/index.js'
import { isOk, type TenantVerdict } from '../verify/types.js'

/**
 * The JSON report (`report-path` output): one versioned schema for every mode. Within a schemaVersion
 * fields are only ever added; a rename or removal bumps it. Documented in the README.
 */
export const REPORT_SCHEMA = 'rollout-guard/report'
export const REPORT_SCHEMA_VERSION = 1

export interface ReportTenant {
  tenant: string
  /** canary, wave N, or null when the mode has no steps. */
  step: string | null
  /** What the rollout did (deploy/reconcile); null for verify. */
  action: TenantRecord['action'] | null
  /** SHA served before the redeploy, from the pre-flight read. */
  before: string | null
  verdict: TenantVerdict['verdict'] | 'redeploy-failed' | 'not-started'
  ok: boolean
  sha: string | null
  polls: number
  settleSeconds: number | null
  lastError: string | null
  redeployError: string | null
  reissues: number
  url: string | null
}

export interface RunReport {
  schema: typeof REPORT_SCHEMA
  schemaVersion: typeof REPORT_SCHEMA_VERSION
  mode: string
  result: string
  reason: string
  repository: string
  forge: string
  run: { id: string | null; url: string | null; workflow: string | null; job: string | null; actor: string | null; event: string | null }
  target: { sha: string; branch: string; environment: string; tag: string | null }
  head: { sha: string | null; superseded: boolean; basis: string; reason: string } | null
  startedAt: string
  finishedAt: string
  phases: Array<Omit<PhaseRecord, 'durationMs' | 'detail'> & { durationSeconds: number; detail: string | null }>
  counts: { total: number; ok: number; failed: number; [verdict: string]: number }
  tenants: ReportTenant[]
  promotion: (Omit<PromotionResult, 'digest'> & { digest: string | null }) | null
}

const sec = (ms: number | undefined): number | null => (ms === undefined ? null : Math.round(ms) / 1000)

export function tenantFromRecord(r: TenantRecord): ReportTenant {
  const v = r.verdict
  const verdict = r.action === 'redeploy-failed' ? 'redeploy-failed' : (v?.verdict ?? 'not-started')
  return {
    tenant: r.tenant,
    step: r.step || null,
    action: r.action,
    before: r.before ?? null,
    verdict,
    ok: v !== undefined && r.action !== 'redeploy-failed' && isOk(v.verdict),
    sha: v?.sha ?? null,
    polls: v?.polls ?? 0,
    settleSeconds: sec(v?.settleMs),
    lastError: v?.lastError ?? null,
    redeployError: r.redeployError ?? null,
    reissues: r.reissues,
    url: v?.url ?? null
  }
}

export interface ReportInput {
  settings: Settings
  result: string
  reason: string
  tag?: string
  gate?: GateDecision
  startedAt: Date
  finishedAt: Date
  phases: PhaseRecord[]
  tenants: ReportTenant[]
  promotion?: PromotionResult
}

export function buildReport(i: ReportInput): RunReport {
  const { settings: s } = i
  const counts: RunReport['counts'] = { total: i.tenants.length, ok: 0, failed: 0 }
  for (const t of i.tenants) {
    counts[t.verdict] = (counts[t.verdict] ?? 0) + 1
    if (t.ok) counts.ok += 1
    else if (t.verdict !== 'not-started') counts.failed += 1
  }
  return {
    schema: REPORT_SCHEMA,
    schemaVersion: REPORT_SCHEMA_VERSION,
    mode: s.mode,
    result: i.result,
    reason: i.reason,
    repository: `${s.forge.owner}/${s.forge.repo}`,
    forge: s.forge.kind,
    run: { id: s.run.runId ?? null, url: s.run.runUrl ?? null, workflow: s.run.workflow ?? null, job: s.run.job ?? null, actor: s.run.actor ?? null, event: s.run.event ?? null },
    target: { sha: s.target.sha, branch: s.target.branch, environment: s.target.environment, tag: i.tag ?? null },
    head: i.gate ? { sha: i.gate.headSha ?? null, superseded: i.gate.superseded, basis: i.gate.basis, reason: i.gate.reason } : null,
    startedAt: i.startedAt.toISOString(),
    finishedAt: i.finishedAt.toISOString(),
    phases: i.phases.map((p) => ({ name: p.name, startedAt: p.startedAt, endedAt: p.endedAt, durationSeconds: p.durationMs / 1000, outcome: p.outcome, detail: p.detail ?? null })),
    counts,
    tenants: i.tenants,
    promotion: i.promotion ? { ...i.promotion, digest: i.promotion.digest ?? null } : null
  }
}
