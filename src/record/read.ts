import type { CheckRunRead, CommitStatusRead, Forge } from '../forge/types.js'
import { compareRuns, parseStamp, partOf, splitStamp } from './stamp.js'
import type { DeployRecord } from './state.js'

/** The names deploy jobs report under: the whole-fleet job's, and shard `i`'s. */
export interface RecordNames {
  whole: string
  shard(index: number): string
  /**
   * The reading reconcile's own name: its record there says whether its own canary of the commit failed.
   * Read from the statuses only (reconcile writes its end there beside its check run).
   */
  reconcile?: string
}

/**
 * The deploy records on `sha`: the newest record of each job's name, never the full history, so no
 * number of other statuses, check runs or re-runs can push one out of reach. Both kinds are read
 * together (a canary job with `checks: write` beside shard jobs that fell back to statuses):
 * - on GitHub, the latest check run of the whole-fleet name and of shard 1's;
 * - then the statuses (`statusRecords`), kept where the context is the name of the job its stamp names
 *   (`shard 2/4` under shard 2's name). Read after the check runs: a shard writes its `running` status
 *   before its check run, so a shard whose first record was on the forge when the whole-fleet check run
 *   was read is in the statuses read after it, whichever job wrote first;
 * - on GitHub, the latest check run of every further shard the records found so far say the deploy has.
 * Records without a stamp (another tool's, or an older version's) are left out. Errors are thrown: an
 * unreadable record is never "no record".
 */
export async function readDeployRecords(forge: Forge, sha: string, names: RecordNames): Promise<DeployRecord[]> {
  const records: DeployRecord[] = []
  const checks = forge.checks
  const read = async (name: string): Promise<void> => {
    for (const c of await checks!.latestByName(sha, name)) {
      const r = fromCheck(c)
      if (r && c.name === name && nameOf(r, names) === name) records.push(r)
    }
  }
  if (checks) {
    await read(names.whole)
    await read(names.shard(1))
  }
  for (const r of await statusRecords(forge, sha, names)) records.push(r)
  if (!checks) return records
  const count = records.reduce((most, r) => (r.stamp.mode === 'deploy' ? Math.max(most, partOf(r.stamp)?.count ?? 0) : most), 0)
  for (let i = 2; i <= count; i++) await read(names.shard(i))
  return records
}

/**
 * The statuses of the commit, newest first: the newest page of every write (`recentStatuses`), and where
 * that page is not all of them, each context's latest write (the combined status) before it. A forge
 * that lists no history gives the combined status alone.
 */
async function statusRecords(forge: Forge, sha: string, names: RecordNames): Promise<DeployRecord[]> {
  const page = forge.recentStatuses ? await forge.recentStatuses(sha) : undefined
  if (page?.complete) return newestOfEachName(page.statuses, names)
  const latest = forge.latestStatuses ? await forge.latestStatuses(sha) : []
  return newestOfEachName([...latest, ...(page?.statuses ?? [])], names)
}

/**
 * Pure. Of statuses listed newest first, the record of each name: its newest run and attempt's latest
 * write. The forge's order alone would let an older attempt's late write (its end, a heartbeat) stand
 * in place of a newer attempt's `running`: the combined status keeps only the latest write of a context.
 * Ranked by the stamp instead, a late write never hides a newer attempt still within reach.
 */
export function newestOfEachName(listed: readonly CommitStatusRead[], names: RecordNames): DeployRecord[] {
  const newest = new Map<string, DeployRecord & { name: string }>()
  for (const s of listed) {
    const r = fromStatus(s)
    if (!r || r.name !== nameOf(r, names)) continue
    const seen = newest.get(r.name)
    if (!seen || compareRuns(r.stamp, seen.stamp) > 0) newest.set(r.name, r)
  }
  return [...newest.values()].map(({ name: _name, ...r }) => r)
}

/** The name the job a record's stamp describes reports under (none for another mode's, or another reconcile's). */
function nameOf(r: DeployRecord, names: RecordNames): string | undefined {
  if (r.stamp.mode === 'reconcile') return names.reconcile
  if (r.stamp.mode !== 'deploy') return undefined
  const part = partOf(r.stamp)
  return part ? names.shard(part.index) : names.whole
}

function fromCheck(c: CheckRunRead): DeployRecord | undefined {
  const stamp = parseStamp(c.externalId)
  if (!stamp) return undefined
  // Completed by someone else without our final stamp: an end we cannot name, never a live deploy.
  if (c.status === 'completed' && stamp.end === 'running') stamp.end = 'failed'
  return { stamp, since: date(c.startedAt), kind: 'check', text: c.title ?? undefined, url: c.detailsUrl ?? undefined }
}

function fromStatus(s: CommitStatusRead): (DeployRecord & { name: string }) | undefined {
  const split = splitStamp(s.description)
  if (!split) return undefined
  const { stamp, words } = split
  if (s.state !== 'pending' && stamp.end === 'running') stamp.end = 'failed'
  return { name: s.context, stamp, since: date(s.createdAt), kind: 'status', text: words || undefined, url: s.targetUrl || undefined }
}

function date(iso: string | null | undefined): Date | undefined {
  if (!iso) return undefined
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? undefined : d
}
