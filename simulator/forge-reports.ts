import type { ServerResponse } from 'node:http'
import { sendJson } from './server.js'

/**
 * The reporting side of the fake forge: check runs (GitHub only) and commit statuses, kept as sent so
 * a test can assert the exact bodies, the annotation batches and the order of states, and read back as
 * the real forges list them:
 * - GitHub `GET /repos/{o}/{r}/commits/{ref}/check-runs` (`check_name`, `filter` latest|all, `per_page`
 *   at most 100, `page`) answers `{ total_count, check_runs }` (@octokit/openapi, checks/list-for-ref);
 *   `GET /repos/{o}/{r}/commits/{ref}/statuses` answers an array with `state` (repos/list-commit-statuses-for-ref).
 * - Gitea `GET /repos/{o}/{r}/statuses/{sha}` (and `/commits/{ref}/statuses`) answers an array in the
 *   order `sort` names (`giteaSorted`), the state named `status`, `limit` capped at 50 (`[api]
 *   MAX_RESPONSE_ITEMS`), the total in `X-Total-Count` (routers/api/v1/repo/status.go and
 *   models/git/commit_status.go, 1.22).
 * - GitHub and Gitea `GET /repos/{o}/{r}/commits/{ref}/status`: the combined status, the latest status of
 *   each context, newest context first (Gitea: GetCombinedCommitStatusByRef with GetLatestCommitStatus,
 *   `max(id)` per context hash, `limit` capped at MAX_RESPONSE_ITEMS, the number of contexts in
 *   `X-Total-Count` while the body's `total_count` counts the page; GitHub: repos/get-combined-status-for-ref,
 *   `per_page` at most 100, `total_count` the number of contexts).
 * - Timestamps are the forge's clock, in whole seconds on both: GitHub's `started_at` and `created_at`
 *   are `YYYY-MM-DDTHH:MM:SSZ` (OpenAPI description of `started_at`; `check-run` and `simple-commit-status`
 *   schemas), Gitea's `created_at` and `updated_at` both come from CreatedUnix, a timeutil.TimeStamp of
 *   Unix seconds (services/convert/status.go ToCommitStatus). A check run has no update time.
 * - GitHub refuses a 1,001st status for one SHA and context with 422 ("Create a commit status": "a limit
 *   of 1000 statuses per sha and context within a repository").
 * - GitHub's check runs for a ref cover the newest 1,000 check suites only (checks/list-for-ref). Every
 *   check run created here opens its own suite, and `addCheckSuites` adds the suites a workflow run's
 *   own jobs open (every scheduled reconcile run is one).
 * GitHub refuses an `output.summary` or `output.text` over 65,535 bytes with 422 (its server counts
 * UTF-8 bytes; the OpenAPI text says "characters").
 */

/** GitHub: statuses per SHA and context ("Create a commit status"). */
export const GITHUB_STATUSES_PER_CONTEXT = 1000
/** GitHub: check runs for a ref come from this many newest check suites (checks/list-for-ref). */
export const GITHUB_CHECK_SUITE_WINDOW = 1000

/** One check run as the fake forge saw it: the create body, then every PATCH body in order. */
export interface CheckRunLog {
  id: number
  create: Record<string, unknown>
  updates: Record<string, unknown>[]
}

/** One accepted commit status: the SHA from the path and the body as sent. */
export interface StatusLog {
  sha: string
  body: { state?: string; context?: string; description?: string; target_url?: string }
}

export const SUMMARY_MAX_BYTES = 65_535

export class ForgeReports {
  readonly checkRuns = new Map<number, CheckRunLog>()
  readonly statuses: StatusLog[] = []
  /** When the forge received each status and check run create (ISO), kept apart from the logs tests compare. */
  private readonly statusTimes: string[] = []
  private readonly checkTimes = new Map<number, string>()
  private nextId = 0
  /** Check suites per SHA, in creation order; a check run's suite is its index there. */
  private readonly suites = new Map<string, number>()
  private readonly suiteOf = new Map<number, number>()
  /** Gitea's `[api] MAX_RESPONSE_ITEMS` and `DEFAULT_PAGING_NUM`. */
  giteaPage = { max: 50, default: 30 }
  /** Added to the wall clock for every timestamp the forge writes: a test ages records without waiting. */
  private offsetMs = 0
  private pinnedMs: number | undefined

