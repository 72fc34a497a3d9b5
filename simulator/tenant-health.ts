import type { ServerResponse } from 'node:http'
import { sendJson } from './server.js'

/**
 * What a simulated tenant's traffic looks like, for the canary analysis: an error rate and a latency,
 * given to a build (every tenant that runs the commit) or to a tenant (whatever it runs). Served two
 * ways, as real services do: `/metrics` in Prometheus' text exposition format (counters that grow by
 * REQUESTS_PER_SCRAPE at each scrape, so `rate()` over them gives back the error rate), and `/health`,
 * a JSON document with the current numbers.
 */
export interface Health {
  /** Fraction of requests answered 5xx, 0 to 1; a function of the read count makes it noisy. */
  errorRate?: number | ((read: number) => number)
  /** Mean request duration in milliseconds. */
  latencyMs?: number
}

/** Requests counted per scrape: large enough that a rate of 0.001 shows. */
export const REQUESTS_PER_SCRAPE = 10_000

interface Counters {
  ok: number
  errors: number
  seconds: number
  reads: number
}

export class HealthBook {
  private readonly builds = new Map<string, Health>()
  private readonly tenants = new Map<string, Health>()
  private readonly tenantBuilds = new Map<string, Health>()
  private readonly counters = new Map<string, Counters>()

  /** Every tenant running `sha` gets this health (a build's own behaviour wins over the tenant's). */
  forBuild(sha: string, health: Health): void {
    this.builds.set(sha.toLowerCase(), health)
  }

  forTenant(name: string, health: Health): void {
    this.tenants.set(name, health)
  }

  /** `name` running `sha` gets this health: the build misbehaves on this tenant only (wins over the rest). */
  forTenantOnBuild(name: string, sha: string, health: Health): void {
    this.tenantBuilds.set(`${name}@${sha.toLowerCase()}`, health)
  }

  /** The numbers a tenant running `sha` shows at its `read`-th read. */
  now(name: string, sha: string, read: number): { errorRate: number; latencyMs: number } {
    const build = this.tenantBuilds.get(`${name}@${sha.toLowerCase()}`) ?? this.builds.get(sha.toLowerCase())
    const own = this.tenants.get(name)
    const rate = build?.errorRate ?? own?.errorRate ?? 0
    return { errorRate: clamp(typeof rate === 'function' ? rate(read) : rate), latencyMs: build?.latencyMs ?? own?.latencyMs ?? 20 }
  }

  /** One scrape: the counters grow by one scrape's traffic at the current health, then are shown. */
  serveMetrics(res: ServerResponse, name: string, sha: string): void {
    const c = this.counters.get(name) ?? { ok: 0, errors: 0, seconds: 0, reads: 0 }
    this.counters.set(name, c)
    const h = this.now(name, sha, c.reads++)
    const errors = Math.round(REQUESTS_PER_SCRAPE * h.errorRate)
    c.errors += errors
    c.ok += REQUESTS_PER_SCRAPE - errors
    c.seconds += (REQUESTS_PER_SCRAPE * h.latencyMs) / 1000
    const text = [
      '# HELP http_requests_total Requests answered, by status code.',
      '# TYPE http_requests_total counter',
      `http_requests_total{code="200"} ${c.ok}`,
      `http_requests_total{code="500"} ${c.errors}`,
      '# HELP http_request_duration_seconds Request durations.',
      '# TYPE http_request_duration_seconds summary',
      `http_request_duration_seconds_sum ${c.seconds}`,
      `http_request_duration_seconds_count ${c.ok + c.errors}`,
      ''
    ].join('\n')
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
    res.end(text)
  }

  serveHealth(res: ServerResponse, name: string, sha: string): void {
    const c = this.counters.get(name) ?? { ok: 0, errors: 0, seconds: 0, reads: 0 }
    this.counters.set(name, c)
    const h = this.now(name, sha, c.reads++)
    sendJson(res, 200, { tenant: name, sha, http: { errorRate: h.errorRate, latencyMs: h.latencyMs } }, { 'cache-control': 'no-store' })
  }
}

function clamp(rate: number): number {
  return Math.min(1, Math.max(0, rate))
}
