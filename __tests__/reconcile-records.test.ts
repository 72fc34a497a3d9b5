import { afterEach, describe, expect, it } from '@jest/globals'
import type { ForgeFlavour } from '../simulator/fake-forge.js'
import { Fleet } from '../simulator/fleet.js'
import { type ActionRun, runAction } from '../simulator/run-action.js'
import { waitFor } from './support/wait.js'

/**
 * Reconcile reads the head's deploy records (check runs on GitHub, commit statuses on Gitea) before it
 * redeploys anything: it defers to a live deploy, holds a head whose canary failed, admits the repair and
 * a successful re-run, and does not wait forever on a record a killed runner left `in progress`.
 */
let fleet: Fleet | undefined
afterEach(async () => {
  await fleet?.close()
  fleet = undefined
})

const NAME = 'rollout-guard/production'
const DAY_MS = 24 * 60 * 60 * 1000

function reconcile(f: Fleet, head: string, extra: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({ inputs: f.deployInputs({ mode: 'reconcile', ...extra }), env: { ...f.runEnv(head), GITHUB_RUN_ID: '5000' } })
}

/** Our own record of the run, under the distinct name: never read as a deploy outcome. */
function ownRecords(f: Fleet): string[] {
  return f.forge.flavour === 'github' ? f.forge.checkRuns().map((c) => String(c.create.name)) : f.forge.statuses().map((s) => String(s.body.context))
}

/** Writes a deploy record the way a deploy does, straight through the forge's API. */
async function seed(f: Fleet, sha: string, runId: string, end: 'running' | 'canary-failed' = 'running'): Promise<void> {
  const headers = { authorization: `token ${f.token}`, 'content-type': 'application/json' }
  const base = `${f.forge.apiUrl}/repos/${f.forge.repository}`
  const stamp = `rollout-guard deploy ${runId}.1 ${end}`
  const running = end === 'running'
  const check = running ? { status: 'in_progress' } : { status: 'completed', conclusion: 'failure' }
  const res =
    f.forge.flavour === 'github'
      ? await fetch(`${base}/check-runs`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ name: NAME, head_sha: sha, ...check, external_id: stamp, output: { title: running ? 'Running: deploy, production' : 'The canary failed', summary: 'x' } })
        })
      : await fetch(`${base}/statuses/${sha}`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ state: running ? 'pending' : 'failure', context: NAME, description: `${running ? 'Running: deploy, production' : 'The canary failed'} [${stamp}]` })
        })
  expect(res.status).toBe(201)
}

