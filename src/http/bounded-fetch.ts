/**
 * A `fetch` for Octokit (`request.fetch`) that reads no more of an answer than `maxBytes`. Octokit buffers
 * whole bodies (`response.json()` / `.text()`), so without this a forge, a proxy in front of it or a
 * `GITHUB_API_URL` pointing elsewhere could hand the job an answer of any size and take the runner's
 * memory with it. The answer is refused as soon as its declared length, or the bytes read so far, pass the
 * limit: the socket is cancelled, nothing more is read, and the error names the host and the limit.
 * (Octokit would buffer the whole answer anyway, so reading it here costs no more memory.)
 */

import { Response as UndiciResponse } from 'undici'

/** The largest GitHub answer read: a compare answer lists up to 300 changed files with their patches. */
export const MAX_GITHUB_ANSWER_BYTES = 16 * 1024 * 1024

export class AnswerTooLargeError extends Error {
  constructor(
    readonly host: string,
    readonly maxBytes: number
  ) {
    super(`${host} answered more than ${formatBytes(maxBytes)}, the most this action reads from it; the answer was not read`)
    this.name = 'AnswerTooLargeError'
  }
}

export function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`
}

/** Statuses whose answer has no body: a Response cannot be built around one. */
const NULL_BODY = new Set([101, 204, 205, 304])

export function boundedFetch(maxBytes: number, inner: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const res = await inner(input, init)
    if (!res.body || NULL_BODY.has(res.status)) return res
    const host = hostOf(res.url || urlOf(input))
    const declared = Number(res.headers.get('content-length') ?? Number.NaN)
    if (declared > maxBytes) {
      await res.body.cancel().catch(() => undefined)
      throw new AnswerTooLargeError(host, maxBytes)
    }
    // Read here, whole and bounded, rather than handed on as a capped stream: Octokit reads JSON with
    // `.text()` and turns a failed read into an empty answer, which would hide the cause.
    const reader = res.body.getReader()
    const chunks: Uint8Array[] = []
    let read = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      read += value.byteLength
      if (read > maxBytes) {
        await reader.cancel().catch(() => undefined)
        throw new AnswerTooLargeError(host, maxBytes)
      }
      chunks.push(value)
    }
    // undici's Response, the class the toolkit's fetch already answers with: Node's global `Response` and
    // `Request` would load Node's own copy of undici, a second fetch implementation costing every start-up
    // (the gate's included) about 20 ms for nothing.
    const out = new UndiciResponse(Buffer.concat(chunks, read), { status: res.status, statusText: res.statusText, headers: res.headers })
    // Octokit reports the URL that answered (after redirects); a new Response has none of its own.
    Object.defineProperty(out, 'url', { value: res.url })
    // The same WHATWG Response (undici is where Node's own comes from); only the DOM typings differ by
    // members Octokit never calls.
    return out as unknown as Response
  }
}

/** The URL of a fetch input (a string, a URL or a Request), read by shape so no Request class is loaded. */
function urlOf(input: unknown): string {
  return typeof input === 'object' && input !== null && 'url' in input && typeof input.url === 'string' ? input.url : String(input)
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'the server'
  }
}
