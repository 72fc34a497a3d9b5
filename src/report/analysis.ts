import type { AnalysisResult } from '../analysis/types.js'
import type { AnalysisSettings } from '../settings/analysis.js'

/**
 * The canary analysis in the JSON report (`analysis`, src/report/schema.ts): the thresholds it judged by
 * and, per canary tenant, every sample with the baseline read beside it. Outside text (a reader's
 * problem) arrives bounded and redacted; the summary escapes it.
 */
export interface ReportAnalysisSample {
  atSeconds: number
  value: number | null
  baselineMedian: number | null
  baselineReadable: number
  baselineAsked: number
  limit: number | null
  verdict: string
  why: string | null
}

export interface ReportAnalysisTenant {
  tenant: string
  verdict: string
  why: string | null
  samples: ReportAnalysisSample[]
}

export interface ReportAnalysis {
  /** `canary`, or `wave N`. */
  step: string
  kind: string
  source: string
  passed: boolean
  stoppedEarly: string | null
  intervalSeconds: number
  thresholds: { max: number | null; maxRatio: number | null; baselineFloor: number | null; consecutive: number; inconclusiveLimit: number }
  /** Why the relative threshold was not applied (no tenant left on the release before); null when it was, or is not set. */
  absoluteOnly: string | null
  baseline: Array<{ tenant: string }>
  tenants: ReportAnalysisTenant[]
}

export function analysisOf(a: AnalysisResult, s: AnalysisSettings | undefined): ReportAnalysis {
  const t = s?.thresholds
  return {
    step: a.step ?? 'canary',
    kind: a.kind,
    source: a.source,
    passed: a.passed,
    stoppedEarly: a.stoppedEarly ?? null,
    intervalSeconds: a.intervalMs / 1000,
    thresholds: {
      max: t?.max ?? null,
      maxRatio: t?.maxRatio ?? null,
      baselineFloor: t?.maxRatio !== undefined ? t.floor : null,
      consecutive: s?.consecutive ?? 0,
      inconclusiveLimit: s?.inconclusiveLimit ?? 0
    },
    absoluteOnly: a.absoluteOnly ?? null,
    baseline: a.baseline.map((tenant) => ({ tenant })),
    tenants: a.tenants.map((x) => ({
      tenant: x.tenant,
      verdict: x.verdict,
      why: x.why ?? null,
      samples: x.samples.map((p) => ({
        atSeconds: Math.round(p.atMs) / 1000,
        value: p.value ?? null,
        baselineMedian: p.baseline.median ?? null,
        baselineReadable: p.baseline.readable,
        baselineAsked: p.baseline.asked,
        limit: p.limit ?? null,
        verdict: p.verdict,
        why: p.why ?? null
      }))
    }))
  }
}
