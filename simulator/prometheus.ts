import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PROMETHEUS_BIN } from './host-tools.js'

/**
 * A real Prometheus (the Debian package's binary, simulator/host-tools.ts), started on 127.0.0.1 with a
 * temporary configuration and storage, scraping the simulated tenants' `/t/<tenant>/metrics`. Each
 * tenant is its own target, labelled `tenant="<name>"` (as a service discovery would label it), with a
 * short scrape interval so a test waits a second or two for samples, never minutes. Tests wait for
 * events (`waitForSeries`), not for time.
 */
export interface PrometheusOptions {
  /** The tenant simulator's base URL (`http://127.0.0.1:<port>`). */
  tenantsUrl: string
  tenants: string[]
  /** Prometheus duration; 250ms by default. */
  scrapeInterval?: string
}

export class PrometheusServer {
  private output = ''

  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly dir: string
  ) {
    child.stdout?.on('data', (d: Buffer) => (this.output = (this.output + d.toString()).slice(-20_000)))
    child.stderr?.on('data', (d: Buffer) => (this.output = (this.output + d.toString()).slice(-20_000)))
  }

  static async start(o: PrometheusOptions): Promise<PrometheusServer> {
    const dir = await mkdtemp(join(tmpdir(), 'rg-prometheus-'))
    const target = new URL(o.tenantsUrl).host
    const interval = o.scrapeInterval ?? '250ms'
    // JSON is YAML: no YAML library needed, and a tenant name cannot break the document.
    const config = {
      global: { scrape_interval: interval, scrape_timeout: interval, evaluation_interval: interval },
      scrape_configs: [
        {
          job_name: 'tenants',
          static_configs: o.tenants.map((tenant) => ({ targets: [target], labels: { tenant, __metrics_path__: `/t/${encodeURIComponent(tenant)}/metrics` } }))
        }
      ]
    }
    await writeFile(join(dir, 'prometheus.yml'), JSON.stringify(config, null, 2))
    const port = await freePort()
    const child = spawn(PROMETHEUS_BIN, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const server = new PrometheusServer(`http://127.0.0.1:${port}`, child, dir)
    await server.waitUntil(async () => (await fetch(`${server.url}/-/ready`).catch(() => undefined))?.status === 200, 'Prometheus to be ready')
    return server
  }

  /** The value of an instant query, or undefined when it gives no series. */
  async query(promql: string): Promise<number | undefined> {
    const res = await fetch(`${this.url}/api/v1/query?query=${encodeURIComponent(promql)}`)
    const doc = (await res.json()) as { data?: { result?: Array<{ value: [number, string] }> } }
    const first = doc.data?.result?.[0]
    return first ? Number(first.value[1]) : undefined
  }

  /** Waits until `promql` gives a number for every tenant (each `{tenant}` replaced): samples are present. */
  async waitForSeries(promql: string, tenants: string[]): Promise<void> {
    await this.waitUntil(async () => {
      for (const t of tenants) {
        const v = await this.query(promql.replaceAll('{tenant}', t))
        if (v === undefined || !Number.isFinite(v)) return false
      }
      return true
    }, `a sample of ${promql} for ${tenants.length} tenant(s)`)
  }

  /** Waits until `promql` gives a number that `ok` accepts (a rate window that moved past a change). */
  async waitFor(promql: string, ok: (value: number) => boolean): Promise<void> {
    await this.waitUntil(async () => {
      const v = await this.query(promql)
      return v !== undefined && ok(v)
    }, `${promql} to reach the expected value`)
  }

  /** Polls `ready` (an event, not a time) for at most a generous bound, then fails with Prometheus' own log. */
  private async waitUntil(ready: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + 60_000
    while (!(await ready())) {
      if (this.child.exitCode !== null) throw new Error(`Prometheus exited (${this.child.exitCode}) while waiting for ${what}:\n${this.output}`)
      if (Date.now() > deadline) throw new Error(`no ${what} within 60s:\n${this.output}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r))
      this.child.kill('SIGTERM')
      await exited
    }
    await rm(this.dir, { recursive: true, force: true })
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}
