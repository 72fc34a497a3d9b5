import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { Ancestry } from '../src/forge/ancestry.js'
import type { Comparison, Forge } from '../src/forge/types.js'
import type { GateDecision } from '../src/gate/decide.js'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import { ControlPlaneRedeployer } from '../src/rollout/control-plane.js'
import { preflightAction, preflightRead, type Seen } from '../src/rollout/preflight.js'
import { type RedeployRequest, type Redeployer, SupersededError } from '../src/rollout/redeploy-types.js'
import { Sweeper } from '../src/rollout/sweeper.js'
import { rollTenant, type TenantStepDeps } from '../src/rollout/tenant-step.js'
import { InstantClock } from '../simulator/clocks.js'
import { ControlPlane } from '../simulator/control-plane.js'
import { TenantSimulator } from '../simulator/tenants.js'
import { CancelledError } from '../src/runtime/cancel.js'

const T = 'b'.repeat(40)
const OLD = 'a'.repeat(40)
const NEW = 'c'.repeat(40)

describe('the control-plane redeployer passes the fence before every retry', () => {
  let tenants: TenantSimulator
  let cp: ControlPlane
  let http: HttpClient
  beforeAll(async () => {
    tenants = await TenantSimulator.start()
    tenants.add('t1', { sha: OLD, drainMs: 0 })
    cp = await ControlPlane.start({ tenants })
    http = createHttpClient()
  })
  afterAll(async () => {
    await http.close()
    await cp.close()
    await tenants.close()
  })

  const req: RedeployRequest = { tenant: 't1', tag: 'x', sha: T, environment: 'p', current: OLD }
  const superseded: GateDecision = { superseded: true, headSha: NEW, basis: 'ahead', reason: 'main is at ccccccc, a newer commit; this job is superseded.' }
  const redeployer = (clock: InstantClock): ControlPlaneRedeployer =>
    new ControlPlaneRedeployer({ kind: 'http', url: `${cp.redeployUrl}`, method: 'POST', body: '{"tenant":"{tenant}","sha":"{sha}"}', token: '' }, 2000, {
      http,
      clock,
      runner: { run: () => Promise.reject(new Error('no command in these tests')) },
      log: () => undefined
    })

  it('a retry due after Retry-After is not sent once the fence says superseded', async () => {
    cp.calls.length = 0
    cp.inject({ status: 503, headers: { 'retry-after': '6' } })
    const clock = new InstantClock()
    const asked: number[] = []
    const needs: unknown[] = []
    const res = await redeployer(clock).redeploy(req, {
      fence: async (need) => {
        asked.push(clock.now())
        needs.push(need)
        throw new SupersededError(superseded)
      }
    })
    expect(cp.calls).toHaveLength(1)
    // Asked after the wait the server asked for, not before it, for a head read sent after the wait began.
    expect(asked).toEqual([6000])
    expect(needs).toEqual([{ sentSince: 0 }])
    expect(res).toMatchObject({ ok: false, superseded })
    expect(res.detail).toMatch(/HTTP 503.*; not retried, because this job is superseded: main is at ccccccc/)
  })

  it("a cancel while the retry's fence reads the head: no retry, and the result says cancelled (no verdict on the tenant)", async () => {
    cp.calls.length = 0
    cp.inject({ status: 503, headers: { 'retry-after': '6' } })
    const res = await redeployer(new InstantClock()).redeploy(req, {
      fence: async () => {
        throw new CancelledError('SIGINT')
      }
    })
    expect(cp.calls).toHaveLength(1)
    expect(res).toMatchObject({ ok: false, cancelled: true })
    expect(res.detail).toMatch(/HTTP 503.*; not retried, because the run was cancelled$/)
  })

  it('an outage (several 5xx, own backoff) is retried while the fence passes, and stops when it stops passing', async () => {
    cp.calls.length = 0
    cp.inject({ status: 503 }, { status: 502 }, { status: 503 })
    let passes = 2
    const res = await redeployer(new InstantClock()).redeploy(req, {
      fence: async () => {
        if (passes-- <= 0) throw new SupersededError(superseded)
      }
    })
    expect(cp.calls.map((c) => c.outcome)).toEqual(['fault', 'fault', 'fault'])
    expect(res.superseded).toBe(superseded)
  })

  it('without a fence error the retries go on and succeed', async () => {
    cp.calls.length = 0
    cp.inject({ status: 503, headers: { 'retry-after': '1' } })
    const res = await redeployer(new InstantClock()).redeploy(req, { fence: async () => undefined })
    expect(res).toEqual({ ok: true, detail: '' })
    expect(cp.calls.map((c) => c.outcome)).toEqual(['fault', 'applied'])
  })
})

