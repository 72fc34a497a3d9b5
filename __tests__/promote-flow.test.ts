import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { execRunner } from '../src/command/runner.js'
import { Ancestry } from '../src/forge/ancestry.js'
import { createForge } from '../src/forge/factory.js'
import { SupersededGate } from '../src/gate/gate.js'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import { DEFAULT_RETRY } from '../src/http/retry.js'
import { promote, type PromotionResult } from '../src/promote/promote.js'
import { createRegistry } from '../src/registry/client.js'
import { parsePromote } from '../src/settings/promote.js'
import { InputReader } from '../src/settings/reader.js'
import { InstantClock } from '../simulator/clocks.js'
import { FakeForge } from '../simulator/fake-forge.js'
import { GitRepo } from '../simulator/git-repo.js'
import { LocalRegistry, type ImageSpec } from '../simulator/registry.js'
import { RegistryProxy } from '../simulator/registry-proxy.js'

/**
 * The whole promotion against the real docker-registry, with ancestry answered by a real git
 * repository behind the fake forge, and the real superseded gate.
 */
const REPO = 'acme/app'
const short = (sha: string): string => sha.slice(0, 7)

let git: GitRepo
let forge: FakeForge
let registry: LocalRegistry
let proxy: RegistryProxy
let http: HttpClient
let A: string, B: string, C: string

beforeAll(async () => {
  git = await GitRepo.create()
  A = await git.commit('A')
  B = await git.commit('B')
  C = await git.commit('C')
  forge = await FakeForge.start({ flavour: 'github', repo: git })
  registry = await LocalRegistry.start()
  proxy = await RegistryProxy.start(registry.url)
  http = createHttpClient()
  for (const [sha, i] of [[A, 0], [B, 1], [C, 2]] as const) await registry.pushIndex(REPO, `staging-${short(sha)}`, { revision: sha, salt: String(i) })
})

afterAll(async () => {
  await http.close()
  await proxy.close()
  await registry.stop()
  await forge.close()
  await git.dispose()
})

beforeEach(async () => {
  await git.setBranch('main', C)
})

interface Run {
  result: PromotionResult
  gateCalls: number
  /** Proxy log length when the gate was asked. */
  logAtGate: number | undefined
}

async function run(sha: string, opts: { tag: string; force?: boolean; gate?: 'real' | 'superseded' | 'off'; inputs?: Record<string, string> }): Promise<Run> {
  const settings = parsePromote(new InputReader({ INPUT_IMAGE: `${proxy.host}/${REPO}`, 'INPUT_PROMOTE-TAG': opts.tag, ...opts.inputs }), 'staging-{sha7}', true)!
  const clock = new InstantClock()
  const adapter = createForge(
    { kind: 'github', apiUrl: forge.apiUrl, token: 'ghs_promoteFlowToken', owner: 'acme', repo: 'app', serverUrl: forge.serverUrl, retry: DEFAULT_RETRY, requestTimeoutMs: 2_000 },
    { http, clock, log: () => undefined }
  )
  const ancestry = new Ancestry(adapter)
  const gate = new SupersededGate(adapter, ancestry, { sha, branch: 'main', environment: 'production' }, { enabled: opts.gate !== 'off', onSuperseded: 'skip', force: false })
  const out: Run = { result: undefined as unknown as PromotionResult, gateCalls: 0, logAtGate: undefined }
  out.result = await promote({
    settings,
    sha,
    environment: 'production',
    force: opts.force ?? false,
    registry: createRegistry(settings.image!, { http, clock, retry: settings.retry, timeoutMs: 5_000 }),
    runner: execRunner,
    ancestry,
    checkGate: async () => {
      out.gateCalls += 1
      out.logAtGate = proxy.log.length
      if (opts.gate === 'superseded') return { superseded: true, reason: `${short(C)} owns main now.` }
      const d = await gate.check()
      return { superseded: d.superseded, reason: d.reason }
    }
  })
  return out
}

const digest = (tag: string): Promise<string | undefined> => registry.digestOf(REPO, tag)

async function setTag(tag: string, spec: ImageSpec & { index?: boolean }): Promise<string> {
  const pushed = spec.index ? await registry.pushIndex(REPO, tag, spec) : await registry.pushImage(REPO, tag, spec)
  return pushed.digest
}

