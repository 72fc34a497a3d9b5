import { afterEach, describe, expect, it } from '@jest/globals'
import type { ForgeFlavour } from '../simulator/fake-forge.js'
import { Fleet } from '../simulator/fleet.js'
import { nodeRuntime, TESTED_NODE } from '../simulator/node-runtimes.js'
import { type ActionRun, runAction } from '../simulator/run-action.js'
import { waitFor } from './support/wait.js'

/**
 * A cancelled run, as a runner cancels it (SIGINT, then SIGTERM about 7.5 s later, then a kill), against the
 * built bundle: at any moment, the first instants included, the step ends `cancelled`, its in-flight forge
 * read is aborted rather than waited out, its end record reaches the forge, and a gate never answers `owner`.
 * The helper kills the process 5 s after the SIGINT, as the runner's kill would: a run that waited out a
 * held read (the forge client's timeout is 10 s) is killed with no result, and the test fails on that.
 */
let fleet: Fleet | undefined
let release: (() => void) | undefined
afterEach(async () => {
  release?.()
  release = undefined
  await fleet?.close()
  fleet = undefined
})

/** Holds the next head read until the test ends: a forge that does not answer. */
function holdHeadRead(f: Fleet): void {
  f.forge.inject('branch', { wait: new Promise<void>((resolve) => (release = resolve)) })
}

/** Everything the forge holds as this commit's records: check runs (created and completed) and statuses. */
function recordsOn(f: Fleet, sha: string): string {
  const checks = f.forge.checkRuns().filter((c) => c.create.head_sha === sha)
  const statuses = f.forge.statuses().filter((s) => s.sha === sha)
  return JSON.stringify({ checks, statuses })
}

function expectCancelled(r: ActionRun): void {
  expect(r.exitCode).toBe(1)
  expect(r.outputs.result).toBe('cancelled')
  expect(r.stdout).toMatch(/Received SIGINT: the run was cancelled/)
}

// Every tested Node release: the signals, fetch's abort and undici's differ between them.
const cases = TESTED_NODE.flatMap((t) => (['github', 'gitea-1.22'] as ForgeFlavour[]).map((flavour) => [t.major, flavour] as const))

