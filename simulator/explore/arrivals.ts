import type { JobHandle, Option, Scenario } from './types.js'
import type { CommitName } from './world.js'

/**
 * What may still arrive in an execution, each at a step the scheduler picks: a commit landing on the
 * branch (its deploy job starts with it), the scheduled reconcile, and a re-run of a job whose first
 * attempt ended failed or cancelled (GitHub re-runs a job of a run that has ended: same run, next attempt).
 */

export interface Arrive {
  /** The head moves to `commit` and its deploy job starts. */
  land(commit: CommitName): void
  /** A deploy job starts: a shard job (`A/2`), or a re-run (attempt 2). */
  deploy(job: string, attempt: number): void
  reconcile(): void
}

export class Arrivals {
  private readonly toLand: CommitName[]
  private reconcilePending: boolean
  private readonly rerun = new Set<string>()

  constructor(private readonly scenario: Scenario) {
    this.toLand = [...scenario.landing]
    this.reconcilePending = scenario.reconcile
  }

  options(jobs: readonly JobHandle[], arrive: Arrive): Option[] {
    const out: Option[] = []
    const next = this.toLand[0]
    if (next) out.push({ label: `land(${next})`, actor: 'world', fault: false, apply: () => arrive.land(this.toLand.shift()!) })
    if (this.reconcilePending) {
      out.push({
        label: 'start(R)',
        actor: 'world',
        fault: false,
        apply: () => {
          this.reconcilePending = false
          arrive.reconcile()
        }
      })
    }
    for (const job of this.shardsDue(jobs)) out.push({ label: `start(${job})`, actor: 'world', fault: false, apply: () => arrive.deploy(job, 1) })
    for (const commit of this.scenario.reruns) {
      const first = jobs.find((j) => j.name === commit)
      // A cancelled attempt may still have its last write in flight when the re-run starts (a killed runner).
      const cancelled = this.scenario.rerunWhenCancelled && first?.controller.signal.aborted
      const ended = first?.done && (first.result === 'failed' || first.result === 'cancelled')
      if (!first || this.rerun.has(commit) || !(ended || cancelled)) continue
      out.push({
        label: `rerun(${commit})`,
        actor: 'world',
        fault: false,
        apply: () => {
          this.rerun.add(commit)
          arrive.deploy(commit, 2)
        }
      })
    }
    return out
  }

  /** Shard jobs due to start: those of a commit whose canary job ended deployed (`needs: canary`), not started yet. */
  private shardsDue(jobs: readonly JobHandle[]): string[] {
    const n = this.scenario.shards
    if (!n) return []
    const out: string[] = []
    for (const canary of jobs.filter((j) => j.canaryJob && j.attempt === 1)) {
      const again = jobs.find((j) => j.name === `${canary.name}#2`)
      if (!(canary.done && canary.result === 'deployed') && !(again?.done && again.result === 'deployed')) continue
      for (let i = 1; i <= n; i++) if (!jobs.some((j) => j.name === `${canary.name}/${i}`)) out.push(`${canary.name}/${i}`)
    }
    return out
  }

  /** Nothing is still to land or start (re-runs are optional; shard jobs start once their canary job deployed). */
  settled(jobs: readonly JobHandle[]): boolean {
    return this.toLand.length === 0 && !this.reconcilePending && this.shardsDue(jobs).length === 0
  }

  snapshot(): string {
    return `${this.toLand.join(',')}|${this.reconcilePending}|${[...this.rerun].join(',')}`
  }
}
