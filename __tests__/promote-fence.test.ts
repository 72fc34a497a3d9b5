import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { InstantClock } from '../simulator/clocks.js'
import { PromoteBench, REPO, short } from './support/promote-harness.js'

/**
 * The write fence: a registry PUT that is retried after a wait passes the superseded gate again
 * before it is sent, so a newer commit that promoted during the wait is never overwritten. Real
 * docker-registry behind the simulator's proxy, which answers the first PUT with 503 + Retry-After.
 */
let bench: PromoteBench
let O: string, A: string, B: string

/** Virtual time that lets the test act (another job promoting) during the job's next wait. */
class InterleavingClock extends InstantClock {
  during: (() => Promise<void>) | undefined

  override async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const act = this.during
    this.during = undefined
    if (act) await act()
    return super.sleep(ms, signal)
  }
}

beforeAll(async () => {
  bench = await PromoteBench.start()
  O = await bench.git.commit('O')
  A = await bench.git.commit('A')
  B = await bench.git.commit('B')
  for (const sha of [O, A, B]) await bench.registry.pushImage(REPO, `staging-${short(sha)}`, { revision: sha })
})

afterAll(() => bench.close())

const puts = (tag: string): string[] => bench.proxy.log.filter((l) => l === `PUT /v2/${REPO}/manifests/${tag}`)

describe('a retried registry write passes the gate again', () => {
  it("A's PUT gets 503 + Retry-After, B promotes meanwhile: A's retry is never sent and the tag keeps B's image", async () => {
    const tag = 'fenced'
    await bench.setTag(tag, { revision: O })
    await bench.git.setBranch('main', A)
    bench.proxy.inject({ method: 'PUT', path: new RegExp(`/manifests/${tag}$`), status: 503, headers: { 'retry-after': '6' } })
    const clock = new InterleavingClock()
    let b: Awaited<ReturnType<PromoteBench['run']>> | undefined
    clock.during = async () => {
      // B lands and B's job promotes while A waits out the Retry-After.
      await bench.git.setBranch('main', B)
      b = await bench.run(B, { tag })
    }
    const a = await bench.run(A, { tag, clock })

    expect(b?.result.outcome).toBe('promoted')
    expect(clock.sleeps).toEqual([6000])
    expect(a.result).toMatchObject({ promoted: false, outcome: 'skipped-superseded' })
    expect(a.result.reason).toMatch(new RegExp(`${short(B)}.*fenced was not moved: PUT .*:fenced again after HTTP 503 was not sent\\.`))
    // A's first PUT (answered 503 by the proxy) and B's: nothing after B's.
    expect(puts(tag)).toHaveLength(2)
    expect(await bench.digest(tag)).toBe(await bench.digest(`staging-${short(B)}`))
    // The gate was asked first, before the write, and again after the wait.
    expect(a.gateCalls).toBe(3)
    expect(a.heads).toEqual([A, A, B])
  })

  it('without a newer commit the retry goes through after the wait', async () => {
    const tag = 'fenced-owner'
    await bench.setTag(tag, { revision: O })
    await bench.git.setBranch('main', A)
    bench.proxy.inject({ method: 'PUT', path: new RegExp(`/manifests/${tag}$`), status: 503, headers: { 'retry-after': '2' } })
    const clock = new InterleavingClock()
    const a = await bench.run(A, { tag, clock })
    expect(a.result).toMatchObject({ promoted: true, outcome: 'promoted' })
    expect(clock.sleeps).toEqual([2000])
    expect(puts(tag)).toHaveLength(2)
    expect(a.gateCalls).toBe(3)
    expect(await bench.digest(tag)).toBe(await bench.digest(`staging-${short(A)}`))
  })

  it('a job superseded before the promotion starts (deploy, reconcile) sends no registry request at all', async () => {
    await bench.git.setBranch('main', B)
    const before = bench.proxy.log.length
    const a = await bench.run(A, { tag: 'fenced-first' })
    expect(a.result).toMatchObject({ promoted: false, outcome: 'skipped-superseded' })
    expect(a.result.reason).toMatch(/fenced-first was not moved: no registry request was sent\./)
    expect(a.gateCalls).toBe(1)
    expect(bench.proxy.log.length).toBe(before)
  })
})
