import * as core from '../log.js'
import type { GateSettings } from '../settings/common.js'
import type { GateDecision } from './decide.js'

/**
 * Logs a gate decision the way an operator needs to see it and says whether side effects may go ahead.
 * Unreadable heads and a disabled gate are warnings (a genuine deploy proceeds, but loudly); `force`
 * overriding a superseded verdict is always a warning.
 */
export function announce(decision: GateDecision, gate: GateSettings, where: string): { proceed: boolean } {
  if (decision.warning) core.warning(decision.warning, { title: 'Superseded check: head unreadable' })
  if (decision.basis === 'disabled') core.warning(decision.reason, { title: 'Superseded check disabled' })
  if (!decision.superseded) {
    core.info(`[${where}] ${decision.reason}`)
    return { proceed: true }
  }
  if (gate.force) {
    core.warning(`[${where}] ${decision.reason} force: true overrides this; side effects go ahead.`, {
      title: 'Superseded, overridden by force'
    })
    return { proceed: true }
  }
  core.notice(`[${where}] ${decision.reason}`, { title: 'Superseded' })
  return { proceed: false }
}
