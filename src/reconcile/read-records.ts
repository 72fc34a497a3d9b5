import type { CheckRunRead, CommitStatusRead, Forge } from '../forge/types.js'
import { parseStamp } from './deploy-record.js'
import type { DeployRecord } from './deploy-state.js'

const STAMP_SUFFIX = / ?\[rollout-guard [^\]]*\]$/

/**
 * The deploy records on `sha` named `name`: its check runs (every attempt), or, when it has none with a
 * stamp (Gitea; GitHub without `checks: write`, where a deploy falls back to a commit status), its
 * commit statuses. Records without a stamp (another tool's, or an older version's) are left out.
 */
export async function readDeployRecords(forge: Forge, sha: string, name: string): Promise<DeployRecord[]> {
  if (forge.checks) {
    const fromChecks = (await forge.checks.listForRef(sha, name)).map(fromCheck).filter((r): r is DeployRecord => r !== undefined)
    if (fromChecks.length > 0) return fromChecks
  }
  if (!forge.listCommitStatuses) return []
  return (await forge.listCommitStatuses(sha, name)).map(fromStatus).filter((r): r is DeployRecord => r !== undefined)
}

function fromCheck(c: CheckRunRead): DeployRecord | undefined {
  const stamp = parseStamp(c.externalId)
  if (!stamp) return undefined
  // Completed by someone else without our final stamp: an end we cannot name, never a live deploy.
  if (c.status === 'completed' && stamp.end === 'running') stamp.end = 'failed'
  return { stamp, since: date(c.startedAt), text: c.title ?? undefined, url: c.detailsUrl ?? undefined }
}

function fromStatus(s: CommitStatusRead): DeployRecord | undefined {
  const stamp = parseStamp(s.description)
  if (!stamp) return undefined
  if (s.state !== 'pending' && stamp.end === 'running') stamp.end = 'failed'
  return { stamp, since: date(s.createdAt), text: s.description.replace(STAMP_SUFFIX, '') || undefined, url: s.targetUrl || undefined }
}

function date(iso: string | null | undefined): Date | undefined {
  if (!iso) return undefined
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? undefined : d
}
