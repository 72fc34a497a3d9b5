import { fileURLToPath } from 'node:url'
import { Fleet } from '../simulator/fleet.js'
import type { ActionRunner, ActionTiming } from './action.js'
import { closeOnExit, run } from './children.js'
import { DRAIN_MAX_MS, drainTimes, tenantNames } from './drains.js'

/**
 * Section 1: Rollout Guard (`node dist/index.js`, a whole step as a workflow runs it) against the
 * serial curl loop, on the same loopback fleet with the same drain times.
 * - verify only: the fleet was redeployed at once; both must prove every tenant serves the commit.
 * - redeploy and verify: the job's whole work; the loop redeploys and waits one tenant after another,
 *   Rollout Guard's deploy mode in waves of `max-parallel` (the default 10), in progressive waves
 *   (`waves: 1%, 10%, 50%, 100%`), and with the whole fleet in one wave.
 */
export interface VersusSettings {
  sizes: number[]
  intervalMs: number
  budgetMs: number
  requestTimeoutMs: number
  /** False when curl is missing: the baseline is then reported as not measured, never estimated. */
  curl: boolean
  runner: ActionRunner
}

export interface Timed {
  ms: number
  ok: boolean
  /** Mean requests per tenant seen by the tenants. */
  requests: number
  problem?: string
}

export interface VersusRow {
  n: number
  slowestDrainMs: number
  totalDrainMs: number
  verifySerial?: Timed
  verifyGuard: Timed
  redeploySerial?: Timed
  deployWaves: Timed
  deployProgressive: Timed
  deployOneWave: Timed
}

const SCRIPT = fileURLToPath(new URL('./serial-loop.sh', import.meta.url))
export const DEFAULT_WAVE = 10
export const PROGRESSIVE = '1%, 10%, 50%, 100%'

interface Subject {
  n: number
  fleet: Fleet
  close: () => Promise<void>
  target: string
  drains: number[]
}

export async function runVersus(s: VersusSettings, log: (line: string) => void): Promise<VersusRow[]> {
  const subjects: Subject[] = []
  try {
    for (const n of s.sizes) {
      const drains = drainTimes(n)
      const fleet = await Fleet.start({ tenants: tenantNames(n), drainMs: (_name, i) => drains[i]! })
      const close = closeOnExit(() => fleet.close())
      subjects.push({ n, fleet, close, target: await fleet.commit('release'), drains })
    }
    const rows: VersusRow[] = []
    for (const sub of subjects) {
      log(`  N=${sub.n}: verify, serial loop then Rollout Guard; deploy in waves of ${DEFAULT_WAVE}, in waves ${PROGRESSIVE} and in one wave`)
      const verifySerial = s.curl ? await serial(sub, s, false) : undefined
      const verifyGuard = await guard(sub, s, 'verify')
      const deployWaves = await guard(sub, s, 'deploy', { 'max-parallel': String(DEFAULT_WAVE) }, Math.ceil(sub.n / DEFAULT_WAVE))
      const deployProgressive = await guard(sub, s, 'deploy', { waves: PROGRESSIVE }, 4)
      const deployOneWave = await guard(sub, s, 'deploy', { 'max-parallel': String(sub.n) }, 1)
      rows.push({
        n: sub.n,
        slowestDrainMs: Math.max(...sub.drains),
        totalDrainMs: sub.drains.reduce((a, b) => a + b, 0),
        verifySerial,
        verifyGuard,
        deployWaves,
        deployProgressive,
        deployOneWave
      })
    }
    if (s.curl) {
      // Each loop runs one curl at a time and sleeps otherwise, so the fleets share the machine at
      // almost no cost to one another; one after another they would take several minutes more.
      log(`  serial redeploy-and-wait loops for N=${s.sizes.join(', ')} at once, each on its own fleet`)
      const results = await Promise.all(subjects.map((sub) => serial(sub, s, true)))
      results.forEach((r, i) => (rows[i]!.redeploySerial = r))
    }
    return rows
  } finally {
    await Promise.all(subjects.map((sub) => sub.close()))
  }
}