  constructor(
    private readonly github: boolean,
    /** The forge's clock (epoch ms). */
    private readonly clock: () => number = Date.now
  ) {}

  clear(): void {
    this.checkRuns.clear()
    this.statuses.length = 0
    this.statusTimes.length = 0
    this.checkTimes.clear()
  }

  /** Records written from now on carry timestamps `ms` in the past. */
  backdate(ms: number): void {
    this.offsetMs = -ms
  }

  /** Records written from now on carry the time `ms` (writes within one second, as a busy forge sees them); undefined lets time run. */
  pinTime(ms: number | undefined): void {
    this.pinnedMs = ms
  }

  private now(): string {
    const ms = this.pinnedMs ?? this.clock() + this.offsetMs
    // Whole seconds, rendered without a fraction, on both forges.
    return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
  }

  /** `n` more check suites on `sha` (the suites of workflow runs' own jobs), as newer than every earlier one. */
  addCheckSuites(sha: string, n: number): void {
    this.suites.set(sha, (this.suites.get(sha) ?? 0) + n)
  }

  /**
   * Statuses other tools wrote, stored as if POSTed (same caps and timestamps) without a request each:
   * the noise a busy commit gathers, for tests that need thousands of them.
   */
  seedStatuses(sha: string, bodies: StatusLog['body'][]): void {
    for (const b of bodies) {
      this.statuses.push({ sha, body: b })
      this.statusTimes.push(this.now())
    }
  }

  /** POST /statuses/{sha}. */
  status(res: ServerResponse, sha: string, body: unknown): void {
    const b = (body ?? {}) as StatusLog['body']
    if (this.github && this.statuses.filter((x) => x.sha === sha && (x.body.context ?? 'default') === (b.context ?? 'default')).length >= GITHUB_STATUSES_PER_CONTEXT) {
      return sendJson(res, 422, {
        message: 'Validation Failed',
        errors: [{ resource: 'Status', code: 'custom', field: 'context', message: 'This SHA and context has reached the maximum number of statuses.' }],
        documentation_url: 'https://docs.github.com/rest/commits/statuses#create-a-commit-status',
        status: '422'
      })
    }
    this.statuses.push({ sha, body: b })
    this.statusTimes.push(this.now())
    // Gitea names the state `status` in its answer; GitHub says `state`.
    sendJson(res, 201, { id: this.statuses.length, [this.github ? 'state' : 'status']: b.state, context: b.context })
  }

  /** POST /check-runs and PATCH /check-runs/{id}; Gitea has no Checks API and answers 404. */
  checkRun(res: ServerResponse, method: string, rest: string, body: unknown): void {
    if (!this.github) return sendJson(res, 404, { message: 'Not Found' })
    const b = (body ?? {}) as Record<string, unknown>
    const tooBig = oversized(b)
    if (tooBig)
      return sendJson(res, 422, {
        message: 'Invalid request.',
        errors: [`${tooBig} exceeds a maximum bytesize of ${SUMMARY_MAX_BYTES}`],
        documentation_url: 'https://docs.github.com/rest/checks/runs',
        status: '422'
      })
    if (method === 'POST' && rest === '/check-runs') {
      const id = ++this.nextId
      this.checkRuns.set(id, { id, create: b, updates: [] })
      const sha = String(b.head_sha)
      this.addCheckSuites(sha, 1)
      this.suiteOf.set(id, this.suites.get(sha)!)
      this.checkTimes.set(id, this.now())
      return sendJson(res, 201, { id, status: b.status ?? 'queued', conclusion: b.conclusion ?? null })
    }
    const run = this.checkRuns.get(Number(rest.slice('/check-runs/'.length)))
    if (method !== 'PATCH' || !run) return sendJson(res, 404, { message: 'Not Found' })
    run.updates.push(b)
    sendJson(res, 200, { id: run.id })
  }

  /** Answers the list reads; false when `rest` is not one of them (the caller answers 404). */
  read(res: ServerResponse, rest: string, url: URL): boolean {
    const combined = /^\/commits\/([^/]+)\/status$/.exec(rest)
    if (combined) {
      this.combinedStatus(res, combined[1]!, url)
      return true
    }
    const byRef = /^\/commits\/([^/]+)\/(check-runs|statuses)$/.exec(rest)
    const bySha = /^\/statuses\/([^/]+)$/.exec(rest)
    if (byRef?.[2] === 'check-runs') {
      if (!this.github) return false
      this.listCheckRuns(res, byRef[1]!, url)
      return true
    }
    const sha = byRef?.[2] === 'statuses' ? byRef[1]! : bySha && !this.github ? bySha[1]! : undefined
    if (sha === undefined) return false
    this.listStatuses(res, sha, url)
    return true
  }

