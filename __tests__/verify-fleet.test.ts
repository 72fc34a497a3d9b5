import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { Ancestry } from '../src/forge/ancestry.js'
import { createHttpClient, type HttpClient } from '../src/http/client.js'

import { verifyFleet } from '../src/verify/fleet.js'
import { createProber } from '../src/verify/prober.js'
import type { AncestryOracle, TenantProber, TenantVerdict } from '../src/verify/types.js'
import { ancestryFor, verifySettingsFor } from './support/factories.js'
import { FakeForge } from '../simulator/fake-forge.js'
import { GitRepo } from '../simulator/git-repo.js'
import { TenantSimulator } from '../simulator/tenants.js'
import { VirtualClock } from '../simulator/virtual-clock.js'

const S = 1000

const verifySettings = verifySettingsFor

let repo: GitRepo
let forge: FakeForge
let http: HttpClient
let OLD: string
let TARGET: string
let NEWER: string
let SIDE: string

beforeAll(async () => {
  repo = await GitRepo.create()
  OLD = await repo.commit('old')
  TARGET = await repo.commit('target')
  NEWER = await repo.commit('newer')
  await repo.setBranch('side', OLD)
  SIDE = await repo.commit('side', 'side')
  forge = await FakeForge.start({ flavour: 'github', repo })
  http = createHttpClient()
})

afterAll(async () => {
  await http.close()
  await forge.close()
  await repo.dispose()
})

function realAncestry(): Ancestry {
  return ancestryFor(forge, http, { token: 't' })
}

/**
 * Real HTTP inside virtual time: the clock holds still while a request is in flight, so how fast the
 * machine answers never shows in a verdict. Except a hung tenant's request, which waits on nothing:
 * left untracked, virtual time moves on and the scheduler's own (virtual) request limit ends it, where
 * holding the clock would leave it to the HTTP client's real timer.
 */
function tracked(clock: VirtualClock, prober: TenantProber, ancestry: AncestryOracle, hangs: (tenant: string) => boolean) {
  return {
    prober: { urlFor: prober.urlFor, probe: (t: string, s?: AbortSignal) => (hangs(t) ? prober.probe(t, s) : clock.track(prober.probe(t, s))) },
    ancestry: { isAhead: (c: string, t: string) => clock.track(ancestry.isAhead(c, t)) }
  }
}

