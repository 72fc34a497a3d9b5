import { describe, expect, it } from '@jest/globals'
import { type EndFacts, recordEnd, type RolloutStop } from '../src/record/end.js'
import type { RunEnding } from '../src/record/stamp.js'

/** The record-end decision: only a canary's own failed verification and verification failures past max-failures hold. */
type Tenant = EndFacts['tenants'][number]
const ok: Tenant = { ok: true, verdict: 'on-target', action: 'redeployed' }
const stale: Tenant = { ok: false, verdict: 'stale', action: 'redeployed' }
const down: Tenant = { ok: false, verdict: 'unreachable', action: 'skipped-on-target' }
const cut: Tenant = { ok: false, verdict: 'stale', action: 'redeployed', cancelled: true }
const refused: Tenant = { ok: false, verdict: 'redeploy-failed', action: 'redeploy-failed' }
const unknown: Tenant = { ok: false, verdict: 'redeploy-failed', action: 'skipped-unknown' }
const unhealthy: Tenant = { ok: false, verdict: 'analysis-failed', action: 'redeployed' }
const notStarted: Tenant = { ok: false, verdict: 'not-started', action: 'not-started' }
/** Still on the commit it served before this job's redeploy: the new build never came up (a rolling update keeps the old). */
const keptOld: Tenant = { ok: false, verdict: 'stale', action: 'redeployed', before: 'c0', sha: 'c0', reissues: 0 }
/** On an older commit it did not serve before: another writer's late redeploy landed (no compare-and-set). */
const movedBack: Tenant = { ok: false, verdict: 'stale', action: 'redeployed', before: 'c0', sha: 'a1', reissues: 0 }
/** What it served before is unknown (its pre-flight read failed): an older commit then proves nothing about the build. */
const staleUnknownBefore: Tenant = { ok: false, verdict: 'stale', action: 'redeployed', before: null, sha: 'a1', reissues: 0 }
/** Its redeploy was sent again after it regressed: another writer moved it while this job verified. */
const reissuedDown: Tenant = { ok: false, verdict: 'unreachable', action: 'redeployed', before: 'c0', sha: null, reissues: 1 }
const stop = (at: RolloutStop['at'], maxFailures = 0): RolloutStop => ({ at, maxFailures })

describe('recordEnd', () => {
  it.each<[string, EndFacts, RunEnding]>([
    ['deployed', { result: 'deployed', tenants: [ok] }, 'deployed'],
    ['reconcile healed', { result: 'healed', tenants: [ok] }, 'deployed'],
    ['superseded', { result: 'skipped-superseded', tenants: [ok, notStarted] }, 'superseded'],
    ['cancelled, even with a failing tenant', { result: 'cancelled', tenants: [stale] }, 'cancelled'],
    ['reconcile deferred', { result: 'deferred', tenants: [] }, 'failed'],
    ['failed before any rollout (bad input)', { result: 'failed', tenants: [] }, 'failed'],
    ['canary: its build failed verification', { result: 'failed', stop: stop('canary'), tenants: [stale] }, 'canary-failed'],
    ['canary: its build failed its health analysis', { result: 'failed', stop: stop('canary'), tenants: [unhealthy] }, 'canary-failed'],
    ['canary: unreachable on its own build', { result: 'failed', stop: stop('canary'), tenants: [down] }, 'canary-failed'],
    ['canary: still on what it served before the redeploy (the new build never came up)', { result: 'failed', stop: stop('canary'), tenants: [keptOld] }, 'canary-failed'],
    ['canary: moved back to another older commit by another writer', { result: 'failed', stop: stop('canary'), tenants: [movedBack] }, 'failed'],
    ['canary: on an older commit, what it served before unknown', { result: 'failed', stop: stop('canary'), tenants: [staleUnknownBefore] }, 'failed'],
    ['canary: unreachable after its redeploy was sent again (another writer moved it)', { result: 'failed', stop: stop('canary'), tenants: [reissuedDown] }, 'failed'],
    ['halted: only tenants another writer moved do not count', { result: 'failed', stop: stop('max-failures', 0), tenants: [movedBack, reissuedDown, notStarted] }, 'failed'],
    ['canary: the control plane failed the redeploy', { result: 'failed', stop: stop('canary'), tenants: [refused] }, 'failed'],
    ['canary: ancestry unknown, not rolled', { result: 'failed', stop: stop('canary'), tenants: [unknown] }, 'failed'],
    ['canary: its verification cut short by a cancel', { result: 'failed', stop: stop('canary'), tenants: [cut] }, 'failed'],
    ['canary: a 403 at the retry fence (an outage stop)', { result: 'failed', stop: stop('outage'), tenants: [refused] }, 'failed'],
    ['the control plane refused its token', { result: 'failed', stop: stop('control-plane-token'), tenants: [refused, notStarted] }, 'failed'],
    ['halted: verification failures past max-failures', { result: 'failed', stop: stop('max-failures', 1), tenants: [stale, down, notStarted] }, 'halted'],
    [
      'halted: wave tenants that serve the commit but failed their analysis, past max-failures',
      { result: 'failed', stop: stop('max-failures', 1), tenants: [ok, unhealthy, unhealthy, notStarted] },
      'halted'
    ],
    ['a wave tenant failed its analysis, within max-failures (every wave ran)', { result: 'failed', tenants: [ok, unhealthy] }, 'failed-tenants'],
    ['halted by redeploy failures only', { result: 'failed', stop: stop('max-failures', 1), tenants: [stale, refused, notStarted] }, 'failed'],
    ['stopped before wave 2 by an unreadable head', { result: 'failed', stop: stop('outage', 5), tenants: [stale, notStarted] }, 'failed'],
    ['every wave ran, some tenants failed', { result: 'failed', tenants: [ok, stale] }, 'failed-tenants'],
    ['every wave ran, the promotion failed', { result: 'failed', tenants: [ok, ok] }, 'failed']
  ])('%s', (_, facts, end) => {
    expect(recordEnd(facts)).toBe(end)
  })
})
