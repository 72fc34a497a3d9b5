import * as core from '../log.js'
import { execRunner, type CommandRunner } from '../command/runner.js'
import type { RunContext } from '../context.js'
import { announce } from '../gate/announce.js'
import type { GateDecision } from '../gate/decide.js'
import type { Outcome } from '../outcome.js'
import type { PromotionResult } from '../promote/promote.js'
import type { RunRecord } from '../report/model.js'
import { judgeGate } from '../rollout/describe.js'
import { Timeline } from '../rollout/timeline.js'
import { commitVars, render } from '../template.js'
import { promotionStep } from './promotion-step.js'
import { supersededOutcome } from './superseded.js'

/**
 * `mode: promote`: move `promote-tag` to the image of `promote-from`, forward only, while this commit
 * still owns the branch. The gate is asked once up front (a superseded job touches nothing, not even
 * the registry), again right before the write and before each retried write. A job superseded at any
 * of these reports the head that superseded it.
 */
export async function runPromoteMode(ctx: RunContext, runner: CommandRunner = execRunner): Promise<Outcome> {
  if (!ctx.settings.promote) throw new Error('mode: promote needs `image` or `promote-command`')
  const startedAt = new Date()
  const timeline = new Timeline(ctx.clock)
  const { target } = ctx.settings
  const base = { startedAt, tag: render(ctx.settings.imageTag, commitVars(target.sha, target.environment)), tenants: [] }
  const first = await timeline.run('gate', () => core.group('Superseded gate', () => ctx.gate.check()), judgeGate)
  if (!announce(first, ctx.settings.gate, 'promote').proceed) {
    const record: RunRecord = { ...base, reason: first.reason, gate: first, phases: timeline.phases }
    return { ...supersededOutcome(ctx, first.reason, first.headSha, { promoted: 'false', 'promoted-digest': '' }), record }
  }
  // Once the first gate read went through (a refused token or api-url has thrown above), not before.
  void ctx.reporter.start(target.sha)
  const step = await timeline.run(
    'promotion',
    () => core.group('Promotion', () => promotionStep(ctx, runner, first)),
    (p) => ({ outcome: p.result.outcome, detail: p.result.reason })
  )
  const gate = step.gate ?? first
  const record: RunRecord = { ...base, reason: step.result.reason, gate, phases: timeline.phases, promotion: step.result }
  return { ...toOutcome(ctx, step.result, gate), record }
}

function toOutcome(ctx: RunContext, result: PromotionResult, gate: GateDecision): Outcome {
  const holds = result.outcome === 'promoted' || result.outcome === 'unchanged'
  const outputs = { promoted: String(result.promoted), 'promoted-digest': holds ? (result.digest ?? '') : '', reason: result.reason }
  switch (result.outcome) {
    case 'skipped-superseded':
      return supersededOutcome(ctx, result.reason, gate.headSha, outputs)
    case 'failed':
    case 'cancelled':
      return { result: result.outcome, failure: result.reason, outputs }
    case 'skipped-ahead':
      core.notice(result.reason, { title: 'Promotion skipped: the tag is ahead' })
      return { result: result.outcome, outputs }
    default:
      core.info(result.reason)
      return { result: result.outcome, outputs }
  }
}
