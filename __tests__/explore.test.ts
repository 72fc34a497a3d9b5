import { describe, expect, it } from '@jest/globals'
import { gateOff, noCompareAndSet, scenario, SMALL, WINDOWS } from '../simulator/explore/bounds.js'
import type { Bound } from '../simulator/explore/types.js'
import { explore, replay } from '../simulator/explore/explorer.js'
import { COMMITS, World } from '../simulator/explore/world.js'
import { findsWindow } from './support/explore-window.js'
import { expectOnlyOpen } from './support/record-windows.js'

/**
 * The explorer (simulator/explore, docs/exploration.md): every interleaving of two overlapping deploy
 * jobs within a bound, on the real gate, rollout, tenant steps, sweeper, verifier and promotion.
 * `npm run explore` runs the large bounds; this file runs the small one, and shows that the explorer
 * finds each window an earlier review found once its fix is taken out again (at the harness level),
 * with a schedule that replays to the same violation.
 */

describe('exhaustive exploration at the small bound', () => {
  it('every interleaving of A and B (two preemptions, B landing at any step) keeps every invariant', async () => {
    const r = await explore(scenario(), SMALL)
    expect(r.violations).toEqual([])
    expect(r.complete).toBe(true)
    expect(r.cutAtSteps).toBe(0)
    // Not a vacuous pass: the bound has hundreds of distinct schedules, and hashing merged some. B
    // redeploys the canary during A's pre-flight in some of them: make the pre-flight roll an `ahead`
    // tenant (src/rollout/preflight.ts) and this test finds `t1 moved from B back to A`.
    expect(r.interleavings).toBeGreaterThan(150)
    expect(r.merged).toBeGreaterThan(0)
  })

  it.each([['A'], ['B']] as const)('a failing canary of %s (no fault, one preemption): no tenant and no :latest reach the rejected commit', async (broken) => {
    const r = await explore(scenario({ broken: [broken] }), { ...SMALL, maxPreemptions: 1 })
    // A's broken build left on the canary is where B's redeploy is refused: the crash-looping-canary window.
    expectOnlyOpen(r.violations, 'crash-looping-canary')
    expect(r.complete).toBe(true)
    expect(r.interleavings).toBeGreaterThan(10)
  })
})

describe("the failed canary's restore, with its own faults", () => {
  const bound: Bound = { ...SMALL, maxFaults: 1, maxCancels: 1, faults: { probe: ['503', 'hang'], redeploy: ['503', 'hang'] } }
  const failed =
    'A.head(main)=ok;A.head(main)=ok;A.probe(t1)=ok;A.compare(A...C0)=ok;A.redeploy(t1)=ok;A.probe(t1)=ok;tick(20000);A.probe(t1)=ok;A.head(main)=ok;A.records(check rollout-guard/production of C0)=ok;A.records(check shard 1 of C0)=ok;A.records(status list of C0)=ok;A.registry(GET latest)=ok'

  it.each([
    ['a 503 with Retry-After', 'A.redeploy(t1)=503'],
    ['a hang until the request timeout', 'A.redeploy(t1)=hang']
  ])('the restore redeploy gets %s: a branch the explorer takes, and no invariant breaks', async (_what, move) => {
    // A alone: B landing while t1 still crash-loops on A is the crash-looping-canary window (record-windows.ts).
    const r = await replay(scenario({ broken: ['A'], landing: [] }), bound, `${failed};${move}`)
    expect(r.violations).toEqual([])
    expect(r.results.A).toBe('failed')
  })

  it("the restore's verification read hangs once: a branch too, no invariant breaks, the job still failed", async () => {
    const r = await replay(scenario({ broken: ['A'] }), bound, `${failed};A.redeploy(t1)=ok;A.probe(t1)=hang`)
    expect(r.violations).toEqual([])
    expect(r.results.A).toBe('failed')
  })
})

