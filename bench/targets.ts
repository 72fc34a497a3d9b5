import type { Machine } from './machine.js'
import type { ScaleRow } from './scaling.js'
import type { InstallSize } from './footprint.js'
import type { ParserRow } from './parsers.js'
import type { BundleSize, StartupRow } from './startup.js'
import { seconds } from './stats.js'
import { DEFAULT_WAVE, PROGRESSIVE, type VersusRow } from './versus.js'

/** Everything one `npm run bench` measured. */
export interface BenchResult {
  machine: Machine
  startedAt: string
  durationMs: number
  intervalMs: number
  budgetMs: number
  requestTimeoutMs: number
  drainRangeMs: [number, number]
  versus?: VersusRow[]
  /** Why the serial baseline was not measured (curl or bash missing). */
  baselineMissing?: string
  scaling?: ScaleRow[]
  startup?: StartupRow
  bundle?: BundleSize
  install?: InstallSize
  parsers?: ParserRow[]
}

export interface TargetCheck {
  target: string
  measured: string
  status: 'met' | 'missed' | 'not measured'
  /** For a missed target: what the figures say about why. */
  why?: string
}

const ratio = (a: number, b: number): number => Math.round((a / b) * 10) / 10
const SOCKET_LIMIT = 64

export function checkTargets(r: BenchResult): TargetCheck[] {
  return [speed(r), overhead(r), memory(r), startup(r), install(r), bundle(r)]
}

/**
 * The 20x target is judged on the job's whole work with progressive waves: in "verify only" both
 * contenders wait for the same slowest drain, so the ratio there has a low ceiling on loopback.
 */
function speed(r: BenchResult): TargetCheck {
  const target = `N = 100: at least 20x faster than the serial redeploy-and-wait loop, with progressive waves (\`${PROGRESSIVE}\`)`
  const row = r.versus?.find((v) => v.n === 100)
  const serialJob = row?.redeploySerial
  if (!row || !serialJob) return { target, measured: r.baselineMissing ?? 'N = 100 was not run', status: 'not measured' }
  const progressive = ratio(serialJob.ms, row.deployProgressive.ms)
  const waves = ratio(serialJob.ms, row.deployWaves.ms)
  const once = ratio(serialJob.ms, row.deployOneWave.ms)
  const measured = `${progressive}x with \`waves: ${PROGRESSIVE}\` (${seconds(row.deployProgressive.ms)} s against ${seconds(serialJob.ms)} s); ${waves}x in waves of ${DEFAULT_WAVE}, ${once}x in one wave`
  if (!serialJob.ok || !row.deployProgressive.ok) return { target, measured: `${measured}; a run failed`, status: 'missed', why: failure(row) }
  if (progressive >= 20) return { target, measured, status: 'met' }
  return {
    target,
    measured,
    status: 'missed',
    why:
      `Each of the 4 progressive waves lasts at least as long as the slowest drain among its tenants (up to ${seconds(row.slowestDrainMs)} s), ` +
      `plus up to one poll interval (${seconds(r.intervalMs)} s) to see it live and a gate round trip, because the next wave starts only once ` +
      `this one is verified. The serial loop's time is the sum of drains (${seconds(row.totalDrainMs, 0)} s) plus its own polling, so the ratio ` +
      `is bounded near sum / (4 × slowest drain); one wave has only one such wait, hence ${once}x.`
  }
}

function failure(row: VersusRow): string {
  const problems = [row.verifySerial, row.verifyGuard, row.redeploySerial, row.deployWaves, row.deployProgressive, row.deployOneWave].map((t) => t?.problem).filter(Boolean)
  return `A contender did not prove the fleet: ${problems.join('; ')}`
}

function overhead(r: BenchResult): TargetCheck {
  const target = 'N = 1,000: verdict within one interval + 0.5 s of the slowest drain; at most ceil(drain / interval) + 2 requests per tenant'
  const row = r.scaling?.find((s) => s.n === 1000)
  if (!row) return { target, measured: 'N = 1,000 was not run', status: 'not measured' }
  const limit = r.intervalMs + 500
  const measured = `overhead ${seconds(row.overheadMs)} s (limit ${seconds(limit)} s); ${row.overBound} tenants over the request bound, max ${row.maxRequests} requests`
  if (row.ok !== row.n) return { target, measured: `${measured}; ${row.n - row.ok} tenants not proven`, status: 'missed', why: `Verdicts: ${JSON.stringify(row.verdicts)}.` }
  if (row.overheadMs <= limit && row.overBound === 0) return { target, measured, status: 'met' }
  return {
    target,
    measured,
    status: 'missed',
    why:
      `Figures that bear on it: ${row.requestsPerSecond} requests/s, event-loop delay ${row.loopDelayP99Ms} ms at the 99th percentile ` +
      `(max ${row.loopDelayMaxMs} ms), load average ${r.machine.loadAtStart.join(', ')} at the start of the run.`
  }
}

