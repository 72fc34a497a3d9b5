import * as core from './log.js'
import { redact } from './redact.js'

/**
 * The debug log: every HTTP exchange, every gate read with its answer, and the inputs of each
 * decision, as `::debug::` lines. Written only when the runner's step debug logging is on
 * (`RUNNER_DEBUG=1`, which GitHub sets for `ACTIONS_STEP_DEBUG` and for "Re-run with debug logging"):
 * act_runner prints every `::debug::` line, so an unconditional line per build info poll would bury a
 * Gitea log, and a large fleet polls thousands of times. Messages are built only when they are written
 * (hence the function argument), and every line is redacted, so no secret reaches it.
 */
export function debugEnabled(): boolean {
  return process.env.RUNNER_DEBUG === '1'
}

export function debug(message: () => string): void {
  if (debugEnabled()) core.debug(redact(message()))
}

/** Query names that carry credentials (`?token=`, `?X-Amz-Signature=`, `?api_key=`): their values never show. */
const CREDENTIAL_PARAM = /token|key|secret|pass|pwd|sig|auth|credential|session|code/i

/**
 * A URL as the debug log shows it: no user-info, and the value of every credential-like query
 * parameter replaced by `***` (other values stay: Gitea's `sha`/`not` and a page number explain a read).
 */
export function loggableUrl(url: URL | string): string {
  let u: URL
  try {
    u = new URL(String(url))
  } catch {
    return String(url).replace(/[?#].*$/s, '?…')
  }
  const query = [...u.searchParams].map(([name, value]) => `${encodeURIComponent(name)}=${CREDENTIAL_PARAM.test(name) ? '***' : encodeURIComponent(value)}`)
  return `${u.protocol}//${u.host}${u.pathname}${query.length ? `?${query.join('&')}` : ''}`
}

/** Milliseconds since `startMs`, for "in N ms". */
export function elapsedMs(startMs: number): number {
  return Math.round(performance.now() - startMs)
}
