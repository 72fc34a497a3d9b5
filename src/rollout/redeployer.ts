import type { RolloutSettings } from '../settings/rollout.js'
import { CommandRedeployer } from './command-redeployer.js'
import { ControlPlaneRedeployer } from './control-plane.js'
import type { Redeployer, RedeployerDeps } from './redeploy-types.js'

/** The redeploy driver the settings name: `redeploy-command` or the control plane's `redeploy-url`. */
export function createRedeployer(settings: RolloutSettings, deps: RedeployerDeps): Redeployer {
  const driver = settings.driver
  switch (driver.kind) {
    case 'command':
      return new CommandRedeployer(driver.argv, deps.runner)
    case 'http':
      return new ControlPlaneRedeployer(driver, settings.requestTimeoutMs, deps)
  }
}
