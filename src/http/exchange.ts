import type { Dispatcher } from 'undici'
import { excerpt } from '../redact.js'

/**
 * One HTTP exchange on undici's dispatch API (undici 6, the major `@actions/*` bundle, so `dist/` carries
 * one undici and runs on Node 20): a single object is the response handler, the deadline's target and the
 * cancel listener. The stream-based `request()` built, for every request, a Readable
 * body, an async iterator over it, an AsyncResource and a handful of closures; at thousands of tenant
 * polls a second that was most of the ~30 KB allocated per request. Small bodies (build info is a few
 * hundred bytes) arrive in one chunk, which is kept as it is instead of being copied by Buffer.concat.
 */
export interface ExchangeResult {
  status: number
  headers: Record<string, string>
  body: Buffer
  truncated: boolean
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

const EMPTY = Buffer.alloc(0)
/** Why a request ended early: fixed objects, so no per-request allocation for the common cases. */
const TIMED_OUT = Object.freeze({ name: 'TimeoutError', message: 'request timed out' })
const CANCELLED = Object.freeze({ name: 'AbortError', message: 'request cancelled' })
type EndReason = typeof TIMED_OUT | typeof CANCELLED

export class Exchange implements Dispatcher.DispatchHandlers {
  /** undici's abort for this request, handed over in onConnect. */
  private abortRequest: ((error?: Error) => void) | undefined
  private ended: EndReason | undefined
  private settled = false
  private status = 0
  private readonly headers: Record<string, string> = {}
  private first: Buffer | undefined
  private chunks: Buffer[] | undefined
  private size = 0
  private timer: NodeJS.Timeout | undefined
  private resolve!: (r: ExchangeResult) => void
  private reject!: (e: Error) => void
  readonly done: Promise<ExchangeResult>

  constructor(
    private readonly where: string,
    private readonly maxBodyBytes: number,
    private readonly signal: AbortSignal | undefined
  ) {
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve
      this.reject = reject
    })
  }

  /** Sends the request, unless the caller already cancelled; `done` settles either way. */
  start(dispatcher: Dispatcher, options: Dispatcher.DispatchOptions, timeoutMs: number): Promise<ExchangeResult> {
    if (this.signal?.aborted) {
      this.ended = CANCELLED
      this.fail(new Error(CANCELLED.message))
      return this.done
    }
    this.timer = setTimeout(onTimeout, Math.max(1, timeoutMs), this)
    this.signal?.addEventListener('abort', this, { once: true })
    dispatcher.dispatch(options, this)
    return this.done
  }

  /** The caller's signal fired (EventListener object: no closure per request). */
  handleEvent(): void {
    this.stop(CANCELLED)
  }

  stop(reason: EndReason): void {
    if (this.settled || this.ended) return
    this.ended = reason
    const abort = this.abortRequest
    // Settle now, whether or not undici has started the request: a hanging server must not hold the caller.
    this.fail(new Error(reason.message))
    abort?.(new Error(reason.message))
  }

  onConnect(abort: (error?: Error) => void): void {
    this.abortRequest = abort
    if (this.ended) abort(new Error(this.ended.message))
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    this.status = statusCode
    // Raw name/value pairs, names as the server spelled them; repeated headers are joined as a list.
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      const name = rawHeaders[i]!.toString('latin1').toLowerCase()
      const value = rawHeaders[i + 1]!.toString('utf8')
      const seen = this.headers[name]
      this.headers[name] = seen === undefined ? value : `${seen}, ${value}`
    }
    return true
  }

  onData(chunk: Buffer): boolean {
    // Settled already (cancelled, timed out): let the rest drain rather than pause the socket.
    if (this.settled) return true
    if (this.size + chunk.length > this.maxBodyBytes) {
      this.keep(chunk.subarray(0, this.maxBodyBytes - this.size))
      const abort = this.abortRequest
      this.finish(true)
      abort?.(new Error('body too large'))
      return false
    }
    this.keep(chunk)
    return true
  }

  onComplete(): void {
    this.finish(false)
  }

  onError(error: Error): void {
    this.fail(error)
  }

  private keep(chunk: Buffer): void {
    if (!this.first) this.first = chunk
    else (this.chunks ??= [this.first]).push(chunk)
    this.size += chunk.length
  }

  private finish(truncated: boolean): void {
    if (this.settled) return
    this.cleanUp()
    const body = this.chunks ? Buffer.concat(this.chunks, this.size) : (this.first ?? EMPTY)
    this.first = this.chunks = undefined
    this.resolve({ status: this.status, headers: this.headers, body, truncated })
  }

  private fail(error: Error): void {
    if (this.settled) return
    this.cleanUp()
    this.reject(this.toNetworkError(error))
  }

  private cleanUp(): void {
    this.settled = true
    if (this.timer) clearTimeout(this.timer)
    this.signal?.removeEventListener('abort', this)
    // Whatever still points at this handler (undici's request until it is dropped, a listener list)
    // must not keep the request and its socket buffers alive with it.
    this.abortRequest = undefined
  }

  private toNetworkError(error: unknown): Error {
    if (error instanceof NetworkError) return error
    if (this.ended === TIMED_OUT) return new NetworkError(`request to ${this.where} timed out`, 'TIMEOUT')
    if (this.ended === CANCELLED) return new NetworkError(`request to ${this.where} was cancelled`, 'CANCELLED')
    const e = error as { code?: string; message?: string; cause?: { code?: string } }
    const code = e.code ?? e.cause?.code ?? 'NETWORK'
    return new NetworkError(`request to ${this.where} failed: ${excerpt(e.message ?? String(error), 200)} (${code})`, code)
  }
}

function onTimeout(exchange: Exchange): void {
  exchange.stop(TIMED_OUT)
}
