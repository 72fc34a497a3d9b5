import { type Clock, systemClock } from '../clock.js'
import { errorMessage } from '../errors.js'
import type { Ancestry } from '../forge/ancestry.js'
import { type Forge, sameCommit } from '../forge/types.js'
import { type GateSettings, OWNERSHIP_MAX_AGE_MS, type TargetSettings } from '../settings/common.js'
import { decide, type GateDecision } from './decide.js'
import { describeOutage, diagnoseHeadError } from './misconfig.js'
import { runCounters } from '../report/counters.js'
import { debug } from '../debug.js'
import { RateLimitError } from '../http/retry.js'
import { CancelledError } from '../runtime/cancel.js'

export interface GateOptions {
  clock?: Clock
  /** The run's cancel: a read it stopped is no answer at all, never an outage to proceed through. */
  signal?: AbortSignal
}

/** What `fresh` needs of the answer it returns. */
export interface Freshness {
  /**
   * Only an answer to a read sent at or after this clock time will do (a retry's fence passes the time
   * its wait began: the answer must postdate the failure it follows). Without it, any answer younger
   * than the bound does.
   */
  sentSince?: number
  /** Only a new read will do: a second send to the same tenant (a re-attempt, a re-issue), as `check`. */
  readNow?: boolean
}

interface Read {
  sentAt: number
  answer: Promise<GateDecision>
}

interface Answer {
  decision: GateDecision
  sentAt: number
  answeredAt: number
}

/**
 * Asks the forge who owns the branch. `check` always reads the head again (the gate before the first
 * side effect, before every wave, around the promotion). `fresh` is the fence before each single side
 * effect: it reuses an answer younger than the ownership-evidence bound, joins a read already in flight,
 * and otherwise reads once for every caller waiting, so a fleet of thousands makes a bounded number of
 * forge calls however many tenants are redeployed at once.
 *
 * At the first read a refused token, an invisible repository or branch, or an API URL that is not the
 * forge's API throws a MisconfigurationError (the step fails before any side effect); later in the job
 * the same answer is only an unreadable head, which the rollout treats as an outage.
 */
export class SupersededGate {
  private readonly clock: Clock
  private readonly signal: AbortSignal | undefined
  readonly maxAgeMs: number
  private inFlight: Read | undefined
  private latest: Answer | undefined
  /** The head was read at least once in this job: an unreadable head is an outage, not a fail-safe start. */
  private readable = false

  constructor(
    private readonly forge: Forge,
    private readonly ancestry: Ancestry,
    private readonly target: TargetSettings,
    private readonly settings: GateSettings,
    options: GateOptions = {}
  ) {
    this.clock = options.clock ?? systemClock
    this.signal = options.signal
    this.maxAgeMs = settings.maxAgeMs ?? OWNERSHIP_MAX_AGE_MS
  }

  /** The most recent decision, for the report: what the run last knew about who owns the branch. */
  last: GateDecision | undefined

  get enabled(): boolean {
    return this.settings.enabled
  }

  /** True once the head has been read in this job (see the mid-rollout rule in docs/ownership-evidence.md). */
  get everReadable(): boolean {
    return this.readable
  }

  /** A new read of the head, whatever is cached. */
  async check(): Promise<GateDecision> {
    runCounters().gateChecks++
    return this.read().answer
  }

  /** A decision no older than the bound (and sent no earlier than `sentSince`), read only when needed. */
  async fresh(need: Freshness = {}): Promise<GateDecision> {
    runCounters().gateChecks++
    if (need.readNow) return this.read().answer
    const now = this.clock.now()
    const since = need.sentSince ?? Number.NEGATIVE_INFINITY
    const l = this.latest
    if (l && l.sentAt >= since && now - l.answeredAt < this.maxAgeMs) return l.decision
    // A read sent after the need arose answers after it too: share it instead of sending another.
    if (this.inFlight && this.inFlight.sentAt >= since) return this.inFlight.answer
    return this.read().answer
  }

  private read(): Read {
    const sentAt = this.clock.now()
    const read: Read = {
      sentAt,
      answer: this.ask().then((decision) => {
        const answer = { decision, sentAt, answeredAt: this.clock.now() }
        // Reads can finish out of order: the evidence kept is the one sent last.
        if (!this.latest || this.latest.sentAt <= sentAt) {
          this.latest = answer
          this.last = decision
        }
        debug(
          () =>
            `gate: ${this.target.sha} against the head of ${this.target.branch}: head ${decision.headSha ?? 'unread'}, basis ${decision.basis}, superseded ${decision.superseded}: ${decision.reason}`
        )
        return decision
      })
    }
    this.inFlight = read
    void read.answer.then(
      () => this.settle(read),
      () => this.settle(read)
    )
    return read
  }

  private settle(read: Read): void {
    if (this.inFlight === read) this.inFlight = undefined
  }

  private async ask(): Promise<GateDecision> {
    const { sha, branch } = this.target
    if (!this.settings.enabled) {
      return {
        superseded: false,
        headSha: undefined,
        basis: 'disabled',
        reason: `The superseded check is off (superseded-check: false); ${sha.slice(0, 7)} proceeds without asking who owns ${branch}.`
      }
    }
    this.stopIfCancelled()
    runCounters().gateReads++
    let head: string
    try {
      head = await this.forge.branchHead(branch)
    } catch (error) {
      // A cancelled job owns nothing it can prove: the cancel ends the job, it never answers `owner`.
      this.stopIfCancelled()
      // Before the head was ever read a refusal is a misconfiguration: fail before any side effect.
      if (!this.readable) {
        // A rate limit longer than the job may wait is no outage to proceed through: the job stops before any side effect.
        if (error instanceof RateLimitError) throw error
        const misconfigured = await diagnoseHeadError(this.forge, branch, error)
        if (misconfigured) throw misconfigured
      }
      return decide(sha, branch, { error: `${describeOutage(error)}: ${errorMessage(error)}` })
    }
    this.readable = true
    if (sameCommit(head, sha)) return decide(sha, branch, { sha: head }, { relation: 'identical' })
    // The head is read fresh on every check; only the ancestry of a fixed pair of commits is memoised.
    const cmp = await this.ancestry.relation(sha, head)
    this.stopIfCancelled()
    return decide(sha, branch, { sha: head }, cmp)
  }

  private stopIfCancelled(): void {
    const signal = this.signal
    if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new CancelledError('a cancel')
  }
}
