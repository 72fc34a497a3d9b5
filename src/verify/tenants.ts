import type { Clock } from '../clock.js'
import { InputError, truncate } from '../errors.js'
import type { HttpClient } from '../http/client.js'
import { DEFAULT_RETRY, statusError, withRetry } from '../http/retry.js'
import type { VerifySettings } from '../settings/verify.js'

/**
 * The fleet's tenant names. A name is substituted into the build info URL (and, in deploy, into
 * redeploy requests and commands), so only DNS-label-like tokens are accepted: nothing that could add
 * a path segment, a user-info part, a port, a query or a fragment.
 */

const TENANT = /^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$/
const TENANT_FORM = 'a DNS-label-like tenant name: 1 to 63 letters, digits, `-` or `_`, starting and ending with a letter or digit'

/** Validates names from `input`; duplicates are refused case-insensitively, as host names compare. */
export function checkTenantNames(input: string, names: readonly string[]): string[] {
  const seen = new Map<string, string>()
  for (const name of names) {
    if (!TENANT.test(name)) throw new InputError(input, name, TENANT_FORM)
    const key = name.toLowerCase()
    const first = seen.get(key)
    if (first !== undefined) throw new InputError(input, name, `each tenant listed once (${JSON.stringify(first)} is already listed)`)
    seen.set(key, name)
  }
  return [...names]
}

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
  if (res.truncated) throw new InputError('tenants-url', url, `${LIST_FORM}; the answer is larger than 4 MiB`)
  const names = parseTenantList(res.body.toString('utf8'))
  if (names.length > 1) requireTenantPlaceholder(settings.buildinfoUrl)
  return names
}

/** With several tenants and no {tenant}, every tenant would be probed at the same URL. */
export function requireTenantPlaceholder(template: string): void {
  if (!template.includes('{tenant}')) {
    throw new InputError('buildinfo-url', template, 'a URL template containing {tenant} (otherwise every tenant is probed at the same URL)')
  }
}

/** The `tenants-url` answer: `["a","b"]` or `[{"name":"a"},...]`, non-empty, valid and unique names. */
export function parseTenantList(text: string): string[] {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    throw new InputError('tenants-url', truncate(text, 120), `${LIST_FORM}; the answer is not JSON`)
  }
  if (!Array.isArray(doc)) throw new InputError('tenants-url', truncate(text, 120), `${LIST_FORM}; the answer is not an array`)
  const names = doc.map((item: unknown) => {
    if (typeof item === 'string') return item.trim()
    if (item !== null && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string') return (item as { name: string }).name.trim()
    throw new InputError('tenants-url', truncate(JSON.stringify(item) ?? String(item), 120), `${LIST_FORM}; this entry is neither`)
  })
  if (names.length === 0) throw new InputError('tenants-url', truncate(text, 120), `${LIST_FORM}, with at least one tenant`)
  return checkTenantNames('tenants-url', names)
}
