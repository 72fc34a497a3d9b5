import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createForge } from '../src/forge/factory.js'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import type { CommitStatusRead } from '../src/forge/types.js'
import { newestOfEachName, readDeployRecords } from '../src/record/read.js'
import { parseSettings } from '../src/settings/index.js'
import { InstantClock } from '../simulator/clocks.js'
import { FakeForge, type ForgeFlavour } from '../simulator/fake-forge.js'
import { GitRepo } from '../simulator/git-repo.js'

/** Reading a head's deploy records back: the latest of each job's name, as each forge pages and caps. */
const TOKEN = 'read-token-1234567890'
const NAME = 'rollout-guard/production'
let repo: GitRepo
let http: HttpClient
let SHA: string

beforeAll(async () => {
  repo = await GitRepo.create()
  SHA = await repo.commit('head')
  http = createHttpClient()
})

afterAll(async () => {
  await http.close()
  await repo.dispose()
})

async function withForge(flavour: ForgeFlavour, fn: (fake: FakeForge, post: (path: string, body: unknown) => Promise<void>) => Promise<void>): Promise<void> {
  const fake = await FakeForge.start({ flavour, repo, token: TOKEN })
  const post = async (path: string, body: unknown): Promise<void> => {
    const res = await fetch(`${fake.apiUrl}/repos/${fake.repository}${path}`, {
      method: 'POST',
      headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body)
    })
    expect(res.status).toBe(201)
  }
  try {
    await fn(fake, post)
  } finally {
    await fake.close()
  }
}

function forgeFor(fake: FakeForge) {
  const settings = parseSettings({
    GITHUB_SHA: SHA,
    GITHUB_REPOSITORY: fake.repository,
    GITHUB_API_URL: fake.apiUrl,
    GITHUB_SERVER_URL: fake.serverUrl,
    INPUT_MODE: 'gate',
    INPUT_TOKEN: TOKEN,
    ...(fake.flavour === 'github' ? {} : { GITEA_ACTIONS: 'true' })
  })
  return createForge(settings.forge, { http, clock: new InstantClock(), log: () => undefined })
}

const NAMES = { whole: NAME, shard: (i: number) => `${NAME} (shard ${i})` }
const get = (fake: FakeForge): string[] => fake.requests.filter((r) => r.method === 'GET').map((r) => r.path)

