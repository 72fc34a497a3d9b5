import * as core from '@actions/core'
import type { RunContext } from '../context.js'
import { announce } from '../gate/announce.js'
import type { Outcome } from '../outcome.js'
import { supersededOutcome } from './superseded.js'

/** `mode: gate`: answer "does this job still own the branch?" and nothing else. */
export async function runGateMode(ctx: RunContext): Promise<Outcome> {
  const decision = await core.group('Superseded gate', () => ctx.gate.check())
  const { proceed } = announce(decision, ctx.settings.gate, 'gate')
  if (!proceed) return supersededOutcome(ctx, decision.reason, decision.headSha)
  const forced = decision.superseded
  return {
    result: 'owner',
    outputs: {
      superseded: 'false',
      'head-sha': decision.headSha ?? '',
      reason: forced ? `${decision.reason} Overridden by force: true.` : decision.reason
    }
  }
}
