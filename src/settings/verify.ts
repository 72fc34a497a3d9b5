import { InputError } from '../errors.js'
import { checkTemplate, encodeUrlPart, render } from '../template.js'
import type { CommonSettings } from './common.js'
import { parseHeaders } from './headers.js'
import { type Env, InputReader, parseHttpUrl } from './reader.js'
import { shownUrl } from './secrets.js'
import { checkTenantNames, requireTenantPlaceholder } from './tenants.js'

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
  /** Consecutive answers on the target (or ahead) before a tenant counts as verified. */
  confirmations: number
}

/** Requests in flight at once across the fleet, unless a caller chooses otherwise. */
export const DEFAULT_CONCURRENCY = 64
/**
 * Smallest durations accepted, in milliseconds: below them a value does harm rather than what was
 * meant (an interval of 0.1 ms is a poll storm; a timeout of 0.1 ms judges a healthy tenant
 * unreachable). Far below what a real fleet uses, and still short enough for tests on loopback.
 */
export const MIN_BUDGET_MS = 100
export const MIN_INTERVAL_MS = 50
export const MIN_REQUEST_TIMEOUT_MS = 100
export const MAX_CONFIRMATIONS = 100

export const BUILDINFO_PLACEHOLDERS = ['tenant', 'sha', 'sha7', 'environment'] as const

const FIELD_PATH = /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/
const SAMPLE_SHA = '0123456789abcdef0123456789abcdef01234567'

export function parseVerify(env: Env, common: CommonSettings): VerifySettings {
  const input = new InputReader(env)
  const tenantsRaw = input.raw('tenants')
  const tenantsUrlRaw = input.raw('tenants-url')
  if (tenantsRaw && tenantsUrlRaw) throw new InputError('tenants-url', shownUrl(tenantsUrlRaw), 'to be empty when `tenants` is given (use one of the two)')
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

  const headers = parseHeaders('buildinfo-headers', input.raw('buildinfo-headers'))

  const budgetMs = input.seconds('settle-budget-seconds', 240, { minMs: MIN_BUDGET_MS })
  const intervalMs = input.seconds('settle-interval-seconds', 20, { minMs: MIN_INTERVAL_MS })
  if (intervalMs > budgetMs) {
    throw new InputError('settle-interval-seconds', input.raw('settle-interval-seconds') || '20', `a number of seconds no longer than settle-budget-seconds (${budgetMs / 1000})`)
  }
  const requestTimeoutMs = input.seconds('request-timeout-seconds', 10, { minMs: MIN_REQUEST_TIMEOUT_MS })
  const confirmations = input.integer('settle-confirmations', 1, 1, MAX_CONFIRMATIONS)
  // The confirming answers come one interval apart: they must fit in the budget, or no tenant could pass.
  if ((confirmations - 1) * intervalMs > budgetMs) {
    const most = Math.floor(budgetMs / intervalMs) + 1
    throw new InputError(
      'settle-confirmations',
      String(confirmations),
      `at most ${most}: ${confirmations} answers one settle-interval-seconds (${intervalMs / 1000}) apart do not fit in settle-budget-seconds (${budgetMs / 1000})`
    )
  }

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
    concurrency: DEFAULT_CONCURRENCY,
    confirmations
  }
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
