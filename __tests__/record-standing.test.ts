import { describe, expect, it } from '@jest/globals'
import { type Standing, standingOf } from '../src/record/standing.js'
import type { RunEnding } from '../src/record/stamp.js'
import type { DeployRecord } from '../src/record/state.js'

/** What the records on a commit say of it as a release; where a restore goes is restore-target.test.ts. */
const SHA = 'a'.repeat(40)
const rec = (runId: string, attempt: number, end: RunEnding, part?: string): DeployRecord => ({ stamp: { mode: 'deploy', runId, attempt, end, at: 1_700_000_000, ...(part ? { part } : {}) } })

describe('standingOf', () => {
  it.each<[string, DeployRecord[], Standing]>([
    ['no record', [], 'unrecorded'],
    ['deployed', [rec('10', 1, 'deployed')], 'verified'],
    ['canary-failed', [rec('10', 1, 'canary-failed')], 'held'],
    ['halted in one shard', [rec('10', 1, 'deployed', '1/2'), rec('10', 1, 'halted', '2/2')], 'held'],
    ['a re-run lifted the hold', [rec('10', 1, 'canary-failed'), rec('10', 2, 'deployed')], 'verified'],
    ['a newer run rejected it', [rec('10', 1, 'deployed'), rec('11', 1, 'canary-failed')], 'held'],
    ['still running', [rec('10', 1, 'running')], 'unverified'],
    ['cancelled', [rec('10', 1, 'cancelled')], 'unverified'],
    ['failed for an outage', [rec('10', 1, 'failed')], 'unverified'],
    ['only a reconcile record', [{ stamp: { mode: 'reconcile', runId: '12', attempt: 1, end: 'failed', verdict: 'held' } }], 'unrecorded']
  ])('%s', (_, records, standing) => {
    expect(standingOf(records, SHA)).toBe(standing)
  })
})
