import { describe, expect, it } from '@jest/globals'
import { createCanaryAnalysis, type SoakRun } from '../src/analysis/canary.js'
import type { MetricReader } from '../src/analysis/types.js'
import { Ancestry } from '../src/forge/ancestry.js'
import { SupersededGate } from '../src/gate/gate.js'
import type { HttpClient } from '../src/http/client.js'
import type { RedeployRequest, Redeployer } from '../src/rollout/redeploy-types.js'
import { runRollout } from '../src/rollout/rollout.js'
import type { RolloutResult } from '../src/rollout/types.js'
import type { AnalysisSettings } from '../src/settings/analysis.js'
import { VirtualClock } from '../simulator/virtual-clock.js'
import { verifySettingsFor } from './support/factories.js'
import { linearForge } from './support/linear-forge.js'

/**
 * The rollout's one hook for the analysis, in memory on virtual time: the canary's soak is the analysis
 * (against the tenants the canary did not touch), a canary tenant whose analysis did not pass fails the
 * canary whatever its build info says, and no wave starts after it.
 */
const OLD = 'a'.repeat(40)
const T = 'b'.repeat(40)
const ORDER = [OLD, T]
const FLEET = ['t1', 't2', 't3', 't4']

const forge = linearForge(ORDER, T)

const SETTINGS: AnalysisSettings = {
  kind: 'prometheus',
  url: 'http://prometheus.test',
  query: 'x{tenant="{tenant}"}',
  field: '',
  headers: {},
  thresholds: { maxRatio: 3, floor: 0.01 },
  intervalMs: 1000,
  consecutive: 2,
  inconclusiveLimit: 1,
  baselineSize: 10,
  requestTimeoutMs: 2000,
  waves: false
}

async function roll(canaryRate: number | undefined, seen: SoakRun[] = []): Promise<{ result: RolloutResult; sent: string[] }> {
  const clock = new VirtualClock()
  const serving = new Map(FLEET.map((t) => [t, OLD]))
  const sent: string[] = []
  const redeployer: Redeployer = {
    redeploy: async (req: RedeployRequest) => {
      sent.push(req.tenant)
      serving.set(req.tenant, req.sha)
      return { ok: true, detail: '' }
    }
  }
  const reader: MetricReader = { source: 'fake', read: async (t) => ({ value: t === 't1' ? canaryRate! : 0.01 }) }
  const made = canaryRate === undefined ? undefined : createCanaryAnalysis(SETTINGS, {} as HttpClient, { sha: T, environment: 'production' }, reader)
  const analysis = made && { soak: (run: SoakRun) => (seen.push(run), made.soak(run)) }
  const target = { sha: T, branch: 'main', environment: 'production' }
  const gateSettings = { enabled: true, onSuperseded: 'skip' as const, force: false, maxAgeMs: 2000 }
  const ancestry = new Ancestry(forge, clock)
  const result = await clock.run(() =>
    runRollout({
      fleet: FLEET,
      rollout: {
        imageTag: '{sha}',
        tag: T,
        driver: { kind: 'command', argv: ['true'] },
        canary: ['t1'],
        soakMs: 5000,
        maxParallel: 2,
        waves: [],
        wavesRaw: '',
        maxFailures: 0,
        requestTimeoutMs: 2000,
        canaryFailure: 'hold'
      },
      verify: verifySettingsFor('http://tenants.invalid/{tenant}', { budgetMs: 10_000, intervalMs: 500, requestTimeoutMs: 2000 }),
      target,
      gateSettings,
      gate: new SupersededGate(forge, ancestry, target, gateSettings, { clock }),
      ancestry,
      prober: { probe: async (t: string) => ({ sha: serving.get(t), status: 200 }) },
      redeployer,
      clock,
      signal: new AbortController().signal,
      ...(analysis ? { analysis } : {})
    })
  )
  return { result, sent }
}

describe('the soak with analysis, in the rollout', () => {
  it('a canary that serves the commit but fails its analysis fails the canary; no wave starts', async () => {
    const seen: SoakRun[] = []
    const { result, sent } = await roll(0.2, seen)
    expect(seen.map((r) => [r.canary, r.untouched, r.soakMs])).toEqual([[['t1'], ['t2', 't3', 't4'], 5000]])
    expect(result.result).toBe('failed')
    expect(result.reason).toMatch(/^The canary failed \(t1 failed its analysis \(2 bad samples in a row \(analysis-consecutive: 2\)\)\); the rest of the fleet was not touched\./)
    expect(sent).toEqual(['t1'])
    expect(result.phases.map((p) => [p.name, p.outcome])).toEqual([
      ['gate (canary)', 'owner'],
      ['canary', 'ok'],
      ['soak', 'failed'],
      ['canary re-verify', 'failed']
    ])
    const t1 = result.tenants.find((t) => t.tenant === 't1')!
    expect(t1.verdict?.verdict).toBe('on-target')
    expect(t1.analysis).toMatchObject({ verdict: 'failed' })
  })

  it('a healthy canary passes; the waves follow', async () => {
    const { result, sent } = await roll(0.012)
    expect(result.result).toBe('deployed')
    expect(sent.sort()).toEqual(FLEET)
    expect(result.phases.find((p) => p.name === 'soak')).toMatchObject({ outcome: 'ok', detail: 'analysis passed: 5 samples per canary tenant' })
    expect(result.tenants.find((t) => t.tenant === 't1')!.analysis).toMatchObject({ verdict: 'passed' })
  })

  it('without analysis the soak is a plain wait', async () => {
    const { result, sent } = await roll(undefined)
    expect(result.result).toBe('deployed')
    expect(sent.sort()).toEqual(FLEET)
    expect(result.phases.find((p) => p.name === 'soak')).toMatchObject({ outcome: 'ok', durationMs: 5000 })
    expect(result.tenants.every((t) => t.analysis === undefined)).toBe(true)
  })
})
