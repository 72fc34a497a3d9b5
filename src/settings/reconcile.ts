import { InputError } from '../errors.js'
import { render } from '../template.js'
import type { CommonSettings } from './common.js'
import { type Env, InputReader } from './reader.js'
import { DEFAULT_CHECK_NAME, recordName } from './report.js'
import { HEARTBEAT_MS } from './heartbeat.js'

/** How reconcile treats the deploy records on the head (issue: it must not redo a live deploy's work). */
export interface ReconcileSettings {
  /** `respect-deploy-state`: read the head's deploy records and defer or hold by them. */
  respectDeployState: boolean
  /** `deploy-timeout-minutes`, in ms: a deploy `running` for longer is presumed dead. */
  deployTimeoutMs: number
  /** The name a whole-fleet deploy reports under (`check-name` rendered for mode deploy): what reconcile reads. */
  deployRecordName: string
  /** `check-name` with `{environment}` and `{mode}` rendered for mode deploy: shard jobs' names come from it. */
  deployRecordTemplate: string
}

/** Writes or heartbeats older than this many heartbeats mean a dead deploy: the timeout may not be shorter. */
export const HEARTBEATS_PER_TIMEOUT = 3

export const DEFAULT_DEPLOY_TIMEOUT_MINUTES = 360
/** A week: longer than any runner keeps a job alive, and far inside the timer limit. */
export const MAX_DEPLOY_TIMEOUT_MINUTES = 10_080

export function parseReconcile(env: Env, common: CommonSettings): ReconcileSettings {
  const input = new InputReader(env)
  const respectDeployState = input.bool('respect-deploy-state', true)
  const raw = input.raw('deploy-timeout-minutes')
  const minutes = raw === '' ? DEFAULT_DEPLOY_TIMEOUT_MINUTES : /^\d+$/.test(raw) ? Number(raw) : Number.NaN
  // A live deploy refreshes its record every HEARTBEAT_MS: a shorter timeout would call it dead between beats.
  const least = (HEARTBEATS_PER_TIMEOUT * HEARTBEAT_MS) / 60_000
  if (!(minutes >= least && minutes <= MAX_DEPLOY_TIMEOUT_MINUTES)) {
    throw new InputError('deploy-timeout-minutes', raw, `a whole number of minutes from ${least} (three heartbeats of a running deploy) to ${MAX_DEPLOY_TIMEOUT_MINUTES}`)
  }
  const template = input.string('check-name', DEFAULT_CHECK_NAME)
  const vars = { environment: common.target.environment, mode: 'deploy' }
  // `{shard}` stays for shardRecordName; the other placeholders are this environment's.
  const deployRecordTemplate = render(template, vars)
  return { respectDeployState, deployTimeoutMs: minutes * 60_000, deployRecordName: recordName(template, vars), deployRecordTemplate }
}

/** The record name of shard `index` of a deploy (`check-name` rendered with `{shard}`, or the suffix). */
export function shardRecordName(rs: Pick<ReconcileSettings, 'deployRecordTemplate'>, index: number): string {
  return recordName(rs.deployRecordTemplate, { environment: '', mode: 'deploy' }, index)
}

/**
 * The name a reconcile run reports under: never the deploys' own name, so no later run can take a
 * reconcile's check or status for a deploy outcome.
 */
export function reconcileReportName(name: string, deployRecordName: string): string {
  return name === deployRecordName ? `${name}/reconcile` : name
}
