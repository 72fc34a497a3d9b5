import type { ForgeKind } from '../settings/common.js'

/**
 * How `head` relates to `base` by git ancestry:
 * - `identical`: same commit
 * - `ahead`: head is a descendant of base (base is in head's history)
 * - `behind`: base is a descendant of head
 * - `diverged`: neither contains the other
 * - `unknown`: the forge could not tell (error, or the bounded history walk ran out)
 */
export type Relation = 'identical' | 'ahead' | 'behind' | 'diverged' | 'unknown'

export interface Comparison {
  relation: Relation
  aheadBy?: number
  behindBy?: number
  /** Why the relation is `unknown`, or how it was found when that matters (e.g. a history walk). */
  detail?: string
}

export type CommitState = 'pending' | 'success' | 'failure' | 'error'

export interface CommitStatus {
  sha: string
  state: CommitState
  context: string
  description: string
  targetUrl?: string
}

export interface CheckAnnotation {
  path: string
  message: string
  title?: string
  level: 'failure' | 'warning' | 'notice'
}

export interface CheckRunUpdate {
  /** Left out by the PATCHes that only append annotations to a completed run. */
  status?: 'in_progress' | 'completed'
  conclusion?: 'success' | 'neutral' | 'failure' | 'cancelled'
  title: string
  summary: string
  annotations?: CheckAnnotation[]
  detailsUrl?: string
  /** GitHub's `external_id`: the run's stamp, read back by reconcile. */
  externalId?: string
}

/**
 * Pages read at most of a commit's combined status (one entry per context): a commit with more contexts
 * than this is not normal, and the reader says it could not see them all rather than guess.
 */
export const MAX_RECORD_PAGES = 10

/** A commit status as read back (the latest of its context, from the combined status). */
export interface CommitStatusRead {
  state: string
  context: string
  description: string
  targetUrl?: string
  createdAt?: string
}

/**
 * One page of a commit's statuses, newest first (every context, every write): `complete` when it holds
 * every status the commit has, so nothing older is out of reach.
 */
export interface StatusPage {
  statuses: CommitStatusRead[]
  complete: boolean
}

/** A check run as read back. */
export interface CheckRunRead {
  id: number
  name: string
  status: string
  conclusion: string | null
  externalId: string | null
  startedAt: string | null
  title: string | null
  detailsUrl: string | null
}

/** A deployment status as GitHub takes it (`queued` and `pending` are never sent). */
export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error' | 'inactive'

export interface DeploymentStatusUpdate {
  state: DeploymentState
  /** At most 140 characters (GitHub refuses more). */
  description: string
  /** The run page. */
  logUrl?: string
  environmentUrl?: string
  /** GitHub's `auto_inactive`: a `success` marks earlier successful deployments of the environment inactive. */
  autoInactive?: boolean
}

/** A deployment status as read back. */
export interface DeploymentStatusRead {
  state: string
  description: string
}

/** GitHub's Deployments API, as this action uses it: one deployment per job (per run when sharded), and its statuses. */
export interface ForgeDeployments {
  /**
   * A deployment of the full SHA `sha` to `environment`; its id. With `key` (the run, for the shards of
   * one run), the deployment of that key on the commit is reused when there is one.
   */
  create(sha: string, environment: string, description: string, key?: string): Promise<number>
  setStatus(id: number, status: DeploymentStatusUpdate): Promise<void>
  /** The deployment's statuses, newest first. */
  statuses?(id: number): Promise<DeploymentStatusRead[]>
}

/**
 * The forge as this action needs it. GitHub and Gitea are sibling adapters behind this interface; the
 * gate and the verifier never learn which one they talk to.
 */
