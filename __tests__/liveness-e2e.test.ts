import { afterEach, describe, expect, it } from '@jest/globals'
import { resolve } from 'node:path'
import type { ForgeFlavour } from '../simulator/fake-forge.js'
import { Fleet } from '../simulator/fleet.js'
import { type ActionRun, runAction } from '../simulator/run-action.js'
import { waitFor } from './support/wait.js'

/**
 * Liveness on the forge's clock (docs/deploy-records.md, "Liveness"): a runner whose own clock is off by
 * more than `deploy-timeout-minutes` never makes reconcile presume a live deploy dead. The runners'
 * clocks are skewed for real (a preloaded module moves the process's Date); the fake forge keeps the
 * system's time, stamps its records with it and says it in every answer's Date header, as GitHub and
 * Gitea do.
 */
let fleet: Fleet | undefined
/** The deploy a test started: waited for before its fleet closes, even when an expectation failed first. */
let afterThis: Promise<unknown> | undefined
afterEach(async () => {
  await afterThis
  afterThis = undefined
  await fleet?.close()
  fleet = undefined
})

const NAME = 'rollout-guard/production'
const SKEW_MS = 16 * 60_000

/** A runner environment whose wall clock is `skewMs` off the real one (negative: behind). */
function skewed(skewMs: number): Record<string, string> {
  return skewMs === 0 ? {} : { NODE_OPTIONS: `--import=${resolve('__tests__/support/skewed-clock.mjs')}`, SKEWED_CLOCK_MS: String(skewMs) }
}

function reconcile(f: Fleet, head: string, skewMs: number): Promise<ActionRun> {
  return runAction({ inputs: f.deployInputs({ mode: 'reconcile', 'deploy-timeout-minutes': '15' }), env: { ...f.runEnv(head), GITHUB_RUN_ID: '5000', ...skewed(skewMs) } })
}

describe.each<ForgeFlavour>(['github', 'gitea-1.22'])('%s: a deploy is judged live on the forge clock, whatever the runners say', (flavour) => {
  it.each([
    ["the deploy's runner 16 minutes behind", -SKEW_MS, 0],
    ["reconcile's runner 16 minutes ahead", 0, SKEW_MS]
  ])('%s, deploy-timeout-minutes 15: reconcile defers to the live deploy and redeploys nothing', async (_case, deploySkew, reconcileSkew) => {
    const f = (fleet = await Fleet.start({ tenants: 3, flavour }))
    const B = await f.commit('B')
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    const deploy = runAction({ inputs: f.deployInputs({ canary: 'tenant-001', 'canary-soak-seconds': '3' }), env: { ...f.runEnv(B), ...skewed(deploySkew) } })
    // Held between its canary and its first wave (its gate's branch read waits) while reconcile runs.
    await waitFor(() => f.controlPlane.applied().length === 1, 'the canary redeploy')
    const readsBefore = f.forge.calls('branch').length
    f.forge.inject('branch', { wait: held })
    await waitFor(() => f.forge.calls('branch').length > readsBefore, 'the deploy at its wave gate')

    // Released whatever reconcile did, so a failing expectation below never leaves the deploy's process behind.
    const r = await reconcile(f, B, reconcileSkew).finally(release)
    const ended = deploy.catch(() => undefined)
    afterThis = ended
    expect(r.outputs.reason).toMatch(new RegExp(`^The deploy of ${B.slice(0, 7)} in run 4242 \\(attempt 1\\) is in progress \\(last heartbeat [\\d-]+T[\\d:.]+Z, 0 min ago\\); reconcile defers`))
    expect(r.outputs.result).toBe('deferred')
    expect(r.commands.filter((c) => c.command === 'warning' && /presumed dead/.test(c.message))).toEqual([])
    expect(f.controlPlane.applied().map((c) => c.tenant)).toEqual(['tenant-001'])
    // The deploy's record carries no time of its runner's: its check run's create has none (the forge's
    // own started_at is its time; a status's is its created_at), and its later writes the forge's time.
    const record = flavour === 'github' ? String(f.forge.checkRuns()[0]!.create.external_id) : String(f.forge.statuses().find((s) => s.body.context === NAME)!.body.description)
    expect(record).toMatch(/rollout-guard deploy 4242\.1 running/)
    if (flavour === 'github') expect(record).not.toMatch(/ at \d/)

    const d = (await ended)!
    expect(d.outputs.result).toBe('deployed')
    // Its end record is stamped on the forge's clock: the forge had answered by then.
    const end =
      flavour === 'github'
        ? String(f.forge.checkRuns()[0]!.updates.at(-1)!.external_id)
        : String(
            f.forge
              .statuses()
              .filter((s) => s.body.context === NAME)
              .at(-1)!.body.description
          )
    const at = Number(/ at (\d+) clock forge/.exec(end)?.[1])
    expect(Math.abs(at * 1000 - Date.now())).toBeLessThan(5 * 60_000)
  })
})
