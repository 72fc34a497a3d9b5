import type { AnalysisResult } from '../analysis/types.js'
import { failedAnalysis } from '../analysis/verdict.js'
import { loggableUrl } from '../debug.js'
import type { GateDecision } from '../gate/decide.js'
import type { PromotionResult } from '../promote/promote.js'
import type { DeployState } from '../record/state.js'
import { recordEnd, type RolloutStop } from '../record/end.js'
import type { RunEnding } from '../record/stamp.js'
import type { PhaseRecord } from '../rollout/timeline.js'
import type { CanaryRestore, RestoreAction, TenantRecord } from '../rollout/types.js'
import type { Settings } from '../settings/index.js'
import { analysisOf, type ReportAnalysis } from './analysis.js'
import { type RunCounters, runCounters } from './counters.js'
import { renderTags } from '../settings/promote.js'
import { isOk, type TenantVerdict } from '../verify/types.js'

/**
 * The JSON report (`report-path` output): one versioned schema for every mode, documented field by
 * field in src/report/schema.ts. Within a schemaVersion fields are only ever added; a rename, a removal
 * or a change of meaning bumps it.
 */
export const REPORT_SCHEMA = 'rollout-guard/report'
export const REPORT_SCHEMA_VERSION = 1

/** What the check or commit status shows: the step's own success or failure, neutral when superseded. */
export type Conclusion = 'success' | 'neutral' | 'failure'

export interface ReportTenant {
  tenant: string
  step: string | null
  action: TenantRecord['action'] | null
  before: string | null
  verdict: TenantVerdict['verdict'] | 'redeploy-failed' | 'analysis-failed' | 'not-started'
  ok: boolean
  sha: string | null
  polls: number
  settleSeconds: number | null
  elapsedSeconds: number | null
  cancelled: boolean
  lastError: string | null
  redeployError: string | null
  reissues: number
  url: string | null
}

export interface ReportPhase {
  name: string
  startedAt: string
  endedAt: string
  durationSeconds: number
  outcome: string
  detail: string | null
}

export interface ReportPromotion {
  outcome: PromotionResult['outcome']
  promoted: boolean
  image: string | null
  from: string | null
  tag: string | null
  digest: string | null
  previousDigest: string | null
  previousRevision: string | null
  forced: boolean
  reason: string
}

export interface RunReport {
  schema: typeof REPORT_SCHEMA
  schemaVersion: typeof REPORT_SCHEMA_VERSION
  mode: string
  result: string
  conclusion: Conclusion
  reason: string
  repository: string
  forge: string
  run: { id: string | null; url: string | null; workflow: string | null; job: string | null; actor: string | null; event: string | null }
  target: { sha: string; branch: string; environment: string; tag: string | null }
  head: string | null
  decision: { superseded: boolean; forced: boolean; basis: string; reason: string } | null
  startedAt: string
  finishedAt: string
  durationSeconds: number
  phases: ReportPhase[]
  counts: { total: number; ok: number; failed: number; [verdict: string]: number }
  tenants: ReportTenant[]
  verification: { buildinfoUrl: string; buildinfoField: string; budgetSeconds: number; intervalSeconds: number; requestTimeoutSeconds: number } | null
  promotion: ReportPromotion | null
  deployState: ReportDeployState | null
  counters: RunCounters
  /** `shard 2 of 4: 15 of 60 tenants`, or null when the run handled the whole fleet. */
  shard: string | null
  /** Deploy: what became of the canary after it failed (`canary-failure`); null when it did not fail. */
  restore: ReportRestore | null
  /** Deploy, reconcile: the canary's analysis during the soak (`analysis`); null without one. */
  analysis: ReportAnalysis | null
  /** Deploy, reconcile: each wave's analysis while it settled (`analysis-waves`), in order; empty without. */
  waveAnalysis: ReportAnalysis[]
  /** Where the rollout stopped short of its end; null when it did not stop (or never rolled). */
  stop: RolloutStop | null
  /** The end this run records on the commit (docs/deploy-records.md), the same word reconcile reads. */
  recordEnd: RunEnding
}

export interface ReportRestoreTenant {
  tenant: string
  action: RestoreAction
  /** The commit it went back to (its pre-flight read before this job moved it). */
  to: string | null
  /** Verified exactly on `to` within the settle budget. */
  verified: boolean
  verdict: TenantVerdict['verdict'] | null
  sha: string | null
  polls: number
  settleSeconds: number | null
  detail: string | null
}

export interface ReportRestore {
  outcome: CanaryRestore['outcome']
  reason: string
  tenants: ReportRestoreTenant[]
}

