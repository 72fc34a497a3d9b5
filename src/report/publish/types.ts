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
  /** Marks the run as started on `sha`. Only the first call counts; later ones return the same promise. */
  start(sha: string): Promise<void>
  /** The final state, after whatever `start` began has settled. */
  finish(end: RunEnd): Promise<void>
}

/** `report: none`, and the default for code that runs a mode without the entry point. */
export const NO_REPORTER: Reporter = {
  start: async () => undefined,
  finish: async () => undefined
}
