import type { HostTool } from '../simulator/host-tools.js'

/**
 * What `npm test` does about the host programs its tests run for real (see simulator/host-tools.ts),
 * decided from facts alone so that every branch is tested without uninstalling anything: nothing when
 * all are there; install the missing Debian packages where this user can (root with apt-get); otherwise
 * stop before any test with one line that names the command to run. The tests that need them are never
 * skipped or faked: a machine that cannot have them cannot pass the suite.
 */
export interface ProvisionFacts {
  tools: Array<Pick<HostTool, 'name' | 'bin' | 'envVar' | 'overridden' | 'debianPackage' | 'neededBy'> & { present: boolean }>
  isRoot: boolean
  hasAptGet: boolean
}

export type Provision = { kind: 'ready' } | { kind: 'install'; packages: string[]; commands: string[][] } | { kind: 'stop'; message: string }

export function aptCommands(packages: string[]): string[][] {
  return [
    ['apt-get', 'update'],
    ['apt-get', 'install', '-y', '--no-install-recommends', ...packages]
  ]
}

export function decideProvision(facts: ProvisionFacts): Provision {
  const missing = facts.tools.filter((t) => !t.present)
  if (missing.length === 0) return { kind: 'ready' }

  // An override names a file the tests will run; installing the package elsewhere would not fix it.
  const badOverrides = missing.filter((t) => t.overridden)
  if (badOverrides.length > 0) {
    const each = badOverrides.map((t) => `${t.envVar}=${t.bin} is not an executable file (expected the path of ${t.name})`)
    return { kind: 'stop', message: `npm test: ${each.join('; ')}; fix or unset it.` }
  }

  const packages = [...new Set(missing.map((t) => t.debianPackage))]
  if (facts.isRoot && facts.hasAptGet) return { kind: 'install', packages, commands: aptCommands(packages) }

  const sudo = facts.isRoot ? '' : 'sudo '
  const command = aptCommands(packages)
    .map((argv) => sudo + argv.join(' '))
    .join(' && ')
  const needs = missing.map((t) => `${t.name} (${t.neededBy})`).join(', ')
  const elsewhere = facts.hasAptGet
    ? ''
    : ` (without apt-get: install ${packages.join(', ')} another way and set ${missing.map((t) => t.envVar ?? 'PATH').join('/')} to find ${missing.length > 1 ? 'them' : 'it'})`
  return { kind: 'stop', message: `npm test needs ${needs}, missing here; run: ${command}${elsewhere}` }
}
