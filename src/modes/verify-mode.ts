import * as core from '../log.js'
import { formatSeconds } from '../clock.js'
import type { RunContext } from '../context.js'
import type { Outcome } from '../outcome.js'
import { redact } from '../redact.js'
import { byFailingFirst } from '../report/failures.js'
import { isFailing, tenantFromVerdict, verificationOutputs } from '../report/model.js'
import { applyShard } from '../rollout/shard.js'
import { Timeline } from '../rollout/timeline.js'
import { settleOptions, verifyFleet } from '../verify/fleet.js'
import { createProber } from '../verify/prober.js'
import { loadTenants } from '../verify/tenants.js'
import { isOk, type TenantVerdict } from '../verify/types.js'
import { progressReporter } from './progress.js'

/**
 * `mode: verify`: proves that every tenant serves the target commit (or a newer one) within the
 * settle budget. Read-only: it changes nothing anywhere, so it needs no superseded check.
 */
export async function runVerifyMode(ctx: RunContext): Promise<Outcome> {
  const { settings } = ctx
  const verify = settings.verify
  if (!verify) throw new Error('mode verify started without its settings')
  const target = settings.target.sha

  const shard = await core.group('Tenants', async () => {
    const names = await loadTenants(verify, ctx.http, ctx.clock, ctx.signal)
    core.info(`${names.length} tenant${names.length === 1 ? '' : 's'}${verify.tenantsUrl ? ` from ${new URL(verify.tenantsUrl).origin}` : ''}`)
    return applyShard(names, settings.shard)
  })
  const tenants = shard.tenants
  if (shard.label) core.info(`This job is ${shard.label}`)

  const startedAt = new Date()
  const timeline = new Timeline(ctx.clock)
  const title = `Settle verification: ${tenants.length} tenants on ${target.slice(0, 7)}, budget ${formatSeconds(verify.budgetMs)}, every ${formatSeconds(verify.intervalMs)}`
  const judge = (verdicts: TenantVerdict[]): { outcome: string; detail: string } => {
    const ok = verdicts.filter((v) => isOk(v.verdict)).length
    const outcome = ok === verdicts.length ? 'ok' : ctx.signal.aborted ? 'cancelled' : 'failed'
    return { outcome, detail: `${ok} of ${verdicts.length} on target or ahead` }
  }
  const judged = await timeline.run(
    'verify',
    () =>
      core.group(title, async () => {
        const progress = progressReporter(ctx.clock)
        progress('verify', 0, tenants.length, 0)
        const result = await verifyFleet(tenants, {
          target,
          prober: createProber(verify, ctx.http, target),
          ancestry: ctx.ancestry,
          clock: ctx.clock,
          ...settleOptions(verify),
          signal: ctx.signal,
          onProgress: (done, total, ok) => progress('verify', done, total, ok)
        })
        for (const v of result.filter((r) => isOk(r.verdict)).sort((a, b) => a.tenant.localeCompare(b.tenant))) {
          core.info(`${v.tenant}: ${v.verdict} ${v.sha?.slice(0, 7) ?? ''} after ${formatSeconds(v.settleMs ?? v.elapsedMs)} (${v.polls} poll${v.polls === 1 ? '' : 's'})`)
        }
        return result
      }),
    judge
  )

  // Error text can echo what a tenant sent back (a header value included): redact before any of it is shown.
  const verdicts = judged.map((v) => ({ ...v, url: redact(v.url), lastError: v.lastError === undefined ? undefined : redact(v.lastError) }))
  const rows = verdicts.map((v) => tenantFromVerdict(v))
  const failing = rows.filter(isFailing).sort(byFailingFirst)
  const ok = failing.length === 0
  const names = failing.map((t) => `${t.tenant} (${t.verdict})`)
  const listed = `${names.slice(0, 20).join(', ')}${names.length > 20 ? `, and ${names.length - 20} more` : ''}`
  // A cancel cuts every budget short: the tenants not yet settled are not known to have failed.
  const cancelled = !ok && ctx.signal.aborted
  const after = formatSeconds(verdicts.reduce((most, v) => Math.max(most, v.elapsedMs), 0))
  const reason = ok
    ? `All ${verdicts.length} tenants serve ${target.slice(0, 7)} or a newer commit.`
    : cancelled
      ? `Verification was cancelled after ${after}, before the ${formatSeconds(verify.budgetMs)} budget ended: ${verdicts.length - failing.length} of ${verdicts.length} tenants serve ${target.slice(0, 7)} or a newer commit; not settled yet: ${listed}.`
      : `${failing.length} of ${verdicts.length} tenants did not settle on ${target.slice(0, 7)} within ${formatSeconds(verify.budgetMs)}: ${listed}.`
  const record = { reason, startedAt, phases: timeline.phases, tenants: rows, shard: shard.label || undefined }
  const outputs = { ...verificationOutputs(rows), reason }
  if (ok) return { result: 'verified', outputs, record }
  return { result: cancelled ? 'cancelled' : 'failed', failure: reason, outputs, record }
}
