import { describe, expect, it } from '@jest/globals'
import { RECONCILE_WINDOWS, RERUN, scenario, SMALL, withReconcile, WINDOWS } from '../simulator/explore/bounds.js'
import { explore, type Final } from '../simulator/explore/explorer.js'
import { endedJobs } from '../simulator/explore/state-key.js'
import type { Bound, JobHandle, Pending, Scenario, Timer } from '../simulator/explore/types.js'

/**
 * The explorer's reduction (simulator/explore/state-key.ts, docs/exploration.md "The reduction") must
 * lose nothing: explored with it and without it, a bound reaches the same worlds (every state's world,
 * pending calls and job results: a reduction that merged states whose futures differ would miss some), the same distinct ends (what each
 * tenant serves, each job's result) and violates the same invariants, while the reduced exploration runs
 * fewer executions where jobs end before others.
 */

interface Seen {
  interleavings: number
  /** The world of every state reached (explorer.ts `worldView`): an unsound reduction merges states whose futures differ, and misses some. */
  states: Set<string>
  ends: string[]
  invariants: string[]
}

async function exploreCollecting(s: Scenario, bound: Bound, reduction: boolean): Promise<Seen> {
  const ends = new Set<string>()
  const invariants = new Set<string>()
  const onFinal = (f: Final): void => {
    ends.add(JSON.stringify([f.serving, f.results]))
    for (const v of f.violations) invariants.add(v)
  }
  const states = new Set<string>()
  const r = await explore(s, bound, { reduction, onFinal, onState: (k) => states.add(k) })
  expect(r.complete).toBe(true)
  expect(r.cutAtSteps).toBe(0)
  return { interleavings: r.interleavings, states, ends: [...ends].sort(), invariants: [...invariants].sort() }
}

/** Each case, and whether its bound holds a violation (a fix taken out): then both must find it. */
const CASES: [string, Scenario, Bound, boolean][] = [
  ['A and B, two preemptions', scenario(), SMALL, false],
  ["A's job cancelled and re-run beside B", scenario({ reruns: ['A'] }), RERUN, false],
  ['A and a reconcile, one failed record write or read', withReconcile({ landing: [] }), { ...SMALL, maxFaults: 1, maxPreemptions: 0, faults: { record: ['err'], records: ['err'] } }, false],
  ...[...WINDOWS, ...RECONCILE_WINDOWS].map((w): [string, Scenario, Bound, boolean] => [`fix taken out: ${w.name}`, w.scenario, w.bound, true])
]

describe('the reduction loses no end and no violation', () => {
  it.each(CASES)('%s', async (_name, s, bound, violated) => {
    const [reduced, full] = [await exploreCollecting(s, bound, true), await exploreCollecting(s, bound, false)]
    expect(full.invariants.length > 0).toBe(violated)
    expect(reduced.invariants).toEqual(full.invariants)
    expect(reduced.ends).toEqual(full.ends)
    expect(reduced.states.size).toBe(full.states.size)
    expect([...full.states].filter((k) => !reduced.states.has(k))).toEqual([])
    expect(reduced.interleavings).toBeLessThanOrEqual(full.interleavings)
    // Where a job ends before the others (A cancelled, then re-run), it runs at most half the executions.
    if (s.reruns.length) expect(reduced.interleavings * 2).toBeLessThan(full.interleavings)
  })
})

describe('which jobs the state hash may forget', () => {
  const job = (name: string, done: boolean): JobHandle => ({ name, kind: 'deploy', sha: '', runId: '100', attempt: 1, controller: new AbortController(), done })
  const call = (j: string): Pending => ({ job: j, kind: 'record', arg: '', seq: 0, faults: [], overtaken: 0, deliver: () => undefined })
  const timer = (j: string): Timer => ({ job: j, at: 0, seq: 0, fire: () => undefined })
  it.each([
    ['a job still running', [job('A', false)], [], [], []],
    ['a job whose code returned, nothing pending, no timer', [job('A', true)], [], [], ['A']],
    ['a job whose code returned with a call still pending (a write in flight)', [job('A', true)], [call('A')], [], []],
    ['a job whose code returned with a timer set', [job('A', true)], [], [timer('A')], []],
    ["another job's call or timer does not keep it", [job('A', true), job('B', false)], [call('B')], [timer('B')], ['A']]
  ] as [string, JobHandle[], Pending[], Timer[], string[]][])('%s', (_name, jobs, pending, timers, ended) => {
    expect([...endedJobs(jobs, pending, timers)]).toEqual(ended)
  })
})
