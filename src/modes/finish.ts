import * as core from '../log.js'
import type { RunContext } from '../context.js'
import type { GateDecision } from '../gate/decide.js'
import type { Outcome } from '../outcome.js'
import type { PromotionResult } from '../promote/promote.js'
import type { DeployState } from '../record/state.js'
import { tenantFromRecord, verificationOutputs } from '../report/model.js'
import type { RolloutResult } from '../rollout/types.js'

/**
 * The common ending of the modes that change the fleet (deploy, reconcile): their outputs and the
 * record main turns into the report, summary and check. The step fails for `failed` and `cancelled`,
 * and for `skipped-superseded` only when the workflow asked for `on-superseded: fail`.
 */
export async function finishRun(
  ctx: RunContext,
  run: {
    rollout: Omit<RolloutResult, 'result'> & { result: string }
    gate: GateDecision | undefined
    startedAt: Date
    tag: string
    promotion?: PromotionResult
    deployState?: DeployState
    shard?: string
  }
): Promise<Outcome> {
  const { settings } = ctx
  const r = run.rollout
  const tenants = r.tenants.map(tenantFromRecord)
  // The gate is asked again before every wave and the promotion: report what it said last, not first.
  const gate = run.gate && ctx.gate.last ? ctx.gate.last : run.gate
  // A job superseded late (at the promotion, say) names the head that superseded it, not the first one read.
  const supersededBy = r.result === 'skipped-superseded' && ctx.gate.last?.superseded ? ctx.gate.last.headSha : undefined
  const head = supersededBy ?? r.headSha ?? gate?.headSha
  const record = {
    reason: r.reason,
    startedAt: run.startedAt,
    targetSha: settings.target.sha,
    tag: run.tag,
    gate,
    head,
    phases: r.phases,
    tenants,
    promotion: run.promotion,
    deployState: run.deployState,
    shard: run.shard,
    restore: r.restore,
    analysis: r.analysis,
    waveAnalysis: r.waveAnalysis,
    stop: r.stop
  }
  const outputs: Record<string, string> = {
    superseded: String(r.result === 'skipped-superseded'),
    'head-sha': supersededBy ?? r.headSha ?? run.gate?.headSha ?? '',
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