describe('pre-flight: unknown ancestry is never taken for older', () => {
  const forge = (answer: () => Promise<Comparison>): Ancestry => new Ancestry({ kind: 'github', compare: answer } as unknown as Forge)

  it.each([
    ['a 503 outage', new Error('GET compare answered HTTP 503')],
    ['a 404 from a token that cannot read a private repository', new Error('GET compare answered HTTP 404: Not Found')],
    ['a 403 secondary rate limit', new Error('GET compare answered HTTP 403: You have exceeded a secondary rate limit')]
  ])('%s: the tenant is not rolled, unless force', async (_name, error) => {
    const seen = await preflightRead(
      { sha: NEW },
      T,
      forge(() => Promise.reject(error))
    )
    expect(seen).toEqual({ kind: 'unknown', sha: NEW, detail: error.message })
    expect(preflightAction(seen, false)).toBe('skip-unknown')
    expect(preflightAction(seen, true)).toBe('redeploy')
  })

  it('answered relations decide; no answer at all is rolled', () => {
    const cases: [Seen, string, string][] = [
      [{ kind: 'on-target', sha: T }, 'skip-on-target', 'skip-on-target'],
      [{ kind: 'ahead', sha: NEW }, 'skip-ahead', 'redeploy-forced-backward'],
      [{ kind: 'older', sha: OLD }, 'redeploy', 'redeploy'],
      [{ kind: 'no-answer', error: 'HTTP 503' }, 'redeploy', 'redeploy']
    ]
    for (const [seen, plain, forced] of cases) {
      expect(preflightAction(seen, false)).toBe(plain)
      expect(preflightAction(seen, true)).toBe(forced)
    }
  })

  it('a diverged tenant (off the branch) counts as older; a descendant as ahead', async () => {
    expect(
      (
        await preflightRead(
          { sha: OLD },
          T,
          forge(async () => ({ relation: 'diverged' }))
        )
      ).kind
    ).toBe('older')
    expect(
      (
        await preflightRead(
          { sha: NEW },
          T,
          forge(async () => ({ relation: 'ahead', aheadBy: 2 }))
        )
      ).kind
    ).toBe('ahead')
    expect(
      (
        await preflightRead(
          { sha: OLD },
          T,
          forge(async () => ({ relation: 'behind', behindBy: 1 }))
        )
      ).kind
    ).toBe('older')
    expect(
      (
        await preflightRead(
          { error: 'HTTP 500' },
          T,
          forge(() => Promise.reject(new Error('never asked')))
        )
      ).kind
    ).toBe('no-answer')
  })
})

