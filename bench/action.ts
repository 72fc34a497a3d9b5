import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultNode, parseOutputFile } from '../simulator/run-action.js'
import { run } from './children.js'

export interface ActionTiming {
  /** Spawn of `node dist/index.js` to its exit. */
  ms: number
  exitCode: number | null
  outputs: Record<string, string>
  /** The first `::error::` line, or the end of stderr, when the run failed. */
  problem?: string
}

/**
 * Runs the bundled action as a runner does (a fresh `node <dist>` with INPUT_* variables and the
 * runner's files), timing only the process itself: the files are prepared once per series and
 * emptied before each run, so file-system work stays out of the figure.
 */
export class ActionRunner {
  private constructor(
    private readonly dir: string,
    readonly dist: string,
    /** The node that runs the action (ROLLOUT_GUARD_NODE, else this one), and the bare-node baseline. */
    readonly node: string
  ) {}

  static async create(dist: string, node: string = defaultNode()): Promise<ActionRunner> {
    const dir = await mkdtemp(join(tmpdir(), 'rg-bench-run-'))
    await writeFile(join(dir, 'event.json'), JSON.stringify({ repository: { default_branch: 'main' } }))
    return new ActionRunner(dir, dist, node)
  }

  async run(inputs: Record<string, string>, env: Record<string, string>, timeoutMs: number): Promise<ActionTiming> {
    const output = join(this.dir, 'output')
    await writeFile(output, '')
    await writeFile(join(this.dir, 'summary.md'), '')
    const full: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? this.dir,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: join(this.dir, 'summary.md'),
      GITHUB_EVENT_PATH: join(this.dir, 'event.json'),
      GITHUB_EVENT_NAME: 'push',
      GITHUB_RUN_ID: '1',
      GITHUB_WORKFLOW: 'bench',
      GITHUB_JOB: 'bench',
      RUNNER_TEMP: this.dir,
      ...env
    }
    for (const [name, value] of Object.entries(inputs)) full[`INPUT_${name.toUpperCase()}`] = value
    const done = await run(this.node, [this.dist], { env: full, timeoutMs })
    const outputs = parseOutputFile(await readFile(output, 'utf8'))
    const timing: ActionTiming = { ms: done.ms, exitCode: done.code, outputs }
    if (done.code !== 0) {
      const error = done.stdout.split('\n').find((l) => l.startsWith('::error'))
      timing.problem = done.timedOut ? `no exit within ${timeoutMs / 1000}s` : (error ?? done.stderr.trim().split('\n').slice(-3).join(' ')).slice(0, 300)
    }
    return timing
  }

  dispose(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true })
  }
}
