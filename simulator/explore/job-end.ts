import type { RunContext } from '../../src/context.js'
import { errorMessage } from '../../src/errors.js'
import type { Outcome } from '../../src/outcome.js'
import { RateLimitError } from '../../src/http/retry.js'
import { isCancel } from '../../src/runtime/cancel.js'
import { endOfRun, REJECTING_ENDS } from '../../src/record/end.js'
import { failuresOf } from '../../src/report/failures.js'
import { buildReport, type RunRecord, type RunReport } from '../../src/report/model.js'
import { validateReport } from '../../src/report/schema.js'
import { runSummaryMarkdown } from '../../src/report/summary.js'
import { applyShard } from '../../src/rollout/shard.js'
import { parseShard } from '../../src/settings/shard.js'
import type { Execution } from './execution.js'
import type { JobHandle } from './types.js'
import { commitName, order, WALL_EPOCH } from './world.js'

/**
 * A job's ending, as src/report/conclude.ts ends a run (the report, then the check run or commit status
 * through the reporter), and what the explorer checks of it: a documented result, a report that passes
 * its schema, and what each result promises.
 */

const DEPLOY_RESULTS = new Set(['deployed', 'skipped-superseded', 'failed', 'cancelled'])
/** docs/reconcile.md: `drifted` is a dry run's only, and the explorer runs none. */
const RECONCILE_RESULTS = new Set(['in-sync', 'healed', 'deferred', 'held', 'skipped-superseded', 'cancelled', 'failed'])
const ACTIONS = new Set(['redeployed', 'skipped-on-target', 'skipped-ahead', 'skipped-unknown', 'redeploy-failed', 'stopped-superseded', 'not-started'])

/**
 * What src/main.ts makes of a mode that threw: a read or wait the cancel stopped is the cancel (the run ends
 * `cancelled`, with no record), anything else a failure of the mode.
 */
export function thrownOutcome(error: unknown, signal: AbortSignal): Outcome {
  if (isCancel(error, signal)) return { result: 'cancelled', failure: 'The run was cancelled; nothing new was started after the cancel.', outputs: {} }
  const outcome: Outcome = { result: 'failed', failure: `the mode threw: ${errorMessage(error)}`, outputs: {} }
  if (error instanceof RateLimitError) stoppedByRateLimit.add(outcome)
  return outcome
}

/**
 * Outcomes of a mode stopped by a rate limit longer than the job may wait: the gate throws it at its first
 * read (src/gate/gate.ts), before any side effect, and src/main.ts reports the run failed, naming the limit,
 * with no record of tenants (docs/rate-limits.md: "at the first gate the job fails before any side effect").
 */
const stoppedByRateLimit = new WeakSet<Outcome>()

