import { describe, expect, it } from '@jest/globals'
import { InputError } from '../src/errors.js'
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
    expect(s.reconcile).toEqual({ respectDeployState: true, deployTimeoutMs: 360 * 60_000, deployRecordName: 'rollout-guard/production' })
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

  it.each(['0', '-5', '1.5', 'six hours', '10081'])('deploy-timeout-minutes %p is refused, naming the input and the range', (value) => {
    let error: unknown
    try {
      parseSettings({ ...env, 'INPUT_DEPLOY-TIMEOUT-MINUTES': value })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toContain('deploy-timeout-minutes')
    expect((error as Error).message).toContain(value)
    expect((error as Error).message).toContain('a whole number of minutes from 1 to 10080')
  })
})
