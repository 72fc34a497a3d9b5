import { describe, expect, it } from '@jest/globals'
import { firstPollDelay, verifyFleet } from '../src/verify/fleet.js'
import type { Observation, TenantProber } from '../src/verify/types.js'
import { VirtualClock } from '../simulator/virtual-clock.js'

/**
 * A fleet larger than the requests allowed in flight spreads its first polls over the first interval
 * instead of queueing them all at once (the memory peak at 10,000 tenants), without changing when a
 * tenant is seen live or when the fleet's verdict comes. Virtual clock throughout.
 */
const TARGET = '7f25373aa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5'
const OLD = '7a72516bb0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5'
const S = 1000

class RecordingProber implements TenantProber {
  readonly polls = new Map<string, number[]>()
  constructor(
    private readonly clock: VirtualClock,
    private readonly answer: (tenant: string, now: number) => string,
    private readonly latencyMs = 10
  ) {}
  async probe(tenant: string): Promise<Observation> {
    const times = this.polls.get(tenant) ?? []
    times.push(this.clock.now())
    this.polls.set(tenant, times)
    if (this.latencyMs) await this.clock.sleep(this.latencyMs)
    return { status: 200, sha: this.answer(tenant, this.clock.now()) }
  }
  firstPolls(tenants: string[]): number[] {
    return tenants.map((t) => this.polls.get(t)![0]!)
  }
}

const ancestry = { isAhead: async () => false }
const names = (n: number): string[] => Array.from({ length: n }, (_, i) => `t${i}`)

describe('first polls of a large fleet', () => {
  it('start in batches of the in-flight limit, spread evenly over the first interval', async () => {
    const clock = new VirtualClock()
    const prober = new RecordingProber(clock, () => TARGET)
    const tenants = names(10)
    const verdicts = await clock.run(verifyFleet(tenants, { target: TARGET, prober, ancestry, clock, budgetMs: 60 * S, intervalMs: 10 * S, concurrency: 2 }))
    expect(prober.firstPolls(tenants)).toEqual([0, 0, 2 * S, 2 * S, 4 * S, 4 * S, 6 * S, 6 * S, 8 * S, 8 * S])
    expect(verdicts.every((v) => v.verdict === 'on-target')).toBe(true)
  })

  it('a fleet no larger than the in-flight limit starts at once, as before', async () => {
    const clock = new VirtualClock()
    const prober = new RecordingProber(clock, () => TARGET)
    const tenants = names(64)
    await clock.run(verifyFleet(tenants, { target: TARGET, prober, ancestry, clock, budgetMs: 60 * S, intervalMs: 10 * S, concurrency: 64 }))
    expect(new Set(prober.firstPolls(tenants))).toEqual(new Set([0]))
  })

  it('keeps each tenant one interval apart after its first poll, and still polls last exactly when the budget ends', async () => {
    const clock = new VirtualClock()
    const prober = new RecordingProber(clock, () => OLD, 0)
    const tenants = names(4)
    const verdicts = await clock.run(verifyFleet(tenants, { target: TARGET, prober, ancestry, clock, budgetMs: 25 * S, intervalMs: 10 * S, concurrency: 2 }))
    expect(prober.polls.get('t0')).toEqual([0, 10 * S, 20 * S, 25 * S])
    expect(prober.polls.get('t3')).toEqual([5 * S, 15 * S, 25 * S])
    expect(verdicts.map((v) => v.verdict)).toEqual(['stale', 'stale', 'stale', 'stale'])
    // Judged at the end of the budget, counted from the start, whenever the first poll went out.
    expect(verdicts.every((v) => v.elapsedMs >= 25 * S && v.elapsedMs <= 25 * S + 10)).toBe(true)
  })

  it('sees a tenant that goes live within one interval, whatever its first poll delay: the fleet verdict time stays', async () => {
    const clock = new VirtualClock()
    const liveAt = 13 * S
    const prober = new RecordingProber(clock, (_t, now) => (now >= liveAt ? TARGET : OLD))
    const tenants = names(300)
    const verdicts = await clock.run(verifyFleet(tenants, { target: TARGET, prober, ancestry, clock, budgetMs: 60 * S, intervalMs: 5 * S, concurrency: 64 }))
    expect(verdicts.every((v) => v.verdict === 'on-target')).toBe(true)
    expect(Math.max(...verdicts.map((v) => v.elapsedMs))).toBeLessThanOrEqual(liveAt + 5 * S + 10)
    expect(Math.max(...prober.firstPolls(tenants))).toBeLessThan(5 * S)
  })

  it('delays: 10,000 tenants, 64 in flight, 0.5 s interval: 157 batches about 3 ms apart, all inside the interval', () => {
    const delay = firstPollDelay(10_000, 64, 500)
    expect(delay(0)).toBe(0)
    expect(delay(63)).toBe(0)
    expect(delay(64)).toBe(3)
    expect(delay(9_999)).toBeLessThan(500)
    expect(firstPollDelay(64, 64, 500)(63)).toBe(0)
    expect(firstPollDelay(1, 1, 500)(0)).toBe(0)
  })
})
