import type { RestoreStamp, RunEnding } from './stamp.js'

/**
 * What a finished run records as its end: the one decision of what a run's words mean to reconcile. Only
 * a canary whose own build failed verification records `canary-failed`, and only verification failures
 * past `max-failures` record `halted`: those hold the commit. A stop for an outage, a misconfiguration
 * (the control plane refusing its token), a redeploy the control plane failed, a cancel or a supersession
 * records an end that holds nothing. Pure; structural, so the report model can depend on it.
 */

/**
 * Where a rollout stopped short of its end, as the rollout itself knows it:
 * - `canary`: the canary step had failures (which kind is read from the tenants)
 * - `max-failures`: more tenants failed than `max-failures` allows, later waves not started
 * - `outage`: the head became unreadable, so the job could not tell whether it still owned the branch
 * - `control-plane-token`: the control plane refused its token (401/403); nothing more was sent
 */
export type StopPoint = 'canary' | 'max-failures' | 'outage' | 'control-plane-token'

export interface RolloutStop {
  at: StopPoint
  /** `max-failures` as the rollout applied it. */
  maxFailures: number
}

/** What the decision reads of a run's report. */
export interface EndFacts {
  result: string
  stop?: RolloutStop | null
  tenants: readonly { ok: boolean; verdict: string; action: string | null; cancelled?: boolean; before?: string | null; sha?: string | null; reissues?: number }[]
}

const SUCCESS = new Set(['deployed', 'healed', 'in-sync', 'promoted', 'verified', 'owner'])
/** Actions after which this job waited for the tenant's own verification of its build. */
const VERIFIED_BY_THIS_JOB = new Set(['redeployed', 'skipped-on-target'])

/**
 * A tenant whose verification of this job's build failed (not a redeploy error, not a cut-short budget),
 * its health analysis included: a build that reports its commit but fails its analysis misbehaved itself.
 */
export function failedVerification(t: EndFacts['tenants'][number]): boolean {
  return !t.ok && !t.cancelled && t.action !== null && VERIFIED_BY_THIS_JOB.has(t.action) && ['stale', 'unreachable', 'invalid', 'analysis-failed'].includes(t.verdict) && !movedByAnother(t)
}

/**
 * A tenant another writer moved while this job verified it is no evidence about this job's build: its
 * redeploy had to be sent again (the sweeper saw it regress), or it ended on an older commit that is not the
 * one it served before this job's redeploy (a control plane without compare-and-set lets an older job's late
 * redeploy land; a build that never came up leaves the tenant on what it served before, as a rolling update
 * keeps its old replicas). Such a stop holds nothing: the commit still needs a verified canary to go further.
 */
function movedByAnother(t: EndFacts['tenants'][number]): boolean {
  if ((t.reissues ?? 0) > 0) return true
  return t.verdict === 'stale' && t.sha !== undefined && t.sha !== null && t.sha !== t.before
}

export function recordEnd(f: EndFacts): RunEnding {
  if (SUCCESS.has(f.result)) return 'deployed'
  if (f.result === 'skipped-superseded') return 'superseded'
  if (f.result === 'cancelled') return 'cancelled'
  if (f.result !== 'failed') return 'failed'
  // No stop: every wave ran; failing tenants then leave the commit unrejected (`failed-tenants`).
  if (!f.stop) return f.tenants.some((t) => !t.ok && t.verdict !== 'not-started') ? 'failed-tenants' : 'failed'
  const failing = f.tenants.filter(failedVerification)
  switch (f.stop.at) {
    case 'canary':
      // Only the canary was touched by then: any verification failure is the canary's own build failing.
      return failing.length > 0 ? 'canary-failed' : 'failed'
    case 'max-failures':
      return failing.length > f.stop.maxFailures ? 'halted' : 'failed'
    default:
      return 'failed'
  }
}

/** The ends by which a deploy rejected its commit: reconcile must not roll it out. */
export const REJECTING_ENDS: ReadonlySet<RunEnding> = new Set(['canary-failed', 'halted'])

/** What `endOfRun` and `restoreOfRun` read of a run's report; structural, so the report model can depend on this file. */
export interface FinishedRun extends EndFacts {
  phases: readonly { name: string; outcome: string }[]
  restore?: { outcome: string; tenants: readonly { to: string | null; verified: boolean }[] } | null
}

/** The restore part of a record, read from a finished run's report; undefined when the canary did not fail. */
export function restoreOfRun(report: FinishedRun): RestoreStamp | undefined {
  const r = report.restore
  if (!r) return undefined
  return { outcome: r.outcome, verified: r.tenants.filter((t) => t.verified).length, due: r.tenants.filter((t) => t.to !== null).length }
}

/** The end of a finished run, read from its report. */
export function endOfRun(report: FinishedRun): RunEnding {
  return recordEnd(report)
}
