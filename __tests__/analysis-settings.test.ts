import { describe, expect, it } from '@jest/globals'
import { parseSettings } from '../src/settings/index.js'
import { errorOf } from './support/input-error.js'

/**
 * The analysis inputs, checked before any side effect: every bad value names its input, shows the
 * value (never a header's) and says what was expected. Off by default; deploy and reconcile read it.
 */
const SHA = 'a'.repeat(40)
const deploy = {
  GITHUB_SHA: SHA,
  GITHUB_REPOSITORY: 'acme/app',
  GITHUB_API_URL: 'https://api.github.com',
  INPUT_MODE: 'deploy',
  INPUT_TOKEN: 'ghs_secret',
  INPUT_TENANTS: 'acme,globex,initech',
  'INPUT_BUILDINFO-URL': 'https://{tenant}.example/buildinfo',
  'INPUT_REDEPLOY-URL': 'https://cp.example/{tenant}',
  INPUT_CANARY: 'acme',
  'INPUT_CANARY-SOAK-SECONDS': '120'
}
const prometheus = {
  ...deploy,
  INPUT_ANALYSIS: 'prometheus',
  'INPUT_ANALYSIS-URL': 'https://prometheus.example:9090',
  'INPUT_ANALYSIS-QUERY': 'sum(rate(http_requests_total{tenant="{tenant}",code=~"5.."}[1m])) / sum(rate(http_requests_total{tenant="{tenant}"}[1m]))',
  'INPUT_ANALYSIS-MAX-RATIO': '2',
  'INPUT_ANALYSIS-BASELINE-FLOOR': '0.01'
}
const json = { ...deploy, INPUT_ANALYSIS: 'json', 'INPUT_ANALYSIS-URL': 'https://{tenant}.example/health', 'INPUT_ANALYSIS-FIELD': 'http.errorRate', 'INPUT_ANALYSIS-MAX': '0.05' }

