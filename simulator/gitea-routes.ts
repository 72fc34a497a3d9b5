import type { ServerResponse } from 'node:http'
import type { GitRepo } from './git-repo.js'
import { sendJson } from './server.js'

/**
 * The Gitea read routes the action uses, answered from a real git repository the way Gitea's own
 * handlers answer them (routers/api/v1/repo/commits.go and compare.go at v1.22 and v1.23,
 * services/context/api.go). Sources per rule: simulator/README.md.
 */

export interface GiteaLimits {
  /** `[api] MAX_RESPONSE_ITEMS` (default 50): the largest `limit` honoured. */
  maxResponseItems: number
  /** `[git] COMMITS_RANGE_SIZE` (default 50): the commit list's own cap. */
  commitsRangeSize: number
  /** `[api] DEFAULT_PAGING_NUM` (default 30): the page size when `limit` is absent or 0. */
  defaultPagingNum: number
  /** RUN_MODE=dev or an admin caller: 500 answers carry the error text; in production they are empty. */
  showServerErrors: boolean
}

export const DEFAULT_GITEA_LIMITS: GiteaLimits = { maxResponseItems: 50, commitsRangeSize: 50, defaultPagingNum: 30, showServerErrors: false }

export type GiteaVersion = '1.22' | '1.23' | '1.26'

const SWAGGER = '/api/swagger'

/** APIContext.Error(500, …): the message is hidden in production (services/context/api.go). */
function serverError(res: ServerResponse, limits: GiteaLimits, message: string): void {
  sendJson(res, 500, { message: limits.showServerErrors ? message : '', url: SWAGGER })
}

function notFound(res: ServerResponse): void {
  sendJson(res, 404, { errors: [], message: 'The target couldn\u2019t be found.', url: SWAGGER })
}

/** A query flag that defaults to true, as `ctx.FormString(x) == "" || ctx.FormBool(x)` reads it. */
function flag(url: URL, name: string): boolean {
  const v = url.searchParams.get(name)
  return v === null || v === '' || v === 'true' || v === '1'
}

/**
 * One commit as convert.ToCommit renders it: about 1 KB bare, about 2.5 KB with stats, files and
 * verification (what compare sends for every commit of the range).
 */
export function giteaCommit(base: string, sha: string, parts: { stat: boolean; files: boolean; verification: boolean }): object {
  const user = {
    id: 1,
    login: 'sim',
    full_name: 'Simulator',
    email: 'sim@example.invalid',
    avatar_url: `${base}/avatars/0f1e2d3c4b5a69788796a5b4c3d2e1f0`,
    language: '',
    is_admin: false,
    last_login: '0001-01-01T00:00:00Z',
    created: '2024-01-01T00:00:00Z',
    restricted: false,
    active: false,
    prohibit_login: false,
    location: '',
    website: '',
    description: '',
    visibility: 'public',
    followers_count: 0,
    following_count: 0,
    starred_repos_count: 0,
    username: 'sim'
  }
  const who = { name: 'Simulator', email: 'sim@example.invalid', date: '2024-01-01T00:00:00Z' }
  return {
    url: `${base}/api/v1/repos/acme/app/git/commits/${sha}`,
    sha,
    created: '2024-01-01T00:00:00Z',
    html_url: `${base}/acme/app/commit/${sha}`,
    commit: {
      url: `${base}/api/v1/repos/acme/app/git/commits/${sha}`,
      author: who,
      committer: who,
      message: `commit ${sha.slice(0, 7)}\n`,
      tree: { url: `${base}/api/v1/repos/acme/app/git/trees/${sha}`, sha, created: '2024-01-01T00:00:00Z' },
      ...(parts.verification ? { verification: { verified: false, reason: 'gpg.error.not_signed_commit', signature: '', signer: null, payload: '' } } : {})
    },
    author: user,
    committer: user,
    parents: [{ url: `${base}/api/v1/repos/acme/app/git/commits/${sha}`, sha, created: '2024-01-01T00:00:00Z' }],
    ...(parts.files
      ? {
          files: [
            { filename: 'file.txt', status: 'modified' },
            { filename: 'src/service/handlers/deployment_status_reporting.go', status: 'modified' }
          ]
        }
      : {}),
    ...(parts.stat ? { stats: { total: 2, additions: 1, deletions: 1 } } : {})
  }
}

export class GiteaRoutes {
  constructor(
    readonly version: GiteaVersion,
    private readonly repo: GitRepo,
    private readonly limits: GiteaLimits,
    private readonly base: () => string
  ) {}

