import { sameCommit } from '../../src/forge/types.js'

/** The commits of the explorer's one linear history (C0 < A < B), by name. */

/** Full SHAs, easy to read in a schedule: the base release, then the two commits whose jobs overlap. */
export const COMMITS = {
  C0: '1'.repeat(40),
  A: 'a'.repeat(40),
  B: 'b'.repeat(40),
  C: 'c'.repeat(40)
} as const
export type CommitName = keyof typeof COMMITS
export const HISTORY: readonly string[] = [COMMITS.C0, COMMITS.A, COMMITS.B, COMMITS.C]

export function commitName(sha: string): string {
  for (const [name, full] of Object.entries(COMMITS)) if (sameCommit(full, sha)) return name
  return sha.slice(0, 7)
}

/** Position in the linear history; -1 for a commit not on the branch. */
export function order(sha: string): number {
  return HISTORY.findIndex((c) => sameCommit(c, sha))
}
