import { errorMessage } from '../errors.js'
import type { AncestryOracle } from './types.js'

/** What the forge said about one SHA against the target, as far as it has said anything yet. */
export type Relation = { kind: 'pending'; lastFailure?: string } | { kind: 'ahead' } | { kind: 'behind' } | { kind: 'unknown'; detail: string }

/**
 * "Is this SHA a descendant of the target?", asked of the forge once per distinct SHA for a whole
 * verification (a fleet of thousands reports a handful of SHAs), and readable without waiting: the
 * settle loops look at `relation()` and keep polling while the forge thinks, so a slow or hanging
 * compare can delay an `ahead` verdict but never a tenant's polls or its deadline. An "unknown" answer
 * (the forge failed) is asked again the next time a tenant reports that SHA.
 */
export class AheadMemo {
  private readonly relations = new Map<string, Relation>()
  private readonly answers = new Map<string, Promise<void>>()

  constructor(
    private readonly ancestry: AncestryOracle,
    private readonly target: string
  ) {}

  relation(sha: string): Relation {
    return this.relations.get(sha.toLowerCase()) ?? { kind: 'pending' }
  }

  /** Starts the question unless it is answered or in flight; resolves (never rejects) once answered. */
  ask(sha: string): Promise<void> {
    const key = sha.toLowerCase()
    const known = this.relations.get(key)
    if (known && known.kind !== 'unknown') return this.answers.get(key) ?? Promise.resolve()
    // Asked again after a failure: the failure stays on record until the forge says something new.
    this.relations.set(key, { kind: 'pending', lastFailure: known?.kind === 'unknown' ? known.detail : undefined })
    const answer = Promise.resolve()
      .then(() => this.ancestry.isAhead(key, this.target))
      .then(
        (ahead): Relation => ({ kind: ahead ? 'ahead' : 'behind' }),
        (error: unknown): Relation => ({ kind: 'unknown', detail: errorMessage(error) })
      )
      .then((relation) => {
        this.relations.set(key, relation)
      })
    this.answers.set(key, answer)
    return answer
  }

  /** Resolves when the question about `sha` (asked before) is answered. */
  answered(sha: string): Promise<void> {
    return this.answers.get(sha.toLowerCase()) ?? Promise.resolve()
  }
}
