import { type Clock, wallNow } from '../../clock.js'
import { errorMessage } from '../../errors.js'
import type { PullRequestApi, PullRequestRef } from '../../forge/pull-requests.js'
import { HttpStatusError, isPermissionFailure, isRateLimited, isTransient } from '../../http/retry.js'
import { CancelledError } from '../../runtime/cancel.js'
import type { ForgeKind } from '../../settings/common.js'
import { commentMarker, type PullPhase, pullCommentBody, type PullStage } from './pr-comment.js'

/** At most this many pull requests get a comment from one deploy (docs/pull-requests.md). */
export const MAX_PULLS = 5
/** Pages of comments read to find ours again (GitHub: 100 a page, so the first 1,000 comments). */
export const MAX_COMMENT_PAGES = 10

export interface PullNotesLog {
  warning(message: string): void
  info(message: string): void
}

/** `pr-comment: true`: the rollout's state on the pull requests of the deployed commit. Nothing here throws. */
export interface PullNotes {
  /** Finds the pull requests (once the first gate read went through) and says the rollout started. */
  start(): void
  /** A phase's progress; the comments are edited when a phase starts and when it ends. */
  progress(phase: string, done: number, total: number, ok: number): void
  finish(stage: PullStage): Promise<void>
}

export const NO_PULL_NOTES: PullNotes = { start: () => undefined, progress: () => undefined, finish: async () => undefined }

export interface PullNotesOptions {
  kind: ForgeKind
  environment: string
  sha: string
  runUrl: string | undefined
  commitUrl: string | undefined
}

interface Target {
  pull: PullRequestRef
  commentId?: number
}

export class ForgePullNotes implements PullNotes {
  private targets: Promise<Target[]> | undefined
  private readonly phases = new Map<string, PullPhase>()
  private stage: PullStage = { kind: 'rolling' }
  /** Writes go one after the other; each sends the state as it is when its turn comes. */
  private queue: Promise<void> = Promise.resolve()
  private dirty = false
  private off = false
  /** One warning a run; later failures are log lines. */
  private warned = false
  /** The final note is queued: an earlier write still waiting leaves it to the final one (on its own client). */
  private final = false

  constructor(
    private readonly api: PullRequestApi,
    private readonly o: PullNotesOptions,
    private readonly log: PullNotesLog,
    private readonly clock: Clock,
    /** The client of the final note: one whose requests stop at the grace after a cancel, not at the cancel. */
    private readonly finalApi: PullRequestApi = api
  ) {}

  start(): void {
    if (this.targets) return
    this.targets = this.api.pullsOfCommit(this.o.sha, MAX_PULLS).then(
      (pulls) => {
        if (pulls.length === 0) this.log.info(`No pull request brought ${this.o.sha.slice(0, 7)}; nothing to comment on.`)
        else this.log.info(`Pull request comment on ${pulls.map((p) => `#${p.number}`).join(', ')} (at most ${MAX_PULLS} a deploy).`)
        return pulls.map((pull) => ({ pull }))
      },
      (error: unknown) => {
        this.refused(error, 'The pull requests of the commit could not be listed', this.api)
        return []
      }
    )
    this.push()
  }

  progress(phase: string, done: number, total: number, ok: number): void {
    if (!this.targets) return
    this.phases.set(phase, { name: phase, done, total, ok })
    if (done === 0 || done === total) this.push()
  }

  async finish(stage: PullStage): Promise<void> {
    if (!this.targets) return
    this.stage = stage
    this.final = true
    this.push(this.finalApi)
    await this.queue
  }

  private push(api = this.api): void {
    this.dirty = true
    this.queue = this.queue.then(() => this.flush(api))
  }

  private async flush(api: PullRequestApi): Promise<void> {
    if (!this.dirty || this.off) return
    if (this.final && api !== this.finalApi) return
    this.dirty = false
    const body = pullCommentBody({
      environment: this.o.environment,
      sha: this.o.sha,
      stage: this.stage,
      phases: [...this.phases.values()],
      runUrl: this.o.runUrl,
      commitUrl: this.o.commitUrl,
      updatedAt: new Date(wallNow(this.clock))
    })
    for (const target of await this.targets!) {
      if (this.off) return
      try {
        await this.write(api, target, body)
      } catch (error) {
        this.refused(error, `The comment on pull request #${target.pull.number} could not be written`, api)
      }
    }
  }

  /** Edits our comment, found by its marker; creates it only when a fresh look finds none. */
  private async write(api: PullRequestApi, target: Target, body: string): Promise<void> {
    if (target.commentId !== undefined) {
      try {
        return await api.update(target.commentId, body)
      } catch (error) {
        // Deleted by someone since: look again (below), which creates it anew.
        if (!(error instanceof HttpStatusError && error.status === 404)) throw error
        target.commentId = undefined
      }
    }
    target.commentId = await this.find(api, target.pull.number)
    if (target.commentId !== undefined) return api.update(target.commentId, body)
    try {
      target.commentId = await api.create(target.pull.number, body)
    } catch (error) {
      // A rate limit is no lost answer: nothing was made, and sending again now would only meet it again;
      // the next write of the comment looks and creates it then.
      if (!isTransient(error) || isRateLimited(error)) throw error
      // The answer was lost, not necessarily the comment: look before creating it a second time.
      target.commentId = await this.find(api, target.pull.number)
      if (target.commentId !== undefined) return api.update(target.commentId, body)
      target.commentId = await api.create(target.pull.number, body)
    }
  }

  private async find(api: PullRequestApi, pull: number): Promise<number | undefined> {
    const marker = commentMarker(this.o.environment)
    return (await api.comments(pull, MAX_COMMENT_PAGES)).find((c) => c.body.startsWith(marker))?.id
  }

  /** A refusal turns pull request comments off for this run, with one warning; the deploy goes on. */
  private refused(error: unknown, what: string, api: PullRequestApi): void {
    // Stopped by the cancel (or its grace spent), a request or a retry's wait: no refusal and no warning;
    // the comment stays as it was.
    if (api.stopped || error instanceof CancelledError) return this.log.info(`${what}: the run was cancelled (${errorMessage(error)}).`)
    // A rate limit (a 403 or 429 with its signs) is waited out next time, never read as a missing permission.
    const permission = isPermissionFailure(error)
    if (permission) this.off = true
    const fix =
      this.o.kind === 'github'
        ? "Add `pull-requests: write` to the job's `permissions:`, or set `pr-comment: false`."
        : 'Pass a token that may comment on pull requests as `token` (Gitea 1.26: `pull-requests: write`), or set `pr-comment: false`.'
    const message = `${what}: ${errorMessage(error)}.${permission ? ` ${fix}` : ''} The deploy is not affected; its result is in the check and the job summary.`
    if (this.warned) return this.log.info(message)
    this.warned = true
    this.log.warning(message)
  }
}
