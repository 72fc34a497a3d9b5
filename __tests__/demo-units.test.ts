import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { JobResult } from '../demo/jobs.js'
import type { DemoData } from '../demo/collect.js'
import { renderHtml } from '../demo/html.js'
import { readLine } from '../demo/job-log.js'
import { displayWidth, markdownToText } from '../demo/markdown-text.js'
import { defaultPlan } from '../demo/plan.js'
import { runDemo } from '../demo/run-demo.js'
import type { Stage } from '../demo/stage.js'
import { judge } from '../demo/verdict.js'
import { Fleet } from '../simulator/fleet.js'
import type { ActionRun } from '../simulator/run-action.js'

/** The demo's parts: the summary renderer, the log reader, the verdict (which must be able to say no). */
describe('markdownToText', () => {
  const summary = [
    '## ✅ Rollout Guard deploy to production: deployed',
    '',
    'latest holds 7bbaada \\(sha256\\:5f1e\\), promoting staging-b9a5710 → latest.',
    '',
    '| Tenant | Verdict | Note |',
    '|---|---|---|',
    '| acme | ✅ on-target |  |',
    '| hooli\\|x | ❌ stale | `HTTP 503` &lt;b&gt; |'
  ].join('\n')

  it('renders headings, unescapes text, and aligns tables without pipes', () => {
    const text = markdownToText(summary, { width: 80 })
    expect(text).toContain('✓ Rollout Guard deploy to production: deployed\n═══')
    expect(text).toContain('latest holds 7bbaada (sha256:5f1e), promoting staging-b9a5710 → latest.')
    const rows = text.split('\n').filter((l) => /^ {2}(Tenant|acme|hooli)/.test(l))
    expect(rows).toEqual(['  Tenant   Verdict      Note', '  acme     ✓ on-target', '  hooli|x  ✗ stale      HTTP 503 <b>'])
    expect(text.replace('hooli|x', '')).not.toMatch(/[|\\]|&lt;|&gt;|`/)
  })

  it('drops a column that is empty in every row and wraps the last one under itself', () => {
    const text = markdownToText('| a | empty | long |\n|---|---|---|\n| x |  | one two three four five six |', { width: 20 })
    expect(text.split('\n')).toEqual(['  a  long', '  ─  ───────────────', '  x  one two three four', '     five six'])
  })

  it('counts emoji and CJK as two columns and colour codes as none', () => {
    expect(displayWidth('ab')).toBe(2)
    expect(displayWidth('🚀x')).toBe(3)
    expect(displayWidth('\u001b[31mred\u001b[39m')).toBe(3)
  })
})

describe('readLine', () => {
  it('hides masks, group ends and the report path; shows groups, annotations and progress', () => {
    expect(readLine('::add-mask::sim-forge-token')).toBeUndefined()
    expect(readLine('::endgroup::')).toBeUndefined()
    expect(readLine('Report: /tmp/x.json')).toBeUndefined()
    expect(readLine('::group::Wave 1: 12 tenant(s)')).toEqual({ kind: 'group', text: 'Wave 1: 12 tenant(s)' })
    expect(readLine('::notice title=Superseded%3A this job stepped aside::main is at b9a5710%2C newer; 100%25')).toEqual({
      kind: 'notice',
      text: 'Superseded: this job stepped aside: main is at b9a5710, newer; 100%'
    })
    expect(readLine('[wave 2] 3 of 12 on target or ahead, 0 failed, 9 settling (1.0s)')?.kind).toBe('progress')
  })
})

describe('the verdict', () => {
  let fleet: Fleet | undefined
  afterEach(async () => {
    await fleet?.close()
    fleet = undefined
  })

  const job = (name: 'A' | 'B', sha: string, run: Partial<ActionRun>): JobResult => ({
    name,
    sha,
    startedAt: 0,
    endedAt: 1,
    run: { exitCode: 0, outputs: {}, summary: '', stdout: '', stderr: '', report: null, commands: [], tempDir: '', ...run }
  })

  it('says no when a tenant went live on A after B, or A reached the control plane', async () => {
    const f = (fleet = await Fleet.start({ tenants: ['acme', 'globex'], drainMs: 0 }))
    const A = await f.commit('A')
    const B = await f.commit('B')
    const stage: Stage = { fleet: f, commits: { base: f.base, A, B }, drains: {}, skipReason: 'test' }
    const jobs = { A: job('A', A, { outputs: { superseded: 'true', result: 'skipped-superseded' } }), B: job('B', B, { outputs: { result: 'deployed' } }) }
    for (const n of f.names) f.tenants.redeploy(n, B)
    expect((await judge(stage, jobs)).ok).toBe(true)

    f.tenants.redeploy('globex', A)
    f.tenants.redeploy('globex', B)
    const backward = await judge(stage, jobs)
    expect(backward.ok).toBe(false)
    expect(backward.line).toBe('Incident NOT prevented: No tenant ever served A after B')

    await fetch(f.controlPlane.redeployUrl, { method: 'POST', body: JSON.stringify({ tenant: 'acme', sha: A, tag: 'x' }) }).then((r) => r.arrayBuffer())
    f.tenants.redeploy('acme', B)
    expect((await judge(stage, jobs)).line).toMatch(/^Incident NOT prevented: A's job sent no redeploy; No tenant ever served A after B/)
  })
})

describe('renderHtml', () => {
  it('escapes every value that came from a job, a tenant or the registry', () => {
    const evil = '<script>alert("x")</script>&'
    const data: DemoData = {
      generatedAt: '2026-01-01T00:00:00.000Z',
      node: 'v24',
      dist: 'dist/index.js',
      commits: [{ label: 'B', sha: 'b'.repeat(40), message: evil }],
      plan: defaultPlan({ tenants: ['acme'] }),
      jobs: [{ name: 'B', sha: 'b'.repeat(40), startedAt: 0, endedAt: 10, exitCode: 0, outputs: { reason: evil, result: evil }, summary: `## ${evil}`, report: { reason: evil } }],
      phases: [{ job: 'B', name: evil, start: 0, end: 5, outcome: evil, detail: evil }],
      tenants: [{ name: evil, canary: false, drainMs: 1, step: evil, action: null, verdict: null, redeploys: [], served: [] }],
      promotion: { image: evil, before: evil, after: evil, digests: { B: evil }, registryLog: [evil], outcome: evil, reason: evil },
      verdict: { ok: false, line: evil, checks: [{ ok: false, label: evil, evidence: evil }] },
      durationMs: 10
    }
    const html = renderHtml(data)
    expect(html).not.toContain('<script')
    expect(html).not.toContain('alert("x")')
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;')
  })
})

