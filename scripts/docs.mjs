// Generates the inputs and outputs tables of docs/inputs.md from action.yml, the field table of
// docs/report-schema.md from src/report/schema.ts (the one the tests validate every report against), and
// the node20 entry and the module of declared inputs (the action warns about undeclared ones with it), so
// none can drift apart. `node scripts/docs.mjs` rewrites them; `--check` fails when
// one is out of date.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { tsImport } from 'tsx/esm/api'
import { parse } from 'yaml'
import { expectedNode20Entry, NODE20_ENTRY } from './action-entries.mjs'
import { DECLARED_INPUTS_MODULE, declaredInputsModule } from './declared-inputs.mjs'
import { inputsByMode } from './input-modes.mjs'

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

const { REPORT_FIELDS } = await tsImport('../src/report/schema.ts', import.meta.url)
const fields = [
  '| field | type | meaning |',
  '|---|---|---|',
  ...Object.entries(REPORT_FIELDS).map(
    ([name, f]) =>
      `| \`${name}\` | ${f.type
        .split('|')
        .map((t) => `\`${t}\``)
        .join(' or ')} | ${cell(f.description)} |`
  )
].join('\n')

function splice(text, marker, body, from = 'action.yml') {
  const start = `<!-- ${marker}:start (generated from ${from} by scripts/docs.mjs) -->`
  const end = `<!-- ${marker}:end -->`
  const a = text.indexOf(start)
  const b = text.indexOf(end)
  if (a < 0 || b < a) throw new Error(`no ${marker} markers`)
  return `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`
}

/** Each generated file: its text now and the text it must have. */
const INPUTS_DOC = 'docs/inputs.md'
const SCHEMA_DOC = 'docs/report-schema.md'
const generated = [
  { path: NODE20_ENTRY, from: 'action.yml', now: existsSync(NODE20_ENTRY) ? readFileSync(NODE20_ENTRY, 'utf8') : '', next: expectedNode20Entry() },
  { path: INPUTS_DOC, from: 'action.yml', now: readFileSync(INPUTS_DOC, 'utf8') },
  { path: SCHEMA_DOC, from: 'src/report/schema.ts', now: readFileSync(SCHEMA_DOC, 'utf8') },
  { path: DECLARED_INPUTS_MODULE, from: 'action.yml', now: existsSync(DECLARED_INPUTS_MODULE) ? readFileSync(DECLARED_INPUTS_MODULE, 'utf8') : '', next: declaredInputsModule(action) }
]
generated[1].next = splice(splice(splice(generated[1].now, 'inputs-by-mode', inputsByMode(action.inputs ?? {}, fence)), 'inputs', inputs), 'outputs', outputs)
generated[2].next = splice(generated[2].now, 'report-fields', fields, 'src/report/schema.ts')

const stale = generated.filter((g) => g.next !== g.now)
if (process.argv.includes('--check')) {
  for (const g of stale) console.error(`${g.path} differs from ${g.from}. Run \`npm run docs\` and commit it.`)
  if (stale.length) process.exit(1)
  console.log(`${generated.map((g) => g.path).join(', ')} match their sources.`)
} else {
  for (const g of stale) {
    mkdirSync(dirname(g.path), { recursive: true })
    writeFileSync(g.path, g.next)
    console.log(`${g.path} written from ${g.from}.`)
  }
}
