import { afterEach, expect } from '@jest/globals'
import { drainViolations } from '../../simulator/forge-violations.js'

/**
 * Loaded before every test file (jest.config.js `setupFilesAfterEnv`): a test during which any fake
 * forge received a request the real forge refuses (GitHub's OpenAPI description and prose limits)
 * fails, so no test can pass on the fake's leniency. A test that sends one on purpose takes it with
 * `fake.takeViolations()` and asserts it itself.
 */
afterEach(() => {
  expect(drainViolations()).toEqual([])
})
