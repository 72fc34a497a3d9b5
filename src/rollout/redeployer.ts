import type { Clock } from '../clock.js'
import type { CommandRunner } from '../command/runner.js'
import type { HttpClient } from '../http/client.js'
import type { RolloutSettings } from '../settings/rollout.js'
import { CommandRedeployer } from './command-redeployer.js'
import { ControlPlaneRedeployer } from './control-plane.js'

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
}

/** The user's control plane, as the rollout sees it. Never rejects: failures come back as `ok: false`. */
export interface Redeployer {
  redeploy(req: RedeployRequest, signal?: AbortSignal): Promise<RedeployResult>
}

export interface RedeployerDeps {
  http: HttpClient
  clock: Clock
  runner: CommandRunner
  log: (message: string) => void
}

export function createRedeployer(settings: RolloutSettings, deps: RedeployerDeps): Redeployer {
  const driver = settings.driver
  switch (driver.kind) {
    case 'command':
      return new CommandRedeployer(driver.argv, deps.runner)
    case 'http':
      return new ControlPlaneRedeployer(driver, settings.requestTimeoutMs, deps)
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
