import { createContext } from '../../src/context.js'
import { runDeployMode } from '../../src/modes/deploy-mode.js'
import { createReporter } from '../../src/report/publish/factory.js'
import type { Reporter } from '../../src/report/publish/types.js'
import { parseSettings, type Settings } from '../../src/settings/index.js'
import { BUILDINFO_URL, httpFor, NO_COMMANDS, REDEPLOY_URL, REGISTRY_HOST } from './adapters.js'
import { deployBug, deployWithBugs } from './bugs.js'
import type { Execution } from './execution.js'
import { forgeFor } from './forge-adapter.js'
import { judgeDeploy, reportOn, thrownOutcome } from './job-end.js'
import { realForge } from './real-forge.js'
import type { JobHandle, Scenario } from './types.js'
import { REPOSITORY } from './world.js'

/**
 * One deploy job of one commit, as a workflow would run it: `mode: deploy` with the settings parsed
 * from inputs by the real parser, the real gate, rollout, tenant steps, sweeper, verifier and
 * promotion, and the real ending (finishRun) whose record becomes the JSON report. With a reconcile in
 * the scenario the job also writes its deploy records through the real reporter, handed to the mode as
 * src/main.ts hands it (the mode starts it after its first gate read) and finished as src/main.ts finishes
 * it. Only the outside world is the explorer's.
 */

export interface RunIds {
  mode: 'deploy' | 'reconcile'
  runId: string
  attempt: number
}

/** Which job of a sharded deploy (docs/shards.md): its canary job, or shard `i/n`; neither for a whole-fleet job. */
export interface JobShape {
  part?: string
  canaryJob?: boolean
}

export function inputsFor(scenario: Scenario, sha: string, run: RunIds = { mode: 'deploy', runId: '', attempt: 1 }, shape: JobShape = {}): Record<string, string> {
  const inputs: Record<string, string> = {
    mode: run.mode,
    token: 'explore-token',
    branch: 'main',
    // A sharded deploy's canary job deploys the canary alone; its shard jobs the whole fleet, by shard, with no canary.
    tenants: shape.canaryJob ? scenario.canary : scenario.tenants.join(','),
    ...(shape.part ? { shard: shape.part } : { canary: scenario.canary }),
    'buildinfo-url': BUILDINFO_URL,
    'redeploy-url': REDEPLOY_URL,
    'redeploy-body': '{"tenant":"{tenant}","tag":"{tag}","sha":"{sha}","current":"{current}"}',
    'max-parallel': '1',
    'settle-budget-seconds': '20',
    'settle-interval-seconds': '20',
    'request-timeout-seconds': '10',
    'canary-soak-seconds': '0',
    // Only a whole-fleet job promotes: the jobs of a sharded deploy have no image (its promote job is not modelled).
    ...(shape.part || shape.canaryJob ? {} : { image: `${REGISTRY_HOST}/${REPOSITORY}` }),
    ...(scenario.gateOff ? { 'superseded-check': 'false' } : {}),
    ...(scenario.forge === 'gitea' ? { forge: 'gitea' } : {}),
    ...(scenario.deployTimeoutMinutes !== undefined ? { 'deploy-timeout-minutes': String(scenario.deployTimeoutMinutes) } : {})
  }
  const env: Record<string, string> = { GITHUB_SHA: sha, GITHUB_REPOSITORY: REPOSITORY, GITHUB_API_URL: 'http://forge.explore/api', GITHUB_SERVER_URL: 'http://forge.explore' }
  if (run.runId) Object.assign(env, { GITHUB_RUN_ID: run.runId, GITHUB_RUN_ATTEMPT: String(run.attempt) })
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  return env
}

const parsed = new Map<string, Settings>()
export function settingsFor(scenario: Scenario, sha: string, run?: RunIds, shape: JobShape = {}): Settings {
  const key = `${sha}:${scenario.tenants.join(',')}:${scenario.canary}:${scenario.gateOff}:${scenario.forge}:${scenario.deployTimeoutMinutes}:${run?.mode}:${run?.runId}:${run?.attempt}:${shape.part}:${shape.canaryJob}`
  let s = parsed.get(key)
  if (!s) parsed.set(key, (s = parseSettings(inputsFor(scenario, sha, run, shape))))
  return s
}

export async function deployJob(ex: Execution, job: JobHandle): Promise<void> {
  const { scenario } = ex
  const records = scenario.reconcile
  const settings = settingsFor(scenario, job.sha, records ? { mode: 'deploy', runId: job.runId, attempt: job.attempt } : undefined, { part: job.part, canaryJob: job.canaryJob })
  const [clock, http] = [ex.clockFor(job.name), httpFor(ex, job)]
  // Through the real adapters (scenario.forgeApi), the reporter builds its own forge client as in a run.
  const api = scenario.forgeApi ? realForge(ex, job, settings, { http, clock }) : undefined
  const forge = api?.forge ?? forgeFor(ex, job)
  const made = records ? createReporter(settings, api ? { http, clock, fetch: api.fetch } : { http, clock, forge }) : undefined
  // As in a run, the mode starts the `running` record itself once its first gate read went through
  // (src/modes/deploy-mode.ts). The deploy goes ahead unrecorded once its reporter gave up on that write
  // (it says so): the watch learns that from the reporter's own answer, not by counting attempts.
  const reporter = made && observed(made, () => ex.world.watch.gaveUp(job.name))
  const ctx = createContext(settings, { clock, http, forge, signal: job.controller.signal, reporter })
  ex.world.watch.deployStarted(job.name, job.sha)
  const outcome = await (deployBug(scenario) ? deployWithBugs(ctx, scenario) : runDeployMode(ctx, NO_COMMANDS)).catch((error: unknown) => thrownOutcome(error, job.controller.signal))
  job.result = outcome.result
  const report = await reportOn(ex, ctx, outcome)
  judgeDeploy(ex, job, outcome, report)
}

/** The reporter as the mode gets it, telling the watch when its `running` write was given up. */
function observed(reporter: Reporter, gaveUp: () => void): Reporter {
  return {
    start: (sha) => {
      const state = reporter.start(sha)
      void state.then((s) => {
        if (s === 'unrecorded') gaveUp()
      })
      return state
    },
    finish: (end) => reporter.finish(end),
    stop: () => reporter.stop?.()
  }
}
