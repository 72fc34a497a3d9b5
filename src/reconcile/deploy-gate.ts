import * as core from '../log.js'
import type { RunContext } from '../context.js'
import { debug } from '../debug.js'
import { errorMessage } from '../errors.js'
import { troubleOf } from '../report/publish/problems.js'
import type { Timeline } from '../rollout/timeline.js'
import { shardRecordName } from '../settings/reconcile.js'
import { canaryEvidence } from '../record/evidence.js'
import { decideDeployState, type DeployState } from '../record/state.js'
import { readDeployRecords } from '../record/read.js'

/** The permission reading deploy records needs, named in the failure when it is missing. */
export function recordsPermission(kind: 'github' | 'gitea'): string {
  return kind === 'github'
    ? "`checks: read` and `statuses: read` in the job's `permissions:` (the check runs and commit statuses deploys write)"
    : "read access to the repository's commit statuses (a token that can read the repository)"
}

/**
 * Reconcile's look at the head's deploy records, logged and counted: deferred and held are the caller's
 * to act on. Asked before anything is redeployed, again before every wave and before the promotion, so
 * a deploy that starts on the head (or rejects it) while reconcile rolls stops it there. Records that
 * cannot be read never mean "none": a transient failure defers (the next scheduled run tries again);
 * a refused token fails the step, naming the permission to grant.
 */
export async function deployStateGate(ctx: RunContext, head: string, timeline: Timeline, where = 'before anything is redeployed'): Promise<DeployState> {
  const { settings } = ctx
  const rs = settings.reconcile
  if (!rs?.respectDeployState) {
    const reason =
      'respect-deploy-state is false: the deploy records on the head are not read, so reconcile may redo the work of a deploy still running (bypassing its canary) or roll out a commit whose canary failed.'
    if (where === 'before anything is redeployed') core.warning(reason, { title: 'Deploy state ignored' })
    return { action: 'proceed', reason }
  }
  const state = await timeline.run(
    `deploy state (${where})`,
    () =>
      core.group(`Deploy records on ${head.slice(0, 7)} named '${rs.deployRecordName}', ${where}`, async (): Promise<DeployState> => {
        try {
          // Its own record too: a reconcile whose canary of the head failed holds the next one.
          const own = settings.report.kind === 'none' ? undefined : settings.report.name
          const records = await readDeployRecords(ctx.forge, head, { whole: rs.deployRecordName, shard: (i) => shardRecordName(rs, i), reconcile: own })
          core.info(`${records.length} deploy record(s) with a run stamp`)
          debug(() => `deploy records read: ${JSON.stringify(records)}; timeout ${rs.deployTimeoutMs} ms`)
          // "Now" on the forge's clock, as the answer to this very read told it: a runner's own clock is
          // never compared with the records' times (docs/deploy-records.md, "Liveness").
          const forgeNow = ctx.forge.forgeNow?.()
          if (forgeNow === undefined) core.info('The forge did not say its time (no Date header on its answers): no deploy record can be presumed dead.')
          const state = decideDeployState(records, { now: forgeNow === undefined ? undefined : new Date(forgeNow), timeoutMs: rs.deployTimeoutMs, sha: head, name: rs.deployRecordName })
          return { ...state, evidence: canaryEvidence(records, head) }
        } catch (error) {
          if (troubleOf(error) === 'permission') {
            throw new Error(
              `The deploy records on ${head.slice(0, 7)} could not be read: ${errorMessage(error)}. Reconcile needs ${recordsPermission(ctx.forge.kind)} to tell a live or rejected deploy from none; ${where === 'before anything is redeployed' ? 'nothing was redeployed' : `the run stopped ${where}`}.`,
              { cause: error }
            )
          }
          return {
            action: 'deferred',
            unreadable: true,
            reason: `The deploy records on ${head.slice(0, 7)} could not be read (${errorMessage(error)}); reconcile cannot tell whether a deploy is live or rejected the head, so it redeploys nothing and the next scheduled run tries again.`
          }
        }
      }),
    (s) => ({ outcome: s.action, detail: s.reason })
  )
  const counters = ctx.counters
  switch (state.action) {
    case 'deferred':
      counters.defers = 1
      if (state.unreadable) core.warning(state.reason, { title: 'Deploy records unreadable: deferred' })
      else core.notice(state.reason, { title: 'Deferred to a deploy in progress' })
      break
    case 'held':
      counters.holds = 1
      if (settings.gate.force) core.warning(`${state.reason} Overridden by force: true: reconciling toward it anyway.`, { title: 'Hold overridden by force' })
      else core.warning(state.reason, { title: `Held: ${head.slice(0, 7)}` })
      break
    case 'presumed-dead':
      core.warning(state.reason, { title: 'Deploy presumed dead' })
      break
    default:
      core.info(state.reason)
  }
  return state
}

/** True when the state stops reconcile: a live deploy owns the fleet, or its deploy rejected the head. */
export function stops(state: DeployState, force: boolean): boolean {
  return state.action === 'deferred' || (state.action === 'held' && !force)
}
