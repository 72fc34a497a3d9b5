import { expect } from '@jest/globals'
import type { Window } from '../../simulator/explore/bounds.js'
import { explore, replay } from '../../simulator/explore/explorer.js'

/**
 * Explores a window's bound with its fix taken out, expects the window's violation first, and checks
 * that the printed schedule replays to the same violation, move for move. Returns that schedule.
 */
export async function findsWindow(w: Window): Promise<string> {
  const found = await explore(w.scenario, w.bound, { stopAtFirst: true })
  const first = found.violations[0]
  expect(first?.violation.invariant).toBe(w.expect)
  const again = await replay(w.scenario, w.bound, first!.schedule)
  expect(again.played.join(';')).toBe(first!.schedule)
  expect(again.violations.map((v) => v.detail)).toEqual([first!.violation.detail])
  return first!.schedule
}
