import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { nodeVersionProblem, REQUIRED_NODE } from '../src/runtime/node-version.js'
import { TESTED_NODE } from '../simulator/node-runtimes.js'
import { defaultDist } from '../simulator/run-action.js'

describe('node version guard', () => {
  it.each(['20.3.0', '20.20.2', 'v20.18.1', '22.0.0', '24.0.0', 'v24.21.0', '26.1.0'])('accepts %s', (v) => {
    expect(nodeVersionProblem(v)).toBeUndefined()
  })

  it.each(['20.2.9', '20.0.0', 'v18.20.8', '16.20.2'])('refuses %s, naming the version found and the one needed', (v) => {
    const problem = nodeVersionProblem(v)
    expect(problem).toContain(v)
    expect(problem).toContain(REQUIRED_NODE)
    expect(problem).toMatch(/Gitea/)
  })

  it('accepts every release the end-to-end tests run the bundle on', () => {
    for (const { version } of TESTED_NODE) expect(nodeVersionProblem(version)).toBeUndefined()
  })

  it("package.json's engines states the same floor as the start-up guard", () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }
    expect(pkg.engines.node).toBe(`>=${REQUIRED_NODE}`)
  })

  it('the test suite runs on a supported node', () => {
    expect(nodeVersionProblem(process.versions.node)).toBeUndefined()
  })

  it('the bundle on a node older than the floor stops before loading anything else: error, result=failed, exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-old-node-'))
    const output = join(dir, 'output')
    writeFileSync(output, '')
    let out = ''
    let code = 0
    try {
      // No API URL, token or inputs at all: the guard must answer before settings are even read.
      execFileSync(process.execPath, ['--import', resolve('__tests__/support/pretend-node-18.mjs'), defaultDist()], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, GITHUB_OUTPUT: output }
      })
    } catch (error) {
      const e = error as { status: number; stdout: string }
      code = e.status
      out = e.stdout
    }
    expect(code).toBe(1)
    expect(out).toMatch(/^::error title=Unsupported Node.js::Rollout Guard needs Node 20\.3\.0 or later, but this runner's node is 18\.20\.8\. On Gitea/m)
    expect(out.trim().split('\n')).toHaveLength(1)
    expect(readFileSync(output, 'utf8')).toBe('result=failed\n')
    rmSync(dir, { recursive: true, force: true })
  })

  // When the machine has a node older than the floor, prove the bundle refuses it cleanly.
  const oldNode = ['/usr/bin/node', '/usr/local/bin/node'].find((p) => {
    if (!existsSync(p)) return false
    const v = execFileSync(p, ['--version'], { encoding: 'utf8' }).trim()
    return nodeVersionProblem(v) !== undefined
  })
  ;(oldNode ? it : it.skip)(`the bundle refuses an old system node with a clear error (${oldNode ?? 'no old node on this machine'})`, () => {
    let out = ''
    let code = 0
    try {
      execFileSync(oldNode!, [defaultDist()], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } })
    } catch (error) {
      const e = error as { status: number; stdout: string }
      code = e.status
      out = e.stdout
    }
    expect(code).toBe(1)
    expect(out).toMatch(/^::error title=Unsupported Node.js::Rollout Guard needs Node 20\.3\.0 or later/m)
  })
})
