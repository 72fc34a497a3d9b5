import { errorMessage } from '../../errors.js'
import type { DeploymentState, Forge, ForgeDeployments } from '../../forge/types.js'
import type { Settings } from '../../settings/index.js'
import { plainText } from '../escape.js'
import type { RunReport } from '../model.js'
import { troubleOf } from './problems.js'

/** GitHub refuses a deployment status description over 140 characters (REST docs, "Create a deployment status"). */
export const DEPLOYMENT_DESCRIPTION_MAX = 140

/**
 * A GitHub deployment of the commit (`deployment: true`, deploy mode): created after the first gate
 * (never for a job already superseded), `in_progress` while the rollout runs, and at the end `success`,
 * `failure`, `error`, or `inactive` for a job that stepped aside. Like the check run, it is a report:
 * no call here ever throws or fails the deploy; a refusal is a warning and the rest is skipped.
 */
export interface DeploymentTracker {
  /** Creates the deployment of `sha` and marks it in progress. Only the first call counts. */
  start(sha: string): Promise<void>
  /** The final status; `errored` when the mode threw (nothing of the rollout to describe). */
  finish(report: RunReport, errored: boolean): Promise<void>
}

export const NO_DEPLOYMENT: DeploymentTracker = {
  start: async () => undefined,
  finish: async () => undefined
}

export interface DeploymentOptions {
  environment: string
  runUrl: string | undefined
  environmentUrl: string | undefined
  /**
   * Asked right before a `success`: whether a newer commit owns the branch (the superseded gate). A
   * superseded job marks its deployment `inactive`, so its `auto_inactive` never deactivates the newer one.
   */
  superseded?: () => Promise<boolean>
  /** A shard job: the shards of one run (`key`) share one deployment, and the last to end gives its state. */
  shard?: { key: string; index: number; count: number }
}

export interface DeploymentLog {
  warning(message: string): void
  info(message: string): void
}

const UNAFFECTED = 'The deploy itself is not affected; the result is in the job summary, the check and the JSON report.'

/** The tracker the settings ask for: none unless `deployment: true` on a forge with a Deployments API. */
export function createDeploymentTracker(settings: Settings, forge: Forge | undefined, log: DeploymentLog, superseded?: () => Promise<boolean>): DeploymentTracker {
  if (!settings.deployment || !forge?.deployments) return NO_DEPLOYMENT
  const { shard, run } = settings
  const key = run.runId && `${run.runId}.${run.attempt}`
  return new ForgeDeploymentTracker(
    forge.deployments,
    {
      environment: settings.target.environment,
      runUrl: settings.run.runUrl,
      environmentUrl: settings.deployment.environmentUrl,
      superseded,
      shard: shard && key ? { key, index: shard.index, count: shard.count } : undefined
    },
    log
  )
}

export class ForgeDeploymentTracker implements DeploymentTracker {
  private id: number | undefined
  private started: Promise<void> | undefined
  /** The gate could not be read before the success: it deactivates nothing then. */
  private unsure = false

  constructor(
    private readonly deployments: ForgeDeployments,
    private readonly o: DeploymentOptions,
    private readonly log: DeploymentLog
  ) {}

  start(sha: string): Promise<void> {
    this.started ??= this.begin(sha)
    return this.started
  }

  async finish(report: RunReport, errored: boolean): Promise<void> {
    await this.started
    if (this.id === undefined) return
    let state = deploymentState(report.result, errored)
    if (state === 'success' && (await this.supersededNow())) state = 'inactive'
    const description = describeDeployment(report, state)
    if (!this.o.shard) return this.set(state, description)
    // Shards: each posts its end with its part; the deployment's own state is the last shard's to give.
    const part = `${this.o.shard.index}/${this.o.shard.count}`
    const ends = await this.shardEnds()
    if (ends === undefined) return this.set(state, description)
    if (state !== 'success') return this.set(state, plainText(`Shard ${part}: ${description}`, DEPLOYMENT_DESCRIPTION_MAX))
    if ([...ends.values()].some((s) => s !== 'success')) return
    ends.set(part, 'success')
    // The description is the whole deployment's: every shard deployed, and what the last one counted.
    const whole = plainText(`Deployed by all ${this.o.shard.count} shards; shard ${part}: ${description.replace(/^Deployed: /, '')}`, DEPLOYMENT_DESCRIPTION_MAX)
    if (ends.size >= this.o.shard.count) return this.set('success', whole)
    await this.set('in_progress', plainText(`Shard ${part} deployed; ${this.o.shard.count - ends.size} shard(s) still rolling`, DEPLOYMENT_DESCRIPTION_MAX))
    // Two shards ending together each see the other still rolling: read again, so one of them completes it.
    const after = await this.shardEnds()
    if (after && after.size >= this.o.shard.count && [...after.values()].every((s) => s === 'success')) await this.set('success', whole)
  }

