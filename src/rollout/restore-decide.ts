import { sameCommit } from '../forge/types.js'
import type { GateDecision } from '../gate/decide.js'
import type { RestoreAction, TenantRecord } from './types.js'

/**
 * The one deliberate backward move this action makes without `force`, as pure functions: a failed canary
 * tenant this job moved goes back to the stable release (restore-target.ts), and to nothing else. Every
 * other redeploy goes through the pre-flight's forward-only guard (preflight.ts); this exception is
 * kept here, narrow and separate, so that widening it is a visible change with tests that go red.
 */
export type RestorePlan = { kind: 'restore'; to: string } | { kind: 'leave'; action: Exclude<RestoreAction, 'restored' | 'restore-failed' | 'not-sent'>; detail: string }

/**
 * Whether one canary tenant is due a restore, and the SHA of the pre-flight read its redeploy was sent on
 * (where it goes is then the stable release, restore-target.ts). Only a canary tenant whose redeploy this
 * job sent and the control plane accepted: never a tenant found on the target or ahead (this job did not
 * move it), never one whose redeploy failed (nobody knows what it serves), never one whose read gave no commit.
 */
export function restorePlan(record: TenantRecord, target: string): RestorePlan {
  if (record.step !== 'canary') return { kind: 'leave', action: 'not-moved', detail: 'not a canary tenant' }
  if (record.action !== 'redeployed') return { kind: 'leave', action: 'not-moved', detail: `this job did not move it (${record.action})` }
  const from = record.movedFrom
  if (!from) return { kind: 'leave', action: 'nothing-to-restore', detail: 'its pre-flight read gave no commit, so there is nothing to go back to; it stays on the rejected build' }
  if (sameCommit(from, target)) return { kind: 'leave', action: 'not-moved', detail: 'it already served the target before this job' }
  return { kind: 'restore', to: from }
}

/**
 * Whether the gate's answer, asked right before, allows the restore. A restore needs positive evidence
 * that this job still owns the branch: a newer commit's job moves the canary forward (even under
 * `force`, which pushes this commit, not an older one), and a head that could not be read or a check
 * that is switched off proves nothing, so the canary is left for the next deploy.
 */
export function restoreAllowed(decision: GateDecision): { allowed: true } | { allowed: false; outcome: 'superseded' | 'skipped'; reason: string } {
  if (decision.superseded) return { allowed: false, outcome: 'superseded', reason: `Not restored: ${decision.reason} Its job moves the canary forward.` }
  if (decision.basis === 'identical' || decision.basis === 'behind') return { allowed: true }
  return { allowed: false, outcome: 'skipped', reason: `Not restored: ownership of the branch could not be proven right before the restore (${decision.reason})` }
}
