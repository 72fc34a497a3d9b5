import { errorMessage } from '../errors.js'
import { CancelledError } from '../runtime/cancel.js'
import { type Fence, OwnershipUnknownError, type RedeployOptions, type RedeployRequest, type RedeployResult, type Redeployer, SupersededError } from './redeploy-types.js'

/**
 * A redeployer whose every request passes the fence before its first attempt, and whose retries pass it
 * again (the driver's own `beforeRetry`). The rollout wraps its redeployer once, so every redeploy it
 * sends (a tenant's first attempt after a long pre-flight read, a compare-and-set re-attempt, a
 * sweeper's re-issue, any new kind) rests on ownership evidence younger than the bound, with no call
 * site able to forget it.
 */
export function fencedRedeployer(inner: Redeployer, fence: Fence): Redeployer {
  return {
    async redeploy(req: RedeployRequest, options: RedeployOptions = {}): Promise<RedeployResult> {
      try {
        await fence()
      } catch (error) {
        return notSent(error)
      }
      return inner.redeploy(req, { ...options, fence: options.fence ?? fence })
    }
  }
}

/** The result of a request the fence stopped before anything was sent. */
export function notSent(error: unknown): RedeployResult {
  if (error instanceof CancelledError) return { ok: false, notSent: true, cancelled: true, detail: 'not sent, because the run was cancelled' }
  if (error instanceof SupersededError) return { ok: false, notSent: true, detail: `not sent, because this job is superseded: ${error.decision.reason}`, superseded: error.decision }
  const why = error instanceof OwnershipUnknownError ? error.message : `the superseded check failed: ${errorMessage(error)}`
  return { ok: false, notSent: true, detail: `not sent, because ${why}`, ownershipUnknown: why }
}
