import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { checkWaveCounts, parseWaves, planSteps, stepSize } from '../src/rollout/plan.js'
import { applyShard, fnv1a, shardOf } from '../src/rollout/shard.js'
import { parseShard } from '../src/settings/shard.js'
import { fleetVerifier } from '../src/verify/fleet.js'
import { parseSettings } from '../src/settings/index.js'
import { VirtualClock } from '../simulator/virtual-clock.js'
import { errorOf } from './support/input-error.js'

/** Progressive waves and shards: the pure planning, the hash, and the inputs refused before any side effect. */
const names = (n: number): string[] => Array.from({ length: n }, (_, i) => `tenant-${String(i + 1).padStart(3, '0')}`)

describe('planSteps with waves', () => {
  it('`10%, 50%, 100%` on 60 tenants ends its waves at 6, 30 and 60', () => {
    const steps = planSteps(names(60), [], 10, parseWaves('10%, 50%, 100%'))
    expect(steps.map((s) => [s.name, s.tenants.length, s.reach])).toEqual([
      ['wave 1', 6, 6],
      ['wave 2', 24, 30],
      ['wave 3', 30, 60]
    ])
  })

  it('the canary counts toward the first step, and a missing final 100% is added', () => {
    const steps = planSteps(names(60), ['tenant-060', 'tenant-059'], 10, parseWaves('10% 50%'))
    expect(steps.map((s) => [s.name, s.tenants.length, s.reach])).toEqual([
      ['canary', 2, 2],
      ['wave 1', 4, 6],
      ['wave 2', 24, 30],
      ['wave 3', 30, 60]
    ])
    expect(steps[1]!.tenants).toEqual(names(4))
  })

  it('percentages round up (ceil); a step already reached adds no empty wave', () => {
    // 10% of 15 is 1.5 → 2; 1% and 2% of 15 both round up to 1.
    expect(planSteps(names(15), [], 10, parseWaves('10%')).map((s) => s.reach)).toEqual([2, 15])
    expect(planSteps(names(15), [], 10, parseWaves('1%, 2%, 100%')).map((s) => s.reach)).toEqual([1, 15])
    expect(planSteps(names(15), ['tenant-001', 'tenant-002', 'tenant-003'], 10, parseWaves('10%, 60%')).map((s) => [s.name, s.reach])).toEqual([
      ['canary', 3],
      ['wave 1', 9],
      ['wave 2', 15]
    ])
  })

  it('counts and percentages mix; a count beyond a shard means all of it', () => {
    expect(planSteps(names(100), [], 10, parseWaves('5, 50%, 80')).map((s) => s.reach)).toEqual([5, 50, 80, 100])
    expect(planSteps(names(7), [], 10, parseWaves('5, 50')).map((s) => s.reach)).toEqual([5, 7])
  })

  it('without waves: waves of max-parallel, as before', () => {
    expect(planSteps(names(25), ['tenant-001'], 10).map((s) => [s.name, s.tenants.length, s.reach])).toEqual([
      ['canary', 1, 1],
      ['wave 1', 10, 11],
      ['wave 2', 10, 21],
      ['wave 3', 4, 25]
    ])
  })

  it('every tenant exactly once, in fleet order, for any marks', () => {
    const marks = fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 0, maxLength: 6 }).map((a) => a.sort((x, y) => x - y).map((v) => `${v}%`))
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), marks, fc.integer({ min: 0, max: 3 }), (n, ms, c) => {
        const fleet = names(n)
        const canary = fleet.slice(0, Math.min(c, n))
        const steps = planSteps(fleet, canary, 7, parseWaves(ms.join(',')))
        expect(steps.flatMap((s) => s.tenants)).toEqual([...canary, ...fleet.filter((t) => !canary.includes(t))])
        expect(steps.every((s) => s.tenants.length > 0)).toBe(true)
        expect(steps.at(-1)!.reach).toBe(n)
      })
    )
  })

  it('names each step with its size', () => {
    const [first] = planSteps(names(60), [], 10, parseWaves('10%'))
    expect(stepSize(first!, 60)).toBe('6 tenants, to 6 of 60 (10%)')
  })
})

describe('waves input', () => {
  it.each([
    ['50%, 10%', /"10%" does not increase/],
    ['10%, 10%', /"10%" does not increase/],
    ['120%', /"120%" is not above 0% and at most 100%/],
    ['0%', /"0%" is not above 0%/],
    ['ten percent', /"ten" is neither a percentage nor a whole number/],
    ['10%, -5', /"-5" is neither/],
    ['30, 20', /"20" does not increase/],
    ['0', /"0" is neither/]
  ])('refuses %j', (raw, why) => {
    const e = errorOf(() => parseWaves(raw))
    expect(e.input).toBe('waves')
    expect(e.value).toBe(raw)
    expect(e.message).toMatch(/expected cumulative steps after the canary, each a percentage of the fleet or a count/)
    expect(e.message).toMatch(why)
  })

  it('refuses, once the fleet is known, a count beyond it or a mark that goes backward across kinds', () => {
    expect(errorOf(() => checkWaveCounts('10, 200', parseWaves('10, 200'), 60)).message).toMatch(/at most the fleet \(60 tenants\).*200 is more than the fleet/)
    expect(errorOf(() => checkWaveCounts('40, 50%', parseWaves('40, 50%'), 60)).message).toMatch(/50% does not go beyond the step before it/)
    expect(() => checkWaveCounts('10%, 40, 100%', parseWaves('10%, 40, 100%'), 60)).not.toThrow()
  })
})

