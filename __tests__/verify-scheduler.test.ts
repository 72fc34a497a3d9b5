import { describe, expect, it } from '@jest/globals'
import { classify, firstPollDelay, verifyFleet, type VerifyFleetOptions } from '../src/verify/fleet.js'
import type { Observation, TenantProber } from '../src/verify/types.js'
import { VirtualClock } from '../simulator/virtual-clock.js'

const TARGET = '7f25373aa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5'
const OLD = '7a72516bb0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5'
const NEWER = 'c0ffee0bb0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5'
const S = 1000

/** What a tenant answers at a given poll and clock time; `hang` never answers until aborted. */
type Answer = Observation | 'hang'
type Script = (now: number, poll: number) => Answer

/** An in-memory prober driven by the virtual clock: answers take `latencyMs` of virtual time. */
class ScriptedProber implements TenantProber {
  readonly polls = new Map<string, number[]>()
  inFlight = 0
  maxInFlight = 0
  startedAfterAbort = 0

  constructor(
    private readonly clock: VirtualClock,
    private readonly script: (tenant: string) => Script,
    private readonly latencyMs = 0,
    private readonly cancel?: AbortSignal
  ) {}

  urlFor(tenant: string): string {
    return `http://fleet.test/${tenant}/buildinfo`
  }

  async probe(tenant: string, signal?: AbortSignal): Promise<Observation> {
    if (this.cancel?.aborted) this.startedAfterAbort += 1
    const times = this.polls.get(tenant) ?? []
    times.push(this.clock.now())
    this.polls.set(tenant, times)
    this.inFlight += 1
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    try {
      const answer = this.script(tenant)(this.clock.now(), times.length)
      if (answer === 'hang') {
        await new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true }))
      }
      if (this.latencyMs > 0) await this.clock.sleep(this.latencyMs, signal)
      return answer as Observation
    } finally {
      this.inFlight -= 1
    }
  }
}

const on = (sha: string): Observation => ({ status: 200, sha })
const settlesAt =
  (ms: number): Script =>
  (now) =>
    on(now >= ms ? TARGET : OLD)

function fakeAncestry(descendants: string[] = [NEWER]) {
  const asked: string[] = []
  return {
    asked,
    async isAhead(candidate: string, target: string): Promise<boolean> {
      asked.push(candidate)
      return target === TARGET && descendants.includes(candidate)
    }
  }
}

function options(clock: VirtualClock, prober: TenantProber, extra: Partial<VerifyFleetOptions> = {}): VerifyFleetOptions {
  return { target: TARGET, prober, ancestry: fakeAncestry(), clock, budgetMs: 240 * S, intervalMs: 20 * S, requestTimeoutMs: 10 * S, ...extra }
}

async function verifyOne(script: Script, extra: Partial<VerifyFleetOptions> = {}) {
  const clock = new VirtualClock()
  const prober = new ScriptedProber(clock, () => script)
  const [v] = await clock.run(verifyFleet(['acme'], options(clock, prober, extra)))
  return { v: v!, times: prober.polls.get('acme') ?? [], clock }
}

