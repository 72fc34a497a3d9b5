import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHttpClient } from '../src/http/client.js'
import { FakeForge } from '../simulator/fake-forge.js'
import { GitRepo } from '../simulator/git-repo.js'

/**
 * The GitHub fake refuses what GitHub refuses (its OpenAPI description plus the limits it states only in
 * prose), answers 422 the way GitHub does, and records each refusal as a violation that fails the test.
 */

const http = createHttpClient()
let repo: GitRepo
let fake: FakeForge
let sha: string

beforeAll(async () => {
  repo = await GitRepo.create()
  sha = await repo.commit('A')
  fake = await FakeForge.start({ flavour: 'github', repo })
})

afterAll(async () => {
  await fake.close()
  await http.close()
  await repo.dispose()
})

async function send(method: string, path: string, body?: unknown): Promise<{ status: number; json: { message?: string; errors?: unknown[] } }> {
  const res = await http.send({
    url: `${fake.apiUrl}/repos/acme/app${path}`,
    method,
    headers: { 'content-type': 'application/json', accept: 'application/vnd.github+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    timeoutMs: 10_000
  })
  return { status: res.status, json: JSON.parse(res.body.toString() || '{}') as { message?: string } }
}

const output = (summary: string, annotations = 0): object => ({
  title: 'Rollout Guard',
  summary,
  annotations: Array.from({ length: annotations }, (_, i) => ({ path: 'tenants', start_line: 1, end_line: 1, annotation_level: 'warning', message: `t${i}` }))
})

describe('the strict GitHub fake', () => {
  it('accepts a request the OpenAPI description and the prose limits allow, with no violation', async () => {
    expect((await send('POST', '/check-runs', { name: 'x', head_sha: sha, status: 'in_progress', output: output('ok', 50) })).status).toBe(201)
    expect((await send('POST', `/statuses/${sha}`, { state: 'success', context: 'c', description: 'd'.repeat(140) })).status).toBe(201)
    expect(fake.violations).toEqual([])
  })

  it.each([
    ['an abbreviated SHA in the status path', 'POST', '/statuses/abc1234', { state: 'success' }, /40-character/],
    ['a 141-character status description', 'POST', '/statuses/SHA', { state: 'success', description: 'd'.repeat(141) }, /maximum is 140/],
    ["a state GitHub's schema does not list", 'POST', '/statuses/SHA', { state: 'warning' }, /body\/state/],
    ['an abbreviated head_sha', 'POST', '/check-runs', { name: 'x', head_sha: 'abc1234' }, /head_sha/],
    ['a summary of 65,535 characters but 131,070 bytes', 'POST', '/check-runs', { name: 'x', head_sha: 'SHA', output: output('é'.repeat(65_535)) }, /bytesize of 65535/],
    ['51 annotations in one request', 'PATCH', '/check-runs/1', { output: output('s', 51) }, /annotations/],
    ['completed without a conclusion', 'PATCH', '/check-runs/1', { status: 'completed' }, /conclusion/],
    ['a check run id that is not a number', 'PATCH', '/check-runs/abc', { status: 'in_progress' }, /check_run_id/]
  ])('refuses %s with 422, message and errors, and records it', async (_name, method, path, body, pattern) => {
    const b = JSON.parse(JSON.stringify(body).replaceAll('SHA', sha)) as unknown
    const r = await send(method, path.replace('SHA', sha), b)
    expect(r.status).toBe(422)
    expect(r.json.message).toMatch(pattern)
    expect(r.json.errors?.length).toBeGreaterThan(0)
    const taken = fake.takeViolations()
    expect(taken).toHaveLength(1)
    expect(taken[0]!.message).toMatch(pattern)
  })

  it('refuses a body that is not JSON with 400, as GitHub does', async () => {
    const res = await http.send({ url: `${fake.apiUrl}/repos/acme/app/check-runs`, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":', timeoutMs: 5000 })
    expect(res.status).toBe(400)
    expect(fake.takeViolations()).toMatchObject([{ status: 400, message: 'Problems parsing JSON' }])
  })

  it('records a route GitHub does not have', async () => {
    expect((await send('GET', '/no-such-thing')).status).toBe(404)
    expect(fake.takeViolations()).toMatchObject([{ status: 404, path: '/repos/acme/app/no-such-thing' }])
  })

  it('answers an abbreviated SHA with the full one through the sha media type, and 422 for an unknown one', async () => {
    const res = await http.send({ url: `${fake.apiUrl}/repos/acme/app/commits/${sha.slice(0, 9)}`, headers: { accept: 'application/vnd.github.sha' }, timeoutMs: 5000 })
    expect(res.body.toString()).toBe(sha)
    expect((await send('GET', '/commits/0123456789')).status).toBe(422)
  })
})

describe('reports on a commit the repository does not have', () => {
  it('GitHub answers 422 "No commit found for SHA", which is no violation (the request is well formed)', async () => {
    const r = await send('POST', `/statuses/${'e'.repeat(40)}`, { state: 'success' })
    expect(r.status).toBe(422)
    expect(r.json.message).toMatch(/No commit found for SHA/)
    expect(fake.violations).toEqual([])
  })

  it('Gitea answers 500 with an empty message, as CreateCommitStatus fails in production', async () => {
    const gitea = await FakeForge.start({ flavour: 'gitea-1.22', repo })
    try {
      const res = await http.send({
        url: `${gitea.apiUrl}/repos/acme/app/statuses/${'e'.repeat(40)}`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ state: 'success', context: 'c' }),
        timeoutMs: 5000
      })
      expect(res.status).toBe(500)
      expect(JSON.parse(res.body.toString())).toMatchObject({ message: '' })
      const single = await http.send({ url: `${gitea.apiUrl}/repos/acme/app/git/commits/${sha.slice(0, 8)}?stat=false`, timeoutMs: 5000 })
      expect(JSON.parse(single.body.toString())).toMatchObject({ sha })
      expect((await http.send({ url: `${gitea.apiUrl}/repos/acme/app/git/commits/${'e'.repeat(40)}`, timeoutMs: 5000 })).status).toBe(404)
    } finally {
      await gitea.close()
    }
  })
})

it('gitea-1.26 refuses a commit status to an Actions token whose contents permission is read', async () => {
  const gitea = await FakeForge.start({ flavour: 'gitea-1.26', repo, actionsTokenContents: 'read' })
  try {
    const res = await http.send({
      url: `${gitea.apiUrl}/repos/acme/app/statuses/${sha}`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'success', context: 'c' }),
      timeoutMs: 5000
    })
    expect(res.status).toBe(403)
    expect(gitea.statuses()).toEqual([])
    // Gitea has no Checks API: calling it is a defect of the caller.
    const check = await http.send({ url: `${gitea.apiUrl}/repos/acme/app/check-runs`, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', timeoutMs: 5000 })
    expect(check.status).toBe(404)
    expect(gitea.takeViolations()).toMatchObject([{ flavour: 'gitea-1.26', status: 404 }])
  } finally {
    await gitea.close()
  }
})
