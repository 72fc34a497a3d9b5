import { compareRuns, type RunStamp } from './stamp.js'

/**
 * Absence of evidence is not consent: a commit goes past its canary only when a record says its canary
 * verified. Pure; the reconcile records read here are reconcile's own (its record name), the deploy
 * records those of every deploy job of the commit.
 */

/** What these decisions read of a record (state.ts's DeployRecord). */
interface StampedRecord {
  stamp: RunStamp
}

/** Whether the records on a commit show that a canary of it verified, and which record says so. */
export interface CanaryEvidence<R extends StampedRecord = StampedRecord> {
  verified: boolean
  /** The deploy record that says so, when one does. */
  record?: R
  /** One sentence for the log and the `reason` output. */
  reason: string
}

/**
 * Positive evidence is a deploy record that ended `deployed` (every tenant of that job verified, its canary
 * among them), from any job, run or attempt of the commit. Anything else is not: no record, an unreadable
 * one (the caller never gets here then), a `running` one (live or presumed dead), one that ended
 * `cancelled`, `superseded`, `failed`, `failed-tenants` (which does not say the job had a verified canary),
 * or a record of another mode.
 */
export function canaryEvidence<R extends StampedRecord>(records: readonly R[], sha: string): CanaryEvidence<R> {
  const sha7 = sha.slice(0, 7)
  const verified = records.filter((r) => r.stamp.mode === 'deploy' && r.stamp.end === 'deployed')
  if (verified.length) {
    const record = verified.reduce((a, b) => (compareRuns(b.stamp, a.stamp) > 0 ? b : a))
    const job = record.stamp.part ? ` (shard ${record.stamp.part})` : ''
    return { verified: true, record, reason: `The deploy of ${sha7} in run ${record.stamp.runId} (attempt ${record.stamp.attempt})${job} verified it; healing directly.` }
  }
  const deploys = records.filter((r) => r.stamp.mode === 'deploy')
  const seen = deploys.length ? `its deploy records say only ${[...new Set(deploys.map((r) => r.stamp.end))].join(', ')}` : 'it has no deploy record'
  return { verified: false, reason: `No record says a canary of ${sha7} verified (${seen}): reconcile verifies a canary of it first.` }
}

/**
 * A reconcile whose own canary of the commit failed rejected it (its record ends `canary-failed`): the
 * next reconcile holds, until a whole new deploy of the commit, in a run that started after that
 * reconcile's, ends `deployed`. Undefined when no reconcile rejection stands.
 */
export function reconcileRejection<R extends StampedRecord>(records: readonly R[]): R | undefined {
  const rejections = records.filter((r) => r.stamp.mode === 'reconcile' && r.stamp.end === 'canary-failed')
  if (!rejections.length) return undefined
  const newest = rejections.reduce((a, b) => (compareRuns(b.stamp, a.stamp) > 0 ? b : a))
  const lifted = records.some((r) => r.stamp.mode === 'deploy' && r.stamp.end === 'deployed' && BigInt(r.stamp.runId) > BigInt(newest.stamp.runId))
  return lifted ? undefined : newest
}
