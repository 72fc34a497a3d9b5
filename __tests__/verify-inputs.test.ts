import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import { parseSettings } from '../src/settings/index.js'
import { extractSha } from '../src/verify/buildinfo.js'
import { loadTenants, parseTenantList } from '../src/verify/tenants.js'
import { InstantClock } from '../simulator/clocks.js'
import { type RunningServer, startServer } from '../simulator/server.js'
import { errorOf } from './support/input-error.js'

const SHA = 'a'.repeat(40)
const base = {
  GITHUB_SHA: SHA,
  GITHUB_REPOSITORY: 'acme/app',
  GITHUB_API_URL: 'https://api.github.com',
  INPUT_MODE: 'verify',
  INPUT_TOKEN: 'ghs_secret',
  INPUT_TENANTS: 'acme globex',
  'INPUT_BUILDINFO-URL': 'https://{tenant}.example.com/buildinfo'
}

function parse(env: Record<string, string>) {
  return parseSettings({ ...base, ...env })
}

describe('verify settings', () => {
  it('defaults: 240s budget, 20s interval, 10s timeout, auto field, production', () => {
    const v = parse({}).verify!
    expect(v).toMatchObject({
      tenants: ['acme', 'globex'],
      buildinfoUrl: 'https://{tenant}.example.com/buildinfo',
      buildinfoField: 'auto',
      headers: {},
      budgetMs: 240_000,
      intervalMs: 20_000,
      requestTimeoutMs: 10_000,
      environment: 'production',
      concurrency: 64
    })
  })

  it('reads every form of tenant list and decimal seconds', () => {
    expect(parse({ INPUT_TENANTS: 'a,b\nc  d' }).verify!.tenants).toEqual(['a', 'b', 'c', 'd'])
    expect(parse({ INPUT_TENANTS: '["a","b-2"]' }).verify!.tenants).toEqual(['a', 'b-2'])
    const v = parse({ 'INPUT_SETTLE-BUDGET-SECONDS': '1.5', 'INPUT_SETTLE-INTERVAL-SECONDS': '0.25', 'INPUT_REQUEST-TIMEOUT-SECONDS': '0.5' }).verify!
    expect(v).toMatchObject({ budgetMs: 1500, intervalMs: 250, requestTimeoutMs: 500 })
  })

  it('header values are secrets, and so is the token of an Authorization header', () => {
    const s = parse({ 'INPUT_BUILDINFO-HEADERS': 'Authorization: Bearer sekrit-123456\nX-Probe: yes' })
    expect(s.verify!.headers).toEqual({ Authorization: 'Bearer sekrit-123456', 'X-Probe': 'yes' })
    // `yes` is too short to mask (it would blank the word everywhere); the others are masked.
    expect(s.secrets).toEqual(expect.arrayContaining(['ghs_secret', 'Bearer sekrit-123456', 'sekrit-123456', 'X-Probe: yes']))
  })

  it('is parsed only for the modes that verify', () => {
    expect(parse({ INPUT_MODE: 'gate', INPUT_TENANTS: '' }).verify).toBeUndefined()
  })

  const bad: Array<[string, Record<string, string>, string, string, RegExp]> = [
    ['no tenants at all', { INPUT_TENANTS: '' }, 'tenants', '', /at least one tenant/],
    ['tenants and tenants-url together', { 'INPUT_TENANTS-URL': 'https://x.test/t' }, 'tenants-url', 'https://x.test/t', /empty when `tenants` is given/],
    ['a malformed tenants-url', { INPUT_TENANTS: '', 'INPUT_TENANTS-URL': 'ftp://x' }, 'tenants-url', 'ftp://x', /http\(s\) URL/],
    ['duplicate tenants', { INPUT_TENANTS: 'acme, globex, ACME' }, 'tenants', 'ACME', /listed once \("acme"/],
    ['a name with /', { INPUT_TENANTS: 'acme/../x' }, 'tenants', 'acme/../x', /DNS-label-like/],
    ['a name with @', { INPUT_TENANTS: 'evil@attacker' }, 'tenants', 'evil@attacker', /DNS-label-like/],
    ['a name with :', { INPUT_TENANTS: 'acme:8080' }, 'tenants', 'acme:8080', /DNS-label-like/],
    ['a name with ..', { INPUT_TENANTS: 'a..b' }, 'tenants', 'a..b', /DNS-label-like/],
    ['a name with whitespace', { INPUT_TENANTS: '["ac me"]' }, 'tenants', 'ac me', /DNS-label-like/],
    ['a name with #', { INPUT_TENANTS: 'acme#frag' }, 'tenants', 'acme#frag', /DNS-label-like/],
    ['a name with ?', { INPUT_TENANTS: 'acme?x=1' }, 'tenants', 'acme?x=1', /DNS-label-like/],
    ['a missing buildinfo-url', { 'INPUT_BUILDINFO-URL': '' }, 'buildinfo-url', '', /http\(s\) URL template/],
    ['an unknown placeholder', { 'INPUT_BUILDINFO-URL': 'https://{tenant}.example.com/{region}' }, 'buildinfo-url', 'https://{tenant}.example.com/{region}', /unknown: \{region\}/],
    ['a non-http template', { 'INPUT_BUILDINFO-URL': 'ftp://{tenant}.example.com/buildinfo' }, 'buildinfo-url', 'ftp://{tenant}.example.com/buildinfo', /http\(s\) URL template/],
    ['a placeholder as the scheme', { 'INPUT_BUILDINFO-URL': '{tenant}://example.com/buildinfo' }, 'buildinfo-url', '{tenant}://example.com/buildinfo', /http\(s\) URL template/],
    ['a template without {tenant} for several tenants', { 'INPUT_BUILDINFO-URL': 'https://example.com/buildinfo' }, 'buildinfo-url', 'https://example.com/buildinfo', /containing \{tenant\}/],
    ['a zero budget', { 'INPUT_SETTLE-BUDGET-SECONDS': '0' }, 'settle-budget-seconds', '0', /from 0.1 to 2147483.647/],
    ['a negative budget', { 'INPUT_SETTLE-BUDGET-SECONDS': '-5' }, 'settle-budget-seconds', '-5', /from 0.1 to 2147483.647/],
    ['a zero interval', { 'INPUT_SETTLE-INTERVAL-SECONDS': '0' }, 'settle-interval-seconds', '0', /from 0.05 to 2147483.647/],
    [
      'an interval longer than the budget',
      { 'INPUT_SETTLE-BUDGET-SECONDS': '30', 'INPUT_SETTLE-INTERVAL-SECONDS': '45' },
      'settle-interval-seconds',
      '45',
      /no longer than settle-budget-seconds \(30\)/
    ],
    ['a default interval longer than a short budget', { 'INPUT_SETTLE-BUDGET-SECONDS': '5' }, 'settle-interval-seconds', '20', /no longer than settle-budget-seconds \(5\)/],
    ['a zero request timeout', { 'INPUT_REQUEST-TIMEOUT-SECONDS': '0' }, 'request-timeout-seconds', '0', /from 0.1 to 2147483.647/],
    ['a malformed field path', { 'INPUT_BUILDINFO-FIELD': 'build..sha' }, 'buildinfo-field', 'build..sha', /dotted path/],
    ['a malformed header line', { 'INPUT_BUILDINFO-HEADERS': 'no colon here' }, 'buildinfo-headers', 'line 1: *** (hidden: it may hold a secret)', /Name: value.*no `:`/],
    ['a Host header', { 'INPUT_BUILDINFO-HEADERS': 'Host: evil.test' }, 'buildinfo-headers', 'line 1: Host: ***', /other than host/]
  ]
  it.each(bad)('refuses %s, naming input, value and expected form', (_what, env, input, value, expected) => {
    const e = errorOf(() => parse(env))
    expect(e.input).toBe(input)
    expect(e.value).toBe(value)
    expect(e.expected).toMatch(expected)
    expect(e.message).toContain(`Input '${input}' has the value ${JSON.stringify(value)}; expected`)
  })

  it('a header value never appears in an error', () => {
    const e = errorOf(() => parse({ 'INPUT_BUILDINFO-HEADERS': 'Authorization: Bearer topsecret\nHost: x' }))
    expect(e.message).not.toContain('topsecret')
  })

  it('one tenant may use a fixed URL', () => {
    expect(parse({ INPUT_TENANTS: 'solo', 'INPUT_BUILDINFO-URL': 'https://solo.example.com/buildinfo' }).verify!.tenants).toEqual(['solo'])
  })
})

describe('tenants-url answers', () => {
  it('accepts an array of names or of objects with name', () => {
    expect(parseTenantList('["a","b"]')).toEqual(['a', 'b'])
    expect(parseTenantList('[{"name":"a","region":"eu"},{"name":"b"}]')).toEqual(['a', 'b'])
  })

  it.each<[string, string, RegExp]>([
    ['not JSON', '<html>', /not JSON/],
    ['an object', '{"tenants":["a"]}', /not an array/],
    ['empty', '[]', /at least one tenant/],
    ['numbers', '[1,2]', /neither/],
    ['objects without name', '[{"id":"a"}]', /neither/],
    ['a hostile name', '["a","../admin"]', /DNS-label-like/],
    ['duplicates', '["a","A"]', /listed once/]
  ])('refuses %s', (_what, body, expected) => {
    const e = errorOf(() => parseTenantList(body))
    expect(e.input).toBe('tenants-url')
    expect(e.expected).toMatch(expected)
  })
})

describe('loading tenants from tenants-url', () => {
  let server: RunningServer
  let http: HttpClient
  const answers: Array<{ status: number; body: string }> = []
  let hits = 0

  beforeAll(async () => {
    server = await startServer((_req, res) => {
      hits += 1
      const a = answers.shift() ?? { status: 200, body: '["acme","globex"]' }
      res.writeHead(a.status, { 'content-type': 'application/json' })
      res.end(a.body)
    })
    http = createHttpClient()
  })
  afterAll(async () => {
    await http.close()
    await server.close()
  })

  const settingsFor = (template = 'https://{tenant}.example.com/buildinfo') => parse({ INPUT_TENANTS: '', 'INPUT_TENANTS-URL': `${server.url}/tenants`, 'INPUT_BUILDINFO-URL': template }).verify!

  it('reads the list, retrying a transient 503', async () => {
    answers.push({ status: 503, body: 'busy' })
    const clock = new InstantClock()
    expect(await loadTenants(settingsFor(), http, clock)).toEqual(['acme', 'globex'])
    expect(clock.sleeps).toHaveLength(1)
  })

  it('refuses an answer that is not an array of names', async () => {
    answers.push({ status: 200, body: '{"acme":1}' })
    await expect(loadTenants(settingsFor(), http, new InstantClock())).rejects.toThrow(/Input 'tenants-url' .* not an array/)
  })

  it('refuses several tenants for a template without {tenant}', async () => {
    const settings = parse({ INPUT_TENANTS: '', 'INPUT_TENANTS-URL': `${server.url}/tenants`, 'INPUT_BUILDINFO-URL': 'https://one.example.com/b' }).verify!
    await expect(loadTenants(settings, http, new InstantClock())).rejects.toThrow(/containing \{tenant\}/)
  })

  it('a 404 is not retried and names the status', async () => {
    const before = hits
    answers.push({ status: 404, body: 'nope' })
    await expect(loadTenants(settingsFor(), http, new InstantClock())).rejects.toThrow(/HTTP 404/)
    expect(hits - before).toBe(1)
  })
})

describe('reading the SHA from a build info answer', () => {
  const sha = '0123abcdef0123abcdef0123abcdef0123abcdef'
  it.each<[string, string, string]>([
    ['plain text SHA', `${sha}\n`, sha],
    ['short plain text SHA, upper case', 'ABCDEF1', 'abcdef1'],
    ['a JSON string', JSON.stringify(sha), sha],
    ['sha', JSON.stringify({ sha }), sha],
    ['git_sha', JSON.stringify({ version: '1.2.3', git_sha: sha }), sha],
    ['GIT_COMMIT (case-insensitive)', JSON.stringify({ GIT_COMMIT: sha }), sha],
    ['revision', JSON.stringify({ revision: sha }), sha],
    ['nested build.git.sha', JSON.stringify({ build: { git: { sha } } }), sha],
    ['Spring git.commit.id', JSON.stringify({ git: { branch: 'main', commit: { id: sha.slice(0, 7), time: 'x' } } }), sha.slice(0, 7)]
  ])('auto finds %s', (_what, body, expected) => {
    expect(extractSha(body, 'auto')).toEqual({ sha: expected })
  })

  it.each<[string, string, RegExp]>([
    ['HTML', '<!DOCTYPE html><html><body>hi</body></html>', /HTML page/],
    ['an empty body', '  ', /empty/],
    ['a JSON array', '[1]', /not an object/],
    ['no known key', JSON.stringify({ build_number: '1234567' }), /usual names/],
    ['a generic id outside a commit object', JSON.stringify({ build: { id: '1234567' } }), /usual names/],
    ['a value that is not hex', JSON.stringify({ sha: 'main' }), /usual names/],
    ['garbage', 'hello world', /neither JSON nor a bare SHA/]
  ])('auto refuses %s', (_what, body, problem) => {
    const r = extractSha(body, 'auto')
    expect('problem' in r && r.problem).toMatch(problem)
  })

  it('a dotted buildinfo-field path reads exactly that field', () => {
    const body = JSON.stringify({ sha: 'f'.repeat(40), deploy: { image: { revision: sha } } })
    expect(extractSha(body, 'deploy.image.revision')).toEqual({ sha })
    expect(extractSha(body, 'deploy.image.missing')).toEqual({ problem: 'no field `deploy.image.missing` in the JSON answer' })
    expect(extractSha(JSON.stringify({ deploy: { image: { revision: 42 } } }), 'deploy.image.revision')).toMatchObject({ problem: expect.stringMatching(/not a SHA/) })
  })
})
