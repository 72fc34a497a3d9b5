import { describe, expect, it } from '@jest/globals'
import { thresholdsFor } from '../src/analysis/absolute-only.js'
import type { CountLimits, Thresholds } from '../src/analysis/judge.js'
import type { SoakAnalysisDeps } from '../src/analysis/soak.js'
import type { AnalysisSample, MetricReader, Reading } from '../src/analysis/types.js'
import { needsMore, watchWave } from '../src/analysis/wave.js'
import { VirtualClock } from '../simulator/virtual-clock.js'

/**
 * A wave's analysis (`analysis-waves`), on virtual time: a tenant is sampled from its settle on, with the
 * tenants not yet moved read at the same moment as its baseline; the analysis ends once the wave is
 * verified and each settled tenant has `analysis-consecutive` judged samples or is decided; the last
 * wave, with no baseline left, is judged by `analysis-max` alone.
 */
const both: Thresholds = { max: 0.05, maxRatio: 3, floor: 0.01 }

describe('the relative threshold without any tenant left on the release before', () => {
  it.each<[string, Thresholds, number, Thresholds, boolean]>([
    ['a baseline: both thresholds', both, 3, both, false],
    ['no baseline, both set: analysis-max alone, said', both, 0, { max: 0.05, floor: 0.01 }, true],
    ['no baseline, only the ratio: kept (every sample inconclusive, no pass)', { maxRatio: 3, floor: 0.01 }, 0, { maxRatio: 3, floor: 0.01 }, false],
    ['no baseline, only analysis-max: nothing to drop', { max: 0.05, floor: 0 }, 0, { max: 0.05, floor: 0 }, false]
  ])('%s', (_, t, baseline, expected, said) => {
    const r = thresholdsFor(t, baseline)
    expect(r.thresholds).toEqual(expected)
    expect(r.absoluteOnly !== undefined).toBe(said)
  })
})

describe('a settled wave tenant needs more samples', () => {
  const limits: CountLimits = { consecutive: 2, inconclusiveLimit: 1 }
  it.each<[AnalysisSample['verdict'][], boolean]>([
    [[], true],
    [['good'], true],
    [['inconclusive', 'good'], true],
    [['good', 'good'], false],
    [['good', 'bad'], false],
    [['bad', 'bad'], false],
    [['inconclusive', 'inconclusive'], false]
  ])('%j: %p', (verdicts, more) => {
    expect(needsMore(verdicts, limits)).toBe(more)
  })

  it('with analysis-consecutive 1, one judged sample after the settle is enough', () => {
    expect(needsMore(['good'], { consecutive: 1, inconclusiveLimit: 0 })).toBe(false)
  })
})

