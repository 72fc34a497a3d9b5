import type { IncomingMessage, ServerResponse } from 'node:http'
import { type CheckRunLog, ForgeReports, type StatusLog } from './forge-reports.js'
import type { GitRepo } from './git-repo.js'
import { type RunningServer, sendJson, startServer } from './server.js'

/**
 * A fake forge on 127.0.0.1 that answers from a real git repository. Flavours reproduce the API
 * differences the action must cope with:
 * - `github`: /repos/o/r/..., branch head `commit.sha`, compare with status/ahead_by/behind_by, checks API
 * - `gitea-1.23`: /api/v1/repos/o/r/..., branch head `commit.id`, compare answers only total_commits
 * - `gitea-1.22`: as 1.23, but compare refuses SHAs with 404 (names only)
 */
export type ForgeFlavour = 'github' | 'gitea-1.22' | 'gitea-1.23'

export type { CheckRunLog, StatusLog } from './forge-reports.js'

export type Route = 'branch' | 'compare' | 'commits' | 'statuses' | 'check-runs'

export type Fault =
  | { status: number; headers?: Record<string, string>; body?: string }
  | { hang: true }
  | { reset: true }
  | { malformed: true }
  /** Holds the request until the promise settles, then answers it normally. */
  | { wait: Promise<unknown> }

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
}

export class FakeForge {
  readonly requests: RecordedRequest[] = []
  private readonly faults = new Map<Route, Fault[]>()
  /** Routes that answer this fault to every request until clearFaults(). */
  private readonly denied = new Map<Route, Fault>()
  /** Check runs and statuses as sent; `backdate` ages the records written after it. */
  readonly reports: ForgeReports
  private server!: RunningServer

  private constructor(readonly options: Required<Omit<FakeForgeOptions, 'token'>> & { token?: string }) {
    this.reports = new ForgeReports(options.flavour === 'github')
  }

  static async start(options: FakeForgeOptions): Promise<FakeForge> {
    const forge = new FakeForge({ owner: 'acme', name: 'app', ...options })
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
    this.reports.clear()
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

  private async handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://forge')
    const prefix = this.flavour === 'github' ? '' : '/api/v1'
    const base = `${prefix}/repos/${this.options.owner}/${this.options.name}`
    const path = url.pathname
    const route = routeOf(path, base)
    let body: unknown = undefined
    if (raw.length) body = safeJson(raw.toString('utf8'))
    this.requests.push({ method: req.method ?? 'GET', route, path: `${path}${url.search}`, headers: req.headers, body })

    if (this.options.token) {
      const auth = String(req.headers.authorization ?? '')
      if (!auth.endsWith(` ${this.options.token}`)) return sendJson(res, 401, { message: 'Bad credentials' })
    }
    if (route !== 'other') {
      const fault = this.faults.get(route)?.shift() ?? this.denied.get(route)
      if (fault && 'wait' in fault) await fault.wait.catch(() => undefined)
      else if (fault) return applyFault(res, fault)
    }
    const rest = decodeURIComponent(path.slice(base.length))
    if (req.method === 'GET' && (route === 'statuses' || route === 'check-runs')) return void (this.reports.read(res, rest, url) || sendJson(res, 404, { message: 'Not Found' }))
    switch (route) {
      case 'branch':
        return this.branch(res, rest.slice('/branches/'.length))
      case 'compare':
        return this.compare(res, rest.slice('/compare/'.length))
      case 'commits':
        return this.commits(res, url)
      case 'statuses':
        return this.reports.status(res, rest.slice('/statuses/'.length), body)
      case 'check-runs':
        return this.reports.checkRun(res, req.method ?? 'GET', rest, body)
      default:
        return sendJson(res, 404, { message: 'Not Found' })
    }
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
    if (this.flavour === 'gitea-1.22') {
      // 1.22 resolves only branch and tag names here; a SHA is "not found".
      for (const ref of [baseRef, headRef]) if (!(await repo.isBranch(ref))) return sendJson(res, 404, { message: `no such branch or tag: ${ref}` })
    }
    const base = await repo.resolve(baseRef)
    const head = await repo.resolve(headRef)
    if (!base || !head) return sendJson(res, 404, { message: 'Not Found' })
    const ahead = await repo.count(base, head)
    const behind = await repo.count(head, base)
    if (this.flavour !== 'github') return sendJson(res, 200, { total_commits: ahead, commits: [] })
    const status = ahead === 0 && behind === 0 ? 'identical' : behind === 0 ? 'ahead' : ahead === 0 ? 'behind' : 'diverged'
    const mergeBase = await repo.mergeBase(base, head)
    return sendJson(res, 200, { status, ahead_by: ahead, behind_by: behind, total_commits: ahead, merge_base_commit: { sha: mergeBase }, commits: [], files: [] })
  }

  private async commits(res: ServerResponse, url: URL): Promise<void> {
    const repo = this.options.repo
    const from = url.searchParams.get('sha') ?? 'main'
    const limit = Number(url.searchParams.get('limit') ?? url.searchParams.get('per_page') ?? 30)
    const page = Number(url.searchParams.get('page') ?? 1)
    const start = await repo.resolve(from)
    if (!start) return sendJson(res, 404, { message: `no such commit: ${from}` })
    const shas = await repo.log(start, (page - 1) * limit, limit)
    const total = await repo.total(start)
    return sendJson(res, 200, shas.map((sha) => ({ sha, commit: { message: '' } })), { 'x-total-count': String(total) })
  }
}

function routeOf(path: string, base: string): Route | 'other' {
  if (!path.startsWith(`${base}/`)) return 'other'
  const rest = path.slice(base.length)
  if (rest.startsWith('/branches/')) return 'branch'
  if (rest.startsWith('/compare/')) return 'compare'
  if (rest === '/commits') return 'commits'
  if (/^\/commits\/[^/]+\/(statuses|check-runs)$/.test(rest)) return rest.endsWith('/statuses') ? 'statuses' : 'check-runs'
  if (rest.startsWith('/statuses/')) return 'statuses'
  if (rest.startsWith('/check-runs')) return 'check-runs'
  return 'other'
}

function applyFault(res: ServerResponse, fault: Fault): void {
  if ('hang' in fault) return // never answers; close() destroys the socket
  if ('reset' in fault) {
    res.socket?.destroy()
    return
  }
  if ('wait' in fault) return
  if ('malformed' in fault) {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end('{"name": "main", "commit": ')
    return
  }
  res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers })
  res.end(fault.body ?? JSON.stringify({ message: `injected ${fault.status}` }))
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
