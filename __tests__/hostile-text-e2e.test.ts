import { afterEach, describe, expect, it } from '@jest/globals'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ForgeFlavour } from '../simulator/fake-forge.js'
import { Fleet } from '../simulator/fleet.js'
import { LocalRegistry } from '../simulator/registry.js'
import { RegistryProxy } from '../simulator/registry-proxy.js'
import { type ActionRun, runAction } from '../simulator/run-action.js'

/**
 * Outside text never reaches the runner as a command, on the paths that print it: a deploy record's text
 * in reconcile's hold reason (a commit status description on Gitea, a check run title on GitHub), a
 * tenant's error answer in the tenant's verdict and the failure, a `tenants-url` answer in an input error,
 * a registry's error answer in the promotion's failure.
 * The bundle runs as a runner runs it; its stdout is read with the runners' own rules (GitHub's runner:
 * `::` after leading whitespace, `##[` anywhere in a line; act: `^::`, `^##[`), and every command found
 * must be one of the action's own, with none of the text's.
 */
const EVIL = [
  'The canary failed',
  '::set-env name=NODE_OPTIONS::--require=/tmp/pwned.js',
  '  ::add-mask::pwned-mask',
  '##[set-output name=result;]deployed',
  'quoted ##[add-path]/tmp/pwned',
  '::stop-commands::pwned-token'
].join('\n')

const OURS = /^::(group|endgroup|debug|notice|warning|error|add-mask)(?: [^\n]*?)?::/

/** The lines of `stdout` a runner would act on for the text, not as the action's own commands. */
function foreignCommands(stdout: string): string[] {
  return stdout.split(/\r\n|\r|\n/).filter((line) => {
    const command = line.trimStart().startsWith('::') || /^[\s\u0085]*::/.test(line) || line.includes('##[')
    // The action's own commands may quote the text: their data is escaped onto the line (`%0A`), but
    // a mask of the text's choosing, or a `##[` anywhere, would still be acted on.
    return command && (!OURS.test(line) || line.includes('##[') || (line.startsWith('::add-mask::') && line.includes('pwned')))
  })
}

function expectNoForeignCommand(run: ActionRun): void {
  expect(foreignCommands(run.stdout)).toEqual([])
  for (const [name, value] of Object.entries(run.outputs)) expect([name, /[\r\n]/.test(value)]).toEqual([name, false])
}

let fleet: Fleet | undefined
afterEach(async () => {
  await fleet?.close()
  fleet = undefined
})

describe('the checker', () => {
  it('finds the text as commands when it is printed raw', () => {
    expect(foreignCommands(`Held: ${EVIL}`)).toHaveLength(5)
  })
})

describe.each<ForgeFlavour>(['github', 'gitea-1.22'])('%s: a deploy record with command lines in its text', (flavour) => {
  it('holds the commit and prints its text as text, with a one-line reason', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, flavour }))
    const B = await f.commit('B')
    const headers = { authorization: `token ${f.token}`, 'content-type': 'application/json' }
    const base = `${f.forge.apiUrl}/repos/${f.forge.repository}`
    const stamp = 'rollout-guard deploy 4242.1 canary-failed'
    const res =
      flavour === 'github'
        ? await fetch(`${base}/check-runs`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ name: 'rollout-guard/production', head_sha: B, status: 'completed', conclusion: 'failure', external_id: stamp, output: { title: EVIL, summary: 'x' } })
          })
        : await fetch(`${base}/statuses/${B}`, { method: 'POST', headers, body: JSON.stringify({ state: 'failure', context: 'rollout-guard/production', description: `${EVIL} [${stamp}]` }) })
    expect(res.status).toBe(201)

    const run = await runAction({ inputs: f.deployInputs({ mode: 'reconcile' }), env: { ...f.runEnv(B), GITHUB_RUN_ID: '5000', RUNNER_DEBUG: '1' } })
    expect(run.outputs.result).toBe('held')
    expect(run.outputs.reason).toContain('::set-env name=NODE_OPTIONS')
    expectNoForeignCommand(run)
  })
})

describe('a tenant that answers command lines', () => {
  it('fails verification with the answer quoted as text', async () => {
    const f = (fleet = await Fleet.start({ tenants: 2, flavour: 'gitea-1.22' }))
    f.tenants.setFault('tenant-002', { status: 500, body: EVIL })
    const run = await runAction({ inputs: { ...f.deployInputs({ mode: 'verify', 'settle-budget-seconds': '0.5' }) }, env: { ...f.runEnv(f.base), RUNNER_DEBUG: '1' } })
    expect(run.outputs.result).toBe('failed')
    expect(run.stdout).toContain('##\u200b[set-output')
    expectNoForeignCommand(run)
  })
})

describe('a tenants-url that answers command lines', () => {
  it('fails on the input with the answer quoted as text', async () => {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(EVIL))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const f = (fleet = await Fleet.start({ tenants: 1, flavour: 'github' }))
      const inputs = { ...f.deployInputs({ mode: 'verify' }), tenants: '', 'tenants-url': `http://127.0.0.1:${(server.address() as AddressInfo).port}/tenants` }
      const run = await runAction({ inputs, env: { ...f.runEnv(f.base), RUNNER_DEBUG: '1' } })
      expect(run.outputs.result).toBe('failed')
      expect(run.stdout).toContain("Input 'tenants-url'")
      expectNoForeignCommand(run)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})

describe('a registry that answers command lines', () => {
  it('fails the promotion with the answer quoted as text', async () => {
    const registry = await LocalRegistry.start()
    const proxy = await RegistryProxy.start(registry.url)
    try {
      const f = (fleet = await Fleet.start({ tenants: 1, flavour: 'gitea-1.22' }))
      const B = await f.commit('B')
      await registry.pushImage('acme/app', `staging-${B.slice(0, 7)}`, { revision: B })
      proxy.inject({ method: 'PUT', path: /manifests\/latest$/, status: 403, body: JSON.stringify({ errors: [{ code: 'DENIED', message: EVIL }] }) })
      const run = await runAction({ inputs: { mode: 'promote', token: f.token, image: `${proxy.host}/acme/app` }, env: { ...f.runEnv(B), RUNNER_DEBUG: '1' } })
      expect(run.outputs.result).toBe('failed')
      expect(run.outputs.reason).toContain('::set-env name=NODE_OPTIONS')
      expectNoForeignCommand(run)
    } finally {
      await proxy.close()
      await registry.stop()
    }
  })
})
