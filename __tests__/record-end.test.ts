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
