import { createHash, type Hash } from 'node:crypto'
import type { Clock } from '../../src/clock.js'
import { NetworkError } from '../../src/http/client.js'
import type { Answer, Bound, JobHandle, Kind, Option, Pending, Scenario, Timer } from './types.js'
import { GITHUB_CHECK_SUITE_WINDOW } from '../forge-reports.js'
import { Arrivals } from './arrivals.js'
import { endedJobs } from './state-key.js'
import { COMMITS, commitName, type CommitName, type Violation, WALL_EPOCH, World } from './world.js'

/**
 * One execution of the protocol under a chosen schedule. Every call the code under test makes to the
 * outside world (a head read, a compare, a /buildinfo probe, a redeploy, a registry request) and every
 * sleep becomes a pending event here, and nothing happens until the scheduler picks one: which job
 * moves, and what the world answers. Time is virtual and moves only when every job waits on a timer,
 * so an execution is a pure function of its list of choices, and replays exactly.
 */

export type JobStarter = (ex: Execution, job: JobHandle) => Promise<void>
/** `deploy` starts every job of a deploy's workflow run (a sharded deploy's promote job included); `reconcile` the scheduled one. */
export interface Starters {
  deploy: JobStarter
  reconcile: JobStarter
}

/** Run ids as GitHub numbers runs: each commit's deploy run, then the scheduled reconcile's. */
const RUN_IDS: Record<string, string> = { A: '100', B: '101', C: '102', R: '200', R2: '201' }

export class Execution {
  now = 0
  private seq = 0
  readonly pending: Pending[] = []
  private readonly timers: Timer[] = []
  readonly world: World
  readonly traces = new Map<string, string[]>()
  /** Each job's trace, hashed as it grows: the state hash takes a digest per job instead of the whole history. */
  private readonly traceHashes = new Map<string, Hash>()
  readonly jobs: JobHandle[] = []
  readonly labels: string[] = []
  private faults = 0
  private cancels = 0
  private preemptions = 0
  private lastJob: string | undefined
  /** Commits still to land, the reconcile, re-runs. */
  private readonly arrivals: Arrivals

  constructor(
    readonly scenario: Scenario,
    readonly bound: Bound,
    private readonly starters: Starters
  ) {
    this.world = new World(scenario.tenants, scenario.invariants, new Set(scenario.broken.map((c) => COMMITS[c])), () => this.now)
    for (const [c, tenants] of Object.entries(scenario.brokenOn ?? {})) this.world.brokenOn.set(COMMITS[c as CommitName], new Set(tenants))
    this.arrivals = new Arrivals(scenario)
  }

  get violations(): Violation[] {
    return this.world.violations
  }

  /**
   * Starts a deploy job: `A` (the commit's whole-fleet job, or its canary job in a sharded deploy) or a
   * shard job `A/2`; attempt 2 is a re-run of the same job in the same run.
   */
  start(job: string, attempt = 1): void {
    const [commit, index] = job.split('/') as [CommitName, string | undefined]
    const part = index && `${index}/${this.scenario.shards}`
    this.launch({
      name: attempt > 1 ? `${job}#${attempt}` : job,
      kind: 'deploy',
      sha: COMMITS[commit],
      runId: RUN_IDS[commit]!,
      attempt,
      controller: new AbortController(),
      done: false,
      ...(part ? { part } : {}),
      ...(this.scenario.shards && !index ? { canaryJob: true } : {})
    })
  }

  private launch(job: JobHandle): void {
    // A workflow run opens a check suite on its commit (a scheduled one on the head): the check-suite
    // window (records.ts) counts them. A re-run is an attempt of the same run, a shard job or the promote job a job of it.
    if (job.attempt === 1 && !job.part && job.kind !== 'promote' && this.scenario.forge !== 'gitea') this.world.records.addSuites(job.kind === 'deploy' ? job.sha : this.world.head, 1)
    this.jobs.push(job)
    this.traces.set(job.name, [])
    this.traceHashes.set(job.name, createHash('sha1'))
    void this.starters[job.kind === 'reconcile' ? 'reconcile' : 'deploy'](this, job).finally(() => {
      job.done = true
    })
  }

  /** A job's runner clock: the virtual time, and its wall time off the forge's by the scenario's skew for it. */
  clockFor(job: string): Clock {
    const skew = this.scenario.skewMs?.[job] ?? 0
    return {
      now: () => this.now,
      sleep: (ms, signal) => this.sleep(job, ms, signal),
      wall: () => WALL_EPOCH + this.now + skew,
      // No request here is real I/O: a request's own time limit (src/forge/github.ts) runs on virtual time.
      timesRequests: true
    }
  }

