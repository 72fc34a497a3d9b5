import { afterEach, describe, expect, it } from '@jest/globals'
import type { RecordedRequest } from '../simulator/fake-forge.js'
import { Fleet } from '../simulator/fleet.js'
import { type ActionRun, runAction } from '../simulator/run-action.js'
import { waitFor } from './support/wait.js'

/**
 * The record windows no single request closes: another job's write landing between two requests of one
 * job (docs/exploration.md, "The record windows"). The fake forge puts the other job's write exactly
 * there, before it answers the second request; the bundle runs as a runner runs it.
 */
const NAME = 'rollout-guard/production'
let fleet: Fleet | undefined
afterEach(async () => {
  fleet?.forge.beforeAnswer(undefined)
  fleet?.controlPlane.whenRequested(undefined)
  await fleet?.close()
  fleet = undefined
})

const isRecordRead = (r: RecordedRequest): boolean => r.method === 'GET' && (r.route === 'statuses' || r.route === 'check-runs')

function reconcile(f: Fleet, head: string): Promise<ActionRun> {
  return runAction({ inputs: f.deployInputs({ mode: 'reconcile' }), env: { ...f.runEnv(head), GITHUB_RUN_ID: '5000' } })
}

describe('github: a sharded deploy', () => {
  it("shard 2's running records landing between reconcile's first read of the records and its next: reconcile still defers, and redeploys nothing", async () => {
    const f = (fleet = await Fleet.start({ tenants: 6, flavour: 'github' }))
    const B = await f.commit('B')
    // The canary job of the run (the canary tenant alone, under the whole-fleet name) ended deployed.
    const canary = await runAction({ inputs: f.deployInputs({ tenants: 'tenant-001' }), env: f.runEnv(B) })
    expect(canary.outputs.result).toBe('deployed')
    const before = f.controlPlane.calls.length

    // Shard 2 is held at its first redeploy, once its running records are on the forge.
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    f.controlPlane.whenRequested(async () => {
      f.controlPlane.whenRequested(undefined)
      await held
    })
    // Reconcile reads the records before anything, and again right before its first wave. Between the
    // first and the second request of that second read, shard 2 starts and writes its running records.
    let reads = 0
    let inRead = 0
    let lastWasRead = false
    let shard2: Promise<ActionRun> | undefined
    f.forge.beforeAnswer(async (r) => {
      if (shard2) return
      if (!isRecordRead(r)) return void (lastWasRead = false)
      if (!lastWasRead) [reads, inRead] = [reads + 1, 0]
      lastWasRead = true
      if (reads !== 2 || ++inRead !== 2) return
      shard2 = runAction({ inputs: f.deployInputs({ shard: '2/2', 'max-parallel': '1' }), env: f.runEnv(B) })
      await waitFor(() => f.controlPlane.calls.length > before, 'shard 2 at its first redeploy')
    })

    const r = await reconcile(f, B)
    release()
    expect(shard2).toBeDefined()
    const done = await shard2!
    expect(done.outputs.result).toBe('deployed')
    expect(r.outputs.result).toBe('deferred')
    expect(r.outputs.reason).toContain('(shard 2/2) is in progress')
    // The only redeploys after the canary job's are shard 2's own.
    const mine = new Set((done.report as { tenants: { tenant: string }[] }).tenants.map((t) => t.tenant))
    expect(f.controlPlane.calls.slice(before).every((c) => mine.has(c.tenant))).toBe(true)
    for (const n of f.names.filter((x) => !mine.has(x) && x !== 'tenant-001')) expect(f.tenants.serving(n)).toBe(f.base)
  })

  it('a shard whose first running record landed while its second is slow to write is seen by a whole reconcile run in between: reconcile defers, and redeploys nothing', async () => {
    const f = (fleet = await Fleet.start({ tenants: 6, flavour: 'github' }))
    const B = await f.commit('B')
    const canary = await runAction({ inputs: f.deployInputs({ tenants: 'tenant-001' }), env: f.runEnv(B) })
    expect(canary.outputs.result).toBe('deployed')
    const before = f.controlPlane.calls.length
    // Shard 2's second running write (a slow forge) waits until a whole reconcile has run.
    let reconciled!: () => void
    const done = new Promise<void>((r) => (reconciled = r))
    let writes = 0
    let second!: () => void
    const atSecond = new Promise<void>((r) => (second = r))
    f.forge.beforeAnswer(async (r) => {
      const body = r.body as { context?: string; name?: string } | undefined
      if (r.method !== 'POST' || (body?.context ?? body?.name) !== `${NAME} (shard 2)` || ++writes !== 2) return
      second()
      await done
    })
    const shard2 = runAction({ inputs: f.deployInputs({ shard: '2/2', 'max-parallel': '1' }), env: f.runEnv(B) })
    await atSecond
    const r = await reconcile(f, B)
    reconciled()
    const ran = await shard2
    expect(ran.outputs.result).toBe('deployed')
    expect(r.outputs.result).toBe('deferred')
    expect(r.outputs.reason).toContain('(shard 2/2) is in progress')
    // Every redeploy after the canary job's is shard 2's own: the other shard's tenants still serve the base.
    const mine = new Set((ran.report as { tenants: { tenant: string }[] }).tenants.map((t) => t.tenant))
    expect(f.controlPlane.calls.slice(before).every((c) => mine.has(c.tenant))).toBe(true)
    for (const n of f.names.filter((x) => !mine.has(x) && x !== 'tenant-001')) expect(f.tenants.serving(n)).toBe(f.base)
  })

  it('a shard writes its running status before its check run, and sends nothing before both are on the forge', async () => {
    const f = (fleet = await Fleet.start({ tenants: 4, flavour: 'github' }))
    const B = await f.commit('B')
    const writes: string[] = []
    f.forge.beforeAnswer((r) => {
      if (r.method === 'POST' && (r.route === 'statuses' || r.route === 'check-runs')) writes.push(r.route)
    })
    f.controlPlane.whenRequested(() => void writes.push('redeploy'))
    const done = await runAction({ inputs: f.deployInputs({ shard: '1/2' }), env: f.runEnv(B) })
    expect(done.outputs.result).toBe('deployed')
    expect(writes.slice(0, 3)).toEqual(['statuses', 'check-runs', 'redeploy'])
    const first = f.forge.statuses()[0]!
    expect(first.body.context).toBe(`${NAME} (shard 1)`)
    expect(first.body.description).toMatch(/\[rollout-guard deploy 4242\.1 running shard 1\/2 at \d+ clock forge\]$/)
  })
})