/** Reconcile: what the head's deploy records said, and what reconcile made of them. */
export interface ReportDeployState {
  action: DeployState['action']
  end: string | null
  run: string | null
  since: string | null
  url: string | null
  reason: string
}

/** What a mode did, handed back with its Outcome; main turns it into the report, summary and check. */
export interface RunRecord {
  reason: string
  startedAt: Date
  /** The commit the run acted on when it is not the `sha` input (reconcile: the head it reconciled to). */
  targetSha?: string
  tag?: string
  gate?: GateDecision
  head?: string
  phases: PhaseRecord[]
  tenants: ReportTenant[]
  promotion?: PromotionResult
  /** Reconcile: the decision over the head's deploy records. */
  deployState?: DeployState
  /** `shard 2 of 4: 15 of 60 tenants` when the run handled one shard of the fleet. */
  shard?: string
  /** Deploy: the failed canary's restore. */
  restore?: CanaryRestore
  /** Deploy, reconcile: the canary's analysis during the soak. */
  analysis?: AnalysisResult
  /** Deploy, reconcile: each wave's analysis (`analysis-waves`). */
  waveAnalysis?: AnalysisResult[]
  /** Deploy, reconcile: where the rollout stopped short of its end (record/end.ts decides the record's end from it). */
  stop?: RolloutStop
}

const sec = (ms: number | undefined): number | null => (ms === undefined ? null : Math.round(ms) / 1000)

export function tenantFromVerdict(v: TenantVerdict, extra: Partial<ReportTenant> = {}): ReportTenant {
  return {
    tenant: v.tenant,
    step: null,
    action: null,
    before: null,
    verdict: v.verdict,
    ok: isOk(v.verdict),
    sha: v.sha ?? null,
    polls: v.polls,
    settleSeconds: sec(v.settleMs),
    elapsedSeconds: sec(v.elapsedMs),
    cancelled: v.cancelled === true,
    lastError: v.lastError ?? null,
    redeployError: null,
    reissues: 0,
    // By position: every query value masked, whatever its name (a credential may sit under any).
    url: v.url ? loggableUrl(v.url) : null,
    ...extra
  }
}

export function tenantFromRecord(r: TenantRecord): ReportTenant {
  const judged = r.verdict ? tenantFromVerdict(r.verdict) : notJudged(r.tenant)
  // A tenant left alone because its ancestry is unknown failed its redeploy step: the error line says why.
  const failedRedeploy = r.action === 'redeploy-failed' || r.action === 'skipped-unknown'
  // A canary or wave tenant that serves the commit but failed its analysis is not OK: the note says why (analysis.ts).
  const badHealth = !failedRedeploy && failedAnalysis(r.analysis)
  return {
    ...judged,
    step: r.step || null,
    action: r.action,
    before: r.before ?? null,
    verdict: failedRedeploy ? 'redeploy-failed' : badHealth ? 'analysis-failed' : judged.verdict,
    ok: judged.ok && !failedRedeploy && !badHealth,
    ...(badHealth ? { lastError: `analysis ${r.analysis!.verdict}${r.analysis!.why ? `: ${r.analysis!.why}` : ''}` } : {}),
    redeployError: r.redeployError ?? null,
    reissues: r.reissues
  }
}

function notJudged(tenant: string): ReportTenant {
  return {
    tenant,
    step: null,
    action: null,
    before: null,
    verdict: 'not-started',
    ok: false,
    sha: null,
    polls: 0,
    settleSeconds: null,
    elapsedSeconds: null,
    cancelled: false,
    lastError: null,
    redeployError: null,
    reissues: 0,
    url: null
  }
}

/** Failing: judged and not OK (a tenant never started is listed, but is not a failure of its own). */
export function isFailing(t: ReportTenant): boolean {
  return !t.ok && t.verdict !== 'not-started'
}

/** The `verified`, `stale` and `ahead` outputs, the same for every mode that verifies tenants. */
export function verificationOutputs(rows: readonly ReportTenant[]): Record<string, string> {
  return {
    verified: String(rows.filter((t) => t.ok).length),
    stale: JSON.stringify(rows.filter(isFailing).map((t) => ({ tenant: t.tenant, verdict: t.verdict, sha: t.sha, polls: t.polls, lastError: t.redeployError ?? t.lastError }))),
    ahead: JSON.stringify(rows.filter((t) => t.verdict === 'ahead').map((t) => ({ tenant: t.tenant, sha: t.sha })))
  }
}

/** Neutral: the run stepped aside (superseded), or reconcile deferred to a live deploy or was held. */
export function conclusionOf(result: string, failed: boolean): Conclusion {
  if (failed) return 'failure'
  return ['skipped-superseded', 'deferred', 'held'].includes(result) ? 'neutral' : 'success'
}

