
/**
 * How a run ended, in a form a later run can read back from the commit. A deploy writes it into its own
 * check run (`external_id`) or commit status (the end of its description), so reconcile can tell a live
 * deploy from a dead one, and a rejected commit from a deploy that merely left tenants behind.
 *
 * - `running`: the run has started and not reported an end (yet, or ever: a killed runner)
 * - `deployed`: every tenant verified
 * - `superseded`: a newer commit took over, the run stepped aside
 * - `cancelled`: the run was cancelled
 * - `canary-failed`: the canary did not verify; the rest of the fleet was not touched
 * - `halted`: more tenants failed than `max-failures` allows, and later waves were not started
 * - `failed-tenants`: every wave ran, and some tenants did not verify
 * - `failed`: the run failed before or outside the rollout (bad input, unreadable fleet, promotion)
 */
export const RUN_ENDS = ['running', 'deployed', 'superseded', 'cancelled', 'canary-failed', 'halted', 'failed-tenants', 'failed'] as const
export type RunEnding = (typeof RUN_ENDS)[number]

/** The ends by which a deploy rejected its commit: reconcile must not roll it out. */
export const REJECTING_ENDS: ReadonlySet<RunEnding> = new Set(['canary-failed', 'halted'])

/** Who wrote a record and how that run ended. */
export interface RunStamp {
  mode: string
  /** `GITHUB_RUN_ID`: grows with every new run of the repository. */
  runId: string
  /** `GITHUB_RUN_ATTEMPT`: grows with every re-run of the same run. */
  attempt: number
  end: RunEnding
  /**
   * The shard (`2/4`) of a matrix job: the jobs of one run attempt write one record each under the same
   * name, and each must be read on its own. Undefined for a job that handles the whole fleet.
   */
  part?: string
  /**
   * After a failed canary: what became of it (`canary-failure`), and how many of the canary tenants due a
   * restore were verified back on their previous commit. Last in the stamp, so readers that predate it
   * still read the rest.
   */
  restore?: RestoreStamp
}

export interface RestoreStamp {
  outcome: string
  verified: number
  due: number
}

const STAMP = /rollout-guard ([a-z]+) (\d{1,20})\.(\d{1,6}) ([a-z-]+)(?: shard (\d{1,6}\/\d{1,6}))?(?: restore ([a-z-]+) (\d{1,6})\/(\d{1,6}))?/

/**
 * `rollout-guard deploy 4242.1 canary-failed` (`… shard 2/4` from a shard job, `… restore restored 1/1`
 * after a failed canary): short enough for a status description beside the reason.
 */
export function formatStamp(s: RunStamp): string {
  const restore = s.restore ? ` restore ${s.restore.outcome} ${s.restore.verified}/${s.restore.due}` : ''
  return `rollout-guard ${s.mode} ${s.runId}.${s.attempt} ${s.end}${s.part ? ` shard ${s.part}` : ''}${restore}`
}

/** The stamp found anywhere in `text` (an `external_id`, a description), or undefined. */
export function parseStamp(text: string | null | undefined): RunStamp | undefined {
  const m = STAMP.exec(text ?? '')
  if (!m) return undefined
  const end = m[4] as RunEnding
  if (!RUN_ENDS.includes(end)) return undefined
  const restore = m[6] ? { restore: { outcome: m[6], verified: Number(m[7]), due: Number(m[8]) } } : {}
  return { mode: m[1]!, runId: m[2]!, attempt: Number(m[3]), end, ...(m[5] ? { part: m[5] } : {}), ...restore }
}

/** Orders two runs: a later run beats an earlier one, and a later attempt of one run its earlier ones. */
export function compareRuns(a: Pick<RunStamp, 'runId' | 'attempt'>, b: Pick<RunStamp, 'runId' | 'attempt'>): number {
  const ra = BigInt(a.runId)
  const rb = BigInt(b.runId)
  if (ra !== rb) return ra < rb ? -1 : 1
  return a.attempt - b.attempt
}

/** What `endOfRun` reads of a run's report; structural, so the report model can depend on this file. */
export interface FinishedRun {
  result: string
  phases: readonly { name: string; outcome: string }[]
  tenants: readonly { ok: boolean; verdict: string; action: string | null }[]
  restore?: { outcome: string; tenants: readonly { to: string | null; verified: boolean }[] } | null
}

/** The restore part of a record, read from a finished run's report; undefined when the canary did not fail. */
export function restoreOfRun(report: FinishedRun): RestoreStamp | undefined {
  const r = report.restore
  if (!r) return undefined
  return { outcome: r.outcome, verified: r.tenants.filter((t) => t.verified).length, due: r.tenants.filter((t) => t.to !== null).length }
}

/** The end of a finished run, read from its report: the result, the phases and which tenants never started. */
export function endOfRun(report: FinishedRun): RunEnding {
  switch (report.result) {
    case 'deployed':
    case 'healed':
    case 'in-sync':
    case 'promoted':
    case 'verified':
    case 'owner':
      return 'deployed'
    case 'skipped-superseded':
      return 'superseded'
    case 'cancelled':
      return 'cancelled'
  }
  if (report.result !== 'failed') return 'failed'
  const canaryFailed = report.phases.some((p) => (p.name === 'canary' || p.name === 'canary re-verify') && p.outcome === 'failed')
  if (canaryFailed) return 'canary-failed'
  const failing = report.tenants.some((t) => !t.ok && t.verdict !== 'not-started')
  if (!failing) return 'failed'
  // Tenants left unstarted behind failing ones: the rollout stopped past max-failures.
  return report.tenants.some((t) => t.action === 'not-started') ? 'halted' : 'failed-tenants'
}
