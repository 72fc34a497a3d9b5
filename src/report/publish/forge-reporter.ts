import { type Clock, systemClock, wallNow } from '../../clock.js'
import { errorMessage } from '../../errors.js'
import type { CheckRunUpdate, CommitState, Forge } from '../../forge/types.js'
import { latestForgeTime } from '../../forge/forge-clock.js'
import { formatStamp, type RestoreStamp, type RunEnding } from '../../record/stamp.js'
import { endOfRun, restoreOfRun } from '../../record/end.js'
import { attemptsWithin, durably, END_WRITE_MS, RUNNING_WRITE_MS, worthRetrying, type WriteResult } from '../../record/durable.js'
import { defuseStamps } from '../../record/stamp.js'
import { mayHaveApplied } from '../../forge/lost-answers.js'
import { escapeMarkdown, plainText } from '../escape.js'
import { completeCheck } from './check-end.js'
import { statusDescription, statusState } from './end-words.js'
import { type ForgeReporterOptions, type ReporterLog, type StartState, STATUS_DESCRIPTION_MAX } from './reporter-options.js'
import { newerAttempt, verdictUnchanged } from '../../record/attempts.js'
import { checkWarning, statusWarning, troubleOf } from './problems.js'
import type { EndWrite, Reporter, RunEnd } from './types.js'

export { ANNOTATIONS_PER_REQUEST, CHECK_SUMMARY_MAX, MAX_ANNOTATIONS } from './check-end.js'
/** How many writes of the `running` record a deploy makes at least before going ahead unrecorded (outages; a rate limit waits longer between them). */
export const RUNNING_WRITE_ATTEMPTS = attemptsWithin(RUNNING_WRITE_MS)
export { type ForgeReporterOptions, type ReporterLog, type StartState, STATUS_DESCRIPTION_MAX } from './reporter-options.js'

/**
 * Reports over the forge API: a check run created `in_progress` and completed at the end, or a
 * `pending` commit status replaced at the end. A check refused for permissions falls back to a status;
 * a status refused for permissions stops reporting, with a warning. An outage or a rate limit never
 * stops it: a deploy's records are tried again with backoff for a bounded time (the end for minutes),
 * and one that still could not be written is said by `finish`. Nothing here ever throws.
 */
export class ForgeReporter implements Reporter {
  private channel: 'check' | 'status' | 'off'
  private checkId: number | undefined
  private sha: string | undefined
  private started: Promise<StartState> | undefined
  /** Stops the heartbeat when the run ends. */
  private readonly beating = new AbortController()
  private heartbeat: Promise<void> | undefined
  /** A shard job's `running` status, beside its check run, was tried (written, or refused for good). */
  private announced = false
  /** ... and written. */
  private announcedOk = false
  /**
   * The `running` check run's create, when it may have been applied with its answer lost: the next create
   * (a later try, a heartbeat, the end) looks for it by its `externalId` before sending another, so a lost
   * answer never leaves a second run, or the first one `in_progress` for good.
   */
  private createSent: CheckRunUpdate | undefined

  constructor(
    private readonly forge: Forge,
    private readonly o: ForgeReporterOptions,
    private readonly log: ReporterLog,
    private readonly clock: Clock = systemClock,
    /**
     * The client the end is written with: one whose requests stop at the grace after a cancel, where the
     * `running` writes' client stops at the cancel itself. The same client when not given.
     */
    private readonly endForge: Forge = forge
  ) {
    this.channel = o.channel === 'check' && forge.checks ? 'check' : 'status'
  }

