import { describe, expect, it } from '@jest/globals'
import { PROMOTE_WINDOW } from '../simulator/explore/bounds.js'
import { CAMPAIGNS } from '../simulator/explore/campaigns.js'
import { explore, replay } from '../simulator/explore/explorer.js'
import { LatestWatch } from '../simulator/explore/latest-watch.js'
import { promotesDue } from '../simulator/explore/promote-due.js'
import type { JobHandle } from '../simulator/explore/types.js'
import { COMMITS, imageOf, LATEST, type Violation, World } from '../simulator/explore/world.js'

/**
 * A sharded deploy's promote job in the explorer (simulator/explore/promote-job.ts, docs/exploration.md):
 * when it starts (`needs: shards`), what `:latest` may hold whoever writes it (latest-watch.ts), and the
 * promote job's own guard: found taken out, and keeping `:latest` on the code as it is.
 */

const campaign = CAMPAIGNS.find((c) => c.name === 'shards-promote')!

function job(name: string, result?: string, attempt = 1): JobHandle {
  return {
    name: attempt > 1 ? `${name}#${attempt}` : name,
    kind: name.endsWith('/promote') ? 'promote' : 'deploy',
    sha: COMMITS.A,
    runId: '100',
    attempt,
    controller: new AbortController(),
    done: result !== undefined,
    ...(result ? { result } : {}),
    ...(name === 'A' ? { canaryJob: true } : {})
  }
}

describe('when the promote job starts: once every shard job of the run succeeded', () => {
  const canary = job('A', 'deployed')
  it.each<[string, number | undefined, JobHandle[], { commit: string; attempt: number }[]]>([
    ['not a sharded deploy', undefined, [canary], []],
    ['a shard job not started yet', 2, [canary, job('A/1', 'deployed')], []],
    ['a shard job still running', 2, [canary, job('A/1', 'deployed'), job('A/2')], []],
    ['every shard job deployed', 2, [canary, job('A/1', 'deployed'), job('A/2', 'deployed')], [{ commit: 'A', attempt: 1 }]],
    ['a shard job stepped aside for a newer commit (it succeeds, neutral)', 2, [canary, job('A/1', 'deployed'), job('A/2', 'skipped-superseded')], [{ commit: 'A', attempt: 1 }]],
    ['a shard job failed', 2, [canary, job('A/1', 'failed'), job('A/2', 'deployed')], []],
    ['a shard job cancelled', 2, [canary, job('A/1', 'deployed'), job('A/2', 'cancelled')], []],
    ['a failed shard job re-run, the re-run still running', 2, [canary, job('A/1', 'failed'), job('A/2', 'deployed'), job('A/1', undefined, 2)], []],
    ['a failed shard job re-run and deployed: in the re-run attempt', 2, [canary, job('A/1', 'failed'), job('A/2', 'deployed'), job('A/1', 'deployed', 2)], [{ commit: 'A', attempt: 2 }]],
    ['the promote job started already', 2, [canary, job('A/1', 'deployed'), job('A/2', 'deployed'), job('A/promote')], []]
  ])('%s', (_case, shards, jobs, due) => {
    expect(promotesDue({ shards }, jobs)).toEqual(due)
  })
})

