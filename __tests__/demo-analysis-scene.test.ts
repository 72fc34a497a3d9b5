import { describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { renderScene } from '../demo/html-analysis.js'
import { escapeHtml } from '../demo/html.js'
import { runDemo } from '../demo/run-demo.js'

/**
 * The demo's optional scene (`--analysis-scene`): after the incident, C's canary reports C but errs at
 * 20%; its job fails the canary on its analysis against the tenants still on B, and the canary goes
 * back to B. Checked from the simulator's records; the HTML report shows the samples beside the baseline.
 */
describe('the analysis scene', () => {
  it('C reports its commit, fails its analysis, goes back to B; the report shows the evidence', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-demo-scene-'))
    let text = ''
    try {
      const result = await runDemo({
        registry: false,
        analysisScene: true,
        out: join(dir, 'r.html'),
        write: (t) => void (text += t),
        paint: (_s, t) => t,
        trapSignals: false,
        plan: { tenants: ['acme', 'globex', 'initech', 'umbrella', 'hooli'], waveSize: 2, drainScale: 0.15, soakSeconds: 0.2 }
      })
      expect(result.verdict?.checks.slice(-3).map((c) => [c.label, c.ok])).toEqual([
        ["C's canary reported C's commit", true],
        ["C's job failed the canary on its analysis", true],
        ['The canary went back to B; no other tenant ever got C', true]
      ])
      expect(result.exitCode).toBe(0)
      expect(result.verdict?.line).toMatch(/; C's canary failed its analysis and went back to B$/)
      expect(text).toMatch(/Scene: job for C \([0-9a-f]{7}\), judged on health/)
      expect(text).toContain('Canary analysis: not passed')
      const html = await readFile(join(dir, 'r.html'), 'utf8')
      expect(html).toContain('<h2>Scene: a canary that reports the right commit but fails its analysis</h2>')
      expect(html).toMatch(/<h3>acme: failed <span class="muted">\(2 bad samples in a row/)
      expect(html).toMatch(/<svg [^>]*aria-label="canary samples against the baseline median">.*<polyline .*stroke="#b91c1c"/)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }, 180_000)

  it('escapes every value of the scene', () => {
    const hostile = '<img src=x onerror=alert(1)>'
    const html = renderScene(
      {
        sha: 'c'.repeat(40),
        message: hostile,
        reason: hostile,
        checks: [{ ok: false, label: hostile, evidence: hostile }],
        summary: hostile,
        report: { x: hostile },
        analysis: {
          step: 'canary',
          kind: 'json',
          source: hostile,
          passed: false,
          stoppedEarly: null,
          intervalSeconds: 1,
          thresholds: { max: null, maxRatio: 3, baselineFloor: 0.01, consecutive: 2, inconclusiveLimit: 2 },
          absoluteOnly: null,
          baseline: [{ tenant: hostile }],
          tenants: [
            {
              tenant: hostile,
              verdict: 'failed',
              why: hostile,
              samples: [{ atSeconds: 1, value: null, baselineMedian: null, baselineReadable: 0, baselineAsked: 1, limit: null, verdict: 'inconclusive', why: hostile }]
            }
          ]
        },
        waves: [
          {
            step: hostile,
            kind: 'json',
            source: hostile,
            passed: false,
            stoppedEarly: null,
            intervalSeconds: 1,
            thresholds: { max: 0.1, maxRatio: 3, baselineFloor: 0.01, consecutive: 2, inconclusiveLimit: 2 },
            absoluteOnly: hostile,
            baseline: [{ tenant: hostile }],
            tenants: [
              {
                tenant: hostile,
                verdict: 'failed',
                why: hostile,
                samples: [{ atSeconds: 1, value: 0.2, baselineMedian: 0.01, baselineReadable: 1, baselineAsked: 1, limit: 0.03, verdict: 'bad', why: hostile }]
              }
            ]
          }
        ]
      },
      escapeHtml
    )
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    // The wave is drawn as the canary is: a heading, a chart, the samples.
    expect(html).toContain('<h3>&lt;img src=x onerror=alert(1)&gt;: not passed</h3>')
    expect(html.match(/<svg /g)).toHaveLength(2)
    expect(html).toContain('<th>tenant</th>')
  })
})
