import { parseSettings, type Settings } from '../../src/settings/index.js'
import { BUILDINFO_URL, REDEPLOY_URL, REGISTRY_HOST } from './adapters.js'
import type { Scenario } from './types.js'
import { REPOSITORY } from './world.js'

/**
 * The inputs each job of the explored workflows passes, and the settings the real parser makes of them
 * (parsed once per job shape): a deploy job (whole-fleet, a sharded deploy's canary job or shard job), the
 * sharded deploy's promote job (`mode: promote`, docs/shards.md), and the scheduled reconcile.
 */

export interface RunIds {
  mode: 'deploy' | 'reconcile' | 'promote'
  runId: string
  attempt: number
}

/** Which job of a sharded deploy (docs/shards.md): its canary job, or shard `i/n`; neither for a whole-fleet job. */
export interface JobShape {
  part?: string
  canaryJob?: boolean
}

const IMAGE = `${REGISTRY_HOST}/${REPOSITORY}`

/** A deploy's or a reconcile's step: the fleet, its URLs and timings; an image only where the job promotes. */
function rolloutInputs(scenario: Scenario, shape: JobShape): Record<string, string> {
  return {
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
    // Only a whole-fleet job promotes: a sharded deploy's jobs have no image (its promote job promotes).
    ...(shape.part || shape.canaryJob ? {} : { image: IMAGE }),
    ...(scenario.deployTimeoutMinutes !== undefined ? { 'deploy-timeout-minutes': String(scenario.deployTimeoutMinutes) } : {})
  }
}

export function inputsFor(scenario: Scenario, sha: string, run: RunIds = { mode: 'deploy', runId: '', attempt: 1 }, shape: JobShape = {}): Record<string, string> {
  const inputs: Record<string, string> = {
    mode: run.mode,
    token: 'explore-token',
    branch: 'main',
    // The promote job's step names the image alone (docs/shards.md); the registry here needs no credentials.
    ...(run.mode === 'promote' ? { image: IMAGE } : rolloutInputs(scenario, shape)),
    ...(scenario.gateOff ? { 'superseded-check': 'false' } : {}),
    ...(scenario.forge === 'gitea' ? { forge: 'gitea' } : {})
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
