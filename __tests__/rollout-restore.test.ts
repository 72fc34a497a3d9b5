import { describe, expect, it } from '@jest/globals'
import { Ancestry } from '../src/forge/ancestry.js'
import type { Forge } from '../src/forge/types.js'
import type { GateDecision } from '../src/gate/decide.js'
import { formatStamp, parseStamp } from '../src/record/stamp.js'
import type { RedeployOptions, RedeployRequest, RedeployResult, Redeployer } from '../src/rollout/redeploy-types.js'
import { restoreCanary, type RestoreDeps } from '../src/rollout/restore.js'
import { restoreAllowed, restorePlan } from '../src/rollout/restore-decide.js'
import { Sweeper } from '../src/rollout/sweeper.js'
import { rollTenant, type TenantStepDeps } from '../src/rollout/tenant-step.js'
import type { TenantAction, TenantRecord } from '../src/rollout/types.js'
import type { VerifySettings } from '../src/settings/verify.js'
import { InstantClock } from '../simulator/clocks.js'

/** The one deliberate backward move, unit by unit: which tenant, to which commit, on which gate answer. */
const T = 'b'.repeat(40)
const OLD = 'a'.repeat(40)
const OTHER = 'd'.repeat(40)
const NEW = 'c'.repeat(40)

const owner: GateDecision = { superseded: false, headSha: T, basis: 'identical', reason: "main is at bbbbbbb, this job's commit." }
const superseded: GateDecision = { superseded: true, headSha: NEW, basis: 'ahead', reason: 'main is at ccccccc, a newer commit; this job is superseded.' }

const moved = (extra: Partial<TenantRecord> = {}): TenantRecord => ({ tenant: 't1', step: 'canary', action: 'redeployed', before: OLD, movedFrom: OLD, reissues: 0, ...extra })

describe('restorePlan: only a canary tenant this job moved, only to its own pre-flight commit', () => {
  it('a canary tenant this job moved goes back to the commit its redeploy was sent on', () => {
    expect(restorePlan(moved(), T)).toEqual({ kind: 'restore', to: OLD })
    // After a compare-and-set re-read, the commit the accepted redeploy was sent on, not the first read.
    expect(restorePlan(moved({ before: OLD, movedFrom: OTHER }), T)).toEqual({ kind: 'restore', to: OTHER })
  })

  it.each<TenantAction>(['skipped-on-target', 'skipped-ahead', 'skipped-unknown', 'redeploy-failed', 'stopped-superseded', 'not-started'])(
    'a tenant this job did not move (%s) is left alone',
    (action) => {
      expect(restorePlan(moved({ action }), T)).toMatchObject({ kind: 'leave', action: 'not-moved' })
    }
  )

  it('a wave tenant is never restored', () => {
    expect(restorePlan(moved({ step: 'wave 1' }), T)).toMatchObject({ kind: 'leave', action: 'not-moved' })
  })

  it('a tenant whose pre-flight read gave no commit has nothing to go back to', () => {
    expect(restorePlan(moved({ before: undefined, movedFrom: undefined }), T)).toMatchObject({ kind: 'leave', action: 'nothing-to-restore' })
    // Even when an earlier read (before a compare-and-set refusal) gave one.
    expect(restorePlan(moved({ before: OLD, movedFrom: undefined }), T)).toMatchObject({ kind: 'leave', action: 'nothing-to-restore' })
  })
})

describe('restoreAllowed: positive ownership right before, whatever force says', () => {
  it('the owner (the head is this commit, or a lagging read of an ancestor) restores', () => {
    expect(restoreAllowed(owner)).toEqual({ allowed: true })
    expect(restoreAllowed({ ...owner, basis: 'behind' })).toEqual({ allowed: true })
  })

  it('superseded, unreadable, unknown or switched off: no restore', () => {
    expect(restoreAllowed(superseded)).toMatchObject({ allowed: false, outcome: 'superseded' })
    expect(restoreAllowed({ ...superseded, basis: 'diverged' })).toMatchObject({ allowed: false, outcome: 'superseded' })
    expect(restoreAllowed({ superseded: false, headSha: undefined, basis: 'unreadable', reason: 'could not read' })).toMatchObject({ allowed: false, outcome: 'skipped' })
    expect(restoreAllowed({ superseded: false, headSha: undefined, basis: 'disabled', reason: 'off' })).toMatchObject({ allowed: false, outcome: 'skipped' })
  })
})

