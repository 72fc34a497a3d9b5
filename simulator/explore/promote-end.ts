import type { Outcome } from '../../src/outcome.js'
import type { RunReport } from '../../src/report/model.js'
import type { Execution } from './execution.js'
import { judgeReport } from './job-end.js'
import type { JobHandle } from './types.js'
import { commitName, LATEST, order, revisionOf } from './world.js'

/**
 * A promote job's ending (docs/promotion.md, "Outputs"): a documented result, a report that passes its
 * schema, and what the result promises, read from the registry itself. `promoted` and `unchanged` leave
 * `:latest` on the job's commit or a newer one (it only moves forward after that). With no fault and no
 * broken build, only the order of things changed: a promote job whose commit still owns the branch when
 * it ends must have promoted it (the newest is not made to fail, invariant 7).
 */

const PROMOTE_RESULTS = new Set(['promoted', 'unchanged', 'skipped-ahead', 'skipped-superseded', 'failed', 'cancelled'])
const HOLDS = new Set(['promoted', 'unchanged'])

export function judgePromote(ex: Execution, job: JobHandle, outcome: Outcome, report: RunReport): void {
  const { world, scenario } = ex
  judgeReport(ex, job, outcome, report, PROMOTE_RESULTS)
  const latest = revisionOf(world.manifest(LATEST))
  if (HOLDS.has(outcome.result) && !(latest && order(latest) >= order(job.sha))) {
    world.violations.push({ invariant: 'job-result', detail: `job ${job.name} ended ${outcome.result} while latest holds ${latest ? commitName(latest) : 'no image'}` })
  }
  const healthy = !scenario.broken.length && !scenario.brokenOn
  if (ex.faultFree && healthy && world.head === job.sha && !HOLDS.has(outcome.result)) {
    world.violations.push({ invariant: 'newest-not-deployed', detail: `job ${job.name} ended ${outcome.result} with no fault in the schedule while ${commitName(job.sha)} owns the branch` })
  }
}
