import type { TenantFailure } from '../failures.js'
import type { RunReport } from '../model.js'

/** Everything the forge is told when a run ends; the Markdown is the job summary's, word for word. */
export interface RunEnd {
  report: RunReport
  markdown: string
  failures: TenantFailure[]
}

/**
 * Puts the run on the commit: a GitHub check run, or a commit status (Gitea, or GitHub without
 * `checks: write`). Neither method ever rejects: a reporting problem is a warning, never a failed deploy.
 */
export interface Reporter {
  /**
   * Marks the run as started on `sha` (and, for a deploy, keeps the mark alive with a heartbeat until
   * `finish`). Only the first call counts; later ones return the same promise, which says whether the
   * `running` record reached the commit (`unrecorded`: it did not, and reconcile cannot see the run).
   */
  start(sha: string): Promise<'recorded' | 'unrecorded' | 'off'>
  /** The final state, after whatever `start` began has settled; says whether the record's end reached the commit. */
  finish(end: RunEnd): Promise<EndWrite>
  /** Stops the heartbeat without a final write (the step is ending some other way). */
  stop?(): void
}

/** `report: none`, and the default for code that runs a mode without the entry point. */
export const NO_REPORTER: Reporter = {
  start: async () => 'off' as const,
  finish: async () => ({ written: false })
}

/** Whether the end record reached the commit; `reason` is set only when a record was due and is missing. */
export interface EndWrite {
  written: boolean
  reason?: string
}
