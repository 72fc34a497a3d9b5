// `npm test`'s first step (the `pretest` script): makes sure the host programs the tests run for real
// are installed, installing them where this user can, else stopping with one line naming the command.
// Silent and quick (one file check each) when they are all there.
import { spawnSync } from 'node:child_process'
import { hostTools, isExecutable, onPath } from '../simulator/host-tools.js'
import { decideProvision, type ProvisionFacts } from './provision-decision.js'

function facts(): ProvisionFacts {
  return {
    tools: hostTools().map((t) => ({ ...t, present: isExecutable(t.bin) })),
    isRoot: process.getuid?.() === 0,
    hasAptGet: isExecutable(onPath('apt-get'))
  }
}

const plan = decideProvision(facts())
if (plan.kind === 'stop') {
  console.error(plan.message)
  process.exit(1)
}
if (plan.kind === 'install') {
  console.log(`Installing ${plan.packages.join(', ')} for the tests (Debian packages)`)
  for (const argv of plan.commands) {
    const r = spawnSync(argv[0]!, argv.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    if (r.status !== 0) {
      console.error(`npm test: \`${argv.join(' ')}\` failed (exit ${r.status ?? r.signal}); run it by hand and see why.`)
      process.exit(1)
    }
  }
  const after = decideProvision(facts())
  if (after.kind !== 'ready') {
    const still = hostTools().filter((t) => !isExecutable(t.bin))
    console.error(`npm test: installed ${plan.packages.join(', ')} but ${still.map((t) => t.bin).join(', ')} is still missing.`)
    process.exit(1)
  }
}
