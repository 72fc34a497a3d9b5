import { primaryRateLimit } from '../simulator/github-rate-limits.js'
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import type { RedeployCall } from '../simulator/control-plane.js'
import type { Fault } from '../simulator/fake-forge.js'
import { ForgeTap, type TappedRequest } from '../simulator/forge-tap.js'
import { Fleet } from '../simulator/fleet.js'
import { type ActionRun, runAction } from '../simulator/run-action.js'

/**
 * Overlapping deploy jobs for successive commits, with random start offsets, drain times and
 * control-plane latencies, against the built dist/index.js; each landing may also queue control-plane
 * faults (503 + Retry-After, a short outage) and compare failures (404, a 403 secondary rate limit,
 * a 503), and a long wait before a first attempt: a tenant's next build info read hangs for a whole
 * request timeout (the ownership-evidence bound), and the next commit lands while it hangs. Each job reads the forge through its own tap, so the test knows when *that* job read the
 * branch head. The invariants are the product's promise:
 *
 * - Fence: two redeploys of one tenant by one job (a retry, a compare-and-set re-attempt, a re-issue)
 *   always have a fresh head read of that job between the first's answer and the second's arrival.
 * - Window: the head read a redeploy was sent on (its job's last one before it) was made before any
 *   newer commit had landed. The window between that read and the request is one round trip for a
 *   retry, and the tenant's pre-flight read (and its compare) for a first attempt.
 * - No tenant moves backward with compare-and-set; without it, only through a redeploy sent within
 *   that window (which the newer job's sweeper then heals).
 * - The one exception: a commit may crash-loop (`bad`); its job's failed canary goes back to the commit
 *   its pre-flight read (the `current` its canary redeploy was sent on) and nowhere else, and no other
 *   tenant ever receives that commit from its job. A restore is a send like any other: fenced, and
 *   resting on a head read made before any newer commit landed.
 */
/** `held`: the 503 is answered only once the next commit has landed (the retry then spans a landing). */
type CpFault = { kind: 'retry-after'; seconds: number; held: boolean } | { kind: 'outage'; count: number }
type CompareFault = '404' | '403-rate-limit' | '503'

interface Job {
  /** The commit crash-loops on every tenant that runs it: its canary fails. */
  bad?: boolean
  landGapMs: number
  startDelayMs: number
  cp: CpFault[]
  compare: CompareFault[]
  /** Index of a tenant whose next build info read hangs until the request timeout; null for none. */
  hang: number | null
}

interface Schedule {
  jobs: Job[]
  drains: number[]
  latencies: number[]
}

const cpFault: fc.Arbitrary<CpFault> = fc.oneof(
  fc.record({ kind: fc.constant('retry-after' as const), seconds: fc.constantFrom(0.3, 1), held: fc.boolean() }),
  fc.record({ kind: fc.constant('outage' as const), count: fc.integer({ min: 1, max: 2 }) })
)

function scheduleOf(faults: boolean, maxJobs: number): fc.Arbitrary<Schedule> {
  return fc.record({
    jobs: fc.array(
      fc.record({
        bad: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
        landGapMs: fc.integer({ min: 0, max: 400 }),
        startDelayMs: fc.integer({ min: 0, max: 300 }),
        cp: faults ? fc.array(cpFault, { maxLength: 1 }) : fc.constant([]),
        compare: faults ? fc.array(fc.constantFrom<CompareFault>('404', '403-rate-limit', '503'), { maxLength: 2 }) : fc.constant([]),
        hang: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null, freq: 3 })
      }),
      { minLength: 2, maxLength: maxJobs }
    ),
    drains: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 4, maxLength: 4 }),
    latencies: fc.array(fc.integer({ min: 0, max: 150 }), { minLength: 4, maxLength: 4 })
  })
}

