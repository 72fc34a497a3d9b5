import type { Clock } from '../clock.js'
import type { HttpClient, HttpResponse } from '../http/client.js'
import { HttpStatusError, type RetryPolicy, RETRYABLE_STATUSES, statusError, withRetry } from '../http/retry.js'
import { type Credentials, RegistryAuth } from './auth.js'
import { RegistryError, registryDetail } from './errors.js'
import { digestOf, MANIFEST_TYPES, mediaTypeOf } from './media.js'
import { type ImageRef, isInternalAddress, isLoopbackHost } from './reference.js'

export { digestOf, MANIFEST_TYPES } from './media.js'

/**
 * The OCI distribution calls a retag needs, behind a small interface: read a manifest's exact bytes,
 * read a tag's digest, write bytes under a tag, read a (config) blob. Every call goes through the
 * shared HTTP client with classified retries and the registry login dance.
 */
export interface Manifest {
  /** Exactly as served: the digest is the hash of these bytes, so they are never re-serialised. */
  bytes: Buffer
  mediaType: string
  digest: string
}

export interface Registry {
  readonly ref: ImageRef
  /** `https://host` (or http for loopback), for messages. */
  readonly origin: string
  /** undefined when the tag or digest does not exist. */
  getManifest(reference: string): Promise<Manifest | undefined>
  /** The digest a tag points at now, undefined when the tag does not exist. */
  manifestDigest(reference: string): Promise<string | undefined>
  /**
   * PUTs the bytes under `tag` with their own Content-Type; returns the digest the registry reports.
   * `fence` is awaited before every attempt after the first (a retry after a wait, a resend with a new
   * token); whatever it throws ends the write with that error and nothing more is sent.
   */
  putManifest(tag: string, manifest: Manifest, fence?: WriteFence): Promise<string>
  getBlob(digest: string, maxBytes: number): Promise<Buffer>
}

/** Asked before a write is sent again; `why` says what is about to be resent, for the message. */
export type WriteFence = (why: string) => Promise<void>

export interface RegistryOptions {
  http: HttpClient
  clock: Clock
  retry: RetryPolicy
  timeoutMs: number
  credentials?: Credentials
  /** Plain HTTP for a host that is not loopback (a lab registry); off by default. */
  insecure?: boolean
  signal?: AbortSignal
  log?: (message: string) => void
  /** Registers credential forms (tokens) created during the run, so they are masked. */
  onSecret?: (value: string) => void
}

const MAX_MANIFEST = 4 * 1024 * 1024

export function createRegistry(ref: ImageRef, options: RegistryOptions): Registry {
  return new DistributionRegistry(ref, options)
}

interface Call {
  method: 'GET' | 'HEAD' | 'PUT'
  path: string
  what: string
  headers?: Record<string, string>
  body?: Buffer
  maxBodyBytes?: number
  fence?: WriteFence
}

class DistributionRegistry implements Registry {
  readonly origin: string
  private readonly base: URL
  private readonly auth: RegistryAuth
  private readonly log: (message: string) => void

  constructor(
    readonly ref: ImageRef,
    private readonly options: RegistryOptions
  ) {
    const plain = options.insecure || isLoopbackHost(ref.host.replace(/:\d+$/, ''))
    this.base = new URL(`${plain ? 'http' : 'https'}://${ref.host}`)
    this.origin = this.base.origin
    this.log = options.log ?? (() => undefined)
    this.auth = new RegistryAuth({ ...options, registryUrl: this.base, repository: ref.repository, credentials: options.credentials, log: this.log })
  }

  async getManifest(reference: string): Promise<Manifest | undefined> {
    const what = `GET ${this.ref.display}:${reference}`
    const res = await this.call({ method: 'GET', path: `manifests/${reference}`, what, headers: { accept: MANIFEST_TYPES.join(', ') }, maxBodyBytes: MAX_MANIFEST })
    if (res.status === 404) return undefined
    this.expect(res, 200, what)
    if (res.truncated) throw new RegistryError('invalid', `${what}: the manifest is larger than ${MAX_MANIFEST} bytes.`)
    const digest = digestOf(res.body)
    const stated = res.headers['docker-content-digest']
    if (stated && stated.startsWith('sha256:') && stated !== digest) {
      throw new RegistryError('invalid', `${what}: the registry says ${stated} but the bytes hash to ${digest}.`)
    }
    return { bytes: res.body, mediaType: mediaTypeOf(res, what), digest }
  }

  async manifestDigest(reference: string): Promise<string | undefined> {
    const what = `HEAD ${this.ref.display}:${reference}`
    const res = await this.call({ method: 'HEAD', path: `manifests/${reference}`, what, headers: { accept: MANIFEST_TYPES.join(', ') } })
    if (res.status === 404) return undefined
    this.expect(res, 200, what)
    const stated = res.headers['docker-content-digest']
    if (stated) return stated
    // Some registries leave the digest out of HEAD answers; the bytes settle it.
    return (await this.getManifest(reference))?.digest
  }