describe('shards', () => {
  it('FNV-1a is the published function (stable across Node versions)', () => {
    // Reference values of 32-bit FNV-1a: "" and "a" from the FNV test suite, and a UTF-8 name.
    expect(fnv1a('')).toBe(0x811c9dc5)
    expect(fnv1a('a')).toBe(0xe40c292c)
    expect(fnv1a('foobar')).toBe(0xbf9cf968)
  })

  it('a tenant keeps its shard whatever the order of the list, and every tenant is in exactly one', () => {
    const fleet = names(200)
    const shuffled = [...fleet].reverse()
    const seen = new Map<string, number>()
    for (let i = 1; i <= 4; i++) {
      const a = applyShard(fleet, { index: i, count: 4 })
      const b = applyShard(shuffled, { index: i, count: 4 })
      expect([...a.tenants].sort()).toEqual([...b.tenants].sort())
      for (const t of a.tenants) seen.set(t, (seen.get(t) ?? 0) + 1)
      expect(a.label).toBe(`shard ${i} of 4: ${a.tenants.length} of 200 tenants`)
      // Spread: no shard holds less than a sixth or more than a third of 200 names.
      expect(a.tenants.length).toBeGreaterThan(200 / 6)
      expect(a.tenants.length).toBeLessThan(200 / 3)
    }
    expect(seen.size).toBe(200)
    expect([...seen.values()].every((n) => n === 1)).toBe(true)
    expect(shardOf('tenant-001', 1)).toBe(1)
  })

  it('no shard: the whole fleet, no label', () => {
    expect(applyShard(['b', 'a'], undefined)).toEqual({ tenants: ['b', 'a'], label: '' })
  })

  it.each(['0/4', '5/4', '2', '1/0', 'a/b', '2/4/1', '-1/4', '1.5/4'])('refuses shard %j', (raw) => {
    const e = errorOf(() => parseShard(raw))
    expect(e.input).toBe('shard')
    expect(e.message).toContain(`has the value ${JSON.stringify(raw)}; expected \`i/n\` with whole numbers 1 ≤ i ≤ n`)
  })

  it('accepts i/n, spaces around the slash too', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 })
    expect(parseShard(' 4 / 4 ')).toEqual({ index: 4, count: 4 })
    expect(parseShard('')).toBeUndefined()
  })
})

describe('settings: waves and shard', () => {
  const env = {
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_API_URL: 'https://api.github.com',
    INPUT_TOKEN: 't',
    INPUT_TENANTS: 'a,b,c',
    'INPUT_BUILDINFO-URL': 'https://{tenant}.example/buildinfo',
    'INPUT_REDEPLOY-URL': 'https://cp.example/redeploy'
  }

  it('shard is read in verify, deploy and reconcile, and ignored by gate', () => {
    for (const mode of ['verify', 'deploy', 'reconcile']) expect(parseSettings({ ...env, INPUT_MODE: mode, INPUT_SHARD: '3/4' }).shard).toEqual({ index: 3, count: 4 })
    expect(parseSettings({ ...env, INPUT_MODE: 'gate', INPUT_SHARD: 'nonsense' }).shard).toBeUndefined()
  })

  it('bad waves or shard are refused by parseSettings, before anything runs', () => {
    expect(errorOf(() => parseSettings({ ...env, INPUT_MODE: 'deploy', INPUT_WAVES: '50%, 20%' })).input).toBe('waves')
    expect(errorOf(() => parseSettings({ ...env, INPUT_MODE: 'verify', INPUT_SHARD: '5/4' })).input).toBe('shard')
    expect(parseSettings({ ...env, INPUT_MODE: 'deploy', INPUT_WAVES: '1%, 10%, 50%, 100%' }).rollout?.waves).toHaveLength(4)
  })
})

describe('fleetVerifier: progress of a wave', () => {
  it('a tenant whose redeploy failed counts as done (not OK), so a wave never ends with tenants "settling"', async () => {
    const seen: string[] = []
    const clock = new VirtualClock()
    const target = 'b'.repeat(40)
    const verifier = fleetVerifier(2, {
      target,
      prober: { probe: async () => ({ status: 200, sha: target }) },
      ancestry: { isAhead: async () => false },
      clock,
      budgetMs: 1000,
      intervalMs: 100,
      onProgress: (done, total, ok) => seen.push(`${done}/${total} ok ${ok}`)
    })
    verifier.pass()
    expect((await clock.run(verifier.verify('acme'))).verdict).toBe('on-target')
    expect(seen).toEqual(['1/2 ok 0', '2/2 ok 1'])
  })
})
