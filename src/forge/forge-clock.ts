import type { Clock } from '../clock.js'

/**
 * The forge's clock, as its answers tell it. Every HTTP answer of GitHub and of Gitea carries a `Date`
 * header, the origin's time in whole seconds (RFC 9110 §6.6.1; Gitea through Go's net/http server, which
 * adds it to every answer; GitHub on every REST answer). A deploy record's heartbeat and reconcile's "now"
 * are both read on this clock, so two runners whose own clocks disagree (a runner minutes behind) still
 * agree on how old a record is (docs/deploy-records.md, "Liveness").
 *
 * Each answer gives a lower bound of the forge's time when it arrived: the header is cut to the second
 * and was written before the answer travelled. The runner's monotonic clock carries the best bound
 * forward, so `now()` is never ahead of the forge and lags it by at most a second and one request's
 * latency. That lag makes a reader's age of a record younger, never older.
 */
export class ForgeClock {
  /** The largest `forge time - monotonic time` any answer has shown; undefined before one gave a usable Date. */
  private offset: number | undefined

  constructor(private readonly clock: Pick<Clock, 'now'>) {}

  /** An answer's `Date` header (IMF-fixdate); a missing or unreadable one teaches nothing. */
  heard(date: string | undefined): void {
    if (!date) return
    const ms = Date.parse(date)
    if (!Number.isFinite(ms)) return
    const offset = ms - this.clock.now()
    if (this.offset === undefined || offset > this.offset) this.offset = offset
  }

  /** The forge's time now (epoch ms), or undefined when no answer has told it yet. */
  now(): number | undefined {
    return this.offset === undefined ? undefined : this.clock.now() + this.offset
  }
}

/** The latest of the forge times several clients know (each is a lower bound); undefined when none knows one. */
export function latestForgeTime(...times: (number | undefined)[]): number | undefined {
  return times.reduce<number | undefined>((latest, t) => (t === undefined ? latest : latest === undefined ? t : Math.max(latest, t)), undefined)
}
