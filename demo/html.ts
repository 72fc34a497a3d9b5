import { basename, isAbsolute, relative } from 'node:path'
import type { DemoData, JobData, TenantData } from './collect.js'
import { renderScene } from './html-analysis.js'
import { STYLE } from './html-style.js'
import { markdownToHtml } from './markdown-html.js'

/**
 * The demo's HTML report: one self-contained file (inline CSS, no script, nothing fetched) with the
 * verdict and its evidence, both jobs, the phase timeline, every tenant and the promotion. Every value
 * is escaped: SHAs, reasons and summaries all come from outside this file.
 */
export function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

const e = escapeHtml
const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`
const short = (sha: string | undefined): string => (sha ? sha.slice(0, 7) : '—')

export function renderHtml(d: DemoData): string {
  const label = (sha: string | undefined): string => d.commits.find((c) => c.sha === sha)?.label ?? short(sha)
  const span = Math.max(1, d.durationMs, ...d.jobs.map((j) => j.endedAt))
  const pct = (ms: number): string => `${Math.max(0, Math.min(100, (ms / span) * 100)).toFixed(2)}%`
  const bar = (from: number, to: number, cls: string, title: string): string => `<div class="bar ${e(cls)}" style="left:${pct(from)};width:${pct(Math.max(0, to - from))}" title="${e(title)}"></div>`
  const aStart = d.jobs.find((j) => j.name === 'A')?.startedAt ?? 0
  const marker = `<div class="marker" style="left:${pct(aStart)}" title="job A starts"></div>`

  const verdict = `<div class="verdict ${d.verdict.ok ? 'ok' : 'bad'}">${e(d.verdict.line)}</div>${d.verdict.note ? `\n<p class="muted">${e(d.verdict.note)}</p>` : ''}
<ul class="checks">${d.verdict.checks.map((c) => `<li><span class="${c.ok ? 'pass' : 'fail'}">${c.ok ? '✓' : '✗'}</span> ${e(c.label)} <span class="muted">— ${e(c.evidence)}</span></li>`).join('')}</ul>`

  const commits = `<table><tr><th>commit</th><th>SHA</th><th>message</th></tr>${d.commits
    .map((c) => `<tr><td><span class="tag ${e(c.label)}">${e(c.label)}</span></td><td class="mono">${e(c.sha)}</td><td>${e(c.message)}</td></tr>`)
    .join('')}</table><p class="muted">main: base ← A ← B. B's push came two minutes after A's; A's job got a runner late, when B's job was already rolling the canary.</p>`

  const phases = `<table><tr><th>job</th><th>phase</th><th>outcome</th><th>start</th><th>duration</th><th style="width:45%">timeline (0 – ${e(s(span))}; the amber line is where A's job starts)</th></tr>${d.phases
    .map(
      (p) =>
        `<tr><td><span class="tag ${p.job}">${p.job}</span></td><td>${e(p.name)}</td><td>${e(p.outcome)}</td><td>${e(s(p.start))}</td><td>${e(s(p.end - p.start))}</td><td><div class="track">${marker}${bar(p.start, p.end, p.job === 'A' ? 'A' : p.outcome, `${p.name}: ${p.detail ?? p.outcome}`)}</div></td></tr>`
    )
    .join('')}</table>`

  const tenantRow = (t: TenantData): string => {
    const drains = t.redeploys.map((r) => bar(r.requestedAt, r.liveAt, 'drain', `redeploy to ${label(r.sha)} at ${s(r.requestedAt)}, live at ${s(r.liveAt)}`)).join('')
    const firstB = t.served.find((h) => h.sha === d.commits[2]?.sha)
    const dot = firstB ? `<div class="dot" style="left:${pct(firstB.at)}" title="first answered B at ${e(s(firstB.at))}"></div>` : ''
    const served = t.served.map((h) => `${label(h.sha)} (${s(h.at)})`).join(' → ')
    return `<tr><td>${e(t.name)}${t.canary ? ' <span class="muted">(canary)</span>' : ''}</td><td>${e(t.step ?? '')}</td><td>${e(t.action ?? '')}</td><td>${e(t.verdict ?? '')}</td><td>${e(s(t.drainMs))}</td><td class="mono">${e(served)}</td><td><div class="track">${marker}${drains}${dot}</div></td></tr>`
  }
  const tenants = `<table><tr><th>tenant</th><th>step</th><th>action (B)</th><th>verdict (B)</th><th>drain</th><th>answered, from first poll</th><th style="width:32%">redeploy → live (striped), first answer on B (green)</th></tr>${d.tenants.map(tenantRow).join('')}</table>`

  const p = d.promotion
  const promotion =
    'skipped' in p
      ? `<p><strong>Skipped:</strong> ${e(p.skipped)}. The jobs ran without <code>image</code>, so they did not promote.</p>`
      : `<p>B's job: <strong>${e(p.outcome ?? 'no promotion')}</strong>${p.reason ? ` — ${e(p.reason)}` : ''}</p>
