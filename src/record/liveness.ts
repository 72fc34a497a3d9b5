import type { RunStamp } from './stamp.js'

/**
 * Liveness on the forge's clock. A deploy record says `running` until its job ends; whether that job is
 * still alive is judged from when the record last showed a sign of life against the time now, and both
 * times are the forge's: a runner's own clock (minutes off, say) never makes a live deploy look dead or a
 * dead one live. Pure.
 *
 * Where the forge's clock stands in a record:
 * - a commit status: its `created_at`/`updated_at`, written by the forge (GitHub: OpenAPI
 *   `simple-commit-status`; Gitea: both from `CreatedUnix`, whole seconds, services/convert/status.go).
 *   Every write of a status is a new status, so the latest one's time is the job's last write;
 * - a check run: the forge keeps no update time (OpenAPI `check-run`: `started_at` and `completed_at`
 *   only, both as the client sends them or as created), so the writer stamps each heartbeat with the
 *   forge's time as the `Date` of the forge's answers told it (`at … clock forge`). A check run whose
 *   stamp has no `at` was never refreshed (a writer writes one on every update): its `started_at`, set by
 *   the forge when it was created, is its last sign of life. An `at` on a runner's clock (an older
 *   version's) tells nothing.
 * A record without a usable forge time, or a reader the forge did not tell its time, is not known to be
 * dead: absence of evidence is not consent, so reconcile treats it as live.
 */

/** What liveness reads of a deploy record (state.ts's DeployRecord). */
export interface TimedRecord {
  stamp: Pick<RunStamp, 'at' | 'clock'>
  /** The forge's own timestamp of the record: a check run's `started_at`, a status's `created_at`. */
  since?: Date
  kind?: 'check' | 'status'
}

/** Epoch ms of the record's last sign of life on the forge's clock, or undefined when the forge's clock does not say it. */
export function lastSignOfLife(r: TimedRecord): number | undefined {
  const forgeBeat = r.stamp.at !== undefined && r.stamp.clock === 'forge' ? r.stamp.at * 1000 : undefined
  if (r.kind === 'status') return r.since?.getTime() ?? forgeBeat
  if (r.stamp.at === undefined) return r.since?.getTime()
  return forgeBeat
}

/** How long ago the record last showed a sign of life, at the forge's time `now`; undefined when either time is unknown. */
export function ageOf(r: TimedRecord, now: Date | undefined): number | undefined {
  const beat = lastSignOfLife(r)
  if (beat === undefined || now === undefined || Number.isNaN(now.getTime())) return undefined
  // The reader's "now" lags the forge by up to a second (forge-clock.ts): a record just written is 0 old, not less.
  return Math.max(0, now.getTime() - beat)
}

/**
 * - `live`: a sign of life younger than the timeout
 * - `presumed-dead`: the last sign of life is at least the timeout old, both times on the forge's clock
 * - `not-known`: no forge time for the record or for now: never presumed dead
 */
export type Liveness = 'live' | 'presumed-dead' | 'not-known'

export function livenessOf(r: TimedRecord, now: Date | undefined, timeoutMs: number): Liveness {
  const age = ageOf(r, now)
  if (age === undefined) return 'not-known'
  return age < timeoutMs ? 'live' : 'presumed-dead'
}
