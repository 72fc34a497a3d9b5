import type { Clock } from '../clock.js'
import { HttpStatusError, isPermissionFailure, isTransient } from '../http/retry.js'

/**
 * A record write that outlives outages and rate limits: tried again with backoff, for a bounded time,
 * on top of the forge client's own short retries. Only a refusal no wait cures (a permission failure,
 * a request the forge will not take) ends it early; an outage or a rate limit is waited out until the
 * budget is spent. Nothing here throws: the caller is told what happened and says it loudly.
 */

/** The `running` record, before the first side effect: long enough for a brief outage, short enough not to stall a deploy. */
export const RUNNING_WRITE_MS = 60_000
/** The end record: at least two minutes, as a rejection lost to an outage would let reconcile roll the commit out. */
export const END_WRITE_MS = 180_000
/** GitHub: a secondary rate limit without Retry-After is waited out for at least a minute (REST docs, "Rate limits"). */
export const RATE_LIMIT_PAUSE_MS = 60_000
const FIRST_PAUSE_MS = 2_000
const MAX_PAUSE_MS = 30_000

export type WriteResult<T> = { ok: true; value: T } | { ok: false; error: unknown; why: 'permission' | 'refused' | 'outage' }

export interface DurableOptions {
  clock: Clock
  /** Give up once the next wait would end past this much time since the first attempt. */
  budgetMs: number
  /** Told before each wait, for a log line. */
  onRetry?: (error: unknown, waitMs: number) => void
  signal?: AbortSignal
}

/** Whether a failed write is worth another try: an outage, or a rate limit (a 403 with a rate limit's signs included). */
export function worthRetrying(error: unknown): boolean {
  return isTransient(error) || (error instanceof HttpStatusError && error.status === 403 && !isPermissionFailure(error))
}

export async function durably<T>(write: () => Promise<T>, o: DurableOptions): Promise<WriteResult<T>> {
  const deadline = o.clock.now() + o.budgetMs
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, value: await write() }
    } catch (error) {
      if (!worthRetrying(error)) return { ok: false, error, why: isPermissionFailure(error) ? 'permission' : 'refused' }
      const wait = pauseAfter(error, attempt)
      if (o.signal?.aborted || o.clock.now() + wait > deadline) return { ok: false, error, why: 'outage' }
      o.onRetry?.(error, wait)
      try {
        await o.clock.sleep(wait, o.signal)
      } catch {
        return { ok: false, error, why: 'outage' }
      }
    }
  }
}

/** Backoff doubling from 2 s to 30 s; what the forge asked for when it said; a minute for a sign-less rate limit. */
export function pauseAfter(error: unknown, attempt: number): number {
  const backoff = Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (attempt - 1))
  if (!(error instanceof HttpStatusError)) return backoff
  if (error.retryAfterMs !== undefined) return Math.max(backoff, error.retryAfterMs)
  return error.status === 403 || error.status === 429 ? Math.max(backoff, RATE_LIMIT_PAUSE_MS) : backoff
}

/** Attempts `durably` makes within `budgetMs` when every failure is an outage (no Retry-After). */
export function attemptsWithin(budgetMs: number): number {
  let attempts = 1
  for (let spent = 0; spent + pauseAfter(undefined, attempts) <= budgetMs; attempts++) spent += pauseAfter(undefined, attempts)
  return attempts
}
