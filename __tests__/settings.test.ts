import { describe, expect, it } from '@jest/globals'
import { InputError } from '../src/errors.js'
import { parseSettings } from '../src/settings/index.js'
import { errorOf as inputErrorOf } from './support/input-error.js'

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
  return inputErrorOf(() => parseSettings({ ...base, ...env }))
}

describe('settings', () => {
  it('defaults come from the runner environment and the event payload', () => {
    const s = parseSettings(base, { repository: { default_branch: 'trunk' } })
    expect(s.mode).toBe('gate')
    expect(s.target).toEqual({ sha: SHA, branch: 'trunk', environment: 'production' })
    expect(s.forge).toMatchObject({ kind: 'github', apiUrl: 'https://api.github.com', owner: 'acme', repo: 'app', token: 'ghs_secret' })
    expect(s.gate).toEqual({ enabled: true, onSuperseded: 'skip', force: false, maxAgeMs: 5000 })
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
    expect(s.gate).toEqual({ enabled: false, onSuperseded: 'fail', force: true, maxAgeMs: 5000 })
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

describe('numeric inputs are checked in the milliseconds actually used', () => {
  const verify = { INPUT_MODE: 'verify', INPUT_TENANTS: 'a b', 'INPUT_BUILDINFO-URL': 'https://{tenant}.example/buildinfo' }
  const deploy = { ...verify, INPUT_MODE: 'deploy', 'INPUT_REDEPLOY-URL': 'https://cp.example/{tenant}' }
  const TIMER = /to 2147483\.647 \(Node's timer limit, about 24\.8 days\)/
  it.each<[string, string, Record<string, string>, RegExp]>([
    // Rounds to 0 ms, or below the input's useful minimum.
    ['forge-retry-seconds', '0.0001', {}, /from 1 to 2147483\.647/],
    ['forge-retry-seconds', '0.5', {}, /from 1 to/],
    ['settle-budget-seconds', '0.0001', verify, /from 0\.1 to/],
    ['settle-interval-seconds', '0.0001', verify, /from 0\.05 to/],
    ['settle-interval-seconds', '0.04', verify, /from 0\.05 to/],
    ['request-timeout-seconds', '0.0001', verify, /from 0\.1 to/],
    ['canary-soak-seconds', '0.0001', deploy, /0 or from 0\.001 to/],
    // Above setTimeout's limit a timer fires at once: a soak of 2,200,000 s would last 0 s.
    ['forge-retry-seconds', '2147484', {}, TIMER],
    ['settle-budget-seconds', '2147484', verify, TIMER],
    ['settle-interval-seconds', '2147484', verify, TIMER],
    ['request-timeout-seconds', '2147483.648', verify, TIMER],
    ['canary-soak-seconds', '2200000', deploy, TIMER],
    ['max-parallel', '0', deploy, /whole number, 1 or more \(at most 1000000\)/],
    ['max-parallel', '99999999999999999999', deploy, /at most 1000000/],
    ['max-failures', '1000001', deploy, /whole number, 0 or more \(at most 1000000\)/],
    ['settle-confirmations', '0', verify, /whole number, 1 or more \(at most 100\)/],
    ['settle-confirmations', '101', verify, /at most 100/],
    ['settle-confirmations', '14', verify, /at most 13: 14 answers one settle-interval-seconds \(20\) apart do not fit in settle-budget-seconds \(240\)/]
  ])('%s refuses %s', (input, value, mode, expected) => {
    const e = errorOf({ ...mode, [`INPUT_${input.toUpperCase()}`]: value })
    expect(e.input).toBe(input)
    expect(e.message).toContain(`Input '${input}' has the value ${JSON.stringify(value)}; expected`)
    expect(e.expected).toMatch(expected)
  })

  it('accepts the limits themselves', () => {
    const s = parseSettings({
      ...base,
      ...deploy,
      'INPUT_FORGE-RETRY-SECONDS': '1',
      'INPUT_SETTLE-BUDGET-SECONDS': '2147483.647',
      'INPUT_SETTLE-INTERVAL-SECONDS': '0.05',
      'INPUT_REQUEST-TIMEOUT-SECONDS': '0.1',
      'INPUT_CANARY-SOAK-SECONDS': '0',
      'INPUT_SETTLE-CONFIRMATIONS': '100'
    })
    expect(s.forge.retry.maxTotalMs).toBe(1000)
    expect(s.verify).toMatchObject({ budgetMs: 2 ** 31 - 1, intervalMs: 50, requestTimeoutMs: 100, confirmations: 100 })
    expect(s.rollout?.soakMs).toBe(0)
    expect(parseSettings({ ...base, ...verify, 'INPUT_SETTLE-CONFIRMATIONS': '13' }).verify?.confirmations).toBe(13)
  })
})

describe('tags are rendered with the run’s real values before any side effect', () => {
  const deploy = { INPUT_MODE: 'deploy', INPUT_TENANTS: 'a b', 'INPUT_BUILDINFO-URL': 'https://{tenant}.example/buildinfo', 'INPUT_REDEPLOY-URL': 'https://cp.example/{tenant}' }
  it('an environment that makes the image tag start with `-` is refused, showing the rendered tag', () => {
    const e = errorOf({ ...deploy, INPUT_ENVIRONMENT: '-eu', 'INPUT_IMAGE-TAG': '{environment}-{sha7}' })
    expect(e.input).toBe('image-tag')
    expect(e.value).toBe('{environment}-{sha7}')
    expect(e.expected).toContain('it renders as "-eu-aaaaaaa" with environment "-eu"')
  })

  it('promote-tag and promote-from too', () => {
    const promote = { INPUT_MODE: 'promote', INPUT_IMAGE: 'ghcr.io/acme/app', INPUT_ENVIRONMENT: '.eu' }
    expect(errorOf({ ...promote, 'INPUT_PROMOTE-TAG': '{environment}' }).input).toBe('promote-tag')
    expect(errorOf({ ...promote, 'INPUT_IMAGE-TAG': 'v1', 'INPUT_PROMOTE-FROM': '{environment}-x' }).input).toBe('promote-from')
  })

  it('a template that would pass for a short SHA but not for a full one is refused at once', () => {
    const e = errorOf({ ...deploy, INPUT_SHA: 'abcdef1', 'INPUT_IMAGE-TAG': `${'x'.repeat(90)}-{sha}` })
    expect(e.input).toBe('image-tag')
  })

  it('the default and ordinary environments still render valid tags', () => {
    expect(parseSettings({ ...base, ...deploy, INPUT_ENVIRONMENT: 'eu-west', 'INPUT_IMAGE-TAG': '{environment}-{sha7}' }).rollout?.tag).toBe('eu-west-aaaaaaa')
  })
})