describe('a control plane without compare-and-set', () => {
  it('lets a first attempt sent inside the one-round-trip window land late, and the owning job heals every one', async () => {
    const healed = noCompareAndSet()
    const strict = { ...healed, invariants: { ...healed.invariants, backward: 'never' as const } }
    // The window is real: judged move by move, the explorer finds a tenant moved back by the older job.
    const moves = await explore(strict, SMALL, { stopAtFirst: true })
    expect(moves.violations[0]?.violation.detail).toMatch(/^t\d moved from B back to A \(sent by job A\)$/)
    // Judged as the design promises: at the end of every interleaving the newer job's sweeper has healed it.
    const r = await explore(healed, { ...SMALL, maxPreemptions: 1 })
    expect(r.violations).toEqual([])
    expect(r.complete).toBe(true)
  })
})

describe('superseded-check: false', () => {
  const bound: Bound = { ...SMALL, maxFaults: 1, maxPreemptions: 1, faults: { registry: ['503'] } }

  it("promotion's own forward-only check keeps :latest when the newer job promoted during the older one's wait", async () => {
    const schedule = [
      'A.probe(t1)=ok;A.compare(A...C0)=ok;A.redeploy(t1)=ok;A.probe(t1)=ok;A.probe(t2)=ok;A.redeploy(t2)=ok;A.probe(t2)=ok;A.probe(t1)=ok;A.probe(t2)=ok',
      'A.registry(GET staging-aaaaaaa)=503;land(B)',
      'B.probe(t1)=ok;B.compare(B...A)=ok;B.redeploy(t1)=ok;B.probe(t1)=ok;B.probe(t2)=ok;B.redeploy(t2)=ok;B.probe(t2)=ok;B.probe(t1)=ok;B.probe(t2)=ok',
      'B.registry(GET staging-bbbbbbb)=ok;B.registry(HEAD latest)=ok;B.registry(GET sha256:4d69c1)=ok;B.compare(B...C0)=ok;B.registry(PUT latest)=ok',
      // A reads latest (B's image), asks whether B is ahead of A, and stops: no PUT follows.
      'tick(500);A.registry(GET staging-aaaaaaa)=ok;A.registry(HEAD latest)=ok;A.registry(GET sha256:0585c1)=ok;A.compare(A...B)=ok'
    ].join(';')
    const r = await replay(gateOff(), bound, schedule)
    expect(r.violations).toEqual([])
    // Played on to the end: what A does after its compare is judged too, and it is nothing.
    expect(r.played.join(';').startsWith(schedule)).toBe(true)
    expect(r.played.slice(schedule.split(';').length).filter((m) => m.startsWith('A.'))).toEqual([])
  })

  it('leaves the read-then-write race of two promotions open: only the fence right before the PUT closes it', async () => {
    const r = await explore(gateOff(), bound, { stopAtFirst: true })
    expect(r.violations[0]?.violation).toEqual({ invariant: 'latest-backward', detail: 'latest moved from B back to A' })
  })
})

describe('the windows earlier reviews found, reintroduced at the harness level', () => {
  it.each(WINDOWS.map((w) => [w.name, w] as const))('%s: found with the fix taken out, and closed with it in', async (_name, w) => {
    const schedule = await findsWindow(w)
    // Mutation check the other way round: the same bound on the code as it is finds nothing.
    const fixed = { ...w.scenario, bugs: [] }
    const clean = await explore(fixed, w.bound)
    expect(clean.violations).toEqual([])
    expect(clean.complete).toBe(true)
    // And the schedule that broke it, replayed on the code as it is, either breaks off where the
    // fixed code makes a different move, or plays through without a violation.
    const played = await replay(fixed, w.bound, schedule).catch((error: Error) => error)
    if (!(played instanceof Error)) expect(played.violations).toEqual([])
    else expect(played.message).toMatch(/^replay: step \d+ expects /)
  })
})