describe('settle loop in virtual time', () => {
  it('a tenant already on target is judged on the first poll, at once', async () => {
    const { v, times } = await verifyOne(() => on(TARGET))
    expect(v).toMatchObject({ verdict: 'on-target', polls: 1, settleMs: 0, sha: TARGET, url: 'http://fleet.test/acme/buildinfo' })
    expect(times).toEqual([0])
  })

  it('a short SHA prefix in any case matches the target', async () => {
    const { v } = await verifyOne(() => on(TARGET.slice(0, 7).toUpperCase()))
    expect(v.verdict).toBe('on-target')
  })

  it('a draining tenant is polled every interval until it reports the target', async () => {
    const { v, times } = await verifyOne(settlesAt(65 * S))
    expect(times).toEqual([0, 20, 40, 60, 80].map((s) => s * S))
    expect(v).toMatchObject({ verdict: 'on-target', polls: 5, settleMs: 80 * S })
  })

  it('a stuck tenant is polled through the whole budget (13 polls for 240s / 20s) and judged stale at its end', async () => {
    const { v, times } = await verifyOne(() => on(OLD))
    expect(times).toEqual(Array.from({ length: 13 }, (_, i) => i * 20 * S))
    expect(v).toMatchObject({ verdict: 'stale', sha: OLD, polls: 13, elapsedMs: 240 * S })
    expect(v.settleMs).toBeUndefined()
  })

  it('a budget that is not a multiple of the interval gets a last poll exactly at its end', async () => {
    const { v, times } = await verifyOne(() => on(OLD), { budgetMs: 250 * S })
    expect(times.at(-1)).toBe(250 * S)
    expect(v.polls).toBe(14)
  })

  it('keeps polling through 5xx, resets and unparseable answers, and settles when the tenant recovers', async () => {
    const answers: Observation[] = [{ status: 503, error: 'HTTP 503' }, { error: 'ECONNRESET' }, { status: 200, error: 'the answer is an HTML page' }, { error: 'no answer' }]
    const { v } = await verifyOne((_now, poll) => answers[poll - 1] ?? on(TARGET))
    expect(v).toMatchObject({ verdict: 'on-target', polls: 5, settleMs: 80 * S })
  })

  it('a hanging tenant is unreachable when its budget ends plus one request timeout, never later', async () => {
    const { v, times } = await verifyOne(() => 'hang')
    expect(times).toHaveLength(13)
    expect(v).toMatchObject({ verdict: 'unreachable', polls: 13, elapsedMs: 250 * S })
    expect(v.lastError).toMatch(/no answer within 10s/)
  })

  it('with a request timeout longer than the interval, polls follow each other and the verdict still comes by budget + timeout', async () => {
    const { v, times } = await verifyOne(() => 'hang', { requestTimeoutMs: 30 * S })
    expect(times).toEqual([0, 30, 60, 90, 120, 150, 180, 210, 240].map((s) => s * S))
    expect(v.elapsedMs).toBe(270 * S)
  })

  it('answers with no SHA are invalid; errors only are unreachable; any SHA seen makes it stale', async () => {
    expect((await verifyOne(() => ({ status: 200, error: 'no SHA' }))).v).toMatchObject({ verdict: 'invalid', polls: 13, lastError: 'no SHA' })
    expect((await verifyOne(() => ({ status: 502, error: 'HTTP 502' }))).v).toMatchObject({ verdict: 'unreachable', lastError: 'HTTP 502' })
    const mixed = await verifyOne((_now, poll) => (poll === 3 ? on(OLD) : { error: 'ECONNRESET' }))
    expect(mixed.v).toMatchObject({ verdict: 'stale', sha: OLD, lastError: 'ECONNRESET', polls: 13 })
  })

  it('a tenant on a descendant of the target is ahead at once; an unrelated or older SHA stays stale', async () => {
    const ahead = await verifyOne(() => on(NEWER))
    expect(ahead.v).toMatchObject({ verdict: 'ahead', sha: NEWER, polls: 1, settleMs: 0 })
    const failing = { isAhead: () => Promise.reject(new Error('forge down')) }
    expect((await verifyOne(() => on(NEWER), { ancestry: failing })).v.verdict).toBe('stale')
  })

  it('asks the forge once per distinct SHA however many tenants report it', async () => {
    const clock = new VirtualClock()
    const ancestry = fakeAncestry()
    const tenants = Array.from({ length: 200 }, (_, i) => `t${i}`)
    const prober = new ScriptedProber(clock, (t) => () => on(Number(t.slice(1)) % 2 ? NEWER : OLD))
    const verdicts = await clock.run(verifyFleet(tenants, options(clock, prober, { ancestry })))
    expect(verdicts.filter((v) => v.verdict === 'ahead')).toHaveLength(100)
    expect(verdicts.filter((v) => v.verdict === 'stale')).toHaveLength(100)
    expect(ancestry.asked.sort()).toEqual([OLD, NEWER].sort())
  })

  it('a request queued behind others gets only the time left, so the fleet is judged by budget + one timeout', async () => {
    const clock = new VirtualClock()
    const prober = new ScriptedProber(clock, () => () => 'hang')
    const verdicts = await clock.run(verifyFleet(['a', 'b', 'c'], options(clock, prober, { budgetMs: 20 * S, intervalMs: 10 * S, requestTimeoutMs: 10 * S, concurrency: 1 })))
    expect(Math.max(...verdicts.map((v) => v.elapsedMs))).toBeLessThanOrEqual(30 * S)
    expect(clock.now()).toBeLessThanOrEqual(30 * S)
    expect(verdicts.map((v) => v.verdict)).toEqual(['unreachable', 'unreachable', 'unreachable'])
    expect(prober.maxInFlight).toBe(1)
  })

  it('cancellation stops new requests and judges every tenant on what it reported so far', async () => {
    const clock = new VirtualClock()
    const cancel = new AbortController()
    const prober = new ScriptedProber(clock, (t) => (t === 'a' ? settlesAt(30 * S) : () => on(OLD)), 0, cancel.signal)
    const work = verifyFleet(['a', 'b', 'c'], options(clock, prober, { signal: cancel.signal }))
    void clock.sleep(50 * S).then(() => cancel.abort(new Error('cancelled')))
    const verdicts = await clock.run(work)
    expect(verdicts.map((v) => v.verdict)).toEqual(['on-target', 'stale', 'stale'])
    expect(verdicts.slice(1).every((v) => v.cancelled && v.polls === 3 && v.elapsedMs === 50 * S)).toBe(true)
    expect(prober.startedAfterAbort).toBe(0)
  })
})

