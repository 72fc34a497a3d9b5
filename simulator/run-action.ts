import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/**
 * Runs the bundled action the way a runner does: a fresh `node dist/index.js` process with INPUT_*
 * variables (names keep their hyphens), GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, RUNNER_TEMP and an
 * event payload. Returns what a later workflow step would see.
 */
export interface ActionRun {
  exitCode: number
  outputs: Record<string, string>
  summary: string
  stdout: string
  stderr: string
  /** The JSON report named by the `report-path` output, read before the temporary folder goes. */
  report: unknown
  /** Workflow-command lines (::error:: etc.) found in stdout. */
  commands: { command: string; message: string }[]
  tempDir: string
}

export interface RunActionOptions {
  inputs: Record<string, string>
  env?: Record<string, string>
  /** Path of the bundle; ROLLOUT_GUARD_DIST or dist/index.js. */
  dist?: string
  /**
   * The node binary that runs it, as a runner's own node would: ROLLOUT_GUARD_NODE, else the node running
   * the tests. The end-to-end tables pass each tested release (simulator/node-runtimes.ts).
   */
  node?: string
  /** Options for node itself, before the bundle (a V8 trace flag, say); a runner passes none. */
  nodeArgs?: string[]
  /** Default branch written into the event payload. */
  defaultBranch?: string
  /** Send SIGTERM after this many milliseconds (a cancelled run). */
  cancelAfterMs?: number
  /** Called with each chunk of stdout as it arrives. */
  onStdout?: (chunk: string) => void
  keepTemp?: boolean
  /**
   * Cancels the run the way a runner does: SIGINT when it aborts, then SIGKILL if the process is still
   * there after `killAfterMs` (5 s), so a caller that is shutting down never leaves the process behind.
   */
  signal?: AbortSignal
  killAfterMs?: number
  /** Sends SIGTERM when it aborts: the runner's second signal after a cancel's SIGINT. */
  terminate?: AbortSignal
}

export function defaultNode(): string {
  return process.env.ROLLOUT_GUARD_NODE || process.execPath
}

export function defaultDist(): string {
  return resolve(process.env.ROLLOUT_GUARD_DIST ?? 'dist/index.js')
}

export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'rg-run-'))
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary.md')
  const eventFile = join(dir, 'event.json')
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')
  await writeFile(eventFile, JSON.stringify({ repository: { default_branch: options.defaultBranch ?? 'main' } }))
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '17',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'deploy',
    GITHUB_JOB: 'deploy',
    RUNNER_TEMP: dir,
    ...options.env
  }
  for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.toUpperCase()}`] = value

  const child = spawn(options.node ?? defaultNode(), [...(options.nodeArgs ?? []), options.dist ?? defaultDist()], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d
    options.onStdout?.(d)
  })
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  const timer = options.cancelAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGTERM'), options.cancelAfterMs)
  let killer: NodeJS.Timeout | undefined
  const onAbort = (): void => {
    child.kill('SIGINT')
    killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 5000)
  }
  if (options.signal?.aborted) onAbort()
  else options.signal?.addEventListener('abort', onAbort, { once: true })
  const onTerminate = (): void => void child.kill('SIGTERM')
  options.terminate?.addEventListener('abort', onTerminate, { once: true })
  const exitCode = await new Promise<number>((done) => child.on('close', (code) => done(code ?? 1)))
  if (timer) clearTimeout(timer)
  if (killer) clearTimeout(killer)
  options.signal?.removeEventListener('abort', onAbort)
  options.terminate?.removeEventListener('abort', onTerminate)

  const outputs = parseOutputFile(await readFile(outputFile, 'utf8'))
  const reportPath = outputs['report-path']
  const report: unknown = reportPath ? JSON.parse(await readFile(reportPath, 'utf8').catch(() => 'null')) : undefined
  const run: ActionRun = {
    exitCode,
    outputs,
    report,
    summary: await readFile(summaryFile, 'utf8'),
    stdout,
    stderr,
    commands: parseCommands(stdout),
    tempDir: dir
  }
  if (!options.keepTemp) await rm(dir, { recursive: true, force: true })
  return run
}

/** The GITHUB_OUTPUT file format: `name<<DELIM\nvalue\nDELIM\n` (and plain `name=value`). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]!)
      out[heredoc[1]!] = value.join('\n')
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return out
}

export function parseCommands(stdout: string): { command: string; message: string }[] {
  const out: { command: string; message: string }[] = []
  for (const line of stdout.split('\n')) {
    const m = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line)
    if (m) out.push({ command: m[1]!, message: m[2]! })
  }
  return out
}
