import type { ServerResponse } from 'node:http'
import { sendJson } from './server.js'

/**
 * Pull requests and their comments, as GitHub and Gitea 1.22+ answer them (the GitHub flavour's request
 * shapes are checked against the OpenAPI description before they get here, github-rules.ts):
 * - GitHub `GET /commits/{commit_sha}/pulls` (repos/list-pull-requests-associated-with-commit): the pull
 *   requests that brought the commit (its merge commit, or one of its commits), `per_page` 30 by default
 *   and 100 at most, `Link: rel="next"`; a commit the repository lacks is 422 "No commit found for SHA".
 * - Gitea `GET /commits/{sha}/pull` (routers/api/v1/repo/pull.go GetCommitPullRequest, 1.22): only the pull
 *   request whose merge commit is exactly `sha` (issues_model.GetPullRequestByMergedCommit), else 404.
 * - `GET /issues/{n}/comments`: GitHub pages it (`per_page` 30 by default, 100 at most, `Link`); Gitea
 *   1.22's ListIssueComments answers every comment at once (only `since`/`before` filters), with
 *   `X-Total-Count` (routers/api/v1/repo/issue_comment.go). An unknown number is 404 on both.
 * - `POST /issues/{n}/comments` answers 201 with the comment; `PATCH /issues/comments/{id}` 200 with it,
 *   404 for a comment that does not exist (deleted). GitHub refuses a body over 65,536 characters with 422
 *   ("Body is too long (maximum is 65536 characters)", its answer to a longer issue comment).
 */
export interface PullRequestFixture {
  number: number
  title: string
  /** The commit the merge made on the base branch (GitHub's `merge_commit_sha`, Gitea's `merged_commit_id`). */
  mergeCommit: string
  /** The pull request's own commits (GitHub lists the pull request for these too). */
  commits?: string[]
}

export interface CommentLog {
  id: number
  pull: number
  body: string
  /** Every body the comment had, the first one included. */
  edits: string[]
}

export const COMMENT_BODY_MAX = 65_536

export class ForgePulls {
  readonly pulls: PullRequestFixture[] = []
  readonly comments: CommentLog[] = []
  private nextId = 1000

  constructor(
    private readonly github: boolean,
    private readonly baseUrl: () => string,
    private readonly knows: (sha: string) => Promise<boolean>
  ) {}

  add(pull: PullRequestFixture): void {
    this.pulls.push(pull)
  }

  /** Comments on one pull request, in creation order. */
  on(pull: number): CommentLog[] {
    return this.comments.filter((c) => c.pull === pull)
  }

  clear(): void {
    this.comments.length = 0
  }

  private shape(p: PullRequestFixture): Record<string, unknown> {
    return { id: p.number, number: p.number, title: p.title, state: 'closed', html_url: `${this.baseUrl()}/pull/${p.number}`, merged_at: '2026-01-01T00:00:00Z', merge_commit_sha: p.mergeCommit }
  }

  /** `rest` is the path after the repository (`/commits/{sha}/pulls`, `/issues/…`). */
  async handle(res: ServerResponse, method: string, rest: string, url: URL, body: unknown): Promise<void> {
    const byCommit = /^\/commits\/([^/]+)\/(pulls|pull)$/.exec(rest)
    // Each forge has only its own form: GitHub's plural list, Gitea's singular answer.
    if (byCommit && method === 'GET' && (byCommit[2] === 'pulls') === this.github) return this.byCommit(res, byCommit[1]!, this.github, url)
    const list = /^\/issues\/(\d+)\/comments$/.exec(rest)
    if (list) {
      const pull = Number(list[1])
      if (!this.pulls.some((p) => p.number === pull)) return sendJson(res, 404, { message: 'Not Found' })
      if (method === 'POST') return this.create(res, pull, body)
      if (method === 'GET') return this.list(res, pull, url)
    }
    const one = /^\/issues\/comments\/(\d+)$/.exec(rest)
    if (one && method === 'PATCH') return this.edit(res, Number(one[1]), body)
    return sendJson(res, 404, { message: 'Not Found' })
  }

  private async byCommit(res: ServerResponse, sha: string, list: boolean, url: URL): Promise<void> {
    if (!list) {
      // Gitea: by merge commit only, the full SHA exactly.
      const pr = this.pulls.find((p) => p.mergeCommit === sha)
      return pr ? sendJson(res, 200, this.shape(pr)) : sendJson(res, 404, { message: 'pull request does not exist', url: '/api/swagger' })
    }
    if (!(await this.knows(sha)))
      return sendJson(res, 422, {
        message: `No commit found for SHA: ${sha}`,
        documentation_url: 'https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit',
        status: '422'
      })
    const found = this.pulls.filter((p) => p.mergeCommit === sha || p.commits?.includes(sha))
    return this.paged(
      res,
      found.map((p) => this.shape(p)),
      url
    )
  }

  private list(res: ServerResponse, pull: number, url: URL): void {
    const all = this.on(pull).map((c) => ({ id: c.id, body: c.body, user: { login: 'github-actions[bot]' } }))
    if (!this.github) return sendJson(res, 200, all, { 'x-total-count': String(all.length) })
    return this.paged(res, all, url)
  }

  /** GitHub's paging: `per_page` 30 by default, 100 at most; the next page only in `Link`. */
  private paged(res: ServerResponse, all: unknown[], url: URL): void {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30))
    const page = Number(url.searchParams.get('page') ?? 1)
    const slice = all.slice((page - 1) * perPage, page * perPage)
    const next = new URL(`${url.pathname}${url.search}`, this.baseUrl())
    next.searchParams.set('page', String(page + 1))
    return sendJson(res, 200, slice, all.length > page * perPage ? { link: `<${next.toString()}>; rel="next"` } : {})
  }

  private create(res: ServerResponse, pull: number, body: unknown): void {
    const text = (body as { body?: unknown } | undefined)?.body
    if (typeof text !== 'string' || text === '') return sendJson(res, 422, { message: 'Validation Failed' })
    if (this.github && text.length > COMMENT_BODY_MAX) return sendJson(res, 422, { message: `Body is too long (maximum is ${COMMENT_BODY_MAX} characters)` })
    const c: CommentLog = { id: this.nextId++, pull, body: text, edits: [text] }
    this.comments.push(c)
    return sendJson(res, 201, { id: c.id, body: c.body })
  }

  private edit(res: ServerResponse, id: number, body: unknown): void {
    const c = this.comments.find((x) => x.id === id)
    if (!c) return sendJson(res, 404, { message: 'Not Found' })
    const text = (body as { body?: unknown } | undefined)?.body
    if (typeof text !== 'string') return sendJson(res, 422, { message: 'Validation Failed' })
    if (this.github && text.length > COMMENT_BODY_MAX) return sendJson(res, 422, { message: `Body is too long (maximum is ${COMMENT_BODY_MAX} characters)` })
    c.body = text
    c.edits.push(text)
    return sendJson(res, 200, { id: c.id, body: c.body })
  }

  /** A comment deleted by someone (the next edit answers 404). */
  remove(id: number): void {
    const i = this.comments.findIndex((c) => c.id === id)
    if (i >= 0) this.comments.splice(i, 1)
  }
}