describe('renderHtml: what a shared report shows', () => {
  const base = (dist: string, outputs: Record<string, string>): DemoData => ({
    generatedAt: '2026-01-01T00:00:00.000Z',
    node: 'v24',
    dist,
    commits: [{ label: 'A', sha: 'a'.repeat(40), message: 'A' }],
    plan: defaultPlan({ tenants: ['acme'] }),
    jobs: [{ name: 'A', sha: 'a'.repeat(40), startedAt: 0, endedAt: 10, exitCode: 0, outputs, summary: '', report: {} }],
    phases: [],
    tenants: [],
    promotion: { skipped: 'no registry' },
    verdict: { ok: true, line: 'ok', checks: [] },
    durationMs: 10
  })

  it("names the bundle by its path in the project, never the machine's folders", () => {
    const html = renderHtml(base(resolve('dist/index.js'), {}))
    expect(html).toContain(' · dist/index.js · ')
    expect(html).not.toContain(resolve('dist'))
    expect(renderHtml(base('/elsewhere/build/other.js', {}))).toContain(' · other.js · ')
  })

  it('says "superseded: nothing to do" for a job that stepped aside, not "verified 0, rolled []"', () => {
    const html = renderHtml(base('dist/index.js', { result: 'skipped-superseded', superseded: 'true', verified: '0', rolled: '[]' }))
    expect(html).toContain('superseded: nothing to do')
    expect(html).not.toContain('<dt>verified</dt>')
    expect(html).not.toContain('<dt>rolled</dt>')
    const owner = renderHtml(base('dist/index.js', { result: 'deployed', superseded: 'false', verified: '1', rolled: '["acme"]' }))
    expect(owner).toContain('<dt>verified</dt>')
    expect(owner).not.toContain('nothing to do')
  })
})

