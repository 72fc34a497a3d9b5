import type { Clock } from '../clock.js'
import type { HttpClient, HttpResponse } from '../http/client.js'
import { statusError, withRetry } from '../http/retry.js'
import type { ForgeSettings } from '../settings/common.js'
import { ForgeAnswerError } from './errors.js'

/** A pull request that brought a commit: its number (Gitea's index) and title (outside text: escape it). */
export interface PullRequestRef {
  number: number
  title: string
  url: string | undefined
}

export interface IssueComment {
  id: number
  body: string
}

/**
 * The pull requests of a commit, and comments on them, over the REST API with the same classified
 * retries as the other forge calls. The paths are GitHub's and Gitea's alike, except the lookup by commit:
 * - GitHub `GET /commits/{commit_sha}/pulls` (repos/list-pull-requests-associated-with-commit) lists the
 *   merged pull request that brought a commit of the default branch (open ones for other commits), paged.
 * - Gitea has `GET /commits/{sha}/pull` (routers/api/v1/repo/pull.go GetCommitPullRequest, 1.22): the one
 *   pull request whose merge commit is exactly that SHA (GetPullRequestByMergedCommit), else 404. It lacks
 *   the rest: a commit that came in by a merge commit's second parent, a rebase merge's earlier commits,
 *   or a direct push finds none; there is one answer, never a list.
 * - Comments: `GET /issues/{n}/comments` (GitHub pages it, 100 at most a page, `Link: rel="next"`; Gitea
 *   1.22's ListIssueComments answers every comment at once), `POST /issues/{n}/comments` and
 *   `PATCH /issues/comments/{id}` with `{body}` on both.
 */
export class PullRequestApi {
  constructor(
    private readonly settings: ForgeSettings,
    private readonly http: HttpClient,
    private readonly clock: Clock,
    private readonly log: (message: string) => void,
    /** Aborts every request and retry wait of this client (the run's cancel, or the grace after it), as the other forge writes do. */
    private readonly signal?: AbortSignal
  ) {}

  /** The client's signal has aborted (the cancel, or its grace spent): what failed since was stopped, not refused. */
  get stopped(): boolean {
    return this.signal?.aborted === true
  }

  private get repoUrl(): string {
    const { apiUrl, owner, repo } = this.settings
    return `${apiUrl}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`
  }

  private headers(json: boolean): Record<string, string> {
    const github = this.settings.kind === 'github'
    const headers: Record<string, string> = { accept: github ? 'application/vnd.github+json' : 'application/json' }
    if (github) headers['x-github-api-version'] = '2022-11-28'
    if (this.settings.token) headers.authorization = github ? `Bearer ${this.settings.token}` : `token ${this.settings.token}`
    if (json) headers['content-type'] = 'application/json'
    return headers
  }

  /**
   * One call. `retry: false` for a create: a 502 can follow a comment GitHub made, so the caller looks
   * for it before sending the create again, instead of this re-sending it blind.
   */
  private async call(what: string, url: string, init: { method?: string; body?: unknown; retry?: boolean; accept404?: boolean } = {}): Promise<HttpResponse> {
    const once = async (remainingMs: number): Promise<HttpResponse> => {
      const res = await this.http.send({
        url,
        method: init.method ?? 'GET',
        headers: this.headers(init.body !== undefined),
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        timeoutMs: Math.min(this.settings.requestTimeoutMs, remainingMs),
        signal: this.signal
      })
      if ((res.status >= 200 && res.status < 300) || (init.accept404 && res.status === 404)) return res
      throw statusError(what, res, Date.now())
    }
    if (init.retry === false) return once(this.settings.retry.maxTotalMs)
    return withRetry((_attempt, remainingMs) => once(remainingMs), {
      policy: this.settings.retry,
      clock: this.clock,
      signal: this.signal,
      onRetry: ({ delayMs, error }) => this.log(`${what}: ${(error as Error).message}; retrying in ${delayMs} ms`)
    })
  }

  /** The pull requests that brought `sha`, at most `max` of them. */
  async pullsOfCommit(sha: string, max: number): Promise<PullRequestRef[]> {
    if (this.settings.kind === 'gitea') {
      const res = await this.call(`GET pull request of ${sha.slice(0, 7)}`, `${this.repoUrl}/commits/${sha}/pull`, { accept404: true })
      if (res.status === 404) return []
      return [pullOf(json(res, 'the pull request of a commit'))].slice(0, max)
    }
    const res = await this.call(`GET pull requests of ${sha.slice(0, 7)}`, `${this.repoUrl}/commits/${sha}/pulls?per_page=${Math.min(100, Math.max(1, max))}`)
    const list = json(res, 'the pull requests of a commit')
    if (!Array.isArray(list)) throw new ForgeAnswerError('the pull requests of a commit are not a list')
    return list.slice(0, max).map(pullOf)
  }

  /** Every comment of a pull request, page after page (`Link: rel="next"`), at most `maxPages` pages. */
  async comments(pull: number, maxPages: number): Promise<IssueComment[]> {
    const out: IssueComment[] = []
    let url: string | undefined = `${this.repoUrl}/issues/${pull}/comments${this.settings.kind === 'github' ? '?per_page=100' : ''}`
    for (let page = 1; url && page <= maxPages; page++) {
      const res = await this.call(`GET comments of #${pull}`, url)
      const list = json(res, 'the comments of a pull request')
      if (!Array.isArray(list)) throw new ForgeAnswerError('the comments of a pull request are not a list')
      for (const c of list as Array<Record<string, unknown>>) if (typeof c.id === 'number') out.push({ id: c.id, body: typeof c.body === 'string' ? c.body : '' })
      url = nextLink(res.headers.link, this.settings.apiUrl)
    }
    return out
  }

  /** Creates a comment; never retried here (see `call`). Answers its id. */
  async create(pull: number, body: string): Promise<number> {
    const res = await this.call(`POST comment on #${pull}`, `${this.repoUrl}/issues/${pull}/comments`, { method: 'POST', body: { body }, retry: false })
    const id = (json(res, 'the created comment') as { id?: unknown } | null)?.id
    if (typeof id !== 'number') throw new ForgeAnswerError('the created comment has no id')
    return id
  }

  async update(id: number, body: string): Promise<void> {
    await this.call(`PATCH comment ${id}`, `${this.repoUrl}/issues/comments/${id}`, { method: 'PATCH', body: { body } })
  }
}

function json(res: HttpResponse, what: string): unknown {
  try {
    return JSON.parse(res.body.toString('utf8'))
  } catch {
    throw new ForgeAnswerError(`${what} is not JSON`)
  }
}

function pullOf(raw: unknown): PullRequestRef {
  const p = (raw ?? {}) as { number?: unknown; title?: unknown; html_url?: unknown }
  if (typeof p.number !== 'number') throw new ForgeAnswerError('a pull request without a number')
  return { number: p.number, title: typeof p.title === 'string' ? p.title : '', url: typeof p.html_url === 'string' ? p.html_url : undefined }
}

/** The `rel="next"` URL of a Link header, only when it stays on the API's origin (a token goes with it). */
export function nextLink(link: string | undefined, apiUrl: string): string | undefined {
  const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(link ?? '')
  if (!m) return undefined
  try {
    const next = new URL(m[1]!)
    return next.origin === new URL(apiUrl).origin ? next.toString() : undefined
  } catch {
    return undefined
  }
}
