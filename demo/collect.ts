import type { SceneData } from './html-analysis.js'
import type { JobName, JobResult } from './jobs.js'
import type { DemoPlan } from './plan.js'
import type { Stage } from './stage.js'
import type { Verdict } from './verdict.js'

/**
 * Everything the HTML report shows, read from the simulator and the jobs before the stage is stopped.
 * Times are milliseconds since the demo started.
 */
export interface TenantData {
  name: string
  canary: boolean
  drainMs: number
  /** From B's JSON report. */
  step: string | null
  action: string | null
  verdict: string | null
  /** Redeploys the control plane applied, and when each went live. */
  redeploys: { sha: string; requestedAt: number; liveAt: number }[]
  /** Each change of the SHA the tenant answered with. */
  served: { sha: string; at: number }[]
}

export interface PhaseData {
  job: JobName
  name: string
  start: number
  end: number
  outcome: string
  detail: string | null
}

export interface JobData {
  name: JobName
  sha: string
  startedAt: number
  endedAt: number
  exitCode: number
  outputs: Record<string, string>
  summary: string
  report: unknown
}

export interface DemoData {
  generatedAt: string
  node: string
  dist: string
  commits: { label: string; sha: string; message: string }[]
  plan: DemoPlan
  jobs: JobData[]
  phases: PhaseData[]
  tenants: TenantData[]
  promotion: { image: string; before: string; after: string | undefined; digests: Record<string, string>; registryLog: string[]; outcome: string | null; reason: string | null } | { skipped: string }
  verdict: Verdict
  durationMs: number
  /** The analysis scene, when the demo played it (`--analysis-scene`). */
  scene?: SceneData
  /** What the forge shows for B's job: its check run (GitHub) and the comment on each pull request. */
  forgeViews?: { checkRun?: { title: string; summary: string }; pullComments: { pull: number; title: string; body: string }[] }
}

interface ReportShape {
  phases?: { name: string; startedAt: string; endedAt: string; outcome: string; detail: string | null }[]
  tenants?: { tenant: string; step: string | null; action: string | null; verdict: string }[]
  promotion?: { outcome?: string; reason?: string } | null
}

export async function collect(stage: Stage, plan: DemoPlan, jobs: { A: JobResult; B: JobResult }, verdict: Verdict, clock: { t0: number; wall0: number; dist: string }): Promise<DemoData> {
  const { fleet, commits } = stage
  const rel = (at: number): number => Math.round(at - clock.t0)
  const message = async (sha: string): Promise<string> => fleet.repo.git('log', '-1', '--format=%s', sha)
  const bReport = (jobs.B.run.report ?? {}) as ReportShape
  const phases: PhaseData[] = (['A', 'B'] as const).flatMap((job) =>
    (((jobs[job].run.report ?? {}) as ReportShape).phases ?? []).map((p) => ({
      job,
      name: p.name,
      start: Date.parse(p.startedAt) - clock.wall0,
      end: Date.parse(p.endedAt) - clock.wall0,
      outcome: p.outcome,
      detail: p.detail
    }))
  )
  const tenants: TenantData[] = fleet.names.map((name) => {
    const r = bReport.tenants?.find((t) => t.tenant === name)
    return {
      name,
      canary: name === plan.canary,
      drainMs: stage.drains[name] ?? 0,
      step: r?.step ?? null,
      action: r?.action ?? null,
      verdict: r?.verdict ?? null,
      redeploys: fleet.tenants.deployments(name).map((d) => ({ sha: d.sha, requestedAt: rel(d.requestedAt), liveAt: rel(d.liveAt) })),
      served: fleet.tenants.history(name).map((h) => ({ sha: h.sha, at: rel(h.at) }))
    }
  })
  const job = (j: JobResult): JobData => ({
    name: j.name,
    sha: j.sha,
    startedAt: Math.round(j.startedAt),
    endedAt: Math.round(j.endedAt),
    exitCode: j.run.exitCode,
    outputs: j.run.outputs,
    summary: j.run.summary,
    report: j.run.report
  })
  const images = stage.images
  return {
    generatedAt: new Date().toISOString(),
    node: process.version,
    dist: clock.dist,
    commits: [
      { label: 'base', sha: commits.base, message: await message(commits.base) },
      { label: 'A', sha: commits.A, message: await message(commits.A) },
      { label: 'B', sha: commits.B, message: await message(commits.B) }
    ],
    plan,
    jobs: [job(jobs.B), job(jobs.A)],
    phases,
    tenants,
    promotion: images
      ? {
          image: images.image,
          before: images.latestBefore,
          after: verdict.latestAfter,
          digests: images.digests,
          registryLog: [...images.proxy.log],
          outcome: bReport.promotion?.outcome ?? null,
          reason: bReport.promotion?.reason ?? null
        }
      : { skipped: stage.skipReason ?? 'no registry' },
    verdict,
    durationMs: Math.round(performance.now() - clock.t0),
    forgeViews: {
      checkRun: lastOutput(fleet.forge.checkRuns().find((c) => c.create.head_sha === commits.B)),
      pullComments: fleet.forge.pullsApi.pulls.flatMap((p) => fleet.forge.pullsApi.on(p.number).map((c) => ({ pull: p.number, title: p.title, body: c.body })))
    }
  }
}

/** The check run as it ended: the output of its last update (or of its create, when it was written once). */
function lastOutput(run: { create: Record<string, unknown>; updates: Record<string, unknown>[] } | undefined): { title: string; summary: string } | undefined {
  const output = ((run?.updates.at(-1) ?? run?.create)?.output ?? undefined) as { title?: unknown; summary?: unknown } | undefined
  return output && typeof output.title === 'string' && typeof output.summary === 'string' ? { title: output.title, summary: output.summary } : undefined
}
