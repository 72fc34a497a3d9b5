import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createReadStream } from 'node:fs'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '../src/main.js'
import { Fleet } from '../simulator/fleet.js'
import { LocalRegistry } from '../simulator/registry.js'
import { RegistryProxy } from '../simulator/registry-proxy.js'
import { parseOutputFile } from '../simulator/run-action.js'

/**
 * The promotion at the end of `mode: deploy`, through the action's entry point: a newer commit lands
 * while the last wave is redeployed, so the job is superseded at its promotion. It must send no
 * registry request at all (the gate is asked first), and its outputs and report must name the head
 * that superseded it, not the one its first gate read.
 */
const REPO = 'acme/app'
const short = (sha: string): string => sha.slice(0, 7)

let registry: LocalRegistry
let proxy: RegistryProxy
let dir: string
let fleet: Fleet | undefined
const saved = { output: process.env.GITHUB_OUTPUT, temp: process.env.RUNNER_TEMP }

beforeAll(async () => {
  registry = await LocalRegistry.start()
  proxy = await RegistryProxy.start(registry.url)
  dir = await mkdtemp(join(tmpdir(), 'rg-promote-deploy-'))
})

afterAll(async () => {
  process.env.GITHUB_OUTPUT = saved.output
  process.env.RUNNER_TEMP = saved.temp
  await proxy.close()
  await registry.stop()
  await rm(dir, { recursive: true, force: true })
})

afterEach(async () => {
  process.exitCode = undefined
  await fleet?.close()
  fleet = undefined
})

async function deploy(
  f: Fleet,
  sha: string,
  extra: Record<string, string>,
  signal?: AbortSignal
): Promise<{ out: Record<string, string>; report: { head: string | null; promotion: { outcome: string } | null } }> {
  const file = join(dir, `out-${Math.random().toString(36).slice(2)}`)
  await writeFile(file, '')
  process.env.GITHUB_OUTPUT = file
  process.env.RUNNER_TEMP = dir
  const env: Record<string, string> = { ...f.runEnv(sha), GITHUB_OUTPUT: file, RUNNER_TEMP: dir }
  for (const [name, value] of Object.entries(f.deployInputs(extra))) env[`INPUT_${name.toUpperCase()}`] = value
  await run(env, signal ? { signal } : {})
  const out = parseOutputFile(await readFile(file, 'utf8'))
  return { out, report: JSON.parse(await readFile(out['report-path']!, 'utf8')) as never }
}

describe('deploy: superseded at the promotion', () => {
  it('sends no registry request, and head-sha and the report name the newer head', async () => {
    let landed: Promise<string> | undefined
    let redeploys = 0
    const f = (fleet = await Fleet.start({
      tenants: 2,
      drainMs: 0,
      // C lands while B's second (last) wave is redeployed, after that wave's gate read B; the next head
      // read (the promotion's gate) waits for it.
      latencyMs: () => {
        if (++redeploys === 2) {
          landed = f.commit('C')
          f.forge.inject('branch', { wait: landed })
        }
        return 0
      }
    }))
    const B = await f.commit('B')
    await registry.pushImage(REPO, `staging-${short(B)}`, { revision: B })
    const before = proxy.log.length

    const { out, report } = await deploy(f, B, { image: `${proxy.host}/${REPO}`, 'promote-tag': 'deploy-latest', 'max-parallel': '1' })
    const C = await landed!
    expect(redeploys).toBe(2)
    expect(report.promotion?.outcome).toBe('skipped-superseded')
    expect(out).toMatchObject({ result: 'skipped-superseded', superseded: 'true', promoted: 'false', 'head-sha': C })
    expect(out.reason).toMatch(new RegExp(`Superseded before promotion: .*${short(C)}`))
    expect(report.head).toBe(C)
    // The gate came first: not even a read of the registry.
    expect(proxy.log.slice(before)).toEqual([])
    expect(await registry.digestOf(REPO, 'deploy-latest')).toBeUndefined()
  })

  it('reconcile superseded at its promotion names the newer head too, and sent no registry request', async () => {
    let landed: Promise<string> | undefined
    const f = (fleet = await Fleet.start({
      tenants: 1,
      drainMs: 0,
      latencyMs: () => {
        if (!landed) {
          landed = f.commit('D')
          f.forge.inject('branch', { wait: landed })
        }
        return 0
      }
    }))
    const B = await f.commit('B')
    await registry.pushImage(REPO, `staging-${short(B)}`, { revision: B })
    const before = proxy.log.length

    const { out, report } = await deploy(f, B, { mode: 'reconcile', image: `${proxy.host}/${REPO}`, 'promote-tag': 'reconcile-latest' })
    const D = await landed!
    expect(report.promotion?.outcome).toBe('skipped-superseded')
    expect(out).toMatchObject({ result: 'skipped-superseded', superseded: 'true', promoted: 'false', 'head-sha': D })
    expect(report.head).toBe(D)
    expect(proxy.log.slice(before)).toEqual([])
  })
})

describe('reconcile: cancelled at its promotion', () => {
  it('a cancel while promote-command runs kills it and the run reports cancelled, not in-sync', async () => {
    const f = (fleet = await Fleet.start({ tenants: 1, drainMs: 0 }))
    const slow = join(dir, 'reconcile-slow.sh')
    await writeFile(slow, ['#!/bin/sh', 'echo "started $$" > "$1"', 'exec sleep 60'].join('\n') + '\n')
    await chmod(slow, 0o755)
    const fifo = join(dir, 'reconcile-started.fifo')
    execFileSync('mkfifo', [fifo])
    const lines = createInterface({ input: createReadStream(fifo) })
    const started = (async () => {
      for await (const line of lines) return line
      return ''
    })()
    const controller = new AbortController()
    // Every tenant already serves the head, so reconcile goes straight to its promotion.
    const pending = deploy(f, f.base, { mode: 'reconcile', 'promote-command': `${slow} ${fifo}`, 'promote-tag': 'reconcile-cancel' }, controller.signal)
    expect(await started).toMatch(/^started \d+$/)
    lines.close()
    controller.abort(new Error('cancelled by SIGINT'))
    const { out, report } = await pending
    expect(report.promotion?.outcome).toBe('cancelled')
    expect(out).toMatchObject({ result: 'cancelled', promoted: 'false' })
  })
})
