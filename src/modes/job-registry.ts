import * as core from '../log.js'
import type { RunContext } from '../context.js'
import { registerSecret } from '../redact.js'
import { createRegistry, type Registry } from '../registry/client.js'

/**
 * The registry client of this job's `image`, with the promotion's credentials, retries and timeout: one
 * construction for the promotion step and for the canary restore's read of the promote tag. Undefined
 * with a `promote-command` (the job cannot read the registry then) or without `image`.
 */
export function jobRegistry(ctx: RunContext): Registry | undefined {
  const settings = ctx.settings.promote
  if (!settings?.image || settings.command) return undefined
  return createRegistry(settings.image, {
    http: ctx.http,
    clock: ctx.clock,
    retry: settings.retry,
    timeoutMs: settings.requestTimeoutMs,
    credentials: settings.credentials,
    signal: ctx.signal,
    log: (m) => core.info(m),
    onSecret: registerSecret
  })
}
