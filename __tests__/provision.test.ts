import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { hostTools } from '../simulator/host-tools.js'
import { decideProvision, type ProvisionFacts } from '../scripts/provision-decision.js'

/**
 * `npm test` provisions the programs its tests run for real (the pretest step). Every branch of the
 * decision is checked from facts, so the fresh-machine paths are tested without uninstalling anything.
 */
const registry = { name: 'docker-registry', bin: '/usr/bin/docker-registry', envVar: 'DOCKER_REGISTRY_BIN', overridden: false, debianPackage: 'docker-registry', neededBy: 'the registry tests' }
const cmark = { name: 'cmark-gfm', bin: '/usr/bin/cmark-gfm', envVar: 'CMARK_GFM_BIN', overridden: false, debianPackage: 'cmark-gfm', neededBy: 'the Markdown test' }

function facts(present: { registry: boolean; cmark: boolean }, isRoot: boolean, hasAptGet: boolean): ProvisionFacts {
  return {
    tools: [
      { ...registry, present: present.registry },
      { ...cmark, present: present.cmark }
    ],
    isRoot,
    hasAptGet
  }
}

describe('decideProvision', () => {
  it('does nothing when every program is there, whoever runs it', () => {
    for (const isRoot of [true, false]) {
      for (const hasAptGet of [true, false]) expect(decideProvision(facts({ registry: true, cmark: true }, isRoot, hasAptGet))).toEqual({ kind: 'ready' })
    }
  })

  it('installs only the missing Debian packages as root with apt-get, update first', () => {
    expect(decideProvision(facts({ registry: false, cmark: true }, true, true))).toEqual({
      kind: 'install',
      packages: ['docker-registry'],
      commands: [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', '--no-install-recommends', 'docker-registry']
      ]
    })
    const both = decideProvision(facts({ registry: false, cmark: false }, true, true))
    expect(both).toMatchObject({ kind: 'install', packages: ['docker-registry', 'cmark-gfm'] })
  })

  it('stops with one line naming the command when this user cannot install', () => {
    const plan = decideProvision(facts({ registry: false, cmark: true }, false, true))
    expect(plan.kind).toBe('stop')
    const message = (plan as { message: string }).message
    expect(message).not.toContain('\n')
    expect(message).toContain('docker-registry (the registry tests)')
    expect(message).toContain('run: sudo apt-get update && sudo apt-get install -y --no-install-recommends docker-registry')
    expect(message).not.toContain('cmark-gfm')
  })

  it('stops as root on a machine without apt-get, naming the command and the override', () => {
    const plan = decideProvision(facts({ registry: true, cmark: false }, true, false))
    expect(plan.kind).toBe('stop')
    const message = (plan as { message: string }).message
    expect(message).not.toContain('\n')
    expect(message).toContain('run: apt-get update && apt-get install -y --no-install-recommends cmark-gfm')
    expect(message).toContain('CMARK_GFM_BIN')
  })

  it('never installs over a broken override: the tests would still run the file it names', () => {
    const plan = decideProvision({ ...facts({ registry: true, cmark: true }, true, true), tools: [{ ...registry, bin: '/opt/none', overridden: true, present: false }] })
    expect(plan).toEqual({ kind: 'stop', message: 'npm test: DOCKER_REGISTRY_BIN=/opt/none is not an executable file (expected the path of docker-registry); fix or unset it.' })
  })
})

describe('hostTools', () => {
  it('takes each binary from its variable when set, else from where the tests have always looked', () => {
    const [reg, md, git] = hostTools({ DOCKER_REGISTRY_BIN: '/x/registry', CMARK_GFM_BIN: '', PATH: '/nowhere' })
    expect(reg).toMatchObject({ bin: '/x/registry', overridden: true, debianPackage: 'docker-registry' })
    expect(hostTools({ PATH: '/nowhere' })[0]).toMatchObject({ bin: '/usr/bin/docker-registry', overridden: false })
    // Not on PATH: the bare name, which the pretest step reports missing.
    expect(md).toMatchObject({ bin: 'cmark-gfm', overridden: false, debianPackage: 'cmark-gfm' })
    expect(git).toMatchObject({ bin: 'git', overridden: false, debianPackage: 'git' })
  })

  it('includes Prometheus (the canary analysis tests start it), from PROMETHEUS_BIN or the Debian location', () => {
    expect(hostTools({ PATH: '/nowhere' })[3]).toMatchObject({ name: 'prometheus', bin: '/usr/bin/prometheus', overridden: false, debianPackage: 'prometheus', envVar: 'PROMETHEUS_BIN' })
    expect(hostTools({ PROMETHEUS_BIN: '/x/prometheus', PATH: '/nowhere' })[3]).toMatchObject({ bin: '/x/prometheus', overridden: true })
  })
})

describe('the pretest step', () => {
  const run = (env: NodeJS.ProcessEnv) => spawnSync('node_modules/.bin/tsx', ['scripts/provision-test-tools.ts'], { encoding: 'utf8', env: { ...process.env, ...env } })

  it('passes silently when the programs are there (they are, npm test has just provisioned them)', () => {
    const r = run({})
    expect({ status: r.status, out: r.stdout + r.stderr }).toEqual({ status: 0, out: '' })
  })

  it('stops before any test with one line when a program is missing', () => {
    const r = run({ DOCKER_REGISTRY_BIN: '/nonexistent/docker-registry' })
    expect(r.status).toBe(1)
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining('DOCKER_REGISTRY_BIN=/nonexistent/docker-registry')])
  })
})
