import { compareRuns, REJECTING_ENDS, type RunEnding, type RunStamp } from './deploy-record.js'

/** One deploy record on the head, as read back from its check run or commit status. */
export interface DeployRecord {
  stamp: RunStamp
  /** When the run started (check `started_at`, status `created_at`); undefined when the forge did not say. */
  since?: Date
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
}

export interface DeployStateOptions {
  /** Wall-clock time now. */
  now: Date
  /** `deploy-timeout-minutes`, in milliseconds. */
  timeoutMs: number
  /** The commit, for the sentences. */
  sha: string
  /** The record's name (`check-name`), for the sentences. */
  name: string
}

export const LIFTS_HOLD = 'A successful re-run of that deploy, a newer commit on the branch (its deploy is the repair), or `force: true` lifts the hold.'

/**
 * Pure: the newest run attempt decides, not the latest write, so a late write from an older attempt can
 * never re-hold a commit that a newer attempt deployed. Records of other modes are ignored.
 */
export function decideDeployState(records: readonly DeployRecord[], o: DeployStateOptions): DeployState {
  const sha7 = o.sha.slice(0, 7)
  const deploys = records.filter((r) => r.stamp.mode === 'deploy')
  if (deploys.length === 0) return { action: 'proceed', reason: `No deploy record named '${o.name}' on ${sha7} (report: none, or deployed by another tool); reconciling as usual.` }

  const newest = deploys.reduce((a, b) => (compareRuns(b.stamp, a.stamp) > 0 ? b : a))
  const attempt = deploys.filter((r) => compareRuns(r.stamp, newest.stamp) === 0)
  const run = `run ${newest.stamp.runId} (attempt ${newest.stamp.attempt})`
  // Each job of the attempt (the whole fleet, or one shard of a matrix) is read on its own: within a job
  // the latest record decides (a status run writes `running`, then its end); on a tie (the forge's clock
  // in seconds) an end beats `running`, and a rejection beats another end.
  const jobs = new Map<string, DeployRecord>()
  for (const r of attempt) {
    const key = r.stamp.part ?? ''
    const seen = jobs.get(key)
    jobs.set(key, seen ? later(seen, r) : r)
  }
  const ageOf = (r: DeployRecord): number => (r.since ? o.now.getTime() - r.since.getTime() : 0)
  // Then the attempt as a whole: any job still live defers, any job that rejected the commit holds it.
  const running = [...jobs.values()].filter((r) => r.stamp.end === 'running')
  const live = running.find((r) => ageOf(r) < o.timeoutMs)
  const rejected = [...jobs.values()].find((r) => REJECTING_ENDS.has(r.stamp.end))
  const record = live ?? rejected ?? running[0] ?? [...jobs.values()].reduce(later)
  const job = record.stamp.part ? ` (shard ${record.stamp.part})` : ''

  if (record.stamp.end === 'running') {
    const since = record.since
    const ageMs = ageOf(record)
    const when = since ? `since ${since.toISOString()} (${minutes(ageMs)})` : 'since a time the forge did not give'
    if (ageMs < o.timeoutMs) {
      return { action: 'deferred', end: 'running', record, reason: `The deploy of ${sha7} in ${run}${job} is in progress ${when}; reconcile defers to it and redeploys nothing.` }
    }
    return {
      action: 'presumed-dead',
      end: 'running',
      record,
      reason: `The deploy of ${sha7} in ${run}${job} has said it is in progress ${when}, longer than deploy-timeout-minutes (${minutes(o.timeoutMs)}); presumed dead (a runner killed before it could report), reconciling.`
    }
  }

  const end = record.stamp.end
  if (REJECTING_ENDS.has(end)) {
    const why = end === 'canary-failed' ? 'its canary failed' : 'it halted past max-failures'
    const words = record.text ? ` (${record.text})` : ''
    return { action: 'held', end, record, reason: `Held: the deploy of ${sha7} in ${run}${job} rejected it: ${why}${words}. Nothing is redeployed toward ${sha7} and it is not promoted. ${LIFTS_HOLD}` }
  }
  return { action: 'proceed', end, record, reason: `The last deploy of ${sha7} (${run}) ended ${end}; reconciling.` }
}

/** The later of two records of one job; on a tie an end beats `running`, and a rejection another end. */
function later(a: DeployRecord, b: DeployRecord): DeployRecord {
  const order = (b.since?.getTime() ?? 0) - (a.since?.getTime() ?? 0)
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