  async putManifest(tag: string, manifest: Manifest, fence?: WriteFence): Promise<string> {
    const what = `PUT ${this.ref.display}:${tag}`
    const res = await this.call({ method: 'PUT', path: `manifests/${tag}`, what, headers: { 'content-type': manifest.mediaType }, body: manifest.bytes, fence })
    if (res.status === 404) throw new RegistryError('not-found', `${what}: HTTP 404 (${registryDetail(res)}); the repository or a manifest the index refers to is missing.`, 404)
    this.expect(res, 201, what)
    return res.headers['docker-content-digest'] || manifest.digest
  }

  async getBlob(digest: string, maxBytes: number): Promise<Buffer> {
    const what = `GET blob ${digest.slice(0, 19)} of ${this.ref.display}`
    let res = await this.call({ method: 'GET', path: `blobs/${digest}`, what, maxBodyBytes: maxBytes })
    // Registries hand blobs out from storage on another host (S3, a CDN) through signed redirects.
    for (let hop = 0; hop < 3 && [301, 302, 303, 307, 308].includes(res.status) && res.headers.location; hop++) {
      res = await this.followBlobRedirect(new URL(res.headers.location, res.url), what, maxBytes)
    }
    if (res.status === 404) throw new RegistryError('not-found', `${what}: HTTP 404 (${registryDetail(res)}).`, 404)
    this.expect(res, 200, what)
    if (res.truncated) throw new RegistryError('invalid', `${what}: larger than ${maxBytes} bytes.`)
    if (digest.startsWith('sha256:') && digestOf(res.body) !== digest) throw new RegistryError('invalid', `${what}: the bytes do not match the digest.`)
    return res.body
  }

  private async followBlobRedirect(url: URL, what: string, maxBytes: number): Promise<HttpResponse> {
    const sameOrigin = url.origin === this.origin
    if (!sameOrigin && (url.protocol !== 'https:' || isInternalAddress(url.hostname))) {
      throw new RegistryError('refused-realm', `${what}: refused a redirect to ${url.origin} (not https, or an internal address).`)
    }
    return this.retried(what, async (remainingMs) => {
      // Signed storage URLs carry their own authorisation: the registry token stays with the registry.
      const authorization = sameOrigin ? await this.auth.authorization() : undefined
      const headers = authorization ? { authorization } : undefined
      // Storage on another origin is named by the registry's answer: it must be a public host, by name too.
      return this.options.http.send({ url, headers, timeoutMs: Math.min(this.options.timeoutMs, remainingMs), maxBodyBytes: maxBytes, signal: this.options.signal, publicOnly: !sameOrigin })
    })
  }

  private call(call: Call): Promise<HttpResponse> {
    const url = new URL(`/v2/${this.ref.repository}/${call.path}`, this.base)
    return this.retried(
      call.what,
      async (remainingMs) => {
        for (;;) {
          const headers: Record<string, string> = { ...call.headers }
          const held = this.auth.current
          const authorization = await this.auth.authorization()
          // Renewing a token took a round trip: a write passes its fence again before it goes out.
          if (authorization !== held) await call.fence?.(`${call.what} with a renewed token`)
          if (authorization) headers.authorization = authorization
          const res = await this.options.http.send({
            url,
            method: call.method,
            headers,
            body: call.body,
            timeoutMs: Math.min(this.options.timeoutMs, remainingMs),
            maxBodyBytes: call.maxBodyBytes,
            signal: this.options.signal,
            followSameOriginRedirects: call.method !== 'PUT' && !call.path.startsWith('blobs/')
          })
          if (res.status !== 401) {
            this.auth.accepted(authorization)
            return res
          }
          await this.auth.answer(res, call.what, call.method === 'PUT')
          // Getting credentials took a round trip (and maybe retries): the write passes its fence again.
          await call.fence?.(`${call.what} with new credentials`)
        }
      },
      call.fence
    )
  }

  private retried(what: string, fn: (remainingMs: number) => Promise<HttpResponse>, fence?: WriteFence): Promise<HttpResponse> {
    const { clock, retry, signal } = this.options
    return withRetry(
      async (_attempt, remainingMs) => {
        // Timers want whole milliseconds; a monotonic clock hands out fractions.
        const res = await fn(Math.max(1, Math.floor(remainingMs)))
        if (RETRYABLE_STATUSES.has(res.status)) throw statusError(what, res, clock.now())
        return res
      },
      {
        policy: retry,
        clock,
        signal,
        onRetry: ({ delayMs, error }) => this.log(`${String(error instanceof Error ? error.message : error)}; retrying in ${delayMs} ms`),
        // After the wait, before the attempt: a decision taken before the wait is not good enough for a write.
        beforeRetry: fence ? ({ error }) => fence(`${what} again after ${error instanceof HttpStatusError ? `HTTP ${error.status}` : 'a network error'}`) : undefined
      }
    )
  }

  private expect(res: HttpResponse, status: number, what: string): void {
    if (res.status === status) return
    const detail = registryDetail(res)
    if (res.status === 403) {
      const write = what.startsWith('PUT')
      throw new RegistryError('scope', `${what}: HTTP 403 (${detail}); ${write ? 'the credentials have no push scope on' : 'access denied to'} ${this.ref.repository}.`, 403)
    }
    throw new RegistryError('status', `${what}: HTTP ${res.status}${detail ? ` (${detail})` : ''}.`, res.status)
  }
}
