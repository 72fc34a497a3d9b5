import * as core from '@actions/core'
import type { CommandRunner } from '../command/runner.js'
import { errorMessage } from '../errors.js'
import type { Registry } from '../registry/client.js'
import { type PromoteSettings, renderTags } from '../settings/promote.js'
import { runPromoteCommand } from './command.js'
import { decidePromotion, type TargetState } from './decide.js'
import { readRevision } from './revision.js'

/**
 * Promotion as a registry retag that only moves forward: copy the manifest of `promote-from` onto
 * `promote-tag`, byte for byte, unless the tag already holds that image or an image of a newer commit,
 * and only if this job still owns the branch when it is about to write.
 */
export interface PromotionResult {
  promoted: boolean
  outcome: 'promoted' | 'unchanged' | 'skipped-ahead' | 'skipped-superseded' | 'failed'
  /** The image the tag points at after this step (for `unchanged`/`promoted`), or the source image. */
  digest?: string
  previousDigest?: string
  previousRevision?: string
  reason: string
  /** `force: true` moved the tag past the forward-only check. */
  forced?: boolean
}

export interface PromoteOptions {
  settings: PromoteSettings
  sha: string
  environment: string
  force: boolean
  /** undefined when promote-command replaces the native retag. */
  registry: Registry | undefined
  runner: CommandRunner
  ancestry: { isAhead(candidate: string, target: string): Promise<boolean> }
  /** Asked right before the write; superseded means the tag is left alone. */
  checkGate: () => Promise<{ superseded: boolean; reason: string }>
  signal?: AbortSignal
}

export async function promote(opts: PromoteOptions): Promise<PromotionResult> {
  try {
    const tags = renderTags(opts.settings, opts.sha, opts.environment)
    if (opts.settings.command) return await byCommand(opts, tags)
    if (!opts.registry) throw new Error('no registry client and no promote-command: nothing can promote')
    return await byRetag(opts, opts.registry, tags)
  } catch (error) {
    return { promoted: false, outcome: 'failed', reason: `Promotion failed: ${errorMessage(error)}` }
  }
}

async function byRetag(opts: PromoteOptions, registry: Registry, tags: { from: string; tag: string }): Promise<PromotionResult> {
  const name = registry.ref.display
  const source = await registry.getManifest(tags.from)
  if (!source) {
    return { promoted: false, outcome: 'failed', reason: `Source tag missing: ${name}:${tags.from} does not exist (HTTP 404); push the image of ${opts.sha.slice(0, 7)} as ${tags.from} first.` }
  }
  core.info(`${name}:${tags.from} is ${source.digest} (${source.mediaType}).`)
  const target: TargetState = { digest: await registry.manifestDigest(tags.tag), revision: undefined }
  let targetAhead = false
  if (target.digest && target.digest !== source.digest) {
    try {
      // Read by digest: the image judged is the image that was there, even if the tag moves meanwhile.
      const held = await registry.getManifest(target.digest)
      const read = held ? await readRevision(registry, held) : { revision: undefined, note: 'its manifest vanished while being read' }
      target.revision = read.revision
      target.revisionNote = read.note
    } catch (error) {
      if (!opts.force) throw new Error(`cannot tell which commit ${name}:${tags.tag} (${target.digest}) was built from, so it is not moved: ${errorMessage(error)}`, { cause: error })
      target.revisionNote = `unreadable: ${errorMessage(error)}`
    }
    if (target.revision) targetAhead = await opts.ancestry.isAhead(target.revision, opts.sha)
  }
  core.info(`${name}:${tags.tag} is ${target.digest ?? 'absent'}${target.revision ? `, built from ${target.revision}` : ''}.`)

  const decision = decidePromotion({ sha: opts.sha, source: { tag: tags.from, digest: source.digest }, target: { ...target, tag: tags.tag }, targetAhead, force: opts.force })
  const before = { previousDigest: target.digest, previousRevision: target.revision }
  if (decision.action === 'unchanged') return { promoted: false, outcome: 'unchanged', digest: source.digest, ...before, reason: decision.reason }
  if (decision.action === 'skip-ahead') return { promoted: false, outcome: 'skipped-ahead', digest: source.digest, ...before, reason: decision.reason }
  if (decision.forced) core.warning(decision.reason, { title: 'Promotion forced backward' })

  const gate = await opts.checkGate()
  if (gate.superseded) {
    return { promoted: false, outcome: 'skipped-superseded', digest: source.digest, ...before, reason: `${gate.reason} ${tags.tag} was not moved.` }
  }
  const written = await registry.putManifest(tags.tag, source)
  if (written !== source.digest) {
    return { promoted: false, outcome: 'failed', ...before, reason: `Promotion failed: the registry stored ${tags.tag} as ${written}, not ${source.digest}.` }
  }
  core.info(`${name}:${tags.tag} now points at ${written}.`)
  return { promoted: true, outcome: 'promoted', digest: written, ...before, reason: decision.reason, forced: decision.forced }
}

async function byCommand(opts: PromoteOptions, tags: { from: string; tag: string }): Promise<PromotionResult> {
  // The command cannot be asked what the tag holds, so the gate is the only guard: it must do its own
  // forward-only check if the registry can move tags out of order.
  const gate = await opts.checkGate()
  if (gate.superseded) return { promoted: false, outcome: 'skipped-superseded', reason: `${gate.reason} promote-command was not run.` }
  const result = await runPromoteCommand(opts.settings, tags, opts.sha, opts.environment, opts.runner, opts.signal)
  if (!result.ok) return { promoted: false, outcome: 'failed', digest: result.digest, reason: `Promotion failed: ${result.detail}` }
  return { promoted: true, outcome: 'promoted', digest: result.digest, reason: `${result.detail}.` }
}
