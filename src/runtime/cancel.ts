/**
 * A cancelled run, as runners cancel it: GitHub's runner sends SIGINT, then SIGTERM about 7.5 s later, then
 * kills the process 2.5 s after that; Gitea's act_runner stops the job container (SIGTERM, then SIGKILL).
 * The handlers are installed by the entry before anything else is loaded, so a cancel in the first instants
 * is seen too, and they stay installed: a second signal must not fall back to Node's default and end the
 * process before the result and the end record are written.
 *
 * Two signals come of it. `signal` aborts at the first cancel: every read, wait and retry of the run stops at
 * once. `grace` aborts `graceMs` after it: the end record is written on that fresh, short budget (its own
 * requests never carry the aborted `signal`), so it is done before the runner's SIGTERM.
 *
 * This module imports nothing: the entry loads it before the Node version is checked and before the toolkit.
 */

/** How long after the cancel the end record may still be written: well inside the runner's 7.5 s. */
export const END_GRACE_MS = 5_000
/** After this long past the cancel the process ends on its own, whatever still hangs: before the runner's SIGTERM. */
export const CANCEL_EXIT_MS = 7_000

export interface Cancellation {
  /** Aborted at the first cancel: nothing new starts, in-flight reads and waits stop. */
  readonly signal: AbortSignal
  /** Aborted `graceMs` after the cancel: the budget of the writes that must still happen (the end record). */
  readonly grace: AbortSignal
}

/** Runs `fn` after `ms`; the default timer never keeps the process alive on its own. */
export type Schedule = (fn: () => void, ms: number) => void

const unrefTimer: Schedule = (fn, ms) => {
  setTimeout(fn, ms).unref()
}

/** The cancellation of a run whose cancel is `signal`: `grace` follows it by `graceMs`. */
export function cancellationOf(signal: AbortSignal, graceMs = END_GRACE_MS, schedule: Schedule = unrefTimer): Cancellation {
  const grace = new AbortController()
  const startGrace = (): void => schedule(() => grace.abort(new Error(`the ${graceMs / 1000} s left after the cancel are spent`)), graceMs)
  if (signal.aborted) startGrace()
  else signal.addEventListener('abort', startGrace, { once: true })
  return { signal, grace: grace.signal }
}

export interface SignalSource {
  on(name: NodeJS.Signals, listener: (name: NodeJS.Signals) => void): unknown
}

export interface CancelHooks {
  /** Told of every signal received, the first one included (for the log). */
  onSignal?: (name: NodeJS.Signals, first: boolean) => void
  /** Called `exitAfterMs` after the first signal; the entry ends the process there. */
  onOverdue?: () => void
  exitAfterMs?: number
  graceMs?: number
  schedule?: Schedule
}

/** Listens for SIGINT and SIGTERM on `source` (the process) for as long as it lives. */
export function listenForCancel(source: SignalSource, hooks: CancelHooks = {}): Cancellation {
  const controller = new AbortController()
  const schedule = hooks.schedule ?? unrefTimer
  const onSignal = (name: NodeJS.Signals): void => {
    const first = !controller.signal.aborted
    hooks.onSignal?.(name, first)
    if (!first) return
    controller.abort(new CancelledError(name))
    if (hooks.onOverdue) schedule(hooks.onOverdue, hooks.exitAfterMs ?? CANCEL_EXIT_MS)
  }
  source.on('SIGINT', onSignal)
  source.on('SIGTERM', onSignal)
  return cancellationOf(controller.signal, hooks.graceMs, schedule)
}

/** The reason of an aborted run signal, and what a read or wait it stopped rejects with. */
export class CancelledError extends Error {
  constructor(readonly by: string) {
    super(`the run was cancelled (${by})`)
    this.name = 'CancelledError'
  }
}

let installed: Cancellation | undefined

/** The process's cancellation: installed on first use (the entry's first statement), the same one after. */
export function processCancellation(hooks?: CancelHooks): Cancellation {
  installed ??= listenForCancel(process, hooks)
  return installed
}

/** Whether `error` is the stop of a cancelled run rather than a failure of its own. */
export function isCancel(error: unknown, signal: AbortSignal | undefined): boolean {
  return error instanceof CancelledError || (signal?.aborted === true && (error === signal.reason || (error as { code?: unknown } | null)?.code === 'CANCELLED'))
}
