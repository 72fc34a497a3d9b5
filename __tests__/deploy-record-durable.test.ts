import { afterEach, describe, expect, it } from '@jest/globals'
import type { ForgeFlavour } from '../simulator/fake-forge.js'
import { Fleet } from '../simulator/fleet.js'
import { runAction } from '../simulator/run-action.js'

/** A deploy whose record could not be written says so where it is read: log, job summary, `reason` output. */
let fleet: Fleet | undefined
afterEach(async () => {
  await fleet?.close()
  fleet = undefined
})

describe.each<ForgeFlavour>(['github', 'gitea-1.22'])('%s: an unwritable deploy record', (flavour) => {
  it('is said in a warning, the job summary and the reason output, and the deploy itself goes ahead', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, flavour }))
    const B = await f.commit('B')
    f.forge.deny('check-runs')
    f.forge.deny('statuses')
    const r = await runAction({ inputs: f.deployInputs({ canary: 'tenant-001' }), env: f.runEnv(B) })
    expect(r.outputs.result).toBe('deployed')
    const said = /The end record 'rollout-guard\/production' could not be written to \w{7} .*Reconcile cannot see how this deploy ended/
    expect(r.outputs.reason).toMatch(said)
    expect(r.commands.some((c) => c.command === 'warning' && said.test(c.message))).toBe(true)
    expect(r.summary).toContain('**Deploy record not written.**')
  })
})
