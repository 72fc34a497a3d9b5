import { InputError } from '../errors.js'
import { checkTemplate, encodeUrlPart, render } from '../template.js'
import { DEFAULT_CONCURRENCY } from '../verify/fleet.js'
import { checkTenantNames, requireTenantPlaceholder } from '../verify/tenants.js'
import type { CommonSettings } from './common.js'
import { type Env, InputReader, parseHttpUrl } from './reader.js'

/** The settle verifier's inputs (`mode: verify`, and the verify phases of deploy and reconcile). */
export interface VerifySettings {
  /** Validated names from `tenants`; empty when they come from `tenantsUrl`. */
  tenants: string[]
  tenantsUrl?: string
  /** URL template with {tenant}, {sha}, {sha7}, {environment}. */
  buildinfoUrl: string
  /** `auto`, or a dotted path into the JSON answer. */
  buildinfoField: string
  /** Extra request headers for build info requests only; their values are secrets. */
  headers: Record<string, string>
  budgetMs: number
  intervalMs: number
  requestTimeoutMs: number
  environment: string
  /** Requests in flight at once across the fleet (not tenants tracked, which is unbounded). */
  concurrency: number
}

export const BUILDINFO_PLACEHOLDERS = ['tenant', 'sha', 'sha7', 'environment'] as const

const FIELD_PATH = /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/
/** Headers that would change where or how the request goes rather than what it says. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade', 'expect'])
const SAMPLE_SHA = '0123456789abcdef0123456789abcdef01234567'

export function parseVerify(env: Env, common: CommonSettings): VerifySettings {
  const input = new InputReader(env)
  const tenantsRaw = input.raw('tenants')
  const tenantsUrlRaw = input.raw('tenants-url')
  if (tenantsRaw && tenantsUrlRaw) throw new InputError('tenants-url', tenantsUrlRaw, 'to be empty when `tenants` is given (use one of the two)')
  const tenants = checkTenantNames('tenants', input.list('tenants'))
  let tenantsUrl: string | undefined
  if (tenantsUrlRaw) tenantsUrl = parseHttpUrl('tenants-url', tenantsUrlRaw).toString()
  else if (tenants.length === 0) {
    throw new InputError('tenants', tenantsRaw, 'at least one tenant name (newline, comma or space separated, or a JSON array), or a `tenants-url`')
  }

  const buildinfoUrl = input.raw('buildinfo-url')
  checkBuildinfoUrl(buildinfoUrl, common.target.environment)
  if (tenants.length > 1) requireTenantPlaceholder(buildinfoUrl)

  const buildinfoField = input.string('buildinfo-field', 'auto')
  if (buildinfoField !== 'auto' && !FIELD_PATH.test(buildinfoField)) {
    throw new InputError('buildinfo-field', buildinfoField, '`auto` or a dotted path such as `build.git.sha`')
  }

  const headers = input.headers('buildinfo-headers')
  for (const name of Object.keys(headers)) {
    if (RESERVED_HEADERS.has(name.toLowerCase())) {
      throw new InputError('buildinfo-headers', `${name}: ***`, `headers other than ${[...RESERVED_HEADERS].join(', ')}`)
    }
  }

  const budgetMs = input.seconds('settle-budget-seconds', 240)
  const intervalMs = input.seconds('settle-interval-seconds', 20)
  if (intervalMs > budgetMs) {
    throw new InputError('settle-interval-seconds', input.raw('settle-interval-seconds') || '20', `a positive number of seconds no longer than settle-budget-seconds (${budgetMs / 1000})`)
  }
  const requestTimeoutMs = input.seconds('request-timeout-seconds', 10)

  return {
    tenants,
    tenantsUrl,
    buildinfoUrl,
    buildinfoField,
    headers,
    budgetMs,
    intervalMs,
    requestTimeoutMs,
    environment: common.target.environment,
    concurrency: DEFAULT_CONCURRENCY
  }
}

/** Header values to mask: the whole value and, for `Scheme token` values, the token alone. */
export function verifySecrets(settings: VerifySettings): string[] {
  const out: string[] = []
  for (const value of Object.values(settings.headers)) {
    if (!value) continue
    out.push(value)
    const m = /^\S+\s+(\S{6,})$/.exec(value)
    if (m) out.push(m[1]!)
  }
  return out
}

function checkBuildinfoUrl(template: string, environment: string): void {
  const expected = 'an http(s) URL template such as `https://{tenant}.example.com/buildinfo`'
  if (!template) throw new InputError('buildinfo-url', template, expected)
  checkTemplate('buildinfo-url', template, BUILDINFO_PLACEHOLDERS)
  // Rendered with sample values so that a placeholder in the scheme or an empty host is caught now.
  const sample = render(template, { tenant: 'tenant-1', sha: SAMPLE_SHA, sha7: SAMPLE_SHA.slice(0, 7), environment }, encodeUrlPart)
  let url: URL
  try {
    url = parseHttpUrl('buildinfo-url', sample)
  } catch {
    throw new InputError('buildinfo-url', template, expected)
  }
  if (!url.hostname) throw new InputError('buildinfo-url', template, expected)
}
