import * as core from '../../log.js'
import type { Clock } from '../../clock.js'
import { PullRequestApi } from '../../forge/pull-requests.js'
import type { HttpClient } from '../../http/client.js'
import { cancellationOf } from '../../runtime/cancel.js'
import type { Settings } from '../../settings/index.js'
import { REPORT_RETRY_MS } from './factory.js'
import { ForgePullNotes, NO_PULL_NOTES, type PullNotes } from './pr-notes.js'

/**
 * `pr-comment: true` in a deploy that handles the whole fleet: a shard job does not comment (the
 * shards of one deploy would take turns editing one comment with a part of the story each).
 * Its calls have the reports' short retry budget: a comment never holds up a deploy. Like the records, its
 * requests and retry waits stop at the run's cancel, and the final note is written on the grace after it
 * (best effort: a note the grace cannot fit is left as it was).
 */
export function createPullNotes(settings: Settings, deps: { http: HttpClient; clock: Clock; signal?: AbortSignal }): PullNotes {
  if (!settings.prComment) return NO_PULL_NOTES
  if (settings.shard) {
    core.info('pr-comment: a shard job leaves the pull request comment to a job that deploys the whole fleet.')
    return NO_PULL_NOTES
  }
  const { forge, target } = settings
  const retry = { ...forge.retry, maxTotalMs: Math.min(forge.retry.maxTotalMs, REPORT_RETRY_MS) }
  const api = new PullRequestApi({ ...forge, retry }, deps.http, deps.clock, (m) => core.info(m), deps.signal)
  const grace = deps.signal && cancellationOf(deps.signal).grace
  const finalApi = grace ? new PullRequestApi({ ...forge, retry }, deps.http, deps.clock, (m) => core.info(m), grace) : api
  const commitUrl = forge.serverUrl ? `${forge.serverUrl}/${forge.owner}/${forge.repo}/commit/${target.sha}` : undefined
  return new ForgePullNotes(
    api,
    { kind: forge.kind, environment: target.environment, sha: target.sha, runUrl: settings.run.runUrl, commitUrl },
    { warning: (m) => core.warning(m, { title: 'Pull request comment' }), info: (m) => core.info(m) },
    deps.clock,
    finalApi
  )
}
