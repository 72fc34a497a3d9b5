import type { ServerResponse } from 'node:http'
import type { GitRepo } from './git-repo.js'
import type { StatusLog } from './forge-reports.js'
import { sendJson } from './server.js'

/**
 * GitHub's Deployments API, as strict as GitHub (Gitea has none: the fake forge answers 404 there).
 * Request shapes are validated against the OpenAPI description before they get here (github-rules.ts);
 * what the description says only in prose is enforced here, from its operation descriptions
 * (repos/create-deployment, repos/create-deployment-status) and the REST docs:
 * - `ref` is a branch, tag or SHA of the repository; anything else is 422 "No ref found for".
 * - `auto_merge` (default true): a ref behind the default branch is merged into. The fake does not merge:
 *   a branch answers 202 "Auto-merged … into …" (no deployment is created), a SHA or tag (nothing to
 *   merge into) 409 "Conflict merging".
 * - `required_contexts` (default: every context submitted on the commit) must all be `success` among its
 *   commit statuses, a listed context never submitted included; otherwise 409 "Conflict: Commit status
 *   checks failed". `[]` skips the check.
 * - A status's description is at most 140 characters (github-rules.ts: 422 and a violation, as for
 *   commit statuses).
 * - `auto_inactive` (default true) on a `success` status adds an `inactive` status to every earlier
 *   non-transient deployment of the same environment whose state was `success` (REST docs, "Inactive
 *   deployments", same environment name per the 2016-04-06 API changelog).
 * Lists are newest first, `per_page` at most 100.
 */
export interface DeploymentLog {
  id: number
  body: Record<string, unknown>
  sha: string
  environment: string
  transient: boolean
  statuses: Record<string, unknown>[]
}

const DOCS = 'https://docs.github.com/rest/deployments/deployments#create-a-deployment'

export class ForgeDeployments {
  readonly deployments: DeploymentLog[] = []
  private nextStatus = 0

  constructor(
    private readonly repo: GitRepo,
    private readonly statuses: () => StatusLog[]
  ) {}

  clear(): void {
    this.deployments.length = 0
  }

  /** Every `/deployments…` request (GitHub flavour; the body already passed the OpenAPI rules). */
  async handle(res: ServerResponse, method: string, rest: string, url: URL, body: unknown): Promise<void> {
    const m = /^\/deployments(?:\/(\d+)(\/statuses)?)?$/.exec(rest)
    if (!m) return sendJson(res, 404, { message: 'Not Found' })
    const id = m[1] === undefined ? undefined : Number(m[1])
    if (id === undefined) return method === 'POST' ? this.create(res, (body ?? {}) as Record<string, unknown>) : this.list(res, url)
    const d = this.deployments.find((x) => x.id === id)
    if (!d) return sendJson(res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' })
    if (!m[2]) return sendJson(res, 200, shape(d))
    if (method === 'POST') return this.addStatus(res, d, (body ?? {}) as Record<string, unknown>)
    return sendJson(res, 200, page([...d.statuses].reverse(), url))
  }

  private async create(res: ServerResponse, b: Record<string, unknown>): Promise<void> {
    const ref = String(b.ref)
    const sha = await this.repo.resolve(ref)
    if (!sha) return sendJson(res, 422, { message: `No ref found for: ${ref}`, documentation_url: DOCS, status: '422' })
    if (b.auto_merge !== false) {
      const main = await this.repo.resolve('main')
      if (main && !(await this.repo.isAncestor(main, sha))) {
        if (await this.repo.isBranch(ref)) return sendJson(res, 202, { message: `Auto-merged main into ${ref} on deployment.` })
        return sendJson(res, 409, { message: `Conflict merging main into ${ref}.`, documentation_url: DOCS, status: '409' })
      }
    }
    const failing = this.failingContexts(sha, Array.isArray(b.required_contexts) ? (b.required_contexts as string[]) : undefined)
    if (failing.length) {
      return sendJson(res, 409, {
        message: `Conflict: Commit status checks failed for ${ref}.`,
        errors: [{ contexts: failing, resource: 'Deployment', field: 'required_contexts', code: 'invalid' }],
        documentation_url: DOCS,
        status: '409'
      })
    }
    const environment = typeof b.environment === 'string' ? b.environment : 'production'
    const d: DeploymentLog = { id: this.deployments.length + 1, body: b, sha, environment, transient: b.transient_environment === true, statuses: [] }
    this.deployments.push(d)
    return sendJson(res, 201, shape(d))
  }

  /** The latest state of each required context (every submitted one when `required` is omitted) that is not success. */
  private failingContexts(sha: string, required: string[] | undefined): { context: string; state: string }[] {
    const latest = new Map<string, string>()
    for (const s of this.statuses()) if (s.sha === sha && s.body.context) latest.set(s.body.context, String(s.body.state))
    const contexts = required ?? [...latest.keys()]
    return contexts.map((context) => ({ context, state: latest.get(context) ?? 'missing' })).filter((c) => c.state !== 'success')
  }

  private addStatus(res: ServerResponse, d: DeploymentLog, b: Record<string, unknown>): void {
    const status = this.push(d, b)
    if (b.state === 'success' && b.auto_inactive !== false) {
      for (const other of this.deployments) {
        if (other.id >= d.id || other.environment !== d.environment || other.transient) continue
        if (other.statuses.at(-1)?.state === 'success') this.push(other, { state: 'inactive', description: '' })
      }
    }
    sendJson(res, 201, status)
  }

  private push(d: DeploymentLog, b: Record<string, unknown>): Record<string, unknown> {
    const logUrl = typeof b.log_url === 'string' ? b.log_url : typeof b.target_url === 'string' ? b.target_url : ''
    const status = {
      id: ++this.nextStatus,
      state: b.state,
      description: b.description ?? '',
      environment: d.environment,
      target_url: logUrl,
      log_url: logUrl,
      environment_url: b.environment_url ?? '',
      created_at: new Date().toISOString(),
      deployment_url: `/deployments/${d.id}`
    }
    d.statuses.push(status)
    return status
  }

  private list(res: ServerResponse, url: URL): void {
    const q = url.searchParams
    const match = (d: DeploymentLog): boolean =>
      (!q.get('sha') || d.sha === q.get('sha')) &&
      (!q.get('ref') || d.body.ref === q.get('ref')) &&
      (!q.get('environment') || d.environment === q.get('environment')) &&
      (!q.get('task') || (d.body.task ?? 'deploy') === q.get('task'))
    sendJson(res, 200, page(this.deployments.filter(match).reverse().map(shape), url))
  }
}

function page<T>(items: T[], url: URL): T[] {
  const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30))
  const p = Number(url.searchParams.get('page') ?? 1)
  return items.slice((p - 1) * perPage, p * perPage)
}

function shape(d: DeploymentLog): Record<string, unknown> {
  const b = d.body
  return {
    id: d.id,
    node_id: `DE_${d.id}`,
    sha: d.sha,
    ref: b.ref,
    task: b.task ?? 'deploy',
    payload: b.payload ?? {},
    environment: d.environment,
    original_environment: d.environment,
    description: b.description ?? '',
    transient_environment: d.transient,
    production_environment: typeof b.production_environment === 'boolean' ? b.production_environment : d.environment === 'production',
    creator: null,
    url: `/deployments/${d.id}`,
    statuses_url: `/deployments/${d.id}/statuses`,
    created_at: new Date().toISOString()
  }
}
