import type { Execution } from './execution.js'

/**
 * What the explorer remembers between executions: the states explored (by their hash, with the budget
 * spent on the way), and how two explorations compare the worlds they reached.
 */

/**
 * States explored so far. A state counts as explored when it was reached before with no more of the
 * bound's budget spent (faults, cancellations, preemptions): that visit could do all this one can.
 */
export class Seen {
  private readonly visits = new Map<string, number[][]>()

  get size(): number {
    return this.visits.size
  }

  /** True when `state` is covered by an earlier visit; otherwise records it. */
  covers(state: { key: string; spent: number[] }): boolean {
    const earlier = this.visits.get(state.key)
    if (earlier?.some((spent) => spent.every((n, i) => n <= state.spent[i]!))) return true
    if (earlier) earlier.push(state.spent)
    else this.visits.set(state.key, [state.spent])
    return false
  }
}

/**
 * The world of a state as two explorations can compare it, whatever either merged: the time, the world
 * as the reduction hashes it (its watch's events by their order, nothing of the jobs that ended for good),
 * each job's result and each pending call. Record ids (`#2`) are left out: which record got which id
 * depends on the order of independent writes, which the state hash already leaves out (records.ts
 * snapshots what the records say, not their ids).
 */
export function worldView(ex: Execution): string {
  const pending = ex.pending.map((p) => `${p.job}.${p.kind}(${p.arg.replace(/#\d+/, '#')})+${p.overtaken}`).join(',')
  return `${ex.now}|${ex.world.snapshot(ex.ended())}|${pending}|${ex.describe()}`
}
