import { excerpt } from '../redact.js'
import type { HttpResponse } from '../http/client.js'

/**
 * A registry answer the promotion cannot go past. `kind` lets callers phrase the outcome; the message
 * already says which of bad credentials, missing push scope or missing tag it is.
 */
export type RegistryErrorKind = 'credentials' | 'scope' | 'not-found' | 'refused-realm' | 'invalid' | 'status'

export class RegistryError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    message: string,
    readonly status?: number
  ) {
    super(message)
    this.name = 'RegistryError'
  }
}

/** `CODE: message` from the distribution error body, or a short excerpt of whatever came back. */
export function registryDetail(res: HttpResponse): string {
  const text = res.body.toString('utf8')
  try {
    const parsed = JSON.parse(text) as { errors?: { code?: unknown; message?: unknown }[] }
    const first = parsed.errors?.[0]
    if (first) return excerpt([first.code, first.message].filter((x) => typeof x === 'string' && x).join(': '), 200)
  } catch {
    // not the distribution error shape
  }
  return excerpt(text.replace(/\s+/g, ' ').trim(), 200)
}
