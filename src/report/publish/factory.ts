import * as core from '../../log.js'
import type { Clock } from '../../clock.js'
import { createForge } from '../../forge/factory.js'
import type { Forge } from '../../forge/types.js'
import type { HttpClient } from '../../http/client.js'
import type { Cancellation } from '../../runtime/cancel.js'
import type { Settings } from '../../settings/index.js'
import { HEARTBEAT_MS } from '../../settings/heartbeat.js'
import { createDeploymentTracker, type DeploymentTracker, NO_DEPLOYMENT } from './deployment.js'
import { ForgeReporter } from './forge-reporter.js'
import { NO_REPORTER, type Reporter } from './types.js'

/** A reporting call may retry transient errors this long at most: it must not hold up the end of a deploy. */
export const REPORT_RETRY_MS = 10_000

export interface ReporterDeps {
  http: HttpClient
  clock: Clock
  /** Used as given (tests); otherwise a forge client with the shorter retry budget is built. */
  forge?: Forge
  /** The superseded gate's answer, asked before a deployment's success (deploy mode). */
  superseded?: () => Promise<boolean>
  /** The run's cancellation: the records' own forge client stops at its grace, not at the cancel. */
  cancel?: Cancellation
  /** GitHub only: the fetch the records' forge client sends through (ForgeDeps.fetch). */
  fetch?: typeof fetch
}

export function createReporter(settings: Settings, deps: ReporterDeps): Reporter {
  const { report } = settings
  if (report.kind === 'none') return NO_REPORTER
  // The `running` writes stop at the cancel; the end is written by a client that stops only at the grace.
  const forge = deps.cancel ? reportingForge(settings, deps, deps.cancel.signal) : reportingForge(settings, deps)
  return new ForgeReporter(
    forge,
    {
      channel: report.kind,
      name: report.name,
      runUrl: settings.run.runUrl,
      annotationPath: report.annotationPath,
      mode: settings.mode,
      environment: settings.target.environment,
      run: runOf(settings),
      part: settings.shard && `${settings.shard.index}/${settings.shard.count}`,
      heartbeatMs: settings.mode === 'deploy' ? HEARTBEAT_MS : undefined,
      onChangeOnly: settings.mode === 'reconcile',
      cancel: deps.cancel
    },
    { warning: (m) => core.warning(m, { title: 'Reporting' }), info: (m) => core.info(m) },
    deps.clock,
    deps.cancel ? reportingForge(settings, deps) : forge
  )
}

/** `deployment: true`: the GitHub deployment of the commit, on the same short retry budget as the check. */
export function createDeployment(settings: Settings, deps: ReporterDeps): DeploymentTracker {
  // `force` deploys an older commit on purpose: what it leaves live is the truth, so the gate is not asked.
  const superseded = settings.gate.force ? undefined : deps.superseded
  return settings.deployment ? createDeploymentTracker(settings, reportingForge(settings, deps), deploymentLog, superseded) : NO_DEPLOYMENT
}

const deploymentLog = { warning: (m: string) => core.warning(m, { title: 'Deployment' }), info: (m: string) => core.info(m) }

/** The records' forge client, on the short reporting retry budget; its requests stop when `signal` aborts (by default the grace after a cancel). */
function reportingForge(settings: Settings, deps: ReporterDeps, signal = deps.cancel?.grace): Forge {
  const retry = { ...settings.forge.retry, maxTotalMs: Math.min(settings.forge.retry.maxTotalMs, REPORT_RETRY_MS) }
  return deps.forge ?? createForge({ ...settings.forge, retry }, { http: deps.http, clock: deps.clock, log: (m) => core.info(m), signal, fetch: deps.fetch })
}

/** The run to stamp on the record; none outside a workflow run (no numeric GITHUB_RUN_ID). */
function runOf(settings: Settings): { id: string; attempt: number } | undefined {
  const id = settings.run.runId
  return id && /^\d{1,20}$/.test(id) ? { id, attempt: settings.run.attempt } : undefined
}
