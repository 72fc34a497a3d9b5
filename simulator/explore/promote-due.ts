import type { CommitName } from './commits.js'
import type { JobHandle, Scenario } from './types.js'

/**
 * When a sharded deploy's promote job starts (docs/shards.md: `needs: shards`): once every shard job of the
 * run succeeded, in the newest attempt of each (a failed shard re-run that then succeeds lets it start, as
 * GitHub's "re-run failed jobs" runs the jobs that needed it). A shard job that stepped aside for a newer
 * commit succeeds too (neutral, docs/shards.md), and the promote job after it asks the same gate. Pure.
 */

/** The results with which a job's step succeeds: GitHub starts the jobs that `needs:` it only after these. */
export const SUCCEEDED: ReadonlySet<string> = new Set(['deployed', 'skipped-superseded'])

export interface PromoteDue {
  commit: CommitName
  /** The run's attempt the promote job runs in: that of the newest shard job it waited for. */
  attempt: number
}

export function promotesDue(scenario: Pick<Scenario, 'shards'>, jobs: readonly JobHandle[]): PromoteDue[] {
  const n = scenario.shards
  if (!n) return []
  const out: PromoteDue[] = []
  for (const canary of jobs.filter((j) => j.canaryJob && j.attempt === 1)) {
    const commit = canary.name as CommitName
    if (jobs.some((j) => j.name === `${commit}/promote`)) continue
    // Each shard's newest attempt (jobs are listed in the order they started).
    const shards = Array.from({ length: n }, (_, i) => jobs.filter((j) => j.name.split('#')[0] === `${commit}/${i + 1}`).at(-1))
    if (!shards.every((s) => s?.done && SUCCEEDED.has(s.result ?? ''))) continue
    out.push({ commit, attempt: shards.reduce((most, s) => Math.max(most, s!.attempt), 1) })
  }
  return out
}
