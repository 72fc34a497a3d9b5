/**
 * The stamp a run writes on its record, and how a later run reads it back. A stamp counts only where
 * this action put it: the whole of a check run's `external_id`, or the suffix ` [rollout-guard …]` that
 * ends a commit status description. A stamp quoted anywhere else (a tenant's answer in a reason, another
 * tool's text) is never read, and the writer defuses such quotes before they reach the forge.
 *
 * Record text is outside text (anyone with `statuses: write` writes it; Gitea keeps descriptions as
 * TEXT), so it is cut to `RECORD_TEXT_MAX` before any pattern runs, and every pattern here is anchored
 * and linear in its input.
 */

/**
 * Every end a run can record; see docs/deploy-records.md for what each means to reconcile.
 * - `running`: the run has started and not reported an end (yet, or ever: a killed runner)
 * - `deployed`: every tenant verified
 * - `superseded`: a newer commit took over, the run stepped aside
 * - `cancelled`: the run was cancelled
 * - `canary-failed`: the canary's own build failed verification; the rest of the fleet was not touched
 * - `halted`: more tenants failed verification than `max-failures` allows, later waves not started
 * - `failed-tenants`: every wave ran, and some tenants did not verify
 * - `failed`: the run stopped for anything else (an outage, a misconfiguration, a promotion): no rejection
 */
export const RUN_ENDS = ['running', 'deployed', 'superseded', 'cancelled', 'canary-failed', 'halted', 'failed-tenants', 'failed'] as const
export type RunEnding = (typeof RUN_ENDS)[number]

/**
 * The longest record text read at all: this action writes at most 255 characters of description and a
 * stamp far shorter than that, so anything longer is not its record and is never parsed.
 */
export const RECORD_TEXT_MAX = 1_024

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
   * When the writer last said it is alive, in whole seconds since the epoch (its heartbeat). With `clock:
   * 'forge'` it is on the forge's clock (the `Date` of the forge's answers, src/forge/forge-clock.ts), the
   * only clock reconcile judges liveness on; without it, on the writer's runner clock (an older version's,
   * or a writer the forge had not yet told its time), which is never trusted for liveness
   * (record/liveness.ts).
   */
  at?: number
  /** `forge`: `at` is on the forge's clock. */
  clock?: 'forge'
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
 * `rollout-guard <mode> <run>.<attempt> <end>`, then optional `<key> <value>` pairs, the whole string.
 * Readers ignore keys they do not know, so a later version can add a field without older reconciles
 * misreading the record. Anchored at both ends; each pair starts with a space and neither part holds
 * one, so the match is linear.
 */
const STAMP = /^rollout-guard ([a-z]+) (\d{1,20})\.(\d{1,6}) ([a-z-]+)((?: [a-z][a-z-]{0,19} [^\s\]]{1,64})*)$/
const PART = /^\d{1,4}\/\d{1,4}$/
const OPEN = '[rollout-guard '

/** `rollout-guard deploy 4242.1 canary-failed shard 2/4 at 1764921600 clock forge`: short enough for a status description beside the reason. */
export function formatStamp(s: RunStamp): string {
  const restore = s.restore ? ` restore ${s.restore.outcome}:${s.restore.verified}/${s.restore.due}` : ''
  const at = s.at !== undefined ? ` at ${s.at}${s.clock === 'forge' ? ' clock forge' : ''}` : ''
  return `rollout-guard ${s.mode} ${s.runId}.${s.attempt} ${s.end}${s.part ? ` shard ${s.part}` : ''}${at}${s.verdict ? ` verdict ${s.verdict}` : ''}${restore}`
}

/**
 * A record's text split into its words and its stamp: the whole text when it is a stamp (a check run's
 * `external_id`), else the ` [stamp]` that ends it (a status description). Nothing else is a stamp.
 */
export function splitStamp(text: string | null | undefined): { words: string; stamp: RunStamp } | undefined {
  if (!text || text.length > RECORD_TEXT_MAX) return undefined
  const whole = readStamp(text)
  if (whole) return { words: '', stamp: whole }
  if (!text.endsWith(']')) return undefined
  const open = text.lastIndexOf(OPEN)
  if (open < 0 || (open > 0 && text[open - 1] !== ' ')) return undefined
  const stamp = readStamp(text.slice(open + 1, -1))
  return stamp && { words: text.slice(0, Math.max(0, open - 1)), stamp }
}

/** The stamp of a record's text (see `splitStamp`), or undefined. */
export function parseStamp(text: string | null | undefined): RunStamp | undefined {
  return splitStamp(text)?.stamp
}

/**
 * Outside text about to be written into a record (a reason quoting a tenant's answer, a registry's
 * error): any `[rollout-guard` in it becomes `(rollout-guard`, so no quote can ever end a description
 * in a form a reader takes for a stamp.
 */
export function defuseStamps(text: string): string {
  return text.replace(/\[(rollout-guard)/gi, '($1')
}

function readStamp(text: string): RunStamp | undefined {
  const m = STAMP.exec(text)
  if (!m) return undefined
  const end = m[4] as RunEnding
  if (!RUN_ENDS.includes(end)) return undefined
  const stamp: RunStamp = { mode: m[1]!, runId: m[2]!, attempt: Number(m[3]), end }
  const words = m[5]!.trim().split(' ').filter(Boolean)
  for (let i = 0; i + 1 < words.length; i += 2) {
    const [key, value] = [words[i]!, words[i + 1]!]
    if (key === 'shard' && PART.test(value)) stamp.part = value
    if (key === 'at' && /^\d{1,12}$/.test(value)) stamp.at = Number(value)
    if (key === 'clock' && value === 'forge') stamp.clock = 'forge'
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
