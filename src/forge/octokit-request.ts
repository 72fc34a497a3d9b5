import { defaults } from '@actions/github/lib/utils'
import { boundedFetch, MAX_GITHUB_ANSWER_BYTES } from '../http/bounded-fetch.js'
import * as runnerLog from '../log.js'

/**
 * Octokit's `request` options: the toolkit's own (its proxy-aware fetch and agent, which a `request`
 * option would otherwise replace whole), with every answer read through a size cap, and Octokit's own
 * warnings (a `Deprecation`/`Sunset` header quoted from the answer) through the action's log, where
 * quoted text is neutralised, instead of straight to stderr. `transport` replaces the toolkit's fetch (an
 * in-process forge that answers each request at a step of its own, as the explorer's does).
 */
export function octokitRequest(maxBytes = MAX_GITHUB_ANSWER_BYTES, transport?: typeof fetch): Record<string, unknown> {
  const base = defaults.request as { fetch?: typeof fetch; agent?: unknown }
  return { ...base, fetch: boundedFetch(maxBytes, transport ?? base.fetch ?? globalThis.fetch), log: octokitLog }
}

export const octokitLog = {
  debug: (): void => undefined,
  info: (): void => undefined,
  warn: (message: string): void => runnerLog.info(message),
  error: (message: string): void => runnerLog.info(message)
}
