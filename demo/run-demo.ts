import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { nodeVersionProblem } from '../src/runtime/node-version.js'
import type { ReportAnalysis } from '../src/report/analysis.js'
import { playAnalysisScene, type SceneResult } from './analysis-scene.js'
import { collect, type DemoData } from './collect.js'
import { renderHtml } from './html.js'
import { Interrupted, Lifecycle } from './lifecycle.js'
import { type JobResult, playIncident } from './jobs.js'
import { type Paint, paintFor } from './markdown-text.js'
import { type DemoPlan, defaultPlan } from './plan.js'
import { type DemoForge, startStage, type Stage } from './stage.js'
import { Terminal } from './terminal.js'
import { judge, type Verdict } from './verdict.js'

/**
 * `npm run demo`: the incident replayed on a fleet on this machine. Starts the simulator, runs the
 * bundled action twice and overlapping the way the incident happened, prints both job summaries and
 * a verdict checked against the simulator's records, writes an HTML report, and stops everything it
 * started on every way out.
 */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const DEFAULT_OUT = join(ROOT, '.rollout-guard', 'demo-report.html')

export interface DemoOptions {
  /** Where the HTML report goes. */
  out?: string
  plan?: Partial<DemoPlan>
  /** false: no registry even when docker-registry is installed (promotion is shown as skipped). */
  registry?: boolean
  write?: (text: string) => void
  paint?: Paint
  width?: number
  /** Catch SIGINT/SIGTERM to stop cleanly (the CLI does; an embedding test may not want to). */
  trapSignals?: boolean
  dist?: string
  /** After the incident, the scene where C's canary reports its commit but fails its analysis. */
  analysisScene?: boolean
  /** Which forge the fake plays: GitHub (default) or Gitea 1.22. */
  forge?: DemoForge
}

export interface DemoResult {
  exitCode: number
  verdict?: Verdict
  htmlPath?: string
  /** What was stopped at the end, newest first. */
  stopped: string[]
  /** Everything the HTML report shows (for `npm run screenshots`). */
  data?: DemoData
}

export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text))
  const term = new Terminal(write, options.paint ?? paintFor(process.stdout), options.width ?? Math.min(120, Math.max(72, process.stdout.columns ?? 100)))
  const plan = defaultPlan(options.plan)
  const dist = options.dist ?? join(ROOT, 'dist', 'index.js')
  const out = resolve(options.out ?? DEFAULT_OUT)

  // The demo runs the action on this same node, so it needs what the action needs.
  const tooOld = nodeVersionProblem(process.versions.node)
  if (tooOld) {
    term.error(`The demo runs the action on this node: ${tooOld}`)
    return { exitCode: 1, stopped: [] }
  }
  if (!existsSync(dist)) {
    term.error(`${dist} is missing: build it with \`npm run build\` first.`)
    return { exitCode: 1, stopped: [] }
  }

  const life = new Lifecycle()
  if (options.trapSignals !== false) life.trapSignals((name) => term.interrupted(name))
  const t0 = performance.now()
  const wall0 = Date.now()
  let verdict: Verdict | undefined
  let data: DemoData | undefined
  let exitCode = 1
  try {
    term.intro(plan)
    const stage = await startStage(plan, (what, stop) => life.track(what, stop), options.registry !== false, options.forge)
    life.check()
    term.stage(stage, plan)
    const jobs = await playIncident(stage, plan, {
      dist,
      signal: life.signal,
      t0,
      onStart: (name, sha) => term.jobStart(name, sha, plan),
      onLine: (name, line) => term.jobLine(name, line, fleetCount(stage)),
      onEnd: (job) => term.jobEnd(job)
    })
    life.check()
    for (const job of [jobs.A, jobs.B]) term.summary(job)
    verdict = await judge(stage, jobs)
    let scene: SceneResult | undefined
    if (options.analysisScene) {
      scene = await playAnalysisScene(stage, plan, { dist, signal: life.signal, t0 })
      life.check()
      term.scene(`Scene: job for C (${scene.sha.slice(0, 7)}), judged on health`, scene.run.exitCode, scene.run.outputs.result ?? 'none', scene.run.summary)
      verdict = withScene(verdict, scene)
    }
    term.checks(verdict)
    data = await collect(stage, plan, jobs, verdict, { t0, wall0, dist })
    if (scene)
      data.scene = {
        sha: scene.sha,
        message: scene.message,
        reason: scene.run.outputs.reason ?? '',
        analysis: scene.analysis,
        waves: ((scene.run.report ?? {}) as { waveAnalysis?: ReportAnalysis[] }).waveAnalysis ?? [],
        checks: scene.checks,
        summary: scene.run.summary,
        report: scene.run.report
      }
    await writeReport(out, data)
    exitCode = verdict.ok ? 0 : 1
  } catch (error) {
    if (error instanceof Interrupted || life.signal.aborted) exitCode = life.interruptedBy === 'SIGTERM' ? 143 : 130
    else term.error(`The demo failed: ${(error as Error).stack ?? String(error)}`)
  } finally {
    await life.stopAll()
  }
  term.stopped(life.stopped, life.failures, performance.now() - t0)
  if (life.failures.length > 0 && exitCode === 0) exitCode = 1
  if (verdict && exitCode !== 130 && exitCode !== 143) term.verdict(verdict, out)
  return { exitCode, verdict, htmlPath: verdict ? out : undefined, stopped: life.stopped, data }
}

/** The scene's checks join the incident's; the verdict line says whether the scene held too. */
function withScene(v: Verdict, scene: SceneResult): Verdict {
  const checks = [...v.checks, ...scene.checks]
  const held = scene.checks.every((c) => c.ok)
  const line = held
    ? `${v.line}; C's canary failed its analysis and went back to B`
    : `${v.line}; the analysis scene did NOT hold: ${scene.checks
        .filter((c) => !c.ok)
        .map((c) => c.label)
        .join('; ')}`
  return { ...v, ok: v.ok && held, line, checks }
}

async function writeReport(path: string, data: Parameters<typeof renderHtml>[0]): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, renderHtml(data), 'utf8')
}

/** How much of the fleet serves B right now: `13 of 36`. */
function fleetCount(stage: Stage): () => string {
  return () => {
    const { fleet, commits } = stage
    const onB = fleet.names.filter((n) => fleet.tenants.serving(n) === commits.B).length
    return `${onB} of ${fleet.names.length} tenants serve B`
  }
}

export type { JobResult }
