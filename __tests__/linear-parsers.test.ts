import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { tail } from '../src/command/runner.js'
import { loggableUrl } from '../src/debug.js'
import { isInternalAddress } from '../src/http/internal-address.js'
import { parseRetryAfter, statusError } from '../src/http/retry.js'
import { neutralise } from '../src/log.js'
import { excerpt, registerSecret } from '../src/redact.js'
import { escapeMarkdown, plainText } from '../src/report/escape.js'
import { MAX_CHALLENGE_CHARS, parseChallenges } from '../src/registry/challenge.js'
import { registryDetail } from '../src/registry/errors.js'
import { extractSha } from '../src/verify/buildinfo.js'
import { parseTenantList } from '../src/verify/tenants.js'

/**
 * No pattern is worse than linear in outside text. Each parser that reads an answer, a record or a
 * command's output is fed a megabyte of its worst case, and the work its patterns do is measured, not
 * timed: every call into the regular expression engine (exec, test, match, matchAll, replace, split) is
 * counted with the length of the text it was given. A parser that rescans what is left after each step,
 * or reads past its stated cut, shows as characters scanned many times over the input's length.
 * (Inside one call, each pattern is linear by its form: no nested or overlapping quantifiers over a
 * shared character class, see SECURITY.md; the stamp parser has its own test.)
 */
const MB = 1024 * 1024
let scanned = 0
let calls = 0
const saved = new Map<PropertyKey, unknown>()
const proto = RegExp.prototype as unknown as Record<PropertyKey, (...args: unknown[]) => unknown>
const METHODS: PropertyKey[] = ['exec', 'test', Symbol.match, Symbol.matchAll, Symbol.replace, Symbol.split, Symbol.search]

beforeAll(() => {
  // The engine's own methods call each other (replace and split call exec): only the outermost call
  // into the engine is counted, from where it starts reading (lastIndex for a global pattern; a sticky
  // one reads only what it matches there).
  let depth = 0
  for (const name of METHODS) {
    const original = proto[name]!
    saved.set(name, original)
    proto[name] = function (this: RegExp, input: unknown, ...rest: unknown[]) {
      const outer = depth === 0
      const from = this.lastIndex
      depth++
      let result: unknown
      try {
        result = original.call(this, input, ...rest)
      } finally {
        depth--
      }
      if (outer) {
        calls++
        const matched = name === 'exec' ? ((result as RegExpExecArray | null)?.[0].length ?? 0) : 0
        // A sticky pattern reads only at lastIndex: what it matched, and one character more.
        if (this.sticky && name === 'exec') scanned += matched + 1
        else scanned += String(input).length - ((name === 'exec' || name === 'test') && this.global ? from : 0)
      }
      return result
    }
  }
})

afterAll(() => {
  for (const [name, original] of saved) proto[name as string] = original as (...args: unknown[]) => unknown
})

/** Work done by the patterns while `fn` runs, over the length of what it was given. */
function work(input: number, fn: () => unknown): { perChar: number; calls: number; result: unknown } {
  scanned = 0
  calls = 0
  const result = fn()
  return { perChar: scanned / input, calls, result }
}

const res = (body: string) => ({ status: 500, headers: {}, body: Buffer.from(body), truncated: false, url: 'https://r.example/' })

const CASES: Array<[string, string, (text: string) => unknown, number]> = [
  ['neutralise: line breaks and command starts', '\n::'.repeat(MB / 3), neutralise, 4],
  ['neutralise: `##[` everywhere', '##['.repeat(MB / 3), neutralise, 4],
  ['excerpt: alternating whitespace', ' x\t\n'.repeat(MB / 4), (t) => excerpt(t, 200, { oneLine: true }), 4],
  ['plainText: whitespace and controls', ' \r\n\t\u0001  '.repeat(MB / 7), (t) => plainText(t), 0.5],
  ['escapeMarkdown: every escaped character', '&<>\\`*_{}[]()#+!|~@:www.'.repeat(MB / 24), (t) => escapeMarkdown(t), 0.5],
  ['parseChallenges: a header of parameters', 'Bearer a=b,'.repeat(MB / 11), parseChallenges, 0.5],
  ['parseChallenges: unterminated quotes and escapes', `Bearer realm="${'\\"'.repeat(MB / 2)}`, parseChallenges, 0.5],
  ['extractSha: a page that is not JSON', `<html>${'a'.repeat(MB)}`, (t) => extractSha(t, 'auto'), 4],
  ['extractSha: digits that almost make a SHA', 'a'.repeat(MB), (t) => extractSha(t, 'auto'), 4],
  ['registryDetail: whitespace that is not JSON', ' \n'.repeat(MB / 2), (t) => registryDetail(res(t)), 4],
  ['statusError: an error page', ` ${'<p>'.repeat(MB / 3)}`, (t) => statusError('GET x', res(t)), 4],
  ['parseRetryAfter: digits then a letter', `${'9'.repeat(MB)}x`, (t) => parseRetryAfter({ 'retry-after': t }), 4],
  ['isInternalAddress: a host name of a megabyte', `${'1.'.repeat(MB / 2)}1`, isInternalAddress, 0.01],
  ['loggableUrl: a query of a megabyte', `https://x.example/?${'a=b&'.repeat(MB / 4)}`, loggableUrl, 4],
  ['tail of a command: a megabyte of lines', 'line\n'.repeat(MB / 5), (t) => tail(t), 4]
]

describe('each parser of outside text does linear work on a megabyte of its worst case', () => {
  beforeAll(() => {
    // Redaction runs too, with secrets registered as a run would have them.
    registerSecret('a-registered-secret-0123')
  })

  it.each(CASES)('%s', (_name, text, parse, bound) => {
    expect(text.length).toBeGreaterThanOrEqual(MB - 32)
    const { perChar } = work(text.length, () => parse(text))
    expect(perChar).toBeLessThanOrEqual(bound)
  })

  it('parseTenantList: a megabyte of names reads each once', () => {
    const count = Math.floor(MB / 12)
    const text = JSON.stringify(Array.from({ length: count }, (_, i) => `tenant-${String(i).padStart(5, '0')}`))
    const { perChar, result } = work(text.length, () => parseTenantList(text))
    expect((result as string[]).length).toBe(count)
    expect(perChar).toBeLessThanOrEqual(2)
  })

  it('the challenge parser reads no more than its stated cut', () => {
    const header = `Bearer realm="https://auth.example/token",service="r",${'x=y,'.repeat(MB / 4)}scope="late"`
    const { result } = work(header.length, () => parseChallenges(header))
    expect((result as Array<{ params: Record<string, string> }>)[0]!.params.realm).toBe('https://auth.example/token')
    expect((result as Array<{ params: Record<string, string> }>)[0]!.params.scope).toBeUndefined()
    expect(MAX_CHALLENGE_CHARS).toBe(4096)
  })

  it('the measure sees a rescanning parser (it is not vacuous)', () => {
    const text = 'a,'.repeat(20_000)
    const rescans = (t: string): void => {
      let rest = t
      while (rest) rest = rest.replace(/^[^,]*,/, '')
    }
    expect(work(text.length, () => rescans(text)).perChar).toBeGreaterThan(1000)
  })
})
