import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHttpClient, type HttpClient, NetworkError } from '../src/http/client.js'
import { type RunningServer, startServer } from '../simulator/server.js'

/** The shared HTTP client's own guards: the caller's cancel, the deadline, the body cap. */
describe('HttpClient', () => {
  let server: RunningServer
  let http: HttpClient
  /** Resolved when the server has a /hang request: the moment to cancel it, on any machine. */
  let hangSeen: () => void = () => {}

  beforeAll(async () => {
    server = await startServer((req, res) => {
      if (req.url === '/hang') return hangSeen() // never answers; close() ends the socket
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.end('x'.repeat(1000))
    })
    http = createHttpClient()
  })
  afterAll(async () => {
    await http.close()
    await server.close()
  })

  it("forwards the caller's cancel: a hanging request ends as CANCELLED, long before its timeout", async () => {
    const controller = new AbortController()
    const seen = new Promise<void>((resolve) => (hangSeen = resolve))
    const sent = http.send({ url: `${server.url}/hang`, timeoutMs: 120_000, signal: controller.signal })
    await seen
    controller.abort(new Error('run cancelled'))
    const error = await sent.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect((error as NetworkError).code).toBe('CANCELLED')
  })

  it('an already aborted signal never waits for the server', async () => {
    const controller = new AbortController()
    controller.abort(new Error('cancelled before'))
    const error = await http.send({ url: `${server.url}/hang`, timeoutMs: 60_000, signal: controller.signal }).catch((e: unknown) => e)
    expect((error as NetworkError).code).toBe('CANCELLED')
  })

  it('the deadline ends a hanging request as TIMEOUT, and accepts a fractional number of milliseconds', async () => {
    const error = await http.send({ url: `${server.url}/hang`, timeoutMs: 100.5 }).catch((e: unknown) => e)
    expect((error as NetworkError).code).toBe('TIMEOUT')
  })

  it('cuts a body at maxBodyBytes and says so', async () => {
    const res = await http.send({ url: `${server.url}/big`, timeoutMs: 60_000, maxBodyBytes: 100 })
    expect(res.body.length).toBe(100)
    expect(res.truncated).toBe(true)
  })
})
