import { describe, expect, it } from '@jest/globals'
import { type CanaryAnalysis, createCanaryAnalysis } from '../src/analysis/canary.js'
import type { AnalysisResult, MetricReader } from '../src/analysis/types.js'
import type { WaveRun } from '../src/analysis/wave.js'
import { Ancestry } from '../src/forge/ancestry.js'
import { SupersededGate } from '../src/gate/gate.js'
import type { HttpClient } from '../src/http/client.js'
import { recordEnd } from '../src/record/end.js'
import { tenantFromRecord } from '../src/report/model.js'
import type { RedeployRequest, Redeployer } from '../src/rollout/redeploy-types.js'
import { runRollout } from '../src/rollout/rollout.js'
import type { RolloutResult, TenantRecord } from '../src/rollout/types.js'
import { waveHealth } from '../src/rollout/wave-health.js'
import type { AnalysisSettings } from '../src/settings/analysis.js'
import { VirtualClock } from '../simulator/virtual-clock.js'
import { verifySettingsFor } from './support/factories.js'
import { linearForge } from './support/linear-forge.js'

/**
 * `analysis-waves` in the rollout, in memory on virtual time: each wave's tenants are judged while they
 * settle against the tenants not yet moved; a wave tenant that fails is a failed tenant of its wave,
 * counted toward `max-failures` (halted past it, a record that holds the commit), and the last wave,
 * with nobody left on the release before, is judged by `analysis-max` alone.
 */
const OLD = 'a'.repeat(40)
const T = 'b'.repeat(40)
const NEWER = 'c'.repeat(40)
const ORDER = [OLD, T, NEWER]
const FLEET = ['t1', 't2', 't3', 't4', 't5', 't6']

const forge = linearForge(ORDER, T)

const SETTINGS: AnalysisSettings = {
  kind: 'prometheus',
  url: 'http://prometheus.test',
  query: 'x{tenant="{tenant}"}',
  field: '',
  headers: {},
  thresholds: { max: 0.1, maxRatio: 3, floor: 0.01 },
  intervalMs: 1000,
  consecutive: 2,
  inconclusiveLimit: 1,
  baselineSize: 10,
  requestTimeoutMs: 2000,
  waves: true
}

/** The new build errs at `rates[tenant]` (default 1.2%) wherever it runs; the old one at 1%. */
async function roll(rates: Record<string, number>, opts: { maxFailures?: number; waves?: boolean; serving?: Record<string, string> } = {}): Promise<{ result: RolloutResult; sent: string[] }> {
  const clock = new VirtualClock()
  const serving = new Map(FLEET.map((t) => [t, opts.serving?.[t] ?? OLD]))
  const sent: string[] = []
  const redeployer: Redeployer = {
    redeploy: async (req: RedeployRequest) => {
      sent.push(req.tenant)
      serving.set(req.tenant, req.sha)
      return { ok: true, detail: '' }
    }
  }
  const reader: MetricReader = { source: 'fake', read: async (t) => ({ value: serving.get(t) === OLD ? 0.01 : (rates[t] ?? 0.012) }) }
  const analysis = createCanaryAnalysis({ ...SETTINGS, waves: opts.waves ?? true }, {} as HttpClient, { sha: T, environment: 'production' }, reader)
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
        soakMs: 2000,
        maxParallel: 2,
        waves: [],
        wavesRaw: '',
        maxFailures: opts.maxFailures ?? 0,
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
      analysis
    })
  )
  return { result, sent }
}

const endOf = (r: RolloutResult): string => recordEnd({ result: r.result, stop: r.stop, tenants: r.tenants.map(tenantFromRecord) })

