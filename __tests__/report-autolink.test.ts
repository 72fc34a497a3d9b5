import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { escapeMarkdown } from '../src/report/escape.js'
import { buildReport, tenantFromVerdict } from '../src/report/model.js'
import { runSummaryMarkdown } from '../src/report/summary.js'
import { parseSettings } from '../src/settings/index.js'
import { CMARK_GFM_BIN } from '../simulator/host-tools.js'

/**
 * Outside text must never become a link on our page. GitHub renders summaries as GFM, whose extended
 * autolinks turn bare `www.`, `https://` and email text into links; this renders our Markdown with the
 * reference GFM implementation (cmark-gfm, with its autolink and table extensions, raw HTML kept as
 * GitHub keeps it before sanitising) and looks for any link we did not write ourselves.
 */
const CMARK = CMARK_GFM_BIN

function render(markdown: string): string {
  const out = spawnSync(CMARK, ['-e', 'autolink', '-e', 'table', '--unsafe'], { input: markdown, encoding: 'utf8' })
  if (out.error) throw new Error(`${CMARK} is needed by this test and could not be run (${out.error.message}): install the Debian package 'cmark-gfm'.`)
  if (out.status !== 0) throw new Error(`${CMARK} failed: ${out.stderr}`)
  return out.stdout
}

/** The text a reader sees: tags and comments dropped, the few entities we write decoded. */
function visible(html: string): string {
  return html
    .replace(/<!--.*?-->/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim()
}

const OUTSIDE = [
  'www.host/path',
  'see WWW.Example.com/login now',
  'https://evil.example/x?y=1',
  'http://10.0.0.1:8080/buildinfo',
  'ftp://files.example/a',
  'ops@example.com',
  'mailto:ops@example.com',
  'xmpp:bot@example.com/res',
  'a.b@c.d.example'
]

describe('outside text renders as text, never as a link (GFM autolinks)', () => {
  it('the GFM renderer is installed', () => {
    expect(() => render('x')).not.toThrow()
  })

  it.each(OUTSIDE)('%s stays plain text and reads the same', (text) => {
    const html = render(`| a |\n|---|\n| ${escapeMarkdown(text)} |\n\nline ${escapeMarkdown(text)}\n`)
    expect(html).not.toContain('<a ')
    const cells = html.match(/<td>(.*?)<\/td>/)?.[1] ?? ''
    expect(visible(cells)).toBe(text)
  })

  it('a whole run summary links only to the run page', () => {
    const settings = parseSettings({
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_API_URL: 'https://api.github.com',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '12',
      INPUT_MODE: 'verify',
      INPUT_TENANTS: 'a',
      'INPUT_BUILDINFO-URL': 'https://{tenant}.example.com/buildinfo'
    })
    const tenants = OUTSIDE.map((text, i) => tenantFromVerdict({ tenant: `t${i}-${text}`, verdict: 'unreachable', polls: 1, elapsedMs: 1000, url: '', lastError: `GET failed, see ${text}` }))
    const report = buildReport(settings, { result: 'failed', failure: 'x' }, { reason: `Tenants failed; ask www.help.example`, startedAt: new Date(0), phases: [], tenants }, new Date(1000))
    const links = [...render(runSummaryMarkdown(report)).matchAll(/<a href="([^"]*)"/g)].map((m) => m[1])
    expect(links).toEqual(['https://github.com/acme/app/actions/runs/12'])
  })

  it("a foreign deploy record's target_url is no link: links come only from this run", () => {
    const settings = parseSettings({
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_API_URL: 'https://api.github.com',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '12',
      INPUT_MODE: 'verify',
      INPUT_TENANTS: 'a',
      'INPUT_BUILDINFO-URL': 'https://{tenant}.example.com/buildinfo'
    })
    const report = buildReport(settings, { result: 'held' }, { reason: 'Held', startedAt: new Date(0), phases: [], tenants: [] }, new Date(1000))
    // What a status someone else wrote on the commit put behind the record's run.
    report.deployState = { action: 'held', end: 'canary-failed', run: '4242.1', since: null, url: 'https://evil.example/acme/app/actions/runs/4242', reason: 'Held' }
    const html = render(runSummaryMarkdown(report))
    expect([...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1])).toEqual(['https://github.com/acme/app/actions/runs/12'])
    expect(visible(html)).toContain('held: run 4242.1 canary-failed')
  })
})
