import { type Clock, wallNow } from '../clock.js'
import type { HttpClient, HttpResponse } from '../http/client.js'
import { HttpStatusError, isTransient, statusError, withRetry } from '../http/retry.js'
import type { ForgeSettings } from '../settings/common.js'
import { AnswerTooLargeError } from '../http/bounded-fetch.js'
import { ForgeAnswerError, UnknownCommitError } from './errors.js'
import { requestKind } from './budget.js'
import { countForgeRequest } from '../report/counters.js'
import { ForgeClock } from './forge-clock.js'
import { type CommitStatus, type CommitStatusRead, type Comparison, type Forge, FULL_SHA, MAX_RECORD_PAGES, relationFromCounts, type StatusPage } from './types.js'
import { GITEA_NEWEST_FIRST, GITEA_STATUS_PAGE, statusPage } from './status-list.js'

/** Query flags that keep commit answers light: no diff stats, no signature checks, no file lists. */
const LIGHT = 'stat=false&verification=false&files=false'

interface RequestOptions {
  method?: string
  body?: unknown
  /** Turns a refusal into a sharper error (tried before the status is classified as transient or not). */
  classify?: (res: HttpResponse) => Promise<Error | undefined>
}

/**
 * Gitea 1.22+ over its REST API (`/api/v1`). Differences from GitHub that matter here:
 * - the branch head is `commit.id`;
 * - compare lists every commit of the range with stats (about 2.5 KB a commit, no paging), takes no
 *   SHAs before 1.23, calls unrelated histories "0 commits" both ways in 1.23 and fails without the
 *   pull-request unit from 1.25. So ancestry never uses it: it counts `git rev-list head --not base`
 *   both ways through the commit list (`sha` + `not`, its `X-Total-Count`), one light request each,
 *   whatever the gap (routers/api/v1/repo/commits.go, v1.22 and v1.23).
 */
export class GiteaForge implements Forge {
  readonly kind = 'gitea' as const
  readonly checks = undefined
  /** The forge's clock, from the `Date` header Go's net/http server puts on every answer. */
  private readonly time: ForgeClock

  constructor(
    private readonly settings: ForgeSettings,
    private readonly http: HttpClient,
    private readonly clock: Clock,
    private readonly log: (message: string) => void,
    /** Aborts every request and retry wait of this client (the run's cancel). */
    private readonly cancel?: AbortSignal
  ) {
    this.time = new ForgeClock(clock)
  }

  forgeNow(): number | undefined {
    return this.time.now()
  }

  /** The forge's time as its answers told it, else the runner's: what a Retry-After date is measured from. */
  private forgeTime(): number {
    return this.time.now() ?? wallNow(this.clock)
  }

  private get repoPath(): string {
    const { apiUrl, owner, repo } = this.settings
    return `${apiUrl}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`
  }

