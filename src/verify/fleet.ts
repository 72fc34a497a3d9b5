import type { Clock } from '../clock.js'
import { sameCommit } from '../forge/types.js'
import { DEFAULT_CONCURRENCY, type VerifySettings } from '../settings/verify.js'
import { AheadMemo } from './ahead.js'
import { type SettleReport, settleTenant } from './scheduler.js'
import type { AncestryOracle, Observation, TenantProber, TenantVerdict } from './types.js'
import { Slots } from './slots.js'
import { Wakeups } from './wakeups.js'

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
  /** Consecutive answers on the target (or ahead) before a tenant is verified; 1 by default. */
  confirmations?: number
  /** On abort no new request starts; every tenant is judged on what it reported so far. */
  signal?: AbortSignal
  onProgress?: (done: number, total: number, okSoFar: number) => void
  onObservation?: (tenant: string, obs: Observation) => void
}

/** The verifier's timing and throttling, as the settings give them. */
export function settleOptions(s: VerifySettings): Pick<VerifyFleetOptions, 'budgetMs' | 'intervalMs' | 'requestTimeoutMs' | 'concurrency' | 'confirmations'> {
  return { budgetMs: s.budgetMs, intervalMs: s.intervalMs, requestTimeoutMs: s.requestTimeoutMs, concurrency: s.concurrency, confirmations: s.confirmations }
}

/**
 * Verifies a whole fleet at once: every tenant runs its own settle loop from the same start, and only
 * the requests are throttled, so a fleet of thousands takes about one budget, not thousands.
 * Verdicts come back in the order of `tenants`; this never rejects for a tenant's sake.
 */
export function verifyFleet(tenants: string[], opts: VerifyFleetOptions): Promise<TenantVerdict[]> {
  const verifier = fleetVerifier(tenants.length, opts)
  const delay = firstPollDelay(tenants.length, opts.concurrency ?? DEFAULT_CONCURRENCY, opts.intervalMs)
  // One promise for the fleet rather than one per tenant: at 10,000 tenants the per-tenant promises and
  // Promise.all's reactions were a measurable share of the live heap.
  return new Promise((resolve, reject) => {
    const verdicts = new Array<TenantVerdict>(tenants.length)
    let left = tenants.length
    if (left === 0) return resolve(verdicts)
    tenants.forEach((tenant, i) =>
      verifier.start(tenant, delay(i), {
        done: (v) => {
          verdicts[i] = v
          if (--left === 0) resolve(verdicts)
        },
        failed: reject
      })
    )
  })
}

/**
 * When the i-th tenant of a fleet verified at once sends its first poll. A fleet no larger than the
 * requests allowed in flight starts at once. A larger one starts in batches of that size spread evenly
 * over the first interval: 10,000 first polls queued at the same instant held 10,000 pending requests
 * in memory (most of the verifier's peak RSS) and hit the fleet's edge as one burst, for nothing, since
 * only `concurrency` of them can be in flight anyway. A tenant's later polls keep its phase, so a tenant
 * that goes live is still seen within one interval, and the verdict time of the fleet does not change.
 */
export function firstPollDelay(total: number, concurrency: number, intervalMs: number): (index: number) => number {
  const batches = Math.ceil(total / Math.max(1, concurrency))
  if (batches <= 1) return () => 0
  return (index) => Math.floor((Math.floor(index / concurrency) * intervalMs) / batches)
}

/**
 * Verification tenant by tenant, for a wave: each tenant's settle loop (and its budget) starts the
 * moment it is handed over, e.g. as soon as its redeploy is accepted instead of when the slowest
 * redeploy of its wave comes back. The tenants share one bound on requests in flight and one memo of
 * "is this SHA ahead?", so a wave of thousands asks the forge about the old commit once, not per tenant.
 */
export interface TenantVerifier {
  /** `firstPollDelayMs`: when its first poll is due, counted from now like its budget. */
  verify(tenant: string, firstPollDelayMs?: number): Promise<TenantVerdict>
  /** A tenant that will not be verified (its redeploy failed): it counts as done, not OK. */
  pass(): void
  /** `verify` without a promise of its own: the verdict goes to `report`. */
  start(tenant: string, firstPollDelayMs: number, report: SettleReport): void
}

export function fleetVerifier(total: number, opts: VerifyFleetOptions): TenantVerifier {
  const run = {
    target: opts.target,
    prober: opts.prober,
    ahead: new AheadMemo(opts.ancestry, opts.target),
    clock: opts.clock,
    wakeups: new Wakeups(opts.clock, opts.signal),
    budgetMs: opts.budgetMs,
    intervalMs: opts.intervalMs,
    requestTimeoutMs: opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    confirmations: opts.confirmations ?? 1,
    slots: new Slots(opts.concurrency ?? DEFAULT_CONCURRENCY),
    signal: opts.signal,
    onObservation: opts.onObservation
  }
  let done = 0
  let ok = 0
  const progressed = (good: boolean): void => {
    done += 1
    if (good) ok += 1
    opts.onProgress?.(done, total, ok)
  }
  const start = (tenant: string, firstPollDelayMs: number, report: SettleReport): void => {
    const counted: SettleReport = {
      done: (v) => {
        progressed(v.verdict === 'on-target' || v.verdict === 'ahead')
        report.done(v)
      },
      failed: report.failed
    }
    settleTenant(tenant, run, { startedAt: opts.clock.now(), firstPollDelayMs }, counted)
  }
  return {
    verify: (tenant, firstPollDelayMs = 0) => new Promise((resolve, reject) => start(tenant, firstPollDelayMs, { done: resolve, failed: reject })),
    pass: () => progressed(false),
    start
  }
}

export type Classification = 'on-target' | 'ahead' | 'behind-or-unknown' | 'unreadable'

/** One observation against the target, e.g. the read before a redeploy that must never go backward. */
export async function classify(obs: Observation, target: string, ancestry: AncestryOracle): Promise<Classification> {
  if (!obs.sha) return 'unreadable'
  if (sameCommit(obs.sha, target)) return 'on-target'
  return (await ancestry.isAhead(obs.sha, target).catch(() => false)) ? 'ahead' : 'behind-or-unknown'
}
