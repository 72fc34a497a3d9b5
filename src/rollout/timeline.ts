import type { Clock } from '../clock.js'

/** One phase of a run (gate, canary, soak, wave 3, promotion...), for the summary and the report. */
export interface PhaseRecord {
  name: string
  startedAt: string
  endedAt: string
  durationMs: number
  /** A short word: ok, failed, superseded, skipped, cancelled... */
  outcome: string
  detail?: string
}

/**
 * Records phases as they run. Durations come from the injected clock (so virtual time in tests);
 * wall-clock timestamps come from `wall` for the report.
 */
export class Timeline {
  readonly phases: PhaseRecord[] = []

  constructor(
    private readonly clock: Clock,
    private readonly wall: () => Date = () => new Date()
  ) {}

  async run<T>(name: string, fn: () => Promise<T>, judge: (value: T) => { outcome: string; detail?: string }): Promise<T> {
    const startedAt = this.wall().toISOString()
    const t0 = this.clock.now()
    try {
      const value = await fn()
      this.record(name, startedAt, t0, judge(value))
      return value
    } catch (error) {
      this.record(name, startedAt, t0, { outcome: 'error', detail: (error as Error).message })
      throw error
    }
  }

  private record(name: string, startedAt: string, t0: number, result: { outcome: string; detail?: string }): void {
    this.phases.push({
      name,
      startedAt,
      endedAt: this.wall().toISOString(),
      durationMs: Math.max(0, Math.round(this.clock.now() - t0)),
      ...result
    })
  }
}
