import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { Ancestry } from '../src/forge/ancestry.js'
import { createForge } from '../src/forge/factory.js'
import type { Forge } from '../src/forge/types.js'
import { SupersededGate } from '../src/gate/gate.js'
import { MisconfigurationError } from '../src/gate/misconfig.js'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import type { ForgeSettings } from '../src/settings/common.js'
import { InstantClock } from '../simulator/clocks.js'
import { FakeForge, type ForgeFlavour } from '../simulator/fake-forge.js'
import { GitRepo } from '../simulator/git-repo.js'
import { forgeSettingsFor } from './support/factories.js'

const TOKEN = 'ghs_gateTestToken0123456789'

interface World {
  repo: GitRepo
  forge: FakeForge
  http: HttpClient
  A: string
  B: string
  C: string
  X: string
}

function forgeSettings(fake: FakeForge, kind: 'github' | 'gitea', requestTimeoutMs?: number): ForgeSettings {
  const retry = { maxTotalMs: 30_000, baseDelayMs: 500, maxDelayMs: 8_000, maxAttempts: 8 }
  return forgeSettingsFor(fake, { kind, token: TOKEN, retry, ...(requestTimeoutMs ? { requestTimeoutMs } : {}) })
}

function gateFor(w: World, sha: string, clock = new InstantClock(), branch = 'main', requestTimeoutMs?: number): { gate: SupersededGate; forge: Forge } {
  const kind = w.forge.flavour === 'github' ? 'github' : 'gitea'
  const forge = createForge(forgeSettings(w.forge, kind, requestTimeoutMs), { http: w.http, clock, log: () => undefined })
  const gate = new SupersededGate(forge, new Ancestry(forge), { sha, branch, environment: 'production' }, { enabled: true, onSuperseded: 'skip', force: false })
  return { gate, forge }
}

