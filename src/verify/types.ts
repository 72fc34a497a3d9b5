/**
 * The verifier's vocabulary, shared by `mode: verify`, the rollout (which verifies each wave) and
 * reconcile (which reads every tenant once before deciding what to redeploy).
 */

/**
 * One verdict per tenant, decided when its budget ends (or as soon as it reports the target):
 * - `on-target`: it reported the target commit
 * - `ahead`: it reported a descendant of the target (the fleet already moved forward)
 * - `stale`: it answered with a SHA, but an older or unrelated one
 * - `unreachable`: no usable answer within the budget (timeouts, resets, errors, refused redirects)
 * - `invalid`: it answered 2xx, but no SHA could be read from the body
 */
export type Verdict = 'on-target' | 'ahead' | 'stale' | 'unreachable' | 'invalid'

export const OK_VERDICTS: ReadonlySet<Verdict> = new Set<Verdict>(['on-target', 'ahead'])

/** What one probe of one tenant saw. */
export interface Observation {
  /** The SHA read from the answer, lower case. */
  sha?: string
  /** HTTP status, when the tenant answered at all. */
  status?: number
  /** Why this answer is not usable (network error, status, unreadable body). */
  error?: string
}

export interface TenantVerdict {
  tenant: string
  verdict: Verdict
  /** The last SHA the tenant reported (for `stale`, the commit it is stuck on). */
  sha?: string
  polls: number
  /** Time from the start of verification to the answer that settled it (on-target/ahead only). */
  settleMs?: number
  lastError?: string
  /** The build info URL (without the cache-busting parameter). */
  url: string
  /** Time from the start of verification to the verdict. */
  elapsedMs: number
  /** Set when the run was cancelled before this tenant's budget ended. */
  cancelled?: boolean
}

export interface TenantProber {
  /** Never rejects: every failure is an Observation with `error`. */
  probe(tenant: string, signal?: AbortSignal): Promise<Observation>
  /** The URL a tenant is probed at, for reports. */
  urlFor?(tenant: string): string
}

/** The forge's answer to "is `candidate` a strict descendant of `target`?" (Ancestry satisfies it). */
export interface AncestryOracle {
  isAhead(candidate: string, target: string): Promise<boolean>
}

export function isOk(verdict: Verdict): boolean {
  return OK_VERDICTS.has(verdict)
}
