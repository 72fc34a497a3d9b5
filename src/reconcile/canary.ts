import type { DriftEntry } from './drift.js'

/** The tenants reconcile rolls, and which of them go first as its canary. */
export interface ReconcilePlan {
  /** Every tenant the rollout touches, in the fleet's order: the behind ones, and an in-sync canary to verify. */
  fleet: string[]
  canary: string[]
  /** True when reconcile verifies a canary first because no record says one of the head verified. */
  canaryFirst: boolean
  /** One sentence saying which canary, and why, for the log. */
  note: string
}

/**
 * Pure. With a record that says a canary of the head verified, reconcile heals the behind tenants
 * directly (a configured canary among them still goes first, as in a deploy). Without one, it verifies
 * a canary first: the `canary` tenants of this job's fleet not ahead of the head (behind and unreachable
 * ones are redeployed, in-sync ones verified where they are, soaked either way), else the first behind
 * tenant, the first of its first wave. Other unreachable tenants are left alone, as always.
 */
export function planReconcile(drift: readonly DriftEntry[], configured: readonly string[], verified: boolean): ReconcilePlan {
  const behind = drift.filter((d) => d.state === 'behind').map((d) => d.tenant)
  if (verified || behind.length === 0) {
    const canary = configured.filter((c) => behind.includes(c))
    return { fleet: behind, canary, canaryFirst: false, note: canary.length ? `canary: ${canary.join(', ')}` : 'no canary' }
  }
  // A tenant ahead of the head serves a newer commit: no canary of the head. An unreachable one is tried, as a
  // deploy tries its canary: it may be down on this very build, and is then the failure that holds the head.
  const usable = new Set(drift.filter((d) => d.state !== 'ahead').map((d) => d.tenant))
  const chosen = configured.filter((c) => usable.has(c))
  const canary = chosen.length ? chosen : [behind[0]!]
  const skipped = configured.filter((c) => !usable.has(c))
  const why = chosen.length
    ? `the \`canary\` tenant(s) ${canary.join(', ')}`
    : `${canary[0]}, the first tenant of its first wave${configured.length ? ` (no \`canary\` tenant serves the head or older: ${skipped.join(', ')} ahead of it)` : ''}`
  const inCanary = new Set(canary)
  return {
    fleet: drift.map((d) => d.tenant).filter((t) => behind.includes(t) || inCanary.has(t)),
    canary,
    canaryFirst: true,
    note: `canary first: ${why}`
  }
}
