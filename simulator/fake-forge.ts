import type { IncomingMessage, ServerResponse } from 'node:http'
import { type DeploymentLog, ForgeDeployments } from './forge-deployments.js'
import { ForgePulls } from './forge-pulls.js'
import { drainViolations, pendingViolations } from './forge-violations.js'
import { type CheckRunLog, ForgeReports, type StatusLog } from './forge-reports.js'
import type { GitRepo } from './git-repo.js'
import { DEFAULT_GITEA_LIMITS, type GiteaLimits, GiteaRoutes, type GiteaVersion } from './gitea-routes.js'
import { prepareGithubRules } from './github-openapi.js'
import { githubRefusal } from './github-rules.js'
import { etagOf, matchesIfNoneMatch, PrimaryLimit } from './github-rate-limits.js'
import { type RunningServer, sendJson, startServer } from './server.js'

/**
 * A fake forge on 127.0.0.1 that answers from a real git repository, as strict as the forge it plays
 * (simulator/README.md lists every rule and its source):
 * - `github`: every request is checked against GitHub's OpenAPI description and its prose limits; a
 *   refused one answers 422 as GitHub does and is recorded in `violations`, which fail the test.
 * - `gitea-1.22`, `gitea-1.23`, `gitea-1.26`: answers as Gitea's handlers do at that version: page caps
 *   and pagination headers, heavy compare bodies, SHAs refused by 1.22's compare, unrelated histories
 *   as 0 commits, 500 (1.22) or 404 (1.23) for an unknown SHA.
 */
export type ForgeFlavour = 'github' | 'gitea-1.22' | 'gitea-1.23' | 'gitea-1.26'

/** A request the real forge would have refused as malformed: a defect of the caller, never of the fake. */
export interface Violation {
  flavour: ForgeFlavour
  method: string
  path: string
  status: number
  message: string
}

export type { CheckRunLog, StatusLog } from './forge-reports.js'
export type { DeploymentLog } from './forge-deployments.js'

export type Route = 'branch' | 'compare' | 'commits' | 'commit' | 'statuses' | 'check-runs' | 'repo' | 'meta' | 'deployments' | 'pulls' | 'comments'

export type Fault =
  | { status: number; headers?: Record<string, string>; body?: string }
  | { hang: true }
  | { reset: true }
  | { malformed: true }
  /** Holds the request until the promise settles, then answers it normally. */
  | { wait: Promise<unknown> }
  /**
   * Applies the request (the write happens) and then loses its answer: the client gets this status
   * instead (a 502 or 504 from GitHub's front end after the write, REST docs "Troubleshooting").
   */
  | { lose: 500 | 502 | 504 }

