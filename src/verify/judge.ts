import { type Clock, formatSeconds } from '../clock.js'
import { sameCommit } from '../forge/types.js'
import type { AheadMemo } from './ahead.js'
import type { Observation, TenantVerdict } from './types.js'

/**
 * What one tenant reported during its settle loop, and the pure judgements on it: settled yet, which
 * questions to the forge are still open, and, when the budget ends unsettled, which verdict and why.
 */
/** What the judgements read of a settle run (see SettleRun in scheduler.ts). */
export interface JudgeRun {
  target: string
  /** Shared "is this SHA a descendant of the target?" answers. */
  ahead: AheadMemo
  clock: Clock
  budgetMs: number
  /** Consecutive answers on the target (or ahead) required; any other answer starts the count again. */
  confirmations: number
}

export interface Answer {
  sha: string
  at: number
}

export interface Seen {
  polls: number
  lastSha?: string
  /** When the tenant started answering `lastSha` (its current run of that SHA). */
  lastShaSince: number
  lastError?: string
  answeredOk: boolean
  /** The last SHA answers in a row (at most `confirmations`); an answer without a SHA empties it. */
  recent: Answer[]
  /** Answers on the target itself, in any order: a flapping tenant has some. */
  onTarget: number
}

/** A verdict before the settle loop adds who, where, how many polls and how long. */
export type Judged = Omit<TenantVerdict, 'tenant' | 'url' | 'polls' | 'elapsedMs'>

export function record(seen: Seen, obs: Observation, run: JudgeRun): void {
  seen.polls += 1
  if (obs.sha) {
    if (!seen.lastSha || !sameCommit(seen.lastSha, obs.sha)) seen.lastShaSince = run.clock.now()
    seen.lastSha = obs.sha
    seen.lastError = undefined
    seen.recent.push({ sha: obs.sha, at: run.clock.now() })
    if (seen.recent.length > run.confirmations) seen.recent.shift()
    if (sameCommit(obs.sha, run.target)) seen.onTarget += 1
    else void run.ahead.ask(obs.sha)
  } else {
    seen.recent.length = 0
    seen.lastError = obs.error
    if (obs.status !== undefined && obs.status >= 200 && obs.status <= 299) seen.answeredOk = true
  }
}

/** Settled once the last `confirmations` answers are all on the target or known to be ahead of it. */
export function decide(seen: Seen, run: JudgeRun, startedAt: number): Judged | undefined {
  if (seen.recent.length < run.confirmations) return undefined
  const good = seen.recent.every((a) => sameCommit(a.sha, run.target) || run.ahead.relation(a.sha).kind === 'ahead')
  if (!good) return undefined
  const last = seen.recent.at(-1)!
  return { verdict: sameCommit(last.sha, run.target) ? 'on-target' : 'ahead', sha: last.sha, settleMs: last.at - startedAt }
}

/** SHAs among the recent answers whose relation to the target the forge has not given yet. */
export function pendingShas(seen: Seen, run: JudgeRun): string[] {
  return seen.recent.map((a) => a.sha).filter((sha) => !sameCommit(sha, run.target) && run.ahead.relation(sha).kind === 'pending')
}

/** A tenant that never settled: what it reported decides between stale, invalid and unreachable. */
export function judge(seen: Seen, run: JudgeRun, cancelled: boolean): Judged {
  const why = seen.lastSha ? (staleReason(seen, run) ?? seen.lastError) : seen.lastError
  const extra = cancelled ? { cancelled: true, lastError: why ?? 'verification was cancelled' } : { lastError: why }
  if (seen.lastSha) return { verdict: 'stale', sha: seen.lastSha, ...extra }
  if (seen.answeredOk) return { verdict: 'invalid', ...extra }
  return { verdict: 'unreachable', ...extra, lastError: extra.lastError ?? 'no answer' }
}

/** Why a tenant that answered with a SHA is not verified, when it is not simply on an older commit. */
function staleReason(seen: Seen, run: JudgeRun): string | undefined {
  const sha = seen.lastSha!
  const short = (s: string): string => s.slice(0, 7)
  if (!sameCommit(sha, run.target)) {
    const relation = run.ahead.relation(sha)
    if (relation.kind === 'pending' && relation.lastFailure) return `could not tell whether ${short(sha)} is ahead of ${short(run.target)}: ${relation.lastFailure}`
    if (relation.kind === 'pending') return `the forge did not say within the ${formatSeconds(run.budgetMs)} budget whether ${short(sha)} is ahead of ${short(run.target)}`
    if (relation.kind === 'unknown') return `could not tell whether ${short(sha)} is ahead of ${short(run.target)}: ${relation.detail}`
    if (relation.kind === 'behind') return seen.onTarget > 0 && run.confirmations > 1 ? flapped(seen, run) : undefined
  }
  const inRow = countGoodAtEnd(seen, run)
  if (inRow > 0 && inRow < run.confirmations) {
    return `only the last ${inRow} answer${inRow === 1 ? ' was' : 's were'} on ${short(run.target)} or ahead; settle-confirmations asks for ${run.confirmations} in a row`
  }
  return undefined
}

function flapped(seen: Seen, run: JudgeRun): string {
  return `it answered ${run.target.slice(0, 7)} at ${seen.onTarget} of ${seen.polls} polls, never ${run.confirmations} in a row (settle-confirmations); the last answer was ${seen.lastSha!.slice(0, 7)}`
}

function countGoodAtEnd(seen: Seen, run: JudgeRun): number {
  let n = 0
  for (const a of [...seen.recent].reverse()) {
    if (!(sameCommit(a.sha, run.target) || run.ahead.relation(a.sha).kind === 'ahead')) break
    n += 1
  }
  return n
}