  /** GET /commits: GetAllCommits. Page size capped by both settings; counts and links in headers. */
  async commits(res: ServerResponse, url: URL): Promise<void> {
    const { limits, repo } = this
    const page = Math.max(1, Number(url.searchParams.get('page')) || 1)
    const asked = Number(url.searchParams.get('limit')) || 0
    // utils.GetListOptions → convert.ToCorrectPageSize, then the commit list's own COMMITS_RANGE_SIZE.
    let pageSize = asked <= 0 ? limits.defaultPagingNum : Math.min(asked, limits.maxResponseItems)
    pageSize = Math.min(pageSize, limits.commitsRangeSize)
    const shaParam = url.searchParams.get('sha') ?? ''
    const not = url.searchParams.get('not') ?? ''
    const start = await repo.resolve(shaParam || 'HEAD')
    if (!start) {
      // 1.22: ctx.Error(500, "GetCommit", err); 1.23: ctx.NotFoundOrServerError("GetCommit", …).
      if (this.version === '1.22') return serverError(res, limits, `object does not exist [id: ${shaParam}, rel_path: ]`)
      return notFound(res)
    }
    // git.CommitsCount with Not: `git rev-list --count <sha> --not <not>`; git refuses an unknown `not`.
    if (not && !(await repo.resolve(not))) return serverError(res, limits, `exit status 128 - fatal: bad revision '${not}'`)
    const total = await repo.total(start, not || undefined)
    const shas = await repo.log(start, (page - 1) * pageSize, pageSize, not || undefined)
    const parts = { stat: flag(url, 'stat'), files: flag(url, 'files'), verification: flag(url, 'verification') }
    const pageCount = Math.ceil(total / pageSize)
    return sendJson(
      res,
      200,
      shas.map((sha) => giteaCommit(this.base(), sha, parts)),
      {
        link: linkHeader(url, this.base(), page, pageSize, total),
        'x-total-count': String(total),
        'x-page': String(page),
        'x-perpage': String(pageSize),
        'x-total': String(total),
        'x-pagecount': String(pageCount),
        'x-hasmore': String(page < pageCount)
      }
    )
  }

  /** GET /git/commits/{sha}: GetSingleCommit; 422 for a malformed ref, 404 for an unknown one (both versions). */
  async singleCommit(res: ServerResponse, ref: string, url: URL): Promise<void> {
    if (!/^[0-9A-Za-z._/-]+$/.test(ref) || ref.includes('..')) return sendJson(res, 422, { message: `no valid ref or sha: ${ref}`, url: SWAGGER })
    const sha = await this.repo.resolve(ref)
    if (!sha) return notFound(res)
    return sendJson(res, 200, giteaCommit(this.base(), sha, { stat: flag(url, 'stat'), files: flag(url, 'files'), verification: flag(url, 'verification') }))
  }

  /**
   * GET /compare/{base}...{head}: every commit of the range, each with stats (always) and files and
   * verification unless turned off. 1.22 takes only branch and tag names; with no merge base the
   * range is empty, so unrelated histories answer 0 commits both ways.
   */
  async compare(res: ServerResponse, spec: string, url: URL): Promise<void> {
    const [baseRef, headRef] = spec.split('...')
    const repo = this.repo
    if (!baseRef || !headRef) return notFound(res)
    if (this.version === '1.22') {
      for (const ref of [baseRef, headRef]) if (!(await repo.isBranch(ref))) return notFound(res)
    }
    const base = await repo.resolve(baseRef)
    const head = await repo.resolve(headRef)
    if (!base || !head) return notFound(res)
    const related = (await repo.mergeBase(base, head)) !== undefined
    const shas = related ? await repo.log(head, 0, 1_000_000, base) : []
    const parts = { stat: true, files: flag(url, 'files'), verification: flag(url, 'verification') }
    return sendJson(res, 200, { total_commits: shas.length, commits: shas.map((sha) => giteaCommit(this.base(), sha, parts)) })
  }
}

/** ctx.SetLinkHeader: next/last when there are more pages, first/prev when past the first. */
function linkHeader(url: URL, base: string, page: number, pageSize: number, total: number): string {
  const last = Math.max(1, Math.ceil(total / pageSize))
  const at = (p: number): string => {
    const u = new URL(`${url.pathname}${url.search}`, base)
    u.searchParams.set('page', String(p))
    u.searchParams.set('limit', String(pageSize))
    return u.toString()
  }
  const links: string[] = []
  if (page < last) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`)
  if (page > 1) links.push(`<${at(1)}>; rel="first"`, `<${at(page - 1)}>; rel="prev"`)
  return links.join(',')
}
