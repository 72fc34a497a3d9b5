import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { PromoteBench, REPO, short } from './support/promote-harness.js'

/**
 * Forward-only is judged by the commit of the image being COPIED against the commit the target holds,
 * never by the job's own SHA; and an image that cannot be read is never "commit unknown". Real
 * docker-registry, ancestry from a real git repository.
 */
let bench: PromoteBench
let A: string, B: string, C: string

beforeAll(async () => {
  bench = await PromoteBench.start()
  A = await bench.git.commit('A')
  B = await bench.git.commit('B')
  C = await bench.git.commit('C')
})

afterAll(() => bench.close())

beforeEach(async () => {
  await bench.git.setBranch('main', C)
})

const floating = { 'INPUT_PROMOTE-FROM': 'staging' }

describe('the revision of the copied image decides', () => {
  it("a floating source tag holding an older commit's image is not promoted over a newer one, whoever's job it is", async () => {
    const held = await bench.setTag('fl-latest', { revision: B })
    await bench.setTag('staging', { revision: A, salt: 'floating-A' })
    const puts = bench.proxy.count('PUT')
    const r = await bench.run(C, { tag: 'fl-latest', inputs: floating })
    expect(r.result).toMatchObject({ promoted: false, outcome: 'skipped-ahead', previousRevision: B })
    expect(r.result.reason).toContain(`fl-latest holds ${short(B)}`)
    expect(r.result.reason).toContain(`a newer commit than ${short(A)}, the commit of staging`)
    expect(r.result.reason).not.toContain(short(C))
    expect(bench.proxy.count('PUT') - puts).toBe(0)
    expect(await bench.digest('fl-latest')).toBe(held)
  })

  it('a floating source tag holding a newer commit moves the tag forward, crediting that commit', async () => {
    await bench.setTag('fl-forward', { revision: A })
    const source = await bench.setTag('staging', { revision: B, salt: 'floating-B' })
    const r = await bench.run(C, { tag: 'fl-forward', inputs: floating })
    expect(r.result).toMatchObject({ promoted: true, outcome: 'promoted', previousRevision: A })
    expect(r.result.reason).toContain(`built from ${short(B)}`)
    expect(r.result.reason).not.toContain(short(C))
    expect(await bench.digest('fl-forward')).toBe(source)
  })

  it('a source of unknown commit is not promoted over a target of known commit, unless forced', async () => {
    const held = await bench.setTag('fl-unknown', { revision: A })
    const source = await bench.setTag('staging', { salt: 'no-revision' })
    const puts = bench.proxy.count('PUT')
    const r = await bench.run(C, { tag: 'fl-unknown', inputs: floating })
    expect(r.result).toMatchObject({ promoted: false, outcome: 'failed' })
    expect(r.result.reason).toMatch(/staging holds an image whose commit is unknown \(no revision annotation or label\) and fl-unknown holds/)
    expect(bench.proxy.count('PUT') - puts).toBe(0)
    expect(await bench.digest('fl-unknown')).toBe(held)

    const forced = await bench.run(C, { tag: 'fl-unknown', inputs: floating, force: true })
    expect(forced.result).toMatchObject({ promoted: true, outcome: 'promoted', forced: true })
    expect(await bench.digest('fl-unknown')).toBe(source)
  })
})

describe('an unreadable target is a failure', () => {
  it('a held index whose platform manifest is missing is not "commit unknown": failed, the tag stays; force moves it', async () => {
    await bench.setTag(`staging-${short(B)}`, { revision: B })
    // The index itself carries no revision: the commit is in its platform images' labels.
    const held = await bench.registry.pushIndex(REPO, 'broken-index', { revision: C, annotate: false, childSpec: { annotate: false } })
    const first = (JSON.parse(held.bytes.toString('utf8')) as { manifests: { digest: string }[] }).manifests[0]!.digest
    await bench.registry.deleteManifest(REPO, first)
    await bench.git.setBranch('main', B)
    const puts = bench.proxy.count('PUT')

    const r = await bench.run(B, { tag: 'broken-index' })
    expect(r.result).toMatchObject({ promoted: false, outcome: 'failed' })
    expect(r.result.reason).toMatch(
      /cannot tell which commit .*:broken-index \(sha256:.*\) was built from, so nothing is moved: .*refers to the platform image sha256:[0-9a-f]{12}, which the registry does not have/
    )
    expect(bench.proxy.count('PUT') - puts).toBe(0)
    expect(await bench.digest('broken-index')).toBe(held.digest)

    const forced = await bench.run(B, { tag: 'broken-index', force: true })
    expect(forced.result).toMatchObject({ outcome: 'promoted', forced: true })
    expect(forced.result.reason).toMatch(/but force: true moves it/)
    expect(await bench.digest('broken-index')).toBe(await bench.digest(`staging-${short(B)}`))
  })
})
