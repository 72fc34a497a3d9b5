import type { Forge } from '../forge/types.js'
import { compareRuns, parseStamp, type RunEnding, type RunStamp } from './stamp.js'

/**
 * What a reporter reads back of its own record before writing: the record under its name is the only
 * one it ever looks at (where a record is, not what it says, makes it ours).
 */

/**
 * A deploy's status write does not cover a newer run's or attempt's record: the combined status keeps the
 * latest status per context, so a late write of an older attempt (its end after a re-run began, a late
 * heartbeat) would stand in its place. This read and the write are two requests, so a newer status can
 * still land between them; the reader ranks a context's statuses by their stamps for that (read.ts,
 * `newestOfEachName`). The newer stamp when there is one; an unreadable answer writes anyway.
 */
export async function newerAttempt(forge: Forge, name: string, sha: string, mine: Pick<RunStamp, 'mode' | 'runId' | 'attempt'>): Promise<RunStamp | undefined> {
  if (!forge.latestStatuses) return undefined
  try {
    const latest = (await forge.latestStatuses(sha)).find((s) => s.context === name)
    const stamp = parseStamp(latest?.description)
    return stamp && stamp.mode === mine.mode && compareRuns(stamp, mine) > 0 ? stamp : undefined
  } catch {
    return undefined
  }
}

/**
 * Reconcile: true when the latest record under this name already says this verdict and end (nothing is
 * written). A `held` run leaves a standing rejection of reconcile's own (its canary failed) as it is: the
 * rejection is what holds, and overwriting it would lift the hold on the next run.
 */
export async function verdictUnchanged(forge: Forge, channel: string, name: string, sha: string, verdict: string, end: RunEnding, log: { info(m: string): void }): Promise<boolean> {
  try {
    let stamp
    if (channel === 'check') stamp = parseStamp((await forge.checks!.latestByName(sha, name))[0]?.externalId)
    else stamp = parseStamp((await forge.latestStatuses?.(sha))?.find((s) => s.context === name)?.description)
    if (stamp && verdict === 'held' && stamp.end === 'canary-failed') {
      log.info(`The record '${name}' on ${sha.slice(0, 7)} holds it already (run ${stamp.runId}.${stamp.attempt}, canary-failed); not written again.`)
      return true
    }
    if (stamp?.verdict !== verdict || stamp.end !== end) return false
    log.info(`The record '${name}' on ${sha.slice(0, 7)} already says ${verdict} (run ${stamp.runId}.${stamp.attempt}); not written again.`)
    return true
  } catch (error) {
    log.info(`The record '${name}' could not be read back (${String(error)}); writing it.`)
    return false
  }
}
