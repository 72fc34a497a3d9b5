import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import type { ImageSpec } from '../simulator/registry.js'
import { PromoteBench, REPO, type RunOptions, short } from './support/promote-harness.js'

/**
 * The whole promotion against the real docker-registry, with ancestry answered by a real git
 * repository behind the fake forge, and the real superseded gate.
 */
let bench: PromoteBench
let A: string, B: string, C: string

beforeAll(async () => {
  bench = await PromoteBench.start()
  A = await bench.git.commit('A')
  B = await bench.git.commit('B')
  C = await bench.git.commit('C')
  for (const [sha, i] of [
    [A, 0],
    [B, 1],
    [C, 2]
  ] as const)
    await bench.registry.pushIndex(REPO, `staging-${short(sha)}`, { revision: sha, salt: String(i) })
})

afterAll(() => bench.close())

beforeEach(async () => {
  await bench.git.setBranch('main', C)
})

const run = (sha: string, opts: RunOptions) => bench.run(sha, opts)
const digest = (tag: string): Promise<string | undefined> => bench.digest(tag)
const setTag = (tag: string, spec: ImageSpec & { index?: boolean }): Promise<string> => bench.setTag(tag, spec)

describe('forward-only promotion', () => {
  it('first promotion: the tag is created with the digest of the source, unchanged', async () => {
    await bench.git.setBranch('main', A)
    const { result } = await run(A, { tag: 'first' })
    expect(result).toMatchObject({ promoted: true, outcome: 'promoted', previousDigest: undefined })
    expect(await digest('first')).toBe(await digest(`staging-${short(A)}`))
    expect(result.digest).toBe(await digest(`staging-${short(A)}`))
  })

  it('moves forward from an older commit; the gate is asked first and is the last call before the PUT', async () => {
    await bench.git.setBranch('main', B)
    const old = await setTag('fwd', { revision: A })
    const logBefore = bench.proxy.log.length
    const r = await run(B, { tag: 'fwd' })
    expect(r.result).toMatchObject({ promoted: true, outcome: 'promoted', previousDigest: old, previousRevision: A })
    expect(await digest('fwd')).toBe(await digest(`staging-${short(B)}`))
    expect(r.gateCalls).toBe(2)
    expect(r.logAtGates[0]).toBe(logBefore)
    expect(bench.proxy.log.slice(r.logAtGates[1])).toEqual([`PUT /v2/${REPO}/manifests/fwd`])
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
    const puts = bench.proxy.count('PUT')
    const r = await run(B, { tag, gate: 'off' })
    expect(r.result).toMatchObject({ promoted: false, outcome: 'skipped-ahead', previousRevision: C })
    expect(r.result.reason).toContain(`holds ${short(C)}`)
    // Asked once, before the first registry request; a skip writes nothing, so it is not asked again.
    expect(r.gateCalls).toBe(1)
    expect(await digest(tag)).toBe(held)
    expect(bench.proxy.count('PUT') - puts).toBe(0)
  })

  it('no-op when the tag already points at the source image', async () => {
    const source = await fetch(`${bench.registry.url}/v2/${REPO}/manifests/staging-${short(B)}`, { headers: { accept: 'application/vnd.oci.image.index.v1+json' } })
    await bench.registry.putManifest(REPO, 'same', source.headers.get('content-type')!, Buffer.from(await source.arrayBuffer()))
    const puts = bench.proxy.count('PUT')
    await bench.git.setBranch('main', B)
    const r = await run(B, { tag: 'same' })
    expect(r.result).toMatchObject({ promoted: false, outcome: 'unchanged', digest: await digest(`staging-${short(B)}`) })
    expect(r.gateCalls).toBe(1)
    expect(bench.proxy.count('PUT') - puts).toBe(0)
  })

  it('an image of unknown commit is replaced', async () => {
    await bench.git.setBranch('main', B)
    await setTag('unknown', {})
    const r = await run(B, { tag: 'unknown' })
    expect(r.result.outcome).toBe('promoted')
    expect(r.result.reason).toMatch(/commit is unknown/)
    expect(await digest('unknown')).toBe(await digest(`staging-${short(B)}`))
  })

  it('force: true moves the tag back, loudly', async () => {
    await bench.git.setBranch('main', B)
    await setTag('forced', { revision: C })
    const r = await run(B, { tag: 'forced', force: true })
    expect(r.result).toMatchObject({ promoted: true, outcome: 'promoted', forced: true })
    expect(r.result.reason).toMatch(/force: true moves it back/)
    expect(await digest('forced')).toBe(await digest(`staging-${short(B)}`))
  })

  it('superseded when asked right before the PUT: no promotion, nothing written', async () => {
    const held = await setTag('late', { revision: A })
    const puts = bench.proxy.count('PUT')
    // The caller asked the gate just now (mode: promote), so the next question is the one before the write.
    const r = await run(B, { tag: 'late', gate: 'superseded', gateAsked: true })
    expect(r.result).toMatchObject({ promoted: false, outcome: 'skipped-superseded' })
    expect(r.result.reason).toMatch(/late was not moved/)
    // Every registry read happened before the gate; nothing after it.
    expect(r.logAtGates).toEqual([bench.proxy.log.length])
    expect(bench.proxy.count('PUT') - puts).toBe(0)
    expect(await digest('late')).toBe(held)
  })

  it('a missing source tag fails with a 404 message', async () => {
    const r = await run('d'.repeat(40), { tag: 'latest', gate: 'off' })
    expect(r.result).toMatchObject({ promoted: false, outcome: 'failed' })
    expect(r.result.reason).toMatch(/Source tag missing: .*acme\/app:staging-ddddddd does not exist \(HTTP 404\)/)
  })

  it('an unreadable target image is not treated as older: failed, unless forced', async () => {
    await bench.git.setBranch('main', B)
    const held = await setTag('unreadable', { revision: C, annotate: false })
    bench.proxy.inject(...Array.from({ length: 40 }, () => ({ path: /\/blobs\//, status: 500 })))
    try {
      const r = await run(B, { tag: 'unreadable' })
      expect(r.result.outcome).toBe('failed')
      expect(r.result.reason).toMatch(/cannot tell which commit .*:unreadable .* was built from, so nothing is moved/)
      expect(await digest('unreadable')).toBe(held)
      const forced = await run(B, { tag: 'unreadable', force: true })
      expect(forced.result.outcome).toBe('promoted')
    } finally {
      bench.proxy.clearFaults()
    }
  })

  it('incident replay, late job first: the real gate stops the older job right before the PUT', async () => {
    await setTag('incident-1', { revision: A, salt: 'z' })
    await bench.git.setBranch('main', C)
    const late = await run(B, { tag: 'incident-1' })
    expect(late.result.outcome).toBe('skipped-superseded')
    expect(late.result.reason).toMatch(/newer commit/)
    expect((await run(C, { tag: 'incident-1' })).result.outcome).toBe('promoted')
    expect(await digest('incident-1')).toBe(await digest(`staging-${short(C)}`))
  })

  it('incident replay, newer job first: the late job of A cannot move the tag back from B', async () => {
    await bench.git.setBranch('main', B)
    expect((await run(B, { tag: 'incident-2' })).result.outcome).toBe('promoted')
    // The gate stops A before it reads the registry at all.
    expect((await run(A, { tag: 'incident-2' })).result.outcome).toBe('skipped-superseded')
    // Even with the gate off, forward-only holds.
    expect((await run(A, { tag: 'incident-2', gate: 'off' })).result.outcome).toBe('skipped-ahead')
    expect(await digest('incident-2')).toBe(await digest(`staging-${short(B)}`))
  })
})
