import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execRunner } from '../src/command/runner.js'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import { promote, type PromotionResult } from '../src/promote/promote.js'
import { createRegistry } from '../src/registry/client.js'
import { parsePromote } from '../src/settings/promote.js'
import { InputReader } from '../src/settings/reader.js'
import { InstantClock } from '../simulator/clocks.js'
import { LocalRegistry } from '../simulator/registry.js'
import { TokenServer } from '../simulator/token-server.js'

/**
 * Registry login against the real docker-registry: htpasswd Basic auth, and token auth with a token
 * service whose JWTs the registry verifies itself.
 */
const REPO = 'acme/app'
const SHA = '1234567890abcdef1234567890abcdef12345678'
const SOURCE = 'staging-1234567'
const PASSWORD = 'pw-Zq8vR3xT'

let http: HttpClient
beforeAll(() => {
  http = createHttpClient()
})
afterAll(async () => {
  await http.close()
})

async function promoteAs(host: string, creds: { username: string; password: string } | undefined, tag = 'latest'): Promise<PromotionResult> {
  const env: Record<string, string> = { INPUT_IMAGE: `${host}/${REPO}`, 'INPUT_PROMOTE-TAG': tag }
  if (creds) Object.assign(env, { 'INPUT_REGISTRY-USERNAME': creds.username, 'INPUT_REGISTRY-PASSWORD': creds.password })
  const settings = parsePromote(new InputReader(env), 'staging-{sha7}', true)!
  const clock = new InstantClock()
  const registry = createRegistry(settings.image!, { http, clock, retry: settings.retry, timeoutMs: 5_000, credentials: settings.credentials })
  return promote({
    settings,
    sha: SHA,
    environment: 'production',
    force: false,
    registry,
    runner: execRunner,
    // Not the subject here: the target tag is absent or unannotated, so ancestry is never consulted.
    ancestry: { isAhead: async () => false },
    checkGate: async () => ({ superseded: false, reason: 'owner' }),
    signal: undefined
  })
}

describe('htpasswd Basic auth', () => {
  let registry: LocalRegistry
  beforeAll(async () => {
    registry = await LocalRegistry.start({ users: { alice: PASSWORD } })
    await registry.pushImage(REPO, SOURCE, { revision: SHA })
  })
  afterAll(() => registry.stop())

  it('good credentials promote', async () => {
    const result = await promoteAs(registry.host, { username: 'alice', password: PASSWORD })
    expect(result).toMatchObject({ promoted: true, outcome: 'promoted' })
    expect(await registry.digestOf(REPO, 'latest')).toBe(await registry.digestOf(REPO, SOURCE))
  })

  it('a wrong password fails with "bad credentials" and moves nothing', async () => {
    const result = await promoteAs(registry.host, { username: 'alice', password: 'wrong-password' }, 'bad-creds')
    expect(result).toMatchObject({ promoted: false, outcome: 'failed' })
    expect(result.reason).toMatch(/bad credentials, Basic authentication was refused for user alice/)
    expect(result.reason).not.toContain('wrong-password')
    expect(await registry.digestOf(REPO, 'bad-creds')).toBeUndefined()
  })

  it('no credentials: the message says which inputs to set', async () => {
    const result = await promoteAs(registry.host, undefined, 'anon')
    expect(result.outcome).toBe('failed')
    expect(result.reason).toMatch(/asks for credentials; set registry-username and registry-password/)
  })
})

describe('Bearer token flow', () => {
  let ts: TokenServer
  let registry: LocalRegistry

  beforeAll(async () => {
    ts = await TokenServer.start({
      users: {
        bob: { password: PASSWORD, grants: { [REPO]: ['pull', 'push'] } },
        reader: { password: PASSWORD, grants: { [REPO]: ['pull'] } }
      },
      anonymous: { [REPO]: ['pull'] }
    })
    registry = await LocalRegistry.start({ token: { realm: ts.realm, service: ts.service, issuer: ts.issuer, rootCertBundle: ts.certFile } })
    ts.proxy.setUpstream(registry.url)
    registry.authorization = `Bearer ${ts.mint(REPO, ['pull', 'push'])}`
    await registry.pushIndex(REPO, SOURCE, { revision: SHA })
  })
  afterAll(async () => {
    await registry.stop()
    await ts.close()
  })

  it('asks the realm for pull,push with Basic credentials and promotes with the token', async () => {
    const before = ts.tokenRequests.length
    const result = await promoteAs(ts.proxy.host, { username: 'bob', password: PASSWORD })
    expect(result).toMatchObject({ promoted: true, outcome: 'promoted' })
    expect(await registry.digestOf(REPO, 'latest')).toBe(await registry.digestOf(REPO, SOURCE))
    expect(ts.tokenRequests.slice(before)).toEqual([{ service: ts.service, scopes: [`repository:${REPO}:pull,push`], user: 'bob', status: 200 }])
    expect(ts.proxy.log.every((line) => !line.includes(PASSWORD))).toBe(true)
  })

  it('reads the token from access_token when that is the only field', async () => {
    ts.field = 'access_token'
    try {
      expect(await promoteAs(ts.proxy.host, { username: 'bob', password: PASSWORD }, 'via-access-token')).toMatchObject({ outcome: 'promoted' })
    } finally {
      ts.field = 'token'
    }
  })

  it('a token without push scope is refused with "no push scope" and the tag stays', async () => {
    const result = await promoteAs(ts.proxy.host, { username: 'reader', password: PASSWORD }, 'wrong-scope')
    expect(result).toMatchObject({ promoted: false, outcome: 'failed' })
    expect(result.reason).toMatch(/PUT .*:wrong-scope: user reader has no push scope on acme\/app \(the registry answered insufficient_scope/)
    expect(await registry.digestOf(REPO, 'wrong-scope')).toBeUndefined()
  })

  it('anonymous access can read but has no push scope', async () => {
    const result = await promoteAs(ts.proxy.host, undefined, 'anonymous')
    expect(result.outcome).toBe('failed')
    expect(result.reason).toMatch(/anonymous access has no push scope .*set registry-username and registry-password/)
  })

  it('bad credentials at the token service fail with "Bad credentials"', async () => {
    const result = await promoteAs(ts.proxy.host, { username: 'bob', password: 'nope-nope' }, 'bad-token')
    expect(result.outcome).toBe('failed')
    expect(result.reason).toMatch(/Bad credentials: the token service http:\/\/127\.0\.0\.1:\d+ refused user bob \(HTTP 401\)/)
    expect(ts.tokenRequests.at(-1)?.status).toBe(401)
  })

  it('a realm on another host and port is refused before any credential is sent', async () => {
    // The same registry reached on its own port advertises a realm on the token server's port: for
    // the client that is another (internal) host, so it must not receive the password.
    const before = ts.tokenRequests.length
    const result = await promoteAs(registry.host, { username: 'bob', password: PASSWORD }, 'foreign-realm')
    expect(result.outcome).toBe('failed')
    expect(result.reason).toMatch(/Refused to ask the token realm http:\/\/127\.0\.0\.1:\d+\/token for a token: it is an internal address that is not the registry itself/)
    expect(ts.tokenRequests.length).toBe(before)
  })
})
