import type { CommandRunner } from '../command/runner.js'
import { errorMessage } from '../errors.js'
import { redact } from '../redact.js'
import { render } from '../template.js'
import { type RedeployOptions, type RedeployRequest, type RedeployResult, type Redeployer, requestVars } from './redeploy-types.js'

/**
 * `redeploy-command`: run once per tenant, without a shell. Each argument is templated on its own, so a
 * value can never split into two arguments or a second command; the values are also in the environment.
 * The command is run once and never retried here, so it needs no fence: the rollout's gate before the
 * wave (and the sweeper's before a re-issue) is the last word before it starts.
 */
export class CommandRedeployer implements Redeployer {
  constructor(
    private readonly argv: string[],
    private readonly runner: CommandRunner
  ) {}

  async redeploy(req: RedeployRequest, { signal }: RedeployOptions = {}): Promise<RedeployResult> {
    const vars = requestVars(req)
    const argv = this.argv.map((a) => render(a, vars))
    const env = {
      ROLLOUT_TENANT: req.tenant,
      ROLLOUT_TAG: req.tag,
      ROLLOUT_SHA: req.sha,
      ROLLOUT_ENVIRONMENT: req.environment,
      ROLLOUT_CURRENT: req.current
    }
    try {
      const res = await this.runner.run(argv, { env, signal })
      if (res.exitCode === 0) return { ok: true, detail: '' }
      return { ok: false, detail: redact(`exit code ${res.exitCode}${res.stderrTail ? `: ${res.stderrTail}` : ''}`) }
    } catch (error) {
      return { ok: false, detail: redact(`could not run ${argv[0]}: ${errorMessage(error)}`) }
    }
  }
}
