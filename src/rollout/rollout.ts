import * as core from '../log.js'
import pLimit from 'p-limit'
import type { Clock } from '../clock.js'
import type { Ancestry } from '../forge/ancestry.js'
import { announce } from '../gate/announce.js'
import type { GateDecision } from '../gate/decide.js'
import type { SupersededGate } from '../gate/gate.js'
import type { GateSettings, TargetSettings } from '../settings/common.js'
import type { CanaryFailure, RolloutSettings } from '../settings/rollout.js'
import type { VerifySettings } from '../settings/verify.js'
import { fleetVerifier, settleOptions, verifyFleet, type VerifyFleetOptions } from '../verify/fleet.js'
import { isOk, type TenantProber } from '../verify/types.js'
import { describeFailures, judgeGate, summarise } from './describe.js'
import { planSteps, type Step, stepSize } from './plan.js'
import { errorMessage } from '../errors.js'
import { CancelledError } from '../runtime/cancel.js'
import type { Freshness } from '../gate/gate.js'
import { fencedRedeployer } from './fenced-redeployer.js'
import { OwnershipUnknownError, type RedeployRequest, type Redeployer, SupersededError } from './redeploy-types.js'
import { Sweeper } from './sweeper.js'
import { rollTenant, type TenantStepDeps } from './tenant-step.js'
import { Timeline } from './timeline.js'
import type { StopPoint } from '../record/end.js'
import type { Standing } from '../record/standing.js'
import { restoreCanary } from './restore.js'
import type { LatestRead } from './restore-stable.js'
import { type CanaryRestore, isFailed, type RolloutResult, type TenantRecord } from './types.js'
import { type CanaryAnalysis, judgeSoak, soak } from '../analysis/canary.js'
import { waveHealth } from './wave-health.js'

export { judgeGate } from './describe.js'

export interface RolloutDeps {
  fleet: string[]
  rollout: RolloutSettings
  verify: VerifySettings
  target: TargetSettings
  gateSettings: GateSettings
  gate: SupersededGate
  ancestry: Ancestry
  prober: TenantProber
  redeployer: Redeployer
  clock: Clock
  signal: AbortSignal
  timeline?: Timeline
  /**
   * Deploy and reconcile: what a failed canary leaves behind (`canary-failure`), with the `image-tag`
   * template that names the previous commit's image. Without it the canary is held as it failed.
   */
  canaryFailure?: { mode: CanaryFailure; imageTag: string; standingOf?: (sha: string) => Promise<Standing>; latestOf?: () => Promise<LatestRead> }
  onProgress?: (phase: string, done: number, total: number, ok: number) => void
  /**
   * Asked after the gate before every step: a reason stops the rollout there (`stopped`), with nothing
   * more sent. Reconcile asks the head's deploy records again here.
   */
  beforeStep?: (where: string) => Promise<string | undefined>
  /** `analysis`: the canary's soak reads its metric against the untouched tenants (src/analysis/); with `analysis-waves`, each wave's settle too. */
  analysis?: CanaryAnalysis
}

/**
 * gate → canary → verify → soak → verify again → for each wave: gate, redeploy, verify → confirm.
 * Stops starting redeploys as soon as the job is superseded, halted or cancelled, and always returns a
 * full account of what it did (promotion is the caller's, after a `deployed` result).
 */
export function runRollout(deps: RolloutDeps): Promise<RolloutResult> {
  return new Rollout(deps).run()
}

class Rollout {
  private readonly timeline: Timeline
  private readonly records: Map<string, TenantRecord>
  private readonly sweeper: Sweeper
  private readonly stepDeps: TenantStepDeps
  private headSha: string | undefined
  /** Set by the fence when a retry or re-issue found a newer commit owning the branch. */
  private supersededBy: GateDecision | undefined
  /** Set by the fence when the head, readable earlier in this job, could not be read: the outage, in words. */
  private blind: string | undefined
  private readonly deps: RolloutDeps

  constructor(given: RolloutDeps) {
    // Every redeploy this rollout sends goes through the fence, whoever sends it (fenced-redeployer.ts).
    const deps = (this.deps = { ...given, redeployer: fencedRedeployer(given.redeployer, this.fence) })
    const { target, rollout } = deps
    this.timeline = deps.timeline ?? new Timeline(deps.clock)
    this.records = new Map(deps.fleet.map((t) => [t, { tenant: t, step: '', action: 'not-started', reissues: 0 }]))
    const request = (tenant: string, current: string): RedeployRequest => ({ tenant, tag: rollout.tag, sha: target.sha, environment: target.environment, current })
    this.sweeper = new Sweeper({ target: target.sha, request, redeployer: deps.redeployer, ancestry: deps.ancestry, fence: this.fence, log: (m) => core.warning(m), signal: deps.signal })
    this.stepDeps = {
      target: target.sha,
      force: deps.gateSettings.force,
      prober: deps.prober,
      ancestry: deps.ancestry,
      redeployer: deps.redeployer,
      sweeper: this.sweeper,
      request,
      signal: deps.signal,
      fence: this.fence,
      knownSuperseded: () => this.supersededBy
    }
  }

