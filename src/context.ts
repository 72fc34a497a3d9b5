import * as core from './log.js'
import { type Clock, systemClock } from './clock.js'
import { errorMessage, InputError } from './errors.js'
import { Ancestry } from './forge/ancestry.js'
import { createForge } from './forge/factory.js'
import { type Forge, FULL_SHA } from './forge/types.js'
import { SupersededGate } from './gate/gate.js'
import { diagnoseHeadError, diagnoseNotFound, MisconfigurationError } from './gate/misconfig.js'
import { createHttpClient, type HttpClient } from './http/client.js'
import { type DeploymentTracker, NO_DEPLOYMENT } from './report/publish/deployment.js'
import { NO_REPORTER, type Reporter } from './report/publish/types.js'
import type { Settings } from './settings/index.js'
import { type RunCounters, startCounting } from './report/counters.js'

/** Everything a mode needs from the outside world, built once from the settings. */
export interface RunContext {
  settings: Settings
  clock: Clock
  http: HttpClient
  forge: Forge
  ancestry: Ancestry
  gate: SupersededGate
  /** Aborted on SIGINT/SIGTERM (a cancelled run): start nothing new. */
  signal: AbortSignal
  /** The check run or commit status on the commit; main starts and finishes it (reconcile starts it on the head). */
  reporter: Reporter
  /** What the run did, counted, for the report and the summary. */
  counters: RunCounters
  /** `deployment: true`: the GitHub deployment of the commit; deploy mode starts it after its first gate. */
  deployment: DeploymentTracker
}

export interface ContextOverrides {
  clock?: Clock
  http?: HttpClient
  forge?: Forge
  signal?: AbortSignal
  reporter?: Reporter
  deployment?: DeploymentTracker
}

export function createContext(settings: Settings, overrides: ContextOverrides = {}): RunContext {
  const clock = overrides.clock ?? systemClock
  const http = overrides.http ?? createHttpClient()
  const signal = overrides.signal ?? new AbortController().signal
  // Every read and retry wait of the run's forge client stops at the cancel.
  const forge = overrides.forge ?? createForge(settings.forge, { http, clock, log: (m) => core.info(m), signal })
  const ancestry = new Ancestry(forge, clock)
  const gate = new SupersededGate(forge, ancestry, settings.target, settings.gate, { clock, signal })
  return {
    settings,
    clock,
    http,
    forge,
    ancestry,
    gate,
    signal,
    reporter: overrides.reporter ?? NO_REPORTER,
    counters: startCounting(),
    deployment: overrides.deployment ?? NO_DEPLOYMENT
  }
}

/**
 * The context, with an abbreviated `sha` input replaced by the full SHA the forge knows it as. GitHub's
 * statuses and check runs take only 40 digits, so this runs once, before any side effect; a SHA the
 * forge does not have is an input error.
 */
export async function createResolvedContext(settings: Settings, overrides: ContextOverrides = {}): Promise<RunContext> {
  const ctx = createContext(settings, overrides)
  const given = settings.target.sha
  if (FULL_SHA.test(given)) return ctx
  let full: string | undefined
  try {
    full = await ctx.forge.resolveCommit(given)
  } catch (error) {
    // A refused token or a wrong api-url names that input, not `sha`.
    const misconfigured = await diagnoseHeadError(ctx.forge, settings.target.branch, error)
    if (!overrides.http) await ctx.http.close()
    if (misconfigured instanceof MisconfigurationError && misconfigured.input !== 'branch') throw misconfigured
    throw new Error(`Could not resolve the abbreviated sha '${given}' to a full commit SHA: ${errorMessage(error)}`, { cause: error })
  }
  if (!full) {
    // "No such commit" from a URL that is not the API, or a repository the token cannot see, is not about `sha`.
    const misconfigured = await diagnoseNotFound(ctx.forge, `GET commit ${given} found no commit`)
    if (!overrides.http) await ctx.http.close()
    if (misconfigured instanceof MisconfigurationError) throw misconfigured
    throw new InputError('sha', given, `a commit of ${settings.forge.owner}/${settings.forge.repo} (the forge has no commit with that SHA or prefix)`)
  }
  core.info(`sha ${given} is commit ${full}`)
  const resolved: Settings = { ...settings, target: { ...settings.target, sha: full } }
  return createContext(resolved, { ...overrides, clock: ctx.clock, http: ctx.http, forge: ctx.forge })
}
