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

/**
 * API roots whose query strings the action writes itself (a forge's: a commit SHA, a page number), so
 * their values are shown. Registered by the forge clients as they are built.
 */
const ownQueries = new Set<string>()

export function showQueryValuesOf(apiUrl: string): void {
  ownQueries.add(apiUrl.replace(/\/+$/, ''))
}

/**
 * A URL as the log and the report show it: no user-info, and every query value replaced by `***`, by
 * position, whatever the parameter is called (`?jwt=`, `?sig=`, `?k=` alike): a URL input may carry a
 * credential under any name. The names stay, to tell the requests apart. Only a forge API's own queries
 * (showQueryValuesOf) keep their values, which explain a read.
 */
export function loggableUrl(url: URL | string): string {
  let u: URL
  try {
    u = new URL(String(url))
  } catch {
    return String(url).replace(/[?#].*$/s, '?…')
  }
  const where = `${u.protocol}//${u.host}${u.pathname}`
  const own = [...ownQueries].some((root) => where === root || where.startsWith(`${root}/`))
  const query = [...u.searchParams].map(([name, value]) => `${encodeURIComponent(name)}=${own ? encodeURIComponent(value) : '***'}`)
  return `${where}${query.length ? `?${query.join('&')}` : ''}`
}

/** Milliseconds since `startMs`, for "in N ms". */
export function elapsedMs(startMs: number): number {
  return Math.round(performance.now() - startMs)
}
