/**
 * `npm run bench`: Rollout Guard against the serial curl loop, scaling to 10,000 tenants, start-up and
 * bundle size, all on loopback. Prints the tables and writes BENCHMARKS.md (full runs only).
 *
 *   npm run bench                      everything, writes BENCHMARKS.md
 *   npm run bench -- --only=scaling    one or more of versus, scaling, startup, install, parsers, forge (prints only; forge also writes bench/forge-budget.md)
 *   npm run bench -- --scales=100,1000 --sizes=10 --no-write --cpu-prof=<dir> --worker-flags=--trace-gc
 *   npm run bench -- --only=versus --save=versus.json   also keeps the figures of a partial run as JSON
 *   npm run bench -- --from=versus.json,rest.json        writes BENCHMARKS.md from sections run apart
 */
import { existsSync, mkdtempSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { defaultDist } from '../simulator/run-action.js'
import { ActionRunner } from './action.js'
import { cleanUpAll, closeOnExit } from './children.js'
import { compileWorker } from './compile.js'
import { DRAIN_MAX_MS, DRAIN_MIN_MS } from './drains.js'
import { installSize } from './footprint.js'
import { describeMachine, finishMachine } from './machine.js'
import { benchmarksMarkdown } from './markdown.js'
import { runParsers } from './parsers.js'
import { runScaling } from './scaling.js'
import { buildToolkitFloor, bundleSize, runStartup } from './startup.js'
import { textTable, tables } from './tables.js'
import type { BenchResult } from './targets.js'
import { checkTargets } from './targets.js'
import { runVersus } from './versus.js'
import { runForgeBudget, writeForgeBudget } from './forge-budget.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SECTIONS = ['versus', 'scaling', 'startup', 'install', 'parsers', 'forge'] as const

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    sizes: { type: 'string', default: '10,100,1000' },
    scales: { type: 'string', default: '100,1000,10000' },
    'startup-runs': { type: 'string', default: '15' },
    'cpu-prof': { type: 'string' },
    'worker-flags': { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    save: { type: 'string' },
    from: { type: 'string' }
  }
})

function numbers(flag: string, text: string): number[] {
  const list = text.split(',').map((s) => Number(s.trim()))
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1 || n > 50_000)) {
    throw new Error(`--${flag} must be a comma-separated list of whole numbers from 1 to 50000, got ${JSON.stringify(text)}`)
  }
  return list
}

const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...SECTIONS]
for (const s of only) if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`--only takes ${SECTIONS.join(', ')}; got ${JSON.stringify(s)}`)
const sizes = numbers('sizes', values.sizes)
const scales = numbers('scales', values.scales)
const startupRuns = numbers('startup-runs', values['startup-runs'])[0]!
const full = !values.only && values.sizes === '10,100,1000' && values.scales === '100,1000,10000'

// Every temporary folder (fleets' git repositories, the runner's files, the compiled worker) is made
// under one root, so an interrupted run, even one cut off inside a fleet's start-up, leaves nothing.
const TEMP_ROOT = mkdtempSync(join(tmpdir(), 'rg-bench-'))
process.env.TMPDIR = TEMP_ROOT
closeOnExit(() => rm(TEMP_ROOT, { recursive: true, force: true }))

// Ctrl-C reaches this process twice (from the terminal and relayed by tsx), so the handler stays
// installed and only the first signal counts; a clean-up that hangs is cut off after ten seconds.
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    console.error(`\n${signal}: stopping the bench and everything it started`)
    setTimeout(() => process.exit(130), 10_000).unref()
    void cleanUpAll().finally(() => process.exit(130))
  })
}

/**
 * BENCHMARKS.md from sections measured in separate runs (the serial loop at N = 1,000 alone takes half an
 * hour): later files add their sections to earlier ones; the machine is the first file's.
 */
async function fromSaved(files: string[]): Promise<void> {
  const parts = await Promise.all(files.map(async (f) => JSON.parse(await readFile(resolve(f), 'utf8')) as BenchResult))
  const merged = parts.reduce(
    (a, b) => ({ ...a, ...Object.fromEntries(Object.entries(b).filter(([k]) => ['versus', 'baselineMissing', 'scaling', 'startup', 'bundle', 'install', 'parsers'].includes(k))) }),
    parts[0]!
  )
  merged.durationMs = parts.reduce((n, p) => n + p.durationMs, 0)
  await writeFile(
    resolve(ROOT, 'BENCHMARKS.md'),
    benchmarksMarkdown(
      merged,
      parts.map((p) => p.machine)
    )
  )
  console.log(`Wrote BENCHMARKS.md from ${files.length} saved run(s)`)
}

