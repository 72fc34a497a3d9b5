import { type ChildProcess, spawn } from 'node:child_process'
import { Fleet } from '../simulator/fleet.js'
import { closeOnExit, collect, track } from './children.js'
import { drainTimes, requestBound, tenantNames } from './drains.js'
import type { WorkerJob, WorkerResult } from './verify-worker.js'

/**
 * Section 2: `verifyFleet` in a child process per fleet size (so peak RSS is per size), against the
 * tenant simulator in this process. The fleet is redeployed at once; the overhead is how long after
 * the slowest tenant went live the verdict came; requests are counted by the tenants themselves.
 */
export interface ScalingSettings {
  sizes: number[]
  intervalMs: number
  budgetMs: number
  /** Plain-JavaScript worker entry (see compile.ts). */
  worker: string
  /** Extra node flags for the worker, e.g. --cpu-prof. */
  nodeFlags: string[]
}

export interface ScaleRow {
  n: number
  slowestDrainMs: number
  wallMs: number
  /** Verdict time minus the moment the slowest tenant went live. */
  overheadMs: number
  ok: number
  verdicts: Record<string, number>
  meanRequests: number
  maxRequests: number
  /** False when the verifier's own count differs from what the tenants received. */
  countsAgree: boolean
  /** Tenants that got more than ceil(drain / interval) + 2 requests. */
  overBound: number
  requestsPerSecond: number
  rssBeforeMb: number
  peakRssMb: number
  peakHeapMb: number
  peakHeapTotalMb: number
  peakFds: number
  peakSockets: number
  tenantConnections: number
  loopDelayP99Ms: number
  loopDelayMaxMs: number
}

export async function runScaling(s: ScalingSettings, log: (line: string) => void): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = []
  for (const n of s.sizes) {
    log(`  N=${n}: starting the fleet`)
    rows.push(await runScale(n, s))
    const r = rows.at(-1)!
    log(`  N=${n}: ${(r.wallMs / 1000).toFixed(2)} s, overhead ${(r.overheadMs / 1000).toFixed(2)} s, peak RSS ${r.peakRssMb} MB`)
  }
  return rows
}

async function runScale(n: number, s: ScalingSettings): Promise<ScaleRow> {
  const names = tenantNames(n)
  const drains = drainTimes(n)
  const fleet = await Fleet.start({ tenants: names, drainMs: (_name, i) => drains[i]! })
  const closeFleet = closeOnExit(() => fleet.close())
  let child: ChildProcess | undefined
  try {
    const target = await fleet.commit('release')
    child = spawn(process.execPath, [...s.nodeFlags, s.worker], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] })
    const streams = collect(child)
    // Profiling aid: BENCH_VERBOSE=1 shows what the worker prints (e.g. with --worker-flags=--trace-gc).
    if (process.env.BENCH_VERBOSE) child.stdout?.on('data', (d: string) => process.stderr.write(d))
    const { done } = track(child, s.budgetMs + 120_000)
    const exited = done.then((e) => {
      throw new Error(`the verify worker ended early (code ${e.code}${e.timedOut ? ', time limit' : ''}): ${streams.stderr().trim().slice(-500)}`)
    })
    exited.catch(() => undefined)
    const env: Record<string, string> = {
      ...fleet.runEnv(target),
      INPUT_MODE: 'verify',
      INPUT_TOKEN: fleet.token,
      INPUT_TENANTS: names.join(','),
      'INPUT_BUILDINFO-URL': fleet.tenants.buildinfoTemplate,
      'INPUT_SETTLE-BUDGET-SECONDS': String(s.budgetMs / 1000),
      'INPUT_SETTLE-INTERVAL-SECONDS': String(s.intervalMs / 1000)
    }
    const job: WorkerJob = { type: 'job', env, tenantPort: Number(new URL(fleet.tenants.url).port) }
    child.send(job)
    const ready = await Promise.race([message<{ rssBeforeBytes: number }>(child, 'ready'), exited])

    // Everything is redeployed at once, then the worker is told to go: the verdict for the slowest
    // tenant cannot come before its drain ends, and every millisecond after that is overhead.
    let lastLive = 0
    for (const name of names) lastLive = Math.max(lastLive, fleet.tenants.redeploy(name, target).liveAt)
    const lastLiveEpoch = performance.timeOrigin + lastLive
    child.send({ type: 'go' })
    const result = await Promise.race([message<WorkerResult>(child, 'result'), exited])
    await done

    const perTenant = new Map<string, number>()
    for (const r of fleet.tenants.requests()) perTenant.set(r.tenant, (perTenant.get(r.tenant) ?? 0) + 1)
    let total = 0
    let max = 0
    let overBound = 0
    names.forEach((name, i) => {
      const count = perTenant.get(name) ?? 0
      total += count
      max = Math.max(max, count)
      if (count > requestBound(drains[i]!, s.intervalMs)) overBound += 1
    })
    const wallMs = result.finishEpochMs - result.startEpochMs
    return {
      n,
      slowestDrainMs: Math.max(...drains),
      wallMs,
      overheadMs: result.finishEpochMs - lastLiveEpoch,
      ok: (result.verdicts['on-target'] ?? 0) + (result.verdicts.ahead ?? 0),
      verdicts: result.verdicts,
      meanRequests: Math.round((total / n) * 100) / 100,
      maxRequests: max,
      countsAgree: total === result.requestsSent,
      overBound,
      requestsPerSecond: Math.round(total / (wallMs / 1000)),
      rssBeforeMb: mb(ready.rssBeforeBytes),
      peakRssMb: mb(result.peakRssBytes),
      peakHeapMb: mb(result.peakHeapUsedBytes),
      peakHeapTotalMb: mb(result.peakHeapTotalBytes),
      peakFds: result.peakFds,
      peakSockets: result.peakSockets,
      tenantConnections: result.tenantConnections,
      loopDelayP99Ms: result.loopDelayP99Ms,
      loopDelayMaxMs: result.loopDelayMaxMs
    }
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await closeFleet()
  }
}

/** Decimal megabytes, as the targets are stated. */
const mb = (bytes: number): number => Math.round(bytes / 1e6)

function message<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (m: { type?: string }): void => {
      if (m.type !== type) return
      child.off('message', onMessage)
      resolve(m as T)
    }
    child.on('message', onMessage)
  })
}