/** A forge whose compare takes `ms` of virtual time (its retries), then fails: ancestry unknown. */
function slowAncestry(clock: VirtualClock, ms: number) {
  let asked = 0
  return {
    get asked() {
      return asked
    },
    async isAhead(): Promise<boolean> {
      asked += 1
      await clock.sleep(ms)
      throw new Error('compare answered HTTP 503')
    }
  }
}

describe('ancestry never holds up a tenant (the forge answers on the side)', () => {
  it('with compare hanging, a 2s budget gives its verdict at 2s, and the error says the forge did not answer in time', async () => {
    const clock = new VirtualClock()
    const prober = new ScriptedProber(clock, () => () => on(OLD))
    const ancestry = slowAncestry(clock, 30 * S)
    const [v] = await clock.run(verifyFleet(['acme'], options(clock, prober, { ancestry, budgetMs: 2 * S, intervalMs: 0.5 * S })))
    expect(v).toMatchObject({ verdict: 'stale', sha: OLD, elapsedMs: 2 * S, polls: 5 })
    expect(v!.lastError).toBe(`the forge did not say within the 2s budget whether ${OLD.slice(0, 7)} is ahead of ${TARGET.slice(0, 7)}`)
    expect(prober.polls.get('acme')).toEqual([0, 500, 1000, 1500, 2000])
  })

  it('a tenant that reaches the target 1.5s into a 6s budget is verified while compare still hangs', async () => {
    const { v, times } = await verifyOne(settlesAt(1.5 * S), { budgetMs: 6 * S, intervalMs: 1 * S, ancestry: { isAhead: () => new Promise<boolean>(() => undefined) } })
    expect(v).toMatchObject({ verdict: 'on-target', polls: 3, settleMs: 2 * S })
    expect(times).toEqual([0, 1, 2].map((s) => s * S))
  })

  it('a slow but conclusive answer settles an ahead tenant when it arrives, between polls', async () => {
    const clock = new VirtualClock()
    const prober = new ScriptedProber(clock, () => () => on(NEWER))
    const ancestry = { isAhead: async () => (await clock.sleep(3 * S), true) }
    const [v] = await clock.run(verifyFleet(['acme'], options(clock, prober, { ancestry, budgetMs: 20 * S, intervalMs: 10 * S })))
    expect(v).toMatchObject({ verdict: 'ahead', polls: 1, settleMs: 0, elapsedMs: 3 * S })
  })

  it('an unknown answer is asked again at the next poll that reports the SHA, and says why when the budget ends', async () => {
    const clock = new VirtualClock()
    const prober = new ScriptedProber(clock, () => () => on(NEWER))
    const ancestry = slowAncestry(clock, 0)
    const [v] = await clock.run(verifyFleet(['acme'], options(clock, prober, { ancestry, budgetMs: 40 * S })))
    expect(v).toMatchObject({ verdict: 'stale', polls: 3 })
    expect(v!.lastError).toMatch(/could not tell whether c0ffee0 is ahead of 7f25373: compare answered HTTP 503/)
    expect(ancestry.asked).toBe(3)
  })
})

