import * as core from '../log.js'
import { createCanaryAnalysis } from '../analysis/canary.js'
import { type CommandRunner, execRunner } from '../command/runner.js'
import type { RunContext } from '../context.js'
import { SupersededGate } from '../gate/gate.js'
import type { Outcome } from '../outcome.js'
import { planReconcile } from '../reconcile/canary.js'
import { deployStateGate, stops } from '../reconcile/deploy-gate.js'
import { readStanding, type Standing } from '../record/standing.js'
import { shardRecordName } from '../settings/reconcile.js'
import { type DriftEntry, readDrift } from '../reconcile/drift.js'
import { createRedeployer } from '../rollout/redeployer.js'
import { runRollout } from '../rollout/rollout.js'
import { applyShard } from '../rollout/shard.js'
import { Timeline } from '../rollout/timeline.js'
import type { RolloutResult, TenantRecord } from '../rollout/types.js'
import { commitVars, render } from '../template.js'
import { createProber } from '../verify/prober.js'
import { loadTenants } from '../verify/tenants.js'
import { errorMessage } from '../errors.js'
import { finishRun } from './finish.js'
import { progressReporter } from './progress.js'
import { promotionStep } from './promotion-step.js'

/**
 * `mode: reconcile`, for a scheduled workflow: bring the fleet (and `:latest`) to the head of the branch
 * when a cancelled or failed deploy left tenants behind. One read per tenant finds the drift; behind
 * tenants go through the same forward-only rollout as a deploy, with the gate stopping it as soon as
 * the head moves (a newer deploy owns the fleet then). Ahead and unreachable tenants are left alone.
 * Before any of that, the head's deploy records decide whether to touch the fleet at all: a deploy in
 * progress owns it (`deferred`), and a head whose own deploy rejected it is not rolled out (`held`).
 */
