import { parseStamp } from '../../src/record/stamp.js'
import type { Execution } from './execution.js'
import { checkJson, fault, json, RATE, type Reply, shortName, update } from './forge-replies.js'
import type { Answer, JobHandle, Kind } from './types.js'
import { commitName, order, REPOSITORY } from './world.js'

/**
 * The forge's HTTP API, in process, as the real adapters (src/forge/github.ts, gitea.ts) call it: each
 * request is one pending call of the execution (one scheduling point, one fault), answered from the
 * explorer's world with the shapes and rules the fake forge keeps (simulator/fake-forge.ts,
 * simulator/forge-reports.ts, simulator/README.md):
 * - GitHub: the branch with an `ETag` (a `304` to `If-None-Match` while the head holds); compare with
 *   `status`/`ahead_by`/`behind_by`; the combined status newest context first, `per_page` at most 100,
 *   `total_count` the number of contexts (repos/get-combined-status-for-ref); check runs of a name,
 *   `filter=latest` or `all`, within the check-suite window (checks/list-for-ref, records.ts); at most
 *   1,000 statuses per SHA and context, the next one refused with 422 (repos/create-commit-status).
 * - Gitea 1.22: the branch's `commit.id`; ancestry by the commit list's `X-Total-Count` (`sha` + `not`);
 *   the combined status with the state named `status`, `limit` capped at 50, the number of contexts in
 *   `X-Total-Count`, and a zero-valued body with no header when there is no status (GetCombinedCommitStatusByRef);
 *   `created_at` in whole seconds; no Checks API (404).
 * - Both: the status list, one page (GitHub `GET /commits/{ref}/statuses`, Gitea `GET /statuses/{sha}`).
 * The world's hooks are the interface-level forge's (forge-adapter.ts): head reads are ownership
 * evidence, a record that reaches the forge is what the deploy watch judges, and a reconcile's run of
 * consecutive record reads (check runs, the status list, the combined status) is its look.
 */

export type { Reply } from './forge-replies.js'

export interface Routed {
  kind: Kind
  /** What the schedule shows: `head(main)`, `record(check in_progress on A)`, `records(statuses of A)`. */
  arg: string
  respond(answer: Answer): Reply
}

export interface RouteOptions {
  flavour: 'github' | 'gitea'
  /** The whole-fleet deploy record name (a reconcile's read of it is its look). */
  recordName?: string
}

