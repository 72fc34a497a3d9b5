/**
 * What a run did, counted: for the JSON report and the summary, so an operator sees at a glance how hard
 * the run had to work (polls, retries, re-issues, gate checks) and what reconcile held back (defers,
 * holds). One object per run, created with the run's context; the few places that count reach it
 * through `runCounters()` (a one-line hook each) instead of threading it through every call.
 */
export interface RunCounters {
  /** Build info requests sent to tenants. */
  buildinfoPolls: number
  /** Requests sent again after a transient failure (forge, control plane, registry, tenants' lists). */
  httpRetries: number
  /** Redeploys sent again because a tenant regressed; filled from the tenants at the end. */
  redeployReissues: number
  /** Questions put to the superseded gate (a fence answered from a fresh cached answer counts too). */
  gateChecks: number
  /** Reads of the branch head actually sent to the forge for the gate (shared by concurrent questions). */
  gateReads: number
  /** Reconcile runs that deferred to a live deploy (0 or 1). */
  defers: number
  /** Reconcile runs held by a rejected head (0 or 1). */
  holds: number
  /** Waits for a forge rate limit (primary or secondary), each one a request the forge turned away. */
  rateLimitWaits: number
  /** Forge requests sent, by kind (`GET branch`, `POST check-run`, …), 304s included; see forgeNotModified. */
  forgeRequests: Record<string, number>
  /** Conditional reads answered 304 Not Modified: GitHub does not count them against the rate limit. */
  forgeNotModified: number
  /** GitHub's `x-ratelimit-remaining` on the first and the last answer that carried it (null: none did, as on Gitea). */
  rateLimitRemaining: { start: number | null; end: number | null }
}

export function emptyCounters(): RunCounters {
  return {
    buildinfoPolls: 0,
    httpRetries: 0,
    redeployReissues: 0,
    gateChecks: 0,
    gateReads: 0,
    defers: 0,
    holds: 0,
    rateLimitWaits: 0,
    forgeRequests: {},
    forgeNotModified: 0,
    rateLimitRemaining: { start: null, end: null }
  }
}

let current: RunCounters = emptyCounters()

/** Starts counting for a new run and returns its counters. */
export function startCounting(): RunCounters {
  current = emptyCounters()
  return current
}

/** The counters of the run in progress. */
export function runCounters(): RunCounters {
  return current
}

/** One forge request and what its answer said about the rate limit (from the forge adapters). */
export function countForgeRequest(kind: string, status: number | undefined, remaining: number | undefined): void {
  const c = current
  c.forgeRequests[kind] = (c.forgeRequests[kind] ?? 0) + 1
  if (status === 304) c.forgeNotModified++
  if (remaining !== undefined) {
    if (c.rateLimitRemaining.start === null) c.rateLimitRemaining.start = remaining
    c.rateLimitRemaining.end = remaining
  }
}
