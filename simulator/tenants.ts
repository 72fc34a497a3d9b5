import type { IncomingMessage, ServerResponse } from 'node:http'
import { type Clock, systemClock } from '../src/clock.js'
import { type RunningServer, sendJson, startServer } from './server.js'
import { misbehave, type TenantFault } from './tenant-faults.js'
import { type Health, HealthBook } from './tenant-health.js'

export type { TenantFault } from './tenant-faults.js'
export type { Health } from './tenant-health.js'

/**
 * A fleet of simulated tenants behind ONE loopback server, routed by name: `/t/<tenant>/buildinfo`, or
 * any path with `Host: <tenant>.<anything>`. Each tenant serves a commit, drains to a new one some
 * time after a redeploy (by the injected clock, so unit tests drain in virtual time), and can be made
 * to misbehave the ways real tenants do. Every SHA a tenant ever served is recorded, so tests can
 * assert that no tenant ever went backward.
 */

/** How the build info body looks: `{"sha":...}`, a bare SHA, nested, or the SHA under another key. */
export type BodyFormat = 'json' | 'text' | 'nested' | { key: string }

export interface TenantSpec {
  sha: string
  format?: BodyFormat
  /** While draining: `switch` serves the old commit until live; `alternate` flips old/new per request. */
  drain?: 'switch' | 'alternate'
  /** Default drain time of a redeploy, in clock milliseconds. */
  drainMs?: number
  fault?: TenantFault
}

export interface ServedRecord {
  sha: string
  at: number
}

export interface Deployment {
  sha: string
  requestedAt: number
  liveAt: number
}

export interface TenantRequest {
  tenant: string
  at: number
  method: string
  path: string
  host: string
  headers: Record<string, string | string[] | undefined>
}

interface TenantState extends TenantSpec {
  name: string
  pending?: { sha: string; liveAt: number }
  flip: boolean
  queued: TenantFault[]
  history: ServedRecord[]
  deployments: Deployment[]
}

export class TenantSimulator {
  private readonly tenants = new Map<string, TenantState>()
  private readonly log: TenantRequest[] = []
  private readonly crashing = new Set<string>()
  private readonly health = new HealthBook()
  private server!: RunningServer

  private constructor(readonly clock: Clock) {}

  static async start(options: { clock?: Clock; tenants?: Record<string, TenantSpec> } = {}): Promise<TenantSimulator> {
    const sim = new TenantSimulator(options.clock ?? systemClock)
    for (const [name, spec] of Object.entries(options.tenants ?? {})) sim.add(name, spec)
    sim.server = await startServer((req, res) => sim.handle(req, res))
    return sim
  }

  get url(): string {
    return this.server.url
  }

  /** The same server under another origin (`localhost` instead of `127.0.0.1`), for cross-origin hops. */
  get otherOrigin(): string {
    return `http://localhost:${this.server.port}`
  }

  /** A `buildinfo-url` template for this simulator. */
  get buildinfoTemplate(): string {
    return `${this.server.url}/t/{tenant}/buildinfo`
  }

  /** An `analysis-url` template of the tenants' JSON health documents (field `http.errorRate`). */
  get healthTemplate(): string {
    return `${this.server.url}/t/{tenant}/health`
  }

  /** Answers the JSON array of tenant names, as a `tenants-url` would. */
  get tenantsUrl(): string {
    return `${this.server.url}/tenants`
  }

  get names(): string[] {
    return [...this.tenants.keys()]
  }

  has(name: string): boolean {
    return this.tenants.has(name)
  }

  add(name: string, spec: TenantSpec): void {
    this.tenants.set(name, { ...spec, name, flip: false, queued: [], history: [], deployments: [] })
  }

  /** Starts a rollout of `sha` now; the tenant serves it after its drain time. */
  redeploy(name: string, sha: string, drainMs?: number): Deployment {
    const t = this.get(name)
    this.resolve(t)
    const now = this.clock.now()
    const deployment = { sha, requestedAt: now, liveAt: now + (drainMs ?? t.drainMs ?? 0) }
    t.deployments.push(deployment)
    if (deployment.liveAt <= now) {
      t.sha = sha
      t.pending = undefined
    } else t.pending = { sha, liveAt: deployment.liveAt }
    return deployment
  }

  /**
   * A build that crash-loops: every tenant that goes live on `sha` answers 503 (as a proxy in front of a
   * container in CrashLoopBackOff does) for as long as it runs it, and serves again once moved off it.
   */
  crashLoop(sha: string): void {
    this.crashing.add(sha.toLowerCase())
  }

  /**
   * An error rate or latency for every tenant running `sha` (a build that misbehaves under traffic while
   * reporting its commit), served at `/t/<tenant>/metrics` (Prometheus) and `/t/<tenant>/health` (JSON).
   */
  buildHealth(sha: string, health: Health): void {
    this.health.forBuild(sha, health)
  }

