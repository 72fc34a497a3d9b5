import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { fromJson, jsonReader, MAX_HEALTH_BYTES } from '../src/analysis/json-endpoint.js'
import { readNumber } from '../src/analysis/number.js'
import { fromQueryAnswer, MAX_PROMETHEUS_BYTES, prometheusReader } from '../src/analysis/prometheus.js'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import type { AnalysisSettings } from '../src/settings/analysis.js'
import { type RunningServer, startServer } from '../simulator/server.js'

/**
 * The two metric sources: the number in a Prometheus instant query's answer (the shapes of the HTTP API,
 * prometheus.io/docs/prometheus/latest/querying/api/#instant-queries) and in a tenant's JSON document.
 * Anything else is a problem (an inconclusive sample), bounded, on one line, never the raw answer.
 */
const vec = (...values: string[]): unknown => ({ status: 'success', data: { resultType: 'vector', result: values.map((v) => ({ metric: { tenant: 't' }, value: [1700000000.1, v] })) } })

describe('the number in a Prometheus answer', () => {
  it.each<[string, unknown, number | RegExp]>([
    ['a vector of one series', vec('0.2'), 0.2],
    ['a scalar', { status: 'success', data: { resultType: 'scalar', result: [1700000000, '1e-3'] } }, 0.001],
    ['an integer string', vec('42'), 42],
    ['no series', vec(), /gave no series/],
    ['two series', vec('0.1', '0.2'), /gave 2 series; it must give one per tenant/],
    ['NaN (0/0: no traffic)', vec('NaN'), /is NaN/],
    ['+Inf', vec('+Inf'), /not a finite number \("\+Inf"\)/],
    ['a matrix (a range query)', { status: 'success', data: { resultType: 'matrix', result: [] } }, /gave a matrix result, not one number/],
    ['an error', { status: 'error', errorType: 'bad_data', error: 'parse error at char 5: unexpected "}"' }, /refused the query \(HTTP 400, bad_data\): parse error at char 5/],
    ['not an object', 'hello', /refused the query \(HTTP 400\): no error given/],
    ['a sample without a value', { status: 'success', data: { resultType: 'vector', result: [{ metric: {} }] } }, /no \[time, value\] sample/]
  ])('%s', (_, doc, expected) => {
    const r = fromQueryAnswer(400, doc)
    if (typeof expected === 'number') expect(r).toEqual({ value: expected })
    else expect('problem' in r && r.problem).toMatch(expected)
  })
})

describe('the number in a JSON document', () => {
  it.each<[string, string, string, number | RegExp]>([
    ['a nested number', '{"http":{"errorRate":0.2}}', 'http.errorRate', 0.2],
    ['a numeric string', '{"p99":"12.5"}', 'p99', 12.5],
    ['zero', '{"e":0}', 'e', 0],
    ['a missing field', '{"http":{}}', 'http.errorRate', /has no http\.errorRate/],
    ['a path through a list', '{"http":[1]}', 'http.0', /has no http\.0/],
    ['null', '{"e":null}', 'e', /not a finite number \(a null\)/],
    ['a word', '{"e":"high"}', 'e', /not a finite number \("high"\)/],
    ['not JSON', '<html>login</html>', 'e', /not JSON: "<html>login<\/html>"/],
    ['an inherited key is not a field', '{}', 'constructor', /has no constructor/]
  ])('%s', (_, text, field, expected) => {
    const r = fromJson(text, field)
    if (typeof expected === 'number') expect(r).toEqual({ value: expected })
    else expect('problem' in r && r.problem).toMatch(expected)
  })

  it.each<[unknown, number | undefined]>([
    [1, 1],
    ['-0.5', -0.5],
    ['.5', 0.5],
    [' 2 ', 2],
    ['0x10', undefined],
    ['', undefined],
    [true, undefined],
    [Number.POSITIVE_INFINITY, undefined]
  ])('readNumber(%j)', (raw, value) => {
    expect(readNumber(raw, 'x')).toEqual(value === undefined ? { problem: expect.any(String) } : { value })
  })
})

