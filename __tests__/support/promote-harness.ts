import { execRunner } from '../../src/command/runner.js'
import type { Clock } from '../../src/clock.js'
import { Ancestry } from '../../src/forge/ancestry.js'
import { createForge } from '../../src/forge/factory.js'
import type { Forge } from '../../src/forge/types.js'
import { SupersededGate } from '../../src/gate/gate.js'
import { createHttpClient, type HttpClient } from '../../src/http/client.js'
import { DEFAULT_RETRY } from '../../src/http/retry.js'
import { promote, type PromotionResult } from '../../src/promote/promote.js'
import { createRegistry } from '../../src/registry/client.js'
import { parsePromote } from '../../src/settings/promote.js'
import { InputReader } from '../../src/settings/reader.js'
import { InstantClock } from '../../simulator/clocks.js'
import { FakeForge } from '../../simulator/fake-forge.js'
import { GitRepo } from '../../simulator/git-repo.js'
import { type ImageSpec, LocalRegistry } from '../../simulator/registry.js'
import { RegistryProxy } from '../../simulator/registry-proxy.js'

/**
 * The whole promotion against the real docker-registry (behind the simulator's proxy, which logs and
 * injects faults), with ancestry answered by a real git repository behind the fake forge, and the
 * real superseded gate.
 */
export const REPO = 'acme/app'
export const short = (sha: string): string => sha.slice(0, 7)

export interface RunOptions {
  tag: string
  force?: boolean
  /** `real`: the superseded gate on the fake forge; `superseded`: always superseded; `off`: disabled. */
  gate?: 'real' | 'superseded' | 'off'
  inputs?: Record<string, string>
  clock?: Clock
  signal?: AbortSignal
  gateAsked?: boolean
}

export interface Run {
  result: PromotionResult
  gateCalls: number
  /** Proxy log length each time the gate was asked. */
  logAtGates: number[]
  /** Heads the gate read, in order. */
  heads: string[]
}

export class PromoteBench {
  private constructor(
    readonly git: GitRepo,
    readonly forge: FakeForge,
    readonly registry: LocalRegistry,
    readonly proxy: RegistryProxy,
    readonly http: HttpClient
  ) {}

  static async start(): Promise<PromoteBench> {
    const git = await GitRepo.create()
    const forge = await FakeForge.start({ flavour: 'github', repo: git })
    const registry = await LocalRegistry.start()
    const proxy = await RegistryProxy.start(registry.url)
    return new PromoteBench(git, forge, registry, proxy, createHttpClient())
  }

  async close(): Promise<void> {
    await this.http.close()
    await this.proxy.close()
    await this.registry.stop()
    await this.forge.close()
    await this.git.dispose()
  }

  forgeAdapter(clock: Clock = new InstantClock(), http: HttpClient = this.http): Forge {
    return createForge(
      { kind: 'github', apiUrl: this.forge.apiUrl, token: 'ghs_promoteFlowToken', owner: 'acme', repo: 'app', serverUrl: this.forge.serverUrl, retry: DEFAULT_RETRY, requestTimeoutMs: 2_000 },
      { http, clock, log: () => undefined }
    )
  }

  async run(sha: string, opts: RunOptions): Promise<Run> {
    const settings = parsePromote(new InputReader({ INPUT_IMAGE: `${this.proxy.host}/${REPO}`, 'INPUT_PROMOTE-TAG': opts.tag, ...opts.inputs }), 'staging-{sha7}', true)!
    const clock = opts.clock ?? new InstantClock()
    const adapter = this.forgeAdapter(clock)
    const ancestry = new Ancestry(adapter)
    const gate = new SupersededGate(adapter, ancestry, { sha, branch: 'main', environment: 'production' }, { enabled: opts.gate !== 'off', onSuperseded: 'skip', force: false })
    const out: Run = { result: undefined as unknown as PromotionResult, gateCalls: 0, logAtGates: [], heads: [] }
    out.result = await promote({
      settings,
      sha,
      environment: 'production',
      force: opts.force ?? false,
      registry: createRegistry(settings.image!, { http: this.http, clock, retry: settings.retry, timeoutMs: 5_000, signal: opts.signal }),
      runner: execRunner,
      ancestry,
      gateAsked: opts.gateAsked,
      signal: opts.signal,
      checkGate: async () => {
        out.gateCalls += 1
        out.logAtGates.push(this.proxy.log.length)
        if (opts.gate === 'superseded') return { superseded: true, reason: 'A newer commit owns main now.' }
        const d = await gate.check()
        if (d.headSha) out.heads.push(d.headSha)
        return { superseded: d.superseded, reason: d.reason }
      }
    })
    return out
  }

  digest(tag: string): Promise<string | undefined> {
    return this.registry.digestOf(REPO, tag)
  }

  async setTag(tag: string | undefined, spec: ImageSpec & { index?: boolean }): Promise<string> {
    const pushed = spec.index && tag ? await this.registry.pushIndex(REPO, tag, spec) : await this.registry.pushImage(REPO, tag, spec)
    return pushed.digest
  }
}
