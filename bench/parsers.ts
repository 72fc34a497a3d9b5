/**
 * Section 5: the parsers of outside text on a megabyte of their worst case each: what a hostile forge,
 * tenant, registry or command can hand them within the answer caps. Linear parsers read a megabyte in
 * milliseconds; a quadratic one would take minutes here. __tests__/linear-parsers.test.ts holds the
 * same parsers to a bound on the work their patterns do, which does not depend on the machine.
 */
import { tail } from '../src/command/runner.js'
import { loggableUrl } from '../src/debug.js'
import { isInternalAddress } from '../src/http/internal-address.js'
import { parseRetryAfter, statusError } from '../src/http/retry.js'
import { neutralise } from '../src/log.js'
import { excerpt } from '../src/redact.js'
import { escapeMarkdown } from '../src/report/escape.js'
import { parseChallenges } from '../src/registry/challenge.js'
import { registryDetail } from '../src/registry/errors.js'
import { extractSha } from '../src/verify/buildinfo.js'
import { parseTenantList } from '../src/verify/tenants.js'

export interface ParserRow {
  parser: string
  input: string
  bytes: number
  /** Median of the runs, milliseconds. */
  ms: number
}

const MB = 1024 * 1024
const answer = (body: string) => ({ status: 500, headers: {}, body: Buffer.from(body), truncated: false, url: 'https://registry.example/' })

const CASES: Array<{ parser: string; input: string; text: () => string; run: (text: string) => unknown }> = [
  { parser: 'log line neutraliser', input: 'line breaks each starting `::`', text: () => '\n::'.repeat(MB / 3), run: neutralise },
  { parser: 'log line neutraliser', input: '`##[` repeated', text: () => '##['.repeat(MB / 3), run: neutralise },
  { parser: 'excerpt (redact, one line)', input: 'alternating whitespace', text: () => ' x\t\n'.repeat(MB / 4), run: (t) => excerpt(t, 200, { oneLine: true }) },
  { parser: 'Markdown escaper', input: 'every escaped character', text: () => '&<>\\`*_{}[]()#+!|~@:www.'.repeat(MB / 24), run: (t) => escapeMarkdown(t) },
  { parser: 'WWW-Authenticate parser', input: 'a header of parameters', text: () => 'Bearer a=b,'.repeat(MB / 11), run: parseChallenges },
  { parser: 'build info reader', input: 'an HTML page', text: () => `<html>${'a'.repeat(MB)}`, run: (t) => extractSha(t, 'auto') },
  {
    parser: 'tenant list reader',
    input: 'JSON array of names',
    text: () => JSON.stringify(Array.from({ length: Math.floor(MB / 12) }, (_, i) => `tenant-${String(i).padStart(5, '0')}`)),
    run: parseTenantList
  },
  { parser: 'registry error detail', input: 'whitespace, not JSON', text: () => ' \n'.repeat(MB / 2), run: (t) => registryDetail(answer(t)) },
  { parser: 'HTTP status error', input: 'an error page', text: () => ` ${'<p>'.repeat(MB / 3)}`, run: (t) => statusError('GET x', answer(t)) },
  { parser: 'Retry-After', input: 'digits then a letter', text: () => `${'9'.repeat(MB)}x`, run: (t) => parseRetryAfter({ 'retry-after': t }) },
  { parser: 'internal address check', input: 'a host name of a megabyte', text: () => `${'1.'.repeat(MB / 2)}1`, run: isInternalAddress },
  { parser: 'URL for the log', input: 'a query of a megabyte', text: () => `https://x.example/?${'a=b&'.repeat(MB / 4)}`, run: loggableUrl },
  { parser: "command output's tail", input: 'a megabyte of lines', text: () => 'line\n'.repeat(MB / 5), run: (t) => tail(t) }
]

export function runParsers(runs = 5): ParserRow[] {
  return CASES.map((c) => {
    const text = c.text()
    const times: number[] = []
    for (let i = 0; i < runs; i++) {
      const started = performance.now()
      c.run(text)
      times.push(performance.now() - started)
    }
    times.sort((a, b) => a - b)
    return { parser: c.parser, input: c.input, bytes: Buffer.byteLength(text), ms: times[Math.floor(times.length / 2)]! }
  })
}
