import { createContext } from '../../src/context.js'
import { runReconcileMode } from '../../src/modes/reconcile-mode.js'
import { createReporter } from '../../src/report/publish/factory.js'
import { httpFor, NO_COMMANDS } from './adapters.js'
import { askingOnce } from './bugs.js'
import type { Execution } from './execution.js'
import { forgeFor } from './forge-adapter.js'
import { settingsFor } from './job-inputs.js'
import { judgeReconcile, reportOn, thrownOutcome } from './job-end.js'
import { realForge } from './real-forge.js'
import type { JobHandle } from './types.js'
import { COMMITS } from './world.js'

/**
 * The scheduled reconcile, as a workflow would run it: `mode: reconcile` (src/modes/reconcile-mode.ts)
 * with its settings parsed from the same inputs as the deploys', the real deploy-records reader and
 * deploy-state decision, drift, forward-only rollout with the deploy state asked before every wave, and
 * promotion; its own record through the real reporter. It reconciles to the head it reads first.
 */
export async function reconcileJob(ex: Execution, job: JobHandle): Promise<void> {
  const { scenario, world } = ex
  world.reconcilers.add(job.name)
  // A scheduled run that comes later (past deploy-timeout-minutes, say): nothing is read before then.
  if (scenario.reconcileDelayMs) await ex.sleep(job.name, scenario.reconcileDelayMs)
  const parsed = settingsFor(scenario, COMMITS.A, { mode: 'reconcile', runId: job.runId, attempt: job.attempt })
  const settings = scenario.bugs.includes('reconcile-asks-once') ? askingOnce(parsed, () => ex.traces.get(job.name)!.some((t) => t.includes('records('))) : parsed
  const [clock, http] = [ex.clockFor(job.name), httpFor(ex, job)]
  const recordName = parsed.reconcile!.deployRecordName
  const api = scenario.forgeApi ? realForge(ex, job, parsed, { http, clock, recordName }) : undefined
  const forge = api?.forge ?? forgeFor(ex, job, { recordName, stripAttempts: scenario.bugs.includes('records-without-attempts') })
  const reporter = createReporter(parsed, api ? { http, clock, fetch: api.fetch } : { http, clock, forge })
  const ctx = createContext(settings, { clock, http, forge, signal: job.controller.signal, reporter })
  const outcome = await runReconcileMode(ctx, NO_COMMANDS).catch((error: unknown) => thrownOutcome(error, job.controller.signal))
  job.result = outcome.result
  judgeReconcile(ex, job, outcome, await reportOn(ex, ctx, outcome))
}
