import pLimit from 'p-limit'
import type { Ancestry } from '../forge/ancestry.js'
import { classify } from '../verify/fleet.js'
import type { TenantProber } from '../verify/types.js'

/** Where one tenant stands against the branch head, from a single read of its build info. */
export interface DriftEntry {
  tenant: string
  state: 'in-sync' | 'ahead' | 'behind' | 'unreachable'
  sha?: string
  /** Commits the head is ahead of the tenant's commit, when the forge could tell. */
  behindBy?: number
  error?: string
}

/**
 * One read per tenant, no settle wait: reconcile looks for tenants a cancelled or failed deploy left
 * behind, not for tenants still draining (a deploy in progress owns those, and the gate stops reconcile
 * when the head moves). A tenant whose commit is not known to be the head or newer counts as behind.
 */
export async function readDrift(fleet: string[], head: string, prober: TenantProber, ancestry: Ancestry, concurrency: number, signal?: AbortSignal): Promise<DriftEntry[]> {
  const limit = pLimit(concurrency)
  return Promise.all(
    fleet.map((tenant) =>
      limit(async (): Promise<DriftEntry> => {
        const obs = await prober.probe(tenant, signal)
        const seen = await classify(obs, head, ancestry)
        if (seen === 'unreadable') return { tenant, state: 'unreachable', error: obs.error ?? 'no commit in the answer' }
        if (seen === 'on-target') return { tenant, state: 'in-sync', sha: obs.sha }
        if (seen === 'ahead') return { tenant, state: 'ahead', sha: obs.sha }
        const cmp = await ancestry.relation(obs.sha!, head)
        return { tenant, state: 'behind', sha: obs.sha, behindBy: cmp.relation === 'ahead' ? cmp.aheadBy : undefined }
      })
    )
  )
}
