import type { CheckAnnotation, CheckRunUpdate, CommitState, Forge } from '../../forge/types.js'
import { endOfRun, formatStamp, type RestoreStamp, restoreOfRun, type RunEnding } from '../../reconcile/deploy-record.js'
import type { ForgeKind } from '../../settings/common.js'
import { cutMarkdown, escapeMarkdown, plainText } from '../escape.js'
import type { Conclusion } from '../model.js'
import { checkWarning, statusWarning, troubleOf } from './problems.js'
import type { Reporter, RunEnd } from './types.js'

/** GitHub's limits for one check run request: `output.summary` and `text` in UTF-8 bytes, not characters. */
export const CHECK_SUMMARY_MAX = 65_535
export const ANNOTATIONS_PER_REQUEST = 50
/** Beyond this many failing tenants the table in the summary says it all; each batch resends the summary. */
export const MAX_ANNOTATIONS = 500
/** Commit-status description limits: GitHub refuses more than 140 characters; Gitea keeps 255. */
export const STATUS_DESCRIPTION_MAX: Record<ForgeKind, number> = { github: 140, gitea: 255 }

export interface ForgeReporterOptions {
  channel: 'check' | 'status'
  /** Check run name, or commit status context. */
  name: string
  runUrl: string | undefined
  /** Where annotations point: the workflow file. */
  annotationPath: string
  mode: string
  environment: string
  /** The run and attempt, stamped on the record so a later run can read how this one ended. */
  run?: { id: string; attempt: number }
  /** The shard (`2/4`) of a matrix job, stamped too: every job of a run writes its own record. */
  part?: string
}

export interface ReporterLog {
  warning(message: string): void
  info(message: string): void
}

/**
 * Reports over the forge API: a check run created `in_progress` and completed at the end, or a
 * `pending` commit status replaced at the end. A check refused for permissions falls back to a status;
 * a status refused for permissions stops reporting. Transient failures at the start are tried again at
 * the end; nothing here ever throws.
 */
export class ForgeReporter implements Reporter {
  private channel: 'check' | 'status' | 'off'
  private checkId: number | undefined
  private sha: string | undefined
  private started: Promise<void> | undefined

  constructor(
    private readonly forge: Forge,
    private readonly o: ForgeReporterOptions,
    private readonly log: ReporterLog
  ) {
    this.channel = o.channel === 'check' && forge.checks ? 'check' : 'status'
  }

  start(sha: string): Promise<void> {
    if (!this.started) {
      this.sha = sha
      this.started = this.begin(sha).catch((error: unknown) => this.log.warning(`Reporting the start failed: ${String(error)}`))
    }
    return this.started
  }

  async finish(end: RunEnd): Promise<void> {
    try {
      await this.started
      const sha = this.sha ?? end.report.target.sha
      if (this.channel === 'check') {
        try {
          await this.completeCheck(sha, end)
          return
        } catch (error) {
          if (!this.checkRefused(error, this.checkId === undefined)) return
        }
      }
      if (this.channel === 'status') await this.setStatus(sha, statusState(end.report.conclusion), statusDescription(end), true, endOfRun(end.report), restoreOfRun(end.report))
    } catch (error) {
      this.log.warning(`Reporting the result failed: ${String(error)}`)
    }
  }

  private async begin(sha: string): Promise<void> {
    const title = `Running: ${this.o.mode}, ${this.o.environment}`
    if (this.channel === 'check') {
      try {
        const link = this.o.runUrl ? ` Follow it on the [run page](${this.o.runUrl}).` : ''
        const summary = `Rollout Guard is running ${escapeMarkdown(this.o.mode)} for <code>${escapeMarkdown(sha.slice(0, 7))}</code> in ${escapeMarkdown(this.o.environment)}.${link}`
        this.checkId = await this.forge.checks!.create(sha, this.o.name, { status: 'in_progress', title, summary, detailsUrl: this.o.runUrl, externalId: this.stamp('running') })
        return
      } catch (error) {
        if (troubleOf(error) === 'transient') {
          this.log.info(`The check run could not be created yet (${String(error)}); trying again when the run ends.`)
          return
        }
        if (!this.checkRefused(error, true)) return
      }
    }
    if (this.channel === 'status') await this.setStatus(sha, 'pending', title, false, 'running')
  }

  /** `rollout-guard deploy 4242.1 canary-failed`, or nothing outside a workflow run. */
  private stamp(end: RunEnding, restore?: RestoreStamp): string | undefined {
    return this.o.run ? formatStamp({ mode: this.o.mode, runId: this.o.run.id, attempt: this.o.run.attempt, end, part: this.o.part, restore }) : undefined
  }

  /** Warns, and says whether the result should go to a commit status instead (refused for permissions). */
  private checkRefused(error: unknown, creating: boolean): boolean {
    const fallback = troubleOf(error) === 'permission'
    this.log.warning(checkWarning(this.o.name, error, creating ? 'created' : 'completed', fallback))
    this.channel = fallback ? 'status' : 'off'
    return fallback
  }

