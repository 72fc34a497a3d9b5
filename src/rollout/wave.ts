import pLimit from 'p-limit'
import { DEFAULT_CONCURRENCY, DEFAULT_REQUEST_TIMEOUT_MS, memoiseAhead, type VerifyFleetOptions } from '../verify/fleet.js'
import { ProbeWatch } from '../verify/probe-watch.js'
import { settleTenant } from '../verify/scheduler.js'
import type { TenantVerdict } from '../verify/types.js'

/**
 * Verification for one wave, tenant by tenant: each tenant's settle loop (and its budget) starts the
 * moment its redeploy is accepted, instead of when the slowest redeploy of its wave comes back. The
 * wave shares one bound on requests in flight and one memo of "is this SHA ahead?", as verifyFleet's
 * single batch does, so a wave of thousands asks the forge about the old commit once, not per tenant.
 */
export interface TenantVerifier {
  verify(tenant: string): Promise<TenantVerdict>
  /** A tenant of the wave that will not be verified (its redeploy failed): it counts as done, not OK. */
  pass(): void
}

export function waveVerifier(total: number, opts: VerifyFleetOptions): TenantVerifier {
  const base = {
    target: opts.target,
    prober: opts.prober,
    isAhead: memoiseAhead(opts.ancestry, opts.target),
    clock: opts.clock,
    budgetMs: opts.budgetMs,
    intervalMs: opts.intervalMs,
    requestTimeoutMs: opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    limit: pLimit(opts.concurrency ?? DEFAULT_CONCURRENCY),
    watch: new ProbeWatch(opts.clock, opts.signal),
    signal: opts.signal,
    onObservation: opts.onObservation
  }
  let done = 0
  let ok = 0
  opts.onProgress?.(0, total, 0)
  return {
    async verify(tenant) {
      const v = await settleTenant(tenant, { ...base, startedAt: opts.clock.now() })
      done += 1
      if (v.verdict === 'on-target' || v.verdict === 'ahead') ok += 1
      opts.onProgress?.(done, total, ok)
      return v
    },
    pass() {
      done += 1
      opts.onProgress?.(done, total, ok)
    }
  }
}