export async function runReconcileMode(ctx: RunContext, runner: CommandRunner = execRunner): Promise<Outcome> {
  const { settings } = ctx
  const { verify, rollout } = settings
  if (!verify || !rollout) throw new Error('mode reconcile started without its settings')
  const startedAt = new Date()
  const timeline = new Timeline(ctx.clock)

  // Without the head there is nothing to reconcile to: this fails the step (unlike the deploy gate).
  const head = await timeline.run(
    'head',
    () => core.group('Branch head', () => ctx.forge.branchHead(settings.target.branch)),
    (h) => ({ outcome: 'read', detail: h })
  )
  const target = { ...settings.target, sha: head }
  // The check or status goes on the commit this run reconciles to, so it can only start now.
  void ctx.reporter.start(head)
  const tag = render(rollout.imageTag, commitVars(head, target.environment))
  const gate = new SupersededGate(ctx.forge, ctx.ancestry, target, settings.gate, { clock: ctx.clock })
  const headCtx: RunContext = { ...ctx, settings: { ...settings, target }, gate }
  core.info(`${settings.target.branch} is at ${head.slice(0, 7)}; reconciling to tag ${tag}`)

  // A live deploy owns the fleet, and a head its own deploy rejected is not rolled out: read the
  // head's deploy records before anything is redeployed or promoted.
  let state = await deployStateGate(ctx, head, timeline)
  if (stops(state, settings.gate.force)) {
    const stopped = { result: state.action, reason: state.reason, headSha: head, tenants: [], phases: timeline.phases }
    return withOutputs(await finishRun(headCtx, { rollout: stopped, gate: undefined, startedAt, tag, deployState: state }), { drifted: '[]', healed: '[]' })
  }

  const shard = applyShard(await core.group('Tenants', () => loadTenants(verify, ctx.http, ctx.clock, ctx.signal)), settings.shard)
  const fleet = shard.tenants
  if (shard.label) core.info(`This job is ${shard.label}`)
  const prober = createProber(verify, ctx.http, head)
  const drift = await timeline.run(
    'drift',
    () => core.group(`Drift: ${fleet.length} tenant(s), one read each`, () => readDrift(fleet, head, prober, ctx.ancestry, verify.concurrency, ctx.signal)),
    (d) => ({ outcome: `${d.filter((x) => x.state === 'behind').length} behind` })
  )
  logDrift(drift, head)
  const behind = drift.filter((d) => d.state === 'behind')
  const unreachable = drift.filter((d) => d.state === 'unreachable')
  const extra = {
    drifted: JSON.stringify(behind.map((d) => ({ tenant: d.tenant, sha: d.sha ?? null, behindBy: d.behindBy ?? null }))),
    healed: '[]'
  }

  let result: Omit<RolloutResult, 'result'> & { result: string }
  if (settings.dryRun) {
    // The verdict a real run would act on: unreachable tenants fail it, so they fail the dry run too.
    const lost = unreachable.length ? `${unreachable.length} tenant(s) unreachable: ${unreachable.map((u) => u.tenant).join(', ')}. ` : ''
    const reason = behind.length
      ? `${lost}${behind.length} tenant(s) behind ${head.slice(0, 7)}; dry run, nothing changed.`
      : lost
        ? `${lost}Dry run, nothing changed.`
        : `Every tenant is on ${head.slice(0, 7)} or ahead; dry run.`
    result = { result: unreachable.length ? 'failed' : behind.length ? 'drifted' : 'in-sync', reason, headSha: head, tenants: drift.map(recordOf), phases: timeline.phases }
    return withOutputs(await finishRun(headCtx, { rollout: result, gate: undefined, startedAt, tag, deployState: state, shard: shard.label || undefined }), extra)
  }

  const records = new Map(drift.map((d) => [d.tenant, recordOf(d)]))
  let rolled: RolloutResult | undefined
  // A record read that fails part-way (a refused token) stops the rollout there, and the run still
  // reports every tenant it redeployed before it, with every output set.
  let brokeOff: string | undefined
  // Absence of evidence is not consent: without a record saying a canary of the head verified (none read
  // at all with respect-deploy-state: false), a canary of it goes first, and its failure is a rejection.
  const plan = planReconcile(
    drift,
    rollout.canary.filter((c) => fleet.includes(c)),
    state.evidence?.verified === true
  )
  if (behind.length) {
    if (plan.canaryFirst)
      core.notice(`${state.evidence?.reason ?? `No record of ${head.slice(0, 7)} was read, so none says a canary of it verified.`} Canary: ${plan.canary.join(', ')}.`, { title: 'Canary first' })
    else core.info(`Healing ${behind.length} tenant(s); ${plan.note}`)
    // As a deploy's: the canary's soak is judged on health against the tenants still behind (a failed
    // analysis is a failed canary, which holds the head), and each wave's settle with `analysis-waves`.
    const analysis = settings.analysis ? createCanaryAnalysis(settings.analysis, ctx.http, target) : undefined
    rolled = await runRollout({
      fleet: plan.fleet,
      rollout: { ...rollout, tag, canary: plan.canary },
      verify,
      target,
      gateSettings: settings.gate,
      gate,
      ancestry: ctx.ancestry,
      prober,
      redeployer: createRedeployer(rollout, { http: ctx.http, clock: ctx.clock, runner, log: (m) => core.info(m) }),
      clock: ctx.clock,
      signal: ctx.signal,
      timeline,
      // As a deploy's: a failed canary goes back to where it was (never to a held commit), per canary-failure.
      canaryFailure: { mode: rollout.canaryFailure, imageTag: rollout.imageTag, standingOf: standingReader(ctx) },
      onProgress: progressReporter(ctx.clock),
      // Asked again before every wave, as the gate is: a deploy of the head that started (or rejected
      // it) since the last look stops reconcile there, with nothing more redeployed.
      beforeStep: async (where) => {
        state = await deployStateGate(ctx, head, timeline, where).catch((error: unknown) => {
          brokeOff = `Stopped ${where}: ${errorMessage(error)}`
          return state
        })
        return brokeOff ?? (stops(state, settings.gate.force) ? state.reason : undefined)
      },
      analysis
    })
    for (const r of rolled.tenants) records.set(r.tenant, r)
  }
  let kind: string = brokeOff
    ? 'failed'
    : !rolled
      ? unreachable.length
        ? 'failed'
        : 'in-sync'
      : rolled.result === 'deployed'
        ? unreachable.length
          ? 'failed'
          : 'healed'
        : rolled.result === 'stopped'
          ? state.action
          : rolled.result
  // And once more before the promotion: `:latest` never moves to a head a deploy now owns or rejected.
  if ((kind === 'healed' || kind === 'in-sync') && settings.promote && !settings.shard && !settings.dryRun && !ctx.signal.aborted) {
    state = await deployStateGate(ctx, head, timeline, 'before the promotion').catch((error: unknown) => {
      brokeOff = `Stopped before the promotion: ${errorMessage(error)}`
      return state
    })
    if (brokeOff) kind = 'failed'
    else if (stops(state, settings.gate.force)) kind = state.action
  }
  const stoppedBy = brokeOff ? `${brokeOff} ${redeployedBefore(rolled)}` : kind === 'deferred' || kind === 'held' ? state.reason : undefined
  const reason =
    stoppedBy ??
    (unreachable.length && (!rolled || rolled.result === 'deployed')
      ? `${unreachable.length} tenant(s) unreachable and not redeployed: ${unreachable.map((u) => u.tenant).join(', ')}.`
      : (rolled?.reason ?? `Every tenant is on ${head.slice(0, 7)} or ahead.`))
  // Where the rollout stopped and what became of a failed canary: the record's end is decided from them.
  const carried = kind === rolled?.result ? { ...(rolled.stop ? { stop: rolled.stop } : {}), ...(rolled.restore ? { restore: rolled.restore } : {}) } : {}
  // The evidence of the analysis, whatever became of the run: the samples and baseline of each step judged.
  const analysed = { ...(rolled?.analysis ? { analysis: rolled.analysis } : {}), ...(rolled?.waveAnalysis ? { waveAnalysis: rolled.waveAnalysis } : {}) }
  result = { result: kind, reason, headSha: head, tenants: [...records.values()], phases: timeline.phases, ...carried, ...analysed }

  let promotion
  // Shard jobs never promote: only the job after every shard knows the whole fleet is there.
  if ((kind === 'healed' || kind === 'in-sync') && settings.promote && settings.shard)
    result = { ...result, reason: `${result.reason} Not promoted: ${shard.label}; promotion is the job after every shard (mode: promote).` }
  else if ((kind === 'healed' || kind === 'in-sync') && settings.promote && !ctx.signal.aborted) {
    const step = await timeline.run(
      'promotion',
      () => core.group('Promotion', () => promotionStep(headCtx, runner)),
      (p) => ({ outcome: p.result.outcome, detail: p.result.reason })
    )
    promotion = step.result
    if (promotion.outcome === 'failed') result = { ...result, result: 'failed', reason: promotion.reason }
    if (promotion.outcome === 'skipped-superseded') result = { ...result, result: 'skipped-superseded', reason: `The head moved before promotion: ${promotion.reason}` }
    if (promotion.outcome === 'cancelled') result = { ...result, result: 'cancelled', reason: promotion.reason }
  }
  const wasBehind = new Set(behind.map((d) => d.tenant))
  const healed = rolled ? rolled.tenants.filter((t) => wasBehind.has(t.tenant) && t.verdict && (t.verdict.verdict === 'on-target' || t.verdict.verdict === 'ahead')).map((t) => t.tenant) : []
  return withOutputs(await finishRun(headCtx, { rollout: result, gate: undefined, startedAt, tag, promotion, deployState: state, shard: shard.label || undefined }), {
    ...extra,
    healed: JSON.stringify(healed)
  })
}

