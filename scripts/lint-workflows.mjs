// Validates the workflow files (.github/workflows and examples/) against the GitHub workflow schema and
// action.yml against the action metadata schema, with @action-validator/core (SchemaStore's schemas,
// compiled to WebAssembly; no network). On top of the schemas it enforces this project's rules: every
// workflow declares `permissions:`, and every third-party action is pinned by a full commit SHA with a
// version comment. `node scripts/lint-workflows.mjs [files...]`; exits 1 on any problem.
import { validateAction, validateWorkflow } from '@action-validator/core'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'

/** Actions that need no SHA pin: this repository itself, and the product as the examples reference it. */
const UNPINNED_OK = [/^\.\//, /^docker:\/\//, /^acme\/rollout-guard@v\d+$/]

function workflowFiles() {
  const found = []
  const walk = (dir) => {
    if (!existsSync(dir)) return
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (/\.ya?ml$/.test(entry.name)) found.push(path)
    }
  }
  walk('.github/workflows')
  walk('examples')
  return found.sort()
}

/** The validator nests alternatives (oneOf) as `states`; a person wants the leaves. */
function leaves(errors, out = []) {
  for (const e of errors) {
    if (e.states?.length) for (const s of e.states) leaves(s.errors, out)
    else out.push(`${e.path ?? (e.location ? `line ${e.location.line}` : '/')}: ${e.title}${e.detail ? ` (${e.detail})` : ''}`)
  }
  return [...new Set(out)]
}

function projectRules(text, doc) {
  const problems = []
  const jobs = Object.entries(doc?.jobs ?? {})
  if (!('permissions' in (doc ?? {})) && !jobs.every(([, job]) => job && 'permissions' in job)) {
    problems.push('permissions: declare them at the top or on every job (least privilege, explicit)')
  }
  text.split('\n').forEach((line, i) => {
    const m = /^\s*(?:-\s+)?uses:\s*['"]?([^\s'"#]+)['"]?\s*(#\s*(\S.*))?$/.exec(line)
    if (!m || UNPINNED_OK.some((re) => re.test(m[1]))) return
    const ref = m[1].split('@')[1] ?? ''
    if (!/^[0-9a-f]{40}$/.test(ref)) problems.push(`line ${i + 1}: ${m[1]} is not pinned by a full commit SHA`)
    else if (!m[3]) problems.push(`line ${i + 1}: ${m[1]} needs a version comment (# vX.Y.Z)`)
  })
  return problems
}

function checkWorkflow(path) {
  const text = readFileSync(path, 'utf8')
  let doc
  try {
    doc = parse(text)
  } catch (error) {
    return [`not YAML: ${error.message}`]
  }
  return [...leaves(validateWorkflow(text).errors), ...projectRules(text, doc)]
}

function checkAction(path) {
  const text = readFileSync(path, 'utf8')
  const doc = parse(text)
  const problems = []
  if (doc?.runs?.using !== 'node24') problems.push(`runs.using is ${JSON.stringify(doc?.runs?.using)}, expected node24`)
  if (doc?.runs?.main && !existsSync(doc.runs.main)) problems.push(`runs.main ${doc.runs.main} does not exist`)
  // The schema bundled with the validator predates node24 (runners accept it since v2.327.1); checked
  // above, so the rest of the file is validated with the runtime name the schema knows.
  const known = text.replace(/^(\s+using:\s*)node24\s*$/m, '$1node20')
  problems.push(...leaves(validateAction(known).errors))
  for (const [kind, entries] of [['input', doc?.inputs], ['output', doc?.outputs]]) {
    for (const [name, spec] of Object.entries(entries ?? {})) if (!spec?.description) problems.push(`${kind} ${name} has no description`)
  }
  return problems
}

const files = process.argv.slice(2)
const targets = files.length ? files : [...workflowFiles(), 'action.yml']
let failed = 0
for (const path of targets) {
  const problems = /(^|\/)action\.ya?ml$/.test(path) ? checkAction(path) : checkWorkflow(path)
  if (problems.length === 0) {
    console.log(`ok    ${path}`)
    continue
  }
  failed += 1
  console.error(`FAIL  ${path}`)
  for (const p of problems.slice(0, 20)) console.error(`      ${p}`)
}
if (failed) {
  console.error(`${failed} of ${targets.length} file(s) failed validation.`)
  process.exit(1)
}
console.log(`${targets.length} workflow and action file(s) valid.`)
