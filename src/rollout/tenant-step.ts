import * as core from '@actions/core'
import type { Ancestry } from '../forge/ancestry.js'
import { classify } from '../verify/fleet.js'
import type { TenantProber } from '../verify/types.js'
import type { RedeployRequest, Redeployer } from './redeployer.js'
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
}

/**
 * Pre-flight, then redeploy, for one tenant. The pre-flight read is what makes the rollout forward-only:
 * a tenant already on the target is left alone, and one on a descendant is never rolled back to it
 * (unless `force`). An unreadable or older tenant is rolled.
 */
export async function rollTenant(tenant: string, step: string, deps: TenantStepDeps): Promise<TenantRecord> {
  const record: TenantRecord = { tenant, step, action: 'not-started', reissues: 0 }
  // A compare-and-set refusal means the tenant changed between our read and our redeploy: read it again
  // and decide again (it may now be on the target or ahead), as a CAS loop does.
  for (let attempt = 1; attempt <= CAS_ATTEMPTS; attempt++) {
    if (deps.signal.aborted) return record
    const obs = await deps.prober.probe(tenant, deps.signal)
    if (attempt === 1) record.before = obs.sha
    const seen = await classify(obs, deps.target, deps.ancestry)
    if (seen === 'on-target' || (seen === 'ahead' && !deps.force)) {
      record.action = seen === 'on-target' ? 'skipped-on-target' : 'skipped-ahead'
      if (seen === 'ahead') core.info(`${tenant} already serves ${obs.sha?.slice(0, 7)}, a descendant of ${deps.target.slice(0, 7)}: not rolled back`)
      deps.sweeper.watch(tenant, obs.sha)
      return record
    }
    if (seen === 'ahead') core.warning(`${tenant} serves ${obs.sha?.slice(0, 7)}, newer than ${deps.target.slice(0, 7)}; force: true rolls it back`, { title: 'Backward redeploy forced' })
    // A cancel that arrived during the pre-flight still stops this tenant: nothing new starts after a cancel.
    if (deps.signal.aborted) return record
    const res = await deps.redeployer.redeploy(deps.request(tenant, obs.sha ?? ''), deps.signal)
    if (res.ok) {
      record.action = 'redeployed'
      deps.sweeper.watch(tenant, obs.sha)
      return record
    }
    record.action = 'redeploy-failed'
    record.redeployError = res.detail
    if (!res.conflict) return record
    core.info(`${tenant}: the control plane refused a stale compare-and-set (${res.detail}); reading it again`)
  }
  return record
}

/** Reads and redeploys at most this often when a compare-and-set control plane keeps refusing. */
export const CAS_ATTEMPTS = 3
