import type { RunContext } from '../../src/context.js'
import type { GateDecision } from '../../src/gate/decide.js'
import { type Freshness, SupersededGate } from '../../src/gate/gate.js'
import { finishRun } from '../../src/modes/finish.js'
import { runPromoteMode } from '../../src/modes/promote-mode.js'
import type { Outcome } from '../../src/outcome.js'
import { promote, type PromotionResult } from '../../src/promote/promote.js'
import { createRegistry, type Registry } from '../../src/registry/client.js'
import { createRedeployer } from '../../src/rollout/redeployer.js'
import type { Redeployer } from '../../src/rollout/redeploy-types.js'
import { runRollout } from '../../src/rollout/rollout.js'
import type { RolloutResult } from '../../src/rollout/types.js'
import type { Settings } from '../../src/settings/index.js'
import { createProber } from '../../src/verify/prober.js'
import { NO_COMMANDS } from './adapters.js'
import type { BugFlag, Scenario } from './types.js'

/**
 * Fixes of earlier reviews, taken out again at the harness level (never in src/), so the explorer can
 * show it finds the window each fix closed. Nothing here is used without a bug flag. The third,
 * `records-without-attempts`, is in forge-adapter.ts: it rewrites what the reconcile reads.
 */

const DEPLOY_BUGS: readonly BugFlag[] = ['redeploy-retry-without-fence', 'registry-retry-without-fence']

/** True when the deploy job must be composed here rather than run as `runDeployMode`. */
export function deployBug(scenario: Scenario): boolean {
  return scenario.bugs.some((b) => DEPLOY_BUGS.includes(b))
}

/**
 * `mode: deploy` composed as src/modes/deploy-mode.ts composes it (gate, rollout, promotion, finishRun),
 * with a fix of an earlier review taken out at the harness level, so the explorer can show it finds the
 * window that fix closed. Never used without a bug flag.
 */
export async function deployWithBugs(ctx: RunContext, scenario: Scenario): Promise<Outcome> {
  const { settings } = ctx
  const rollout = settings.rollout!
  const startedAt = new Date(0)
  const first = await ctx.gate.check()
  if (first.superseded) {
    const result: RolloutResult = { result: 'skipped-superseded', reason: first.reason, headSha: first.headSha, tenants: [], phases: [] }
    return finishRun(ctx, { rollout: result, gate: first, startedAt, tag: rollout.tag })
  }
  const real = createRedeployer(rollout, { http: ctx.http, clock: ctx.clock, runner: NO_COMMANDS, log: () => undefined })
  // The retry-after-gate window: a redeploy retried after its wait without asking who owns the branch.
  const redeployer: Redeployer = scenario.bugs.includes('redeploy-retry-without-fence') ? { redeploy: (req, o) => real.redeploy(req, { ...o, fence: undefined }) } : real
  const result = await runRollout({
    fleet: settings.verify!.tenants,
    rollout,
    verify: settings.verify!,
    target: settings.target,
    gateSettings: settings.gate,
    gate: ctx.gate,
    ancestry: ctx.ancestry,
    prober: createProber(settings.verify!, ctx.http, settings.target.sha),
    redeployer,
    clock: ctx.clock,
    signal: ctx.signal
  })
  let promotion: PromotionResult | undefined
  if (result.result === 'deployed' && !ctx.signal.aborted) {
    const p = settings.promote!
    const inner = createRegistry(p.image!, { http: ctx.http, clock: ctx.clock, retry: p.retry, timeoutMs: p.requestTimeoutMs, signal: ctx.signal })
    // The same window for the registry: a retried manifest PUT sent without passing the fence again.
    const registry: Registry = scenario.bugs.includes('registry-retry-without-fence') ? withoutWriteFence(inner) : inner
    promotion = await promote({
      settings: p,
      sha: settings.target.sha,
      environment: settings.target.environment,
      force: false,
      registry,
      runner: NO_COMMANDS,
      ancestry: ctx.ancestry,
      checkGate: async () => {
        const d = await ctx.gate.check()
        return { superseded: d.superseded, reason: d.reason }
      },
      signal: ctx.signal
    })
    if (promotion.outcome === 'skipped-superseded') Object.assign(result, { result: 'skipped-superseded', reason: `Superseded before promotion: ${promotion.reason}` })
    else if (promotion.outcome === 'failed' || promotion.outcome === 'cancelled') Object.assign(result, { result: promotion.outcome, reason: `Every tenant was verified, but ${promotion.reason}` })
  }
  return finishRun(ctx, { rollout: result, gate: first, startedAt, tag: rollout.tag, promotion })
}

function withoutWriteFence(inner: Registry): Registry {
  return {
    ref: inner.ref,
    origin: inner.origin,
    getManifest: (r) => inner.getManifest(r),
    manifestDigest: (r) => inner.manifestDigest(r),
    putManifest: (tag, m) => inner.putManifest(tag, m),
    getBlob: (d, n) => inner.getBlob(d, n)
  }
}

/**
 * Harness bug `reconcile-asks-once`: reconcile reads the head's deploy records before anything is
 * redeployed, and never again (not before each wave, not before the promotion). The settings say
 * `respect-deploy-state: false` from the first answer on, so src/reconcile/deploy-gate.ts proceeds
 * without reading: the composition of the real mode is unchanged otherwise.
 */
export function askingOnce(settings: Settings, asked: () => boolean): Settings {
  const rs = settings.reconcile!
  const out = { ...settings }
  Object.defineProperty(out, 'reconcile', { get: () => (asked() ? { ...rs, respectDeployState: false } : rs), enumerable: true })
  return out
}

/** True when the promote job must run with its guard taken out (promote-job.ts). */
export function promoteBug(scenario: Scenario): boolean {
  return scenario.bugs.includes('promote-ignores-gate')
}

/**
 * Harness bug `promote-ignores-gate`: `mode: promote` itself (src/modes/promote-mode.ts), but every answer
 * of its gate says "not superseded": the head is read as before (first, right before the write, before a
 * retried write) and what it shows is ignored. The superseded guard of the promote job taken out, so the
 * explorer can show what the promote job's own gate keeps from `:latest`. Never used without the flag.
 */
export function promoteWithBugs(ctx: RunContext, scenario: Scenario): Promise<Outcome> {
  if (!scenario.bugs.includes('promote-ignores-gate')) throw new Error('promoteWithBugs without a promote bug flag')
  const { settings } = ctx
  const gate = new AnswerIgnored(ctx.forge, ctx.ancestry, settings.target, settings.gate, { clock: ctx.clock, signal: ctx.signal })
  return runPromoteMode({ ...ctx, gate }, NO_COMMANDS)
}

class AnswerIgnored extends SupersededGate {
  override async check(): Promise<GateDecision> {
    return { ...(await super.check()), superseded: false }
  }

  override async fresh(need?: Freshness): Promise<GateDecision> {
    return { ...(await super.fresh(need)), superseded: false }
  }
}
