import type { Clock } from '../src/clock.js'

interface Timer {
  at: number
  seq: number
  fire(): void
}

/**
 * Virtual time for concurrent code: sleeps wait on a timer queue, and `run()` moves time forward to
 * the next timer only once nothing else can happen (no pending callbacks, no tracked real I/O). So a
 * fleet of tenants sleeping through a four-minute budget is decided in milliseconds, with every
 * interval and timeout observed exactly, and no test ever sleeps.
 *
 * Real I/O (a request to a loopback server) must be wrapped in `track()` so time stands still while
 * it is in flight; otherwise the clock could not tell "waiting for a socket" from "idle".
 */
export class VirtualClock implements Clock {
  /**
   * Request time limits on this clock too (Clock.timesRequests): only for a test whose requests are no real
   * I/O (a transport that answers in process), since time moves past a request in flight that is not tracked.
   */
  timesRequests = false
  private t = 0
  private seq = 0
  private timers: Timer[] = []
  private readonly inFlight = new Set<Promise<unknown>>()
  /** Bumped on every clock interaction; a quiet stretch of event-loop turns means idle. */
  private activity = 0

  constructor(start = 0) {
    this.t = start
  }

  now(): number {
    return this.t
  }

  get pendingTimers(): number {
    return this.timers.length
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.activity += 1
    if (signal?.aborted) return Promise.reject(signal.reason)
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.remove(timer)
        reject(signal?.reason)
      }
      const timer: Timer = {
        at: this.t + Math.max(0, ms),
        seq: this.seq++,
        fire: () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        }
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.insert(timer)
    })
  }

  /** Holds time still until `work` settles. */
  track<T>(work: Promise<T>): Promise<T> {
    this.activity += 1
    const settled = work.then(
      () => undefined,
      () => undefined
    )
    this.inFlight.add(settled)
    void settled.then(() => {
      this.inFlight.delete(settled)
      this.activity += 1
    })
    return work
  }

  /** Manual driving: moves time forward by `ms`, firing due timers in order. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms
    while (this.timers.length > 0 && this.timers[0]!.at <= end) {
      this.fireDue()
      await this.idle()
    }
    this.t = Math.max(this.t, end)
  }

  /** Runs `work` to completion, advancing time whenever everything else is idle. */
  async run<T>(work: Promise<T> | (() => Promise<T>)): Promise<T> {
    const promise = typeof work === 'function' ? work() : work
    let settled = false
    const outcome = promise.then(
      (value) => {
        settled = true
        return value
      },
      (error: unknown) => {
        settled = true
        throw error
      }
    )
    outcome.catch(() => undefined)
    for (;;) {
      await this.idle()
      if (settled) return outcome
      if (this.timers.length > 0) {
        this.fireDue()
        continue
      }
      // No timer to advance to: the work can only be waiting on untracked real I/O (a file write),
      // so give it real time before calling it a deadlock.
      if (!(await this.settlesWithin(outcome, 5_000))) throw new Error('VirtualClock.run: the work waits on nothing the clock can advance (deadlock)')
    }
  }

  /** Fires every timer due at the earliest pending instant, in the order they were set. */
  private fireDue(): void {
    const at = this.timers[0]!.at
    this.t = Math.max(this.t, at)
    const due: Timer[] = []
    while (this.timers.length > 0 && this.timers[0]!.at === at) due.push(this.timers.shift()!)
    this.activity += 1
    for (const timer of due) timer.fire()
  }

  private async settlesWithin(outcome: Promise<unknown>, realMs: number): Promise<boolean> {
    const until = Date.now() + realMs
    while (Date.now() < until) {
      const done = await Promise.race([
        outcome.then(
          () => true,
          () => true
        ),
        new Promise<false>((r) => setTimeout(() => r(false), 5))
      ])
      if (done || this.timers.length > 0 || this.inFlight.size > 0) return true
    }
    return false
  }

  private async idle(): Promise<void> {
    for (let quiet = 0; quiet < 3;) {
      if (this.inFlight.size > 0) {
        await Promise.race(this.inFlight)
        quiet = 0
        continue
      }
      const before = this.activity
      await new Promise<void>((resolve) => setImmediate(resolve))
      quiet = this.activity === before ? quiet + 1 : 0
    }
  }

  private insert(timer: Timer): void {
    let lo = 0
    let hi = this.timers.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      const m = this.timers[mid]!
      if (m.at < timer.at || (m.at === timer.at && m.seq < timer.seq)) lo = mid + 1
      else hi = mid
    }
    this.timers.splice(lo, 0, timer)
  }

  private remove(timer: Timer): void {
    this.activity += 1
    const i = this.timers.indexOf(timer)
    if (i >= 0) this.timers.splice(i, 1)
  }
}
