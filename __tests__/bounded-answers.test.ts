import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createForge } from '../src/forge/factory.js'
import { AnswerTooLargeError, boundedFetch, MAX_GITHUB_ANSWER_BYTES } from '../src/http/bounded-fetch.js'
import { createHttpClient } from '../src/http/client.js'
import type { ForgeSettings } from '../src/settings/common.js'
import { DEFAULT_RETRY } from '../src/http/retry.js'
import { createRegistry } from '../src/registry/client.js'
import { parseImageRef } from '../src/registry/reference.js'
import { InstantClock } from '../simulator/clocks.js'

/**
 * Every forge answer is read up to a stated size, on both forges. The server below answers without end
 * (no Content-Length, or a Content-Length as large as it likes) and counts what it managed to send: the
 * reader must stop near the limit, not buffer the answer whole.
 */
let server: Server
let origin: string
const sent = new Map<string, number>()
/**
 * What the server can write beyond what the reader read: the kernel's send and receive buffers on
 * loopback (up to about 4 + 6 MiB on Linux). The server would send 1 GiB to a reader that did not stop.
 */
const SLACK = 32 * 1024 * 1024

function endless(res: ServerResponse, key: string, declared?: number): void {
  res.writeHead(200, { 'content-type': 'application/json', ...(declared ? { 'content-length': String(declared) } : {}) })
  const chunk = Buffer.alloc(64 * 1024, 0x20)
  let total = 0
  const write = (): void => {
    while (!res.destroyed && total < 1024 * 1024 * 1024) {
      total += chunk.length
      sent.set(key, total)
      if (!res.write(chunk)) return void res.once('drain', write)
    }
  }
  res.write('{"commit":{"sha":"')
  write()
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? ''
    if (path.includes('declared')) return endless(res, path, 800 * 1024 * 1024)
    if (path.includes('/branches/')) return endless(res, path)
    if (path.includes('small')) return void res.end('{"ok":true}')
    // A registry whose token service answers without end: the challenge names a realm on its own host.
    if (path.startsWith('/v2/')) return void res.writeHead(401, { 'www-authenticate': `Bearer realm="${origin}/token",service="r"` }).end()
    if (path.startsWith('/token')) return endless(res, '/token')
    res.writeHead(204).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('boundedFetch', () => {
  it('passes an answer under the limit through unchanged, with its URL and status', async () => {
    const res = await boundedFetch(1024)(`${origin}/small`)
    expect(res.status).toBe(200)
    expect(res.url).toBe(`${origin}/small`)
    expect(await res.json()).toEqual({ ok: true })
    expect((await boundedFetch(1024)(`${origin}/empty`)).status).toBe(204)
  })

  it('refuses an answer whose Content-Length passes the limit before reading any of it', async () => {
    await expect(boundedFetch(1024)(`${origin}/declared`)).rejects.toThrow(new AnswerTooLargeError(new URL(origin).host, 1024))
  })

  it('stops reading an answer without a length once it passes the limit, and names the host', async () => {
    await expect(boundedFetch(64 * 1024)(`${origin}/branches/endless-a`)).rejects.toThrow(`${new URL(origin).host} answered more than 64 KiB, the most this action reads from it`)
    expect(sent.get('/branches/endless-a')).toBeLessThan(64 * 1024 + SLACK)
  })
})

describe.each(['github', 'gitea'] as const)('the %s forge client', (kind) => {
  it('fails a branch read whose answer passes its limit, naming the host, without buffering the rest', async () => {
    const settings: ForgeSettings = {
      kind,
      apiUrl: kind === 'github' ? origin : `${origin}/api/v1`,
      token: 'not-a-real-token',
      owner: 'acme',
      repo: 'app',
      serverUrl: origin,
      retry: { maxTotalMs: 1000, baseDelayMs: 1, maxDelayMs: 1, maxAttempts: 3 },
      requestTimeoutMs: 60_000
    }
    const http = createHttpClient()
    try {
      const forge = createForge(settings, { http, clock: new InstantClock(), log: () => undefined })
      const branch = `endless-${kind}`
      const error = await forge.branchHead(branch).then(
        () => undefined,
        (e: unknown) => e as Error
      )
      expect(error?.name).toBe('ForgeAnswerError')
      expect(error?.message).toContain(new URL(origin).host)
      expect(error?.message).toContain(kind === 'github' ? `more than ${MAX_GITHUB_ANSWER_BYTES / 1024 / 1024} MiB` : 'more than 1 MiB')
      // One attempt: an oversized answer is not asked for again.
      const key = [...sent.keys()].find((k) => k.includes(branch))!
      expect(sent.get(key)).toBeLessThan((kind === 'github' ? MAX_GITHUB_ANSWER_BYTES : 1024 * 1024) + SLACK)
      expect([...sent.keys()].filter((k) => k.includes(branch))).toHaveLength(1)
    } finally {
      await http.close()
    }
  })
})

describe('the registry client', () => {
  it("fails on a token service's answer past 1 MiB, naming the service, and reads no more of it", async () => {
    const http = createHttpClient()
    try {
      const registry = createRegistry(parseImageRef('image', `${new URL(origin).host}/acme/app`), { http, clock: new InstantClock(), retry: DEFAULT_RETRY, timeoutMs: 10_000 })
      await expect(registry.getManifest('latest')).rejects.toThrow(`The token service ${origin} answered more than 1 MiB, the most this action reads from it.`)
      expect(sent.get('/token')).toBeLessThan(1024 * 1024 + SLACK)
    } finally {
      await http.close()
    }
  })
})
