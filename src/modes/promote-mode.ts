import * as core from '@actions/core'
import { execRunner, type CommandRunner } from '../command/runner.js'
import type { RunContext } from '../context.js'
import { announce } from '../gate/announce.js'
import type { GateDecision } from '../gate/decide.js'
import type { Outcome } from '../outcome.js'
import type { PromotionResult } from '../promote/promote.js'
import { promotionStep } from './promotion-step.js'
import { supersededOutcome } from './superseded.js'

/**
 * `mode: promote`: move `promote-tag` to the image of `promote-from`, forward only, while this commit
 * still owns the branch. The gate is asked once up front (a superseded job touches nothing, not even
 * the registry) and again right before the write.
 */
export async function runPromoteMode(ctx: RunContext, runner: CommandRunner = execRunner): Promise<Outcome> {
  if (!ctx.settings.promote) throw new Error('mode: promote needs `image` or `promote-command`')
  const first = await core.group('Superseded gate', () => ctx.gate.check())
  if (!announce(first, ctx.settings.gate, 'promote').proceed) {
    return supersededOutcome(ctx, first.reason, first.headSha, { promoted: 'false', 'promoted-digest': '' })
  }
  const { result, gate } = await core.group('Promotion', () => promotionStep(ctx, runner, first))
  return toOutcome(ctx, result, gate ?? first)
}

function toOutcome(ctx: RunContext, result: PromotionResult, gate: GateDecision): Outcome {
  const holds = result.outcome === 'promoted' || result.outcome === 'unchanged'
  const outputs = { promoted: String(result.promoted), 'promoted-digest': holds ? (result.digest ?? '') : '', reason: result.reason }
  switch (result.outcome) {
    case 'skipped-superseded':
      return supersededOutcome(ctx, result.reason, gate.headSha, outputs)
    case 'failed':
      return { result: 'failed', failure: result.reason, outputs }
    case 'skipped-ahead':
      core.notice(result.reason, { title: 'Promotion skipped: the tag is ahead' })
      return { result: result.outcome, outputs }
    default:
      core.info(result.reason)
      return { result: result.outcome, outputs }
  }
}