describe('readDeployRecords: the latest record of each job, never the history', () => {
  it('GitHub: the latest check run of each name (check_name, filter=latest), every shard the records name, and the combined status', async () => {
    await withForge('github', async (fake, post) => {
      // Shard 1 with `checks: write`, 30 attempts of it; shard 2 fell back to a status; shard 3 a check run.
      for (let i = 1; i <= 30; i++)
        await post('/check-runs', {
          name: NAMES.shard(1),
          head_sha: SHA,
          status: 'completed',
          conclusion: 'success',
          external_id: `rollout-guard deploy 700.${i} deployed shard 1/3`,
          output: { title: 't', summary: 's' }
        })
      await post(`/statuses/${SHA}`, { state: 'failure', context: NAMES.shard(2), description: 'halted [rollout-guard deploy 700.1 halted shard 2/3]' })
      await post('/check-runs', {
        name: NAMES.shard(3),
        head_sha: SHA,
        status: 'in_progress',
        external_id: 'rollout-guard deploy 700.1 running shard 3/3 at 1764921600',
        output: { title: 't', summary: 's' }
      })
      // A record under a name its stamp does not belong to is not a deploy record of this environment.
      await post('/check-runs', { name: 'other', head_sha: SHA, status: 'in_progress', external_id: 'rollout-guard deploy 900.1 running', output: { title: 't', summary: 's' } })
      await post(`/statuses/${SHA}`, { state: 'failure', context: NAMES.shard(1), description: 'x [rollout-guard deploy 700.1 halted shard 2/3]' })
      const records = await readDeployRecords(forgeFor(fake), SHA, NAMES)
      expect(records.map((r) => [r.kind, r.stamp.part, r.stamp.attempt, r.stamp.end]).sort()).toEqual([
        ['check', '1/3', 30, 'deployed'],
        ['check', '3/3', 1, 'running'],
        ['status', '2/3', 1, 'halted']
      ])
      expect(records.find((r) => r.stamp.part === '3/3')!.stamp.at).toBe(1764921600)
      const reads = get(fake)
      // The whole-fleet and shard 1 check runs, then the statuses (one page, every one of them: no combined
      // status needed), then the shards the records name.
      const what = (p: string): string => (p.includes('/check-runs') ? `check ${new URL(p, 'http://x').searchParams.get('check_name')}` : p.replace(/\?.*/, '').replace(SHA, '{sha}'))
      expect(reads.map(what)).toEqual([`check ${NAME}`, `check ${NAMES.shard(1)}`, '/repos/acme/app/commits/{sha}/statuses', `check ${NAMES.shard(2)}`, `check ${NAMES.shard(3)}`])
      expect(reads.filter((p) => p.includes('/check-runs')).every((p) => p.includes('filter=latest'))).toBe(true)
      expect(reads.find((p) => p.includes('/statuses'))).toContain('per_page=100&page=1')
    })
  })

  it('Gitea: the newest page of statuses and, when that is not all of them, the combined status (latest per context) paged by X-Total-Count at the server cap of 50, state read from `status`', async () => {
    await withForge('gitea-1.22', async (fake, post) => {
      await post(`/statuses/${SHA}`, { state: 'pending', context: NAME, description: 'Running: deploy, production [rollout-guard deploy 700.1 running]' })
      await post(`/statuses/${SHA}`, { state: 'failure', context: NAME, description: 'The canary failed (t1 unreachable). [rollout-guard deploy 700.1 canary-failed]' })
      // 600 statuses of 60 other contexts: the history is 602 long, the combined status 61 contexts.
      fake.reports.seedStatuses(
        SHA,
        Array.from({ length: 600 }, (_, i) => ({ state: 'success', context: `ci/other-${i % 60}`, description: 'fine' }))
      )
      const records = await readDeployRecords(forgeFor(fake), SHA, NAMES)
      expect(records.map((r) => [r.stamp.end, r.text])).toEqual([['canary-failed', 'The canary failed (t1 unreachable).']])
      expect(records[0]!.since).toBeInstanceOf(Date)
      const pages = get(fake).filter((p) => p.includes('/status?'))
      expect(pages.map((p) => new URL(p, 'http://x').searchParams.get('page'))).toEqual(['1', '2'])
      expect(get(fake).filter((p) => p.includes('/statuses/'))).toEqual([`/api/v1/repos/acme/app/statuses/${SHA}?sort=leastindex&limit=50&page=1`])
    })
  })

  describe.each<ForgeFlavour>(['github', 'gitea-1.22'])('%s: a late write of an older attempt', (flavour) => {
    const running2 = { state: 'pending', context: NAME, description: 'Running: deploy, production [rollout-guard deploy 700.2 running at 1764921600]' }
    const late1 = { state: 'failure', context: NAME, description: 'Cancelled. [rollout-guard deploy 700.1 cancelled at 1764921601]' }

    it("never hides the newer attempt's running record: one page of the status list, ranked by the stamps", async () => {
      await withForge(flavour, async (fake) => {
        fake.reports.seedStatuses(SHA, [running2, late1])
        const records = await readDeployRecords(forgeFor(fake), SHA, NAMES)
        expect(records.map((r) => [r.kind, r.stamp.attempt, r.stamp.end])).toEqual([['status', 2, 'running']])
        // One read of the statuses: the page holds them all.
        expect(get(fake).filter((p) => p.includes('/status'))).toHaveLength(1)
      })
    })

    it('is ranked the same on a commit with more statuses than a page, the combined status read beside the page', async () => {
      await withForge(flavour, async (fake) => {
        const page = flavour === 'github' ? 100 : 50
        fake.reports.seedStatuses(SHA, [...Array.from({ length: page }, (_, i) => ({ state: 'success', context: `ci/${i}`, description: 'fine' })), running2, late1])
        expect((await readDeployRecords(forgeFor(fake), SHA, NAMES)).map((r) => r.stamp.attempt)).toEqual([2])
        expect(get(fake).filter((p) => /\/status\?/.test(p)).length).toBeGreaterThan(0)
      })
    })

    it('newest first by the write order, not by whole seconds: in a busy second the page still holds the newest writes', async () => {
      await withForge(flavour, async (fake) => {
        fake.reports.pinTime(Date.parse('2026-12-01T10:00:00.250Z'))
        fake.reports.seedStatuses(SHA, [...Array.from({ length: 60 }, (_, i) => ({ state: 'success', context: `ci/${i}`, description: 'fine' })), running2, late1])
        expect((await readDeployRecords(forgeFor(fake), SHA, NAMES)).map((r) => r.stamp.attempt)).toEqual([2])
      })
    })

    it('its bound: a running record with a whole page of newer statuses after it is out of reach, and the late end is what is read', async () => {
      await withForge(flavour, async (fake) => {
        const page = flavour === 'github' ? 100 : 50
        fake.reports.seedStatuses(SHA, [running2, ...Array.from({ length: page - 1 }, (_, i) => ({ state: 'success', context: `ci/${i}`, description: 'fine' })), late1])
        expect((await readDeployRecords(forgeFor(fake), SHA, NAMES)).map((r) => [r.stamp.attempt, r.stamp.end])).toEqual([[1, 'cancelled']])
      })
    })
  })

  it('a forge with more contexts than the pages read is an error, never a partial "no record"', async () => {
    await withForge('gitea-1.22', async (fake) => {
      fake.reports.seedStatuses(
        SHA,
        Array.from({ length: 510 }, (_, i) => ({ state: 'success', context: `ci/${i}`, description: 'fine' }))
      )
      await expect(readDeployRecords(forgeFor(fake), SHA, NAMES)).rejects.toThrow(/510 status contexts/)
    })
  })
})

