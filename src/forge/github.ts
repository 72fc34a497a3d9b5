import { getOctokit } from '@actions/github'
import { GitHub } from '@actions/github/lib/utils'
import { type Clock, timeoutSignal, wallNow } from '../clock.js'
import { HttpStatusError, isTransient, statusError, withRetry } from '../http/retry.js'
import { AnswerTooLargeError } from '../http/bounded-fetch.js'
import { NetworkError } from '../http/client.js'
import type { ForgeSettings } from '../settings/common.js'
import {
  type CheckRunRead,
  type CheckRunUpdate,
  type CommitStatus,
  type CommitStatusRead,
  type Comparison,
  type DeploymentStatusRead,
  type DeploymentStatusUpdate,
  type Forge,
  FULL_SHA,
  MAX_RECORD_PAGES,
  type StatusPage
} from './types.js'
import { GITHUB_STATUS_PAGE, statusPage } from './status-list.js'
import { ForgeAnswerError } from './errors.js'
import { logOctokitRequests } from './octokit-debug.js'
import { octokitLog, octokitRequest } from './octokit-request.js'
import { countOctokitRequests } from './budget.js'
import { markMayHaveApplied, mayHaveApplied, payloadMarker, markerOf } from './lost-answers.js'
import { ForgeClock } from './forge-clock.js'

type Octokit = ReturnType<typeof getOctokit>

const RELATIONS: Record<string, Comparison['relation']> = {
  identical: 'identical',
  ahead: 'ahead',
  behind: 'behind',
  diverged: 'diverged'
}

/** GitHub through @actions/github (Octokit), with our own classified retries around each call. */
export class GitHubForge implements Forge {
  readonly kind = 'github' as const
  private readonly octokit: Octokit
  /** The forge's clock, from the `Date` header of every answer (a refusal's too). */
  private readonly time: ForgeClock

  constructor(
    private readonly settings: ForgeSettings,
    private readonly clock: Clock,
    private readonly log: (message: string) => void,
    /** Aborts every request and retry wait of this client (the run's cancel). */
    private readonly cancel?: AbortSignal,
    /** What Octokit sends through instead of the toolkit's fetch (see ForgeDeps.fetch). */
    transport?: typeof fetch
  ) {
    // An empty token still reads public repositories; getOctokit refuses one, so build the client directly.
    const options = { baseUrl: settings.apiUrl, request: octokitRequest(undefined, transport), log: octokitLog }
    this.octokit = settings.token ? getOctokit(settings.token, options) : (new GitHub(options) as Octokit)
    logOctokitRequests(this.octokit)
    countOctokitRequests(this.octokit)
    this.time = new ForgeClock(clock)
    const time = this.time
    this.octokit.hook.wrap('request', async (request, options) => {
      try {
        const response = await request(options)
        time.heard(dateOf(response.headers))
        return response
      } catch (error) {
        time.heard(dateOf((error as { response?: { headers?: unknown } }).response?.headers))
        throw error
      }
    })
  }

  forgeNow(): number | undefined {
    return this.time.now()
  }

  /** The last branch answer of each branch with its ETag: a 304 to `If-None-Match` means it still holds. */
  private readonly heads = new Map<string, { etag: string; sha: string }>()

  private call<T>(what: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return withRetry(
      async (_attempt, remainingMs) => {
        // The time limit runs on the injected clock (a real timer in a run): under a test's or a simulation's
        // virtual clock a request that never answers times out here, as the adapter's own timeout.
        const timeout = timeoutSignal(this.clock, Math.min(this.settings.requestTimeoutMs, remainingMs))
        // Octokit hands `request.signal` to fetch: a cancel aborts the request in flight, not after its timeout.
        const signal = this.cancel ? AbortSignal.any([timeout.signal, this.cancel]) : timeout.signal
        try {
          return await fn(signal)
        } catch (error) {
          // A reset or a Retry-After date is read on the forge's clock, which this very answer's `Date` just told.
          throw classify(what, error, timeout.signal, this.cancel, this.time.now() ?? wallNow(this.clock))
        } finally {
          timeout.clear()
        }
      },
      {
        policy: this.settings.retry,
        clock: this.clock,
        signal: this.cancel,
        onRetry: ({ delayMs, error }) => this.log(`${what}: ${(error as Error).message}; retrying in ${delayMs} ms`)
      }
    )
  }

