import { describe, expect, it } from '@jest/globals'
import type { Clock } from '../src/clock.js'
import { DEFAULT_RETRY, HttpStatusError, isPermissionFailure, isRateLimited, isTransient, RateLimitError, statusError, withRetry } from '../src/http/retry.js'
import { rateLimitKind, rateLimitWaitMs } from '../src/http/rate-limit.js'
import { troubleOf } from '../src/report/publish/problems.js'

/**
 * GitHub's rate limits as its REST docs describe them ("Rate limits for the REST API", "Exceeding the
 * rate limit"): the answers below are GitHub's own headers and bodies.
 */
const SECONDARY_BODY = JSON.stringify({
  message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ABCD.',
  documentation_url: 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
  status: '403'
})
const PRIMARY_BODY = JSON.stringify({
  message: 'API rate limit exceeded for installation ID 1.',
  documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
  status: '403'
})
const PERMISSION_BODY = JSON.stringify({ message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' })

const answer = (status: number, headers: Record<string, string>, body: string, nowMs = 0): HttpStatusError =>
  statusError('PATCH check-run 7', { status, headers, body: Buffer.from(body), truncated: false, url: '' }, nowMs)

describe('rate limits are classified as GitHub documents them', () => {
  const rows: Array<[string, number, Record<string, string>, string, 'primary' | 'secondary' | undefined, boolean]> = [
    // name, status, headers, body, kind, permission failure
    ['primary: remaining 0 with a reset', 403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '120' }, PRIMARY_BODY, 'primary', false],
    ['primary on 429', 429, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '120' }, PRIMARY_BODY, 'primary', false],
    ['secondary with Retry-After', 403, { 'retry-after': '30' }, SECONDARY_BODY, 'secondary', false],
    ['secondary named in the body, no Retry-After', 403, { 'x-ratelimit-remaining': '812' }, SECONDARY_BODY, 'secondary', false],
    ['a bare 429 is an ordinary transient answer', 429, {}, '', undefined, false],
    ['a 403 with Retry-After alone', 403, { 'retry-after': '5' }, '{}', 'secondary', false],
    ['a plain 403 is a missing permission', 403, { 'x-ratelimit-remaining': '812' }, PERMISSION_BODY, undefined, true],
    ['a 401 is a refused token', 401, {}, '{"message":"Bad credentials"}', undefined, true],
    ['a 404 is neither', 404, { 'x-ratelimit-remaining': '0' }, '{"message":"Not Found"}', undefined, false]
  ]
  it.each(rows)('%s', (_name, status, headers, body, kind, permission) => {
    expect(rateLimitKind(status, headers, body)).toBe(kind)
    const error = answer(status, headers, body)
    expect(isRateLimited(error)).toBe(kind !== undefined)
    expect(isPermissionFailure(error)).toBe(permission)
    if (kind || status === 429) expect(isTransient(error)).toBe(true)
    expect(troubleOf(error) === 'permission').toBe(status === 403 && permission)
  })

  it('a secondary limit long past its 200-character excerpt is still read from the whole body', () => {
    const body = JSON.stringify({ padding: 'x'.repeat(400), message: 'You have exceeded a secondary rate limit.' })
    expect(answer(403, {}, body).rateLimit).toBe('secondary')
  })

  const waits: Array<[string, 'primary' | 'secondary', number | undefined, number, number]> = [
    ['Retry-After honoured', 'secondary', 30_000, 1, 30_000],
    ['no Retry-After: a minute', 'secondary', undefined, 1, 60_000],
    ['then twice as long', 'secondary', undefined, 2, 120_000],
    ['then four times', 'secondary', undefined, 3, 240_000],
    ['primary: until the reset, and a second more', 'primary', 90_000, 1, 91_000]
  ]
  it.each(waits)('%s', (_name, kind, asked, n, expected) => expect(rateLimitWaitMs(kind, asked, n)).toBe(expected))
})

function instantClock(): Clock & { slept: number[] } {
  let now = 0
  const slept: number[] = []
  return { slept, now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)) }
}

describe('withRetry waits a rate limit out apart from the transient budget', () => {
  it('waits a minute, then two, for a secondary limit without Retry-After, then succeeds', async () => {
    const clock = instantClock()
    let calls = 0
    const result = await withRetry(
      async () => {
        if (++calls < 3) throw answer(403, {}, SECONDARY_BODY)
        return 'done'
      },
      { policy: { ...DEFAULT_RETRY, maxTotalMs: 10_000 }, clock }
    )
    expect(result).toBe('done')
    expect(clock.slept).toEqual([60_000, 120_000])
  })

  it('waits until x-ratelimit-reset for a spent primary limit', async () => {
    const clock = instantClock()
    let calls = 0
    await withRetry(
      async () => {
        if (++calls < 2) throw answer(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '300' }, PRIMARY_BODY, clock.now())
        return 'done'
      },
      { policy: DEFAULT_RETRY, clock }
    )
    expect(clock.slept).toEqual([301_000])
  })

  it('a wait longer than the job may wait stops at once, naming the rate limit, with nothing more sent', async () => {
    const clock = instantClock()
    let calls = 0
    const error = await withRetry(
      async () => {
        calls++
        throw answer(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '3600' }, PRIMARY_BODY, clock.now())
      },
      { policy: { ...DEFAULT_RETRY, rateLimitMaxWaitMs: 600_000 }, clock }
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RateLimitError)
    expect((error as Error).message).toMatch(/primary rate limit is spent and lifts in 3601 s, longer than the 600 s this job may wait/)
    expect(calls).toBe(1)
    expect(clock.slept).toEqual([])
    expect(troubleOf(error)).toBe('transient')
  })

  it('a plain 403 is not retried', async () => {
    const clock = instantClock()
    let calls = 0
    const error = await withRetry(
      async () => {
        calls++
        throw answer(403, {}, PERMISSION_BODY)
      },
      { policy: DEFAULT_RETRY, clock }
    ).catch((e: unknown) => e)
    expect(isPermissionFailure(error)).toBe(true)
    expect(calls).toBe(1)
  })
})

describe('the first gate', () => {
  it('stops the job before any side effect on a rate limit longer than it may wait, instead of proceeding blind', async () => {
    const { SupersededGate } = await import('../src/gate/gate.js')
    const { Ancestry } = await import('../src/forge/ancestry.js')
    const limited = new RateLimitError('GET branch main', 'primary', 2_400_000, 900_000)
    const forge = { kind: 'github', branchHead: async () => Promise.reject(limited) } as unknown as import('../src/forge/types.js').Forge
    const gate = new SupersededGate(
      forge,
      new Ancestry(forge, instantClock()),
      { sha: 'a'.repeat(40), branch: 'main', environment: 'production' },
      { enabled: true, onSuperseded: 'skip', force: false },
      { clock: instantClock() }
    )
    await expect(gate.check()).rejects.toBe(limited)
  })
})
