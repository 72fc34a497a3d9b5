// Generates the inputs and outputs tables of docs/inputs.md from action.yml, so the two cannot drift apart,
// and the node20 entry. `node scripts/docs.mjs` rewrites them; `--check` fails when either is out of date.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { parse } from 'yaml'
import { expectedNode20Entry, NODE20_ENTRY } from './action-entries.mjs'

const action = parse(readFileSync('action.yml', 'utf8'))
const cell = (text) =>
  String(text ?? '')
    .trim()
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
const fence = (value) => (value === '' || value === undefined ? '' : `\`${String(value).replace(/`/g, '')}\``)

const inputs = ['| input | default | description |', '|---|---|---|', ...Object.entries(action.inputs ?? {}).map(([name, i]) => `| \`${name}\` | ${fence(i.default)} | ${cell(i.description)} |`)].join(
  '\n'
)
const outputs = ['| output | description |', '|---|---|', ...Object.entries(action.outputs ?? {}).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`)].join('\n')

function splice(text, marker, body) {
  const start = `<!-- ${marker}:start (generated from action.yml by scripts/docs.mjs) -->`
  const end = `<!-- ${marker}:end -->`
  const a = text.indexOf(start)
  const b = text.indexOf(end)
  if (a < 0 || b < a) throw new Error(`${DOC} has no ${marker} markers`)
  return `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`
}

const DOC = 'docs/inputs.md'
const readme = readFileSync(DOC, 'utf8')
const next = splice(splice(readme, 'inputs', inputs), 'outputs', outputs)
const entry = expectedNode20Entry()
const entryNow = existsSync(NODE20_ENTRY) ? readFileSync(NODE20_ENTRY, 'utf8') : ''
if (process.argv.includes('--check')) {
  if (entry !== entryNow) {
    console.error(`${NODE20_ENTRY} differs from action.yml. Run \`npm run docs\` and commit it.`)
    process.exit(1)
  }
  if (next !== readme) {
    console.error(`${DOC} inputs/outputs tables differ from action.yml. Run \`npm run docs\` and commit ${DOC}.`)
    process.exit(1)
  }
  console.log(`${DOC} tables match action.yml.`)
} else {
  if (next !== readme) {
    writeFileSync(DOC, next)
    console.log(`${DOC} tables updated from action.yml.`)
  }
  if (entry !== entryNow) {
    mkdirSync('node20', { recursive: true })
    writeFileSync(NODE20_ENTRY, entry)
    console.log(`${NODE20_ENTRY} written from action.yml.`)
  }
}