  /**
   * A conditional read (REST docs, "Best practices for using the REST API": `If-None-Match` with the last
   * `ETag`): a `304 Not Modified` is a fresh answer that the branch has not moved, and GitHub does not
   * count it against the primary rate limit, so a long rollout's frequent head reads cost almost nothing.
   */
  async branchHead(branch: string): Promise<string> {
    const { owner, repo } = this.settings
    const known = this.heads.get(branch)
    const answer = await this.call(`GET branch ${branch}`, (signal) =>
      this.octokit.rest.repos
        .getBranch({ owner, repo, branch, headers: known ? { 'if-none-match': known.etag } : {}, request: { signal } })
        .then((r) => ({ data: r.data as unknown, etag: r.headers.etag }))
        .catch((error: unknown) => {
          if ((error as { status?: number }).status === 304 && known) return { data: undefined, etag: known.etag }
          throw error
        })
    )
    if (answer.data === undefined && known) return known.sha
    const sha = (answer.data as { commit?: { sha?: unknown } } | null)?.commit?.sha
    if (typeof sha !== 'string' || !FULL_SHA.test(sha.toLowerCase())) {
      throw new ForgeAnswerError(`the branch answer for '${branch}' has no commit.sha`)
    }
    if (answer.etag) this.heads.set(branch, { etag: answer.etag, sha: sha.toLowerCase() })
    return sha.toLowerCase()
  }

  /**
   * A create that is never blindly sent twice: after a failure that may have followed the write (a 502 or
   * 504, a timeout, a reset), `find` looks for what the first attempt created before another is sent.
   */
  private createOnce<T>(what: string, find: (signal: AbortSignal) => Promise<T | undefined>, post: (signal: AbortSignal) => Promise<T>, lookFirst = false): Promise<T> {
    // `lookFirst`: the caller's own earlier create may have been applied (its answer lost, and this
    // adapter's retries ran out before the look-up could tell): it is never sent again blindly either.
    let unsure = lookFirst
    return this.call(what, async (signal) => {
      if (unsure) {
        const found = await find(signal)
        if (found !== undefined) {
          this.log(`${what}: the first attempt had been applied although its answer was lost; using what it created`)
          return found
        }
      }
      try {
        return await post(signal)
      } catch (error) {
        unsure ||= mayHaveApplied(error)
        throw error
      }
    }).catch((error: unknown) => {
      // Given up while an attempt may be on the forge: the caller's next create must look first too.
      throw unsure ? markMayHaveApplied(error) : error
    })
  }

  get repository(): string {
    return `${this.settings.owner}/${this.settings.repo}`
  }

  async readRepository(): Promise<void> {
    const { owner, repo } = this.settings
    await this.call(`GET repository ${owner}/${repo}`, (signal) => this.octokit.rest.repos.get({ owner, repo, request: { signal } }))
  }

  /** The API root (`GET /`, meta/root) answers a JSON object of URL templates, `current_user_url` among them. */
  async apiMismatch(): Promise<string | undefined> {
    let data: unknown
    try {
      data = await this.call('GET the API root', (signal) => this.octokit.request('GET /', { request: { signal } }).then((r) => r.data as unknown))
    } catch (error) {
      if (error instanceof HttpStatusError && !isTransient(error)) return `GET ${this.settings.apiUrl}/ answered HTTP ${error.status}`
      throw error
    }
    if (data && typeof data === 'object' && typeof (data as { current_user_url?: unknown }).current_user_url === 'string') return undefined
    return `GET ${this.settings.apiUrl}/ answered ${typeof data === 'string' ? 'a body that is not JSON (a web page?)' : 'JSON that is not the API root'}`
  }

