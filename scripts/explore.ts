/**
 * `npm run explore`: every interleaving of two overlapping deploy jobs (and, in the reconcile campaigns,
 * a scheduled reconcile and a re-run) within each campaign's bound
 * (see docs/exploration.md), on the real decision code. Prints each violation with its schedule, then
 * `N interleavings explored, V violations`; exits 1 when there is a violation.
 *
 *   npm run explore                 all campaigns (minutes)
 *   npm run explore -- <campaign>   one campaign, by name
 *   npm run explore -- --replay '<schedule>' [campaign]   plays one schedule back
 */
import { boundText } from '../simulator/explore/bound-text.js'
import { CAMPAIGNS } from '../simulator/explore/bounds.js'
import { explore, replay } from '../simulator/explore/explorer.js'

const args = process.argv.slice(2)

async function main(): Promise<number> {
  if (args[0] === '--replay') {
    const campaign = CAMPAIGNS.find((c) => c.name === (args[2] ?? CAMPAIGNS[0]!.name))
    if (!campaign || !args[1]) throw new Error('usage: npm run explore -- --replay <schedule> [campaign]')
    const r = await replay(campaign.scenario, campaign.bound, args[1])
    console.log(`${r.played.length} moves played; serving ${JSON.stringify(r.serving)}`)
    for (const v of r.violations) console.log(`VIOLATION ${v.invariant}: ${v.detail}`)
    return r.violations.length ? 1 : 0
  }
  const chosen = args.length ? CAMPAIGNS.filter((c) => args.includes(c.name)) : CAMPAIGNS
  if (!chosen.length) throw new Error(`no campaign named ${args.join(' ')}; campaigns: ${CAMPAIGNS.map((c) => c.name).join(', ')}`)
  let total = 0
  let violations = 0
  let incomplete = 0
  for (const c of chosen) {
    const started = Date.now()
    const r = await explore(c.scenario, c.bound, { maxInterleavings: c.maxInterleavings, keepPerInvariant: 2 })
    total += r.interleavings
    const count = r.violating
    violations += count
    if (!r.complete) incomplete += 1
    const secs = ((Date.now() - started) / 1000).toFixed(1)
    // A complete exploration cuts nothing at the depth cap; the safety cap stops an exploration that grew too big.
    const cut = r.cutAtSteps ? `${r.cutAtSteps} cut at the depth cap (those executions were not run to their end)` : '0 cut at the depth cap'
    const stop = r.complete ? 'complete' : `stopped at the safety cap of ${c.maxInterleavings} interleavings: NOT complete`
    console.log(`${c.name}: ${c.description}`)
    console.log(`  bound: ${boundText(c.scenario, c.bound)}`)
    console.log(`  ${r.interleavings} interleavings, ${r.states} distinct states, ${r.merged} ended in a state already explored, ${cut}; ${count} violating; ${stop}; ${secs} s`)
    for (const f of r.violations) console.log(`  VIOLATION ${f.violation.invariant}: ${f.violation.detail}\n    replay: npm run explore -- --replay '${f.schedule}' ${c.name}`)
  }
  if (incomplete) console.log(`${incomplete} campaign(s) not complete`)
  console.log(`${total} interleavings explored, ${violations} violations`)
  return violations ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(2)
  }
)
