import type { Clock } from '../src/clock.js'

/**
 * Virtual time for sequential code: every sleep returns at once and moves `now` forward by its length,
 * so a test can assert how long the code *would* have waited (retry delays, Retry-After) without waiting.
 */
export class InstantClock implements Clock {
  private t = 0
  readonly sleeps: number[] = []

  now(): number {
    return this.t
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason
    this.sleeps.push(ms)
    this.t += Math.max(0, ms)
    await new Promise((r) => setImmediate(r))
  }

  advance(ms: number): void {
    this.t += ms
  }
}
