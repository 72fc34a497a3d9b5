import type { TenantVerdict } from '../verify/types.js'
import type { PhaseRecord } from './timeline.js'

/**
 * What the rollout did to one tenant:
 * - `redeployed`: the control plane accepted the redeploy
 * - `skipped-on-target`: it already served the target (re-runs are idempotent)
 * - `skipped-ahead`: it served a descendant of the target; rolling it would move it backward
 * - `redeploy-failed`: the control plane or command refused or failed
 * - `not-started`: the rollout stopped (superseded, halted, cancelled) before its wave
 */
export type TenantAction = 'redeployed' | 'skipped-on-target' | 'skipped-ahead' | 'redeploy-failed' | 'not-started'

export interface TenantRecord {
  tenant: string
  step: string
  action: TenantAction
  /** The SHA it served before the redeploy, as read in the pre-flight. */
  before?: string
  redeployError?: string
  /** Redeploys sent again because the tenant regressed while being verified. */
  reissues: number
  /** The last verification verdict; absent for tenants never verified. */
  verdict?: TenantVerdict
}

export type RolloutResultKind = 'deployed' | 'skipped-superseded' | 'failed' | 'cancelled'

export interface RolloutResult {
  result: RolloutResultKind
  /** One sentence: why it ended as it did. */
  reason: string
  headSha?: string
  tenants: TenantRecord[]
  phases: PhaseRecord[]
}

/** A tenant counts as failed when its redeploy failed or its last verdict is neither on-target nor ahead. */
export function isFailed(r: TenantRecord): boolean {
  if (r.action === 'redeploy-failed') return true
  return r.verdict !== undefined && r.verdict.verdict !== 'on-target' && r.verdict.verdict !== 'ahead'
}