  private listCheckRuns(res: ServerResponse, ref: string, url: URL): void {
    const q = url.searchParams
    const perPage = Math.min(100, Number(q.get('per_page') ?? 30))
    const page = Number(q.get('page') ?? 1)
    const name = q.get('check_name')
    // Only the newest GITHUB_CHECK_SUITE_WINDOW suites of the ref are searched.
    const oldest = (this.suites.get(ref) ?? 0) - GITHUB_CHECK_SUITE_WINDOW
    let runs = [...this.checkRuns.values()]
      .filter((r) => this.suiteOf.get(r.id)! > oldest)
      .map((r) => this.merged(r))
      .filter((r) => r.head_sha === ref && (!name || r.name === name))
    // `latest` (the default) keeps only the most recent run of each name.
    if ((q.get('filter') ?? 'latest') === 'latest') runs = runs.filter((r) => !runs.some((o) => o.name === r.name && (o.id as number) > (r.id as number)))
    runs.sort((a, b) => (b.id as number) - (a.id as number))
    sendJson(res, 200, { total_count: runs.length, check_runs: runs.slice((page - 1) * perPage, page * perPage) })
  }

  /** A check run as GitHub lists it: the create body with every PATCH applied. */
  private merged(r: CheckRunLog): Record<string, unknown> {
    const all = [r.create, ...r.updates]
    const last = <T>(key: string): T | undefined =>
      all
        .map((b) => b[key] as T | undefined)
        .filter((v) => v !== undefined)
        .at(-1)
    const output = last<Record<string, unknown>>('output') ?? {}
    const status = last<string>('status') ?? (last<string>('conclusion') ? 'completed' : 'queued')
    const createdAt = this.checkTimes.get(r.id)!
    return {
      id: r.id,
      node_id: `CR_${r.id}`,
      head_sha: r.create.head_sha,
      name: r.create.name,
      external_id: last<string>('external_id') ?? '',
      url: `/check-runs/${r.id}`,
      html_url: `/runs/${r.id}`,
      details_url: last<string>('details_url') ?? null,
      status,
      conclusion: status === 'completed' ? (last<string>('conclusion') ?? null) : null,
      started_at: last<string>('started_at') ?? createdAt,
      completed_at: status === 'completed' ? (last<string>('completed_at') ?? createdAt) : null,
      output: { title: output.title ?? null, summary: output.summary ?? null, text: output.text ?? null, annotations_count: 0, annotations_url: `/check-runs/${r.id}/annotations` },
      check_suite: { id: 1 },
      app: null,
      pull_requests: []
    }
  }

  private listStatuses(res: ServerResponse, sha: string, url: URL): void {
    const q = url.searchParams
    const mine = this.statuses
      .map((s, i) => ({ s, id: i + 1 }))
      .filter(({ s }) => s.sha === sha)
      .reverse()
    const shape = ({ s, id }: { s: StatusLog; id: number }): Record<string, unknown> => ({
      id,
      [this.github ? 'state' : 'status']: s.body.state,
      context: s.body.context ?? 'default',
      description: s.body.description ?? '',
      target_url: s.body.target_url ?? '',
      url: `/statuses/${sha}`,
      created_at: this.statusTimes[id - 1],
      updated_at: this.statusTimes[id - 1]
    })
    if (this.github) {
      const perPage = Math.min(100, Number(q.get('per_page') ?? 30))
      const page = Number(q.get('page') ?? 1)
      return sendJson(res, 200, mine.slice((page - 1) * perPage, page * perPage).map(shape))
    }
    const { limit, page } = this.giteaPaging(q)
    const sorted = this.giteaSorted(mine, q.get('sort'))
    sendJson(res, 200, sorted.slice((page - 1) * limit, page * limit).map(shape), { 'x-total-count': String(mine.length) })
  }

