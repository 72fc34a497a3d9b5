import { excerpt } from './redact.js'

/**
 * An input that cannot be used. Thrown before any side effect; the message names the input, the value
 * and the expected form so the workflow author can fix it without reading the source. Secret-bearing
 * inputs are registered before any input is read, so the value shown here is already masked; inputs
 * whose value must never be shown at all (header values) pass a description instead.
 */
export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly value: string,
    readonly expected: string
  ) {
    super(`Input '${input}' has the value ${JSON.stringify(excerpt(value, 200))}; expected ${expected}.`)
    this.name = 'InputError'
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
