import { seconds } from './stats.js'
import type { BenchResult } from './targets.js'
import type { Timed } from './versus.js'
import { DEFAULT_WAVE, PROGRESSIVE } from './versus.js'

/** The figures as rows, shared by the terminal table and BENCHMARKS.md. */
export interface Table {
  title: string
  headers: string[]
  rows: string[][]
}

const time = (t: Timed | undefined): string => (t === undefined ? 'not measured' : t.ok ? `${seconds(t.ms)} s` : `FAILED (${seconds(t.ms)} s)`)
const times = (a: Timed | undefined, b: Timed): string => (a?.ok && b.ok ? `${(a.ms / b.ms).toFixed(1)}x` : '—')
const count = (n: number): string => n.toLocaleString('en-US')

export function tables(r: BenchResult): Table[] {
  const out: Table[] = []
  if (r.versus) {
    out.push({
      title: '1a. Verify only: the fleet was redeployed at once, prove every tenant serves the commit',
      headers: ['tenants', 'slowest drain', 'serial curl loop', 'requests/tenant', 'Rollout Guard', 'requests/tenant', 'faster by'],
      rows: r.versus.map((v) => [
        count(v.n),
        `${seconds(v.slowestDrainMs)} s`,
        time(v.verifySerial),
        v.verifySerial ? v.verifySerial.requests.toFixed(1) : '—',
        time(v.verifyGuard),
        v.verifyGuard.requests.toFixed(1),
        times(v.verifySerial, v.verifyGuard)
      ])
    })
    out.push({
      title: '1b. Redeploy and verify: the whole job, from a fleet on the old commit',
      headers: ['tenants', 'sum of drains', 'serial redeploy-and-wait', `deploy, waves of ${DEFAULT_WAVE}`, 'faster by', `deploy, waves ${PROGRESSIVE}`, 'faster by', 'deploy, one wave', 'faster by'],
      rows: r.versus.map((v) => [
        count(v.n),
        `${seconds(v.totalDrainMs, 1)} s`,
        time(v.redeploySerial),
        time(v.deployWaves),
        times(v.redeploySerial, v.deployWaves),
        time(v.deployProgressive),
        times(v.redeploySerial, v.deployProgressive),
        time(v.deployOneWave),
        times(v.redeploySerial, v.deployOneWave)
      ])
    })
  }
  if (r.scaling) {
    out.push({
      title: '2. Scaling: verifyFleet in its own process, fleet redeployed at once',
      headers: [
        'tenants',
        'proven',
        'wall',
        'slowest drain',
        'overhead',
        'req/tenant mean/max',
        'over bound',
        'req/s',
        'RSS before/peak',
        'peak heap used/reserved',
        'peak fds/sockets',
        'connections',
        'loop delay p99'
      ],
      rows: r.scaling.map((s) => [
        count(s.n),
        `${count(s.ok)}/${count(s.n)}`,
        `${seconds(s.wallMs)} s`,
        `${seconds(s.slowestDrainMs)} s`,
        `${seconds(s.overheadMs)} s`,
        `${s.meanRequests.toFixed(2)} / ${s.maxRequests}${s.countsAgree ? '' : ' (verifier counted otherwise)'}`,
        count(s.overBound),
        count(s.requestsPerSecond),
        `${s.rssBeforeMb} / ${s.peakRssMb} MB`,
        `${s.peakHeapMb} / ${s.peakHeapTotalMb} MB`,
        `${s.peakFds} / ${s.peakSockets}`,
        count(s.tenantConnections),
        `${s.loopDelayP99Ms} ms`
      ])
    })
  }
  if (r.startup || r.bundle) {
    const rows: string[][] = []
    const s = r.startup
    if (s) {
      rows.push([
        `node dist/index.js, mode: gate (${s.runs} runs)`,
        `median ${s.medianMs.toFixed(0)} ms, min ${s.minMs.toFixed(0)} ms, p90 ${s.p90Ms.toFixed(0)} ms${s.ok ? '' : ` FAILED: ${s.problem}`}`
      ])
      rows.push([`node -e 0 (${s.runs} runs, in the same rotation)`, `median ${s.bareNodeMedianMs.toFixed(0)} ms`])
      if (s.floorMedianMs !== undefined)
        rows.push([`the toolkit floor: \`@actions/core\` alone, bundled by ncc (${s.runs} runs)`, `median ${s.floorMedianMs.toFixed(0)} ms (${s.floorRatio!.toFixed(2)}x)`])
      if (s.floorMedianMs !== undefined) rows.push(['ratio of the medians, gate to the toolkit floor', `${(s.medianMs / s.floorMedianMs).toFixed(2)}x`])
      rows.push(['ratio of the medians, gate to bare node', `${s.ratio.toFixed(2)}x`])
    }
    if (r.bundle) {
      const files = r.bundle.files.map((f) => `${f.name} ${(f.bytes / 1024).toFixed(0)} KiB`).join(', ')
      rows.push(['dist/*.js', `${(r.bundle.totalBytes / 1e6).toFixed(2)} MB (${(r.bundle.gzipBytes / 1e6).toFixed(2)} MB gzipped): ${files}`])
    }
    out.push({ title: '3. Start-up and bundle', headers: ['what', 'figure'], rows })
  }
  if (r.install) {
    const mb = (b: number): string => `${(b / 1e6).toFixed(1)} MB`
    out.push({
      title: '4. Install size',
      headers: ['what', 'figure'],
      rows: [['node_modules after `npm ci`', mb(r.install.bytes)], ...r.install.largest.map((p) => [p.name, mb(p.bytes)])]
    })
  }
  if (r.parsers) {
    out.push({
      title: '5. Parsers of outside text, a megabyte of each worst case',
      headers: ['parser', 'input', 'size', 'median time', 'throughput'],
      rows: r.parsers.map((p) => [p.parser, p.input, `${(p.bytes / 1024 / 1024).toFixed(2)} MiB`, `${p.ms.toFixed(1)} ms`, `${(p.bytes / 1024 / 1024 / (p.ms / 1000)).toFixed(0)} MiB/s`])
    })
  }
  return out
}

export function textTable(t: Table): string {
  const widths = t.headers.map((h, i) => Math.max(h.length, ...t.rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()
  return [t.title, line(t.headers), widths.map((w) => '-'.repeat(w)).join('  '), ...t.rows.map(line)].join('\n')
}

export function markdownTable(t: Table): string {
  const esc = (c: string): string => c.replace(/\|/g, '\\|')
  return [`| ${t.headers.map(esc).join(' | ')} |`, `|${t.headers.map(() => '---').join('|')}|`, ...t.rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n')
}
