import type { IncomingMessage, ServerResponse } from 'node:http'
import { type Clock, systemClock } from '../src/clock.js'
import { sameCommit } from '../src/forge/types.js'
import { type RunningServer, sendJson, startServer } from './server.js'
import type { TenantSimulator } from './tenants.js'

/**
 * The user's control plane, simulated: `POST /redeploy` (or `/tenants/<name>/redeploy`) with a JSON body
 * `{tenant, tag, sha, current?}` starts the tenant's drain to `sha`. It can be slow (latency per request,
 * applied before the redeploy takes effect, which is how an older job's redeploy lands late), fail on
 * demand, and run in compare-and-set mode: a `current` that is not what the tenant serves is refused
 * with 409, so a stale redeploy can never move a tenant backward.
 */
export type ControlPlaneFault =
  /** `until`: the answer is held until the promise settles (a slow failure the test can line up with events). */
  { status: number; headers?: Record<string, string>; body?: string; until?: Promise<unknown> } | { hang: true }

export interface RedeployCall {
  tenant: string
  sha: string
  tag: string
  current?: string
  receivedAt: number
  /** When the answer was written (absent while it hangs). */
  answeredAt?: number
  outcome: 'applied' | 'refused-cas' | 'fault' | 'bad-request'
}

export interface ControlPlaneOptions {
  tenants: TenantSimulator
  clock?: Clock
  /** Refuse a redeploy whose `current` is not the SHA the tenant serves. */
  compareAndSet?: boolean
  /** Delay before a redeploy takes effect and is answered, per call. */
  latencyMs?: (tenant: string) => number
  /** Required `Authorization: Bearer <token>` when set. */
  token?: string
}

export class ControlPlane {
  readonly calls: RedeployCall[] = []
  private readonly faults: ControlPlaneFault[] = []
  private readonly listeners = new Set<() => void>()
  private tenantsHold: Promise<unknown> | undefined
  /** How many times `GET /tenants` was asked. */
  tenantsRequests = 0
  private onRequest?: (call: RedeployCall) => void | Promise<void>
  private server!: RunningServer
  private readonly clock: Clock

  private constructor(private readonly options: ControlPlaneOptions) {
    this.clock = options.clock ?? systemClock
  }

  static async start(options: ControlPlaneOptions): Promise<ControlPlane> {
    const cp = new ControlPlane(options)
    cp.server = await startServer((req, res, body) => cp.handle(req, res, body))
    return cp
  }

  /** A `redeploy-url` for the action. */
  get redeployUrl(): string {
    return `${this.server.url}/redeploy`
  }

  get url(): string {
    return this.server.url
  }

  /** Faults that each answer one request, in order. */
  inject(...faults: ControlPlaneFault[]): void {
    this.faults.push(...faults)
  }

  /** A `tenants-url`: the control plane's list of tenant names (as many control planes offer). */
  get tenantsUrl(): string {
    return `${this.server.url}/tenants`
  }

  /** Holds every `GET /tenants` answer until the promise settles (a slow fleet inventory). */
  holdTenants(until: Promise<unknown> | undefined): void {
    this.tenantsHold = until
  }

  /** Resolves once `predicate` holds, checked after every request this control plane receives. */
  until(predicate: (cp: ControlPlane) => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (!predicate(this)) return
        this.listeners.delete(check)
        resolve()
      }
      this.listeners.add(check)
      check()
    })
  }

  /**
   * Awaited as each redeploy request arrives, before it is answered or takes effect: a test acts at that
   * exact point (moves the branch head, say) instead of guessing how long the run takes to get there.
   */
  whenRequested(hook: ((call: RedeployCall) => void | Promise<void>) | undefined): void {
    this.onRequest = hook
  }

  applied(tenant?: string): RedeployCall[] {
    return this.calls.filter((c) => c.outcome === 'applied' && (tenant === undefined || c.tenant === tenant))
  }

  close(): Promise<void> {
    return this.server.close()
  }

  private async handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://cp')
    const m = /^\/(?:tenants\/([^/]+)\/)?redeploy$/.exec(url.pathname)
    if (req.method === 'GET' && url.pathname === '/health') return sendJson(res, 200, { ok: true })
    if (req.method === 'GET' && url.pathname === '/tenants') {
      this.tenantsRequests += 1
      this.notify()
      await this.tenantsHold
      return sendJson(res, 200, this.options.tenants.names)
    }
    if (!m) return sendJson(res, 404, { error: 'not found' })
    if (this.options.token && req.headers.authorization !== `Bearer ${this.options.token}`) return sendJson(res, 401, { error: 'unauthorized' })
    let body: { tenant?: string; tag?: string; sha?: string; current?: string }
    try {
      body = JSON.parse(raw.toString('utf8') || '{}')
    } catch {
      return sendJson(res, 400, { error: 'body is not JSON' })
    }
    const tenant = m[1] ? decodeURIComponent(m[1]) : (body.tenant ?? '')
    const call: RedeployCall = { tenant, sha: body.sha ?? '', tag: body.tag ?? '', current: body.current, receivedAt: this.clock.now(), outcome: 'bad-request' }
    this.calls.push(call)
    await this.onRequest?.(call)
    const fault = this.faults.shift()
    if (fault) {
      call.outcome = 'fault'
      this.notify()
      if ('hang' in fault) return
      await fault.until
      call.answeredAt = this.clock.now()
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers })
      res.end(fault.body ?? JSON.stringify({ error: `injected ${fault.status}` }))
      return
    }
    if (!tenant || !body.sha || !this.options.tenants.has(tenant)) {
      call.answeredAt = this.clock.now()
      this.notify()
      return sendJson(res, 400, { error: `unknown tenant or missing sha: ${tenant}` })
    }
    const latency = this.options.latencyMs?.(tenant) ?? 0
    if (latency > 0) await this.clock.sleep(latency)
    if (this.options.compareAndSet) {
      const serving = this.options.tenants.serving(tenant)
      if (body.current === undefined || !sameCommit(body.current, serving)) {
        call.outcome = 'refused-cas'
        call.answeredAt = this.clock.now()
        this.notify()
        // docs/contracts.md: a refusal may say what the tenant holds, for a tenant that reports no SHA.
        return sendJson(res, 409, { error: `compare-and-set failed: ${tenant} serves ${serving.slice(0, 7)}, not ${String(body.current).slice(0, 7)}`, current: serving })
      }
    }
    this.options.tenants.redeploy(tenant, body.sha)
    call.outcome = 'applied'
    call.answeredAt = this.clock.now()
    this.notify()
    return sendJson(res, 202, { tenant, sha: body.sha, accepted: true })
  }

  private notify(): void {
    for (const check of [...this.listeners]) check()
  }
}