  sleep(job: string, ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason)
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = {
        at: this.now + Math.max(0, ms),
        seq: this.seq++,
        job,
        fire: () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        }
      }
      const onAbort = (): void => {
        this.removeTimer(timer)
        reject(signal?.reason)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.timers.push(timer)
    })
  }

  private removeTimer(timer: Timer): void {
    const i = this.timers.indexOf(timer)
    if (i >= 0) this.timers.splice(i, 1)
  }

  /**
   * A call to the outside world: pending until the scheduler answers it. `respond` turns the chosen
   * answer into the call's result (or throws the call's error); `hang` waits `timeoutMs` of virtual
   * time and fails as a timed-out request does; with `ownTimeout` (a caller whose signal carries its own
   * time limit on the job's clock, as src/forge/github.ts sets it) it just never answers, until that signal
   * aborts. A cancelled run's signal ends the call at once.
   */
  request<T>(job: string, kind: Kind, arg: string, respond: (answer: Answer) => T, opts: { signal?: AbortSignal; timeoutMs?: number; ownTimeout?: boolean } = {}): Promise<T> {
    const { signal } = opts
    if (signal?.aborted) return Promise.reject(new NetworkError('request cancelled', 'CANCELLED'))
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.pending.indexOf(p)
        if (i >= 0) this.pending.splice(i, 1)
        reject(new NetworkError('request cancelled', 'CANCELLED'))
      }
      const faults = (this.bound.faults[kind] ?? []).filter((a) => a !== 'hang' || opts.timeoutMs !== undefined || (opts.ownTimeout === true && signal !== undefined))
      const p: Pending = {
        job,
        kind,
        arg,
        seq: this.seq++,
        faults,
        overtaken: 0,
        deliver: (answer) => {
          this.pending.splice(this.pending.indexOf(p), 1)
          if (answer === 'hang') {
            // The caller's own time limit aborts its signal (onAbort): nothing to wait for here.
            if (opts.ownTimeout) return
            this.sleep(job, opts.timeoutMs!, signal).then(
              () => {
                signal?.removeEventListener('abort', onAbort)
                reject(new NetworkError(`request timed out after ${opts.timeoutMs} ms`, 'TIMEOUT'))
              },
              () => undefined
            )
            return
          }
          signal?.removeEventListener('abort', onAbort)
          if (answer === 'lost') {
            // Applied by the world, then the connection dropped: the caller sees a network error.
            try {
              respond('ok')
            } catch {
              // the world's own refusal (a 409, a 404) is lost with the rest of the answer
            }
            reject(new NetworkError('socket hang up after the request was sent', 'ECONNRESET'))
            return
          }
          try {
            resolve(respond(answer))
          } catch (error) {
            reject(error as Error)
          }
        }
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.pending.push(p)
    })
  }

  /** Every move the world may make next, within the bound. */
  options(): Option[] {
    const out: Option[] = []
    const faultsLeft = this.faults < this.bound.maxFaults
    const byJob = new Map<string, Pending[]>()
    for (const p of this.pending) {
      const list = byJob.get(p.job)
      if (list) list.push(p)
      else byJob.set(p.job, [p])
    }
    const jobOptions = new Map<string, Option[]>()
    for (const [job, calls] of [...byJob].sort(([a], [b]) => a.localeCompare(b))) {
      const list: Option[] = []
      // Answers come back in the order each job asked (see docs/exploration.md): the interleaving
      // explored is between jobs and the world, not between one job's own concurrent reads.
      const p = calls.sort((x, y) => x.seq - y.seq)[0]!
      for (const answer of ['ok', ...(faultsLeft ? p.faults : [])] as Answer[]) {
        list.push({ label: `${job}.${p.kind}(${p.arg})=${answer}`, actor: job, fault: answer !== 'ok', apply: () => this.answer(p, answer) })
      }
      jobOptions.set(job, list)
    }
    const last = this.lastJob
    const canPreempt = this.preemptions < this.bound.maxPreemptions
    // A call overtaken as often as the bound allows must be answered next (or time out, a fault).
    const due = this.pending.find((p) => p.overtaken >= this.bound.maxOvertakes)
    for (const [job, list] of jobOptions) {
      if (due && job !== due.job) continue
      if (!due && last && job !== last && jobOptions.has(last) && !canPreempt) continue
      out.push(...list)
    }
    out.push(
      ...this.arrivals.options(this.jobs, {
        land: (commit) => {
          this.world.land(COMMITS[commit])
          this.start(commit)
        },
        deploy: (commit, attempt) => this.start(commit, attempt),
        promote: (commit, attempt) =>
          this.launch({ name: `${commit}/promote`, kind: 'promote', sha: COMMITS[commit], runId: RUN_IDS[commit]!, attempt, controller: new AbortController(), done: false }),
        reconcile: (name) => this.launch({ name, kind: 'reconcile', sha: '', runId: RUN_IDS[name]!, attempt: 1, controller: new AbortController(), done: false }),
        age: (commit) => {
          this.world.records.addSuites(COMMITS[commit], GITHUB_CHECK_SUITE_WINDOW, true)
          // What a running job reads next depends on whether it read before or after: in its history, for the state hash.
          for (const j of this.jobs) if (!j.done) this.trace(j.name, `${this.now}:age(${commit})`)
        }
      })
    )
    if (faultsLeft && this.cancels < this.bound.maxCancels) {
      const may = this.bound.cancellable
      for (const job of this.jobs.filter((j) => !j.done && !j.controller.signal.aborted && (!may || may.includes(j.name)))) {
        out.push({ label: `cancel(${job.name})`, actor: 'world', fault: true, apply: () => this.cancel(job) })
      }
    }
    if (this.pending.length === 0 && this.timers.length > 0) {
      const at = Math.min(...this.timers.map((t) => t.at))
      out.push({ label: `tick(${at})`, actor: 'clock', fault: false, apply: () => this.tick() })
    }
    return out
  }

  choose(option: Option, all: Option[]): void {
    if (option.actor !== 'world' && option.actor !== 'clock') {
      const last = this.lastJob
      if (last && last !== option.actor && all.some((o) => o.actor === last)) this.preemptions += 1
      this.lastJob = option.actor
    }
    if (option.fault) this.faults += 1
    this.labels.push(option.label)
    option.apply()
  }

  private answer(p: Pending, answer: Answer): void {
    this.trace(p.job, `${this.now}:${p.kind}(${p.arg})=${answer}`)
    for (const other of this.pending) if (other.job !== p.job) other.overtaken += 1
    p.deliver(answer)
  }

  private cancel(job: JobHandle): void {
    this.cancels += 1
    this.trace(job.name, `${this.now}:cancel`)
    job.controller.abort(new Error('cancelled by SIGINT'))
  }

  /** Fires every timer due at the earliest pending instant, in the order they were set. */
  private tick(): void {
    const at = Math.min(...this.timers.map((t) => t.at))
    this.now = at
    const due = this.timers.filter((t) => t.at === at).sort((a, b) => a.seq - b.seq)
    for (const t of due) {
      this.removeTimer(t)
      this.trace(t.job, `${at}:tick`)
      t.fire()
    }
  }

  private trace(job: string, entry: string): void {
    this.traces.get(job)!.push(entry)
    this.traceHashes.get(job)!.update(`${entry} `)
  }

  /** No fault and no cancellation so far: the world only reordered things. */
  get faultFree(): boolean {
    return this.faults === 0
  }

  get finished(): boolean {
    return this.jobs.every((j) => j.done) && this.arrivals.settled(this.jobs)
  }

  /** The jobs that will never move again (state-key.ts). */
  ended(): Set<string> {
    return endedJobs(this.jobs, this.pending, this.timers)
  }

  /**
   * Everything the future of this execution depends on (with the budget the bound has left apart, in
   * `spent`: a state reached having spent less of it can do everything this one can): the world, the time, each job's own history
   * of answers (which fixes its code's state), what is pending, and what the bound still allows. Two
   * schedules that differ only in the order of independent moves meet in the same state, and the
   * explorer visits it once.
   *
   * With `forgetEnded` (the explorer's reduction, state-key.ts) a job that has ended and has nothing
   * pending and no timer is summarised by its result alone: no move can ever run its code again, so its
   * history, its head read, what it found before its redeploys, and its being the last job to move can
   * change no future move.
   */
  stateKey(forgetEnded = false): { key: string; spent: number[] } {
    const ended = forgetEnded ? this.ended() : undefined
    const traces = [...this.traceHashes]
      .filter(([j]) => !ended?.has(j))
      .map(([j, h]) => `${j}[${h.copy().digest('base64')}]`)
      .join(' ')
    const pending = this.pending.map((p) => `${p.job}.${p.kind}(${p.arg})+${p.overtaken}`).join(',')
    const timers = this.timers
      .map((t) => `${t.job}@${t.at}`)
      .sort()
      .join(',')
    const jobs = this.jobs.map((j) => `${j.name}:${j.done ? (j.result ?? 'done') : 'run'}${ended?.has(j.name) && j.controller.signal.aborted ? ':aborted' : ''}`).join(',')
    const last = this.lastJob && !ended?.has(this.lastJob) ? this.lastJob : ''
    const text = `${this.now}|${this.world.snapshot(ended)}|${pending}|${timers}|${jobs}|${last}|${this.arrivals.snapshot()}|${traces}`
    return { key: createHash('sha1').update(text).digest('base64'), spent: [this.faults, this.cancels, this.preemptions] }
  }

  describe(): string {
    return this.jobs.map((j) => `${j.name}: ${j.done ? (j.result ?? 'ended') : 'running'}`).join(', ') + `; serving ${[...this.world.serving].map(([t, s]) => `${t}=${commitName(s)}`).join(' ')}`
  }
}
