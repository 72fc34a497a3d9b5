import type { Forge } from '../forge/types.js'
import { decideDeployState, type DeployRecord } from './state.js'
import { readDeployRecords, type RecordNames } from './read.js'

/**
 * What the records on a commit say of it as a release, for a restore that must never return a tenant to a
 * commit its own deploy rejected:
 * - `held`: its newest deploy rejected it (`canary-failed`, `halted`)
 * - `verified`: its newest deploy ended `deployed`
 * - `unrecorded`: no deploy record at all (deployed before records, or by a job with `report: none`): not
 *   evidence of anything, so never a stable release by itself
 * - `unverified`: a deploy record that verifies nothing: still `running`, cancelled, failed, superseded
 * - `unknown`: the records could not be read
 */
export type Standing = 'held' | 'verified' | 'unrecorded' | 'unverified' | 'unknown'

/** Pure. Liveness does not matter here (a restore never waits for a deploy): only how the newest deploy ended. */
export function standingOf(records: readonly DeployRecord[], sha: string): Standing {
  if (!records.some((r) => r.stamp.mode === 'deploy')) return 'unrecorded'
  const state = decideDeployState(records, { now: new Date(0), timeoutMs: Number.MAX_SAFE_INTEGER, sha, name: 'deploy' })
  if (state.action === 'held') return 'held'
  if (state.action === 'proceed' && state.end === 'deployed') return 'verified'
  return 'unverified'
}

/** The standing of `sha`, read from its records under the deploy's names; `unknown` when they cannot be read. */
export async function readStanding(forge: Forge, sha: string, names: RecordNames): Promise<Standing> {
  try {
    return standingOf(await readDeployRecords(forge, sha, names), sha)
  } catch {
    return 'unknown'
  }
}
