import { errorMessage } from '../errors.js'
import type { Ancestry } from '../forge/ancestry.js'
import { type Forge, sameCommit } from '../forge/types.js'
import type { GateSettings, TargetSettings } from '../settings/common.js'
import { decide, type GateDecision } from './decide.js'
import { runCounters } from '../report/counters.js'
import { debug } from '../debug.js'

/**
 * Asks the forge who owns the branch. Called before the first side effect, before every wave, before
 * the promotion's first registry request and its write, and as the fence before every retried or
 * re-issued side effect, so the gap between check and act stays one API round trip.
 */
export class SupersededGate {
  constructor(
    private readonly forge: Forge,
    private readonly ancestry: Ancestry,
    private readonly target: TargetSettings,
    private readonly settings: GateSettings
  ) {}

  /** The most recent decision, for the report: what the run last knew about who owns the branch. */
  last: GateDecision | undefined

  get enabled(): boolean {
    return this.settings.enabled
  }

  async check(): Promise<GateDecision> {
    runCounters().gateChecks++
    this.last = await this.ask()
    const d = this.last
    debug(() => `gate: ${this.target.sha} against the head of ${this.target.branch}: head ${d.headSha ?? 'unread'}, basis ${d.basis}, superseded ${d.superseded}: ${d.reason}`)
    return this.last
  }

  private async ask(): Promise<GateDecision> {
    const { sha, branch } = this.target
    if (!this.settings.enabled) {
      return {
        superseded: false,
        headSha: undefined,
        basis: 'disabled',
        reason: `The superseded check is off (superseded-check: false); ${sha.slice(0, 7)} proceeds without asking who owns ${branch}.`
      }
    }
    let head: string
    try {
      head = await this.forge.branchHead(branch)
    } catch (error) {
      return decide(sha, branch, { error: errorMessage(error) })
    }
    if (sameCommit(head, sha)) return decide(sha, branch, { sha: head }, { relation: 'identical' })
    // The head is read fresh on every check; only the ancestry of a fixed pair of commits is memoised.
    const cmp = await this.ancestry.relation(sha, head)
    return decide(sha, branch, { sha: head }, cmp)
  }
}
