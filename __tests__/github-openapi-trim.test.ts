import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { GITHUB_ENDPOINTS } from '../simulator/github-endpoints.js'
import { type Description, githubRules, matchOperation, schemaProblems } from '../simulator/github-openapi.js'
import { contentHash, OPENAPI_FILE, openApiSourceCandidates, parseEndpoint, serialise, sha256, TRIMMED_FILE, type TrimmedDescription, trimDescription } from '../simulator/openapi-trim.js'

/**
 * The fake forge validates GitHub requests against a trimmed copy of GitHub's OpenAPI description. These
 * tests keep that copy honest without the 385 MB package (it is what `npm run openapi:trim` wrote, for
 * the endpoints listed, and every request the action sends is covered), and, when the package is on this
 * machine, prove it gives exactly the verdicts of the whole description.
 */
const trimmed = JSON.parse(readFileSync(TRIMMED_FILE, 'utf8')) as TrimmedDescription

describe('the trimmed description', () => {
  it('is as generated: its content hash matches (a hand edit shows)', () => {
    expect(contentHash(trimmed)).toBe(trimmed.sha256)
  })

  it('was generated from the endpoint list as it is now', () => {
    expect(trimmed.endpoints).toEqual([...GITHUB_ENDPOINTS])
  })

  it('records the package version and the hash of the file it was cut from', () => {
    expect(trimmed.source).toEqual({ package: '@octokit/openapi', version: expect.stringMatching(/^\d+\.\d+\.\d+$/), file: OPENAPI_FILE, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })
  })

  it('keeps the request schemas of every listed endpoint, and every documented route for matching', () => {
    for (const endpoint of GITHUB_ENDPOINTS) {
      const { method, template } = parseEndpoint(endpoint)
      expect({ endpoint, op: trimmed.paths[template]?.[method] !== undefined, route: trimmed.routes[template]?.includes(method) }).toEqual({ endpoint, op: true, route: true })
    }
    expect(Object.keys(trimmed.routes).length).toBeGreaterThan(500)
  })
})

/** One request of each kind the action sends to GitHub (and the fake forge serves), by its listed endpoint. */
const SENT: [string, string, string][] = [
  ['GET', '/repos/o/r/branches/main', 'GET /repos/{owner}/{repo}/branches/{branch}'],
  ['GET', '/repos/o/r/branches/release/v2', 'GET /repos/{owner}/{repo}/branches/{branch}'],
  ['GET', '/repos/o/r/compare/aaaaaaa...bbbbbbb', 'GET /repos/{owner}/{repo}/compare/{basehead}'],
  ['GET', '/repos/o/r/commits', 'GET /repos/{owner}/{repo}/commits'],
  ['GET', '/repos/o/r/commits/abc1234', 'GET /repos/{owner}/{repo}/commits/{ref}'],
  ['POST', `/repos/o/r/statuses/${'a'.repeat(40)}`, 'POST /repos/{owner}/{repo}/statuses/{sha}'],
  ['GET', `/repos/o/r/commits/${'a'.repeat(40)}/statuses`, 'GET /repos/{owner}/{repo}/commits/{ref}/statuses'],
  ['GET', `/repos/o/r/commits/${'a'.repeat(40)}/status`, 'GET /repos/{owner}/{repo}/commits/{ref}/status'],
  ['POST', '/repos/o/r/check-runs', 'POST /repos/{owner}/{repo}/check-runs'],
  ['PATCH', '/repos/o/r/check-runs/42', 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}'],
  ['GET', `/repos/o/r/commits/${'a'.repeat(40)}/check-runs`, 'GET /repos/{owner}/{repo}/commits/{ref}/check-runs'],
  ['POST', '/repos/o/r/deployments', 'POST /repos/{owner}/{repo}/deployments'],
  ['GET', '/repos/o/r/deployments', 'GET /repos/{owner}/{repo}/deployments'],
  ['GET', '/repos/o/r/deployments/7', 'GET /repos/{owner}/{repo}/deployments/{deployment_id}'],
  ['POST', '/repos/o/r/deployments/7/statuses', 'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses'],
  ['GET', '/repos/o/r/deployments/7/statuses', 'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses']
]

