import { noCompareAndSet, scenario, sharded, SKEW_MS, withReconcile } from './bounds.js'
import type { Bound, Scenario } from './types.js'
import type { Violation } from './world.js'

/**
 * The record windows of the positive-evidence review (docs/exploration.md, "The record windows"), each found by `npm run explore` on the code before its fix: the campaign that finds it, a
 * small bound that holds it, the schedule that reaches it, and the invariant it breaks. `closed` says
 * whether the code is expected to have it closed: while it is false the tests replay the schedule to the
 * violation and explore the bound until they find it; set it to true once the fix is in, and the same
 * tests explore the whole bound expecting no violation (and the schedule either plays through clean or
 * breaks off where the fixed code moves differently), so a window that reopens is found again.
 */

const base = { maxOvertakes: 5, maxSteps: 400 }
const noFault: Bound = { ...base, maxFaults: 0, maxCancels: 0, maxPreemptions: 0, faults: {} }

export interface RecordWindow {
  /** What a reader sees of it, in one line. */
  title: string
  /** The `npm run explore` campaign that finds it. */
  campaign: string
  scenario: Scenario
  /** A bound that holds the schedule, small enough for `npm test` to explore. */
  bound: Bound
  schedule: string
  invariant: Violation['invariant']
  /** Flip to true once the fix is merged: the bound must then explore clean. */
  closed: boolean
}