/** A fleet in a map: a redeploy moves the tenant at once (unless `apply` says otherwise); probes read it. */
function harness(serving: Record<string, string | undefined>, decisions: GateDecision[], answer?: (req: RedeployRequest) => RedeployResult) {
  const sent: RedeployRequest[] = []
  const fences: number[] = []
  const redeployer: Redeployer = {
    async redeploy(req: RedeployRequest, o?: RedeployOptions) {
      sent.push(req)
      const res = answer?.(req) ?? { ok: true, detail: '' }
      if (res.ok) serving[req.tenant] = req.sha
      // A transient failure: the retry passes the fence first, as the control-plane driver does.
      if (res.detail === 'retry' && o?.fence) {
        fences.push(sent.length)
        try {
          await o.fence()
        } catch (error) {
          return { ok: false, detail: 'HTTP 503; not retried', superseded: (error as { decision: GateDecision }).decision }
        }
      }
      return res
    }
  }
  let asked = 0
  const verify = { budgetMs: 1000, intervalMs: 100, requestTimeoutMs: 100, concurrency: 4, confirmations: 1 } as VerifySettings
  const deps: RestoreDeps = {
    mode: 'restore',
    target: { sha: T, branch: 'main', environment: 'production' },
    imageTag: 'staging-{sha7}',
    gate: { check: async () => decisions[Math.min(asked++, decisions.length - 1)]! },
    redeployer,
    prober: { probe: async (t) => (serving[t] ? { sha: serving[t], status: 200 } : { error: 'HTTP 503', status: 503 }) },
    verify,
    clock: new InstantClock(),
    signal: new AbortController().signal,
    // Every previous commit here has a record saying its deploy verified: a stable release to go back to.
    standingOf: async () => 'verified'
  }
  return { deps, sent, fences, asked: () => asked }
}

