import { describe, expect, it } from '@jest/globals'
import { planReconcile } from '../src/reconcile/canary.js'
import type { DriftEntry } from '../src/reconcile/drift.js'

/** Which tenants reconcile rolls, and which go first as its canary. */
const d = (tenant: string, state: DriftEntry['state']): DriftEntry => ({ tenant, state })
const fleet = [d('t1', 'unreachable'), d('t2', 'behind'), d('t3', 'in-sync'), d('t4', 'behind'), d('t5', 'ahead')]

describe('planReconcile', () => {
  it.each<[string, DriftEntry[], string[], boolean, { fleet: string[]; canary: string[]; canaryFirst: boolean }]>([
    ['verified, no canary configured: heal directly', fleet, [], true, { fleet: ['t2', 't4'], canary: [], canaryFirst: false }],
    ['verified, a behind canary configured goes first as in a deploy', fleet, ['t4'], true, { fleet: ['t2', 't4'], canary: ['t4'], canaryFirst: false }],
    ['verified, an in-sync canary is left alone', fleet, ['t3'], true, { fleet: ['t2', 't4'], canary: [], canaryFirst: false }],
    ['unverified, no canary configured: the first behind tenant', fleet, [], false, { fleet: ['t2', 't4'], canary: ['t2'], canaryFirst: true }],
    ['unverified, a behind canary configured', fleet, ['t4'], false, { fleet: ['t2', 't4'], canary: ['t4'], canaryFirst: true }],
    ['unverified, an in-sync canary is verified where it is', fleet, ['t3'], false, { fleet: ['t2', 't3', 't4'], canary: ['t3'], canaryFirst: true }],
    ['unverified, an unreachable canary is tried, as a deploy tries it', fleet, ['t1', 't5'], false, { fleet: ['t1', 't2', 't4'], canary: ['t1'], canaryFirst: true }],
    ['unverified, an ahead canary is no canary of the head', fleet, ['t5'], false, { fleet: ['t2', 't4'], canary: ['t2'], canaryFirst: true }],
    ['unverified, an unreachable tenant is no default canary', fleet, [], false, { fleet: ['t2', 't4'], canary: ['t2'], canaryFirst: true }],
    ['unverified, nothing behind: nothing to roll', [d('t1', 'in-sync')], ['t1'], false, { fleet: [], canary: [], canaryFirst: false }]
  ])('%s', (_, drift, configured, verified, want) => {
    const plan = planReconcile(drift, configured, verified)
    expect({ fleet: plan.fleet, canary: plan.canary, canaryFirst: plan.canaryFirst }).toEqual(want)
  })

  it('says why the default canary was taken when the configured ones are ahead', () => {
    expect(planReconcile(fleet, ['t5'], false).note).toBe('canary first: t2, the first tenant of its first wave (no `canary` tenant serves the head or older: t5 ahead of it)')
  })
})
