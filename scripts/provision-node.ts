import { installCommand, type NodeRuntime } from '../simulator/node-runtimes.js'

/**
 * What `npm test` does about the Node releases the end-to-end tests run the bundle under (see
 * simulator/node-runtimes.ts), decided from facts alone: nothing when each is there; install the missing
 * ones from the npm registry into `.rollout-guard/node/` (npm is at hand wherever `npm test` runs);
 * stop when a `ROLLOUT_GUARD_NODE_<major>` override names a file that cannot run, since installing
 * elsewhere would not fix it.
 */
export type NodeProvision = { kind: 'ready' } | { kind: 'install'; runtimes: NodeRuntime[]; commands: string[][] } | { kind: 'stop'; message: string }

export function decideNodeProvision(runtimes: NodeRuntime[], runnable: (bin: string) => boolean, platform?: string, arch?: string): NodeProvision {
  const missing = runtimes.filter((r) => !runnable(r.bin))
  if (missing.length === 0) return { kind: 'ready' }
  const bad = missing.filter((r) => r.source !== 'cache')
  if (bad.length > 0) {
    return { kind: 'stop', message: `npm test: ${bad.map((r) => `${r.envVar}=${r.bin} is not an executable file (expected a node ${r.major} binary)`).join('; ')}; fix or unset it.` }
  }
  return { kind: 'install', runtimes: missing, commands: missing.map((r) => installCommand(r, platform, arch)) }
}
