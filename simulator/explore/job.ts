import { createContext } from '../../src/context.js'
import { runDeployMode } from '../../src/modes/deploy-mode.js'
import { createReporter } from '../../src/report/publish/factory.js'
import type { Reporter } from '../../src/report/publish/types.js'
import { httpFor, NO_COMMANDS } from './adapters.js'
import { deployBug, deployWithBugs } from './bugs.js'
import type { Execution } from './execution.js'
import { forgeFor } from './forge-adapter.js'
import { settingsFor } from './job-inputs.js'
import { judgeDeploy, reportOn, thrownOutcome } from './job-end.js'
import { promoteJob } from './promote-job.js'
import { realForge } from './real-forge.js'
import type { JobHandle } from './types.js'

/**
 * One deploy job of one commit, as a workflow would run it: `mode: deploy` with the settings parsed
 * from inputs by the real parser, the real gate, rollout, tenant steps, sweeper, verifier and
 * promotion, and the real ending (finishRun) whose record becomes the JSON report. With a reconcile in
 * the scenario the job also writes its deploy records through the real reporter, handed to the mode as
 * src/main.ts hands it (the mode starts it after its first gate read) and finished as src/main.ts finishes
 * it. Only the outside world is the explorer's. A sharded deploy's promote job is a job of the same
 * workflow run, started here too (promote-job.ts).
 */

export async function deployJob(ex: Execution, job: JobHandle): Promise<void> {
  if (job.kind === 'promote') return promoteJob(ex, job)
  const { scenario } = ex
  const records = scenario.reconcile
  const settings = settingsFor(scenario, job.sha, records ? { mode: 'deploy', runId: job.runId, attempt: job.attempt } : undefined, { part: job.part, canaryJob: job.canaryJob })
  const [clock, http] = [ex.clockFor(job.name), httpFor(ex, job)]
  // Through the real adapters (scenario.forgeApi), the reporter builds its own forge client as in a run.
  const api = scenario.forgeApi ? realForge(ex, job, settings, { http, clock }) : undefined
  const forge = api?.forge ?? forgeFor(ex, job)
  const made = records ? createReporter(settings, api ? { http, clock, fetch: api.fetch } : { http, clock, forge }) : undefined
  // As in a run, the mode starts the `running` record itself once its first gate read went through
  // (src/modes/deploy-mode.ts). The deploy goes ahead unrecorded once its reporter gave up on that write
  // (it says so): the watch learns that from the reporter's own answer, not by counting attempts.
  const reporter = made && observed(made, () => ex.world.watch.gaveUp(job.name))
  const ctx = createContext(settings, { clock, http, forge, signal: job.controller.signal, reporter })
  ex.world.watch.deployStarted(job.name, job.sha)
  const outcome = await (deployBug(scenario) ? deployWithBugs(ctx, scenario) : runDeployMode(ctx, NO_COMMANDS)).catch((error: unknown) => thrownOutcome(error, job.controller.signal))
  job.result = outcome.result
  const report = await reportOn(ex, ctx, outcome)
  judgeDeploy(ex, job, outcome, report)
}

/** The reporter as the mode gets it, telling the watch when its `running` write was given up. */
function observed(reporter: Reporter, gaveUp: () => void): Reporter {
  return {
    start: (sha) => {
      const state = reporter.start(sha)
      void state.then((s) => {
        if (s === 'unrecorded') gaveUp()
      })
      return state
    },
    finish: (end) => reporter.finish(end),
    stop: () => reporter.stop?.()
  }
}
