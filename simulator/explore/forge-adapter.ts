import type { CheckRunUpdate, Comparison, Forge } from '../../src/forge/types.js'
import { ForgeClock } from '../../src/forge/forge-clock.js'
import { NetworkError } from '../../src/http/client.js'
import { HttpStatusError } from '../../src/http/retry.js'
import { parseStamp } from '../../src/record/stamp.js'
import { GITEA_STATUS_PAGE, GITHUB_STATUS_PAGE } from '../../src/forge/status-list.js'
import { FORGE_REQUEST_TIMEOUT_MS } from '../../src/settings/common.js'
import type { Execution } from './execution.js'
import type { JobHandle } from './types.js'
import { commitName, order, REPOSITORY } from './world.js'

/**
 * The forge as one job sees it, behind the production `Forge` interface: head reads and ancestry from
 * the linear history, and the deploy records (check runs, commit statuses) kept as GitHub keeps them
 * (records.ts). Every call is a pending event of the execution. A failed head read or compare is the
 * adapter's final error after its own retries; a failed record write or read is a 503 (transient),
 * which the reporter and reconcile's record reader classify as GitHub's would be. Every answer carries
 * the forge's `Date` (world.ts `forgeDate`), which the job learns the forge's time from as the real
 * clients do (src/forge/forge-clock.ts); a request that got no answer (a timeout, a lost answer, a
 * cancel) teaches nothing.
 */

export interface ForgeOptions {
  /** The whole-fleet deploy record name, shown as `deploy` in schedules. */
  recordName?: string
  /** Harness bug `records-without-attempts`: the reader gets every stamp as attempt 1 (no per-attempt key). */
  stripAttempts?: boolean
}

