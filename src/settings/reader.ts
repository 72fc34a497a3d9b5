import { InputError } from '../errors.js'

/**
 * Reads action inputs from an environment map the way the runner passes them (`INPUT_<NAME>`, name
 * upper-cased, spaces to underscores, hyphens kept), so settings stay a pure function of `env`.
 */
export type Env = Readonly<Record<string, string | undefined>>

export class InputReader {
  constructor(readonly env: Env) {}

  /** The trimmed value, or '' when unset. */
  raw(name: string): string {
    return (this.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
  }

  string(name: string, fallback = ''): string {
    return this.raw(name) || fallback
  }

  /** YAML 1.2 core-schema booleans, as @actions/core accepts them. */
  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)
    if (value === '') return fallback
    if (['true', 'True', 'TRUE'].includes(value)) return true
    if (['false', 'False', 'FALSE'].includes(value)) return false
    throw new InputError(name, value, '`true` or `false`')
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name) || fallback
    const lower = value.toLowerCase()
    const match = allowed.find((a) => a === lower)
    if (!match) throw new InputError(name, value, `one of ${allowed.map((a) => `\`${a}\``).join(', ')}`)
    return match
  }

  /** A positive number of seconds, decimals allowed, returned in milliseconds. */
  seconds(name: string, fallback: number, opts: { allowZero?: boolean } = {}): number {
    const value = this.raw(name)
    if (value === '') return fallback * 1000
    const n = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN
    if (!Number.isFinite(n) || (opts.allowZero ? n < 0 : n <= 0)) {
      throw new InputError(name, value, opts.allowZero ? 'a number of seconds, 0 or more (decimals allowed)' : 'a positive number of seconds (decimals allowed)')
    }
    return Math.round(n * 1000)
  }

  integer(name: string, fallback: number, min: number): number {
    const value = this.raw(name)
    if (value === '') return fallback
    if (!/^\d+$/.test(value) || Number(value) < min) throw new InputError(name, value, `a whole number, ${min} or more`)
    return Number(value)
  }

  /** Names separated by newlines, commas or spaces, or a JSON array of strings. */
  list(name: string): string[] {
    const value = this.raw(name)
    if (value === '') return []
    if (value.startsWith('[')) {
      let parsed: unknown
      try {
        parsed = JSON.parse(value)
      } catch {
        throw new InputError(name, value, 'a JSON array of strings, or names separated by newlines, commas or spaces')
      }
      if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) {
        throw new InputError(name, value, 'a JSON array of strings')
      }
      return parsed.map((x: string) => x.trim()).filter(Boolean)
    }
    return value.split(/[\s,]+/).filter(Boolean)
  }

  /** `Name: value` lines. */
  headers(name: string): Record<string, string> {
    const out: Record<string, string> = {}
    for (const line of this.raw(name).split('\n')) {
      if (!line.trim()) continue
      const m = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(.*)$/.exec(line.trim())
      if (!m) throw new InputError(name, line.replace(/:.*/, ': ***'), 'one `Name: value` header a line')
      out[m[1]!] = m[2]!
    }
    return out
  }
}

export const HEX_SHA = /^[0-9a-f]{7,40}$/i

export function parseSha(name: string, value: string): string {
  if (!HEX_SHA.test(value)) throw new InputError(name, value, 'a commit SHA of 7 to 40 hex digits')
  return value.toLowerCase()
}

export function parseHttpUrl(name: string, value: string): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(name, value, 'an absolute http(s) URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError(name, value, 'an absolute http(s) URL')
  return url
}
