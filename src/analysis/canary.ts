import type { Clock } from '../clock.js'
import type { HttpClient } from '../http/client.js'
import type { AnalysisSettings } from '../settings/analysis.js'
import { jsonReader } from './json-endpoint.js'
import { prometheusReader } from './prometheus.js'
import { analyseSoak } from './soak.js'
import type { AnalysisResult, MetricReader } from './types.js'
import { describeAnalysis } from './verdict.js'
import { watchWave, type WaveRun, type WaveWatch } from './wave.js'

/**
 * What the rollout asks of the analysis: run the canary's soak, judging it against the tenants it did
 * not touch. The rollout keeps its plain timed soak when there is no analysis (`analysis: none`).
 */
export interface SoakRun {
  canary: string[]
  untouched: string[]
  soakMs: number
  clock: Clock
  signal: AbortSignal
}

export interface CanaryAnalysis {
  soak(run: SoakRun): Promise<AnalysisResult>
  /** The last soak's result, for the report (the rollout keeps only each tenant's part). */
  readonly last?: AnalysisResult
  /** `analysis-waves`: watches one wave's settle (wave.ts); absent when only the canary is analysed. */
  wave?(run: WaveRun): WaveWatch
  /** Each analysed wave's result, in order, for the report. */
  readonly waves?: AnalysisResult[]
}

/** The canary's soak: with analysis, the samples; without, a plain wait (a cancel ends it early). */
export async function soak(analysis: CanaryAnalysis | undefined, run: SoakRun): Promise<AnalysisResult | undefined> {
  if (analysis) return analysis.soak(run)
  await run.clock.sleep(run.soakMs, run.signal).catch(() => undefined)
  return undefined
}

export function createCanaryAnalysis(settings: AnalysisSettings, http: HttpClient, target: { sha: string; environment: string }, reader?: MetricReader): CanaryAnalysis {
  const metrics = reader ?? (settings.kind === 'prometheus' ? prometheusReader(settings, http, target) : jsonReader(settings, http, target))
  const waves: AnalysisResult[] = []
  const analysis: { soak: CanaryAnalysis['soak']; last?: AnalysisResult; wave?: CanaryAnalysis['wave']; waves: AnalysisResult[] } = {
    soak: async (run) => (analysis.last = await analyseSoak(run.canary, run.untouched, run.soakMs, { reader: metrics, settings, clock: run.clock, signal: run.signal })),
    waves
  }
  if (settings.waves) {
    analysis.wave = (run) => {
      const watch = watchWave(run, { reader: metrics, settings })
      return { settled: watch.settled, done: async (superseded) => (waves.push(await watch.done(superseded)), waves.at(-1)!) }
    }
  }
  return analysis
}

/** The soak's row in the timeline: `failed` with the first failing tenant, or `ok` with the sample count. */
export function judgeSoak(result: AnalysisResult | undefined, signal: AbortSignal): { outcome: string; detail?: string } {
  if (signal.aborted) return { outcome: 'cancelled' }
  if (!result) return { outcome: 'ok' }
  const bad = result.tenants.find((t) => t.verdict !== 'passed')
  if (bad) return { outcome: 'failed', detail: `analysis: ${describeAnalysis(bad)}` }
  const n = result.tenants.reduce((most, t) => Math.max(most, t.samples.length), 0)
  return { outcome: 'ok', detail: `analysis passed: ${n} sample${n === 1 ? '' : 's'} per canary tenant` }
}
