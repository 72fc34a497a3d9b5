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

const EVERY_FAULT: Partial<Record<Kind, Answer[]>> = { head: ['err'], compare: ['err'], probe: ['503', 'hang'], redeploy: ['503', 'hang'], registry: ['503'] }
/** The faults after which a side effect is retried: where a fence must be passed again. */
const FENCE_FAULTS: Partial<Record<Kind, Answer[]>> = { head: ['err'], redeploy: ['503'], registry: ['503'] }

const base = { maxCancels: 0, maxOvertakes: 5, maxSteps: 400 }

/**
 * What `npm test` explores completely: every interleaving with up to two preemptions, no fault (the
 * tests of the windows explore one redeploy 503 and one registry 503 completely on top of it).
 */
export const SMALL: Bound = { ...base, maxFaults: 0, maxPreemptions: 2, faults: { redeploy: ['503'], registry: ['503'] } }

/** One cancellation (which ends a job so it may be re-run), no other fault, no preemption. */
const RERUN: Bound = { ...base, maxFaults: 1, maxCancels: 1, maxPreemptions: 0, faults: {} }

export interface Campaign {
  name: string
  description: string
  scenario: Scenario
  bound: Bound
  /** A safety net: a campaign stopped here is reported as not complete. */
  maxInterleavings: number
  /** Roughly how many interleavings it runs (the last full run's count): `npm run explore` starts the longest first. */
  about?: number
}

