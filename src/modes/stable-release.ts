import * as core from '../log.js'
import type { RunContext } from '../context.js'
import { readRevision } from '../promote/revision.js'
import { readStanding, type Standing } from '../record/standing.js'
import { registerSecret } from '../redact.js'
import { createRegistry } from '../registry/client.js'
import type { LatestRead } from '../rollout/restore-stable.js'
import { renderTags } from '../settings/promote.js'
import { recordName } from '../settings/report.js'

/**
 * What a canary restore learns of the stable release: the deploy records of a commit under this deploy's
 * names, and the commit the promote tag (`:latest`) holds.
 */
export function standingReader(ctx: RunContext): ((sha: string) => Promise<Standing>) | undefined {
  const { report, target } = ctx.settings
  if (report.kind === 'none' || !report.template) return undefined
  const vars = { environment: target.environment, mode: 'deploy' }
  const names = { whole: recordName(report.template, vars), shard: (i: number) => recordName(report.template!, vars, i) }
  return (sha) => readStanding(ctx.forge, sha, names)
}

/**
 * The promote tag's commit, read as promotion reads it (its revision annotation or label), only with the
 * native retag: with a promote-command the job cannot read the registry, and with no `image` it promotes
 * nothing, so it has no stable tag to go back to. A read that fails says why; it never throws.
 */
export function latestReader(ctx: RunContext): (() => Promise<LatestRead>) | undefined {
  const settings = ctx.settings.promote
  if (!settings?.image || settings.command) return undefined
  const image = settings.image
  return async () => {
    const { tag } = renderTags(settings, ctx.settings.target.sha, ctx.settings.target.environment)
    const registry = createRegistry(image, {
      http: ctx.http,
      clock: ctx.clock,
      retry: settings.retry,
      timeoutMs: settings.requestTimeoutMs,
      credentials: settings.credentials,
      signal: ctx.signal,
      log: (m) => core.info(m),
      onSecret: registerSecret
    })
    const manifest = await registry.getManifest(tag)
    if (!manifest) return { note: `${tag} does not exist` }
    const read = await readRevision(registry, manifest)
    return read.revision ? { sha: read.revision } : { note: `${tag}: ${read.note}` }
  }
}
