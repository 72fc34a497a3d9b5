import type { CommitName, InvariantOptions } from './world.js'

/**
 * The explorer's vocabulary: the calls the code makes to the outside world and what the world may
 * answer, the scenario and the bound of an exploration, and the moves a scheduler picks from.
 */

/** `record`: a deploy record written (a check run or a commit status); `records`: deploy records read back. */
export type Kind = 'head' | 'compare' | 'probe' | 'redeploy' | 'registry' | 'record' | 'records'
/**
 * `err`: the forge failed after its own retries (a 503 for a record); `503`: a retryable answer (with
 * Retry-After for a redeploy); `hang`: no answer until the request's time limit; `403`: GitHub's secondary
 * rate limit as it may come, a 403 without `Retry-After` (REST docs, "Rate limits for the REST API":
 * "you may receive a 403 or 429 response"; the headers are not promised); `lost`: the write is applied
 * and its answer lost (the connection reset after the request went out). `429`: the same limit as a 429
 * (through the real adapters both carry GitHub's `retry-after`, forge-routes.ts). `limit` and `limit-long`
 * (GitHub only, through the real adapter): the primary limit spent, a 403 or 429 with `x-ratelimit-remaining: 0`
 * and `x-ratelimit-reset` a minute on the forge's clock (waited out), or 40 minutes (past what a call may wait).
 */
export type Answer = 'ok' | 'err' | '503' | 'hang' | '403' | '429' | 'lost' | 'limit' | 'limit-long'

export interface Bound {
  /** Faults (non-ok answers and cancellations) per execution. */
  maxFaults: number
  /** Times the scheduler may switch away from a job that could still move (CHESS-style preemption bound). */
  maxPreemptions: number
  /** Cancellations among the faults. */
  maxCancels: number
  /** The jobs the world may cancel (a shard job `A/2`, say); every job when unset. */
  cancellable?: string[]
  /** The faults the world may choose, by kind of call. */
  faults: Partial<Record<Kind, Answer[]>>
  /**
   * Answers to other jobs' calls that may overtake a call in flight: request latency, counted in round
   * trips. Five lets a newer job redeploy the canary during an older job's pre-flight read; six would
   * let a PUT stay in flight through a newer job's whole promotion, the one window the design documents
   * as open (README: "Can a job that was superseded still write :latest?").
   */
  maxOvertakes: number
  /** Steps after which an execution is cut (counted as reaching the bound, not as a violation). */
  maxSteps: number
}

export interface Scenario {
  tenants: string[]
  canary: string
  /** Commits whose image never becomes healthy (their canary fails). */
  broken: CommitName[]
  /** Commits whose build never comes up on these tenants only (a tenant's own configuration): a shard of them halts. */
  brokenOn?: Partial<Record<CommitName, string[]>>
  /** The control plane refuses a redeploy whose `current` is not what the tenant serves (HTTP 409). */
  compareAndSet: boolean
  /** Retry-After of a 503 from the control plane, seconds. */
  retryAfterSeconds: number
  invariants: InvariantOptions
  /** `superseded-check: false`: no gate at all, so forward-only rests on the pre-flight, compare-and-set and promotion's own check. */
  gateOff: boolean
  /** Harness-level reintroductions of fixed bugs (see job.ts, reconcile-job.ts); none in a normal exploration. */
  bugs: BugFlag[]
  /**
   * One scheduled reconcile (`mode: reconcile`) that may start at any step. With it, every deploy job
   * writes its deploy records (a check run, and its end as a commit status) as GitHub holds them.
   */
  reconcile: boolean
  /** The reconcile starts only at a step when every deploy job started so far has ended (a scheduled run after the deploy, not beside it). */
  reconcileAfterDeploys?: boolean
  /** A second scheduled reconcile (`R2`), also starting at any step: two reconciles that overlap. */
  secondReconcile?: boolean
  /** Commits that land on the branch at a step the scheduler picks, each starting its deploy job (`B`; none: A alone). */
  landing: CommitName[]
  /** Deploy jobs (`A`, or a shard job `A/2`) that may be re-run once (attempt 2) after their first attempt ended failed or cancelled. */
  reruns: string[]
  /**
   * A re-run may start as soon as the first attempt is cancelled, while its last record write may still be
   * in flight (a killed runner's last request), not only once it has ended.
   */
  rerunWhenCancelled?: boolean
  /**
   * The jobs talk to the forge through the real adapters (src/forge/github.ts, gitea.ts) over the
   * in-process forge API (real-forge.ts, forge-routes.ts): each HTTP request, each retry included, is a
   * step, with its own fault. Otherwise through the `Forge` interface (forge-adapter.ts), a call a step.
   */
  forgeApi?: boolean
  /** Which forge keeps the records: GitHub (check runs and their end as a status) or Gitea (statuses only, whole seconds). */
  forge?: 'github' | 'gitea'
  /** `deploy-timeout-minutes` of the reconcile (its default, 6 h, when undefined). */
  deployTimeoutMinutes?: number
  /** The reconcile, once started, waits this long (virtual ms) before its first read: a scheduled run that comes later. */
  reconcileDelayMs?: number
  /**
   * A sharded deploy (docs/shards.md): each commit's deploy is a canary job (the canary tenant alone, as
   * `tenants` and `canary`, no image) and, once it ended `deployed` (`needs: canary`), `shards` matrix jobs
   * (`shard: i/n`, the whole fleet, no canary, no image) that start at steps the scheduler picks, in any order,
   * and once every shard job succeeded (`needs: shards`), its promote job (`mode: promote`, with `image`).
   */
  shards?: number
  /**
   * Commits on which a thousand newer check suites may open at a step the scheduler picks (`age(A)`: a
   * thousand scheduled runs later): GitHub then lists none of the check runs written before (the
   * check-suite window, records.ts), and only the combined status still carries what they said.
   */
  aging?: CommitName[]
  /** Runner clocks off the forge's, by job name (`A`: -960000 is 16 minutes behind): what each job stamps as its wall time. */
  skewMs?: Record<string, number>
}

export type BugFlag = 'redeploy-retry-without-fence' | 'registry-retry-without-fence' | 'reconcile-asks-once' | 'records-without-attempts' | 'promote-ignores-gate'

export interface Pending {
  job: string
  kind: Kind
  arg: string
  seq: number
  faults: Answer[]
  /** Answers to other jobs' calls delivered while this one was in flight. */
  overtaken: number
  deliver(answer: Answer): void
}

export interface Timer {
  at: number
  seq: number
  job: string
  fire(): void
}

export interface Option {
  label: string
  /** A job name, or `world` (a landing, a cancellation) or `clock`. */
  actor: string
  fault: boolean
  apply(): void
}

export interface JobHandle {
  /** `A`, `B`; `A#2` for the re-run of A's job; `A/promote` for a sharded deploy's promote job; `R` for the reconcile. */
  name: string
  /** `promote`: a sharded deploy's promote job (`mode: promote`, promote-job.ts). */
  kind: 'deploy' | 'reconcile' | 'promote'
  /** The commit the job deploys; for the reconcile, the head it read (empty until then). */
  sha: string
  /** `GITHUB_RUN_ID` and `GITHUB_RUN_ATTEMPT`, stamped on its records. */
  runId: string
  attempt: number
  /** A shard job's `shard` input (`2/2`); a sharded deploy's canary job has `canaryJob`. */
  part?: string
  canaryJob?: boolean
  controller: AbortController
  done: boolean
  result?: string
}
