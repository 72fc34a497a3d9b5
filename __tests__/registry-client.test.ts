import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { systemClock } from '../src/clock.js'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import { DEFAULT_RETRY } from '../src/http/retry.js'
import { readRevision } from '../src/promote/revision.js'
import { createRegistry, type Registry, type RegistryOptions } from '../src/registry/client.js'
import { RegistryError } from '../src/registry/errors.js'
import { parseImageRef } from '../src/registry/reference.js'
import { InstantClock } from '../simulator/clocks.js'
import { LocalRegistry, MEDIA } from '../simulator/registry.js'
import { RegistryProxy } from '../simulator/registry-proxy.js'

const REPO = 'acme/app'
const A = 'a'.repeat(40)

let registry: LocalRegistry
let proxy: RegistryProxy
let http: HttpClient

beforeAll(async () => {
  registry = await LocalRegistry.start()
  proxy = await RegistryProxy.start(registry.url)
  http = createHttpClient()
})

afterAll(async () => {
  await http.close()
  await proxy.close()
  await registry.stop()
})

function client(host = proxy.host, over: Partial<RegistryOptions> = {}): Registry {
  return createRegistry(parseImageRef('image', `${host}/${REPO}`), { http, clock: new InstantClock(), retry: DEFAULT_RETRY, timeoutMs: 5_000, ...over })
}

async function rawGet(tag: string): Promise<{ type: string | null; bytes: Buffer }> {
  const res = await fetch(`${registry.url}/v2/${REPO}/manifests/${tag}`, { headers: { accept: Object.values(MEDIA).join(', ') } })
  return { type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) }
}

describe('retag against the real docker-registry', () => {
  it.each([
    ['an OCI index', (tag: string) => registry.pushIndex(REPO, tag, { revision: A })],
    ['a Docker manifest list', (tag: string) => registry.pushIndex(REPO, tag, { revision: A, format: 'docker' })],
    ['an OCI image manifest', (tag: string) => registry.pushImage(REPO, tag, { revision: A })],
    ['a Docker v2 manifest', (tag: string) => registry.pushImage(REPO, tag, { revision: A, format: 'docker' })]
  ])('copies %s byte for byte: same digest, same bytes, same type', async (_name, push) => {
    const tag = `src-${Math.random().toString(36).slice(2, 8)}`
    const pushed = await push(tag)
    const r = client()
    const manifest = await r.getManifest(tag)
    expect(manifest).toMatchObject({ digest: pushed.digest, mediaType: pushed.mediaType })
    const written = await r.putManifest(`${tag}-copy`, manifest!)
    expect(written).toBe(pushed.digest)
    expect(await registry.digestOf(REPO, `${tag}-copy`)).toBe(pushed.digest)
    const back = await rawGet(`${tag}-copy`)
    expect(back.type).toBe(pushed.mediaType)
    expect(back.bytes.equals(pushed.bytes)).toBe(true)
    expect(await r.manifestDigest(`${tag}-copy`)).toBe(pushed.digest)
  })

  it('runs on the real monotonic clock, whose fractional milliseconds must not reach a timer', async () => {
    const pushed = await registry.pushImage(REPO, 'system-clock', { revision: A })
    const r = client(proxy.host, { clock: systemClock, timeoutMs: 60_000 })
    expect((await r.getManifest('system-clock'))?.digest).toBe(pushed.digest)
  })

  it('a missing tag reads as undefined, not as an error', async () => {
    const r = client()
    expect(await r.getManifest('does-not-exist')).toBeUndefined()
    expect(await r.manifestDigest('does-not-exist')).toBeUndefined()
  })

  it('reaches loopback registries over plain HTTP and everything else over https', () => {
    expect(client('127.0.0.1:5000').origin).toBe('http://127.0.0.1:5000')
    expect(client('localhost:5000').origin).toBe('http://localhost:5000')
    expect(client('ghcr.io').origin).toBe('https://ghcr.io')
    expect(client('registry.example.com:5000').origin).toBe('https://registry.example.com:5000')
    expect(client('10.0.0.8:5000').origin).toBe('https://10.0.0.8:5000')
    expect(client('registry.lab:5000', { insecure: true }).origin).toBe('http://registry.lab:5000')
  })
})

