/**
 * How often a running deploy refreshes its record. Reconcile counts `deploy-timeout-minutes` from the
 * last refresh, so a rollout of any length stays live while its runner is, and one whose runner was
 * killed is presumed dead a timeout after its last beat.
 */
export const HEARTBEAT_MS = 5 * 60_000