describe('newestOfEachName: of statuses listed newest first, the newest run and attempt of each name', () => {
  const names = { ...NAMES, reconcile: `${NAME}/reconcile` }
  const st = (context: string, stamp: string, state = 'pending'): CommitStatusRead => ({ state, context, description: `words [rollout-guard ${stamp}]` })
  const rows: [string, CommitStatusRead[], string[]][] = [
    ['one running record', [st(NAME, 'deploy 700.1 running')], [`${NAME} 700.1 running`]],
    [
      "an older attempt's late end written over a newer attempt's running: the newer attempt",
      [st(NAME, 'deploy 700.1 cancelled', 'failure'), st(NAME, 'deploy 700.2 running'), st(NAME, 'deploy 700.1 running')],
      [`${NAME} 700.2 running`]
    ],
    [
      "an older attempt's late heartbeat over a newer attempt's end: the newer attempt's end",
      [st(NAME, 'deploy 700.1 running'), st(NAME, 'deploy 700.2 deployed', 'success')],
      [`${NAME} 700.2 deployed`]
    ],
    ['within one attempt, its latest write: the end after its running', [st(NAME, 'deploy 700.2 halted', 'failure'), st(NAME, 'deploy 700.2 running')], [`${NAME} 700.2 halted`]],
    ['a newer run beats a higher attempt of an older run', [st(NAME, 'deploy 700.3 running'), st(NAME, 'deploy 701.1 deployed', 'success')], [`${NAME} 701.1 deployed`]],
    [
      "each name apart: shard 2's newer run does not rank the whole-fleet record",
      [st(NAMES.shard(2), 'deploy 702.1 running shard 2/2'), st(NAME, 'deploy 700.1 canary-failed', 'failure')],
      [`${NAMES.shard(2)} 702.1 running`, `${NAME} 700.1 canary-failed`]
    ],
    [
      "a stamp under another job's name is no record, and does not outrank the name's own",
      [st(NAME, 'deploy 900.1 running shard 1/2'), st(NAME, 'deploy 700.1 deployed', 'success')],
      [`${NAME} 700.1 deployed`]
    ],
    [
      "a later reconcile's record replaces its earlier rejection (a lift)",
      [st(names.reconcile, 'reconcile 801.1 deployed', 'success'), st(names.reconcile, 'reconcile 800.1 canary-failed', 'failure')],
      [`${names.reconcile} 801.1 deployed`]
    ],
    ['a running stamp on an ended status is an end we cannot name', [st(NAME, 'deploy 700.1 running', 'failure')], [`${NAME} 700.1 failed`]],
    ['statuses without a stamp are no records', [{ state: 'success', context: NAME, description: 'ci passed' }], []]
  ]
  it.each(rows)('%s', (_case, listed, expected) => {
    expect(newestOfEachName(listed, names).map((r) => `${nameOfRecord(r.stamp.part, r.stamp.mode)} ${r.stamp.runId}.${r.stamp.attempt} ${r.stamp.end}`)).toEqual(expected)
  })

  function nameOfRecord(part: string | undefined, mode: string): string {
    if (mode === 'reconcile') return names.reconcile
    return part ? NAMES.shard(Number(part.split('/')[0])) : NAME
  }
})

