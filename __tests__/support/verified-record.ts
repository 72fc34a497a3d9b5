import { expect } from '@jest/globals'
import type { Fleet } from '../../simulator/fleet.js'

/**
 * Leaves on `sha` the record of an earlier deploy that verified (`deployed`), as that deploy's end status
 * writes it under the default record name: the positive evidence a canary restore needs before it may go
 * back to that commit (docs/canary-restore.md).
 */
export async function recordVerified(f: Fleet, sha: string, runId = '4100'): Promise<void> {
  const res = await fetch(`${f.forge.apiUrl}/repos/${f.forge.repository}/statuses/${sha}`, {
    method: 'POST',
    headers: { authorization: `token ${f.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ state: 'success', context: 'rollout-guard/production', description: `Deployed [rollout-guard deploy ${runId}.1 deployed]` })
  })
  expect(res.status).toBe(201)
}
