/**
 * One scaling run, in a process of its own so that its peak RSS belongs to this fleet size alone.
 * It builds the verifier exactly as `mode: verify` does (settings parsed from INPUT_* variables, the
 * one shared HTTP client, the real forge adapter for ancestry) and runs `verifyFleet` when told to go.
 * Protocol over the IPC channel: parent → {type:'job'}, worker → {type:'ready'}, parent → {type:'go'},
 * worker → {type:'result'} and exits.
 */
import { subscribe } from 'node:diagnostics_channel'
import { readdirSync, readlinkSync } from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { createContext } from '../src/context.js'
import { parseSettings } from '../src/settings/index.js'
import { settleOptions, verifyFleet } from '../src/verify/fleet.js'
import { createProber } from '../src/verify/prober.js'

export interface WorkerJob {
  type: 'job'
  /** The runner environment plus INPUT_* variables of a `mode: verify` step. */
  env: Record<string, string>
  /** Port of the tenant simulator, to tell tenant connections from forge ones. */
  tenantPort: number
}

export interface WorkerResult {
  type: 'result'
  startEpochMs: number
  finishEpochMs: number
  verdicts: Record<string, number>
  /** Requests the verifier itself counted (the tenants count what they received, too). */
  requestsSent: number
  peakRssBytes: number
  peakHeapUsedBytes: number
  /** Heap V8 had reserved at its peak: what the heap adds to RSS. */
  peakHeapTotalBytes: number
  peakFds: number
  peakSockets: number
  /** New TCP connections to the tenant simulator over the whole run. */
  tenantConnections: number
  loopDelayP99Ms: number
  loopDelayMaxMs: number
}

const epochNow = (): number => performance.timeOrigin + performance.now()

/** Open descriptors and, among them, sockets; Linux only (0 elsewhere). */
function countFds(): { fds: number; sockets: number } {
  try {
    const entries = readdirSync('/proc/self/fd')
    let sockets = 0
    for (const fd of entries) {
      try {
        if (readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:')) sockets += 1
      } catch {
        // The descriptor closed between the listing and the look-up.
      }
    }
    return { fds: entries.length, sockets }
  } catch {
    return { fds: 0, sockets: 0 }
  }
}

function send(message: object): Promise<void> {
  return new Promise((resolve, reject) => process.send?.(message, (error: Error | null) => (error ? reject(error) : resolve())))
}

function nextMessage<T>(type: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (m: { type?: string }): void => {
      if (m.type !== type) return
      process.off('message', onMessage)
      resolve(m as T)
    }
    process.on('message', onMessage)
  })
}

async function main(): Promise<void> {
  const job = await nextMessage<WorkerJob>('job')
  const settings = parseSettings(job.env)
  const verify = settings.verify
  if (!verify) throw new Error('the job is not a verify job')
  const ctx = createContext(settings)
  let tenantConnections = 0
  subscribe('undici:client:connected', (m) => {
    if (Number((m as { connectParams?: { port?: string | number } }).connectParams?.port) === job.tenantPort) tenantConnections += 1
  })
  await send({ type: 'ready', rssBeforeBytes: process.memoryUsage().rss })
  await nextMessage('go')

  const peak = { fds: 0, sockets: 0, heap: 0, heapTotal: 0 }
  const sample = (): void => {
    const { fds, sockets } = countFds()
    peak.fds = Math.max(peak.fds, fds)
    peak.sockets = Math.max(peak.sockets, sockets)
    const mem = process.memoryUsage()
    peak.heap = Math.max(peak.heap, mem.heapUsed)
    peak.heapTotal = Math.max(peak.heapTotal, mem.heapTotal)
  }
  const sampler = setInterval(sample, 100)
  const loop = monitorEventLoopDelay({ resolution: 10 })
  loop.enable()

  const startEpochMs = epochNow()
  const target = settings.target.sha
  const verdicts = await verifyFleet(verify.tenants, {
    target,
    prober: createProber(verify, ctx.http, target),
    ancestry: ctx.ancestry,
    clock: ctx.clock,
    ...settleOptions(verify),
    signal: ctx.signal
  })
  const finishEpochMs = epochNow()
  sample()
  clearInterval(sampler)
  loop.disable()
  await ctx.http.close()

  const counts: Record<string, number> = {}
  for (const v of verdicts) counts[v.verdict] = (counts[v.verdict] ?? 0) + 1
  const result: WorkerResult = {
    type: 'result',
    startEpochMs,
    finishEpochMs,
    verdicts: counts,
    requestsSent: verdicts.reduce((sum, v) => sum + v.polls, 0),
    // maxRSS is in KiB.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    peakHeapUsedBytes: peak.heap,
    peakHeapTotalBytes: peak.heapTotal,
    peakFds: peak.fds,
    peakSockets: peak.sockets,
    tenantConnections,
    loopDelayP99Ms: Math.round(loop.percentile(99) / 1e5) / 10,
    loopDelayMaxMs: Math.round(loop.max / 1e5) / 10
  }
  await send(result)
  process.disconnect()
}

main().catch((error: unknown) => {
  process.stderr.write(`verify worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
  process.disconnect?.()
})
