import { describe, expect, it } from '@jest/globals'
import { createForge } from '../src/forge/factory.js'
import { NetworkError } from '../src/http/client.js'
import { RateLimitError } from '../src/http/retry.js'
import type { HttpClient } from '../src/http/client.js'
import type { ForgeSettings } from '../src/settings/common.js'
import { primaryRateLimit } from '../simulator/github-rate-limits.js'
import { VirtualClock } from '../simulator/virtual-clock.js'

/**
 * src/forge/github.ts in time: its request time limit and its rate-limit waits run on the injected clock, so
 * a hung request and a spent primary limit are decided in virtual time, with no real waiting. Octokit sends
 * through a transport that answers as GitHub would, or never.
 */

const SHA = 'a'.repeat(40)
/** The forge's clock, far from the runner's: a reset read on the runner's clock would be years off. */
const FORGE_EPOCH = Date.UTC(2031, 4, 6, 12, 0, 0)
const settings = (maxAttempts: number): ForgeSettings => ({
  kind: 'github',
  apiUrl: 'https://api.github.test',
  serverUrl: 'https://github.test',
  token: 'test-token',
  owner: 'acme',
  repo: 'app',
  retry: { maxTotalMs: 30_000, baseDelayMs: 500, maxDelayMs: 8_000, maxAttempts },
  requestTimeoutMs: 10_000
})
const noHttp = {} as HttpClient

type Answer = 'hang' | 'ok' | { limitLiftsInSeconds: number }

/** A transport answering each request as the next scripted answer; `hang` never answers, until the request's signal aborts. */
function transport(clock: VirtualClock, answers: Answer[]): { fetch: typeof fetch; sent: () => number } {
  let sent = 0
  const send = (async (_input: unknown, init?: RequestInit) => {
    const answer = answers[sent++] ?? 'ok'
    const date = new Date(FORGE_EPOCH + clock.now()).toUTCString()
    if (answer === 'hang')
      return new Promise<Response>((_resolve, reject) => {
        const signal = init?.signal
        // As Node's fetch: rejected with the signal's reason when it aborts.
        signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true })
      })
    if (answer === 'ok') return new Response(JSON.stringify({ name: 'main', commit: { sha: SHA } }), { status: 200, headers: { 'content-type': 'application/json', date } })
    const spent = primaryRateLimit(Math.floor((FORGE_EPOCH + clock.now()) / 1000) + answer.limitLiftsInSeconds)
    return new Response(spent.body, { status: spent.status, headers: { 'content-type': 'application/json', date, ...spent.headers } })
  }) as typeof fetch
  return { fetch: send, sent: () => sent }
}

function forgeWith(answers: Answer[], maxAttempts = 1, signal?: AbortSignal) {
  const clock = new VirtualClock()
  // No request here is real I/O: the request's time limit runs on the virtual clock.
  clock.timesRequests = true
  const t = transport(clock, answers)
  const forge = createForge(settings(maxAttempts), { http: noHttp, clock, log: () => undefined, fetch: t.fetch, signal })
  return { clock, forge, sent: t.sent }
}

describe("the GitHub adapter's request time limit runs on the injected clock", () => {
  it('a request that never answers ends at the time limit as a timeout (not a network failure), in virtual time', async () => {
    const { clock, forge, sent } = forgeWith(['hang'])
    const error = await clock.run(forge.branchHead('main')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ code: 'TIMEOUT', message: 'GET branch main timed out' })
    expect(clock.now()).toBe(10_000)
    expect(sent()).toBe(1)
  })

  it('a timed-out request is retried after its backoff, and the answer of the retry is used', async () => {
    const { clock, forge, sent } = forgeWith(['hang', 'ok'], 2)
    await expect(clock.run(forge.branchHead('main'))).resolves.toBe(SHA)
    expect(clock.now()).toBe(10_500)
    expect(sent()).toBe(2)
  })

  it('the time limit does not outlive an answered request', async () => {
    const { clock, forge } = forgeWith(['ok'])
    await expect(clock.run(forge.branchHead('main'))).resolves.toBe(SHA)
    expect(clock.pendingTimers).toBe(0)
    expect(clock.now()).toBe(0)
  })

  it('a cancel ends a hung request at once as cancelled, not at its time limit', async () => {
    const cancel = new AbortController()
    const { clock, forge } = forgeWith(['hang'], 3, cancel.signal)
    const read = forge.branchHead('main').catch((e: unknown) => e)
    await Promise.resolve()
    cancel.abort(new Error('cancelled by SIGINT'))
    const error = await clock.run(read)
    expect(error).toMatchObject({ code: 'CANCELLED' })
    expect(clock.now()).toBe(0)
  })
})

describe("GitHub's spent primary limit, read on the forge's clock", () => {
  it('is waited out until x-ratelimit-reset (and a second more) on the forge time its answer gave, then sent again', async () => {
    const { clock, forge, sent } = forgeWith([{ limitLiftsInSeconds: 120 }, 'ok'])
    await expect(clock.run(forge.branchHead('main'))).resolves.toBe(SHA)
    expect(clock.now()).toBe(121_000)
    expect(sent()).toBe(2)
  })

  it('stops at once as a rate limit (never a missing permission) when it lifts later than a call may wait, nothing more sent', async () => {
    const { clock, forge, sent } = forgeWith([{ limitLiftsInSeconds: 2400 }, 'ok'])
    const error = await clock.run(forge.branchHead('main')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RateLimitError)
    expect((error as Error).message).toBe("GET branch main: the forge's primary rate limit is spent and lifts in 2401 s, longer than the 900 s this job may wait for it; stopped without sending more")
    expect(clock.now()).toBe(0)
    expect(sent()).toBe(1)
  })
})
