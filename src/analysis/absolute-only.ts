import type { Thresholds } from './judge.js'

/**
 * What the relative threshold does when a step leaves no tenant on the release before (the last wave,
 * or a canary of the whole fleet): there is no baseline to compare with, at any interval. With
 * `analysis-max`, the step is judged by it alone, and the report says so; without it, the relative
 * threshold stays and every sample is inconclusive, which is no pass (a wave analysis needs
 * `analysis-max`, settings/analysis.ts). Pure: tested row by row.
 */
export function thresholdsFor(t: Thresholds, baselineTenants: number): { thresholds: Thresholds; absoluteOnly?: string } {
  if (baselineTenants > 0 || t.maxRatio === undefined || t.max === undefined) return { thresholds: t }
  return {
    thresholds: { max: t.max, floor: t.floor },
    absoluteOnly: 'no tenant is left on the release before, so there is no baseline: judged by analysis-max alone, analysis-max-ratio not applied'
  }
}
