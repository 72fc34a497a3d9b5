import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as log from '../src/log.js'
import { neutralise, oneLineOutput } from '../src/log.js'

/**
 * Outside text never reaches the runner as a command. The parsers below are the runners' own rules:
 * GitHub's runner (src/Runner.Common/ActionCommand.cs: TryParseV2 trims leading whitespace with .NET's
 * TrimStart and wants `::`; TryParse finds `##[` anywhere with IndexOf) and act, which Gitea's act_runner
 * is built on (pkg/runner/command.go: `^::([^ ]+)( (.+))?::` and `^##\[([^ ]+)( (.+))?]`). Lines are split
 * the way each reads them: CR, LF or CRLF for .NET's StreamReader, LF for act.
 */
const NET_WHITESPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/
function githubCommands(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((line) => line.replace(NET_WHITESPACE, '').startsWith('::') || /##\[[^\]]*\]/.test(line))
}
function actCommands(text: string): string[] {
  return text.split('\n').filter((line) => /^::([^ ]+)( (.+))?::/.test(line) || /^##\[([^ ]+)( (.+))?]/.test(line))
}

const HOSTILE = [
  '::set-env name=NODE_OPTIONS::--require /tmp/x.js',
  '  ::add-mask::hide-everything',
  '\u00a0\u3000::set-output name=result::deployed',
  '##[set-env name=NODE_OPTIONS;]--require /tmp/x.js',
  'harmless text ##[add-path]/tmp/bin',
  '::error file=x::forged',
  '\u0085::stop-commands::abc',
  ':::::',
  '###[debug]x'
]

describe('neutralise: no line of outside text starts a workflow command', () => {
  it.each(HOSTILE)("%j is no command for GitHub's runner nor for act, alone or after any line break", (line) => {
    for (const text of [line, `reason: held\n${line}`, `a\r${line}`, `a\r\n${line}\nb`, `${line}\u2028${line}`]) {
      const out = neutralise(text)
      expect(githubCommands(out)).toEqual([])
      expect(actCommands(out)).toEqual([])
    }
  })

  it('the hostile lines are commands before (the parsers above are not vacuous)', () => {
    for (const line of HOSTILE.filter((l) => l !== ':::::')) expect(githubCommands(`x\n${line}`)).toHaveLength(1)
    expect(actCommands('x\n::set-env name=A::b')).toHaveLength(1)
    expect(actCommands('##[add-mask]x')).toHaveLength(1)
  })

  it('leaves ordinary text, and a colon pair inside a line, exactly as it was', () => {
    for (const text of ['tenant-001 serves abc1234', 'a::b', 'Held: the deploy of abc1234 in run 42', 'line one\nline two', 'ratio 3:2 ## [not]']) expect(neutralise(text)).toBe(text)
  })

  it('keeps every line and every character, only inserting invisible breaks', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...HOSTILE, '\n', '\r', '\r\n', ' ', ':', '#', '[', ']'), fc.string()), { maxLength: 30 }), (pieces) => {
        const text = pieces.join('')
        const out = neutralise(text)
        expect(githubCommands(out)).toEqual([])
        expect(actCommands(out)).toEqual([])
        expect(out.replaceAll('\u200b', '')).toBe(text.replaceAll('\u200b', ''))
      }),
      { numRuns: 2000 }
    )
  })

  it('is linear: a megabyte of its worst case (all colons, all line breaks, all `##[`) in a bounded output', () => {
    for (const text of [':'.repeat(1 << 20), '\n::'.repeat(1 << 18), '##['.repeat(350_000), ' '.repeat(1 << 20) + '::', '\r'.repeat(1 << 20)]) {
      const out = neutralise(text)
      // At most one break per `##[` and one per line: the output can grow by no more than that.
      expect(out.length).toBeLessThanOrEqual(text.length + text.split('##[').length + text.split(/\r\n|[\n\r]/).length)
      expect(actCommands(out)).toEqual([])
    }
  })
})

describe('outputs', () => {
  it('carry no line break, whatever text went into them', () => {
    expect(oneLineOutput('Held: x\n::set-output name=result::deployed\r\nend\u2028z')).toBe('Held: x ::set-output name=result::deployed end z')
  })
})

describe('the log functions', () => {
  let written: string[]
  let original: typeof process.stdout.write
  beforeEach(() => {
    written = []
    original = process.stdout.write
    process.stdout.write = ((chunk: string) => {
      written.push(String(chunk))
      return true
    }) as typeof process.stdout.write
  })
  afterEach(() => {
    process.stdout.write = original
  })

  it('info, notice, warning, error, setFailed, group and debug print no command but their own', async () => {
    const evil = 'text\n::set-env name=NODE_OPTIONS::x\n##[add-mask]y'
    const debug = process.env.RUNNER_DEBUG
    process.env.RUNNER_DEBUG = '1'
    try {
      log.info(evil)
      log.notice(evil, { title: evil })
      log.warning(evil, { title: evil })
      log.error(evil)
      log.debug(evil)
      await log.group(evil, async () => log.info(evil))
      log.setFailed(evil)
    } finally {
      process.exitCode = 0
      if (debug === undefined) delete process.env.RUNNER_DEBUG
      else process.env.RUNNER_DEBUG = debug
    }
    const out = written.join('')
    expect(actCommands(out).map((l) => /^::([a-z-]+)/.exec(l)?.[1])).toEqual(['notice', 'warning', 'error', 'debug', 'group', 'endgroup', 'error'])
    expect(githubCommands(out).every((l) => /^::(notice|warning|error|debug|group|endgroup)[ :]/.test(l))).toBe(true)
    expect(out).not.toMatch(/##\[/)
  })
})

describe('src/', () => {
  it('writes to the runner only through src/log.ts: no other file imports @actions/core', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
    const offenders = files('src').filter((f) => f !== join('src', 'log.ts') && /from\s+['"]@actions\/core['"]/.test(readFileSync(f, 'utf8')))
    expect(offenders).toEqual([])
  })

  it('prints to stdout or stderr nowhere but through the toolkit (the start-up guard prints its own fixed text)', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
    const offenders = files('src').filter((f) => f !== join('src', 'index.ts') && /process\.(stdout|stderr)\.write|console\.(log|info|warn|error|debug)/.test(readFileSync(f, 'utf8')))
    expect(offenders).toEqual([])
  })
})
