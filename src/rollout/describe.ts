import { describeAnalysis, failedAnalysis } from '../analysis/verdict.js'
import type { GateDecision } from '../gate/decide.js'
import type { TenantRecord } from './types.js'

/** Short human renderings of rollout state, for reasons, phase details and log lines. */

export function judgeGate(d: GateDecision): { outcome: string; detail: string } {
  return { outcome: d.superseded ? 'superseded' : d.basis === 'unreadable' ? 'owner (head unreadable)' : 'owner', detail: d.reason }
}

/** `acme stale, globex redeploy-failed, and 3 more`. */
export function describeFailures(failed: TenantRecord[]): string {
  const names = failed
    .slice(0, 5)
    .map((r) =>
      failedAnalysis(r.analysis)
        ? describeAnalysis(r.analysis!)
        : `${r.tenant} ${r.action === 'redeploy-failed' ? 'redeploy-failed' : r.action === 'skipped-unknown' ? 'ancestry unknown' : r.verdict?.verdict}`
    )
  return names.join(', ') + (failed.length > 5 ? `, and ${failed.length - 5} more` : '')
}

/** `3 redeployed, 1 already on target, 2 ahead`. */
export function summarise(records: TenantRecord[]): string {
  const n = (a: TenantRecord['action']): number => records.filter((r) => r.action === a).length
  return `${n('redeployed')} redeployed, ${n('skipped-on-target')} already on target, ${n('skipped-ahead')} ahead`
}
