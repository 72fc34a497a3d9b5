import pRetry, { AbortError } from 'p-retry'
import type { Clock } from '../clock.js'
import { excerpt } from '../redact.js'
import { NetworkError, type HttpResponse } from './client.js'
import { runCounters } from '../report/counters.js'
import { debug } from '../debug.js'
import { type RateLimitKind, RateLimitError, rateLimitKind, rateLimitWaitMs } from './rate-limit.js'

export { RateLimitError, type RateLimitKind, rateLimitRemaining, SECONDARY_MIN_WAIT_MS } from './rate-limit.js'

/**
 * Classified retries for every API this action calls. Transient answers are retried with backoff,
 * honouring Retry-After, inside a bounded total time so that a broken service costs a deploy seconds,
 * not an hour. Everything else fails at once with a message that says what the server answered.
 */

/** Statuses that mean "try again": the server or a proxy in front of it is briefly unable to answer. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 425, 429, 500, 502, 503, 504])

/** A non-success answer. `retryAfterMs` is set when the server said how long to wait. */
export class HttpStatusError extends Error {
  constructor(
    readonly what: string,
    readonly status: number,
    readonly excerpt: string,
    readonly retryAfterMs: number | undefined,
    /** GitHub's rate limit this answer reports (rate-limit.ts), read from its headers and whole body. */
    readonly rateLimit?: RateLimitKind
  ) {
    super(`${what} answered HTTP ${status}${rateLimit ? ` (a ${rateLimit} rate limit)` : ''}${excerpt ? `: ${excerpt}` : ''}`)
    this.name = 'HttpStatusError'
  }
}

export function statusError(what: string, res: HttpResponse, nowMs = Date.now()): HttpStatusError {
  const whole = res.body.toString('utf8')
  const text = excerpt(whole, 200, { oneLine: true })
  return new HttpStatusError(what, res.status, text, parseRetryAfter(res.headers, nowMs), rateLimitKind(res.status, res.headers, whole))
}

/** Retry-After as seconds or an HTTP date; GitHub's x-ratelimit-reset when the primary limit is spent. */
export function parseRetryAfter(headers: Record<string, string>, nowMs = Date.now()): number | undefined {
  const value = headers['retry-after']?.trim()
  if (value) {
    if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000)
    const date = Date.parse(value)
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs)
  }
  if (headers['x-ratelimit-remaining'] === '0' && headers['x-ratelimit-reset']) {
    const reset = Number(headers['x-ratelimit-reset']) * 1000
    if (Number.isFinite(reset)) return Math.max(0, reset - nowMs)
  }
  return undefined
}

/** A 403 or 429 that GitHub's rate limit answered (primary or secondary): wait, never a refusal. */
export function isRateLimited(error: unknown): error is HttpStatusError & { rateLimit: RateLimitKind } {
  return error instanceof HttpStatusError && error.rateLimit !== undefined
}

/**
 * The token is refused (401) or lacks a permission (a 403 with no sign of a rate limit): asking again
 * will not help, and the fix is in the workflow's `permissions:` or the token.
 */
export function isPermissionFailure(error: unknown): boolean {
  return error instanceof HttpStatusError && (error.status === 401 || (error.status === 403 && !isRateLimited(error)))
}

export function isTransient(error: unknown): boolean {
  if (error instanceof NetworkError) return error.code !== 'CANCELLED' && !error.code.startsWith('REDIRECT')
  if (error instanceof HttpStatusError) return RETRYABLE_STATUSES.has(error.status) || isRateLimited(error)
  return false
}

export interface RetryPolicy {
  /** Give up once another wait would end past this much time since the first attempt. */
  maxTotalMs: number
  baseDelayMs: number
  maxDelayMs: number
  maxAttempts: number
  /**
   * A rate limit is waited out apart from `maxTotalMs`, up to this much waiting in one call; a longer
   * wait stops with a RateLimitError (DEFAULT_RATE_LIMIT_WAIT_MS when unset).
   */
  rateLimitMaxWaitMs?: number
}

export const DEFAULT_RETRY: RetryPolicy = { maxTotalMs: 30_000, baseDelayMs: 500, maxDelayMs: 8_000, maxAttempts: 8 }

