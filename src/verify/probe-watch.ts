import type { Clock } from '../clock.js'

/**
 * The time limits of every probe of one verification, kept by a single clock sleep (until the earliest
 * limit) instead of one sleep, one extra AbortController and one AbortSignal.any() per probe. At
 * thousands of probes a second those per-probe objects, each with its abort listeners, were most of the
 * verifier's peak memory. The limits still run on the injected clock, so virtual time governs them.
 */
export interface WatchedProbe {
  /** What the prober is given: aborted when the probe's limit passes or the run is cancelled. */
  readonly controller: AbortController
  readonly deadline: number
  timedOut: boolean
}

/** The reason a probe is aborted with at its limit; fixed, so no stack is built per probe. */
const LIMIT = Object.freeze(new DOMException('probe time limit', 'TimeoutError'))

export class ProbeWatch {
  private readonly probes = new Set<WatchedProbe>()
  private armed: { until: number; stop: AbortController } | undefined

  constructor(
    private readonly clock: Clock,
    private readonly signal?: AbortSignal
  ) {
    // One listener for the whole run: a cancel reaches every probe in flight.
    signal?.addEventListener('abort', () => {
      for (const p of this.probes) p.controller.abort(signal.reason)
    }, { once: true })
  }

  start(limitMs: number): WatchedProbe {
    const probe: WatchedProbe = { controller: new AbortController(), deadline: this.clock.now() + limitMs, timedOut: false }
    if (this.signal?.aborted) probe.controller.abort(this.signal.reason)
    this.probes.add(probe)
    if (!this.armed || this.armed.until > probe.deadline) this.arm(probe.deadline)
    return probe
  }

  end(probe: WatchedProbe): void {
    this.probes.delete(probe)
    // Nothing left to watch: no timer is left pending (a virtual clock would otherwise wait on it).
    if (this.probes.size === 0) this.disarm()
  }

  private arm(until: number): void {
    this.disarm()
    const stop = new AbortController()
    this.armed = { until, stop }
    this.clock.sleep(Math.max(0, until - this.clock.now()), stop.signal).then(
      () => this.fire(stop),
      () => undefined
    )
  }

  private disarm(): void {
    this.armed?.stop.abort(LIMIT)
    this.armed = undefined
  }

  private fire(stop: AbortController): void {
    if (this.armed?.stop !== stop) return
    this.armed = undefined
    const now = this.clock.now()
    let next = Number.POSITIVE_INFINITY
    for (const p of this.probes) {
      if (p.deadline <= now) {
        p.timedOut = true
        p.controller.abort(LIMIT)
        this.probes.delete(p)
      } else next = Math.min(next, p.deadline)
    }
    if (next !== Number.POSITIVE_INFINITY) this.arm(next)
  }
}
