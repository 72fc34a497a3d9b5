/**
 * The canary analysis' decisions, as pure functions: one sample against its thresholds, the median of
 * the baseline, and a tenant's samples counted into a verdict. The soak (soak.ts) only reads metrics and
 * hands them here, so every rule below is tested row by row without a clock or a metrics server.
 */

/** `good` and `bad` are judgements; `inconclusive` means the sample could not be judged at all. */
export type SampleVerdict = 'good' | 'bad' | 'inconclusive'

export interface Thresholds {
  /** Absolute: a canary value above this is bad (`analysis-max`). */
  max?: number
  /** Relative: a canary value above `maxRatio` times the baseline median is bad (`analysis-max-ratio`). */
  maxRatio?: number
  /** The relative limit is never below this, so a baseline of zero does not fail every canary (`analysis-baseline-floor`). */
  floor: number
}

export interface SampleJudgement {
  verdict: SampleVerdict
  /** The relative limit this sample was held to, when the baseline gave one. */
  relativeLimit?: number
  /** Why it is bad or inconclusive, in words; absent for a good sample. */
  why?: string
}

/** The median of the readable baseline values; undefined without any. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** `maxRatio` times the baseline median, never below the floor. */
export function relativeLimit(baselineMedian: number, maxRatio: number, floor: number): number {
  return Math.max(maxRatio * baselineMedian, floor)
}

/**
 * One canary value (undefined: it could not be read) against the thresholds and the baseline values
 * read at the same moment. The absolute threshold needs no baseline: a value over it is bad even when
 * no baseline tenant answered. A relative threshold without any baseline value cannot be judged.
 */
export function judgeSample(value: number | undefined, baseline: readonly number[], t: Thresholds): SampleJudgement {
  if (value === undefined) return { verdict: 'inconclusive', why: 'the canary metric could not be read' }
  if (t.max !== undefined && value > t.max) return { verdict: 'bad', why: `${fmt(value)} is above analysis-max (${fmt(t.max)})` }
  if (t.maxRatio === undefined) return { verdict: 'good' }
  const m = median(baseline)
  if (m === undefined) return { verdict: 'inconclusive', why: 'no baseline tenant could be read' }
  const limit = relativeLimit(m, t.maxRatio, t.floor)
  if (value > limit) return { verdict: 'bad', relativeLimit: limit, why: `${fmt(value)} is above ${fmt(t.maxRatio)} x the baseline median ${fmt(m)} (limit ${fmt(limit)})` }
  return { verdict: 'good', relativeLimit: limit }
}

export interface CountLimits {
  /** Bad samples in a row that fail a tenant (`analysis-consecutive`). */
  consecutive: number
  /** More inconclusive samples than this (in all) fail a tenant (`analysis-inconclusive-limit`). */
  inconclusiveLimit: number
}

/**
 * - `passed`: no run of `consecutive` bad samples, at most the limit of inconclusive ones, and at least one good
 * - `failed`: `consecutive` bad samples in a row, or every judged sample bad
 * - `inconclusive`: more inconclusive samples than the limit, or none could be judged at all
 * - `running`: neither yet (only while the soak goes on)
 */
export type TenantVerdict = 'passed' | 'failed' | 'inconclusive' | 'running'

export interface Count {
  verdict: TenantVerdict
  good: number
  bad: number
  inconclusive: number
  /** The longest run of bad samples; an inconclusive sample neither extends nor breaks a run. */
  longestBadRun: number
  why?: string
}

/**
 * A tenant's samples so far, counted. `final` says the soak is over: a tenant still `running` then
 * passes only with a good sample. Failing comes first: once `consecutive` bad samples in a row were
 * seen, later good ones do not undo it (the soak stops at the first failure anyway).
 */
export function countSamples(verdicts: readonly SampleVerdict[], limits: CountLimits, final: boolean): Count {
  let good = 0
  let bad = 0
  let inconclusive = 0
  let run = 0
  let longestBadRun = 0
  for (const v of verdicts) {
    if (v === 'good') {
      good++
      run = 0
    } else if (v === 'bad') {
      bad++
      run++
      longestBadRun = Math.max(longestBadRun, run)
      if (longestBadRun >= limits.consecutive) break
    } else inconclusive++
    if (inconclusive > limits.inconclusiveLimit) break
  }
  const counted = { good, bad, inconclusive, longestBadRun }
  if (longestBadRun >= limits.consecutive)
    return { verdict: 'failed', ...counted, why: `${longestBadRun} bad sample${longestBadRun === 1 ? '' : 's'} in a row (analysis-consecutive: ${limits.consecutive})` }
  if (inconclusive > limits.inconclusiveLimit) {
    return {
      verdict: 'inconclusive',
      ...counted,
      why: `${inconclusive} sample${inconclusive === 1 ? '' : 's'} could not be judged, more than analysis-inconclusive-limit (${limits.inconclusiveLimit})`
    }
  }
  if (!final) return { verdict: 'running', ...counted }
  if (good > 0) return { verdict: 'passed', ...counted }
  if (bad > 0) return { verdict: 'failed', ...counted, why: `every judged sample was bad (${bad})` }
  return { verdict: 'inconclusive', ...counted, why: 'no sample could be judged' }
}

/** Enough digits to tell 0.011 from 0.01, no float noise: `0.2`, `0.0123`, `1250`. */
export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n)
  return String(Number(n.toPrecision(4)))
}
