import type { CommitState } from '../../forge/types.js'
import type { Conclusion } from '../model.js'
import type { RunEnd } from './types.js'

/** The words of a final commit status: its state and its description, from the run's report. */
export function statusState(c: Conclusion): CommitState {
  // Commit statuses have no neutral: a superseded job succeeded at stepping aside, and says so.
  return c === 'failure' ? 'failure' : 'success'
}

export function statusDescription(end: RunEnd): string {
  const r = end.report
  // Reconcile's other neutral ends (deferred, held) say what they are in their own reason.
  return r.result === 'skipped-superseded' ? `Superseded: ${r.reason}` : r.reason
}