describe('the readers over HTTP: bounded, on one line, never the raw answer', () => {
  let server: RunningServer
  let http: HttpClient
  const seen: string[] = []
  beforeAll(async () => {
    server = await startServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x')
      seen.push(`${url.pathname}?${url.searchParams.get('query') ?? ''}`)
      const t = url.pathname.startsWith('/api/') ? (url.searchParams.get('query') ?? '') : (url.pathname.split('/')[2] ?? '')
      if (t.includes('huge')) {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(`{"status":"success","pad":"${'x'.repeat(MAX_PROMETHEUS_BYTES + MAX_HEALTH_BYTES)}"}`)
      } else if (t.includes('hostile')) {
        res.writeHead(502, { 'content-type': 'text/plain' })
        res.end(`\n::error::forged annotation\n::add-mask::x\n${'y'.repeat(500)}`)
      } else if (url.pathname.startsWith('/api/v1/query')) {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify(vec('0.25')))
      } else {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end('{"http":{"errorRate":0.03}}')
      }
    })
    http = createHttpClient()
  })
  afterAll(async () => {
    await http.close()
    await server.close()
  })
  const settings = (over: Partial<AnalysisSettings>): AnalysisSettings => ({
    kind: 'prometheus',
    url: server.url,
    query: 'sum(rate(errors{tenant="{tenant}"}[1m]))',
    field: '',
    headers: {},
    thresholds: { max: 0.1, floor: 0 },
    intervalMs: 1000,
    consecutive: 2,
    inconclusiveLimit: 2,
    baselineSize: 10,
    requestTimeoutMs: 2000,
    waves: false,
    ...over
  })
  const target = { sha: 'a'.repeat(40), environment: 'production' }

  it('Prometheus: the tenant goes inside the query, the answer gives the number', async () => {
    const reader = prometheusReader(settings({}), http, target)
    expect(await reader.read('acme')).toEqual({ value: 0.25 })
    expect(seen.at(-1)).toBe('/api/v1/query?sum(rate(errors{tenant="acme"}[1m]))')
    expect(reader.source).toBe(`${server.url}/api/v1/query`)
  })

  it('Prometheus: a name that could close the PromQL string stays inside it (tenant names are checked, this is the second guard)', async () => {
    await prometheusReader(settings({}), http, target).read('a"}or vector(0)#')
    expect(seen.at(-1)).toBe('/api/v1/query?sum(rate(errors{tenant="a\\"}or vector(0)#"}[1m]))')
  })

  it('JSON: the tenant goes in the URL, the field gives the number', async () => {
    const reader = jsonReader(settings({ kind: 'json', url: `${server.url}/t/{tenant}/health`, field: 'http.errorRate' }), http, target)
    expect(await reader.read('acme')).toEqual({ value: 0.03 })
  })

  it.each([
    ['prometheus', 'huge', /larger than 256 KiB/],
    ['prometheus', 'hostile', /^Prometheus answered HTTP 502 without JSON: ".{0,121}"$/],
    ['json', 'huge', /larger than 64 KiB/],
    ['json', 'hostile', /^HTTP 502: ::error::forged annotation ::add-mask::x y+…$/]
  ])('%s, a %s answer: a bounded one-line problem', async (kind, tenant, expected) => {
    const s = kind === 'json' ? settings({ kind: 'json', url: `${server.url}/t/{tenant}/health`, field: 'http.errorRate' }) : settings({ query: '{tenant}' })
    const reader = kind === 'json' ? jsonReader(s, http, target) : prometheusReader(s, http, target)
    const r = await reader.read(tenant)
    expect('problem' in r && r.problem).toMatch(expected)
    const problem = (r as { problem: string }).problem
    expect(problem).not.toMatch(/\n/)
    expect(problem.length).toBeLessThan(300)
  })

  it('the source the report names carries no credential of the URL', () => {
    expect(prometheusReader(settings({ url: 'https://reader:pa55word@prom.example.com/' }), http, target).source).toBe('https://prom.example.com/api/v1/query')
    expect(jsonReader(settings({ kind: 'json', url: 'https://{tenant}.example.com/health?token=s3cret', field: 'x' }), http, target).source).toBe('https://{tenant}.example.com/health?…')
    expect(jsonReader(settings({ kind: 'json', url: 'https://user:pw@apps.example.com/t/{tenant}/health?key=s3cret', field: 'x' }), http, target).source).toBe(
      'https://apps.example.com/t/{tenant}/health?…'
    )
  })

  it('no answer at all is a problem, not a throw', async () => {
    const reader = prometheusReader(settings({ url: 'http://127.0.0.1:9' }), http, target)
    expect(await reader.read('acme')).toEqual({ problem: expect.stringMatching(/^Prometheus did not answer: /) })
  })
})
