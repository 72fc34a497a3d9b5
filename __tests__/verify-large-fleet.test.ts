import { execFile } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

/**
 * Large inputs stay on the heap: 200,000 tenants from `tenants-url` (2.2 MB, under the 4 MiB cap) are
 * verified, reported and summarised (__tests__/support/large-fleet.ts, in a process of its own). Nothing
 * may spread a tenant-sized array into a call's arguments, which ends the run with "Maximum call stack
 * size exceeded", no tenant table and empty outputs.
 */
const TENANTS = 200_000
const TSX = join(process.cwd(), 'node_modules/.bin/tsx')

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rg-large-fleet-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('verify with 200,000 tenants from tenants-url', () => {
  it('verifies every one and sets its outputs, report and summary', async () => {
    await promisify(execFile)(TSX, ['__tests__/support/large-fleet.ts', String(TENANTS), dir], { maxBuffer: 16 * 1024 * 1024 })
    const run = JSON.parse(await readFile(join(dir, 'result.json'), 'utf8')) as { result: string; failure?: string; outputs: Record<string, string>; reportTenants: number; summary: string }
    expect([run.result, run.failure]).toEqual(['verified', undefined])
    expect(run.outputs.result).toBe('verified')
    expect(run.outputs.verified).toBe(String(TENANTS))
    expect(run.outputs.reason).toBe(`All ${TENANTS} tenants serve ${'c'.repeat(7)} or a newer commit.`)
    expect(run.reportTenants).toBe(TENANTS)
    expect(run.summary).toContain(`${TENANTS - 500} more tenants are in the JSON report.`)
  })
})

describe('src/', () => {
  it('spreads no array into the arguments of a call (Math.max/min, push, unshift, splice, concat, fromCharCode)', () => {
    const files = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(d, e.name)) : e.name.endsWith('.ts') ? [join(d, e.name)] : []))
    const call = /\b(?:Math\.(?:max|min|hypot)|push|unshift|splice|concat|fromCharCode|fromCodePoint|apply)\s*\((?:[^()[\]{}]|\([^()]*\))*?\.\.\./
    const offenders = files('src').flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => `${f}:${i + 1}: ${line.trim()}`)
        .filter((line) => call.test(line))
    )
    expect(offenders).toEqual([])
  })
})