describe.each<ForgeFlavour>(['github', 'gitea-1.22'])('%s: reconcile and the deploy records', (flavour) => {
  it('during a canary soak it defers with zero redeploys, and the deploy ends deployed', async () => {
    const f = (fleet = await Fleet.start({ tenants: 4, flavour }))
    const B = await f.commit('B')
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    const deploy = runAction({ inputs: f.deployInputs({ canary: 'tenant-001', 'canary-soak-seconds': '3' }), env: f.runEnv(B) })
    // Once the canary is redeployed, the deploy's next branch read (its gate before wave 1, after the
    // soak) is held: the deploy is between its canary and its first wave while reconcile runs.
    await waitFor(() => f.controlPlane.applied().length === 1, 'the canary redeploy')
    const readsBefore = f.forge.calls('branch').length
    f.forge.inject('branch', { wait: held })
    await waitFor(() => f.forge.calls('branch').length > readsBefore, 'the deploy at its wave gate')

    const r = await reconcile(f, B)
    release()
    expect(r.outputs.result).toBe('deferred')
    expect(r.exitCode).toBe(0)
    expect(r.outputs.reason).toMatch(
      new RegExp(
        `^The deploy of ${B.slice(0, 7)} in run 4242 \\(attempt 1\\) is in progress \\(last heartbeat \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z, 0 min ago\\); reconcile defers to it and redeploys nothing\\.$`
      )
    )
    expect(f.controlPlane.applied().map((c) => c.tenant)).toEqual(['tenant-001'])
    expect((r.report as { conclusion: string; counters: { defers: number } }).conclusion).toBe('neutral')
    expect((r.report as { counters: { defers: number } }).counters.defers).toBe(1)
    expect(r.summary).toContain('1 defer(s), 0 hold(s)')

    const d = await deploy
    expect(d.outputs.result).toBe('deployed')
    expect(f.controlPlane.applied()).toHaveLength(4)
    expect(ownRecords(f)).toContain(`${NAME}/reconcile`)
    if (flavour !== 'github') {
      // Statuses have no neutral: a deferred reconcile is a success that says it deferred, not "Superseded".
      const own = f.forge
        .statuses()
        .filter((s) => s.body.context === `${NAME}/reconcile`)
        .at(-1)!
      expect(own.body).toMatchObject({
        state: 'success',
        description: expect.stringMatching(
          /^The deploy of \w{7} in run 4242 \(attempt 1\) is in progress \(last heartbeat .*\[rollout-guard reconcile 5000\.1 failed at \d+ clock forge verdict deferred\]$/
        )
      })
    }
  })

  it('after a failed canary it holds; a successful re-run lifts the hold', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3, flavour }))
    const B = await f.commit('B')
    // A crash-looping image: the canary answers 503 once redeployed (and before: it is unreadable).
    f.tenants.setFault('tenant-001', { status: 503 })
    const failed = await runAction({ inputs: f.deployInputs({ canary: 'tenant-001', 'settle-budget-seconds': '0.5' }), env: f.runEnv(B) })
    expect(failed.outputs.result).toBe('failed')
    expect(failed.outputs.reason).toMatch(/^The canary failed/)
    const applied = f.controlPlane.applied().length

    const r = await reconcile(f, B)
    expect(r.outputs.result).toBe('held')
    expect(r.exitCode).toBe(0)
    expect(r.outputs.reason).toMatch(
      new RegExp(
        `^Held: the deploy of ${B.slice(0, 7)} in run 4242 \\(attempt 1\\) rejected it: its canary failed .*Nothing is redeployed toward ${B.slice(0, 7)} and it is not promoted\\. A successful re-run of the job that rejected it, .* a newer commit .*\`force: true\` lifts the hold; a re-run of another job does not\\.$`
      )
    )
    expect(f.controlPlane.applied()).toHaveLength(applied)
    expect(r.commands.some((c) => c.command === 'warning' && c.message.startsWith('Held:'))).toBe(true)
    expect((r.report as { counters: { holds: number } }).counters.holds).toBe(1)
    const runPage = `${f.forge.serverUrl}/acme/app/actions/runs/${flavour === 'github' ? 4242 : 17}`
    expect((r.report as { deployState: unknown }).deployState).toEqual({ action: 'held', end: 'canary-failed', run: '4242.1', since: expect.any(String), url: runPage, reason: r.outputs.reason })
    expect(r.summary).toContain('| Deploy record | ⛔ held: run 4242.1 canary-failed, since ')

    // The image is fixed and the same run is re-run (attempt 2): its success lifts the hold at once.
    f.tenants.setFault('tenant-001', undefined)
    const rerun = await runAction({ inputs: f.deployInputs({ canary: 'tenant-001' }), env: { ...f.runEnv(B), GITHUB_RUN_ATTEMPT: '2' } })
    expect(rerun.outputs.result).toBe('deployed')
    const after = await reconcile(f, B)
    expect(after.outputs.result).toBe('in-sync')
  })

  it('after a failed canary, the repair (a newer commit) deploys and a later reconcile is in-sync', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3, flavour }))
    const B = await f.commit('B')
    f.tenants.setFault('tenant-001', { status: 503 })
    const failed = await runAction({ inputs: f.deployInputs({ canary: 'tenant-001', 'settle-budget-seconds': '0.5' }), env: f.runEnv(B) })
    expect(failed.outputs.result).toBe('failed')
    expect((await reconcile(f, B)).outputs.result).toBe('held')

    f.tenants.setFault('tenant-001', undefined)
    const C = await f.commit('C: the repair')
    const repair = await runAction({ inputs: f.deployInputs({ canary: 'tenant-001' }), env: { ...f.runEnv(C), GITHUB_RUN_ID: '4300' } })
    expect(repair.outputs.result).toBe('deployed')
    const later = await reconcile(f, C)
    expect(later.outputs.result).toBe('in-sync')
    for (const n of f.names) expect(f.tenants.serving(n)).toBe(C)
  })

  it('a record left in progress for a day does not block: presumed dead, it heals', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, flavour }))
    const B = await f.commit('B')
    f.forge.reports.backdate(DAY_MS)
    await seed(f, B, '4100')
    f.forge.reports.backdate(0)
    const r = await reconcile(f, B)
    expect(r.outputs.result).toBe('healed')
    expect(
      r.commands
        .filter((c) => c.command === 'warning')
        .map((c) => c.message)
        .join('\n')
    ).toMatch(/in run 4100 \(attempt 1\) has said it is in progress \(last heartbeat .*, 24 h 0 min ago\), longer than deploy-timeout-minutes \(6 h 0 min\) without a heartbeat; presumed dead/)
    for (const n of f.names) expect(f.tenants.serving(n)).toBe(B)
  })

  it('the same record started an hour ago defers; respect-deploy-state: false heals anyway, with a warning', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, flavour }))
    const B = await f.commit('B')
    f.forge.reports.backdate(60 * 60 * 1000)
    await seed(f, B, '4100')
    f.forge.reports.backdate(0)
    expect((await reconcile(f, B)).outputs.result).toBe('deferred')
    expect(f.controlPlane.calls).toEqual([])
    const off = await reconcile(f, B, { 'respect-deploy-state': 'false' })
    expect(off.outputs.result).toBe('healed')
    expect(off.commands.some((c) => c.command === 'warning' && /respect-deploy-state is false/.test(c.message))).toBe(true)
  })

  it('force: true breaks a hold, with a warning', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, flavour }))
    const B = await f.commit('B')
    await seed(f, B, '4100', 'canary-failed')
    const held = await reconcile(f, B)
    expect(held.outputs.result).toBe('held')
    expect(held.outputs.reason).toContain('its canary failed (The canary failed)')
    expect(f.controlPlane.calls).toEqual([])
    const forced = await reconcile(f, B, { force: 'true' })
    expect(forced.outputs.result).toBe('healed')
    expect(forced.commands.some((c) => c.command === 'warning' && /Overridden by force: true/.test(c.message))).toBe(true)
    for (const n of f.names) expect(f.tenants.serving(n)).toBe(B)
  })
})
