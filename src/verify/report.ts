import { mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Settings } from '../settings/index.js'
import type { VerifySettings } from '../settings/verify.js'
import { isOk, type TenantVerdict, type Verdict } from './types.js'

/**
 * The machine-readable result of `mode: verify`, for follow-up steps (`report-path` output). The
 * schema is versioned: fields are only ever added within a `schemaVersion`; a rename or removal bumps it.
 */
export const VERIFY_REPORT_SCHEMA_VERSION = 1

export interface VerifyReport {
  schemaVersion: number
  kind: 'rollout-guard/verify'
  result: 'verified' | 'failed'
  repository: string
  run: { id?: string; url?: string; workflow?: string; job?: string; actor?: string; event?: string }
  target: { sha: string; environment: string; branch: string }
  settings: { buildinfoUrl: string; buildinfoField: string; budgetSeconds: number; intervalSeconds: number; requestTimeoutSeconds: number }
  startedAt: string
  finishedAt: string
  counts: Record<Verdict, number> & { total: number; ok: number }
  tenants: Array<{
    tenant: string
    verdict: Verdict
    ok: boolean
    sha: string | null
    polls: number
    settleSeconds: number | null
    elapsedSeconds: number
    lastError: string | null
    url: string
    cancelled: boolean
  }>
}

const seconds = (ms: number): number => Math.round(ms) / 1000

export function buildVerifyReport(
  settings: Settings & { verify: VerifySettings },
  verdicts: readonly TenantVerdict[],
  times: { startedAt: Date; finishedAt: Date }
): VerifyReport {
  const counts = { total: verdicts.length, ok: 0, 'on-target': 0, ahead: 0, stale: 0, unreachable: 0, invalid: 0 }
  for (const v of verdicts) {
    counts[v.verdict] += 1
    if (isOk(v.verdict)) counts.ok += 1
  }
  const { run, forge, target, verify } = settings
  return {
    schemaVersion: VERIFY_REPORT_SCHEMA_VERSION,
    kind: 'rollout-guard/verify',
    result: counts.ok === counts.total ? 'verified' : 'failed',
    repository: `${forge.owner}/${forge.repo}`,
    run: { id: run.runId, url: run.runUrl, workflow: run.workflow, job: run.job, actor: run.actor, event: run.event },
    target: { sha: target.sha, environment: target.environment, branch: target.branch },
    settings: {
      buildinfoUrl: verify.buildinfoUrl,
      buildinfoField: verify.buildinfoField,
      budgetSeconds: seconds(verify.budgetMs),
      intervalSeconds: seconds(verify.intervalMs),
      requestTimeoutSeconds: seconds(verify.requestTimeoutMs)
    },
    startedAt: times.startedAt.toISOString(),
    finishedAt: times.finishedAt.toISOString(),
    counts,
    tenants: verdicts.map((v) => ({
      tenant: v.tenant,
      verdict: v.verdict,
      ok: isOk(v.verdict),
      sha: v.sha ?? null,
      polls: v.polls,
      settleSeconds: v.settleMs === undefined ? null : seconds(v.settleMs),
      elapsedSeconds: seconds(v.elapsedMs),
      lastError: v.lastError ?? null,
      url: v.url,
      cancelled: v.cancelled === true
    }))
  }
}

/**
 * Writes the report under RUNNER_TEMP (the runner cleans it after the job) and returns its path.
 * Secrets are blanked in the serialised text: a token in a URL template must not reach a file that a
 * later step may upload as an artifact.
 */
export async function writeVerifyReport(report: VerifyReport, options: { dir?: string; secrets?: readonly string[] } = {}): Promise<string> {
  const dir = options.dir || process.env.RUNNER_TEMP || tmpdir()
  await mkdir(dir, { recursive: true })
  const stamp = report.finishedAt.replace(/[^0-9]/g, '').slice(0, 17)
  const path = join(dir, `rollout-guard-verify-${report.run.id ?? 'local'}-${stamp}-${process.pid}.json`)
  let text = JSON.stringify(report, null, 2)
  for (const secret of options.secrets ?? []) {
    if (secret.length >= 4) text = text.split(JSON.stringify(secret).slice(1, -1)).join('***')
  }
  await writeFile(path, `${text}\n`, { encoding: 'utf8', mode: 0o600 })
  return path
}
