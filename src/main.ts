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
import { type Cancellation, CancelledError, cancellationOf, isCancel, processCancellation } from './runtime/cancel.js'
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
  const cancel: Cancellation = overrides.signal ? cancellationOf(overrides.signal) : processCancellation()
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
    ctx = await createResolvedContext(settings, { ...overrides, signal: cancel.signal })
    const resolved = ctx.settings
    // The records are written through a forge client of their own, on the grace budget, not the run's
    // signal: the end record of a cancelled run must still reach the forge.
    const reporting = { http: ctx.http, clock: ctx.clock, forge: overrides.forge, cancel }
    ctx.reporter = overrides.reporter ?? createReporter(resolved, reporting)
    const gate = ctx.gate
    ctx.deployment = overrides.deployment ?? createDeployment(resolved, { ...reporting, superseded: async () => (await gate.check()).superseded })
    // No record is written before the forge has answered a read with this token at this api-url: the
    // modes with a gate start the check run (or status) once their first gate read went through (deploy,
    // promote), reconcile once it read the head, and gate mode writes only its result. Verify, which
    // reads nothing from the forge, starts it here, not awaited (the final update waits for it).
    if (resolved.mode === 'verify') void ctx.reporter.start(resolved.target.sha)
    // A mode that throws still gets a report, a summary and a failing check: only invalid inputs (above)
    // end the step before anything is reported.
    let misconfigured = false
    const signal = cancel.signal
    // A run cancelled before its mode started (while the settings or the bundle's chunks loaded) starts nothing.
    const outcome = signal.aborted
      ? cancelledOutcome(signal)
      : await runner(ctx).catch((error: unknown): Outcome => {
          // A read or wait the cancel stopped is the cancel, not a failure of the mode (nor a misconfiguration).
          if (isCancel(error, signal)) return cancelledOutcome(signal)
          misconfigured = forgeUnusable(error)
          return { result: 'failed', failure: errorMessage(error), outputs: {} }
        })
    // A token or api-url the forge refused would refuse the record too: nothing is written, so the
    // misconfiguration is the one message, not a reporting warning in front of it.
    await concludeRun(resolved, misconfigured ? undefined : ctx.reporter, outcome, startedAt, misconfigured ? undefined : ctx.deployment)
  } catch (error) {
    const cancelled = isCancel(error, cancel.signal)
    core.setOutput('result', cancelled ? 'cancelled' : 'failed')
    core.setFailed(redact(cancelled ? cancelledOutcome(cancel.signal).failure! : errorMessage(error)))
  } finally {
    // A heartbeat still beating (a step that failed before the final report) must not keep the process alive.
    ctx?.reporter.stop?.()
    if (ctx && !overrides.http) await ctx.http.close()
  }
}

/** The outcome of a run the cancel stopped: it fails the step, and its record holds nothing. */
function cancelledOutcome(signal: AbortSignal): Outcome {
  const by = signal.reason instanceof CancelledError ? ` by ${signal.reason.by}` : ''
  const reason = `The run was cancelled${by}; nothing new was started after the cancel.`
  return { result: 'cancelled', failure: reason, outputs: { reason } }
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
