import * as core from '../log.js'
import { createCanaryAnalysis } from '../analysis/canary.js'
import { type CommandRunner, execRunner } from '../command/runner.js'
import type { RunContext } from '../context.js'
import { InputError } from '../errors.js'
import { announce } from '../gate/announce.js'
import type { Outcome } from '../outcome.js'
import type { PromotionResult } from '../promote/promote.js'
import { checkWaveCounts } from '../rollout/plan.js'
import { createRedeployer } from '../rollout/redeployer.js'
import { judgeGate, runRollout } from '../rollout/rollout.js'
import { applyShard } from '../rollout/shard.js'
import { Timeline } from '../rollout/timeline.js'
import type { RolloutResult } from '../rollout/types.js'
import { createProber } from '../verify/prober.js'
import { loadTenants } from '../verify/tenants.js'
import { errorMessage } from '../errors.js'
import type { PullNotes } from '../report/publish/pr-notes.js'
import { createPullNotes } from '../report/publish/pr-notes-factory.js'
import { finishRun } from './finish.js'
import { pullStage, withPullNotes } from './pull-stage.js'
import { progressReporter } from './progress.js'
import { promotionStep } from './promotion-step.js'
import { latestReader, standingReader } from './stable-release.js'

/**
 * `mode: deploy`: gate, canary, soak, waves, confirm, then forward-only promotion, with the gate asked
 * again once the fleet is loaded, before every wave, before every redeploy retry, and right before the
 * promotion. A job that finds itself superseded at any point sends nothing new and ends neutral.
 */
export async function runDeployMode(ctx: RunContext, runner: CommandRunner = execRunner): Promise<Outcome> {
  // `pr-comment: true`: the pull requests of the commit follow the rollout, and learn how it ended even when it threw.
  const notes = createPullNotes(ctx.settings, ctx)
  try {
    const outcome = await deploy(ctx, runner, notes)
    await notes.finish(pullStage(outcome))
    return outcome
  } catch (error) {
    await notes.finish({ kind: 'failed', reason: errorMessage(error) })
    throw error
  }
}

async function deploy(ctx: RunContext, runner: CommandRunner, notes: PullNotes): Promise<Outcome> {
  const { settings } = ctx
  const verify = settings.verify
  const rollout = settings.rollout
  if (!verify || !rollout) throw new Error('mode deploy started without its settings')
  const startedAt = new Date()
  const timeline = new Timeline(ctx.clock)
  const sha = settings.target.sha

  const first = await timeline.run('gate', () => core.group('Superseded gate', () => ctx.gate.check()), judgeGate)
  // Like the record: only once the first gate returned (a refused token or a wrong api-url throws there).
  notes.start()
  if (!announce(first, settings.gate, 'deploy').proceed) {
    const result: RolloutResult = { result: 'skipped-superseded', reason: first.reason, headSha: first.headSha, tenants: [], phases: timeline.phases }
    return finishRun(ctx, { rollout: result, gate: first, startedAt, tag: rollout.tag })
  }
  // The `running` record starts once the first gate returned: a refused token or a wrong api-url has
  // thrown there, before any write (an outage has not: the fail-safe proceeds, and a deploy needs its
  // record). Not awaited here; it is awaited before the first redeploy.
  void ctx.reporter.start(sha)
  // After the first gate, and never for a job already superseded (not even one `force` lets through).
  if (!first.superseded) void ctx.deployment.start(sha)

  const whole = await core.group('Tenants', () => loadTenants(verify, ctx.http, ctx.clock, ctx.signal))
  const stray = rollout.canary.find((c) => !whole.includes(c))
  if (stray) throw new InputError('canary', rollout.canary.join(','), `names of the fleet (${JSON.stringify(stray)} is not among the ${whole.length} tenants)`)
  checkWaveCounts(rollout.wavesRaw, rollout.waves, whole.length)
  // A shard job rolls only its own tenants, and only the canary tenants that fall in its shard.
  const shard = applyShard(whole, settings.shard)
  const fleet = shard.tenants
  const canary = rollout.canary.filter((c) => fleet.includes(c))
  if (shard.label) core.info(`This job is ${shard.label}`)
  core.info(`${fleet.length} tenant(s); canary: ${canary.join(', ') || 'none'}; ${rollout.waves.length ? `waves ${rollout.wavesRaw}` : `waves of ${rollout.maxParallel}`}; tag ${rollout.tag}`)

  // No side effect before reconcile can see this deploy: the `running` record (started after the first
  // gate) is written, and tried again, before the first redeploy. A genuine deploy never skips, so one
  // that could not be recorded goes ahead, and says so where it will be read.
  const recorded = await ctx.reporter.start(sha)
  const unseen =
    recorded === 'unrecorded'
      ? `Reconcile cannot see this deploy: its running record '${settings.report.name}' could not be written to the commit, so a scheduled reconcile may redeploy alongside it or roll out ${sha.slice(0, 7)} if its canary fails.`
      : undefined
  if (unseen) core.warning(unseen, { title: 'Deploy not recorded' })

  const analysis = settings.analysis ? createCanaryAnalysis(settings.analysis, ctx.http, settings.target) : undefined
  const result = await runRollout({
    fleet,
    rollout: { ...rollout, canary },
    verify,
    target: settings.target,
    gateSettings: settings.gate,
    gate: ctx.gate,
    ancestry: ctx.ancestry,
    prober: createProber(verify, ctx.http, sha),
    redeployer: createRedeployer(rollout, { http: ctx.http, clock: ctx.clock, runner, log: (m) => core.info(m) }),
    clock: ctx.clock,
    signal: ctx.signal,
    timeline,
    canaryFailure: { mode: rollout.canaryFailure, imageTag: rollout.imageTag, standingOf: standingReader(ctx), latestOf: latestReader(ctx) },
    onProgress: withPullNotes(progressReporter(ctx.clock), notes),
    analysis
  })

  let promotion: PromotionResult | undefined
  let gate = first
  // Shard jobs never promote: only the job after every shard (`needs:`, `mode: promote`) knows they all succeeded.
  if (result.result === 'deployed' && settings.promote && settings.shard) result.reason = `${result.reason} Not promoted: ${shard.label}; promotion is the job after every shard (mode: promote).`
  else if (result.result === 'deployed' && settings.promote && !ctx.signal.aborted) {
    const step = await timeline.run(
      'promotion',
      () => core.group('Promotion', () => promotionStep(ctx, runner)),
      (p) => ({ outcome: p.result.outcome, detail: p.result.reason })
    )
    promotion = step.result
    gate = step.gate ?? gate
    if (promotion.outcome === 'skipped-superseded') {
      result.result = 'skipped-superseded'
      result.reason = `Superseded before promotion: ${promotion.reason}`
      // The head that superseded the job, not the one read at its first gate.
      result.headSha = step.gate?.headSha ?? result.headSha
    } else if (promotion.outcome === 'cancelled') {
      result.result = 'cancelled'
      result.reason = `Every tenant was verified, but ${promotion.reason.charAt(0).toLowerCase()}${promotion.reason.slice(1)}`
    } else if (promotion.outcome === 'failed') {
      result.result = 'failed'
      result.reason = `Every tenant was verified, but ${promotion.reason.charAt(0).toLowerCase()}${promotion.reason.slice(1)}`
    } else {
      result.reason = `${result.reason} ${promotion.reason}`
    }
  }
  if (unseen) result.reason = `${result.reason} ${unseen}`
  return finishRun(ctx, { rollout: result, gate, startedAt, tag: rollout.tag, promotion, shard: shard.label || undefined })
}
