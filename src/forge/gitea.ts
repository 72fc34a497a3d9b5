import type { Clock } from '../clock.js'
import type { HttpClient, HttpResponse } from '../http/client.js'
import { HttpStatusError, statusError, withRetry } from '../http/retry.js'
import type { ForgeSettings } from '../settings/common.js'
import { ForgeAnswerError } from './errors.js'
import { walkRelation } from './history-walk.js'
import { type CommitStatus, type CommitStatusRead, type Comparison, type Forge, FULL_SHA, MAX_RECORD_PAGES } from './types.js'

/**
 * Gitea 1.22+ over its REST API (`/api/v1`). Differences from GitHub that matter here:
 * the branch head is `commit.id`; compare answers only `total_commits`, so ahead/behind come from asking
 * both directions; before 1.23 compare refuses SHAs (404) and from 1.25 it fails when the pull-request unit
 * is off, so ancestry then comes from a bounded walk of the commit list instead.
 */
export class GiteaForge implements Forge {
  readonly kind = 'gitea' as const
  readonly checks = undefined
  private compareWorks = true

  constructor(
    private readonly settings: ForgeSettings,
    private readonly http: HttpClient,
    private readonly clock: Clock,
    private readonly log: (message: string) => void,
    private readonly maxWalk = 1000
  ) {}

  private get repoPath(): string {
    const { apiUrl, owner, repo } = this.settings
    return `${apiUrl}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`
  }

  /** One API call with classified retries; non-2xx becomes an HttpStatusError. */
  async request(what: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (this.settings.token) headers.authorization = `token ${this.settings.token}`
    if (init.body !== undefined) headers['content-type'] = 'application/json'
    return withRetry(
      async (_attempt, remainingMs) => {
        const res = await this.http.send({
          url: `${this.repoPath}${path}`,
          method: init.method ?? 'GET',
          headers,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          timeoutMs: Math.min(this.settings.requestTimeoutMs, remainingMs)
        })
        if (res.status < 200 || res.status >= 300) throw statusError(what, res, Date.now())
        return res
      },
      {
        policy: this.settings.retry,
        clock: this.clock,
        onRetry: ({ delayMs, error }) => this.log(`${what}: ${(error as Error).message}; retrying in ${delayMs} ms`)
      }
    )
  }

  async json(what: string, path: string): Promise<unknown> {
    const res = await this.request(what, path)
    try {
      return JSON.parse(res.body.toString('utf8'))
    } catch {
      throw new ForgeAnswerError(`${what} answered a body that is not JSON`)
    }
  }

  async branchHead(branch: string): Promise<string> {
    const path = `/branches/${branch.split('/').map(encodeURIComponent).join('/')}`
    const data = (await this.json(`GET branch ${branch}`, path)) as { commit?: { id?: unknown } } | null
    const id = data?.commit?.id
    if (typeof id !== 'string' || !FULL_SHA.test(id.toLowerCase())) {
      throw new ForgeAnswerError(`the branch answer for '${branch}' has no commit.id`)
    }
    return id.toLowerCase()
  }

  async compare(base: string, head: string): Promise<Comparison> {
    if (this.compareWorks) {
      try {
        const ahead = await this.countCommits(base, head)
        const behind = await this.countCommits(head, base)
        return fromCounts(ahead, behind)
      } catch (error) {
        if (!(error instanceof HttpStatusError) || ![404, 500].includes(error.status)) throw error
        // 1.22 cannot compare SHAs; 1.25 without the PR unit cannot compare at all. Walk instead, and
        // remember so later comparisons in this run go straight to the walk.
        this.compareWorks = false
        this.log(`compare by SHA is not available on this Gitea (HTTP ${error.status}); walking commit history instead`)
      }
    }
    return walkRelation(base, head, this.maxWalk, (from, page, limit) => this.listCommits(from, page, limit))
  }

  private async countCommits(base: string, head: string): Promise<number> {
    const data = (await this.json(`compare ${base.slice(0, 7)}...${head.slice(0, 7)}`, `/compare/${base}...${head}`)) as {
      total_commits?: unknown
    } | null
    if (typeof data?.total_commits !== 'number') throw new ForgeAnswerError('compare answered without total_commits')
    return data.total_commits
  }

  private async listCommits(from: string, page: number, limit: number): Promise<string[]> {
    const q = `sha=${encodeURIComponent(from)}&limit=${limit}&page=${page}&stat=false&verification=false&files=false`
    const data = await this.json(`list commits from ${from.slice(0, 12)}`, `/commits?${q}`)
    if (!Array.isArray(data)) throw new ForgeAnswerError('the commit list is not an array')
    return data.map((c: { sha?: unknown }) => String(c?.sha ?? '').toLowerCase())
  }

  async createCommitStatus(s: CommitStatus): Promise<void> {
    await this.request(`POST status ${s.context}`, `/statuses/${s.sha}`, {
      method: 'POST',
      body: { state: s.state, context: s.context, description: s.description, target_url: s.targetUrl ?? '' }
    })
  }

  /**
   * `GET /statuses/{sha}` (routers/api/v1/repo/status.go, 1.22): every status ever set, newest first,
   * `limit`/`page` capped by `[api] MAX_RESPONSE_ITEMS`, the total in `X-Total-Count`. The state is
   * named `status` in the answer. Paged by what the server says, never by an assumed page size.
   */
  async listCommitStatuses(sha: string, context: string): Promise<CommitStatusRead[]> {
    const out: CommitStatusRead[] = []
    let seen = 0
    for (let page = 1; page <= MAX_RECORD_PAGES; page++) {
      const res = await this.request(`GET statuses of ${sha.slice(0, 7)}`, `/statuses/${encodeURIComponent(sha)}?limit=50&page=${page}`)
      let data: unknown
      try {
        data = JSON.parse(res.body.toString('utf8'))
      } catch {
        throw new ForgeAnswerError('the status list is not JSON')
      }
      if (!Array.isArray(data)) throw new ForgeAnswerError('the status list is not an array')
      seen += data.length
      for (const s of data as Array<Record<string, unknown>>) {
        const state = s?.status ?? s?.state
        if (s?.context === context) out.push({ state: String(state), context, description: String(s.description ?? ''), targetUrl: typeof s.target_url === 'string' ? s.target_url : undefined, createdAt: typeof s.created_at === 'string' ? s.created_at : undefined })
      }
      const total = Number(res.headers['x-total-count'])
      if (data.length === 0 || (Number.isFinite(total) ? seen >= total : true)) break
    }
    return out
  }
}

function fromCounts(ahead: number, behind: number): Comparison {
  if (ahead === 0 && behind === 0) return { relation: 'identical', aheadBy: 0, behindBy: 0 }
  if (behind === 0) return { relation: 'ahead', aheadBy: ahead, behindBy: 0 }
  if (ahead === 0) return { relation: 'behind', aheadBy: 0, behindBy: behind }
  return { relation: 'diverged', aheadBy: ahead, behindBy: behind }
}
