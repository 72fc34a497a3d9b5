import { errorMessage } from '../../errors.js'
import { NetworkError } from '../../http/client.js'
import { HttpStatusError, isTransient } from '../../http/retry.js'
import type { ForgeKind } from '../../settings/common.js'

/**
 * Why a reporting call failed, and what the warning tells the workflow author to change. Every message
 * ends by saying the deploy itself is not affected, because that is the first thing a reader worries about.
 */
export type Trouble = 'permission' | 'transient' | 'refused'

export function troubleOf(error: unknown): Trouble {
  if (error instanceof HttpStatusError) {
    if (error.status === 401 || error.status === 403) return 'permission'
    return isTransient(error) ? 'transient' : 'refused'
  }
  return error instanceof NetworkError ? 'transient' : 'refused'
}

const UNAFFECTED = 'The deploy itself is not affected; the result is in the job summary and the JSON report.'

export function checkWarning(name: string, error: unknown, verb: string, fallback: boolean): string {
  const trouble = troubleOf(error)
  const why = `The check run '${name}' could not be ${verb}: ${errorMessage(error)}${trouble === 'transient' ? ' (after retries)' : ''}.`
  const fix = trouble === 'permission' ? ' Add `checks: write` to the job\'s `permissions:`.' : ' Reporting needs `checks: write` in the job\'s `permissions:`.'
  return `${why}${fix}${fallback ? ' The result goes to a commit status instead.' : ''} ${UNAFFECTED}`
}

export function statusWarning(forge: ForgeKind, name: string, error: unknown): string {
  const trouble = troubleOf(error)
  const why = `The commit status '${name}' could not be set: ${errorMessage(error)}${trouble === 'transient' ? ' (after retries)' : ''}.`
  const fix =
    forge === 'gitea'
      ? ' The token needs `statuses: write` (write access to the repository). Gitea 1.26 token scopes have no statuses scope: pass a token with `write:repository` scope as `token`, or set `report: none`.'
      : ' Add `statuses: write` to the job\'s `permissions:`, or set `report: none`.'
  return `${why}${fix} ${UNAFFECTED}`
}