  private async setStatus(sha: string, state: CommitState, description: string, final: boolean, end: RunEnding, restore?: RestoreStamp): Promise<void> {
    // The stamp ends the description, and the reason is cut to leave room for it.
    const stamp = this.stamp(end, restore)
    const suffix = stamp ? ` [${stamp}]` : ''
    const text = `${plainText(description, STATUS_DESCRIPTION_MAX[this.forge.kind] - suffix.length)}${suffix}`
    try {
      await this.forge.createCommitStatus({ sha, state, context: this.o.name, description: text, targetUrl: this.o.runUrl })
    } catch (error) {
      const trouble = troubleOf(error)
      // A pending status lost to a passing fault is replaced by the final one; anything else is said now.
      if (!final && trouble === 'transient') {
        this.log.info(`The pending commit status could not be set (${String(error)}); the final one follows when the run ends.`)
        return
      }
      this.log.warning(statusWarning(this.forge.kind, this.o.name, error))
      if (trouble !== 'transient') this.channel = 'off'
    }
  }

  private async completeCheck(sha: string, end: RunEnd): Promise<void> {
    const { report } = end
    const title = plainText(report.conclusion === 'neutral' ? report.reason : `${report.result}: ${report.reason}`, 255)
    const summary = cutMarkdown(end.markdown, CHECK_SUMMARY_MAX, (kept, total) => `_Summary cut to ${kept} of ${total} lines: GitHub keeps at most ${CHECK_SUMMARY_MAX.toLocaleString('en')} bytes in a check. The whole summary is on the run page, and every tenant is in the JSON report._`, (s) => Buffer.byteLength(s))
    const annotations: CheckAnnotation[] = end.failures.slice(0, MAX_ANNOTATIONS).map((f) => ({ path: this.o.annotationPath, level: 'failure', title: plainText(f.title, 255), message: plainText(f.message, 4000) }))
    const batches: CheckAnnotation[][] = []
    for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST))
    const externalId = this.stamp(endOfRun(report), restoreOfRun(report))
    const first: CheckRunUpdate = { status: 'completed', conclusion: report.conclusion, title, summary, annotations: batches[0], detailsUrl: this.o.runUrl, externalId }
    const checks = this.forge.checks!
    try {
      if (this.checkId === undefined) this.checkId = await checks.create(sha, this.o.name, first)
      else await checks.update(this.checkId, first)
    } catch (error) {
      // A check left in progress blocks merges where it is required: whatever the refusal (422 for its
      // size, a body the forge will not take), complete it with a short text. Permissions and outages
      // that outlasted the retries are the caller's to handle (a status, or a warning).
      if (troubleOf(error) !== 'refused') throw error
      this.log.warning(`${checkWarning(this.o.name, error, 'completed with the full summary', false)} It is completed with a short summary instead.`)
      const short: CheckRunUpdate = { status: 'completed', conclusion: report.conclusion, title, summary: shortSummary(end), detailsUrl: this.o.runUrl, externalId }
      if (this.checkId === undefined) this.checkId = await checks.create(sha, this.o.name, short)
      else await checks.update(this.checkId, short)
      return
    }
    for (let i = 1; i < batches.length; i++) {
      try {
        await checks.update(this.checkId, { title, summary, annotations: batches[i] })
      } catch (error) {
        const unsent = annotations.length - i * ANNOTATIONS_PER_REQUEST
        this.log.warning(`${checkWarning(this.o.name, error, 'given its annotations', false)} ${unsent} annotation(s) were not sent.`)
        return
      }
    }
    if (end.failures.length > MAX_ANNOTATIONS) this.log.info(`${end.failures.length - MAX_ANNOTATIONS} failing tenant(s) beyond the first ${MAX_ANNOTATIONS} have no annotation; the summary lists them.`)
  }
}

function statusState(c: Conclusion): CommitState {
  // Commit statuses have no neutral: a superseded job succeeded at stepping aside, and says so.
  return c === 'failure' ? 'failure' : 'success'
}

/** A few hundred bytes at most: the outcome, the reason, and where the rest is. */
function shortSummary(end: RunEnd): string {
  const r = end.report
  const link = r.run.url && /^https?:\/\/[^\s<>()]+$/.test(r.run.url) ? ` on the [run page](${r.run.url})` : ' on the run page'
  return `**${escapeMarkdown(r.result, 100)}**: ${escapeMarkdown(r.reason, 300)}\n\nThe full summary could not be attached to this check; it is${link}, and every tenant is in the JSON report.`
}

function statusDescription(end: RunEnd): string {
  const r = end.report
  // Reconcile's other neutral ends (deferred, held) say what they are in their own reason.
  return r.result === 'skipped-superseded' ? `Superseded: ${r.reason}` : r.reason
}
