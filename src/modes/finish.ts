import * as core from '@actions/core'
import type { RunContext } from '../context.js'
import type { GateDecision } from '../gate/decide.js'
import type { Outcome } from '../outcome.js'
import type { PromotionResult } from '../promote/promote.js'
import { tenantFromRecord, verificationOutputs } from '../report/model.js'
import type { RolloutResult } from '../rollout/types.js'

/**
 * The common ending of the modes that change the fleet (deploy, reconcile): their outputs and the
 * record main turns into the report, summary and check. The step fails for `failed` and `cancelled`,
 * and for `skipped-superseded` only when the workflow asked for `on-superseded: fail`.
 */
export async function finishRun(
  ctx: RunContext,
  run: { rollout: Omit<RolloutResult, 'result'> & { result: string }; gate: GateDecision | undefined; startedAt: Date; tag: string; promotion?: PromotionResult; shard?: string }
): Promise<Outcome> {
  const { settings } = ctx
  const r = run.rollout
  const tenants = r.tenants.map(tenantFromRecord)
  // The gate is asked again before every wave and the promotion: report what it said last, not first.
  const gate = run.gate && ctx.gate.last ? ctx.gate.last : run.gate
  const record = {
    reason: r.reason,
    startedAt: run.startedAt,
    targetSha: settings.target.sha,
    tag: run.tag,
    gate,
    head: r.headSha ?? gate?.headSha,
    phases: r.phases,
    tenants,
    promotion: run.promotion,
    shard: run.shard
  }
  const outputs: Record<string, string> = {
    superseded: String(r.result === 'skipped-superseded'),
    'head-sha': r.headSha ?? run.gate?.headSha ?? '',
    reason: r.reason,
    rolled: JSON.stringify(r.tenants.filter((t) => t.action === 'redeployed').map((t) => t.tenant)),
    ...verificationOutputs(tenants),
    promoted: String(run.promotion?.promoted ?? false),
    'promoted-digest': run.promotion && (run.promotion.outcome === 'promoted' || run.promotion.outcome === 'unchanged') ? (run.promotion.digest ?? '') : ''
  }
  switch (r.result) {
    case 'skipped-superseded':
      core.notice(r.reason, { title: 'Superseded: this job stepped aside' })
      return { result: r.result, failure: settings.gate.onSuperseded === 'fail' ? r.reason : undefined, outputs, record }
    case 'failed':
    case 'cancelled':
      return { result: r.result, failure: r.reason, outputs, record }
    default:
      core.info(r.reason)
      return { result: r.result, outputs, record }
  }
}
