import type { TenantAnalysis } from './types.js'

/** How a canary or wave tenant's analysis reads in the rollout's verdicts and reasons (imports types only). */

/** A tenant whose analysis did not pass failed (the canary, or its wave), whatever its build info said. */
export function failedAnalysis(a: TenantAnalysis | undefined): boolean {
  return a !== undefined && a.verdict !== 'passed'
}

/** `tenant-001 failed its analysis (3 bad samples in a row ...)`. */
export function describeAnalysis(a: TenantAnalysis): string {
  return `${a.tenant} ${a.verdict === 'failed' ? 'failed its analysis' : 'analysis inconclusive'}${a.why ? ` (${a.why})` : ''}`
}
