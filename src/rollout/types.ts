import { failedAnalysis } from '../analysis/verdict.js'
import type { AnalysisResult, TenantAnalysis } from '../analysis/types.js'
import type { RolloutStop } from '../record/end.js'
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
  /**
   * For a tenant this job moved (`redeployed`): the SHA of the pre-flight read the accepted redeploy was
   * sent on (a compare-and-set re-attempt reads again); undefined when that read gave no SHA. The only
   * commit a failed canary is ever returned to (restore.ts).
   */
  movedFrom?: string
  redeployError?: string
  /** The control plane refused `control-plane-token` (401/403): a misconfiguration, and the rollout stops. */
  tokenRefused?: boolean
  /** Redeploys sent again because the tenant regressed while being verified. */
  reissues: number
  /** The last verification verdict; absent for tenants never verified. */
  verdict?: TenantVerdict
  /** A canary tenant's analysis during the soak, or a wave tenant's while it settled (`analysis-waves`); absent without one. */
  analysis?: TenantAnalysis
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
  /** What became of the canary tenants after a failed canary (`canary-failure`); absent otherwise. */
  restore?: CanaryRestore
  /** The canary's analysis during the soak (`analysis`); absent without one, or when no soak ran. */
  analysis?: AnalysisResult
  /** Each wave's analysis while it settled (`analysis-waves`), in order; absent without. */
  waveAnalysis?: AnalysisResult[]
  /** Where the rollout stopped short of its end, when it did: what its record's end is decided from (record/end.ts). */
  stop?: RolloutStop
}

/**
 * What a failed canary's restore did to one canary tenant:
 * - `restored`: the redeploy back to `to` was accepted (`verdict` says whether it verified there)
 * - `restore-failed`: the control plane or command refused or failed it (a compare-and-set refusal: the
 *   tenant no longer served the rejected build, so it was not ours to move)
 * - `nothing-to-restore`: its pre-flight read gave no commit, so there is nothing to go back to
 * - `not-moved`: this job did not move it (already on the target or ahead, or its redeploy failed)
 * - `not-sent`: a restore was due but not sent (held, superseded, ownership unproven, cancelled)
 */
export type RestoreAction = 'restored' | 'restore-failed' | 'nothing-to-restore' | 'not-moved' | 'not-sent'

export interface TenantRestore {
  tenant: string
  action: RestoreAction
  /** The commit it was (or would have been) returned to: the stable release (restore-target.ts). */
  to?: string
  /** The commit its pre-flight read showed before this job moved it (not in the report: `to` says where it went). */
  from?: string
  detail?: string
  /** Verification on `to`, exactly (a descendant of `to`, such as the rejected build, does not count). */
  verdict?: TenantVerdict
}

/**
 * - `restored`: every tenant due a restore is verified back on its previous commit
 * - `failed`: some restore was refused, failed, or did not verify within the settle budget
 * - `nothing-to-restore`: no canary tenant was both moved by this job and read on a commit before
 * - `superseded`: a newer commit owns the branch; its job moves the canary forward
 * - `skipped`: ownership could not be proven (head unreadable, check off) or the run was cancelled
 * - `held`: `canary-failure: hold`
 */
export type RestoreOutcome = 'restored' | 'failed' | 'nothing-to-restore' | 'superseded' | 'skipped' | 'held'

export interface CanaryRestore {
  outcome: RestoreOutcome
  /** One sentence, appended to the run's reason. */
  reason: string
  tenants: TenantRestore[]
}

/**
 * A tenant counts as failed when its redeploy failed, its ancestry could not be established, its
 * analysis did not pass, or its last verdict is neither on-target nor ahead.
 */
export function isFailed(r: TenantRecord): boolean {
  if (r.action === 'redeploy-failed' || r.action === 'skipped-unknown') return true
  if (failedAnalysis(r.analysis)) return true
  return r.verdict !== undefined && r.verdict.verdict !== 'on-target' && r.verdict.verdict !== 'ahead'
}
