import { InputError } from '../../src/errors.js'

/** The InputError `fn` throws; anything else it throws, or nothing at all, fails the test. */
export function errorOf(fn: () => unknown): InputError {
  try {
    fn()
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error('expected an InputError')
}
