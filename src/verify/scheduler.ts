import { debug } from '../debug.js'
import { decide, judge, type Judged, type JudgeRun, pendingShas, record, type Seen } from './judge.js'
import { probeOnce } from './probe-once.js'
import type { SlotUser, Slots } from './slots.js'
import type { Observation, TenantProber, TenantVerdict } from './types.js'
import type { Sleeper, Wakeups } from './wakeups.js'

/**
 * One tenant's settle loop. The first poll goes out at once (or after its delay), then one every interval, and a last one
 * exactly when the budget ends; a tenant is judged only then, or as soon as its last
 * `confirmations` answers in a row are on the target or a descendant of it, so a tenant still
 * draining its old container (or flapping between an old and a new replica) is never judged early.
 * Every request's time limit is clipped so that nothing runs past the budget plus one request
 * timeout, however long a request waited for a free slot. Whether a SHA is ahead is asked of the forge
 * on the side: polls never wait for it, and neither does the verdict past the budget.
 */
export interface SettleRun extends JudgeRun {
  prober: TenantProber
  /** The fleet's one timer: every tenant's wait between polls is an entry in it. */
  wakeups: Wakeups
  intervalMs: number
  requestTimeoutMs: number
  /** Bounds requests in flight across the fleet. */
  slots: Slots
  signal?: AbortSignal
  onObservation?: (tenant: string, obs: Observation) => void
}

/** One tenant's start: its budget counts from `startedAt`, its first poll is due `firstPollDelayMs` later. */
export interface SettleStart {
  /** Clock time this tenant's verification started. */
  startedAt: number
  /**
   * How long after `startedAt` the first poll is due (0 by default). A large fleet's first polls are
   * spread over the first interval (see firstPollDelay in fleet.ts); the budget still counts from `startedAt`.
   */
  firstPollDelayMs?: number
}

/** Where a tenant's verdict goes: `done` once judged, `failed` only for a defect in the loop itself. */
export interface SettleReport {
  done(verdict: TenantVerdict): void
  failed(error: unknown): void
}

/** Starts one tenant's settle loop; its verdict is reported once, through `report`. */
export function settleTenant(tenant: string, run: SettleRun, start: SettleStart, report: SettleReport): void {
  new TenantSettle(tenant, run, start, report).poll()
}

/**
 * The loop as a small state machine rather than an `async` function: a fleet of ten thousand tenants
 * mostly waits (for its next poll, or for a free request slot), and a suspended `async` frame per tenant
 * (its generator, registers, contexts and promises, some 3 KB) plus p-limit's queue entry were most of the
 * verifier's live heap. This object is what waits: the fleet's timer and its slot queue point at it.
 */
class TenantSettle implements Sleeper, SlotUser {
  private readonly seen: Seen
  private readonly startedAt: number
  private readonly deadline: number
  private readonly hardEnd: number
  private scheduled: number
  /** What to do when the current wait ends. */
  private afterWake: 'poll' | 'lastQuestions' = 'poll'

  constructor(
    private readonly tenant: string,
    private readonly run: SettleRun,
    start: SettleStart,
    private readonly report: SettleReport
  ) {
    this.startedAt = start.startedAt
    this.deadline = start.startedAt + run.budgetMs
    this.hardEnd = this.deadline + run.requestTimeoutMs
    this.seen = { polls: 0, lastShaSince: start.startedAt, answeredOk: false, recent: [], onTarget: 0 }
    this.scheduled = start.startedAt + Math.min(start.firstPollDelayMs ?? 0, run.budgetMs)
  }

  /** Waits until the next poll is due (an ancestry answer may settle the tenant meanwhile), then polls. */
  poll(): void {
    const { run } = this
    if (run.clock.now() < this.scheduled) return this.wait(this.scheduled, 'poll')
    if (run.signal?.aborted) return this.finish(judge(this.seen, run, true))
    run.slots.acquire(this)
  }

  /** A request slot is held: probe, and give the slot back once the answer (or the time limit) is in. */
  start(): void {
    const { run } = this
    probeOnce(this.tenant, run, this.hardEnd)
      .finally(() => run.slots.release())
      .then((obs) => this.answered(obs))
      .catch((error: unknown) => this.report.failed(error))
  }

  private answered(obs: Observation | undefined): void {
    const { run } = this
    if (!obs) return this.lastQuestions()
    record(this.seen, obs, run)
    run.onObservation?.(this.tenant, obs)
    const done = decide(this.seen, run, this.startedAt)
    if (done) return this.finish(done)
    if (this.scheduled >= this.deadline) return this.lastQuestions()
    this.scheduled = Math.min(this.deadline, Math.max(this.scheduled + run.intervalMs, run.clock.now()))
    this.poll()
  }

  /**
   * After the last poll: a question asked during the budget is waited for until the budget ends; one
   * first asked at the last poll gets what a request gets, up to the budget plus one request timeout.
   */
  private lastQuestions(): void {
    const questionEnd = this.seen.lastShaSince >= this.deadline ? this.hardEnd : this.deadline
    if (pendingShas(this.seen, this.run).length > 0 && this.run.clock.now() < questionEnd) return this.wait(questionEnd, 'lastQuestions')
    this.finish(judge(this.seen, this.run, false))
  }

  /** Sleeps until `until`, or until the forge answers one of the tenant's pending questions; then goes on, unless settled or cancelled. */
  private wait(until: number, then: 'poll' | 'lastQuestions'): void {
    const { run } = this
    if (run.signal?.aborted) return this.finish(judge(this.seen, run, true))
    this.afterWake = then
    const wake = run.wakeups.at(until, this)
    const pending = pendingShas(this.seen, run)
    if (pending.length > 0) {
      void Promise.race(pending.map((sha) => run.ahead.answered(sha))).then(() => {
        if (wake.cancel()) this.woken()
      })
    }
  }

  woken(): void {
    try {
      const { run } = this
      if (run.signal?.aborted) return this.finish(judge(this.seen, run, true))
      const done = decide(this.seen, run, this.startedAt)
      if (done) return this.finish(done)
      if (this.afterWake === 'poll') this.poll()
      else this.lastQuestions()
    } catch (error) {
      // A defect, never a tenant's answer: it fails this tenant's verification instead of stopping the fleet's timer.
      this.report.failed(error)
    }
  }

  private finish(judged: Judged): void {
    const { run, seen } = this
    const verdict: TenantVerdict = { tenant: this.tenant, url: run.prober.urlFor?.(this.tenant) ?? '', polls: seen.polls, elapsedMs: run.clock.now() - this.startedAt, ...judged }
    debug(
      () =>
        `verdict ${this.tenant}: ${verdict.verdict} (target ${run.target}, last SHA ${seen.lastSha ?? 'none'}, ${verdict.polls} polls in ${verdict.elapsedMs} ms of a ${run.budgetMs} ms budget${verdict.lastError ? `, last error: ${verdict.lastError}` : ''})`
    )
    this.report.done(verdict)
  }
}
