import TinyQueue from 'tinyqueue'
import type { Clock } from '../clock.js'

interface Wakeup {
  at: number
  seq: number
  resolve: () => void
  done: boolean
}

/** A pending wake-up: `woken` resolves at its time, when the run is cancelled, or when `cancel()` is called. */
export interface PendingWakeup {
  woken: Promise<void>
  cancel(): void
}

/**
 * One timer for a whole fleet's settle loops. Ten thousand tenants each sleeping on a timer of their own
 * (with an abort controller and an abort listener apiece) kept about ten objects per tenant alive for a
 * whole interval, long enough to be promoted to V8's old space and to drive the verifier's peak RSS; here
 * a waiting tenant costs one small entry in a heap, the clock holds a single sleep (for the earliest
 * wake-up), and a cancelled run wakes everyone through one abort listener.
 * Wake-ups due at the same instant fire in the order they were asked for, as separate timers would.
 */
export class Wakeups {
  private readonly heap = new TinyQueue<Wakeup>([], (a, b) => a.at - b.at || a.seq - b.seq)
  private seq = 0
  private armedAt = Number.POSITIVE_INFINITY
  private armed?: AbortController

  constructor(
    private readonly clock: Clock,
    private readonly signal?: AbortSignal
  ) {
    signal?.addEventListener('abort', () => this.wakeAll(), { once: true })
  }

  /** Wakes at clock time `at` (at once when it has passed or the run is cancelled). */
  at(at: number): PendingWakeup {
    let resolve!: () => void
    const woken = new Promise<void>((r) => (resolve = r))
    const entry: Wakeup = { at, seq: this.seq++, resolve, done: false }
    if (this.signal?.aborted || at <= this.clock.now()) {
      entry.done = true
      resolve()
    } else {
      this.heap.push(entry)
      this.arm()
    }
    // A cancelled entry stays in the heap until its time (removal from the middle would cost a search);
    // it is resolved now so that nothing waits on it.
    const cancel = (): void => {
      if (entry.done) return
      entry.done = true
      resolve()
    }
    return { woken, cancel }
  }

  private arm(): void {
    const first = this.heap.peek()
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
    while (this.heap.length > 0 && this.heap.peek()!.at <= now) {
      const entry = this.heap.pop()!
      if (entry.done) continue
      entry.done = true
      entry.resolve()
    }
    this.arm()
  }

  private wakeAll(): void {
    this.armed?.abort()
    this.armed = undefined
    this.armedAt = Number.POSITIVE_INFINITY
    for (let entry = this.heap.pop(); entry; entry = this.heap.pop()) {
      if (entry.done) continue
      entry.done = true
      entry.resolve()
    }
  }
}