<table><tr><th>image</th><td class="mono">${e(p.image)}</td></tr><tr><th>:latest before</th><td class="mono">${e(p.before)} (${e(digestLabel(p.before, p.digests))})</td></tr><tr><th>:latest after</th><td class="mono">${e(p.after ?? 'missing')} (${e(digestLabel(p.after, p.digests))})</td></tr>${Object.entries(
          p.digests
        )
          .map(([k, v]) => `<tr><th>staging image of ${e(k)}</th><td class="mono">${e(v)}</td></tr>`)
          .join('')}</table>
<details><summary>Registry requests the jobs made (${p.registryLog.length})</summary><pre>${e(p.registryLog.join('\n'))}</pre></details>`

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rollout Guard demo: the incident, replayed</title><style>${STYLE}</style></head>
<body>
<h1>Rollout Guard demo: the incident, replayed</h1>
<p class="muted">${e(d.generatedAt)} · Node ${e(d.node)} · ${e(shownDist(d.dist))} · ${d.tenants.length} tenants, canary ${e(d.plan.canary)}, waves of ${d.plan.waveSize} · ${e(s(d.durationMs))}</p>
${verdict}
<h2>Commits</h2>${commits}
<h2>Jobs</h2><div class="jobs">${d.jobs.map(jobCard).join('')}</div>
<h2>Phase timeline</h2>${phases}
<h2>Tenants</h2>${tenants}
<h2>Promotion of :latest</h2>${promotion}
<h2>On the pull requests</h2>${pullComments(d)}
${d.scene ? renderScene(d.scene, e) : ''}
<h2>Job summaries and JSON reports</h2>${d.jobs.map(jobDetails).join('')}
</body></html>
`
}

function digestLabel(digest: string | undefined, digests: Record<string, string>): string {
  const who = Object.entries(digests).find(([, v]) => v === digest)?.[0]
  return who ? `the image of ${who}` : 'unknown image'
}

/**
 * The bundle the demo ran, as the report shows it: its path inside the project (`dist/index.js`), or only
 * its file name for a build elsewhere. A report is shared, and the machine's folders are nobody's business.
 */
export function shownDist(dist: string): string {
  const inside = relative(process.cwd(), dist)
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : basename(dist)
}

function jobCard(j: JobData): string {
  // A job that stepped aside verified and rolled nothing on purpose: "verified 0, rolled []" would read as a failure.
  const superseded = j.outputs.superseded === 'true'
  const shown = superseded ? ['result', 'superseded', 'head-sha'] : ['result', 'superseded', 'head-sha', 'verified', 'rolled', 'stale', 'ahead', 'promoted', 'promoted-digest']
  return `<div class="job ${j.name}"><h3><span class="tag ${j.name}">job ${j.name}</span> deploys <span class="mono">${e(short(j.sha))}</span></h3>
<p>Started at ${e(s(j.startedAt))}, ended at ${e(s(j.endedAt))}; exit code <strong>${j.exitCode}</strong>.</p>
<p>${e(j.outputs.reason ?? '')}</p>
<dl class="outputs">${shown
    .filter((k) => k in j.outputs)
    .map((k) => `<dt>${e(k)}</dt><dd class="mono">${e(brief(j.outputs[k] ?? ''))}</dd>`)
    .join('')}</dl>${superseded ? '\n<p><strong>superseded: nothing to do</strong></p>' : ''}</div>`
}

/** A long JSON array output (every tenant rolled) as its length and first names. */
function brief(value: string): string {
  if (!value.startsWith('[')) return value
  try {
    const list = JSON.parse(value) as unknown[]
    if (list.length <= 4) return value
    const names = list.slice(0, 4).map((x) => (typeof x === 'string' ? x : JSON.stringify(x)))
    return `${list.length} entries: ${names.join(', ')}, …`
  } catch {
    return value
  }
}

function jobDetails(j: JobData): string {
  // The summary's last line names the JSON report in the job's temporary folder, gone by now: the report is below instead.
  const summary = markdownToHtml(j.summary.replace(/^JSON report: .*$/m, ''))
  return `<details open><summary>Job ${j.name}: the job summary, rendered as GitHub shows it</summary><div class="summary">${summary}</div></details>
<details><summary>Job ${j.name}: JSON report (output <code>report-path</code>)</summary><pre>${e(JSON.stringify(j.report, null, 2))}</pre></details>`
}

/** Each job's comment on the pull request that brought its commit (`pr-comment: true`), rendered. */
function pullComments(d: DemoData): string {
  const comments = d.forgeViews?.pullComments ?? []
  if (!comments.length) return '<p class="muted">No pull request comment was written.</p>'
  return comments.map((c) => `<h3>#${c.pull} ${e(c.title)}</h3><div class="summary">${markdownToHtml(c.body)}</div>`).join('\n')
}
