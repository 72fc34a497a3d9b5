import type { CheckRunRead, CheckRunUpdate, CommitStatus, CommitStatusRead } from '../../src/forge/types.js'
import { parseStamp } from '../../src/record/stamp.js'
import { GITHUB_CHECK_SUITE_WINDOW, GITHUB_STATUSES_PER_CONTEXT } from '../forge-reports.js'
import { commitName } from './commits.js'

/**
 * The deploy records on the forge, as GitHub keeps them: check runs (created, then updated in place) and
 * commit statuses (each write a new one). Reads answer what reconcile asks, never the whole history:
 * - `GET /commits/{ref}/check-runs?check_name=&filter=latest`: the most recent run of that name, by id
 *   (simulator/README.md; OpenAPI checks/list-for-ref, `filter`: "`latest` returns the most recent check runs");
 * - `GET /commits/{ref}/status`: the latest status of every context, by id (OpenAPI
 *   repos/get-combined-status-for-ref);
 * - the status list, one page newest first (`statusPage`).
 * Timestamps are the forge's clock (the virtual time from WALL_EPOCH), in whole seconds as both forges
 * give them: GitHub's `started_at`/`created_at` are `YYYY-MM-DDTHH:MM:SSZ` (OpenAPI `check-run` and
 * `simple-commit-status`, @octokit/openapi-types), Gitea's `created_at` a timeutil.TimeStamp of Unix
 * seconds (services/convert/status.go). A runner's clock never reaches them.
 *
 * GitHub's check-suite window, as the fake forge keeps it (simulator/forge-reports.ts): "If there are more
 * than 1000 check suites on a single git reference, this endpoint will limit check runs to the 1000 most
 * recent check suites" (OpenAPI checks/list-for-ref). Every check run created opens a suite of its own
 * (OpenAPI checks/create-suite: "check suites are automatically created when you create a check run"),
 * every workflow run a job belongs to opens one on its commit, and `addSuites` adds later ones (a
 * thousand scheduled runs). A check run outside the window is in no read reconcile makes; the combined
 * status keeps the latest status of each context for good.
 */

interface CheckRun extends CheckRunRead {
  sha: string
}

interface Status extends CommitStatusRead {
  id: number
  sha: string
}

export class Records {
  private readonly checks: CheckRun[] = []
  private readonly statuses: Status[] = []
  private nextId = 1
  /** Check suites per commit, in creation order; a check run's suite is its number there. */
  private readonly suites = new Map<string, number>()
  private readonly suiteOf = new Map<number, number>()
  /** Set once a scenario adds suites: the counts then belong in the state hash. */
  private aging = false
  /** The last snapshot, until the next write: asked at every step, written seldom. */
  private cached: string | undefined

  constructor(private readonly wall: () => number) {}

  private iso(): string {
    return new Date(Math.floor(this.wall() / 1000) * 1000).toISOString().replace('.000Z', 'Z')
  }

  /** `n` more check suites on `sha`, newer than every earlier one. */
  addSuites(sha: string, n: number, aging = false): void {
    this.cached = undefined
    this.suites.set(sha, (this.suites.get(sha) ?? 0) + n)
    this.aging ||= aging
  }

  /** A run named `name` on `sha` created with exactly this `externalId` (GitHub's adapter looks it up by `external_id`). */
  checkWithExternalId(sha: string, name: string, externalId: string): number | undefined {
    return this.checks.find((c) => c.sha === sha && c.name === name && c.externalId === externalId)?.id
  }

  createCheck(sha: string, name: string, u: CheckRunUpdate): number {
    const id = this.nextId++
    this.addSuites(sha, 1)
    this.suiteOf.set(id, this.suites.get(sha)!)
    this.checks.push({
      id,
      sha,
      name,
      status: u.status ?? 'queued',
      conclusion: u.conclusion ?? null,
      externalId: u.externalId ?? null,
      startedAt: this.iso(),
      title: u.title,
      detailsUrl: u.detailsUrl ?? null
    })
    return id
  }

  /** A PATCH: the fields given replace the run's; `started_at` stays. Undefined when there is no such run (a 404). */
  updateCheck(id: number, u: CheckRunUpdate): CheckRun | undefined {
    const c = this.checks.find((x) => x.id === id)
    if (!c) return undefined
    this.cached = undefined
    if (u.status) c.status = u.status
    if (u.conclusion) c.conclusion = u.conclusion
    if (u.externalId !== undefined) c.externalId = u.externalId
    if (u.detailsUrl !== undefined) c.detailsUrl = u.detailsUrl
    c.title = u.title
    return c
  }

