import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { Ancestry, UNKNOWN_TTL_MS } from '../src/forge/ancestry.js'
import { createForge } from '../src/forge/factory.js'
import { type Comparison, type Forge, relationFromCounts } from '../src/forge/types.js'
import { SupersededGate } from '../src/gate/gate.js'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import { InstantClock } from '../simulator/clocks.js'
import { FakeForge, type ForgeFlavour } from '../simulator/fake-forge.js'
import type { GiteaLimits } from '../simulator/gitea-routes.js'
import { GitRepo } from '../simulator/git-repo.js'
import { forgeSettingsFor } from './support/factories.js'

/**
 * Ancestry as the real forges answer it (issue 13 items 3 to 6): unrelated histories, gaps of
 * thousands of commits, lowered page caps, unknown SHAs, and the cache that keeps a fleet from asking
 * the same question once per tenant.
 */

const UNKNOWN = 'f'.repeat(40)

interface World {
  repo: GitRepo
  http: HttpClient
  forges: FakeForge[]
}

const w: World = { repo: undefined as unknown as GitRepo, http: createHttpClient(), forges: [] }

async function fakeOf(flavour: ForgeFlavour, limits?: Partial<GiteaLimits>): Promise<FakeForge> {
  const fake = await FakeForge.start({ flavour, repo: w.repo, limits })
  w.forges.push(fake)
  return fake
}

function adapterFor(fake: FakeForge, clock = new InstantClock()): Forge {
  // The production retry budget: a misclassified answer would cost its 30 s on this clock.
  return createForge(forgeSettingsFor(fake, { retry: { maxTotalMs: 30_000, baseDelayMs: 500, maxDelayMs: 8_000, maxAttempts: 8 } }), {
    http: w.http,
    clock,
    log: () => undefined
  })
}

beforeAll(async () => {
  w.repo = await GitRepo.create()
})

afterAll(async () => {
  for (const f of w.forges) await f.close()
  await w.http.close()
  await w.repo.dispose()
})

describe('unrelated history pushed over main (item 3)', () => {
  let old: string
  let rewritten: string
  beforeAll(async () => {
    old = await w.repo.commit('old history', 'main')
    rewritten = await w.repo.bulkCommits(3, 'main', { orphan: true })
  })

  it('the gitea-1.23 fake answers 0 commits both ways, as Gitea 1.23 does', async () => {
    const fake = await fakeOf('gitea-1.23')
    for (const spec of [`${old}...${rewritten}`, `${rewritten}...${old}`]) {
      const res = await w.http.send({ url: `${fake.apiUrl}/repos/acme/app/compare/${spec}`, timeoutMs: 5000 })
      expect(JSON.parse(res.body.toString())).toMatchObject({ total_commits: 0 })
    }
  })

  it.each<ForgeFlavour>(['github', 'gitea-1.22', 'gitea-1.23'])('on %s the gate supersedes the old job, never calls it identical', async (flavour) => {
    const adapter = adapterFor(await fakeOf(flavour))
    const gate = new SupersededGate(adapter, new Ancestry(adapter), { sha: old, branch: 'main', environment: 'p' }, { enabled: true, onSuperseded: 'skip', force: false })
    const d = await gate.check()
    expect(d).toMatchObject({ superseded: true, headSha: rewritten })
    expect(['diverged', 'unknown']).toContain(d.basis)
  })

  it('a forge that calls two different commits identical is not believed', async () => {
    const liar: Forge = {
      kind: 'gitea',
      branchHead: async () => rewritten,
      compare: async (): Promise<Comparison> => ({ relation: 'identical', aheadBy: 0, behindBy: 0 }),
      resolveCommit: async (ref) => ref,
      createCommitStatus: async () => undefined
    }
    expect((await new Ancestry(liar).relation(old, rewritten)).relation).toBe('unknown')
  })

  it('no commits either way between two different SHAs is unknown, never identical', () => {
    expect(relationFromCounts(old, rewritten, 0, 0).relation).toBe('unknown')
    expect(relationFromCounts(old, old.slice(0, 7), 0, 0).relation).toBe('identical')
  })
})

