import * as core from '@actions/core'
import pLimit from 'p-limit'
import type { Clock } from '../clock.js'
import type { Ancestry } from '../forge/ancestry.js'
import { announce } from '../gate/announce.js'
import type { GateDecision } from '../gate/decide.js'
import type { SupersededGate } from '../gate/gate.js'
import type { GateSettings, TargetSettings } from '../settings/common.js'
import type { RolloutSettings } from '../settings/rollout.js'
import type { VerifySettings } from '../settings/verify.js'
import { verifyFleet } from '../verify/fleet.js'
import type { TenantProber, TenantVerdict } from '../verify/types.js'
import { planSteps, type Step } from './plan.js'
import type { RedeployRequest, Redeployer } from './redeployer.js'
import { Sweeper } from './sweeper.js'
import { rollTenant } from './tenant-step.js'
import { Timeline } from './timeline.js'
import { isFailed, type RolloutResult, type TenantRecord } from './types.js'

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
  /** A decision the caller just made before loading the fleet; used for the first step instead of asking again. */
  initial?: GateDecision
  onProgress?: (phase: string, done: number, total: number, ok: number) => void
}

/**
 * gate → canary → verify → soak → verify again → for each wave: gate, redeploy, verify → confirm.
 * Stops starting redeploys as soon as the job is superseded, halted or cancelled, and always returns a
 * full account of what it did (promotion is the caller's, after a `deployed` result).
 */
