import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { REQUIRED_NODE } from '../src/runtime/node-version.js'

/**
 * The bundle's dependencies keep Node 20 (docs/node-versions.md): every package `dist/` is built from
 * declares an engine range that admits the start-up guard's floor, and undici is installed once, at the
 * major the `@actions/*` packages depend on, so the bundle carries one copy.
 */
interface LockEntry {
  version: string
  dev?: boolean
  engines?: { node?: string }
}
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> }
const runtime = Object.entries(lock.packages).filter(([path, e]) => path && !e.dev)

/**
 * Reviewed exceptions: packages whose declared engines exclude Node 20 although the code the bundle uses
 * runs there. None: such a package makes `npm ci` on Node 20 print an EBADENGINE warning, so it is pinned
 * instead (content-type, below).
 */
const REVIEWED: string[] = []

/** Whether `range` (the forms found in the lockfile: `>=X[.Y[.Z]]`, `>= X`, `a || b`) admits `version`. */
function admits(range: string, version: string): boolean | undefined {
  const v = version.split('.').map(Number)
  return range.split('||').some((part) => {
    const m = /^\s*>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(part)
    if (!m) return /^\s*>=\s*0\.\d/.test(part) // ancient ranges such as `>=0.6.11 <=0.7.0` are not the point
    const min = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)]
    for (let i = 0; i < 3; i++) if (v[i]! !== min[i]!) return v[i]! > min[i]!
    return true
  })
}

describe('runtime dependencies', () => {
  it(`all admit Node ${REQUIRED_NODE}, apart from the reviewed exceptions`, () => {
    const refusing = runtime.filter(([, e]) => e.engines?.node && !admits(e.engines.node, REQUIRED_NODE)).map(([path]) => path.replace(/^.*node_modules\//, ''))
    expect(refusing.sort()).toEqual(REVIEWED)
  })

  it('carry one undici, the major @actions/http-client and @actions/github depend on', () => {
    const copies = runtime.filter(([path]) => path.endsWith('node_modules/undici'))
    expect(copies.map(([path]) => path)).toEqual(['node_modules/undici'])
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }
    for (const user of ['@actions/http-client', '@actions/github']) {
      const wanted = (JSON.parse(readFileSync(`node_modules/${user}/package.json`, 'utf8')) as { dependencies: Record<string, string> }).dependencies.undici!
      expect({ user, major: wanted.replace(/^\D*/, '').split('.')[0] }).toEqual({ user, major: pkg.dependencies.undici!.replace(/^\D*/, '').split('.')[0] })
    }
  })

  it('content-type is pinned to the 2.x line, which declares Node 18, and parses as @octokit/request reads it', async () => {
    // @octokit/request 10 asks for content-type ^3, whose releases declare Node >=22 (EBADENGINE on Node 20).
    // 2.1.0 has the same `parse` (type in lower case, parameters); the end-to-end tables on Node 20 run it.
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { overrides?: Record<string, string> }
    expect(pkg.overrides?.['content-type']).toBe('2.1.0')
    const copies = runtime.filter(([path]) => path.endsWith('node_modules/content-type'))
    expect(copies.map(([path, e]) => [path, e.version, e.engines?.node])).toEqual([['node_modules/@octokit/request/node_modules/content-type', '2.1.0', '>=18']])
    const { parse } = (await import(`../${copies[0]![0]}/dist/index.js`)) as { parse: (h: string) => { type: string; parameters: Record<string, string> } }
    const parsed = parse('Application/JSON; charset=UTF-8')
    expect({ type: parsed.type, charset: parsed.parameters.charset }).toEqual({ type: 'application/json', charset: 'UTF-8' })
  })

  it('the range check itself', () => {
    expect(admits('>=20', '20.3.0')).toBe(true)
    expect(admits('>= 20', '20.3.0')).toBe(true)
    expect(admits('>=20.18.1', '20.3.0')).toBe(false)
    expect(admits('>=22', '20.3.0')).toBe(false)
    expect(admits('>=18.17', '20.3.0')).toBe(true)
    expect(admits('>=0.6.11 <=0.7.0 || >=0.7.3', '20.3.0')).toBe(true)
  })
})