describe('the fake forge pages, caps and orders as the real ones', () => {
  it('Gitea: the status list is newest first, whole-second created_at, capped at MAX_RESPONSE_ITEMS (50) a page', async () => {
    await withForge('gitea-1.22', async (fake, post) => {
      for (let i = 0; i < 60; i++) await post(`/statuses/${SHA}`, { state: 'success', context: 'ci', description: `n${i}` })
      const res = await fetch(`${fake.apiUrl}/repos/${fake.repository}/statuses/${SHA}?sort=leastindex&limit=100`, { headers: { authorization: `token ${TOKEN}` } })
      const list = (await res.json()) as { description: string; created_at: string; status: string }[]
      expect(list).toHaveLength(50)
      expect(res.headers.get('x-total-count')).toBe('60')
      expect(list[0]!.description).toBe('n59')
      expect(list.every((s) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(s.created_at) && s.status === 'success')).toBe(true)
    })
  })

  it("Gitea: the status list's default order is by whole seconds, the writes of one second in no set order; sort=leastindex is the write order, newest first", async () => {
    await withForge('gitea-1.22', async (fake) => {
      fake.reports.pinTime(Date.parse('2026-12-01T10:00:00.250Z'))
      fake.reports.seedStatuses(
        SHA,
        Array.from({ length: 3 }, (_, i) => ({ state: 'success', context: 'ci', description: `n${i}` }))
      )
      const list = async (q: string): Promise<string[]> => {
        const res = await fetch(`${fake.apiUrl}/repos/${fake.repository}/statuses/${SHA}${q}`, { headers: { authorization: `token ${TOKEN}` } })
        expect(res.headers.get('x-total-count')).toBe('3')
        return ((await res.json()) as { description: string }[]).map((s) => s.description)
      }
      // Written within one second: the default leaves them oldest first here, as a database may.
      expect(await list('')).toEqual(['n0', 'n1', 'n2'])
      expect(await list('?sort=leastindex')).toEqual(['n2', 'n1', 'n0'])
      expect(await list('?sort=highestindex')).toEqual(['n0', 'n1', 'n2'])
    })
  })

  it('GitHub: a 1,001st status for one SHA and context is refused with 422', async () => {
    await withForge('github', async (fake, post) => {
      fake.reports.seedStatuses(
        SHA,
        Array.from({ length: 999 }, () => ({ state: 'pending', context: 'ci', description: 'x' }))
      )
      await post(`/statuses/${SHA}`, { state: 'pending', context: 'ci', description: 'the 1,000th' })
      const res = await fetch(`${fake.apiUrl}/repos/${fake.repository}/statuses/${SHA}`, {
        method: 'POST',
        headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ state: 'pending', context: 'ci' })
      })
      expect(res.status).toBe(422)
      expect(JSON.stringify(await res.json())).toContain('maximum number of statuses')
      await post(`/statuses/${SHA}`, { state: 'pending', context: 'another', description: 'x' })
    })
  })

  it('GitHub: check runs for a ref come from the newest 1,000 check suites only', async () => {
    await withForge('github', async (fake, post) => {
      await post('/check-runs', {
        name: NAME,
        head_sha: SHA,
        status: 'completed',
        conclusion: 'failure',
        external_id: 'rollout-guard deploy 700.1 canary-failed',
        output: { title: 't', summary: 's' }
      })
      fake.reports.addCheckSuites(SHA, 999)
      expect(await readDeployRecords(forgeFor(fake), SHA, NAMES)).toHaveLength(1)
      fake.reports.addCheckSuites(SHA, 1)
      expect(await readDeployRecords(forgeFor(fake), SHA, NAMES)).toHaveLength(0)
    })
  })
})
