import type { Clock } from '../clock.js'
import type { CommandRunner } from '../command/runner.js'
import type { GateDecision } from '../gate/decide.js'
import type { Freshness } from '../gate/gate.js'
import type { HttpClient } from '../http/client.js'

/**
 * What every redeploy driver shares: the request, the result, the fence. Drivers depend on this file
 * and the factory (redeployer.ts) depends on the drivers, so no driver imports the file that imports it.
 */

/** One redeploy of one tenant to the target tag. */
export interface RedeployRequest {
  tenant: string
  tag: string
  sha: string
  environment: string
  /** The SHA the tenant served just before this request ('' when unknown), for compare-and-set. */
  current: string
}

export interface RedeployResult {
  ok: boolean
  /** For a failure: the status and a body excerpt, or the exit code and stderr tail. */
  detail: string
  /** The control plane refused a compare-and-set: the tenant no longer serves `current` (HTTP 409). */
  conflict?: boolean
  /** With a 409: the commit the control plane says the tenant holds (`{"current":"<sha>"}` in its answer). */
  current?: string
  /** A retry was due but the job no longer owns the branch: nothing more was sent. */
  superseded?: GateDecision
  /**
   * An attempt was due but the head could not be read any more (it was readable earlier in this job):
   * nothing more was sent. The outage, in words.
   */
  ownershipUnknown?: string
  /** The control plane refused the token (HTTP 401 or 403): `control-plane-token` is wrong or lacks a right. */
  tokenRefused?: boolean
  /** The run was cancelled while the fence read the head: nothing more was sent, and this is no failure of the tenant. */
  cancelled?: boolean
  /** Nothing at all was sent for this request (its first attempt was stopped by the fence). */
  notSent?: boolean
}

/**
 * Asked before every attempt (the first one, and each that follows a wait): resolves while this job
 * still owns the branch on evidence fresh enough (see Freshness), throws {@link SupersededError} once a
 * newer commit does and {@link OwnershipUnknownError} once the head, readable before, cannot be read.
 */
export type Fence = (need?: Freshness) => Promise<void>

export interface RedeployOptions {
  signal?: AbortSignal
  fence?: Fence
}

/** The user's control plane, as the rollout sees it. Never rejects: failures come back as `ok: false`. */
export interface Redeployer {
  redeploy(req: RedeployRequest, options?: RedeployOptions): Promise<RedeployResult>
}

export interface RedeployerDeps {
  http: HttpClient
  clock: Clock
  runner: CommandRunner
  log: (message: string) => void
}

/** Thrown by a fence: a newer commit owns the branch, so this job sends nothing more. */
export class SupersededError extends Error {
  constructor(readonly decision: GateDecision) {
    super(decision.reason)
    this.name = 'SupersededError'
  }
}

/** Thrown by a fence: the head became unreadable mid-rollout, so nothing is sent blind. */
export class OwnershipUnknownError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'OwnershipUnknownError'
  }
}

export function requestVars(req: RedeployRequest): Record<string, string> {
  return {
    tenant: req.tenant,
    tag: req.tag,
    sha: req.sha,
    sha7: req.sha.slice(0, 7),
    environment: req.environment,
    current: req.current
  }
}
