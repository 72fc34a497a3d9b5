import { afterEach, describe, expect, it } from '@jest/globals'
import { loggableUrl, showQueryValuesOf } from '../src/debug.js'
import { Fleet } from '../simulator/fleet.js'
import type { ForgeFlavour } from '../simulator/fake-forge.js'
import { type ActionRun, runAction } from '../simulator/run-action.js'

/**
 * The debug log (RUNNER_DEBUG=1, as the runner sets it for step debug logging) of a whole deploy, run as
 * a runner runs dist/index.js: one line for every request the forge, each tenant and the control plane
 * received, with method, URL and status; every gate read with its answer; the inputs of each decision;
 * and no secret anywhere.
 */
let fleet: Fleet | undefined
afterEach(async () => {
  await fleet?.close()
  fleet = undefined
})

const CP_TOKEN = 'cp-debug-secret-7c1d9e'
const HEADER_SECRET = 'hdr-debug-secret-51ab'

/** `METHOD origin+path` of every `http` debug line, counted. */
function logged(run: ActionRun, origin: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const c of run.commands) {
    const m = /^http ([A-Z]+) (\S+) -> /.exec(c.message)
    if (!m || !m[2]!.startsWith(origin)) continue
    const key = `${m[1]} ${new URL(m[2]!).pathname}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

function received(requests: { method: string; path: string }[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const r of requests) {
    const key = `${r.method} ${new URL(r.path, 'http://x').pathname}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

async function deployWithDebug(flavour: ForgeFlavour, debug: boolean): Promise<{ f: Fleet; r: ActionRun; B: string }> {
  const f = (fleet = await Fleet.start({ flavour, tenants: 3, drainMs: 30 }))
  const B = await f.commit('B')
  // One transient control-plane failure, so a retry and its reason are in the log too.
  f.controlPlane.inject({ status: 503 })
  const inputs = f.deployInputs({ canary: 'tenant-001', 'control-plane-token': CP_TOKEN, 'buildinfo-headers': `X-Api-Key: ${HEADER_SECRET}` })
  const r = await runAction({ inputs, env: { ...f.runEnv(B), ...(debug ? { RUNNER_DEBUG: '1' } : {}) } })
  return { f, r, B }
}

describe.each<ForgeFlavour>(['github', 'gitea-1.26'])('the debug log of a deploy on %s', (flavour) => {
  it('has one line for every request the forge, the tenants and the control plane received, and no secret', async () => {
    const { f, r, B } = await deployWithDebug(flavour, true)
    expect(r.exitCode).toBe(0)
    expect(r.outputs.result).toBe('deployed')

    expect(logged(r, f.forge.apiUrl.replace(/\/api\/v1$/, ''))).toEqual(received(f.forge.requests))
    expect(logged(r, f.tenants.buildinfoTemplate.replace(/\/t\/\{tenant\}\/buildinfo$/, ''))).toEqual(received(f.tenants.requests()))
    const cp = logged(r, f.controlPlane.url)
    expect([...cp.values()].reduce((a, b) => a + b, 0)).toBe(f.controlPlane.calls.length)
    expect(f.controlPlane.calls.length).toBeGreaterThanOrEqual(4)
    expect(f.forge.requests.length).toBeGreaterThan(3)

    const debugText = r.commands.filter((c) => c.command === 'debug').map((c) => c.message)
    // Status and duration on each exchange; the retry with its wait and why.
    expect(debugText.some((m) => /^http POST \S+\/redeploy -> 503 in \d+ ms$/.test(m))).toBe(true)
    expect(debugText.some((m) => /^retry 2 of at most \d+ in \d+ ms, after a transient failure: .*HTTP 503/.test(m))).toBe(true)
    // Every gate read with its answer, and the inputs of the per-tenant decision.
    expect(debugText.some((m) => m.startsWith(`gate: ${B} against the head of main: head ${B}, basis identical, superseded false`))).toBe(true)
    expect(debugText.some((m) => /^pre-flight tenant-002 \(attempt 1\): serves [0-9a-f]{40}, target [0-9a-f]{40}, seen older, force false: redeploy$/.test(m))).toBe(true)
    expect(debugText.some((m) => /^verdict tenant-003: on-target \(target [0-9a-f]{40}/.test(m))).toBe(true)

    // The secrets: only in the runner's own ::add-mask:: commands, nowhere else.
    const printed = `${r.stdout}\n${r.stderr}`
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n')
    for (const secret of [f.token, CP_TOKEN, HEADER_SECRET]) expect(printed).not.toContain(secret)
  })
})

describe('the debug log is off unless the runner turns it on', () => {
  it('writes no debug line without RUNNER_DEBUG', async () => {
    const { r } = await deployWithDebug('github', false)
    expect(r.exitCode).toBe(0)
    expect(r.commands.filter((c) => c.command === 'debug')).toEqual([])
  })
})

describe('loggableUrl', () => {
  it('drops user-info and every query value, by position, whatever the parameter is called', () => {
    expect(loggableUrl('https://user:pa55@host.example:8443/a/b?access_token=abc&sha=123&X-Amz-Signature=zz&page=2')).toBe(
      'https://host.example:8443/a/b?access_token=***&sha=***&X-Amz-Signature=***&page=***'
    )
    expect(loggableUrl('https://t1.example/buildinfo?jwt=eyJhbGciOiJIUzI1NiJ9.e30.sig&k=v4lue')).toBe('https://t1.example/buildinfo?jwt=***&k=***')
    expect(loggableUrl('not a url?token=abc')).toBe('not a url?…')
  })

  it("shows the values of a forge API's own queries (SHAs, pages), and only under that API", () => {
    showQueryValuesOf('https://forge.example/api/v1/')
    expect(loggableUrl('https://forge.example/api/v1/repos/acme/app/commits?sha=abc&page=2')).toBe('https://forge.example/api/v1/repos/acme/app/commits?sha=abc&page=2')
    expect(loggableUrl('https://forge.example/api/v10/x?sha=abc')).toBe('https://forge.example/api/v10/x?sha=***')
    expect(loggableUrl('https://forge.example/buildinfo?sha=abc')).toBe('https://forge.example/buildinfo?sha=***')
  })
})
