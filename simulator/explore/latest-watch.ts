import { commitName, order } from './commits.js'
import type { Violation } from './world.js'

/**
 * What `:latest` may hold, judged from the world (ground truth), whoever writes it (a whole-fleet deploy
 * job, a sharded deploy's promote job, a reconcile): the images only move to a commit the fleet showed
 * healthy, and never while a newer commit owns the branch.
 *
 * - **Only a verified build** (`unverified-promotion`): `:latest` moves to a commit X only once the canary
 *   answered `/buildinfo` healthy on X, and every tenant answered healthy on X or on a newer commit (the
 *   tenants a job verifies before it promotes: a whole-fleet deploy its fleet, a sharded deploy's promote
 *   job after every shard job verified its shard, reconcile the drift it healed). An answer is the world's
 *   own: a tenant on a build that never comes up never gives one.
 * - **Never once superseded** (`superseded-promotion`): no write of `:latest` to X is sent while a commit
 *   newer than X owns the branch. The one window the design documents (README, "Can a job that was
 *   superseded still write `:latest`?") is a write already in flight when the newer commit lands, which
 *   is judged at the send; not without the gate (`superseded-check: false`), which promises nothing here.
 */
export class LatestWatch {
  /** Per tenant, the commits it answered healthy on. */
  private readonly healthy = new Map<string, Set<string>>()
  private cached: string | undefined

  constructor(
    private readonly violations: Violation[],
    private readonly fleet: { tenants: readonly string[]; canary: string; ownership: boolean }
  ) {}

  /** A `/buildinfo` answer: `tenant` served `sha`, healthy. */
  probed(tenant: string, sha: string): void {
    const seen = this.healthy.get(tenant) ?? new Set<string>()
    if (seen.has(sha)) return
    seen.add(sha)
    this.healthy.set(tenant, seen)
    this.cached = undefined
  }

  /** A write of `:latest` to the image of `revision` leaves `job` while `head` owns the branch. */
  sending(job: string, revision: string | undefined, head: string): void {
    if (!this.fleet.ownership || !revision || order(head) <= order(revision)) return
    this.violations.push({
      invariant: 'superseded-promotion',
      detail: `job ${job} sent a write of latest to ${commitName(revision)} while ${commitName(head)} owned the branch`
    })
  }

  /** `:latest` moves to the image of `revision`, written by `job`. */
  moved(job: string, revision: string | undefined): void {
    if (!revision) return
    const { canary, tenants } = this.fleet
    const short = (sha: string): string => commitName(sha)
    if (!this.healthy.get(canary)?.has(revision)) {
      this.violations.push({ invariant: 'unverified-promotion', detail: `latest moved to ${short(revision)} (written by ${job}), and the canary ${canary} never answered healthy on it` })
      return
    }
    const unseen = tenants.filter((t) => ![...(this.healthy.get(t) ?? [])].some((s) => order(s) >= order(revision)))
    if (unseen.length) {
      this.violations.push({
        invariant: 'unverified-promotion',
        detail: `latest moved to ${short(revision)} (written by ${job}), and ${unseen.join(', ')} never answered healthy on it or a newer commit`
      })
    }
  }

  snapshot(): string {
    this.cached ??= [...this.healthy]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([t, s]) => `${t}:${[...s].map(commitName).sort().join('/')}`)
      .join(',')
    return this.cached
  }
}
