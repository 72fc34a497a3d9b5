import type { CommandRunner } from '../../src/command/runner.js'
import { createContext, type RunContext } from '../../src/context.js'
import { errorMessage } from '../../src/errors.js'
import { runDeployMode } from '../../src/modes/deploy-mode.js'
import { finishRun } from '../../src/modes/finish.js'
import type { Outcome } from '../../src/outcome.js'
import { promote, type PromotionResult } from '../../src/promote/promote.js'
import { createRegistry, type Registry } from '../../src/registry/client.js'
import { buildReport } from '../../src/report/model.js'
import { validateReport } from '../../src/report/schema.js'
import { createRedeployer } from '../../src/rollout/redeployer.js'
import type { Redeployer } from '../../src/rollout/redeploy-types.js'
import { runRollout } from '../../src/rollout/rollout.js'
import type { RolloutResult } from '../../src/rollout/types.js'
import { parseSettings, type Settings } from '../../src/settings/index.js'
import { createProber } from '../../src/verify/prober.js'
import { BUILDINFO_URL, forgeFor, httpFor, REDEPLOY_URL, REGISTRY_HOST } from './adapters.js'
import type { Execution } from './execution.js'
import type { JobHandle, Scenario } from './types.js'
import { commitName, order, REPOSITORY } from './world.js'

/**
 * One deploy job of one commit, as a workflow would run it: `mode: deploy` with the settings parsed
 * from inputs by the real parser, the real gate, rollout, tenant steps, sweeper, verifier and
 * promotion, and the real ending (finishRun) whose record becomes the JSON report. Only the outside
 * world is the explorer's.
 */

const RESULTS = new Set(['deployed', 'skipped-superseded', 'failed', 'cancelled'])
const ACTIONS = new Set(['redeployed', 'skipped-on-target', 'skipped-ahead', 'skipped-unknown', 'redeploy-failed', 'stopped-superseded', 'not-started'])
const NO_COMMANDS: CommandRunner = { run: () => Promise.reject(new Error('the explorer runs no commands')) }

export function inputsFor(scenario: Scenario, sha: string): Record<string, string> {
  const inputs: Record<string, string> = {
    mode: 'deploy',
    token: 'explore-token',
    branch: 'main',
    tenants: scenario.tenants.join(','),
    canary: scenario.canary,
    'buildinfo-url': BUILDINFO_URL,
    'redeploy-url': REDEPLOY_URL,
    'redeploy-body': '{"tenant":"{tenant}","tag":"{tag}","sha":"{sha}","current":"{current}"}',
    'max-parallel': '1',
    'settle-budget-seconds': '20',
    'settle-interval-seconds': '20',
    'request-timeout-seconds': '10',
    'canary-soak-seconds': '0',
    image: `${REGISTRY_HOST}/${REPOSITORY}`,
    ...(scenario.gateOff ? { 'superseded-check': 'false' } : {})
  }
  const env: Record<string, string> = { GITHUB_SHA: sha, GITHUB_REPOSITORY: REPOSITORY, GITHUB_API_URL: 'http://forge.explore/api', GITHUB_SERVER_URL: 'http://forge.explore' }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  return env
}

const parsed = new Map<string, Settings>()
function settingsFor(scenario: Scenario, sha: string): Settings {
  const key = `${sha}:${scenario.tenants.join(',')}:${scenario.canary}:${scenario.gateOff}`
  let s = parsed.get(key)
  if (!s) parsed.set(key, (s = parseSettings(inputsFor(scenario, sha))))
  return s
}

export async function deployJob(ex: Execution, job: JobHandle): Promise<void> {
  const settings = settingsFor(ex.scenario, job.sha)
  const ctx = createContext(settings, { clock: ex.clockFor(job.name), http: httpFor(ex, job), forge: forgeFor(ex, job), signal: job.controller.signal })
  const startedAt = new Date(0)
  const outcome = await (ex.scenario.bugs.length ? deployWithBugs(ctx, ex.scenario) : runDeployMode(ctx, NO_COMMANDS)).catch((error: unknown): Outcome => ({
    result: 'failed',
    failure: `the mode threw: ${errorMessage(error)}`,
    outputs: {}
  }))
  job.result = outcome.result
  judgeEnd(ex, job, settings, outcome, startedAt)
}

/** The job's ending: a documented result, a report that passes the schema, and what it promises. */
function judgeEnd(ex: Execution, job: JobHandle, settings: Settings, outcome: Outcome, startedAt: Date): void {
  const { world } = ex
  const v = world.violations
  const who = `job ${job.name}`
  if (!RESULTS.has(outcome.result)) v.push({ invariant: 'job-result', detail: `${who} ended with the undocumented result ${JSON.stringify(outcome.result)}` })
  if (!outcome.record) {
    v.push({ invariant: 'report', detail: `${who} ended without a record for its report (${outcome.failure ?? outcome.result})` })
  } else {
    const problems = validateReport(buildReport(settings, outcome, outcome.record, new Date(startedAt.getTime() + ex.now)))
    if (problems.length) v.push({ invariant: 'report', detail: `${who}'s report does not pass its schema: ${problems.join('; ')}` })
    const tenants = outcome.record.tenants.map((t) => t.tenant).sort()
    // A job superseded at its first gate reports no tenants (it never loaded the fleet); any other, all of them.
    if (tenants.length && tenants.join(',') !== [...ex.scenario.tenants].sort().join(',')) v.push({ invariant: 'report', detail: `${who}'s report lists tenants ${tenants.join(',')}` })
    for (const t of outcome.record.tenants) if (!ACTIONS.has(t.action ?? 'null')) v.push({ invariant: 'report', detail: `${who}: ${t.tenant} has the undocumented action ${t.action}` })
    const p = outcome.record.promotion
    if (outcome.result === 'deployed' && !(p && ['promoted', 'unchanged', 'skipped-ahead'].includes(p.outcome))) {
      v.push({ invariant: 'job-result', detail: `${who} ended deployed with the promotion ${p?.outcome ?? 'missing'}` })
    }
  }
  if (outcome.result === 'failed') world.reject(job.sha)
  if (outcome.result === 'deployed') {
    for (const [t, s] of world.serving) {
      if (order(s) < order(job.sha)) v.push({ invariant: 'deployed-not-converged', detail: `${who} ended deployed while ${t} serves ${commitName(s)}` })
    }
  }
}

/**
 * `mode: deploy` composed as src/modes/deploy-mode.ts composes it (gate, rollout, promotion, finishRun),
 * with a fix of an earlier review taken out at the harness level, so the explorer can show it finds the
 * window that fix closed. Never used without a bug flag.
 */
async function deployWithBugs(ctx: RunContext, scenario: Scenario): Promise<Outcome> {
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
