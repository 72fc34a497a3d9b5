import { describe, expect, it } from '@jest/globals'
import { InputError } from '../src/errors.js'
import { parseSettings } from '../src/settings/index.js'

const SHA = 'a'.repeat(40)
const base = {
  GITHUB_SHA: SHA,
  GITHUB_REPOSITORY: 'acme/app',
  GITHUB_API_URL: 'https://api.github.com',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '7',
  INPUT_MODE: 'gate',
  INPUT_TOKEN: 'ghs_secret'
}

function errorOf(env: Record<string, string>): InputError {
  try {
    parseSettings({ ...base, ...env })
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error('expected an InputError')
}

describe('settings', () => {
  it('defaults come from the runner environment and the event payload', () => {
    const s = parseSettings(base, { repository: { default_branch: 'trunk' } })
    expect(s.mode).toBe('gate')
    expect(s.target).toEqual({ sha: SHA, branch: 'trunk', environment: 'production' })
    expect(s.forge).toMatchObject({ kind: 'github', apiUrl: 'https://api.github.com', owner: 'acme', repo: 'app', token: 'ghs_secret' })
    expect(s.gate).toEqual({ enabled: true, onSuperseded: 'skip', force: false })
    expect(s.run.runUrl).toBe('https://github.com/acme/app/actions/runs/7')
    expect(s.secrets).toEqual(['ghs_secret'])
  })

  it('branch falls back to main without a payload', () => {
    expect(parseSettings(base).target.branch).toBe('main')
  })

  it('mode defaults to deploy, which then needs its own inputs', () => {
    expect(() => parseSettings({ ...base, INPUT_MODE: '' })).toThrow(/Input 'tenants'/)
    const deploy = { ...base, INPUT_MODE: '', INPUT_TENANTS: 'a,b', 'INPUT_BUILDINFO-URL': 'https://{tenant}.example/buildinfo', 'INPUT_REDEPLOY-URL': 'https://cp.example/{tenant}' }
    const s = parseSettings(deploy)
    expect(s.mode).toBe('deploy')
    expect(s.rollout).toMatchObject({ tag: 'staging-aaaaaaa', maxParallel: 10, maxFailures: 0, soakMs: 60_000, canary: [] })
    expect(s.rollout?.driver).toMatchObject({ kind: 'http', method: 'POST' })
  })

  it('forge auto picks Gitea under act_runner and trims a trailing slash from the server URL', () => {
    const s = parseSettings({ ...base, GITEA_ACTIONS: 'true', GITHUB_SERVER_URL: 'https://git.example/', GITHUB_API_URL: '', GITHUB_RUN_NUMBER: '3' })
    expect(s.forge.kind).toBe('gitea')
    expect(s.forge.apiUrl).toBe('https://git.example/api/v1')
    // Gitea's run page is addressed by the run's index (GITHUB_RUN_NUMBER), not its database id.
    expect(s.run.runUrl).toBe('https://git.example/acme/app/actions/runs/3')
    expect(s.run.runId).toBe('7')
    expect(parseSettings({ ...base, GITEA_ACTIONS: 'true', GITHUB_SERVER_URL: 'https://git.example/', GITHUB_API_URL: '' }).run.runUrl).toBeUndefined()
  })

  it('explicit inputs win over the environment', () => {
    const s = parseSettings({ ...base, INPUT_FORGE: 'gitea', 'INPUT_API-URL': 'http://127.0.0.1:3000/api/v1/', INPUT_SHA: 'ABCDEF1', INPUT_BRANCH: 'release/1.x', INPUT_REPOSITORY: 'o/r' })
    expect(s.forge).toMatchObject({ kind: 'gitea', apiUrl: 'http://127.0.0.1:3000/api/v1', owner: 'o', repo: 'r' })
    expect(s.target).toMatchObject({ sha: 'abcdef1', branch: 'release/1.x' })
  })

  it('boolean inputs accept the YAML spellings', () => {
    const s = parseSettings({ ...base, 'INPUT_SUPERSEDED-CHECK': 'False', INPUT_FORCE: 'TRUE', 'INPUT_ON-SUPERSEDED': 'fail' })
    expect(s.gate).toEqual({ enabled: false, onSuperseded: 'fail', force: true })
  })

  it.each([
    ['mode', { INPUT_MODE: 'yolo' }, /`gate`/],
    ['forge', { INPUT_FORGE: 'gitlab' }, /`github`, `gitea`/],
    ['on-superseded', { 'INPUT_ON-SUPERSEDED': 'ignore' }, /`skip`, `fail`/],
    ['sha', { INPUT_SHA: 'xyz' }, /7 to 40 hex digits/],
    ['sha', { INPUT_SHA: 'abc12' }, /7 to 40 hex digits/],
    ['sha', { INPUT_SHA: 'a'.repeat(41) }, /7 to 40 hex digits/],
    ['repository', { INPUT_REPOSITORY: 'justname' }, /owner\/name/],
    ['repository', { INPUT_REPOSITORY: 'a/b/c' }, /owner\/name/],
    ['api-url', { 'INPUT_API-URL': 'not a url' }, /http\(s\) URL/],
    ['api-url', { 'INPUT_API-URL': 'ftp://x' }, /http\(s\) URL/],
    ['superseded-check', { 'INPUT_SUPERSEDED-CHECK': 'yes' }, /`true` or `false`/],
    ['force', { INPUT_FORCE: '1' }, /`true` or `false`/],
    ['branch', { INPUT_BRANCH: 'a..b' }, /branch name/],
    ['environment', { INPUT_ENVIRONMENT: 'prod env' }, /label/]
  ])('rejects a bad %s, naming the input, the value and the expected form', (input, env, expected) => {
    const e = errorOf(env as Record<string, string>)
    expect(e.input).toBe(input)
    expect(e.message).toContain(`'${input}'`)
    expect(e.message).toContain(JSON.stringify(Object.values(env)[0]))
    expect(e.message).toMatch(expected)
  })

  it('a missing sha with no GITHUB_SHA is an input error', () => {
    expect(() => parseSettings({ ...base, GITHUB_SHA: '' })).toThrow(/Input 'sha'/)
  })

  it('is a pure function of its arguments', () => {
    const env = { ...base }
    expect(parseSettings(env)).toEqual(parseSettings(env))
    expect(env).toEqual(base)
  })
})
