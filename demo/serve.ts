import { spawn } from 'node:child_process'
import { appendFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { type RunningServer, sendJson, startServer } from '../simulator/server.js'
import { Lifecycle } from './lifecycle.js'
import { defaultPlan } from './plan.js'
import { IMAGE_REPO, type Stage, startStage } from './stage.js'

/**
 * The fleet simulator as a background service, for CI jobs that run the action with `uses: ./`:
 *   serve.ts start   starts it detached, waits until it is ready, appends SIM_* variables to $GITHUB_ENV
 *                    (or to the file named by --write-env, created when missing)
 *   serve.ts stop    stops it (SIGTERM) and waits until everything it started is gone
 * While it runs, SIM_STATE_URL answers what the simulator recorded, so a later step can check the
 * action's outputs against the fleet itself. It stops by itself after --max-minutes (20) in any case.
 */
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    state: { type: 'string', default: process.env.SIM_STATE_DIR ?? join(process.env.RUNNER_TEMP || tmpdir(), 'rollout-guard-sim') },
    // Not `--env-file`: tsx hands that name to Node, which then loads the file as its own env file and
    // stops when it does not exist yet. `--env-file` stays accepted for runs without tsx in front.
    'write-env': { type: 'string' },
    'env-file': { type: 'string' },
    'max-minutes': { type: 'string', default: '20' }
  }
})
const stateDir = values.state!
const files = { pid: join(stateDir, 'pid'), env: join(stateDir, 'env'), log: join(stateDir, 'log') }
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function start(): Promise<number> {
  mkdirSync(stateDir, { recursive: true })
  rmSync(files.env, { force: true })
  const log = openSync(files.log, 'w')
  // Same Node, same loader flags (tsx), so the service runs this file as this process does.
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), 'run', '--state', stateDir, '--max-minutes', values['max-minutes']!], {
    detached: true,
    stdio: ['ignore', log, log]
  })
  child.unref()
  for (let i = 0; i < 600 && !existsSync(files.env); i++) {
    if (child.exitCode !== null) break
    await sleep(100)
  }
  if (!existsSync(files.env)) {
    process.stderr.write(`The simulator did not start:\n${readFileSync(files.log, 'utf8')}\n`)
    if (child.pid && alive(child.pid)) process.kill(child.pid, 'SIGTERM')
    return 1
  }
  const env = readFileSync(files.env, 'utf8')
  const envOut = values['write-env'] ?? values['env-file'] ?? process.env.GITHUB_ENV
  if (envOut) appendFileSync(envOut, env)
  process.stdout.write(env)
  return 0
}

async function run(): Promise<void> {
  const life = new Lifecycle()
  const done = new Promise<void>((resolve) => life.trapSignals(() => resolve()))
  const names = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'vandelay', 'wonka', 'stark']
  const plan = defaultPlan({ tenants: names, waveSize: 3, drainScale: 0.3, soakSeconds: 1 })
  try {
    const stage = await startStage(plan, (what, stop) => life.track(what, stop))
    if (life.signal.aborted) return
    const state = await startServer((_req, res) => void recorded(stage).then((s) => sendJson(res, 200, s)))
    life.track('state server', () => state.close())
    writeFileSync(files.pid, String(process.pid))
    const env = variables(stage, plan.canary, state)
    // Written last and in one go: its existence is the readiness signal `start` waits for.
    writeFileSync(
      `${files.env}.tmp`,
      Object.entries(env)
        .map(([k, v]) => `${k}=${v}\n`)
        .join('')
    )
    writeFileSync(files.env, readFileSync(`${files.env}.tmp`))
    const timer = setTimeout(() => process.kill(process.pid, 'SIGTERM'), Number(values['max-minutes']) * 60_000)
    await done
    clearTimeout(timer)
  } finally {
    await life.stopAll()
    process.stdout.write(`stopped: ${life.stopped.join(', ')}\n`)
  }
}

function variables(stage: Stage, canary: string, state: RunningServer): Record<string, string> {
  const { fleet, commits, images } = stage
  return {
    SIM_STATE_DIR: stateDir,
    SIM_STATE_URL: state.url,
    SIM_API_URL: fleet.forge.apiUrl,
    SIM_REPOSITORY: fleet.forge.repository,
    SIM_TOKEN: fleet.token,
    SIM_SHA_BASE: commits.base,
    SIM_SHA_A: commits.A,
    SIM_SHA_B: commits.B,
    SIM_TENANTS: fleet.names.join(','),
    SIM_CANARY: canary,
    SIM_BUILDINFO_URL: fleet.tenants.buildinfoTemplate,
    SIM_REDEPLOY_URL: fleet.controlPlane.redeployUrl,
    SIM_IMAGE: images?.image ?? '',
    SIM_PROMOTION_SKIPPED: stage.skipReason ?? ''
  }
}

/** What the simulator recorded, for the check step. */
async function recorded(stage: Stage): Promise<unknown> {
  const { fleet, images } = stage
  return {
    serving: Object.fromEntries(fleet.names.map((n) => [n, fleet.tenants.serving(n)])),
    redeploys: fleet.controlPlane.calls.map((c) => ({ tenant: c.tenant, sha: c.sha, outcome: c.outcome })),
    registryWrites: images ? images.proxy.log.filter((l) => !/^(GET|HEAD) /.test(l)) : [],
    latest: images ? ((await images.registry.digestOf(IMAGE_REPO, 'latest')) ?? null) : null,
    digests: images?.digests ?? null
  }
}

async function stop(): Promise<number> {
  if (!existsSync(files.pid)) {
    process.stdout.write(`No simulator is running from ${stateDir}.\n`)
    return 0
  }
  const pid = Number(readFileSync(files.pid, 'utf8'))
  if (alive(pid)) process.kill(pid, 'SIGTERM')
  for (let i = 0; i < 300 && alive(pid); i++) await sleep(100)
  if (existsSync(files.log)) process.stdout.write(readFileSync(files.log, 'utf8'))
  if (alive(pid)) {
    process.stderr.write(`The simulator (pid ${pid}) did not stop within 30 s.\n`)
    return 1
  }
  rmSync(stateDir, { recursive: true, force: true })
  return 0
}

const command = positionals[0]
if (command === 'start') process.exitCode = await start()
else if (command === 'stop') process.exitCode = await stop()
else if (command === 'run') await run()
else {
  process.stderr.write('usage: serve.ts start|stop [--state DIR] [--write-env FILE] [--max-minutes N]\n')
  process.exitCode = 2
}
