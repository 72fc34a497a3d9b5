import { sameCommit } from '../../src/forge/types.js'
import type { CommandRunner } from '../../src/command/runner.js'
import type { HttpClient, HttpRequest, HttpResponse } from '../../src/http/client.js'
import { digestOf } from '../../src/registry/media.js'
import type { Execution } from './execution.js'
import { FORGE_HOST, forgeSend } from './real-forge.js'
import type { JobHandle } from './types.js'
import { commitName, LATEST, MANIFEST_TYPE, revisionOf } from './world.js'

/**
 * The outside world as one job sees it, behind the production interfaces (the Forge is in
 * forge-adapter.ts): an HttpClient that answers the tenants' /buildinfo, the control plane's redeploy
 * endpoint and the registry's manifest API. Each call is a pending event of
 * the execution; the answer the scheduler picks is applied to the world at that moment.
 */

export const BUILDINFO_URL = 'http://tenants.explore/{tenant}/buildinfo'
export const REDEPLOY_URL = 'http://control.explore/redeploy'
export const REGISTRY_HOST = '127.0.0.1:5000'
/** The scenario redeploys and promotes over HTTP: a command would be outside the explored world. */
export const NO_COMMANDS: CommandRunner = { run: () => Promise.reject(new Error('the explorer runs no commands')) }

function response(status: number, body: string | Buffer = '', headers: Record<string, string> = {}, url = ''): HttpResponse {
  return { status, headers, body: Buffer.isBuffer(body) ? body : Buffer.from(body), truncated: false, url }
}

export function httpFor(ex: Execution, job: JobHandle): HttpClient {
  const { world, scenario } = ex
  const send = (req: HttpRequest): Promise<HttpResponse> => {
    const url = typeof req.url === 'string' ? new URL(req.url) : req.url
    const opts = { signal: req.signal, timeoutMs: req.timeoutMs }
    // Gitea's adapter reaches the forge through this client (scenario.forgeApi; real-forge.ts).
    if (url.host === FORGE_HOST && scenario.forgeApi) return forgeSend(ex, job, { flavour: 'gitea' })(req)
    if (url.host === 'tenants.explore') {
      const tenant = url.pathname.split('/')[1]!
      return ex.request(
        job.name,
        'probe',
        tenant,
        (answer) => {
          if (answer === '503') return response(503, 'upstream unavailable')
          const sha = world.serving.get(tenant)!
          // A tenant on a broken image never becomes healthy: its canary fails.
          if (world.crashes(sha, tenant)) return response(503, 'crash loop')
          world.latest.probed(tenant, sha)
          return response(200, JSON.stringify({ sha }), { 'content-type': 'application/json' })
        },
        opts
      )
    }
    if (url.host === 'control.explore') {
      const body = JSON.parse(String(req.body)) as { tenant: string; sha: string; current?: string }
      sent(ex, job, body.tenant, `a redeploy of ${body.tenant} to ${commitName(body.sha)}`, 'redeploy')
      return ex.request(
        job.name,
        'redeploy',
        body.tenant,
        (answer) => {
          if (answer === '503') return response(503, 'busy', { 'retry-after': String(scenario.retryAfterSeconds) })
          const serving = world.serving.get(body.tenant)!
          // As simulator/control-plane.ts in compare-and-set mode: a `current` that is not what the tenant
          // serves, empty included (the pre-flight read got no answer), is refused.
          if (scenario.compareAndSet && !sameCommit(body.current ?? '', serving))
            return response(409, `{"message":"${body.tenant} serves ${serving.slice(0, 7)}, not ${(body.current ?? '').slice(0, 7) || 'an unknown commit'}"}`)
          world.applyRedeploy(job.name, job.sha, body.tenant, body.sha)
          return response(202, '{"accepted":true}')
        },
        opts
      )
    }
    if (url.host === REGISTRY_HOST) {
      const ref = decodeURIComponent(url.pathname.split('/manifests/')[1] ?? '')
      const method = req.method ?? 'GET'
      const bytes = method === 'PUT' ? Buffer.from(req.body as Uint8Array) : undefined
      if (bytes) sent(ex, job, ref, `a write of ${ref}`, 'tag')
      if (bytes && ref === LATEST) world.latest.sending(job.name, revisionOf(bytes), world.head)
      return ex.request(
        job.name,
        'registry',
        `${method} ${ref.startsWith('sha256:') ? ref.slice(0, 13) : ref}`,
        (answer) => {
          if (answer === '503') return response(503, '{"errors":[{"code":"UNAVAILABLE"}]}', {}, url.toString())
          if (bytes) return response(201, '', { 'docker-content-digest': world.putTag(job.name, job.sha, ref, bytes) }, url.toString())
          const found = world.manifest(ref)
          if (!found) return response(404, '{"errors":[{"code":"MANIFEST_UNKNOWN"}]}', {}, url.toString())
          const headers = { 'content-type': MANIFEST_TYPE, 'docker-content-digest': digestOf(found) }
          return response(200, method === 'HEAD' ? '' : found, headers, url.toString())
        },
        opts
      )
    }
    return Promise.reject(new Error(`the explorer's world has no ${url.origin}`))
  }
  return { send, close: async () => undefined }
}

/** A side effect as it leaves the job: judged for its ownership evidence, and a reconcile's for the deploys it shares the fleet with. */
function sent(ex: Execution, job: JobHandle, target: string, what: string, kind: 'redeploy' | 'tag'): void {
  ex.world.sideEffect(job.name, job.sha, what, kind)
  if (job.kind === 'reconcile') ex.world.watch.send(job.name, job.sha, target, what)
  // A promote job is not watched as a deploy: reconcile reads no promote record (src/record/read.ts).
  else if (job.kind === 'deploy' && ex.scenario.reconcile) ex.world.watch.deploySend(job.name, what)
}