describe('runDemo without a registry', () => {
  it('shows promotion as skipped with the reason and still checks the rest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-demo-unit-'))
    let text = ''
    try {
      const result = await runDemo({
        registry: false,
        out: join(dir, 'r.html'),
        write: (t) => void (text += t),
        paint: (_s, t) => t,
        trapSignals: false,
        plan: { tenants: ['acme', 'globex', 'initech', 'umbrella', 'hooli'], waveSize: 2, drainScale: 0.15, soakSeconds: 0.2 }
      })
      expect(result.exitCode).toBe(0)
      // The verdict is about the incident; what the run did not exercise is said apart from it.
      expect(result.verdict?.line).toBe('Incident prevented: A made no side effect, no tenant ever served A after B')
      expect(result.verdict?.note).toBe('Promotion of :latest was not part of this run: the demo was started with --no-registry.')
      expect(text).toContain('Promotion of :latest was not part of this run: the demo was started with --no-registry.')
      expect(text).toContain('registry      none, promotion skipped: the demo was started with --no-registry')
      const html = await readFile(join(dir, 'r.html'), 'utf8')
      expect(html).toContain('<strong>Skipped:</strong> the demo was started with --no-registry.')
      expect(html).toContain('<p class="muted">Promotion of :latest was not part of this run: the demo was started with --no-registry.</p>')
      // The job summary rendered, not as plain text, and without the line naming a JSON report already deleted.
      expect(html).toMatch(/<div class="summary"><h2>✅ Rollout Guard deploy, production: deployed<\/h2>/)
      expect(html).toContain('<h3>Timeline</h3>')
      expect(html).not.toMatch(/JSON report: <code>/)
      // Each job's comment on its pull request, rendered (the hidden marker is not shown).
      expect(html).toMatch(/<h3>#41 A: add the invoice export<\/h3><div class="summary"><h3>Rollout Guard · production<\/h3>\n<p>⏭️ <strong>Superseded<\/strong> by <code>[0-9a-f]{7}<\/code>/)
      expect(html).toMatch(/<h3>#42 B: fix the invoice export rounding<\/h3><div class="summary">[\s\S]*?✅ <strong>Live<\/strong>/)
      expect(html).not.toContain('rollout-guard pr-comment')
      expect(result.stopped).toEqual(['fleet (forge, tenants, control plane, git repository)'])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }, 180_000)
})

describe('runDemo on the Gitea 1.22 flavour', () => {
  it('replays the incident against Gitea: commit statuses, no check runs, the same verdict', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-demo-gitea-'))
    let text = ''
    try {
      const result = await runDemo({
        forge: 'gitea',
        registry: false,
        out: join(dir, 'r.html'),
        write: (t) => void (text += t),
        paint: (_s, t) => t,
        trapSignals: false,
        plan: { tenants: ['acme', 'globex', 'initech', 'umbrella', 'hooli'], waveSize: 2, drainScale: 0.15, soakSeconds: 0.2 }
      })
      expect(result.exitCode).toBe(0)
      expect(result.verdict?.ok).toBe(true)
      expect(text).toMatch(/forge +http:\/\/127\.0\.0\.1:\d+\/api\/v1 {2}fake Gitea 1\.22 API/)
      // A's job reported on its own commit with a commit status (Gitea has no Checks API).
      expect(result.data?.forgeViews?.pullComments.map((c) => [c.pull, /\*\*(\w+)\*\*/.exec(c.body)?.[1]])).toEqual([
        [41, 'Superseded'],
        [42, 'Live']
      ])
      expect(result.verdict?.checks.find((c) => c.label.startsWith("A's job wrote nothing to the forge"))?.evidence).toMatch(/POST \/api\/v1\/repos\/acme\/app\/statuses\//)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }, 180_000)
})