export function forgeRoutes(ex: Execution, job: JobHandle, o: RouteOptions): (method: string, url: URL, body: unknown, headers: Record<string, string>) => Routed {
  const { world } = ex
  const github = o.flavour === 'github'
  const base = `/repos/${REPOSITORY}`
  const wrote = (stamp: string | null | undefined): void => {
    const end = parseStamp(stamp)?.end
    if (job.kind === 'deploy' && end) world.watch.wrote(job.name, end)
  }
  const failedRunning = (stamp: string | null | undefined): void => {
    if (job.kind === 'deploy' && parseStamp(stamp)?.end === 'running') world.watch.writeFailed(job.name)
  }
  // A reconcile's read of the deploy records is its run of consecutive record requests, whatever their
  // order and kind, as in forge-adapter.ts: the first begins its look, the others continue it.
  const readRecords = (sha: string): void => {
    if (job.kind !== 'reconcile') return
    if (ex.traces.get(job.name)!.at(-2)?.includes(':records(')) world.watch.reread(job.name, sha)
    else world.watch.looked(job.name, sha)
  }
  const write = (arg: string, stamp: string | null | undefined, apply: () => Reply): Routed => ({
    kind: 'record',
    arg,
    respond: (answer) => {
      const refused = fault(answer, github, world.forgeMs())
      if (refused) {
        failedRunning(stamp)
        return refused
      }
      const reply = apply()
      if (reply.status < 300) wrote(stamp)
      else failedRunning(stamp)
      return reply
    }
  })
  const read = (kind: Kind, arg: string, answer: () => Reply): Routed => ({ kind, arg, respond: (a) => fault(a, github, world.forgeMs()) ?? answer() })

  return (method, url, body, headers) => {
    // Whatever the API root (`api-url`), the repository's routes follow `/repos/{owner}/{repo}`.
    const path = decodeURIComponent(url.pathname)
    const at = path.indexOf(base)
    const rest = at < 0 ? undefined : path.slice(at + base.length)
    const q = url.searchParams
    const b = (body ?? {}) as Record<string, unknown>
    if (rest === undefined) return read('head', `${method} ${url.pathname}`, () => json(404, { message: 'Not Found' }))

    const branch = /^\/branches\/(.+)$/.exec(rest)
    if (method === 'GET' && branch) {
      const name = branch[1]!
      return {
        kind: 'head',
        arg: name,
        respond: (answer) => {
          world.readHead(job.name, answer === 'ok')
          const refused = fault(answer, github, world.forgeMs())
          if (refused) return refused
          if (job.kind === 'reconcile' && !job.sha) job.sha = world.head
          if (!github) return json(200, { name, commit: { id: world.head } })
          // A conditional read whose ETag still holds is a 304: a fresh answer that the branch has not moved.
          const etag = `"${name}@${world.head}"`
          if (headers['if-none-match'] === etag) return { status: 304, headers: { etag, ...RATE } }
          return json(200, { name, commit: { sha: world.head } }, { etag, ...RATE })
        }
      }
    }
    const compare = /^\/compare\/([0-9a-f]{40})\.\.\.([0-9a-f]{40})$/.exec(rest)
    if (github && method === 'GET' && compare) {
      const [from, to] = [compare[1]!, compare[2]!]
      return read('compare', `${commitName(from)}...${commitName(to)}`, () => {
        const ahead = Math.max(0, order(to) - order(from))
        const behind = Math.max(0, order(from) - order(to))
        const status = ahead === 0 && behind === 0 ? 'identical' : behind === 0 ? 'ahead' : 'behind'
        return json(200, { status, ahead_by: ahead, behind_by: behind, total_commits: ahead, commits: [], files: [] }, RATE)
      })
    }
    if (!github && method === 'GET' && rest === '/commits' && q.get('not')) {
      // `git rev-list --count sha --not not`, one light page, the count in X-Total-Count (routers/api/v1/repo/commits.go).
      const [from, not] = [q.get('sha')!, q.get('not')!]
      return read('compare', `count ${commitName(from)} not in ${commitName(not)}`, () => {
        const total = Math.max(0, order(from) - order(not))
        return json(200, total ? [{ sha: from, commit: { message: '' } }] : [], { 'x-total-count': String(total) })
      })
    }
    const statusWrite = /^\/statuses\/([0-9a-f]{40})$/.exec(rest)
    if (method === 'POST' && statusWrite) {
      const sha = statusWrite[1]!
      const description = String(b.description ?? '')
      return write(`status ${String(b.state)} on ${commitName(sha)}`, description, () => {
        const ok = world.records.createStatus(
          { sha, state: b.state as never, context: String(b.context ?? 'default'), description, targetUrl: typeof b.target_url === 'string' ? b.target_url : undefined },
          github
        )
        if (!ok)
          return json(422, {
            message: 'Validation Failed',
            errors: [{ resource: 'Status', code: 'custom', field: 'context', message: 'This SHA and context has reached the maximum number of statuses.' }]
          })
        return json(201, { id: 1, [github ? 'state' : 'status']: b.state, context: b.context })
      })
    }
    // The status list, one page: GitHub's `GET /commits/{ref}/statuses` ("reverse chronological order",
    // `per_page` at most 100; repos/list-commit-statuses-for-ref); Gitea's `GET /statuses/{sha}` and
    // `/commits/{ref}/statuses`, newest by write order only with `sort=leastindex` (by whole seconds
    // otherwise, the writes of one second oldest first as the fake forge lists them), `limit` capped at
    // 50, the total in `X-Total-Count` (routers/api/v1/repo/status.go, models/git/commit_status.go).
    const list = (github ? /^\/commits\/([0-9a-f]{40})\/statuses$/ : /^\/(?:statuses|commits)\/([0-9a-f]{40})(?:\/statuses)?$/).exec(rest)
    if (method === 'GET' && list && (github || rest.startsWith('/statuses/') || rest.endsWith('/statuses'))) {
      const sha = list[1]!
      const page = Math.max(1, Number(q.get('page') ?? 1) || 1)
      const size = github ? Math.min(100, Number(q.get('per_page') ?? 30) || 30) : Math.min(50, Number(q.get('limit')) || 30)
      return read('records', `status list of ${commitName(sha)}${page > 1 ? ` p${page}` : ''}`, () => {
        readRecords(sha)
        const every = world.records.statusPage(sha, Number.MAX_SAFE_INTEGER).statuses
        const ordered =
          github || q.get('sort') === 'leastindex'
            ? every
            : every
                .map((st, i) => ({ st, i }))
                .sort((x, y) => (y.st.createdAt ?? '').localeCompare(x.st.createdAt ?? '') || y.i - x.i)
                .map((x) => x.st)
        const shown = ordered.slice((page - 1) * size, page * size).map((st) => ({
          [github ? 'state' : 'status']: st.state,
          context: st.context,
          description: st.description,
          target_url: st.targetUrl ?? '',
          created_at: st.createdAt,
          updated_at: st.createdAt
        }))
        return github ? json(200, shown, RATE) : json(200, shown, { 'x-total-count': String(every.length) })
      })
    }
    const combined = /^\/commits\/([0-9a-f]{40})\/status$/.exec(rest)
    if (method === 'GET' && combined) {
      const sha = combined[1]!
      const page = Math.max(1, Number(q.get('page') ?? 1) || 1)
      const size = github ? Math.min(100, Number(q.get('per_page') ?? 30)) : Math.min(50, Number(q.get('limit')) || 30)
      return {
        kind: 'records',
        arg: `statuses of ${commitName(sha)}${page > 1 ? ` p${page}` : ''}`,
        respond: (answer) => {
          const refused = fault(answer, github, world.forgeMs())
          if (refused) return refused
          readRecords(sha)
          const all = world.records.latestStatuses(sha)
          const shown = all.slice((page - 1) * size, page * size).map((s) => ({
            [github ? 'state' : 'status']: s.state,
            context: s.context,
            description: s.description,
            target_url: s.targetUrl ?? '',
            created_at: s.createdAt,
            updated_at: s.createdAt
          }))
          const states = all.map((s) => s.state)
          const state = states.some((x) => x === 'failure' || x === 'error') ? 'failure' : states.length === 0 || states.includes('pending') ? 'pending' : 'success'
          if (github) return json(200, { state, sha, total_count: all.length, statuses: shown }, RATE)
          if (!shown.length) return json(200, { state: '', sha: '', total_count: 0, statuses: null, repository: null, commit_url: '', url: '' })
          return json(200, { state, sha, total_count: shown.length, statuses: shown }, { 'x-total-count': String(all.length) })
        }
      }
    }
    if (!github && rest.includes('check-runs')) return read('records', `${method} check-runs`, () => json(404, { message: 'Not Found' }))
    if (method === 'POST' && rest === '/check-runs') {
      const sha = String(b.head_sha)
      const externalId = typeof b.external_id === 'string' ? b.external_id : undefined
      return write(`check ${String(b.status ?? 'queued')} on ${commitName(sha)}`, externalId, () => {
        const id = world.records.createCheck(sha, String(b.name), update(b))
        return json(201, { id, status: b.status ?? 'queued', conclusion: b.conclusion ?? null }, RATE)
      })
    }
    const patch = /^\/check-runs\/(\d+)$/.exec(rest)
    if (method === 'PATCH' && patch) {
      const id = Number(patch[1])
      const externalId = typeof b.external_id === 'string' ? b.external_id : undefined
      return write(`check ${String(b.status ?? (b.conclusion ? 'completed' : 'annotations'))} #${id}`, externalId, () => {
        if (!world.records.updateCheck(id, update(b))) return json(404, { message: 'Not Found' })
        return json(200, { id }, RATE)
      })
    }
    const runs = /^\/commits\/([0-9a-f]{40})\/check-runs$/.exec(rest)
    if (method === 'GET' && runs) {
      const sha = runs[1]!
      const name = q.get('check_name') ?? ''
      const all = q.get('filter') === 'all'
      return {
        kind: 'records',
        arg: `check ${shortName(name, o.recordName)} of ${commitName(sha)}${all ? ' (all)' : ''}`,
        respond: (answer) => {
          const refused = fault(answer, github, world.forgeMs())
          if (refused) return refused
          readRecords(sha)
          const found = all ? world.records.checksOf(sha, name) : world.records.latestCheck(sha, name)
          return json(200, { total_count: found.length, check_runs: found.map((c) => checkJson(sha, c)) }, RATE)
        }
      }
    }
    return read('records', `${method} ${rest}`, () => json(404, { message: 'Not Found' }))
  }
}
