import { type Comparison, sameCommit } from './types.js'

/** Lists up to `limit` commit SHAs of `from`'s history, newest first, page 1-based. */
export type ListCommits = (from: string, page: number, limit: number) => Promise<string[]>

const PAGE = 50

interface WalkResult {
  /** Commits between `from` and the target, when found. */
  distance?: number
  /** The walk reached the root commit, so "not found" is final. */
  exhausted: boolean
}

async function walk(from: string, target: string, maxCommits: number, list: ListCommits): Promise<WalkResult> {
  let seen = 0
  for (let page = 1; seen < maxCommits; page++) {
    const shas = await list(from, page, PAGE)
    const i = shas.findIndex((s) => sameCommit(s, target))
    if (i >= 0) return { distance: seen + i, exhausted: false }
    seen += shas.length
    if (shas.length < PAGE) return { exhausted: true }
  }
  return { exhausted: false }
}

/**
 * Ancestry from the commit list alone, for forges whose compare cannot take SHAs. Bounded: at most
 * `maxCommits` of each side's history are read, and a relation that lies deeper is `unknown`, never guessed.
 */
export async function walkRelation(base: string, head: string, maxCommits: number, list: ListCommits): Promise<Comparison> {
  const fromHead = await walk(head, base, maxCommits, list)
  if (fromHead.distance === 0) return { relation: 'identical', aheadBy: 0, behindBy: 0 }
  if (fromHead.distance !== undefined) {
    return { relation: 'ahead', aheadBy: fromHead.distance, behindBy: 0, detail: 'from the commit history' }
  }
  const fromBase = await walk(base, head, maxCommits, list)
  if (fromBase.distance !== undefined) {
    return { relation: 'behind', aheadBy: 0, behindBy: fromBase.distance, detail: 'from the commit history' }
  }
  if (fromHead.exhausted && fromBase.exhausted) return { relation: 'diverged', detail: 'from the full commit history' }
  return { relation: 'unknown', detail: `neither commit is among the last ${maxCommits} commits of the other` }
}
