import { errorMessage } from '../errors.js'
import type { HttpClient } from '../http/client.js'
import { excerpt } from '../redact.js'
import type { VerifySettings } from '../settings/verify.js'
import { commitVars, encodeUrlPart, render } from '../template.js'
import { extractSha } from './buildinfo.js'
import type { Observation, TenantProber } from './types.js'
import { runCounters } from '../report/counters.js'

/** Bodies past this are cut off and judged unreadable: build info is a few hundred bytes. */
export const MAX_BUILDINFO_BYTES = 64 * 1024

/** Query parameter that makes every probe URL unique, so no cache between us and the tenant can answer. */
export const CACHE_BUST_PARAM = 'rollout-guard-nocache'

/**
 * Probes one tenant's build info over the shared HTTP client. Every probe is fresh (cache-busting
 * parameter plus `cache-control: no-cache`), bounded in time and size, and follows redirects only
 * within the same origin so the extra headers (often credentials) never reach another host.
 */
export function createProber(settings: VerifySettings, http: HttpClient, targetSha: string): TenantProber {
  const vars = commitVars(targetSha, settings.environment)
  const headers = mergeHeaders({ accept: 'application/json, text/plain;q=0.9, */*;q=0.1', 'cache-control': 'no-cache', pragma: 'no-cache', 'user-agent': 'rollout-guard' }, settings.headers)
  let counter = 0
  const nonce = Date.now().toString(36)
  const urlFor = (tenant: string): string => render(settings.buildinfoUrl, { ...vars, tenant }, encodeUrlPart)

  return {
    urlFor,
    async probe(tenant: string, signal?: AbortSignal): Promise<Observation> {
      const url = new URL(urlFor(tenant))
      url.searchParams.set(CACHE_BUST_PARAM, `${nonce}-${(counter++).toString(36)}`)
      runCounters().buildinfoPolls++
      let res
      try {
        res = await http.send({ url, headers, timeoutMs: settings.requestTimeoutMs, maxBodyBytes: MAX_BUILDINFO_BYTES, signal, followSameOriginRedirects: true })
      } catch (error) {
        return { error: excerpt(errorMessage(error), 300) }
      }
      const status = res.status
      if (status < 200 || status > 299) {
        // Masked before it is cut: a page that echoes the token must not leave its first characters.
        const shown = excerpt(res.body.toString('utf8'), 120, { oneLine: true })
        return { status, error: `HTTP ${status}${shown ? `: ${shown}` : ''}` }
      }
      if (res.truncated) return { status, error: `the answer is larger than ${MAX_BUILDINFO_BYTES / 1024} KiB` }
      const found = extractSha(res.body.toString('utf8'), settings.buildinfoField)
      return 'sha' in found ? { status, sha: found.sha } : { status, error: found.problem }
    }
  }
}

/** Later names replace earlier ones case-insensitively, so a user's `Cache-Control` is not sent twice. */
function mergeHeaders(...sets: Record<string, string>[]): Record<string, string> {
  const out = new Map<string, [string, string]>()
  for (const set of sets) for (const [name, value] of Object.entries(set)) out.set(name.toLowerCase(), [name, value])
  return Object.fromEntries(out.values())
}