  /**
   * A status POST; false when GitHub refuses it (`capped`): "a limit of 1000 statuses per `sha` and
   * `context` within a repository" (OpenAPI repos/create-commit-status; GITHUB_STATUSES_PER_CONTEXT).
   */
  createStatus(s: CommitStatus, capped = false): boolean {
    if (capped && this.statuses.filter((x) => x.sha === s.sha && x.context === s.context).length >= GITHUB_STATUSES_PER_CONTEXT) return false
    this.cached = undefined
    this.statuses.push({ id: this.nextId++, sha: s.sha, state: s.state, context: s.context, description: s.description, targetUrl: s.targetUrl, createdAt: this.iso() })
    return true
  }

  latestStatuses(sha: string): CommitStatusRead[] {
    const latest = new Map<string, Status>()
    for (const s of this.statuses) if (s.sha === sha) latest.set(s.context, s)
    return [...latest.values()].sort((a, b) => b.id - a.id).map(({ state, context, description, targetUrl, createdAt }) => ({ state, context, description, targetUrl, createdAt }))
  }

  /**
   * One page of every status of `sha`, newest first (by id: the write order), and how many there are:
   * GitHub's `GET /commits/{ref}/statuses` ("reverse chronological order", `per_page` at most 100) and
   * Gitea's `GET /statuses/{sha}?sort=leastindex` (`index` DESC, `limit` capped at MAX_RESPONSE_ITEMS, 50).
   */
  statusPage(sha: string, limit: number): { statuses: CommitStatusRead[]; total: number } {
    const mine = this.statuses.filter((s) => s.sha === sha).sort((a, b) => b.id - a.id)
    const statuses = mine.slice(0, limit).map(({ state, context, description, targetUrl, createdAt }) => ({ state, context, description, targetUrl, createdAt }))
    return { statuses, total: mine.length }
  }

  /**
   * Check runs that one job made twice: the same commit, name and run stamp (mode, run, attempt, shard). A
   * create whose answer was lost, sent again without looking for the first, leaves the first one behind.
   */
  doubledChecks(): string[] {
    const seen = new Set<string>()
    const out: string[] = []
    for (const c of this.checks) {
      const s = parseStamp(c.externalId)
      if (!s) continue
      const key = `${c.name} on ${commitName(c.sha)} by ${s.mode} run ${s.runId} attempt ${s.attempt}${s.part ? ` shard ${s.part}` : ''}`
      if (seen.has(key)) out.push(key)
      seen.add(key)
    }
    return out
  }

  /** Every check run of the name in the window, newest first (`filter=all`). */
  checksOf(sha: string, name: string): CheckRunRead[] {
    const oldest = (this.suites.get(sha) ?? 0) - GITHUB_CHECK_SUITE_WINDOW
    return this.checks
      .filter((c) => c.sha === sha && c.name === name && this.suiteOf.get(c.id)! > oldest)
      .reverse()
      .map(({ sha: _sha, ...read }) => ({ ...read }))
  }

  latestCheck(sha: string, name: string): CheckRunRead[] {
    // Only the newest GITHUB_CHECK_SUITE_WINDOW suites of the commit are searched.
    const oldest = (this.suites.get(sha) ?? 0) - GITHUB_CHECK_SUITE_WINDOW
    const runs = this.checks.filter((c) => c.sha === sha && c.name === name && this.suiteOf.get(c.id)! > oldest)
    const last = runs.at(-1)
    if (!last) return []
    const { sha: _sha, ...read } = last
    return [{ ...read }]
  }

  /** What the records say, for the state hash: the latest of every name on every commit. */
  snapshot(): string {
    return (this.cached ??= this.describe())
  }

  private describe(): string {
    const checks = new Map<string, string>()
    for (const c of this.checks) checks.set(`${commitName(c.sha)}:${c.name}`, `${c.status}:${stampOf(c.externalId)}${this.aging ? `#${this.suiteOf.get(c.id)}` : ''}`)
    const statuses = new Map<string, string>()
    for (const s of this.statuses) statuses.set(`${commitName(s.sha)}:${s.context}`, `${s.state}:${stampOf(s.description)}`)
    const suites = this.aging ? ` suites{${[...this.suites].map(([sha, n]) => `${commitName(sha)}:${n}`).join(',')}}` : ''
    // The latest of a name is all a reader sees, but a run made twice is a violation at the end (doubledChecks).
    const doubled = this.doubledChecks().length
    return `checks{${[...checks].join(',')}} statuses{${[...statuses].join(',')}}${suites}${doubled ? ` doubled=${doubled}` : ''}`
  }
}

function stampOf(text: string | null | undefined): string {
  const s = parseStamp(text)
  return s ? `${s.mode}/${s.runId}.${s.attempt}/${s.end}@${s.at ?? '-'}${s.verdict ? `/${s.verdict}` : ''}` : '-'
}
