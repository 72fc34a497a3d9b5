import * as core from '@actions/core'
import type { RunContext } from '../context.js'
import { debug } from '../debug.js'
import { errorMessage } from '../errors.js'
import type { Timeline } from '../rollout/timeline.js'
import { decideDeployState, type DeployState } from './deploy-state.js'
import { readDeployRecords } from './read-records.js'

/**
 * Reconcile's look at the head's deploy records, logged and counted: deferred and held are the
 * caller's to act on; a record that cannot be read, or `respect-deploy-state: false`, proceeds as
 * before with a warning (a missing permission must not stop every scheduled reconcile for good).
 */
export async function deployStateGate(ctx: RunContext, head: string, timeline: Timeline): Promise<DeployState> {
  const { settings } = ctx
  const rs = settings.reconcile
  if (!rs?.respectDeployState) {
    const reason = 'respect-deploy-state is false: the deploy records on the head are not read, so reconcile may redo the work of a deploy still running (bypassing its canary) or roll out a commit whose canary failed.'
    core.warning(reason, { title: 'Deploy state ignored' })
    return { action: 'proceed', reason }
  }
  const state = await timeline.run(
    'deploy state',
    () =>
      core.group(`Deploy records on ${head.slice(0, 7)} named '${rs.deployRecordName}'`, async (): Promise<DeployState> => {
        try {
          const records = await readDeployRecords(ctx.forge, head, rs.deployRecordName)
          core.info(`${records.length} deploy record(s) with a run stamp`)
          debug(() => `deploy records read: ${JSON.stringify(records)}; timeout ${rs.deployTimeoutMs} ms`)
          return decideDeployState(records, { now: new Date(), timeoutMs: rs.deployTimeoutMs, sha: head, name: rs.deployRecordName })
        } catch (error) {
          const what = ctx.forge.kind === 'github' ? 'check runs (`checks: read`) and commit statuses (`statuses: read`)' : 'commit statuses'
          return { action: 'proceed', unreadable: true, reason: `The deploy records on ${head.slice(0, 7)} could not be read (${errorMessage(error)}); reconciling as if there were none. Reading them needs read access to ${what}.` }
        }
      }),
    (s) => ({ outcome: s.action, detail: s.reason })
  )
  const counters = ctx.counters
  switch (state.action) {
    case 'deferred':
      counters.defers++
      core.notice(state.reason, { title: 'Deferred to a deploy in progress' })
      break
    case 'held':
      counters.holds++
      if (settings.gate.force) core.warning(`${state.reason} Overridden by force: true: reconciling toward it anyway.`, { title: 'Hold overridden by force' })
      else core.warning(state.reason, { title: `Held: ${head.slice(0, 7)}` })
      break
    case 'presumed-dead':
      core.warning(state.reason, { title: 'Deploy presumed dead' })
      break
    default:
      if (state.unreadable) core.warning(state.reason, { title: 'Deploy records unreadable' })
      else core.info(state.reason)
  }
  return state
}
