import * as core from '../log.js'
import { errorMessage } from '../errors.js'
import type { Outcome } from '../outcome.js'
import { redact } from '../redact.js'
import type { Settings } from '../settings/index.js'
import { cutMarkdown, escapeMarkdown } from './escape.js'
import { failuresOf } from './failures.js'
import { buildReport, type RunRecord } from './model.js'
import type { DeploymentTracker } from './publish/deployment.js'
import type { Reporter } from './publish/types.js'
import { runSummaryMarkdown } from './summary.js'
import { writeReport } from './write.js'

/** GitHub refuses a step summary over 1 MiB; stay a little under it. */
export const JOB_SUMMARY_MAX_BYTES = 1_000_000

/**
 * The common ending of every mode, in this order: one `::error::` line per failing tenant, the JSON
 * report, the job summary, the outputs, the check run or commit status (same Markdown as the summary),
 * and last the step's failure. Writing the report or the summary can only warn; the step's result is
 * the mode's.
 */
export async function concludeRun(settings: Settings, reporter: Reporter | undefined, outcome: Outcome, startedAt: Date, deployment?: DeploymentTracker): Promise<void> {
  const record: RunRecord = outcome.record ?? { reason: outcome.failure ?? outcome.outputs.reason ?? outcome.result, startedAt, phases: [], tenants: [] }
  // Redacted value by value, before any escaping: an escaped secret (`ghs\_...`) would no longer match.
  const report = redactDeep(buildReport(settings, outcome, record, new Date()))
  const failures = failuresOf(report)
  // A cancelled run cuts every tenant's budget short; one line says so instead of one error per tenant.
  const cut = report.tenants.filter((t) => t.cancelled && !t.ok).length
  for (const f of failures) core.error(f.message, { title: f.title })
  if (cut > 0) core.warning(`${cut} tenant(s) were still settling when the run was cancelled; their verdicts are as of the cancel.`, { title: 'Cancelled mid-verification' })

  let reportPath = ''
  try {
    reportPath = await writeReport(report)
    core.info(`Report: ${reportPath}`)
  } catch (error) {
    core.warning(`The JSON report could not be written: ${errorMessage(error)}`)
  }
  const markdown = runSummaryMarkdown(report, reportPath || undefined)
  if (process.env.GITHUB_STEP_SUMMARY) {
    try {
      const note = (kept: number, total: number): string => `_Summary cut to ${kept} of ${total} lines to stay under GitHub's 1 MiB limit; every tenant is in the JSON report._`
      await core.summary.addRaw(cutMarkdown(markdown, JOB_SUMMARY_MAX_BYTES, note, (s) => Buffer.byteLength(s))).write()
    } catch (error) {
      core.warning(`The job summary could not be written: ${errorMessage(error)}`)
    }
  }

  core.setOutput('result', outcome.result)
  for (const [name, value] of Object.entries(outcome.outputs)) core.setOutput(name, redact(value))
  core.setOutput('report-path', reportPath)
  const end = await reporter?.finish({ report, markdown, failures })
  if (end?.reason) await sayUnwritten(end.reason, outcome)
  // A mode that threw has no record: its deployment ends in `error`, not in a verdict on the fleet.
  await deployment?.finish(report, outcome.record === undefined)
  if (outcome.failure) core.setFailed(redact(outcome.failure))
}

/**
 * A deploy's end record that could not be written is said everywhere a reader looks: a warning, a line
 * added to the job summary, and the `reason` output (reconcile will not see how this deploy ended).
 */
async function sayUnwritten(reason: string, outcome: Outcome): Promise<void> {
  const text = redact(reason)
  core.warning(text, { title: 'Deploy record not written' })
  core.setOutput('reason', redact(`${outcome.outputs.reason ?? outcome.failure ?? ''} ${text}`.trim()))
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(`\n\n> **Deploy record not written.** ${escapeMarkdown(text, 1000)}\n`).write()
  } catch (error) {
    core.warning(`The job summary could not be written: ${errorMessage(error)}`)
  }
}

function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T
  if (Array.isArray(value)) return value.map(redactDeep) as T
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)])) as T
  return value
}