export const RECORD_WINDOWS = {
  'shard-invisible': {
    title:
      "a shard's running status lands between reconcile's read of the statuses and its reads of the check runs by name, so reconcile rolls beside a live shard 2 (the first-record fix closed the case where shard 1 had not written)",
    campaign: 'shards',
    scenario: sharded(),
    bound: noFault,
    schedule:
      'A.head(main)=ok;A.record(check in_progress on A)=ok;A.head(main)=ok;A.probe(t1)=ok;A.compare(A...C0)=ok;A.redeploy(t1)=ok;A.probe(t1)=ok;A.record(check completed #1)=ok;A.records(statuses of A)=ok;A.record(status success on A)=ok;start(R);R.head(main)=ok;R.records(statuses of A)=ok;R.records(check deploy of A)=ok;R.records(check shard 1 of A)=ok;R.probe(t1)=ok;R.probe(t2)=ok;R.probe(t3)=ok;R.compare(A...C0)=ok;R.compare(C0...A)=ok;R.head(main)=ok;R.records(statuses of A)=ok;R.records(check deploy of A)=ok;R.records(check shard 1 of A)=ok;R.probe(t2)=ok;R.redeploy(t2)=ok;R.probe(t2)=ok;R.head(main)=ok;R.records(statuses of A)=ok;R.records(check deploy of A)=ok;R.records(check shard 1 of A)=ok;R.probe(t3)=ok;start(A/2);R.redeploy(t3)=ok;R.probe(t3)=ok;R.probe(t2)=ok;R.probe(t3)=ok;R.records(statuses of A)=ok;A/2.head(main)=ok;A/2.record(check in_progress on A)=ok;A/2.records(statuses of A)=ok;A/2.record(status pending on A)=ok;A/2.head(main)=ok;R.records(check deploy of A)=ok;R.records(check shard 1 of A)=ok;start(A/1);R.head(main)=ok;R.registry(GET staging-aaaaaaa)=ok;R.registry(HEAD latest)=ok;A/2.probe(t2)=ok;A/2.probe(t2)=ok;A/1.head(main)=ok;A/1.record(check in_progress on A)=ok;A/1.records(statuses of A)=ok;R.registry(GET sha256:4d69c1)=ok;R.head(main)=ok',
    invariant: 'reconcile-ignored-deploy',
    closed: true
  },
  'lost-end': {
    title: "a forge outage at the end loses the rejection: the check run's completion fails once, the status beside it is skipped, the record stays running",
    campaign: 'reconcile-canary-failure-A-one-fault',
    scenario: withReconcile({ landing: [], broken: ['A'] }),
    bound: { ...noFault, maxFaults: 1, faults: { record: ['err'] } },
    schedule:
      'A.head(main)=ok;A.record(check in_progress on A)=ok;A.head(main)=ok;A.probe(t1)=ok;A.compare(A...C0)=ok;A.redeploy(t1)=ok;A.probe(t1)=ok;tick(20000);A.probe(t1)=ok;A.head(main)=ok;A.redeploy(t1)=ok;A.probe(t1)=ok;A.record(check completed #1)=err',
    invariant: 'lost-end',
    closed: true
  },
  'rate-limit-off': {
    title: 'one rate-limited write switches reporting off: a 403 without Retry-After on the check run, then on the status, and the deploy goes ahead unrecorded and unsaid',
    campaign: 'record-rate-limit',
    scenario: withReconcile({ landing: [] }),
    bound: { ...noFault, maxFaults: 2, faults: { record: ['403'] } },
    schedule: 'A.head(main)=ok;A.record(check in_progress on A)=403;A.record(status pending on A)=403;A.head(main)=ok;A.probe(t1)=ok;A.compare(A...C0)=ok',
    invariant: 'unrecorded-send',
    closed: true
  },
  'outage-stop-rejection': {
    title: "an outage stop recorded as a rejection: the canary's redeploy gets a 503, its retry fence cannot read the head, and the healthy commit ends canary-failed",
    campaign: 'two-fence-faults',
    scenario: scenario({ landing: [] }),
    bound: { ...noFault, maxFaults: 2, faults: { head: ['err'], redeploy: ['503'] } },
    schedule: 'A.head(main)=ok;A.head(main)=ok;A.probe(t1)=ok;A.compare(A...C0)=ok;A.redeploy(t1)=503;tick(6000);A.head(main)=err',
    invariant: 'false-rejection',
    closed: true
  },
  'gitea-late-end': {
    title: "a cancelled attempt's read-then-write of its statuses brackets the re-run's running status, so its late running and end statuses hide the live re-run from the latest-per-context read",
    campaign: 'gitea-rerun',
    scenario: withReconcile({ landing: [], reruns: ['A'], rerunWhenCancelled: true, forge: 'gitea' }),
    bound: { ...noFault, maxFaults: 1, maxCancels: 1 },
    schedule: [
      'start(R);R.head(main)=ok;R.records(statuses of A)=ok;cancel(A);rerun(A);R.probe(t1)=ok;R.probe(t2)=ok;R.compare(A...C0)=ok;A.head(main)=ok;A.records(statuses of A)=ok',
      'A#2.head(main)=ok;A#2.records(statuses of A)=ok;A#2.record(status pending on A)=ok;R.compare(C0...A)=ok;R.head(main)=ok;A.record(status pending on A)=ok;A.records(statuses of A)=ok;A.record(status failure on A)=ok;A#2.head(main)=ok;A#2.probe(t1)=ok',
      'R.records(statuses of A)=ok;R.probe(t1)=ok'
    ].join(';'),
    invariant: 'reconcile-ignored-deploy',
    closed: true
  },
  'crash-looping-canary': {
    title:
      "the fix cannot move a crash-looping canary: A's broken build left on t1 answers no SHA, B's redeploy carries an empty current, is refused three times, and the healthy B ends canary-failed",
    campaign: 'canary-failure-A',
    scenario: scenario({ broken: ['A'] }),
    bound: { ...noFault, maxPreemptions: 1 },
    schedule:
      'A.head(main)=ok;A.head(main)=ok;A.probe(t1)=ok;A.compare(A...C0)=ok;A.redeploy(t1)=ok;A.probe(t1)=ok;land(B);B.head(main)=ok;B.head(main)=ok;B.probe(t1)=ok;B.redeploy(t1)=ok;B.probe(t1)=ok;B.head(main)=ok;B.redeploy(t1)=ok;B.probe(t1)=ok;B.head(main)=ok;B.redeploy(t1)=ok',
    invariant: 'false-rejection',
    closed: true
  },
  'canary-on-a-taken-tenant': {
    title: "a canary judged on a tenant a newer job took: A's first read gets a 503, B moves t1 to its broken build, A blames itself and is held (then B's restore returns t1 to the held A)",
    campaign: 'canary-failure-B',
    scenario: scenario({ broken: ['B'] }),
    bound: { ...noFault, maxFaults: 1, maxPreemptions: 1, faults: { probe: ['503'] } },
    schedule: [
      'A.head(main)=ok;A.head(main)=ok;A.probe(t1)=ok;A.compare(A...C0)=ok;A.redeploy(t1)=ok;A.probe(t1)=503',
      'land(B);B.head(main)=ok;B.head(main)=ok;B.probe(t1)=ok;B.compare(B...A)=ok;B.redeploy(t1)=ok;B.probe(t1)=ok',
      'tick(20000);A.probe(t1)=ok;A.head(main)=ok;A.compare(A...B)=ok'
    ].join(';'),
    invariant: 'false-rejection',
    closed: true
  },
  'skewed-runner-clock': {
    title:
      "liveness on the runner's clock: A's runner 16 minutes behind, deploy-timeout-minutes 15, and reconcile presumed the live deploy dead and worked beside it (closed: heartbeats and reconcile's now are on the forge's clock)",
    campaign: 'clock-skew',
    scenario: withReconcile({ landing: [], skewMs: { A: -SKEW_MS }, deployTimeoutMinutes: 15 }),
    bound: noFault,
    schedule: [
      'A.head(main)=ok;A.record(check in_progress on A)=ok;start(R);A.head(main)=ok;A.probe(t1)=ok;A.compare(A...C0)=ok;A.redeploy(t1)=ok',
      'R.head(main)=ok;R.records(check deploy of A)=ok;R.records(check shard 1 of A)=ok;R.records(status list of A)=ok;R.probe(t1)=ok'
    ].join(';'),
    invariant: 'reconcile-ignored-deploy',
    closed: true
  },
  'unverified-head-past-canary': {
    title: "an unverified head rolled past its canary: A's deploy of a broken build is cancelled mid-canary, and reconcile heals t2 to it (t1, crash-looping, reads as unreachable and is no canary)",
    campaign: 'reconcile-canary-failure-A-one-fault',
    scenario: withReconcile({ landing: [], broken: ['A'] }),
    bound: { ...noFault, maxFaults: 1, maxCancels: 1 },
    schedule: [
      'A.head(main)=ok;A.record(check in_progress on A)=ok;A.head(main)=ok;A.probe(t1)=ok;A.compare(A...C0)=ok;A.redeploy(t1)=ok;A.probe(t1)=ok',
      'start(R);cancel(A);A.record(check completed #1)=ok;A.records(statuses of A)=ok;A.record(status failure on A)=ok',
      'R.head(main)=ok;R.records(statuses of A)=ok;R.records(check deploy of A)=ok;R.records(check shard 1 of A)=ok;R.probe(t1)=ok;R.probe(t2)=ok'
    ].join(';'),
    invariant: 'broken-rollout',
    closed: true
  },
  'moved-by-another': {
    title:
      "a canary judged on a tenant another writer moved back: without compare-and-set, A's late redeploy lands on t1 after B's, B's canary ends on A, a commit it did not serve before, and the healthy B is held",
    campaign: 'no-compare-and-set',
    scenario: noCompareAndSet(),
    bound: { ...noFault, maxFaults: 1, maxPreemptions: 2, faults: { probe: ['503'], redeploy: ['503', 'hang'] } },
    schedule:
      'A.head(main)=ok;A.head(main)=ok;A.probe(t1)=ok;A.compare(A...C0)=ok;land(B);B.head(main)=ok;B.head(main)=ok;B.probe(t1)=503;B.redeploy(t1)=ok;A.redeploy(t1)=ok;A.probe(t1)=ok;A.head(main)=ok;A.compare(A...B)=ok;B.probe(t1)=ok;B.compare(B...A)=ok;tick(20000);B.probe(t1)=ok;B.head(main)=ok',
    invariant: 'false-rejection',
    closed: true
  }
} satisfies Record<string, RecordWindow>

export type RecordWindowName = keyof typeof RECORD_WINDOWS

/**
 * The invariants a result may break while the named windows are open (none once every one is closed):
 * what a test that reaches those windows on its way allows, so its expectation follows the table.
 */
export function openInvariants(...names: RecordWindowName[]): Set<Violation['invariant']> {
  const windows: RecordWindow[] = names.map((n) => RECORD_WINDOWS[n])
  return new Set(windows.filter((w) => !w.closed).map((w) => w.invariant))
}
