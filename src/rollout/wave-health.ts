import type { CanaryAnalysis } from '../analysis/canary.js'
import type { Clock } from '../clock.js'
import type { Step } from './plan.js'
import type { TenantRecord } from './types.js'

/** What a wave's analysis needs of the rollout. */
export interface WaveHealthDeps {
  analysis?: CanaryAnalysis
  fleet: readonly string[]
  clock: Clock
  signal: AbortSignal
}

export interface WaveHealth {
  /** A wave tenant's verification ended; only one that reports the target is analysed (not one ahead: another build). */
  verified(record: TenantRecord): void
  /**
   * After the wave's verification: the analysis ends, and each analysed tenant's verdict joins its record.
   * A superseded job ends it at once and judges nobody: the newer commit's job owns these tenants.
   */
  finish(superseded: boolean): Promise<void>
}

/**
 * `analysis-waves`: a wave's tenants are judged on health while they settle, against the tenants this
 * job has not moved yet (the baseline, on the release before). A wave tenant whose analysis does not
 * pass is a failed tenant of its wave (isFailed), so it counts toward `max-failures`. Undefined for the
 * canary (its soak is the analysis) and without `analysis-waves`.
 */
export function waveHealth(step: Step, records: ReadonlyMap<string, TenantRecord>, deps: WaveHealthDeps): WaveHealth | undefined {
  if (step.kind !== 'wave' || !deps.analysis?.wave || deps.signal.aborted) return undefined
  const inStep = new Set(step.tenants)
  // Asked before the wave sends anything: later waves' tenants are still `not-started` then.
  const untouched = deps.fleet.filter((t) => !inStep.has(t) && records.get(t)?.action === 'not-started')
  const watch = deps.analysis.wave({ step: step.name, tenants: step.tenants, untouched, clock: deps.clock, signal: deps.signal })
  return {
    verified(record) {
      if (record.verdict?.verdict === 'on-target') watch.settled(record.tenant)
    },
    async finish(superseded) {
      const result = await watch.done(superseded)
      if (superseded) return
      for (const a of result.tenants) {
        const record = records.get(a.tenant)
        if (record) record.analysis = a
      }
    }
  }
}
