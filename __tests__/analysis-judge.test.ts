import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { countSamples, fmt, judgeSample, median, relativeLimit, type SampleVerdict, type Thresholds } from '../src/analysis/judge.js'

/** The canary analysis' pure decisions: one sample, the baseline median, a tenant's samples counted. */

describe('median of the baseline', () => {
  it.each<[number[], number | undefined]>([
    [[], undefined],
    [[0.01], 0.01],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    // One outlier among the untouched tenants does not move the median: the reason it is the median.
    [[0.01, 0.01, 0.012, 0.009, 0.6], 0.01],
    [[0, 0, 0], 0]
  ])('median(%j) is %p', (values, expected) => {
    expect(median(values)).toBe(expected)
  })

  it('lies between the smallest and largest value, and does not depend on the order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }), (values) => {
        const m = median(values)!
        expect(m).toBeGreaterThanOrEqual(Math.min(...values))
        expect(m).toBeLessThanOrEqual(Math.max(...values))
        expect(median([...values].reverse())).toBe(m)
      })
    )
  })
})

describe('one sample against the thresholds', () => {
  const abs: Thresholds = { max: 0.05, floor: 0 }
  const rel: Thresholds = { maxRatio: 3, floor: 0.01 }
  const both: Thresholds = { max: 0.1, maxRatio: 3, floor: 0.01 }
  it.each<[string, number | undefined, number[], Thresholds, SampleVerdict, number | undefined]>([
    ['unreadable canary', undefined, [0.01], rel, 'inconclusive', undefined],
    ['absolute: under', 0.04, [], abs, 'good', undefined],
    ['absolute: exactly at the limit is good', 0.05, [], abs, 'good', undefined],
    ['absolute: over', 0.2, [], abs, 'bad', undefined],
    ['absolute: just over', 0.051, [], abs, 'bad', undefined],
    ['relative: 20% against a 1% baseline', 0.2, [0.01, 0.01, 0.01], rel, 'bad', 0.03],
    ['relative: 2% against a 1% baseline', 0.02, [0.01, 0.011, 0.009], rel, 'good', 0.03],
    ['relative: a zero baseline uses the floor (0.5% passes)', 0.005, [0, 0, 0], rel, 'good', 0.01],
    ['relative: a zero baseline uses the floor (5% fails)', 0.05, [0, 0, 0], rel, 'bad', 0.01],
    ['relative: no baseline value read', 0.02, [], rel, 'inconclusive', undefined],
    ['both: the absolute limit needs no baseline', 0.5, [], both, 'bad', undefined],
    ['both: under the absolute, over the relative', 0.05, [0.01], both, 'bad', 0.03],
    ['both: a noisy baseline raises the relative limit', 0.05, [0.02, 0.03, 0.01], both, 'good', 0.06]
  ])('%s', (_, value, baseline, t, verdict, limit) => {
    const j = judgeSample(value, baseline, t)
    expect(j.verdict).toBe(verdict)
    expect(j.relativeLimit).toBe(limit)
    expect(j.why === undefined).toBe(verdict === 'good')
  })

  it('the relative limit is never below the floor, and grows with the baseline (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: 0.0001, max: 10, noNaN: true }), (m, k, floor) => {
        expect(relativeLimit(m, k, floor)).toBeGreaterThanOrEqual(floor)
        expect(relativeLimit(m * 2, k, floor)).toBeGreaterThanOrEqual(relativeLimit(m, k, floor))
      })
    )
  })

  it('a canary equal to its baseline never fails the relative limit when the ratio is at least 1 (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 15 }), fc.double({ min: 1, max: 10, noNaN: true }), (baseline, k) => {
        expect(judgeSample(median(baseline), baseline, { maxRatio: k, floor: 0.001 }).verdict).toBe('good')
      })
    )
  })
})

