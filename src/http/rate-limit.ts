/**
 * GitHub's rate limits as its REST docs describe them ("Rate limits for the REST API", "Exceeding the
 * rate limit"), read from one answer. Pure functions: the retry loop (retry.ts) decides the waits.
 *
 * - primary: `x-ratelimit-remaining: 0`; wait until `x-ratelimit-reset` (epoch seconds);
 * - secondary: a 403 or 429 with `retry-after`, or whose body names a secondary rate limit (or the older
 *   "abuse detection" wording); honour `retry-after`, otherwise wait at least a minute, then back off
 *   exponentially.
 *
 * A 403 with none of these signs is a refusal (a missing permission), never a rate limit; a 429 with none of
 * them is an ordinary transient answer (retried with backoff within the retry budget).
 */
export type RateLimitKind = 'primary' | 'secondary'

/** "If you don't have a retry-after header … wait for at least one minute before retrying." */
export const SECONDARY_MIN_WAIT_MS = 60_000

const SECONDARY_BODY = /secondary rate limit|abuse detection|rate limit exceeded/i

export function rateLimitKind(status: number, headers: Record<string, string>, body: string): RateLimitKind | undefined {
  if (status !== 403 && status !== 429) return undefined
  if (headers['x-ratelimit-remaining']?.trim() === '0') return 'primary'
  if (headers['retry-after']?.trim() || SECONDARY_BODY.test(body)) return 'secondary'
  // A bare 429 (a proxy, a control plane) is an ordinary transient answer, retried with backoff; a bare 403 a refusal.
  return undefined
}

/**
 * How long to wait before the `n`th attempt after a rate-limited one (`n` counts the rate-limited answers
 * in a row, from 1). `askedMs` is what the server said (Retry-After, or the reset of a spent primary
 * limit); without it a secondary limit waits a minute, doubling each time it answers again.
 */
export function rateLimitWaitMs(kind: RateLimitKind, askedMs: number | undefined, n: number): number {
  if (askedMs !== undefined) return kind === 'primary' ? askedMs + 1000 : askedMs
  return SECONDARY_MIN_WAIT_MS * 2 ** Math.max(0, n - 1)
}

/** What the answer said about the primary limit, for the report (undefined when GitHub did not say). */
export function rateLimitRemaining(headers: Record<string, string | number | undefined>): number | undefined {
  const raw = headers['x-ratelimit-remaining']
  if (raw === undefined) return undefined
  const n = Number(raw)
  return Number.isInteger(n) && n >= 0 ? n : undefined
}

/**
 * The job stops on a rate limit it cannot wait out: the wait the forge asks for is longer than the time
 * the job may spend waiting. Nothing is sent after it; the message names the limit and when it lifts.
 */
export class RateLimitError extends Error {
  constructor(
    readonly what: string,
    readonly kind: RateLimitKind,
    readonly waitMs: number,
    readonly budgetMs: number,
    /** Set when the limit kept answering after this many waits (rather than asking for one too long). */
    readonly waits?: number
  ) {
    super(
      waits
        ? `${what}: the forge's ${kind} rate limit still answered after ${waits} waits; stopped without sending more`
        : `${what}: the forge's ${kind} rate limit is spent and lifts in ${Math.ceil(waitMs / 1000)} s, longer than the ${Math.round(budgetMs / 1000)} s this job may wait for it; stopped without sending more`
    )
    this.name = 'RateLimitError'
  }
}
