import { expect } from '@jest/globals'
import type { Found } from '../../simulator/explore/explorer.js'
import { openInvariants, type RecordWindowName } from '../../simulator/explore/record-windows.js'
import type { Violation } from '../../simulator/explore/world.js'

/**
 * Expects no violation but those of the named record windows still open in the table
 * (simulator/explore/record-windows.ts): a bound that reaches an open window on its way breaks only
 * that window's invariant, and nothing at all once the window is marked closed.
 */
export function expectOnlyOpen(found: readonly (Found | Violation)[], ...windows: RecordWindowName[]): void {
  const allowed = openInvariants(...windows)
  const unexpected = found.map((f) => ('violation' in f ? f.violation : f)).filter((v) => !allowed.has(v.invariant))
  expect(unexpected).toEqual([])
}