describe('what :latest may hold, judged from the world', () => {
  const watch = (ownership = true): { w: LatestWatch; v: Violation[] } => {
    const v: Violation[] = []
    return { w: new LatestWatch(v, { tenants: ['t1', 't2'], canary: 't1', ownership }), v }
  }

  it('only a commit the canary answered healthy on, and every tenant on it or a newer one', () => {
    const { w, v } = watch()
    w.moved('A/promote', COMMITS.A)
    w.probed('t1', COMMITS.A)
    w.probed('t2', COMMITS.C0)
    w.moved('A/promote', COMMITS.A)
    w.probed('t2', COMMITS.B)
    w.moved('A/promote', COMMITS.A)
    expect(v.map((x) => x.detail)).toEqual([
      'latest moved to A (written by A/promote), and the canary t1 never answered healthy on it',
      'latest moved to A (written by A/promote), and t2 never answered healthy on it or a newer commit'
    ])
  })

  it.each<[string, boolean, 'redeploy' | 'tag', boolean]>([
    ['a redeploy on a head read 5 s old, the head read once', true, 'redeploy', true],
    ['a redeploy of a job whose every head read failed (the outage fail-safe)', false, 'redeploy', false],
    ['a tag write of a job whose every head read failed: a tag is never moved on the fail-safe', false, 'tag', true]
  ])('fresh ownership evidence: %s', (_case, readable, kind, stale) => {
    let t = 0
    const w = new World(['t1'], { allowCanaryRestore: true, backward: 'never', maxEvidenceAgeMs: 2000, canary: 't1' }, new Set(), () => t)
    if (readable) w.readHead('A', true)
    w.readHead('A', false)
    t = 5000
    w.sideEffect('A', COMMITS.A, 'a side effect', kind)
    expect(w.violations.some((v) => v.invariant === 'stale-evidence')).toBe(stale)
  })

  it("a promote job never writes its own commit's image once a job of its deploy rejected it", () => {
    const w = new World(['t1', 't2'], { allowCanaryRestore: true, backward: 'never', maxEvidenceAgeMs: 2000, canary: 't1' }, new Set(), () => 0)
    w.deployEnded('A/2', COMMITS.A, 'failed', true, 'halted')
    w.promoters.add('A/promote')
    w.putTag('A/promote', COMMITS.A, LATEST, imageOf(COMMITS.A))
    expect(w.violations.map((v) => v.invariant)).toContain('rejected-commit')
  })

  it('no write sent while a newer commit owns the branch; none is promised without the gate', () => {
    const on = watch()
    on.w.sending('A/promote', COMMITS.A, COMMITS.A)
    on.w.sending('A/promote', COMMITS.A, COMMITS.B)
    expect(on.v).toEqual([{ invariant: 'superseded-promotion', detail: 'job A/promote sent a write of latest to A while B owned the branch' }])
    const off = watch(false)
    off.w.sending('A/promote', COMMITS.A, COMMITS.B)
    expect(off.v).toEqual([])
  })
})

describe('sharded deploys of A and B with their promote jobs', () => {
  it("A's promote job before B lands promotes A; B's promote job then moves :latest on to B", async () => {
    const r = await replay(campaign.scenario, campaign.bound, A_PROMOTED)
    expect(r.violations).toEqual([])
    expect(r.results).toEqual({ A: 'deployed', 'A/1': 'deployed', 'A/promote': 'promoted', B: 'deployed', 'B/1': 'deployed', 'B/promote': 'promoted' })
    expect(r.played.filter((m) => m.includes('registry(PUT latest)'))).toEqual(['A/promote.registry(PUT latest)=ok', 'B/promote.registry(PUT latest)=ok'])
  })

  it("the promote job's gate answers that B owns the branch, right before the write: A's promote job steps aside", async () => {
    // Found by `shards-promote` with the promotion's gate answer ignored (src/modes/promotion-step.ts,
    // `superseded: false`): A's promote job sent its PUT of latest (superseded-send, superseded-promotion).
    const r = await replay(campaign.scenario, campaign.bound, GATE_BEFORE_THE_WRITE)
    expect(r.played.slice(0, GATE_BEFORE_THE_WRITE.split(';').length).join(';')).toBe(GATE_BEFORE_THE_WRITE)
    expect(r.violations).toEqual([])
    expect(r.results['A/promote']).toBe('skipped-superseded')
    expect(r.played.filter((m) => m.startsWith('A/promote.registry(PUT'))).toEqual([])
  })
})

describe('a shard job re-run after it was cancelled', () => {
  it('the promote job waits for the re-run, then promotes: every tenant verified on A by the shard jobs it needed', async () => {
    const c = CAMPAIGNS.find((x) => x.name === 'shard-rerun-promote')!
    const r = await replay(c.scenario, c.bound, SHARD_RE_RUN)
    expect(r.played.slice(0, SHARD_RE_RUN.split(';').length).join(';')).toBe(SHARD_RE_RUN)
    expect(r.violations).toEqual([])
    expect(r.results).toEqual({ A: 'deployed', 'A/1': 'cancelled', 'A/2': 'deployed', 'A/1#2': 'deployed', 'A/promote': 'promoted' })
    // Not before the re-run ended: the promote job's start follows shard 1's second attempt.
    const at = (move: string): number => r.played.indexOf(move)
    expect(at('start(A/promote)')).toBeGreaterThan(at('A/1#2.probe(t3)=ok'))
    expect(r.serving).toEqual({ t1: 'A', t2: 'A', t3: 'A' })
  })
})

