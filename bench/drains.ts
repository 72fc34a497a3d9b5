/**
 * The benchmark fleet's drain times: how long each tenant keeps serving its old commit after a
 * redeploy. Spread uniformly over a few seconds and shuffled by a seeded generator, so every run and
 * every contender sees the same fleet, and the serial loop does not meet the tenants in drain order.
 */

export const DRAIN_MIN_MS = 500
export const DRAIN_MAX_MS = 3000
const SEED = 0x5eed_2026

/** mulberry32: a tiny, well-known 32-bit generator; enough to spread drain times reproducibly. */
function generator(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Drain time of each of `count` tenants, in milliseconds, the same for the same count. */
export function drainTimes(count: number): number[] {
  const next = generator(SEED ^ count)
  return Array.from({ length: count }, () => Math.round(DRAIN_MIN_MS + next() * (DRAIN_MAX_MS - DRAIN_MIN_MS)))
}

/** The bound on requests to one tenant: every interval while it drains, plus two. */
export function requestBound(drainMs: number, intervalMs: number): number {
  return Math.ceil(drainMs / intervalMs) + 2
}

export function tenantNames(count: number): string[] {
  const width = String(count).length
  return Array.from({ length: count }, (_, i) => `tenant-${String(i + 1).padStart(width, '0')}`)
}
