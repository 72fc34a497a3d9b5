import { spawn } from 'node:child_process'
import { excerpt } from '../redact.js'

/**
 * Runs a user command without a shell: argv is split once (quotes respected, no expansion), so a
 * templated value can never become a second command. Output is kept, bounded, for error messages.
 * A cancelled run (the signal aborts) kills the command and everything it started, and the run
 * rejects with the signal's reason once the command has exited: a cancel never leaves it running.
 * Plain `spawn`, not @actions/exec: exec hands back no child to signal and cannot start a process
 * group, and a cancel must reach the command and whatever it started.
 */
export interface CommandResult {
  exitCode: number
  stdout: string
  /** The last few lines of stderr, for a failure message. */
  stderrTail: string
}

export interface CommandRunner {
  run(argv: string[], options: { env?: Record<string, string>; signal?: AbortSignal; cwd?: string }): Promise<CommandResult>
}

const KEEP = 64 * 1024
const KILL_AFTER_MS = 5_000
const DRAIN_MS = 10_000

export const execRunner: CommandRunner = {
  run(argv, options) {
    const [tool, ...args] = argv
    if (!tool) return Promise.reject(new Error('empty command'))
    const { signal } = options
    if (signal?.aborted) return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error('cancelled'))
    return new Promise<CommandResult>((resolve, reject) => {
      // A process group of its own, so a cancel reaches the children a script started too.
      const child = spawn(tool, args, { cwd: options.cwd, env: { ...commandEnv(process.env), ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (d: Buffer) => {
        stdout = keepTail(stdout + d.toString('utf8'))
      })
      child.stderr.on('data', (d: Buffer) => {
        stderr = keepTail(stderr + d.toString('utf8'))
      })
      const killGroup = (name: NodeJS.Signals): void => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, name)
        } catch {
          // already gone
        }
      }
      const onAbort = (): void => {
        killGroup('SIGTERM')
        // A command that ignores SIGTERM is not allowed to hold the cancelled run.
        setTimeout(() => killGroup('SIGKILL'), KILL_AFTER_MS).unref()
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      child.once('error', (error) => {
        signal?.removeEventListener('abort', onAbort)
        reject(new Error(`cannot run ${tool}: ${error.message}`))
      })
      // 'exit', not 'close': a grandchild holding the pipes open must not keep a cancelled run waiting.
      child.once('exit', (code, killedBy) => {
        signal?.removeEventListener('abort', onAbort)
        if (signal?.aborted) {
          reject(signal.reason instanceof Error ? signal.reason : new Error('cancelled'))
          return
        }
        // Let the pipes drain what the command wrote before it exited.
        const done = (): void => resolve({ exitCode: code ?? 128 + signalNumber(killedBy), stdout, stderrTail: tail(stderr) })
        if (child.stdout.readableEnded && child.stderr.readableEnded) return done()
        child.once('close', done)
        // A daemon the command left behind may hold the pipes for ever; its output is not waited for.
        setTimeout(done, DRAIN_MS).unref()
      })
    })
  }
}

/**
 * The runner's environment without the action's own inputs (`INPUT_*`): they carry the forge token, the
 * control-plane token and the registry password, which a user command has no business reading. Nor the
 * runner's own credentials and service endpoints (RUNNER_INTERNAL): the runtime token reaches the job's
 * cache, artifacts and results (on Gitea it is the job's token itself), and the OIDC request token mints
 * identity tokens for the workflow. A command that needs one gets it on purpose: its name listed in
 * `ROLLOUT_GUARD_PASS_ENV` (in the step's `env:`). What else a command needs it gets explicitly (ROLLOUT_*
 * and REGISTRY_* variables, or the step's `env:`).
 */
export function commandEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const passed = new Set(
    (env[PASS_ENV] ?? '')
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((n) => n.toUpperCase())
  )
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => {
      const upper = name.toUpperCase()
      return !upper.startsWith('INPUT_') && (!RUNNER_INTERNAL.test(upper) || passed.has(upper))
    })
  )
}

/** Names the user hands to their commands on purpose, from the runner's internal variables. */
export const PASS_ENV = 'ROLLOUT_GUARD_PASS_ENV'

/**
 * The runner's internal tokens and endpoints, on GitHub's runner and on act_runner: ACTIONS_RUNTIME_TOKEN
 * and ACTIONS_RUNTIME_URL, ACTIONS_ID_TOKEN_REQUEST_TOKEN and _URL, ACTIONS_CACHE_URL (and the cache
 * service's other ACTIONS_CACHE_* settings), ACTIONS_RESULTS_URL.
 */
const RUNNER_INTERNAL = /^(?:ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_REQUEST_|ACTIONS_CACHE_|ACTIONS_RESULTS_)/

/**
 * Bounded output, cut at a line start: a secret is masked as a whole, so a cut inside one would leave a
 * piece that no longer matches the mask and could reach an error message.
 */
export function keepTail(text: string): string {
  if (text.length <= KEEP) return text
  const cut = text.slice(-KEEP)
  const newline = cut.indexOf('\n')
  return newline >= 0 ? cut.slice(newline + 1) : ''
}

function signalNumber(name: NodeJS.Signals | null): number {
  return name === 'SIGKILL' ? 9 : name === 'SIGTERM' ? 15 : name === 'SIGINT' ? 2 : 1
}

export function tail(text: string, lines = 5, chars = 500): string {
  return excerpt(text.trimEnd().split('\n').slice(-lines).join('\n'), chars)
}

/**
 * Splits a command line into argv, honouring single and double quotes and backslash escapes,
 * with no variable, glob or command expansion. Throws on an unterminated quote.
 */
export function splitArgs(line: string): string[] {
  const out: string[] = []
  let cur = ''
  let quote: '"' | "'" | undefined
  let started = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!
    if (quote) {
      if (ch === quote) quote = undefined
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i]
      else cur += ch
    } else if (ch === '"' || ch === "'") {
      quote = ch
      started = true
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[++i]
      started = true
    } else if (/\s/.test(ch)) {
      if (started) out.push(cur)
      cur = ''
      started = false
    } else {
      cur += ch
      started = true
    }
  }
  if (quote) throw new Error(`unterminated ${quote} quote`)
  if (started) out.push(cur)
  return out
}
