import type { LimitFunction } from 'p-limit'
import { type Clock, formatSeconds } from '../clock.js'
import { debug } from '../debug.js'
import { sameCommit } from '../forge/types.js'
import type { AheadMemo } from './ahead.js'
import { probeOnce } from './probe-once.js'
import type { Observation, TenantProber, TenantVerdict } from './types.js'
import type { Wakeups } from './wakeups.js'

/**
 * One tenant's settle loop. The first poll goes out at once (or after its delay), then one every interval, and a last one
 * exactly when the budget ends; a tenant is judged only then, or as soon as its last
 * `confirmations` answers in a row are on the target or a descendant of it, so a tenant still
 * draining its old container (or flapping between an old and a new replica) is never judged early.
 * Every request's time limit is clipped so that nothing runs past the budget plus one request
 * timeout, however long a request waited for a free slot. Whether a SHA is ahead is asked of the forge
 * on the side: polls never wait for it, and neither does the verdict past the budget.
 */
export interface SettleRun {
  target: string
  prober: TenantProber
  /** Shared "is this SHA a descendant of the target?" answers. */
  ahead: AheadMemo
  clock: Clock
  /** The fleet's one timer: every tenant's wait between polls is an entry in it. */
  wakeups: Wakeups
  budgetMs: number
  intervalMs: number
  requestTimeoutMs: number
  /** Consecutive answers on the target (or ahead) required; any other answer starts the count again. */
  confirmations: number
  /** Bounds requests in flight across the fleet. */
  limit: LimitFunction
  signal?: AbortSignal
  onObservation?: (tenant: string, obs: Observation) => void
}

/** One tenant's start: its budget counts from `startedAt`, its first poll is due `firstPollDelayMs` later. */
export interface SettleStart {
  /** Clock time this tenant's verification started. */
  startedAt: number
  /**
   * How long after `startedAt` the first poll is due (0 by default). A large fleet's first polls are
   * spread over the first interval (see firstPollDelay in fleet.ts); the budget still counts from `startedAt`.
   */
  firstPollDelayMs?: number
}

interface Answer {
  sha: string
  at: number
}

