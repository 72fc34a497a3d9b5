import type { RunContext } from '../context.js'
import type { Outcome } from '../outcome.js'

/**
 * The neutral ending shared by every mode that finds itself superseded: success with a notice, or a
 * failure when the workflow asked for `on-superseded: fail`.
 */
export function supersededOutcome(ctx: RunContext, reason: string, headSha: string | undefined, extra: Record<string, string> = {}): Outcome {
  return {
    result: 'skipped-superseded',
    failure: ctx.settings.gate.onSuperseded === 'fail' ? reason : undefined,
    outputs: { superseded: 'true', 'head-sha': headSha ?? '', reason, ...extra }
  }
}