  /**
   * One tenant's error rate or latency while it runs `sha` (a build that misbehaves on that tenant's own
   * data only): wins over the build's and the tenant's own.
   */
  tenantBuildHealth(name: string, sha: string, health: Health): void {
    this.get(name)
    this.health.forTenantOnBuild(name, sha, health)
  }

  /** A tenant's own error rate or latency, whatever it runs (unless its build has one): a baseline's noise. */
  tenantHealth(name: string, health: Health): void {
    this.get(name)
    this.health.forTenant(name, health)
  }

  /** The commit serves again (a fixed dependency outside the fleet, say). */
  stopCrashLoop(sha: string): void {
    this.crashing.delete(sha.toLowerCase())
  }

  setFault(name: string, fault: TenantFault | undefined): void {
    this.get(name).fault = fault
  }

  /** Faults that each answer one request, in order, before the tenant's own behaviour. */
  inject(name: string, ...faults: TenantFault[]): void {
    this.get(name).queued.push(...faults)
  }

  /** The commit the tenant runs now (the new one once its drain is over). */
  serving(name: string): string {
    const t = this.get(name)
    this.resolve(t)
    return t.sha
  }

  /** Every change of the SHA in the tenant's answers, in order. */
  history(name: string): ServedRecord[] {
    return [...this.get(name).history]
  }

  /** Distinct SHAs the tenant ever answered with, in the order first served. */
  served(name: string): string[] {
    return [...new Set(this.get(name).history.map((h) => h.sha))]
  }

  deployments(name: string): Deployment[] {
    return [...this.get(name).deployments]
  }

  requests(name?: string): TenantRequest[] {
    return name === undefined ? [...this.log] : this.log.filter((r) => r.tenant === name)
  }

  close(): Promise<void> {
    return this.server.close()
  }

  private get(name: string): TenantState {
    const t = this.tenants.get(name)
    if (!t) throw new Error(`no simulated tenant ${name}`)
    return t
  }

  private resolve(t: TenantState): void {
    if (t.pending && this.clock.now() >= t.pending.liveAt) {
      t.sha = t.pending.sha
      t.pending = undefined
    }
  }

  private route(req: IncomingMessage, url: URL): { tenant?: TenantState; rest: string[] } {
    const parts = url.pathname
      .split('/')
      .filter(Boolean)
      .map((p) => decodeURIComponent(p))
    if (parts[0] === 't' && parts[1] !== undefined) return { tenant: this.tenants.get(parts[1]), rest: parts.slice(2) }
    const label = String(req.headers.host ?? '').split('.')[0] ?? ''
    return { tenant: this.tenants.get(label), rest: parts }
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://tenants')
    if (url.pathname === '/tenants') return sendJson(res, 200, this.names)
    const { tenant: t, rest } = this.route(req, url)
    if (!t) return sendJson(res, 404, { error: 'no such tenant' })
    // Traffic numbers are not build info: no fault, no request log, no served-SHA history.
    if (rest.length === 1 && (rest[0] === 'metrics' || rest[0] === 'health')) {
      this.resolve(t)
      return rest[0] === 'metrics' ? this.health.serveMetrics(res, t.name, t.sha) : this.health.serveHealth(res, t.name, t.sha)
    }
    const now = this.clock.now()
    this.log.push({ tenant: t.name, at: now, method: req.method ?? 'GET', path: `${url.pathname}${url.search}`, host: String(req.headers.host ?? ''), headers: req.headers })
    const fault = t.queued.shift() ?? (t.fault && (t.fault.until === undefined || now < t.fault.until) ? t.fault : undefined)
    const redirected = rest.at(-1) === 'current'
    this.resolve(t)
    if (fault && !(redirected && 'redirect' in fault)) {
      // A huge body still carries the SHA the tenant runs; the others serve none.
      if ('huge' in fault) this.record(t, t.sha)
      return misbehave(res, fault, { tenant: t.name, sha: t.sha, otherOrigin: this.otherOrigin, headers: req.headers })
    }
    if (this.crashing.has(t.sha.toLowerCase()))
      return misbehave(res, { status: 503, body: 'upstream connect error: container in CrashLoopBackOff' }, { tenant: t.name, sha: t.sha, otherOrigin: this.otherOrigin, headers: req.headers })
    let sha = t.sha
    if (t.pending && t.drain === 'alternate') {
      t.flip = !t.flip
      if (!t.flip) sha = t.pending.sha
    }
    this.record(t, sha)
    const format = t.format ?? 'json'
    if (format === 'text') {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.end(`${sha}\n`)
      return
    }
    const body = format === 'json' ? { tenant: t.name, sha } : format === 'nested' ? { tenant: t.name, build: { git: { sha } } } : { tenant: t.name, [format.key]: sha }
    return sendJson(res, 200, body, { 'cache-control': 'max-age=300' })
  }

  private record(t: TenantState, sha: string): void {
    if (t.history.at(-1)?.sha !== sha) t.history.push({ sha, at: this.clock.now() })
  }
}
