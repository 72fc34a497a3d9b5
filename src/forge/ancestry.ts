import { type Clock, systemClock } from '../clock.js'
import { errorMessage } from '../errors.js'
import { type Comparison, type Forge, sameCommit } from './types.js'

/** How long "could not tell" is remembered: long enough that a fleet reporting one unknown SHA asks once. */
export const UNKNOWN_TTL_MS = 15_000

interface Entry {
  answer: Promise<Comparison>
  /** Clock time after which the entry is asked again; never for a settled relation. */
  expiresAt: number
}

/**
 * Memoised ancestry questions. A fleet of thousands reports a handful of distinct SHAs, so each
 * (base, head) pair is asked of the forge once per run, however many tenants report it. The ancestry of
 * two fixed commits never changes; "unknown" (an outage, a SHA the forge does not have) may, so it is
 * kept only for `unknownTtlMs` of the injected clock.
 */
export class Ancestry {
  private readonly cache = new Map<string, Entry>()

  constructor(
    private readonly forge: Forge,
    private readonly clock: Clock = systemClock,
    private readonly unknownTtlMs = UNKNOWN_TTL_MS
  ) {}

  relation(base: string, head: string): Promise<Comparison> {
    if (sameCommit(base, head)) return Promise.resolve({ relation: 'identical' })
    const key = `${base.toLowerCase()}...${head.toLowerCase()}`
    const hit = this.cache.get(key)
    if (hit && this.clock.now() < hit.expiresAt) return hit.answer
    const entry: Entry = { answer: Promise.resolve({ relation: 'unknown' }), expiresAt: Number.POSITIVE_INFINITY }
    entry.answer = this.forge
      .compare(base, head)
      .catch((error: unknown): Comparison => ({ relation: 'unknown', detail: errorMessage(error) }))
      .then((cmp) => {
        const checked = believable(base, head, cmp)
        if (checked.relation === 'unknown') entry.expiresAt = this.clock.now() + this.unknownTtlMs
        return checked
      })
    this.cache.set(key, entry)
    return entry.answer
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

/** Equal SHAs are the only "identical": a forge that says so of two different commits is not believed. */
function believable(base: string, head: string, cmp: Comparison): Comparison {
  if (cmp.relation !== 'identical') return cmp
  return { relation: 'unknown', detail: `the forge called ${base.slice(0, 7)} and ${head.slice(0, 7)} identical, but they are different commits` }
}
