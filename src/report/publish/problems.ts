import { errorMessage } from '../../errors.js'
import { NetworkError } from '../../http/client.js'
import { HttpStatusError, isPermissionFailure, isTransient, RateLimitError } from '../../http/retry.js'
import type { ForgeKind } from '../../settings/common.js'

/**
 * Why a reporting call failed, and what the warning tells the workflow author to change. Every message
 * ends by saying the deploy itself is not affected, because that is the first thing a reader worries about.
 */
export type Trouble = 'token' | 'permission' | 'transient' | 'refused'

export function troubleOf(error: unknown): Trouble {
  if (error instanceof HttpStatusError) {
    // 401: the forge does not accept the token at all; no permission would help.
    if (error.status === 401) return 'token'
    // A 403 is a missing permission only without any sign of a rate limit (a rate limit is transient).
    if (isPermissionFailure(error)) return 'permission'
    return isTransient(error) ? 'transient' : 'refused'
  }
  return error instanceof NetworkError || error instanceof RateLimitError ? 'transient' : 'refused'
}

const TOKEN_REFUSED = ' The forge refused the token (HTTP 401): it is empty, expired or revoked; pass a valid one as `token`.'

const UNAFFECTED = 'The deploy itself is not affected; the result is in the job summary and the JSON report.'

export function checkWarning(name: string, error: unknown, verb: string, fallback: boolean): string {
  const trouble = troubleOf(error)
  const why = `The check run '${name}' could not be ${verb}: ${errorMessage(error)}${trouble === 'transient' ? ' (after retries)' : ''}.`
  const fix = {
    token: TOKEN_REFUSED,
    permission: " The token lacks the `checks: write` permission. Add `checks: write` to the job's `permissions:`.",
    transient: ' The forge was unavailable (an outage or a rate limit, not a setting); nothing to change.',
    refused: " Reporting needs `checks: write` in the job's `permissions:`."
  }[trouble]
  return `${why}${fix}${fallback ? ' The result goes to a commit status instead.' : ''} ${UNAFFECTED}`
}

export function statusWarning(forge: ForgeKind, name: string, error: unknown): string {
  const trouble = troubleOf(error)
  const why = `The commit status '${name}' could not be set: ${errorMessage(error)}${trouble === 'transient' ? ' (after retries)' : ''}.`
  const permission =
    forge === 'gitea'
      ? ' The token needs `statuses: write` (write access to the repository). Gitea 1.26 token scopes have no statuses scope: pass a token with `write:repository` scope as `token`, or set `report: none`.'
      : " The token lacks the `statuses: write` permission. Add `statuses: write` to the job's `permissions:`, or set `report: none`."
  const fix = trouble === 'token' ? TOKEN_REFUSED : trouble === 'transient' ? ' The forge was unavailable (an outage or a rate limit, not a setting); nothing to change.' : permission
  return `${why}${fix} ${UNAFFECTED}`
}