describe('classified retries', () => {
  it('5xx and 429 are retried, honouring Retry-After', async () => {
    await registry.pushImage(REPO, 'retry-src', { revision: A })
    proxy.inject({ method: 'GET', path: /manifests\/retry-src$/, status: 503 }, { method: 'GET', path: /manifests\/retry-src$/, status: 429, headers: { 'retry-after': '7' } })
    const clock = new InstantClock()
    const manifest = await client(proxy.host, { clock }).getManifest('retry-src')
    expect(manifest?.digest).toBe(await registry.digestOf(REPO, 'retry-src'))
    expect(clock.sleeps).toEqual([500, 7000])
  })

  it('a registry that keeps failing costs the bounded retry time, then fails with the status', async () => {
    proxy.inject(...Array.from({ length: 20 }, () => ({ method: 'PUT', path: /manifests\/never$/, status: 502 })))
    const r = client(proxy.host)
    const manifest = (await r.getManifest('retry-src'))!
    await expect(r.putManifest('never', manifest)).rejects.toThrow(/PUT .*:never answered HTTP 502/)
    expect(await registry.digestOf(REPO, 'never')).toBeUndefined()
  })

  it('403 on the write says the credentials have no push scope, and is not retried', async () => {
    proxy.inject({ method: 'PUT', path: /manifests\/forbidden$/, status: 403, body: '{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}' })
    const r = client(proxy.host)
    const manifest = (await r.getManifest('retry-src'))!
    const before = proxy.count('PUT')
    const error = await r.putManifest('forbidden', manifest).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RegistryError)
    expect((error as RegistryError).message).toMatch(/HTTP 403 \(DENIED: requested access to the resource is denied\); the credentials have no push scope on acme\/app/)
    expect(proxy.count('PUT') - before).toBe(1)
  })

  it('a blob redirect to a plain-HTTP internal address is refused', async () => {
    const image = await registry.pushImage(REPO, 'redirected', { revision: A, annotate: false })
    const config = (JSON.parse(image.bytes.toString()) as { config: { digest: string } }).config.digest
    proxy.inject({ method: 'GET', path: /\/blobs\//, status: 307, headers: { location: `http://169.254.169.254/latest/${config}` } })
    await expect(client().getBlob(config, 1024 * 1024)).rejects.toThrow(/refused a redirect to http:\/\/169\.254\.169\.254/)
  })
})

describe('revision of an image', () => {
  const read = async (tag: string) => readRevision(client(), (await client().getManifest(tag))!)

  it('from the manifest annotation', async () => {
    await registry.pushImage(REPO, 'rev-annotated', { revision: A, label: false })
    expect(await read('rev-annotated')).toEqual({ revision: A, note: 'annotation' })
  })

  it('from the config label when the manifest has no annotation (docker format)', async () => {
    await registry.pushImage(REPO, 'rev-label', { revision: A, format: 'docker' })
    expect(await read('rev-label')).toEqual({ revision: A, note: 'config label' })
  })

  it('from a platform image when the index carries no annotation', async () => {
    await registry.pushIndex(REPO, 'rev-index', { revision: A, annotate: false, childSpec: { annotate: false } })
    expect(await read('rev-index')).toEqual({ revision: A, note: 'config label' })
  })

  it('unknown without annotation or label, and for a value that is not a commit', async () => {
    await registry.pushImage(REPO, 'rev-none', {})
    expect(await read('rev-none')).toEqual({ revision: undefined, note: 'no revision annotation or label' })
    await registry.pushImage(REPO, 'rev-bad', { revision: 'v1.2.3' })
    expect((await read('rev-bad')).revision).toBeUndefined()
    expect((await read('rev-bad')).note).toMatch(/"v1\.2\.3" is not a commit SHA/)
  })
})
