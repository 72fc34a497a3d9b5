import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { createContext } from '../src/context.js'
import type { Forge } from '../src/forge/types.js'
import type { HttpClient, HttpRequest, HttpResponse } from '../src/http/client.js'
import { runVerifyMode } from '../src/modes/verify-mode.js'
import { concludeRun } from '../src/report/conclude.js'
import { parseSettings } from '../src/settings/index.js'
import { parseOutputFile } from '../simulator/run-action.js'
import { VirtualClock } from '../simulator/virtual-clock.js'

/**
 * Large inputs stay on the heap: 200,000 tenants from `tenants-url` (2.2 MB, under the 4 MiB cap) are
 * verified, reported and summarised. Every tenant settles on its first answer, from an in-memory client, in
 * virtual time, so the test is about sizes, not about waiting: nothing may spread a tenant-sized array into a call's
 * arguments, which ends the run with "Maximum call stack size exceeded".
 */
const TENANTS = 200_000
const TARGET = 'c'.repeat(40)
const names = Array.from({ length: TENANTS }, (_, i) => `t${String(i).padStart(6, '0')}`)

const answer = (url: string, body: string): HttpResponse => ({ status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body), truncated: false, url })
const http: HttpClient = {
  send: async (req: HttpRequest) => {
    const url = String(req.url)
    return url.startsWith('https://fleet.example/tenants') ? answer(url, JSON.stringify(names)) : answer(url, `{"sha":"${TARGET}"}`)
  },
  close: async () => undefined
}
/** Verify reads no forge: every tenant serves the target exactly, which needs no ancestry. */
const forge = { kind: 'github', repository: 'acme/app' } as unknown as Forge

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rg-large-fleet-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
  process.exitCode = undefined
})

describe('verify with 200,000 tenants from tenants-url', () => {
  it('verifies every one and sets its outputs, report and summary', async () => {
    const files = { summary: join(dir, 'summary.md'), output: join(dir, 'output') }
    await writeFile(files.summary, '')
    await writeFile(files.output, '')
    const saved = { summary: process.env.GITHUB_STEP_SUMMARY, temp: process.env.RUNNER_TEMP, output: process.env.GITHUB_OUTPUT }
    Object.assign(process.env, { GITHUB_STEP_SUMMARY: files.summary, GITHUB_OUTPUT: files.output, RUNNER_TEMP: dir })
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      const settings = parseSettings({
        GITHUB_SHA: TARGET,
        GITHUB_REPOSITORY: 'acme/app',
        GITHUB_API_URL: 'https://api.github.com',
        GITHUB_RUN_ID: '99',
        INPUT_MODE: 'verify',
        'INPUT_TENANTS-URL': 'https://fleet.example/tenants.json',
        'INPUT_BUILDINFO-URL': 'https://{tenant}.fleet.example/buildinfo'
      })
      // Virtual time: the first polls of a large fleet are spread over the first interval, which passes at once.
      const clock = new VirtualClock()
      const ctx = createContext(settings, { clock, http, forge })
      const startedAt = new Date()
      const outcome = await clock.run(runVerifyMode(ctx))
      expect([outcome.result, outcome.failure]).toEqual(['verified', undefined])
      expect(outcome.outputs.verified).toBe(String(TENANTS))
      await concludeRun(settings, undefined, outcome, startedAt)
      const outputs = parseOutputFile(await readFile(files.output, 'utf8'))
      expect(outputs.result).toBe('verified')
      expect(outputs.reason).toBe(`All ${TENANTS} tenants serve ${TARGET.slice(0, 7)} or a newer commit.`)
      const report = JSON.parse(await readFile(outputs['report-path']!, 'utf8')) as { tenants: unknown[] }
      expect(report.tenants).toHaveLength(TENANTS)
      expect(await readFile(files.summary, 'utf8')).toContain(`${TENANTS - 500} more tenants are in the JSON report.`)
    } finally {
      spy.mockRestore()
      Object.assign(process.env, { GITHUB_STEP_SUMMARY: saved.summary, GITHUB_OUTPUT: saved.output, RUNNER_TEMP: saved.temp })
      for (const [k, v] of Object.entries({ GITHUB_STEP_SUMMARY: saved.summary, GITHUB_OUTPUT: saved.output, RUNNER_TEMP: saved.temp })) if (v === undefined) delete process.env[k]
    }
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
