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

/**
 * The declared input sharing the most whole words with `name` (`canary-soak` is `canary-soak-seconds`,
 * not `canary`), then the fewest edits (`tokn` is `token`); ties go to the first declared.
 */
function closest(name: string, declared: readonly string[]): string {
  const words = new Set(name.split(/[-_ ]+/))
  let best = declared[0] ?? ''
  let bestScore: [number, number] = [-1, Number.POSITIVE_INFINITY]
  for (const d of declared) {
    const score: [number, number] = [d.split('-').filter((w) => words.has(w)).length, distance(name, d)]
    if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] < bestScore[1])) {
      best = d
      bestScore = score
    }
  }
  return best
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
