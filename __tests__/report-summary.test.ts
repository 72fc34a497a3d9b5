import { describe, expect, it } from '@jest/globals'
import { codeText, cutMarkdown, escapeMarkdown, plainText } from '../src/report/escape.js'
import { failuresOf } from '../src/report/failures.js'
import { buildReport, type ReportTenant, tenantFromRecord, tenantFromVerdict } from '../src/report/model.js'
import { formatDuration, MAX_TENANT_ROWS, runSummaryMarkdown } from '../src/report/summary.js'
import { parseSettings } from '../src/settings/index.js'

/** The one summary builder and its escaping, fed the worst a tenant, a registry or a branch can send. */
const SHA = 'a'.repeat(40)
const OLD = 'b'.repeat(40)
const HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(2)> | **bold** [x](http://evil) `code` @team #1\n# heading\r\n| fake | row |'
const HUGE = `${HOSTILE} ${'A|<'.repeat(34_000)}` // a little over 100 KB

const unescapedPipes = (line: string): number => line.split(/(?<!\\)\|/).length - 1

function settings(extra: Record<string, string> = {}) {
  return parseSettings({
    GITHUB_SHA: SHA,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '12',
    INPUT_MODE: 'deploy',
    INPUT_TENANTS: 'a',
    'INPUT_BUILDINFO-URL': 'https://{tenant}.example.com/buildinfo',
    'INPUT_REDEPLOY-URL': 'https://cp.example.com/{tenant}',
    INPUT_IMAGE: 'ghcr.io/acme/app',
    ...extra
  })
}

function hostileReport(branch = 'main') {
  const t = (tenant: string, verdict: ReportTenant['verdict'], more: Partial<ReportTenant> = {}): ReportTenant => ({
    ...tenantFromVerdict({
      tenant,
      verdict: verdict === 'redeploy-failed' || verdict === 'analysis-failed' || verdict === 'not-started' ? 'stale' : verdict,
      sha: verdict === 'on-target' ? SHA : OLD,
      polls: 2,
      elapsedMs: 3000,
      url: ''
    }),
    step: 'wave 1',
    action: 'redeployed',
    before: OLD,
    verdict,
    ok: verdict === 'on-target' || verdict === 'ahead',
    ...more
  })
  const tenants = [
    t('on-1', 'on-target', { settleSeconds: 2 }),
    t('ahead-1', 'ahead'),
    t('idle-1', 'not-started', { action: 'not-started', sha: null }),
    t('bad-html', 'invalid', { lastError: HOSTILE }),
    t('bad-huge', 'unreachable', { lastError: HUGE }),
    t('stale-1', 'stale'),
    t('cp-refused', 'redeploy-failed', { action: 'redeploy-failed', redeployError: `control plane said ${HOSTILE}` })
  ]
  const phase = (name: string, ms: number) => ({
    name,
    startedAt: '2026-11-22T10:00:00.000Z',
    endedAt: '2026-11-22T10:00:05.000Z',
    durationMs: ms,
    outcome: 'ok',
    detail: name === 'wave 1' ? HOSTILE : undefined
  })
  return buildReport(
    settings({ INPUT_BRANCH: branch }),
    { result: 'failed', failure: 'x' },
    {
      reason: `3 tenant(s) failed: ${HOSTILE}`,
      startedAt: new Date('2026-11-22T10:00:00Z'),
      tag: 'staging-aaaaaaa',
      gate: { superseded: false, headSha: SHA, basis: 'identical', reason: `main is at ${HOSTILE}` },
      phases: [phase('gate', 120), phase('canary', 4000), phase('soak', 60_000), phase('wave 1', 185_000), phase('confirm', 1500), phase('promotion', 800)],
      tenants,
      promotion: { promoted: false, outcome: 'failed', reason: `Promotion failed: registry answered ${HOSTILE}` }
    },
    new Date('2026-11-22T10:05:00Z')
  )
}

describe('escapeMarkdown', () => {
  it('neutralises Markdown, HTML, mentions and table pipes, on one line', () => {
    const out = escapeMarkdown(HOSTILE)
    expect(out).toBe(
      '&lt;script&gt;alert\\(1\\)&lt;/script&gt; &lt;img src=x onerror=alert\\(2\\)&gt; \\| \\*\\*bold\\*\\* \\[x\\]\\(http\\://evil\\) \\`code\\` \\@<!-- -->team \\#1 \\# heading \\| fake \\| row \\|'
    )
    // The only markup in an escaped value is our own empty comment that stops email autolinks.
    expect(out.replace(/<!-- -->/g, '')).not.toMatch(/[<>\n\r]/)
    expect(unescapedPipes(out)).toBe(0)
  })

  it('caps a 100 KB value before escaping, so no entity or escape is cut in half', () => {
    const out = escapeMarkdown(HUGE)
    expect(HUGE.length).toBeGreaterThan(100_000)
    expect(out.length).toBeLessThan(500 * 5)
    expect(out.endsWith('…')).toBe(true)
    expect(out).not.toMatch(/&(?!amp;|lt;|gt;)/)
    expect(out).not.toMatch(/[^\\]\|/)
  })

  it('drops control and bidirectional-override characters, and never splits a surrogate pair', () => {
    expect(escapeMarkdown('a\u0007b\u202Ec\u0000d')).toBe('abcd')
    expect(plainText('😀'.repeat(10), 4)).toBe('😀😀😀…')
    expect(codeText('x|y')).toBe('<code>x\\|y</code>')
  })
})

describe('cutMarkdown', () => {
  it('keeps whole lines within a byte limit and appends the note', () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i} ✅`).join('\n')
    const out = cutMarkdown(
      text,
      300,
      (kept, total) => `cut ${kept}/${total}`,
      (s) => Buffer.byteLength(s)
    )
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(300)
    expect(out).toMatch(/\n\ncut \d+\/100\n$/)
    expect(text.startsWith(out.slice(0, out.indexOf('\n\ncut')))).toBe(true)
    expect(cutMarkdown('short', 300, () => 'never')).toBe('short')
  })
})

describe('the run summary', () => {
  const md = runSummaryMarkdown(hostileReport('<b>x|y</b>'), '/tmp/r.json')
  const lines = md.split('\n')

  it('escapes every outside value: no raw HTML, no broken row, bounded size', () => {
    expect(md).not.toMatch(/<(script|img|b)\b/)
    expect(md).not.toContain('**bold**')
    expect(md).toContain('&lt;b&gt;x\\|y&lt;/b&gt;')
    expect(md.length).toBeLessThan(20_000)
    // Every row of every table has exactly as many cell borders as its header.
    for (const block of md.split('\n\n').filter((b) => b.startsWith('|'))) {
      const rows = block.split('\n')
      for (const row of rows) expect(unescapedPipes(row)).toBe(unescapedPipes(rows[0]!))
    }
    // No value starts a line: only our own headings, tables, icons and the report line do.
    for (const line of lines.filter(Boolean)) expect(line).toMatch(/^(## |### |\| |\|---|❌|✅|⏭️|JSON report|Digest|_)/)
  })

  it('shows the gate decision and why, and the commit', () => {
    expect(md).toContain(`| Gate | ✅ owner: main is at &lt;script&gt;`)
    expect(md).toContain(`| Commit | <code>aaaaaaa</code> on <code>&lt;b&gt;x\\|y&lt;/b&gt;</code>, image tag <code>staging-aaaaaaa</code> |`)
    expect(md).toContain('| Run | [12](https://github.com/acme/app/actions/runs/12), 5m 00s, finished 2026-11-22 10:05:00 UTC |')
  })

  it('has a timeline of every phase with durations and a total', () => {
    const timeline = lines.filter((l) => /^\| \d+ \|/.test(l)).map((l) => l.split(' | ').slice(1, 2).concat(l.split(' | ')[4]!))
    expect(timeline).toEqual([
      ['gate', '0.1s'],
      ['canary', '4s'],
      ['soak', '1m 00s'],
      ['wave 1', '3m 05s'],
      ['confirm', '1.5s'],
      ['promotion', '0.8s']
    ])
    expect(md).toContain('| | total | | | 4m 11s | |')
  })

  it('lists failing tenants first, by kind of failure, then the rest', () => {
    const table = md.slice(md.indexOf('### Tenants'))
    expect(table).toMatch(/^### Tenants: 2 of 7 OK, 4 failing/)
    const names = table
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| Tenant'))
      .map((l) => l.split(' | ')[0]!.slice(2))
    expect(names).toEqual(['cp-refused', 'stale-1', 'bad-huge', 'bad-html', 'idle-1', 'ahead-1', 'on-1'])
  })

  it('ends with the promotion result', () => {
    expect(md).toContain('### Promotion\n\n❌ **failed** <code>staging-aaaaaaa</code> → <code>latest</code> in <code>ghcr.io/acme/app</code>: Promotion failed\\: registry answered &lt;script&gt;')
    expect(lines.at(-2)).toBe('JSON report: <code>/tmp/r.json</code> (output <code>report-path</code>, schema <code>rollout-guard/report</code> v1).')
  })

  it('leaves the rest of a huge fleet to the JSON report', () => {
    const report = hostileReport()
    report.tenants = Array.from({ length: MAX_TENANT_ROWS + 7 }, (_, i) => tenantFromRecord({ tenant: `t${i}`, step: 'wave 1', action: 'not-started', reissues: 0 }))
    expect(runSummaryMarkdown(report)).toContain('\n\n7 more tenants are in the JSON report.')
  })

  it('the error lines name each failing tenant once, plain text for @actions/core to escape', () => {
    const failures = failuresOf(hostileReport())
    expect(failures.map((f) => f.title)).toEqual(['Tenant cp-refused: redeploy-failed', 'Tenant stale-1: stale', 'Tenant bad-huge: unreachable', 'Tenant bad-html: invalid'])
    expect(failures[1]!.message).toBe(`tenant stale-1 is stale: actual=bbbbbbb expected=aaaaaaa after 240s, 2 polls`)
    // Tenant text is cut (300 characters), so one answer cannot flood the log.
    expect(failures[2]!.message.length).toBeLessThan(500)
  })
})

describe('formatDuration', () => {
  it.each([
    [0.25, '0.3s'],
    [59, '59s'],
    [60, '1m 00s'],
    [3599, '59m 59s'],
    [3725, '1h 02m']
  ])('%s → %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text))
})

describe('the canary restore section', () => {
  it('lists each canary tenant, where it went back to and whether it verified there, escaping outside text', () => {
    const base = hostileReport()
    const report = buildReport(
      settings(),
      { result: 'failed', failure: 'x' },
      {
        reason: 'The canary failed.',
        startedAt: new Date('2026-11-22T10:00:00Z'),
        phases: [],
        tenants: base.tenants,
        restore: {
          outcome: 'failed',
          reason: `The canary restore did not verify for 1 of 2 tenant(s) (${HOSTILE}).`,
          tenants: [
            { tenant: 'on-1', action: 'restored', to: OLD, verdict: { tenant: 'on-1', verdict: 'on-target', sha: OLD, polls: 3, settleMs: 1500, elapsedMs: 1500, url: '' } },
            { tenant: HOSTILE, action: 'restore-failed', to: OLD, detail: `control plane said ${HOSTILE}` },
            { tenant: 'idle-1', action: 'nothing-to-restore', detail: 'its pre-flight read gave no commit' }
          ]
        }
      },
      new Date('2026-11-22T10:05:00Z')
    )
    expect(report.restore!.tenants.map((t) => [t.action, t.verified, t.settleSeconds])).toEqual([
      ['restored', true, 1.5],
      ['restore-failed', false, null],
      ['nothing-to-restore', false, null]
    ])
    const md = runSummaryMarkdown(report)
    const section = md.slice(md.indexOf('### Canary restore: failed'))
    expect(section).toContain(`| on-1 | restored | <code>${OLD.slice(0, 7)}</code> | ✅ verified there |`)
    expect(section).toContain('| idle-1 | nothing-to-restore | — | — | its pre-flight read gave no commit |')
    expect(section).not.toContain('<script>')
    for (const line of section.split('\n').filter((l) => l.startsWith('| '))) expect(unescapedPipes(line)).toBe(6)
    expect(runSummaryMarkdown(base)).not.toContain('Canary restore')
  })
})
