import { base, EVERY_FAULT, FENCE_FAULTS, noCompareAndSet, RERUN, scenario, sharded, SKEW_MS, withReconcile } from './bounds.js'
import type { Bound, Scenario } from './types.js'

/**
 * What `npm run explore` explores (docs/exploration.md, "Campaigns"): each campaign a scenario and a bound,
 * explored completely; `npm run explore` prints each one's bound with its result.
 */

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

/**
 * A forge request's faults through the real GitHub adapter (forge-routes.ts): each applies to one request, which the
 * adapter may retry. `limit` and `limit-long` are GitHub's primary limit, which Gitea does not have.
 */
const API_FAULTS: Bound['faults'] = {
  head: ['503', 'hang', 'limit', 'limit-long'],
  compare: ['503', 'limit', 'limit-long'],
  record: ['503', '403', '429', 'lost', 'hang', 'limit', 'limit-long'],
  records: ['503', '429', 'limit', 'limit-long']
}

/** Where the promote job's guards are asked: the head reads of its gate and fences, and its registry requests. */
export const PROMOTE_FAULTS: Bound['faults'] = { head: ['err', 'hang'], registry: ['503', 'lost'] }

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
    maxInterleavings: 100_000,
    about: 55000
  },
  {
    name: 'reconcile-record-faults',
    description: 'A, B and a reconcile; two faults among a failed deploy-record write (a 503) and a failed deploy-record read; no preemption',
    scenario: withReconcile(),
    bound: { ...base, maxFaults: 2, maxPreemptions: 0, faults: { record: ['err'], records: ['err'] } },
    maxInterleavings: 100_000,
    about: 55000
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
    name: 'clock-skew-gitea',
    description:
      "on Gitea (statuses only, whole seconds): A alone and a reconcile; A's runner clock 16 minutes behind the forge's and the reconcile's 16 minutes ahead, deploy-timeout-minutes 15; no fault, no preemption",
    scenario: withReconcile({ landing: [], skewMs: { A: -SKEW_MS, R: SKEW_MS }, deployTimeoutMinutes: 15, forge: 'gitea' }),
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
    name: 'check-suite-window',
    description:
      "A alone, its image never healthy (its deploy rejects A), and a reconcile starting at any step; a thousand newer check suites open on A at any step (GitHub then lists none of A's check runs, only the combined status keeps its end); no fault, no preemption",
    scenario: withReconcile({ landing: [], broken: ['A'], aging: ['A'] }),
    bound: { ...base, maxFaults: 0, maxPreemptions: 0, faults: {} },
    maxInterleavings: 50_000
  },
  {
    name: 'shard-rerun',
    description:
      'a sharded deploy of A over four tenants whose build fails on t2 (shard 2/2 {t2, t4} halts, t4 left behind), shard 1/2 {t1, t3} cancelled at any step and re-run (attempt 2) at any step after, and a scheduled reconcile after the deploy (once no deploy job runs, is due or may be re-run) that reads 16 minutes later, past deploy-timeout-minutes 15; no other fault, no preemption',
    scenario: sharded({
      tenants: ['t1', 't2', 't3', 't4'],
      brokenOn: { A: ['t2'] },
      reruns: ['A/1'],
      reconcileAfterDeploys: true,
      deployTimeoutMinutes: 15,
      reconcileDelayMs: SKEW_MS
    }),
    bound: { ...base, maxFaults: 1, maxCancels: 1, cancellable: ['A/1'], maxPreemptions: 0, faults: {} },
    maxInterleavings: 50_000
  },
  {
    name: 'forge-api-github',
    description:
      "through the real GitHub adapter (Octokit) over the in-process forge API: A alone and a reconcile; one request (each retry is one) answered with a 503, GitHub's secondary rate limit (a 403 or a 429 with retry-after), its spent primary limit (x-ratelimit-remaining 0, reset in a minute or in 40), a hang until the adapter's own request timeout, or a write applied with its answer lost; no preemption",
    scenario: withReconcile({ landing: [], forgeApi: true }),
    bound: { ...base, maxFaults: 1, maxPreemptions: 0, faults: API_FAULTS },
    maxInterleavings: 50_000
  },
  {
    name: 'forge-api-lost-create',
    description:
      "through the real GitHub adapter: A alone and a reconcile; a check run's create applied with its answer lost and the adapter's look-up for it hanging until the request timeout (two faults: a lost record write, a hung record read); no preemption",
    scenario: withReconcile({ landing: [], forgeApi: true }),
    bound: { ...base, maxFaults: 2, maxPreemptions: 0, faults: { record: ['lost'], records: ['hang'] } },
    maxInterleavings: 50_000
  },
  {
    name: 'forge-api-landing',
    description:
      "through the real GitHub adapter over the in-process forge API: A and B landing at any step (the adapter's conditional head reads: a 304 only while the branch holds), a reconcile starting at any step; no fault, no preemption",
    scenario: withReconcile({ forgeApi: true }),
    bound: { ...base, maxFaults: 0, maxPreemptions: 0, faults: {} },
    maxInterleavings: 50_000
  },
  {
    name: 'forge-api-landing-fault',
    description:
      "through the real GitHub adapter over the in-process forge API: A and B landing at any step, each writing its deploy records, and a scheduled reconcile after the deploys; one request answered with a 503, GitHub's secondary rate limit (a 403 or 429 with retry-after), its spent primary limit (reset in a minute, or in 40), a hang until the adapter's own request timeout, or a write applied with its answer lost; no preemption",
    scenario: withReconcile({ forgeApi: true, reconcileAfterDeploys: true }),
    bound: { ...base, maxFaults: 1, maxPreemptions: 0, faults: { ...API_FAULTS, compare: ['503', 'hang', 'limit', 'limit-long'], records: ['503', '429', 'hang', 'limit', 'limit-long'] } },
    maxInterleavings: 50_000,
    about: 4700
  },
  {
    name: 'forge-api-landing-gate-faults',
    description:
      "through the real GitHub adapter over the in-process forge API: A and B landing at any step, records off; one head or compare request (the gate's and the fence's reads, the pre-flight's compare) answered with GitHub's spent primary limit (reset in a minute, or in 40) or a hang until the adapter's own request timeout; 2 preemptions",
    scenario: scenario({ forgeApi: true }),
    bound: { ...base, maxFaults: 1, maxPreemptions: 2, faults: { head: ['hang', 'limit', 'limit-long'], compare: ['hang', 'limit', 'limit-long'] } },
    maxInterleavings: 50_000
  },
  {
    name: 'forge-api-three-commits',
    description: 'through the real GitHub adapter over the in-process forge API: A, then B and C landing at any step, each starting its deploy job; no fault, 1 preemption',
    scenario: scenario({ landing: ['B', 'C'], forgeApi: true }),
    bound: { ...base, maxFaults: 0, maxPreemptions: 1, faults: {} },
    maxInterleavings: 50_000
  },
  {
    name: 'forge-api-shards',
    description:
      'through the real GitHub adapter over the in-process forge API: a sharded deploy of A (its canary job t1, then shards 1/2 {t1, t3} and 2/2 {t2} starting in any order) and a reconcile starting at any step; no fault, no preemption',
    scenario: sharded({ forgeApi: true }),
    bound: { ...base, maxFaults: 0, maxPreemptions: 0, faults: {} },
    maxInterleavings: 50_000,
    about: 6400
  },
  {
    name: 'forge-api-gitea',
    description:
      'through the real Gitea adapter (the shared HTTP client) over the in-process forge API, records as statuses: A alone and a reconcile; one request answered with a 503, a hang until the request timeout, or a write applied with its answer lost; no preemption',
    scenario: withReconcile({ landing: [], forgeApi: true, forge: 'gitea' }),
    bound: { ...base, maxFaults: 1, maxPreemptions: 0, faults: { head: ['503', 'hang'], compare: ['503'], record: ['503', 'lost', 'hang'], records: ['503'] } },
    maxInterleavings: 50_000
  },
  {
    name: 'shards',
    description:
      'a sharded deploy of A (its canary job t1, then shards 1/2 {t1, t3} and 2/2 {t2} starting in any order, then its promote job once both succeeded) and a reconcile starting at any step; no fault, no preemption',
    scenario: sharded(),
    bound: { ...base, maxFaults: 0, maxPreemptions: 0, faults: {} },
    maxInterleavings: 50_000,
    about: 7000
  },
  {
    name: 'shards-promote',
    description:
      'sharded deploys of A and B (each a canary job t1, one shard job 1/1 {t1, t2}, then its promote job `mode: promote` once the shard job succeeded), B landing at any step; one fault: a head read failing or hanging until the request timeout, or a registry request answered 503 or applied with its answer lost; no preemption',
    scenario: scenario({ tenants: ['t1', 't2'], shards: 1 }),
    bound: { ...base, maxFaults: 1, maxPreemptions: 0, faults: PROMOTE_FAULTS },
    maxInterleavings: 50_000,
    about: 10000
  },
  {
    name: 'shard-rerun-promote',
    description:
      "a sharded deploy of A (its canary job t1, shards 1/2 {t1, t3} and 2/2 {t2} in any order), shard 1 cancelled at any step and re-run (attempt 2) at any step after; its promote job starts once each shard job's newest attempt succeeded (after the re-run, in attempt 2); one more fault: a registry request answered 503 or applied with its answer lost; no preemption",
    scenario: scenario({ tenants: ['t1', 't2', 't3'], shards: 2, landing: [], reruns: ['A/1'] }),
    bound: { ...base, maxFaults: 2, maxCancels: 1, cancellable: ['A/1'], maxPreemptions: 0, faults: { registry: ['503', 'lost'] } },
    maxInterleavings: 50_000
  },
  {
    name: 'shard-rerun-beside-newer',
    description:
      "sharded deploys of A and B (each a canary job t1, one shard job 1/1 {t1, t2}, then its promote job), B landing at any step; A's shard job cancelled at any step and re-run (attempt 2) at any step after, beside B's deploy; one more fault: a head read failing, or a registry request answered 503 or applied with its answer lost; no preemption",
    scenario: scenario({ tenants: ['t1', 't2'], shards: 1, reruns: ['A/1'] }),
    bound: { ...base, maxFaults: 2, maxCancels: 1, cancellable: ['A/1'], maxPreemptions: 0, faults: { head: ['err'], registry: ['503', 'lost'] } },
    maxInterleavings: 60_000,
    about: 23000
  }
]
