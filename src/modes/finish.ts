import * as core from '@actions/core'
import type { RunContext } from '../context.js'
import type { GateDecision } from '../gate/decide.js'
import type { Outcome } from '../outcome.js'
import type { PromotionResult } from '../promote/promote.js'
import { buildReport, tenantFromRecord } from '../report/model.js'
import { runSummaryMarkdown } from '../report/summary.js'
import { writeReport } from '../report/write.js'
import { isFailed, type RolloutResult } from '../rollout/types.js'
import { failureMessage } from '../verify/summary.js'

/**
 * The common ending of the modes that change the fleet: error annotations for failing tenants, the JSON
 * report, the job summary, and the outputs. The step fails for `failed` and `cancelled`, and for
 * `skipped-superseded` only when the workflow asked for `on-superseded: fail`.
 */
export async function finishRun(
  ctx: RunContext,
  run: { rollout: Omit<RolloutResult, 'result'> & { result: string }; gate: GateDecision | undefined; startedAt: Date; tag: string; promotion?: PromotionResult }
): Promise<Outcome> {
  const { settings } = ctx
  const r = run.rollout
  const budgetMs = settings.verify?.budgetMs ?? 0
  for (const t of r.tenants.filter(isFailed)) {
    const message = t.action === 'redeploy-failed' ? `tenant ${t.tenant} redeploy failed: ${t.redeployError}` : failureMessage(t.verdict!, settings.target.sha, budgetMs)
    core.error(message, { title: `Tenant ${t.tenant}: ${t.action === 'redeploy-failed' ? 'redeploy-failed' : t.verdict?.verdict}` })
  }
  const report = buildReport({
    settings,
    result: r.result,
    reason: r.reason,
    tag: run.tag,
    gate: run.gate,
    startedAt: run.startedAt,
    finishedAt: new Date(),
    phases: r.phases,
    tenants: r.tenants.map(tenantFromRecord),
    promotion: run.promotion
  })
  const reportPath = await writeReport(report)
  core.info(`Report: ${reportPath}`)
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(runSummaryMarkdown(report, reportPath)).write()

  const ok = report.tenants.filter((t) => t.ok)
  const failing = report.tenants.filter((t) => !t.ok && t.verdict !== 'not-started')
  const outputs: Record<string, string> = {
    superseded: String(r.result === 'skipped-superseded'),
    'head-sha': r.headSha ?? run.gate?.headSha ?? '',
    reason: r.reason,
    rolled: JSON.stringify(r.tenants.filter((t) => t.action === 'redeployed').map((t) => t.tenant)),
    verified: String(ok.length),
    stale: JSON.stringify(failing.map((t) => ({ tenant: t.tenant, verdict: t.verdict, sha: t.sha, polls: t.polls, lastError: t.redeployError ?? t.lastError }))),
    ahead: JSON.stringify(report.tenants.filter((t) => t.verdict === 'ahead').map((t) => ({ tenant: t.tenant, sha: t.sha }))),
    'report-path': reportPath,
    promoted: String(run.promotion?.promoted ?? false),
    'promoted-digest': run.promotion && (run.promotion.outcome === 'promoted' || run.promotion.outcome === 'unchanged') ? (run.promotion.digest ?? '') : ''
  }
  switch (r.result) {
    case 'skipped-superseded':
      core.notice(r.reason, { title: 'Superseded: this job stepped aside' })
      return { result: r.result, failure: settings.gate.onSuperseded === 'fail' ? r.reason : undefined, outputs }
    case 'failed':
    case 'cancelled':
      return { result: r.result, failure: r.reason, outputs }
    default:
      core.info(r.reason)
      return { result: r.result, outputs }
  }
}