describe.each<ForgeFlavour>(['github', 'gitea-1.22', 'gitea-1.23'])('superseded gate on %s', (flavour) => {
  let w: World

  beforeAll(async () => {
    const repo = await GitRepo.create()
    const A = await repo.commit('A')
    const B = await repo.commit('B')
    const C = await repo.commit('C')
    // X lives on a side branch that main never contained: the force-push / diverged case.
    await repo.setBranch('side', A)
    const X = await repo.commit('X', 'side')
    await repo.setBranch('main', B)
    const forge = await FakeForge.start({ flavour, repo, token: TOKEN })
    w = { repo, forge, http: createHttpClient(), A, B, C, X }
  })

  afterEach(async () => {
    w.forge.clearFaults()
    await w.repo.setBranch('main', w.B)
  })

  afterAll(async () => {
    await w.http.close()
    await w.forge.close()
    await w.repo.dispose()
  })

  it('head == sha: not superseded', async () => {
    const d = await gateFor(w, w.B).gate.check()
    expect(d).toMatchObject({ superseded: false, basis: 'identical', headSha: w.B })
  })

  it('an abbreviated sha of the head counts as the head', async () => {
    const d = await gateFor(w, w.B.slice(0, 7)).gate.check()
    expect(d).toMatchObject({ superseded: false, basis: 'identical' })
  })

  it('head is a descendant of sha: superseded, naming the newer commit', async () => {
    const d = await gateFor(w, w.A).gate.check()
    expect(d.superseded).toBe(true)
    expect(d.basis).toBe('ahead')
    expect(d.reason).toContain(w.B.slice(0, 7))
    expect(d.reason).toMatch(/newer commit/)
  })

  it('sha is a descendant of head (a lagging read): not superseded', async () => {
    const d = await gateFor(w, w.C).gate.check()
    expect(d).toMatchObject({ superseded: false, basis: 'behind', headSha: w.B })
  })

  it('diverged after a force-push: superseded, sha is not on main any more', async () => {
    const d = await gateFor(w, w.X).gate.check()
    expect(d.superseded).toBe(true)
    expect(d.basis).toBe('diverged')
    expect(d.reason).toMatch(/not on main any more/)
  })

  it('force-push moving main backward makes the newer sha a lagging read, not superseded', async () => {
    await w.repo.setBranch('main', w.A)
    const d = await gateFor(w, w.B).gate.check()
    expect(d).toMatchObject({ superseded: false, basis: 'behind' })
  })

  it('head differs and ancestry cannot be determined: superseded, reason says so', async () => {
    // Compare fails for good (422 is not retried) and, on Gitea, so does the history walk.
    w.forge.inject('compare', { status: 422, body: '{"message":"no"}' }, { status: 422 })
    w.forge.inject('commits', { status: 422 }, { status: 422 })
    const d = await gateFor(w, w.A).gate.check()
    expect(d.superseded).toBe(true)
    expect(d.basis).toBe('unknown')
    expect(d.reason).toMatch(/could not be determined/)
  })

  it('missing branch at the first gate: a misconfiguration naming `branch`, not a fail-safe', async () => {
    const err = await gateFor(w, w.A, new InstantClock(), 'nope')
      .gate.check()
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(MisconfigurationError)
    expect((err as MisconfigurationError).input).toBe('branch')
    expect((err as Error).message).toMatch(/^Input 'branch': acme\/app has no branch 'nope' \(HTTP 404\)\..*The forge answered: GET branch nope answered HTTP 404/)
  })

  it('the branch vanishing after it was read is an unreadable head (an outage mid-job), not a misconfiguration', async () => {
    const { gate } = gateFor(w, w.A)
    expect((await gate.check()).basis).toBe('ahead')
    w.forge.inject('branch', { status: 404, body: '{"message":"Branch not found"}' })
    const d = await gate.check()
    expect(d).toMatchObject({ superseded: false, basis: 'unreadable' })
    expect(gate.everReadable).toBe(true)
    expect(d.warning).toMatch(/an unexpected answer \(HTTP 404\)/)
  })

  it('malformed branch answer: NOT superseded, warning', async () => {
    w.forge.inject('branch', { malformed: true })
    const d = await gateFor(w, w.A).gate.check()
    expect(d).toMatchObject({ superseded: false, basis: 'unreadable' })
    // Octokit hands a malformed body through as text, so the adapter reports the missing field.
    expect(d.warning).toMatch(/not JSON|no commit\.sha/)
  })

  it('empty branch answer: NOT superseded, warning', async () => {
    w.forge.inject('branch', { status: 200, body: '{}' })
    const d = await gateFor(w, w.A).gate.check()
    expect(d).toMatchObject({ superseded: false, basis: 'unreadable' })
    expect(d.warning).toMatch(/no commit\.(sha|id)/)
  })

  it('5xx burst then recovery: retried, decision correct', async () => {
    w.forge.inject('branch', { status: 502 }, { status: 503 }, { reset: true })
    const clock = new InstantClock()
    const d = await gateFor(w, w.A, clock).gate.check()
    expect(d).toMatchObject({ superseded: true, basis: 'ahead' })
    expect(w.forge.calls('branch').length).toBeGreaterThanOrEqual(4)
    expect(clock.sleeps).toEqual([500, 1000, 2000])
  })

  it('429 with Retry-After waits as long as asked', async () => {
    w.forge.inject('branch', { status: 429, headers: { 'retry-after': '7' } })
    const clock = new InstantClock()
    const d = await gateFor(w, w.B, clock).gate.check()
    expect(d.superseded).toBe(false)
    expect(clock.sleeps).toEqual([7000])
  })

  it('secondary rate limit (403 + Retry-After) is retried; a plain 403 is not', async () => {
    w.forge.inject('branch', { status: 403, headers: { 'retry-after': '2' } })
    const clock = new InstantClock()
    expect((await gateFor(w, w.B, clock).gate.check()).basis).toBe('identical')
    expect(clock.sleeps).toEqual([2000])

    const before = w.forge.calls('branch').length
    w.forge.inject('branch', { status: 403 })
    const err = await gateFor(w, w.B, new InstantClock())
      .gate.check()
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ name: 'MisconfigurationError', input: 'token' })
    expect((err as Error).message).toMatch(/not allowed to read acme\/app \(HTTP 403\)\. The (job needs `contents: read`|token needs read access)/)
    expect(w.forge.calls('branch').length - before).toBe(1)
  })

  it.each([
    [401, 'token', /the forge refused the token \(HTTP 401\): it is empty, expired or revoked/],
    [404, 'branch', /has no branch 'main'/],
    [422, undefined, undefined]
  ])('%i is not retried (a misconfiguration at the first gate names %s)', async (status, input, message) => {
    const before = w.forge.calls('branch').length
    w.forge.inject('branch', { status })
    const answer = await gateFor(w, w.A)
      .gate.check()
      .catch((e: unknown) => e)
    if (input) {
      expect(answer).toMatchObject({ name: 'MisconfigurationError', input })
      expect((answer as Error).message).toMatch(message!)
    } else expect(answer).toMatchObject({ basis: 'unreadable' })
    expect(w.forge.calls('branch').length - before).toBe(1)
  })

  it('a rate limit that outlasts the waits (403 + Retry-After, 429) stops the first gate naming the rate limit, never a misconfiguration', async () => {
    for (const fault of [
      { status: 403, headers: { 'retry-after': '2' }, body: '{"message":"You have exceeded a secondary rate limit"}' },
      { status: 429, headers: { 'retry-after': '2' } }
    ]) {
      w.forge.deny('branch', fault)
      const error = await gateFor(w, w.A)
        .gate.check()
        .catch((e: unknown) => e)
      expect(error).toMatchObject({ name: 'RateLimitError' })
      expect((error as Error).message).toMatch(/GET branch main: the forge's secondary rate limit still answered after \d+ waits; stopped without sending more/)
      w.forge.clearFaults()
    }
  })

  it('a web page where the API should be (HTML, 200) names `api-url`; the real API answering malformed JSON stays an outage', async () => {
    const page = { status: 200, headers: { 'content-type': 'text/html' }, body: '<!doctype html><html><body>Sign in</body></html>' }
    w.forge.inject('branch', page)
    w.forge.deny('meta', page)
    const err = await gateFor(w, w.A)
      .gate.check()
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ name: 'MisconfigurationError', input: 'api-url' })
    expect((err as Error).message).toMatch(/does not answer as the (GitHub|Gitea) API: GET .* answered a body that is not JSON \(a web page\?\)/)
    w.forge.clearFaults()
    w.forge.inject('branch', { malformed: true })
    expect(await gateFor(w, w.A).gate.check()).toMatchObject({ basis: 'unreadable' })
  })

  it('a repository the token cannot see names `repository`; an API URL that is not the API names `api-url`', async () => {
    const kind = w.forge.flavour === 'github' ? 'github' : 'gitea'
    const gate = (overrides: Partial<ForgeSettings>): SupersededGate => {
      const forge = createForge({ ...forgeSettings(w.forge, kind), ...overrides }, { http: w.http, clock: new InstantClock(), log: () => undefined })
      return new SupersededGate(forge, new Ancestry(forge), { sha: w.A, branch: 'main', environment: 'production' }, { enabled: true, onSuperseded: 'skip', force: false })
    }
    const hidden = await gate({ repo: 'secret' })
      .check()
      .catch((e: unknown) => e)
    expect(hidden).toMatchObject({ name: 'MisconfigurationError', input: 'repository' })
    expect((hidden as Error).message).toMatch(/acme\/secret does not exist, or the token cannot see it \(HTTP 404\)/)
    // Gitea's web root instead of its API (no /api/v1); on GitHub, a path that is not the API (GitHub
    // answers 404 there, which the fake records as a request GitHub refuses).
    const wrong = kind === 'gitea' ? w.forge.serverUrl : `${w.forge.apiUrl}/web`
    const misdirected = await gate({ apiUrl: wrong })
      .check()
      .catch((e: unknown) => e)
    if (kind === 'github') w.forge.takeViolations()
    expect(misdirected).toMatchObject({ name: 'MisconfigurationError', input: 'api-url' })
    expect((misdirected as Error).message).toMatch(/does not answer as the (GitHub|Gitea) API: GET .* answered HTTP 404/)
  })

  it('a forge that keeps failing costs the bounded retry time, then fails safe', async () => {
    w.forge.inject('branch', ...Array.from({ length: 20 }, () => ({ status: 503 })))
    const clock = new InstantClock()
    const d = await gateFor(w, w.A, clock).gate.check()
    expect(d.basis).toBe('unreadable')
    expect(clock.now()).toBeLessThanOrEqual(30_000)
  })

  it('a hanging forge times out per request and is retried', async () => {
    w.forge.inject('branch', { hang: true })
    // The hung request costs this much real time; the retries that follow have the same limit, and
    // eight attempts of it, so a slow machine still gets its answer.
    const d = await gateFor(w, w.A, new InstantClock(), 'main', 1000).gate.check()
    expect(d).toMatchObject({ superseded: true, basis: 'ahead' })
  })

  it('sends the token as authorization and never in the URL', async () => {
    await gateFor(w, w.A).gate.check()
    const last = w.forge.calls('branch').at(-1)!
    expect(String(last.headers.authorization)).toMatch(new RegExp(`^(token|Bearer) ${TOKEN}$`))
    expect(w.forge.requests.every((r) => !r.path.includes(TOKEN))).toBe(true)
  })
})

describe('no token', () => {
  it.each<ForgeFlavour>(['github', 'gitea-1.23'])('an empty token still reads a public repository on %s', async (flavour) => {
    const repo = await GitRepo.create()
    const A = await repo.commit('A')
    const B = await repo.commit('B')
    const forge = await FakeForge.start({ flavour, repo })
    const http = createHttpClient()
    try {
      const settings = { ...forgeSettings(forge, flavour === 'github' ? 'github' : 'gitea'), token: '' }
      const adapter = createForge(settings, { http, clock: new InstantClock(), log: () => undefined })
      const gate = new SupersededGate(adapter, new Ancestry(adapter), { sha: A, branch: 'main', environment: 'p' }, { enabled: true, onSuperseded: 'skip', force: false })
      expect(await gate.check()).toMatchObject({ superseded: true, headSha: B })
      expect(forge.requests.every((r) => r.headers.authorization === undefined)).toBe(true)
    } finally {
      await http.close()
      await forge.close()
      await repo.dispose()
    }
  })
})
