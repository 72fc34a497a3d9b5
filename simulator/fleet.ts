import { type Clock, systemClock } from '../src/clock.js'
import { ControlPlane } from './control-plane.js'
import { FakeForge, type ForgeFlavour } from './fake-forge.js'
import { GitRepo } from './git-repo.js'
import { type TenantSpec, TenantSimulator } from './tenants.js'

/**
 * A whole fleet on loopback, for end-to-end tests, the demo and the benchmarks: a real git repository
 * behind a fake forge, simulated tenants that drain before serving a new commit, and a control plane
 * that redeploys them. `runEnv` and `deployInputs` give what a runner would pass to the action.
 */
export interface FleetOptions {
  flavour?: ForgeFlavour
  tenants: number | string[]
  /** Drain time of every tenant, or per tenant. */
  drainMs?: number | ((tenant: string, index: number) => number)
  clock?: Clock
  compareAndSet?: boolean
  latencyMs?: (tenant: string) => number
  token?: string
  spec?: (tenant: string, index: number) => Partial<TenantSpec>
  /** The forge token's primary rate limit (GitHub flavour; simulator/github-rate-limits.ts). */
  rateLimit?: number
}

export class Fleet {
  private constructor(
    readonly repo: GitRepo,
    readonly forge: FakeForge,
    readonly tenants: TenantSimulator,
    readonly controlPlane: ControlPlane,
    readonly names: string[],
    /** The commit every tenant served at the start. */
    readonly base: string,
    readonly token: string
  ) {}

  static async start(o: FleetOptions): Promise<Fleet> {
    const clock = o.clock ?? systemClock
    const names = typeof o.tenants === 'number' ? Array.from({ length: o.tenants }, (_, i) => `tenant-${String(i + 1).padStart(3, '0')}`) : o.tenants
    const repo = await GitRepo.create()
    const base = await repo.commit('initial release')
    const token = o.token ?? 'sim-forge-token-0123456789'
    const forge = await FakeForge.start({ flavour: o.flavour ?? 'github', repo, token, rateLimit: o.rateLimit })
    const tenants = await TenantSimulator.start({ clock })
    names.forEach((name, i) => {
      const drainMs = typeof o.drainMs === 'function' ? o.drainMs(name, i) : (o.drainMs ?? 0)
      tenants.add(name, { sha: base, drainMs, ...o.spec?.(name, i) })
    })
    const controlPlane = await ControlPlane.start({ tenants, clock, compareAndSet: o.compareAndSet, latencyMs: o.latencyMs })
    return new Fleet(repo, forge, tenants, controlPlane, names, base, token)
  }

  /** A new commit on main (the branch head moves to it) and its full SHA. */
  commit(message: string): Promise<string> {
    return this.repo.commit(message)
  }

  /** The runner environment for a job that deploys `sha`. */
  runEnv(sha: string): Record<string, string> {
    const gitea = this.forge.flavour !== 'github'
    return {
      GITHUB_SHA: sha,
      GITHUB_REPOSITORY: this.forge.repository,
      GITHUB_API_URL: this.forge.apiUrl,
      GITHUB_SERVER_URL: this.forge.serverUrl,
      ...(gitea ? { GITEA_ACTIONS: 'true' } : {})
    }
  }

  /** Inputs for `mode: deploy` against this fleet through the control plane's HTTP endpoint. */
  deployInputs(extra: Record<string, string> = {}): Record<string, string> {
    return {
      mode: 'deploy',
      token: this.token,
      tenants: this.names.join(','),
      'buildinfo-url': this.tenants.buildinfoTemplate,
      'redeploy-url': this.controlPlane.redeployUrl,
      'settle-budget-seconds': '5',
      'settle-interval-seconds': '0.05',
      'request-timeout-seconds': '2',
      'canary-soak-seconds': '0',
      ...extra
    }
  }

  /**
   * The commits a tenant actually went live on, in order, from the control plane's point of view: a
   * redeploy goes live after its drain unless a later redeploy replaced it first. Independent of
   * whether anyone happened to poll the tenant at the time.
   */
  liveHistory(name: string, now = Number.POSITIVE_INFINITY): string[] {
    const deps = this.tenants.deployments(name)
    const live = [this.base]
    deps.forEach((d, i) => {
      const next = deps[i + 1]
      if (d.liveAt <= now && (!next || next.requestedAt >= d.liveAt)) live.push(d.sha)
    })
    return live
  }

  /** Tenants that went live on `older` after having been live on `newer`. */
  wentBackward(newer: string, older: string): string[] {
    return this.names.filter((n) => {
      const live = this.liveHistory(n)
      const firstNew = live.indexOf(newer)
      return firstNew >= 0 && live.slice(firstNew + 1).includes(older)
    })
  }

  async close(): Promise<void> {
    await Promise.all([this.controlPlane.close(), this.tenants.close(), this.forge.close()])
    await this.repo.dispose()
  }
}
