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
  deploy(commit: CommitName, attempt: number): void
  reconcile(): void
}

export class Arrivals {
  private readonly toLand: CommitName[]
  private reconcilePending: boolean
  private readonly rerun = new Set<CommitName>()

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
    for (const commit of this.scenario.reruns) {
      const first = jobs.find((j) => j.name === commit)
      if (!first?.done || this.rerun.has(commit) || (first.result !== 'failed' && first.result !== 'cancelled')) continue
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

  /** Nothing is still to land or start (re-runs are optional). */
  get settled(): boolean {
    return this.toLand.length === 0 && !this.reconcilePending
  }

  snapshot(): string {
    return `${this.toLand.join(',')}|${this.reconcilePending}|${[...this.rerun].join(',')}`
  }
}