  private headers(json: boolean): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (this.settings.token) headers.authorization = `token ${this.settings.token}`
    if (json) headers['content-type'] = 'application/json'
    return headers
  }

  /** One API call with classified retries; non-2xx becomes an HttpStatusError (or what `classify` says). */
  async request(what: string, path: string, init: RequestOptions = {}): Promise<HttpResponse> {
    const headers = this.headers(init.body !== undefined)
    return withRetry(
      async (_attempt, remainingMs) => {
        const method = init.method ?? 'GET'
        const res = await this.http.send({
          url: `${this.repoPath}${path}`,
          method,
          headers,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          timeoutMs: Math.min(this.settings.requestTimeoutMs, remainingMs),
          signal: this.cancel
        })
        this.time.heard(res.headers.date)
        // Gitea sends no rate-limit headers (docs/permissions.md): counted by kind only.
        countForgeRequest(requestKind(method, `/repos/o/r${path}`), res.status, undefined)
        if (res.status >= 200 && res.status < 300) return res
        // A Retry-After date (a proxy's 429, say) is read on the forge's clock, as on GitHub (github.ts).
        throw (await init.classify?.(res)) ?? statusError(what, res, this.forgeTime())
      },
      {
        policy: this.settings.retry,
        clock: this.clock,
        signal: this.cancel,
        onRetry: ({ delayMs, error }) => this.log(`${what}: ${(error as Error).message}; retrying in ${delayMs} ms`)
      }
    )
  }

  /** The parsed JSON body of a successful call. */
  async json(what: string, path: string, init: RequestOptions = {}): Promise<unknown> {
    return (await this.jsonAnswer(what, path, init)).data
  }

  /** The parsed JSON body with the response it came in (for its headers). */
  async jsonAnswer(what: string, path: string, init: RequestOptions = {}): Promise<{ data: unknown; res: HttpResponse }> {
    const res = await this.request(what, path, init)
    // The HTTP client cuts bodies at its cap: half a JSON document is no answer, whatever it parses to.
    if (res.truncated) throw new ForgeAnswerError(`${what}: ${new AnswerTooLargeError(new URL(res.url).host, res.body.length).message}`)
    try {
      return { data: JSON.parse(res.body.toString('utf8')), res }
    } catch {
      throw new ForgeAnswerError(`${what} answered a body that is not JSON`)
    }
  }

  async branchHead(branch: string): Promise<string> {
    const path = `/branches/${branch.split('/').map(encodeURIComponent).join('/')}`
    const data = await this.json(`GET branch ${branch}`, path)
    const id = (data as { commit?: { id?: unknown } } | null)?.commit?.id
    if (typeof id !== 'string' || !FULL_SHA.test(id.toLowerCase())) {
      throw new ForgeAnswerError(`the branch answer for '${branch}' has no commit.id`)
    }
    return id.toLowerCase()
  }

  get repository(): string {
    return `${this.settings.owner}/${this.settings.repo}`
  }

  async readRepository(): Promise<void> {
    await this.json(`GET repository ${this.repository}`, '')
  }

  /** `GET /version` (routers/api/v1/misc/version.go) answers `{"version": "1.22.x"}` at the API root only. */
  async apiMismatch(): Promise<string | undefined> {
    const url = `${this.settings.apiUrl}/version`
    const res = await withRetry(
      async (_attempt, remainingMs) => {
        const r = await this.http.send({ url, headers: this.headers(false), timeoutMs: Math.min(this.settings.requestTimeoutMs, remainingMs), maxBodyBytes: 64 * 1024, signal: this.cancel })
        this.time.heard(r.headers.date)
        if (r.status >= 200 && r.status < 300) return r
        throw statusError(`GET ${url}`, r, this.forgeTime())
      },
      { policy: this.settings.retry, clock: this.clock, signal: this.cancel }
    ).catch((error: unknown) => {
      if (error instanceof HttpStatusError && !isTransient(error) && error.status !== 401 && error.status !== 403) return `GET ${url} answered HTTP ${error.status}`
      throw error
    })
    if (typeof res === 'string') return res
    try {
      const version = (JSON.parse(res.body.toString('utf8')) as { version?: unknown } | null)?.version
      if (typeof version === 'string') return undefined
    } catch {
      return `GET ${url} answered a body that is not JSON (a web page?)`
    }
    return `GET ${url} answered JSON without a version`
  }

  async compare(base: string, head: string): Promise<Comparison> {
    const ahead = await this.countOnly(head, base)
    const behind = await this.countOnly(base, head)
    return relationFromCounts(base, head, ahead, behind)
  }

  /** How many commits of `from`'s history are not in `not`'s: `git rev-list --count from --not not`. */
  private async countOnly(from: string, not: string): Promise<number> {
    const what = `count commits of ${from.slice(0, 7)} not in ${not.slice(0, 7)}`
    const q = `sha=${encodeURIComponent(from)}&not=${encodeURIComponent(not)}&limit=1&page=1&${LIGHT}`
    const { data, res } = await this.jsonAnswer(what, `/commits?${q}`, {
      // Gitea 1.22 answers 500 (not 404) for a SHA it does not know, and both versions answer 500 when
      // `not` names one; in production the message is empty. Ask the single-commit route, which answers 404.
      classify: (r) => (r.status === 500 ? this.unknownAmong(what, [from, not]) : Promise.resolve(undefined))
    })
    const total = Number(res.headers['x-total-count'])
    if (!Array.isArray(data)) throw new ForgeAnswerError(`${what}: the commit list is not an array`)
    if (res.headers['x-total-count'] === undefined || !Number.isInteger(total) || total < 0) {
      throw new ForgeAnswerError(`${what}: the commit list came without a usable X-Total-Count header`)
    }
    // A count that disagrees with the page it came with is no count (a proxy rewrote one of them).
    if ((total === 0) !== (data.length === 0)) throw new ForgeAnswerError(`${what}: X-Total-Count ${total} disagrees with ${data.length} commits listed`)
    return total
  }

  /** An UnknownCommitError naming the first of `shas` the forge says it does not have, else undefined. */
  private async unknownAmong(what: string, shas: string[]): Promise<Error | undefined> {
    for (const sha of shas) {
      const res = await this.http
        .send({ url: `${this.repoPath}/git/commits/${encodeURIComponent(sha)}?${LIGHT}`, headers: this.headers(false), timeoutMs: this.settings.requestTimeoutMs, signal: this.cancel })
        .catch(() => undefined)
      if (res?.status === 404) return new UnknownCommitError(`${what}: the forge does not know commit ${sha.slice(0, 12)}`)
    }
    return undefined
  }

  async resolveCommit(ref: string): Promise<string | undefined> {
    try {
      const data = await this.json(`GET commit ${ref}`, `/git/commits/${encodeURIComponent(ref)}?${LIGHT}`)
      const sha = (data as { sha?: unknown } | null)?.sha
      if (typeof sha !== 'string' || !FULL_SHA.test(sha.toLowerCase())) throw new ForgeAnswerError(`the commit answer for '${ref}' has no sha`)
      return sha.toLowerCase()
    } catch (error) {
      // 404: no such commit; 422: not a valid ref pattern (routers/api/v1/repo/commits.go GetSingleCommit).
      if (error instanceof HttpStatusError && [404, 422].includes(error.status)) return undefined
      throw error
    }
  }

  async createCommitStatus(s: CommitStatus): Promise<void> {
    await this.request(`POST status ${s.context}`, `/statuses/${s.sha}`, {
      method: 'POST',
      body: { state: s.state, context: s.context, description: s.description, target_url: s.targetUrl ?? '' }
    })
  }

  /**
   * `GET /commits/{ref}/status` (GetCombinedCommitStatusByRef, routers/api/v1/repo/status.go, 1.22): the
   * latest status of each context (models/git/commit_status.go GetLatestCommitStatus), `limit`/`page`
   * capped by `[api] MAX_RESPONSE_ITEMS`, the number of contexts in `X-Total-Count`; the state is named
   * `status`. Paged by what the server says, never by an assumed page size.
   */
  async latestStatuses(sha: string): Promise<CommitStatusRead[]> {
    const out: CommitStatusRead[] = []
    for (let page = 1; ; page++) {
      const { data, res } = await this.jsonAnswer(`GET combined status of ${sha.slice(0, 7)}`, `/commits/${encodeURIComponent(sha)}/status?limit=50&page=${page}`)
      const total = Number(res.headers['x-total-count'])
      // No status at all (or a page past the last context): Gitea answers a zero-valued CombinedStatus,
      // `statuses: null`, before it sets X-Total-Count (GetCombinedCommitStatusByRef, 1.22). That exact
      // shape is "no records"; anything else without a count is still an unreadable answer.
      if (res.headers['x-total-count'] === undefined && isEmptyCombined(data)) break
      const list = (data as { statuses?: unknown } | null)?.statuses ?? []
      if (!Array.isArray(list)) throw new ForgeAnswerError('the combined status has no statuses list')
      for (const s of list as Array<Record<string, unknown>>) {
        out.push({
          state: String(s?.status ?? s?.state),
          context: String(s?.context ?? ''),
          description: String(s?.description ?? ''),
          targetUrl: typeof s?.target_url === 'string' ? s.target_url : undefined,
          createdAt: typeof s?.updated_at === 'string' ? s.updated_at : typeof s?.created_at === 'string' ? s.created_at : undefined
        })
      }
      if (!Number.isInteger(total) || total < 0) throw new ForgeAnswerError('the combined status came without a usable X-Total-Count header')
      if (list.length === 0 || out.length >= total) break
      if (page >= MAX_RECORD_PAGES) throw new ForgeAnswerError(`the commit has ${total} status contexts, more than the ${out.length} read`)
    }
    return out
  }

  /**
   * `GET /statuses/{sha}` (GetCommitStatuses, routers/api/v1/repo/status.go, 1.22): every status of the
   * commit, sorted newest first by its index (see GITEA_NEWEST_FIRST), `limit` capped by the server, the
   * number of statuses in `X-Total-Count` (set on every answer, an empty list included). One page.
   */
  async recentStatuses(sha: string): Promise<StatusPage> {
    const q = `sort=${GITEA_NEWEST_FIRST}&limit=${GITEA_STATUS_PAGE}&page=1`
    const { data, res } = await this.jsonAnswer(`GET statuses of ${sha.slice(0, 7)}`, `/statuses/${encodeURIComponent(sha)}?${q}`)
    const total = Number(res.headers['x-total-count'])
    if (res.headers['x-total-count'] === undefined || !Number.isInteger(total) || total < 0) throw new ForgeAnswerError('the status list came without a usable X-Total-Count header')
    // A page shorter than asked may still be full (an admin's lower cap): only the count says it is all.
    return statusPage(data, (listed) => listed >= total)
  }
}

/** Gitea's `&api.CombinedStatus{}`: no statuses (null), no state, no count. */
function isEmptyCombined(data: unknown): boolean {
  const d = data as { statuses?: unknown; state?: unknown; total_count?: unknown } | null
  return d !== null && typeof d === 'object' && d.statuses === null && (d.state === '' || d.state === undefined) && (d.total_count === 0 || d.total_count === undefined)
}