/**
 * How long one call may wait for GitHub's rate limits in all: a secondary limit's minute and its doubling
 * (1 + 2 + 4 minutes), or a primary limit that lifts within a quarter of an hour. A later reset stops the job.
 */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 15 * 60_000
/** Rate-limited answers one call takes before it stops, whatever their waits. */
const MAX_RATE_LIMIT_RETRIES = 6

export interface RetryOptions {
  policy: RetryPolicy
  clock: Clock
  signal?: AbortSignal
  /** Told about each retry before its wait, for a log line. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void
  /**
   * Asked after each wait, right before the next attempt is sent. A side effect passes its fence here
   * (is this job still the branch owner?): whatever it throws ends the retries with that error, so an
   * attempt is never sent on a decision taken before the wait.
   */
  beforeRetry?: (info: { attempt: number; error: unknown }) => Promise<void>
}

/**
 * Runs `fn` until it succeeds, a non-transient error occurs, the attempts run out, or the next wait
 * would cross the total budget. `fn` is given the time left so one hanging attempt cannot overrun it.
 * Waits go through the injected clock (p-retry's own timer is set to zero) so tests never sleep.
 */
export async function withRetry<T>(fn: (attempt: number, remainingMs: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { policy, clock, signal } = options
  let deadline = clock.now() + policy.maxTotalMs
  const rateBudgetMs = policy.rateLimitMaxWaitMs ?? DEFAULT_RATE_LIMIT_WAIT_MS
  let rateWaitedMs = 0
  let rateLimitedInARow = 0
  let transientFailures = 0
  return pRetry(
    async (attempt) => {
      try {
        return await fn(attempt, Math.max(1, Math.floor(deadline - clock.now())))
      } catch (error) {
        if (!isTransient(error)) {
          debug(() => `not retried (not a transient failure): ${(error as Error).message}`)
          throw new AbortError(error as Error)
        }
        throw error
      }
    },
    {
      // Rate-limited attempts do not use up the transient ones (their waits are bounded apart).
      retries: Math.max(0, policy.maxAttempts - 1) + MAX_RATE_LIMIT_RETRIES,
      minTimeout: 0,
      factor: 1,
      signal,
      onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
        if (isRateLimited(error)) {
          const delayMs = rateLimitWaitMs(error.rateLimit, error.retryAfterMs, ++rateLimitedInARow)
          if (rateWaitedMs + delayMs > rateBudgetMs) throw new RateLimitError(error.what, error.rateLimit, delayMs, rateBudgetMs)
          if (retriesLeft === 0) throw new RateLimitError(error.what, error.rateLimit, delayMs, rateBudgetMs, rateLimitedInARow - 1)
          rateWaitedMs += delayMs
          // The wait is the forge's, not an outage: the transient budget starts again after it.
          deadline = Math.max(deadline, clock.now() + delayMs + policy.maxTotalMs)
          options.onRetry?.({ attempt: attemptNumber, delayMs, error })
          runCounters().rateLimitWaits++
          await clock.sleep(delayMs, signal)
          await options.beforeRetry?.({ attempt: attemptNumber + 1, error })
          return
        }
        rateLimitedInARow = 0
        transientFailures++
        if (transientFailures >= policy.maxAttempts || retriesLeft === 0) {
          debug(() => `not retried: all ${policy.maxAttempts} attempts used (${(error as Error).message})`)
          throw error
        }
        const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (transientFailures - 1))
        const asked = error instanceof HttpStatusError ? (error.retryAfterMs ?? 0) : 0
        const delayMs = Math.max(backoff, asked)
        if (clock.now() + delayMs >= deadline) {
          debug(() => `not retried: a wait of ${delayMs} ms would pass the ${policy.maxTotalMs} ms retry budget (${(error as Error).message})`)
          throw error
        }
        options.onRetry?.({ attempt: attemptNumber, delayMs, error })
        debug(
          () =>
            `retry ${attemptNumber + 1} of at most ${policy.maxAttempts} in ${delayMs} ms${asked ? ' (the server asked for it: Retry-After or a rate-limit reset)' : ''}, after a transient failure: ${(error as Error).message}`
        )
        runCounters().httpRetries++
        await clock.sleep(delayMs, signal)
        // Thrown here, p-retry rejects with it and sends nothing more.
        await options.beforeRetry?.({ attempt: attemptNumber + 1, error })
      }
    }
  )
}
