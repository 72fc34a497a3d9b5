import { createContext } from '../../src/context.js'
import { runPromoteMode } from '../../src/modes/promote-mode.js'
import { createReporter } from '../../src/report/publish/factory.js'
import { httpFor, NO_COMMANDS } from './adapters.js'
import { promoteBug, promoteWithBugs } from './bugs.js'
import type { Execution } from './execution.js'
import { forgeFor } from './forge-adapter.js'
import { settingsFor } from './job-inputs.js'
import { reportOn, thrownOutcome } from './job-end.js'
import { judgePromote } from './promote-end.js'
import { realForge } from './real-forge.js'
import type { JobHandle } from './types.js'

/**
 * A sharded deploy's promote job (docs/shards.md: `mode: promote`, `needs: shards`), as a workflow would
 * run it once every shard job of the run succeeded: the real `runPromoteMode` (its gate, then the
 * forward-only retag with the gate asked right before the write and before every retried write), with
 * settings parsed by the real parser from the inputs its step passes (`mode: promote`, `image`), the same
 * forge, registry and clock as the deploy jobs, and its own record through the real reporter when the
 * scenario keeps records. Judged like a deploy job: a documented result, a report that passes its schema,
 * and what its result promises (promote-end.ts).
 */
export async function promoteJob(ex: Execution, job: JobHandle): Promise<void> {
  const { scenario } = ex
  ex.world.promoters.add(job.name)
  const records = scenario.reconcile
  const settings = settingsFor(scenario, job.sha, { mode: 'promote', runId: records ? job.runId : '', attempt: job.attempt })
  const [clock, http] = [ex.clockFor(job.name), httpFor(ex, job)]
  const api = scenario.forgeApi ? realForge(ex, job, settings, { http, clock }) : undefined
  const forge = api?.forge ?? forgeFor(ex, job)
  const reporter = records ? createReporter(settings, api ? { http, clock, fetch: api.fetch } : { http, clock, forge }) : undefined
  const ctx = createContext(settings, { clock, http, forge, signal: job.controller.signal, reporter })
  const outcome = await (promoteBug(scenario) ? promoteWithBugs(ctx, scenario) : runPromoteMode(ctx, NO_COMMANDS)).catch((error: unknown) => thrownOutcome(error, job.controller.signal))
  job.result = outcome.result
  judgePromote(ex, job, outcome, await reportOn(ex, ctx, outcome))
}
