import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:net'
import type { AddressInfo } from 'node:net'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import { DEFAULT_RETRY } from '../src/http/retry.js'
import { isInternalAddress } from '../src/http/internal-address.js'
import type { Resolver } from '../src/http/public-lookup.js'
import { createRegistry } from '../src/registry/client.js'
import { parseImageRef } from '../src/registry/reference.js'
import { InstantClock } from '../simulator/clocks.js'
import { LocalRegistry } from '../simulator/registry.js'
import { RegistryProxy } from '../simulator/registry-proxy.js'

/**
 * Internal addresses in every spelling, and host names checked by what they resolve to when the socket
 * connects. A TCP server on loopback counts the connections it is offered: a refused redirect must not
 * reach it at all, whatever the spelling of its address.
 */
describe('isInternalAddress', () => {
  it.each([
    ['IPv4-mapped IPv6, as written', '[::ffff:127.0.0.1]'],
    ['IPv4-mapped IPv6, as the URL parser rewrites it', '::ffff:7f00:1'],
    ['IPv4-mapped metadata address', '[::ffff:a9fe:a9fe]'],
    ['IPv4-compatible IPv6', '::127.0.0.1'],
    ['IPv4-compatible, hex', '::7f00:1'],
    ['SIIT', '::ffff:0:7f00:1'],
    ['NAT64 of the metadata address', '64:ff9b::a9fe:a9fe'],
    ['6to4 of a private address', '2002:c0a8:101::1'],
    ['decimal IPv4', '2130706433'],
    ['hex IPv4', '0x7f000001'],
    ['octal IPv4', '0177.0.0.1'],
    ['short IPv4', '127.1'],
    ['mixed-radix IPv4', '0x7f.0.0.0x1'],
    ['private', '10.1.2.3'],
    ['metadata', '169.254.169.254'],
    ['CGNAT', '100.64.0.1'],
    ['unspecified', '0.0.0.0'],
    ['broadcast', '255.255.255.255'],
    ['multicast', '224.0.0.1'],
    ['IPv6 loopback', '[::1]'],
    ['IPv6 unspecified', '::'],
    ['unique-local', 'fd12::1'],
    ['link-local', 'fe80::1'],
    ['IPv6 multicast', 'ff02::1'],
    ['localhost', 'localhost'],
    ['localhost, fully qualified', 'localhost.'],
    ['a name under .localhost', 'registry.localhost'],
    ["Debian's IPv6 loopback name", 'ip6-localhost']
  ])('%s (%s) is internal', (_name, host) => {
    expect(isInternalAddress(host)).toBe(true)
  })

  it.each(['8.8.8.8', '134744072', '::ffff:808:808', '64:ff9b::808:808', '2002:808:808::1', '2606:4700::1111', 'ghcr.io', 'storage.googleapis.com', 'localhost.example.com', 'x'.repeat(300)])(
    '%s is not',
    (host) => {
      expect(isInternalAddress(host)).toBe(false)
    }
  )
})

describe('a registry blob redirect', () => {
  let registry: LocalRegistry
  let proxy: RegistryProxy
  let trap: Server
  let trapPort: number
  let offered = 0
  let http: HttpClient
  const resolved: string[] = []
  // storage.test resolves to loopback, as a name an attacker controls could.
  const resolver: Resolver = (hostname, callback) => {
    resolved.push(hostname)
    callback(null, hostname === 'storage.test' ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '192.0.2.1', family: 4 }])
  }

  beforeAll(async () => {
    registry = await LocalRegistry.start()
    proxy = await RegistryProxy.start(registry.url)
    trap = createServer((socket) => {
      offered++
      socket.destroy()
    })
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve))
    trapPort = (trap.address() as AddressInfo).port
    http = createHttpClient({ resolver })
  })

  afterAll(async () => {
    await http.close()
    await new Promise((resolve) => trap.close(resolve))
    await proxy.close()
    await registry.stop()
  })

  async function redirectTo(location: (digest: string) => string): Promise<Error> {
    const image = await registry.pushImage('acme/app', `redirect-${Math.random().toString(36).slice(2, 8)}`, { revision: 'a'.repeat(40), annotate: false })
    const digest = (JSON.parse(image.bytes.toString()) as { config: { digest: string } }).config.digest
    proxy.inject({ method: 'GET', path: /\/blobs\//, status: 307, headers: { location: location(digest) } })
    const client = createRegistry(parseImageRef('image', `${proxy.host}/acme/app`), { http, clock: new InstantClock(), retry: DEFAULT_RETRY, timeoutMs: 5_000 })
    return client.getBlob(digest, 1024 * 1024).then(
      () => new Error('the blob was read'),
      (e: unknown) => e as Error
    )
  }

  it('to [::ffff:127.0.0.1] is refused before any connection', async () => {
    const before = offered
    const error = await redirectTo((d) => `https://[::ffff:127.0.0.1]:${trapPort}/blobs/${d}`)
    expect(error.message).toMatch(/refused a redirect to https:\/\/\[::ffff:7f00:1\]/)
    expect(offered - before).toBe(0)
  })

  it.each(['2130706433', '0x7f.1', '[::127.0.0.1]'])('to https://%s is refused before any connection', async (host) => {
    const before = offered
    const error = await redirectTo((d) => `https://${host}:${trapPort}/blobs/${d}`)
    expect(error.message).toMatch(/refused a redirect/)
    expect(offered - before).toBe(0)
  })

  it('to a host name that resolves to loopback is refused when the socket would connect, and not retried', async () => {
    const before = offered
    const looked = resolved.length
    const error = await redirectTo((d) => `https://storage.test:${trapPort}/blobs/${d}`)
    expect(error.message).toContain('storage.test resolves to the internal address 127.0.0.1; refused')
    expect(offered - before).toBe(0)
    expect(resolved.slice(looked)).toEqual(['storage.test'])
  })
})
