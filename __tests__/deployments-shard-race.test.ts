import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { createForge } from '../src/forge/factory.js'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import { FakeForge } from '../simulator/fake-forge.js'
import { GitRepo } from '../simulator/git-repo.js'
import { VirtualClock } from '../simulator/virtual-clock.js'
import { forgeSettingsFor } from './support/factories.js'

/**
 * The shards of one run share one deployment: each looks for the run's deployment before creating one.
 * Two shards that look at the same moment both find none and both create; they must still settle on one.
 */
let repo: GitRepo
let fake: FakeForge
let http: HttpClient
let A: string

beforeAll(async () => {
  repo = await GitRepo.create()
  A = await repo.commit('A')
  fake = await FakeForge.start({ flavour: 'github', repo })
  http = createHttpClient()
})
afterAll(async () => {
  await fake.close()
  await http.close()
  await repo.dispose()
})

async function arrived(count: number): Promise<void> {
  while (fake.calls('deployments').length < count) await new Promise((resolve) => setImmediate(resolve))
}

it('two shards that both find no deployment and both create one settle on the oldest; the duplicate is marked inactive', async () => {
  let release!: () => void
  const both = new Promise<void>((resolve) => (release = resolve))
  // Each shard's look-up is held until both have asked: both answers then say "none yet".
  fake.inject('deployments', { wait: both }, { wait: both })
  const shard = () => createForge(forgeSettingsFor(fake), { http, clock: new VirtualClock(), log: () => undefined }).deployments!
  const creating = Promise.all([shard().create(A, 'production', 'shard 1/2', 'run-7.1'), shard().create(A, 'production', 'shard 2/2', 'run-7.1')])
  await arrived(2)
  release()
  const [one, two] = await creating
  const made = fake.deployments()
  expect(made).toHaveLength(2)
  const oldest = Math.min(...made.map((d) => d.id))
  expect([one, two]).toEqual([oldest, oldest])
  const duplicate = made.find((d) => d.id !== oldest)!
  expect(duplicate.statuses.map((s) => s.state)).toEqual(['inactive'])
  expect(made.find((d) => d.id === oldest)!.statuses).toEqual([])
})