export interface Forge {
  readonly kind: ForgeKind
  /** `owner/name`, for messages. */
  readonly repository?: string
  /**
   * The forge's own time now (epoch ms), as the `Date` header of its answers says (forge-clock.ts);
   * undefined before any answer told it. Records' heartbeats and reconcile's judgement of their age are
   * read on this clock, never on the runner's.
   */
  forgeNow?(): number | undefined
  /** Full SHA at the tip of `branch`. Throws when it cannot be read (after transient retries). */
  branchHead(branch: string): Promise<string>
  /** Reads the repository itself; throws what the forge answered (a 404 when it is absent or hidden). */
  readRepository?(): Promise<void>
  /**
   * Whether `api-url` answers as this forge's REST API: undefined when it does, what it answered instead
   * when not (HTML, a 404 at its root). Throws on an outage (it cannot tell).
   */
  apiMismatch?(): Promise<string | undefined>
  /** How `head` relates to `base`, by git ancestry. */
  compare(base: string, head: string): Promise<Comparison>
  /** The full SHA of a commit given by an abbreviated SHA; undefined when the forge has no such commit. */
  resolveCommit(ref: string): Promise<string | undefined>
  createCommitStatus(status: CommitStatus): Promise<void>
  /**
   * The latest status of every context on the full SHA `sha` (the combined status, all pages, bounded):
   * one entry per context however many statuses the commit gathers, so a record never pages out.
   * Throws when the forge has more contexts than MAX_RECORD_PAGES pages hold.
   */
  latestStatuses?(sha: string): Promise<CommitStatusRead[]>
  /**
   * The newest page of every status on the full SHA `sha`, newest first, one request: where the combined
   * status keeps only the latest write of a context, this shows the writes just before it too (an older
   * attempt's late end written over a newer attempt's `running`). One page of the server's size: older
   * writes than that are out of reach here, and `complete` says whether there are any.
   */
  recentStatuses?(sha: string): Promise<StatusPage>
  /** Checks API; `undefined` on forges that have none (Gitea). */
  readonly checks?: {
    /**
     * Creates a check run. `lookFirst`: an earlier create of this same run (same `externalId`) may have been
     * applied with its answer lost, so the run is looked for by its `externalId` before another is sent.
     */
    create(sha: string, name: string, update: CheckRunUpdate, opts?: { lookFirst?: boolean }): Promise<number>
    update(id: number, update: CheckRunUpdate): Promise<void>
    /**
     * The latest check run named `name` on `sha` (`check_name`, `filter=latest`). GitHub lists check runs
     * of the newest 1,000 check suites on the commit only: a record older than that is not seen here.
     */
    latestByName(sha: string, name: string): Promise<CheckRunRead[]>
  }
  /** Deployments API; `undefined` on forges that have none (Gitea). */
  readonly deployments?: ForgeDeployments
}

export const FULL_SHA = /^[0-9a-f]{40}$/

/** Prefix match either way, case-insensitive, at least 7 hex digits on the shorter side. */
export function sameCommit(a: string, b: string): boolean {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  if (Math.min(x.length, y.length) < 7) return false
  return x.length <= y.length ? y.startsWith(x) : x.startsWith(y)
}

/**
 * The relation from `git rev-list --count` both ways (commits of head not in base, and the reverse).
 * Zero both ways means the same commit only when the SHAs agree: Gitea 1.23's compare answers 0/0 for
 * unrelated histories, and whatever else says 0/0 for two different commits cannot be believed.
 */
export function relationFromCounts(base: string, head: string, ahead: number, behind: number): Comparison {
  if (ahead === 0 && behind === 0) {
    if (sameCommit(base, head)) return { relation: 'identical', aheadBy: 0, behindBy: 0 }
    return { relation: 'unknown', detail: `the forge counts no commits either way between ${base.slice(0, 7)} and ${head.slice(0, 7)}, yet they differ` }
  }
  if (behind === 0) return { relation: 'ahead', aheadBy: ahead, behindBy: 0 }
  if (ahead === 0) return { relation: 'behind', aheadBy: 0, behindBy: behind }
  return { relation: 'diverged', aheadBy: ahead, behindBy: behind }
}