describe('restoreCanary', () => {
  it('sends the previous commit with its own tag and the rejected target as {current}, then verifies it there', async () => {
    const h = harness({ t1: T, t2: T }, [owner])
    const r = await restoreCanary([moved(), moved({ tenant: 't2', movedFrom: OTHER })], h.deps)
    expect(h.sent).toEqual([
      { tenant: 't1', tag: 'staging-aaaaaaa', sha: OLD, environment: 'production', current: T },
      { tenant: 't2', tag: 'staging-ddddddd', sha: OTHER, environment: 'production', current: T }
    ])
    expect(r.outcome).toBe('restored')
    expect(r.tenants.map((t) => [t.tenant, t.action, t.to, t.verdict?.verdict])).toEqual([
      ['t1', 'restored', OLD, 'on-target'],
      ['t2', 'restored', OTHER, 'on-target']
    ])
    expect(h.asked()).toBe(1)
  })

  it('an accepted restore that never takes effect is not verified: the rejected build, though a descendant, is not "ahead"', async () => {
    const serving: Record<string, string | undefined> = { t1: T }
    const h = harness(serving, [owner], () => ({ ok: true, detail: '' }))
    h.deps.redeployer = { redeploy: async (req) => (h.sent.push(req), { ok: true, detail: '' }) }
    const r = await restoreCanary([moved()], h.deps)
    expect(r.outcome).toBe('failed')
    expect(r.tenants[0]).toMatchObject({ action: 'restored', to: OLD, verdict: { verdict: 'stale', sha: T } })
    expect(r.reason).toMatch(/did not verify for 1 of 1 tenant\(s\) \(t1 stale\)/)
  })

  it('a compare-and-set refusal (the tenant no longer serves the rejected build) is not retried', async () => {
    const h = harness({ t1: NEW }, [owner], () => ({ ok: false, detail: 'HTTP 409', conflict: true }))
    const r = await restoreCanary([moved()], h.deps)
    expect(h.sent).toHaveLength(1)
    expect(r.outcome).toBe('failed')
    expect(r.tenants[0]).toMatchObject({ action: 'restore-failed' })
    expect(r.tenants[0]!.detail).toMatch(/no longer serves bbbbbbb, so it is not this job's to move/)
  })

  it('superseded right before: nothing is sent', async () => {
    const h = harness({ t1: T }, [superseded])
    const r = await restoreCanary([moved()], h.deps)
    expect(h.sent).toEqual([])
    expect(r).toMatchObject({ outcome: 'superseded', tenants: [{ action: 'not-sent', to: OLD }] })
  })

  it('a retry of the restore passes the fence, which stops it once a newer commit owns the branch', async () => {
    const h = harness({ t1: T }, [owner, superseded], () => ({ ok: false, detail: 'retry' }))
    const r = await restoreCanary([moved()], h.deps)
    expect(h.fences).toEqual([1])
    expect(h.asked()).toBe(2)
    expect(r.tenants[0]).toMatchObject({ action: 'not-sent' })
  })

  it('hold, nothing to restore, and a cancelled run send nothing', async () => {
    const held = harness({ t1: T }, [owner])
    expect(await restoreCanary([moved()], { ...held.deps, mode: 'hold' })).toMatchObject({ outcome: 'held' })
    const none = harness({ t1: T }, [owner])
    expect(await restoreCanary([moved({ movedFrom: undefined }), moved({ tenant: 't2', action: 'skipped-ahead' })], none.deps)).toMatchObject({
      outcome: 'nothing-to-restore',
      tenants: [{ action: 'nothing-to-restore' }, { action: 'not-moved' }]
    })
    const cancelled = harness({ t1: T }, [owner])
    const ac = new AbortController()
    ac.abort()
    expect(await restoreCanary([moved()], { ...cancelled.deps, signal: ac.signal })).toMatchObject({ outcome: 'skipped' })
    expect([...held.sent, ...none.sent, ...cancelled.sent]).toEqual([])
    expect(cancelled.asked() + none.asked() + held.asked()).toBe(0)
  })
})

describe('restoreCanary goes to the stable release', () => {
  it('a previous commit with no record is no release: nothing is sent, and the row says why', async () => {
    const h = harness({ t1: T }, [owner])
    h.deps.standingOf = async () => 'unrecorded'
    const r = await restoreCanary([moved()], h.deps)
    expect(h.sent).toEqual([])
    expect(r).toMatchObject({ outcome: 'skipped', tenants: [{ action: 'not-sent', to: OLD }] })
    expect(r.tenants[0]!.detail).toMatch(/no stable release is known: its previous commit aaaaaaa has no deploy record/)
    expect(r.reason).toMatch(/^Not restored: no stable release is known/)
  })

  it('with report: none no record is read: nothing is sent', async () => {
    const h = harness({ t1: T }, [owner])
    delete h.deps.standingOf
    const r = await restoreCanary([moved()], h.deps)
    expect(h.sent).toEqual([])
    expect(r.tenants[0]!.detail).toMatch(/no deploy record is read \(report: none\)/)
  })

  it('the promote tag is the stable release when the previous commit is not one', async () => {
    const h = harness({ t1: T }, [owner])
    h.deps.standingOf = async () => 'unrecorded'
    h.deps.latestOf = async () => ({ sha: OTHER })
    const r = await restoreCanary([moved()], h.deps)
    expect(h.sent.map((s) => [s.sha, s.tag, s.current])).toEqual([[OTHER, 'staging-ddddddd', T]])
    expect(r).toMatchObject({ outcome: 'restored', tenants: [{ action: 'restored', to: OTHER, verdict: { verdict: 'on-target' } }] })
    expect(r.reason).toMatch(/Restored the canary to the stable release and verified it there: t1 to ddddddd\./)
  })

  it('a verified previous commit is gone back to without reading the promote tag', async () => {
    const h = harness({ t1: T }, [owner])
    let reads = 0
    h.deps.latestOf = async () => (reads++, { sha: OTHER })
    const r = await restoreCanary([moved()], h.deps)
    expect(h.sent.map((s) => s.sha)).toEqual([OLD])
    expect(r.reason).toMatch(/Restored the canary to its previous commit/)
    expect(reads).toBe(0)
  })

  it('a promote tag that cannot be read is passed over, and the reason names it', async () => {
    const h = harness({ t1: T }, [owner])
    h.deps.standingOf = async () => 'unrecorded'
    h.deps.latestOf = async () => {
      throw new Error('registry down')
    }
    const r = await restoreCanary([moved()], h.deps)
    expect(h.sent).toEqual([])
    expect(r.tenants[0]!.detail).toMatch(/the promote tag's commit is not known \(registry down\)/)
  })

  it('a canary tenant whose previous commit is unverified goes to the newest verified commit another canary tenant served', async () => {
    const h = harness({ t1: T, t2: T }, [owner])
    h.deps.standingOf = async (sha) => (sha === OTHER ? 'verified' : 'unverified')
    const r = await restoreCanary([moved(), moved({ tenant: 't2', movedFrom: OTHER })], h.deps)
    expect(h.sent.map((s) => [s.tenant, s.sha])).toEqual([
      ['t1', OTHER],
      ['t2', OTHER]
    ])
    expect(r.outcome).toBe('restored')
  })

  it('of two verified commits, the newer one', async () => {
    const h = harness({ t1: T, t2: T, t3: T }, [owner])
    h.deps.standingOf = async (sha) => (sha === NEW ? 'held' : 'verified')
    // OTHER is ahead of OLD.
    h.deps.ancestry = { isAhead: async (a, b) => a === OTHER && b === OLD }
    await restoreCanary([moved({ movedFrom: NEW }), moved({ tenant: 't2' }), moved({ tenant: 't3', movedFrom: OTHER })], h.deps)
    expect(h.sent.map((s) => [s.tenant, s.sha])).toEqual([
      ['t1', OTHER],
      ['t2', OLD],
      ['t3', OTHER]
    ])
  })
})

describe('the commit a restore returns to is the read the accepted redeploy was sent on', () => {
  it('after a compare-and-set refusal and a fresh read, movedFrom is the fresh read', async () => {
    const reads = [OLD, OTHER]
    let n = 0
    const ancestry = new Ancestry({ kind: 'github', compare: async () => ({ relation: 'behind', behindBy: 1 }) } as unknown as Forge)
    const redeployer: Redeployer = { redeploy: async () => (n++ === 0 ? { ok: false, detail: 'HTTP 409', conflict: true } : { ok: true, detail: '' }) }
    const request = (tenant: string, current: string): RedeployRequest => ({ tenant, tag: 'x', sha: T, environment: 'p', current })
    const fence = async (): Promise<void> => undefined
    const deps: TenantStepDeps = {
      target: T,
      force: false,
      prober: { probe: async () => ({ sha: reads[Math.min(n, 1)], status: 200 }) },
      ancestry,
      redeployer,
      sweeper: new Sweeper({ target: T, request, redeployer, ancestry, fence, log: () => undefined }),
      request,
      signal: new AbortController().signal,
      fence
    }
    const record = await rollTenant('t1', 'canary', deps)
    expect(record).toMatchObject({ action: 'redeployed', before: OLD, movedFrom: OTHER })
    expect(restorePlan(record, T)).toEqual({ kind: 'restore', to: OTHER })
  })
})

describe('the deploy record says what the restore did', () => {
  it('round-trips, and a reader of the old form still reads the rest', () => {
    const stamp = { mode: 'deploy', runId: '4242', attempt: 1, end: 'canary-failed' as const, restore: { outcome: 'restored', verified: 1, due: 1 } }
    expect(formatStamp(stamp)).toBe('rollout-guard deploy 4242.1 canary-failed restore restored:1/1')
    expect(parseStamp(`Canary failed [${formatStamp(stamp)}]`)).toEqual(stamp)
    expect(parseStamp(formatStamp({ ...stamp, part: '2/4' }))).toEqual({ ...stamp, part: '2/4' })
    expect(parseStamp('rollout-guard deploy 4242.1 canary-failed')).toEqual({ mode: 'deploy', runId: '4242', attempt: 1, end: 'canary-failed' })
  })
})
