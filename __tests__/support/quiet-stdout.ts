import { afterAll } from '@jest/globals'

/**
 * Loaded before every test file (jest.config.js `setupFilesAfterEnv`): what the action prints in-process
 * through @actions/core (`::error::`, `::add-mask::`, info lines) goes to process.stdout, bypassing
 * Jest's console capture, and would reach the test output, where a runner turns each workflow command
 * into an annotation or a mask of this project's own CI. It is held here instead. A test that reads it
 * spies on process.stdout.write itself, as before. ROLLOUT_GUARD_TEST_STDOUT=1 lets it through, to watch
 * a test's action log while debugging it.
 */
if (process.env.ROLLOUT_GUARD_TEST_STDOUT !== '1') {
  const original = process.stdout.write
  process.stdout.write = function (_chunk: string | Uint8Array, ...rest: unknown[]): boolean {
    const done = rest.find((arg): arg is () => void => typeof arg === 'function')
    if (done) queueMicrotask(done)
    return true
  } as typeof process.stdout.write
  afterAll(() => {
    process.stdout.write = original
  })
}