describe('analysis settings', () => {
  it('is off unless asked for, and only the modes that roll read it', () => {
    expect(parseSettings(deploy).analysis).toBeUndefined()
    expect(parseSettings({ ...prometheus, INPUT_MODE: 'verify' }).analysis).toBeUndefined()
    expect(parseSettings({ ...prometheus, INPUT_MODE: 'gate' }).analysis).toBeUndefined()
  })

  it('reconcile analyses its canary; it may choose that canary itself, so none need be named', () => {
    expect(parseSettings({ ...prometheus, INPUT_MODE: 'reconcile', INPUT_CANARY: '' }).analysis).toMatchObject({ kind: 'prometheus', waves: false })
    // Its canary soaks: without a soak there is nothing to read the metric during.
    expect(errorOf(() => parseSettings({ ...prometheus, INPUT_MODE: 'reconcile', 'INPUT_CANARY-SOAK-SECONDS': '0' })).input).toBe('canary-soak-seconds')
  })

  it.each<[string, Record<string, string>, boolean]>([
    ['off by default', {}, false],
    ['asked for, with an absolute limit beside the relative one', { 'INPUT_ANALYSIS-WAVES': 'true', 'INPUT_ANALYSIS-MAX': '0.05' }, true],
    ['asked for in reconcile', { INPUT_MODE: 'reconcile', 'INPUT_ANALYSIS-WAVES': 'TRUE', 'INPUT_ANALYSIS-MAX': '0.05' }, true],
    ['turned off from a variable', { 'INPUT_ANALYSIS-WAVES': 'false' }, false]
  ])('analysis-waves: %s', (_, over, waves) => {
    expect(parseSettings({ ...prometheus, ...over }).analysis?.waves).toBe(waves)
  })

  it('prometheus: defaults, as documented in action.yml', () => {
    expect(parseSettings(prometheus).analysis).toEqual({
      kind: 'prometheus',
      url: 'https://prometheus.example:9090',
      query: prometheus['INPUT_ANALYSIS-QUERY'],
      field: '',
      headers: {},
      thresholds: { max: undefined, maxRatio: 2, floor: 0.01 },
      intervalMs: 30_000,
      consecutive: 2,
      inconclusiveLimit: 2,
      baselineSize: 10,
      requestTimeoutMs: 10_000,
      waves: false
    })
  })

  it('json: every tuning input, as repository variables would give them', () => {
    const s = parseSettings({
      ...json,
      'INPUT_ANALYSIS-INTERVAL-SECONDS': '7.5',
      'INPUT_ANALYSIS-CONSECUTIVE': '3',
      'INPUT_ANALYSIS-INCONCLUSIVE-LIMIT': '0',
      'INPUT_ANALYSIS-BASELINE-SIZE': '4',
      'INPUT_ANALYSIS-HEADERS': 'Authorization: Bearer abcdef123'
    }).analysis
    expect(s).toMatchObject({
      kind: 'json',
      thresholds: { max: 0.05, floor: 0 },
      intervalMs: 7500,
      consecutive: 3,
      inconclusiveLimit: 0,
      baselineSize: 4,
      headers: { Authorization: 'Bearer abcdef123' }
    })
  })

  it('the header values and a URL credential are secrets, masked before anything is parsed', () => {
    const s = parseSettings({ ...json, 'INPUT_ANALYSIS-URL': 'https://{tenant}.example/health?token=sekrit-42', 'INPUT_ANALYSIS-HEADERS': 'Authorization: Bearer abcdef123' })
    expect(s.secrets).toEqual(expect.arrayContaining(['Bearer abcdef123', 'abcdef123', 'sekrit-42']))
  })

  it.each<[string, Record<string, string>, string, string | RegExp]>([
    ['an unknown kind', { INPUT_ANALYSIS: 'datadog' }, 'analysis', /one of `none`, `prometheus`, `json`/],
    ['prometheus without a URL', { 'INPUT_ANALYSIS-URL': '' }, 'analysis-url', /Prometheus server's base URL/],
    ['prometheus with a placeholder in the URL', { 'INPUT_ANALYSIS-URL': 'https://{tenant}.prom' }, 'analysis-url', /without placeholders/],
    ['prometheus with a URL that is not http', { 'INPUT_ANALYSIS-URL': 'ftp://prom' }, 'analysis-url', /absolute http\(s\) URL/],
    ['prometheus without a query', { 'INPUT_ANALYSIS-QUERY': '' }, 'analysis-query', /PromQL query template containing \{tenant\}/],
    ['a query without {tenant}', { 'INPUT_ANALYSIS-QUERY': 'up' }, 'analysis-query', /otherwise every tenant reads the same number/],
    ['a query with an unknown placeholder', { 'INPUT_ANALYSIS-QUERY': 'x{tenant="{tenant}",r="{region}"}' }, 'analysis-query', /unknown: \{region\}/],
    ['prometheus with a field', { 'INPUT_ANALYSIS-FIELD': 'x' }, 'analysis-field', /to be empty with analysis: prometheus/],
    ['no threshold', { 'INPUT_ANALYSIS-MAX-RATIO': '' }, 'analysis-max', /at least one of the two/],
    ['a ratio of 0', { 'INPUT_ANALYSIS-MAX-RATIO': '0' }, 'analysis-max-ratio', /a number above 0/],
    ['a ratio that is not a number', { 'INPUT_ANALYSIS-MAX-RATIO': 'twice' }, 'analysis-max-ratio', /a number of 0 or more/],
    ['a ratio without a floor', { 'INPUT_ANALYSIS-BASELINE-FLOOR': '' }, 'analysis-baseline-floor', /a baseline of 0 does not fail every canary/],
    ['a floor of 0', { 'INPUT_ANALYSIS-BASELINE-FLOOR': '0' }, 'analysis-baseline-floor', /a number above 0/],
    ['a negative max', { 'INPUT_ANALYSIS-MAX': '-1' }, 'analysis-max', /a number of 0 or more/],
    ['no canary', { INPUT_CANARY: '' }, 'canary', /at least one canary tenant with analysis/],
    ['no soak', { 'INPUT_CANARY-SOAK-SECONDS': '0' }, 'canary-soak-seconds', /a soak longer than 0 with analysis/],
    ['an interval longer than the soak', { 'INPUT_ANALYSIS-INTERVAL-SECONDS': '121' }, 'analysis-interval-seconds', /no longer than canary-soak-seconds \(120\)/],
    ['the default interval longer than a short soak', { 'INPUT_CANARY-SOAK-SECONDS': '10' }, 'analysis-interval-seconds', /no longer than canary-soak-seconds \(10\)/],
    ['an interval of 0', { 'INPUT_ANALYSIS-INTERVAL-SECONDS': '0' }, 'analysis-interval-seconds', /from 0.05 to/],
    ['consecutive 0', { 'INPUT_ANALYSIS-CONSECUTIVE': '0' }, 'analysis-consecutive', /a whole number, 1 or more/],
    ['an inconclusive limit that is not whole', { 'INPUT_ANALYSIS-INCONCLUSIVE-LIMIT': '1.5' }, 'analysis-inconclusive-limit', /a whole number, 0 or more/],
    ['a baseline of 0 tenants', { 'INPUT_ANALYSIS-BASELINE-SIZE': '0' }, 'analysis-baseline-size', /a whole number, 1 or more \(at most 100\)/],
    ['a malformed header', { 'INPUT_ANALYSIS-HEADERS': 'Authorization Bearer abcdef123' }, 'analysis-headers', /has no `:`/],
    ['waves that are not a boolean', { 'INPUT_ANALYSIS-WAVES': 'yes' }, 'analysis-waves', /`true` or `false`/],
    [
      'waves without an absolute limit (the last wave has no baseline)',
      { 'INPUT_ANALYSIS-WAVES': 'true' },
      'analysis-max',
      /with analysis-waves: true: the last wave leaves no tenant on the release before/
    ],
    ['waves in reconcile without an absolute limit', { INPUT_MODE: 'reconcile', 'INPUT_ANALYSIS-WAVES': 'true' }, 'analysis-max', /judged by analysis-max alone/],
    ['waves with analysis off', { INPUT_ANALYSIS: 'none', 'INPUT_ANALYSIS-WAVES': 'true' }, 'analysis-waves', /`false` with analysis: none/],
    ['waves with analysis off, in reconcile', { INPUT_MODE: 'reconcile', INPUT_ANALYSIS: '', 'INPUT_ANALYSIS-WAVES': 'true' }, 'analysis-waves', /set `analysis` too/]
  ])('prometheus, %s', (_, over, input, expected) => {
    const e = errorOf(() => parseSettings({ ...prometheus, ...over }))
    expect(e.input).toBe(input)
    expect(e.message).toMatch(expected)
    expect(e.message).not.toContain('abcdef123')
  })

  it.each<[string, Record<string, string>, string, RegExp]>([
    ['without a URL', { 'INPUT_ANALYSIS-URL': '' }, 'analysis-url', /URL template containing \{tenant\}/],
    ['a URL without {tenant}', { 'INPUT_ANALYSIS-URL': 'https://app.example/health' }, 'analysis-url', /otherwise every tenant reads the same number/],
    ['a URL that is not one', { 'INPUT_ANALYSIS-URL': 'health/{tenant}' }, 'analysis-url', /absolute http\(s\) URL/],
    ['without a field', { 'INPUT_ANALYSIS-FIELD': '' }, 'analysis-field', /dotted path to the number/],
    ['a field that is not a path', { 'INPUT_ANALYSIS-FIELD': 'http..rate' }, 'analysis-field', /dotted path to the number/],
    ['with a query', { 'INPUT_ANALYSIS-QUERY': 'up' }, 'analysis-query', /to be empty with analysis: json/]
  ])('json, %s', (_, over, input, expected) => {
    const e = errorOf(() => parseSettings({ ...json, ...over }))
    expect(e.input).toBe(input)
    expect(e.message).toMatch(expected)
  })
})
