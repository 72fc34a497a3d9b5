import { afterEach, describe, expect, it } from '@jest/globals'
import { PERMISSION_DENIED } from '../simulator/fake-forge.js'
import { Fleet } from '../simulator/fleet.js'
import { runAction } from '../simulator/run-action.js'
import { recordVerified } from './support/verified-record.js'

/**
 * `deployment: true`: a GitHub deployment of the commit through the rollout, against the built
 * dist/index.js and the strict fake forge (which validates every Deployments request against GitHub's
 * OpenAPI description and its prose rules).
 */
let fleet: Fleet | undefined
afterEach(async () => {
  await fleet?.close()
  fleet = undefined
})

const RUN_URL = (f: Fleet): string => `${f.forge.serverUrl}/acme/app/actions/runs/4242`
const states = (f: Fleet, i: number): unknown[] => f.forge.deployments()[i]!.statuses.map((s) => s.state)

describe('GitHub deployments', () => {
  it('a full rollout: created for the commit and environment, in_progress, then success with the tenant count; the earlier one goes inactive', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3, drainMs: 20 }))
    const A = await f.commit('A')
    const inputs = f.deployInputs({ canary: 'tenant-001', deployment: 'true', environment: 'staging', 'environment-url': 'https://staging.example.com' })
    const a = await runAction({ inputs, env: f.runEnv(A) })
    expect(a.outputs.result).toBe('deployed')
    const B = await f.commit('B')
    const b = await runAction({ inputs, env: { ...f.runEnv(B), GITHUB_RUN_ID: '4243' } })
    expect(b.outputs.result).toBe('deployed')

    const [first, second] = f.forge.deployments()
    expect(f.forge.deployments()).toHaveLength(2)
    expect(first).toMatchObject({ sha: A, environment: 'staging', body: { ref: A, auto_merge: false, required_contexts: [], task: 'deploy' } })
    expect(second).toMatchObject({ sha: B, environment: 'staging' })
    expect(first!.statuses.map((s) => [s.state, s.log_url, s.environment_url])).toEqual([
      ['in_progress', RUN_URL(f), 'https://staging.example.com'],
      ['success', RUN_URL(f), 'https://staging.example.com'],
      // B's success made A's deployment inactive, as GitHub does (auto_inactive).
      ['inactive', '', '']
    ])
    expect(second!.statuses.map((s) => s.state)).toEqual(['in_progress', 'success'])
    expect(second!.statuses[0]!.log_url).toBe(`${f.forge.serverUrl}/acme/app/actions/runs/4243`)
    expect(second!.statuses[1]!.description).toBe(`Deployed: ${B.slice(0, 7)} live on 3 of 3 tenants`)
  })

  it('a job superseded at its first gate creates no deployment; one superseded mid-rollout marks its own inactive', async () => {
    const f = (fleet = await Fleet.start({ tenants: 4, drainMs: 0 }))
    const A = await f.commit('A')
    const B = await f.commit('B')
    const late = await runAction({ inputs: f.deployInputs({ deployment: 'true' }), env: f.runEnv(A) })
    expect(late.outputs.result).toBe('skipped-superseded')
    expect(f.forge.deployments()).toEqual([])
    // Not even when force lets the superseded job go ahead.
    const forced = await runAction({ inputs: f.deployInputs({ deployment: 'true', force: 'true' }), env: f.runEnv(A) })
    expect(forced.outputs.result).toBe('deployed')
    expect(f.forge.deployments()).toEqual([])

    // C's job: D lands while its first wave is being redeployed, so it steps aside before wave 2.
    const C = await f.commit('C')
    let D = ''
    f.controlPlane.whenRequested(async (call) => {
      if (call.sha === C && !D) D = await f.commit('D')
    })
    const c = await runAction({ inputs: f.deployInputs({ deployment: 'true', 'max-parallel': '2' }), env: f.runEnv(C) })
    expect(c.outputs.result).toBe('skipped-superseded')
    expect(f.forge.deployments().map((d) => d.sha)).toEqual([C])
    expect(states(f, 0)).toEqual(['in_progress', 'inactive'])
    expect(f.forge.deployments()[0]!.statuses[1]!.description).toMatch(/^Superseded: [0-9a-f]{7} live on \d of 4 tenants/)
    expect(B).not.toBe(C)
  })

  it('a failed canary: failure, saying the canary was restored and how many tenants serve the commit', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3, drainMs: 0 }))
    // The commit the fleet serves was verified by its own deploy: the stable release to go back to.
    await recordVerified(f, f.base)
    const C = await f.commit('C, which crash-loops')
    f.tenants.crashLoop(C)
    const r = await runAction({ inputs: f.deployInputs({ canary: 'tenant-001', deployment: 'true', 'settle-budget-seconds': '1' }), env: f.runEnv(C) })
    expect(r.exitCode).toBe(1)
    expect(states(f, 0)).toEqual(['in_progress', 'failure'])
    expect(f.forge.deployments()[0]!.statuses[1]!.description).toBe(`Failed: ${C.slice(0, 7)} live on 0 of 3 tenants; canary restore restored`)
  })

  it("works beside the job's own pending commit status (required_contexts: [])", async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, drainMs: 0 }))
    const B = await f.commit('B')
    // The pending status is posted alongside the gate; the deployment is created after the gate.
    const r = await runAction({ inputs: f.deployInputs({ deployment: 'true', report: 'status' }), env: f.runEnv(B) })
    expect(r.outputs.result).toBe('deployed')
    expect(f.forge.statuses().map((s) => s.body.state)).toEqual(['pending', 'success'])
    expect(states(f, 0)).toEqual(['in_progress', 'success'])
    expect(r.stdout).not.toMatch(/::warning title=Deployment/)
  })

  it('a Deployments API refused for permissions is a warning naming deployments: write; the deploy succeeds', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, drainMs: 0 }))
    const B = await f.commit('B')
    f.forge.deny('deployments', PERMISSION_DENIED)
    const r = await runAction({ inputs: f.deployInputs({ deployment: 'true' }), env: f.runEnv(B) })
    expect(r.exitCode).toBe(0)
    expect(r.outputs.result).toBe('deployed')
    expect(r.stdout).toMatch(/::warning title=Deployment::The deployment could not be created: .*403.*Add `deployments: write` to the job's `permissions:`/)
    // Nothing more is asked of an API that refused the first request.
    expect(f.forge.calls('deployments')).toHaveLength(1)
  })

  it('is refused on Gitea before any side effect', async () => {
    const f = (fleet = await Fleet.start({ flavour: 'gitea-1.22', tenants: 2, drainMs: 0 }))
    const B = await f.commit('B')
    const r = await runAction({ inputs: f.deployInputs({ deployment: 'true' }), env: f.runEnv(B) })
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/Input 'deployment'.*true.*`false` on Gitea, which has no Deployments API/)
    expect(f.controlPlane.calls).toEqual([])
    expect(f.forge.statuses()).toEqual([])
    expect(f.forge.calls('deployments')).toEqual([])
  })

  it('without deployment: true, no Deployments request is sent', async () => {
    const f = (fleet = await Fleet.start({ tenants: 1, drainMs: 0 }))
    const B = await f.commit('B')
    await runAction({ inputs: f.deployInputs(), env: f.runEnv(B) })
    expect(f.forge.calls('deployments')).toEqual([])
  })

  it('deploys exactly the commit, even one behind the default branch (auto_merge: false)', async () => {
    const f = (fleet = await Fleet.start({ tenants: 1, drainMs: 0 }))
    const A = await f.commit('A')
    await f.commit('B')
    // The check is off, so A's job proceeds while B owns main; GitHub would otherwise refuse A with 409.
    const r = await runAction({ inputs: f.deployInputs({ deployment: 'true', 'superseded-check': 'false' }), env: f.runEnv(A) })
    expect(r.outputs.result).toBe('deployed')
    expect(f.forge.deployments().map((d) => [d.sha, d.statuses.map((s) => s.state)])).toEqual([[A, ['in_progress', 'success']]])
  })
})
