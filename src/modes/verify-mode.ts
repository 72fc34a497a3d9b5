import * as core from '@actions/core'
import { formatSeconds } from '../clock.js'
import type { RunContext } from '../context.js'
import type { Outcome } from '../outcome.js'
import { redact } from '../redact.js'
import { verifyFleet } from '../verify/fleet.js'
import { createProber } from '../verify/prober.js'
import { buildVerifyReport, writeVerifyReport } from '../verify/report.js'
import { failureMessage, sortForDisplay, verifySummaryMarkdown } from '../verify/summary.js'
import { loadTenants } from '../verify/tenants.js'
import { isOk, type TenantVerdict } from '../verify/types.js'

/**
 * `mode: verify`: proves that every tenant serves the target commit (or a newer one) within the
 * settle budget. Read-only: it changes nothing anywhere, so it needs no superseded check.
 */
export async function runVerifyMode(ctx: RunContext): Promise<Outcome> {
  const { settings } = ctx
  const verify = settings.verify
  if (!verify) throw new Error('mode verify started without its settings')
  const target = settings.target.sha

  const tenants = await core.group('Tenants', async () => {
    const names = await loadTenants(verify, ctx.http, ctx.clock, ctx.signal)
    core.info(`${names.length} tenant${names.length === 1 ? '' : 's'}${verify.tenantsUrl ? ` from ${new URL(verify.tenantsUrl).origin}` : ''}`)
    return names
  })

  const startedAt = new Date()
  const title = `Settle verification: ${tenants.length} tenants on ${target.slice(0, 7)}, budget ${formatSeconds(verify.budgetMs)}, every ${formatSeconds(verify.intervalMs)}`
  const judged = await core.group(title, async () => {
    const result = await verifyFleet(tenants, {
      target,
      prober: createProber(verify, ctx.http, target),
      ancestry: ctx.ancestry,
      clock: ctx.clock,
      budgetMs: verify.budgetMs,
      intervalMs: verify.intervalMs,
      requestTimeoutMs: verify.requestTimeoutMs,
      concurrency: verify.concurrency,
      signal: ctx.signal,
      onProgress: progressLog()
    })
    for (const v of sortForDisplay(result).filter((r) => isOk(r.verdict))) {
      core.info(`${v.tenant}: ${v.verdict} ${v.sha?.slice(0, 7) ?? ''} after ${formatSeconds(v.settleMs ?? v.elapsedMs)} (${v.polls} poll${v.polls === 1 ? '' : 's'})`)
    }
    return result
  })

  // Error text can echo what a tenant sent back (a header value included): redact before any of it is shown.
  const verdicts = judged.map((v) => ({ ...v, url: redact(v.url), lastError: v.lastError === undefined ? undefined : redact(v.lastError) }))
  const report = buildVerifyReport({ ...settings, verify }, verdicts, { startedAt, finishedAt: new Date() })
  const reportPath = await writeVerifyReport(report, { secrets: settings.secrets })
  core.info(`Report: ${reportPath}`)

  const failing = sortForDisplay(verdicts).filter((v) => !isOk(v.verdict))
  for (const v of failing) core.error(failureMessage(v, target, verify.budgetMs), { title: `Tenant ${v.tenant}: ${v.verdict}` })

  if (process.env.GITHUB_STEP_SUMMARY) {
    const markdown = verifySummaryMarkdown(verdicts, { target, environment: verify.environment, budgetMs: verify.budgetMs, intervalMs: verify.intervalMs, reportPath })
    await core.summary.addRaw(markdown).write()
  }

  const outputs = { ...verificationOutputs(verdicts), 'report-path': reportPath }
  if (failing.length === 0) return { result: 'verified', outputs }
  const names = failing.map((v) => `${v.tenant} (${v.verdict})`)
  const cancelled = ctx.signal.aborted ? ' The run was cancelled before every budget ended.' : ''
  return {
    result: 'failed',
    failure: `${failing.length} of ${verdicts.length} tenants did not settle on ${target.slice(0, 7)} within ${formatSeconds(verify.budgetMs)}: ${names.slice(0, 20).join(', ')}${names.length > 20 ? `, and ${names.length - 20} more` : ''}.${cancelled}`,
    outputs
  }
}

/** `verified`, `stale` and `ahead` outputs, shared with the modes that verify a wave. */
export function verificationOutputs(verdicts: readonly TenantVerdict[]): Record<string, string> {
  const failing = verdicts.filter((v) => !isOk(v.verdict))
  const ahead = verdicts.filter((v) => v.verdict === 'ahead')
  return {
    verified: String(verdicts.length - failing.length),
    stale: JSON.stringify(failing.map((v) => ({ tenant: v.tenant, verdict: v.verdict, sha: v.sha ?? null, polls: v.polls, lastError: v.lastError ?? null }))),
    ahead: JSON.stringify(ahead.map((v) => ({ tenant: v.tenant, sha: v.sha ?? null })))
  }
}

/** One line per tenth of the fleet, so a fleet of ten thousand does not flood the log. */
function progressLog(): (done: number, total: number, ok: number) => void {
  let lastStep = 0
  return (done, total, ok) => {
    const step = Math.floor((done * 10) / total)
    if (step > lastStep || done === total) {
      lastStep = step
      core.info(`${done}/${total} tenants judged, ${ok} on target or ahead`)
    }
  }
}
