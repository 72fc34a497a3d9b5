import type { CheckRunRead } from '../../src/forge/types.js'
import { primaryRateLimit } from '../github-rate-limits.js'
import type { Answer } from './types.js'

/**
 * The bodies and headers of the in-process forge API's answers (forge-routes.ts): JSON replies, GitHub's
 * rate-limit headers, what a fault answers, and a check run as GitHub lists it.
 */

export interface Reply {
  status: number
  headers: Record<string, string>
  /** JSON unless a string is given as it is (a bare SHA); none for a 304. */
  body?: unknown
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({ status, headers: { 'content-type': 'application/json', ...headers }, body })
/** GitHub's answers carry the primary limit's headers (REST docs, "Rate limits for the REST API"); far from spent here. */
export const RATE = { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '900', 'x-ratelimit-used': '100', 'x-ratelimit-resource': 'core' }

/** How far off the primary limit's reset is for `limit` (within the 15 minutes a call may wait) and `limit-long` (past them). */
export const PRIMARY_RESET_SECONDS = { limit: 60, 'limit-long': 2400 } as const

/**
 * What a fault answers, whatever the route: a 503, GitHub's secondary rate limit (403 or 429, with
 * `retry-after`), or its spent primary limit (`limit`, `limit-long`), its reset in epoch seconds on the
 * forge's clock (`forgeMs`, the time its `Date` header says).
 */
export function fault(answer: Answer, github: boolean, forgeMs: number): Reply | undefined {
  if (answer === 'err' || answer === '503') return json(503, { message: 'Service Unavailable' })
  if (answer === 'limit' || answer === 'limit-long') {
    // Gitea has no primary limit of its own and sends no `x-ratelimit-*` header (docs/rate-limits.md, "Gitea").
    if (!github) throw new Error(`'${answer}' is GitHub's primary rate limit; Gitea has none`)
    // "If you exceed your primary rate limit, you will receive a 403 or 429 response, and the
    // x-ratelimit-remaining header will be 0 ... you should not make another request until after the time
    // specified by the x-ratelimit-reset header ... in UTC epoch seconds" (REST docs, "Rate limits for the REST
    // API", "Exceeding the rate limit"; "Best practices for using the REST API"): the body and headers as
    // simulator/github-rate-limits.ts answers a spent GITHUB_TOKEN hour, as a 403 (`limit`) or a 429 (`limit-long`).
    const spent = primaryRateLimit(Math.floor(forgeMs / 1000) + PRIMARY_RESET_SECONDS[answer])
    return json(answer === 'limit' ? 403 : 429, JSON.parse(spent.body), spent.headers)
  }
  // "You may receive a 403 or 429 response ... If the retry-after response header is present, you should not
  // retry your request until after that many seconds has elapsed" (REST docs, "Rate limits for the REST API").
  if (answer === '403' || answer === '429')
    return json(Number(answer), { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, github ? { ...RATE, 'retry-after': '60' } : {})
  return undefined
}

/** A check run's create or PATCH body, as the explorer's records keep it. */
export function update(b: Record<string, unknown>) {
  const output = (b.output ?? {}) as Record<string, unknown>
  return {
    status: b.status as 'in_progress' | 'completed' | undefined,
    conclusion: b.conclusion as never,
    externalId: typeof b.external_id === 'string' ? b.external_id : undefined,
    detailsUrl: typeof b.details_url === 'string' ? b.details_url : undefined,
    title: String(output.title ?? ''),
    summary: String(output.summary ?? '')
  }
}

export function checkJson(sha: string, c: CheckRunRead): Record<string, unknown> {
  return {
    id: c.id,
    head_sha: sha,
    name: c.name,
    status: c.status,
    conclusion: c.conclusion,
    external_id: c.externalId ?? '',
    started_at: c.startedAt,
    details_url: c.detailsUrl,
    output: { title: c.title, summary: null }
  }
}

/** `deploy`, `shard 1`, `reconcile`: the record names as a schedule shows them. */
export function shortName(name: string, deploy: string | undefined): string {
  if (name === deploy) return 'deploy'
  const shard = /\(shard (\d+)\)$/.exec(name)
  if (shard) return `shard ${shard[1]}`
  return name.endsWith('/reconcile') ? 'reconcile' : name
}