  /**
   * Asked before every redeploy attempt: the first (on an answer younger than the ownership-evidence
   * bound, read again when older, one read shared by every tenant asking at once), and each that follows
   * a wait (a retry, a compare-and-set re-attempt, a re-issue: on a read sent after the wait began).
   * Once the head was readable in this job, an unreadable one stops the rollout instead of acting blind.
   */
  private readonly fence = async (need?: Freshness): Promise<void> => {
    if (this.deps.gateSettings.force) return
    if (this.supersededBy) throw new SupersededError(this.supersededBy)
    if (this.blind) throw new OwnershipUnknownError(this.blind)
    let decision: GateDecision
    try {
      decision = await this.deps.gate.fresh(need)
    } catch (error) {
      // A read the cancel stopped says nothing about the forge: no outage, the job ends `cancelled` (run).
      const { signal } = this.deps
      if (signal.aborted) throw error instanceof CancelledError ? error : signal.reason instanceof CancelledError ? signal.reason : new CancelledError('a cancel')
      this.blind ??= `the superseded check failed: ${errorMessage(error)}`
      throw new OwnershipUnknownError(this.blind)
    }
    if (decision.basis === 'unreadable' && this.deps.gate.everReadable) {
      this.blind ??= this.outage(decision)
      throw new OwnershipUnknownError(this.blind)
    }
    if (!decision.superseded) return
    this.supersededBy ??= decision
    this.headSha = decision.headSha ?? this.headSha
    throw new SupersededError(decision)
  }

  private outage(decision: GateDecision): string {
    const branch = this.deps.target.branch
    return `the head of ${branch}, readable earlier in this job, could not be read within the forge retry budget (${decision.unreadable ?? decision.reason}), so this job cannot tell whether a newer commit owns ${branch}`
  }

  async run(): Promise<RolloutResult> {
    const { rollout, signal } = this.deps
    const steps = planSteps(this.deps.fleet, rollout.canary, rollout.maxParallel, rollout.waves)
    for (const [i, step] of steps.entries()) {
      if (signal.aborted) return this.finish('cancelled', `The run was cancelled before ${step.name}; nothing was started after that.`)
      const where = i === 0 ? 'before the first redeploy' : `before ${step.name}`
      // Asked here even for the first step: a decision taken before the (possibly slow) fleet load is stale.
      // A gate read the cancel stopped is no answer: the rollout ends `cancelled`, not on an outage.
      const decision = await this.askGate(step, where).catch((error: unknown) => {
        if (signal.aborted) return undefined
        throw error
      })
      if (!decision) return this.finish('cancelled', `The run was cancelled ${where}; nothing was started after that.`)
      if (decision.superseded && !this.deps.gateSettings.force) return this.finish('skipped-superseded', `Superseded ${where}: ${decision.reason}`)
      if (decision.basis === 'unreadable' && this.deps.gate.everReadable && !this.deps.gateSettings.force) {
        return this.finish('failed', `Stopped ${where}: ${this.outage(decision)}. Nothing more was sent; run again once the forge answers.`, undefined, 'outage')
      }
      const stop = await this.deps.beforeStep?.(where)
      if (stop !== undefined) return this.finish('stopped', stop)

      await this.timeline.run(
        step.name,
        () => core.group(`${cap(step.name)}: ${stepSize(step, this.deps.fleet.length)}`, () => this.roll(step)),
        () => this.judge(step)
      )
      if (this.supersededBy) return this.finish('skipped-superseded', `Superseded during ${step.name}: ${this.supersededBy.reason} Nothing more was sent after that.`)
      if (this.blind) return this.finish('failed', `Stopped during ${step.name}: ${this.blind}. Nothing more was sent; run again once the forge answers.`, undefined, 'outage')
      const refused = [...this.records.values()].find((r) => r.tokenRefused)
      if (refused) return this.finish('failed', `Stopped during ${step.name}: ${refused.redeployError}. Nothing more was sent.`, undefined, 'control-plane-token')
      if (step.kind === 'canary') await this.soakAndReverify(step)
      if (signal.aborted) return this.finish('cancelled', `The run was cancelled during ${step.name}; nothing new was started after that.`)

      const failed = this.failures()
      // Judge only what is still ours: a verdict that falls after a newer commit owns the branch (its job
      // may have taken these very tenants) is no rejection, no hold and no restore. A due restore asks the
      // gate itself (and sends nothing once superseded); otherwise the head is read afresh here.
      const superseded = (why: string): RolloutResult =>
        this.finish(
          'skipped-superseded',
          `Superseded before ${step.name} was judged: ${why} The failures seen (${describeFailures(failed)}) are not held against ${this.deps.target.sha.slice(0, 7)}: the newer commit's job owns these tenants.`
        )
      if (step.kind === 'canary' && failed.length > 0) {
        const restore = await this.restore(step)
        if (restore?.outcome === 'superseded') return superseded(restore.reason)
        const asked = restore !== undefined && (restore.outcome === 'restored' || restore.outcome === 'failed')
        const newer = asked ? undefined : await this.ownerNow()
        if (newer) return superseded(newer.reason)
        return this.finish('failed', `The canary failed (${describeFailures(failed)}); the rest of the fleet was not touched.${restore ? ` ${restore.reason}` : ''}`, restore, 'canary')
      }
      const newer = failed.length > rollout.maxFailures ? await this.ownerNow() : undefined
      if (newer) return superseded(newer.reason)
      if (failed.length > rollout.maxFailures) {
        const left = steps.length - i - 1
        return this.finish(
          'failed',
          `${failed.length} tenant(s) failed (${describeFailures(failed)}), more than max-failures (${rollout.maxFailures}); halted after ${step.name}${left ? `, ${left} wave(s) not started` : ''}.`,
          undefined,
          'max-failures'
        )
      }
    }
    if (steps.length > 1) await this.confirm()
    if (signal.aborted) return this.finish('cancelled', 'The run was cancelled while confirming the fleet.')
    const failed = this.failures()
    if (failed.length > 0) return this.finish('failed', `${failed.length} tenant(s) failed: ${describeFailures(failed)}.`)
    return this.finish('deployed', `${this.deps.fleet.length} tenant(s) verified on ${this.deps.target.sha.slice(0, 7)} or newer (${summarise([...this.records.values()])}).`)
  }

