import { existsSync } from 'node:fs'
import { Fleet } from '../simulator/fleet.js'
import { LocalRegistry, REGISTRY_BIN } from '../simulator/registry.js'
import { RegistryProxy } from '../simulator/registry-proxy.js'
import { type DemoPlan, drainMs } from './plan.js'

/**
 * Everything the two jobs run against, on loopback: the fleet (fake forge on a real git repository,
 * tenants, control plane) with commits base ← A ← B on main, and, when Debian's `docker-registry` is
 * installed, a real registry holding an image per commit with `:latest` on the base image. The action
 * reaches the registry through a logging proxy, so the demo can count what was written.
 */
export const IMAGE_REPO = 'acme/app'

export interface Images {
  registry: LocalRegistry
  proxy: RegistryProxy
  /** `host/acme/app` for the action's `image` input (loopback, so plain HTTP). */
  image: string
  digests: { base: string; A: string; B: string }
  /** What `:latest` pointed at before the jobs ran. */
  latestBefore: string
}

export interface Stage {
  fleet: Fleet
  commits: { base: string; A: string; B: string }
  /** Configured drain time of each tenant, for the report. */
  drains: Record<string, number>
  /** Undefined when there is no registry; `skipReason` then says why. */
  images?: Images
  skipReason?: string
}

export type DemoForge = 'github' | 'gitea'

/** The pull requests that brought A and B. */
export const PULLS = { A: 41, B: 42 } as const

export const tag = (sha: string): string => `staging-${sha.slice(0, 7)}`

/**
 * Builds the stage one part at a time, handing each part to `track` as soon as it runs, so an error or
 * Ctrl-C halfway through still stops what was already started.
 */
export async function startStage(plan: DemoPlan, track: (what: string, stop: () => Promise<void>) => void, withRegistry = true, forge: DemoForge = 'github'): Promise<Stage> {
  const drains = Object.fromEntries(plan.tenants.map((t) => [t, drainMs(t, plan.drainScale)]))
  // `--forge gitea`: the Gitea 1.22 flavour, the oldest the action supports (commit statuses, no Checks API).
  const fleet = await Fleet.start({ flavour: forge === 'gitea' ? 'gitea-1.22' : 'github', tenants: plan.tenants, drainMs: (name) => drains[name] ?? 0 })
  track('fleet (forge, tenants, control plane, git repository)', () => fleet.close())
  const A = await fleet.commit('A: add the invoice export')
  const B = await fleet.commit('B: fix the invoice export rounding')
  const commits = { base: fleet.base, A, B }
  // Each commit came from a pull request (squash-merged): the jobs keep their rollout's state on it.
  fleet.forge.pullsApi.add({ number: PULLS.A, title: 'A: add the invoice export', mergeCommit: A })
  fleet.forge.pullsApi.add({ number: PULLS.B, title: 'B: fix the invoice export rounding', mergeCommit: B })
  if (!withRegistry) return { fleet, commits, drains, skipReason: 'the demo was started with --no-registry' }
  if (!existsSync(REGISTRY_BIN)) {
    return { fleet, commits, drains, skipReason: `${REGISTRY_BIN} is not installed (Debian package docker-registry), so there is no registry to promote in` }
  }
  const registry = await LocalRegistry.start()
  track('docker-registry', () => registry.stop())
  const proxy = await RegistryProxy.start(registry.url)
  track('registry proxy', () => proxy.close())
  // What a build does per commit: an image labelled with its revision, pushed as staging-<sha7>.
  const push = (sha: string): ReturnType<LocalRegistry['pushImage']> => registry.pushImage(IMAGE_REPO, tag(sha), { revision: sha, salt: sha })
  const base = await push(commits.base)
  const digests = { base: base.digest, A: (await push(A)).digest, B: (await push(B)).digest }
  // Production's :latest is the base release, the same manifest bytes as its staging tag.
  await registry.putManifest(IMAGE_REPO, 'latest', base.mediaType, base.bytes)
  const latestBefore = (await registry.digestOf(IMAGE_REPO, 'latest')) ?? ''
  return { fleet, commits, drains, images: { registry, proxy, image: `${proxy.host}/${IMAGE_REPO}`, digests, latestBefore } }
}
