import { type CanaryEvidence, reconcileRejection } from './evidence.js'
import { compareRuns, partOf, type RunEnding, type RunStamp } from './stamp.js'
import { REJECTING_ENDS } from './end.js'
import { ageOf as ageOnForgeClock, lastSignOfLife, livenessOf } from './liveness.js'

/** One deploy record on the head, as read back from its check run or commit status. */
export interface DeployRecord {
  stamp: RunStamp
  /** When the forge says the record was written (check `started_at`, status `created_at`); undefined when it did not say. */
  since?: Date
  /** Which kind carries it: a check run or a commit status (both are read, the newest of a job wins). */
  kind?: 'check' | 'status'
  /** The record's own words (check title, status description), for the reader. */
  text?: string
  /** Link to the run (details URL, target URL). */
  url?: string
}

/**
 * What reconcile does about the head, given its deploy records:
 * - `proceed`: heal as usual (the deploy ended, or there is no record)
 * - `deferred`: a deploy is live; redeploy nothing
 * - `held`: the deploy rejected the head; redeploy nothing toward it, promote nothing
 * - `presumed-dead`: a deploy says it is running, for longer than the timeout; proceed, with a warning
 */
export type DeployStateAction = 'proceed' | 'deferred' | 'held' | 'presumed-dead'

export interface DeployState {
  action: DeployStateAction
  /** One sentence for the log, the summary and the `reason` output. */
  reason: string
  /** The record that decided, when one did. */
  record?: DeployRecord
  /** The deciding run's end (`running` for a live or dead one). */
  end?: RunEnding
  /** The records could not be read: proceeding, loudly. */
  unreadable?: boolean
  /** Whether a record says a canary of the head verified (record/evidence.ts); undefined when none were read. */
  evidence?: CanaryEvidence<DeployRecord>
}

export interface DeployStateOptions {
  /**
   * The forge's time now (the `Date` of its answers: forge/forge-clock.ts), never a runner's; undefined
   * when the forge did not say it, and then no record is presumed dead (record/liveness.ts).
   */
  now: Date | undefined
  /** `deploy-timeout-minutes`, in milliseconds. */
  timeoutMs: number
  /** The commit, for the sentences. */
  sha: string
  /** The record's name (`check-name`), for the sentences. */
  name: string
}

export const LIFTS_HOLD =
  'A successful re-run of the job that rejected it, a whole new deploy of the commit that succeeds, a newer commit on the branch (its deploy is the repair), or `force: true` lifts the hold; a re-run of another job does not.'

/**
 * Pure. The newest run of the commit is the deploy that counts (a whole new deploy replaces an older
 * one); within it, each job (the whole fleet, or one shard of a matrix) is read on its own, and its
 * newest attempt decides for that job alone. So a re-run of shard 2 never lifts shard 1's hold, and a
 * late write from an older attempt never re-holds a job a newer attempt deployed. Then the deploy as a
 * whole: any job still live (a heartbeat younger than the timeout) defers, any job that rejected the
 * commit holds it, and a shard that has not reported at all is waited for while its siblings are alive.
 * Records of other modes are ignored, but for a reconcile's own rejection (its canary of the head failed), which
 * holds until a newer deploy run of the commit ends `deployed`.
 */
