import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import { DEFAULT_RETRY } from '../src/http/retry.js'
import { createRegistry, type Registry } from '../src/registry/client.js'
import { parseImageRef } from '../src/registry/reference.js'
import { InstantClock } from '../simulator/clocks.js'
import { LocalRegistry } from '../simulator/registry.js'
import { TokenServer } from '../simulator/token-server.js'

/**
 * Registry Bearer tokens expire. The token service says how long (`expires_in`); the registry refuses
 * a lapsed token with 401 `invalid_token`. Virtual time: the token server and the client share a
 * clock that the test moves forward, so a token's life passes without sleeping.
 */
const REPO = 'acme/app'
const SOURCE = 'staging-1234567'
const PASSWORD = 'pw-Expiry-4411'

let http: HttpClient
let clock: InstantClock
let ts: TokenServer
let registry: LocalRegistry

beforeAll(async () => {
  http = createHttpClient()
  clock = new InstantClock()
  ts = await TokenServer.start({ users: { bob: { password: PASSWORD, grants: { [REPO]: ['pull', 'push'] } } }, expiresIn: 60, clock })
  registry = await LocalRegistry.start({ token: { realm: ts.realm, service: ts.service, issuer: ts.issuer, rootCertBundle: ts.certFile } })
  ts.proxy.setUpstream(registry.url)
  registry.authorization = `Bearer ${ts.mint(REPO, ['pull', 'push'])}`
  await registry.pushImage(REPO, SOURCE, { revision: '1234567890abcdef1234567890abcdef12345678' })
})

afterAll(async () => {
  await http.close()
  await registry.stop()
  await ts.close()
})

beforeEach(() => {
  ts.lifetimeSeconds = 60
})

function client(log: string[] = []): Registry {
  return createRegistry(parseImageRef('image', `${ts.proxy.host}/${REPO}`), {
    http,
    clock,
    retry: DEFAULT_RETRY,
    timeoutMs: 5_000,
    credentials: { username: 'bob', password: PASSWORD },
    log: (m) => log.push(m)
  })
}

const tokenRequests = (): number => ts.tokenRequests.length

describe('Bearer token lifetime', () => {
  it('renews the token before expires_in lapses, on the injected clock', async () => {
    const reg = client()
    const before = tokenRequests()
    expect(await reg.getManifest(SOURCE)).toBeDefined()
    expect(tokenRequests() - before).toBe(1)
    clock.advance(30_000)
    expect(await reg.getManifest(SOURCE)).toBeDefined()
    expect(tokenRequests() - before).toBe(1)
    // 50 s into a 60 s token: renewed before the request, which is then never refused.
    clock.advance(20_000)
    const log = ts.proxy.log.length
    expect(await reg.getManifest(SOURCE)).toBeDefined()
    expect(tokenRequests() - before).toBe(2)
    expect(ts.proxy.log.slice(log)).toEqual(['GET /token', `GET /v2/${REPO}/manifests/${SOURCE}`])
  })

  it('a token that worked and is then refused (it died sooner than it said) is fetched again once', async () => {
    ts.lifetimeSeconds = 10
    const messages: string[] = []
    const reg = client(messages)
    const before = tokenRequests()
    expect(await reg.getManifest(SOURCE)).toBeDefined()
    clock.advance(20_000)
    expect(await reg.getManifest(SOURCE)).toBeDefined()
    expect(tokenRequests() - before).toBe(2)
    expect(messages.join('\n')).toMatch(/refused a token that worked before \(invalid_token\); fetching a new one/)
  })

  it('a new token refused at once is bad credentials: one new token, no loop', async () => {
    ts.lifetimeSeconds = 10
    const reg = client()
    const before = tokenRequests()
    expect(await reg.getManifest(SOURCE)).toBeDefined()
    clock.advance(20_000)
    ts.lifetimeSeconds = 0
    await expect(reg.getManifest(SOURCE)).rejects.toThrow(/bad credentials, the registry refused the token it was just given for user bob/)
    expect(tokenRequests() - before).toBe(2)
  })

  it('a write whose token was renewed passes its fence again before it is sent', async () => {
    const reg = client()
    const source = (await reg.getManifest(SOURCE))!
    clock.advance(50_000)
    const asked: string[] = []
    const digest = await reg.putManifest('renewed', source, async (why) => {
      asked.push(why)
    })
    expect(digest).toBe(source.digest)
    expect(asked).toEqual([`PUT ${ts.proxy.host}/${REPO}:renewed with a renewed token`])
  })
})
