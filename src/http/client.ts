import { Agent, type Dispatcher } from 'undici'
import { debug, debugEnabled, elapsedMs, loggableUrl } from '../debug.js'
import { Exchange, NetworkError } from './exchange.js'
import { isInternalAddress } from './internal-address.js'
import { INTERNAL_ADDRESS_CODE, publicOnlyLookup, type Resolver } from './public-lookup.js'

export { NetworkError } from './exchange.js'

/**
 * The one HTTP client every outside system goes through (forge, tenants, control plane, registry):
 * a keep-alive pool, a per-request deadline that covers the body too, a response size cap, and
 * redirects only when asked for and only within the same origin.
 */
export interface HttpRequest {
  url: string | URL
  method?: string
  headers?: Record<string, string>
  body?: string | Uint8Array
  /** Deadline for the whole exchange, headers and body. */
  timeoutMs: number
  /** Bodies longer than this are cut off and flagged `truncated`. */
  maxBodyBytes?: number
  signal?: AbortSignal
  /** Follow 301/302/303/307/308 within the same origin (at most 5); a cross-origin hop is an error. */
  followSameOriginRedirects?: boolean
  /**
   * Reach only a public host: an internal address literal, or a name that resolves to one when the
   * socket connects, is refused (src/http/public-lookup.ts). For hosts an outside answer named.
   */
  publicOnly?: boolean
}

export interface HttpResponse {
  status: number
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>
  body: Buffer
  truncated: boolean
  /** The URL that answered, after any redirect. */
  url: string
}

export interface HttpClient {
  send(req: HttpRequest): Promise<HttpResponse>
  close(): Promise<void>
}

const DEFAULT_MAX_BODY = 1024 * 1024
const REDIRECTS = new Set([301, 302, 303, 307, 308])

export function createHttpClient(options: { connections?: number; resolver?: Resolver } = {}): HttpClient {
  const pool = { connections: options.connections ?? 64, keepAliveTimeout: 10_000, pipelining: 1 }
  const agent = new Agent(pool)
  // Its own pool: a connection made for a public-only request is never reused for another, and back.
  let publicAgent: Agent | undefined
  const publicOnly = (): Agent => (publicAgent ??= new Agent({ ...pool, connect: { lookup: publicOnlyLookup(options.resolver) } }))
  return {
    send: (req) => send(req.publicOnly ? publicOnly() : agent, req),
    close: async () => {
      await Promise.all([agent.close(), publicAgent?.close()])
    }
  }
}

async function send(dispatcher: Dispatcher, req: HttpRequest): Promise<HttpResponse> {
  let url = typeof req.url === 'string' ? new URL(req.url) : req.url
  // An address literal is never looked up, so the connect-time check cannot see it: refused here.
  if (req.publicOnly && isInternalAddress(url.hostname)) throw new NetworkError(`${url.origin} is an internal address; refused`, INTERNAL_ADDRESS_CODE)
  let method = req.method ?? 'GET'
  let body = req.body
  for (let hop = 0; ; hop++) {
    const where = `${url.origin}${url.pathname}`
    const exchange = new Exchange(where, req.maxBodyBytes ?? DEFAULT_MAX_BODY, req.signal)
    // Each hop gets the whole deadline again, as the former stream-based path gave the whole exchange one.
    const started = debugEnabled() ? performance.now() : 0
    const sent = exchange.start(dispatcher, { origin: url.origin, path: `${url.pathname}${url.search}`, method: method as Dispatcher.HttpMethod, headers: req.headers, body }, req.timeoutMs)
    const res = started ? await logged(sent, method, url, started) : await sent
    const location = res.headers.location
    if (!req.followSameOriginRedirects || !REDIRECTS.has(res.status) || !location) return { ...res, url: url.toString() }
    const next = new URL(location, url)
    if (next.origin !== url.origin) {
      // Extra headers (tokens) must never travel to another origin, so the hop is refused outright.
      throw new NetworkError(`redirect to another origin refused: ${url.origin} -> ${next.origin}`, 'REDIRECT_CROSS_ORIGIN')
    }
    if (hop >= 4) throw new NetworkError(`too many redirects (last: ${next.pathname})`, 'REDIRECT_LOOP')
    if (res.status === 303) {
      method = 'GET'
      body = undefined
    }
    url = next
  }
}

/** The exchange's outcome in the debug log: method, URL without credentials, status or error, duration. */
async function logged(sent: Promise<ExchangeResultLike>, method: string, url: URL, started: number): Promise<ExchangeResultLike> {
  try {
    const res = await sent
    debug(() => `http ${method} ${loggableUrl(url)} -> ${res.status}${res.truncated ? ' (body cut at the size limit)' : ''} in ${elapsedMs(started)} ms`)
    return res
  } catch (error) {
    debug(() => `http ${method} ${loggableUrl(url)} -> no answer after ${elapsedMs(started)} ms: ${(error as Error).message}`)
    throw error
  }
}
type ExchangeResultLike = Awaited<ReturnType<Exchange['start']>>
