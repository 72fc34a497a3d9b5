import { readFile, rm } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { RunReport } from '../src/report/model.js'
import { FakeForge } from '../simulator/fake-forge.js'
import { GitRepo } from '../simulator/git-repo.js'
import { runAction } from '../simulator/run-action.js'
import { TenantSimulator } from '../simulator/tenants.js'

const TOKEN = 'ghs_verifyE2eToken_0a1b2c3d'
const HEADER_SECRET = 'probe-header-secret-5e6f7a'

/** The built dist/index.js in `mode: verify`, run as a runner runs it, against the tenant simulator. */
describe('mode: verify end to end', () => {
  let repo: GitRepo
  let forge: FakeForge
  let sim: TenantSimulator
  let OLD: string
  let TARGET: string
  let NEWER: string

  beforeAll(async () => {
    repo = await GitRepo.create()
    OLD = await repo.commit('old')
    TARGET = await repo.commit('target')
    NEWER = await repo.commit('newer')
    forge = await FakeForge.start({ flavour: 'github', repo, token: TOKEN })
    sim = await TenantSimulator.start({
      tenants: {
        alpha: { sha: OLD },
        beta: { sha: NEWER },
        gamma: { sha: OLD },
        delta: { sha: OLD, fault: { hang: true } },
        epsilon: { sha: TARGET, format: 'text' }
      }
    })
  })
  afterAll(async () => {
    await sim.close()
    await forge.close()
    await repo.dispose()
  })

  const env = () => ({ GITHUB_API_URL: forge.apiUrl, GITHUB_SERVER_URL: forge.serverUrl, GITHUB_REPOSITORY: forge.repository, GITHUB_SHA: TARGET })
  const inputs = (tenants: string) => ({
    mode: 'verify',
    token: TOKEN,
    tenants,
    'buildinfo-url': sim.buildinfoTemplate,
    'buildinfo-headers': `Authorization: Bearer ${HEADER_SECRET}`,
    'settle-budget-seconds': '2',
    'settle-interval-seconds': '0.25',
    'request-timeout-seconds': '0.5'
  })

  it('a fleet with a draining, an ahead, a stale and a hung tenant fails, naming each failing tenant', async () => {
    sim.redeploy('alpha', TARGET, 600)
    const r = await runAction({ inputs: inputs('alpha, beta, gamma, delta, epsilon'), env: env(), keepTemp: true })
    try {
      expect(r.exitCode).toBe(1)
      expect(r.outputs).toMatchObject({ result: 'failed', verified: '3' })
      expect(JSON.parse(r.outputs.stale!).map((s: { tenant: string; verdict: string }) => `${s.tenant}:${s.verdict}`)).toEqual(['gamma:stale', 'delta:unreachable'])
      expect(JSON.parse(r.outputs.ahead!)).toEqual([{ tenant: 'beta', sha: NEWER }])

      const errors = r.commands.filter((c) => c.command === 'error').map((c) => c.message)
      expect(errors[0]).toMatch(new RegExp(`^tenant gamma is stale: actual=${OLD.slice(0, 7)} expected=${TARGET.slice(0, 7)} after 2s, \\d+ polls$`))
      // The last poll gets what is left of the budget, which depends on how fast the earlier ones went.
      expect(errors[1]).toMatch(/^tenant delta is unreachable: actual=none .* after 2s, \d+ polls; last error: .*(timed out|no answer within [\d.]+s)/)
      expect(errors.at(-1)).toMatch(/2 of 5 tenants did not settle/)

      const report = JSON.parse(await readFile(r.outputs['report-path']!, 'utf8')) as RunReport
      expect(report).toMatchObject({ schema: 'rollout-guard/report', schemaVersion: 1, mode: 'verify', result: 'failed', conclusion: 'failure' })
      expect(report.tenants.map((t) => [t.tenant, t.verdict])).toEqual([
        ['alpha', 'on-target'],
        ['beta', 'ahead'],
        ['gamma', 'stale'],
        ['delta', 'unreachable'],
        ['epsilon', 'on-target']
      ])
      expect(r.summary).toMatch(/\| gamma \| ❌ stale \|/)
      expect(r.summary.indexOf('| gamma |')).toBeLessThan(r.summary.indexOf('| alpha |'))
      // [TARGET] alone when the action took longer to start than alpha's drain.
      expect([[OLD, TARGET], [TARGET]]).toContainEqual(sim.served('alpha'))
      // The header went to the tenants, and nowhere else: not to the log, summary, report or forge.
      expect(sim.requests('gamma')[0]!.headers.authorization).toBe(`Bearer ${HEADER_SECRET}`)
      // `::add-mask::` is the line that asks the runner to mask the value; nothing else may carry it.
      const log = r.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n')
      for (const text of [log, r.stderr, r.summary, JSON.stringify(report), JSON.stringify(r.outputs)]) {
        expect(text).not.toContain(HEADER_SECRET)
        expect(text).not.toContain(TOKEN)
      }
      expect(forge.requests.every((q) => !JSON.stringify(q.headers).includes(HEADER_SECRET))).toBe(true)
    } finally {
      await rm(r.tempDir, { recursive: true, force: true })
    }
  })

  it('a settled fleet verifies', async () => {
    const r = await runAction({ inputs: inputs('alpha beta epsilon'), env: env() })
    expect(r.exitCode).toBe(0)
    expect(r.outputs).toMatchObject({ result: 'verified', verified: '3', stale: '[]' })
    expect(r.commands.filter((c) => c.command === 'error')).toEqual([])
  })

  it('a hostile tenant name fails before any request', async () => {
    const before = sim.requests().length
    const r = await runAction({ inputs: inputs('alpha, evil@attacker.test'), env: env() })
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toContain(`::error::Input 'tenants' has the value "evil@attacker.test"; expected a DNS-label-like tenant name`)
    expect(sim.requests().length).toBe(before)
  })
})
