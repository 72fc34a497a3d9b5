// Validates the workflow files (.github/workflows and examples/) and action.yml with GitHub's own parser,
// @actions/workflow-parser (the one behind the Actions editor support): the workflow and action metadata
// schemas GitHub publishes, including which expression contexts each key allows (a `${{ }}` in an input's
// description makes the runner refuse to load the action, and the parser says so). No network. On top of
// the schemas it enforces this project's rules: every workflow declares `permissions:`, every third-party
// action is pinned by a full commit SHA with a version comment, action.yml runs on node24 from a file that
// exists, every input and output is described, and every `with:` of a step that uses this action names
// inputs action.yml declares, with a value among the fixed choices where there are some
// (action-inputs.mjs). `node scripts/lint-workflows.mjs [files...]`; exits 1 on any problem.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import * as nodeModule from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { parse } from 'yaml'
import { actionInputs, workflowWithProblems } from './action-inputs.mjs'

// The package imports its bundled schema JSON without `with { type: 'json' }`, which Node refuses
// (actions/languageservices#387, open). Supply the attribute for that package's JSON only; dynamic
// imports below, so the hook is in place before the package loads. Node 22.15+ takes it in-thread
// (registerHooks); Node 20 only through the off-thread `register`, given the same function as a module.
function load(url, context, nextLoad) {
  if (/\/@actions\/workflow-parser\/.*\.json$/.test(url) && !context.importAttributes?.type) {
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } })
  }
  return nextLoad(url, context)
}
if (nodeModule.registerHooks) nodeModule.registerHooks({ load })
else nodeModule.register(`data:text/javascript,${encodeURIComponent(`export ${load.toString()}`)}`)
const { NoOperationTraceWriter, parseWorkflow } = await import('@actions/workflow-parser')
const { parseAction } = await import('@actions/workflow-parser/actions/index')

/** Actions that need no SHA pin: this repository itself, and the product as the examples reference it. */
const UNPINNED_OK = [/^\.\//, /^docker:\/\//, /^your-org\/rollout-guard@v\d+$/]

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

/** The parser's findings, each already naming the file, line and column. */
function schemaProblems(parser, path, content) {
  const result = parser({ name: path, content }, new NoOperationTraceWriter())
  return result.context.errors.getErrors().map((e) => e.message)
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
  return [...schemaProblems(parseWorkflow, path, text), ...projectRules(text, doc), ...workflowWithProblems(doc, INPUTS)]
}

function checkAction(path) {
  const text = readFileSync(path, 'utf8')
  let doc
  try {
    doc = parse(text)
  } catch (error) {
    return [`not YAML: ${error.message}`]
  }
  const problems = schemaProblems(parseAction, path, text)
  // The node20 entry serves runners that refuse node24 (see docs/node-versions.md); every other entry runs on node24.
  const using = path.split(/[\\/]/).includes('node20') ? 'node20' : 'node24'
  if (doc?.runs?.using !== using) problems.push(`runs.using is ${JSON.stringify(doc?.runs?.using)}, expected ${using}`)
  if (doc?.runs?.main && !existsSync(resolve(dirname(path), doc.runs.main))) problems.push(`runs.main ${doc.runs.main} does not exist`)
  for (const [kind, entries] of [
    ['input', doc?.inputs],
    ['output', doc?.outputs]
  ]) {
    for (const [name, spec] of Object.entries(entries ?? {})) if (!spec?.description) problems.push(`${kind} ${name} has no description`)
  }
  return problems
}

/** The inputs every `with:` of a step that uses this action is checked against. */
const INPUTS = actionInputs()
const files = process.argv.slice(2)
const targets = files.length ? files : [...workflowFiles(), 'action.yml', 'node20/action.yml']
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