describe('a fleet with every fault, verified in virtual time over real HTTP', () => {
  let sim: TenantSimulator
  let hangSim: TenantSimulator
  let byName: Map<string, TenantVerdict>
  const clock = new VirtualClock()

  beforeAll(async () => {
    sim = await TenantSimulator.start({
      clock,
      tenants: {
        settles: { sha: OLD, drainMs: 65 * S },
        draining: { sha: OLD, drain: 'alternate', drainMs: 100 * S },
        flaky: { sha: OLD, drainMs: 0, fault: { status: 503, until: 50 * S } },
        resets: { sha: OLD, fault: { reset: true } },
        html: { sha: OLD, fault: { html: true } },
        huge: { sha: OLD, fault: { huge: true } },
        moved: { sha: OLD, fault: { redirect: 'same-origin' } },
        away: { sha: OLD, fault: { redirect: 'cross-origin' } },
        text: { sha: OLD, format: 'text' },
        ahead: { sha: NEWER },
        stuck: { sha: OLD },
        diverged: { sha: SIDE },
        short: { sha: OLD, format: { key: 'revision' } }
      }
    })
    for (const name of ['settles', 'draining', 'flaky', 'moved', 'text', 'short']) sim.redeploy(name, name === 'short' ? TARGET.slice(0, 7) : TARGET)
    // The HTTP client's real timeout only backs up the virtual limit below: generous, for a busy machine.
    const settings = verifySettings(sim.buildinfoTemplate, { headers: { Authorization: 'Bearer fleet-secret' }, requestTimeoutMs: 120 * S })
    const { prober, ancestry } = tracked(clock, createProber(settings, http, TARGET), realAncestry(), (t) => t === 'hangs')
    const verdicts = await clock.run(verifyFleet(sim.names, { target: TARGET, prober, ancestry, clock, budgetMs: settings.budgetMs, intervalMs: settings.intervalMs, requestTimeoutMs: 10 * S }))
    byName = new Map(verdicts.map((v) => [v.tenant, v]))

    const hangClock = new VirtualClock()
    hangSim = await TenantSimulator.start({ clock: hangClock, tenants: { hangs: { sha: OLD, fault: { hang: true } } } })
    const short = verifySettings(hangSim.buildinfoTemplate, { requestTimeoutMs: 120 * S })
    const hung = tracked(hangClock, createProber(short, http, TARGET), realAncestry(), () => true)
    const [hangs] = await hangClock.run(verifyFleet(['hangs'], { target: TARGET, ...hung, clock: hangClock, budgetMs: short.budgetMs, intervalMs: short.intervalMs, requestTimeoutMs: 10 * S }))
    byName.set('hangs', hangs!)
  })
  afterAll(async () => {
    await sim.close()
    await hangSim.close()
  })

  it.each<[string, Partial<TenantVerdict>]>([
    ['settles', { verdict: 'on-target', polls: 5, settleMs: 80 * S }],
    ['draining', { verdict: 'on-target', polls: 2, settleMs: 20 * S }],
    ['flaky', { verdict: 'on-target', polls: 4, settleMs: 60 * S }],
    ['moved', { verdict: 'on-target', polls: 1 }],
    ['text', { verdict: 'on-target', polls: 1 }],
    ['ahead', { verdict: 'ahead', polls: 1, settleMs: 0 }],
    ['stuck', { verdict: 'stale', polls: 7, elapsedMs: 120 * S }],
    ['diverged', { verdict: 'stale', polls: 7 }],
    ['html', { verdict: 'invalid', polls: 7, lastError: 'the answer is an HTML page, not build info' }],
    ['huge', { verdict: 'invalid', polls: 7, lastError: 'the answer is larger than 64 KiB' }],
    ['hangs', { verdict: 'unreachable', polls: 7 }],
    ['resets', { verdict: 'unreachable', polls: 7 }],
    ['away', { verdict: 'unreachable', polls: 7 }]
  ])('%s', (tenant, expected) => {
    expect(byName.get(tenant)).toMatchObject(expected)
  })

  it('a tenant reporting a 7-digit prefix of the target is on target', () => {
    expect(byName.get('short')).toMatchObject({ verdict: 'on-target', sha: TARGET.slice(0, 7) })
  })

  it('stale verdicts carry the SHA the tenant is stuck on; errors carry the cause', () => {
    expect(byName.get('stuck')!.sha).toBe(OLD)
    expect(byName.get('diverged')!.sha).toBe(SIDE)
    expect(byName.get('hangs')!.lastError).toBe('no answer within 10s')
    expect(byName.get('away')!.lastError).toMatch(/another origin/)
  })

  it('each poll is one request at the tenant, and no tenant is ever asked past its budget', () => {
    expect(sim.requests('stuck')).toHaveLength(7)
    expect(Math.max(...sim.requests().map((r) => r.at))).toBeLessThanOrEqual(120 * S)
  })

  it('the extra headers never went to another origin', () => {
    expect(sim.requests('away').every((r) => r.host.startsWith('127.0.0.1'))).toBe(true)
    expect(sim.requests().filter((r) => !r.host.startsWith('127.0.0.1'))).toEqual([])
  })

  it('the forge was asked about each distinct foreign SHA once', () => {
    const compares = forge.calls('compare').map((c) => c.path)
    expect(compares.filter((p) => p.includes(OLD))).toHaveLength(1)
    expect(compares.filter((p) => p.includes(NEWER))).toHaveLength(1)
  })
})

describe('a fleet of 1,000 tenants on the loopback simulator, in virtual time over real HTTP', () => {
  it('judges every tenant correctly within its budget', async () => {
    const clock = new VirtualClock()
    const sim = await TenantSimulator.start({ clock })
    const names = Array.from({ length: 1000 }, (_, i) => `tenant-${i}`)
    const kind = (i: number): 'settle' | 'stuck' | 'hang' | 'ahead' => (i % 100 === 7 ? 'stuck' : i % 100 === 13 ? 'hang' : i % 100 === 42 ? 'ahead' : 'settle')
    names.forEach((name, i) => {
      const k = kind(i)
      sim.add(name, { sha: k === 'ahead' ? NEWER : OLD, fault: k === 'hang' ? { hang: true } : undefined })
      if (k === 'settle') sim.redeploy(name, TARGET, (i % 10) * 40)
    })
    const hung = new Set(names.filter((_, i) => kind(i) === 'hang'))
    const settings = verifySettings(sim.buildinfoTemplate, { budgetMs: 3 * S, intervalMs: 100, requestTimeoutMs: 120 * S })
    const { prober, ancestry } = tracked(clock, createProber(settings, http, TARGET), realAncestry(), (t) => hung.has(t))
    try {
      const verdicts = await clock.run(verifyFleet(names, { target: TARGET, prober, ancestry, clock, budgetMs: settings.budgetMs, intervalMs: settings.intervalMs, requestTimeoutMs: 1 * S }))
      const expected = { settle: 'on-target', stuck: 'stale', hang: 'unreachable', ahead: 'ahead' }
      verdicts.forEach((v, i) => expect([v.tenant, v.verdict]).toEqual([names[i], expected[kind(i)]]))
      // What each tenant served, in order: never back from the target, and nothing at all from a hung one.
      const served = { settle: [[OLD, TARGET], [TARGET]], stuck: [[OLD]], hang: [[]], ahead: [[NEWER]] }
      names.forEach((name, i) => expect(served[kind(i)]).toContainEqual(sim.served(name)))
    } finally {
      await sim.close()
    }
  })
})
