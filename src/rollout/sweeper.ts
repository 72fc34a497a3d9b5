import type { Ancestry } from '../forge/ancestry.js'
import { sameCommit } from '../forge/types.js'
import type { Observation } from '../verify/types.js'
import { CancelledError } from '../runtime/cancel.js'
import { type Fence, OwnershipUnknownError, type RedeployRequest, type Redeployer, SupersededError } from './redeploy-types.js'

/** How often one tenant's redeploy is sent again before the verdict is left to the budget. */
export const MAX_REISSUES = 3

interface Watch {
  /**
   * The SHA it served when we last sent a redeploy (or when the pre-flight found it). Unknown when the
   * pre-flight read failed: then the first SHA it answers is its baseline (what it drains from).
   */
  baseline?: string
  seenOnTarget: boolean
  reissues: number
  busy: boolean
}

export interface SweeperDeps {
  target: string
  request: (tenant: string, current: string) => RedeployRequest
  redeployer: Redeployer
  ancestry: Ancestry
  /**
   * Asked before every re-issue, and passed to the redeployer for its retries: throws
   * SupersededError once a newer commit owns the branch (never, under `force`).
   */
  fence: Fence
  log: (message: string) => void
  signal?: AbortSignal
}

/**
 * Notices a tenant that moves to an OLDER commit while this job verifies it and sends the redeploy
 * again, as an orphan sweeper would. This is how the owning job heals the one backward move that no
 * gate can prevent: a redeploy an older job sent before the newer commit landed, which a control plane
 * without compare-and-set applies late. A commit change away from the baseline, or any older commit
 * after the target was seen, is a regression; a tenant still showing its baseline is just draining, and
 * one whose pre-flight read failed is draining from the first SHA it answers. Only a SHA the forge says
 * is strictly older than the target is ever undone.
 */
export class Sweeper {
  private readonly watches = new Map<string, Watch>()
  private readonly inFlight = new Set<Promise<void>>()
  readonly reissued = new Map<string, number>()

  constructor(private readonly deps: SweeperDeps) {}

  watch(tenant: string, baseline: string | undefined): void {
    const onTarget = baseline !== undefined && sameCommit(baseline, this.deps.target)
    this.watches.set(tenant, { baseline, seenOnTarget: onTarget, reissues: this.watches.get(tenant)?.reissues ?? 0, busy: false })
  }

  /** The verifier's onObservation hook. */
  readonly observe = (tenant: string, obs: Observation): void => {
    const w = this.watches.get(tenant)
    if (!w || !obs.sha) return
    if (sameCommit(obs.sha, this.deps.target)) {
      w.seenOnTarget = true
      return
    }
    if (w.baseline === undefined && !w.seenOnTarget) {
      // One failed read is no evidence of a regression: this is what it served, and drains from.
      w.baseline = obs.sha
      return
    }
    if (w.busy || w.reissues >= MAX_REISSUES || this.deps.signal?.aborted) return
    const moved = w.baseline === undefined || !sameCommit(obs.sha, w.baseline)
    if (!w.seenOnTarget && !moved) return
    w.busy = true
    const p = this.reissue(tenant, w, obs.sha).finally(() => {
      w.busy = false
      this.inFlight.delete(p)
    })
    this.inFlight.add(p)
  }

  private async reissue(tenant: string, w: Watch, seen: string): Promise<void> {
    // Only a strictly older commit is a regression; a newer or unrelated one is not ours to undo.
    if ((await this.deps.ancestry.relation(seen, this.deps.target)).relation !== 'ahead') return
    try {
      // A new read: whatever the job knew when it first sent this tenant's redeploy predates the regression.
      await this.deps.fence({ readNow: true })
    } catch (error) {
      if (error instanceof OwnershipUnknownError) {
        this.deps.log(`${tenant} regressed to ${seen.slice(0, 7)}, but its redeploy is not sent again: ${error.message}`)
        return
      }
      // The run was cancelled while the fence read the head: nothing new is sent (and nothing is thrown).
      if (error instanceof CancelledError) {
        this.deps.log(`${tenant} regressed to ${seen.slice(0, 7)}, but its redeploy is not sent again: the run was cancelled`)
        return
      }
      if (!(error instanceof SupersededError)) throw error
      this.deps.log(`${tenant} regressed to ${seen.slice(0, 7)}, but this job is superseded; leaving it to the newer job`)
      return
    }
    w.reissues += 1
    this.reissued.set(tenant, w.reissues)
    this.deps.log(`${tenant} regressed to ${seen.slice(0, 7)} while verifying; sending its redeploy again (${w.reissues}/${MAX_REISSUES})`)
    const res = await this.deps.redeployer.redeploy(this.deps.request(tenant, seen), { signal: this.deps.signal, fence: this.deps.fence })
    if (!res.ok) this.deps.log(`re-issued redeploy of ${tenant} failed: ${res.detail}`)
    w.baseline = seen
    w.seenOnTarget = false
  }

  /** Waits for re-issues still being sent. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight])
  }
}
