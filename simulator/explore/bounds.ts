import type { Answer, Bound, Kind, Scenario } from './types.js'
import type { Violation } from './world.js'

/**
 * The scenarios and bounds the explorer runs: two deploy jobs (A running, B landing at any moment and
 * starting its own job), two tenants with a canary, a compare-and-set control plane, a registry
 * holding `latest`; and how much the world may misbehave in one execution.
 */
export function scenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    tenants: ['t1', 't2'],
    canary: 't1',
    broken: [],
    compareAndSet: true,
    gateOff: false,
    retryAfterSeconds: 6,
    invariants: { allowCanaryRestore: true, backward: 'never', maxEvidenceAgeMs: 2_000, canary: 't1' },
    bugs: [],
    reconcile: false,
    landing: ['B'],
    reruns: [],
    ...overrides
  }
}

/** Without compare-and-set, judged by what the design promises then: every late backward move healed. */
export function noCompareAndSet(): Scenario {
  const s = scenario({ compareAndSet: false })
  return { ...s, invariants: { ...s.invariants, backward: 'healed' } }
}

/** No gate: no ownership evidence to judge, only the forward-only guards of the pre-flight, the control plane and promotion. */
export function gateOff(): Scenario {
  const s = scenario({ gateOff: true })
  return { ...s, invariants: { ...s.invariants, maxEvidenceAgeMs: Number.POSITIVE_INFINITY } }
}

/** A, B landing at any step, and one scheduled reconcile starting at any step; deploy records on. */
export function withReconcile(overrides: Partial<Scenario> = {}): Scenario {
  return scenario({ reconcile: true, ...overrides })
}

/** A runner clock 16 minutes behind the forge's: past a `deploy-timeout-minutes` of 15. */
export const SKEW_MS = 16 * 60_000

/** A sharded deploy of A (docs/shards.md) with a reconcile: three tenants, shard 1 of 2 holds t1 and t3, shard 2 t2 (FNV-1a). */
export function sharded(overrides: Partial<Scenario> = {}): Scenario {
  return withReconcile({ landing: [], tenants: ['t1', 't2', 't3'], shards: 2, ...overrides })
}

export const EVERY_FAULT: Partial<Record<Kind, Answer[]>> = { head: ['err'], compare: ['err'], probe: ['503', 'hang'], redeploy: ['503', 'hang'], registry: ['503'] }
/** The faults after which a side effect is retried: where a fence must be passed again. */
export const FENCE_FAULTS: Partial<Record<Kind, Answer[]>> = { head: ['err'], redeploy: ['503'], registry: ['503'] }

export const base = { maxCancels: 0, maxOvertakes: 5, maxSteps: 400 }

/**
 * What `npm test` explores completely: every interleaving with up to two preemptions, no fault (the
 * tests of the windows explore one redeploy 503 and one registry 503 completely on top of it).
 */
export const SMALL: Bound = { ...base, maxFaults: 0, maxPreemptions: 2, faults: { redeploy: ['503'], registry: ['503'] } }

/** One cancellation (which ends a job so it may be re-run), no other fault, no preemption. */
export const RERUN: Bound = { ...base, maxFaults: 1, maxCancels: 1, maxPreemptions: 0, faults: {} }

export interface Window {
  name: string
  scenario: Scenario
  bound: Bound
  expect: Violation['invariant']
}

/** Fixes of earlier reviews, taken out again in the harness (job.ts): the explorer must find each. */
export const WINDOWS: Window[] = [
  {
    name: 'a redeploy retried after Retry-After without passing the fence',
    scenario: scenario({ bugs: ['redeploy-retry-without-fence'] }),
    bound: { ...base, maxFaults: 1, maxPreemptions: 1, faults: { redeploy: ['503'] } },
    expect: 'stale-evidence'
  },
  {
    name: 'a :latest PUT retried after a 503 without passing the fence',
    scenario: scenario({ bugs: ['registry-retry-without-fence'] }),
    bound: { ...base, maxFaults: 1, maxPreemptions: 1, faults: { registry: ['503'] } },
    // Judged at the send: B landed during A's wait, and A's retry goes out anyway (then moves `latest` back).
    expect: 'superseded-promotion'
  }
]

/** Windows of reconcile's review, each fix taken out again in the harness (bugs.ts, forge-adapter.ts). */
export const RECONCILE_WINDOWS: Window[] = [
  {
    name: 'a reconcile that asks for the deploy state once, not before every wave and the promotion',
    scenario: withReconcile({ landing: [], bugs: ['reconcile-asks-once'] }),
    bound: { ...base, maxFaults: 0, maxPreemptions: 1, faults: {} },
    expect: 'reconcile-past-wave'
  },
  {
    name: "a re-run of one job, its records read without the attempt (an older attempt's end outranks the re-run's running)",
    scenario: withReconcile({ landing: [], reruns: ['A'], bugs: ['records-without-attempts'] }),
    bound: RERUN,
    expect: 'reconcile-ignored-deploy'
  }
]

/**
 * A sharded deploy's promote job with its superseded guard taken out in the harness (bugs.ts,
 * `promote-ignores-gate`): sharded deploys of A and B, one shard job each, B landing at any step.
 */
export const PROMOTE_WINDOW: Window = {
  name: "a sharded deploy's promote job that reads the head and ignores what it shows",
  scenario: scenario({ tenants: ['t1', 't2'], shards: 1, bugs: ['promote-ignores-gate'] }),
  bound: { ...base, maxFaults: 0, maxPreemptions: 0, faults: {} },
  expect: 'superseded-promotion'
}
