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
  /** `GITHUB_RUN_ATTEMPT`: grows with every re-run of the same run (of all its jobs, or of one). */
  attempt: number
  end: RunEnding
  /**
   * The shard (`2/4`) of a matrix job: each job of a deploy writes its own record (under its own name),
   * and the count tells reconcile how many records the deploy has. Undefined for a whole-fleet job.
   */
  part?: string
  /**
   * When the writer last said it is alive, in whole seconds since the epoch (its heartbeat). Liveness
   * counts from here; a record without it (an older version's) counts from the forge's own timestamp.
   */
  at?: number
  /** Reconcile's own records: the run's result (`held`, `deferred`, …), so a run writes only when it changes. */
  verdict?: string
  /**
   * After a failed canary: what became of it (`canary-failure`), and how many of the canary tenants due a
   * restore were verified back on their previous commit (`restore restored:1/1`).
   */
  restore?: RestoreStamp
}

export interface RestoreStamp {
  outcome: string
  verified: number
  due: number
}

/**
 * `rollout-guard <mode> <run>.<attempt> <end>`, then optional `<key> <value>` pairs. Readers ignore keys
 * they do not know, so a later version can add a field without older reconciles misreading the record.
 */
const STAMP = /rollout-guard ([a-z]+) (\d{1,20})\.(\d{1,6}) ([a-z-]+)((?: [a-z][a-z-]{0,19} [^\s\]]{1,64})*)/
const PART = /^\d{1,4}\/\d{1,4}$/

/** `rollout-guard deploy 4242.1 canary-failed shard 2/4 at 1764921600`: short enough for a status description beside the reason. */
export function formatStamp(s: RunStamp): string {
  const restore = s.restore ? ` restore ${s.restore.outcome}:${s.restore.verified}/${s.restore.due}` : ''
  return `rollout-guard ${s.mode} ${s.runId}.${s.attempt} ${s.end}${s.part ? ` shard ${s.part}` : ''}${s.at !== undefined ? ` at ${s.at}` : ''}${s.verdict ? ` verdict ${s.verdict}` : ''}${restore}`
}

/** The stamp found anywhere in `text` (an `external_id`, a description), or undefined. */
export function parseStamp(text: string | null | undefined): RunStamp | undefined {
  const m = STAMP.exec(text ?? '')
  if (!m) return undefined
  const end = m[4] as RunEnding
  if (!RUN_ENDS.includes(end)) return undefined
  const stamp: RunStamp = { mode: m[1]!, runId: m[2]!, attempt: Number(m[3]), end }
  const words = m[5]!.trim().split(' ').filter(Boolean)
  for (let i = 0; i + 1 < words.length; i += 2) {
    const [key, value] = [words[i]!, words[i + 1]!]
    if (key === 'shard' && PART.test(value)) stamp.part = value
    if (key === 'at' && /^\d{1,12}$/.test(value)) stamp.at = Number(value)
    if (key === 'verdict' && /^[a-z-]{1,40}$/.test(value)) stamp.verdict = value
    const restore = key === 'restore' ? /^([a-z-]{1,30}):(\d{1,6})\/(\d{1,6})$/.exec(value) : null
    if (restore) stamp.restore = { outcome: restore[1]!, verified: Number(restore[2]), due: Number(restore[3]) }
  }
  return stamp
}

/** The shard of a stamp as numbers, or undefined for a whole-fleet job. */
export function partOf(s: Pick<RunStamp, 'part'>): { index: number; count: number } | undefined {
  if (!s.part) return undefined
  const [index, count] = s.part.split('/').map(Number)
  return { index: index!, count: count! }
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