describe('gaps of thousands of commits (item 4) and lowered page caps (item 5)', () => {
  let tail: string
  let tip: string
  beforeAll(async () => {
    tail = await w.repo.commit('deployed long ago', 'gap')
    tip = await w.repo.bulkCommits(3000, 'gap')
  })

  it('the gitea fake sends compare bodies of about 2.5 KB a commit, past the 1 MiB cap', async () => {
    const fake = await fakeOf('gitea-1.23')
    const res = await w.http.send({ url: `${fake.apiUrl}/repos/acme/app/compare/${tail}...${tip}`, timeoutMs: 20_000 })
    expect(res.truncated).toBe(true)
  })

  it.each<ForgeFlavour>(['github', 'gitea-1.22', 'gitea-1.23'])('on %s a 3,000-commit gap is answered exactly, both ways', async (flavour) => {
    const fake = await fakeOf(flavour)
    const adapter = adapterFor(fake)
    expect(await adapter.compare(tail, tip)).toMatchObject({ relation: 'ahead', aheadBy: 3000 })
    expect(await adapter.compare(tip, tail)).toMatchObject({ relation: 'behind', behindBy: 3000 })
    // Light requests only: one commit a page, no stats, files or signatures.
    for (const r of fake.calls('commits')) expect(r.path).toMatch(/limit=1&.*stat=false&verification=false&files=false/)
  })

  it('gitea-1.22 with MAX_RESPONSE_ITEMS = 30: a plain 70-commit push is ahead, not rewritten', async () => {
    const base = await w.repo.commit('base of push', 'push70')
    const pushed = await w.repo.bulkCommits(70, 'push70')
    const adapter = adapterFor(await fakeOf('gitea-1.22', { maxResponseItems: 30 }))
    expect(await adapter.compare(base, pushed)).toMatchObject({ relation: 'ahead', aheadBy: 70 })
    expect(await adapter.compare(pushed, base)).toMatchObject({ relation: 'behind', behindBy: 70 })
  })

  it('the gitea fake pages as commits.go does: capped page, X-Total-Count, X-HasMore, Link', async () => {
    const fake = await fakeOf('gitea-1.22', { maxResponseItems: 30 })
    const res = await w.http.send({ url: `${fake.apiUrl}/repos/acme/app/commits?sha=${tip}&limit=50&stat=false`, timeoutMs: 10_000 })
    const total = await w.repo.total(tip)
    expect(JSON.parse(res.body.toString())).toHaveLength(30)
    expect(res.headers).toMatchObject({ 'x-total-count': String(total), 'x-perpage': '30', 'x-page': '1', 'x-pagecount': String(Math.ceil(total / 30)), 'x-hasmore': 'true' })
    expect(res.headers.link).toMatch(/limit=30.*page=2>; rel="next"/)
    const none = await w.http.send({ url: `${fake.apiUrl}/repos/acme/app/commits?sha=${tip}&not=${tip}&limit=1`, timeoutMs: 10_000 })
    expect(none.headers).toMatchObject({ 'x-total-count': '0', 'x-hasmore': 'false' })
  })

  it('a cut body is no answer, even when what arrived parses', async () => {
    const fake = await fakeOf('gitea-1.23')
    const cutting: HttpClient = {
      send: async (req) => ({ ...(await w.http.send(req)), truncated: true }),
      close: async () => undefined
    }
    const adapter = createForge(forgeSettingsFor(fake), { http: cutting, clock: new InstantClock(), log: () => undefined })
    await expect(adapter.branchHead('gap')).rejects.toThrow(/answered more than \d+ bytes, the most this action reads from it/)
  })
})

describe('a SHA the forge does not know (item 6)', () => {
  let head: string
  beforeAll(async () => {
    head = await w.repo.commit('head', 'known')
  })

  it('gitea-1.22 answers 500 with an empty message for its commit list, as in production', async () => {
    const fake = await fakeOf('gitea-1.22')
    const res = await w.http.send({ url: `${fake.apiUrl}/repos/acme/app/commits?sha=${UNKNOWN}&limit=1`, timeoutMs: 5000 })
    expect(res.status).toBe(500)
    expect(JSON.parse(res.body.toString())).toMatchObject({ message: '' })
  })

  it.each<ForgeFlavour>(['gitea-1.22', 'gitea-1.23'])('on %s it is unknown at once: no retries, no waiting', async (flavour) => {
    const fake = await fakeOf(flavour)
    const clock = new InstantClock()
    for (const [base, h] of [
      [UNKNOWN, head],
      [head, UNKNOWN]
    ] as const) {
      const cmp = await new Ancestry(adapterFor(fake, clock), clock).relation(base, h)
      expect(cmp).toMatchObject({ relation: 'unknown', detail: expect.stringMatching(/does not know commit ffffffffffff|404/) })
    }
    expect(clock.sleeps).toEqual([])
  })

  it.each<ForgeFlavour>(['gitea-1.22', 'github'])('on %s a fleet reporting the same unknown SHA asks once, and again after the TTL', async (flavour) => {
    const fake = await fakeOf(flavour)
    const clock = new InstantClock()
    const ancestry = new Ancestry(adapterFor(fake, clock), clock)
    const asks = (): number => fake.calls('commits').length + fake.calls('compare').length
    const answers = await Promise.all(Array.from({ length: 50 }, () => ancestry.relation(head, UNKNOWN)))
    expect(answers.every((a) => a.relation === 'unknown')).toBe(true)
    const once = asks()
    expect(once).toBeGreaterThan(0)
    for (let i = 0; i < 50; i++) await ancestry.relation(head, UNKNOWN)
    expect(asks()).toBe(once)
    clock.advance(UNKNOWN_TTL_MS)
    await ancestry.relation(head, UNKNOWN)
    expect(asks()).toBe(2 * once)
  })

  it('a settled relation is cached for good', async () => {
    const fake = await fakeOf('gitea-1.23')
    const clock = new InstantClock()
    const ancestry = new Ancestry(adapterFor(fake, clock), clock)
    const parent = await w.repo.resolve(`${head}^`)
    expect((await ancestry.relation(parent!, head)).relation).toBe('ahead')
    const n = fake.calls('commits').length
    clock.advance(10 * UNKNOWN_TTL_MS)
    expect((await ancestry.relation(parent!, head)).relation).toBe('ahead')
    expect(fake.calls('commits')).toHaveLength(n)
  })
})