describe('waves analysed while they settle', () => {
  it('a healthy fleet: every wave passes against the tenants not yet moved; the last by analysis-max alone', async () => {
    const { result, sent } = await roll({})
    expect(result.result).toBe('deployed')
    expect(sent.sort()).toEqual(FLEET)
    expect(result.analysis).toMatchObject({ step: 'canary', passed: true, baseline: ['t2', 't3', 't4', 't5', 't6'] })
    expect(result.waveAnalysis!.map((w) => [w.step, w.passed, w.baseline, w.tenants.map((t) => t.tenant), w.absoluteOnly !== undefined])).toEqual([
      ['wave 1', true, ['t4', 't5', 't6'], ['t2', 't3'], false],
      ['wave 2', true, ['t6'], ['t4', 't5'], false],
      ['wave 3', true, [], ['t6'], true]
    ])
    for (const t of result.tenants.filter((x) => x.step.startsWith('wave'))) expect(t.analysis).toMatchObject({ verdict: 'passed' })
    expect(endOf(result)).toBe('deployed')
  })

  it('a wave tenant at 20% against a 1% baseline fails its wave; past max-failures the rollout halts, and the record holds the commit', async () => {
    const { result, sent } = await roll({ t3: 0.2 })
    expect(result.result).toBe('failed')
    expect(result.reason).toMatch(
      /^1 tenant\(s\) failed \(t3 failed its analysis \(2 bad samples in a row \(analysis-consecutive: 2\)\)\), more than max-failures \(0\); halted after wave 1, 2 wave\(s\) not started\.$/
    )
    expect(result.stop).toEqual({ at: 'max-failures', maxFailures: 0 })
    expect(sent.sort()).toEqual(['t1', 't2', 't3'])
    expect(result.phases.find((p) => p.name === 'wave 1')).toMatchObject({ outcome: 'failed', detail: expect.stringMatching(/t3 failed its analysis/) })
    const t3 = result.tenants.find((t) => t.tenant === 't3')!
    expect(t3.verdict?.verdict).toBe('on-target')
    expect(tenantFromRecord(t3)).toMatchObject({ verdict: 'analysis-failed', ok: false, lastError: 'analysis failed: 2 bad samples in a row (analysis-consecutive: 2)' })
    expect(result.waveAnalysis!.map((w) => [w.step, w.passed])).toEqual([['wave 1', false]])
    expect(endOf(result)).toBe('halted')
  })

  it('within max-failures the failing tenant does not stop the rollout; every wave runs and the run fails without holding', async () => {
    const { result, sent } = await roll({ t3: 0.2 }, { maxFailures: 1 })
    expect(result.result).toBe('failed')
    expect(result.reason).toMatch(/^1 tenant\(s\) failed: t3 failed its analysis/)
    expect(sent.sort()).toEqual(FLEET)
    expect(result.stop).toBeUndefined()
    expect(endOf(result)).toBe('failed-tenants')
  })

  it('the last wave, judged by analysis-max alone, still fails a tenant above it', async () => {
    const { result } = await roll({ t6: 0.5 }, { maxFailures: 0 })
    expect(result.result).toBe('failed')
    expect(result.waveAnalysis!.at(-1)).toMatchObject({ step: 'wave 3', passed: false, baseline: [] })
    expect(result.waveAnalysis!.at(-1)!.tenants[0]!.samples[0]!.why).toBe('0.5 is above analysis-max (0.1)')
    expect(endOf(result)).toBe('halted')
  })

  it('a wave tenant found on a newer commit is another build: not analysed, whatever its metric', async () => {
    const { result, sent } = await roll({ t5: 0.5 }, { serving: { t5: NEWER } })
    expect(result.result).toBe('deployed')
    expect(sent).not.toContain('t5')
    expect(result.waveAnalysis!.find((w) => w.step === 'wave 2')!.tenants.map((t) => t.tenant)).toEqual(['t4'])
    const t5 = result.tenants.find((t) => t.tenant === 't5')!
    expect(t5.action).toBe('skipped-ahead')
    expect(t5.analysis).toBeUndefined()
  })

  it('without analysis-waves the waves are verified on their build info only', async () => {
    const { result } = await roll({ t3: 0.2 }, { waves: false })
    expect(result.result).toBe('deployed')
    expect(result.waveAnalysis).toBeUndefined()
    expect(result.tenants.find((t) => t.tenant === 't3')!.analysis).toBeUndefined()
  })
})

describe("the rollout's hook for a wave's analysis", () => {
  const failed: AnalysisResult = {
    kind: 'prometheus',
    source: 'fake',
    baseline: ['t3'],
    intervalMs: 1000,
    passed: false,
    step: 'wave 1',
    tenants: [{ tenant: 't2', verdict: 'failed', why: '2 bad samples in a row (analysis-consecutive: 2)', samples: [] }]
  }
  function hook(kind: 'canary' | 'wave', records: Map<string, TenantRecord>): { health: ReturnType<typeof waveHealth>; asked: WaveRun[] } {
    const asked: WaveRun[] = []
    const analysis: CanaryAnalysis = {
      soak: async () => failed,
      wave: (run) => (asked.push(run), { settled: () => undefined, done: async () => failed })
    }
    const step = { name: kind === 'canary' ? 'canary' : 'wave 1', kind, tenants: ['t2'], reach: 2 }
    return { health: waveHealth(step, records, { analysis, fleet: ['t1', 't2', 't3'], clock: new VirtualClock(), signal: new AbortController().signal }), asked }
  }
  const records = (): Map<string, TenantRecord> =>
    new Map<string, TenantRecord>([
      ['t1', { tenant: 't1', step: 'canary', action: 'redeployed', reissues: 0 }],
      ['t2', { tenant: 't2', step: '', action: 'not-started', reissues: 0 }],
      ['t3', { tenant: 't3', step: '', action: 'not-started', reissues: 0 }]
    ])

  it('a wave: the baseline is the tenants not yet moved, and each analysed verdict joins its record', async () => {
    const r = records()
    const { health, asked } = hook('wave', r)
    expect(asked.map((a) => [a.step, a.tenants, a.untouched])).toEqual([['wave 1', ['t2'], ['t3']]])
    await health!.finish(false)
    expect(r.get('t2')!.analysis).toMatchObject({ verdict: 'failed' })
  })

  it('a superseded job judges nobody: no verdict joins a record', async () => {
    const r = records()
    await hook('wave', r).health!.finish(true)
    expect(r.get('t2')!.analysis).toBeUndefined()
  })

  it('the canary has its soak instead', () => {
    expect(hook('canary', records()).health).toBeUndefined()
  })
})
