import * as core from '../log.js'
import { debug } from '../debug.js'
import type { Ancestry } from '../forge/ancestry.js'
import type { GateDecision } from '../gate/decide.js'
import type { TenantProber } from '../verify/types.js'
import { preflightAction, preflightRead } from './preflight.js'
import { type Fence, OwnershipUnknownError, type RedeployRequest, type Redeployer, SupersededError } from './redeploy-types.js'
import { CancelledError } from '../runtime/cancel.js'
import type { Sweeper } from './sweeper.js'
import type { TenantRecord } from './types.js'

export interface TenantStepDeps {
  target: string
  force: boolean
  prober: TenantProber
  ancestry: Ancestry
  redeployer: Redeployer
  sweeper: Sweeper
  request: (tenant: string, current: string) => RedeployRequest
  signal: AbortSignal
  /**
   * Asked before a compare-and-set re-attempt for a new head read. The redeployer itself is fenced
   * (fenced-redeployer.ts): each first attempt rests on an answer younger than the ownership bound.
   */
  fence?: Fence
  /** What this job already learned (another tenant's fence): once superseded, no first attempt either. */
  knownSuperseded?: () => GateDecision | undefined
}

/**
 * Pre-flight, then redeploy, for one tenant. The pre-flight read is what makes the rollout forward-only:
 * a tenant already on the target is left alone, and one on a descendant is never rolled back to it
 * (unless `force`). An older tenant, or one that gave no answer, is rolled; one that answered a SHA whose
 * ancestry the forge could not establish is not (see preflight.ts).
 */
export async function rollTenant(tenant: string, step: string, deps: TenantStepDeps): Promise<TenantRecord> {
  const record: TenantRecord = { tenant, step, action: 'not-started', reissues: 0 }
  const target = deps.target.slice(0, 7)
  // A compare-and-set refusal means the tenant changed between our read and our redeploy: read it again
  // and decide again (it may now be on the target or ahead), as a CAS loop does.
  /** What the control plane said the tenant holds, on its last compare-and-set refusal. */
  let held: string | undefined
  for (let attempt = 1; attempt <= CAS_ATTEMPTS; attempt++) {
    if (deps.signal.aborted) return record
    let obs = await deps.prober.probe(tenant, deps.signal)
    // A tenant that reports no SHA (a crash loop) is known by what the control plane said it holds; that
    // commit goes through the same pre-flight, so only a forward move is ever sent on it.
    if (!obs.sha && held) {
      core.info(`${tenant} reports no commit; the control plane says it holds ${held.slice(0, 7)}, taken as {current}`)
      obs = { ...obs, sha: held }
    }
    if (attempt === 1) record.before = obs.sha
    const seen = await preflightRead(obs, deps.target, deps.ancestry)
    const action = preflightAction(seen, deps.force)
    debug(
      () =>
        `pre-flight ${tenant} (attempt ${attempt}): serves ${obs.sha ?? `nothing (${obs.error ?? 'no answer'})`}, target ${deps.target}, seen ${seen.kind}${seen.kind === 'unknown' ? ` (${seen.detail})` : ''}, force ${deps.force}: ${action}`
    )
    if (action === 'skip-on-target' || action === 'skip-ahead') {
      record.action = action === 'skip-on-target' ? 'skipped-on-target' : 'skipped-ahead'
      if (action === 'skip-ahead') core.info(`${tenant} already serves ${obs.sha?.slice(0, 7)}, a descendant of ${target}: not rolled back`)
      deps.sweeper.watch(tenant, obs.sha)
      return record
    }
    if (action === 'skip-unknown' && seen.kind === 'unknown') {
      record.action = 'skipped-unknown'
      record.redeployError = `not redeployed: it serves ${seen.sha.slice(0, 7)}, whose ancestry to ${target} could not be established (${seen.detail}); it may be ahead. Run again when the forge answers, or set force: true to roll it anyway`
      return record
    }
    if (seen.kind === 'unknown')
      core.warning(`${tenant} serves ${seen.sha.slice(0, 7)}, whose ancestry to ${target} is unknown (${seen.detail}); force: true rolls it anyway`, { title: 'Redeploy forced' })
    if (action === 'redeploy-forced-backward') core.warning(`${tenant} serves ${obs.sha?.slice(0, 7)}, newer than ${target}; force: true rolls it back`, { title: 'Backward redeploy forced' })
    // A cancel that arrived during the pre-flight still stops this tenant: nothing new starts after a cancel.
    if (deps.signal.aborted) return record
    const known = deps.knownSuperseded?.()
    if (known) {
      record.action = 'stopped-superseded'
      record.redeployError = `not sent, because this job is superseded: ${known.reason}`
      return record
    }
    // A compare-and-set re-attempt follows a refusal and a fresh read: it passes the fence like any retry.
    if (attempt > 1 && !(await passesFence(deps, record))) return record
    const res = await deps.redeployer.redeploy(deps.request(tenant, obs.sha ?? ''), { signal: deps.signal, fence: deps.fence })
    // Cancelled while its fence read the head: nothing was sent, and the tenant failed nothing.
    if (res.cancelled) return record
    if (res.ownershipUnknown) {
      // The head became unreadable mid-rollout: nothing was sent blind; the rollout stops and says why.
      record.action = res.notSent && attempt === 1 ? 'not-started' : 'redeploy-failed'
      record.redeployError = res.detail
      return record
    }
    if (res.ok) {
      record.action = 'redeployed'
      record.movedFrom = obs.sha
      deps.sweeper.watch(tenant, obs.sha)
      return record
    }
    record.redeployError = res.detail
    if (res.tokenRefused) record.tokenRefused = true
    if (res.superseded) {
      record.action = 'stopped-superseded'
      return record
    }
    record.action = 'redeploy-failed'
    if (!res.conflict) return record
    held = res.current
    core.info(`${tenant}: the control plane refused a stale compare-and-set (${res.detail}); reading it again`)
  }
  return record
}

async function passesFence(deps: TenantStepDeps, record: TenantRecord): Promise<boolean> {
  try {
    // A new read: the one the refused attempt was sent on is older than the refusal.
    await deps.fence?.({ readNow: true })
    return true
  } catch (error) {
    if (error instanceof OwnershipUnknownError) {
      record.redeployError = `${record.redeployError}; not retried, because ${error.message}`
      return false
    }
    if (error instanceof CancelledError) {
      record.redeployError = `${record.redeployError}; not retried, because the run was cancelled`
      return false
    }
    if (!(error instanceof SupersededError)) throw error
    record.action = 'stopped-superseded'
    record.redeployError = `${record.redeployError}; not retried, because this job is superseded: ${error.decision.reason}`
    return false
  }
}

/** Reads and redeploys at most this often when a compare-and-set control plane keeps refusing. */
export const CAS_ATTEMPTS = 3
