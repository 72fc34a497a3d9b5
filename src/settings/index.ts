import { type AnalysisSettings, parseAnalysis } from './analysis.js'
import { type CommonSettings, type EventPayload, ownershipMaxAgeMs, parseCommon } from './common.js'
import { type DeploymentSettings, parseDeployment } from './deployment.js'
import { parseImageTag, parsePromote, type PromoteSettings } from './promote.js'
import { type Env, InputReader } from './reader.js'
import { parseReconcile, reconcileReportName, type ReconcileSettings, shardRecordName } from './reconcile.js'
import { parseReport, type ReportSettings } from './report.js'
import { parseRollout, type RolloutSettings } from './rollout.js'
import { secretInputs } from './secrets.js'
import { parseShard, type Shard } from './shard.js'
import { parseVerify, type VerifySettings } from './verify.js'

/**
 * Every input, parsed and validated once, before any side effect. A pure function of the environment
 * (and the event payload the runner wrote), so it is tested without a runner.
 */
export interface Settings extends CommonSettings {
  /** Every value that must be masked in logs: tokens, passwords, header values. */
  secrets: string[]
  /** `image-tag` template: what builds push, and the default `promote-from`. */
  imageTag: string
  /** Promotion of `promote-tag`; undefined in deploy/reconcile without `image` or `promote-command`. */
  promote?: PromoteSettings
  /** Settle verification; parsed for verify, deploy and reconcile. */
  verify?: VerifySettings
  /** Redeploy driver, canary and waves; parsed for deploy and reconcile. */
  rollout?: RolloutSettings
  /** `shard: i/n`: verify, deploy and reconcile handle only this shard of the fleet (never promoting). */
  shard?: Shard
  /** Reconcile only: report drift and change nothing. */
  dryRun: boolean
  /** The check run or commit status on the target commit. */
  report: ReportSettings
  /** Reconcile only: how it reads the deploy records on the head. */
  reconcile?: ReconcileSettings
  /** Deploy only, GitHub only: `deployment: true` creates a GitHub deployment of the commit. */
  deployment?: DeploymentSettings
  /** Deploy and reconcile: the canary's analysis during the soak (and each wave's, asked); undefined with `analysis: none`. */
  analysis?: AnalysisSettings
  /** Deploy only: `pr-comment: true` keeps the rollout's state on the pull requests of the commit. */
  prComment: boolean
}

export function parseSettings(env: Env, payload?: EventPayload): Settings {
  // Read first, from the raw inputs: main registers them before calling this, so no error can print one.
  const secrets = secretInputs(env)
  const common = parseCommon(env, payload)
  // Promotion section: parsed only for the modes that can promote, so a gate run ignores stray inputs.
  const promoteInput = new InputReader(env)
  const imageTag = parseImageTag(promoteInput, common.target)
  const promote = ['promote', 'deploy', 'reconcile'].includes(common.mode) ? parsePromote(promoteInput, imageTag, common.mode === 'promote', common.target) : undefined
  const verify = ['verify', 'deploy', 'reconcile'].includes(common.mode) ? parseVerify(env, common) : undefined
  const shard = verify ? parseShard(new InputReader(env).raw('shard')) : undefined
  const rollout = verify && ['deploy', 'reconcile'].includes(common.mode) ? parseRollout(env, common, verify, imageTag) : undefined
  const dryRun = common.mode === 'reconcile' ? new InputReader(env).bool('dry-run', false) : false
  const parsedReport = parseReport(env, common, shard)
  const reconcile = common.mode === 'reconcile' ? parseReconcile(env, common) : undefined
  // Compared with the deploy record of the same job: a sharded reconcile never writes under a deploy shard's name.
  const deployName = reconcile && (shard ? shardRecordName(reconcile, shard.index) : reconcile.deployRecordName)
  const report = reconcile ? { ...parsedReport, name: reconcileReportName(parsedReport.name, deployName!) } : parsedReport
  // A tenant's read may take one request timeout: evidence older than that is never reused for a side effect.
  const gate = { ...common.gate, maxAgeMs: ownershipMaxAgeMs(Math.min(common.forge.requestTimeoutMs, verify?.requestTimeoutMs ?? Number.POSITIVE_INFINITY)) }
  const deployment = common.mode === 'deploy' ? parseDeployment(env, common) : undefined
  const analysis = rollout && verify ? parseAnalysis(env, common, verify, rollout) : undefined
  const prComment = common.mode === 'deploy' ? new InputReader(env).bool('pr-comment', false) : false
  return { ...common, gate, secrets, imageTag, promote, verify, rollout, shard, dryRun, report, reconcile, deployment, analysis, prComment }
}

export type { Env } from './reader.js'
export type { EventPayload, Mode } from './common.js'