export function decideDeployState(records: readonly DeployRecord[], o: DeployStateOptions): DeployState {
  const sha7 = o.sha.slice(0, 7)
  const deploys = records.filter((r) => r.stamp.mode === 'deploy')
  const ownRejection = reconcileRejection(records)
  if (deploys.length === 0) {
    if (ownRejection) return heldByReconcile(ownRejection, sha7)
    return { action: 'proceed', reason: `No deploy record named '${o.name}' on ${sha7} (report: none, or deployed by another tool); reconciling as usual.` }
  }

  const newestRun = deploys.reduce((a, b) => (compareRuns({ runId: b.stamp.runId, attempt: 0 }, { runId: a.stamp.runId, attempt: 0 }) > 0 ? b : a)).stamp.runId
  const ofRun = deploys.filter((r) => r.stamp.runId === newestRun)
  // Within a job its newest attempt decides; within an attempt the latest record (a status run writes
  // `running`, heartbeats, then its end); on a tie an end beats `running`, and a rejection another end.
  const jobs = new Map<string, DeployRecord>()
  for (const r of ofRun) {
    const key = r.stamp.part ? String(partOf(r.stamp)!.index) : ''
    const seen = jobs.get(key)
    jobs.set(key, !seen ? r : r.stamp.attempt !== seen.stamp.attempt ? (r.stamp.attempt > seen.stamp.attempt ? r : seen) : later(seen, r))
  }
  // On the forge's clock (liveness.ts): a record whose age the forge's times do not give is never presumed dead.
  const alive = (r: DeployRecord): boolean => livenessOf(r, o.now, o.timeoutMs) !== 'presumed-dead'
  const ageOf = (r: DeployRecord): number => ageOnForgeClock(r, o.now) ?? 0
  const all = [...jobs.values()]
  const running = all.filter((r) => r.stamp.end === 'running')
  const live = running.find(alive)
  const rejected = all.find((r) => REJECTING_ENDS.has(r.stamp.end))
  const run = (r: DeployRecord): string => `run ${r.stamp.runId} (attempt ${r.stamp.attempt})${r.stamp.part ? ` (shard ${r.stamp.part})` : ''}`

  if (live) {
    return {
      action: 'deferred',
      end: 'running',
      record: live,
      reason: `The deploy of ${sha7} in ${run(live)} is in progress ${when(live, o.now)}; reconcile defers to it and redeploys nothing.`
    }
  }
  if (rejected) {
    const end = rejected.stamp.end
    const why = end === 'canary-failed' ? 'its canary failed' : 'it halted past max-failures'
    const words = rejected.text ? ` (${rejected.text})` : ''
    return {
      action: 'held',
      end,
      record: rejected,
      reason: `Held: the deploy of ${sha7} in ${run(rejected)} rejected it: ${why}${words}. Nothing is redeployed toward ${sha7} and it is not promoted. ${LIFTS_HOLD}`
    }
  }
  if (ownRejection) return heldByReconcile(ownRejection, sha7)
  // Shards the deploy has (the records say how many) that wrote nothing yet: queued jobs, waited for
  // while any sibling is recent; a deploy whose every record is older than the timeout is over.
  const count = ofRun.reduce((most, r) => Math.max(most, partOf(r.stamp)?.count ?? 0), 0)
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !jobs.has(String(i)))
  if (missing.length) {
    const freshest = all.reduce((a, b) => (ageOf(b) < ageOf(a) ? b : a))
    const which = `shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')}`
    if (alive(freshest)) {
      return {
        action: 'deferred',
        end: freshest.stamp.end,
        record: freshest,
        reason: `The deploy of ${sha7} in run ${newestRun} has ${count} shards and ${which} have not reported yet (queued, or starting); reconcile defers to it and redeploys nothing.`
      }
    }
    return {
      action: 'presumed-dead',
      end: freshest.stamp.end,
      record: freshest,
      reason: `The deploy of ${sha7} in run ${newestRun} has ${count} shards and ${which} never reported, for longer than deploy-timeout-minutes (${minutes(o.timeoutMs)}); presumed dead, reconciling.`
    }
  }
  const dead = running[0]
  if (dead) {
    return {
      action: 'presumed-dead',
      end: 'running',
      record: dead,
      reason: `The deploy of ${sha7} in ${run(dead)} has said it is in progress ${when(dead, o.now)}, longer than deploy-timeout-minutes (${minutes(o.timeoutMs)}) without a heartbeat; presumed dead (a runner killed before it could report), reconciling.`
    }
  }
  const last = all.reduce(later)
  return { action: 'proceed', end: last.stamp.end, record: last, reason: `The last deploy of ${sha7} (run ${newestRun}) ended ${last.stamp.end}; reconciling.` }
}

/** A reconcile's own canary of the head failed, and no whole new deploy of it has succeeded since. */
function heldByReconcile(r: DeployRecord, sha7: string): DeployState {
  const words = r.text ? ` (${r.text})` : ''
  return {
    action: 'held',
    end: r.stamp.end,
    record: r,
    reason: `Held: the reconcile of ${sha7} in run ${r.stamp.runId} (attempt ${r.stamp.attempt}) rejected it: its canary failed${words}. Nothing is redeployed toward ${sha7} and it is not promoted. A whole new deploy of the commit that succeeds, a newer commit on the branch, or \`force: true\` lifts the hold.`
  }
}

function when(r: DeployRecord, now: Date | undefined): string {
  const beat = lastSignOfLife(r)
  const age = ageOnForgeClock(r, now)
  if (beat === undefined) return 'since a time the forge did not give'
  if (age === undefined) return `(last heartbeat ${new Date(beat).toISOString()}; the forge did not say its time now)`
  return `(last heartbeat ${new Date(beat).toISOString()}, ${minutes(age)} ago)`
}

/** The later of two records of one job; on a tie an end beats `running`, and a rejection another end. */
function later(a: DeployRecord, b: DeployRecord): DeployRecord {
  const order = (lastSignOfLife(b) ?? 0) - (lastSignOfLife(a) ?? 0)
  if (order !== 0) return order > 0 ? b : a
  return rank(b) > rank(a) ? b : a
}

function rank(r: DeployRecord): number {
  return r.stamp.end === 'running' ? 0 : REJECTING_ENDS.has(r.stamp.end) ? 2 : 1
}

function minutes(ms: number): string {
  const m = Math.floor(ms / 60_000)
  return m < 120 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`
}
