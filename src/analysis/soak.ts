import * as core from '../log.js'
import pLimit from 'p-limit'
import type { Clock } from '../clock.js'
import { formatSeconds } from '../clock.js'
import type { AnalysisSettings } from '../settings/analysis.js'
import { thresholdsFor } from './absolute-only.js'
import { countSamples, fmt, judgeSample, median, type Thresholds, type TenantVerdict } from './judge.js'
import type { AnalysisResult, AnalysisSample, BaselineSample, MetricReader, Reading, TenantAnalysis } from './types.js'

export interface SoakAnalysisDeps {
  reader: MetricReader
  settings: Pick<AnalysisSettings, 'kind' | 'thresholds' | 'intervalMs' | 'consecutive' | 'inconclusiveLimit' | 'baselineSize'>
  clock: Clock
  signal: AbortSignal
}

/** Reads in flight at once in one interval (canary and baseline together). */
const READS_AT_ONCE = 16

/**
 * The soak with analysis: every `intervalMs` until the soak ends, each canary tenant's metric and the
 * baseline tenants' (read at the same moment) are judged (judge.ts). The soak stops at the first canary
 * tenant that fails or turns inconclusive: waiting longer cannot make it pass. Otherwise it lasts the
 * whole `soakMs`, as a soak without analysis does. Never rejects on a cancel: it stops and says so.
 */
export async function analyseSoak(canary: readonly string[], untouched: readonly string[], soakMs: number, deps: SoakAnalysisDeps): Promise<AnalysisResult> {
  const { clock, signal, settings } = deps
  const baseline = pickBaseline(untouched, settings.baselineSize)
  const { thresholds, absoluteOnly } = thresholdsFor(settings.thresholds, baseline.length)
  const samples = new Map<string, AnalysisSample[]>(canary.map((t) => [t, []]))
  const limit = pLimit(READS_AT_ONCE)
  const read = (t: string): Promise<Reading> => limit(() => deps.reader.read(t, signal))
  const start = clock.now()
  let stoppedEarly: string | undefined
  core.info(
    `Analysis: ${canary.length} canary tenant(s) against ${baseline.length} baseline tenant(s) (${baseline.join(', ') || 'none'}), every ${formatSeconds(settings.intervalMs)} from ${deps.reader.source}`
  )
  if (absoluteOnly) core.info(`Analysis: ${absoluteOnly}`)

  for (let i = 1; start + i * settings.intervalMs <= start + soakMs; i++) {
    if (!(await sleep(clock, start + i * settings.intervalMs - clock.now(), signal))) break
    const [canaryReads, baselineReads] = await Promise.all([Promise.all(canary.map(read)), Promise.all(baseline.map(read))])
    if (signal.aborted) break
    const values = baselineReads.flatMap((r) => ('value' in r ? [r.value] : []))
    const base: BaselineSample = { median: median(values), readable: values.length, asked: baseline.length }
    const atMs = clock.now() - start
    canary.forEach((t, k) => samples.get(t)!.push(sampleOf(canaryReads[k]!, values, base, atMs, thresholds)))
    logInterval(i, atMs, canary, samples, base)
    const failing = canary.map((t) => conclude(t, samples.get(t)!, deps, false)).find((a) => a.verdict !== 'running')
    if (failing) {
      stoppedEarly = `${failing.tenant} ${failing.verdict} after ${formatSeconds(atMs)}: ${failing.why ?? ''}`
      break
    }
  }
  if (!stoppedEarly && !signal.aborted) await sleep(clock, start + soakMs - clock.now(), signal)
  if (signal.aborted) stoppedEarly ??= 'the run was cancelled during the soak'
  const tenants = canary.map((t) => conclude(t, samples.get(t)!, deps, true))
  return analysisResult(deps, { baseline, tenants, stopped: signal.aborted, stoppedEarly, step: 'canary', absoluteOnly })
}

/**
 * What an analysis (the canary's soak, or a wave's settle) found: a tenant still `running` when it ended is
 * inconclusive, and it passed only when it was not stopped and every tenant passed.
 */
export function analysisResult(
  deps: Pick<SoakAnalysisDeps, 'settings' | 'reader'>,
  r: { baseline: string[]; tenants: Concluded[]; stopped: boolean; stoppedEarly?: string; step: AnalysisResult['step']; absoluteOnly?: string }
): AnalysisResult {
  return {
    kind: deps.settings.kind,
    source: deps.reader.source,
    baseline: r.baseline,
    intervalMs: deps.settings.intervalMs,
    tenants: r.tenants.map((t) => ({ ...t, verdict: t.verdict === 'running' ? 'inconclusive' : t.verdict })),
    passed: !r.stopped && r.tenants.every((t) => t.verdict === 'passed'),
    ...(r.stoppedEarly ? { stoppedEarly: r.stoppedEarly } : {}),
    step: r.step,
    ...(r.absoluteOnly ? { absoluteOnly: r.absoluteOnly } : {})
  }
}

/**
 * At most `size` of the tenants the canary did not touch, spread evenly over the list (the fleet's
 * order), so a large fleet costs `size` reads an interval and the baseline is not one region's tenants.
 */
export function pickBaseline(untouched: readonly string[], size: number): string[] {
  if (untouched.length <= size) return [...untouched]
  return Array.from({ length: size }, (_, i) => untouched[Math.floor((i * untouched.length) / size)]!)
}

/** One tenant's reading, judged against the baseline values read in the same interval. */
export function sampleOf(reading: Reading, baselineValues: number[], baseline: BaselineSample, atMs: number, thresholds: Thresholds): AnalysisSample {
  const value = 'value' in reading ? reading.value : undefined
  const j = judgeSample(value, baselineValues, thresholds)
  return {
    atMs,
    ...(value !== undefined ? { value } : { problem: (reading as { problem: string }).problem }),
    baseline,
    ...(j.relativeLimit !== undefined ? { limit: j.relativeLimit } : {}),
    verdict: j.verdict,
    // An unreadable canary says why it could not be read; the judgement's words add nothing to that.
    ...(value === undefined ? { why: (reading as { problem: string }).problem } : j.why ? { why: j.why } : {})
  }
}

export type Concluded = Omit<TenantAnalysis, 'verdict'> & { verdict: TenantVerdict }

export function conclude(tenant: string, samples: AnalysisSample[], deps: Pick<SoakAnalysisDeps, 'settings'>, final: boolean): Concluded {
  const count = countSamples(
    samples.map((s) => s.verdict),
    deps.settings,
    final
  )
  return { tenant, verdict: count.verdict, ...(count.why ? { why: count.why } : {}), samples }
}

/** One line an interval; every outside text in it was bounded and redacted by the reader. */
export function logInterval(i: number, atMs: number, canary: readonly string[], samples: Map<string, AnalysisSample[]>, base: BaselineSample): void {
  const each = canary.map((t) => {
    const s = samples.get(t)!.at(-1)!
    return `${t} ${s.value !== undefined ? fmt(s.value) : 'unreadable'} ${s.verdict}${s.why ? ` (${s.why})` : ''}`
  })
  const baseline = base.median !== undefined ? `baseline median ${fmt(base.median)} (${base.readable}/${base.asked} read)` : `baseline unreadable (0/${base.asked})`
  core.info(`sample ${i} at ${formatSeconds(atMs)}: ${each.join('; ')}; ${baseline}`)
}

/** False when the run was cancelled during the wait. */
export async function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false
  try {
    await clock.sleep(Math.max(0, ms), signal)
    return true
  } catch {
    return false
  }
}
