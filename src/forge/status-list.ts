import { ForgeAnswerError } from './errors.js'
import type { CommitStatusRead, StatusPage } from './types.js'

/**
 * The newest page of a commit's statuses, as both forges list them (every write of every context,
 * newest first), read as one request. Where the combined status keeps only the latest write of each
 * context, this page also holds the writes just before it: a re-run's `running` status that an older
 * attempt's late end was written over. Its reach is one page: a write with more than a page of newer
 * statuses on the commit after it is out of reach here (the combined status still has each context's
 * latest).
 */

/** GitHub: `per_page` at most 100 (OpenAPI repos/list-commit-statuses-for-ref). */
export const GITHUB_STATUS_PAGE = 100
/**
 * Gitea: `limit` asked for; the server caps it at `[api] MAX_RESPONSE_ITEMS` (50 by default, lowerable by
 * its admin: utils.GetListOptions, convert.ToCorrectPageSize), so the page may hold fewer.
 */
export const GITEA_STATUS_PAGE = 50

/**
 * Gitea's sort that lists newest first by the commit's own status index, a strict write order. Its names
 * are inverted: `leastindex` orders "`index` DESC" (models/git/commit_status.go, CommitStatusOptions.ToOrders,
 * 1.22); the default, "created_unix DESC", orders by whole seconds and leaves the writes of one second in
 * no set order.
 */
export const GITEA_NEWEST_FIRST = 'leastindex'

/** One listed status, the state under `state` (GitHub) or `status` (Gitea); its time when the forge gave one. */
export function statusOf(raw: unknown): CommitStatusRead {
  const s = (raw ?? {}) as Record<string, unknown>
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
  return {
    state: String(s.state ?? s.status),
    context: String(s.context ?? ''),
    description: String(s.description ?? ''),
    targetUrl: text(s.target_url),
    createdAt: text(s.updated_at) ?? text(s.created_at)
  }
}

/** A list answer as a page; `complete(n)` says whether `n` listed statuses are every one the commit has. */
export function statusPage(data: unknown, complete: (listed: number) => boolean): StatusPage {
  if (!Array.isArray(data)) throw new ForgeAnswerError('the status list is not a list')
  return { statuses: data.map(statusOf), complete: complete(data.length) }
}
