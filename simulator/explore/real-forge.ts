import { createForge } from '../../src/forge/factory.js'
import type { Forge } from '../../src/forge/types.js'
import type { HttpClient, HttpRequest, HttpResponse } from '../../src/http/client.js'
import * as core from '../../src/log.js'
import type { Settings } from '../../src/settings/index.js'
import type { Clock } from '../../src/clock.js'
import type { Execution } from './execution.js'
import { forgeRoutes, type Reply, type RouteOptions } from './forge-routes.js'
import type { JobHandle } from './types.js'

/**
 * The real forge adapters (src/forge/github.ts through Octokit, src/forge/gitea.ts through the shared
 * HTTP client) over the in-process forge API (forge-routes.ts), for scenarios with `forgeApi`: every
 * request the adapter sends, each retry included, is one pending call of the execution, and a fault
 * (a 503, GitHub's secondary rate limit as a 403 or 429 with `retry-after`, its spent primary limit, a
 * hang until the adapter's own request timeout, a write applied with its answer lost) applies to that one request, which the adapter's own retries and
 * classification then meet as they would meet the forge's.
 */

export const FORGE_HOST = 'forge.explore'

/**
 * Every answer carries the forge's time (RFC 9110 §6.6.1; GitHub's REST answers, and Gitea's through Go's
 * net/http server, as the fake forge sends it): the adapters judge liveness on it, never on a runner's clock.
 */
function dated(ex: Execution, headers: Record<string, string>): Record<string, string> {
  return { date: ex.world.forgeDate(), ...headers }
}

/** Octokit's fetch: the request routed in process, pending until the scheduler answers it. */
export function forgeFetch(ex: Execution, job: JobHandle, o: RouteOptions): typeof fetch {
  const route = forgeRoutes(ex, job, o)
  return async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    const headers = lowerCased(init.headers)
    const r = route((init.method ?? 'GET').toUpperCase(), url, parse(init.body), headers)
    // The adapter's signal carries its own request time limit, on the job's clock (src/forge/github.ts): a
    // hung request never answers until that aborts it, and fetch rejects with the signal's reason, as Node's does.
    const signal = init.signal ?? undefined
    const reply = await ex.request(job.name, r.kind, r.arg, r.respond, { signal, ownTimeout: true }).catch((error: unknown) => {
      throw signal?.aborted ? signal.reason : error
    })
    // A status without a body (304) cannot carry one; every other answer is JSON (or the bare text given).
    const body = reply.status === 304 || reply.body === undefined ? null : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body)
    return new Response(body, { status: reply.status, headers: dated(ex, reply.headers) })
  }
}

/** The shared HTTP client's send for the forge's host (Gitea's adapter): the same routes, as an HttpResponse. */
export function forgeSend(ex: Execution, job: JobHandle, o: RouteOptions): (req: HttpRequest) => Promise<HttpResponse> {
  const route = forgeRoutes(ex, job, o)
  return async (req) => {
    const url = typeof req.url === 'string' ? new URL(req.url) : req.url
    const r = route((req.method ?? 'GET').toUpperCase(), url, parse(req.body), lowerCased(req.headers))
    const reply: Reply = await ex.request(job.name, r.kind, r.arg, r.respond, { signal: req.signal, timeoutMs: req.timeoutMs })
    const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body)
    return { status: reply.status, headers: dated(ex, reply.headers), body: Buffer.from(text), truncated: false, url: url.toString() }
  }
}

/**
 * The job's forge clients as src/main.ts builds them: the run's (createContext's `createForge` with the
 * run's cancel) and, through `fetch` in the reporter's deps, the records' own (createReporter's, on the
 * short reporting retry budget).
 */
export function realForge(ex: Execution, job: JobHandle, settings: Settings, deps: { http: HttpClient; clock: Clock; recordName?: string }): { forge: Forge; fetch?: typeof fetch } {
  const github = settings.forge.kind === 'github'
  const fetch = github ? forgeFetch(ex, job, { flavour: 'github', recordName: deps.recordName }) : undefined
  const forge = createForge(settings.forge, { http: deps.http, clock: deps.clock, log: (m) => core.info(m), signal: job.controller.signal, fetch })
  return { forge, fetch }
}

function parse(body: unknown): unknown {
  if (body === undefined || body === null) return undefined
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) || body instanceof Uint8Array ? Buffer.from(body).toString('utf8') : String(body)
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function lowerCased(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (!headers) return out
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers as Record<string, string>)
  for (const [k, v] of entries) out[k.toLowerCase()] = String(v)
  return out
}
