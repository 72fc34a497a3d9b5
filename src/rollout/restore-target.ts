import { sameCommit } from '../forge/types.js'
import type { Standing } from '../record/standing.js'

/**
 * Where a failed canary goes back to: the stable release, as Argo Rollouts' abort returns to the stable
 * ReplicaSet. A pure function of what the job knows, so that every case is a row of a test and widening
 * the backward move is a visible change.
 */
export interface StableFacts {
  /** The rejected commit this job deployed: never a target. */
  target: string
  /** The commit the canary's own pre-flight read showed, with what its records say of it. */
  previous: { sha: string; standing: Standing }
  /**
   * The commit the promote tag (`:latest`) was built from, when the job promotes with `image` and could
   * read it; `note` says why it is not known otherwise (undefined: this job has no promote tag).
   */
  latest?: { sha: string; standing: Standing } | { sha?: undefined; note: string }
  /** Other commits this job read on its canary tenants, newest first, each with its standing. */
  candidates: readonly { sha: string; standing: Standing }[]
  /** `report: none`: no record is read at all (standings are then `unknown`). */
  noRecords?: boolean
}

export type StableChoice = { kind: 'restore'; to: string; basis: 'latest' | 'previous' | 'verified' } | { kind: 'none'; reason: string }

const short = (sha: string): string => sha.slice(0, 7)

/**
 * First the commit the tenant served before, when a record says its deploy verified; then the promote tag's.
 * The promote tag is moved only after a deploy of its commit verified, so it is the stable release by
 * itself: a commit with no record there (promoted before records, or with `report: none`) is still one.
 * It loses that standing once its own deploy rejected it or its records verify nothing or cannot be read.
 * Everywhere else only a record saying the deploy verified counts: absence of evidence is not consent.
 */
export function chooseRestoreTarget(f: StableFacts): StableChoice {
  // What the tenant served, when its own deploy verified, is a stable release and the smallest move back.
  if (f.previous.standing === 'verified' && !sameCommit(f.previous.sha, f.target)) return { kind: 'restore', to: f.previous.sha, basis: 'previous' }
  const latest = f.latest
  if (latest?.sha !== undefined && !sameCommit(latest.sha, f.target) && (latest.standing === 'verified' || latest.standing === 'unrecorded')) {
    return { kind: 'restore', to: latest.sha, basis: 'latest' }
  }
  const other = f.candidates.find((c) => c.standing === 'verified' && !sameCommit(c.sha, f.target) && !sameCommit(c.sha, f.previous.sha))
  if (other) return { kind: 'restore', to: other.sha, basis: 'verified' }
  const why = [
    f.noRecords ? `no deploy record is read (report: none), so nothing shows its previous commit ${short(f.previous.sha)} verified` : whyNot(f.previous.sha, f.previous.standing),
    latestNote(f)
  ]
    .filter(Boolean)
    .join('; ')
  return { kind: 'none', reason: `no stable release is known: ${why}; the canary stays on the rejected build` }
}

/** Why the pre-flight commit is not a stable release. */
function whyNot(sha: string, standing: Standing): string {
  const s = short(sha)
  if (standing === 'held') return `its previous commit ${s} was rejected by its own deploy (held)`
  if (standing === 'unverified') return `its previous commit ${s} has a deploy record that verifies nothing (running, cancelled or failed)`
  if (standing === 'unrecorded') return `its previous commit ${s} has no deploy record, so nothing shows it verified`
  if (standing === 'unknown') return `the deploy records of its previous commit ${s} could not be read`
  return `its previous commit ${s} is the rejected commit itself`
}

function latestNote(f: StableFacts): string {
  const latest = f.latest
  if (!latest) return ''
  if (latest.sha === undefined) return `the promote tag's commit is not known (${latest.note})`
  if (sameCommit(latest.sha, f.target)) return `the promote tag holds the rejected commit ${short(latest.sha)}`
  return `the promote tag's commit ${short(latest.sha)} is ${latest.standing === 'held' ? 'held' : latest.standing === 'unknown' ? 'of unreadable records' : 'not verified by its records'}`
}