/** What GitHub answers a token that lacks `checks: write` or `statuses: write`. */
export const PERMISSION_DENIED: Fault = {
  status: 403,
  body: JSON.stringify({ message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' })
}

export interface RecordedRequest {
  method: string
  route: Route | 'other'
  path: string
  headers: Record<string, string | string[] | undefined>
  body: unknown
}

export interface FakeForgeOptions {
  flavour: ForgeFlavour
  repo: GitRepo
  owner?: string
  name?: string
  /** When set, requests without this token are refused with 401. */
  token?: string
  /** Gitea's page settings ([api] MAX_RESPONSE_ITEMS, [git] COMMITS_RANGE_SIZE, …); 50/50/30 by default. */
  limits?: Partial<GiteaLimits>
  /**
   * gitea-1.26: the `contents` permission of the job's Actions token (`permissions:` in the workflow or the
   * repository's default). `read` refuses writes to the code unit, commit statuses included. Default `write`.
   */
  actionsTokenContents?: 'read' | 'write'
  /** GitHub flavour: the token's primary rate limit (simulator/github-rate-limits.ts); large by default. */
  rateLimit?: number
}

export class FakeForge {
  /** Takes every violation recorded since the last call (the per-test check of the test setup). */
  static drainViolations(): Violation[] {
    return drainViolations()
  }

  readonly requests: RecordedRequest[] = []
  /** Requests held by a `wait` fault whose client closed the connection before the answer was sent. */
  readonly abandoned: RecordedRequest[] = []
  /** Requests this forge refused as the real one would (422 on GitHub): each one is a caller defect. */
  readonly violations: Violation[] = []
  private readonly faults = new Map<Route, Fault[]>()
  /** Routes that answer this fault to every request until clearFaults(). */
  private readonly denied = new Map<Route, Fault>()
  private hook: ((request: RecordedRequest) => void | Promise<void>) | undefined
  /** Check runs and statuses as sent; `backdate` ages the records written after it. */
  readonly reports: ForgeReports
  /** GitHub's Deployments API (the GitHub flavour only). */
  readonly deploymentsApi: ForgeDeployments
  /** Pull requests (add them with `pullsApi.add`) and their comments. */
  readonly pullsApi: ForgePulls
  private readonly gitea: GiteaRoutes | undefined
  private server!: RunningServer
  private readonly known = new Set<string>()
  /** GitHub's primary rate limit of the token, and the 304s it did not charge. */
  readonly primaryLimit: PrimaryLimit
  /** The forge's own clock (epoch ms): its records' timestamps and every answer's `Date`; `setClock` replaces it. */
  private clock: () => number = Date.now

  private constructor(
    readonly options: Required<Omit<FakeForgeOptions, 'token' | 'limits' | 'actionsTokenContents' | 'rateLimit'>> & Pick<FakeForgeOptions, 'token' | 'limits' | 'actionsTokenContents' | 'rateLimit'>
  ) {
    this.primaryLimit = new PrimaryLimit(options.rateLimit)
    this.reports = new ForgeReports(options.flavour === 'github', () => this.clock())
    this.reports.giteaPage = { max: options.limits?.maxResponseItems ?? DEFAULT_GITEA_LIMITS.maxResponseItems, default: options.limits?.defaultPagingNum ?? DEFAULT_GITEA_LIMITS.defaultPagingNum }
    this.deploymentsApi = new ForgeDeployments(options.repo, () => this.reports.statuses)
    this.pullsApi = new ForgePulls(
      options.flavour === 'github',
      () => this.server.url,
      async (sha) => Boolean(await options.repo.resolve(sha))
    )
    const version = options.flavour === 'github' ? undefined : (options.flavour.slice('gitea-'.length) as GiteaVersion)
    this.gitea = version && new GiteaRoutes(version, options.repo, { ...DEFAULT_GITEA_LIMITS, ...options.limits }, () => this.server.url)
  }

  /**
   * Takes this forge's violations out of the per-test check, for a test that sends a malformed request
   * on purpose (to see how the action copes with the refusal) and asserts them itself.
   */
  takeViolations(): Violation[] {
    const mine = this.violations.splice(0)
    for (const v of mine) {
      const i = pendingViolations.indexOf(v)
      if (i >= 0) pendingViolations.splice(i, 1)
    }
    return mine
  }

  static async start(options: FakeForgeOptions): Promise<FakeForge> {
    const forge = new FakeForge({ owner: 'acme', name: 'app', ...options })
    if (options.flavour === 'github') prepareGithubRules()
    forge.server = await startServer((req, res, body) => forge.handle(req, res, body))
    return forge
  }

  get flavour(): ForgeFlavour {
    return this.options.flavour
  }

  /** What GITHUB_API_URL would be for this flavour. */
  get apiUrl(): string {
    return this.flavour === 'github' ? this.server.url : `${this.server.url}/api/v1`
  }

  get serverUrl(): string {
    return this.server.url
  }

  get repository(): string {
    return `${this.options.owner}/${this.options.name}`
  }

  /**
   * Called with each request before it is answered, and awaited: a test puts another job's write (or a
   * pause) exactly between two requests of the job it watches. Undefined removes it.
   */
  beforeAnswer(hook: ((request: RecordedRequest) => void | Promise<void>) | undefined): void {
    this.hook = hook
  }

  /**
   * The forge's clock from now on (the system clock by default): the timestamps of the records it keeps
   * and the `Date` of its answers, whatever the runners' clocks say.
   */
  setClock(now: () => number): void {
    this.clock = now
  }

  /** Queue faults for a route; each answers one request, in order. */
  inject(route: Route, ...faults: Fault[]): void {
    this.faults.set(route, [...(this.faults.get(route) ?? []), ...faults])
  }

  /** Every request to `route` gets `fault` (a 403 by default) until clearFaults(). */
  deny(route: Route, fault: Fault = PERMISSION_DENIED): void {
    this.denied.set(route, fault)
  }

  clearFaults(): void {
    this.faults.clear()
    this.denied.clear()
  }

  /** Forgets every request, check run and status seen so far (faults stay). */
  clearLog(): void {
    this.requests.length = 0
    this.abandoned.length = 0
    this.reports.clear()
    this.deploymentsApi.clear()
    this.pullsApi.clear()
  }

  /** Deployments created so far (GitHub), each with its statuses in order. */
  deployments(): DeploymentLog[] {
    return this.deploymentsApi.deployments.slice()
  }

  /** Check runs created so far, with their PATCHes, in creation order. */
  checkRuns(): CheckRunLog[] {
    return [...this.reports.checkRuns.values()]
  }

  /** Commit statuses accepted so far (refused ones are in `requests` only). */
  statuses(): StatusLog[] {
    return this.reports.statuses.slice()
  }

  calls(route: Route): RecordedRequest[] {
    return this.requests.filter((r) => r.route === route)
  }

  close(): Promise<void> {
    return this.server.close()
  }

  private async handle(req: IncomingMessage, answer: ServerResponse, raw: Buffer): Promise<void> {
    let res = answer
    const url = new URL(req.url ?? '/', 'http://forge')
    const method = req.method ?? 'GET'
    const prefix = this.flavour === 'github' ? '' : '/api/v1'
    const base = `${prefix}/repos/${this.options.owner}/${this.options.name}`
    const path = url.pathname
    const route = routeOf(path, base, this.flavour)
    let body: unknown = undefined
    if (raw.length) body = safeJson(raw.toString('utf8'))
    this.requests.push({ method, route, path: `${path}${url.search}`, headers: req.headers, body })
    await this.hook?.(this.requests.at(-1)!)
    // Every answer carries the forge's time in whole seconds: RFC 9110 §6.6.1 (an origin server with a
    // clock sends Date); GitHub's REST answers do, and Gitea's through Go's net/http server, which adds it
    // to any answer that has none (net/http/server.go, chunkWriter.writeHeader).
    answer.setHeader('date', new Date(this.clock()).toUTCString())
    // Outside /api/ Gitea serves its web UI: an unknown page is its HTML 404, whatever the token
    // (routers/web/web.go; the API answers JSON only under /api/v1).
    if (this.gitea && !path.startsWith('/api/'))
      return sendHtml(
        res,
        404,
        '<!DOCTYPE html><html><head><title>Page Not Found - Gitea</title></head><body><p>The page you are trying to reach either does not exist or you are not authorized to view it.</p></body></html>'
      )

    if (this.options.token) {
      const auth = String(req.headers.authorization ?? '')
      if (!auth.endsWith(` ${this.options.token}`)) return sendJson(res, 401, { message: 'Bad credentials' })
    }
    // Validated whatever answers it (a queued fault too): a malformed request is a defect either way.
    const refusal =
      this.flavour === 'github'
        ? githubRefusal(method, path, url.searchParams, body, raw.length > 0 && typeof body === 'string')
        : route === 'check-runs'
          ? { status: 404, message: 'Not Found: Gitea has no Checks API', errors: [] }
          : route === 'deployments'
            ? { status: 404, message: 'Not Found: Gitea has no Deployments API', errors: [] }
            : undefined
    if (refusal) this.record({ flavour: this.flavour, method, path: `${path}${url.search}`, status: refusal.status, message: refusal.message })
    if (route !== 'other') {
      const fault = this.faults.get(route)?.shift() ?? this.denied.get(route)
      if (fault && 'wait' in fault) {
        // A client that gives up on a held answer closes its connection: seen here as it happens.
        const seen = this.requests.at(-1)!
        const gone = (): void => void (answer.writableEnded || this.abandoned.push(seen))
        answer.once('close', gone)
        await fault.wait.catch(() => undefined)
        answer.off('close', gone)
      } else if (fault && 'lose' in fault) res = losing(res, fault.lose)
      else if (fault) return applyFault(res, fault)
    }
    // A conditional branch read whose ETag still holds is a 304, free of the rate limit; anything else is charged.
    if (this.flavour === 'github' && method === 'GET' && route === 'branch' && !refusal) {
      const etag = await this.branchEtag(decodeURIComponent(path.slice(base.length + '/branches/'.length)))
      if (etag) res.setHeader('etag', etag)
      const fresh = etag !== undefined && matchesIfNoneMatch(req, etag)
      if (this.primaryLimit.charge(res, fresh)) return
      if (fresh) {
        res.writeHead(304)
        return void res.end()
      }
    } else if (this.flavour === 'github' && this.primaryLimit.charge(res, false)) return
    if (refusal && this.flavour !== 'github') return sendJson(res, refusal.status, { message: refusal.message, url: '/api/swagger' })
    if (refusal) {
      return sendJson(res, refusal.status, {
        message: refusal.message,
        errors: refusal.errors.map((e) => ({ resource: 'Request', field: e.field, code: 'invalid', message: e.message })),
        documentation_url: 'https://docs.github.com/rest',
        status: String(refusal.status)
      })
    }
    const rest = decodeURIComponent(path.slice(base.length))
    if (method === 'POST' && route === 'statuses' && this.flavour === 'gitea-1.26' && this.options.actionsTokenContents === 'read') {
      // 1.26 maps the token's `contents` scope to the code unit (gitea #36173); the status route is
      // reqRepoWriter(unit.TypeCode) (routers/api/v1/api.go).
      return sendJson(res, 403, { message: 'user should have a permission to write to a repo', url: '/api/swagger' })
    }
    if (method === 'POST' && (route === 'statuses' || route === 'check-runs')) {
      const unknown = await this.unknownCommitAnswer(route === 'statuses' ? rest.slice('/statuses/'.length) : String((body as { head_sha?: unknown } | undefined)?.head_sha ?? ''))
      if (unknown) return unknown(res)
    }
    if (req.method === 'GET' && (route === 'statuses' || route === 'check-runs')) return void (this.reports.read(res, rest, url) || sendJson(res, 404, { message: 'Not Found' }))
    switch (route) {
      case 'repo':
        return sendJson(res, 200, { id: 1, name: this.options.name, full_name: this.repository, owner: { login: this.options.owner }, private: true, default_branch: 'main' })
      case 'meta':
        // GitHub `GET /` (meta/root): URL templates; Gitea `GET /api/v1/version` (routers/api/v1/misc/version.go).
        if (this.gitea) return sendJson(res, 200, { version: `${this.gitea.version}.0` })
        return sendJson(res, 200, { current_user_url: `${this.server.url}/user`, repository_url: `${this.server.url}/repos/{owner}/{repo}` })
      case 'branch':
        return this.branch(res, rest.slice('/branches/'.length))
      case 'compare':
        if (this.gitea) return this.gitea.compare(res, rest.slice('/compare/'.length), url)
        return this.compare(res, rest.slice('/compare/'.length))
      case 'commits':
        if (this.gitea) return this.gitea.commits(res, url)
        return this.commits(res, url)
      case 'commit':
        if (this.gitea) return this.gitea.singleCommit(res, rest.slice('/git/commits/'.length), url)
        return this.githubCommit(res, req, rest.slice('/commits/'.length))
      case 'statuses':
        return this.reports.status(res, rest.slice('/statuses/'.length), body)
      case 'check-runs':
        return this.reports.checkRun(res, method, rest, body)
      case 'deployments':
        return this.deploymentsApi.handle(res, method, rest, url, body)
      case 'pulls':
      case 'comments':
        return this.pullsApi.handle(res, method, rest, url, body)
      default:
        return sendJson(res, 404, { message: 'Not Found' })
    }
  }

  /**
   * A report on a commit the repository does not have: GitHub answers 422 "No commit found for SHA";
   * Gitea's CreateCommitStatus fails in GetCommit and the handler answers 500 (services/repository/commitstatus/commitstatus.go,
   * routers/api/v1/repo/status.go). Not a violation: the request is well formed.
   */
  private async unknownCommitAnswer(sha: string): Promise<((res: ServerResponse) => void) | undefined> {
    // A commit, once known, stays known: remembered, so a test that writes thousands of records does not run git for each.
    if (this.known.has(sha)) return undefined
    if (sha && (await this.options.repo.resolve(sha))) this.known.add(sha)
    if (!sha || this.known.has(sha)) return undefined
    if (this.flavour === 'github')
      return (res) => sendJson(res, 422, { message: `No commit found for SHA: ${sha}`, documentation_url: 'https://docs.github.com/rest/commits/statuses#create-a-commit-status', status: '422' })
    return (res) => sendJson(res, 500, { message: '', url: '/api/swagger' })
  }

  private record(v: Violation): void {
    this.violations.push(v)
    pendingViolations.push(v)
  }

  /** GitHub GET /commits/{ref}: the commit, or with the `sha` media type just its SHA; 422 for an unknown ref. */
  private async githubCommit(res: ServerResponse, req: IncomingMessage, ref: string): Promise<void> {
    const sha = await this.options.repo.resolve(ref)
    if (!sha) return sendJson(res, 422, { message: `No commit found for SHA: ${ref}`, documentation_url: 'https://docs.github.com/rest/commits/commits#get-a-commit', status: '422' })
    if (String(req.headers.accept ?? '').includes('application/vnd.github.sha')) {
      res.writeHead(200, { 'content-type': 'application/vnd.github.sha; charset=utf-8' })
      res.end(sha)
      return
    }
    return sendJson(res, 200, { sha, commit: { message: '' }, parents: [], files: [] })
  }

  /** The ETag of a branch answer: it changes exactly when the answer does (the head moves). */
  private async branchEtag(name: string): Promise<string | undefined> {
    if (!(await this.options.repo.isBranch(name))) return undefined
    return etagOf(`${name}@${await this.options.repo.git('rev-parse', `refs/heads/${name}`)}`)
  }

  private async branch(res: ServerResponse, name: string): Promise<void> {
    const repo = this.options.repo
    if (!(await repo.isBranch(name))) return sendJson(res, 404, { message: `branch not found: ${name}` })
    const sha = await repo.git('rev-parse', `refs/heads/${name}`)
    const commit = this.flavour === 'github' ? { sha } : { id: sha }
    return sendJson(res, 200, { name, commit })
  }

  private async compare(res: ServerResponse, spec: string): Promise<void> {
    const [baseRef, headRef] = spec.split('...')
    const repo = this.options.repo
    if (!baseRef || !headRef) return sendJson(res, 404, { message: 'Not Found' })
    const base = await repo.resolve(baseRef)
    const head = await repo.resolve(headRef)
    if (!base || !head) return sendJson(res, 404, { message: 'Not Found' })
    // No merge base: GitHub answers 404 "No common ancestor between …".
    const mergeBase = await repo.mergeBase(base, head)
    if (!mergeBase)
      return sendJson(res, 404, {
        message: `No common ancestor between ${baseRef} and ${headRef}.`,
        documentation_url: 'https://docs.github.com/rest/commits/commits#compare-two-commits',
        status: '404'
      })
    const ahead = await repo.count(base, head)
    const behind = await repo.count(head, base)
    const status = ahead === 0 && behind === 0 ? 'identical' : behind === 0 ? 'ahead' : ahead === 0 ? 'behind' : 'diverged'
    return sendJson(res, 200, { status, ahead_by: ahead, behind_by: behind, total_commits: ahead, merge_base_commit: { sha: mergeBase }, commits: [], files: [] })
  }

  private async commits(res: ServerResponse, url: URL): Promise<void> {
    const repo = this.options.repo
    const from = url.searchParams.get('sha') ?? 'main'
    // GitHub: per_page defaults to 30 and stops at 100; the next page is announced only in `Link`.
    const limit = Math.min(100, Number(url.searchParams.get('per_page') ?? 30))
    const page = Number(url.searchParams.get('page') ?? 1)
    const start = await repo.resolve(from)
    if (!start) return sendJson(res, 404, { message: `No commit found for SHA: ${from}` })
    const shas = await repo.log(start, (page - 1) * limit, limit)
    const more = (await repo.total(start)) > page * limit
    const next = new URL(`${url.pathname}${url.search}`, this.server.url)
    next.searchParams.set('page', String(page + 1))
    return sendJson(
      res,
      200,
      shas.map((sha) => ({ sha, commit: { message: '' } })),
      more ? { link: `<${next.toString()}>; rel="next"` } : {}
    )
  }
}

function routeOf(path: string, base: string, flavour: ForgeFlavour): Route | 'other' {
  if (path === base) return 'repo'
  if (flavour === 'github' ? path === '/' : path === '/api/v1/version') return 'meta'
  if (!path.startsWith(`${base}/`)) return 'other'
  const rest = path.slice(base.length)
  if (rest.startsWith('/branches/')) return 'branch'
  if (rest.startsWith('/compare/')) return 'compare'
  if (rest === '/commits') return 'commits'
  if (flavour === 'github' ? /^\/commits\/[^/]+$/.test(rest) : rest.startsWith('/git/commits/')) return 'commit'
  // GitHub lists the pull requests of a commit; Gitea answers the one whose merge commit it is.
  if (/^\/commits\/[^/]+\/(pulls|pull)$/.test(rest)) return 'pulls'
  if (/^\/issues\/(\d+\/comments|comments\/\d+)$/.test(rest)) return 'comments'
  if (/^\/commits\/[^/]+\/(statuses|status|check-runs)$/.test(rest)) return rest.endsWith('/check-runs') ? 'check-runs' : 'statuses'
  if (rest.startsWith('/statuses/')) return 'statuses'
  if (rest.startsWith('/check-runs')) return 'check-runs'
  if (rest.startsWith('/deployments')) return 'deployments'
  return 'other'
}

/** A response whose answer is dropped: the handler writes into nothing, and the client gets `status`. */
function losing(res: ServerResponse, status: number): ServerResponse {
  const sink = {
    headersSent: false,
    setHeader: () => sink,
    writeHead: () => sink,
    end: () => {
      res.writeHead(status, { 'content-type': 'text/html' })
      res.end(`<html><body><h1>${status} ${status === 504 ? 'Gateway Time-out' : status === 500 ? 'Internal Server Error' : 'Bad Gateway'}</h1></body></html>`)
      return sink
    }
  }
  return sink as unknown as ServerResponse
}

function applyFault(res: ServerResponse, fault: Fault): void {
  if ('hang' in fault) return // never answers; close() destroys the socket
  if ('reset' in fault) {
    res.socket?.destroy()
    return
  }
  if ('wait' in fault || 'lose' in fault) return
  if ('malformed' in fault) {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end('{"name": "main", "commit": ')
    return
  }
  res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers })
  res.end(fault.body ?? JSON.stringify({ message: `injected ${fault.status}` }))
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
  res.end(html)
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
