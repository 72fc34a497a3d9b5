import pRetry, { AbortError } from 'p-retry'
import type { Clock } from '../clock.js'
import { excerpt } from '../redact.js'
import { NetworkError, type HttpResponse } from './client.js'
import { runCounters } from '../report/counters.js'
import { debug } from '../debug.js'

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
    readonly retryAfterMs: number | undefined
  ) {
    super(`${what} answered HTTP ${status}${excerpt ? `: ${excerpt}` : ''}`)
    this.name = 'HttpStatusError'
  }
}

export function statusError(what: string, res: HttpResponse, nowMs = Date.now()): HttpStatusError {
  const text = excerpt(res.body.toString('utf8'), 200, { oneLine: true })
  return new HttpStatusError(what, res.status, text, parseRetryAfter(res.headers, nowMs))
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

export function isTransient(error: unknown): boolean {
  if (error instanceof NetworkError) return error.code !== 'CANCELLED' && !error.code.startsWith('REDIRECT')
  if (error instanceof HttpStatusError) {
    if (RETRYABLE_STATUSES.has(error.status)) return true
    // GitHub's secondary rate limit is a 403 that says when to come back; a plain 403 is a permission error.
    return error.status === 403 && error.retryAfterMs !== undefined
  }
  return false
}

export interface RetryPolicy {
  /** Give up once another wait would end past this much time since the first attempt. */
  maxTotalMs: number
  baseDelayMs: number
  maxDelayMs: number
  maxAttempts: number
}

export const DEFAULT_RETRY: RetryPolicy = { maxTotalMs: 30_000, baseDelayMs: 500, maxDelayMs: 8_000, maxAttempts: 8 }

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
  const deadline = clock.now() + policy.maxTotalMs
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
      retries: Math.max(0, policy.maxAttempts - 1),
      minTimeout: 0,
      factor: 1,
      signal,
      onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
        if (retriesLeft === 0) {
          debug(() => `not retried: all ${policy.maxAttempts} attempts used (${(error as Error).message})`)
          return
        }
        const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptNumber - 1))
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

/**
 * A refusal no wait cures: 401 (the token is not accepted), or a 403 with none of a rate limit's signs
 * (Retry-After, `x-ratelimit-remaining: 0`, a body naming a rate limit; GitHub's secondary limit may
 * come as a bare 403 whose body alone says so).
 */
export function isPermissionFailure(error: unknown): boolean {
  if (!(error instanceof HttpStatusError)) return false
  if (error.status === 401) return true
  return error.status === 403 && !isTransient(error) && !/rate.?limit/i.test(error.excerpt)
}