export async function runRollout(deps: RolloutDeps): Promise<RolloutResult> {
  const { target, rollout, signal } = deps
  const timeline = deps.timeline ?? new Timeline(deps.clock)
  const records = new Map<string, TenantRecord>(deps.fleet.map((t) => [t, { tenant: t, step: '', action: 'not-started', reissues: 0 }]))
  const request = (tenant: string, current: string): RedeployRequest => ({ tenant, tag: rollout.tag, sha: target.sha, environment: target.environment, current })
  const sweeper = new Sweeper({
    target: target.sha,
    request,
    redeployer: deps.redeployer,
    ancestry: deps.ancestry,
    gate: () => deps.gate.check(),
    force: deps.gateSettings.force,
    log: (m) => core.warning(m),
    signal
  })
  const finish = (result: RolloutResult['result'], reason: string, headSha?: string): RolloutResult => {
    for (const r of records.values()) r.reissues = sweeper.reissued.get(r.tenant) ?? 0
    return { result, reason, headSha, tenants: [...records.values()], phases: timeline.phases }
  }
  const verify = async (phase: string, tenants: string[]): Promise<TenantVerdict[]> => {
    const verdicts = await verifyFleet(tenants, {
      target: target.sha,
      prober: deps.prober,
      ancestry: deps.ancestry,
      clock: deps.clock,
      budgetMs: deps.verify.budgetMs,
      intervalMs: deps.verify.intervalMs,
      requestTimeoutMs: deps.verify.requestTimeoutMs,
      concurrency: deps.verify.concurrency,
      signal,
      onObservation: sweeper.observe,
      onProgress: (done, total, ok) => deps.onProgress?.(phase, done, total, ok)
    })
    await sweeper.settle()
    for (const v of verdicts) records.get(v.tenant)!.verdict = v
    return verdicts
  }
  const failures = (): TenantRecord[] => [...records.values()].filter(isFailed)

  let headSha: string | undefined
  const steps = planSteps(deps.fleet, rollout.canary, rollout.maxParallel)
  for (const [i, step] of steps.entries()) {
    if (signal.aborted) return finish('cancelled', `The run was cancelled before ${step.name}; nothing was started after that.`, headSha)
    const where = i === 0 ? 'before the first redeploy' : `before ${step.name}`
    const decision =
      i === 0 && deps.initial
        ? deps.initial
        : await timeline.run(`gate (${step.name})`, () => core.group(`Superseded gate ${where}`, () => deps.gate.check()), judgeGate)
    headSha = decision.headSha ?? headSha
    if (!(i === 0 && deps.initial) && !announce(decision, deps.gateSettings, where).proceed) {
      return finish('skipped-superseded', `Superseded ${where}: ${decision.reason}`, headSha)
    }
    await timeline.run(step.name, () => core.group(`${cap(step.name)}: ${step.tenants.length} tenant(s)`, () => runStep(step)), () => stepJudgement(step))
    if (step.kind === 'canary' && !failures().length && rollout.soakMs > 0 && !signal.aborted) {
      await timeline.run('soak', () => core.group(`Soak: ${rollout.soakMs / 1000}s`, () => deps.clock.sleep(rollout.soakMs, signal).catch(() => undefined)), () => ({ outcome: signal.aborted ? 'cancelled' : 'ok' }))
      await timeline.run('canary re-verify', () => core.group('Canary, verified again after the soak', () => verify('canary re-verify', step.tenants)), () => stepJudgement(step))
    }
    if (signal.aborted) return finish('cancelled', `The run was cancelled during ${step.name}; nothing new was started after that.`, headSha)
    const failed = failures()
    if (step.kind === 'canary' && failed.length > 0) {
      return finish('failed', `The canary failed (${describe(failed)}); the rest of the fleet was not touched.`, headSha)
    }
    if (failed.length > rollout.maxFailures) {
      const left = steps.length - i - 1
      return finish('failed', `${failed.length} tenant(s) failed (${describe(failed)}), more than max-failures (${rollout.maxFailures}); halted after ${step.name}${left ? `, ${left} wave(s) not started` : ''}.`, headSha)
    }
  }
  if (steps.length > 1 && !signal.aborted) {
    const ok = [...records.values()].filter((r) => !isFailed(r) && r.action !== 'not-started').map((r) => r.tenant)
    await timeline.run('confirm', () => core.group(`Confirm: the whole fleet once more (${ok.length})`, () => verify('confirm', ok)), (v) => ({ outcome: v.every((x) => x.verdict === 'on-target' || x.verdict === 'ahead') ? 'ok' : 'failed' }))
  }
  if (signal.aborted) return finish('cancelled', 'The run was cancelled while confirming the fleet.', headSha)
  const failed = failures()
  if (failed.length > 0) return finish('failed', `${failed.length} tenant(s) failed: ${describe(failed)}.`, headSha)
  const counts = count([...records.values()])
  return finish('deployed', `${deps.fleet.length} tenant(s) verified on ${target.sha.slice(0, 7)} or newer (${counts}).`, headSha)

  async function runStep(step: Step): Promise<void> {
    const limit = pLimit(rollout.maxParallel)
    const stepDeps = { target: target.sha, force: deps.gateSettings.force, prober: deps.prober, ancestry: deps.ancestry, redeployer: deps.redeployer, sweeper, request, signal }
    const rolled = await Promise.all(step.tenants.map((t) => limit(() => rollTenant(t, step.name, stepDeps))))
    for (const r of rolled) {
      records.set(r.tenant, r)
      // The error annotation comes once, at the end, with every other failing tenant's.
      if (r.action === 'redeploy-failed') core.info(`redeploy of ${r.tenant} failed: ${r.redeployError}`)
    }
    const started = rolled.filter((r) => r.action !== 'redeploy-failed' && r.action !== 'not-started').map((r) => r.tenant)
    if (started.length) await verify(step.name, started)
  }

  function stepJudgement(step: Step): { outcome: string; detail?: string } {
    const bad = step.tenants.map((t) => records.get(t)!).filter(isFailed)
    if (signal.aborted) return { outcome: 'cancelled' }
    return bad.length ? { outcome: 'failed', detail: describe(bad) } : { outcome: 'ok' }
  }
}

export function judgeGate(d: GateDecision): { outcome: string; detail: string } {
  return { outcome: d.superseded ? 'superseded' : d.basis === 'unreadable' ? 'owner (head unreadable)' : 'owner', detail: d.reason }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

function describe(failed: TenantRecord[]): string {
  const names = failed.slice(0, 5).map((r) => `${r.tenant} ${r.action === 'redeploy-failed' ? 'redeploy-failed' : r.verdict?.verdict}`)
  return names.join(', ') + (failed.length > 5 ? `, and ${failed.length - 5} more` : '')
}

function count(records: TenantRecord[]): string {
  const n = (a: TenantRecord['action']): number => records.filter((r) => r.action === a).length
  return `${n('redeployed')} redeployed, ${n('skipped-on-target')} already on target, ${n('skipped-ahead')} ahead`
}
