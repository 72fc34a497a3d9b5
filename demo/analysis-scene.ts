import { sameCommit } from '../src/forge/types.js'
import type { ReportAnalysis } from '../src/report/analysis.js'
import { type ActionRun, runAction } from '../simulator/run-action.js'
import { deployInputs } from './jobs.js'
import type { DemoPlan } from './plan.js'
import type { Stage } from './stage.js'
import type { Check } from './verdict.js'

/**
 * The optional scene after the incident (`npm run demo -- --analysis-scene`): commit C comes up and
 * reports the right commit, but answers one request in five with a 500. Its deploy job judges the
 * canary on health (`analysis: json`, each tenant's `/health`), against the tenants still on B; the
 * canary fails its analysis, goes back to B, and no other tenant ever gets C. Checked from what the
 * simulator recorded, like the incident.
 */
export interface SceneResult {
  sha: string
  message: string
  startedAt: number
  endedAt: number
  run: ActionRun
  analysis: ReportAnalysis | null
  checks: Check[]
}

/** Every tenant's traffic: 1% errors on B and before; C's build errs at 20% wherever it runs. */
export const BASELINE_ERROR_RATE = 0.01
export const C_ERROR_RATE = 0.2

export function analysisInputs(stage: Stage, plan: DemoPlan): Record<string, string> {
  return {
    ...deployInputs(stage, plan),
    'canary-soak-seconds': String(Math.max(plan.soakSeconds, 1.5)),
    analysis: 'json',
    'analysis-url': stage.fleet.tenants.healthTemplate,
    'analysis-field': 'http.errorRate',
    'analysis-max-ratio': '3',
    'analysis-baseline-floor': '0.01',
    'analysis-interval-seconds': '0.25',
    'analysis-consecutive': '2'
  }
}

export async function playAnalysisScene(stage: Stage, plan: DemoPlan, hooks: { dist: string; signal: AbortSignal; t0: number; onStdout?: (chunk: string) => void }): Promise<SceneResult> {
  const { fleet } = stage
  const message = 'C: new pricing engine (reports its commit, errs under traffic)'
  for (const n of fleet.names) fleet.tenants.tenantHealth(n, { errorRate: BASELINE_ERROR_RATE })
  const C = await fleet.commit(message)
  fleet.tenants.buildHealth(C, { errorRate: C_ERROR_RATE })
  const before = fleet.controlPlane.calls.length
  const startedAt = performance.now() - hooks.t0
  const run = await runAction({
    inputs: analysisInputs(stage, plan),
    env: { ...fleet.runEnv(C), GITHUB_RUN_ID: '1043', GITHUB_RUN_NUMBER: '1043', GITHUB_WORKFLOW: 'deploy', GITHUB_JOB: 'deploy', GITHUB_ACTOR: 'author-of-C' },
    dist: hooks.dist,
    signal: hooks.signal,
    onStdout: hooks.onStdout
  })
  const endedAt = performance.now() - hooks.t0
  const analysis = ((run.report ?? {}) as { analysis?: ReportAnalysis | null }).analysis ?? null
  return { sha: C, message, startedAt, endedAt, run, analysis, checks: judgeScene(stage, plan, C, run, analysis, fleet.controlPlane.calls.slice(before)) }
}

function judgeScene(stage: Stage, plan: DemoPlan, C: string, run: ActionRun, analysis: ReportAnalysis | null, calls: Stage['fleet']['controlPlane']['calls']): Check[] {
  const { fleet, commits } = stage
  const canary = plan.canary
  const toC = calls.filter((c) => sameCommit(c.sha, C)).map((c) => c.tenant)
  const canaryHistory = fleet.liveHistory(canary)
  const others = fleet.names.filter((n) => n !== canary && fleet.tenants.served(n).some((s) => sameCommit(s, C)))
  const sample = analysis?.tenants[0]?.samples.find((s) => s.verdict === 'bad')
  return [
    {
      ok: fleet.tenants.served(canary).some((s) => sameCommit(s, C)),
      label: "C's canary reported C's commit",
      evidence: `${canary} answered ${fleet.tenants
        .served(canary)
        .map((s) => s.slice(0, 7))
        .join(' → ')}`
    },
    {
      ok: run.exitCode === 1 && run.outputs.result === 'failed' && analysis?.passed === false,
      label: "C's job failed the canary on its analysis",
      evidence: `exit ${run.exitCode}, result ${run.outputs.result ?? 'none'}; ${sample ? `a sample: ${sample.value} against a baseline median of ${sample.baselineMedian}` : 'no bad sample'}`
    },
    {
      ok: toC.length === 1 && toC[0] === canary && fleet.tenants.serving(canary) === commits.B && others.length === 0,
      label: 'The canary went back to B; no other tenant ever got C',
      evidence: `redeploys of C: ${toC.join(', ') || 'none'}; ${canary} went live on ${canaryHistory.map((s) => s.slice(0, 7)).join(' → ')}; ${others.length} other tenant(s) served C`
    }
  ]
}
