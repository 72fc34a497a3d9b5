import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { Ancestry } from '../src/forge/ancestry.js'
import type { GateDecision } from '../src/gate/decide.js'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import { planSteps } from '../src/rollout/plan.js'
import { type RedeployRequest, type Redeployer, SupersededError } from '../src/rollout/redeploy-types.js'
import { MAX_REISSUES, Sweeper } from '../src/rollout/sweeper.js'
import { FakeForge } from '../simulator/fake-forge.js'
import { GitRepo } from '../simulator/git-repo.js'
import { ancestryFor } from './support/factories.js'

describe('planSteps', () => {
  const fleet = ['a', 'b', 'c', 'd', 'e', 'f', 'g']

  it('canary first, then waves of max-parallel in fleet order', () => {
    expect(planSteps(fleet, ['c'], 3)).toEqual([
      { name: 'canary', kind: 'canary', tenants: ['c'], reach: 1 },
      { name: 'wave 1', kind: 'wave', tenants: ['a', 'b', 'd'], reach: 4 },
      { name: 'wave 2', kind: 'wave', tenants: ['e', 'f', 'g'], reach: 7 }
    ])
  })

  it('without a canary the first wave leads', () => {
    expect(planSteps(fleet, [], 5).map((s) => s.tenants)).toEqual([
      ['a', 'b', 'c', 'd', 'e'],
      ['f', 'g']
    ])
  })

  it('every tenant appears exactly once', () => {
    for (let p = 1; p <= 8; p++) {
      const steps = planSteps(fleet, ['g', 'a'], p)
      expect(steps.flatMap((s) => s.tenants).sort()).toEqual([...fleet].sort())
      expect(steps.every((s) => s.kind === 'canary' || s.tenants.length <= p)).toBe(true)
    }
  })
})

describe('Sweeper: re-issuing a redeploy when a tenant regresses', () => {
  let repo: GitRepo
  let forge: FakeForge
  let http: HttpClient
  let ancestry: Ancestry
  let O: string
  let A: string
  let B: string
  let C: string

  beforeAll(async () => {
    repo = await GitRepo.create()
    O = await repo.commit('O')
    A = await repo.commit('A')
    B = await repo.commit('B')
    await repo.setBranch('side', O)
    C = await repo.commit('unrelated', 'side')
    await repo.setBranch('main', B)
    forge = await FakeForge.start({ flavour: 'github', repo })
    http = createHttpClient()
    ancestry = ancestryFor(forge, http)
  })
  afterAll(async () => {
    await http.close()
    await forge.close()
    await repo.dispose()
  })

  function sweeper(superseded = false, force = false): { s: Sweeper; sent: RedeployRequest[]; logs: string[] } {
    const sent: RedeployRequest[] = []
    const logs: string[] = []
    const redeployer: Redeployer = { redeploy: async (req) => (sent.push(req), { ok: true, detail: '' }) }
    const decision: GateDecision = { superseded, headSha: B, basis: superseded ? 'ahead' : 'identical', reason: 'r' }
    // The rollout's fence: throws once superseded, never under force.
    const fence = async (): Promise<void> => {
      if (decision.superseded && !force) throw new SupersededError(decision)
    }
    const s = new Sweeper({ target: B, request: (tenant, current) => ({ tenant, tag: 't', sha: B, environment: 'p', current }), redeployer, ancestry, fence, log: (m) => logs.push(m) })
    return { s, sent, logs }
  }

  it('a tenant still on its pre-redeploy commit is draining: no re-issue', async () => {
    const { s, sent } = sweeper()
    s.watch('t', O)
    s.observe('t', { sha: O })
    await s.settle()
    expect(sent).toEqual([])
  })

  it('a tenant that moves to a different older commit after our redeploy is re-issued, with {current}', async () => {
    const { s, sent } = sweeper()
    s.watch('t', O)
    s.observe('t', { sha: A })
    await s.settle()
    expect(sent).toEqual([{ tenant: 't', tag: 't', sha: B, environment: 'p', current: A }])
  })

  it('a tenant seen on target that falls back to its old commit is re-issued', async () => {
    const { s, sent } = sweeper()
    s.watch('t', A)
    s.observe('t', { sha: B })
    s.observe('t', { sha: A })
    await s.settle()
    expect(sent.map((r) => r.current)).toEqual([A])
  })

  it('a failed pre-flight read is no regression: the first SHA answered is what it drains from', async () => {
    const { s, sent, logs } = sweeper()
    s.watch('t', undefined)
    for (let i = 0; i < 3; i++) s.observe('t', { sha: O })
    await s.settle()
    expect(sent).toEqual([])
    expect(logs).toEqual([])
    // It still counts as a regression once it leaves that SHA for another older one, or falls back after the target.
    s.observe('t', { sha: A })
    await s.settle()
    expect(sent.map((r) => r.current)).toEqual([A])
  })

  it('a tenant with no baseline that falls back after serving the target is re-issued', async () => {
    const { s, sent } = sweeper()
    s.watch('t', undefined)
    s.observe('t', { sha: B })
    s.observe('t', { sha: O })
    await s.settle()
    expect(sent.map((r) => r.current)).toEqual([O])
  })

  it('a newer or unrelated commit is not ours to undo', async () => {
    const { s, sent } = sweeper()
    s.watch('t', O)
    s.observe('t', { sha: C })
    await s.settle()
    expect(sent).toEqual([])
  })

  it('a superseded job re-issues nothing (unless forced)', async () => {
    const quiet = sweeper(true)
    quiet.s.watch('t', O)
    quiet.s.observe('t', { sha: A })
    await quiet.s.settle()
    expect(quiet.sent).toEqual([])
    expect(quiet.logs.join()).toMatch(/superseded/)

    const forced = sweeper(true, true)
    forced.s.watch('t', O)
    forced.s.observe('t', { sha: A })
    await forced.s.settle()
    expect(forced.sent).toHaveLength(1)
  })

  it("a re-issue hands the rollout's fence to the redeployer, so its retries are fenced too", async () => {
    const fence = async (): Promise<void> => undefined
    const seen: unknown[] = []
    const redeployer: Redeployer = { redeploy: async (_req, options) => (seen.push(options?.fence), { ok: true, detail: '' }) }
    const s = new Sweeper({ target: B, request: (tenant, current) => ({ tenant, tag: 't', sha: B, environment: 'p', current }), redeployer, ancestry, fence, log: () => undefined })
    s.watch('t', O)
    s.observe('t', { sha: A })
    await s.settle()
    expect(seen).toEqual([fence])
  })

  it(`re-issues at most ${MAX_REISSUES} times per tenant`, async () => {
    const { s, sent } = sweeper()
    s.watch('t', O)
    for (let i = 0; i < 10; i++) {
      s.observe('t', { sha: B })
      s.observe('t', { sha: i % 2 ? A : O })
      await s.settle()
    }
    expect(sent).toHaveLength(MAX_REISSUES)
    expect(s.reissued.get('t')).toBe(MAX_REISSUES)
  })
})
