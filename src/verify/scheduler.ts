import type { LimitFunction } from 'p-limit'
import { type Clock, formatSeconds } from '../clock.js'
import { errorMessage } from '../errors.js'
import { sameCommit } from '../forge/types.js'
import type { ProbeWatch } from './probe-watch.js'
import type { Observation, TenantProber, TenantVerdict } from './types.js'

/**
 * One tenant's settle loop. The first poll goes out at once, then one every interval, and a last one
 * exactly when the budget ends; a tenant is judged only then (or as soon as it reports the target or a
 * descendant), so a tenant still draining its old container is never judged early. Every request's
 * time limit is clipped so that nothing runs past the budget plus one request timeout, however long
 * a request waited for a free slot.
 */
export interface SettleRun {
  target: string
  prober: TenantProber
  /** Memoised "is this SHA a descendant of the target?". */
  isAhead(sha: string): Promise<boolean>
  clock: Clock
  /** Clock time verification started; every tenant's budget counts from here. */
  startedAt: number
  budgetMs: number
  intervalMs: number
  requestTimeoutMs: number
  /** Bounds requests in flight across the fleet. */
  limit: LimitFunction
  /** Time limits of the requests in flight (one per verification, shared by its tenants). */
  watch: ProbeWatch
  signal?: AbortSignal
  onObservation?: (tenant: string, obs: Observation) => void
}

interface Seen {
  polls: number
  lastSha?: string
  lastError?: string
  answeredOk: boolean
}

export async function settleTenant(tenant: string, run: SettleRun): Promise<TenantVerdict> {
  const { clock, startedAt, budgetMs, intervalMs } = run
  const deadline = startedAt + budgetMs
  const hardEnd = deadline + run.requestTimeoutMs
  const url = run.prober.urlFor?.(tenant) ?? ''
  const seen: Seen = { polls: 0, answeredOk: false }
  const verdict = (v: Omit<TenantVerdict, 'tenant' | 'url' | 'polls' | 'elapsedMs'>): TenantVerdict => ({
    tenant,
    url,
    polls: seen.polls,
    elapsedMs: clock.now() - startedAt,
    ...v
  })

  let scheduled = startedAt
  for (;;) {
    if (run.signal?.aborted) return judge(seen, verdict, true)
    const wait = scheduled - clock.now()
    if (wait > 0) {
      try {
        await clock.sleep(wait, run.signal)
      } catch {
        return judge(seen, verdict, true)
      }
    }
    const obs = await run.limit(() => probeOnce(tenant, run, hardEnd))
    if (!obs) break
    seen.polls += 1
    run.onObservation?.(tenant, obs)
    if (obs.sha) {
      seen.lastSha = obs.sha
      if (sameCommit(obs.sha, run.target)) return verdict({ verdict: 'on-target', sha: obs.sha, settleMs: clock.now() - startedAt })
      if (await run.isAhead(obs.sha)) return verdict({ verdict: 'ahead', sha: obs.sha, settleMs: clock.now() - startedAt })
      seen.lastError = undefined
    } else {
      seen.lastError = obs.error
      if (obs.status !== undefined && obs.status >= 200 && obs.status <= 299) seen.answeredOk = true
    }
    if (scheduled >= deadline) break
    scheduled = Math.min(deadline, Math.max(scheduled + intervalMs, clock.now()))
  }
  return judge(seen, verdict, false)
}

/** A tenant that never settled: what it reported decides between stale, invalid and unreachable. */
function judge(seen: Seen, verdict: (v: Omit<TenantVerdict, 'tenant' | 'url' | 'polls' | 'elapsedMs'>) => TenantVerdict, cancelled: boolean): TenantVerdict {
  const extra = cancelled ? { cancelled: true, lastError: seen.lastError ?? 'verification was cancelled' } : { lastError: seen.lastError }
  if (seen.lastSha) return verdict({ verdict: 'stale', sha: seen.lastSha, ...extra })
  if (seen.answeredOk) return verdict({ verdict: 'invalid', ...extra })
  return verdict({ verdict: 'unreachable', ...extra, lastError: extra.lastError ?? 'no answer' })
}

/**
 * One request, limited to the request timeout and to what is left before `hardEnd`. The limit is
 * enforced through the clock (the run's ProbeWatch, not only the HTTP client's own timer) so virtual
 * time governs it too; the prober ends its request once its signal aborts.
 * Returns undefined when the request waited for a slot until no time was left.
 */
async function probeOnce(tenant: string, run: SettleRun, hardEnd: number): Promise<Observation | undefined> {
  const limitMs = Math.min(run.requestTimeoutMs, hardEnd - run.clock.now())
  if (limitMs <= 0) return undefined
  const watched = run.watch.start(limitMs)
  try {
    const obs = await run.prober.probe(tenant, watched.controller.signal).catch((error: unknown): Observation => ({ error: errorMessage(error) }))
    return watched.timedOut ? { error: `no answer within ${formatSeconds(limitMs)}` } : obs
  } finally {
    run.watch.end(watched)
  }
}