  async compare(base: string, head: string): Promise<Comparison> {
    const { owner, repo } = this.settings
    const data = await this.call(`compare ${base.slice(0, 7)}...${head.slice(0, 7)}`, (signal) =>
      this.octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${base}...${head}`, per_page: 1, request: { signal } }).then((r) => r.data as unknown)
    )
    const d = data as { status?: string; ahead_by?: number; behind_by?: number }
    const relation = d.status ? RELATIONS[d.status] : undefined
    if (!relation) return { relation: 'unknown', detail: `compare answered status ${JSON.stringify(d.status)}` }
    return { relation, aheadBy: d.ahead_by, behindBy: d.behind_by }
  }

  async resolveCommit(ref: string): Promise<string | undefined> {
    const { owner, repo } = this.settings
    try {
      // The `sha` media type answers the bare SHA instead of the commit with its files and stats.
      const data = await this.call(`GET commit ${ref}`, (signal) =>
        this.octokit.request('GET /repos/{owner}/{repo}/commits/{ref}', { owner, repo, ref, headers: { accept: 'application/vnd.github.sha' }, request: { signal } }).then((r) => r.data as unknown)
      )
      const sha = String(data).trim().toLowerCase()
      if (!FULL_SHA.test(sha)) throw new ForgeAnswerError(`the commit answer for '${ref}' is not a SHA`)
      return sha
    } catch (error) {
      // 404 or 422 "No commit found for SHA" (an unknown or ambiguous abbreviation).
      if ((error as HttpStatusError).status === 404 || (error as HttpStatusError).status === 422) return undefined
      throw error
    }
  }

  async createCommitStatus(s: CommitStatus): Promise<void> {
    const { owner, repo } = this.settings
    await this.call(`POST status ${s.context}`, (signal) =>
      this.octokit.rest.repos.createCommitStatus({
        owner,
        repo,
        sha: s.sha,
        state: s.state,
        context: s.context,
        description: s.description,
        target_url: s.targetUrl,
        request: { signal }
      })
    )
  }

  /**
   * `GET /commits/{ref}/status`: the combined status, the latest status of each context, 100 contexts a
   * page (OpenAPI repos/get-combined-status-for-ref); `total_count` counts the contexts.
   */
  async latestStatuses(sha: string): Promise<CommitStatusRead[]> {
    const { owner, repo } = this.settings
    const out: CommitStatusRead[] = []
    for (let page = 1; ; page++) {
      const data = await this.call(`GET combined status of ${sha.slice(0, 7)}`, (signal) =>
        this.octokit.rest.repos.getCombinedStatusForRef({ owner, repo, ref: sha, per_page: 100, page, request: { signal } }).then((r) => r.data as unknown)
      )
      const d = data as { total_count?: unknown; statuses?: unknown } | null
      if (!d || !Array.isArray(d.statuses) || typeof d.total_count !== 'number') throw new ForgeAnswerError('the combined status has no statuses and total_count')
      for (const s of d.statuses as Array<Record<string, unknown>>)
        out.push({ state: String(s.state), context: String(s.context), description: String(s.description ?? ''), targetUrl: str(s.target_url), createdAt: str(s.updated_at) ?? str(s.created_at) })
      if (d.statuses.length === 0 || out.length >= d.total_count) break
      if (page >= MAX_RECORD_PAGES) throw new ForgeAnswerError(`the commit has ${d.total_count} status contexts, more than the ${MAX_RECORD_PAGES * 100} read`)
    }
    return out
  }

  /**
   * `GET /commits/{ref}/statuses`: every status of the ref, "in reverse chronological order", `per_page` at
   * most 100 (OpenAPI repos/list-commit-statuses-for-ref). One page; GitHub fills a page to `per_page`
   * while more remain, so a shorter one is the last.
   */
  async recentStatuses(sha: string): Promise<StatusPage> {
    const { owner, repo } = this.settings
    const data = await this.call(`GET statuses of ${sha.slice(0, 7)}`, (signal) =>
      this.octokit.rest.repos.listCommitStatusesForRef({ owner, repo, ref: sha, per_page: GITHUB_STATUS_PAGE, page: 1, request: { signal } }).then((r) => r.data as unknown)
    )
    return statusPage(data, (listed) => listed < GITHUB_STATUS_PAGE)
  }

  readonly checks = {
    create: async (sha: string, name: string, u: CheckRunUpdate, opts: { lookFirst?: boolean } = {}): Promise<number> => {
      const { owner, repo } = this.settings
      // Found again by its `external_id` (the run's stamp): without one, a lost answer cannot be told apart.
      const find = async (signal: AbortSignal): Promise<number | undefined> => {
        if (!u.externalId) return undefined
        const res = await this.octokit.rest.checks.listForRef({ owner, repo, ref: sha, check_name: name, filter: 'all', per_page: 100, request: { signal } })
        return res.data.check_runs.find((c) => c.external_id === u.externalId)?.id
      }
      return this.createOnce(
        `POST check-run ${name}`,
        find,
        (signal) => this.octokit.rest.checks.create({ owner, repo, head_sha: sha, name, ...checkBody(u), request: { signal } }).then((r) => (r.data as { id: number }).id),
        opts.lookFirst === true
      )
    },
    update: async (id: number, u: CheckRunUpdate): Promise<void> => {
      const { owner, repo } = this.settings
      await this.call(`PATCH check-run ${id}`, (signal) => this.octokit.rest.checks.update({ owner, repo, check_run_id: id, ...checkBody(u), request: { signal } }))
    },
    /** `filter=latest`: the newest check run of the name, whatever the attempts and re-runs before it. */
    latestByName: async (sha: string, name: string): Promise<CheckRunRead[]> => {
      const { owner, repo } = this.settings
      const data = await this.call(`GET check-runs ${name} of ${sha.slice(0, 7)}`, (signal) =>
        this.octokit.rest.checks.listForRef({ owner, repo, ref: sha, check_name: name, filter: 'latest', per_page: 100, request: { signal } }).then((r) => r.data as unknown)
      )
      const d = data as { total_count?: unknown; check_runs?: unknown } | null
      if (!d || !Array.isArray(d.check_runs) || typeof d.total_count !== 'number') throw new ForgeAnswerError('the check run list has no check_runs and total_count')
      return (d.check_runs as Array<Record<string, unknown>>).map((c) => {
        const output = (c.output ?? {}) as Record<string, unknown>
        return {
          id: Number(c.id),
          name: String(c.name),
          status: String(c.status),
          conclusion: str(c.conclusion) ?? null,
          externalId: str(c.external_id) ?? null,
          startedAt: str(c.started_at) ?? null,
          title: str(output.title) ?? null,
          detailsUrl: str(c.details_url) ?? null
        }
      })
    }
  }

  /**
   * Deployments of exactly this commit: `auto_merge: false` (GitHub would otherwise try to merge the
   * default branch into the ref, and refuse a SHA behind it with 409), and `required_contexts: []` (by
   * default every commit status on the ref must be `success`, and this job's own status is still pending).
   */
  readonly deployments = {
    create: async (sha: string, environment: string, description: string, key?: string): Promise<number> => {
      const { owner, repo } = this.settings
      // The payload carries a marker of this create (and the run's key, shared by its shards): a lost
      // answer is found again by it, and a shard finds the deployment another shard of its run made.
      const marker = payloadMarker(key)
      const find = async (signal: AbortSignal, match: (m: ReturnType<typeof markerOf>) => boolean): Promise<number | undefined> => {
        const res = await this.octokit.rest.repos.listDeployments({ owner, repo, sha, environment, per_page: 100, request: { signal } })
        // The oldest (lowest id): every shard settles on the same one.
        return res.data.filter((d) => match(markerOf(d.payload))).reduce<number | undefined>((min, d) => (min === undefined || d.id < min ? d.id : min), undefined)
      }
      const what = `POST deployment ${sha.slice(0, 7)} to ${environment}`
      const shared = (): Promise<number | undefined> => this.call(`GET deployments of ${sha.slice(0, 7)}`, (signal) => find(signal, (m) => m?.key === key))
      if (key) {
        const found = await shared()
        if (found !== undefined) return found
      }
      const id = await this.createOnce(
        what,
        (signal) => find(signal, (m) => m?.nonce === marker.nonce),
        async (signal) => {
          const res = await this.octokit.rest.repos.createDeployment({
            owner,
            repo,
            ref: sha,
            environment,
            description,
            task: 'deploy',
            auto_merge: false,
            required_contexts: [],
            payload: { 'rollout-guard': marker },
            request: { signal }
          })
          const id = (res.data as { id?: unknown }).id
          if (typeof id !== 'number') throw new ForgeAnswerError(`the deployment answer has no id (HTTP ${res.status})`)
          return id
        }
      )
      if (!key) return id
      // Two shards that both found none created one each. Ids grow with creation, so the later of the two
      // always sees the earlier on this read: every shard settles on the oldest, and a duplicate steps aside.
      const oldest = await shared().catch(() => undefined)
      if (oldest === undefined || oldest >= id) return id
      await this.deployments
        .setStatus(id, { state: 'inactive', description: `Duplicate of deployment ${oldest}, which the shards of this run share` })
        .catch((error: unknown) => this.log(`deployment ${id}: marking the duplicate inactive failed (${(error as Error).message})`))
      return oldest
    },
    /** The statuses of a deployment, newest first (one page: a deployment of this action has a handful). */
    statuses: async (id: number): Promise<DeploymentStatusRead[]> => {
      const { owner, repo } = this.settings
      const res = await this.call(`GET deployment ${id} statuses`, (signal) => this.octokit.rest.repos.listDeploymentStatuses({ owner, repo, deployment_id: id, per_page: 100, request: { signal } }))
      return res.data.map((s) => ({ state: String(s.state), description: s.description ?? '' }))
    },
    setStatus: async (id: number, s: DeploymentStatusUpdate): Promise<void> => {
      const { owner, repo } = this.settings
      await this.call(`POST deployment ${id} status ${s.state}`, (signal) =>
        this.octokit.rest.repos.createDeploymentStatus({
          owner,
          repo,
          deployment_id: id,
          state: s.state,
          description: s.description,
          ...(s.logUrl ? { log_url: s.logUrl } : {}),
          ...(s.environmentUrl ? { environment_url: s.environmentUrl } : {}),
          ...(s.autoInactive !== undefined ? { auto_inactive: s.autoInactive } : {}),
          request: { signal }
        })
      )
    }
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

/** Octokit's `date` response header (its ResponseHeaders type; lower-cased by @octokit/request). */
function dateOf(headers: unknown): string | undefined {
  return str((headers as Record<string, unknown> | undefined)?.date)
}

/** The REST body of a check run create/update; GitHub wants `output.title` and `summary` with every output. */
function checkBody(u: CheckRunUpdate) {
  return {
    ...(u.externalId ? { external_id: u.externalId } : {}),
    ...(u.status ? { status: u.status } : {}),
    ...(u.conclusion ? { conclusion: u.conclusion, completed_at: new Date().toISOString() } : {}),
    ...(u.detailsUrl ? { details_url: u.detailsUrl } : {}),
    output: {
      title: u.title,
      summary: u.summary,
      ...(u.annotations?.length
        ? {
            annotations: u.annotations.map((a) => ({
              path: a.path,
              start_line: 1,
              end_line: 1,
              annotation_level: a.level,
              message: a.message,
              title: a.title
            }))
          }
        : {})
    }
  }
}

/** Octokit's RequestError carries the status and headers; map it onto our retry classes. */
function classify(what: string, error: unknown, timeout: AbortSignal, cancel: AbortSignal | undefined, forgeNowMs: number): Error {
  const e = error as { status?: number; message?: string; response?: { headers?: Record<string, string>; data?: unknown } }
  // Cancelled: not transient, so no retry is tried (and the retry's wait is aborted by the same signal).
  if (cancel?.aborted) return new NetworkError(`${what} was cancelled`, 'CANCELLED')
  if (timeout.aborted) return new NetworkError(`${what} timed out`, 'TIMEOUT')
  // Asking again would read the same oversized answer: it is an answer we cannot use, not a network fault.
  const tooLarge = error instanceof AnswerTooLargeError ? error : (error as { cause?: unknown } | undefined)?.cause
  if (tooLarge instanceof AnswerTooLargeError) return new ForgeAnswerError(`${what}: ${tooLarge.message}`)
  if (typeof e.status === 'number' && e.status >= 400 && e.response) {
    const headers = Object.fromEntries(Object.entries(e.response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]))
    const body = typeof e.response.data === 'string' ? e.response.data : JSON.stringify(e.response.data ?? '')
    return withRetryAfter(what, e.status, body, headers, forgeNowMs)
  }
  return new NetworkError(`${what} failed: ${e.message ?? String(error)}`, 'NETWORK')
}

/**
 * `x-ratelimit-reset` is epoch seconds on GitHub's clock (REST docs, "Rate limits for the REST API"): the wait
 * is measured from the forge's time, not the runner's, whose clock may be minutes off.
 */
function withRetryAfter(what: string, status: number, body: string, headers: Record<string, string>, forgeNowMs: number): HttpStatusError {
  return statusError(what, { status, headers, body: Buffer.from(body), truncated: false, url: '' }, forgeNowMs)
}
