import type { SampleVerdict, TenantVerdict } from './judge.js'

/**
 * The canary analysis' vocabulary: what a metric source answers, what one soak interval recorded, and
 * what the analysis concluded per canary tenant (read by the rollout, the report and the summary).
 */

/** One read of one tenant's metric: a number, or why there is none (already bounded and redacted). */
export type Reading = { value: number } | { problem: string }

export interface MetricReader {
  /** Never rejects: every failure is a `problem`. */
  read(tenant: string, signal?: AbortSignal): Promise<Reading>
  /** Where the metric comes from, for the report: the Prometheus server or the URL template. */
  readonly source: string
}

/** The baseline tenants' values read in the same interval as a canary sample. */
export interface BaselineSample {
  /** Median of the readable values; undefined when none was readable. */
  median?: number
  /** How many baseline tenants answered with a number, of how many were asked. */
  readable: number
  asked: number
}

export interface AnalysisSample {
  /** Milliseconds since the soak began. */
  atMs: number
  value?: number
  /** Why the canary's value could not be read. */
  problem?: string
  baseline: BaselineSample
  /** The relative limit the value was held to (absent without `analysis-max-ratio` or a baseline). */
  limit?: number
  verdict: SampleVerdict
  why?: string
}

export interface TenantAnalysis {
  tenant: string
  verdict: Exclude<TenantVerdict, 'running'>
  /** Why it did not pass, in one clause; absent when it passed. */
  why?: string
  samples: AnalysisSample[]
}

export interface AnalysisResult {
  /** `prometheus` or `json`. */
  kind: string
  source: string
  /** The baseline tenants read each interval (a bounded subset of the tenants the canary did not touch). */
  baseline: string[]
  intervalMs: number
  tenants: TenantAnalysis[]
  /** True when every canary tenant passed. */
  passed: boolean
  /** Set when the soak was cut short: the first failure, or a cancel. */
  stoppedEarly?: string
  /** The step it judged: `canary`, or `wave N` (`analysis-waves`). */
  step?: string
  /**
   * Set when the step left no tenant on the release before, so there was no baseline: the relative
   * threshold was not applied and `analysis-max` alone judged (absolute-only.ts).
   */
  absoluteOnly?: string
}
