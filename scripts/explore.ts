/**
 * `npm run explore`: every interleaving of two overlapping deploy jobs (and, in the reconcile campaigns,
 * a scheduled reconcile, sharded deploys and re-runs) within each campaign's bound
 * (see docs/exploration.md), on the real decision code. Prints each campaign's bound and result, each
 * violation with its schedule, then `N interleavings explored, V violations`; exits 1 when there is a
 * violation.
 *
 *   npm run explore                      all campaigns, one process per core
 *   npm run explore -- <campaign> ...    some campaigns, by name
 *   npm run explore -- --jobs 1          all campaigns in this process, one after another
 *   npm run explore -- --no-reduction    without the reduction (every ended job's history hashed), to compare
 *   npm run explore -- --replay '<schedule>' [campaign]   plays one schedule back
 */
import { fork } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { boundText } from '../simulator/explore/bound-text.js'
import { type Campaign, CAMPAIGNS } from '../simulator/explore/campaigns.js'
import { explore, type Found, replay } from '../simulator/explore/explorer.js'

interface Result {
  interleavings: number
  states: number
  merged: number
  cutAtSteps: number
  violating: number
  complete: boolean
  violations: Found[]
  secs: number
}

const argv = process.argv.slice(2)
/** `--no-reduction`: the state hash keeps every ended job's history (docs/exploration.md, "The reduction"). */
const reduction = !argv.includes('--no-reduction')
const args = argv.filter((a) => a !== '--no-reduction')

async function run(c: Campaign): Promise<Result> {
  const started = Date.now()
  const r = await explore(c.scenario, c.bound, { maxInterleavings: c.maxInterleavings, keepPerInvariant: 2, reduction })
  return { ...r, secs: (Date.now() - started) / 1000 }
}

/** One campaign in a child process of this script (the same loader), its result sent back over IPC. */
function inChild(c: Campaign): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--campaign', c.name, ...(reduction ? [] : ['--no-reduction'])], { execArgv: process.execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
    let result: Result | undefined
    child.on('message', (m) => (result = m as Result))
    child.on('error', reject)
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`campaign ${c.name} ended with code ${code} and no result`))))
  })
}

function print(c: Campaign, r: Result): void {
  // A complete exploration cuts nothing at the depth cap; the safety cap stops an exploration that grew too big.
  const cut = r.cutAtSteps ? `${r.cutAtSteps} cut at the depth cap (those executions were not run to their end)` : '0 cut at the depth cap'
  const stop = r.complete ? 'complete' : `stopped at the safety cap of ${c.maxInterleavings} interleavings: NOT complete`
  console.log(`${c.name}: ${c.description}`)
  console.log(`  bound: ${boundText(c.scenario, c.bound)}`)
  console.log(`  ${r.interleavings} interleavings, ${r.states} distinct states, ${r.merged} ended in a state already explored, ${cut}; ${r.violating} violating; ${stop}; ${r.secs.toFixed(1)} s`)
  for (const f of r.violations) console.log(`  VIOLATION ${f.violation.invariant}: ${f.violation.detail}\n    replay: npm run explore -- --replay '${f.schedule}' ${c.name}`)
}

async function main(): Promise<number> {
  if (args[0] === '--replay') {
    const campaign = CAMPAIGNS.find((c) => c.name === (args[2] ?? CAMPAIGNS[0]!.name))
    if (!campaign || !args[1]) throw new Error('usage: npm run explore -- --replay <schedule> [campaign]')
    const r = await replay(campaign.scenario, campaign.bound, args[1])
    console.log(`${r.played.length} moves played; serving ${JSON.stringify(r.serving)}`)
    for (const v of r.violations) console.log(`VIOLATION ${v.invariant}: ${v.detail}`)
    return r.violations.length ? 1 : 0
  }
  if (args[0] === '--campaign') {
    // A child whose parent is gone (interrupted) stops at once rather than exploring for nobody.
    process.on('disconnect', () => process.exit(2))
    process.send!(await run(CAMPAIGNS.find((c) => c.name === args[1])!))
    return 0
  }
  const j = args.indexOf('--jobs')
  const jobs = j >= 0 ? Number(args[j + 1]) : availableParallelism()
  if (!(jobs >= 1)) throw new Error(`--jobs takes a whole number of processes from 1, not ${args[j + 1]}`)
  const names = j >= 0 ? args.filter((_, i) => i !== j && i !== j + 1) : args
  const chosen = names.length ? CAMPAIGNS.filter((c) => names.includes(c.name)) : CAMPAIGNS
  if (!chosen.length) throw new Error(`no campaign named ${names.join(' ')}; campaigns: ${CAMPAIGNS.map((c) => c.name).join(', ')}`)

  const started = Date.now()
  const results = new Map<Campaign, Result>()
  if (jobs === 1) {
    for (const c of chosen) {
      results.set(c, await run(c))
      print(c, results.get(c)!)
    }
  } else {
    // Campaigns run in `jobs` processes at once; each is printed, in campaign order, as soon as it and
    // every campaign before it are done.
    // The longest start first, so no process is left with a long one at the end.
    const queue = [...chosen].sort((a, b) => (b.about ?? 0) - (a.about ?? 0))
    let printed = 0
    const worker = async (): Promise<void> => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        results.set(c, await inChild(c))
        while (printed < chosen.length && results.has(chosen[printed]!)) print(chosen[printed]!, results.get(chosen[printed++]!)!)
      }
    }
    await Promise.all(Array.from({ length: Math.min(jobs, chosen.length) }, worker))
  }
  const rs = [...results.values()]
  const total = rs.reduce((n, r) => n + r.interleavings, 0)
  const violations = rs.reduce((n, r) => n + r.violating, 0)
  const incomplete = rs.filter((r) => !r.complete).length
  console.log(
    `${chosen.length} campaign(s) in ${((Date.now() - started) / 1000).toFixed(0)} s, ${jobs} process(es), reduction ${reduction ? 'on' : 'off'}${incomplete ? `; ${incomplete} NOT complete` : ''}`
  )
  console.log(`${total} interleavings explored, ${violations} violations`)
  // An exploration stopped at its safety cap did not cover its bound: that fails the run as a violation does.
  return violations || incomplete ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(2)
  }
)
