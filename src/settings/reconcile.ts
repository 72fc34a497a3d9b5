import { InputError } from '../errors.js'
import { render } from '../template.js'
import type { CommonSettings } from './common.js'
import { type Env, InputReader } from './reader.js'
import { DEFAULT_CHECK_NAME } from './report.js'

/** How reconcile treats the deploy records on the head (issue: it must not redo a live deploy's work). */
export interface ReconcileSettings {
  /** `respect-deploy-state`: read the head's deploy records and defer or hold by them. */
  respectDeployState: boolean
  /** `deploy-timeout-minutes`, in ms: a deploy `running` for longer is presumed dead. */
  deployTimeoutMs: number
  /** The name deploys report under (`check-name` rendered for mode deploy): what reconcile reads. */
  deployRecordName: string
}

export const DEFAULT_DEPLOY_TIMEOUT_MINUTES = 360
/** A week: longer than any runner keeps a job alive, and far inside the timer limit. */
export const MAX_DEPLOY_TIMEOUT_MINUTES = 10_080

export function parseReconcile(env: Env, common: CommonSettings): ReconcileSettings {
  const input = new InputReader(env)
  const respectDeployState = input.bool('respect-deploy-state', true)
  const raw = input.raw('deploy-timeout-minutes')
  const minutes = raw === '' ? DEFAULT_DEPLOY_TIMEOUT_MINUTES : /^\d+$/.test(raw) ? Number(raw) : Number.NaN
  if (!(minutes >= 1 && minutes <= MAX_DEPLOY_TIMEOUT_MINUTES)) {
    throw new InputError('deploy-timeout-minutes', raw, `a whole number of minutes from 1 to ${MAX_DEPLOY_TIMEOUT_MINUTES}`)
  }
  const template = input.string('check-name', DEFAULT_CHECK_NAME)
  return { respectDeployState, deployTimeoutMs: minutes * 60_000, deployRecordName: render(template, { environment: common.target.environment, mode: 'deploy' }) }
}

/**
 * The name a reconcile run reports under: never the deploys' own name, so no later run can take a
 * reconcile's check or status for a deploy outcome.
 */
export function reconcileReportName(name: string, deployRecordName: string): string {
  return name === deployRecordName ? `${name}/reconcile` : name
}
