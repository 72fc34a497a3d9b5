import { getOctokit } from '@actions/github'
import { GitHub } from '@actions/github/lib/utils'
import type { Clock } from '../clock.js'
import { type HttpStatusError, statusError, withRetry } from '../http/retry.js'
import { NetworkError } from '../http/client.js'
import type { ForgeSettings } from '../settings/common.js'
import { type CheckRunRead, type CheckRunUpdate, type CommitStatus, type CommitStatusRead, type Comparison, type Forge, FULL_SHA, MAX_RECORD_PAGES } from './types.js'
import { ForgeAnswerError } from './errors.js'
import { logOctokitRequests } from './octokit-debug.js'

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

  constructor(
    private readonly settings: ForgeSettings,
    private readonly clock: Clock,
    private readonly log: (message: string) => void
  ) {
    // An empty token still reads public repositories; getOctokit refuses one, so build the client directly.
    this.octokit = settings.token ? getOctokit(settings.token, { baseUrl: settings.apiUrl }) : (new GitHub({ baseUrl: settings.apiUrl }) as Octokit)
    logOctokitRequests(this.octokit)
  }

  private call<T>(what: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return withRetry(
      async (_attempt, remainingMs) => {
        const signal = AbortSignal.timeout(Math.min(this.settings.requestTimeoutMs, remainingMs))
        try {
          return await fn(signal)
        } catch (error) {
          throw classify(what, error, signal)
        }
      },
      {
        policy: this.settings.retry,
        clock: this.clock,
        onRetry: ({ delayMs, error }) => this.log(`${what}: ${(error as Error).message}; retrying in ${delayMs} ms`)
      }
    )
  }

  async branchHead(branch: string): Promise<string> {
    const { owner, repo } = this.settings
    const data = await this.call(`GET branch ${branch}`, (signal) =>
      this.octokit.rest.repos.getBranch({ owner, repo, branch, request: { signal } }).then((r) => r.data as unknown)
    )
    const sha = (data as { commit?: { sha?: unknown } } | null)?.commit?.sha
    if (typeof sha !== 'string' || !FULL_SHA.test(sha.toLowerCase())) {
      throw new ForgeAnswerError(`the branch answer for '${branch}' has no commit.sha`)
    }
    return sha.toLowerCase()
  }

  async compare(base: string, head: string): Promise<Comparison> {
    const { owner, repo } = this.settings
    const data = await this.call(`compare ${base.slice(0, 7)}...${head.slice(0, 7)}`, (signal) =>
      this.octokit.rest.repos
        .compareCommitsWithBasehead({ owner, repo, basehead: `${base}...${head}`, per_page: 1, request: { signal } })
        .then((r) => r.data as unknown)
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
        this.octokit
          .request('GET /repos/{owner}/{repo}/commits/{ref}', { owner, repo, ref, headers: { accept: 'application/vnd.github.sha' }, request: { signal } })
          .then((r) => r.data as unknown)
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

  /** `GET /commits/{ref}/statuses`, 100 a page; a short page is the last (GitHub honours per_page up to 100). */
  async listCommitStatuses(sha: string, context: string): Promise<CommitStatusRead[]> {
    const { owner, repo } = this.settings
    const out: CommitStatusRead[] = []
    for (let page = 1; page <= MAX_RECORD_PAGES; page++) {
      const data = await this.call(`GET statuses of ${sha.slice(0, 7)}`, (signal) =>
        this.octokit.rest.repos.listCommitStatusesForRef({ owner, repo, ref: sha, per_page: 100, page, request: { signal } }).then((r) => r.data as unknown)
      )
      if (!Array.isArray(data)) throw new ForgeAnswerError('the status list is not an array')
      for (const s of data as Array<Record<string, unknown>>) {
        if (s?.context === context) out.push({ state: String(s.state), context, description: String(s.description ?? ''), targetUrl: str(s.target_url), createdAt: str(s.created_at) })
      }
      if (data.length < 100) break
    }
    return out
  }

  readonly checks = {
    create: async (sha: string, name: string, u: CheckRunUpdate): Promise<number> => {
      const { owner, repo } = this.settings
      const res = await this.call(`POST check-run ${name}`, (signal) =>
        this.octokit.rest.checks.create({ owner, repo, head_sha: sha, name, ...checkBody(u), request: { signal } })
      )
      return (res.data as { id: number }).id
    },
    update: async (id: number, u: CheckRunUpdate): Promise<void> => {
      const { owner, repo } = this.settings
      await this.call(`PATCH check-run ${id}`, (signal) =>
        this.octokit.rest.checks.update({ owner, repo, check_run_id: id, ...checkBody(u), request: { signal } })
      )
    },
    /** `filter=all`: the default (`latest`) would hide the earlier attempts that the decision weighs. */
    listForRef: async (sha: string, name: string): Promise<CheckRunRead[]> => {
      const { owner, repo } = this.settings
      const out: CheckRunRead[] = []
      for (let page = 1; page <= MAX_RECORD_PAGES; page++) {
        const data = await this.call(`GET check-runs ${name} of ${sha.slice(0, 7)}`, (signal) =>
          this.octokit.rest.checks.listForRef({ owner, repo, ref: sha, check_name: name, filter: 'all', per_page: 100, page, request: { signal } }).then((r) => r.data as unknown)
        )
        const d = data as { total_count?: unknown; check_runs?: unknown } | null
        if (!d || !Array.isArray(d.check_runs) || typeof d.total_count !== 'number') throw new ForgeAnswerError('the check run list has no check_runs and total_count')
        for (const c of d.check_runs as Array<Record<string, unknown>>) {
          const output = (c.output ?? {}) as Record<string, unknown>
          out.push({ id: Number(c.id), name: String(c.name), status: String(c.status), conclusion: str(c.conclusion) ?? null, externalId: str(c.external_id) ?? null, startedAt: str(c.started_at) ?? null, title: str(output.title) ?? null, detailsUrl: str(c.details_url) ?? null })
        }
        if (d.check_runs.length === 0 || out.length >= d.total_count) break
      }
      return out
    }
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

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
function classify(what: string, error: unknown, signal: AbortSignal): Error {
  const e = error as { status?: number; message?: string; response?: { headers?: Record<string, string>; data?: unknown } }
  if (signal.aborted) return new NetworkError(`${what} timed out`, 'TIMEOUT')
  if (typeof e.status === 'number' && e.status >= 400 && e.response) {
    const headers = Object.fromEntries(Object.entries(e.response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]))
    const body = typeof e.response.data === 'string' ? e.response.data : JSON.stringify(e.response.data ?? '')
    return withRetryAfter(what, e.status, body, headers)
  }
  return new NetworkError(`${what} failed: ${e.message ?? String(error)}`, 'NETWORK')
}

function withRetryAfter(what: string, status: number, body: string, headers: Record<string, string>): HttpStatusError {
  return statusError(what, { status, headers, body: Buffer.from(body), truncated: false, url: '' })
}
