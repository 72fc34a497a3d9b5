import { request as rawRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import type { VerifySettings } from '../src/settings/verify.js'
import { CACHE_BUST_PARAM, createProber } from '../src/verify/prober.js'
import { TenantSimulator } from '../simulator/tenants.js'
import { VirtualClock } from '../simulator/virtual-clock.js'
import { verifySettingsFor } from './support/factories.js'

const S = 1000
const OLD = '7a72516bb0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5'
const TARGET = '7f25373aa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5'
const NEWER = 'c0ffee0bb0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5'

const verifySettings = verifySettingsFor

let http: HttpClient
beforeAll(() => {
  http = createHttpClient()
})
afterAll(() => http.close())

describe('the prober against the tenant simulator', () => {
  let sim: TenantSimulator
  const clock = new VirtualClock()
  beforeAll(async () => {
    sim = await TenantSimulator.start({ clock })
  })
  afterAll(() => sim.close())

  const probe = (tenant: string, extra: Partial<VerifySettings> = {}) => createProber(verifySettings(sim.buildinfoTemplate, extra), http, TARGET).probe(tenant)

  it('every probe is fresh: a unique cache-busting parameter and cache-control: no-cache', async () => {
    sim.add('fresh', { sha: TARGET })
    const prober = createProber(verifySettings(sim.buildinfoTemplate), http, TARGET)
    await prober.probe('fresh')
    await prober.probe('fresh')
    const [a, b] = sim.requests('fresh')
    const bust = (path: string) => new URL(path, 'http://x').searchParams.get(CACHE_BUST_PARAM)
    expect(bust(a!.path)).toBeTruthy()
    expect(bust(a!.path)).not.toBe(bust(b!.path))
    expect(a!.headers['cache-control']).toBe('no-cache')
    expect(prober.urlFor!('fresh')).toBe(`${sim.url}/t/fresh/buildinfo`)
  })

  it('a template with its own query keeps it', async () => {
    sim.add('query', { sha: TARGET })
    const prober = createProber(verifySettings(`${sim.url}/t/{tenant}/buildinfo?env={environment}&want={sha7}`), http, TARGET)
    expect(await prober.probe('query')).toEqual({ status: 200, sha: TARGET })
    const url = new URL(sim.requests('query')[0]!.path, 'http://x')
    expect(url.searchParams.get('env')).toBe('production')
    expect(url.searchParams.get('want')).toBe(TARGET.slice(0, 7))
  })

  it('sends the extra headers to the tenant', async () => {
    sim.add('auth', { sha: TARGET })
    await probe('auth', { headers: { Authorization: 'Bearer probe-secret', 'Cache-Control': 'no-store' } })
    const h = sim.requests('auth')[0]!.headers
    expect(h.authorization).toBe('Bearer probe-secret')
    expect(h['cache-control']).toBe('no-store')
  })

  it('settles after its drain, in the injected clock time', async () => {
    sim.add('drain', { sha: OLD })
    sim.redeploy('drain', TARGET, 30 * S)
    expect((await probe('drain')).sha).toBe(OLD)
    await clock.advance(30 * S)
    expect((await probe('drain')).sha).toBe(TARGET)
    expect(sim.served('drain')).toEqual([OLD, TARGET])
    expect(sim.deployments('drain')).toEqual([{ sha: TARGET, requestedAt: clock.now() - 30 * S, liveAt: clock.now() }])
  })

  it('alternates old and new while draining', async () => {
    sim.add('flip', { sha: OLD, drain: 'alternate' })
    sim.redeploy('flip', TARGET, 60 * S)
    const shas = [(await probe('flip')).sha, (await probe('flip')).sha, (await probe('flip')).sha]
    expect(shas).toEqual([OLD, TARGET, OLD])
    expect(sim.history('flip').map((h) => h.sha)).toEqual([OLD, TARGET, OLD])
  })

  it('5xx then recovery', async () => {
    sim.add('flaky', { sha: TARGET, fault: { status: 503, body: 'upstream <b>down</b>', until: clock.now() + 10 * S } })
    expect(await probe('flaky')).toEqual({ status: 503, error: 'HTTP 503: upstream <b>down</b>' })
    await clock.advance(10 * S)
    expect(await probe('flaky')).toEqual({ status: 200, sha: TARGET })
  })

  it('hang: no answer within the request timeout', async () => {
    sim.add('hang', { sha: TARGET, fault: { hang: true } })
    expect((await probe('hang')).error).toMatch(/timed out/)
  })

  it('reset: the connection error is reported', async () => {
    sim.add('reset', { sha: TARGET, fault: { reset: true } })
    const obs = await probe('reset')
    expect(obs.status).toBeUndefined()
    expect(obs.error).toMatch(/failed|closed|reset|socket/i)
  })

  it('HTML: answered, but unreadable', async () => {
    sim.add('html', { sha: TARGET, fault: { html: true } })
    expect(await probe('html')).toEqual({ status: 200, error: 'the answer is an HTML page, not build info' })
  })

  it('a huge body is cut off at 64 KiB and unreadable, even though it starts with the SHA', async () => {
    sim.add('huge', { sha: TARGET, fault: { huge: true } })
    expect(await probe('huge')).toEqual({ status: 200, error: 'the answer is larger than 64 KiB' })
  })

  it('a same-origin redirect is followed', async () => {
    sim.add('moved', { sha: TARGET, fault: { redirect: 'same-origin' } })
    expect(await probe('moved')).toEqual({ status: 200, sha: TARGET })
    expect(sim.requests('moved').map((r) => new URL(r.path, 'http://x').pathname)).toEqual(['/t/moved/buildinfo', '/t/moved/buildinfo/current'])
  })

  it('a cross-origin redirect is refused and the extra headers never reach the other origin', async () => {
    sim.add('away', { sha: TARGET, fault: { redirect: 'cross-origin' } })
    const obs = await probe('away', { headers: { Authorization: 'Bearer never-elsewhere' } })
    expect(obs.error).toMatch(/another origin/)
    expect(sim.requests('away')).toHaveLength(1)
    expect(sim.requests().filter((r) => r.host.startsWith('localhost'))).toEqual([])
  })

  it('plain text, nested JSON and a custom key', async () => {
    sim.add('text', { sha: TARGET, format: 'text' })
    sim.add('nested', { sha: TARGET, format: 'nested' })
    sim.add('keyed', { sha: TARGET, format: { key: 'git_commit' } })
    expect((await probe('text')).sha).toBe(TARGET)
    expect((await probe('nested')).sha).toBe(TARGET)
    expect((await probe('nested', { buildinfoField: 'build.git.sha' })).sha).toBe(TARGET)
    expect((await probe('nested', { buildinfoField: 'sha' })).error).toMatch(/no field `sha`/)
    expect((await probe('keyed')).sha).toBe(TARGET)
  })

  it('routes by Host as well as by path, and serves its tenant list', async () => {
    sim.add('hosted', { sha: NEWER })
    const body = await new Promise<string>((resolve, reject) => {
      const req = rawRequest({ host: '127.0.0.1', port: new URL(sim.url).port, path: '/buildinfo', headers: { host: 'hosted.tenants.test' } }, (res) => {
        let text = ''
        res.setEncoding('utf8').on('data', (d: string) => (text += d))
        res.on('end', () => resolve(text))
      })
      req.on('error', reject)
      req.end()
    })
    expect(JSON.parse(body)).toEqual({ tenant: 'hosted', sha: NEWER })
    const list = await http.send({ url: sim.tenantsUrl, timeoutMs: 1000 })
    expect(JSON.parse(list.body.toString())).toEqual(expect.arrayContaining(['hosted', 'fresh']))
  })
})