async function main(): Promise<void> {
  if (values.from) return fromSaved(values.from.split(','))
  const started = performance.now()
  const log = (line: string): void => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`)
  const machine = describeMachine()
  log(`${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, Node ${machine.node}, ulimit -n ${machine.openFilesLimit}, load ${machine.loadAtStart.join(' ')}`)
  const result: BenchResult = {
    machine,
    startedAt: new Date().toISOString(),
    durationMs: 0,
    intervalMs: 500,
    budgetMs: 30_000,
    requestTimeoutMs: 10_000,
    drainRangeMs: [DRAIN_MIN_MS, DRAIN_MAX_MS]
  }
  if (!machine.curl) result.baselineMissing = 'curl is not installed (Debian/Ubuntu: apt-get install curl), so the serial baseline was not run'
  else if (!machine.bash) result.baselineMissing = 'bash is not installed, so the serial baseline was not run'
  if (result.baselineMissing) log(`WARNING: ${result.baselineMissing}`)

  const dist = defaultDist()
  const needsDist = only.includes('versus') || only.includes('startup')
  if (needsDist && !existsSync(dist)) throw new Error(`${dist} does not exist: build the action first (npm run build)`)
  const runner = needsDist ? await ActionRunner.create(dist) : undefined
  if (runner) closeOnExit(() => runner.dispose())

  if (only.includes('versus') && runner) {
    log(`1. Rollout Guard vs the serial curl loop, N = ${sizes.join(', ')}`)
    const settings = { sizes, intervalMs: result.intervalMs, budgetMs: result.budgetMs, requestTimeoutMs: result.requestTimeoutMs, runner }
    result.versus = await runVersus({ ...settings, curl: !result.baselineMissing }, log)
  }
  if (only.includes('scaling')) {
    log('2. Scaling: compiling the worker')
    const compiled = await compileWorker(ROOT)
    closeOnExit(() => compiled.dispose())
    const nodeFlags = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values['cpu-prof'])}`] : []
    if (values['worker-flags']) nodeFlags.push(...values['worker-flags'].split(/\s+/).filter(Boolean))
    result.scaling = await runScaling({ sizes: scales, intervalMs: result.intervalMs, budgetMs: result.budgetMs, worker: compiled.entry, nodeFlags }, log)
  }
  if (only.includes('startup') && runner) {
    log('3. Start-up: bundling the toolkit floor (@actions/core alone)')
    const floor = await buildToolkitFloor(ROOT, join(TEMP_ROOT, 'toolkit-floor'))
    log(`3. Start-up: ${startupRuns} rounds of mode: gate, node -e 0 and the toolkit floor`)
    result.startup = await runStartup(runner, startupRuns, floor)
    result.bundle = await bundleSize(dist)
  }
  if (only.includes('install')) {
    log('4. Install size of node_modules')
    result.install = await installSize(resolve(ROOT, 'node_modules'))
  }
  if (only.includes('parsers')) {
    log('5. Parsers of outside text: a megabyte of each worst case')
    result.parsers = runParsers()
  }

  if (only.includes('forge')) {
    log('6. Forge requests per deploy on GitHub, N = 100, 1,000, 10,000; rollouts of 10 s, 10 min, 3 h (virtual time)')
    const rows = await runForgeBudget([100, 1000, 10_000], [10_000, 600_000, 3 * 3600_000], log)
    // Kept in its own file (as measured), which BENCHMARKS.md includes on every full run.
    if (!values['no-write']) await writeForgeBudget(rows, new URL('./forge-budget.md', import.meta.url))
    if (!values['no-write']) log('Wrote bench/forge-budget.md')
  }

  finishMachine(machine)
  result.durationMs = performance.now() - started
  console.log('')
  for (const t of tables(result)) console.log(`${textTable(t)}\n`)
  for (const c of checkTargets(result)) console.log(`${c.status.toUpperCase().padEnd(12)} ${c.target}\n             ${c.measured}${c.why ? `\n             why: ${c.why}` : ''}`)
  console.log(`\nTotal ${(result.durationMs / 1000).toFixed(0)} s; load average ${machine.loadAtStart.join(' ')} at the start, ${machine.loadAtEnd?.join(' ')} at the end.`)
  if (values.save) await writeFile(resolve(values.save), JSON.stringify(result, null, 1))
  if (full && !values['no-write']) {
    await writeFile(resolve(ROOT, 'BENCHMARKS.md'), benchmarksMarkdown(result))
    console.log('Wrote BENCHMARKS.md')
  } else console.log('BENCHMARKS.md not written (a partial run or --no-write).')
}

try {
  await main()
} catch (error) {
  // After Ctrl-C the children die first, and what that breaks is no news.
  if (!stopping) console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
} finally {
  await cleanUpAll()
}