describe.each(cases)('on Node %i, a cancel on %s', (major, flavour) => {
  const node = nodeRuntime(major).bin
  it('in the first instants (before the modes are loaded): the gate ends cancelled, never owner, and says so on the commit', async () => {
    const f = (fleet = await Fleet.start({ tenants: 1, drainMs: 0, flavour }))
    const B = await f.commit('B')
    const cancel = new AbortController()
    // The first line the entry writes, once its handlers are in place and before main is loaded.
    const r = await runAction({
      node,
      inputs: { mode: 'gate', token: f.deployInputs().token! },
      env: { ...f.runEnv(B), RUNNER_DEBUG: '1' },
      signal: cancel.signal,
      onStdout: (chunk) => {
        if (chunk.includes('Listening for a cancel')) cancel.abort()
      }
    })
    expectCancelled(r)
    // No answer at all: neither `owner` (superseded false) nor a head.
    expect(r.outputs.superseded).toBeUndefined()
    expect(recordsOn(f, B)).toMatch(/rollout-guard gate 4242\.1 cancelled at/)
  })

  it('while the head read hangs: the gate aborts the read, never answers owner and records cancelled', async () => {
    const f = (fleet = await Fleet.start({ tenants: 1, drainMs: 0, flavour }))
    const B = await f.commit('B')
    holdHeadRead(f)
    const cancel = new AbortController()
    const run = runAction({ node, inputs: { mode: 'gate', token: f.deployInputs().token! }, env: f.runEnv(B), signal: cancel.signal })
    await waitFor(() => f.forge.calls('branch').length === 1, 'the head read reaching the forge')
    cancel.abort()
    const r = await run
    // Ended while the answer was still held, its request given up, and no read tried again after the cancel.
    expect(f.forge.abandoned.map((q) => q.route)).toEqual(['branch'])
    expect(f.forge.calls('branch')).toHaveLength(1)
    expectCancelled(r)
    expect(r.outputs.superseded).toBeUndefined()
    expect(r.outputs['head-sha'] ?? '').toBe('')
    expect(recordsOn(f, B)).toMatch(/rollout-guard gate 4242\.1 cancelled at/)
  })

  it('a deploy whose first head read hangs: nothing is redeployed, the end record reaches the forge', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, drainMs: 0, flavour }))
    const B = await f.commit('B')
    holdHeadRead(f)
    const cancel = new AbortController()
    const run = runAction({ node, inputs: f.deployInputs(), env: f.runEnv(B), signal: cancel.signal })
    await waitFor(() => f.forge.calls('branch').length === 1, 'the head read reaching the forge')
    cancel.abort()
    const r = await run
    expect(f.forge.calls('branch')).toHaveLength(1)
    expectCancelled(r)
    expect(f.controlPlane.calls).toEqual([])
    expect(recordsOn(f, B)).toMatch(/rollout-guard deploy 4242\.1 cancelled at/)
  })

  it('a deploy whose gate before the next wave hangs: the rollout ends cancelled with what it did, and records it', async () => {
    const f = (fleet = await Fleet.start({ tenants: 3, drainMs: 0, flavour }))
    const B = await f.commit('B')
    // Every head read is held; those sent before the canary's redeploy are let through, so the first one
    // after it (the gate before the next wave) is the one that hangs.
    const gates: (() => void)[] = []
    f.forge.inject('branch', ...Array.from({ length: 20 }, () => ({ wait: new Promise<void>((resolve) => gates.push(resolve)) })))
    release = () => gates.forEach((open) => open())
    let through = 0
    const pump = setInterval(() => {
      while (through < f.forge.calls('branch').length && f.controlPlane.calls.length === 0) gates[through++]!()
    }, 5)
    const cancel = new AbortController()
    const run = runAction({ node, inputs: f.deployInputs({ canary: 'tenant-001' }), env: f.runEnv(B), signal: cancel.signal })
    await waitFor(() => f.controlPlane.calls.length === 1 && f.forge.calls('branch').length > through, 'the gate before the next wave reading the head')
    clearInterval(pump)
    cancel.abort()
    const r = await run
    expectCancelled(r)
    expect(f.controlPlane.calls.map((c) => c.tenant)).toEqual(['tenant-001'])
    // The rollout's own end: the canary it redeployed is in the report, the rest not started.
    const tenants = (r.report as { tenants: { tenant: string; action: string }[] }).tenants
    expect(tenants.map((t) => [t.tenant, t.action])).toEqual([
      ['tenant-001', 'redeployed'],
      ['tenant-002', 'not-started'],
      ['tenant-003', 'not-started']
    ])
    expect(recordsOn(f, B)).toMatch(/rollout-guard deploy 4242\.1 cancelled at/)
  })

  it("a deploy whose ownership check before a redeploy hangs (the fence's fresh head read): cancelled, not failed, nothing sent, the end record cancelled", async () => {
    const f = (fleet = await Fleet.start({ tenants: 1, drainMs: 0, flavour }))
    const B = await f.commit('B')
    // The tenant's pre-flight read hangs to its 1 s timeout, past the ownership bound (one request timeout):
    // its redeploy waits on a fresh head read, which is held.
    f.tenants.setFault('tenant-001', { hang: true })
    const cancel = new AbortController()
    const run = runAction({ node, inputs: f.deployInputs({ 'request-timeout-seconds': '1' }), env: f.runEnv(B), signal: cancel.signal, killAfterMs: 10_000 })
    await waitFor(() => f.tenants.requests('tenant-001').length > 0, 'the pre-flight read')
    const before = f.forge.calls('branch').length
    holdHeadRead(f)
    await waitFor(() => f.forge.calls('branch').length > before, "the fence's head read")
    cancel.abort()
    const r = await run
    expectCancelled(r)
    expect(f.controlPlane.calls).toEqual([])
    expect(r.outputs.reason).not.toMatch(/could not be read|outage/)
    expect(recordsOn(f, B)).toMatch(/rollout-guard deploy 4242\.1 cancelled at/)
  })

  it('SIGINT, then SIGTERM: the second signal does not end the process before the result and the end record', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, drainMs: 0, flavour }))
    const B = await f.commit('B')
    holdHeadRead(f)
    const cancel = new AbortController()
    const terminate = new AbortController()
    let out = ''
    const run = runAction({
      node,
      inputs: f.deployInputs(),
      env: f.runEnv(B),
      signal: cancel.signal,
      terminate: terminate.signal,
      onStdout: (chunk) => {
        out += chunk
        // The runner's SIGTERM, as soon as the SIGINT has been taken.
        if (/Received SIGINT/.test(out)) terminate.abort()
      }
    })
    await waitFor(() => f.forge.calls('branch').length === 1, 'the head read reaching the forge')
    cancel.abort()
    const r = await run
    expectCancelled(r)
    expect(r.stdout).toMatch(/Received SIGTERM again/)
    expect(f.controlPlane.calls).toEqual([])
    expect(recordsOn(f, B)).toMatch(/rollout-guard deploy 4242\.1 cancelled at/)
  })
})
