import type { Clock } from '../clock.js'
import { formatBytes } from '../http/bounded-fetch.js'
import { excerpt } from '../redact.js'
import type { HttpClient, HttpResponse } from '../http/client.js'
import { type RetryPolicy, RETRYABLE_STATUSES, statusError, withRetry } from '../http/retry.js'
import { parseChallenges, realmProblem } from './challenge.js'
import { RegistryError } from './errors.js'

export interface Credentials {
  username: string
  password: string
}

export interface AuthDeps {
  registryUrl: URL
  repository: string
  credentials: Credentials | undefined
  http: HttpClient
  clock: Clock
  retry: RetryPolicy
  timeoutMs: number
  signal?: AbortSignal
  log: (message: string) => void
  /** Told about every credential form this class creates (tokens, Basic values), to mask them. */
  onSecret?: (value: string) => void
}

/**
 * The registry login dance as docker and crane do it: start anonymous; on a 401 follow the challenge,
 * Basic with the credentials, or Bearer by asking the challenge's realm for a token scoped to
 * `repository:<name>:pull,push`. Basic is tried once: a second 401 means the credentials are wrong.
 *
 * Bearer tokens expire (`expires_in`, 60 s when absent, as the token specification says), so a token
 * is fetched again shortly before it lapses, on the injected clock. A token that worked and is then
 * refused (the registry answers 401 `invalid_token` once it lapses, or a shorter lifetime than it
 * said) is fetched again once; only a token refused right after it was issued means bad credentials.
 */
export class RegistryAuth {
  private header: string | undefined
  private triedBasic = false
  private bearer: { realm: string; service: string | undefined; refreshAt: number } | undefined
  /** A request sent with the current token was accepted: a later refusal means it lapsed. */
  private tokenProven = false

  constructor(private readonly deps: AuthDeps) {}

  /** The Authorization header as it stands, without renewing anything. */
  get current(): string | undefined {
    return this.header
  }

  /** The Authorization header for the next request, with the token renewed first when it is about to lapse. */
  async authorization(): Promise<string | undefined> {
    if (this.bearer && this.deps.clock.now() >= this.bearer.refreshAt) {
      this.deps.log('The registry token is about to expire; fetching a new one.')
      await this.renew(this.bearer.realm, this.bearer.service)
    }
    return this.header
  }

  /** Told that a request sent with `sent` was not refused, so the token in it is known to work. */
  accepted(sent: string | undefined): void {
    if (sent !== undefined && sent === this.header) this.tokenProven = true
  }

  private get who(): string {
    return this.deps.credentials ? `user ${this.deps.credentials.username}` : 'anonymous access'
  }

  /** Handles a 401 so the request can be repeated, or throws a RegistryError that says why it cannot. */
  async answer(res: HttpResponse, what: string, write: boolean): Promise<void> {
    const challenges = parseChallenges(res.headers['www-authenticate'] ?? '')
    const bearer = challenges.find((c) => c.scheme === 'bearer')
    const basic = challenges.find((c) => c.scheme === 'basic')
    const repo = this.deps.repository
    if (bearer?.params.error === 'insufficient_scope') {
      const lacking = write ? 'no push scope' : 'no pull access'
      throw new RegistryError(
        'scope',
        `${what}: ${this.who} has ${lacking} on ${repo} (the registry answered insufficient_scope for ${bearer.params.scope ?? 'this request'})${this.hint(write)}.`,
        401
      )
    }
    if (bearer?.params.realm) {
      if (this.bearer && !this.tokenProven) throw this.badCredentials(what, 'the registry refused the token it was just given')
      if (this.bearer) this.deps.log(`${what}: the registry refused a token that worked before (${bearer.params.error ?? 'HTTP 401'}); fetching a new one.`)
      await this.renew(bearer.params.realm, bearer.params.service)
      return
    }
    if (basic) {
      if (!this.deps.credentials) throw new RegistryError('credentials', `${what}: the registry asks for credentials; set registry-username and registry-password.`, 401)
      if (this.triedBasic) throw this.badCredentials(what, 'Basic authentication was refused')
      this.triedBasic = true
      const { username, password } = this.deps.credentials
      this.header = `Basic ${basic64(username, password)}`
      this.deps.onSecret?.(basic64(username, password))
      return
    }
    throw new RegistryError('credentials', `${what}: HTTP 401 without a Basic or Bearer challenge (${excerpt(res.headers['www-authenticate'] ?? 'no WWW-Authenticate', 120)}).`, 401)
  }

