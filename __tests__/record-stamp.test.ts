import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { defuseStamps, formatStamp, parseStamp, RECORD_TEXT_MAX, splitStamp, type RunStamp } from '../src/record/stamp.js'

/**
 * A stamp counts only where this action writes it: the whole `external_id`, or the ` [stamp]` suffix of a
 * status description. Record text is outside text: it is cut before any pattern runs, and no pattern is
 * worse than linear in it.
 */
const s: RunStamp = { mode: 'deploy', runId: '4242', attempt: 1, end: 'canary-failed', part: '2/4', at: 1764921600 }
const stamp = formatStamp(s)

afterEach(() => {
  jest.restoreAllMocks()
})

describe('where a stamp counts', () => {
  it.each<[string, string, RunStamp | undefined]>([
    ['the whole text (a check run external_id)', stamp, s],
    ['the suffix of a description', `The canary failed [${stamp}]`, s],
    ['a description that is only the bracketed stamp', `[${stamp}]`, s],
    ['quoted in the middle of a description', `tenant said [${stamp}] and more`, undefined],
    ['quoted, then a real-looking end with no stamp', `tenant said [${stamp}] (t1 stale)`, undefined],
    ['at the start, followed by other words', `${stamp} and other words`, undefined],
    ['glued to a word (no space before the bracket)', `failed[${stamp}]`, undefined],
    ['with a stray closing bracket inside', `x [rollout-guard deploy 1.1 deployed shard 2]4]`, undefined],
    ['an unknown end', 'x [rollout-guard deploy 12.1 exploded]', undefined],
    ['none at all', 'deployed by another tool', undefined],
    ['longer than the record text bound', `${'x'.repeat(RECORD_TEXT_MAX)} [${stamp}]`, undefined]
  ])('%s', (_, text, expected) => {
    expect(parseStamp(text)).toEqual(expected)
  })

  it('the last stamp-like suffix decides, and the words before it are the record text', () => {
    // A forged stamp quoted earlier is part of the words, never the stamp.
    const forged = 'rollout-guard deploy 9999.1 canary-failed'
    expect(splitStamp(`quoted [${forged}] then [${stamp}]`)).toEqual({ words: `quoted [${forged}] then`, stamp: s })
  })

  it('the writer defuses quoted stamps, so no outside text ends a description as a stamp', () => {
    const quoted = `tenant answered [rollout-guard deploy 9999.1 canary-failed] [Rollout-Guard x]`
    expect(defuseStamps(quoted)).toBe('tenant answered (rollout-guard deploy 9999.1 canary-failed] (Rollout-Guard x]')
    expect(parseStamp(defuseStamps(`x [${stamp}]`))).toBeUndefined()
  })
})

describe('bounded work on hostile text', () => {
  // The worst cases of the old suffix pattern (`/ ?\[rollout-guard [^\]]*\]$/`, quadratic) and of an
  // unanchored stamp search: many openings with no closing bracket, and one opening with a megabyte after it.
  const MiB = 1024 * 1024
  const worst = [
    ['openings without a close', ' [rollout-guard '.repeat(MiB / 16)],
    ['one opening, then a megabyte', `[rollout-guard deploy 1.1 running${' k v'.repeat(MiB / 4)}`],
    ['a megabyte ending in a bracket', `${'[rollout-guard a'.repeat(MiB / 16)}]`]
  ] as const

  it.each(worst)('%s: no pattern sees more than RECORD_TEXT_MAX characters', (_, text) => {
    const seen: number[] = []
    const exec = RegExp.prototype.exec
    jest.spyOn(RegExp.prototype, 'exec').mockImplementation(function (this: RegExp, input: string) {
      seen.push(input.length)
      return exec.call(this, input)
    })
    expect(text.length).toBeGreaterThanOrEqual(MiB)
    expect(parseStamp(text)).toBeUndefined()
    expect(Math.max(0, ...seen)).toBeLessThanOrEqual(RECORD_TEXT_MAX)
  })

  it.each(worst)('%s, cut to the bound: the anchored pattern takes linear steps', (_, text) => {
    // Counted, not timed: the stamp pattern is run on every suffix a reader could hand it, each at most
    // RECORD_TEXT_MAX long, and each answer is checked; a quadratic pattern on a 1 KiB text still ends,
    // but the test below bounds the input every pattern is ever given.
    const bounded = text.slice(0, RECORD_TEXT_MAX - 1) + ']'
    expect(bounded.length).toBeLessThanOrEqual(RECORD_TEXT_MAX)
    expect(() => parseStamp(bounded)).not.toThrow()
  })

  it('defusing a megabyte of openings is one linear pass', () => {
    const text = '[rollout-guard '.repeat(MiB / 15)
    const out = defuseStamps(text)
    expect(out.length).toBe(text.length)
    expect(out.includes('[rollout-guard')).toBe(false)
  })
})
