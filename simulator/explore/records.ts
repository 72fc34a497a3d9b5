import type { CheckRunRead, CheckRunUpdate, CommitStatus, CommitStatusRead } from '../../src/forge/types.js'
import { parseStamp } from '../../src/record/stamp.js'
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

  constructor(private readonly wall: () => number) {}

  private iso(): string {
    return new Date(Math.floor(this.wall() / 1000) * 1000).toISOString().replace('.000Z', 'Z')
  }

  createCheck(sha: string, name: string, u: CheckRunUpdate): number {
    const id = this.nextId++
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
    if (u.status) c.status = u.status
    if (u.conclusion) c.conclusion = u.conclusion
    if (u.externalId !== undefined) c.externalId = u.externalId
    if (u.detailsUrl !== undefined) c.detailsUrl = u.detailsUrl
    c.title = u.title
    return c
  }

  createStatus(s: CommitStatus): void {
    this.statuses.push({ id: this.nextId++, sha: s.sha, state: s.state, context: s.context, description: s.description, targetUrl: s.targetUrl, createdAt: this.iso() })
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

  latestCheck(sha: string, name: string): CheckRunRead[] {
    const runs = this.checks.filter((c) => c.sha === sha && c.name === name)
    const last = runs.at(-1)
    if (!last) return []
    const { sha: _sha, ...read } = last
    return [{ ...read }]
  }

  /** What the records say, for the state hash: the latest of every name on every commit. */
  snapshot(): string {
    const checks = new Map<string, string>()
    for (const c of this.checks) checks.set(`${commitName(c.sha)}:${c.name}`, `${c.status}:${stampOf(c.externalId)}`)
    const statuses = new Map<string, string>()
    for (const s of this.statuses) statuses.set(`${commitName(s.sha)}:${s.context}`, `${s.state}:${stampOf(s.description)}`)
    return `checks{${[...checks].join(',')}} statuses{${[...statuses].join(',')}}`
  }
}

function stampOf(text: string | null | undefined): string {
  const s = parseStamp(text)
  return s ? `${s.mode}/${s.runId}.${s.attempt}/${s.end}@${s.at ?? '-'}${s.verdict ? `/${s.verdict}` : ''}` : '-'
}
