import type { Clock } from '../clock.js'
import { InputError } from '../errors.js'
import type { HttpClient } from '../http/client.js'
import { DEFAULT_RETRY, statusError, withRetry } from '../http/retry.js'
import { excerpt } from '../redact.js'
import { checkTenantNames, requireTenantPlaceholder } from '../settings/tenants.js'
import { shownUrl } from '../settings/secrets.js'
import type { VerifySettings } from '../settings/verify.js'

/**
 * The fleet's tenant names: the listed ones, or the answer of `tenants-url`, checked by the same rules
 * as the `tenants` input.
 */

const LIST_FORM = 'a URL answering a JSON array of tenant names (or of objects with a string `name`)'

/** Reads the tenant list from `tenants-url` (retrying transient errors) or returns the listed names. */
export async function loadTenants(settings: VerifySettings, http: HttpClient, clock: Clock, signal?: AbortSignal): Promise<string[]> {
  if (!settings.tenantsUrl) return settings.tenants
  const url = settings.tenantsUrl
  const res = await withRetry(
    async (_attempt, remainingMs) => {
      const r = await http.send({ url, timeoutMs: Math.min(settings.requestTimeoutMs, remainingMs), maxBodyBytes: 4 * 1024 * 1024, signal, headers: { accept: 'application/json' } })
      if (r.status < 200 || r.status > 299) throw statusError(`tenants-url ${new URL(url).origin}`, r)
      return r
    },
    { policy: DEFAULT_RETRY, clock, signal }
  )
  if (res.truncated) throw new InputError('tenants-url', shownUrl(url), `${LIST_FORM}; the answer is larger than 4 MiB`)
  const names = parseTenantList(res.body.toString('utf8'))
  if (names.length > 1) requireTenantPlaceholder(settings.buildinfoUrl)
  return names
}

/** The `tenants-url` answer: `["a","b"]` or `[{"name":"a"},...]`, non-empty, valid and unique names. */
export function parseTenantList(text: string): string[] {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    throw new InputError('tenants-url', excerpt(text, 120), `${LIST_FORM}; the answer is not JSON`)
  }
  if (!Array.isArray(doc)) throw new InputError('tenants-url', excerpt(text, 120), `${LIST_FORM}; the answer is not an array`)
  const names = doc.map((item: unknown) => {
    if (typeof item === 'string') return item.trim()
    if (item !== null && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string') return (item as { name: string }).name.trim()
    throw new InputError('tenants-url', excerpt(JSON.stringify(item) ?? String(item), 120), `${LIST_FORM}; this entry is neither`)
  })
  if (names.length === 0) throw new InputError('tenants-url', excerpt(text, 120), `${LIST_FORM}, with at least one tenant`)
  return checkTenantNames('tenants-url', names)
}
