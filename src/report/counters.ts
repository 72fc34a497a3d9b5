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
}

export function emptyCounters(): RunCounters {
  return { buildinfoPolls: 0, httpRetries: 0, redeployReissues: 0, gateChecks: 0, gateReads: 0, defers: 0, holds: 0 }
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
