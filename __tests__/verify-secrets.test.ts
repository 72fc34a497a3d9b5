import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import { run } from '../src/main.js'
import { excerpt, registerSecret } from '../src/redact.js'
import { parseSettings } from '../src/settings/index.js'
import { secretInputs } from '../src/settings/secrets.js'
import { extractSha } from '../src/verify/buildinfo.js'
import { createProber } from '../src/verify/prober.js'
import { TenantSimulator } from '../simulator/tenants.js'
import { VirtualClock } from '../simulator/virtual-clock.js'
import { verifySettingsFor } from './support/factories.js'
import { errorOf } from './support/input-error.js'

/**
 * Secrets in inputs never reach a log line, an error, an output or a report: they are registered
 * before any input is read, header values are never quoted, and outside text is masked before it is
 * cut. Each test uses its own token: the set of registered secrets lives as long as the process.
 */

const SHA = 'a'.repeat(40)
const base = {
  GITHUB_SHA: SHA,
  GITHUB_REPOSITORY: 'acme/app',
  GITHUB_API_URL: 'https://api.github.com',
  INPUT_MODE: 'verify',
  INPUT_TENANTS: 'acme globex',
  'INPUT_BUILDINFO-URL': 'https://{tenant}.example.com/buildinfo'
}

/** A token of 40 characters, as GitHub and most control planes issue them. */
const token = (tag: string): string => `${tag}_${'0123456789abcdefghijklmnopqrstuvwxyz'.repeat(2)}`.slice(0, 40)

/** Every 6-character piece of `secret` that appears in `text`: none may. */
const leaks = (text: string, secret: string): string[] => Array.from({ length: secret.length - 5 }, (_, i) => secret.slice(i, i + 6)).filter((p) => text.includes(p))

afterEach(() => {
  process.exitCode = undefined
})

describe('a malformed buildinfo-headers line', () => {
  it('is refused without printing any of it, from the step failure of a whole run', async () => {
    const secret = token('hdr')
    const lines: string[] = []
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true))
    try {
      await run({ ...base, 'INPUT_BUILDINFO-HEADERS': `X-Probe: yes\nAuthorization Bearer ${secret}` })
    } finally {
      spy.mockRestore()
    }
    const all = lines.join('').split('\n')
    // Masked before the failure is printed: the runner masks only what it was told about earlier.
    expect(all.indexOf(`::add-mask::Bearer ${secret}`)).toBeGreaterThanOrEqual(0)
    expect(all.indexOf(`::add-mask::Bearer ${secret}`)).toBeLessThan(all.findIndex((l) => l.startsWith('::error::')))
    const shown = all.filter((l) => !l.startsWith('::add-mask::'))
    const failure = shown.find((l) => l.startsWith('::error::'))
    expect(failure).toMatch(/Input 'buildinfo-headers' has the value "line 2: \*\*\* \(hidden: it may hold a secret\)"; expected one `Name: value` header a line/)
    expect(leaks(shown.join('\n'), secret)).toEqual([])
  })

  it('its value is registered for masking before any input is validated, whole and by parts', () => {
    const secret = token('reg')
    const secrets = secretInputs({
      'INPUT_BUILDINFO-HEADERS': `Authorization Bearer ${secret}`,
      'INPUT_REGISTRY-PASSWORD': 'hunter2-pw',
      'INPUT_TENANTS-URL': 'https://cp.example/t?env=prod&access_token=q-123456'
    })
    expect(secrets).toEqual(expect.arrayContaining([`Authorization Bearer ${secret}`, `Bearer ${secret}`, secret, 'hunter2-pw', 'q-123456']))
    expect(secrets).not.toContain('prod')
    expect(secretInputs({ 'INPUT_BUILDINFO-URL': 'https://{tenant}.example/bi?sig=s1gn4ture&tenant={tenant}' })).toEqual(['sig=s1gn4ture', 's1gn4ture', 'tenant={tenant}'])
  })
})

