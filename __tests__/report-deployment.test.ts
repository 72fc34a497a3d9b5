import { describe, expect, it } from '@jest/globals'
import type { DeploymentStatusUpdate, ForgeDeployments } from '../src/forge/types.js'
import { HttpStatusError } from '../src/http/retry.js'
import type { RunReport } from '../src/report/model.js'
import { DEPLOYMENT_DESCRIPTION_MAX, deploymentState, describeDeployment, ForgeDeploymentTracker } from '../src/report/publish/deployment.js'
import { parseSettings } from '../src/settings/index.js'
import { errorOf } from './support/input-error.js'

/** The deployment's final state and description, and the settings that turn it on. */
const SHA = 'a'.repeat(40)
const tenant = (name: string, verdict: string): RunReport['tenants'][number] => ({ tenant: name, verdict, ok: verdict === 'on-target' || verdict === 'ahead' }) as RunReport['tenants'][number]
const report = (extra: Partial<RunReport>): RunReport => ({ result: 'deployed', reason: 'r', target: { sha: SHA }, tenants: [], restore: null, ...extra }) as unknown as RunReport

describe('the deployment status at the end of a run', () => {
  it('success, failure, inactive (stepped aside), error (threw, or cancelled)', () => {
    expect(deploymentState('deployed', false)).toBe('success')
    expect(deploymentState('failed', false)).toBe('failure')
    expect(deploymentState('skipped-superseded', false)).toBe('inactive')
    expect(deploymentState('cancelled', false)).toBe('error')
    expect(deploymentState('deployed', true)).toBe('error')
  })

  it('counts the tenants that serve the commit, not those a failed canary went back from, within 140 characters', () => {
    const tenants = [tenant('a', 'on-target'), tenant('b', 'ahead'), tenant('c', 'on-target'), tenant('d', 'stale')]
    expect(describeDeployment(report({ tenants }), 'success')).toBe('Deployed: aaaaaaa live on 2 of 4 tenants, 1 on a newer commit')
    const restore = { outcome: 'restored', reason: '', tenants: [{ tenant: 'c', action: 'restored' }] } as unknown as RunReport['restore']
    expect(describeDeployment(report({ result: 'failed', tenants, restore }), 'failure')).toBe('Failed: aaaaaaa live on 1 of 4 tenants, 1 on a newer commit; canary restore restored')
    const long = describeDeployment(report({ result: 'failed', reason: 'x'.repeat(500) }), 'error')
    expect(long.length).toBeLessThanOrEqual(DEPLOYMENT_DESCRIPTION_MAX)
    expect(long).toMatch(/^Error: x+/)
  })

  it('a status refused is a warning; a deployment never created is never given a status', async () => {
    const sent: DeploymentStatusUpdate[] = []
    const warnings: string[] = []
    const log = { warning: (m: string) => warnings.push(m), info: () => undefined }
    const refusing: ForgeDeployments = {
      create: async () => Promise.reject(new HttpStatusError('POST deployment', 403, 'Resource not accessible by integration', undefined)),
      setStatus: async (_id, s) => void sent.push(s)
    }
    const t = new ForgeDeploymentTracker(refusing, { environment: 'production', runUrl: 'https://x/run', environmentUrl: undefined }, log)
    await t.start(SHA)
    await t.finish(report({}), false)
    expect(sent).toEqual([])
    expect(warnings).toEqual([expect.stringMatching(/could not be created: .*Add `deployments: write`.*The deploy itself is not affected/)])
  })
})

describe('deployment settings', () => {
  const base = {
    GITHUB_SHA: SHA,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_API_URL: 'https://api.github.com',
    INPUT_MODE: 'deploy',
    INPUT_TENANTS: 'a',
    'INPUT_BUILDINFO-URL': 'https://{tenant}.example/b',
    'INPUT_REDEPLOY-URL': 'https://cp.example/{tenant}'
  }
  it('off by default; on with an optional environment URL; ignored outside deploy mode', () => {
    expect(parseSettings(base).deployment).toBeUndefined()
    expect(parseSettings({ ...base, INPUT_DEPLOYMENT: 'true', 'INPUT_ENVIRONMENT-URL': 'https://app.example.com' }).deployment).toEqual({ environmentUrl: 'https://app.example.com' })
    expect(parseSettings({ ...base, INPUT_MODE: 'gate', INPUT_DEPLOYMENT: 'true' }).deployment).toBeUndefined()
  })

  it('refuses a bad value, a bad URL, and Gitea, naming the input', () => {
    expect(errorOf(() => parseSettings({ ...base, INPUT_DEPLOYMENT: 'yes' })).message).toMatch(/deployment.*yes.*`true` or `false`/)
    expect(errorOf(() => parseSettings({ ...base, INPUT_DEPLOYMENT: 'true', 'INPUT_ENVIRONMENT-URL': 'app.example.com' })).message).toMatch(/environment-url.*app\.example\.com.*absolute http/)
    expect(errorOf(() => parseSettings({ ...base, INPUT_FORGE: 'gitea', INPUT_DEPLOYMENT: 'true' })).message).toMatch(/deployment.*Gitea, which has no Deployments API/)
  })

  it('canary-failure: restore by default, hold, and nothing else', () => {
    expect(parseSettings(base).rollout?.canaryFailure).toBe('restore')
    expect(parseSettings({ ...base, 'INPUT_CANARY-FAILURE': 'hold' }).rollout?.canaryFailure).toBe('hold')
    expect(errorOf(() => parseSettings({ ...base, 'INPUT_CANARY-FAILURE': 'rollback' })).message).toMatch(/canary-failure.*rollback.*`restore`, `hold`/)
  })
})