/** What `npm run explore` explores, each campaign completely (a few minutes in all on one core). */
export const CAMPAIGNS: Campaign[] = [
  {
    name: 'interleavings',
    description: 'no fault; up to 4 preemptions between the jobs, B landing at any step',
    scenario: scenario(),
    bound: { ...base, maxFaults: 0, maxPreemptions: 4, faults: {} },
    maxInterleavings: 50_000
  },
  {
    name: 'one-fault',
    description: 'one fault of any kind (forge 5xx on a head read or a compare, a probe 503 or hang, a redeploy 503 with Retry-After or hang, a registry 503) or one cancellation; 1 preemption',
    scenario: scenario(),
    bound: { ...base, maxFaults: 1, maxCancels: 1, maxPreemptions: 1, faults: EVERY_FAULT },
    maxInterleavings: 50_000
  },
  {
    name: 'two-fence-faults',
    description: 'two faults among a failed head read, a redeploy 503 with Retry-After and a registry 503; 1 preemption',
    scenario: scenario(),
    bound: { ...base, maxFaults: 2, maxPreemptions: 1, faults: FENCE_FAULTS },
    maxInterleavings: 50_000
  },
  {
    name: 'no-compare-and-set',
    description:
      'a control plane without compare-and-set: a late redeploy inside the one-round-trip window may land, and the owning job must heal it; one fault among a probe 503, a redeploy 503 or hang; 2 preemptions',
    scenario: noCompareAndSet(),
    bound: { ...base, maxFaults: 1, maxPreemptions: 2, faults: { probe: ['503'], redeploy: ['503', 'hang'] } },
    maxInterleavings: 50_000
  },
  ...(['A', 'B'] as const).map((broken): Campaign => ({
    name: `canary-failure-${broken}`,
    description: `the image of ${broken} never becomes healthy (its canary fails); one fault of any kind or a cancellation; 1 preemption`,
    scenario: scenario({ broken: [broken] }),
    bound: { ...base, maxFaults: 1, maxCancels: 1, maxPreemptions: 1, faults: EVERY_FAULT },
    maxInterleavings: 50_000
  })),
  {
    name: 'reconcile',
    description: 'A and B with a reconcile starting at any step, every job writing its deploy records; no fault; 1 preemption',
    scenario: withReconcile(),
    bound: { ...base, maxFaults: 0, maxPreemptions: 1, faults: {} },
    maxInterleavings: 50_000,
    about: 12800
  },
  {
    name: 'reconcile-canary-failure-A',
    description: "A's image never healthy (its canary fails, its deploy rejects A), B landing and a reconcile starting at any step; no fault; 1 preemption",
    scenario: withReconcile({ broken: ['A'] }),
    bound: { ...base, maxFaults: 0, maxPreemptions: 1, faults: {} },
    maxInterleavings: 50_000
  },
  {
    name: 'reconcile-canary-failure-A-one-fault',
    description:
      "A's image never healthy, B landing and a reconcile starting at any step; one fault of any kind (a forge 5xx, a probe 503 or hang, a redeploy 503 or hang, a registry 503, a deploy-record write or read 503) or a cancellation; no preemption",
    scenario: withReconcile({ broken: ['A'] }),
    bound: { ...base, maxFaults: 1, maxCancels: 1, maxPreemptions: 0, faults: { ...EVERY_FAULT, record: ['err'], records: ['err'] } },
    maxInterleavings: 50_000,
    about: 28000
  },
  {
    name: 'reconcile-record-faults',
    description: 'A, B and a reconcile; two faults among a failed deploy-record write (a 503) and a failed deploy-record read; no preemption',
    scenario: withReconcile(),
    bound: { ...base, maxFaults: 2, maxPreemptions: 0, faults: { record: ['err'], records: ['err'] } },
    maxInterleavings: 50_000,
    about: 32000
  },
  {
    name: 'reconcile-rerun',
    description: "A alone and a reconcile; A's job cancelled at any step and re-run (attempt 2) at any step after; no preemption",
    scenario: withReconcile({ landing: [], reruns: ['A'] }),
    bound: RERUN,
    maxInterleavings: 50_000
  },
  {
    name: 'record-rate-limit',
    description: "A alone and a reconcile; two of A's record writes answered with GitHub's secondary rate limit (a 403 without Retry-After); no preemption",
    scenario: withReconcile({ landing: [] }),
    bound: { ...base, maxFaults: 2, maxPreemptions: 0, faults: { record: ['403'] } },
    maxInterleavings: 50_000
  },
  {
    name: 'lost-answers',
    description: 'A alone and a reconcile; one write applied with its answer lost (a record write, a redeploy, a registry write: the connection resets after the request went out); no preemption',
    scenario: withReconcile({ landing: [] }),
    bound: { ...base, maxFaults: 1, maxPreemptions: 0, faults: { record: ['lost'], redeploy: ['lost'], registry: ['lost'] } },
    maxInterleavings: 50_000
  },
  {
    name: 'forge-hangs',
    description: 'A alone and a reconcile; one forge call (a head read, a compare, a record write or read) hangs until the request timeout (10 s); no preemption',
    scenario: withReconcile({ landing: [] }),
    bound: { ...base, maxFaults: 1, maxPreemptions: 0, faults: { head: ['hang'], compare: ['hang'], record: ['hang'], records: ['hang'] } },
    maxInterleavings: 50_000
  },
  {
    name: 'three-commits',
    description: 'A, then B and C landing at any step, each starting its deploy job; no fault, 1 preemption',
    scenario: scenario({ landing: ['B', 'C'] }),
    bound: { ...base, maxFaults: 0, maxPreemptions: 1, faults: {} },
    maxInterleavings: 50_000
  },
  {
    name: 'rerun-beside-newer',
    description: "A and B landing at any step; A's job cancelled at any step and re-run (attempt 2) at any step after, beside B's deploy; no preemption",
    scenario: scenario({ reruns: ['A'] }),
    bound: RERUN,
    maxInterleavings: 50_000
  },
  {
    name: 'two-reconciles',
    description: 'A alone and two scheduled reconciles, each starting at any step (the second after the first), overlapping; no fault, 1 preemption',
    scenario: withReconcile({ landing: [], secondReconcile: true }),
    bound: { ...base, maxFaults: 0, maxPreemptions: 1, faults: {} },
    maxInterleavings: 50_000
  },
  {
    name: 'clock-skew',
    description: "A alone and a reconcile; A's runner clock 16 minutes behind the forge's, deploy-timeout-minutes 15 (the presumed-dead path); no fault, no preemption",
    scenario: withReconcile({ landing: [], skewMs: { A: -SKEW_MS }, deployTimeoutMinutes: 15 }),
    bound: { ...base, maxFaults: 0, maxPreemptions: 0, faults: {} },
    maxInterleavings: 50_000
  },
  {
    name: 'gitea-rerun',
    description:
      "on Gitea (statuses only, whole seconds): A alone and a reconcile; A's job cancelled at any step and re-run (attempt 2) as soon as it is cancelled, its last write still in flight; no preemption",
    scenario: withReconcile({ landing: [], reruns: ['A'], rerunWhenCancelled: true, forge: 'gitea' }),
    bound: RERUN,
    maxInterleavings: 50_000
  },
  {
    name: 'shards',
    description: 'a sharded deploy of A (its canary job t1, then shards 1/2 {t1, t3} and 2/2 {t2} starting in any order) and a reconcile starting at any step; no fault, no preemption',
    scenario: sharded(),
    bound: { ...base, maxFaults: 0, maxPreemptions: 0, faults: {} },
    maxInterleavings: 50_000,
    about: 5500
  }
]

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
    expect: 'latest-backward'
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