export function forgeFor(ex: Execution, job: JobHandle, o: ForgeOptions = {}): Forge {
  const { world } = ex
  const time = new ForgeClock(ex.clockFor(job.name))
  // A forge call may hang (where the bound allows it): no answer until the request timeout, then the adapter's error.
  const request: Execution['request'] = (j, kind, arg, respond) =>
    ex.request(j, kind, arg, respond, { timeoutMs: FORGE_REQUEST_TIMEOUT_MS }).then(
      (value) => {
        time.heard(world.forgeDate())
        return value
      },
      (error: unknown) => {
        if (!(error instanceof NetworkError)) time.heard(world.forgeDate())
        throw error
      }
    )
  const fail = (what: string): never => {
    throw new Error(`${what} answered HTTP 503: Service Unavailable`)
  }
  const unavailable = (what: string): never => {
    throw new HttpStatusError(what, 503, 'Service Unavailable', undefined)
  }
  const strip = (text: string | null): string | null => (o.stripAttempts && text ? text.replace(/(rollout-guard [a-z]+ \d+)\.\d+/, '$1.1') : text)
  // What a deploy's record says from now on: `running` (reconcile can see it live), or its end.
  const wrote = (stamp: string | null | undefined): void => {
    const end = parseStamp(stamp)?.end
    if (job.kind === 'deploy' && end) world.watch.wrote(job.name, end)
  }
  const write = <T>(what: string, apply: () => T, stamp?: string | null): Promise<T> =>
    request(job.name, 'record', what, (answer) => {
      if (answer === 'ok') return apply()
      if (job.kind === 'deploy' && parseStamp(stamp)?.end === 'running') world.watch.writeFailed(job.name)
      // GitHub's secondary rate limit may come as a 403 without Retry-After (REST docs, "Rate limits").
      if (answer === '403') throw new HttpStatusError(`POST ${what}`, 403, 'You have exceeded a secondary rate limit', undefined, 'secondary')
      return unavailable(`POST ${what}`)
    })
  const gitea = ex.scenario.forge === 'gitea'
  // A reconcile's read of the deploy records is its run of consecutive record requests, whatever their
  // order and kind: the first begins its look, the others continue it (DeployWatch.looked). The answer
  // being delivered is the last entry of the job's trace.
  const readRecords = (sha: string): void => {
    if (job.kind !== 'reconcile') return
    if (ex.traces.get(job.name)!.at(-2)?.includes(':records(')) world.watch.reread(job.name, sha)
    else world.watch.looked(job.name, sha)
  }
  const forge: Forge = {
    kind: gitea ? 'gitea' : 'github',
    repository: REPOSITORY,
    forgeNow: () => time.now(),
    branchHead: (branch) =>
      request(job.name, 'head', branch, (answer) => {
        ex.world.readHead(job.name, answer === 'ok')
        if (answer !== 'ok') return fail(`GET /repos/${REPOSITORY}/branches/${branch}`)
        // A reconcile reconciles to the head it read first.
        if (job.kind === 'reconcile' && !job.sha) job.sha = world.head
        return world.head
      }),
    compare: (base, head) =>
      request(job.name, 'compare', `${commitName(base)}...${commitName(head)}`, (answer): Comparison => {
        if (answer !== 'ok') return fail(`GET /repos/${REPOSITORY}/compare`)
        const [b, h] = [order(base), order(head)]
        if (b < 0 || h < 0) return { relation: 'diverged', aheadBy: 1, behindBy: 1 }
        if (b === h) return { relation: 'identical', aheadBy: 0, behindBy: 0 }
        return h > b ? { relation: 'ahead', aheadBy: h - b, behindBy: 0 } : { relation: 'behind', aheadBy: 0, behindBy: b - h }
      }),
    resolveCommit: async (ref) => ref,
    createCommitStatus: (s) =>
      write(
        `status ${s.state} on ${commitName(s.sha)}`,
        () => {
          world.records.createStatus(s)
          wrote(s.description)
        },
        s.description
      ),
    latestStatuses: (sha) =>
      request(job.name, 'records', `statuses of ${commitName(sha)}`, (answer) => {
        if (answer !== 'ok') return unavailable(`GET /repos/${REPOSITORY}/commits/${sha}/status`)
        readRecords(sha)
        return world.records.latestStatuses(sha).map((s) => ({ ...s, description: strip(s.description)! }))
      }),
    recentStatuses: (sha) =>
      request(job.name, 'records', `status list of ${commitName(sha)}`, (answer) => {
        if (answer !== 'ok') return unavailable(gitea ? `GET /repos/${REPOSITORY}/statuses/${sha}` : `GET /repos/${REPOSITORY}/commits/${sha}/statuses`)
        readRecords(sha)
        // The page sizes the production adapters ask for, at the servers' caps (src/forge/status-list.ts).
        const { statuses, total } = world.records.statusPage(sha, gitea ? GITEA_STATUS_PAGE : GITHUB_STATUS_PAGE)
        return { statuses: statuses.map((s) => ({ ...s, description: strip(s.description)! })), complete: statuses.length >= total }
      }),
    checks: {
      create: (sha, name, u: CheckRunUpdate, opts = {}) =>
        write(
          `check ${u.status ?? 'queued'} on ${commitName(sha)}`,
          () => {
            // As src/forge/github.ts does when told an earlier create may have been applied: look it up first.
            const known = opts.lookFirst && u.externalId ? world.records.checkWithExternalId(sha, name, u.externalId) : undefined
            if (known !== undefined) return known
            const id = world.records.createCheck(sha, name, u)
            wrote(u.externalId)
            return id
          },
          u.externalId
        ),
      update: (id, u: CheckRunUpdate) =>
        write(
          `check ${u.status ?? 'annotations'} #${id}`,
          () => {
            if (!world.records.updateCheck(id, u)) throw new HttpStatusError(`PATCH check run ${id}`, 404, 'Not Found', undefined)
            wrote(u.externalId)
          },
          u.externalId
        ),
      latestByName: (sha, name) =>
        request(job.name, 'records', `check ${shortName(name, o.recordName)} of ${commitName(sha)}`, (answer) => {
          if (answer !== 'ok') return unavailable(`GET /repos/${REPOSITORY}/commits/${sha}/check-runs`)
          readRecords(sha)
          return world.records.latestCheck(sha, name).map((c) => ({ ...c, externalId: strip(c.externalId) }))
        })
    }
  }
  // Gitea has no Checks API: every record is a commit status (the reporter and the reader use statuses only).
  if (!gitea) return forge
  const { checks: _none, ...statusesOnly } = forge
  return statusesOnly
}

/** `deploy`, `shard 1`, `reconcile`: the record names as a schedule shows them. */
function shortName(name: string, deploy: string | undefined): string {
  if (name === deploy) return 'deploy'
  const shard = /\(shard (\d+)\)$/.exec(name)
  if (shard) return `shard ${shard[1]}`
  return name.endsWith('/reconcile') ? 'reconcile' : name
}
