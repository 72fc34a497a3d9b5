import { sameCommit } from '../../src/forge/types.js'
import { digestOf } from '../../src/registry/media.js'
import { COMMITS, commitName, HISTORY, order } from './commits.js'
import { DeployWatch } from './deploy-watch.js'
import { LatestWatch } from './latest-watch.js'
import { Records } from './records.js'

/**
 * The outside world of the explorer, as plain data: one linear history (C0 < A < B), the branch head,
 * what each tenant serves, the registry's tags, and the deploy records on the forge (records.ts). Every
 * change goes through a method here, so the
 * invariants are checked at the moment a change happens (not sampled afterwards), and `snapshot()`
 * gives the part of the state the state hash needs.
 */

export { COMMITS, type CommitName, commitName, HISTORY, order } from './commits.js'

export const REPOSITORY = 'acme/app'
/** Wall-clock time at virtual time 0 (a whole second): what records are stamped with. */
export const WALL_EPOCH = Date.UTC(2026, 0, 5, 9, 0, 0)
export const SOURCE_TAG = (sha: string): string => `staging-${sha.slice(0, 7)}`
export const LATEST = 'latest'
export const MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json'

/** An OCI image manifest carrying the revision annotation promotion judges by. */
export function imageOf(sha: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MANIFEST_TYPE,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${'0'.repeat(64)}`, size: 2 },
      layers: [],
      annotations: { 'org.opencontainers.image.revision': sha }
    })
  )
}

export interface Violation {
  invariant:
    | 'backward'
    | 'rejected-commit'
    | 'latest-backward'
    | 'stale-evidence'
    | 'superseded-send'
    | 'job-result'
    | 'report'
    | 'deadlock'
    | 'deployed-not-converged'
    | 'newest-not-deployed'
    | 'reconcile-ignored-deploy'
    | 'reconcile-past-wave'
    | 'unrecorded-send'
    | 'false-rejection'
    | 'broken-rollout'
    | 'lost-end'
    | 'unverified-promotion'
    | 'superseded-promotion'
    | 'doubled-record'
  detail: string
}

export interface InvariantOptions {
  /**
   * A failed canary may be returned to the stable release: the commit it served just before the job's
   * redeploy, or the one `latest` holds (a restore, not a rollback of someone else's work). Off: that move
   * counts as backward too.
   */
  allowCanaryRestore: boolean
  /**
   * `never`: no tenant ever moves to an ancestor of what it serves (a compare-and-set control plane).
   * `healed`: without compare-and-set a redeploy sent inside the one-round-trip window may still land
   * late (README, "How large is the window"); then the owning job must have healed it by the end.
   */
  backward: 'never' | 'healed'
  /** A side effect must rest on a head read at most this old (virtual ms). */
  maxEvidenceAgeMs: number
  canary: string
}

/** What one job last learned about the branch owner: the base of every side effect it sends. */
interface Evidence {
  at: number
  /** The head read, or undefined when the read failed (the fail-safe "unreadable" path). */
  head: string | undefined
}

export class World {
  head: string = COMMITS.A
  readonly serving = new Map<string, string>()
  readonly tags = new Map<string, string>()
  readonly blobs = new Map<string, Buffer>()
  /** Commits whose own deploy job ended `failed`. */
  readonly rejected = new Set<string>()
  /** For the canary-restore exception: what each job found each tenant serving before it moved it. */
  readonly firstBefore = new Map<string, string>()
  readonly evidence = new Map<string, Evidence>()
  /**
   * Jobs whose head read was answered at least once. A job the forge never told the head is under the
   * documented outage fail-safe (docs/ownership-evidence.md: an outage is not "superseded"; a deploy's
   * redeploys proceed as the owner, loudly): its redeploys are not judged by the age of evidence it could not
   * have. Its registry writes are: a tag is never moved without the forge's answer (src/modes/promotion-step.ts).
   */
  readonly sighted = new Set<string>()
  readonly violations: Violation[] = []
  /** The deploy records on the forge (check runs and commit statuses). */
  readonly records: Records
  /** What reconcile promises about live and rejected deploys, judged from the truth of the execution. */
  readonly watch = new DeployWatch(this.violations)
  /** Commits whose build never comes up on some tenants only, and which. */
  readonly brokenOn = new Map<string, ReadonlySet<string>>()
  /** Reconcile jobs: judged by the watch for a rejected head (they may finish the wave under way). */
  readonly reconcilers = new Set<string>()
  /** Promote jobs: no re-run of a rejecting job, so their own commit's rejection is not theirs to lift. */
  readonly promoters = new Set<string>()
  /** What `:latest` may hold, from what the tenants answered and who owns the branch (latest-watch.ts). */
  readonly latest: LatestWatch

  constructor(
    tenants: readonly string[],
    private readonly opts: InvariantOptions,
    /** Commits whose image never becomes healthy: a tenant on it answers /buildinfo with 503. */
    readonly broken: ReadonlySet<string>,
    private readonly now: () => number
  ) {
    this.records = new Records(() => WALL_EPOCH + now())
    // Without the gate (an infinite evidence bound) nothing promises who may write: only forward-only is judged.
    this.latest = new LatestWatch(this.violations, { tenants, canary: opts.canary, ownership: Number.isFinite(opts.maxEvidenceAgeMs) })
    for (const t of tenants) this.serving.set(t, COMMITS.C0)
    for (const sha of HISTORY) this.put(SOURCE_TAG(sha), imageOf(sha))
    this.put(LATEST, imageOf(COMMITS.C0))
  }

  private put(tag: string, bytes: Buffer): string {
    const digest = digestOf(bytes)
    this.blobs.set(digest, bytes)
    this.tags.set(tag, digest)
    return digest
  }

  /** True when `sha`'s build never comes up on `tenant`: it answers /buildinfo with 503. */
  crashes(sha: string, tenant: string): boolean {
    return this.broken.has(sha) || (this.brokenOn.get(sha)?.has(tenant) ?? false)
  }

  /** True when `sha`'s build fails somewhere: a commit whose deploy may rightly be rejected. */
  private failsSomewhere(sha: string): boolean {
    return this.broken.has(sha) || this.brokenOn.has(sha)
  }

  /**
   * The `Date` header of an answer the forge gives now: its own clock (the virtual time from WALL_EPOCH),
   * whole seconds (RFC 9110 §5.6.7 IMF-fixdate), whatever the asking runner's clock says.
   */
  forgeDate(): string {
    return new Date(this.forgeMs()).toUTCString()
  }

  /** The forge's own time in epoch ms (a rate limit's reset is on it). */
  forgeMs(): number {
    return WALL_EPOCH + this.now()
  }

  manifest(ref: string): Buffer | undefined {
    const digest = ref.startsWith('sha256:') ? ref : this.tags.get(ref)
    return digest ? this.blobs.get(digest) : undefined
  }

  land(sha: string): void {
    this.head = sha
  }

  readHead(job: string, ok: boolean): void {
    this.evidence.set(job, { at: this.now(), head: ok ? this.head : undefined })
    if (ok) this.sighted.add(job)
  }

  /** Checked for every redeploy and registry write as it reaches the outside world. */
  sideEffect(job: string, jobSha: string, what: string, kind: 'redeploy' | 'tag'): void {
    const e = this.evidence.get(job)
    const age = e ? this.now() - e.at : Number.POSITIVE_INFINITY
    const failSafe = !this.sighted.has(job) && kind === 'redeploy'
    if (age > this.opts.maxEvidenceAgeMs && !failSafe) {
      this.violations.push({
        invariant: 'stale-evidence',
        detail: `job ${commitName(jobSha)} sent ${what} on a head read ${e ? `${age} ms old` : 'never made'} (limit ${this.opts.maxEvidenceAgeMs} ms)`
      })
    }
    if (e?.head && order(e.head) > order(jobSha)) {
      this.violations.push({ invariant: 'superseded-send', detail: `job ${commitName(jobSha)} sent ${what} after reading ${commitName(e.head)} at the head` })
    }
  }

  /** A redeploy the control plane applies: forward-only, never onto a rejected commit. */
  applyRedeploy(job: string, jobSha: string, tenant: string, sha: string): void {
    const from = this.serving.get(tenant)!
    const key = `${job}/${tenant}`
    if (!this.firstBefore.has(key)) this.firstBefore.set(key, from)
    // The stable release a failed canary goes back to (docs/canary-restore.md): the commit it served before
    // this job moved it, or the commit `latest` holds; never a rejected one (checked below, whoever sends it).
    const latest = revisionOf(this.manifest(LATEST))
    const stable = sameCommit(sha, this.firstBefore.get(key)!) || (latest !== undefined && sameCommit(sha, latest))
    const restore = this.opts.allowCanaryRestore && tenant === this.opts.canary && !sameCommit(sha, jobSha) && stable
    if (order(sha) < order(from) && !restore && this.opts.backward === 'never') {
      this.violations.push({ invariant: 'backward', detail: `${tenant} moved from ${commitName(from)} back to ${commitName(sha)} (sent by job ${commitName(jobSha)})` })
    }
    if (this.rejected.has(sha) && !this.reconcilers.has(job) && !sameCommit(jobSha, sha))
      this.violations.push({ invariant: 'rejected-commit', detail: `${tenant} moved to ${commitName(sha)}, which its own deploy rejected` })
    // Ground truth, whoever sends it: a build that never comes up goes to the canary (to be judged), never beyond.
    // (A build that fails on some tenants only cannot be known before it is tried there: that is judged by the holds its halt records.)
    if (this.broken.has(sha) && tenant !== this.opts.canary)
      this.violations.push({
        invariant: 'broken-rollout',
        detail: `${tenant}, not a canary, moved to ${commitName(sha)}, whose build never comes up (sent by ${this.reconcilers.has(job) ? 'reconcile ' : 'job '}${job})`
      })
    this.serving.set(tenant, sha)
  }

  /** A manifest PUT: `latest` only moves forward and never onto a rejected commit. */
  putTag(job: string, jobSha: string, tag: string, bytes: Buffer): string {
    if (tag === LATEST) {
      const before = revisionOf(this.manifest(LATEST))
      const after = revisionOf(bytes)
      if (before && after && order(after) < order(before)) this.violations.push({ invariant: 'latest-backward', detail: `latest moved from ${commitName(before)} back to ${commitName(after)}` })
      if (after && this.rejected.has(after) && !this.reconcilers.has(job) && (this.promoters.has(job) || !sameCommit(jobSha, after)))
        this.violations.push({ invariant: 'rejected-commit', detail: `latest moved to ${commitName(after)}, which its own deploy rejected` })
      if (after && this.broken.has(after)) this.violations.push({ invariant: 'broken-rollout', detail: `latest moved to ${commitName(after)}, whose build never comes up (written by ${job})` })
      this.latest.moved(job, after)
    }
    return this.put(tag, bytes)
  }

  /**
   * A deploy job ended. `rejected`: its canary failed or it halted (the ends docs/deploy-records.md names
   * as rejecting the commit); a later deploy of the commit that succeeds lifts that. Whatever failed, the
   * job must not have left `latest` on its commit.
   */
  deployEnded(job: string, sha: string, result: string, rejected: boolean, end?: string): void {
    // Ground truth: a commit is rejected because its build is broken, not because a report says so.
    if (rejected && !this.failsSomewhere(sha))
      this.violations.push({
        invariant: 'false-rejection',
        detail: `job ${job} recorded ${end ?? 'a rejecting end'} for ${commitName(sha)}, whose build is healthy: a hold nobody's verification earned`
      })
    if (rejected) this.rejected.add(sha)
    if (result === 'deployed') this.rejected.delete(sha)
    this.watch.ended(job)
    const latest = revisionOf(this.manifest(LATEST))
    if (result === 'failed' && latest && sameCommit(latest, sha)) this.violations.push({ invariant: 'rejected-commit', detail: `latest holds ${commitName(sha)}, whose deploy ended failed` })
  }

  /** At the end of an execution: the newest commit whose job ended deployed is served everywhere. */
  finalCheck(deployed: string[]): void {
    // A lost answer neither loses nor doubles a write (docs/rate-limits.md): one check run per job's record.
    for (const twice of this.records.doubledChecks()) this.violations.push({ invariant: 'doubled-record', detail: `the check run ${twice} was created twice: a lost create was sent again blindly` })
    const newest = [...deployed].sort((a, b) => order(b) - order(a))[0]
    if (!newest) return
    for (const [t, s] of this.serving) {
      if (order(s) < order(newest))
        this.violations.push({ invariant: 'backward', detail: `${t} ends on ${commitName(s)}, behind ${commitName(newest)} whose job ended deployed: a backward move was never healed` })
    }
  }

  /**
   * The world for the state hash. With the reduction, `ended` names the jobs that will never move again
   * (state-key.ts): their head reads and what they found before their redeploys (read only when that job
   * sends) are left out, and the watch keeps only the order of its events (deploy-watch.ts).
   */
  snapshot(ended?: ReadonlySet<string>): string {
    const serving = [...this.serving].map(([t, s]) => `${t}=${commitName(s)}`).join(',')
    const latest = revisionOf(this.manifest(LATEST))
    const ev = [...this.evidence]
      .filter(([j]) => !ended?.has(j))
      .map(([j, e]) => `${j}@${e.at}:${e.head ? commitName(e.head) : '?'}`)
      .join(',')
    // `job/tenant`, where a shard job's name has a slash of its own (`A/1/t3`).
    const fb = [...this.firstBefore].filter(([k]) => !ended?.has(k.slice(0, k.lastIndexOf('/'))))
    const sighted = [...this.sighted].filter((j) => !ended?.has(j))
    return `head=${commitName(this.head)} ${this.records.snapshot()} ${this.watch.snapshot(ended)} ${this.latest.snapshot()} ${serving} latest=${latest ? commitName(latest) : '-'} rejected=${[...this.rejected].map(commitName).join(',')} ev=${ev} fb=${fb.map(([k, v]) => `${k}:${commitName(v)}`).join(',')} sighted=${sighted.join(',')}`
  }
}

export function revisionOf(bytes: Buffer | undefined): string | undefined {
  if (!bytes) return undefined
  // Asked at every step (the state hash): a manifest is parsed once.
  if (revisions.has(bytes)) return revisions.get(bytes)
  const json = JSON.parse(bytes.toString('utf8')) as { annotations?: Record<string, string> }
  const revision = json.annotations?.['org.opencontainers.image.revision']
  revisions.set(bytes, revision)
  return revision
}
const revisions = new WeakMap<Buffer, string | undefined>()