describe('header names and values are checked against RFC 9110 before anything is sent', () => {
  it.each<[string, string, RegExp]>([
    ['a typographic apostrophe (U+2019)', 'X-Note: it’s-a-token-abcdef', /line 2: X-Note: \*\*\*.*U\+2019/],
    ['a Latin-1 letter (obs-text)', 'X-Note: caf\u00e9-abcdef', /line 2: X-Note: \*\*\*.*U\+00E9/],
    ['a control character', 'X-Note: a\u0000b-abcdef', /line 2: X-Note: \*\*\*.*U\+0000/],
    ['a name that is not a token', 'X Note: abcdef', /line 2: \*\*\*: \*\*\*.*not a token/],
    ['a header given twice', 'accept: abcdef', /line 2: accept: \*\*\*.*each header once \(line 1/]
  ])('refuses %s, naming the input and the line, never the value', (_what, line, expected) => {
    const e = errorOf(() => parseSettings({ ...base, 'INPUT_BUILDINFO-HEADERS': `Accept: application/json\n${line}` }))
    expect(e.input).toBe('buildinfo-headers')
    expect(e.message).toMatch(expected)
    expect(e.message).not.toContain('abcdef')
  })

  it('accepts visible ASCII with spaces and tabs inside', () => {
    expect(parseSettings({ ...base, 'INPUT_BUILDINFO-HEADERS': 'X-Key: a b\tc!~' }).verify!.headers).toEqual({ 'X-Key': 'a b\tc!~' })
  })
})

describe('outside text is masked before it is cut', () => {
  let sim: TenantSimulator
  let http: HttpClient
  beforeAll(async () => {
    sim = await TenantSimulator.start({ clock: new VirtualClock() })
    http = createHttpClient()
  })
  afterAll(async () => {
    await http.close()
    await sim.close()
  })

  it("a tenant's 401 page that echoes the token leaves no part of it in the observation", async () => {
    const secret = token('401')
    const headers = `Authorization: Bearer ${secret}`
    for (const s of secretInputs({ 'INPUT_BUILDINFO-HEADERS': headers })) registerSecret(s)
    // The token straddles the 120-character cut: characters 89 to 129 of the page.
    sim.add('locked', { sha: SHA, fault: { status: 401, echo: 'Authorization', prefix: `${'Access denied. '.repeat(4)}Sent: ` } })
    const prober = createProber(verifySettingsFor(sim.buildinfoTemplate, { headers: { Authorization: `Bearer ${secret}` } }), http, SHA)
    const obs = await prober.probe('locked')
    expect(obs.error).toMatch(/^HTTP 401: Access denied/)
    expect(leaks(obs.error!, secret)).toEqual([])
  })

  it('build info that is not a SHA is quoted masked, then cut', () => {
    const secret = token('body')
    registerSecret(secret)
    const r = extractSha(`debug: session ${secret} expired`, 'auto')
    expect('problem' in r && leaks(r.problem, secret)).toEqual([])
    const field = extractSha(JSON.stringify({ sha: `x-${'y'.repeat(40)}-${secret}` }), 'sha')
    expect('problem' in field && leaks(field.problem, secret)).toEqual([])
  })

  it('a tenants-url with a token in its query is never printed whole', () => {
    const secret = token('tq')
    const e = errorOf(() => parseSettings({ ...base, 'INPUT_TENANTS-URL': `https://cp.example/tenants?access_token=${secret}` }))
    expect(e.message).toContain('https://cp.example/tenants?…')
    expect(leaks(e.message, secret)).toEqual([])
  })

  it('excerpt masks before it cuts', () => {
    const secret = token('cut')
    registerSecret(secret)
    const text = `${'x'.repeat(50)} ${secret} tail`
    expect(excerpt(text, 60)).toBe(`${'x'.repeat(50)} *** tail`)
    expect(excerpt(text, 52)).toBe(`${'x'.repeat(50)} *…`)
    expect(leaks(excerpt(text, 60), secret)).toEqual([])
    expect(excerpt('a  b\n c', 10, { oneLine: true })).toBe('a b c')
  })
})
