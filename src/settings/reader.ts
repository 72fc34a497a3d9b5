import { InputError } from '../errors.js'

/**
 * Reads action inputs from an environment map the way the runner passes them (`INPUT_<NAME>`, name
 * upper-cased, spaces to underscores, hyphens kept), so settings stay a pure function of `env`.
 */
export type Env = Readonly<Record<string, string | undefined>>

/** setTimeout's limit (a signed 32-bit count of milliseconds); a longer delay fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1

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

  /**
   * A duration in seconds (decimals allowed), returned in milliseconds. The range is checked on the
   * milliseconds actually used: `0.0001` would round to 0 ms (a poll storm, a timeout nothing meets),
   * and a timer longer than MAX_TIMER_MS fires at once in Node (a soak of 0 s).
   */
  seconds(name: string, fallback: number, opts: { minMs?: number; allowZero?: boolean } = {}): number {
    const value = this.raw(name)
    if (value === '') return fallback * 1000
    const minMs = opts.minMs ?? 1
    const range = `a number of seconds${opts.allowZero ? ', 0 or' : ''} from ${minMs / 1000} to ${MAX_TIMER_MS / 1000} (Node's timer limit, about 24.8 days), decimals allowed`
    if (!/^\d+(\.\d+)?$/.test(value)) throw new InputError(name, value, range)
    const n = Number(value)
    if (n === 0 && opts.allowZero) return 0
    const ms = Math.round(n * 1000)
    if (!(ms >= minMs && ms <= MAX_TIMER_MS)) throw new InputError(name, value, range)
    return ms
  }

  /** A whole number from `min` to `max`. */
  integer(name: string, fallback: number, min: number, max = 1_000_000): number {
    const value = this.raw(name)
    if (value === '') return fallback
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new InputError(name, value, `a whole number, ${min} or more (at most ${max})`)
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
