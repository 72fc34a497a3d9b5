import { type Clock, systemClock, wallNow } from '../../clock.js'
import type { CheckAnnotation, CheckRunUpdate, CommitState, Forge } from '../../forge/types.js'
import { endOfRun, formatStamp, parseStamp, type RestoreStamp, restoreOfRun, type RunEnding } from '../../reconcile/deploy-record.js'
import { defuseStamps } from '../../record/stamp.js'
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
  /**
   * A deploy: refresh the `running` record this often while the run lasts (its heartbeat, which reconcile
   * reads liveness from), and try its first write again before saying it failed. Undefined: no heartbeat.
   */
  heartbeatMs?: number
  /**
   * Reconcile: nothing at the start, and at the end only when the verdict differs from the one already on
   * the commit under this name, so scheduled runs never pile records onto a commit.
   */
  onChangeOnly?: boolean
}

/** Whether the run's `running` record is on the commit: what a deploy must know before its first side effect. */
export type StartState = 'recorded' | 'unrecorded' | 'off'

/** Writes of the first `running` record before a deploy goes ahead unrecorded (each with the forge's own retries). */
export const RUNNING_WRITE_ATTEMPTS = 3
const RUNNING_RETRY_PAUSE_MS = 2_000

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
  private started: Promise<StartState> | undefined
  /** Whether the last `running` write reached the forge. */
  private recorded = false
  /** Stops the heartbeat when the run ends. */
  private readonly beating = new AbortController()
  private heartbeat: Promise<void> | undefined

  constructor(
    private readonly forge: Forge,
    private readonly o: ForgeReporterOptions,
    private readonly log: ReporterLog,
    private readonly clock: Clock = systemClock
  ) {
    this.channel = o.channel === 'check' && forge.checks ? 'check' : 'status'
  }

  start(sha: string): Promise<StartState> {
    if (!this.started) {
      this.sha = sha
      this.started = this.o.onChangeOnly
        ? Promise.resolve<StartState>('off')
        : this.begin(sha).catch((error: unknown): StartState => {
            this.log.warning(`Reporting the start failed: ${String(error)}`)
            return 'unrecorded'
          })
      if (this.o.heartbeatMs && !this.o.onChangeOnly) {
        const every = this.o.heartbeatMs
        this.heartbeat = this.started.then(() => this.beat(sha, every))
      }
    }
    return this.started
  }

  stop(): void {
    this.beating.abort()
  }

  async finish(end: RunEnd): Promise<void> {
    try {
      await this.started
      this.beating.abort()
      await this.heartbeat
      const sha = this.sha ?? end.report.target.sha
      if (this.o.onChangeOnly && (await this.unchanged(sha, end))) return
      if (this.channel === 'check') {
        try {
          await this.completeCheck(sha, end)
          // A deploy's end also goes to a commit status of the same name: GitHub lists check runs of the
          // newest 1,000 check suites only (every scheduled run adds one), while the combined status keeps
          // the latest status of each context for good. So a hold outlives any number of later runs.
          if (this.o.heartbeatMs) await this.setStatus(sha, statusState(end.report.conclusion), statusDescription(end), true, endOfRun(end.report), end.report.result, restoreOfRun(end.report))
          return
        } catch (error) {
          if (!this.checkRefused(error, this.checkId === undefined)) return
        }
      }
      if (this.channel === 'status') await this.setStatus(sha, statusState(end.report.conclusion), statusDescription(end), true, endOfRun(end.report), end.report.result, restoreOfRun(end.report))
    } catch (error) {
      this.log.warning(`Reporting the result failed: ${String(error)}`)
    }
  }

  /**
   * The `running` record. A deploy (one with a heartbeat) tries a transient failure again a few times:
   * reconcile can only wait for a deploy whose record it can read.
   */
  private async begin(sha: string): Promise<StartState> {
    const attempts = this.o.heartbeatMs ? RUNNING_WRITE_ATTEMPTS : 1
    for (let attempt = 1; ; attempt++) {
      await this.writeRunning(sha, attempt < attempts)
      if (this.recorded || this.channel === 'off') return this.recorded ? 'recorded' : 'off'
      if (attempt >= attempts) return 'unrecorded'
      await this.clock.sleep(RUNNING_RETRY_PAUSE_MS)
    }
  }

  /** One write of the `running` record (created, or refreshed as a heartbeat); sets `recorded`. */
  private async writeRunning(sha: string, again: boolean): Promise<void> {
    const title = `Running: ${this.o.mode}, ${this.o.environment}`
    if (this.channel === 'check') {
      const link = this.o.runUrl ? ` Follow it on the [run page](${this.o.runUrl}).` : ''
      const summary = `Rollout Guard is running ${escapeMarkdown(this.o.mode)} for <code>${escapeMarkdown(sha.slice(0, 7))}</code> in ${escapeMarkdown(this.o.environment)}.${link}`
      const update: CheckRunUpdate = { status: 'in_progress', title, summary, detailsUrl: this.o.runUrl, externalId: this.stamp('running') }
      try {
        if (this.checkId === undefined) this.checkId = await this.forge.checks!.create(sha, this.o.name, update)
        else await this.forge.checks!.update(this.checkId, update)
        this.recorded = true
        return
      } catch (error) {
        if (troubleOf(error) === 'transient') {
          this.recorded = false
          this.log.info(
            `The check run could not be ${this.checkId === undefined ? 'created' : 'refreshed'} (${String(error)}); ${again ? 'trying again' : 'trying again at the next heartbeat or when the run ends'}.`
          )
          return
        }
        if (!this.checkRefused(error, this.checkId === undefined)) return
      }
    }
    if (this.channel === 'status') this.recorded = await this.setStatus(sha, 'pending', title, false, 'running')
  }

  /** Refreshes the `running` record every `every` ms until the run ends, on the run's clock. */
  private async beat(sha: string, every: number): Promise<void> {
    for (;;) {
      try {
        await this.clock.sleep(every, this.beating.signal)
      } catch {
        return
      }
      if (this.channel === 'off') return
      await this.writeRunning(sha, false).catch(() => undefined)
    }
  }

  /** Reconcile: true when the latest record under this name already says this verdict (nothing is written). */
  private async unchanged(sha: string, end: RunEnd): Promise<boolean> {
    const verdict = end.report.result
    try {
      let stamp
      if (this.channel === 'check') stamp = parseStamp((await this.forge.checks!.latestByName(sha, this.o.name))[0]?.externalId)
      else stamp = parseStamp((await this.forge.latestStatuses?.(sha))?.find((s) => s.context === this.o.name)?.description)
      if (stamp?.verdict !== verdict) return false
      this.log.info(`The record '${this.o.name}' on ${sha.slice(0, 7)} already says ${verdict} (run ${stamp.runId}.${stamp.attempt}); not written again.`)
      return true
    } catch (error) {
      this.log.info(`The record '${this.o.name}' could not be read back (${String(error)}); writing it.`)
      return false
    }
  }

  /** `rollout-guard deploy 4242.1 canary-failed at 1764921600`, or nothing outside a workflow run. */
  private stamp(end: RunEnding, verdict?: string, restore?: RestoreStamp): string | undefined {
    if (!this.o.run) return undefined
    const at = Math.floor(wallNow(this.clock) / 1000)
    return formatStamp({
      mode: this.o.mode,
      runId: this.o.run.id,
      attempt: this.o.run.attempt,
      end,
      part: this.o.part,
      at,
      ...(this.o.onChangeOnly && verdict ? { verdict } : {}),
      ...(restore ? { restore } : {})
    })
  }

  /** Warns, and says whether the result should go to a commit status instead (refused for permissions). */
  private checkRefused(error: unknown, creating: boolean): boolean {
    const fallback = troubleOf(error) === 'permission'
    this.log.warning(checkWarning(this.o.name, error, creating ? 'created' : 'completed', fallback))
    this.channel = fallback ? 'status' : 'off'
    return fallback
  }

  /** True when the forge took the status. */
  private async setStatus(sha: string, state: CommitState, description: string, final: boolean, end: RunEnding, verdict?: string, restore?: RestoreStamp): Promise<boolean> {
    // The stamp ends the description, and the reason is cut to leave room for it.
    const stamp = this.stamp(end, verdict, restore)
    const suffix = stamp ? ` [${stamp}]` : ''
    // A quoted stamp in the reason (a tenant's answer, say) is defused: only our suffix is a stamp.
    const text = `${defuseStamps(plainText(description, STATUS_DESCRIPTION_MAX[this.forge.kind] - suffix.length))}${suffix}`
    try {
      await this.forge.createCommitStatus({ sha, state, context: this.o.name, description: text, targetUrl: this.o.runUrl })
      return true
    } catch (error) {
      const trouble = troubleOf(error)
      // A pending status lost to a passing fault is replaced by the final one; anything else is said now.
      if (!final && trouble === 'transient') {
        this.log.info(`The pending commit status could not be set (${String(error)}); the final one follows when the run ends.`)
        return false
      }
      this.log.warning(statusWarning(this.forge.kind, this.o.name, error))
      if (trouble !== 'transient') this.channel = 'off'
      return false
    }
  }

  private async completeCheck(sha: string, end: RunEnd): Promise<void> {
    const { report } = end
    const title = plainText(report.conclusion === 'neutral' ? report.reason : `${report.result}: ${report.reason}`, 255)
    const summary = cutMarkdown(
      end.markdown,
      CHECK_SUMMARY_MAX,
      (kept, total) =>
        `_Summary cut to ${kept} of ${total} lines: GitHub keeps at most ${CHECK_SUMMARY_MAX.toLocaleString('en')} bytes in a check. The whole summary is on the run page, and every tenant is in the JSON report._`,
      (s) => Buffer.byteLength(s)
    )
    const annotations: CheckAnnotation[] = end.failures
      .slice(0, MAX_ANNOTATIONS)
      .map((f) => ({ path: this.o.annotationPath, level: 'failure', title: plainText(f.title, 255), message: plainText(f.message, 4000) }))
    const batches: CheckAnnotation[][] = []
    for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST))
    const externalId = this.stamp(endOfRun(report), report.result, restoreOfRun(report))
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
    if (end.failures.length > MAX_ANNOTATIONS)
      this.log.info(`${end.failures.length - MAX_ANNOTATIONS} failing tenant(s) beyond the first ${MAX_ANNOTATIONS} have no annotation; the summary lists them.`)
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
