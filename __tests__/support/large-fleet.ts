/**
 * `verify` of a large fleet from `tenants-url`, in a process of its own (run with tsx by
 * __tests__/verify-large-fleet.test.ts), so the heap of a 200,000-tenant run is not left behind in the Jest
 * worker that runs the next test file. Every tenant settles on its first answer, from an in-memory client,
 * in virtual time. Writes the outcome, the outputs and the report's tenant count as JSON to `<dir>`.
 *
 *   tsx __tests__/support/large-fleet.ts <tenants> <dir>
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createContext } from '../../src/context.js'
import type { Forge } from '../../src/forge/types.js'
import type { HttpClient, HttpRequest, HttpResponse } from '../../src/http/client.js'
import { runVerifyMode } from '../../src/modes/verify-mode.js'
import { concludeRun } from '../../src/report/conclude.js'
import { parseSettings } from '../../src/settings/index.js'
import { parseOutputFile } from '../../simulator/run-action.js'
import { VirtualClock } from '../../simulator/virtual-clock.js'

const [count = '200000', dir = '.'] = process.argv.slice(2)
const TARGET = 'c'.repeat(40)
const names = Array.from({ length: Number(count) }, (_, i) => `t${String(i).padStart(6, '0')}`)
const tenantsJson = JSON.stringify(names)

const answer = (url: string, body: string): HttpResponse => ({ status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body), truncated: false, url })
const http: HttpClient = {
  send: async (req: HttpRequest) => {
    const url = String(req.url)
    return url.startsWith('https://fleet.example/tenants') ? answer(url, tenantsJson) : answer(url, `{"sha":"${TARGET}"}`)
  },
  close: async () => undefined
}
/** Verify reads no forge: every tenant serves the target exactly, which needs no ancestry. */
const forge = { kind: 'github', repository: 'acme/app' } as unknown as Forge

const files = { summary: join(dir, 'summary.md'), output: join(dir, 'output'), result: join(dir, 'result.json') }
await writeFile(files.summary, '')
await writeFile(files.output, '')
Object.assign(process.env, { GITHUB_STEP_SUMMARY: files.summary, GITHUB_OUTPUT: files.output, RUNNER_TEMP: dir })
// The action's log is not what this run is about (its test reads the result file).
process.stdout.write = (() => true) as typeof process.stdout.write

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
await concludeRun(settings, undefined, outcome, startedAt)
const outputs = parseOutputFile(await readFile(files.output, 'utf8'))
const report = JSON.parse(await readFile(outputs['report-path']!, 'utf8')) as { tenants: unknown[] }
await writeFile(files.result, JSON.stringify({ result: outcome.result, failure: outcome.failure, outputs, reportTenants: report.tenants.length, summary: await readFile(files.summary, 'utf8') }))
process.exitCode = 0
