import type { CommitName, InvariantOptions } from './world.js'

/**
 * The explorer's vocabulary: the calls the code makes to the outside world and what the world may
 * answer, the scenario and the bound of an exploration, and the moves a scheduler picks from.
 */

export type Kind = 'head' | 'compare' | 'probe' | 'redeploy' | 'registry'
/** `err`: the forge failed after its own retries; `503`: a retryable answer (with Retry-After for a redeploy); `hang`: no answer until the request's time limit. */
export type Answer = 'ok' | 'err' | '503' | 'hang'

export interface Bound {
  /** Faults (non-ok answers and cancellations) per execution. */
  maxFaults: number
  /** Times the scheduler may switch away from a job that could still move (CHESS-style preemption bound). */
  maxPreemptions: number
  /** Cancellations among the faults. */
  maxCancels: number
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
  /** The control plane refuses a redeploy whose `current` is not what the tenant serves (HTTP 409). */
  compareAndSet: boolean
  /** Retry-After of a 503 from the control plane, seconds. */
  retryAfterSeconds: number
  invariants: InvariantOptions
  /** `superseded-check: false`: no gate at all, so forward-only rests on the pre-flight, compare-and-set and promotion's own check. */
  gateOff: boolean
  /** Harness-level reintroductions of fixed bugs (see job.ts); none in a normal exploration. */
  bugs: BugFlag[]
}

export type BugFlag = 'redeploy-retry-without-fence' | 'registry-retry-without-fence'

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
  name: CommitName
  sha: string
  controller: AbortController
  done: boolean
  result?: string
}
