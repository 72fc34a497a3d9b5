import { type RunEnding } from '../../src/record/stamp.js'
import { REJECTING_ENDS } from '../../src/record/end.js'
import { commitName } from './commits.js'
import type { Violation } from './world.js'

/**
 * What reconcile promises about the deploys it shares the fleet with (docs/deploy-records.md), judged
 * from the truth of the execution, not from the records: which deploy job of which commit is running and
 * has its `running` record on the forge, which commit a deploy rejected (and whether a later deploy of it
 * succeeded since), and what each reconcile sent after what.
 *
 * - **Looked, then stopped** (`reconcile-ignored-deploy`): once a reconcile's read of the deploy records
 *   could see a live deploy of its head (its `running` record written, its end not yet, the job still
 *   running) or the head's rejection (a rejecting end written, no `deployed` of the commit since), that
 *   reconcile sends nothing more: no redeploy, no `:latest` write.
 * - **No further wave** (`reconcile-past-wave`): once a deploy of the head is live and recorded, or has
 *   rejected the head, a reconcile finishes at most the one target it was working on (the wave it
 *   started before it could know): it asks again before every wave and before the promotion, so a second
 *   target (another tenant, or `:latest`) is a wave it started without asking.
 * - **Recorded first** (`unrecorded-send`): a deploy sends nothing before its `running` record is on the
 *   forge, unless the reporter gave up writing it (the deploy then says reconcile cannot see it).
 * A deploy whose `running` record could not be written is not covered by the first two: reconcile cannot see it, and the
 * deploy says so (docs/deploy-records.md, "Before the first side effect").
 */

interface Deploy {
  sha: string
  /** Writes of its `running` record the forge failed. */
  failedWrites: number
  /** Its reporter gave up on the `running` record. */
  gaveUp?: boolean
  /** When its `running` record first reached the forge (event order). */
  recordedAt?: number
  ended: boolean
  /** An end record (any end but `running`) reached the forge. */
  endWritten?: boolean
}

interface Send {
  at: number
  target: string
}

export class DeployWatch {
  private seq = 0
  private readonly deploys = new Map<string, Deploy>()
  /**
   * Holds by commit and job (`A`, or a shard job `A/1`, whatever the attempt), with the event of the end
   * that put it: a job's own later `deployed` lifts its hold, another job's never does (a re-run of shard 2
   * does not lift shard 1's hold; docs/deploy-records.md).
   */
  private readonly holds = new Map<string, { at: number; job: string; sha: string }>()
  private readonly stopped = new Map<string, string>()
  /** Per reconcile, its read of the records under way: the head, and what has stopped it at every request so far. */
  private readonly reading = new Map<string, { head: string; why: string[] }>()
  private readonly sends = new Map<string, Send[]>()

  constructor(private readonly violations: Violation[]) {}

  deployStarted(job: string, sha: string): void {
    this.deploys.set(job, { sha, ended: false, failedWrites: 0 })
  }

  /**
   * A deploy job's record reached the forge: `running` makes it visible and live; its end (the first
   * final check or status) ends that, and a rejecting end (canary failed, halted) holds the commit until
   * a deploy of it writes `deployed`.
   */
  wrote(job: string, end: RunEnding): void {
    const d = this.deploys.get(job)
    if (!d) return
    if (end === 'running') {
      if (d.recordedAt === undefined && !d.ended) d.recordedAt = ++this.seq
      return
    }
    d.endWritten = true
    if (d.ended) return
    d.ended = true
    const key = `${d.sha}|${job.split('#')[0]}`
    if (REJECTING_ENDS.has(end)) this.holds.set(key, { at: ++this.seq, job, sha: d.sha })
    if (end === 'deployed') this.holds.delete(key)
  }

  /** The deploy's reporter gave up on its `running` record (its budget spent): the deploy goes ahead, saying so. */
  gaveUp(job: string): void {
    const d = this.deploys.get(job)
    if (d) d.gaveUp = true
  }

  /** A write of a deploy's `running` record failed. */
  writeFailed(job: string): void {
    const d = this.deploys.get(job)
    if (d) d.failedWrites += 1
  }

  /**
   * A deploy sends a redeploy or a registry write. Before its first side effect its `running` record is
   * on the forge, or the reporter gave up after its attempts (the deploy goes ahead, saying reconcile
   * cannot see it): otherwise a reconcile reading the records now would find no deploy at all.
   */
  deploySend(job: string, what: string): void {
    const d = this.deploys.get(job)
    if (!d || d.recordedAt !== undefined || d.gaveUp) return
    this.violations.push({ invariant: 'unrecorded-send', detail: `job ${job} sent ${what} before its running record reached the forge (${d.failedWrites} failed write(s))` })
  }

  /** A deploy job ended (with or without its final record): no longer live. */
  ended(job: string): void {
    const d = this.deploys.get(job)
    if (d) d.ended = true
  }

  /** What stops a reconcile of `head` now: a live recorded deploy of it, or its hold, with when it began. */
  private stops(head: string): { at: number; why: string }[] {
    const out: { at: number; why: string }[] = []
    for (const [job, d] of this.deploys) {
      if (d.sha === head && !d.ended && d.recordedAt !== undefined) out.push({ at: d.recordedAt, why: `the deploy job ${job} of ${commitName(head)} was running and recorded` })
    }
    for (const hold of this.holds.values()) if (hold.sha === head) out.push({ at: hold.at, why: `the deploy job ${hold.job} had rejected ${commitName(head)}` })
    return out
  }