describe("the promote job's superseded guard taken out at the harness level", () => {
  it('found: the promote job writes :latest while B owns the branch, and its schedule replays to it', async () => {
    const w = PROMOTE_WINDOW
    const found = await explore(w.scenario, w.bound, { stopOn: w.expect })
    expect(found.first?.violation).toEqual({ invariant: 'superseded-promotion', detail: 'job A/promote sent a write of latest to A while B owned the branch' })
    const again = await replay(w.scenario, w.bound, IGNORED_GATE)
    expect(again.played.slice(0, IGNORED_GATE.split(';').length).join(';')).toBe(IGNORED_GATE)
    expect(again.violations.map((v) => v.invariant)).toEqual(['superseded-send', 'superseded-promotion'])
  })

  it('closed with the guard in: the same bound explores clean, and the schedule breaks off where the promote job steps aside', async () => {
    const fixed = { ...PROMOTE_WINDOW.scenario, bugs: [] }
    // The campaign's world (`shards-promote`) with no fault: B landing at any step, every schedule explored.
    expect(fixed).toEqual(campaign.scenario)
    const clean = await explore(fixed, PROMOTE_WINDOW.bound)
    expect(clean.violations).toEqual([])
    expect(clean.complete).toBe(true)
    expect(clean.cutAtSteps).toBe(0)
    expect(clean.interleavings).toBeGreaterThan(300)
    // Its first gate reads B at the head: the job ends, and the registry read the schedule expects next is never made.
    await expect(replay(fixed, PROMOTE_WINDOW.bound, IGNORED_GATE)).rejects.toThrow(/^replay: step 32 expects A\/promote\.registry\(GET staging-aaaaaaa\)=ok, but the options are start\(B\/promote\)$/)
  })
})

/** A deploys through its canary job and shard job, its promote job promotes A; then B lands and does the same. */
const A_PROMOTED = [
  'A.head(main)=ok;A.head(main)=ok;A.probe(t1)=ok;A.compare(A...C0)=ok;A.redeploy(t1)=ok;A.probe(t1)=ok;start(A/1);A/1.head(main)=ok;A/1.head(main)=ok',
  'A/1.probe(t1)=ok;A/1.probe(t1)=ok;A/1.head(main)=ok;A/1.probe(t2)=ok;A/1.compare(A...C0)=ok;A/1.redeploy(t2)=ok;A/1.probe(t2)=ok;A/1.probe(t1)=ok;A/1.probe(t2)=ok',
  'start(A/promote);A/promote.head(main)=ok;A/promote.registry(GET staging-aaaaaaa)=ok;A/promote.registry(HEAD latest)=ok;A/promote.registry(GET sha256:4d69c1)=ok',
  'A/promote.compare(A...C0)=ok;A/promote.head(main)=ok;A/promote.registry(PUT latest)=ok;land(B)'
].join(';')

/** A's promote job reads no head at first (the forge fails it), then B lands and takes t1; its gate before the write reads B. */
const GATE_BEFORE_THE_WRITE = [
  'A.head(main)=ok;A.head(main)=ok;A.probe(t1)=ok;A.compare(A...C0)=ok;A.redeploy(t1)=ok;A.probe(t1)=ok;land(B);start(A/1);A/1.head(main)=ok;A/1.compare(A...B)=ok',
  'start(A/promote);A/promote.head(main)=err;A/promote.registry(GET staging-aaaaaaa)=ok;A/promote.registry(HEAD latest)=ok;B.head(main)=ok;B.head(main)=ok;B.probe(t1)=ok',
  'B.compare(B...A)=ok;B.redeploy(t1)=ok;A/promote.registry(GET sha256:4d69c1)=ok;A/promote.compare(A...C0)=ok;A/promote.head(main)=ok;A/promote.compare(A...B)=ok'
].join(';')

/** With the promote job's gate answers ignored: B deploys while A's shard job steps aside, and A's promote job writes A. */
const IGNORED_GATE = [
  'A.head(main)=ok;A.head(main)=ok;A.probe(t1)=ok;A.compare(A...C0)=ok;A.redeploy(t1)=ok;A.probe(t1)=ok;land(B);B.head(main)=ok;B.head(main)=ok;B.probe(t1)=ok',
  'B.compare(B...A)=ok;B.redeploy(t1)=ok;B.probe(t1)=ok;start(A/1);A/1.head(main)=ok;A/1.compare(A...B)=ok;start(B/1);B/1.head(main)=ok;B/1.head(main)=ok;B/1.probe(t1)=ok',
  'B/1.probe(t1)=ok;B/1.head(main)=ok;B/1.probe(t2)=ok;B/1.compare(B...C0)=ok;B/1.redeploy(t2)=ok;B/1.probe(t2)=ok;B/1.probe(t1)=ok;B/1.probe(t2)=ok;start(A/promote)',
  'A/promote.head(main)=ok;A/promote.compare(A...B)=ok;A/promote.registry(GET staging-aaaaaaa)=ok;A/promote.registry(HEAD latest)=ok;A/promote.registry(GET sha256:4d69c1)=ok',
  'A/promote.compare(A...C0)=ok;A/promote.head(main)=ok'
].join(';')