function reader(values: (tenant: string, atMs: number) => number | undefined, clock: VirtualClock): MetricReader & { reads: string[] } {
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

const settings = (over: Partial<SoakAnalysisDeps['settings']> = {}): SoakAnalysisDeps['settings'] => ({
  kind: 'prometheus',
  thresholds: both,
  intervalMs: 1000,
  consecutive: 2,
  inconclusiveLimit: 1,
  baselineSize: 10,
  ...over
})

describe('a wave analysed while it settles', () => {
  it('each tenant from one interval after its settle on, the baseline beside it; the analysis ends once every settled tenant has its samples', async () => {
    const clock = new VirtualClock()
    const r = reader((t) => (t.startsWith('w') ? 0.012 : 0.01), clock)
    const result = await clock.run(async () => {
      const watch = watchWave({ step: 'wave 1', tenants: ['w1', 'w2'], untouched: ['b1', 'b2'], clock, signal: new AbortController().signal }, { reader: r, settings: settings() })
      await clock.sleep(500)
      watch.settled('w1')
      await clock.sleep(2000)
      watch.settled('w2')
      await clock.sleep(100)
      return watch.done()
    })
    expect(result).toMatchObject({ step: 'wave 1', passed: true, baseline: ['b1', 'b2'] })
    expect(result.absoluteOnly).toBeUndefined()
    expect(result.tenants.map((t) => [t.tenant, t.verdict, t.samples.map((s) => s.atMs)])).toEqual([
      // Settled at 0.5s: not read at 1s (its metric would still be mostly the old build's), then at every interval.
      ['w1', 'passed', [2000, 3000, 4000, 5000]],
      // Settled at 2.5s: two judged samples from 3.5s on, so a run of bad ones could have failed it.
      ['w2', 'passed', [4000, 5000]]
    ])
    expect(result.tenants[1]!.samples[0]).toMatchObject({ value: 0.012, baseline: { median: 0.01, readable: 2, asked: 2 }, limit: 0.03, verdict: 'good' })
    // Nothing is read before a tenant is due, and the baseline is read at the same moments.
    expect(r.reads.filter((x) => x.endsWith('@1000'))).toEqual([])
    expect(r.reads.filter((x) => x.endsWith('@2000'))).toEqual(['w1@2000', 'b1@2000', 'b2@2000'])
    expect(clock.now()).toBe(5000)
  })

  it('a wave tenant at 20% against a 1% baseline fails after two bad samples and is read no more; its neighbour passes', async () => {
    const clock = new VirtualClock()
    const r = reader((t) => (t === 'w2' ? 0.2 : 0.01), clock)
    const result = await clock.run(async () => {
      const watch = watchWave(
        { step: 'wave 2', tenants: ['w1', 'w2'], untouched: ['b1'], clock, signal: new AbortController().signal },
        { reader: r, settings: settings({ thresholds: { maxRatio: 3, floor: 0.01 } }) }
      )
      watch.settled('w2')
      watch.settled('w1')
      await clock.sleep(5000)
      return watch.done()
    })
    expect(result.passed).toBe(false)
    expect(result.tenants.map((t) => [t.tenant, t.verdict, t.samples.length])).toEqual([
      ['w1', 'passed', 5],
      ['w2', 'failed', 2]
    ])
    expect(result.tenants[1]!.why).toBe('2 bad samples in a row (analysis-consecutive: 2)')
    expect(result.tenants[1]!.samples[0]!.why).toMatch(/^0\.2 is above 3 x the baseline median 0\.01/)
    expect(r.reads.filter((x) => x.startsWith('w2'))).toEqual(['w2@1000', 'w2@2000'])
  })

  it('the last wave has no baseline left: judged by analysis-max alone, and the result says so', async () => {
    const clock = new VirtualClock()
    const r = reader((t) => (t === 'w2' ? 0.2 : 0.012), clock)
    const result = await clock.run(async () => {
      const watch = watchWave({ step: 'wave 3', tenants: ['w1', 'w2'], untouched: [], clock, signal: new AbortController().signal }, { reader: r, settings: settings() })
      watch.settled('w1')
      watch.settled('w2')
      return watch.done()
    })
    expect(result.baseline).toEqual([])
    expect(result.absoluteOnly).toMatch(/^no tenant is left on the release before, so there is no baseline: judged by analysis-max alone/)
    expect(result.tenants.map((t) => [t.tenant, t.verdict, t.samples.map((s) => [s.verdict, s.limit ?? null, s.baseline.asked])])).toEqual([
      [
        'w1',
        'passed',
        [
          ['good', null, 0],
          ['good', null, 0]
        ]
      ],
      [
        'w2',
        'failed',
        [
          ['bad', null, 0],
          ['bad', null, 0]
        ]
      ]
    ])
    expect(result.tenants[1]!.samples[0]!.why).toBe('0.2 is above analysis-max (0.05)')
  })

  it('metrics unreadable: inconclusive after the limit, never a pass', async () => {
    const clock = new VirtualClock()
    const result = await clock.run(async () => {
      const watch = watchWave({ step: 'wave 1', tenants: ['w1'], untouched: ['b1'], clock, signal: new AbortController().signal }, { reader: reader(() => undefined, clock), settings: settings() })
      watch.settled('w1')
      return watch.done()
    })
    expect(result.passed).toBe(false)
    expect(result.tenants[0]).toMatchObject({ verdict: 'inconclusive', why: '2 samples could not be judged, more than analysis-inconclusive-limit (1)' })
  })

  it('no tenant reported the target: the analysis ends at once, with nobody judged', async () => {
    const clock = new VirtualClock()
    const r = reader(() => 0.01, clock)
    const result = await clock.run(async () => {
      const watch = watchWave({ step: 'wave 1', tenants: ['w1'], untouched: ['b1'], clock, signal: new AbortController().signal }, { reader: r, settings: settings() })
      await clock.sleep(2500)
      return watch.done()
    })
    expect(result.tenants).toEqual([])
    expect(r.reads).toEqual([])
    expect(clock.now()).toBe(2500)
  })

  it('a superseded job ends it at once: no pass, and it says so', async () => {
    const clock = new VirtualClock()
    const result = await clock.run(async () => {
      const watch = watchWave({ step: 'wave 2', tenants: ['w1'], untouched: ['b1'], clock, signal: new AbortController().signal }, { reader: reader(() => 0.01, clock), settings: settings() })
      watch.settled('w1')
      await clock.sleep(1500)
      return watch.done(true)
    })
    expect(result).toMatchObject({ passed: false, stoppedEarly: 'the job was superseded during wave 2' })
    // Read once (at 1s); no wait for the second judged sample it would otherwise need.
    expect(result.tenants[0]!.samples.map((s) => s.atMs)).toEqual([1000])
    expect(clock.now()).toBe(1500)
  })

  it('a cancel ends it: no pass, and it says so', async () => {
    const clock = new VirtualClock()
    const abort = new AbortController()
    const r = reader((_, at) => {
      if (at >= 2000) abort.abort()
      return 0.01
    }, clock)
    const result = await clock.run(async () => {
      const watch = watchWave({ step: 'wave 1', tenants: ['w1'], untouched: ['b1'], clock, signal: abort.signal }, { reader: r, settings: settings({ consecutive: 5 }) })
      watch.settled('w1')
      return watch.done()
    })
    expect(result).toMatchObject({ passed: false, stoppedEarly: 'the run was cancelled during wave 1' })
    expect(clock.now()).toBe(2000)
  })
})
