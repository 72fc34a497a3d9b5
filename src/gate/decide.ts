import type { Comparison, Relation } from '../forge/types.js'

export type GateBasis = Relation | 'unreadable' | 'disabled'

export interface GateDecision {
  /** A newer commit owns the branch: this job must make no further side effect. */
  superseded: boolean
  /** The branch head as read, when it could be read. */
  headSha: string | undefined
  basis: GateBasis
  /** One human sentence. */
  reason: string
  /** Set when the decision was made without the facts it needs (fail-safe paths). */
  warning?: string
  /** Why the head could not be read (basis `unreadable`): what the forge or the network answered. */
  unreadable?: string
}

const short = (sha: string): string => sha.slice(0, 7)

/**
 * The superseded decision as a pure function of what the forge said. Ancestry decides, never time.
 * An unreadable head never supersedes (a genuine deploy must not skip); an unknown relation to a head
 * that differs does (the job cannot prove it still owns the branch).
 */
export function decide(sha: string, branch: string, head: { sha: string } | { error: string }, cmp?: Comparison): GateDecision {
  if ('error' in head) {
    return {
      superseded: false,
      headSha: undefined,
      basis: 'unreadable',
      unreadable: head.error,
      reason: `The head of ${branch} could not be read, so this job proceeds as the owner (fail-safe): ${head.error}`,
      warning: `Superseded check could not read the head of ${branch}: ${head.error}. Proceeding as if ${short(sha)} owns ${branch}.`
    }
  }
  const h = head.sha
  const relation = cmp?.relation ?? 'unknown'
  switch (relation) {
    case 'identical':
      return { superseded: false, headSha: h, basis: relation, reason: `${branch} is at ${short(h)}, this job's commit.` }
    case 'behind':
      return {
        superseded: false,
        headSha: h,
        basis: relation,
        reason: `${branch} reads ${short(h)}, an ancestor of ${short(sha)} (a lagging read); this job owns ${branch}.`
      }
    case 'ahead':
      return {
        superseded: true,
        headSha: h,
        basis: relation,
        reason: `${branch} is at ${short(h)}, a newer commit${cmp?.aheadBy ? ` (${cmp.aheadBy} ahead of ${short(sha)})` : ''}; this job is superseded.`
      }
    case 'diverged':
      return {
        superseded: true,
        headSha: h,
        basis: relation,
        reason: `${short(sha)} is not on ${branch} any more (${branch} is at ${short(h)}; history was rewritten); this job is superseded.`
      }
    case 'unknown':
      return {
        superseded: true,
        headSha: h,
        basis: relation,
        reason: `${branch} is at ${short(h)} and its ancestry to ${short(sha)} could not be determined${cmp?.detail ? ` (${cmp.detail})` : ''}; treating this job as superseded.`
      }
  }
}
