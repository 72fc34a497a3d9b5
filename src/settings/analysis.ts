import { InputError } from '../errors.js'
import { checkTemplate, commitVars, encodeUrlPart, render } from '../template.js'
import type { Thresholds } from '../analysis/judge.js'
import type { CommonSettings } from './common.js'
import { parseHeaders } from './headers.js'
import { type Env, InputReader, parseHttpUrl } from './reader.js'
import type { RolloutSettings } from './rollout.js'
import { shownUrl } from './secrets.js'
import type { VerifySettings } from './verify.js'

/**
 * The canary analysis (docs/canary-analysis.md): a metric read per canary tenant and per baseline tenant
 * at every interval of the soak, from Prometheus' HTTP API or a JSON endpoint per tenant. Opt-in
 * (`analysis: none` by default); every input is checked here, before the first redeploy.
 */
export interface AnalysisSettings {
  kind: 'prometheus' | 'json'
  /** Prometheus: the server's base URL. JSON: the per-tenant URL template (with {tenant}). */
  url: string
  /** Prometheus: the PromQL template (with {tenant}), whose result is one number. */
  query: string
  /** JSON: the dotted path of the number in the answer. */
  field: string
  /** Extra request headers (values are secrets). */
  headers: Record<string, string>
  thresholds: Thresholds
  intervalMs: number
  consecutive: number
  inconclusiveLimit: number
  /** Baseline tenants read each interval, at most. */
  baselineSize: number
  requestTimeoutMs: number
  /** `analysis-waves`: each wave's tenants are analysed too while they settle (docs/canary-analysis.md). */
  waves: boolean
}

export const ANALYSIS_KINDS = ['none', 'prometheus', 'json'] as const
export const ANALYSIS_PLACEHOLDERS = ['tenant', 'sha', 'sha7', 'environment'] as const
export const MIN_ANALYSIS_INTERVAL_MS = 50
const FIELD_PATH = /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/
const NUMBER = /^\d+(\.\d+)?$/

/**
 * Undefined with `analysis: none`. `rollout` gives the soak and the canary the analysis runs in. Deploy
 * names its canary; reconcile may choose one itself (the first behind tenant), so it need not.
 */
export function parseAnalysis(env: Env, common: CommonSettings, verify: VerifySettings, rollout: RolloutSettings): AnalysisSettings | undefined {
  const input = new InputReader(env)
  const kind = input.oneOf('analysis', ANALYSIS_KINDS, 'none')
  const waves = input.bool('analysis-waves', false)
  // Set from a variable while `analysis` is off: say so rather than silently analyse nothing.
  if (kind === 'none' && waves) throw new InputError('analysis-waves', input.raw('analysis-waves'), '`false` with analysis: none (set `analysis` too: there is no metric to read)')
  if (kind === 'none') return undefined
  const vars = commitVars(common.target.sha, common.target.environment)

  const url = input.raw('analysis-url')
  const query = input.raw('analysis-query')
  const field = input.raw('analysis-field')
  if (kind === 'prometheus') {
    if (!url) throw new InputError('analysis-url', '', "the Prometheus server's base URL, e.g. https://prometheus.example:9090 (required with analysis: prometheus)")
    if (url.includes('{')) throw new InputError('analysis-url', shownUrl(url), "the Prometheus server's base URL, without placeholders (the query takes {tenant})")
    parseHttpUrl('analysis-url', url)
    if (!query) throw new InputError('analysis-query', '', 'a PromQL query template containing {tenant} (required with analysis: prometheus)')
    checkTemplate('analysis-query', query, ANALYSIS_PLACEHOLDERS)
    if (!query.includes('{tenant}')) throw new InputError('analysis-query', query, 'a PromQL query template containing {tenant} (otherwise every tenant reads the same number)')
    if (field) throw new InputError('analysis-field', field, 'to be empty with analysis: prometheus (the query gives the number)')
  } else {
    if (!url) throw new InputError('analysis-url', '', 'a URL template containing {tenant} (required with analysis: json)')
    checkTemplate('analysis-url', url, ANALYSIS_PLACEHOLDERS)
    if (!url.includes('{tenant}')) throw new InputError('analysis-url', shownUrl(url), 'a URL template containing {tenant} (otherwise every tenant reads the same number)')
    parseHttpUrl('analysis-url', render(url, { ...vars, tenant: 'tenant-1' }, encodeUrlPart))
    if (!FIELD_PATH.test(field)) throw new InputError('analysis-field', field, 'a dotted path to the number in the JSON answer, such as `http.errorRate` (required with analysis: json)')
    if (query) throw new InputError('analysis-query', query, 'to be empty with analysis: json (analysis-field names the number)')
  }

  const max = decimal(input, 'analysis-max')
  const maxRatio = decimal(input, 'analysis-max-ratio')
  if (max === undefined && maxRatio === undefined)
    throw new InputError('analysis-max', '', 'an absolute limit (a number), or `analysis-max-ratio` for a limit relative to the baseline (at least one of the two)')
  if (maxRatio !== undefined && maxRatio <= 0)
    throw new InputError('analysis-max-ratio', input.raw('analysis-max-ratio'), 'a number above 0: the canary may be at most this many times the baseline median')
  const floor = decimal(input, 'analysis-baseline-floor')
  if (maxRatio !== undefined && !(floor !== undefined && floor > 0)) {
    throw new InputError(
      'analysis-baseline-floor',
      input.raw('analysis-baseline-floor'),
      'a number above 0 with analysis-max-ratio: the relative limit never goes below it, so a baseline of 0 does not fail every canary'
    )
  }

  // The last wave leaves no tenant on the release before: no baseline, so only an absolute limit can judge it.
  if (waves && max === undefined)
    throw new InputError(
      'analysis-max',
      '',
      'an absolute limit (a number) with analysis-waves: true: the last wave leaves no tenant on the release before, so it has no baseline and is judged by analysis-max alone'
    )

  if (common.mode === 'deploy' && rollout.canary.length === 0) throw new InputError('canary', '', 'at least one canary tenant with analysis (the analysis judges the canary during its soak)')
  if (rollout.soakMs <= 0) throw new InputError('canary-soak-seconds', input.raw('canary-soak-seconds'), 'a soak longer than 0 with analysis (the metric is read during the soak)')
  const intervalMs = input.seconds('analysis-interval-seconds', 30, { minMs: MIN_ANALYSIS_INTERVAL_MS })
  if (intervalMs > rollout.soakMs) {
    throw new InputError(
      'analysis-interval-seconds',
      input.raw('analysis-interval-seconds') || '30',
      `a number of seconds no longer than canary-soak-seconds (${rollout.soakMs / 1000}), or no sample is ever read`
    )
  }
  return {
    kind,
    url,
    query,
    field,
    headers: parseHeaders('analysis-headers', input.raw('analysis-headers')),
    thresholds: { max, maxRatio, floor: floor ?? 0 },
    intervalMs,
    consecutive: input.integer('analysis-consecutive', 2, 1, 1000),
    inconclusiveLimit: input.integer('analysis-inconclusive-limit', 2, 0, 1000),
    baselineSize: input.integer('analysis-baseline-size', 10, 1, 100),
    requestTimeoutMs: verify.requestTimeoutMs,
    waves
  }
}

/** A non-negative decimal number, or undefined when the input is empty. */
function decimal(input: InputReader, name: string): number | undefined {
  const value = input.raw(name)
  if (value === '') return undefined
  if (!NUMBER.test(value) || !Number.isFinite(Number(value))) throw new InputError(name, value, 'a number of 0 or more, decimals allowed (e.g. `0.05`)')
  return Number(value)
}
