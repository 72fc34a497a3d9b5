import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { Fleet } from '../simulator/fleet.js'
import { type ActionRun, runAction } from '../simulator/run-action.js'

/**
 * Overlapping deploy jobs for successive commits, with random start offsets, drain times and
 * control-plane latencies, against the built dist/index.js. The invariants are the product's promise.
 */
interface Schedule {
  jobs: { landGapMs: number; startDelayMs: number }[]
  drains: number[]
  latencies: number[]
}

const schedule = fc.record({
  jobs: fc.array(fc.record({ landGapMs: fc.integer({ min: 0, max: 400 }), startDelayMs: fc.integer({ min: 0, max: 300 }) }), { minLength: 2, maxLength: 4 }),
  drains: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 4, maxLength: 4 }),
  latencies: fc.array(fc.integer({ min: 0, max: 150 }), { minLength: 4, maxLength: 4 })
})

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function play(s: Schedule, compareAndSet: boolean): Promise<void> {
  const names = ['t1', 't2', 't3', 't4']
  const fleet = await Fleet.start({
    tenants: names,
    drainMs: (_, i) => s.drains[i]!,
    latencyMs: (t) => s.latencies[names.indexOf(t)]!,
    compareAndSet
  })
  try {
    const inputs = fleet.deployInputs({
      canary: 't1',
      'max-parallel': '2',
      'settle-budget-seconds': '6',
      ...(compareAndSet ? { 'redeploy-body': '{"tenant":"{tenant}","tag":"{tag}","sha":"{sha}","current":"{current}"}' } : {})
    })
    const commits: string[] = []
    const landedAt: number[] = []
    const noticedAt: (number | undefined)[] = []
    const jobs: Promise<ActionRun>[] = []
    for (const [i, job] of s.jobs.entries()) {
      await sleep(job.landGapMs)
      commits.push(await fleet.commit(`C${i + 1}`))
      landedAt.push(performance.now())
      const sha = commits[i]!
      jobs.push(
        sleep(job.startDelayMs).then(() =>
          runAction({
            inputs,
            env: fleet.runEnv(sha),
            onStdout: (chunk) => {
              if (noticedAt[i] === undefined && /superseded/i.test(chunk) && /::notice/.test(chunk)) noticedAt[i] = performance.now()
            }
          })
        )
      )
    }
    const runs = await Promise.all(jobs)
    const newest = commits.at(-1)!
    const last = runs.at(-1)!

    // The newest commit's job ends green, and the fleet serves the newest commit.
    expect(last.outputs.result).toBe('deployed')
    expect(last.exitCode).toBe(0)
    for (const n of names) expect(fleet.tenants.serving(n)).toBe(newest)

    for (const [i, run] of runs.entries()) {
      // No job ends green with a tenant left stale unless it ended superseded.
      expect(['deployed', 'skipped-superseded']).toContain(run.outputs.result)
      expect(run.exitCode).toBe(0)
      if (run.outputs.result === 'deployed') expect(run.outputs.stale).toBe('[]')
      // A job that has seen itself superseded makes no further side effect (50 ms for a request on the wire).
      const seen = noticedAt[i]
      if (seen !== undefined) {
        const late = fleet.controlPlane.calls.filter((c) => c.sha === commits[i] && c.receivedAt > seen + 50)
        expect(late).toEqual([])
      }
    }

    for (const [k, newer] of commits.entries()) {
      for (const older of commits.slice(0, k)) {
        const backward = fleet.wentBackward(newer, older)
        if (compareAndSet) {
          // With compare-and-set the control plane refuses every stale redeploy: no backward move at all.
          expect(backward).toEqual([])
        } else {
          // Only a redeploy an older job sent before the newer commit landed can move a tenant back.
          for (const t of backward) {
            const culprits = fleet.controlPlane.applied(t).filter((c) => c.sha === older)
            expect(culprits.some((c) => c.receivedAt <= landedAt[k]! + 50)).toBe(true)
          }
        }
      }
    }
  } finally {
    await fleet.close()
  }
}

describe('overlapping deploy jobs (property-based)', () => {
  it('converge on the newest commit without a late job acting, for any schedule', async () => {
    await fc.assert(
      fc.asyncProperty(schedule, (s) => play(s, false)),
      { numRuns: 6, endOnFailure: true }
    )
  }, 240_000)

  it('with a compare-and-set control plane, no tenant ever moves backward', async () => {
    // Found by this property: the newest job's compare-and-set refused because an older job's redeploy
    // went live between its read and its write; it must read again and retry, not fail the tenant.
    const casRefusedOnce: Schedule = {
      jobs: [
        { landGapMs: 394, startDelayMs: 202 },
        { landGapMs: 394, startDelayMs: 295 },
        { landGapMs: 5, startDelayMs: 6 }
      ],
      drains: [196, 3, 4, 7],
      latencies: [143, 1, 112, 35]
    }
    await fc.assert(
      fc.asyncProperty(schedule, (s) => play(s, true)),
      { numRuns: 6, endOnFailure: true, examples: [[casRefusedOnce]] }
    )
  }, 240_000)
})
