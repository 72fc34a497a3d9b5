import { afterEach, describe, expect, it } from '@jest/globals'
import type { ForgeFlavour } from '../simulator/fake-forge.js'
import { Fleet } from '../simulator/fleet.js'
import { type ActionRun, runAction } from '../simulator/run-action.js'
import { waitFor } from './support/wait.js'

/**
 * Reconcile reads what the forge really answers, and never mistakes a missing or mis-stated record for
 * consent: a commit with no status at all reads as "no records", never as an unreadable answer.
 */
let fleet: Fleet | undefined
afterEach(async () => {
  await fleet?.close()
  fleet = undefined
})

function reconcile(f: Fleet, head: string, extra: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({ inputs: f.deployInputs({ mode: 'reconcile', ...extra }), env: { ...f.runEnv(head), GITHUB_RUN_ID: '5000' } })
}

/** A commit status written straight through the forge's API, as any holder of `statuses: write` can. */
async function writeStatus(f: Fleet, sha: string, state: 'pending' | 'failure', description: string): Promise<void> {
  const res = await fetch(`${f.forge.apiUrl}/repos/${f.forge.repository}/statuses/${sha}`, {
    method: 'POST',
    headers: { authorization: `token ${f.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ state, context: 'rollout-guard/production', description })
  })
  expect(res.status).toBe(201)
}

describe.each<ForgeFlavour>(['github', 'gitea-1.22'])('%s: a sharded deploy', (flavour) => {
  it('is visible from its first record: shard 2 running while shard 1 is queued defers reconcile', async () => {
    const f = (fleet = await Fleet.start({ tenants: 6, flavour }))
    const B = await f.commit('B')
    // The canary job of the run (the canary tenant alone, under the whole-fleet name) ended deployed.
    const canary = await runAction({ inputs: f.deployInputs({ tenants: 'tenant-001' }), env: f.runEnv(B) })
    expect(canary.outputs.result).toBe('deployed')
    // Shard 2 of the same run starts and is held at its first redeploy; shard 1 is still queued.
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    let first = true
    f.controlPlane.whenRequested(async () => {
      if (!first) return
      first = false
      await held
    })
    const shard2 = runAction({ inputs: f.deployInputs({ shard: '2/2', 'max-parallel': '1' }), env: f.runEnv(B) })
    await waitFor(() => f.controlPlane.calls.length > 1 || !first, 'shard 2 at its first redeploy')
    const applied = f.controlPlane.applied().length

    const r = await reconcile(f, B)
    release()
    expect(r.outputs.result).toBe('deferred')
    expect(r.outputs.reason).toMatch(/has 2 shards and shard\(s\) 1\/2 have not reported yet|\(shard 2\/2\) is in progress/)
    const done = await shard2
    expect(done.outputs.result).toBe('deployed')
    // Reconcile redeployed nothing: shard 1's tenants (queued) still serve the old commit.
    const mine = new Set((done.report as { tenants: { tenant: string }[] }).tenants.map((t) => t.tenant))
    const shard1 = f.names.filter((n) => !mine.has(n) && n !== 'tenant-001')
    expect(shard1.length).toBeGreaterThan(0)
    for (const n of shard1) expect(f.tenants.serving(n)).toBe(f.base)
    expect(f.controlPlane.applied().length).toBeGreaterThanOrEqual(applied)
  })
})

describe.each<ForgeFlavour>(['github', 'gitea-1.22'])('%s: attempts of one job', (flavour) => {
  it('a late end of an older attempt never hides the re-run: reconcile still defers to the live attempt', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3, flavour }))
    const B = await f.commit('B')
    // Attempt 1 is at its canary when attempt 2 of the same job starts and writes its running record.
    f.controlPlane.whenRequested(async () => {
      f.controlPlane.whenRequested(undefined)
      await writeStatus(f, B, 'pending', `Running: deploy, production [rollout-guard deploy 4242.2 running at ${Math.floor(Date.now() / 1000)}]`)
    })
    const late = await runAction({ inputs: f.deployInputs({ canary: 'tenant-001' }), env: f.runEnv(B) })
    expect(late.outputs.result).toBe('deployed')
    const latest = f.forge
      .statuses()
      .filter((s) => s.body.context === 'rollout-guard/production')
      .at(-1)
    expect(latest?.body.description).toContain('4242.2 running')
    const r = await reconcile(f, B)
    expect(r.outputs.result).toBe('deferred')
    expect(r.outputs.reason).toContain('run 4242 (attempt 2) is in progress')
  })
})

describe.each<ForgeFlavour>(['github', 'gitea-1.22'])('%s: a commit with no record', (flavour) => {
  it('a stamp quoted inside a description is no record: reconcile heals, it does not hold', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, flavour }))
    const B = await f.commit('B')
    // A tenant's answer quoted in some reason, carrying a stamp of a run that never existed.
    await writeStatus(f, B, 'failure', 'tenant said [rollout-guard deploy 9999.1 canary-failed] while starting')
    const r = await reconcile(f, B)
    expect(r.outputs.result).toBe('healed')
    expect(r.outputs.reason).not.toContain('9999')
    for (const n of f.names) expect(f.tenants.serving(n)).toBe(B)
  })

  it('a dry run of a drifted fleet says drifted (the empty combined status is no records)', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, flavour }))
    const B = await f.commit('B')
    const r = await reconcile(f, B, { 'dry-run': 'true' })
    expect(r.outputs.result).toBe('drifted')
    expect(r.exitCode).toBe(0)
    expect(f.controlPlane.calls).toEqual([])
    expect(r.stdout).toContain(`No deploy record named 'rollout-guard/production' on ${B.slice(0, 7)}`)
  })
})
