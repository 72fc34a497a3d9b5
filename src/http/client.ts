import { Agent, request, type Dispatcher } from 'undici'
import { truncate } from '../errors.js'

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

/** No answer at all: refused, reset, timed out, DNS, or a refused redirect. Always worth another try. */
export class NetworkError extends Error {
  constructor(
    message: string,
    readonly code: string
  ) {
    super(message)
    this.name = 'NetworkError'
  }
}

const DEFAULT_MAX_BODY = 1024 * 1024
const REDIRECTS = new Set([301, 302, 303, 307, 308])

export function createHttpClient(options: { connections?: number } = {}): HttpClient {
  const agent = new Agent({
    connections: options.connections ?? 64,
    keepAliveTimeout: 10_000,
    pipelining: 1
  })
  return {
    send: (req) => send(agent, req),
    close: () => agent.close()
  }
}

async function send(dispatcher: Dispatcher, req: HttpRequest): Promise<HttpResponse> {
  // A deadline that ends with the exchange. AbortSignal.timeout() keeps its timer (and AbortSignal.any()
  // its links) alive for the whole timeout after every request: at the thousands of requests a second
  // of a large fleet's settle loop, tens of thousands of live timers and signals.
  const controller = new AbortController()
  const signal = controller.signal
  const timer = setTimeout(() => controller.abort(new DOMException('request timed out', 'TimeoutError')), Math.max(1, req.timeoutMs))
  const onAbort = (): void => controller.abort(req.signal?.reason)
  if (req.signal?.aborted) onAbort()
  else req.signal?.addEventListener('abort', onAbort, { once: true })
  try {
    let url = new URL(req.url)
    let method = req.method ?? 'GET'
    let body = req.body
    for (let hop = 0; ; hop++) {
      const res = await exchange(dispatcher, url, method, req.headers ?? {}, body, signal, req.maxBodyBytes ?? DEFAULT_MAX_BODY)
      if (!req.followSameOriginRedirects || !REDIRECTS.has(res.status) || !res.headers.location) return res
      const next = new URL(res.headers.location, url)
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
  } finally {
    clearTimeout(timer)
    req.signal?.removeEventListener('abort', onAbort)
  }
}

async function exchange(
  dispatcher: Dispatcher,
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  signal: AbortSignal,
  maxBodyBytes: number
): Promise<HttpResponse> {
  let res: Dispatcher.ResponseData
  try {
    res = await request(url, {
      method: method as Dispatcher.HttpMethod,
      headers,
      body,
      signal,
      dispatcher
    })
  } catch (error) {
    throw toNetworkError(error, signal, url)
  }
  const chunks: Buffer[] = []
  let size = 0
  let truncated = false
  try {
    for await (const chunk of res.body) {
      const buf = chunk as Buffer
      if (size + buf.length > maxBodyBytes) {
        chunks.push(buf.subarray(0, maxBodyBytes - size))
        size = maxBodyBytes
        truncated = true
        break
      }
      chunks.push(buf)
      size += buf.length
    }
  } catch (error) {
    throw toNetworkError(error, signal, url)
  } finally {
    if (truncated) res.body.destroy()
  }
  return {
    status: res.statusCode,
    headers: flattenHeaders(res.headers),
    body: Buffer.concat(chunks, size),
    truncated,
    url: url.toString()
  }
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}

function toNetworkError(error: unknown, signal: AbortSignal, url: URL): Error {
  if (error instanceof NetworkError) return error
  const where = `${url.origin}${url.pathname}`
  if (signal.aborted) {
    const reason = signal.reason as { name?: string } | undefined
    if (reason?.name === 'TimeoutError') return new NetworkError(`request to ${where} timed out`, 'TIMEOUT')
    return new NetworkError(`request to ${where} was cancelled`, 'CANCELLED')
  }
  const e = error as { code?: string; message?: string; cause?: { code?: string } }
  const code = e.code ?? e.cause?.code ?? 'NETWORK'
  return new NetworkError(`request to ${where} failed: ${truncate(e.message ?? String(error), 200)} (${code})`, code)
}
