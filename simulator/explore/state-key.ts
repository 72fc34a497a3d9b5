import type { JobHandle, Pending, Timer } from './types.js'

/**
 * The explorer's reduction (docs/exploration.md, "The reduction"): which jobs the state hash may forget.
 *
 * A job has ended for good when its code has returned (`done`), no call of it is pending and no timer of
 * it is set. Nothing can then run its code again: an answer needs a pending call, a tick a timer, and a
 * cancellation is offered only to a job that has not ended (execution.ts). Two states that differ only in
 * such a job's history (its trace), its last head read, what it found on a tenant before redeploying it
 * (both read only when that job sends) or in its having been the last job to move (the preemption bound
 * asks only whether the last job can still move, and it cannot) have the same futures, move for move: the
 * explorer may visit them once. Its result and whether it was cancelled stay in the hash (the end of the
 * execution and the re-runs read them).
 */
export function endedJobs(jobs: readonly JobHandle[], pending: readonly Pending[], timers: readonly Timer[]): Set<string> {
  const busy = new Set<string>([...pending.map((p) => p.job), ...timers.map((t) => t.job)])
  return new Set(jobs.filter((j) => j.done && !busy.has(j.name)).map((j) => j.name))
}
