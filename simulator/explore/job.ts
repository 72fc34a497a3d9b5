import { createContext } from '../../src/context.js'
import { errorMessage } from '../../src/errors.js'
import { runDeployMode } from '../../src/modes/deploy-mode.js'
import type { Outcome } from '../../src/outcome.js'
import { createReporter } from '../../src/report/publish/factory.js'
import { parseSettings, type Settings } from '../../src/settings/index.js'
import { BUILDINFO_URL, httpFor, NO_COMMANDS, REDEPLOY_URL, REGISTRY_HOST } from './adapters.js'
import { deployBug, deployWithBugs } from './bugs.js'
import type { Execution } from './execution.js'
import { forgeFor } from './forge-adapter.js'
import { judgeDeploy, reportOn } from './job-end.js'
import type { JobHandle, Scenario } from './types.js'
import { REPOSITORY } from './world.js'

/**
 * One deploy job of one commit, as a workflow would run it: `mode: deploy` with the settings parsed
 * from inputs by the real parser, the real gate, rollout, tenant steps, sweeper, verifier and
 * promotion, and the real ending (finishRun) whose record becomes the JSON report. With a reconcile in
 * the scenario the job also writes its deploy records through the real reporter, started and finished
 * as src/main.ts does. Only the outside world is the explorer's.
 */

export interface RunIds {
  mode: 'deploy' | 'reconcile'
  runId: string
  attempt: number
}

export function inputsFor(scenario: Scenario, sha: string, run: RunIds = { mode: 'deploy', runId: '', attempt: 1 }): Record<string, string> {
  const inputs: Record<string, string> = {
    mode: run.mode,
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
  if (run.runId) Object.assign(env, { GITHUB_RUN_ID: run.runId, GITHUB_RUN_ATTEMPT: String(run.attempt) })
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  return env
}

const parsed = new Map<string, Settings>()
export function settingsFor(scenario: Scenario, sha: string, run?: RunIds): Settings {
  const key = `${sha}:${scenario.tenants.join(',')}:${scenario.canary}:${scenario.gateOff}:${run?.mode}:${run?.runId}:${run?.attempt}`
  let s = parsed.get(key)
  if (!s) parsed.set(key, (s = parseSettings(inputsFor(scenario, sha, run))))
  return s
}

export async function deployJob(ex: Execution, job: JobHandle): Promise<void> {
  const { scenario } = ex
  const records = scenario.reconcile
  const settings = settingsFor(scenario, job.sha, records ? { mode: 'deploy', runId: job.runId, attempt: job.attempt } : undefined)
  const [clock, http, forge] = [ex.clockFor(job.name), httpFor(ex, job), forgeFor(ex, job)]
  const reporter = records ? createReporter(settings, { http, clock, forge }) : undefined
  const ctx = createContext(settings, { clock, http, forge, signal: job.controller.signal, reporter })
  ex.world.watch.deployStarted(job.name, job.sha)
  // As src/main.ts: the running record starts alongside the gate, not awaited here.
  if (reporter) void reporter.start(job.sha)
  const outcome = await (deployBug(scenario) ? deployWithBugs(ctx, scenario) : runDeployMode(ctx, NO_COMMANDS)).catch((error: unknown): Outcome => ({
    result: 'failed',
    failure: `the mode threw: ${errorMessage(error)}`,
    outputs: {}
  }))
  job.result = outcome.result
  const report = await reportOn(ex, ctx, outcome)
  judgeDeploy(ex, job, outcome, report)
}
