import { errorMessage } from '../errors.js'
import type { HttpClient } from '../http/client.js'
import { excerpt } from '../redact.js'
import type { AnalysisSettings } from '../settings/analysis.js'
import { shownUrl } from '../settings/secrets.js'
import { commitVars, encodeUrlPart, render } from '../template.js'
import { readNumber } from './number.js'
import type { MetricReader, Reading } from './types.js'

/** A health document is small; a larger answer is not read (inconclusive). */
export const MAX_HEALTH_BYTES = 64 * 1024

/**
 * Reads one tenant's metric from a plain JSON endpoint of its own: `analysis-url` rendered for the
 * tenant, the number at the dotted `analysis-field` path. Redirects are followed within the origin only,
 * as for build info, so the extra headers never reach another host.
 */
export function jsonReader(settings: AnalysisSettings, http: HttpClient, target: { sha: string; environment: string }): MetricReader {
  const vars = commitVars(target.sha, target.environment)
  return {
    // For the report and the log: never the URL's user-info or query, which may hold credentials.
    source: shownUrl(settings.url).replace(/%7B/gi, '{').replace(/%7D/gi, '}'),
    async read(tenant: string, signal?: AbortSignal): Promise<Reading> {
      const url = render(settings.url, { ...vars, tenant }, encodeUrlPart)
      let res
      try {
        res = await http.send({
          url,
          headers: { accept: 'application/json', 'cache-control': 'no-cache', ...settings.headers },
          timeoutMs: settings.requestTimeoutMs,
          maxBodyBytes: MAX_HEALTH_BYTES,
          signal,
          followSameOriginRedirects: true
        })
      } catch (error) {
        return { problem: `no answer: ${excerpt(errorMessage(error), 200, { oneLine: true })}` }
      }
      const text = res.body.toString('utf8')
      if (res.status < 200 || res.status > 299) {
        const shown = excerpt(text, 120, { oneLine: true })
        return { problem: `HTTP ${res.status}${shown ? `: ${shown}` : ''}` }
      }
      if (res.truncated) return { problem: `the answer is larger than ${MAX_HEALTH_BYTES / 1024} KiB` }
      return fromJson(text, settings.field)
    }
  }
}

/** The number at `field` (a dotted path) in a JSON text. Pure: tested on answers row by row. */
export function fromJson(text: string, field: string): Reading {
  let node: unknown
  try {
    node = JSON.parse(text)
  } catch {
    return { problem: `the answer is not JSON: ${JSON.stringify(excerpt(text, 60, { oneLine: true }))}` }
  }
  for (const key of field.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !Object.hasOwn(node, key)) return { problem: `the answer has no ${field}` }
    node = (node as Record<string, unknown>)[key]
  }
  return readNumber(node, field)
}
