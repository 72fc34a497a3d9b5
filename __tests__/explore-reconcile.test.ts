import { describe, expect, it } from '@jest/globals'
import { RECONCILE_WINDOWS, type Window } from '../simulator/explore/bounds.js'
import { explore, replay } from '../simulator/explore/explorer.js'

/**
 * The explorer with a scheduled reconcile in play (simulator/explore, docs/exploration.md): the real
 * `mode: reconcile` reading the deploy records the real deploy jobs write. Each window reconcile's review
 * found is shown found with its fix taken out at the harness level, replayed move for move, and closed
 * on the code as it is within the same bound.
 */

async function finds(w: Window): Promise<string> {
  const found = await explore(w.scenario, w.bound, { stopAtFirst: true })
  const first = found.violations[0]
  expect(first?.violation.invariant).toBe(w.expect)
  const again = await replay(w.scenario, w.bound, first!.schedule)
  expect(again.played.join(';')).toBe(first!.schedule)
  expect(again.violations.map((v) => v.detail)).toEqual([first!.violation.detail])
  return first!.schedule
}

describe('the windows of reconcile, reintroduced at the harness level', () => {
  it.each(RECONCILE_WINDOWS.map((w) => [w.name, w] as const))('%s: found with the fix taken out, and closed with it in', async (_name, w) => {
    const schedule = await finds(w)
    const fixed = { ...w.scenario, bugs: [] }
    const clean = await explore(fixed, w.bound)
    expect(clean.violations).toEqual([])
    expect(clean.complete).toBe(true)
    expect(clean.cutAtSteps).toBe(0)
    expect(clean.interleavings).toBeGreaterThan(200)
    // The schedule that broke it either breaks off where the fixed code moves differently (it defers),
    // or plays through without a violation.
    const played = await replay(fixed, w.bound, schedule).catch((error: Error) => error)
    if (!(played instanceof Error)) expect(played.violations).toEqual([])
    else expect(played.message).toMatch(/^replay: step \d+ expects /)
  })
})
