import { describe, expect, it } from '@jest/globals'
import { getEventListeners } from 'node:events'
import { verifyFleet } from '../src/verify/fleet.js'
import { Slots } from '../src/verify/slots.js'
import type { Observation, TenantProber } from '../src/verify/types.js'
import { Wakeups } from '../src/verify/wakeups.js'
import { VirtualClock } from '../simulator/virtual-clock.js'

/**
 * The fleet's one timer and its slot queue: what a waiting tenant costs is what bounds the verifier's
 * memory at 10,000 tenants (BENCHMARKS.md), so the shape is tested here and the figure measured there.
 */
const TARGET = '7f25373aa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5'
const OLD = '7a72516bb0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5'

function recorder(): { log: string[]; sleeper: (name: string) => { woken(): void } } {
  const log: string[] = []
  return { log, sleeper: (name) => ({ woken: () => log.push(name) }) }
}

describe('Wakeups', () => {
  it('wakes each sleeper at its time, and those due at the same instant in the order they asked', async () => {
    const clock = new VirtualClock()
    const wakeups = new Wakeups(clock)
    const { log, sleeper } = recorder()
    wakeups.at(30, sleeper('c@30'))
    wakeups.at(10, sleeper('a@10'))
    wakeups.at(20, sleeper('b1@20'))
    wakeups.at(20, sleeper('b2@20'))
    await clock.advance(15)
    expect(log).toEqual(['a@10'])
    await clock.advance(100)
    expect(log).toEqual(['a@10', 'b1@20', 'b2@20', 'c@30'])
  })

  it('holds one clock timer however many sleepers wait, and re-arms it for an earlier one', async () => {
    const clock = new VirtualClock()
    const wakeups = new Wakeups(clock)
    const { log, sleeper } = recorder()
    for (let i = 0; i < 1000; i++) wakeups.at(500 + i, sleeper(`t${i}`))
    expect(clock.pendingTimers).toBe(1)
    wakeups.at(100, sleeper('early'))
    await clock.advance(100)
    expect(log).toEqual(['early'])
    await clock.advance(10_000)
    expect(log).toHaveLength(1001)
    expect(clock.pendingTimers).toBe(0)
  })

  it('a cancelled wake-up does not fire, and cancel says whether it was still pending', async () => {
    const clock = new VirtualClock()
    const wakeups = new Wakeups(clock)
    const { log, sleeper } = recorder()
    const a = wakeups.at(10, sleeper('a'))
    const b = wakeups.at(10, sleeper('b'))
    expect(a.cancel()).toBe(true)
    expect(a.cancel()).toBe(false)
    await clock.advance(10)
    expect(log).toEqual(['b'])
    expect(b.cancel()).toBe(false)
  })

  it('a cancelled run wakes every sleeper at once, and later ones on the next turn', async () => {
    const clock = new VirtualClock()
    const controller = new AbortController()
    const wakeups = new Wakeups(clock, controller.signal)
    const { log, sleeper } = recorder()
    wakeups.at(1000, sleeper('a'))
    wakeups.at(2000, sleeper('b'))
    controller.abort()
    expect(log).toEqual(['a', 'b'])
    expect(clock.pendingTimers).toBe(0)
    wakeups.at(3000, sleeper('late'))
    await Promise.resolve()
    expect(log).toEqual(['a', 'b', 'late'])
  })
  it("listens to the run's signal only while someone waits, so a deploy's many waves leave no listener behind", async () => {
    const clock = new VirtualClock()
    const controller = new AbortController()
    for (let wave = 0; wave < 20; wave++) {
      const wakeups = new Wakeups(clock, controller.signal)
      const { log, sleeper } = recorder()
      wakeups.at(clock.now() + 10, sleeper('a'))
      wakeups.at(clock.now() + 20, sleeper('b'))
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1)
      await clock.advance(20)
      expect(log).toEqual(['a', 'b'])
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
  })
})

describe('Slots', () => {
  it('starts at most `size` users at once, the others in the order they asked', () => {
    const slots = new Slots(2)
    const started: string[] = []
    const user = (name: string): { start(): void } => ({ start: () => started.push(name) })
    for (const name of ['a', 'b', 'c', 'd']) slots.acquire(user(name))
    expect(started).toEqual(['a', 'b'])
    slots.release()
    expect(started).toEqual(['a', 'b', 'c'])
    slots.release()
    slots.release()
    slots.release()
    expect(started).toEqual(['a', 'b', 'c', 'd'])
    slots.acquire(user('e'))
    slots.acquire(user('f'))
    slots.acquire(user('g'))
    expect(started).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
  })
})

describe('a large fleet waiting', () => {
  it('holds one clock timer while 2,000 tenants wait for their next poll, and never more requests in flight than allowed', async () => {
    const clock = new VirtualClock()
    let inFlight = 0
    let peakInFlight = 0
    let peakTimers = 0
    const prober: TenantProber = {
      async probe(): Promise<Observation> {
        inFlight += 1
        peakInFlight = Math.max(peakInFlight, inFlight)
        // Each answer takes 5 ms: the probe's own time limit and this sleep are the only other timers.
        await clock.sleep(5)
        peakTimers = Math.max(peakTimers, clock.pendingTimers)
        inFlight -= 1
        return { status: 200, sha: clock.now() >= 20_000 ? TARGET : OLD }
      }
    }
    const tenants = Array.from({ length: 2000 }, (_, i) => `t${i}`)
    const verdicts = await clock.run(verifyFleet(tenants, { target: TARGET, prober, ancestry: { isAhead: async () => false }, clock, budgetMs: 60_000, intervalMs: 10_000, concurrency: 16 }))
    expect(verdicts.every((v) => v.verdict === 'on-target')).toBe(true)
    expect(peakInFlight).toBe(16)
    // 16 probes in flight, each with its time limit and its 5 ms answer, plus the fleet's one timer.
    expect(peakTimers).toBeLessThanOrEqual(2 * 16 + 1)
  })
})