describe("a tenant's samples, counted", () => {
  const limits = { consecutive: 2, inconclusiveLimit: 1 }
  const g: SampleVerdict = 'good'
  const b: SampleVerdict = 'bad'
  const i: SampleVerdict = 'inconclusive'
  it.each<[string, SampleVerdict[], boolean, string]>([
    ['no sample yet', [], false, 'running'],
    ['no sample at the end', [], true, 'inconclusive'],
    ['all good', [g, g, g], true, 'passed'],
    ['one bad sample is noise', [g, b, g, g], true, 'passed'],
    ['two bad in a row fail', [g, b, b], false, 'failed'],
    ['bad samples apart do not add up', [b, g, b, g, b, g], true, 'passed'],
    ['an inconclusive sample does not break a bad run', [b, i, b], false, 'failed'],
    ['one inconclusive is within the limit', [g, i, g], true, 'passed'],
    ['two inconclusive are over the limit of 1', [g, i, g, i], false, 'inconclusive'],
    ['all inconclusive (metrics down) is not a pass', [i], true, 'inconclusive'],
    ['every judged sample bad, fewer than in a row', [b], true, 'failed'],
    ['a failure is not undone by later good samples', [b, b, g, g, g], true, 'failed'],
    ['still running while under both limits', [g, b], false, 'running'],
    ['the first limit reached decides: unjudged before a bad run', [i, i, b, b], true, 'inconclusive'],
    ['the first limit reached decides: a bad run before unjudged', [b, b, i, i], true, 'failed']
  ])('%s: %j (final %p) is %s', (_, verdicts, final, expected) => {
    const c = countSamples(verdicts, limits, final)
    expect(c.verdict).toBe(expected)
    expect(c.why === undefined).toBe(expected === 'passed' || expected === 'running')
  })

  it('counts the samples up to the one that decided', () => {
    expect(countSamples([b, b, g, i, i], limits, true)).toEqual({ verdict: 'failed', good: 0, bad: 2, inconclusive: 0, longestBadRun: 2, why: '2 bad samples in a row (analysis-consecutive: 2)' })
    expect(countSamples([g, i, i, b, b], limits, true)).toMatchObject({ verdict: 'inconclusive', good: 1, bad: 0, inconclusive: 2 })
  })

  it('fails exactly when some run of `consecutive` bad samples exists, if no earlier limit was hit (property)', () => {
    const verdict = fc.constantFrom<SampleVerdict>('good', 'bad', 'inconclusive')
    fc.assert(
      fc.property(fc.array(verdict, { maxLength: 30 }), fc.integer({ min: 1, max: 5 }), (vs, n) => {
        const c = countSamples(vs, { consecutive: n, inconclusiveLimit: 1000 }, true)
        let run = 0
        let longest = 0
        for (const v of vs) {
          if (v === 'good') run = 0
          else if (v === 'bad') longest = Math.max(longest, ++run)
        }
        expect(c.verdict === 'failed' && c.longestBadRun >= n).toBe(longest >= n)
        // A pass needs a good sample and never hides a bad run.
        if (c.verdict === 'passed') expect(vs.includes('good') && longest < n).toBe(true)
      })
    )
  })

  it('more unjudged samples than the limit never pass (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<SampleVerdict>('good', 'inconclusive'), { maxLength: 30 }), fc.integer({ min: 0, max: 5 }), (vs, limit) => {
        const c = countSamples(vs, { consecutive: 3, inconclusiveLimit: limit }, true)
        const unjudged = vs.filter((v) => v === 'inconclusive').length
        expect(c.verdict === 'passed').toBe(unjudged <= limit && vs.includes('good'))
      })
    )
  })
})

it.each<[number, string]>([
  [0.2, '0.2'],
  [0.012345, '0.01235'],
  [1250, '1250'],
  [0.1 + 0.2, '0.3'],
  [Number.NaN, 'NaN']
])('fmt(%p) is %s', (n, s) => {
  expect(fmt(n)).toBe(s)
})
