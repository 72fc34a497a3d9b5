/**
 * What the demo started, and how to stop it: servers, the registry process, action runs, temporary
 * folders. Stopping runs in reverse order of starting and on every path out: success, error, Ctrl-C
 * (SIGINT) and SIGTERM. A signal aborts `signal`, which cancels the running jobs; the caller then
 * returns through its `finally`, where `stopAll` runs.
 */
export interface Stopper {
  what: string
  stop: () => Promise<void>
}

export class Lifecycle {
  private readonly stoppers: Stopper[] = []
  private readonly controller = new AbortController()
  private readonly handlers = new Map<NodeJS.Signals, () => void>()
  /** What was stopped, in order, for the closing line. */
  readonly stopped: string[] = []
  readonly failures: string[] = []

  get signal(): AbortSignal {
    return this.controller.signal
  }

  /** The signal that interrupted the demo, if one did. */
  interruptedBy: NodeJS.Signals | undefined

  track(what: string, stop: () => Promise<void>): void {
    this.stoppers.push({ what, stop })
  }

  /** Throws when a signal arrived, so set-up stops between two steps. */
  check(): void {
    if (this.signal.aborted) throw new Interrupted(this.interruptedBy ?? 'SIGINT')
  }

  /**
   * Catches SIGINT and SIGTERM for the lifetime of the demo. A second signal while stopping is
   * ignored: stopping is what it asks for, and it is under way.
   */
  trapSignals(onSignal: (name: NodeJS.Signals) => void): void {
    for (const name of ['SIGINT', 'SIGTERM'] as const) {
      const handler = (): void => {
        if (this.signal.aborted) return
        this.interruptedBy = name
        onSignal(name)
        this.controller.abort(new Interrupted(name))
      }
      this.handlers.set(name, handler)
      process.on(name, handler)
    }
  }

  /** Stops everything, newest first; one failure does not keep the rest running. */
  async stopAll(timeoutMs = 15_000): Promise<void> {
    while (this.stoppers.length > 0) {
      const s = this.stoppers.pop()!
      try {
        await withTimeout(s.stop(), timeoutMs, s.what)
        this.stopped.push(s.what)
      } catch (error) {
        this.failures.push(`${s.what}: ${(error as Error).message}`)
      }
    }
    for (const [name, handler] of this.handlers) process.off(name, handler)
    this.handlers.clear()
  }
}

export class Interrupted extends Error {
  constructor(readonly signalName: NodeJS.Signals) {
    super(`interrupted by ${signalName}`)
  }
}

function withTimeout(p: Promise<void>, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not stop within ${ms / 1000} s`)), ms)
  })
  return Promise.race([p, late]).finally(() => clearTimeout(timer))
}