describe('a tenant step in a job that already knows it is superseded', () => {
  const decision: GateDecision = { superseded: true, headSha: NEW, basis: 'ahead', reason: 'main is at ccccccc, a newer commit; this job is superseded.' }
  const ancestry = new Ancestry({ kind: 'github', compare: async () => ({ relation: 'behind', behindBy: 1 }) } as unknown as Forge)

  function deps(known: GateDecision | undefined, sent: RedeployRequest[]): TenantStepDeps {
    const redeployer: Redeployer = { redeploy: async (req) => (sent.push(req), { ok: true, detail: '' }) }
    const request = (tenant: string, current: string): RedeployRequest => ({ tenant, tag: 'x', sha: T, environment: 'p', current })
    const fence = async (): Promise<void> => undefined
    return {
      target: T,
      force: false,
      prober: { probe: async () => ({ sha: OLD, status: 200 }) },
      ancestry,
      redeployer,
      sweeper: new Sweeper({ target: T, request, redeployer, ancestry, fence, log: () => undefined }),
      request,
      signal: new AbortController().signal,
      fence,
      knownSuperseded: () => known
    }
  }

  it('sends no first attempt once another tenant found the job superseded', async () => {
    const sent: RedeployRequest[] = []
    const record = await rollTenant('t2', 'wave 1', deps(decision, sent))
    expect(sent).toEqual([])
    expect(record).toMatchObject({ action: 'stopped-superseded', before: OLD })
    expect(record.redeployError).toMatch(/^not sent, because this job is superseded: main is at ccccccc/)
  })

  it('a compare-and-set re-attempt passes the fence: superseded by then, it is not sent', async () => {
    const sent: RedeployRequest[] = []
    const d = deps(undefined, sent)
    d.redeployer = { redeploy: async (req) => (sent.push(req), { ok: false, detail: 'control plane (t2) answered HTTP 409', conflict: true }) }
    const needs: unknown[] = []
    d.fence = async (need) => {
      needs.push(need)
      throw new SupersededError(decision)
    }
    const record = await rollTenant('t2', 'wave 1', d)
    expect(sent).toHaveLength(1)
    expect(record.action).toBe('stopped-superseded')
    expect(record.redeployError).toMatch(/HTTP 409; not retried, because this job is superseded: main is at ccccccc/)
    // A new head read: the answer the refused attempt went out on predates the refusal.
    expect(needs).toEqual([{ readNow: true }])
  })

  it("a cancel while a compare-and-set re-attempt's fence reads the head: not sent, and the step returns (nothing thrown)", async () => {
    const sent: RedeployRequest[] = []
    const d = deps(undefined, sent)
    d.redeployer = { redeploy: async (req) => (sent.push(req), { ok: false, detail: 'control plane (t2) answered HTTP 409', conflict: true }) }
    d.fence = async () => {
      throw new CancelledError('SIGINT')
    }
    const record = await rollTenant('t2', 'wave 1', d)
    expect(sent).toHaveLength(1)
    expect(record.redeployError).toMatch(/HTTP 409; not retried, because the run was cancelled$/)
  })

  it("a cancel while a re-issue's fence reads the head: nothing is sent again, and the sweeper says why", async () => {
    const sent: RedeployRequest[] = []
    const logs: string[] = []
    const redeployer: Redeployer = { redeploy: async (req) => (sent.push(req), { ok: true, detail: '' }) }
    const older = new Ancestry({ kind: 'github', compare: async () => ({ relation: 'ahead', aheadBy: 1 }) } as unknown as Forge)
    const sweeper = new Sweeper({
      target: T,
      request: (tenant, current) => ({ tenant, tag: 'x', sha: T, environment: 'p', current }),
      redeployer,
      ancestry: older,
      fence: async () => {
        throw new CancelledError('SIGINT')
      },
      log: (m) => logs.push(m)
    })
    sweeper.watch('t1', OLD)
    sweeper.observe('t1', { sha: T, status: 200 })
    // Seen on the target, then back on the older commit: a regression a re-issue would undo.
    sweeper.observe('t1', { sha: OLD, status: 200 })
    await sweeper.settle()
    expect(sent).toEqual([])
    expect(logs).toEqual([`t1 regressed to ${OLD.slice(0, 7)}, but its redeploy is not sent again: the run was cancelled`])
  })

  it('still owner: the older tenant is redeployed', async () => {
    const sent: RedeployRequest[] = []
    const record = await rollTenant('t2', 'wave 1', deps(undefined, sent))
    expect(sent.map((r) => r.current)).toEqual([OLD])
    expect(record.action).toBe('redeployed')
  })
})
