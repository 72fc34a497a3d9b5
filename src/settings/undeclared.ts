import { DECLARED_INPUTS } from './declared-inputs.js'
import type { Env } from './reader.js'

/**
 * Inputs the workflow passed that action.yml does not declare (`settle-budget-secs: 5`): the runner
 * hands them over as `INPUT_*` like any other, and without a word they would be ignored and the default
 * used. Each comes with the declared input closest to it, which is almost always what was meant.
 */
export interface UndeclaredInput {
  name: string
  closest: string
}

const envName = (input: string): string => `INPUT_${input.replace(/ /g, '_').toUpperCase()}`

export function undeclaredInputs(env: Env, declared: readonly string[] = DECLARED_INPUTS): UndeclaredInput[] {
  const known = new Set(declared.map(envName))
  return Object.keys(env)
    .filter((key) => key.startsWith('INPUT_') && !known.has(key))
    .sort()
    .map((key) => {
      const name = key.slice('INPUT_'.length).toLowerCase().replace(/_/g, ' ')
      return { name, closest: closest(name, declared) }
    })
}

export function undeclaredWarning(u: UndeclaredInput): string {
  return `Input '${u.name}' is not an input of this action, so it is ignored; did you mean '${u.closest}'?`
}

function closest(name: string, declared: readonly string[]): string {
  let best = declared[0] ?? ''
  let bestScore = Number.POSITIVE_INFINITY
  for (const d of declared) {
    // A shared prefix counts for more than an edit anywhere: `settle-budget-secs` is `settle-budget-seconds`.
    const score = distance(name, d) - commonPrefix(name, d) / 4
    if (score < bestScore) {
      best = d
      bestScore = score
    }
  }
  return best
}

function commonPrefix(a: string, b: string): number {
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return i
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = row
  }
  return prev[b.length]!
}
