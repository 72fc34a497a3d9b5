import * as core from '../log.js'
import { errorMessage } from '../errors.js'
import type { Standing } from '../record/standing.js'
import type { AncestryOracle } from '../verify/types.js'
import { chooseRestoreTarget } from './restore-target.js'
import type { TenantRestore } from './types.js'

/** What the promote tag holds: its commit, or why that is not known. */
export type LatestRead = { sha: string } | { sha?: undefined; note: string }

export interface StableDeps {
  standingOf?: (sha: string) => Promise<Standing>
  latestOf?: () => Promise<LatestRead>
  ancestry?: AncestryOracle
}

/** The most commits read on the canary that are weighed besides the promote tag: a restore reads a bounded number of records. */
const MAX_CANDIDATES = 5

/**
 * Points each due row at its stable release (restore-target.ts) and returns the rows that may be sent;
 * the others are left `not-sent`, saying why. The facts are read once per commit: the promote tag's
 * commit, and the records of each commit the canary tenants served before this job moved them.
 */
export async function stableTargets(due: TenantRestore[], rejected: string, deps: StableDeps): Promise<TenantRestore[]> {
  const standings = new Map<string, Promise<Standing>>()
  // Without a reader (`report: none`) no record is read, so nothing shows a commit verified.
  const standing = (sha: string): Promise<Standing> => {
    if (!standings.has(sha)) standings.set(sha, deps.standingOf ? deps.standingOf(sha) : Promise.resolve<Standing>('unknown'))
    return standings.get(sha)!
  }
  const previous = [...new Set(due.map((r) => r.from!))].slice(0, MAX_CANDIDATES)
  const read = await Promise.all(previous.map(async (sha) => ({ sha, standing: await standing(sha) })))
  // The promote tag is read only when some tenant's previous commit is not a stable release by itself.
  const settled = await Promise.all(due.map(async (r) => (await standing(r.from!)) === 'verified'))
  const latest = settled.every(Boolean) ? undefined : await readLatest(deps, standing)
  const candidates = await newestFirst(read, deps.ancestry)
  const out: TenantRestore[] = []
  for (const row of due) {
    const choice = chooseRestoreTarget({ target: rejected, previous: { sha: row.from!, standing: await standing(row.from!) }, latest, candidates, noRecords: !deps.standingOf })
    if (choice.kind === 'restore') {
      row.to = choice.to
      out.push(row)
    } else row.detail = choice.reason
  }
  return out
}

async function readLatest(deps: StableDeps, standing: (sha: string) => Promise<Standing>): Promise<{ sha: string; standing: Standing } | { note: string } | undefined> {
  if (!deps.latestOf) return undefined
  let read: LatestRead
  try {
    read = await deps.latestOf()
  } catch (error) {
    read = { note: errorMessage(error) }
  }
  if (read.sha === undefined) {
    core.info(`The promote tag's commit is not known (${read.note}): the stable release is looked for in the deploy records`)
    return { note: read.note }
  }
  // With `report: none` the tag alone is the evidence: promotion follows only a verified deploy.
  return { sha: read.sha, standing: deps.standingOf ? await standing(read.sha) : 'unrecorded' }
}

/**
 * The verified commits first, the newest of them first: one no other verified commit is ahead of. An
 * ancestry that cannot be read keeps the order the tenants were read in (every one of them is verified).
 */
async function newestFirst(read: { sha: string; standing: Standing }[], ancestry: AncestryOracle | undefined): Promise<{ sha: string; standing: Standing }[]> {
  const verified = read.filter((c) => c.standing === 'verified')
  if (verified.length < 2 || !ancestry) return verified
  const behindOthers = await Promise.all(
    verified.map(async (c) => {
      for (const o of verified) if (o !== c && (await ancestry.isAhead(o.sha, c.sha).catch(() => false))) return true
      return false
    })
  )
  return [...verified.filter((_, i) => !behindOthers[i]), ...verified.filter((_, i) => behindOthers[i])]
}
