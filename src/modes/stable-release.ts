import type { RunContext } from '../context.js'
import { readRevision } from '../promote/revision.js'
import { readStanding, type Standing } from '../record/standing.js'
import type { LatestRead } from '../rollout/restore-stable.js'
import { renderTags } from '../settings/promote.js'
import { recordName } from '../settings/report.js'
import { jobRegistry } from './job-registry.js'

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
  const registry = jobRegistry(ctx)
  if (!settings || !registry) return undefined
  return async () => {
    const { tag } = renderTags(settings, ctx.settings.target.sha, ctx.settings.target.environment)
    const manifest = await registry.getManifest(tag)
    if (!manifest) return { note: `${tag} does not exist` }
    const read = await readRevision(registry, manifest)
    return read.revision ? { sha: read.revision } : { note: `${tag}: ${read.note}` }
  }
}