describe('windows the explorer found before the ownership-evidence fence, closed now', () => {
  // Found by `npm run explore` on the code before every side effect needed a fresh gate answer
  // (docs/ownership-evidence.md). Each bound below holds the schedule that reached the window; on this
  // code every interleaving within it keeps every invariant.
  it('a first attempt sent after its pre-flight read hung until the request timeout: never on an old head read', async () => {
    // Was: `A.head(main)=ok;A.head(main)=ok;A.probe(t1)=hang;tick(10000)`, then the redeploy on a 10 s old read.
    // Make gate.fresh() reuse an answer of any age (src/gate/gate.ts) and this finds `stale-evidence`.
    const r = await explore(scenario(), { ...SMALL, maxFaults: 1, faults: { probe: ['hang'] } })
    expect(r.violations).toEqual([])
    expect(r.complete).toBe(true)
  })

  it('a retried :latest PUT whose fence cannot read the head: never moves :latest back', async () => {
    // Was: A's PUT gets a 503, B promotes during the wait, A's fence reads no head and the retry moved
    // `latest` from B back to A. Drop the mid-job outage stop in src/modes/promotion-step.ts or the
    // fence's in src/promote and this finds `superseded-promotion` (the retry sent while B owns the branch).
    const r = await explore(scenario(), { ...SMALL, maxFaults: 2, faults: { head: ['err'], registry: ['503'] } })
    // The outage stop itself is recorded as a rejection: the outage-stop-rejection window, nothing else.
    expectOnlyOpen(r.violations, 'outage-stop-rejection')
    expect(r.complete).toBe(true)
  })
})

describe('the invariants themselves', () => {
  const opts = (allowCanaryRestore: boolean) => ({ allowCanaryRestore, backward: 'never' as const, maxEvidenceAgeMs: 2000, canary: 't1' })

  it('a failed canary returned to what it served before is a restore only when the exception is on', () => {
    for (const allow of [false, true]) {
      const w = new World(['t1', 't2'], opts(allow), new Set(), () => 0)
      w.applyRedeploy('A', COMMITS.A, 't1', COMMITS.A)
      w.applyRedeploy('A', COMMITS.A, 't1', COMMITS.C0)
      expect(w.violations.map((v) => v.invariant)).toEqual(allow ? [] : ['backward'])
    }
  })

  it('the exception covers neither another tenant nor another commit', () => {
    const w = new World(['t1', 't2'], opts(true), new Set(), () => 0)
    w.applyRedeploy('B', COMMITS.B, 't2', COMMITS.B)
    w.applyRedeploy('B', COMMITS.B, 't2', COMMITS.C0)
    w.applyRedeploy('B', COMMITS.B, 't1', COMMITS.B)
    w.applyRedeploy('A', COMMITS.A, 't1', COMMITS.A)
    expect(w.violations.map((v) => v.detail)).toEqual(['t2 moved from B back to C0 (sent by job B)', 't1 moved from B back to A (sent by job A)'])
  })

  it('a schedule the code does not offer fails the replay loudly', async () => {
    await expect(replay(scenario(), SMALL, 'A.head(main)=ok;B.head(main)=ok')).rejects.toThrow(/^replay: step 2 expects B\.head\(main\)=ok, but the options are A\.head\(main\)=ok, land\(B\)/)
  })

  it('a call in flight is overtaken by at most five answers to the other job, then answered', async () => {
    const schedule = 'A.head(main)=ok;land(B);B.head(main)=ok;B.head(main)=ok;B.probe(t1)=ok;B.compare(B...C0)=ok;B.redeploy(t1)=ok;B.probe(t1)=ok'
    await expect(replay(scenario(), SMALL, schedule)).rejects.toThrow(/^replay: step 8 expects B\.probe\(t1\)=ok, but the options are A\.head\(main\)=ok$/)
  })

  it('an execution is a pure function of its schedule', async () => {
    const found = await explore(scenario({ bugs: ['registry-retry-without-fence'] }), WINDOWS[1]!.bound, { stopAtFirst: true })
    const schedule = found.violations[0]!.schedule
    const again = (): ReturnType<typeof replay> => replay(scenario({ bugs: ['registry-retry-without-fence'] }), WINDOWS[1]!.bound, schedule)
    expect(await again()).toEqual(await again())
  })
})
