import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { nodeVersionProblem, REQUIRED_NODE } from '../src/runtime/node-version.js'
import { defaultDist } from '../simulator/run-action.js'

describe('node version guard', () => {
  it.each(['22.19.0', '22.20.1', '24.0.0', 'v24.21.0', '26.1.0'])('accepts %s', (v) => {
    expect(nodeVersionProblem(v)).toBeUndefined()
  })

  it.each(['20.20.2', '22.18.9', 'v18.0.0', '22.9.0'])('refuses %s, naming the version found and the one needed', (v) => {
    const problem = nodeVersionProblem(v)
    expect(problem).toContain(v)
    expect(problem).toContain(REQUIRED_NODE)
    expect(problem).toMatch(/Gitea/)
  })

  it('the test suite itself runs on Node 24', () => {
    expect(process.versions.node.split('.')[0]).toBe('24')
  })

  // The machine image ships an older system node; when it is there, prove the bundle refuses it cleanly.
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
    expect(out).toMatch(/^::error title=Unsupported Node.js::Rollout Guard needs Node 22\.19\.0 or later/m)
  })
})
