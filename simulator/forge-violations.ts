import type { Violation } from './fake-forge.js'

/**
 * Violations of every fake forge in this process not yet taken (simulator/fake-forge.ts records them).
 * Apart from the fake forge so that the per-test check (__tests__/support/strict-forge.ts), which every test
 * file loads, does not load the whole fake forge into the tests that start none.
 */
export const pendingViolations: Violation[] = []

/** Takes every violation recorded since the last call (the per-test check of the test setup). */
export function drainViolations(): Violation[] {
  return pendingViolations.splice(0)
}
