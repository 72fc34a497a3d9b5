import { describe, expect, it } from '@jest/globals'
import { canaryEvidence, reconcileRejection } from '../src/record/evidence.js'
import type { RunEnding } from '../src/record/stamp.js'
import { decideDeployState, type DeployRecord } from '../src/record/state.js'

/** Absence of evidence is not consent: only a record that says a canary verified lets reconcile heal directly. */
const SHA = 'b'.repeat(40)
const rec = (mode: string, runId: string, attempt: number, end: RunEnding, part?: string): DeployRecord => ({
  stamp: { mode, runId, attempt, end, at: 1_700_000_000, ...(part ? { part } : {}) }
})

describe('canaryEvidence', () => {
  it.each<[string, DeployRecord[], boolean]>([
    ['no record at all', [], false],
    ['a deploy that ended deployed', [rec('deploy', '10', 1, 'deployed')], true],
    ['a shard job that ended deployed', [rec('deploy', '10', 1, 'running', '1/2'), rec('deploy', '10', 1, 'deployed', '2/2')], true],
    ['an older run deployed, the newest was cancelled', [rec('deploy', '10', 1, 'deployed'), rec('deploy', '11', 1, 'cancelled')], true],
    ['a re-run deployed after a cancelled attempt', [rec('deploy', '10', 1, 'cancelled'), rec('deploy', '10', 2, 'deployed')], true],
    ['a running record (live, or presumed dead)', [rec('deploy', '10', 1, 'running')], false],
    ['cancelled', [rec('deploy', '10', 1, 'cancelled')], false],
    ['superseded', [rec('deploy', '10', 1, 'superseded')], false],
    ['failed for an outage', [rec('deploy', '10', 1, 'failed')], false],
    ['failed-tenants (no word on a canary)', [rec('deploy', '10', 1, 'failed-tenants')], false],
    ['canary-failed', [rec('deploy', '10', 1, 'canary-failed')], false],
    ['a reconcile that ended deployed is no deploy record', [rec('reconcile', '12', 1, 'deployed')], false],
    ['a verify record that ended deployed', [rec('verify', '12', 1, 'deployed')], false]
  ])('%s: verified %s', (_, records, verified) => {
    const e = canaryEvidence(records, SHA)
    expect(e.verified).toBe(verified)
    expect(e.reason).toContain(SHA.slice(0, 7))
    if (verified) expect(e.record?.stamp.end).toBe('deployed')
  })
})

describe('reconcileRejection', () => {
  it.each<[string, DeployRecord[], string | undefined]>([
    ['no record', [], undefined],
    ['a reconcile canary failed', [rec('reconcile', '20', 1, 'canary-failed')], '20'],
    ['a reconcile that ended otherwise', [rec('reconcile', '20', 1, 'failed')], undefined],
    ['a deploy canary failure is the deploy decision, not this one', [rec('deploy', '20', 1, 'canary-failed')], undefined],
    ['an older deploy deployed does not lift it', [rec('deploy', '10', 1, 'deployed'), rec('reconcile', '20', 1, 'canary-failed')], '20'],
    ['a newer deploy run that deployed lifts it', [rec('reconcile', '20', 1, 'canary-failed'), rec('deploy', '21', 1, 'deployed')], undefined],
    ['a newer deploy run that failed does not', [rec('reconcile', '20', 1, 'canary-failed'), rec('deploy', '21', 1, 'failed')], '20'],
    ['a newer deploy run still running does not', [rec('reconcile', '20', 1, 'canary-failed'), rec('deploy', '21', 1, 'running')], '20']
  ])('%s', (_, records, runId) => {
    expect(reconcileRejection(records)?.stamp.runId).toBe(runId)
  })
})

describe('decideDeployState with a reconcile rejection', () => {
  const o = { now: new Date(1_700_000_060_000), timeoutMs: 15 * 60_000, sha: SHA, name: 'rollout-guard/production' }
  it.each<[string, DeployRecord[], string]>([
    ['only the rejection', [rec('reconcile', '20', 1, 'canary-failed')], 'held'],
    ['an older deploy cancelled', [rec('deploy', '10', 1, 'cancelled'), rec('reconcile', '20', 1, 'canary-failed')], 'held'],
    ['a live deploy defers first', [rec('reconcile', '20', 1, 'canary-failed'), rec('deploy', '21', 1, 'running')], 'deferred'],
    ['a newer deploy that deployed', [rec('reconcile', '20', 1, 'canary-failed'), rec('deploy', '21', 1, 'deployed')], 'proceed'],
    ['a reconcile that healed', [rec('reconcile', '20', 1, 'deployed')], 'proceed']
  ])('%s: %s', (_, records, action) => {
    const state = decideDeployState(records, o)
    expect(state.action).toBe(action)
    if (action === 'held') expect(state.reason).toMatch(/reconcile .* rejected it: its canary failed/)
  })
})
