import { InputError } from '../errors.js'

/**
 * Tenant names, as inputs (`tenants`, `canary`) and the `tenants-url` answer give them. A name is
 * substituted into the build info URL (and, in deploy, into redeploy requests and commands), so only
 * DNS-label-like tokens are accepted: nothing that could add a path segment, a user-info part, a port,
 * a query or a fragment. The verifier uses these checks; they live with the settings, which own them.
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

/** With several tenants and no {tenant}, every tenant would be probed at the same URL. */
export function requireTenantPlaceholder(template: string): void {
  if (!template.includes('{tenant}')) {
    throw new InputError('buildinfo-url', template, 'a URL template containing {tenant} (otherwise every tenant is probed at the same URL)')
  }
}