  /**
   * CommitStatusOptions.ToOrders (models/git/commit_status.go, 1.22), names inverted as there: `leastindex`
   * is "`index` DESC", `highestindex` "`index` ASC"; the default "created_unix DESC" orders by whole
   * seconds, and the database leaves the writes of one second in no set order: here the oldest first, so a
   * reader that takes the default for newest-first is found out.
   */
  private giteaSorted<T extends { id: number }>(newestFirst: T[], sort: string | null): T[] {
    const seconds = (x: T): number => Math.floor(Date.parse(this.statusTimes[x.id - 1]!) / 1000)
    const byIndex = newestFirst.slice().sort((a, b) => a.id - b.id)
    switch (sort) {
      case 'leastindex':
        return byIndex.reverse()
      case 'highestindex':
      case 'oldest':
      case 'leastupdate':
        return byIndex
      default:
        // `recentupdate` ("updated_unix DESC") and the default alike: a status is never updated after it is written.
        return byIndex.sort((a, b) => seconds(b) - seconds(a))
    }
  }

  /** utils.GetListOptions → convert.ToCorrectPageSize: 0 or absent gives DEFAULT_PAGING_NUM, capped by MAX_RESPONSE_ITEMS. */
  private giteaPaging(q: URLSearchParams): { limit: number; page: number } {
    const asked = Number(q.get('limit')) || 0
    return { limit: asked <= 0 ? this.giteaPage.default : Math.min(asked, this.giteaPage.max), page: Math.max(1, Number(q.get('page') ?? 1) || 1) }
  }

  /** The latest status of each context on `sha`, newest context first. */
  private combinedStatus(res: ServerResponse, sha: string, url: URL): void {
    const latest = new Map<string, number>()
    this.statuses.forEach((s, i) => {
      if (s.sha === sha) latest.set(s.body.context ?? 'default', i)
    })
    const ids = [...latest.values()].sort((a, b) => b - a)
    const shape = (i: number): Record<string, unknown> => {
      const s = this.statuses[i]!
      return {
        id: i + 1,
        [this.github ? 'state' : 'status']: s.body.state,
        context: s.body.context ?? 'default',
        description: s.body.description ?? '',
        target_url: s.body.target_url ?? '',
        url: `/statuses/${sha}`,
        created_at: this.statusTimes[i],
        updated_at: this.statusTimes[i]
      }
    }
    const states = ids.map((i) => this.statuses[i]!.body.state)
    const state = states.some((x) => x === 'failure' || x === 'error') ? 'failure' : states.length === 0 || states.some((x) => x === 'pending') ? 'pending' : 'success'
    const q = url.searchParams
    if (this.github) {
      const perPage = Math.min(100, Number(q.get('per_page') ?? 30))
      const page = Number(q.get('page') ?? 1)
      return sendJson(res, 200, {
        state,
        sha,
        total_count: ids.length,
        statuses: ids.slice((page - 1) * perPage, page * perPage).map(shape),
        repository: {},
        commit_url: `/commits/${sha}`,
        url: `/commits/${sha}/status`
      })
    }
    const { limit, page } = this.giteaPaging(q)
    const statuses = ids.slice((page - 1) * limit, page * limit).map(shape)
    // GetCombinedCommitStatusByRef (routers/api/v1/repo/status.go, 1.22): `if len(statuses) == 0 {
    // ctx.JSON(http.StatusOK, &api.CombinedStatus{}) }`, a zero-valued struct (modules/structs/status.go:
    // `statuses` null, `state` empty), answered before SetTotalCountHeader: no X-Total-Count at all. The
    // same holds for a page past the last context (GetLatestCommitStatus returns none for it).
    if (statuses.length === 0) return sendJson(res, 200, { state: '', sha: '', total_count: 0, statuses: null, repository: null, commit_url: '', url: '' })
    // Gitea's body counts the page (ToCombinedStatus: len(statuses)); the header counts every context.
    sendJson(res, 200, { state, sha, total_count: statuses.length, statuses, repository: {}, commit_url: `/commits/${sha}`, url: `/commits/${sha}/status` }, { 'x-total-count': String(ids.length) })
  }
}

function oversized(body: Record<string, unknown>): string | undefined {
  const output = body.output as { summary?: unknown; text?: unknown } | undefined
  for (const key of ['summary', 'text'] as const) {
    const v = output?.[key]
    if (typeof v === 'string' && Buffer.byteLength(v) > SUMMARY_MAX_BYTES) return `output.${key}`
  }
  return undefined
}