  private async renew(realm: string, service: string | undefined): Promise<void> {
    // The lifetime counts from the moment the token was asked for, as the specification says.
    const askedAt = this.deps.clock.now()
    const { token, lifetimeMs } = await this.fetchToken(realm, service)
    this.header = `Bearer ${token}`
    this.tokenProven = false
    this.bearer = { realm, service, refreshAt: askedAt + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 4) }
  }

  private hint(write: boolean): string {
    if (!this.deps.credentials) return '; set registry-username and registry-password'
    return write ? '; give these credentials write (push) access to the repository' : '; give these credentials read access to the repository'
  }

  private badCredentials(what: string, detail: string): RegistryError {
    return new RegistryError('credentials', `${what}: bad credentials, ${detail} for ${this.who}${this.deps.credentials ? '' : '; set registry-username and registry-password'}.`, 401)
  }

  private async fetchToken(realmText: string, service: string | undefined): Promise<{ token: string; lifetimeMs: number }> {
    let realm: URL
    try {
      realm = new URL(realmText)
    } catch {
      throw new RegistryError('refused-realm', `The registry named a token realm that is not a URL: ${JSON.stringify(excerpt(realmText, 120))}.`)
    }
    const problem = realmProblem(realm, this.deps.registryUrl)
    if (problem) {
      throw new RegistryError('refused-realm', `Refused to ask the token realm ${realm.origin}${realm.pathname} for a token: ${problem}. Credentials are only sent to the registry's own host.`)
    }
    const url = new URL(realm)
    if (service) url.searchParams.set('service', service)
    url.searchParams.set('scope', `repository:${this.deps.repository}:pull,push`)
    const headers: Record<string, string> = { accept: 'application/json' }
    const creds = this.deps.credentials
    if (creds) {
      headers.authorization = `Basic ${basic64(creds.username, creds.password)}`
      this.deps.onSecret?.(basic64(creds.username, creds.password))
    }
    const what = `token service ${realm.origin}`
    const res = await withRetry(
      async (_attempt, remainingMs) => {
        const r = await this.deps.http.send({ url, headers, timeoutMs: Math.max(1, Math.floor(Math.min(this.deps.timeoutMs, remainingMs))), signal: this.deps.signal })
        if (RETRYABLE_STATUSES.has(r.status)) throw statusError(what, r, this.deps.clock.now())
        return r
      },
      { policy: this.deps.retry, clock: this.deps.clock, signal: this.deps.signal, onRetry: ({ delayMs, error }) => this.deps.log(`${String(error)}; retrying in ${delayMs} ms`) }
    )
    if (res.status === 401 || res.status === 403) {
      throw new RegistryError(
        'credentials',
        `Bad credentials: the ${what} refused ${this.who} (HTTP ${res.status})${creds ? '; check registry-username and registry-password' : '; set registry-username and registry-password'}.`,
        res.status
      )
    }
    if (res.status !== 200) throw new RegistryError('status', `The ${what} answered HTTP ${res.status}.`, res.status)
    // The HTTP client cut it at its cap: half a token answer is no answer, and must not read as "not JSON".
    if (res.truncated) throw new RegistryError('invalid', `The ${what} answered more than ${formatBytes(res.body.length)}, the most this action reads from it.`)
    let body: { token?: unknown; access_token?: unknown; expires_in?: unknown }
    try {
      body = JSON.parse(res.body.toString('utf8')) as typeof body
    } catch {
      throw new RegistryError('invalid', `The ${what} answered something that is not JSON.`)
    }
    const token = typeof body.token === 'string' && body.token ? body.token : body.access_token
    if (typeof token !== 'string' || !token) throw new RegistryError('invalid', `The ${what} answered without a token or access_token.`)
    this.deps.onSecret?.(token)
    const seconds = typeof body.expires_in === 'number' && Number.isFinite(body.expires_in) && body.expires_in > 0 ? body.expires_in : DEFAULT_TOKEN_SECONDS
    this.deps.log(`Got a registry token from ${realm.origin} for ${this.who}, valid for ${seconds} s.`)
    return { token, lifetimeMs: seconds * 1000 }
  }
}

/** The token specification's lifetime for an answer without `expires_in`. */
const DEFAULT_TOKEN_SECONDS = 60
/** Renew this long before the lapse (at most a quarter of the lifetime), so no request carries a dying token. */
const REFRESH_MARGIN_MS = 30_000

const basic64 = (username: string, password: string): string => Buffer.from(`${username}:${password}`).toString('base64')
