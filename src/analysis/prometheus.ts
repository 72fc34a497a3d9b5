import { errorMessage } from '../errors.js'
import type { HttpClient } from '../http/client.js'
import { excerpt } from '../redact.js'
import type { AnalysisSettings } from '../settings/analysis.js'
import { shownUrl } from '../settings/secrets.js'
import { commitVars, encodeJsonString, render } from '../template.js'
import { readNumber } from './number.js'
import type { MetricReader, Reading } from './types.js'

/** A query result is one number: a few hundred bytes. A larger answer is not read (inconclusive). */
export const MAX_PROMETHEUS_BYTES = 256 * 1024

/**
 * Reads one tenant's metric from Prometheus' HTTP API: an instant query (`GET /api/v1/query`) of the
 * `analysis-query` template with the tenant's name put inside PromQL string quotes. The answer must be
 * one number: a scalar, or a vector of exactly one series (prometheus.io/docs/prometheus/latest/querying/api/).
 * No series, several, `NaN`, an error status or an unreadable body is a `problem`: an inconclusive sample.
 */
export function prometheusReader(settings: AnalysisSettings, http: HttpClient, target: { sha: string; environment: string }): MetricReader {
  const base = settings.url.replace(/\/+$/, '')
  const vars = commitVars(target.sha, target.environment)
  return {
    // For the report and the log: never the URL's user-info or query, which may hold credentials.
    source: `${shownUrl(base).replace(/\/+$/, '')}/api/v1/query`,
    async read(tenant: string, signal?: AbortSignal): Promise<Reading> {
      // Tenant names are DNS-label-like already; the JSON string escape also keeps a PromQL string closed.
      const query = render(settings.query, { ...vars, tenant }, encodeJsonString)
      const url = new URL(`${base}/api/v1/query`)
      url.searchParams.set('query', query)
      let res
      try {
        res = await http.send({ url, headers: { accept: 'application/json', ...settings.headers }, timeoutMs: settings.requestTimeoutMs, maxBodyBytes: MAX_PROMETHEUS_BYTES, signal })
      } catch (error) {
        return { problem: `Prometheus did not answer: ${excerpt(errorMessage(error), 200, { oneLine: true })}` }
      }
      if (res.truncated) return { problem: `the Prometheus answer is larger than ${MAX_PROMETHEUS_BYTES / 1024} KiB` }
      const text = res.body.toString('utf8')
      let doc: unknown
      try {
        doc = JSON.parse(text)
      } catch {
        return { problem: `Prometheus answered HTTP ${res.status} without JSON: ${JSON.stringify(excerpt(text, 120, { oneLine: true }))}` }
      }
      return fromQueryAnswer(res.status, doc)
    }
  }
}

/** The number in an instant query's answer, or why there is none. Pure: tested on recorded answers. */
export function fromQueryAnswer(status: number, doc: unknown): Reading {
  const d = (doc ?? {}) as { status?: unknown; error?: unknown; errorType?: unknown; data?: { resultType?: unknown; result?: unknown } }
  if (d.status !== 'success') {
    const why = typeof d.error === 'string' ? excerpt(d.error, 200, { oneLine: true }) : 'no error given'
    return { problem: `Prometheus refused the query (HTTP ${status}${typeof d.errorType === 'string' ? `, ${excerpt(d.errorType, 40, { oneLine: true })}` : ''}): ${why}` }
  }
  const type = d.data?.resultType
  const result = d.data?.result
  if (type === 'scalar') return fromSample(result)
  if (type !== 'vector' || !Array.isArray(result))
    return { problem: `the query gave a ${typeof type === 'string' ? excerpt(type, 20) : 'malformed'} result, not one number (a scalar or a vector of one series)` }
  if (result.length === 0) return { problem: 'the query gave no series (no samples for this tenant yet, or a label that does not match)' }
  if (result.length > 1) return { problem: `the query gave ${result.length} series; it must give one per tenant (aggregate it, e.g. with sum())` }
  return fromSample((result[0] as { value?: unknown }).value)
}

/** `[ <unix time>, "<value>" ]`: Prometheus sends the value as a string. */
function fromSample(sample: unknown): Reading {
  if (!Array.isArray(sample) || sample.length !== 2) return { problem: 'the query result has no [time, value] sample' }
  return readNumber(sample[1], 'the query result')
}
