import { describe, expect, it } from '@jest/globals'
import { CAMPAIGNS } from '../simulator/explore/campaigns.js'
import { explore, replay } from '../simulator/explore/explorer.js'

/**
 * Holds the forge could forget, and holds another job could lift (docs/exploration.md, "Each guard,
 * mutated"): a rejection must outlive GitHub's check-suite window (the deploy's end mirrored into a
 * commit status), and a re-run of one shard must not lift another shard's hold. Each campaign explores
 * clean on the code as it is; with either guard taken out of src/ it finds `reconcile-ignored-deploy`.
 */

const campaign = (name: string) => CAMPAIGNS.find((c) => c.name === name)!

/** A's canary fails and its deploy ends; a thousand check suites later the reconcile reads A's records. */
const AFTER_THE_WINDOW = [
  'A.head(main)=ok;A.record(check in_progress on A)=ok;A.head(main)=ok;A.probe(t1)=ok;A.compare(A...C0)=ok;A.redeploy(t1)=ok;A.probe(t1)=ok;tick(20000);A.probe(t1)=ok',
  'A.head(main)=ok;A.records(check rollout-guard/production of C0)=ok;A.records(check shard 1 of C0)=ok;A.records(status list of C0)=ok;A.registry(GET latest)=ok',
  'A.redeploy(t1)=ok;A.probe(t1)=ok;A.record(check completed #1)=ok;A.records(statuses of A)=ok;A.record(status failure on A)=ok;age(A);start(R);R.head(main)=ok',
  'R.records(check deploy of A)=ok;R.records(check shard 1 of A)=ok;R.records(status list of A)=ok'
].join(';')

describe("GitHub's check-suite window", () => {
  const c = campaign('check-suite-window')

  it('a rejection outlives the window: the campaign explores clean and completely', async () => {
    const r = await explore(c.scenario, c.bound)
    expect(r.violations).toEqual([])
    expect(r.complete).toBe(true)
    expect(r.cutAtSteps).toBe(0)
    expect(r.interleavings).toBeGreaterThan(20)
  })

  it('past the window the check run is gone, and the reconcile is held by the end status beside it', async () => {
    const r = await replay(c.scenario, c.bound, AFTER_THE_WINDOW)
    expect(r.played.slice(0, AFTER_THE_WINDOW.split(';').length).join(';')).toBe(AFTER_THE_WINDOW)
    expect(r.results).toEqual({ A: 'failed', R: 'held' })
    expect(r.played.filter((m) => m.startsWith('R.redeploy') || m.startsWith('R.registry(PUT'))).toEqual([])
    expect(r.violations).toEqual([])
  })
})

/**
 * Shard 1 is cancelled, shard 2 halts on t2 (t4 left behind), shard 1's re-run deploys; past
 * deploy-timeout-minutes the reconcile reads the records.
 */
const SHARD_RERUN = [
  'A.head(main)=ok;A.record(check in_progress on A)=ok;A.head(main)=ok;A.probe(t1)=ok;A.compare(A...C0)=ok;A.redeploy(t1)=ok;A.probe(t1)=ok;A.record(check completed #1)=ok',
  'A.records(statuses of A)=ok;A.record(status success on A)=ok;start(A/1);A/1.head(main)=ok;A/1.records(statuses of A)=ok;start(A/2);cancel(A/1);A/1.record(status pending on A)=ok',
  'A/1.record(check in_progress on A)=ok;A/1.record(check completed #4)=ok;A/1.records(statuses of A)=ok;A/1.record(status failure on A)=ok;A/2.head(main)=ok',
  'A/2.records(statuses of A)=ok;A/2.record(status pending on A)=ok;A/2.record(check in_progress on A)=ok;A/2.head(main)=ok;A/2.probe(t2)=ok;A/2.compare(A...C0)=ok',
  'A/2.redeploy(t2)=ok;A/2.probe(t2)=ok;rerun(A/1);A/1#2.head(main)=ok;A/1#2.records(statuses of A)=ok;A/1#2.record(status pending on A)=ok;A/1#2.record(check in_progress on A)=ok',
  'A/1#2.head(main)=ok;A/1#2.probe(t1)=ok;A/1#2.probe(t1)=ok;A/1#2.head(main)=ok;A/1#2.probe(t3)=ok;A/1#2.compare(A...C0)=ok;A/1#2.redeploy(t3)=ok;A/1#2.probe(t3)=ok',
  'A/1#2.probe(t1)=ok;A/1#2.probe(t3)=ok;A/1#2.record(check completed #9)=ok;A/1#2.records(statuses of A)=ok;A/1#2.record(status success on A)=ok;tick(20000)',
  'A/2.probe(t2)=ok;A/2.head(main)=ok;A/2.record(check completed #7)=ok;A/2.records(statuses of A)=ok;A/2.record(status failure on A)=ok;start(R);tick(980000)',
  'R.head(main)=ok;R.records(check deploy of A)=ok;R.records(check shard 1 of A)=ok;R.records(status list of A)=ok;R.records(check shard 2 of A)=ok'
].join(';')

describe("a re-run of one shard beside another shard's hold", () => {
  const c = campaign('shard-rerun')

  it("shard 2's hold stands after shard 1's re-run deployed: the reconcile is held and sends nothing to t4", async () => {
    const r = await replay(c.scenario, c.bound, SHARD_RERUN)
    expect(r.played.slice(0, SHARD_RERUN.split(';').length).join(';')).toBe(SHARD_RERUN)
    expect(r.results).toEqual({ A: 'deployed', 'A/1': 'cancelled', 'A/2': 'failed', 'A/1#2': 'deployed', R: 'held' })
    expect(r.serving.t4).toBe('C0')
    expect(r.played.filter((m) => m.startsWith('R.redeploy') || m.startsWith('R.registry(PUT'))).toEqual([])
    expect(r.violations).toEqual([])
  })
})