/** How a restore learns whether a commit is held: its deploy records, under the deploys' names. */
function standingReader(ctx: RunContext): ((sha: string) => Promise<Standing>) | undefined {
  const rs = ctx.settings.reconcile
  if (!rs?.respectDeployState) return undefined
  return (sha) => readStanding(ctx.forge, sha, { whole: rs.deployRecordName, shard: (i) => shardRecordName(rs, i) })
}

/** What a reconcile stopped part-way did before it stopped, for its reason. */
function redeployedBefore(rolled: RolloutResult | undefined): string {
  const sent = (rolled?.tenants ?? []).filter((t) => t.action === 'redeployed').map((t) => t.tenant)
  return sent.length ? `${sent.length} tenant(s) were redeployed before it: ${sent.join(', ')}.` : 'Nothing was redeployed before it.'
}

function recordOf(d: DriftEntry): TenantRecord {
  const record: TenantRecord = { tenant: d.tenant, step: 'drift', action: 'not-started', before: d.sha, reissues: 0 }
  if (d.state === 'in-sync' || d.state === 'ahead') {
    record.action = d.state === 'in-sync' ? 'skipped-on-target' : 'skipped-ahead'
    record.verdict = { tenant: d.tenant, verdict: d.state === 'in-sync' ? 'on-target' : 'ahead', sha: d.sha, polls: 1, settleMs: 0, elapsedMs: 0, url: '' }
  } else if (d.state === 'unreachable') {
    record.verdict = { tenant: d.tenant, verdict: 'unreachable', polls: 1, elapsedMs: 0, url: '', lastError: d.error }
  }
  return record
}

function logDrift(drift: DriftEntry[], head: string): void {
  for (const d of drift) {
    if (d.state === 'behind')
      core.warning(`${d.tenant} serves ${d.sha?.slice(0, 7)}, ${d.behindBy === undefined ? 'not known to be' : `${d.behindBy} commit(s)`} behind ${head.slice(0, 7)}`, { title: `Drift: ${d.tenant}` })
    if (d.state === 'unreachable') core.warning(`${d.tenant} could not be read (${d.error}); it is reported, not redeployed`, { title: `Unreachable: ${d.tenant}` })
  }
}

function withOutputs(outcome: Outcome, extra: Record<string, string>): Outcome {
  return { ...outcome, outputs: { ...outcome.outputs, ...extra } }
}
