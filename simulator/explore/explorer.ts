import { Execution } from './execution.js'
import type { Bound, Scenario } from './types.js'
import { deployJob } from './job.js'
import { newestDeploy } from './job-end.js'
import { reconcileJob } from './reconcile-job.js'
import { Seen, worldView } from './seen.js'
import { commitName, type Violation } from './world.js'

/**
 * Exhaustive exploration by re-execution (stateless model checking): run the protocol under a
 * schedule, remember how many choices each step had, and run again with the last choice that still
 * has an untried sibling advanced, until every schedule within the bound has been run. A state
 * already seen (same hash) is not explored again. A violation is reported with its schedule, a
 * string that `replay` plays back exactly.
 */

export interface Found {
  violation: Violation
  /** The moves that led to it, `;`-separated: replay(scenario, bound, schedule). */
  schedule: string
}

export interface Exploration {
  /** Executions run to their end, to a state already explored, or to the step bound. */
  interleavings: number
  states: number
  /** Executions cut because they reached a state already explored. */
  merged: number
  /** Executions cut at the step bound (none in a complete exploration). */
  cutAtSteps: number
  /** Examples (at most `keepPerInvariant` of each invariant), each with its schedule. */
  violations: Found[]
  /** Executions that ended in a violation (all of them, kept as examples or not). */
  violating: number
  /** True when every schedule within the bound was run (not stopped by `maxInterleavings`). */
  complete: boolean
  /** With `stopOn`: the violation it stopped at, with its whole schedule. */
  first?: Found
}

export interface ExploreOptions {
  /** Stop after this many executions (a safety net for a bound that grew too big). */
  maxInterleavings?: number
  /** Stop at the first violation. */
  stopAtFirst?: boolean
  /** Stop at the first violation of this invariant (others are counted and kept, and exploring goes on). */
  stopOn?: Violation['invariant']
  /** Keep at most this many violations of each invariant. */
  keepPerInvariant?: number
  onProgress?: (e: Exploration) => void
  /**
   * The reduction (on unless false): the state hash forgets a job that has ended for good (state-key.ts),
   * so executions that differ only in the history of such a job meet. `false` hashes every job's whole
   * history, for comparison (`npm run explore -- --no-reduction`).
   */
  reduction?: boolean
  /** Called with the world at the end of every execution run to its end (not cut, not merged): for tests. */
  onFinal?: (final: Final) => void
  /** Called with the world of every state the exploration reaches (`worldView`): for tests. */
  onState?: (world: string) => void
}

/** The world when an execution ended: what each tenant serves, each job's result, and what it violated. */
export interface Final {
  serving: Record<string, string>
  results: Record<string, string>
  violations: Violation['invariant'][]
}

interface Played {
  choices: number[]
  counts: number[]
  violations: Violation[]
  merged: boolean
  cut: boolean
  labels: string[]
  serving: Record<string, string>
  results: Record<string, string>
}

/**
 * Plays one execution: the first `prefix.length` choices are given, every later step takes its first
 * option. `seen` (when given) cuts the execution at a state already explored past the prefix.
 */
async function play(
  scenario: Scenario,
  bound: Bound,
  pick: (step: number, labels: string[]) => number | undefined,
  seen?: Seen,
  fresh = 0,
  reduction = false,
  onState?: (key: string) => void
): Promise<Played> {
  const ex = new Execution(scenario, bound, { deploy: deployJob, reconcile: reconcileJob })
  const choices: number[] = []
  const counts: number[] = []
  let merged = false
  let cut = false
  ex.start('A')
  await settle()
  for (let step = 0; ; step++) {
    if (ex.violations.length) break
    const options = ex.options()
    if (options.length === 0) {
      if (!ex.finished) ex.violations.push({ invariant: 'deadlock', detail: `nothing can move, yet ${ex.describe()}` })
      else {
        ex.world.finalCheck(deployedCommits(ex))
        if (ex.scenario.reconcile) ex.world.watch.lostEnds()
        // The incident's second half: the newer job went red because an older one got in its way. With
        // no fault and no broken image, only reordering happened, and the newest job must end deployed.
        const newest = newestDeploy(ex.jobs)!
        if (ex.faultFree && !ex.scenario.broken.length && !ex.scenario.brokenOn && newest.result !== 'deployed') {
          ex.violations.push({ invariant: 'newest-not-deployed', detail: `job ${newest.name} ended ${newest.result ?? 'without a result'} with no fault in the schedule` })
        }
      }
      break
    }
    if (step >= bound.maxSteps) {
      cut = true
      break
    }
    if (seen && step >= fresh) {
      const state = ex.stateKey(reduction)
      onState?.(worldView(ex))
      if (seen.covers(state)) {
        merged = true
        break
      }
    }
    const i = pick(
      step,
      options.map((o) => o.label)
    )
    if (i === undefined) break
    choices.push(i)
    counts.push(options.length)
    ex.choose(options[i]!, options)
    await settle()
  }
  return {
    choices,
    counts,
    violations: [...ex.violations],
    merged,
    cut,
    labels: ex.labels,
    serving: Object.fromEntries([...ex.world.serving].map(([t, sha]) => [t, commitName(sha)])),
    results: Object.fromEntries(ex.jobs.map((j) => [j.name, j.result ?? 'running']))
  }
}