export function buildReport(settings: Settings, outcome: { result: string; failure?: string }, record: RunRecord, finishedAt: Date, counted: RunCounters = runCounters()): RunReport {
  const s = settings
  const counts: RunReport['counts'] = { total: record.tenants.length, ok: 0, failed: 0 }
  for (const t of record.tenants) {
    counts[t.verdict] = (counts[t.verdict] ?? 0) + 1
    if (t.ok) counts.ok += 1
    else if (isFailing(t)) counts.failed += 1
  }
  const g = record.gate
  const sha = record.targetSha ?? s.target.sha
  const report: RunReport = {
    schema: REPORT_SCHEMA,
    schemaVersion: REPORT_SCHEMA_VERSION,
    mode: s.mode,
    result: outcome.result,
    conclusion: conclusionOf(outcome.result, outcome.failure !== undefined),
    reason: record.reason,
    repository: `${s.forge.owner}/${s.forge.repo}`,
    forge: s.forge.kind,
    run: { id: s.run.runId ?? null, url: s.run.runUrl ?? null, workflow: s.run.workflow ?? null, job: s.run.job ?? null, actor: s.run.actor ?? null, event: s.run.event ?? null },
    target: { sha, branch: s.target.branch, environment: s.target.environment, tag: record.tag ?? null },
    head: record.head ?? g?.headSha ?? null,
    decision: g ? { superseded: g.superseded, forced: g.superseded && s.gate.force, basis: g.basis, reason: g.reason } : null,
    startedAt: record.startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationSeconds: Math.max(0, finishedAt.getTime() - record.startedAt.getTime()) / 1000,
    phases: record.phases.map((p) => ({ name: p.name, startedAt: p.startedAt, endedAt: p.endedAt, durationSeconds: p.durationMs / 1000, outcome: p.outcome, detail: p.detail ?? null })),
    counts,
    tenants: record.tenants,
    verification: s.verify
      ? {
          buildinfoUrl: s.verify.buildinfoUrl,
          buildinfoField: s.verify.buildinfoField,
          budgetSeconds: sec(s.verify.budgetMs)!,
          intervalSeconds: sec(s.verify.intervalMs)!,
          requestTimeoutSeconds: sec(s.verify.requestTimeoutMs)!
        }
      : null,
    promotion: record.promotion ? promotionOf(settings, sha, record.promotion) : null,
    deployState: record.deployState ? deployStateOf(record.deployState) : null,
    counters: { ...counted, redeployReissues: record.tenants.reduce((n, t) => n + t.reissues, 0) },
    shard: record.shard ?? null,
    restore: record.restore ? restoreOf(record.restore) : null,
    analysis: record.analysis ? analysisOf(record.analysis, s.analysis) : null,
    waveAnalysis: (record.waveAnalysis ?? []).map((w) => analysisOf(w, s.analysis)),
    stop: record.stop ?? null,
    recordEnd: 'failed'
  }
  report.recordEnd = recordEnd(report)
  return report
}

function restoreOf(r: CanaryRestore): ReportRestore {
  return {
    outcome: r.outcome,
    reason: r.reason,
    tenants: r.tenants.map((t) => ({
      tenant: t.tenant,
      action: t.action,
      to: t.to ?? null,
      verified: t.action === 'restored' && t.verdict?.verdict === 'on-target',
      verdict: t.verdict?.verdict ?? null,
      sha: t.verdict?.sha ?? null,
      polls: t.verdict?.polls ?? 0,
      settleSeconds: sec(t.verdict?.settleMs),
      detail: t.detail ?? t.verdict?.lastError ?? null
    }))
  }
}

function deployStateOf(d: DeployState): ReportDeployState {
  const r = d.record
  return { action: d.action, end: d.end ?? null, run: r ? `${r.stamp.runId}.${r.stamp.attempt}` : null, since: r?.since?.toISOString() ?? null, url: r?.url ?? null, reason: d.reason }
}

function promotionOf(settings: Settings, sha: string, p: PromotionResult): ReportPromotion {
  let tags: { from: string; tag: string } | undefined
  try {
    tags = settings.promote ? renderTags(settings.promote, sha, settings.target.environment) : undefined
  } catch {
    tags = undefined
  }
  return {
    outcome: p.outcome,
    promoted: p.promoted,
    image: settings.promote?.image?.display ?? null,
    from: tags?.from ?? null,
    tag: tags?.tag ?? null,
    digest: p.digest ?? null,
    previousDigest: p.previousDigest ?? null,
    previousRevision: p.previousRevision ?? null,
    forced: p.forced === true,
    reason: p.reason
  }
}
