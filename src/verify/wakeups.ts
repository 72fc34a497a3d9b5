import TinyQueue from 'tinyqueue'
import type { Clock } from '../clock.js'

/** What a wake-up wakes: the waiting object itself, so a tenant's wait allocates no callback. */
export interface Sleeper {
  woken(): void
}

interface Wakeup {
  at: number
  seq: number
  sleeper: Sleeper
  done: boolean
}

/** A pending wake-up; `cancel()` is true when it was still pending (and so will not fire). */
export interface PendingWakeup {
  cancel(): boolean
}

/**
 * One timer for a whole fleet's settle loops. Ten thousand tenants each sleeping on a timer of their own
 * (with a promise, an abort controller and an abort listener apiece) kept about ten objects per tenant
 * alive for a whole interval, long enough to be promoted to V8's old space, and that drove the verifier's
 * peak RSS. Here a waiting tenant is one small entry pointing at the tenant; the clock
 * holds a single sleep, for the earliest entry, and a cancelled run wakes everyone through one listener.
 * Wake-ups due at the same instant fire in the order they were asked for, as separate timers would.
 */
export class Wakeups {
  private readonly queue = new TinyQueue<Wakeup>([], (a, b) => a.at - b.at || a.seq - b.seq)
  private seq = 0
  private armedAt = Number.POSITIVE_INFINITY
  private armed?: AbortController
  /**
   * Listening to the run's signal only while someone waits: a deploy builds one Wakeups per wave on the
   * same signal, and a listener per wave left behind would keep each wave's queue alive and, past ten
   * waves, make Node warn of a leak.
   */
  private listening = false
  private readonly onAbort = (): void => this.wakeAll()

  constructor(
    private readonly clock: Clock,
    private readonly signal?: AbortSignal
  ) {}

  /** Wakes `sleeper` at clock time `at`, or as soon as the run is cancelled (on a later turn when either already happened). */
  at(at: number, sleeper: Sleeper): PendingWakeup {
    const entry: Wakeup = { at, seq: this.seq++, sleeper, done: false }
    if (this.signal?.aborted || at <= this.clock.now()) {
      queueMicrotask(() => fire(entry))
    } else {
      this.queue.push(entry)
      if (this.signal && !this.listening) {
        this.listening = true
        this.signal.addEventListener('abort', this.onAbort, { once: true })
      }
      this.arm()
    }
    // A cancelled entry stays queued until its time (taking it out of the middle would cost a search).
    return { cancel: () => !entry.done && (entry.done = true) }
  }

  private arm(): void {
    const first = this.queue.peek()
    if (!first || first.at >= this.armedAt) return
    this.armed?.abort()
    const armed = new AbortController()
    this.armed = armed
    this.armedAt = first.at
    this.clock.sleep(first.at - this.clock.now(), armed.signal).then(
      () => {
        if (this.armed !== armed) return
        this.armed = undefined
        this.armedAt = Number.POSITIVE_INFINITY
        this.fireDue()
      },
      () => undefined
    )
  }

  private fireDue(): void {
    const now = this.clock.now()
    while (this.queue.length > 0 && this.queue.peek()!.at <= now) fire(this.queue.pop()!)
    if (this.queue.length === 0) this.stopListening()
    this.arm()
  }

  private stopListening(): void {
    if (!this.listening) return
    this.listening = false
    this.signal?.removeEventListener('abort', this.onAbort)
  }

  private wakeAll(): void {
    this.listening = false
    this.armed?.abort()
    this.armed = undefined
    this.armedAt = Number.POSITIVE_INFINITY
    for (let entry = this.queue.pop(); entry; entry = this.queue.pop()) fire(entry)
  }
}

function fire(entry: Wakeup): void {
  if (entry.done) return
  entry.done = true
  entry.sleeper.woken()
}
