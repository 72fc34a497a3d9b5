/**
 * How a run ended, in a form a later run can read back from the commit. A deploy writes it into its own
 * check run (`external_id`) or commit status (the end of its description), so reconcile can tell a live
 * deploy from a dead one, and a rejected commit from a deploy that merely left tenants behind.
 *
 * - `running`: the run has started and not reported an end (yet, or ever: a killed runner)
 * - `deployed`: every tenant verified
 * - `superseded`: a newer commit took over, the run stepped aside
 * - `cancelled`: the run was cancelled
 * - `canary-failed`: the canary did not verify; the rest of the fleet was not touched
 * - `halted`: more tenants failed than `max-failures` allows, and later waves were not started
 * - `failed-tenants`: every wave ran, and some tenants did not verify
 * - `failed`: the run failed before or outside the rollout (bad input, unreadable fleet, promotion)
 */
export { compareRuns, formatStamp, parseStamp, partOf, type RestoreStamp, RUN_ENDS, type RunEnding, type RunStamp, splitStamp } from '../record/stamp.js'
import { recordEnd, type RolloutStop } from '../record/end.js'
import type { RestoreStamp, RunEnding } from '../record/stamp.js'

/** The ends by which a deploy rejected its commit: reconcile must not roll it out. */
export const REJECTING_ENDS: ReadonlySet<RunEnding> = new Set(['canary-failed', 'halted'])

/** What `endOfRun` reads of a run's report; structural, so the report model can depend on this file. */
export interface FinishedRun {
  result: string
  phases: readonly { name: string; outcome: string }[]
  tenants: readonly { ok: boolean; verdict: string; action: string | null; cancelled?: boolean }[]
  restore?: { outcome: string; tenants: readonly { to: string | null; verified: boolean }[] } | null
  stop?: RolloutStop | null
}

/** The restore part of a record, read from a finished run's report; undefined when the canary did not fail. */
export function restoreOfRun(report: FinishedRun): RestoreStamp | undefined {
  const r = report.restore
  if (!r) return undefined
  return { outcome: r.outcome, verified: r.tenants.filter((t) => t.verified).length, due: r.tenants.filter((t) => t.to !== null).length }
}

/** The end of a finished run, read from its report: the record-end decision (record/end.ts). */
export function endOfRun(report: FinishedRun): RunEnding {
  return recordEnd(report)
}