describe('gitea-1.22: attempts of one job', () => {
  it("a cancelled attempt's end, written right after the re-run's running status landed, never hides the re-run: reconcile defers and redeploys nothing", async () => {
    const f = (fleet = await Fleet.start({ tenants: 3, flavour: 'gitea-1.22' }))
    const B = await f.commit('B')
    // Attempt 1 is cancelled at its canary's redeploy.
    const cancel = new AbortController()
    f.controlPlane.whenRequested(() => {
      f.controlPlane.whenRequested(undefined)
      cancel.abort()
    })
    // Its end reads the record (no newer attempt yet), and the re-run's running status lands just before the write.
    f.forge.beforeAnswer((r) => {
      const body = r.body as { state?: string; description?: string } | undefined
      if (r.method !== 'POST' || r.route !== 'statuses' || body?.state === 'pending' || !body?.description?.includes('4242.1')) return
      f.forge.beforeAnswer(undefined)
      f.forge.reports.seedStatuses(B, [{ state: 'pending', context: NAME, description: `Running: deploy, production [rollout-guard deploy 4242.2 running at ${Math.floor(Date.now() / 1000)}]` }])
    })
    const first = await runAction({ inputs: f.deployInputs({ canary: 'tenant-001' }), env: f.runEnv(B), signal: cancel.signal })
    expect(first.outputs.result).toBe('cancelled')
    const mine = f.forge.statuses().filter((s) => s.body.context === NAME)
    expect(
      mine.map((s) =>
        /deploy 4242\.(\d) (\w+)/
          .exec(s.body.description ?? '')
          ?.slice(1)
          .join(' ')
      )
    ).toEqual(['1 running', '2 running', '1 cancelled'])

    const calls = f.controlPlane.calls.length
    const r = await reconcile(f, B)
    expect(r.outputs.result).toBe('deferred')
    expect(r.outputs.reason).toContain('run 4242 (attempt 2) is in progress')
    expect(f.controlPlane.calls.length).toBe(calls)
  })
})
