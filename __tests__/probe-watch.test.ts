import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import { ProbeWatch } from '../src/verify/probe-watch.js'
import { verifyFleet } from '../src/verify/fleet.js'
import type { Observation, TenantProber } from '../src/verify/types.js'
import { type RunningServer, startServer } from '../simulator/server.js'
import { VirtualClock } from '../simulator/virtual-clock.js'

/** The lean request path: one watch for the time limits of a verification, and the dispatch-based client. */
const S = 1000
const TARGET = 'a'.repeat(40)

describe('ProbeWatch', () => {
  it('aborts each probe at its own limit, on the clock, and leaves no timer behind', async () => {
    const clock = new VirtualClock()
    const watch = new ProbeWatch(clock)
    const fired: string[] = []
    const long = watch.start(10 * S)
    long.controller.signal.addEventListener('abort', () => fired.push(`long@${clock.now()}`))
    const short = watch.start(3 * S)
    short.controller.signal.addEventListener('abort', () => fired.push(`short@${clock.now()}`))
    await clock.run(clock.sleep(11 * S))
    expect(fired).toEqual([`short@${3 * S}`, `long@${10 * S}`])
    expect([short.timedOut, long.timedOut]).toEqual([true, true])
    const answered = watch.start(5 * S)
    watch.end(answered)
    expect(answered.controller.signal.aborted).toBe(false)
    expect(clock.pendingTimers).toBe(0)
  })

  it("a cancel of the run reaches the probe in flight at once, not at the probe's limit", async () => {
    const clock = new VirtualClock()
    const cancel = new AbortController()
    const aborted: number[] = []
    const hanging: TenantProber = {
      probe: (_t, signal) =>
        new Promise<Observation>((resolve) =>
          signal?.addEventListener('abort', () => {
            aborted.push(clock.now())
            resolve({ error: 'cancelled' })
          })
        )
    }
    void clock.sleep(2 * S).then(() => cancel.abort(new Error('run cancelled')))
    const [v] = await clock.run(verifyFleet(['acme'], { target: TARGET, prober: hanging, ancestry: { isAhead: async () => false }, clock, budgetMs: 60 * S, intervalMs: 5 * S, requestTimeoutMs: 30 * S, signal: cancel.signal }))
    expect(aborted).toEqual([2 * S])
    expect(v!.cancelled).toBe(true)
    expect(v!.elapsedMs).toBe(2 * S)
  })
})

describe('HttpClient on the dispatch API', () => {
  let server: RunningServer
  let http: HttpClient
  const big = Buffer.alloc(300 * 1024, 'abcdefgh')

  beforeAll(async () => {
    server = await startServer((req, res) => {
      if (req.url === '/small') {
        res.writeHead(200, { 'content-type': 'application/json', 'x-twice': ['a', 'b'] })
        res.end(JSON.stringify({ sha: TARGET }))
        return
      }
      // A large body in many writes: the client must put the chunks back together in order.
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      for (let i = 0; i < big.length; i += 7000) res.write(big.subarray(i, i + 7000))
      res.end()
    })
    http = createHttpClient()
  })
  afterAll(async () => {
    await http.close()
    await server.close()
  })

  it('a small body is kept as it arrived: one exact chunk, no pooled slab pinned behind it', async () => {
    const res = await http.send({ url: `${server.url}/small`, timeoutMs: 5000 })
    expect(JSON.parse(res.body.toString('utf8'))).toEqual({ sha: TARGET })
    expect(res.body.buffer.byteLength).toBeLessThan(16 * 1024)
    expect(res.headers['x-twice']).toBe('a, b')
    expect(res.headers['content-type']).toBe('application/json')
  })

  it('a body in many chunks arrives whole and in order, and a cap cuts it across chunks', async () => {
    const whole = await http.send({ url: `${server.url}/big`, timeoutMs: 5000, maxBodyBytes: 1024 * 1024 })
    expect(whole.truncated).toBe(false)
    expect(whole.body.equals(big)).toBe(true)
    const cut = await http.send({ url: `${server.url}/big`, timeoutMs: 5000, maxBodyBytes: 100_000 })
    expect(cut.truncated).toBe(true)
    expect(cut.body.equals(big.subarray(0, 100_000))).toBe(true)
  })
})