  /** Whether a newer commit owns the branch; an unreadable answer is not a yes, and the success then deactivates nothing. */
  private async supersededNow(): Promise<boolean> {
    if (!this.o.superseded) return false
    try {
      return await this.o.superseded()
    } catch (error) {
      this.log.warning(`Whether a newer commit owns the branch could not be read before the deployment's success (${errorMessage(error)}).`)
      this.unsure = true
      return false
    }
  }

  /** `part → state` of the shards that ended, from the deployment's statuses (undefined when unreadable). */
  private async shardEnds(): Promise<Map<string, string> | undefined> {
    try {
      const statuses = (await this.deployments.statuses?.(this.id!)) ?? []
      const ends = new Map<string, string>()
      for (const s of statuses) {
        const part = /^Shard (\d+\/\d+)(?: deployed|:)/.exec(s.description)?.[1]
        if (part && !ends.has(part)) ends.set(part, s.state === 'in_progress' ? 'success' : s.state)
      }
      return ends
    } catch (error) {
      this.log.warning(deploymentWarning('read back', error))
      return undefined
    }
  }

  private async begin(sha: string): Promise<void> {
    try {
      this.id = await this.deployments.create(sha, this.o.environment, `Rollout Guard: ${sha.slice(0, 7)} to ${this.o.environment}`, this.o.shard?.key)
      this.log.info(`Deployment ${this.id} of ${sha.slice(0, 7)} to ${this.o.environment} ${this.o.shard ? 'of the run' : 'created'}`)
    } catch (error) {
      this.log.warning(deploymentWarning('created', error))
      return
    }
    // A shard that ended short before this one started keeps its state: nothing may hide it behind `in_progress`.
    if (this.o.shard && [...((await this.shardEnds()) ?? new Map<string, string>()).values()].some((s) => s !== 'success')) return
    await this.set('in_progress', plainText(`Rolling ${sha.slice(0, 7)} out: canary, then waves`, DEPLOYMENT_DESCRIPTION_MAX))
  }

  private async set(state: DeploymentState, description: string): Promise<void> {
    try {
      // auto_inactive only ever acts on a success: earlier successful deployments of the environment go inactive.
      await this.deployments.setStatus(this.id!, { state, description, logUrl: this.o.runUrl, environmentUrl: this.o.environmentUrl, autoInactive: state === 'success' ? !this.unsure : undefined })
    } catch (error) {
      this.log.warning(deploymentWarning(`given its ${state} status`, error))
    }
  }
}

function deploymentWarning(verb: string, error: unknown): string {
  const trouble = troubleOf(error)
  const fix = trouble === 'permission' ? " Add `deployments: write` to the job's `permissions:`, or set `deployment: false`." : ''
  return `The deployment could not be ${verb}: ${errorMessage(error)}${trouble === 'transient' ? ' (after retries)' : ''}.${fix} ${UNAFFECTED}`
}

/** The state a finished run leaves its deployment in. */
export function deploymentState(result: string, errored: boolean): DeploymentState {
  if (errored) return 'error'
  switch (result) {
    case 'deployed':
      return 'success'
    case 'skipped-superseded':
      return 'inactive'
    case 'failed':
      return 'failure'
    default:
      // Cancelled: the rollout stopped short, neither verified nor rejected.
      return 'error'
  }
}

/**
 * `Deployed: 7f25373 live on 58 of 60 tenants, 2 on a newer commit`, within GitHub's 140 characters. A tenant
 * a failed canary went back from no longer serves the commit, whatever its verdict said before.
 */
export function describeDeployment(report: RunReport, state: DeploymentState): string {
  const sha = report.target.sha.slice(0, 7)
  const restored = new Set((report.restore?.tenants ?? []).filter((t) => t.action === 'restored').map((t) => t.tenant))
  const serving = report.tenants.filter((t) => t.verdict === 'on-target' && !restored.has(t.tenant)).length
  const ahead = report.tenants.filter((t) => t.verdict === 'ahead').length
  const head: Record<DeploymentState, string> = {
    success: 'Deployed',
    failure: 'Failed',
    error: report.result === 'cancelled' ? 'Cancelled' : 'Error',
    inactive: 'Superseded',
    in_progress: 'Rolling out'
  }
  const count = `${sha} live on ${serving} of ${report.tenants.length} tenant${report.tenants.length === 1 ? '' : 's'}${ahead ? `, ${ahead} on a newer commit` : ''}`
  const restore = report.restore && report.restore.outcome !== 'held' ? `; canary restore ${report.restore.outcome}` : ''
  const text = report.tenants.length ? `${head[state]}: ${count}${restore}` : `${head[state]}: ${report.reason}`
  return plainText(text, DEPLOYMENT_DESCRIPTION_MAX)
}
