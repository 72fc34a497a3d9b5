// `npm run screenshots`: the pictures in docs/images/, made from a run of the demo so they stay true. It
// replays the incident (GitHub flavour), renders what the forge then shows for B's job (its check run, its
// job summary, and the comment of each job on its pull request) the way GitHub lays out Markdown, and
// photographs each page with headless Chromium (the Debian package `chromium`, run with --no-sandbox as
// containers need). Nothing is fetched: the pages are local files with inline CSS.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { STYLE } from '../demo/html-style.js'
import { markdownToHtml } from '../demo/markdown-html.js'
import { runDemo } from '../demo/run-demo.js'

const OUT = resolve('docs/images')
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p))
if (!CHROMIUM) {
  console.error('npm run screenshots needs headless Chromium: apt-get update && apt-get install chromium (Debian).')
  process.exit(1)
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title><style>${STYLE} body { max-width: 880px; padding: 16px; } .frame { border: 1px solid var(--line); border-radius: 6px; padding: 4px 16px 12px; } .frame-title { color: var(--muted); font-size: 12px; margin: 0 0 8px; }</style></head><body>${body}</body></html>`

const tmp = mkdtempSync(join(tmpdir(), 'rg-screenshots-'))
try {
  console.log('Running the demo (about 20 seconds)...')
  const result = await runDemo({ out: join(tmp, 'report.html'), write: () => undefined, paint: (_s, t) => t, width: 100 })
  const data = result.data
  if (result.exitCode !== 0 || !data) throw new Error(`the demo did not end well (exit ${result.exitCode}); run \`npm run demo\` to see why`)
  const b = data.jobs.find((j) => j.name === 'B')!
  const check = data.forgeViews?.checkRun
  if (!check) throw new Error("B's check run was not found")
  const shots: Array<{ file: string; height: number; html: string }> = [
    {
      file: 'check-run.png',
      height: 900,
      html: page(
        'Check run',
        `<p class="frame-title">Check run <code>rollout-guard/production</code> on B's commit: its title and output</p><div class="frame"><h2>${escape(check.title)}</h2>${markdownToHtml(check.summary)}</div>`
      )
    },
    {
      file: 'job-summary.png',
      height: 1300,
      // The last line names the JSON report in the job's temporary folder, gone once the demo ends.
      html: page('Job summary', `<p class="frame-title">Job summary of B's deploy job</p><div class="frame">${markdownToHtml(b.summary.replace(/^JSON report: .*$/m, ''))}</div>`)
    },
    {
      file: 'pr-comment.png',
      height: 620,
      html: page(
        'Pull request comments',
        (data.forgeViews?.pullComments ?? [])
          .map((c) => `<p class="frame-title">Pull request #${c.pull} ${escape(c.title)}: the comment of its deploy</p><div class="frame">${markdownToHtml(c.body)}</div>`)
          .join('<br>')
      )
    }
  ]
  mkdirSync(OUT, { recursive: true })
  for (const shot of shots) {
    const html = join(tmp, shot.file.replace(/\.png$/, '.html'))
    writeFileSync(html, shot.html)
    const png = join(OUT, shot.file)
    const r = spawnSync(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--hide-scrollbars',
        '--no-first-run',
        `--user-data-dir=${join(tmp, 'profile')}`,
        `--window-size=900,${shot.height}`,
        `--screenshot=${png}`,
        pathToFileURL(html).href
      ],
      { encoding: 'utf8', timeout: 120_000 }
    )
    if (r.status !== 0 || !existsSync(png)) throw new Error(`chromium failed for ${shot.file} (exit ${r.status ?? r.signal}): ${r.stderr.slice(-500)}`)
    console.log(`Wrote docs/images/${shot.file}`)
  }
} finally {
  rmSync(tmp, { recursive: true, force: true })
}