interface Seen {
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

type MakeVerdict = (v: Omit<TenantVerdict, 'tenant' | 'url' | 'polls' | 'elapsedMs'>) => TenantVerdict

export async function settleTenant(tenant: string, run: SettleRun, start: SettleStart): Promise<TenantVerdict> {
  const { clock, budgetMs, intervalMs } = run
  const { startedAt } = start
  const deadline = startedAt + budgetMs
  const hardEnd = deadline + run.requestTimeoutMs
  const url = run.prober.urlFor?.(tenant) ?? ''
  const seen: Seen = { polls: 0, lastShaSince: startedAt, answeredOk: false, recent: [], onTarget: 0 }
  const verdict: MakeVerdict = (v) => {
    const judged = { tenant, url, polls: seen.polls, elapsedMs: clock.now() - startedAt, ...v }
    debug(
      () =>
        `verdict ${tenant}: ${judged.verdict} (target ${run.target}, last SHA ${seen.lastSha ?? 'none'}, ${judged.polls} polls in ${judged.elapsedMs} ms of a ${budgetMs} ms budget${judged.lastError ? `, last error: ${judged.lastError}` : ''})`
    )
    return judged
  }
  const settled = (): TenantVerdict | undefined => decide(seen, run, startedAt, verdict)

  let scheduled = startedAt + Math.min(start.firstPollDelayMs ?? 0, budgetMs)
  for (;;) {
    // Until the next poll is due, an ancestry answer can still settle the tenant: wake for it.
    while (clock.now() < scheduled) {
      if (!(await waitFor(scheduled, seen, run))) return judge(seen, run, verdict, true)
      const done = settled()
      if (done) return done
    }
    if (run.signal?.aborted) return judge(seen, run, verdict, true)
    const obs = await run.limit(() => probeOnce(tenant, { prober: run.prober, clock, requestTimeoutMs: run.requestTimeoutMs, signal: run.signal }, hardEnd))
    if (!obs) break
    record(seen, obs, run)
    run.onObservation?.(tenant, obs)
    const done = settled()
    if (done) return done
    if (scheduled >= deadline) break
    scheduled = Math.min(deadline, Math.max(scheduled + intervalMs, clock.now()))
  }
  // A question asked during the budget is waited for until the budget ends; one first asked at the last
  // poll gets what a request gets, up to the budget plus one request timeout.
  const questionEnd = seen.lastShaSince >= deadline ? hardEnd : deadline
  while (pendingShas(seen, run).length > 0 && clock.now() < questionEnd) {
    if (!(await waitFor(questionEnd, seen, run))) return judge(seen, run, verdict, true)
    const done = settled()
    if (done) return done
  }
  return judge(seen, run, verdict, false)
}

function record(seen: Seen, obs: Observation, run: SettleRun): void {
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
function decide(seen: Seen, run: SettleRun, startedAt: number, verdict: MakeVerdict): TenantVerdict | undefined {
  if (seen.recent.length < run.confirmations) return undefined
  const good = seen.recent.every((a) => sameCommit(a.sha, run.target) || run.ahead.relation(a.sha).kind === 'ahead')
  if (!good) return undefined
  const last = seen.recent.at(-1)!
  return verdict({ verdict: sameCommit(last.sha, run.target) ? 'on-target' : 'ahead', sha: last.sha, settleMs: last.at - startedAt })
}

/** SHAs among the recent answers whose relation to the target the forge has not given yet. */
function pendingShas(seen: Seen, run: SettleRun): string[] {
  return seen.recent.map((a) => a.sha).filter((sha) => !sameCommit(sha, run.target) && run.ahead.relation(sha).kind === 'pending')
}

/**
 * Sleeps until `until` on the clock, or until the forge answers one of the tenant's pending questions.
 * Returns false when the run was cancelled.
 */
async function waitFor(until: number, seen: Seen, run: SettleRun): Promise<boolean> {
  if (run.signal?.aborted) return false
  const wake = run.wakeups.at(until)
  const pending = pendingShas(seen, run)
  if (pending.length === 0) {
    await wake.woken
  } else {
    await Promise.race([wake.woken, ...pending.map((sha) => run.ahead.answered(sha))])
    wake.cancel()
  }
  return !run.signal?.aborted
}

/** A tenant that never settled: what it reported decides between stale, invalid and unreachable. */
function judge(seen: Seen, run: SettleRun, verdict: MakeVerdict, cancelled: boolean): TenantVerdict {
  const why = seen.lastSha ? (staleReason(seen, run) ?? seen.lastError) : seen.lastError
  const extra = cancelled ? { cancelled: true, lastError: why ?? 'verification was cancelled' } : { lastError: why }
  if (seen.lastSha) return verdict({ verdict: 'stale', sha: seen.lastSha, ...extra })
  if (seen.answeredOk) return verdict({ verdict: 'invalid', ...extra })
  return verdict({ verdict: 'unreachable', ...extra, lastError: extra.lastError ?? 'no answer' })
}

/** Why a tenant that answered with a SHA is not verified, when it is not simply on an older commit. */
function staleReason(seen: Seen, run: SettleRun): string | undefined {
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

function flapped(seen: Seen, run: SettleRun): string {
  return `it answered ${run.target.slice(0, 7)} at ${seen.onTarget} of ${seen.polls} polls, never ${run.confirmations} in a row (settle-confirmations); the last answer was ${seen.lastSha!.slice(0, 7)}`
}

function countGoodAtEnd(seen: Seen, run: SettleRun): number {
  let n = 0
  for (const a of [...seen.recent].reverse()) {
    if (!(sameCommit(a.sha, run.target) || run.ahead.relation(a.sha).kind === 'ahead')) break
    n += 1
  }
  return n
}

