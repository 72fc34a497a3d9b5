import * as core from '../log.js'
import type { Clock } from '../clock.js'
import type { GateDecision } from '../gate/decide.js'
import type { TargetSettings } from '../settings/common.js'
import type { CanaryFailure } from '../settings/rollout.js'
import type { VerifySettings } from '../settings/verify.js'
import { commitVars, render } from '../template.js'
import { settleOptions, verifyFleet } from '../verify/fleet.js'
import type { AncestryOracle, TenantProber } from '../verify/types.js'
import { type Redeployer, SupersededError } from './redeploy-types.js'
import type { Standing } from '../record/standing.js'
import { restoreAllowed, restorePlan } from './restore-decide.js'
import { stableTargets, type LatestRead } from './restore-stable.js'
import type { CanaryRestore, TenantRecord, TenantRestore } from './types.js'

export interface RestoreDeps {
  mode: CanaryFailure
  target: TargetSettings
  /** The `image-tag` template: the tag of the commit a tenant goes back to. */
  imageTag: string
  /** Asked right before the restore, and as the fence before any retry of it. */
  gate: { check(): Promise<GateDecision> }
  redeployer: Redeployer
  prober: TenantProber
  verify: VerifySettings
  clock: Clock
  signal: AbortSignal
  /** What the records on a commit say of it (held, verified, …); without it (`report: none`) no record is read. */
  standingOf?: (sha: string) => Promise<Standing>
  /** The commit the promote tag holds, when this job promotes with `image` (undefined: no promote tag). */
  latestOf?: () => Promise<LatestRead>
  /** Orders the commits read on the canary, newest first, when more than one is verified. */
  ancestry?: AncestryOracle
}

/**
 * Verification of a restore accepts the previous commit itself and nothing else: the rejected build
 * is a descendant of it, and "ahead" must not pass for "restored".
 */
const EXACT: AncestryOracle = { isAhead: async () => false }

/**
 * After a failed canary: each canary tenant this job moved goes back to the commit its pre-flight read
 * (restore-decide.ts says which), through the same redeployer and fence as every redeploy, with the
 * rejected target as `{current}` so a compare-and-set control plane refuses it once anything else moved
 * the tenant; then it is verified there under the settle budget. The gate is asked right before.
 * The job still fails and the commit is still held whatever this does.
 */
export async function restoreCanary(records: TenantRecord[], deps: RestoreDeps): Promise<CanaryRestore> {
  const plans = records.map((r) => ({ record: r, plan: restorePlan(r, deps.target.sha) }))
  const rows: TenantRestore[] = plans.map(({ record, plan }) =>
    plan.kind === 'restore' ? { tenant: record.tenant, action: 'not-sent', to: plan.to, from: plan.to } : { tenant: record.tenant, action: plan.action, detail: plan.detail }
  )
  const due = rows.filter((r) => r.to !== undefined)
  const left = describeLeft(rows)
  const finish = (outcome: CanaryRestore['outcome'], reason: string): CanaryRestore => ({ outcome, reason: `${reason}${left}`, tenants: rows })

  if (deps.mode === 'hold') {
    for (const r of due) r.detail = 'canary-failure: hold'
    return finish('held', `The canary stays on the rejected build (canary-failure: hold).`)
  }
  if (due.length === 0) return finish('nothing-to-restore', 'No canary tenant had a previous commit to go back to.')
  if (deps.signal.aborted) return skipAll(due, finish, 'skipped', 'Not restored: the run was cancelled.')

  const decision = await deps.gate.check()
  const allowed = restoreAllowed(decision)
  if (!allowed.allowed) {
    core.warning(allowed.reason, { title: 'Canary not restored' })
    return skipAll(due, finish, allowed.outcome, allowed.reason)
  }
  const fence = async (): Promise<void> => {
    const d = await deps.gate.check()
    if (!restoreAllowed(d).allowed) throw new SupersededError(d)
  }

  const sendable = await stableTargets(due, deps.target.sha, deps)
  if (sendable.length === 0) {
    const reason = `Not restored: ${due[0]!.detail}.`
    core.warning(reason, { title: 'Canary not restored' })
    return finish('skipped', reason)
  }
  await Promise.all(sendable.map((row) => send(row, deps, fence)))
  const sent = due.filter((r) => r.action === 'restored')
  await verifySent(sent, deps)

  const verified = sent.filter((r) => r.verdict?.verdict === 'on-target').length
  const names = due.map((r) => `${r.tenant} to ${r.to!.slice(0, 7)}`).join(', ')
  const where = due.every((r) => r.to === r.from) ? 'its previous commit' : 'the stable release'
  if (verified === due.length) return finish('restored', `Restored the canary to ${where} and verified it there: ${names}.`)
  return finish('failed', `The canary restore did not verify for ${due.length - verified} of ${due.length} tenant(s) (${describeUnverified(due)}).`)
}

