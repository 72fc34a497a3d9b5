import type { Outcome } from '../outcome.js'
import type { PullStage } from '../report/publish/pr-comment.js'
import type { PullNotes } from '../report/publish/pr-notes.js'

/**
 * How a deploy ended, as its pull request comment says it. A failed canary holds the commit (reconcile
 * will not roll it out, docs/deploy-records.md), so it reads "held" with the reason; other failures
 * read "not live". A pure function: one row per case in its test.
 */
export function pullStage(outcome: Outcome): PullStage {
  const reason = outcome.record?.reason ?? outcome.failure ?? outcome.outputs.reason ?? outcome.result
  switch (outcome.result) {
    case 'deployed':
      return { kind: 'live' }
    case 'skipped-superseded':
      return { kind: 'superseded', by: outcome.outputs['head-sha'] || undefined }
    case 'cancelled':
      return { kind: 'cancelled', reason }
    default:
      return outcome.record?.restore ? { kind: 'held', reason } : { kind: 'failed', reason }
  }
}

/** The rollout's progress to the log, and to the pull request comments. */
export function withPullNotes(progress: (phase: string, done: number, total: number, ok: number) => void, notes: PullNotes) {
  return (phase: string, done: number, total: number, ok: number): void => {
    progress(phase, done, total, ok)
    notes.progress(phase, done, total, ok)
  }
}
