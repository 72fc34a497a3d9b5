// Checks the `with:` block of every step that uses this action against action.yml: an input name the
// action does not declare (`settle-budget-secs:`) is a typo the runner only warns about, and the step
// then runs with the default; a fixed value outside its choices (`mode: deplyo`) fails the step only
// at run time. Both are found here, before a workflow is pushed. Used by scripts/lint-workflows.mjs
// and by the docs tests (every snippet in README.md and docs/).
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

/**
 * Inputs whose values are fixed, with their choices as src/settings/ accepts them (compared
 * case-insensitively, as the settings reader does). __tests__/workflows.test.ts feeds a wrong value of
 * each to the settings parser and checks that its error lists exactly these, so the two cannot drift.
 */
export const FIXED_VALUES = {
  mode: ['gate', 'verify', 'deploy', 'promote', 'reconcile'],
  forge: ['auto', 'github', 'gitea'],
  'on-superseded': ['skip', 'fail'],
  report: ['auto', 'check', 'status', 'none'],
  'redeploy-method': ['post', 'put', 'patch']
}
/** Boolean inputs: YAML 1.2 core-schema booleans, as the settings reader (and @actions/core) accept them. */
export const BOOLEAN_INPUTS = ['superseded-check', 'force', 'dry-run', 'respect-deploy-state']
const BOOLEANS = ['true', 'True', 'TRUE', 'false', 'False', 'FALSE']

/**
 * `uses:` values that are this action: the repository itself (`./`, `./node20`), the published name
 * under any owner (`your-org/rollout-guard@v0`, `.../rollout-guard/node20@<sha>`), and a Gitea mirror by URL.
 */
export function isThisAction(uses) {
  if (typeof uses !== 'string') return false
  const ref = uses.trim()
  return /^\.\/?(node20\/?)?$/.test(ref) || /^(https?:\/\/[^/\s]+\/)?[^/\s]+\/rollout-guard(\/node20)?@\S+$/.test(ref)
}

export function actionInputs(actionYml = 'action.yml') {
  return Object.keys(parse(readFileSync(actionYml, 'utf8')).inputs ?? {})
}

function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = row[j]
      row[j] = next
    }
  }
  return row[b.length]
}

/** The declared name closest to `name`, when one is close enough to be the intended one. */
export function closest(name, names) {
  let best
  let bestScore = Infinity
  for (const candidate of names) {
    const score = distance(name, candidate)
    if (score < bestScore) {
      best = candidate
      bestScore = score
    }
  }
  return bestScore <= Math.max(3, Math.floor(name.length / 3)) ? best : undefined
}

/** Problems of one `with:` map: unknown names (with the closest declared one) and fixed values out of range. */
export function withProblems(withMap, inputs) {
  const problems = []
  for (const [name, raw] of Object.entries(withMap ?? {})) {
    if (!inputs.includes(name)) {
      const near = closest(name, inputs)
      problems.push(`unknown input '${name}'${near ? `; did you mean '${near}'?` : ''} (action.yml declares no such input)`)
      continue
    }
    const value = raw === null || raw === undefined ? '' : String(raw).trim()
    // An expression is only known at run time; the settings check it then, before any side effect.
    if (value === '' || value.includes('${{')) continue
    const choices = FIXED_VALUES[name]
    if (choices && !choices.includes(value.toLowerCase())) {
      const near = closest(value.toLowerCase(), choices)
      problems.push(`input '${name}' has the value '${value}'; expected one of ${choices.join(', ')}${near ? ` (did you mean '${near}'?)` : ''}`)
    }
    if (BOOLEAN_INPUTS.includes(name) && !BOOLEANS.includes(value)) {
      problems.push(`input '${name}' has the value '${value}'; expected true or false`)
    }
  }
  return problems
}

/** Every step of a parsed workflow (or a bare list of steps, or one step) that uses this action, with where it is. */
export function actionSteps(doc) {
  const found = []
  const visitSteps = (steps, where) => {
    if (!Array.isArray(steps)) return
    steps.forEach((step, i) => {
      if (step && typeof step === 'object' && isThisAction(step.uses)) found.push({ step, where: `${where}step ${i + 1}${step.name ? ` (${step.name})` : step.id ? ` (${step.id})` : ''}` })
    })
  }
  if (Array.isArray(doc)) visitSteps(doc, '')
  else if (doc && typeof doc === 'object') {
    if (isThisAction(doc.uses)) found.push({ step: doc, where: 'step' })
    visitSteps(doc.steps, '')
    for (const [id, job] of Object.entries(doc.jobs ?? {})) visitSteps(job?.steps, `job ${id}, `)
  }
  return found
}

/** Problems of every step of `doc` that uses this action, each prefixed with where it is. */
export function workflowWithProblems(doc, inputs) {
  return actionSteps(doc).flatMap(({ step, where }) => withProblems(step.with, inputs).map((p) => `${where}: ${p}`))
}
