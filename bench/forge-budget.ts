import { writeFile } from 'node:fs/promises'
import type { Clock } from '../src/clock.js'
import { Ancestry } from '../src/forge/ancestry.js'
import { createForge } from '../src/forge/factory.js'
import { SupersededGate } from '../src/gate/gate.js'
import { createHttpClient } from '../src/http/client.js'
import { DEFAULT_RETRY } from '../src/http/retry.js'
import { HEARTBEAT_MS } from '../src/settings/heartbeat.js'
import { FakeForge } from '../simulator/fake-forge.js'
import { GitRepo } from '../simulator/git-repo.js'

/**
 * Forge requests per deploy on GitHub, for fleets of N tenants and rollouts of a given length, in virtual
 * time: the real forge adapter (Octokit, conditional head reads), the real superseded gate and its
 * ownership-evidence bound, against the fake GitHub forge that charges its primary rate limit as GitHub
 * does (304s free). The deploy's forge traffic is replayed in its order: the `running` check run, the
 * deployment and its `in_progress` status, the first gate, then for each of 4 waves the gate before the
 * wave and one fence before every redeploy (the redeploys spread evenly over the rollout), a heartbeat
 * every HEARTBEAT_MS, and the end: the check run, the commit status of the same name, the gate before the
 * deployment's success, and that status. Tenants are polled over their own HTTP, never the forge, so
 * they cost no forge request whatever N is.
 */
export interface ForgeBudgetRow {
  tenants: number
  rolloutMs: number
  waves: number
  /** Requests GitHub charges against the primary rate limit. */
  charged: number
  /** Conditional reads answered 304 (free). */
  notModified: number
  /** Head reads sent (each fence that found its answer older than the bound). */
  headReads: number
}

export const FORGE_BUDGET_TARGET = { tenants: 10_000, rolloutMs: 3 * 3600_000, waves: 4, maxCharged: 100 }

class ManualClock implements Clock {
  t = 0
  now(): number {
    return this.t
  }
  async sleep(ms: number): Promise<void> {
    this.t += ms
  }
}

export async function runForgeBudget(sizes: number[], durationsMs: number[], log: (line: string) => void): Promise<ForgeBudgetRow[]> {
  const rows: ForgeBudgetRow[] = []
  for (const n of sizes) for (const d of durationsMs) rows.push(await oneDeploy(n, d, 4))
  for (const r of rows) log(`forge budget: N = ${r.tenants}, ${duration(r.rolloutMs)}: ${r.charged} charged, ${r.notModified} answered 304`)
  return rows
}

async function oneDeploy(tenants: number, rolloutMs: number, waves: number): Promise<ForgeBudgetRow> {
  const repo = await GitRepo.create()
  await repo.commit('initial release')
  const sha = await repo.commit('the release being deployed')
  const forge = await FakeForge.start({ flavour: 'github', repo, token: 'bench-token', rateLimit: 1000 })
  const http = createHttpClient()
  const clock = new ManualClock()
  try {
    const settings = { kind: 'github' as const, apiUrl: forge.apiUrl, token: 'bench-token', owner: 'acme', repo: 'app', serverUrl: forge.serverUrl, retry: DEFAULT_RETRY, requestTimeoutMs: 10_000 }
    const api = createForge(settings, { http, clock, log: () => undefined })
    const gate = new SupersededGate(api, new Ancestry(api, clock), { sha, branch: 'main', environment: 'production' }, { enabled: true, onSuperseded: 'skip', force: false }, { clock })
    const report = { title: 'Running', summary: 'x' }
    const checkId = await api.checks!.create(sha, 'rollout-guard/production', { status: 'in_progress', ...report })
    const deployment = await api.deployments!.create(sha, 'production', 'bench')
    await api.deployments!.setStatus(deployment, { state: 'in_progress', description: 'rolling' })
    await gate.check()
    let nextBeat = HEARTBEAT_MS
    for (let w = 0; w < waves; w++) {
      await gate.check()
      const size = Math.floor(tenants / waves) + (w < tenants % waves ? 1 : 0)
      for (let i = 0; i < size; i++) {
        // Redeploys spread evenly over the rollout: the fence before each one.
        clock.t = ((w * (tenants / waves) + i) / tenants) * rolloutMs
        while (clock.t >= nextBeat) {
          await api.checks!.update(checkId, { status: 'in_progress', ...report })
          nextBeat += HEARTBEAT_MS
        }
        await gate.fresh()
      }
    }
    clock.t = rolloutMs
    await api.checks!.update(checkId, { status: 'completed', conclusion: 'success', title: 'deployed', summary: 'x' })
    await api.createCommitStatus({ sha, state: 'success', context: 'rollout-guard/production', description: 'deployed' })
    await gate.check()
    await api.deployments!.setStatus(deployment, { state: 'success', description: 'deployed', autoInactive: true })
    return { tenants, rolloutMs, waves, charged: forge.primaryLimit.used, notModified: forge.primaryLimit.notModified, headReads: forge.calls('branch').length }
  } finally {
    await http.close()
    await forge.close()
    await repo.dispose()
  }
}

export function duration(ms: number): string {
  if (ms < 60_000) return `${ms / 1000} s`
  if (ms < 3600_000) return `${ms / 60_000} min`
  return `${ms / 3600_000} h`
}

/** The section of BENCHMARKS.md, kept in bench/forge-budget.md so a full run includes it as measured. */
export function forgeBudgetMarkdown(rows: ForgeBudgetRow[]): string {
  const t = FORGE_BUDGET_TARGET
  const target = rows.find((r) => r.tenants === t.tenants && r.rolloutMs === t.rolloutMs)
  const lines = [
    '## Forge requests per deploy (GitHub rate limit)',
    '',
    `A deploy with \`report: check\` and \`deployment: true\` in ${rows[0]?.waves ?? 4} waves, in virtual time: the forge adapter and the superseded gate as built, against the fake GitHub forge, which charges its primary rate limit as GitHub does and answers a conditional read of an unchanged head with a free 304 (bench/forge-budget.ts). "Without conditional reads" is what the same deploy cost when every head read was charged.`,
    '',
    '| tenants | rollout | charged (rate-limited) | 304 (free) | head reads | without conditional reads |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.tenants.toLocaleString('en')} | ${duration(r.rolloutMs)} | ${r.charged} | ${r.notModified} | ${r.headReads} | ${r.charged + r.notModified} |`),
    '',
    target
      ? `Target: a ${duration(t.rolloutMs)}, ${t.tenants.toLocaleString('en')}-tenant, ${t.waves}-wave rollout spends at most ${t.maxCharged} rate-limited requests on GitHub: ${target.charged} ${target.charged <= t.maxCharged ? '✅ met' : '❌ missed'}. Charged requests grow with waves and minutes (a heartbeat every ${HEARTBEAT_MS / 60_000} minutes), not with tenants; head reads grow with minutes (one per ownership-evidence bound while redeploys go on) and are free while the head does not move.`
      : '',
    ''
  ]
  return lines.join('\n')
}

export async function writeForgeBudget(rows: ForgeBudgetRow[], path: URL): Promise<void> {
  await writeFile(path, forgeBudgetMarkdown(rows))
}
