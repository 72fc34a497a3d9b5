import type { CommandRunner } from '../command/runner.js'
import type { RunContext } from '../context.js'
import { announce } from '../gate/announce.js'
import type { GateDecision } from '../gate/decide.js'
import { promote, type PromotionResult } from '../promote/promote.js'
import { jobRegistry } from './job-registry.js'

/**
 * One forward-only promotion with the gate asked before the first registry request (unless the caller
 * passes the decision it took just now), right before the write and before every retried write, and
 * right before promote-command (on an answer younger than the ownership-evidence bound).
 * Shared by `mode: promote` and the last step of deploy and reconcile. Returns the last gate decision
 * too, for the report: when the job was superseded, it names the newer head.
 */
export async function promotionStep(ctx: RunContext, runner: CommandRunner, initial?: GateDecision): Promise<{ result: PromotionResult; gate: GateDecision | undefined }> {
  const settings = ctx.settings.promote
  if (!settings) throw new Error('promotion started without `image` or `promote-command`')
  const registry = jobRegistry(ctx)
  let last = initial
  const verdict = (decision: GateDecision): { superseded: boolean; reason: string } => {
    last = decision
    // No registry write blind. The outage fail-safe lets a deploy's redeploys through (a genuine deploy is
    // not lost to a forge outage), but a tag moved on no evidence can move it onto a commit a newer one has
    // superseded, or past a fleet a superseded shard job never verified; a tag left where it was costs
    // nothing that the next run does not heal. So the promotion needs the forge's answer, whatever came before.
    if (decision.basis === 'unreadable' && !ctx.settings.gate.force) {
      const earlier = ctx.gate.everReadable ? ', readable earlier in this job,' : ''
      throw new Error(
        `the head of ${ctx.settings.target.branch}${earlier} could not be read (${decision.unreadable ?? decision.reason}), so the tag was not moved: a registry write needs the forge's answer of who owns the branch; run again once the forge answers`
      )
    }
    return { superseded: !announce(decision, ctx.settings.gate, 'promotion').proceed, reason: decision.reason }
  }
  const result = await promote({
    settings,
    sha: ctx.settings.target.sha,
    environment: ctx.settings.target.environment,
    force: ctx.settings.gate.force,
    registry,
    runner,
    ancestry: ctx.ancestry,
    checkGate: async () => verdict(await ctx.gate.check()),
    checkFreshGate: async () => verdict(await ctx.gate.fresh()),
    gateAsked: initial !== undefined,
    signal: ctx.signal
  })
  return { result, gate: last }
}