  start(sha: string): Promise<StartState> {
    if (!this.started) {
      this.sha = sha
      this.started = this.o.onChangeOnly ? Promise.resolve<StartState>('off') : this.writeRunning(sha, this.o.heartbeatMs ? RUNNING_WRITE_MS : 0)
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

  async finish(end: RunEnd): Promise<EndWrite> {
    try {
      await this.started
      this.beating.abort()
      await this.heartbeat
      const sha = this.sha ?? end.report.target.sha
      const forge = this.endForge
      if (this.o.onChangeOnly && (await verdictUnchanged(forge, this.channel, this.o.name, sha, end.report.result, endOfRun(end.report), this.log))) return { written: true }
      // A cancelled run writes its end on the grace after the cancel (the signal below bounds it), not the run's signal.
      const deadline = this.clock.now() + (this.o.heartbeatMs ? END_WRITE_MS : 0)
      const left = (): number => Math.max(0, deadline - this.clock.now())
      const report = end.report
      const final = (): Promise<void> => this.setStatus(sha, statusState(report.conclusion), statusDescription(end), endOfRun(report), report.result, restoreOfRun(report), forge)
      let checked: WriteResult<number> | undefined
      if (this.channel === 'check') {
        const c = { sha, name: this.o.name, runUrl: this.o.runUrl, annotationPath: this.o.annotationPath, warn: (m: string) => this.log.warning(m), info: (m: string) => this.log.info(m) }
        const externalId = this.stamp(endOfRun(report), report.result, restoreOfRun(report))
        const complete = async (): Promise<number> => {
          await this.recoverCreate(sha, forge)
          return completeCheck(forge, { ...c, checkId: this.checkId, externalId }, end)
        }
        checked = await this.durable(complete, left(), 'completed', this.o.cancel?.grace)
        if (checked.ok) this.checkId = checked.value
        else this.checkFailed(checked.error, false)
        // A deploy's end also goes to a commit status of the same name, whether the check took it or not:
        // GitHub lists check runs of the newest 1,000 check suites only, while the combined status keeps
        // the latest status of each context for good. So a hold outlives any number of later runs. A
        // reconcile's end goes there too: its own canary's rejection holds the next reconcile, which reads
        // it from the statuses, and a later end of it (a lift) must replace it there.
        if (!this.o.heartbeatMs && !this.o.onChangeOnly && this.channel === 'check') return { written: checked.ok }
      }
      if (this.channel === 'off') return { written: false, reason: checked && !checked.ok ? this.unwritten(checked) : this.unwritten() }
      const status = await this.durable(final, left(), 'set', this.o.cancel?.grace)
      if (!status.ok) this.log.warning(statusWarning(this.forge.kind, this.o.name, status.error))
      const written = status.ok || checked?.ok === true
      return { written, reason: written ? undefined : this.unwritten(status) }
    } catch (error) {
      this.log.warning(`Reporting the result failed: ${String(error)}`)
      return { written: false, reason: `reporting the result failed (${errorMessage(error)})` }
    }
  }

  /** The `running` record, tried again through outages and rate limits for `budgetMs`. */
  private async writeRunning(sha: string, budgetMs: number): Promise<StartState> {
    // Its waits stop at the cancel: a cancelled run goes straight to its end record.
    const r = await this.durable(() => this.putRunning(sha), budgetMs, 'written', this.o.cancel?.signal)
    if (r.ok) return 'recorded'
    // A write the cancel stopped says nothing about the forge: the end is still written.
    if (r.why === 'outage' || this.o.cancel?.signal.aborted) {
      this.log.info(
        `The ${this.channel === 'check' ? 'check run' : 'commit status'} '${this.o.name}' could not be written (${errorMessage(r.error)}); trying again at the next heartbeat or when the run ends.`
      )
    } else {
      // Refused for good (permissions, a token the forge does not take): said once, then reporting stops.
      if (!(r.error instanceof ReportingOff)) this.log.warning(statusWarning(this.forge.kind, this.o.name, r.error))
      this.channel = 'off'
    }
    return 'unrecorded'
  }

  /** One write of the `running` record (created, or refreshed as a heartbeat). */
  private async putRunning(sha: string): Promise<void> {
    const title = `Running: ${this.o.mode}, ${this.o.environment}`
    // A shard job's check run is found only once reconcile knows the deploy has shards; its `running`
    // status is in the statuses every reader reads, after the check runs. So the status goes first, and
    // the job acts only once it is there: the deploy is visible from its first record, whichever job
    // writes first and in whatever order the shards start.
    const announcing = this.channel === 'check' && Boolean(this.o.part && this.o.heartbeatMs) && !this.announced
    if (announcing) await this.announce(sha, title)
    if (this.channel === 'check') {
      const link = this.o.runUrl ? ` Follow it on the [run page](${this.o.runUrl}).` : ''
      const summary = `Rollout Guard is running ${escapeMarkdown(this.o.mode)} for <code>${escapeMarkdown(sha.slice(0, 7))}</code> in ${escapeMarkdown(this.o.environment)}.${link}`
      const creating = this.checkId === undefined
      const update: CheckRunUpdate = { status: 'in_progress', title, summary, detailsUrl: this.o.runUrl, externalId: this.stamp('running', undefined, undefined, creating) }
      try {
        if (creating) this.checkId = await this.forge.checks!.create(sha, this.o.name, update, { lookFirst: this.createSent !== undefined })
        else await this.forge.checks!.update(this.checkId!, update)
        this.createSent = undefined
        return
      } catch (error) {
        // A create that may be on the forge (its answer lost, the adapter's look-up failed too) is looked for
        // before any other is sent; once unsure, it stays so until the look-up answers.
        if (creating && (this.createSent !== undefined || mayHaveApplied(error))) this.createSent = update
        if (worthRetrying(error) || this.o.cancel?.signal.aborted) throw error
        if (this.checkFailed(error, this.checkId === undefined) === 'off') throw new ReportingOff()
        // The shard's status just written is this write's record on the status channel it falls back to.
        if (announcing && this.announcedOk) return
      }
    }
    if (this.channel === 'off') throw new ReportingOff()
    await this.setStatus(sha, 'pending', title, 'running')
  }

  /** The `running` check run a lost answer left unknown, found (or, never applied, created) before its end is written. */
  private async recoverCreate(sha: string, forge: Forge): Promise<void> {
    if (this.checkId !== undefined || !this.createSent) return
    this.checkId = await forge.checks!.create(sha, this.o.name, this.createSent, { lookFirst: true })
    this.createSent = undefined
  }

  /** The shard's `running` status; an outage is thrown (tried again), a refusal is said once and left. */
  private async announce(sha: string, title: string): Promise<void> {
    try {
      await this.setStatus(sha, 'pending', title, 'running')
      this.announcedOk = true
    } catch (error) {
      if (worthRetrying(error)) throw error
      this.log.warning(`${statusWarning(this.forge.kind, this.o.name, error)} Until shard 1 reports, reconcile may not see this shard job.`)
    }
    this.announced = true
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
      await this.writeRunning(sha, Math.min(every / 2, RUNNING_WRITE_MS)).catch(() => undefined)
    }
  }

  private durable<T>(write: () => Promise<T>, budgetMs: number, verb: string, signal: AbortSignal | undefined): Promise<WriteResult<T>> {
    const what = this.channel === 'check' ? `The check run '${this.o.name}'` : `The commit status '${this.o.name}'`
    return durably(write, {
      clock: this.clock,
      budgetMs,
      signal,
      onRetry: (error, waitMs) => this.log.info(`${what} could not be ${verb} (${errorMessage(error)}); trying again in ${Math.round(waitMs / 1000)} s.`)
    })
  }

  /**
   * `rollout-guard deploy 4242.1 canary-failed at 1764921600 clock forge`, or nothing outside a workflow run.
   * The heartbeat `at` is the forge's time, as the `Date` of its answers says (forge/forge-clock.ts), so a
   * runner whose own clock is off never makes its record look older or younger than it is. A check run's
   * create carries none (the forge's own `started_at` is its time). Before the forge has answered at all,
   * any other write carries the runner's time, unmarked, which readers never judge liveness on.
   */
  private stamp(end: RunEnding, verdict?: string, restore?: RestoreStamp, creatingCheck = false): string | undefined {
    if (!this.o.run) return undefined
    const forgeNow = latestForgeTime(this.forge.forgeNow?.(), this.endForge.forgeNow?.())
    // A check run's create carries no `at`: the forge's own `started_at` is its time, and the same stamp on
    // every try of the create is what finds a create whose answer was lost (`createSent`).
    const at = creatingCheck ? {} : forgeNow !== undefined ? { at: Math.floor(forgeNow / 1000), clock: 'forge' as const } : { at: Math.floor(wallNow(this.clock) / 1000) }
    return formatStamp({
      mode: this.o.mode,
      runId: this.o.run.id,
      attempt: this.o.run.attempt,
      end,
      part: this.o.part,
      ...at,
      ...(this.o.onChangeOnly && verdict ? { verdict } : {}),
      ...(restore ? { restore } : {})
    })
  }

  /** Warns; a check refused for permissions falls back to a commit status, any other refusal ends the check. */
  private checkFailed(error: unknown, creating: boolean): 'check' | 'status' | 'off' {
    const fallback = troubleOf(error) === 'permission'
    this.log.warning(checkWarning(this.o.name, error, creating ? 'created' : 'completed', fallback))
    if (fallback) this.channel = 'status'
    // A deploy's record matters to reconcile: whatever refused the check, its status is still tried.
    else if (!worthRetrying(error)) this.channel = this.o.heartbeatMs ? 'status' : 'off'
    return this.channel
  }

  /** Sets the status; throws what the forge answered (the caller tries again or gives up). */
  private async setStatus(sha: string, state: CommitState, description: string, end: RunEnding, verdict?: string, restore?: RestoreStamp, forge = this.forge): Promise<void> {
    // The stamp ends the description, and the reason is cut to leave room for it; a quoted stamp in the
    // reason (a tenant's answer, say) is defused: only our suffix is a stamp.
    const newer = this.o.heartbeatMs && this.o.run ? await newerAttempt(forge, this.o.name, sha, { mode: this.o.mode, runId: this.o.run.id, attempt: this.o.run.attempt }) : undefined
    if (newer) {
      this.log.info(`The commit status '${this.o.name}' already holds run ${newer.runId} (attempt ${newer.attempt}), newer than this one: not written over it.`)
      return
    }
    const stamp = this.stamp(end, verdict, restore)
    const suffix = stamp ? ` [${stamp}]` : ''
    const text = `${defuseStamps(plainText(description, STATUS_DESCRIPTION_MAX[this.forge.kind] - suffix.length))}${suffix}`
    await forge.createCommitStatus({ sha, state, context: this.o.name, description: text, targetUrl: this.o.runUrl })
  }

  /** A deploy's only: one sentence for the log, the summary and the `reason` output, saying which record is missing and what it means. */
  private unwritten(r?: WriteResult<unknown>): string | undefined {
    if (!this.o.heartbeatMs) return undefined
    const error = r && !r.ok ? ` (${errorMessage(r.error)})` : ' (reporting was refused; see the warning above)'
    return `The end record '${this.o.name}' could not be written to ${(this.sha ?? '').slice(0, 7) || 'the commit'}${error}. Reconcile cannot see how this deploy ended: it finds the record \`running\` and treats the commit as not verified until it is presumed dead.`
  }
}

/** Thrown past the retries when reporting has just been switched off (the warning is already out). */
class ReportingOff extends Error {
  constructor() {
    super('reporting is off')
  }
}
