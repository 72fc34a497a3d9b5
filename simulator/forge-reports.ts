import type { ServerResponse } from 'node:http'
import { sendJson } from './server.js'

/**
 * The reporting side of the fake forge: check runs (GitHub only) and commit statuses, kept as sent so
 * a test can assert the exact bodies, the annotation batches and the order of states.
 */

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

export class ForgeReports {
  readonly checkRuns = new Map<number, CheckRunLog>()
  readonly statuses: StatusLog[] = []
  private nextId = 0

  constructor(private readonly github: boolean) {}

  clear(): void {
    this.checkRuns.clear()
    this.statuses.length = 0
  }

  /** POST /statuses/{sha}. */
  status(res: ServerResponse, sha: string, body: unknown): void {
    const b = (body ?? {}) as StatusLog['body']
    this.statuses.push({ sha, body: b })
    // Gitea names the state `status` in its answer; GitHub says `state`.
    sendJson(res, 201, { id: this.statuses.length, [this.github ? 'state' : 'status']: b.state, context: b.context })
  }

  /** POST /check-runs and PATCH /check-runs/{id}; Gitea has no Checks API and answers 404. */
  checkRun(res: ServerResponse, method: string, rest: string, body: unknown): void {
    if (!this.github) return sendJson(res, 404, { message: 'Not Found' })
    const b = (body ?? {}) as Record<string, unknown>
    if (method === 'POST' && rest === '/check-runs') {
      const id = ++this.nextId
      this.checkRuns.set(id, { id, create: b, updates: [] })
      return sendJson(res, 201, { id, status: b.status ?? 'queued', conclusion: b.conclusion ?? null })
    }
    const run = this.checkRuns.get(Number(rest.slice('/check-runs/'.length)))
    if (method !== 'PATCH' || !run) return sendJson(res, 404, { message: 'Not Found' })
    run.updates.push(b)
    sendJson(res, 200, { id: run.id })
  }
}
