import * as core from '../log.js'
import pLimit from 'p-limit'
import type { Clock } from '../clock.js'
import { formatSeconds } from '../clock.js'
import { thresholdsFor } from './absolute-only.js'
import { countSamples, median, type CountLimits } from './judge.js'
import { analysisResult, conclude, logInterval, pickBaseline, sampleOf, sleep, type SoakAnalysisDeps } from './soak.js'
import type { AnalysisResult, AnalysisSample, BaselineSample, Reading } from './types.js'

/** One wave's settle, as the rollout hands it to the analysis (`analysis-waves`). */
export interface WaveRun {
  step: string
  /** The wave's tenants, in the fleet's order (the report's order). */
  tenants: readonly string[]
  /** Tenants not yet moved by this job (later waves): the baseline, still on the release before. */
  untouched: readonly string[]
  clock: Clock
  signal: AbortSignal
}

export interface WaveWatch {
  /** A wave tenant reported the target: it is sampled from one interval later on. */
  settled(tenant: string): void
  /**
   * Every tenant of the wave was verified (or given up on): samples go on until each settled tenant has
   * enough. `superseded`: a newer commit owns the branch, so nothing is judged any more; it ends at once.
   */
  done(superseded?: boolean): Promise<AnalysisResult>
}

/** Reads in flight at once in one interval (wave tenants and baseline together). */
const READS_AT_ONCE = 16

/**
 * A tenant needs more samples until its analysis is decided (failed, inconclusive) or it has
 * `analysis-consecutive` judged samples, so the last tenant to settle can still fail on a run of bad
 * ones (with 1, that is the interval after it reported the target). Pure.
 */
export function needsMore(verdicts: readonly AnalysisSample['verdict'][], limits: CountLimits): boolean {
  const c = countSamples(verdicts, limits, false)
  return c.verdict === 'running' && c.good + c.bad < limits.consecutive
}

/**
 * The wave's analysis: every `intervalMs` from the wave's start, each wave tenant that reported the
 * target at least one interval before (so its metric has seen the new build that long, not only the old
 * one) and is not decided yet is read, with the baseline at the same moment, and judged as the canary's
 * samples are (judge.ts). It ends once the wave is verified and no settled tenant needs more samples, or
 * on a cancel (never a pass then).
 */
export function watchWave(run: WaveRun, deps: Omit<SoakAnalysisDeps, 'clock' | 'signal'>): WaveWatch {
  const { clock, signal } = run
  const { settings } = deps
  const baseline = pickBaseline(run.untouched, settings.baselineSize)
  const { thresholds, absoluteOnly } = thresholdsFor(settings.thresholds, baseline.length)
  const samples = new Map<string, AnalysisSample[]>()
  /** When each settled tenant reported the target. */
  const settledAt = new Map<string, number>()
  const limit = pLimit(READS_AT_ONCE)
  const read = (t: string): Promise<Reading> => limit(() => deps.reader.read(t, signal))
  const decided = (t: string): boolean => conclude(t, samples.get(t)!, deps, false).verdict !== 'running'
  const pending = (): boolean =>
    [...samples.values()].some((s) =>
      needsMore(
        s.map((x) => x.verdict),
        settings
      )
    )
  // Ends a wait at once when the wave is verified and nothing is left to sample; a cancel ends it too.
  const wake = new AbortController()
  const onAbort = (): void => wake.abort()
  signal.addEventListener('abort', onAbort, { once: true })
  let verified = false
  const start = clock.now()
  core.info(`${run.step} analysis: against ${baseline.length} baseline tenant(s) (${baseline.join(', ') || 'none'}), every ${formatSeconds(settings.intervalMs)} once a tenant reports the target`)
  if (absoluteOnly) core.info(`${run.step} analysis: ${absoluteOnly}`)

  const loop = async (): Promise<void> => {
    for (let i = 1; !(verified && !pending()); i++) {
      if (!(await sleep(clock, start + i * settings.intervalMs - clock.now(), wake.signal)) || signal.aborted) return
      const due = [...samples.keys()].filter((t) => settledAt.get(t)! + settings.intervalMs <= clock.now() && !decided(t))
      if (due.length === 0) continue
      const [waveReads, baselineReads] = await Promise.all([Promise.all(due.map(read)), Promise.all(baseline.map(read))])
      if (signal.aborted) return
      const values = baselineReads.flatMap((r) => ('value' in r ? [r.value] : []))
      const base: BaselineSample = { median: median(values), readable: values.length, asked: baseline.length }
      const atMs = clock.now() - start
      due.forEach((t, k) => samples.get(t)!.push(sampleOf(waveReads[k]!, values, base, atMs, thresholds)))
      logInterval(i, atMs, due, samples, base)
    }
  }
  const running = loop()
  // Awaited in done(); until then a failure must not surface as an unhandled rejection that ends the job.
  running.catch(() => undefined)

  return {
    settled(tenant) {
      if (samples.has(tenant)) return
      samples.set(tenant, [])
      settledAt.set(tenant, clock.now())
    },
    async done(superseded = false) {
      verified = true
      if (superseded || !pending()) wake.abort()
      await running
      signal.removeEventListener('abort', onAbort)
      const tenants = run.tenants.filter((t) => samples.has(t)).map((t) => conclude(t, samples.get(t)!, deps, true))
      const stopped = signal.aborted || superseded
      const stoppedEarly = stopped ? `the ${signal.aborted ? 'run was cancelled' : 'job was superseded'} during ${run.step}` : undefined
      return analysisResult(deps, { baseline, tenants, stopped, stoppedEarly, step: run.step, absoluteOnly })
    }
  }
}
