import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createForge } from '../src/forge/factory.js'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import { readDeployRecords } from '../src/reconcile/read-records.js'
import { parseSettings } from '../src/settings/index.js'
import { InstantClock } from '../simulator/clocks.js'
import { FakeForge, type ForgeFlavour } from '../simulator/fake-forge.js'
import { GitRepo } from '../simulator/git-repo.js'

/** Reading a head's deploy records back: every attempt, every page, as each forge pages them. */
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
    const res = await fetch(`${fake.apiUrl}/repos/${fake.repository}${path}`, { method: 'POST', headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
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

describe('readDeployRecords', () => {
  it('GitHub: every attempt of the named check run (filter=all), over several pages, stamps parsed', async () => {
    await withForge('github', async (fake, post) => {
      for (let i = 1; i <= 130; i++) await post('/check-runs', { name: NAME, head_sha: SHA, status: 'completed', conclusion: 'success', external_id: `rollout-guard deploy 700.${i} deployed`, output: { title: 't', summary: 's' } })
      await post('/check-runs', { name: 'other', head_sha: SHA, status: 'in_progress', external_id: 'rollout-guard deploy 900.1 running', output: { title: 't', summary: 's' } })
      const records = await readDeployRecords(forgeFor(fake), SHA, NAME)
      expect(records).toHaveLength(130)
      expect(records.map((r) => r.stamp.attempt).sort((a, b) => a - b)).toEqual(Array.from({ length: 130 }, (_, i) => i + 1))
      const pages = fake.calls('check-runs').filter((c) => c.method === 'GET')
      expect(pages.map((c) => new URL(c.path, 'http://x').searchParams.get('page'))).toEqual(['1', '2'])
      expect(pages.every((c) => c.path.includes('filter=all') && c.path.includes(`check_name=${encodeURIComponent(NAME)}`))).toBe(true)
    })
  })

  it('Gitea: every status of the context, paged by X-Total-Count at the server cap of 50, state read from `status`', async () => {
    await withForge('gitea-1.22', async (fake, post) => {
      await post(`/statuses/${SHA}`, { state: 'pending', context: NAME, description: 'Running: deploy, production [rollout-guard deploy 700.1 running]' })
      for (let i = 0; i < 110; i++) await post(`/statuses/${SHA}`, { state: 'success', context: 'ci/other', description: 'fine' })
      await post(`/statuses/${SHA}`, { state: 'failure', context: NAME, description: 'The canary failed (t1 unreachable). [rollout-guard deploy 700.1 canary-failed]' })
      await post(`/statuses/${SHA}`, { state: 'success', context: NAME, description: 'deployed by another tool' })
      const records = await readDeployRecords(forgeFor(fake), SHA, NAME)
      expect(records.map((r) => [r.stamp.end, r.text])).toEqual([
        ['canary-failed', 'The canary failed (t1 unreachable).'],
        ['running', 'Running: deploy, production']
      ])
      expect(records.every((r) => r.since instanceof Date)).toBe(true)
      expect(fake.calls('statuses').filter((c) => c.method === 'GET')).toHaveLength(3)
    })
  })

  it('GitHub without stamped check runs (a deploy that fell back to a status) reads the statuses', async () => {
    await withForge('github', async (fake, post) => {
      await post(`/statuses/${SHA}`, { state: 'failure', context: NAME, description: 'halted [rollout-guard deploy 701.2 halted]' })
      const records = await readDeployRecords(forgeFor(fake), SHA, NAME)
      expect(records.map((r) => r.stamp)).toEqual([{ mode: 'deploy', runId: '701', attempt: 2, end: 'halted' }])
    })
  })
})
