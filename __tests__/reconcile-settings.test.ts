import { describe, expect, it } from '@jest/globals'
import { InputError } from '../src/errors.js'
import { shardRecordName } from '../src/settings/reconcile.js'
import { parseSettings } from '../src/settings/index.js'

/** The inputs reconcile reads the deploy records with, and the name it reports under. */
const env = {
  GITHUB_SHA: 'a'.repeat(40),
  GITHUB_REPOSITORY: 'acme/app',
  GITHUB_API_URL: 'https://api.github.com',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '7',
  INPUT_MODE: 'reconcile',
  INPUT_TENANTS: 'a,b',
  'INPUT_BUILDINFO-URL': 'https://{tenant}.example/buildinfo',
  'INPUT_REDEPLOY-URL': 'https://cp.example/{tenant}'
}

describe('reconcile settings', () => {
  it('respect the deploy state by default, with a 360-minute timeout, reading the deploys’ own name', () => {
    const s = parseSettings(env)
    expect(s.reconcile).toEqual({ respectDeployState: true, deployTimeoutMs: 360 * 60_000, deployRecordName: 'rollout-guard/production', deployRecordTemplate: 'rollout-guard/production' })
    expect(s.run.attempt).toBe(1)
    expect(parseSettings({ ...env, GITHUB_RUN_ATTEMPT: '3' }).run.attempt).toBe(3)
    expect(parseSettings({ ...env, 'INPUT_RESPECT-DEPLOY-STATE': 'false', 'INPUT_DEPLOY-TIMEOUT-MINUTES': '90' }).reconcile).toMatchObject({ respectDeployState: false, deployTimeoutMs: 90 * 60_000 })
    expect(parseSettings({ ...env, INPUT_MODE: 'deploy' }).reconcile).toBeUndefined()
  })

  it('reports under a name of its own, never the deploys’ name', () => {
    expect(parseSettings(env).report.name).toBe('rollout-guard/production/reconcile')
    // With {mode} in check-name the names differ already: deploys write cd/deploy, reconcile cd/reconcile.
    const s = parseSettings({ ...env, 'INPUT_CHECK-NAME': 'cd/{environment}/{mode}' })
    expect(s.report.name).toBe('cd/production/reconcile')
    expect(s.reconcile?.deployRecordName).toBe('cd/production/deploy')
  })

  it('every deploy job has its own name: a shard suffix, or {shard} where the template says', () => {
    const deploy = { ...env, INPUT_MODE: 'deploy' }
    expect(parseSettings({ ...deploy, INPUT_SHARD: '2/4' }).report.name).toBe('rollout-guard/production (shard 2)')
    expect(parseSettings({ ...deploy, INPUT_SHARD: '2/4', 'INPUT_CHECK-NAME': 'cd/{environment}/{shard}' }).report.name).toBe('cd/production/2')
    expect(parseSettings({ ...deploy, 'INPUT_CHECK-NAME': 'cd/{environment}/{shard}' }).report.name).toBe('cd/production/all')
    expect(parseSettings(deploy).report.name).toBe('rollout-guard/production')
    // Reconcile reads each shard's name, and a sharded reconcile never reports under a deploy shard's name.
    const r = parseSettings({ ...env, 'INPUT_CHECK-NAME': 'cd/{environment}/{shard}' })
    expect([r.reconcile?.deployRecordName, shardRecordName(r.reconcile!, 3)]).toEqual(['cd/production/all', 'cd/production/3'])
    expect(shardRecordName(parseSettings(env).reconcile!, 3)).toBe('rollout-guard/production (shard 3)')
    expect(parseSettings({ ...env, INPUT_SHARD: '3/4' }).report.name).toBe('rollout-guard/production (shard 3)/reconcile')
  })

  it.each(['0', '-5', '1.5', '14', 'six hours', '10081'])('deploy-timeout-minutes %p is refused, naming the input and the range', (value) => {
    let error: unknown
    try {
      parseSettings({ ...env, 'INPUT_DEPLOY-TIMEOUT-MINUTES': value })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toContain('deploy-timeout-minutes')
    expect((error as Error).message).toContain(value)
    expect((error as Error).message).toContain('a whole number of minutes from 15 (three heartbeats of a running deploy) to 10080')
  })
})