  /**
   * A reconcile began a read of the deploy records of `head` (the first of its consecutive record
   * requests, whatever the reader asks first). No request is a snapshot of every record,
   * so what stops it is what stopped it throughout the read: a deploy live and recorded (or the head's
   * hold) at this first request and still at its last (`reread`). Being live is one span of time, so such
   * a deploy was live at every request of the read, and the reader must have seen it.
   */
  looked(reconcile: string, head: string): void {
    ++this.seq
    this.settle(reconcile)
    this.reading.set(reconcile, { head, why: this.stops(head).map((s) => s.why) })
  }

  /** A further request of the same read: what stopped the reconcile must still be so. */
  reread(reconcile: string, head: string): void {
    const r = this.reading.get(reconcile)
    if (!r || r.head !== head) return
    const now = new Set(this.stops(head).map((s) => s.why))
    r.why = r.why.filter((w) => now.has(w))
  }

  /** The read is over (the reconcile acts, or reads again): what held throughout it stops the reconcile for good. */
  private settle(reconcile: string): void {
    const why = this.reading.get(reconcile)?.why[0]
    this.reading.delete(reconcile)
    if (why && !this.stopped.has(reconcile)) this.stopped.set(reconcile, why)
  }

  /** A reconcile sends a redeploy or a registry write toward `head`. */
  send(reconcile: string, head: string, target: string, what: string): void {
    const at = ++this.seq
    this.settle(reconcile)
    const stopped = this.stopped.get(reconcile)
    if (stopped) this.violations.push({ invariant: 'reconcile-ignored-deploy', detail: `reconcile ${reconcile} sent ${what} after its read of the deploy records showed that ${stopped}` })
    const sends = this.sends.get(reconcile) ?? []
    for (const s of this.stops(head)) {
      const targets = new Set([...sends.filter((x) => x.at > s.at).map((x) => x.target), target])
      if (targets.size > 1) {
        this.violations.push({
          invariant: 'reconcile-past-wave',
          detail: `reconcile ${reconcile} sent ${what} after ${s.why}: a wave it started without asking again (targets since: ${[...targets].join(', ')})`
        })
        break
      }
    }
    sends.push({ at, target })
    this.sends.set(reconcile, sends)
  }

  /**
   * When the execution ends: every deploy whose `running` record reached the forge has its end there too.
   * A record left `running` by a job that ended reads as a live deploy until the timeout and then as a dead
   * one, never as what happened (a canary that failed): the end is lost.
   */
  lostEnds(): void {
    // A re-run (`A#2`) writes under the same name as the attempt it follows: once its own record is on the
    // forge, the older attempt's end would only hide it (docs/deploy-records.md), so it is not owed.
    const attempt = (job: string): [string, number] => {
      const [name, n] = job.split('#')
      return [name!, Number(n ?? 1)]
    }
    const overtaken = (job: string): boolean => {
      const [name, n] = attempt(job)
      return [...this.deploys].some(([j, x]) => attempt(j)[0] === name && attempt(j)[1] > n && x.recordedAt !== undefined)
    }
    for (const [job, d] of this.deploys) {
      if (d.recordedAt !== undefined && !d.endWritten && !overtaken(job))
        this.violations.push({ invariant: 'lost-end', detail: `job ${job} ended, and its record on the forge still says running: its end never reached the forge` })
    }
  }

  /** True when a deploy of `sha` rejected it and no deploy of it succeeded since. */
  held(sha: string): boolean {
    return [...this.holds.values()].some((h) => h.sha === sha)
  }

  /**
   * The watch for the state hash. Event numbers are only ever compared with each other, and every new one
   * exceeds them all: the exact numbers are no part of the future, their order is. With `ended`, the
   * reduction's jobs that never move again (state-key.ts), each number is written as its rank among those
   * kept, the counter is left out, and an ended reconcile's own reads, stop and sends (read only when that
   * reconcile sends) are too. Without it, the snapshot is as it always was.
   */
  snapshot(ended?: ReadonlySet<string>): string {
    const mine = (r: string): boolean => !ended?.has(r)
    const sendsKept = [...this.sends].filter(([r]) => mine(r))
    let at = (n: number): number => n
    if (ended) {
      const kept = [...this.deploys.values()].map((d) => d.recordedAt)
      for (const h of this.holds.values()) kept.push(h.at)
      for (const [, l] of sendsKept) for (const x of l) kept.push(x.at)
      const ranks = [...new Set(kept.filter((n): n is number => n !== undefined))].sort((a, b) => a - b)
      at = (n) => ranks.indexOf(n) + 1
    }
    const deploys = [...this.deploys]
      .map(([j, d]) => `${j}:${d.recordedAt === undefined ? '-' : at(d.recordedAt)}:${d.ended ? 'end' : 'run'}${d.endWritten ? '+' : ''}${d.gaveUp ? '!' : ''}`)
      .join(',')
    const holds = [...this.holds].map(([k, h]) => `${commitName(h.sha)}${k.slice(k.indexOf('|'))}@${at(h.at)}`).join(',')
    const sends = sendsKept.map(([r, l]) => `${r}:${l.map((s) => `${s.target}@${at(s.at)}`).join('/')}`).join(',')
    const reading = [...this.reading]
      .filter(([r]) => mine(r))
      .map(([r, x]) => `${r}:${commitName(x.head)}:${x.why.join('|')}`)
      .join(',')
    const stopped = [...this.stopped.keys()].filter(mine).join(',')
    return `${ended ? '' : `seq=${this.seq} `}d=${deploys} h=${holds} stop=${stopped} r=${reading} s=${sends}`
  }
}
