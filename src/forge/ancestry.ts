import { errorMessage } from '../errors.js'
import { type Comparison, type Forge, sameCommit } from './types.js'

/**
 * Memoised ancestry questions. A fleet of thousands reports a handful of distinct SHAs, so each
 * (base, head) pair is asked of the forge once per run, however many tenants report it.
 */
export class Ancestry {
  private readonly cache = new Map<string, Promise<Comparison>>()

  constructor(private readonly forge: Forge) {}

  relation(base: string, head: string): Promise<Comparison> {
    if (sameCommit(base, head)) return Promise.resolve({ relation: 'identical' })
    const key = `${base.toLowerCase()}...${head.toLowerCase()}`
    let hit = this.cache.get(key)
    if (!hit) {
      hit = this.forge
        .compare(base, head)
        .catch((error: unknown): Comparison => ({ relation: 'unknown', detail: errorMessage(error) }))
        .then((cmp) => {
          // Ancestry of two fixed commits never changes, but "could not tell" may: ask again next time.
          if (cmp.relation === 'unknown') this.cache.delete(key)
          return cmp
        })
      this.cache.set(key, hit)
    }
    return hit
  }

  /**
   * True when the forge confirms `candidate` is a strict descendant of `target`, false when it confirms
   * it is not. Rejects when the forge could not tell, so a caller can tell "older" from "unknown"
   * (and ask again later instead of remembering a guess).
   */
  async isAhead(candidate: string, target: string): Promise<boolean> {
    const cmp = await this.relation(target, candidate)
    if (cmp.relation === 'unknown') throw new Error(`ancestry of ${candidate.slice(0, 7)} to ${target.slice(0, 7)} is unknown: ${cmp.detail ?? 'no answer'}`)
    return cmp.relation === 'ahead'
  }
}