/** Every tenant back on the old commit at once, so each contender starts from the same fleet. */
function reset(sub: Subject): number {
  for (const name of sub.fleet.names) sub.fleet.tenants.redeploy(name, sub.fleet.base, 0)
  return sub.fleet.tenants.requests().length
}

/** The fleet-wide redeploy that "verify only" starts from: every tenant begins its drain now. */
function redeployAll(sub: Subject): void {
  for (const name of sub.fleet.names) sub.fleet.tenants.redeploy(name, sub.target)
}

function meanRequests(sub: Subject, mark: number): number {
  return Math.round(((sub.fleet.tenants.requests().length - mark) / sub.n) * 10) / 10
}

async function serial(sub: Subject, s: VersusSettings, withRedeploy: boolean): Promise<Timed> {
  const mark = reset(sub)
  if (!withRedeploy) redeployAll(sub)
  const env = {
    PATH: process.env.PATH ?? '',
    TENANTS: sub.fleet.names.join(' '),
    BUILDINFO_URL: sub.fleet.tenants.buildinfoTemplate,
    SHA: sub.target,
    INTERVAL: String(s.intervalMs / 1000),
    BUDGET_MS: String(s.budgetMs),
    TIMEOUT: String(s.requestTimeoutMs / 1000),
    ...(withRedeploy ? { REDEPLOY_URL: sub.fleet.controlPlane.redeployUrl } : {})
  }
  const limitMs = sub.n * (DRAIN_MAX_MS + s.intervalMs + 1000) + 30_000
  const done = await run('bash', [SCRIPT], { env, timeoutMs: limitMs })
  const lines = done.stdout.trim().split('\n').filter(Boolean)
  const ok = done.code === 0 && lines.length === sub.n && lines.every((l) => l.split(' ')[1] === 'on-target')
  const problem = ok ? undefined : done.timedOut ? `no exit within ${limitMs / 1000}s` : `exit ${done.code}: ${done.stderr.trim().slice(0, 200)}`
  return { ms: done.ms, ok, requests: meanRequests(sub, mark), problem }
}

/** `shape`: the inputs that shape the waves; `waves`: how many, for the time limit. */
async function guard(sub: Subject, s: VersusSettings, mode: 'verify' | 'deploy', shape: Record<string, string> = {}, waves = 1): Promise<Timed> {
  const mark = reset(sub)
  const common = {
    'settle-budget-seconds': String(s.budgetMs / 1000),
    'settle-interval-seconds': String(s.intervalMs / 1000),
    'request-timeout-seconds': String(s.requestTimeoutMs / 1000)
  }
  let t: ActionTiming
  if (mode === 'verify') {
    redeployAll(sub)
    const inputs = { mode: 'verify', token: sub.fleet.token, tenants: sub.fleet.names.join(','), 'buildinfo-url': sub.fleet.tenants.buildinfoTemplate, ...common }
    t = await s.runner.run(inputs, sub.fleet.runEnv(sub.target), s.budgetMs + 60_000)
  } else {
    const inputs = sub.fleet.deployInputs({ ...common, ...shape, 'canary-soak-seconds': '0' })
    t = await s.runner.run(inputs, sub.fleet.runEnv(sub.target), waves * s.budgetMs + 60_000)
  }
  const expected = mode === 'verify' ? t.outputs.result === 'verified' && t.outputs.verified === String(sub.n) : t.outputs.result === 'deployed'
  const ok = t.exitCode === 0 && expected
  const problem = ok ? undefined : (t.problem ?? `exit ${t.exitCode}, result ${t.outputs.result ?? 'none'}`)
  return { ms: t.ms, ok, requests: meanRequests(sub, mark), problem }
}
