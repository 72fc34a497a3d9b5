import { createHash } from 'node:crypto'
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import { type RunningServer, sendJson, startServer } from './server.js'

/**
 * A transparent front for the real registry on a port of its own: it logs every request, answers
 * injected faults (5xx, 429 with Retry-After), and can serve a token endpoint beside `/v2/` the way
 * Gitea does, so the realm and the registry share one host and port.
 */
export interface ProxyFault {
  method?: string
  path: RegExp
  status: number
  headers?: Record<string, string>
  body?: string
}

export type LocalHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>

/** One request as the proxy saw it; `status` is set once it is answered (by a fault, a guard or the registry). */
export interface Exchange {
  method: string
  path: string
  /** `sha256:` of the body, for writes: which image a PUT carried. */
  bodyDigest: string | undefined
  status?: number
}

/** Told when a request arrives and when it is answered, in the order these happen. */
export type ExchangeObserver = (exchange: Exchange, phase: 'request' | 'answer') => void

/** Looks at a request before it goes on; an answer given here replaces the registry's. */
export type Guard = (req: IncomingMessage, url: URL) => Omit<ProxyFault, 'path' | 'method'> | undefined

export class RegistryProxy {
  /** `METHOD /path` of every request, in order. */
  readonly log: string[] = []
  private faults: ProxyFault[] = []
  private readonly locals = new Map<string, LocalHandler>()
  private readonly guards: Guard[] = []
  /** Watches every request and its answer (a race test's event log). */
  observer: ExchangeObserver | undefined
  private server!: RunningServer

  private constructor(private upstream: URL | undefined) {}

  static async start(upstream?: string): Promise<RegistryProxy> {
    const proxy = new RegistryProxy(upstream ? new URL(upstream) : undefined)
    proxy.server = await startServer((req, res, body) => proxy.handle(req, res, body))
    return proxy
  }

  get url(): string {
    return this.server.url
  }

  get host(): string {
    return `127.0.0.1:${this.server.port}`
  }

  setUpstream(url: string): void {
    this.upstream = new URL(url)
  }

  /** Serves `path` here instead of passing it on (a token endpoint). */
  serve(path: string, handler: LocalHandler): void {
    this.locals.set(path, handler)
  }

  /** Checked on every request that is not served here, before faults and the registry. */
  guard(check: Guard): void {
    this.guards.push(check)
  }

  /** Each fault answers the first matching request once. */
  inject(...faults: ProxyFault[]): void {
    this.faults.push(...faults)
  }

  clearFaults(): void {
    this.faults = []
  }

  count(method: string, path?: RegExp): number {
    return this.log.filter((l) => l.startsWith(`${method} `) && (!path || path.test(l.slice(method.length + 1)))).length
  }

  close(): Promise<void> {
    return this.server.close()
  }

  private async handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', this.server.url)
    this.log.push(`${req.method} ${url.pathname}`)
    const exchange: Exchange = { method: req.method ?? 'GET', path: url.pathname, bodyDigest: body.length ? `sha256:${createHash('sha256').update(body).digest('hex')}` : undefined }
    this.observer?.(exchange, 'request')
    res.once('finish', () => {
      exchange.status = res.statusCode
      this.observer?.(exchange, 'answer')
    })
    const local = this.locals.get(url.pathname)
    if (local) return local(req, res, url)
    for (const check of this.guards) {
      const answer = check(req, url)
      if (answer) {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
        res.end(answer.body ?? '')
        return
      }
    }
    const i = this.faults.findIndex((f) => f.path.test(url.pathname) && (!f.method || f.method === req.method))
    if (i >= 0) {
      const [fault] = this.faults.splice(i, 1)
      res.writeHead(fault!.status, { 'content-type': 'application/json', ...fault!.headers })
      res.end(fault!.body ?? '{"errors":[{"code":"UNAVAILABLE","message":"injected fault"}]}')
      return
    }
    if (!this.upstream) return sendJson(res, 502, { error: 'no upstream' })
    await this.forward(req, res, url, body)
  }

  private forward(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
    const upstream = this.upstream!
    return new Promise<void>((resolve, reject) => {
      // Host is passed on unchanged so the registry builds Location URLs for this port.
      const out = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: `${url.pathname}${url.search}`, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
        answer.on('end', resolve)
        answer.on('error', reject)
      })
      out.on('error', reject)
      out.end(body)
    })
  }
}
