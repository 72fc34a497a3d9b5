import { type ActionRun, runAction } from '../simulator/run-action.js'
import { lineReader, type LogLine } from './job-log.js'
import type { DemoPlan } from './plan.js'
import type { Stage } from './stage.js'

/**
 * The two deploy jobs of the incident, run as a runner runs them: the bundled action in a fresh Node
 * process each, with the same workflow inputs and each job's own commit. B's job starts first; A's
 * job starts late, once B's canary redeploy has been accepted, exactly when the incident's older job
 * did its damage.
 */
export type JobName = 'A' | 'B'

export interface JobResult {
  name: JobName
  sha: string
  /** Milliseconds since the demo's start. */
  startedAt: number
  endedAt: number
  run: ActionRun
}

export interface JobHooks {
  dist: string
  signal: AbortSignal
  /** Reference point of `startedAt`/`endedAt`. */
  t0: number
  onStart(name: JobName, sha: string): void
  onLine(name: JobName, line: LogLine): void
  onEnd(job: JobResult): void
}

/** What the deploy workflow passes to the action; the same for both jobs, as in a real workflow file. */
export function deployInputs(stage: Stage, plan: DemoPlan): Record<string, string> {
  return stage.fleet.deployInputs({
    canary: plan.canary,
    'max-parallel': String(plan.waveSize),
    'canary-soak-seconds': String(plan.soakSeconds),
    'settle-budget-seconds': '30',
    'settle-interval-seconds': '0.25',
    'request-timeout-seconds': '2',
    'pr-comment': 'true',
    ...(stage.images ? { image: stage.images.image } : {})
  })
}

async function runJob(name: JobName, sha: string, runId: string, stage: Stage, plan: DemoPlan, hooks: JobHooks): Promise<JobResult> {
  const startedAt = performance.now() - hooks.t0
  hooks.onStart(name, sha)
  const lines = lineReader((line) => hooks.onLine(name, line))
  const run = await runAction({
    inputs: deployInputs(stage, plan),
    env: { ...stage.fleet.runEnv(sha), GITHUB_RUN_ID: runId, GITHUB_RUN_NUMBER: runId, GITHUB_WORKFLOW: 'deploy', GITHUB_JOB: 'deploy', GITHUB_ACTOR: `author-of-${name}` },
    dist: hooks.dist,
    signal: hooks.signal,
    onStdout: (chunk) => lines.push(chunk)
  })
  lines.end()
  const job: JobResult = { name, sha, startedAt, endedAt: performance.now() - hooks.t0, run }
  hooks.onEnd(job)
  return job
}

/** Resolves once `ready()` holds, `done` settles, or the signal aborts; polls the simulator's records. */
function until(ready: () => boolean, done: Promise<unknown>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    let over = false
    const finish = (): void => {
      over = true
      resolve()
    }
    void done.then(finish, finish)
    signal.addEventListener('abort', finish, { once: true })
    const tick = (): void => {
      if (over) return
      if (ready() || signal.aborted) finish()
      else setTimeout(tick, 20)
    }
    tick()
  })
}

export async function playIncident(stage: Stage, plan: DemoPlan, hooks: JobHooks): Promise<{ A: JobResult; B: JobResult }> {
  const { A, B } = stage.commits
  // Run numbers as the forge gave them: A's push came first, its job just got a runner late.
  const bJob = runJob('B', B, '1042', stage, plan, hooks)
  await until(() => stage.fleet.controlPlane.applied(plan.canary).length > 0, bJob, hooks.signal)
  const aJob = hooks.signal.aborted ? undefined : runJob('A', A, '1041', stage, plan, hooks)
  const [b, a] = await Promise.all([bJob, aJob])
  if (!a) throw hooks.signal.reason ?? new Error('job A did not start')
  return { A: a, B: b }
}
