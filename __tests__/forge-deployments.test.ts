import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHttpClient } from '../src/http/client.js'
import { FakeForge } from '../simulator/fake-forge.js'
import { GitRepo } from '../simulator/git-repo.js'

/**
 * The fake forge's Deployments API refuses what GitHub refuses: the OpenAPI description's schemas (a
 * missing `ref`, an unknown state), and the rules its operation descriptions state in prose
 * (`auto_merge`, `required_contexts`, the 140-character status description, `auto_inactive`).
 */
const http = createHttpClient()
let repo: GitRepo
let github: FakeForge
let gitea: FakeForge
let A: string
let B: string

beforeAll(async () => {
  repo = await GitRepo.create()
  A = await repo.commit('A')
  B = await repo.commit('B')
  github = await FakeForge.start({ flavour: 'github', repo })
  gitea = await FakeForge.start({ flavour: 'gitea-1.22', repo })
})

afterAll(async () => {
  await github.close()
  await gitea.close()
  await http.close()
  await repo.dispose()
})

async function send(method: string, path: string, body?: unknown, fake = github): Promise<{ status: number; json: Record<string, unknown> & { message?: string } }> {
  const res = await http.send({
    url: `${fake.apiUrl}/repos/acme/app${path}`,
    method,
    headers: { 'content-type': 'application/json', accept: 'application/vnd.github+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    timeoutMs: 10_000
  })
  return { status: res.status, json: JSON.parse(res.body.toString() || '{}') as Record<string, unknown> }
}

const exact = { auto_merge: false, required_contexts: [] }

describe('the strict GitHub fake: deployments', () => {
  it('creates a deployment of a SHA for an environment, lists and reads it back, with its statuses newest first', async () => {
    const created = await send('POST', '/deployments', { ref: B, environment: 'staging', description: 'd', ...exact })
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({ sha: B, ref: B, environment: 'staging', task: 'deploy', production_environment: false })
    const id = created.json.id as number
    expect((await send('POST', `/deployments/${id}/statuses`, { state: 'in_progress', log_url: 'https://example.com/run' })).status).toBe(201)
    expect((await send('POST', `/deployments/${id}/statuses`, { state: 'failure', description: 'x'.repeat(140) })).status).toBe(201)
    expect((await send('GET', `/deployments/${id}`)).json).toMatchObject({ id, sha: B })
    const statuses = await send('GET', `/deployments/${id}/statuses`)
    expect((statuses.json as unknown as { state: string }[]).map((s) => s.state)).toEqual(['failure', 'in_progress'])
    const listed = await send('GET', `/deployments?environment=staging&sha=${B}`)
    expect((listed.json as unknown as { id: number }[]).map((d) => d.id)).toContain(id)
    expect((await send('GET', '/deployments/999999')).status).toBe(404)
    expect(github.violations).toEqual([])
  })

  it('auto_merge (the default) refuses a SHA behind the default branch with 409, and answers a branch behind it with 202 and no deployment', async () => {
    const before = github.deployments().length
    const sha = await send('POST', '/deployments', { ref: A, required_contexts: [] })
    expect(sha.status).toBe(409)
    expect(sha.json.message).toBe(`Conflict merging main into ${A}.`)
    await repo.git('branch', 'old', A)
    const branch = await send('POST', '/deployments', { ref: 'old', required_contexts: [] })
    expect([branch.status, branch.json.message]).toEqual([202, 'Auto-merged main into old on deployment.'])
    expect((await send('POST', '/deployments', { ref: A, ...exact })).status).toBe(201)
    expect(github.deployments().length).toBe(before + 1)
  })

  it('required_contexts (default: every context on the commit) must all be success; [] skips the check', async () => {
    const C = await repo.commit('C')
    await send('POST', `/statuses/${C}`, { state: 'pending', context: 'rollout-guard/production' })
    await send('POST', `/statuses/${C}`, { state: 'success', context: 'ci' })
    const refused = await send('POST', '/deployments', { ref: C, auto_merge: false })
    expect(refused.status).toBe(409)
    expect(refused.json).toMatchObject({
      message: `Conflict: Commit status checks failed for ${C}.`,
      errors: [{ contexts: [{ context: 'rollout-guard/production', state: 'pending' }], field: 'required_contexts' }]
    })
    expect((await send('POST', '/deployments', { ref: C, auto_merge: false, required_contexts: ['ci'] })).status).toBe(201)
    // A listed context never submitted fails too.
    expect((await send('POST', '/deployments', { ref: C, auto_merge: false, required_contexts: ['ci', 'e2e'] })).status).toBe(409)
    expect((await send('POST', '/deployments', { ref: C, ...exact })).status).toBe(201)
  })

  it('a success status makes the earlier successful deployments of the same environment inactive (auto_inactive), and only those', async () => {
    const D = await repo.commit('D')
    const make = async (environment: string, extra: object = {}): Promise<number> => (await send('POST', '/deployments', { ref: D, environment, ...exact, ...extra })).json.id as number
    const old = await make('qa')
    const failed = await make('qa')
    const transient = await make('qa', { transient_environment: true })
    const other = await make('eu')
    for (const id of [old, transient, other]) await send('POST', `/deployments/${id}/statuses`, { state: 'success' })
    await send('POST', `/deployments/${failed}/statuses`, { state: 'failure' })
    const next = await make('qa')
    await send('POST', `/deployments/${next}/statuses`, { state: 'success' })
    const states = (id: number): unknown[] =>
      github
        .deployments()
        .find((d) => d.id === id)!
        .statuses.map((s) => s.state)
    expect(states(old)).toEqual(['success', 'inactive'])
    expect(states(failed)).toEqual(['failure'])
    expect(states(transient)).toEqual(['success'])
    expect(states(other)).toEqual(['success'])
    expect(states(next)).toEqual(['success'])
    // auto_inactive: false leaves them be.
    const last = await make('eu')
    await send('POST', `/deployments/${last}/statuses`, { state: 'success', auto_inactive: false })
    expect(states(other)).toEqual(['success'])
  })

  it.each([
    ['a deployment without a ref', 'POST', '/deployments', { environment: 'production' }, 422, /ref/],
    ['an unknown ref', 'POST', '/deployments', { ref: 'no-such-branch', ...exact }, 422, /No ref found for: no-such-branch/],
    ["a state GitHub's schema does not list", 'POST', '/deployments/1/statuses', { state: 'done' }, 422, /body\/state/],
    ['a status without a state', 'POST', '/deployments/1/statuses', { description: 'x' }, 422, /state/],
    ['a 141-character status description', 'POST', '/deployments/1/statuses', { state: 'success', description: 'x'.repeat(141) }, 422, /maximum is 140/],
    ['a status of a deployment that does not exist', 'POST', '/deployments/424242/statuses', { state: 'success' }, 404, /Not Found/]
  ])('refuses %s', async (_name, method, path, body, status, message) => {
    const r = await send(method, path, body)
    expect(r.status).toBe(status)
    expect(JSON.stringify(r.json)).toMatch(message)
    // Refusals of a malformed request are the caller's defects: recorded, and taken here on purpose.
    const defects = github.takeViolations()
    expect(defects.length).toBe(status === 422 && !/No ref/.test(String(message)) ? 1 : 0)
  })

  it('Gitea has no Deployments API: 404, recorded as a defect of the caller', async () => {
    const r = await send('POST', '/deployments', { ref: B, ...exact }, gitea)
    expect(r.status).toBe(404)
    expect(gitea.takeViolations()).toEqual([expect.objectContaining({ method: 'POST', status: 404, message: 'Not Found: Gitea has no Deployments API' })])
  })
})