async function send(row: TenantRestore, deps: RestoreDeps, fence: () => Promise<void>): Promise<void> {
  const to = row.to!
  const { target } = deps
  const what = row.from === to ? 'the commit it served before this job moved it' : `the stable release (it served ${row.from?.slice(0, 7) ?? 'no readable commit'} before this job moved it)`
  core.warning(`Restoring canary ${row.tenant} from the rejected ${target.sha.slice(0, 7)} to ${to.slice(0, 7)}, ${what}`, { title: 'Canary restore' })
  const tag = render(deps.imageTag, commitVars(to, target.environment))
  const res = await deps.redeployer.redeploy({ tenant: row.tenant, tag, sha: to, environment: target.environment, current: target.sha }, { signal: deps.signal, fence })
  if (res.ok) {
    row.action = 'restored'
    return
  }
  row.action = res.superseded ? 'not-sent' : 'restore-failed'
  row.detail = res.conflict ? `the control plane refused the compare-and-set: it no longer serves ${target.sha.slice(0, 7)}, so it is not this job's to move (${res.detail})` : res.detail
}

/** One verification per commit gone back to (tenants of one canary may have served different ones). */
async function verifySent(sent: TenantRestore[], deps: RestoreDeps): Promise<void> {
  const byCommit = new Map<string, TenantRestore[]>()
  for (const r of sent) byCommit.set(r.to!, [...(byCommit.get(r.to!) ?? []), r])
  await Promise.all(
    [...byCommit].map(async ([to, rows]) => {
      const verdicts = await verifyFleet(
        rows.map((r) => r.tenant),
        { target: to, prober: deps.prober, ancestry: EXACT, clock: deps.clock, ...settleOptions(deps.verify), signal: deps.signal }
      )
      verdicts.forEach((v, i) => (rows[i]!.verdict = v))
    })
  )
}

function skipAll(due: TenantRestore[], finish: (o: CanaryRestore['outcome'], r: string) => CanaryRestore, outcome: CanaryRestore['outcome'], reason: string): CanaryRestore {
  for (const r of due) r.detail = reason
  return finish(outcome, reason)
}

function describeLeft(rows: TenantRestore[]): string {
  const nothing = rows.filter((r) => r.action === 'nothing-to-restore').map((r) => r.tenant)
  return nothing.length ? ` Left on the rejected build, with no readable commit before: ${nothing.slice(0, 5).join(', ')}${nothing.length > 5 ? ` and ${nothing.length - 5} more` : ''}.` : ''
}

function describeUnverified(due: TenantRestore[]): string {
  const bad = due.filter((r) => r.verdict?.verdict !== 'on-target')
  const text = bad.slice(0, 5).map((r) => `${r.tenant} ${r.action === 'restored' ? (r.verdict?.verdict ?? 'unverified') : r.action}`)
  return text.join(', ') + (bad.length > 5 ? `, and ${bad.length - 5} more` : '')
}