/** Whether the job sent a side effect (a redeploy, a registry write), from its own history of answers. */
function sentAnything(ex: Execution, job: JobHandle): boolean {
  return ex.traces.get(job.name)!.some((t) => t.includes(':redeploy(') || /:registry\((PUT|POST|PATCH)/.test(t))
}

/** The run's report, as concludeRun builds it, handed to the reporter (which writes the final record). */
export async function reportOn(ex: Execution, ctx: RunContext, outcome: Outcome): Promise<RunReport> {
  const record: RunRecord = outcome.record ?? { reason: outcome.failure ?? outcome.result, startedAt: new Date(WALL_EPOCH), phases: [], tenants: [] }
  const report = buildReport(ctx.settings, outcome, record, new Date(WALL_EPOCH + ex.now), ctx.counters)
  await ctx.reporter.finish({ report, markdown: runSummaryMarkdown(report), failures: failuresOf(report) })
  ctx.reporter.stop?.()
  return report
}

/** The tenants a job owns: the canary alone for a sharded deploy's canary job, its shard's for a shard job, else all. */
export function fleetOf(ex: Execution, job: JobHandle): string[] {
  if (job.canaryJob) return [ex.scenario.canary]
  if (job.part) return applyShard(ex.scenario.tenants, parseShard(job.part)).tenants
  return [...ex.scenario.tenants]
}

export function judgeReport(ex: Execution, job: JobHandle, outcome: Outcome, report: RunReport, results: Set<string>): void {
  const v = ex.world.violations
  const who = `job ${job.name}`
  if (!results.has(outcome.result)) v.push({ invariant: 'job-result', detail: `${who} ended with the undocumented result ${JSON.stringify(outcome.result)}` })
  if (!outcome.record) {
    // Reconcile without the head has nothing to reconcile to: the mode throws and the step fails
    // (src/modes/reconcile-mode.ts), reported by main without a record. Only then is no record right.
    if (job.kind === 'reconcile' && !job.sha && outcome.result === 'failed') return
    // A cancel that stopped a read or a wait before the mode could end on its own: src/main.ts reports the run
    // cancelled, without a record of tenants.
    if (outcome.result === 'cancelled' && job.controller.signal.aborted) return
    // A rate limit longer than the job may wait stopped it before any side effect: reported failed, no record.
    if (stoppedByRateLimit.has(outcome) && !sentAnything(ex, job)) return
    v.push({ invariant: 'report', detail: `${who} ended without a record for its report (${outcome.failure ?? outcome.result})` })
    return
  }
  const problems = validateReport(report)
  if (problems.length) v.push({ invariant: 'report', detail: `${who}'s report does not pass its schema: ${problems.join('; ')}` })
  const tenants = outcome.record.tenants.map((t) => t.tenant).sort()
  // A job stopped before it loaded the fleet reports no tenants; any other, all of them.
  if (tenants.length && tenants.join(',') !== fleetOf(ex, job).sort().join(',')) v.push({ invariant: 'report', detail: `${who}'s report lists tenants ${tenants.join(',')}` })
  for (const t of outcome.record.tenants) if (!ACTIONS.has(t.action ?? 'null')) v.push({ invariant: 'report', detail: `${who}: ${t.tenant} has the undocumented action ${t.action}` })
}

export function judgeDeploy(ex: Execution, job: JobHandle, outcome: Outcome, report: RunReport): void {
  const { world } = ex
  const v = world.violations
  const who = `job ${job.name}`
  judgeReport(ex, job, outcome, report, DEPLOY_RESULTS)
  const p = outcome.record?.promotion
  const promotes = !job.part && !job.canaryJob
  if (promotes && outcome.record && outcome.result === 'deployed' && !(p && ['promoted', 'unchanged', 'skipped-ahead'].includes(p.outcome))) {
    v.push({ invariant: 'job-result', detail: `${who} ended deployed with the promotion ${p?.outcome ?? 'missing'}` })
  }
  // The ends by which a deploy rejects its commit (a failed canary, a halt), as its record says them.
  const end = endOfRun(report)
  world.deployEnded(job.name, job.sha, outcome.result, REJECTING_ENDS.has(end), end)
  if (outcome.result === 'deployed') {
    const mine = new Set(fleetOf(ex, job))
    for (const [t, s] of world.serving) {
      if (mine.has(t) && order(s) < order(job.sha)) v.push({ invariant: 'deployed-not-converged', detail: `${who} ended deployed while ${t} serves ${commitName(s)}` })
    }
  }
}

/**
 * The job the end of an execution judges by invariant 7 (the newest job is not made to fail): the deploy
 * job of the newest commit that started last. A job of an older commit may start after it (a shard job of
 * A whose canary job deployed before B landed), and stepping aside is all it may then do.
 */
export function newestDeploy(jobs: readonly JobHandle[]): JobHandle | undefined {
  const deploys = jobs.filter((j) => j.kind === 'deploy')
  const newest = deploys.reduce((most, j) => Math.max(most, order(j.sha)), -1)
  return deploys.filter((j) => order(j.sha) === newest).at(-1)
}

export function judgeReconcile(ex: Execution, job: JobHandle, outcome: Outcome, report: RunReport): void {
  judgeReport(ex, job, outcome, report, RECONCILE_RESULTS)
}