  /** A fresh read of the head before a rejecting verdict: the newer commit's decision when one owns the branch. */
  private async ownerNow(): Promise<GateDecision | undefined> {
    if (this.deps.gateSettings.force) return undefined
    if (this.supersededBy) return this.supersededBy
    try {
      const decision = await this.deps.gate.fresh({ readNow: true })
      if (!decision.superseded) return undefined
      this.supersededBy = decision
      this.headSha = decision.headSha ?? this.headSha
      return decision
    } catch {
      // The head cannot be read: nothing shows a newer owner, so the verdict stands (a lost rejection is worse).
      return undefined
    }
  }

  private async askGate(step: Step, where: string): Promise<GateDecision> {
    const decision = await this.timeline.run(`gate (${step.name})`, () => core.group(`Superseded gate ${where}`, () => this.deps.gate.check()), judgeGate)
    this.headSha = decision.headSha ?? this.headSha
    // An outage after the head was readable stops the rollout (run): no "proceeding as the owner" warning.
    if (!(decision.basis === 'unreadable' && this.deps.gate.everReadable && !this.deps.gateSettings.force)) announce(decision, this.deps.gateSettings, where)
    return decision
  }

  /**
   * Pre-flight and redeploy the step's tenants (max-parallel at once); each tenant's verification starts
   * as soon as its redeploy is accepted (or its pre-flight found it on the target or ahead).
   */
  private async roll(step: Step): Promise<void> {
    const { deps } = this
    const limit = pLimit(deps.rollout.maxParallel)
    deps.onProgress?.(step.name, 0, step.tenants.length, 0)
    const verifier = fleetVerifier(step.tenants.length, { ...this.settleWith(), onProgress: (done, total, ok) => deps.onProgress?.(step.name, done, total, ok) })
    const health = waveHealth(step, this.records, deps)
    await Promise.all(
      step.tenants.map(async (t) => {
        const r = await limit(() => rollTenant(t, step.name, this.stepDeps))
        this.records.set(r.tenant, r)
        // The error annotation comes once, at the end, with every other failing tenant's.
        if (r.action === 'redeploy-failed') core.info(`redeploy of ${r.tenant} failed: ${r.redeployError}`)
        // A superseded job does not wait for tenants the newer job is about to move.
        if (VERIFIED_ACTIONS.has(r.action) && !this.supersededBy) {
          r.verdict = await verifier.verify(t)
          health?.verified(r)
        } else verifier.pass()
      })
    )
    await this.sweeper.settle()
    await health?.finish(this.supersededBy !== undefined)
  }

