import * as core from './log.js'
import { readFileSync } from 'node:fs'
import { type ContextOverrides, createResolvedContext, type RunContext } from './context.js'
import { errorMessage } from './errors.js'
import { forgeUnusable } from './gate/misconfig.js'
import { redact, registerSecret } from './redact.js'
import type { Outcome } from './outcome.js'
import { concludeRun } from './report/conclude.js'
import { createDeployment, createReporter } from './report/publish/factory.js'
import { type Env, type EventPayload, type Mode, parseSettings } from './settings/index.js'
import { secretInputs } from './settings/secrets.js'
import { undeclaredInputs, undeclaredWarning } from './settings/undeclared.js'

type ModeRunner = (ctx: RunContext) => Promise<Outcome>

/**
 * Modes this build can run; `mode` values outside it are refused by the settings parser. Each is loaded
 * only when chosen (the bundler splits them into their own chunks), so the gate every deploy pays for
 * does not load the rollout, the verifier, the registry client or the reconciler.
 */
const RUNNERS: Partial<Record<Mode, () => Promise<ModeRunner>>> = {
  deploy: async () => {
    const { runDeployMode } = await import('./modes/deploy-mode.js')
    return (ctx) => runDeployMode(ctx)
  },
  gate: async () => (await import('./modes/gate-mode.js')).runGateMode,
  promote: async () => (await import('./modes/promote-mode.js')).runPromoteMode,
  reconcile: async () => {
    const { runReconcileMode } = await import('./modes/reconcile-mode.js')
    return (ctx) => runReconcileMode(ctx)
  },
  verify: async () => (await import('./modes/verify-mode.js')).runVerifyMode
}

/**
 * Parses every input, builds the outside-world adapters, runs the chosen mode and concludes it: report,
 * summary, outputs, check or status. Whatever escapes a mode fails the step with its message, and is
 * still reported; only invalid inputs end the step before anything is reported.
 */
export async function run(env: Env = process.env, overrides: ContextOverrides = {}): Promise<void> {
  let ctx: RunContext | undefined
  const startedAt = new Date()
  try {
    // Secrets first, from the raw inputs: an input error below (a malformed header line, a bad URL)
    // may quote an input, and must find every secret already masked.
    for (const secret of secretInputs(env)) registerSecret(secret)
    // Named before parsing: a misspelt input is ignored, and an input error below may be its consequence.
    for (const u of undeclaredInputs(env)) core.warning(undeclaredWarning(u), { title: 'Unknown input' })
    const settings = parseSettings(env, loadEventPayload(env))
    const load = RUNNERS[settings.mode]
    if (!load) throw new Error(`mode '${settings.mode}' is not available in this version of Rollout Guard`)
    const runner = await load()
    // An abbreviated `sha` becomes the full SHA here, before anything is reported on it.
    ctx = await createResolvedContext(settings, { signal: cancelOnSignals(), ...overrides })
    const resolved = ctx.settings
    ctx.reporter = overrides.reporter ?? createReporter(resolved, { http: ctx.http, clock: ctx.clock, forge: overrides.forge })
    const gate = ctx.gate
    ctx.deployment = overrides.deployment ?? createDeployment(resolved, { http: ctx.http, clock: ctx.clock, forge: overrides.forge, superseded: async () => (await gate.check()).superseded })
    // No record is written before the forge has answered a read with this token at this api-url: the
    // modes with a gate start the check run (or status) once their first gate read went through (deploy,
    // promote), reconcile once it read the head, and gate mode writes only its result. Verify, which
    // reads nothing from the forge, starts it here, not awaited (the final update waits for it).
    if (resolved.mode === 'verify') void ctx.reporter.start(resolved.target.sha)
    // A mode that throws still gets a report, a summary and a failing check: only invalid inputs (above)
    // end the step before anything is reported.
    let misconfigured = false
    const outcome = await runner(ctx).catch((error: unknown): Outcome => {
      misconfigured = forgeUnusable(error)
      return { result: 'failed', failure: errorMessage(error), outputs: {} }
    })
    // A token or api-url the forge refused would refuse the record too: nothing is written, so the
    // misconfiguration is the one message, not a reporting warning in front of it.
    await concludeRun(resolved, misconfigured ? undefined : ctx.reporter, outcome, startedAt, misconfigured ? undefined : ctx.deployment)
  } catch (error) {
    core.setOutput('result', 'failed')
    core.setFailed(redact(errorMessage(error)))
  } finally {
    // A heartbeat still beating (a step that failed before the final report) must not keep the process alive.
    ctx?.reporter.stop?.()
    if (ctx && !overrides.http) await ctx.http.close()
  }
}

/**
 * A cancelled run gets SIGINT, then SIGTERM a few seconds later. The first one aborts the run's signal:
 * nothing new starts, in-flight calls finish or time out, and the summary and report are still written.
 * The handlers are `once`, so a second signal falls back to Node's default and ends the process.
 */
function cancelOnSignals(): AbortSignal {
  const controller = new AbortController()
  const onSignal = (name: NodeJS.Signals): void => {
    core.warning(`Received ${name}: the run was cancelled. Starting nothing new; writing the report of what was done.`)
    controller.abort(new Error(`cancelled by ${name}`))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  return controller.signal
}

function loadEventPayload(env: Env): EventPayload | undefined {
  const path = env.GITHUB_EVENT_PATH
  if (!path) return undefined
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as EventPayload
  } catch {
    return undefined
  }
}
