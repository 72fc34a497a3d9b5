/**
 * Time as a dependency. Budgets, intervals, soaks and retry delays all read and wait through a Clock so
 * that tests can drive virtual time instead of sleeping.
 */
export interface Clock {
  /** Milliseconds on a monotonic scale; only differences are meaningful. */
  now(): number
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
  /**
   * Wall-clock time (epoch ms) for what other runs read back (a record's heartbeat). Optional: without it
   * the system's `Date.now()` is used; virtual clocks give one so time moves for records too.
   */
  wall?(): number
  /**
   * Request time limits run on `sleep` too (timeoutSignal): set by a virtual clock under which no request is
   * real I/O, a simulation's. Unset, a request's limit is a real timer, as in a run: a clock that skips every
   * wait (a test's) would otherwise time a real request out at once.
   */
  timesRequests?: boolean
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason)
        return
      }
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        },
        Math.max(0, ms)
      )
      const onAbort = (): void => {
        clearTimeout(timer)
        reject(signal?.reason)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
    })
}

/** Wall-clock now (epoch ms): the clock's own when it keeps one (virtual time), else the system's. */
export function wallNow(clock: Clock): number {
  return clock.wall?.() ?? Date.now()
}

/** Seconds with one decimal, for human messages. */
export function formatSeconds(ms: number): string {
  const s = ms / 1000
  return Number.isInteger(s) ? `${s}s` : `${s.toFixed(1)}s`
}

/**
 * A request's time limit: `AbortSignal.timeout`, a real timer, as in a run; on a clock that times requests
 * (`timesRequests`), its own `sleep`, so under a simulation's virtual time a request that never answers ends
 * at its limit too, by the same signal and with the same reason. `clear()` once the request is answered: the
 * timer must not outlive it (a virtual clock would otherwise still count it as pending).
 */
export function timeoutSignal(clock: Clock, ms: number): { signal: AbortSignal; clear: () => void } {
  if (!clock.timesRequests) return { signal: AbortSignal.timeout(ms), clear: () => undefined }
  const limit = new AbortController()
  const answered = new AbortController()
  clock.sleep(ms, answered.signal).then(
    // The reason a fetch rejects with on AbortSignal.timeout: a DOMException named TimeoutError.
    () => limit.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    () => undefined
  )
  return { signal: limit.signal, clear: () => answered.abort() }
}
