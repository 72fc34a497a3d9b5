// `npm test`'s first step (the `pretest` script): makes sure the host programs the tests run for real
// are installed, installing them where this user can, else stopping with one line naming the command;
// then that both tested Node releases are at hand for the end-to-end tests, installing a missing one
// from the npm registry. Silent and quick (one file check each) when they are all there.
import { spawnSync } from 'node:child_process'
import { hostTools, isExecutable, onPath } from '../simulator/host-tools.js'
import { isRunnable, nodeRuntimes } from '../simulator/node-runtimes.js'
import { decideProvision, type ProvisionFacts } from './provision-decision.js'
import { decideNodeProvision } from './provision-node.js'

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
const nodes = decideNodeProvision(nodeRuntimes(), isRunnable)
if (nodes.kind === 'stop') {
  console.error(nodes.message)
  process.exit(1)
}
// Said before anything is installed, all of it at once, with the way to do without.
if (plan.kind === 'install')
  console.log(
    `npm test will install ${plan.packages.join(', ')} (Debian packages, with ${plan.commands.map((c) => c[0]).join(' then ')}) for the tests that run them; install them yourself to skip this.`
  )
if (nodes.kind === 'install')
  for (const runtime of nodes.runtimes)
    console.log(
      `npm test will install Node ${runtime.version} into ${runtime.bin.split('/node_modules/')[0]} (npm registry) for the end-to-end tests; set ${runtime.envVar} to a node binary to use your own.`
    )
if (plan.kind === 'install' || nodes.kind === 'install') console.log('`npm run test:unit` installs nothing and runs the fast tests only.')
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

if (nodes.kind === 'install') {
  for (const [i, runtime] of nodes.runtimes.entries()) {
    const argv = nodes.commands[i]!
    console.log(`Installing Node ${runtime.version} for the end-to-end tests (${argv.at(-1)} from the npm registry)`)
    const r = spawnSync(argv[0]!, argv.slice(1), { stdio: 'inherit', shell: process.platform === 'win32' })
    if (r.status !== 0 || !isRunnable(runtime.bin)) {
      console.error(`npm test: \`${argv.join(' ')}\` did not install ${runtime.bin} (exit ${r.status ?? r.signal}); run it by hand and see why, or set ${runtime.envVar}.`)
      process.exit(1)
    }
  }
}