function memory(r: BenchResult): TargetCheck {
  const target = 'N = 10,000: peak RSS under 200 MB, no socket or file-descriptor exhaustion'
  const row = r.scaling?.find((s) => s.n === 10_000)
  if (!row) return { target, measured: 'N = 10,000 was not run', status: 'not measured' }
  const measured =
    `peak RSS ${row.peakRssMb} MB (${row.rssBeforeMb} MB before verifying); peak ${row.peakFds} open files of which ${row.peakSockets} sockets ` +
    `(limit ${r.machine.openFilesLimit}); ${row.tenantConnections} connections opened; ${row.ok}/${row.n} proven`
  const exhausted = row.ok !== row.n || row.peakSockets > SOCKET_LIMIT + 8
  if (row.peakRssMb < 200 && !exhausted) return { target, measured, status: 'met' }
  const why = [
    row.peakRssMb >= 200
      ? `${row.rssBeforeMb} MB of the peak is Node and the loaded modules before the first request. The rest is heap: V8 had ` +
        `${row.peakHeapTotalMb} MB reserved at the peak (${row.peakHeapMb} MB in use, mostly garbage not yet collected) while the ` +
        `verifier sent ${row.requestsPerSecond} requests/s.`
      : '',
    exhausted ? `Verdicts ${JSON.stringify(row.verdicts)}; the connection pool allows ${SOCKET_LIMIT} sockets per origin.` : ''
  ]
  return { target, measured, status: 'missed', why: why.filter(Boolean).join(' ') }
}

/** The gate's start-up against the toolkit floor (medians of one rotation): 1.74x before the gate loaded only its own code. */
export const STARTUP_FLOOR_TARGET = 1.5

function startup(r: BenchResult): TargetCheck {
  const target = `\`mode: gate\` start-up at most ${STARTUP_FLOOR_TARGET}x the toolkit floor (\`@actions/core\` alone, bundled by ncc like the action; medians of one rotation)`
  const s = r.startup
  if (!s) return { target, measured: 'not run', status: 'not measured' }
  if (s.floorMedianMs === undefined) return { target, measured: `median ${s.medianMs.toFixed(0)} ms; the floor was not built`, status: 'not measured' }
  const toFloor = s.medianMs / s.floorMedianMs
  const measured =
    `${toFloor.toFixed(2)}x: median ${s.medianMs.toFixed(0)} ms against ${s.floorMedianMs.toFixed(0)} ms for the floor, ${s.runs} rounds ` +
    `(${s.ratio.toFixed(2)}x a bare \`node -e 0\` of ${s.bareNodeMedianMs.toFixed(0)} ms)`
  if (!s.ok) return { target, measured, status: 'missed', why: `The gate run did not answer \`owner\`: ${s.problem}` }
  if (toFloor <= STARTUP_FLOOR_TARGET) return { target, measured, status: 'met' }
  const mb = r.bundle ? (r.bundle.totalBytes / 1e6).toFixed(1) : '?'
  return {
    target,
    measured,
    status: 'missed',
    why:
      `The floor loads \`@actions/core\`, which imports \`@actions/http-client\` and so undici's whole entry module; the other ` +
      `${(s.medianMs - s.floorMedianMs).toFixed(0)} ms load and compile what the gate needs of the ${mb} MB bundle (Octokit, the settings, ` +
      `the gate and the report) and ask the forge twice (the branch head, the check run).`
  }
}

/** What `npm ci` installs: 752 MB before this round (385 MB of it @octokit/openapi, 189 MB the node package). */
export const INSTALL_TARGET_MB = 250
/** Every .js file of dist/: 4.4 MB before this round (two undici copies). */
export const BUNDLE_TARGET_MB = 2

function install(r: BenchResult): TargetCheck {
  const target = `\`npm ci\` installs under ${INSTALL_TARGET_MB} MB (node_modules)`
  const i = r.install
  if (!i) return { target, measured: 'not measured', status: 'not measured' }
  const mb = (b: number): string => (b / 1e6).toFixed(0)
  const measured = `${mb(i.bytes)} MB; largest: ${i.largest.map((p) => `${p.name} ${mb(p.bytes)} MB`).join(', ')}`
  return i.bytes < INSTALL_TARGET_MB * 1e6
    ? { target, measured, status: 'met' }
    : { target, measured, status: 'missed', why: `The largest packages are listed; each is a devDependency the tests or the build need.` }
}

function bundle(r: BenchResult): TargetCheck {
  const target = `\`dist/\` under ${BUNDLE_TARGET_MB} MB of JavaScript, one undici in it`
  const b = r.bundle
  if (!b) return { target, measured: 'not measured', status: 'not measured' }
  const measured = `${(b.totalBytes / 1e6).toFixed(2)} MB (${(b.gzipBytes / 1e6).toFixed(2)} MB gzipped) in ${b.files.length} files; ${b.undiciCopies} undici`
  return b.totalBytes < BUNDLE_TARGET_MB * 1e6 && b.undiciCopies === 1 ? { target, measured, status: 'met' } : { target, measured, status: 'missed', why: 'See the file list in section 3.' }
}