/**
 * Commits whose deploy ended `deployed` as a whole: a whole-fleet job that did, or (sharded) every shard
 * of the commit's deploy, in some attempt.
 */
function deployedCommits(ex: Execution): string[] {
  const whole = ex.jobs.filter((j) => j.result === 'deployed' && !j.part && !j.canaryJob).map((j) => j.sha)
  const n = ex.scenario.shards
  if (!n) return whole
  const sharded = ex.jobs
    .filter((j) => j.canaryJob && j.attempt === 1)
    .filter((c) => Array.from({ length: n }, (_, i) => `${c.name}/${i + 1}`).every((s) => ex.jobs.some((j) => j.name.split('#')[0] === s && j.result === 'deployed')))
    .map((c) => c.sha)
  return [...whole, ...sharded]
}

/** Lets every job run until it waits on the world again (all of this is promise continuations). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** The action logs through @actions/core (stdout); thousands of executions would drown the result. */
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const write = process.stdout.write
  process.stdout.write = (() => true) as typeof process.stdout.write
  try {
    return await work()
  } finally {
    process.stdout.write = write
  }
}

export function explore(scenario: Scenario, bound: Bound, options: ExploreOptions = {}): Promise<Exploration> {
  return quietly(async () => {
    const seen = new Seen()
    const result: Exploration = { interleavings: 0, states: 0, merged: 0, cutAtSteps: 0, violations: [], violating: 0, complete: false }
    let prefix: number[] = []
    for (;;) {
      const run = await play(scenario, bound, (step) => prefix[step] ?? 0, seen, prefix.length, options.reduction ?? true, options.onState)
      result.interleavings += 1
      if (options.onFinal && !run.merged && !run.cut) options.onFinal({ serving: run.serving, results: run.results, violations: run.violations.map((v) => v.invariant) })
      if (run.merged) result.merged += 1
      if (run.cut) result.cutAtSteps += 1
      if (run.violations.length) result.violating += 1
      for (const violation of run.violations) keep(result, { violation, schedule: run.labels.join(';') }, options.keepPerInvariant ?? 3)
      result.states = seen.size
      if (result.interleavings % 500 === 0) options.onProgress?.(result)
      if (run.violations.length && options.stopAtFirst) return result
      if (options.stopOn && run.violations.some((v) => v.invariant === options.stopOn)) {
        const found = run.violations.find((v) => v.invariant === options.stopOn)!
        result.first = { violation: found, schedule: run.labels.join(';') }
        return result
      }
      if (options.maxInterleavings && result.interleavings >= options.maxInterleavings) return result
      let d = run.choices.length - 1
      while (d >= 0 && run.choices[d]! + 1 >= run.counts[d]!) d--
      if (d < 0) {
        result.complete = true
        return result
      }
      prefix = [...run.choices.slice(0, d), run.choices[d]! + 1]
    }
  })
}

/** Keeps the shortest schedules of each invariant, one per distinct detail first: the easiest to read. */
function keep(result: Exploration, found: Found, limit: number): void {
  const same = result.violations.filter((f) => f.violation.invariant === found.violation.invariant)
  const twin = same.find((f) => f.violation.detail === found.violation.detail)
  if (twin) {
    if (found.schedule.length < twin.schedule.length) twin.schedule = found.schedule
    return
  }
  if (same.length < limit) {
    result.violations.push(found)
    return
  }
  const longest = same.reduce((a, b) => (b.schedule.length > a.schedule.length ? b : a))
  if (found.schedule.length < longest.schedule.length) result.violations.splice(result.violations.indexOf(longest), 1, found)
}

export interface Replay {
  violations: Violation[]
  /** The moves actually played (the whole schedule when it replayed exactly). */
  played: string[]
  /** The world at the end, for assertions. */
  serving: Record<string, string>
  /** Each job's result (`A`, `B`, `A#2`, `R`). */
  results: Record<string, string>
}

/**
 * Plays a schedule printed by `explore`: each move is found by its label among the options of its
 * step, so a replay fails loudly (instead of drifting) when the code no longer offers that move. Past
 * the schedule's end the execution runs on to its end the way `explore` extends a schedule (first
 * option at each step), so what the code does next is judged too.
 */
export function replay(scenario: Scenario, bound: Bound, schedule: string): Promise<Replay> {
  const moves = schedule.split(';').filter(Boolean)
  return quietly(async () => {
    const run = await play(scenario, bound, (step, labels) => {
      if (step >= moves.length) return 0
      const i = labels.indexOf(moves[step]!)
      if (i < 0) throw new Error(`replay: step ${step + 1} expects ${moves[step]}, but the options are ${labels.join(', ')}`)
      return i
    })
    return { violations: run.violations, played: run.labels, serving: run.serving, results: run.results }
  })
}
