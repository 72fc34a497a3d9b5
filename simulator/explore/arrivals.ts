import type { JobHandle, Option, Scenario } from './types.js'
import { COMMITS, type CommitName } from './commits.js'
import { promotesDue } from './promote-due.js'

/**
 * What may still arrive in an execution, each at a step the scheduler picks: a commit landing on the
 * branch (its deploy job starts with it), the scheduled reconcile, a re-run of a job whose first
 * attempt ended failed or cancelled (GitHub re-runs a job of a run that has ended: same run, next attempt),
 * and in a sharded deploy its shard jobs and its promote job, each once the jobs it `needs:` succeeded.
 */

export interface Arrive {
  /** The head moves to `commit` and its deploy job starts. */
  land(commit: CommitName): void
  /** A deploy job starts: a shard job (`A/2`), or a re-run (attempt 2). */
  deploy(job: string, attempt: number): void
  /** A sharded deploy's promote job starts (`A/promote`), in the attempt of the run its newest shard job ran in. */
  promote(commit: CommitName, attempt: number): void
  /** A scheduled reconcile starts: `R`, or the second one, `R2`. */
  reconcile(name: string): void
  /** A thousand newer check suites open on `commit` (a thousand scheduled runs later). */
  age(commit: CommitName): void
}

export class Arrivals {
  private readonly toLand: CommitName[]
  private readonly reconciles: string[]
  private readonly rerun = new Set<string>()
  private readonly toAge: CommitName[]

  constructor(private readonly scenario: Scenario) {
    this.toLand = [...scenario.landing]
    this.toAge = [...(scenario.aging ?? [])]
    this.reconciles = scenario.reconcile ? ['R', ...(scenario.secondReconcile ? ['R2'] : [])] : []
  }

  options(jobs: readonly JobHandle[], arrive: Arrive): Option[] {
    const out: Option[] = []
    const next = this.toLand[0]
    if (next) out.push({ label: `land(${next})`, actor: 'world', fault: false, apply: () => arrive.land(this.toLand.shift()!) })
    // R2 only after R: the two are alike, so which starts first is no new interleaving.
    const reconcile = this.reconciles[0]
    const reruns = this.reruns(jobs, arrive)
    // After the deploy: no job of a deploy running (a promote job included), none due to start, no re-run to be made.
    const due = promotesDue(this.scenario, jobs)
    const after = this.scenario.reconcileAfterDeploys && (jobs.some((j) => j.kind !== 'reconcile' && !j.done) || this.shardsDue(jobs).length > 0 || due.length > 0 || reruns.length > 0)
    if (reconcile && !after) out.push({ label: `start(${reconcile})`, actor: 'world', fault: false, apply: () => arrive.reconcile(this.reconciles.shift()!) })
    // Time passes for a commit's check runs: once, at any step after its deploy jobs ended (a thousand
    // scheduled runs take days; a deploy runs for minutes, within deploy-timeout-minutes).
    for (const commit of this.toAge) {
      if (jobs.some((j) => j.kind !== 'reconcile' && j.sha === COMMITS[commit] && !j.done)) continue
      out.push({
        label: `age(${commit})`,
        actor: 'world',
        fault: false,
        apply: () => {
          this.toAge.splice(this.toAge.indexOf(commit), 1)
          arrive.age(commit)
        }
      })
    }
    for (const job of this.shardsDue(jobs)) out.push({ label: `start(${job})`, actor: 'world', fault: false, apply: () => arrive.deploy(job, 1) })
    for (const p of due) out.push({ label: `start(${p.commit}/promote)`, actor: 'world', fault: false, apply: () => arrive.promote(p.commit, p.attempt) })
    for (const r of reruns) out.push(r)
    return out
  }

  /** Re-runs that may start now: of a job whose first attempt ended failed or cancelled (or, with `rerunWhenCancelled`, was cancelled). */
  private reruns(jobs: readonly JobHandle[], arrive: Arrive): Option[] {
    const out: Option[] = []
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

  /** Nothing is still to land or start (re-runs are optional; shard jobs and promote jobs start once what they need succeeded). */
  settled(jobs: readonly JobHandle[]): boolean {
    return this.toLand.length === 0 && this.reconciles.length === 0 && this.shardsDue(jobs).length === 0 && promotesDue(this.scenario, jobs).length === 0
  }

  snapshot(): string {
    return `${this.toLand.join(',')}|${this.reconciles.join(',')}|${[...this.rerun].join(',')}|${this.toAge.join(',')}`
  }
}