describe('the fake forge against the trimmed description', () => {
  it.each(SENT)('%s %s is the listed endpoint %s', (method, path, endpoint) => {
    const match = matchOperation(method, path)
    expect(match && `${method} ${match.template}`).toBe(endpoint)
    expect(GITHUB_ENDPOINTS).toContain(endpoint)
  })

  it('still validates: a check run without head_sha, a status with a bad state, a filter GitHub does not know', () => {
    const run = matchOperation('POST', '/repos/o/r/check-runs')!
    expect(schemaProblems('POST', run, new URLSearchParams(), { name: 'x' }, false).map((p) => p.field)).toContain('body')
    const status = matchOperation('POST', `/repos/o/r/statuses/${'a'.repeat(40)}`)!
    expect(schemaProblems('POST', status, new URLSearchParams(), { state: 'warning' }, false)).toEqual([expect.objectContaining({ field: 'body/state' })])
    const runs = matchOperation('GET', `/repos/o/r/commits/${'a'.repeat(40)}/check-runs`)!
    expect(schemaProblems('GET', runs, new URLSearchParams('check_name=x&filter=all'), undefined, false)).toEqual([])
    expect(schemaProblems('GET', runs, new URLSearchParams('filter=newest'), undefined, false)).toEqual([expect.objectContaining({ field: 'query/filter' })])
    const deployment = matchOperation('POST', '/repos/o/r/deployments')!
    expect(schemaProblems('POST', deployment, new URLSearchParams(), {}, false)).toEqual([expect.objectContaining({ field: 'body', message: expect.stringContaining('ref') })])
  })

  it('refuses a documented operation the list does not name, saying where to add it', () => {
    const pulls = matchOperation('GET', '/repos/o/r/pulls')
    expect(pulls?.template).toBe('/repos/{owner}/{repo}/pulls')
    expect(schemaProblems('GET', pulls!, new URLSearchParams(), undefined, false)).toEqual([{ field: 'operation', message: expect.stringContaining('simulator/github-endpoints.ts') }])
  })

  it('finds no operation for an undocumented route or method', () => {
    expect(matchOperation('GET', '/repos/o/r/no-such-thing')).toBeUndefined()
    expect(matchOperation('DELETE', '/repos/o/r/check-runs/42')).toBeUndefined()
  })
})

// The full description, when this machine has the package (`npm run openapi:trim` installs it on demand).
const source = openApiSourceCandidates(process.cwd(), trimmed.source.version)
  .map((dir) => join(dir, OPENAPI_FILE))
  .find((file) => existsSync(file))

describe(`against ${trimmed.source.package}@${trimmed.source.version} itself`, () => {
  const withPackage = source ? it : it.skip
  const raw = source ? readFileSync(source) : undefined
  const full = raw ? (JSON.parse(raw.toString('utf8')) as Description & { components: Record<string, Record<string, unknown>> }) : undefined

  withPackage(`regenerating gives the committed file byte for byte (${source ? 'package found' : 'package not installed: run npm run openapi:check'})`, () => {
    expect(sha256(raw!)).toBe(trimmed.source.sha256)
    const fresh = serialise(trimDescription(full!, GITHUB_ENDPOINTS, { version: trimmed.source.version, sha256: sha256(raw!) }))
    expect(fresh).toBe(readFileSync(TRIMMED_FILE, 'utf8'))
  })

  withPackage('gives the same match and the same problems as the whole description, request for request', () => {
    const whole = githubRules(full!)
    const part = githubRules(trimmed as unknown as Description)
    const sha = 'b'.repeat(40)
    const cases: [string, string, string, unknown][] = [
      ...SENT.map(([m, p]): [string, string, string, unknown] => [m, p, 'per_page=100&page=1', m === 'GET' ? undefined : {}]),
      ['POST', `/repos/o/r/statuses/${sha}`, '', { state: 'success', context: 'c', description: 'd', target_url: 'https://x' }],
      ['POST', `/repos/o/r/statuses/${sha}`, '', { state: 'bogus' }],
      ['POST', '/repos/o/r/check-runs', '', { name: 'n', head_sha: sha, status: 'completed', conclusion: 'neutral', output: { title: 't', summary: 's' } }],
      ['POST', '/repos/o/r/check-runs', '', { name: 'n', head_sha: sha, status: 'done' }],
      ['PATCH', '/repos/o/r/check-runs/x', '', { output: { summary: 's', annotations: [{ path: 'p' }] } }],
      ['GET', `/repos/o/r/commits/${sha}/check-runs`, 'check_name=rollout&filter=all&per_page=100', undefined],
      ['GET', `/repos/o/r/commits/${sha}/check-runs`, 'filter=sometimes', undefined],
      ['GET', '/repos/o/r/commits', 'sha=main&per_page=abc', undefined],
      ['POST', '/repos/o/r/deployments', '', { ref: sha, environment: 'production', auto_merge: false, required_contexts: [] }],
      ['POST', '/repos/o/r/deployments/7/statuses', '', { state: 'in_progress' }],
      ['POST', '/repos/o/r/deployments/7/statuses', '', { state: 'finished' }],
      ['GET', '/repos/o/r/deployments', 'sha=abc&environment=production&per_page=1', undefined],
      ['GET', '/repos/o/r/no-such-thing', '', undefined],
      ['PUT', '/repos/o/r/check-runs', '', {}]
    ]
    for (const [method, path, query, body] of cases) {
      const a = whole.matchOperation(method, path)
      const b = part.matchOperation(method, path)
      expect({ method, path, match: b }).toEqual({ method, path, match: a })
      if (!a) continue
      const q = new URLSearchParams(query)
      expect({ method, path, problems: part.schemaProblems(method, b!, q, body, false) }).toEqual({ method, path, problems: whole.schemaProblems(method, a, q, body, false) })
    }
  })
})
