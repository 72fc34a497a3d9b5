import { describe, expect, it } from '@jest/globals'
import { judgeSoak } from '../src/analysis/canary.js'
import { analyseSoak, pickBaseline, type SoakAnalysisDeps } from '../src/analysis/soak.js'
import type { MetricReader, Reading } from '../src/analysis/types.js'
import { sparkline } from '../src/report/sparkline.js'
import { InstantClock } from '../simulator/clocks.js'

/**
 * The soak with analysis, in virtual time: a sample every interval until the soak ends, canary and
 * baseline read at the same moment, a stop at the first failing canary tenant, and a cancel that
 * leaves an account, never a pass.
 */
function reader(values: (tenant: string, atMs: number) => number | undefined, clock: InstantClock): MetricReader & { reads: string[] } {
  const reads: string[] = []
  return {
    source: 'http://prometheus.test/api/v1/query',
    reads,
    async read(tenant: string): Promise<Reading> {
      reads.push(`${tenant}@${clock.now()}`)
      const v = values(tenant, clock.now())
      return v === undefined ? { problem: 'HTTP 503' } : { value: v }
    }
  }
}

function deps(r: MetricReader, clock: InstantClock, over: Partial<SoakAnalysisDeps['settings']> = {}, signal = new AbortController().signal): SoakAnalysisDeps {
  return { reader: r, clock, signal, settings: { kind: 'prometheus', thresholds: { maxRatio: 3, floor: 0.01 }, intervalMs: 1000, consecutive: 2, inconclusiveLimit: 1, baselineSize: 10, ...over } }
}

