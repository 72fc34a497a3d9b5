import * as exec from '@actions/exec'
import { truncate } from '../errors.js'

/**
 * Runs a user command without a shell: argv is split once (quotes respected, no expansion), so a
 * templated value can never become a second command. Output is kept, bounded, for error messages.
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

export const execRunner: CommandRunner = {
  async run(argv, options) {
    const [tool, ...args] = argv
    if (!tool) throw new Error('empty command')
    let stdout = ''
    let stderr = ''
    const exitCode = await exec.exec(tool, args, {
      ignoreReturnCode: true,
      silent: true,
      cwd: options.cwd,
      env: { ...(process.env as Record<string, string>), ...options.env },
      listeners: {
        stdout: (d: Buffer) => {
          stdout = (stdout + d.toString('utf8')).slice(-KEEP)
        },
        stderr: (d: Buffer) => {
          stderr = (stderr + d.toString('utf8')).slice(-KEEP)
        }
      }
    })
    return { exitCode, stdout, stderrTail: tail(stderr) }
  }
}

export function tail(text: string, lines = 5, chars = 500): string {
  return truncate(text.trimEnd().split('\n').slice(-lines).join('\n'), chars)
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
