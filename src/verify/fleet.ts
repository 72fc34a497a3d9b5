import pLimit from 'p-limit'
import type { Clock } from '../clock.js'
import type { VerifySettings } from '../settings/verify.js'
import { sameCommit } from '../forge/types.js'
import { ProbeWatch } from './probe-watch.js'
import { settleTenant } from './scheduler.js'
import type { AncestryOracle, Observation, TenantProber, TenantVerdict } from './types.js'

export const DEFAULT_CONCURRENCY = 64
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000

export interface VerifyFleetOptions {
  target: string
  prober: TenantProber
  ancestry: AncestryOracle
  clock: Clock
  budgetMs: number
  intervalMs: number
  /** Grace after the budget for the last request; also the clock-enforced limit of each request. */
  requestTimeoutMs?: number
  /** Requests in flight at once across the fleet; every tenant keeps its own schedule regardless. */
  concurrency?: number
  /** On abort no new request starts; every tenant is judged on what it reported so far. */
  signal?: AbortSignal
  onProgress?: (done: number, total: number, okSoFar: number) => void
  onObservation?: (tenant: string, obs: Observation) => void
}

/** The verifier's timing and throttling, as the settings give them. */
export function settleOptions(s: VerifySettings): Pick<VerifyFleetOptions, 'budgetMs' | 'intervalMs' | 'requestTimeoutMs' | 'concurrency'> {
  return { budgetMs: s.budgetMs, intervalMs: s.intervalMs, requestTimeoutMs: s.requestTimeoutMs, concurrency: s.concurrency }
}

/**
 * Verifies a whole fleet at once: every tenant runs its own settle loop from the same start, and only
 * the requests are throttled, so a fleet of thousands takes about one budget, not thousands.
 * Verdicts come back in the order of `tenants`; this never rejects for a tenant's sake.
 */
export async function verifyFleet(tenants: string[], opts: VerifyFleetOptions): Promise<TenantVerdict[]> {
  const limit = pLimit(opts.concurrency ?? DEFAULT_CONCURRENCY)
  const isAhead = memoiseAhead(opts.ancestry, opts.target)
  const run = {
    target: opts.target,
    prober: opts.prober,
    isAhead,
    clock: opts.clock,
    startedAt: opts.clock.now(),
    budgetMs: opts.budgetMs,
    intervalMs: opts.intervalMs,
    requestTimeoutMs: opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    limit,
    watch: new ProbeWatch(opts.clock, opts.signal),
    signal: opts.signal,
    onObservation: opts.onObservation
  }
  let done = 0
  let ok = 0
  return Promise.all(
    tenants.map(async (tenant) => {
      const v = await settleTenant(tenant, run)
      done += 1
      if (v.verdict === 'on-target' || v.verdict === 'ahead') ok += 1
      opts.onProgress?.(done, tenants.length, ok)
      return v
    })
  )
}

/**
 * A fleet reports a handful of distinct SHAs however many tenants it has, so each is asked of the
 * forge once per verification. A question the forge could not answer counts as "not ahead" for now
 * and is asked again at the next poll, so a brief forge outage cannot turn an ahead tenant stale.
 */
export function memoiseAhead(ancestry: AncestryOracle, target: string): (sha: string) => Promise<boolean> {
  const memo = new Map<string, Promise<boolean>>()
  return (sha) => {
    const key = sha.toLowerCase()
    let hit = memo.get(key)
    if (!hit) {
      hit = ancestry.isAhead(key, target).catch(() => {
        memo.delete(key)
        return false
      })
      memo.set(key, hit)
    }
    return hit
  }
}

export type Classification = 'on-target' | 'ahead' | 'behind-or-unknown' | 'unreadable'

/** One observation against the target, e.g. the read before a redeploy that must never go backward. */
export async function classify(obs: Observation, target: string, ancestry: AncestryOracle): Promise<Classification> {
  if (!obs.sha) return 'unreadable'
  if (sameCommit(obs.sha, target)) return 'on-target'
  return (await ancestry.isAhead(obs.sha, target).catch(() => false)) ? 'ahead' : 'behind-or-unknown'
}
