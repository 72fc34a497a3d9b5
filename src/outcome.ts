import type { RunRecord } from './report/model.js'

/** What a mode hands back to main: the outputs it sets and whether the step fails. */
export interface Outcome {
  /** The `result` output: owner, skipped-superseded, verified, deployed, promoted, failed, ... */
  result: string
  /** Set when the step must fail; main passes it to core.setFailed. */
  failure?: string
  outputs: Record<string, string>
  /** What the run did; main turns it into the JSON report, the job summary and the check or status. */
  record?: RunRecord
}