describe('forward-only promotion', () => {
  it('first promotion: the tag is created with the digest of the source, unchanged', async () => {
    await git.setBranch('main', A)
    const { result } = await run(A, { tag: 'first' })
    expect(result).toMatchObject({ promoted: true, outcome: 'promoted', previousDigest: undefined })
    expect(await digest('first')).toBe(await digest(`staging-${short(A)}`))
    expect(result.digest).toBe(await digest(`staging-${short(A)}`))
  })

  it('moves forward from an older commit, and the gate is the last call before the PUT', async () => {
    await git.setBranch('main', B)
    const old = await setTag('fwd', { revision: A })
    const r = await run(B, { tag: 'fwd' })
    expect(r.result).toMatchObject({ promoted: true, outcome: 'promoted', previousDigest: old, previousRevision: A })
    expect(await digest('fwd')).toBe(await digest(`staging-${short(B)}`))
    expect(r.gateCalls).toBe(1)
    expect(proxy.log.slice(r.logAtGate)).toEqual([`PUT /v2/${REPO}/manifests/fwd`])
  })

  // Specs are functions: the commits exist only once beforeAll has run.
  it.each<[string, (revision: string) => ImageSpec & { index?: boolean }]>([
    ['index annotation', (revision) => ({ revision, index: true })],
    ['manifest annotation', (revision) => ({ revision, label: false })],
    ['config label only', (revision) => ({ revision, annotate: false })],
    ['platform image label inside an unannotated index', (revision) => ({ revision, index: true, annotate: false, childSpec: { annotate: false } })]
  ])('skips when the tag holds a newer commit (%s), and writes nothing', async (_how, spec) => {
    const tag = `ahead-${Math.random().toString(36).slice(2, 8)}`
    const held = await setTag(tag, spec(C))
    const puts = proxy.count('PUT')
    const r = await run(B, { tag, gate: 'off' })
    expect(r.result).toMatchObject({ promoted: false, outcome: 'skipped-ahead', previousRevision: C })
    expect(r.result.reason).toContain(`holds ${short(C)}`)
    expect(r.gateCalls).toBe(0)
    expect(await digest(tag)).toBe(held)
    expect(proxy.count('PUT') - puts).toBe(0)
  })

  it('no-op when the tag already points at the source image', async () => {
    const source = await fetch(`${registry.url}/v2/${REPO}/manifests/staging-${short(B)}`, { headers: { accept: 'application/vnd.oci.image.index.v1+json' } })
    await registry.putManifest(REPO, 'same', source.headers.get('content-type')!, Buffer.from(await source.arrayBuffer()))
    const puts = proxy.count('PUT')
    const r = await run(B, { tag: 'same' })
    expect(r.result).toMatchObject({ promoted: false, outcome: 'unchanged', digest: await digest(`staging-${short(B)}`) })
    expect(r.gateCalls).toBe(0)
    expect(proxy.count('PUT') - puts).toBe(0)
  })

  it('an image of unknown commit is replaced', async () => {
    await git.setBranch('main', B)
    await setTag('unknown', {})
    const r = await run(B, { tag: 'unknown' })
    expect(r.result.outcome).toBe('promoted')
    expect(r.result.reason).toMatch(/commit is unknown/)
    expect(await digest('unknown')).toBe(await digest(`staging-${short(B)}`))
  })

  it('force: true moves the tag back, loudly', async () => {
    await git.setBranch('main', B)
    await setTag('forced', { revision: C })
    const r = await run(B, { tag: 'forced', force: true })
    expect(r.result).toMatchObject({ promoted: true, outcome: 'promoted', forced: true })
    expect(r.result.reason).toMatch(/force: true moves it back/)
    expect(await digest('forced')).toBe(await digest(`staging-${short(B)}`))
  })

  it('superseded when asked right before the PUT: no promotion, nothing written', async () => {
    const held = await setTag('late', { revision: A })
    const puts = proxy.count('PUT')
    const r = await run(B, { tag: 'late', gate: 'superseded' })
    expect(r.result).toMatchObject({ promoted: false, outcome: 'skipped-superseded' })
    expect(r.result.reason).toMatch(/late was not moved/)
    // Every registry read happened before the gate; nothing after it.
    expect(r.logAtGate).toBe(proxy.log.length)
    expect(proxy.count('PUT') - puts).toBe(0)
    expect(await digest('late')).toBe(held)
  })

  it('a missing source tag fails with a 404 message', async () => {
    const r = await run('d'.repeat(40), { tag: 'latest' })
    expect(r.result).toMatchObject({ promoted: false, outcome: 'failed' })
    expect(r.result.reason).toMatch(/Source tag missing: .*acme\/app:staging-ddddddd does not exist \(HTTP 404\)/)
  })

  it('an unreadable target image is not treated as older: failed, unless forced', async () => {
    await git.setBranch('main', B)
    const held = await setTag('unreadable', { revision: C, annotate: false })
    proxy.inject(...Array.from({ length: 40 }, () => ({ path: /\/blobs\//, status: 500 })))
    try {
      const r = await run(B, { tag: 'unreadable' })
      expect(r.result.outcome).toBe('failed')
      expect(r.result.reason).toMatch(/cannot tell which commit .*:unreadable .* was built from, so it is not moved/)
      expect(await digest('unreadable')).toBe(held)
      const forced = await run(B, { tag: 'unreadable', force: true })
      expect(forced.result.outcome).toBe('promoted')
    } finally {
      proxy.clearFaults()
    }
  })

  it('incident replay, late job first: the real gate stops the older job right before the PUT', async () => {
    await setTag('incident-1', { revision: A, salt: 'z' })
    await git.setBranch('main', C)
    const late = await run(B, { tag: 'incident-1' })
    expect(late.result.outcome).toBe('skipped-superseded')
    expect(late.result.reason).toMatch(/newer commit/)
    expect((await run(C, { tag: 'incident-1' })).result.outcome).toBe('promoted')
    expect(await digest('incident-1')).toBe(await digest(`staging-${short(C)}`))
  })

  it('incident replay, newer job first: the late job of A cannot move the tag back from B', async () => {
    await git.setBranch('main', B)
    expect((await run(B, { tag: 'incident-2' })).result.outcome).toBe('promoted')
    expect((await run(A, { tag: 'incident-2' })).result.outcome).toBe('skipped-ahead')
    // Even with the gate off, forward-only holds.
    expect((await run(A, { tag: 'incident-2', gate: 'off' })).result.outcome).toBe('skipped-ahead')
    expect(await digest('incident-2')).toBe(await digest(`staging-${short(B)}`))
  })
})