describe('the soak with analysis', () => {
  it('a healthy canary: a sample every interval for the whole soak, then passed', async () => {
    const clock = new InstantClock()
    const r = reader((t) => (t === 'c1' ? 0.012 : 0.01), clock)
    const result = await analyseSoak(['c1'], ['b1', 'b2', 'b3'], 5000, deps(r, clock))
    expect(result.passed).toBe(true)
    expect(result.tenants[0]!.verdict).toBe('passed')
    expect(result.tenants[0]!.samples.map((s) => [s.atMs, s.value, s.baseline.median, s.limit, s.verdict])).toEqual([1, 2, 3, 4, 5].map((i) => [i * 1000, 0.012, 0.01, 0.03, 'good']))
    // Canary and baseline at the same instant, each interval; the soak lasts its full time.
    expect(r.reads.filter((x) => x.endsWith('@1000'))).toEqual(['c1@1000', 'b1@1000', 'b2@1000', 'b3@1000'])
    expect(clock.now()).toBe(5000)
    expect(judgeSoak(result, new AbortController().signal)).toEqual({ outcome: 'ok', detail: 'analysis passed: 5 samples per canary tenant' })
  })

  it('a canary at 20% against a 1% baseline fails after two bad samples, and the soak stops there', async () => {
    const clock = new InstantClock()
    const r = reader((t) => (t === 'c1' ? 0.2 : 0.01), clock)
    const result = await analyseSoak(['c1', 'c2'], ['b1', 'b2'], 10_000, deps(r, clock))
    expect(result.passed).toBe(false)
    expect(result.tenants.map((t) => [t.tenant, t.verdict, t.samples.length])).toEqual([
      ['c1', 'failed', 2],
      // A healthy canary tenant beside it is judged on the samples read until the stop.
      ['c2', 'passed', 2]
    ])
    expect(result.stoppedEarly).toMatch(/^c1 failed after 2s: 2 bad samples in a row/)
    expect(clock.now()).toBe(2000)
    expect(judgeSoak(result, new AbortController().signal)).toEqual({ outcome: 'failed', detail: expect.stringMatching(/^analysis: c1 failed its analysis \(2 bad samples in a row/) })
  })

  it('metrics down: inconclusive after the limit, never a pass', async () => {
    const clock = new InstantClock()
    const r = reader(() => undefined, clock)
    const result = await analyseSoak(['c1'], ['b1'], 10_000, deps(r, clock))
    expect(result.passed).toBe(false)
    expect(result.tenants[0]).toMatchObject({ verdict: 'inconclusive', why: '2 samples could not be judged, more than analysis-inconclusive-limit (1)' })
    expect(result.tenants[0]!.samples[0]).toMatchObject({ verdict: 'inconclusive', why: 'HTTP 503', baseline: { readable: 0, asked: 1 } })
  })

  it('a soak shorter than the limit of unjudged samples still ends inconclusive, not passed', async () => {
    const clock = new InstantClock()
    const result = await analyseSoak(
      ['c1'],
      ['b1'],
      1000,
      deps(
        reader(() => undefined, clock),
        clock,
        { inconclusiveLimit: 5 }
      )
    )
    expect(result.tenants[0]).toMatchObject({ verdict: 'inconclusive', why: 'no sample could be judged' })
    expect(result.passed).toBe(false)
  })

  it('a cancel during the soak stops it: no pass, and the reason says so', async () => {
    const clock = new InstantClock()
    const abort = new AbortController()
    const r = reader((t, at) => {
      if (at >= 2000) abort.abort()
      return 0.01
    }, clock)
    const result = await analyseSoak(['c1'], ['b1'], 10_000, deps(r, clock, {}, abort.signal))
    expect(result.passed).toBe(false)
    expect(result.stoppedEarly).toBe('the run was cancelled during the soak')
    expect(clock.now()).toBe(2000)
    expect(judgeSoak(result, abort.signal)).toEqual({ outcome: 'cancelled' })
  })

  it('without baseline tenants, a relative threshold cannot judge: inconclusive', async () => {
    const clock = new InstantClock()
    const result = await analyseSoak(
      ['c1'],
      [],
      3000,
      deps(
        reader(() => 0.01, clock),
        clock
      )
    )
    expect(result.tenants[0]).toMatchObject({ verdict: 'inconclusive' })
    expect(result.tenants[0]!.samples[0]!.why).toBe('no baseline tenant could be read')
  })
})

describe('a canary with no tenant left on the release before', () => {
  it('with analysis-max beside the ratio: judged by analysis-max alone, and the result says so', async () => {
    const clock = new InstantClock()
    const result = await analyseSoak(
      ['c1', 'c2'],
      [],
      2000,
      deps(
        reader((t) => (t === 'c1' ? 0.02 : 0.2), clock),
        clock,
        { thresholds: { max: 0.05, maxRatio: 3, floor: 0.01 } }
      )
    )
    expect(result).toMatchObject({ step: 'canary', baseline: [], absoluteOnly: expect.stringMatching(/^no tenant is left on the release before/) })
    expect(result.tenants.map((t) => [t.tenant, t.verdict, t.samples.map((s) => [s.verdict, s.limit ?? null])])).toEqual([
      [
        'c1',
        'passed',
        [
          ['good', null],
          ['good', null]
        ]
      ],
      [
        'c2',
        'failed',
        [
          ['bad', null],
          ['bad', null]
        ]
      ]
    ])
  })

  it('with baseline tenants the relative threshold applies, and nothing is said', async () => {
    const clock = new InstantClock()
    const result = await analyseSoak(
      ['c1'],
      ['b1'],
      1000,
      deps(
        reader(() => 0.01, clock),
        clock,
        { thresholds: { max: 0.05, maxRatio: 3, floor: 0.01 } }
      )
    )
    expect(result.absoluteOnly).toBeUndefined()
    expect(result.tenants[0]!.samples[0]!.limit).toBe(0.03)
  })
})

describe('the baseline tenants read each interval', () => {
  it.each<[number, number, string[]]>([
    [3, 10, ['t0', 't1', 't2']],
    [10, 5, ['t0', 't2', 't4', 't6', 't8']],
    [7, 3, ['t0', 't2', 't4']],
    [0, 3, []]
  ])('%d untouched, at most %d', (n, size, expected) => {
    expect(
      pickBaseline(
        Array.from({ length: n }, (_, i) => `t${i}`),
        size
      )
    ).toEqual(expected)
  })
})

it.each<[Array<number | null>, number | undefined, string]>([
  [[0, 0.5, 1], undefined, '▁▅█'],
  [[0.01, null, 0.2], 0.2, '▁ █'],
  [[0, 0], undefined, '▁▁'],
  [[2], 1, '█']
])('sparkline(%j, %p) is %s', (values, top, expected) => {
  expect(sparkline(values, top)).toBe(expected)
})
