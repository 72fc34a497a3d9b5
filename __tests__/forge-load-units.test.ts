import { describe, expect, it } from '@jest/globals'
import { requestKind } from '../src/forge/budget.js'
import { markerOf, mayHaveApplied } from '../src/forge/lost-answers.js'
import type { DeploymentStatusRead, DeploymentStatusUpdate, ForgeDeployments } from '../src/forge/types.js'
import { NetworkError } from '../src/http/client.js'
import type { RunReport } from '../src/report/model.js'
import { ForgeDeploymentTracker } from '../src/report/publish/deployment.js'

/** The pure decisions behind the forge-under-load guards, a row per case. */
describe('a failed create may have been applied (look before creating again)', () => {
  const rows: Array<[string, unknown, boolean]> = [
    ['502 from the front end', { status: 502 }, true],
    ['504 gateway timeout', { status: 504 }, true],
    ['500', { status: 500 }, true],
    ['503: refused at the door', { status: 503 }, false],
    ['403 rate limit: never applied', { status: 403 }, false],
    ['422 refusal', { status: 422 }, false],
    ['a timeout', new NetworkError('timed out', 'TIMEOUT'), true],
    ['a reset connection', new NetworkError('reset', 'ECONNRESET'), true],
    ['a refused connection: nothing was sent', new NetworkError('refused', 'ECONNREFUSED'), false],
    ["Octokit's own fetch failure (no status)", new Error('fetch failed'), true]
  ]
  it.each(rows)('%s', (_name, error, expected) => expect(mayHaveApplied(error)).toBe(expected))
})

describe("a deployment's payload marker", () => {
  const rows: Array<[string, unknown, unknown]> = [
    ['an object', { 'rollout-guard': { nonce: 'n1', key: '42.1' } }, { nonce: 'n1', key: '42.1' }],
    ['the JSON string GitHub may answer', JSON.stringify({ 'rollout-guard': { nonce: 'n2' } }), { nonce: 'n2' }],
    ['another tool’s payload', { deploy: 'x' }, undefined],
    ['not JSON', '{', undefined],
    ['empty', {}, undefined]
  ]
  it.each(rows)('%s', (_name, payload, expected) => expect(markerOf(payload)).toEqual(expected))
})

describe('the kind of a forge request (the report budget)', () => {
  const rows: Array<[string, string, string]> = [
    ['GET', '/repos/acme/app/branches/main', 'GET branches'],
    ['GET', '/api/v1/repos/acme/app/branches/release/v2', 'GET branches'],
    ['POST', '/repos/acme/app/check-runs', 'POST check-runs'],
    ['PATCH', '/repos/acme/app/check-runs/17', 'PATCH check-runs'],
    ['POST', '/repos/acme/app/deployments/3/statuses', 'POST deployments/statuses'],
    ['GET', '/repos/acme/app/commits/abc/status?per_page=100', 'GET commits/status'],
    ['GET', '/repos/acme/app', 'GET repository'],
    ['GET', '/', 'GET meta']
  ]
  it.each(rows)('%s %s', (method, path, kind) => expect(requestKind(method, path)).toBe(kind))
})

const SHA = 'a'.repeat(40)
const report = (result: string): RunReport => ({ result, reason: 'r', target: { sha: SHA }, tenants: [], restore: null }) as unknown as RunReport

/** An in-memory deployment shared by whoever holds it, statuses newest first. */
function deploymentsApi(statuses: DeploymentStatusRead[] = []): ForgeDeployments & { sent: DeploymentStatusUpdate[] } {
  const sent: DeploymentStatusUpdate[] = []
  return {
    sent,
    create: async () => 1,
    setStatus: async (_id, s) => {
      sent.push(s)
      statuses.unshift({ state: s.state, description: s.description })
    },
    statuses: async () => statuses.slice()
  }
}
const quiet = { warning: () => undefined, info: () => undefined }
const finalOf = (api: { sent: DeploymentStatusUpdate[] }): [string, boolean | undefined] | undefined => {
  const last = api.sent.at(-1)
  return last && [last.state, last.autoInactive]
}

describe("the deployment's final state", () => {
  const rows: Array<[string, () => Promise<boolean>, [string, boolean | undefined]]> = [
    ['the gate says this job still owns the branch: success, deactivating older ones', async () => false, ['success', true]],
    ['a newer commit owns it: its own deployment inactive, nothing deactivated', async () => true, ['inactive', undefined]],
    ['the gate cannot be read: success that deactivates nothing', async () => Promise.reject(new Error('503')), ['success', false]]
  ]
  it.each(rows)('%s', async (_name, superseded, expected) => {
    const api = deploymentsApi()
    const t = new ForgeDeploymentTracker(api, { environment: 'production', runUrl: undefined, environmentUrl: undefined, superseded }, quiet)
    await t.start(SHA)
    await t.finish(report('deployed'), false)
    expect(finalOf(api)).toEqual(expected)
  })

  const shard = (index: number, count: number) => ({ key: '42.1', index, count })
  const shardRows: Array<[string, DeploymentStatusRead[], number, string, [string, boolean | undefined] | undefined]> = [
    ['the first of two shards to end: in_progress, one still rolling', [], 1, 'deployed', ['in_progress', undefined]],
    ['the last of two, the other deployed: success', [{ state: 'in_progress', description: 'Shard 1/2 deployed; 1 shard(s) still rolling' }], 2, 'deployed', ['success', true]],
    ['the last of two, the other failed: nothing hides the failure', [{ state: 'failure', description: 'Shard 1/2: Failed: x' }], 2, 'deployed', undefined],
    ['a shard that fails: failure, whatever the others did', [{ state: 'in_progress', description: 'Shard 1/2 deployed; 1 shard(s) still rolling' }], 2, 'failed', ['failure', undefined]]
  ]
  it.each(shardRows)('%s', async (_name, before, index, result, expected) => {
    const api = deploymentsApi(before)
    const t = new ForgeDeploymentTracker(api, { environment: 'production', runUrl: undefined, environmentUrl: undefined, shard: shard(index, 2) }, quiet)
    await t.start(SHA)
    const begun = api.sent.length
    await t.finish(report(result), false)
    expect(api.sent.length > begun ? finalOf(api) : undefined).toEqual(expected)
  })
})