/** Shard 1 cancelled at its first read, shard 2 deploys, shard 1's re-run deploys; then the promote job starts. */
const SHARD_RE_RUN = [
  'A.head(main)=ok;A.head(main)=ok;A.probe(t1)=ok;A.compare(A...C0)=ok;A.redeploy(t1)=ok;A.probe(t1)=ok;start(A/1);cancel(A/1);A/1.head(main)=ok;start(A/2)',
  'A/2.head(main)=ok;A/2.head(main)=ok;A/2.probe(t2)=ok;A/2.compare(A...C0)=ok;A/2.redeploy(t2)=ok;A/2.probe(t2)=ok;rerun(A/1)'
].join(';')

describe('a promote job whose every head read failed (found by shard-rerun-beside-newer, closed)', () => {
  // On the code before the fix the promote job took the outage fail-safe as a deploy does: it proceeded as
  // the owner and wrote :latest on no evidence at all. The campaign found 54 of 23,452 interleavings, of two
  // shapes; src/modes/promotion-step.ts now moves no tag without the forge's answer of who owns the branch.
  const c = CAMPAIGNS.find((x) => x.name === 'shard-rerun-beside-newer')!

  const rows: [string, string, Record<string, string>][] = [
    [
      "B promoted between A's read of :latest and its write: A's write is not sent, :latest stays on B (was latest-backward)",
      'A.head(main)=ok;A.head(main)=ok;A.probe(t1)=ok;A.compare(A...C0)=ok;A.redeploy(t1)=ok;A.probe(t1)=ok;land(B);B.head(main)=ok;B.head(main)=ok;B.probe(t1)=ok;B.compare(B...A)=ok;B.redeploy(t1)=ok;B.probe(t1)=ok;start(A/1);A/1.head(main)=ok;A/1.compare(A...B)=ok;start(B/1);B/1.head(main)=ok;B/1.head(main)=ok;B/1.probe(t1)=ok;B/1.probe(t1)=ok;B/1.head(main)=ok;B/1.probe(t2)=ok;B/1.compare(B...C0)=ok;B/1.redeploy(t2)=ok;B/1.probe(t2)=ok;B/1.probe(t1)=ok;B/1.probe(t2)=ok;start(A/promote);start(B/promote);B/promote.head(main)=ok;B/promote.registry(GET staging-bbbbbbb)=ok;B/promote.registry(HEAD latest)=ok;B/promote.registry(GET sha256:4d69c1)=ok;B/promote.compare(B...C0)=ok;A/promote.head(main)=err;A/promote.registry(GET staging-aaaaaaa)=ok;A/promote.registry(HEAD latest)=ok;A/promote.registry(GET sha256:4d69c1)=ok;A/promote.compare(A...C0)=ok;B/promote.head(main)=ok;B/promote.registry(PUT latest)=ok;A/promote.head(main)=err',
      { 'A/promote': 'failed' }
    ],
    [
      "A's shard job stepped aside for B, and A's promote job could not read the head: :latest is not moved to A, whose fleet was never verified (was unverified-promotion)",
      'A.head(main)=ok;A.head(main)=ok;A.probe(t1)=ok;A.compare(A...C0)=ok;A.redeploy(t1)=ok;A.probe(t1)=ok;land(B);start(A/1);A/1.head(main)=ok;A/1.compare(A...B)=ok;start(A/promote);A/promote.head(main)=err;A/promote.registry(GET staging-aaaaaaa)=ok;A/promote.registry(HEAD latest)=ok;B.head(main)=ok;B.head(main)=ok;B.probe(t1)=ok;B.compare(B...A)=ok;B.redeploy(t1)=ok;A/promote.registry(GET sha256:4d69c1)=ok;A/promote.compare(A...C0)=ok;A/promote.head(main)=err',
      { 'A/1': 'skipped-superseded', 'A/promote': 'failed' }
    ]
  ]
  it.each(rows)('%s', async (_case, schedule, results) => {
    const r = await replay(c.scenario, c.bound, schedule)
    expect(r.violations).toEqual([])
    expect(r.results).toMatchObject(results)
    expect(r.played.filter((m) => m.startsWith('A/promote.registry(PUT'))).toEqual([])
  })
})
