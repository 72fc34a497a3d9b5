import type { IncomingMessage, ServerResponse } from 'node:http'
import { createHash } from 'node:crypto'

/**
 * GitHub's rate limits and conditional requests, as its REST docs describe them:
 * - "Rate limits for the REST API": every answer carries `x-ratelimit-limit`, `-remaining`, `-used`,
 *   `-reset` (epoch seconds) and `-resource`; `GITHUB_TOKEN` has 1,000 requests an hour per repository.
 *   A spent primary limit answers 403 with `x-ratelimit-remaining: 0` and "API rate limit exceeded"; a
 *   secondary limit answers 403 or 429 with a body naming it, `retry-after` when GitHub says how long.
 * - "Best practices for using the REST API" (conditional requests): answers carry an `ETag`; a request
 *   with `If-None-Match` of the current ETag answers `304 Not Modified` and does not count against the
 *   primary rate limit.
 */
export const RATE_LIMIT_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api'

/** The secondary limit's answer; `retryAfterSeconds` omitted is GitHub's "wait at least a minute" case. */
export function secondaryRateLimit(options: { status?: 403 | 429; retryAfterSeconds?: number } = {}): { status: number; headers: Record<string, string>; body: string } {
  const status = options.status ?? 403
  return {
    status,
    headers: options.retryAfterSeconds === undefined ? {} : { 'retry-after': String(options.retryAfterSeconds) },
    body: JSON.stringify({
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.',
      documentation_url: `${RATE_LIMIT_DOCS}#about-secondary-rate-limits`,
      status: String(status)
    })
  }
}

/** The primary limit's answer once spent: remaining 0, and when it resets. */
export function primaryRateLimit(resetEpochSeconds: number, limit = 1000): { status: number; headers: Record<string, string>; body: string } {
  return {
    status: 403,
    headers: { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': '0', 'x-ratelimit-used': String(limit), 'x-ratelimit-reset': String(resetEpochSeconds), 'x-ratelimit-resource': 'core' },
    body: JSON.stringify({ message: 'API rate limit exceeded for installation ID 1.', documentation_url: `${RATE_LIMIT_DOCS}#about-primary-rate-limits`, status: '403' })
  }
}

/**
 * The primary limit of one token: requests charged, 304s free, headers on every answer. `limit` is large
 * by default so tests about something else never run out; 1,000 plays a repository's `GITHUB_TOKEN`.
 */
export class PrimaryLimit {
  used = 0
  /** Conditional reads answered 304 (not charged). */
  notModified = 0
  private readonly resetAt = Math.floor(Date.now() / 1000) + 3600

  constructor(readonly limit = 1_000_000) {}

  get remaining(): number {
    return Math.max(0, this.limit - this.used)
  }

  /** Sets the headers on `res`; answers the spent limit itself and returns true when it is spent. */
  charge(res: ServerResponse, free: boolean): boolean {
    if (!free && this.remaining === 0) {
      const a = primaryRateLimit(this.resetAt, this.limit)
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers })
      res.end(a.body)
      return true
    }
    if (free) this.notModified++
    else this.used++
    res.setHeader('x-ratelimit-limit', String(this.limit))
    res.setHeader('x-ratelimit-remaining', String(this.remaining))
    res.setHeader('x-ratelimit-used', String(this.used))
    res.setHeader('x-ratelimit-reset', String(this.resetAt))
    res.setHeader('x-ratelimit-resource', 'core')
    return false
  }
}

/** A weak ETag of an answer's content, as GitHub sends on reads (`W/"…"`). */
export function etagOf(content: string): string {
  return `W/"${createHash('sha256').update(content).digest('hex').slice(0, 32)}"`
}

/** Whether the request's `If-None-Match` names `etag` (a list, weak or not, or `*`). */
export function matchesIfNoneMatch(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match']
  if (!header) return false
  const bare = (t: string): string => t.trim().replace(/^W\//, '')
  return String(header)
    .split(',')
    .some((t) => t.trim() === '*' || bare(t) === bare(etag))
}
