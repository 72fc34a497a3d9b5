// Generates the README's inputs and outputs tables from action.yml, so the two cannot drift apart, and
// the module of declared inputs the action warns about undeclared ones with.
// `node scripts/docs.mjs` rewrites README.md; `--check` fails when README.md is out of date.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { parse } from 'yaml'
import { expectedNode20Entry, NODE20_ENTRY } from './action-entries.mjs'
import { DECLARED_INPUTS_MODULE, declaredInputsModule } from './declared-inputs.mjs'

const action = parse(readFileSync('action.yml', 'utf8'))
const cell = (text) => String(text ?? '').trim().replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|')
const fence = (value) => (value === '' || value === undefined ? '' : `\`${String(value).replace(/`/g, '')}\``)

const inputs = [
  '| input | default | description |',
  '|---|---|---|',
  ...Object.entries(action.inputs ?? {}).map(([name, i]) => `| \`${name}\` | ${fence(i.default)} | ${cell(i.description)} |`)
].join('\n')
const outputs = [
  '| output | description |',
  '|---|---|',
  ...Object.entries(action.outputs ?? {}).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`)
].join('\n')

function splice(text, marker, body) {
  const start = `<!-- ${marker}:start (generated from action.yml by scripts/docs.mjs) -->`
  const end = `<!-- ${marker}:end -->`
  const a = text.indexOf(start)
  const b = text.indexOf(end)
  if (a < 0 || b < a) throw new Error(`README.md has no ${marker} markers`)
  return `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`
}

const readme = readFileSync('README.md', 'utf8')
const next = splice(splice(readme, 'inputs', inputs), 'outputs', outputs)
const entry = expectedNode20Entry()
const entryNow = existsSync(NODE20_ENTRY) ? readFileSync(NODE20_ENTRY, 'utf8') : ''
const declared = declaredInputsModule(action)
const declaredNow = existsSync(DECLARED_INPUTS_MODULE) ? readFileSync(DECLARED_INPUTS_MODULE, 'utf8') : ''
if (process.argv.includes('--check')) {
  if (declared !== declaredNow) {
    console.error(`${DECLARED_INPUTS_MODULE} differs from action.yml. Run \`npm run docs\` and commit it.`)
    process.exit(1)
  }
  if (entry !== entryNow) {
    console.error(`${NODE20_ENTRY} differs from action.yml. Run \`npm run docs\` and commit it.`)
    process.exit(1)
  }
  if (next !== readme) {
    console.error('README.md inputs/outputs tables differ from action.yml. Run `npm run docs` and commit README.md.')
    process.exit(1)
  }
  console.log('README.md tables match action.yml.')
} else {
  if (next !== readme) {
    writeFileSync('README.md', next)
    console.log('README.md tables updated from action.yml.')
  }
  if (declared !== declaredNow) {
    writeFileSync(DECLARED_INPUTS_MODULE, declared)
    console.log(`${DECLARED_INPUTS_MODULE} written from action.yml.`)
  }
  if (entry !== entryNow) {
    mkdirSync('node20', { recursive: true })
    writeFileSync(NODE20_ENTRY, entry)
    console.log(`${NODE20_ENTRY} written from action.yml.`)
  }
}