  /** The canary must still serve the target after the soak: a revert by another job shows here. */
  private async soakAndReverify(step: Step): Promise<void> {
    const { rollout, signal, clock } = this.deps
    if (this.failures().length || rollout.soakMs <= 0 || signal.aborted) return
    const untouched = this.deps.fleet.filter((t) => !step.tenants.includes(t))
    const analysed = await this.timeline.run(
      'soak',
      () => core.group(`Soak: ${rollout.soakMs / 1000}s`, () => soak(this.deps.analysis, { canary: step.tenants, untouched, soakMs: rollout.soakMs, clock, signal })),
      (a) => judgeSoak(a, signal)
    )
    // A canary tenant whose analysis did not pass fails the canary (isFailed), whatever its build info says.
    for (const a of analysed?.tenants ?? []) this.records.get(a.tenant)!.analysis = a
    await this.timeline.run(
      'canary re-verify',
      () => core.group('Canary, verified again after the soak', () => this.verify('canary re-verify', step.tenants, true)),
      () => this.judge(step)
    )
  }

  /** One more read of every verified tenant, so a regression that landed after its wave is healed too. */
  private async confirm(): Promise<void> {
    if (this.deps.signal.aborted) return
    const ok = [...this.records.values()].filter((r) => !isFailed(r) && r.action !== 'not-started').map((r) => r.tenant)
    const judge = (): { outcome: string } => ({ outcome: this.failures().length ? 'failed' : 'ok' })
    await this.timeline.run('confirm', () => core.group(`Confirm: the whole fleet once more (${ok.length})`, () => this.verify('confirm', ok, true)), judge)
  }

  /**
   * `again` marks a re-verification (after the soak, the final confirm): a tenant that is still fine keeps
   * the verdict of its first verification, whose settle time and polls are the ones worth reporting.
   */
  private async verify(phase: string, tenants: string[], again = false): Promise<void> {
    const { deps } = this
    deps.onProgress?.(phase, 0, tenants.length, 0)
    const verdicts = await verifyFleet(tenants, { ...this.settleWith(), onProgress: (done, total, ok) => deps.onProgress?.(phase, done, total, ok) })
    await this.sweeper.settle()
    for (const v of verdicts) {
      const record = this.records.get(v.tenant)!
      if (!again || !record.verdict || !isOk(v.verdict) || record.verdict.verdict !== v.verdict) record.verdict = v
    }
  }

  private settleWith(): VerifyFleetOptions {
    const { deps } = this
    return { target: deps.target.sha, prober: deps.prober, ancestry: deps.ancestry, clock: deps.clock, ...settleOptions(deps.verify), signal: deps.signal, onObservation: this.sweeper.observe }
  }

  /** A failed canary goes back to where it was (restore.ts), unless `canary-failure: hold`. */
  private async restore(step: Step): Promise<CanaryRestore | undefined> {
    const { deps } = this
    if (!deps.canaryFailure) return undefined
    const records = step.tenants.map((t) => this.records.get(t)!)
    const restoreDeps = {
      ...deps.canaryFailure,
      ancestry: deps.ancestry,
      target: deps.target,
      gate: deps.gate,
      redeployer: deps.redeployer,
      prober: deps.prober,
      verify: deps.verify,
      clock: deps.clock,
      signal: deps.signal
    }
    return this.timeline.run(
      'canary restore',
      () => core.group('Canary restore', () => restoreCanary(records, restoreDeps)),
      (r) => ({ outcome: r.outcome, detail: r.reason })
    )
  }

  private judge(step: Step): { outcome: string; detail?: string } {
    if (this.deps.signal.aborted) return { outcome: 'cancelled' }
    const bad = step.tenants.map((t) => this.records.get(t)!).filter(isFailed)
    // The size of each step is part of its row in the timeline: `6 tenants, to 6 of 60 (10%)`.
    const size = stepSize(step, this.deps.fleet.length)
    return bad.length ? { outcome: 'failed', detail: `${size}; ${describeFailures(bad)}` } : { outcome: 'ok', detail: size }
  }

  private failures(): TenantRecord[] {
    return [...this.records.values()].filter(isFailed)
  }

  private finish(result: RolloutResult['result'], reason: string, restore?: CanaryRestore, stop?: StopPoint): RolloutResult {
    for (const r of this.records.values()) r.reissues = this.sweeper.reissued.get(r.tenant) ?? 0
    const stopped = stop ? { stop: { at: stop, maxFailures: this.deps.rollout.maxFailures } } : {}
    // The analysis' samples and baselines go to the report; each analysed tenant's verdict is in its record.
    const { last, waves } = this.deps.analysis ?? {}
    const analysed = { ...(last ? { analysis: last } : {}), ...(waves?.length ? { waveAnalysis: [...waves] } : {}) }
    return { result, reason, headSha: this.headSha, tenants: [...this.records.values()], phases: this.timeline.phases, ...(restore ? { restore } : {}), ...stopped, ...analysed }
  }
}

/** Tenants this job moved or found on the target (or ahead): the ones whose verification it waits for. */
const VERIFIED_ACTIONS: ReadonlySet<string> = new Set(['redeployed', 'skipped-on-target', 'skipped-ahead'])

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
