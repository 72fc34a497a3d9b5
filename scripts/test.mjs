// `npm test`: Jest in ESM mode (the @actions toolkit is ESM-only), without Node's ExperimentalWarning for
// --experimental-vm-modules (as actions/typescript-action runs it), and failing when a workflow command
// (`::error::`, `::warning::`, `::add-mask::`, `::debug::`, `::group::`, ...) reaches the output: on a
// runner each one becomes an annotation, a mask or a group of this project's own CI. Tests capture the
// action's output (__tests__/support/quiet-stdout.ts; spawned runs are read from their pipes).
// Arguments go to Jest: `npm test -- __tests__/gate.test.ts`. `--unit` (`npm run test:unit`) runs only the
// tests that start nothing (scripts/unit-tests.mjs), in well under a minute.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { unitTests } from './unit-tests.mjs'
import { WORKFLOW_COMMAND as COMMAND } from './workflow-commands.mjs'

// jest's exports map hides bin/jest.js from resolve(); its package.json names the bin.
const require = createRequire(import.meta.url)
const jest = join(dirname(require.resolve('jest/package.json')), require('jest/package.json').bin)

const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim(), NODE_NO_WARNINGS: '1' }
// Jest reports on stderr, which stays a terminal (colours, progress); stdout is what tests let through.
const args = process.argv.slice(2)
const unit = args.includes('--unit')
const jestArgs = unit ? [...unitTests(), ...args.filter((a) => a !== '--unit')] : args
if (unit) console.error(`test:unit: ${unitTests().length} test files that start no process or server; \`npm test\` runs them all.`)
const child = spawn(process.execPath, [jest, ...jestArgs], { env, stdio: ['inherit', 'pipe', 'inherit'] })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))

const found = []
let partial = ''
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk)
  const lines = (partial + chunk.toString('utf8')).split('\n')
  partial = lines.pop() ?? ''
  for (const line of lines) if (COMMAND.test(line)) found.push(line)
})
child.on('close', (code, signal) => {
  if (COMMAND.test(partial)) found.push(partial)
  if (found.length) {
    console.error(`\nnpm test printed ${found.length} workflow command line(s); a test must capture what the action prints. The first:`)
    for (const line of found.slice(0, 5)) console.error(`  ${line.slice(0, 200)}`)
    process.exitCode = 1
    return
  }
  process.exitCode = code ?? (signal ? 1 : 0)
})
