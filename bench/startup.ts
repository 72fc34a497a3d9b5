import { readdir, readFile, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { FakeForge } from '../simulator/fake-forge.js'
import { GitRepo } from '../simulator/git-repo.js'
import type { ActionRunner } from './action.js'
import { closeOnExit, run } from './children.js'
import { median, percentile } from './stats.js'

/**
 * Section 3: how long `node dist/index.js` takes in `mode: gate` (the cheapest real run: parse the
 * inputs, ask the forge for the branch head, write the outputs) against a fake forge on loopback, what a
 * bare `node -e 0` costs on the same machine, and what loading the toolkit alone costs (the floor). They
 * are measured in one rotation, one right after the other, and the target is the ratio of the medians:
 * on a shared machine the absolute times swing with the load, the ratio much less.
 */
export interface StartupRow {
  runs: number
  medianMs: number
  minMs: number
  p90Ms: number
  bareNodeMedianMs: number
  /** medianMs / bareNodeMedianMs. */
  ratio: number
  /** The toolkit's floor: an ncc bundle of `@actions/core` alone (bench/toolkit-floor.ts), timed in the same rotation. */
  floorMedianMs?: number
  floorRatio?: number
  ok: boolean
  problem?: string
}

export interface BundleSize {
  files: { name: string; bytes: number }[]
  totalBytes: number
  gzipBytes: number
  /** How many copies of undici the bundle carries (each has its own `class Agent extends DispatcherBase`). */
  undiciCopies: number
}

const WARM_UP = 2

export async function runStartup(runner: ActionRunner, runs: number, floor?: string): Promise<StartupRow> {
  const repo = await GitRepo.create()
  const closeRepo = closeOnExit(() => repo.dispose())
  const token = 'bench-forge-token-0123456789'
  const forge = await FakeForge.start({ flavour: 'github', repo, token })
  const closeForge = closeOnExit(() => forge.close())
  try {
    const sha = await repo.commit('release')
    const env = { GITHUB_SHA: sha, GITHUB_REPOSITORY: forge.repository, GITHUB_API_URL: forge.apiUrl, GITHUB_SERVER_URL: forge.serverUrl }
    const times: number[] = []
    const bare: number[] = []
    const floors: number[] = []
    let problem: string | undefined
    const gate = async (): Promise<number> => {
      const t = await runner.run({ mode: 'gate', token }, env, 30_000)
      if (t.exitCode !== 0 || t.outputs.result !== 'owner') problem ??= t.problem ?? `result ${t.outputs.result ?? 'none'}`
      return t.ms
    }
    const node = async (args: string[]): Promise<number> => (await run(runner.node, args, { timeoutMs: 30_000 })).ms
    for (let i = 0; i < WARM_UP + runs; i++) {
      // In one rotation whose order turns every round, so that a burst of load elsewhere hits all sides alike.
      const sides = [gate, () => node(['-e', '0']), ...(floor ? [() => node([floor])] : [])]
      const ms: number[] = new Array<number>(sides.length)
      for (let k = 0; k < sides.length; k++) {
        const side = (i + k) % sides.length
        ms[side] = await sides[side]!()
      }
      if (i >= WARM_UP) {
        times.push(ms[0]!)
        bare.push(ms[1]!)
        if (floor) floors.push(ms[2]!)
      }
    }
    const medianMs = median(times)
    const bareNodeMedianMs = median(bare)
    const floorMedianMs = floor ? median(floors) : undefined
    return {
      floorMedianMs,
      floorRatio: floorMedianMs === undefined ? undefined : floorMedianMs / bareNodeMedianMs,
      runs,
      medianMs,
      minMs: Math.min(...times),
      p90Ms: percentile(times, 90),
      bareNodeMedianMs,
      ratio: medianMs / bareNodeMedianMs,
      ok: problem === undefined,
      problem
    }
  } finally {
    await closeForge()
    await closeRepo()
  }
}

/** Every JavaScript file ncc wrote next to the entry (it splits lazily loaded chunks out). */
export async function bundleSize(dist: string): Promise<BundleSize> {
  const dir = dirname(dist)
  const names = (await readdir(dir)).filter((n) => n.endsWith('.js')).sort()
  const files = await Promise.all(names.map(async (name) => ({ name, bytes: (await stat(join(dir, name))).size })))
  const all = Buffer.concat(await Promise.all(names.map((n) => readFile(join(dir, n)))))
  const undiciCopies = all.toString('utf8').match(/class Agent extends DispatcherBase/g)?.length ?? 0
  return { files, totalBytes: all.length, gzipBytes: gzipSync(all).length, undiciCopies }
}

/** Bundles bench/toolkit-floor.ts with ncc, as the action is bundled, into `outDir`; returns the entry. */
export async function buildToolkitFloor(root: string, outDir: string): Promise<string> {
  const ncc = join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js')
  const done = await run(process.execPath, [ncc, 'build', join(root, 'bench/toolkit-floor.ts'), '-o', outDir, '--target', 'es2022', '--quiet'], { cwd: root, timeoutMs: 180_000 })
  if (done.code !== 0) throw new Error(`bundling bench/toolkit-floor.ts failed: ${(done.stdout + done.stderr).trim().slice(0, 500)}`)
  return join(outDir, 'index.js')
}