const COMPARE_FAULTS: Record<CompareFault, Fault> = {
  '404': { status: 404, body: '{"message":"Not Found"}' },
  // A rate limit the job may not wait for (a shorter one is waited out: docs/rate-limits.md).
  '403-rate-limit': primaryRateLimit(Math.floor(Date.now() / 1000) + 3600),
  '503': { status: 503 }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Resolves once `seen()` holds (polled, as the tenant simulator has no listener) or `ended` settles. */
function seenOrEnded(seen: () => boolean, ended: Promise<unknown>): Promise<void> {
  let over = false
  void ended.finally(() => (over = true)).catch(() => undefined)
  return new Promise((resolve) => {
    const tick = (): void => (seen() || over ? resolve() : void setTimeout(tick, 10))
    tick()
  })
}

interface Report {
  tenants: { tenant: string; action: string; ok: boolean }[]
  restore: { outcome: string; tenants: { tenant: string; action: string; to: string | null; detail: string | null }[] } | null
}

/** The job's last head read answered before `at`. */
function lastReadBefore(reads: TappedRequest[], at: number): TappedRequest | undefined {
  return reads.filter((r) => r.answeredAt <= at).at(-1)
}

async function play(s: Schedule, compareAndSet: boolean): Promise<void> {
  const names = ['t1', 't2', 't3', 't4']
  const fleet = await Fleet.start({
    tenants: names,
    drainMs: (_, i) => s.drains[i]!,
    latencyMs: (t) => s.latencies[names.indexOf(t)]!,
    compareAndSet
  })
  const taps: ForgeTap[] = []
  try {
    const inputs = fleet.deployInputs({
      canary: 't1',
      'max-parallel': '2',
      'settle-budget-seconds': '8',
      // `current` is sent either way (only a compare-and-set control plane acts on it): it tells a restore apart.
      'redeploy-body': '{"tenant":"{tenant}","tag":"{tag}","sha":"{sha}","current":"{current}"}'
    })
    const commits: string[] = []
    /** When each commit had certainly landed: a head read sent after this sees it (or a newer one). */
    const landedBy: number[] = []
    const jobs: Promise<ActionRun>[] = []
    let releaseHeld: (() => void)[] = []
    /** Resolves when the previous job's held 503 has been received (or that job ended without it). */
    let heldSeen: Promise<unknown> = Promise.resolve()
    for (const [i, job] of s.jobs.entries()) {
      await sleep(job.landGapMs)
      await heldSeen
      commits.push(await fleet.commit(`C${i + 1}`))
      landedBy.push(performance.now())
      if (job.bad) fleet.tenants.crashLoop(commits[i]!)
      for (const release of releaseHeld) release()
      releaseHeld = []
      heldSeen = Promise.resolve()
      for (const f of job.cp) {
        if (f.kind === 'outage') {
          fleet.controlPlane.inject(...Array.from({ length: f.count }, () => ({ status: 503 })))
          continue
        }
        const until = f.held ? new Promise<void>((r) => releaseHeld.push(r)) : undefined
        const faultsBefore = fleet.controlPlane.calls.filter((c) => c.outcome === 'fault').length
        const queued = fleet.controlPlane.calls.length
        fleet.controlPlane.inject({ status: 503, headers: { 'retry-after': String(f.seconds) }, until })
        // The next commit lands once this 503 is being held, so the wait for its retry spans the landing.
        if (f.held) heldSeen = fleet.controlPlane.until((cp) => cp.calls.length > queued && cp.calls.filter((c) => c.outcome === 'fault').length > faultsBefore)
      }
      if (job.compare.length) fleet.forge.inject('compare', ...job.compare.map((c) => COMPARE_FAULTS[c]))
      let hangSeen: (() => boolean) | undefined
      if (job.hang !== null) {
        // The next read of this tenant (most likely this job's pre-flight) hangs for a request timeout;
        // the next commit lands once it is hanging.
        const t = names[job.hang]!
        const before = fleet.tenants.requests(t).length
        fleet.tenants.inject(t, { hang: true })
        hangSeen = () => fleet.tenants.requests(t).length > before
      }
      const tap = await ForgeTap.start(fleet.forge.apiUrl)
      taps.push(tap)
      const sha = commits[i]!
      const run = sleep(job.startDelayMs).then(() => runAction({ inputs, env: { ...fleet.runEnv(sha), GITHUB_API_URL: tap.apiUrl } }))
      jobs.push(run)
      // A job that ends without ever calling the control plane must not hold the next landing forever.
      heldSeen = Promise.race([heldSeen, run])
      if (hangSeen) heldSeen = Promise.all([heldSeen, seenOrEnded(hangSeen, run)])
    }
    for (const release of releaseHeld) release()
    const runs = await Promise.all(jobs)
    const newest = commits.at(-1)!
    const calls = fleet.controlPlane.calls
    /** Every commit in landing order, the one every tenant started on first. */
    const order = (sha: string | undefined): number => (sha === fleet.base ? -1 : commits.indexOf(sha ?? ''))
    /** A restore by job i: back from commits[i] (its `current`) to an older commit. */
    const isRestoreBy = (c: RedeployCall, i: number): boolean => c.current === commits[i] && order(c.sha) < i
    const senderOf = (c: RedeployCall): number => (commits.indexOf(c.sha) >= 0 && order(c.sha) >= order(c.current) ? commits.indexOf(c.sha) : commits.indexOf(c.current ?? ''))
    const anyBad = s.jobs.some((j) => j.bad)

    for (const [i, run] of runs.entries()) {
      // A later job's restore back to this job's commit is that job's send, not this one's.
      const mine = calls.filter((c) => isRestoreBy(c, i) || (c.sha === commits[i] && !commits.some((_, j) => j !== i && isRestoreBy(c, j))))
      const reads = taps[i]!.headReads()
      const restores = mine.filter((c) => isRestoreBy(c, i))
      if (restores.length) {
        // Only a crash-looping commit's job restores, only its canary, only to the read its canary redeploy was sent on.
        expect(s.jobs[i]!.bad).toBe(true)
        const canaryMoves = mine.filter((c) => c.tenant === 't1' && c.sha === commits[i])
        for (const c of restores) {
          expect(c.tenant).toBe('t1')
          expect(canaryMoves.map((m) => m.current)).toContain(c.sha)
          expect((run.report as Report).restore?.tenants.find((t) => t.tenant === 't1')?.to).toBe(c.sha)
        }
      }
      // A crash-looping commit's job never moves a tenant other than its canary onto it past a failed canary.
      if (s.jobs[i]!.bad && (run.report as Report).restore) expect(mine.filter((c) => c.sha === commits[i] && c.tenant !== 't1')).toEqual([])
      // A job ends green, neutral, or failed only because a tenant's ancestry could not be established
      // (or a crash-looping commit failed a canary, its own or one it was still verifying).
      if (run.outputs.result === 'failed' && anyBad) {
        expect(run.exitCode).toBe(1)
      } else if (run.outputs.result === 'failed') {
        const failing = (run.report as Report).tenants.filter((t) => !t.ok && t.action !== 'not-started' && t.action !== 'stopped-superseded')
        expect(failing.map((t) => t.action)).toEqual(failing.map(() => 'skipped-unknown'))
        expect(s.jobs.some((j) => j.compare.some((c) => c !== '503'))).toBe(true)
      } else {
        expect(['deployed', 'skipped-superseded']).toContain(run.outputs.result)
        expect(run.exitCode).toBe(0)
      }
      if (run.outputs.result === 'deployed') expect(run.outputs.stale).toBe('[]')

      // Fence: between two sends to one tenant, this job read the head again.
      for (const t of names) {
        const toT = mine.filter((c) => c.tenant === t)
        for (let k = 1; k < toT.length; k++) {
          // A call still unanswered when the next one arrived was given up by the client (its request timeout):
          // the wait then began after it was sent, not after the control plane's late answer.
          const prev = toT[k - 1]!
          const previousAnswer = prev.answeredAt !== undefined && prev.answeredAt <= toT[k]!.receivedAt ? prev.answeredAt : prev.receivedAt
          const fresh = reads.some((r) => r.forwardedAt >= previousAnswer && r.answeredAt <= toT[k]!.receivedAt)
          expect({ tenant: t, attempt: k + 1, fresh }).toEqual({ tenant: t, attempt: k + 1, fresh: true })
        }
      }
      // Window: every send rests on a head read made before any newer commit had landed.
      for (const c of mine) {
        const read = lastReadBefore(reads, c.receivedAt)
        expect(read).toBeDefined()
        const landedBefore = landedBy.slice(i + 1).filter((t) => t <= read!.forwardedAt)
        expect({ call: describeCall(c), newerLandedBeforeItsRead: landedBefore.length }).toEqual({ call: describeCall(c), newerLandedBeforeItsRead: 0 })
      }
    }

    // The newest job converges the fleet, unless it could not tell where some tenants stood or its own
    // commit crash-loops (then its canary failed, and nothing else received that commit).
    const last = runs.at(-1)!
    if (last.outputs.result === 'deployed') for (const n of names) expect(fleet.tenants.serving(n)).toBe(newest)
    else expect(last.outputs.result).toBe('failed')
    if (s.jobs.at(-1)!.bad) {
      expect(calls.filter((c) => c.sha === newest && c.tenant !== 't1')).toEqual([])
      const restore = (last.report as Report).restore
      // The newest job owns the branch: its restore is never held back as superseded or unproven
      // ownership; it is skipped only where no stable release is known (no commit here has a record that
      // its deploy verified, unless an earlier job's deploy did).
      if (restore) expect(['restored', 'failed', 'nothing-to-restore', 'skipped']).toContain(restore.outcome)
      if (restore?.outcome === 'skipped') expect(restore.tenants[0]!.detail).toMatch(/^no stable release is known: /)
      if (restore?.outcome === 'restored') expect(fleet.tenants.serving('t1')).toBe(restore.tenants[0]!.to)
      if (restore?.outcome === 'skipped') expect(calls.filter((c) => c.current === newest && order(c.sha) < commits.length - 1)).toEqual([])
    }

    const all = [fleet.base, ...commits]
    for (const [k, newer] of all.entries()) {
      for (const older of all.slice(0, k)) {
        const backward = fleet.wentBackward(newer, older)
        for (const t of backward) {
          const culprits = fleet.controlPlane.applied(t).filter((c) => c.sha === older)
          // The deliberate move: the newer commit's own job restored its failed canary to its pre-flight commit.
          const restored = culprits.some((c) => c.current === newer && isRestoreBy(c, commits.indexOf(newer)))
          if (restored) continue
          // Otherwise only a redeploy (or another job's restore) sent on a head read made before the newer
          // commit landed can move a tenant back, and never through a compare-and-set control plane.
          if (compareAndSet) expect({ tenant: t, newer: order(newer), older: order(older), backward: true }).toEqual({ tenant: t, newer: order(newer), older: order(older), backward: false })
          expect(culprits.some((c) => (lastReadBefore(taps[senderOf(c)]!.headReads(), c.receivedAt)?.forwardedAt ?? Infinity) < landedBy[k - 1]!)).toBe(true)
        }
      }
    }
  } finally {
    await Promise.all(taps.map((t) => t.close()))
    await fleet.close()
  }
}

function describeCall(c: RedeployCall): string {
  return `${c.tenant} ${c.sha.slice(0, 7)} ${c.outcome} at ${Math.round(c.receivedAt)}`
}

/** C2 crash-loops; C3, the fix, lands while C2's job may still be verifying or restoring its canary. */
const crashLoopThenFix: Schedule = {
  jobs: [
    { landGapMs: 0, startDelayMs: 0, cp: [], compare: [], hang: null },
    { bad: true, landGapMs: 200, startDelayMs: 0, cp: [], compare: [], hang: null },
    { landGapMs: 400, startDelayMs: 0, cp: [], compare: [], hang: null }
  ],
  drains: [50, 0, 0, 0],
  latencies: [20, 0, 0, 0]
}

/** The newest commit crash-loops: its canary must go back to C1 (or the base), and nothing else moves. */
const newestCrashLoops: Schedule = {
  jobs: [
    { landGapMs: 0, startDelayMs: 0, cp: [], compare: [], hang: null },
    { bad: true, landGapMs: 300, startDelayMs: 0, cp: [], compare: [], hang: null }
  ],
  drains: [30, 0, 0, 0],
  latencies: [10, 0, 0, 0]
}

/**
 * Found by this property: the newest, crash-looping job restores its canary to the commit an older job
 * deployed there; that send is the newest job's (its `current` is the newest commit), not the older job's.
 */
const restoreToAnOlderJobsCommit: Schedule = {
  jobs: [
    { bad: false, landGapMs: 190, startDelayMs: 160, cp: [], compare: [], hang: 2 },
    { bad: false, landGapMs: 373, startDelayMs: 36, cp: [], compare: [], hang: 2 },
    { bad: true, landGapMs: 165, startDelayMs: 105, cp: [], compare: [], hang: 1 }
  ],
  drains: [90, 292, 197, 123],
  latencies: [86, 0, 55, 82]
}

describe('overlapping deploy jobs (property-based)', () => {
  it('converge on the newest commit without a late job acting, for any schedule', async () => {
    // The incident of a stale gate answer: A's canary pre-flight read hangs for a request timeout, B
    // lands and deploys meanwhile; A's first redeploy must rest on a head read made after the wait.
    const hangAcrossLanding: Schedule = {
      jobs: [
        { landGapMs: 0, startDelayMs: 0, cp: [], compare: [], hang: 0 },
        { landGapMs: 0, startDelayMs: 0, cp: [], compare: [], hang: null }
      ],
      drains: [0, 0, 0, 0],
      latencies: [0, 0, 0, 0]
    }
    await fc.assert(
      fc.asyncProperty(scheduleOf(false, 4), (s) => play(s, false)),
      { numRuns: 5, endOnFailure: true, examples: [[hangAcrossLanding], [crashLoopThenFix]] }
    )
  }, 300_000)

  it('with a compare-and-set control plane, no tenant ever moves backward', async () => {
    // Found by this property: the newest job's compare-and-set refused because an older job's redeploy
    // went live between its read and its write; it must read again and retry, not fail the tenant.
    const casRefusedOnce: Schedule = {
      jobs: [
        { landGapMs: 394, startDelayMs: 202, cp: [], compare: [], hang: null },
        { landGapMs: 394, startDelayMs: 295, cp: [], compare: [], hang: null },
        { landGapMs: 5, startDelayMs: 6, cp: [], compare: [], hang: null }
      ],
      drains: [196, 3, 4, 7],
      latencies: [143, 1, 112, 35]
    }
    await fc.assert(
      fc.asyncProperty(scheduleOf(false, 4), (s) => play(s, true)),
      { numRuns: 5, endOnFailure: true, examples: [[casRefusedOnce], [newestCrashLoops], [restoreToAnOlderJobsCommit]] }
    )
  }, 240_000)

  it('with control-plane retries, outages and compare failures: fenced retries, no send on a stale head', async () => {
    // Found by this property: a held 503 outlives the request timeout (the landing waits for a later
    // tenant's hanging read), so the client retries before the control plane answers the first call.
    const heldPastItsTimeout: Schedule = {
      jobs: [
        { bad: false, landGapMs: 398, startDelayMs: 1, cp: [{ kind: 'retry-after', seconds: 1, held: true }], compare: ['503'], hang: 3 },
        { bad: false, landGapMs: 328, startDelayMs: 184, cp: [{ kind: 'outage', count: 1 }], compare: [], hang: null },
        { bad: false, landGapMs: 8, startDelayMs: 206, cp: [], compare: [], hang: 1 }
      ],
      drains: [3, 275, 135, 14],
      latencies: [4, 3, 146, 10]
    }
    // A's first redeploy gets 503 + Retry-After while B lands: the retry must not be sent.
    const retryAcrossLanding: Schedule = {
      jobs: [
        { landGapMs: 0, startDelayMs: 0, cp: [{ kind: 'retry-after', seconds: 1, held: true }], compare: [], hang: null },
        { landGapMs: 0, startDelayMs: 0, cp: [], compare: [], hang: null }
      ],
      drains: [0, 0, 0, 0],
      latencies: [0, 0, 0, 0]
    }
    await fc.assert(
      fc.asyncProperty(scheduleOf(true, 3), fc.boolean(), (s, cas) => play(s, cas)),
      {
        numRuns: 5,
        endOnFailure: true,
        examples: [
          [retryAcrossLanding, false],
          [heldPastItsTimeout, false]
        ]
      }
    )
  }, 360_000)
})
