import type { Clock } from '../clock.js'
import type { HttpClient } from '../http/client.js'
import type { AnalysisSettings } from '../settings/analysis.js'
import { jsonReader } from './json-endpoint.js'
import { prometheusReader } from './prometheus.js'
import { analyseSoak } from './soak.js'
import type { AnalysisResult, MetricReader } from './types.js'
import { describeAnalysis } from './verdict.js'

/**
 * What the rollout asks of the analysis: run the canary's soak, judging it against the tenants it did
 * not touch. The rollout keeps its plain timed soak when there is no analysis (`analysis: none`).
 */
export interface CanaryAnalysis {
  soak(run: { canary: string[]; untouched: string[]; soakMs: number; clock: Clock; signal: AbortSignal }): Promise<AnalysisResult>
}

export function createCanaryAnalysis(settings: AnalysisSettings, http: HttpClient, target: { sha: string; environment: string }, reader?: MetricReader): CanaryAnalysis {
  const metrics = reader ?? (settings.kind === 'prometheus' ? prometheusReader(settings, http, target) : jsonReader(settings, http, target))
  return { soak: (run) => analyseSoak(run.canary, run.untouched, run.soakMs, { reader: metrics, settings, clock: run.clock, signal: run.signal }) }
}

/** The soak's row in the timeline: `failed` with the first failing tenant, or `ok` with the sample count. */
export function judgeSoak(result: AnalysisResult | undefined, signal: AbortSignal): { outcome: string; detail?: string } {
  if (signal.aborted) return { outcome: 'cancelled' }
  if (!result) return { outcome: 'ok' }
  const bad = result.tenants.find((t) => t.verdict !== 'passed')
  if (bad) return { outcome: 'failed', detail: `analysis: ${describeAnalysis(bad)}` }
  const n = Math.max(...result.tenants.map((t) => t.samples.length))
  return { outcome: 'ok', detail: `analysis passed: ${n} sample${n === 1 ? '' : 's'} per canary tenant` }
}
