import * as core from '../log.js'
import type { RunContext } from '../context.js'
import { announce } from '../gate/announce.js'
import type { Outcome } from '../outcome.js'
import { judgeGate } from '../rollout/describe.js'
import { Timeline } from '../rollout/timeline.js'
import { supersededOutcome } from './superseded.js'

/** `mode: gate`: answer "does this job still own the branch?" and nothing else. */
export async function runGateMode(ctx: RunContext): Promise<Outcome> {
  const startedAt = new Date()
  const timeline = new Timeline(ctx.clock)
  const decision = await timeline.run('gate', () => core.group('Superseded gate', () => ctx.gate.check()), judgeGate)
  const { proceed } = announce(decision, ctx.settings.gate, 'gate')
  const reason = proceed && decision.superseded ? `${decision.reason} Overridden by force: true.` : decision.reason
  const record = { reason, startedAt, gate: decision, phases: timeline.phases, tenants: [] }
  if (!proceed) return { ...supersededOutcome(ctx, decision.reason, decision.headSha), record }
  return {
    result: 'owner',
    outputs: { superseded: 'false', 'head-sha': decision.headSha ?? '', reason },
    record
  }
}
