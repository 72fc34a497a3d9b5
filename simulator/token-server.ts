import { type KeyObject, randomUUID, sign } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Clock, systemClock } from '../src/clock.js'
import { RegistryProxy } from './registry-proxy.js'
import { selfSigned } from './self-signed.js'
import { sendJson } from './server.js'

/**
 * A Bearer token service in the shape of Docker Hub's, ghcr.io's and Gitea's: `GET realm?service=&scope=`
 * with optional Basic credentials answers a JWT that the real docker-registry verifies (ES256, signed
 * by a throw-away certificate the registry trusts, made in process). Grants are the intersection of what was asked and
 * what the user may do, so a pull-only user gets a token without push, as the real services do.
 *
 * It runs on a RegistryProxy: `/token` is answered here, everything else goes on to the registry, so
 * realm and registry share one host and port (as with Gitea's `/v2/token`).
 */
export interface TokenUser {
  password: string
  /** Repository -> actions it may get, e.g. `{ 'acme/app': ['pull', 'push'] }`. */
  grants: Record<string, string[]>
}

export interface TokenServerOptions {
  users: Record<string, TokenUser>
  /** What a request without credentials may get. */
  anonymous?: Record<string, string[]>
  service?: string
  issuer?: string
  /** Docker Hub answers both fields; some services only `access_token`. */
  field?: 'token' | 'access_token' | 'both'
  /** `expires_in` of every answer, in seconds (Docker Hub: 300). */
  expiresIn?: number
  /** The time tokens lapse on: a test's virtual clock, so a lifetime passes without sleeping. */
  clock?: Clock
}

export interface TokenRequest {
  service: string | null
  scopes: string[]
  user: string | undefined
  status: number
}

export class TokenServer {
  readonly tokenRequests: TokenRequest[] = []
  /** Which field carries the token; may be changed between requests. */
  field: 'token' | 'access_token' | 'both'
  /**
   * How long a token issued from now on is really accepted, in seconds; `expiresIn` unless changed (a
   * service whose tokens die sooner than it says, or are revoked: 0 refuses them at once).
   */
  lifetimeSeconds: number
  /** Token id (`jti`) -> the clock time it lapses at. */
  private readonly lapses = new Map<string, number>()
  private readonly clock: Clock

  private constructor(
    private readonly options: TokenServerOptions,
    private readonly dir: string,
    readonly certFile: string,
    readonly proxy: RegistryProxy,
    private readonly key: KeyObject,
    private readonly certDer: string
  ) {
    this.field = options.field ?? 'token'
    this.lifetimeSeconds = options.expiresIn ?? 300
    this.clock = options.clock ?? systemClock
  }

  static async start(options: TokenServerOptions): Promise<TokenServer> {
    const dir = await mkdtemp(join(tmpdir(), 'rg-token-'))
    const cert = selfSigned('rollout-guard-test-token')
    const certFile = join(dir, 'cert.pem')
    await writeFile(certFile, cert.certPem)
    const ts = new TokenServer(options, dir, certFile, await RegistryProxy.start(), cert.key, cert.certBase64)
    ts.proxy.serve('/token', (req, res, url) => ts.token(req, res, url))
    ts.proxy.guard((req, url) => ts.lapsed(req, url))
    return ts
  }

  /** Where clients reach the registry (through the proxy). */
  get url(): string {
    return this.proxy.url
  }

  get realm(): string {
    return `${this.proxy.url}/token`
  }

  get service(): string {
    return this.options.service ?? 'rollout-guard-test-registry'
  }

  get issuer(): string {
    return this.options.issuer ?? 'rollout-guard-test-issuer'
  }

  /** A token as the service would issue it, for set-up that talks to the registry directly. */
  mint(repo: string, actions: string[], subject = 'setup'): string {
    return this.jwt(subject, [{ type: 'repository', name: repo, actions }])
  }

  async close(): Promise<void> {
    await this.proxy.close()
    await rm(this.dir, { recursive: true, force: true })
  }

  private token(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const record: TokenRequest = { service: url.searchParams.get('service'), scopes: url.searchParams.getAll('scope'), user: undefined, status: 200 }
    this.tokenRequests.push(record)
    const reply = (status: number, body: unknown): void => {
      record.status = status
      sendJson(res, status, body)
    }
    if (record.service !== this.service) return reply(400, { details: `unknown service ${String(record.service)}` })
    let allowed = this.options.anonymous ?? {}
    const auth = req.headers.authorization
    if (auth) {
      const m = /^Basic (.+)$/.exec(auth)
      const [user, ...rest] = m ? Buffer.from(m[1]!, 'base64').toString('utf8').split(':') : []
      const found = user ? this.options.users[user] : undefined
      if (!found || found.password !== rest.join(':')) return reply(401, { details: 'incorrect username or password' })
      record.user = user
      allowed = found.grants
    }
    const access = record.scopes.flatMap((scope) => {
      const [type, name, actions] = scope.split(':')
      if (type !== 'repository' || !name || !actions) return []
      return [{ type, name, actions: actions.split(',').filter((a) => (allowed[name] ?? []).includes(a)) }]
    })
    const token = this.jwt(record.user ?? '', access)
    this.lapses.set(claimsOf(token).jti, this.clock.now() + this.lifetimeSeconds * 1000)
    const answer = this.field === 'both' ? { token, access_token: token } : { [this.field]: token }
    reply(200, { ...answer, expires_in: this.options.expiresIn ?? 300, issued_at: new Date().toISOString() })
  }

  /**
   * The registry's check of a token's `exp`, run on the test's clock: a lapsed token gets the answer
   * docker-registry 2.8 gives an expired token (observed: 401, the challenge with the request's scope
   * and `error="invalid_token"`, an UNAUTHORIZED body listing the actions). The real registry still
   * checks the JWT itself, whose `exp` is in real time.
   */
  private lapsed(req: IncomingMessage, url: URL): { status: number; headers: Record<string, string>; body: string } | undefined {
    const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')
    const path = /^\/v2\/(.+?)\/(?:manifests|blobs|tags)\//.exec(url.pathname)
    if (!m || !path) return undefined
    const lapsesAt = this.lapses.get(claimsOf(m[1]!).jti)
    if (lapsesAt === undefined || this.clock.now() < lapsesAt) return undefined
    const read = req.method === 'GET' || req.method === 'HEAD'
    const actions = read ? ['pull'] : ['pull', 'push']
    const challenge = `Bearer realm="${this.realm}",service="${this.service}",scope="repository:${path[1]}:${actions.join(',')}",error="invalid_token"`
    const detail = actions.map((a) => ({ Type: 'repository', Class: '', Name: path[1], Action: a }))
    const body = req.method === 'HEAD' ? '' : JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required', detail }] })
    return { status: 401, headers: { 'www-authenticate': challenge, 'content-type': 'application/json; charset=utf-8' }, body }
  }

  private jwt(subject: string, access: { type: string; name: string; actions: string[] }[]): string {
    const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url')
    const now = Math.floor(Date.now() / 1000)
    const header = { typ: 'JWT', alg: 'ES256', x5c: [this.certDer] }
    const claims = { iss: this.issuer, sub: subject, aud: this.service, exp: now + 300, nbf: now - 60, iat: now, jti: randomUUID(), access }
    const input = `${b64(header)}.${b64(claims)}`
    const signature = sign('sha256', Buffer.from(input), { key: this.key, dsaEncoding: 'ieee-p1363' })
    return `${input}.${signature.toString('base64url')}`
  }
}

function claimsOf(jwt: string): { jti: string } {
  try {
    return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { jti: string }
  } catch {
    return { jti: '' }
  }
}