describe('settle-confirmations', () => {
  // Two replicas behind a load balancer mid-rollout: answers alternate between the new and the old one.
  const flapping: Script = (_now, poll) => on(poll % 2 ? TARGET : OLD)

  it('with the default of 1, one target answer verifies (a flapping tenant too)', async () => {
    expect((await verifyOne(flapping)).v).toMatchObject({ verdict: 'on-target', polls: 1 })
  })

  it('with 2, a flapping tenant is never verified, and the error says why', async () => {
    const { v } = await verifyOne(flapping, { confirmations: 2 })
    expect(v).toMatchObject({ verdict: 'stale', polls: 13, sha: TARGET })
    expect(v.lastError).toBe('only the last 1 answer was on 7f25373 or ahead; settle-confirmations asks for 2 in a row')
  })

  it('with 3, a tenant that settles is verified at its third target answer in a row', async () => {
    const { v, times } = await verifyOne(settlesAt(65 * S), { confirmations: 3 })
    expect(v).toMatchObject({ verdict: 'on-target', polls: 7, settleMs: 120 * S })
    expect(times.at(-1)).toBe(120 * S)
  })

  it('an error between two target answers starts the count again', async () => {
    const answers: Observation[] = [on(TARGET), { error: 'ECONNRESET' }, on(TARGET)]
    const { v } = await verifyOne((_now, poll) => answers[poll - 1] ?? on(TARGET), { confirmations: 2 })
    expect(v).toMatchObject({ verdict: 'on-target', polls: 4, settleMs: 60 * S })
  })

  it('answers ahead of the target count as confirmations', async () => {
    const { v } = await verifyOne((_now, poll) => on(poll === 1 ? TARGET : NEWER), { confirmations: 2 })
    expect(v).toMatchObject({ verdict: 'ahead', sha: NEWER, polls: 2, settleMs: 20 * S })
  })
})

describe('a fleet of 1,000 tenants in virtual time', () => {
  it('bounds requests in flight, keeps every schedule, and judges every tenant correctly', async () => {
    const clock = new VirtualClock()
    const tenants = Array.from({ length: 1000 }, (_, i) => `tenant-${i}`)
    // Tenant i drains for j intervals (minus a margin larger than any queueing delay), or never (j = 13).
    const intervals = (t: string): number => Number(t.slice(7)) % 14
    const prober = new ScriptedProber(clock, (t) => (intervals(t) === 13 ? () => on(OLD) : settlesAt(intervals(t) * 20 * S - 5 * S)), 100)
    let progressCalls = 0
    let last = { done: 0, ok: 0 }
    const verdicts = await clock.run(verifyFleet(tenants, options(clock, prober, { onProgress: (done, _total, ok) => ((progressCalls += 1), (last = { done, ok })) })))
    expect(prober.maxInFlight).toBe(64)
    expect(progressCalls).toBe(1000)
    // The first polls are spread over the first interval in batches of 64 (firstPollDelay): each tenant
    // then polls every interval from its own first poll until it answers the target.
    const delay = firstPollDelay(1000, 64, 20 * S)
    for (const [i, v] of verdicts.entries()) {
      const j = intervals(v.tenant)
      expect(prober.polls.get(v.tenant)![0]).toBe(delay(i))
      if (j === 13) expect(v).toMatchObject({ verdict: 'stale', polls: 13 })
      else expect(v).toMatchObject({ verdict: 'on-target', polls: Math.max(0, Math.ceil((j * 20 * S - 5 * S - delay(i)) / (20 * S))) + 1 })
    }
    const stale = verdicts.filter((v) => v.verdict === 'stale').length
    expect(last).toEqual({ done: 1000, ok: 1000 - stale })
    expect(clock.now()).toBeLessThan(241 * S)
  })
})

describe('classify (the read before a redeploy)', () => {
  const ancestry = fakeAncestry()
  it.each<[Observation, string]>([
    [on(TARGET.slice(0, 10)), 'on-target'],
    [on(NEWER), 'ahead'],
    [on(OLD), 'behind-or-unknown'],
    [{ status: 200, error: 'no SHA' }, 'unreadable'],
    [{ error: 'ECONNRESET' }, 'unreadable']
  ])('%j is %s', async (obs, expected) => {
    expect(await classify(obs, TARGET, ancestry)).toBe(expected)
  })
})
