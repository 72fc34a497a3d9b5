import { type Clock, formatSeconds } from '../clock.js'
import { errorMessage } from '../errors.js'
import type { Observation, TenantProber } from './types.js'

export interface ProbeRun {
  prober: TenantProber
  clock: Clock
  requestTimeoutMs: number
  signal?: AbortSignal
}

const TIMED_OUT = Symbol('timed out')
const ANSWERED = Symbol('answered')

/**
 * One request, limited to the request timeout and to what is left before `hardEnd`. The limit is
 * enforced through the clock (not only the HTTP client's own timer) so virtual time governs it too.
 * Returns undefined when the request waited for a slot until no time was left.
 */
export async function probeOnce(tenant: string, run: ProbeRun, hardEnd: number): Promise<Observation | undefined> {
  const limitMs = Math.min(run.requestTimeoutMs, hardEnd - run.clock.now())
  if (limitMs <= 0) return undefined
  const abort = new AbortController()
  const stopTimer = new AbortController()
  const signal = run.signal ? AbortSignal.any([run.signal, abort.signal]) : abort.signal
  const timer = run.clock.sleep(limitMs, stopTimer.signal).then(
    (): typeof TIMED_OUT => TIMED_OUT,
    () => undefined
  )
  const probe = run.prober.probe(tenant, signal).catch((error: unknown): Observation => ({ error: errorMessage(error) }))
  const first = await Promise.race([probe, timer])
  if (first === TIMED_OUT) {
    abort.abort(new DOMException('probe time limit', 'TimeoutError'))
    return { error: `no answer within ${formatSeconds(limitMs)}` }
  }
  // With a reason given, abort() skips building a DOMException (and its stack) on every answered probe.
  stopTimer.abort(ANSWERED)
  return first ?? (await probe)
}
