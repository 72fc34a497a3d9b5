import type { TenantVerdict } from '../verify/types.js'
import type { PhaseRecord } from './timeline.js'

/**
 * What the rollout did to one tenant:
 * - `redeployed`: the control plane accepted the redeploy
 * - `skipped-on-target`: it already served the target (re-runs are idempotent)
 * - `skipped-ahead`: it served a descendant of the target; rolling it would move it backward
 * - `redeploy-failed`: the control plane or command refused or failed
 * - `skipped-unknown`: it served a SHA whose ancestry to the target the forge could not establish; it may
 *   be ahead, so it was not rolled (a failure: nobody knows what it serves; `force` rolls it)
 * - `stopped-superseded`: a redeploy attempt (a retry, or a first attempt after another tenant's retry
 *   found the job superseded) was due, but a newer commit owned the branch by then, so it was never sent
 *   (neutral: the newer job rolls it)
 * - `not-started`: the rollout stopped (superseded, halted, cancelled) before its wave
 */
export type TenantAction = 'redeployed' | 'skipped-on-target' | 'skipped-ahead' | 'skipped-unknown' | 'redeploy-failed' | 'stopped-superseded' | 'not-started'

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

/** `stopped`: the caller's `beforeStep` said stop (reconcile: a deploy of the head started, or rejected it). */
export type RolloutResultKind = 'deployed' | 'skipped-superseded' | 'failed' | 'cancelled' | 'stopped'

export interface RolloutResult {
  result: RolloutResultKind
  /** One sentence: why it ended as it did. */
  reason: string
  headSha?: string
  tenants: TenantRecord[]
  phases: PhaseRecord[]
}

/**
 * A tenant counts as failed when its redeploy failed, its ancestry could not be established, or its
 * last verdict is neither on-target nor ahead.
 */
export function isFailed(r: TenantRecord): boolean {
  if (r.action === 'redeploy-failed' || r.action === 'skipped-unknown') return true
  return r.verdict !== undefined && r.verdict.verdict !== 'on-target' && r.verdict.verdict !== 'ahead'
}
