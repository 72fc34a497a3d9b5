/**
 * An input that cannot be used. Thrown before any side effect; the message names the input, the value
 * and the expected form so the workflow author can fix it without reading the source.
 */
export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly value: string,
    readonly expected: string
  ) {
    super(`Input '${input}' has the value ${JSON.stringify(truncate(value, 200))}; expected ${expected}.`)
    this.name = 'InputError'
  }
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
