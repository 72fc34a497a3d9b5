import * as core from '../log.js'
import type { CommandRunner } from '../command/runner.js'
import { debug } from '../debug.js'
import { errorMessage } from '../errors.js'
import { sameCommit } from '../forge/types.js'
import type { Manifest, Registry } from '../registry/client.js'
import { type PromoteSettings, renderTags } from '../settings/promote.js'
import { runPromoteCommand } from './command.js'
import { decidePromotion, type ImageState } from './decide.js'
import { type Fence, gateFence, type GateVerdict, SupersededError } from './fence.js'
import { readRevision } from './revision.js'

/**
 * Promotion as a registry retag that only moves forward: copy the manifest of `promote-from` onto
 * `promote-tag`, byte for byte, unless the tag already holds that image or an image of a newer commit
 * than the one copied. The gate is asked before the first registry request, right before the write,
 * and before every retried write; a superseded job leaves the tag alone.
 */
export interface PromotionResult {
  promoted: boolean
  outcome: 'promoted' | 'unchanged' | 'skipped-ahead' | 'skipped-superseded' | 'failed' | 'cancelled'
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
  /** The superseded gate: asked first, right before the write and before each retried write. */
  checkGate: () => Promise<GateVerdict>
  /**
   * The gate on an answer younger than the ownership-evidence bound (read again only when older):
   * asked right before promote-command. Defaults to `checkGate`.
   */
  checkFreshGate?: () => Promise<GateVerdict>
  /** The caller asked the gate just now (mode: promote): the first question is not asked twice. */
  gateAsked?: boolean
  signal?: AbortSignal
}

type Tags = { from: string; tag: string }

export async function promote(opts: PromoteOptions): Promise<PromotionResult> {
  const fence = gateFence(opts.checkGate)
  try {
    const tags = renderTags(opts.settings, opts.sha, opts.environment)
    if (opts.signal?.aborted) return cancelled('the run was cancelled before it started')
    try {
      // Gate first: a superseded job sends no registry request and runs no command.
      if (!opts.gateAsked) await fence()
    } catch (error) {
      if (!(error instanceof SupersededError)) throw error
      const what = opts.settings.command ? 'promote-command was not run' : 'no registry request was sent'
      return { promoted: false, outcome: 'skipped-superseded', reason: `${error.reason} ${tags.tag} was not moved: ${what}.` }
    }
    if (opts.settings.command) return await byCommand(opts, tags, gateFence(opts.checkFreshGate ?? opts.checkGate))
    if (!opts.registry) throw new Error('no registry client and no promote-command: nothing can promote')
    return await byRetag(opts, opts.registry, tags, fence)
  } catch (error) {
    if (opts.signal?.aborted) return cancelled(errorMessage(error))
    return { promoted: false, outcome: 'failed', reason: `Promotion failed: ${errorMessage(error)}` }
  }
}

const cancelled = (detail: string): PromotionResult => ({ promoted: false, outcome: 'cancelled', reason: `Promotion cancelled (${detail}); the tag was not moved by this run.` })

async function byRetag(opts: PromoteOptions, registry: Registry, tags: Tags, fence: Fence): Promise<PromotionResult> {
  const name = registry.ref.display
  const found = await registry.getManifest(tags.from)
  if (!found) {
    return { promoted: false, outcome: 'failed', reason: `Source tag missing: ${name}:${tags.from} does not exist (HTTP 404); push the image of ${opts.sha.slice(0, 7)} as ${tags.from} first.` }
  }
  core.info(`${name}:${tags.from} is ${found.digest} (${found.mediaType}).`)
  const target: ImageState = { digest: await registry.manifestDigest(tags.tag), revision: undefined }
  const source: ImageState & { digest: string } = { digest: found.digest, revision: undefined }
  let targetAhead = false
  if (target.digest !== source.digest) {
    Object.assign(source, await judged(opts, registry, found, `${name}:${tags.from}`))
    if (source.revision && !sameCommit(source.revision, opts.sha)) {
      core.info(`${name}:${tags.from} holds an image of ${source.revision}, not of this job's commit ${opts.sha}: forward-only judges ${source.revision}.`)
    }
    if (target.digest) {
      // Read by digest: the image judged is the image that was there, even if the tag moves meanwhile.
      const held = await registry.getManifest(target.digest)
      Object.assign(target, await judged(opts, registry, held, `${name}:${tags.tag} (${target.digest})`))
    }
    if (target.revision && source.revision) targetAhead = await opts.ancestry.isAhead(target.revision, source.revision)
  }
  core.info(`${name}:${tags.tag} is ${target.digest ?? 'absent'}${target.revision ? `, built from ${target.revision}` : ''}.`)

  const decision = decidePromotion({ sha: opts.sha, source: { ...source, tag: tags.from }, target: { ...target, tag: tags.tag }, targetAhead, force: opts.force })
  debug(
    () =>
      `promotion decision: source ${name}:${tags.from} ${source.digest} built from ${source.revision ?? 'an unknown commit'}; target ${name}:${tags.tag} ${target.digest ?? 'absent'} built from ${target.revision ?? 'an unknown commit'}; target ahead ${targetAhead}; force ${opts.force}: ${decision.action} (${decision.reason})`
  )
  const before = { previousDigest: target.digest, previousRevision: target.revision }
  if (decision.action === 'unchanged') return { promoted: false, outcome: 'unchanged', digest: source.digest, ...before, reason: decision.reason }
  if (decision.action === 'skip-ahead') return { promoted: false, outcome: 'skipped-ahead', digest: source.digest, ...before, reason: decision.reason }
  if (decision.action === 'refuse') return { promoted: false, outcome: 'failed', digest: source.digest, ...before, reason: `Promotion failed: ${decision.reason}` }
  if (decision.forced) core.warning(decision.reason, { title: 'Promotion forced past the forward-only check' })

  let written: string
  try {
    await fence()
    written = await registry.putManifest(tags.tag, found, fence)
  } catch (error) {
    if (!(error instanceof SupersededError)) throw error
    const stopped = error.stopped ? `: ${error.stopped} was not sent` : ''
    return { promoted: false, outcome: 'skipped-superseded', digest: source.digest, ...before, reason: `${error.reason} ${tags.tag} was not moved${stopped}.` }
  }
  if (written !== source.digest) {
    return { promoted: false, outcome: 'failed', ...before, reason: `Promotion failed: the registry stored ${tags.tag} as ${written}, not ${source.digest}.` }
  }
  core.info(`${name}:${tags.tag} now points at ${written}.`)
  return { promoted: true, outcome: 'promoted', digest: written, ...before, reason: decision.reason, forced: decision.forced }
}

/**
 * The commit an image was built from. An image that cannot be read (a manifest or blob missing, the
 * registry failing) is never "commit unknown": that would let an image of a newer commit be replaced.
 * Only `force: true` goes past it, with the reason saying so.
 */
async function judged(opts: PromoteOptions, registry: Registry, manifest: Manifest | undefined, what: string): Promise<Omit<ImageState, 'digest'>> {
  try {
    if (!manifest) throw new Error('its manifest vanished while being read (HTTP 404)')
    const read = await readRevision(registry, manifest)
    return { revision: read.revision, revisionNote: read.note }
  } catch (error) {
    if (!opts.force) throw new Error(`cannot tell which commit ${what} was built from, so nothing is moved: ${errorMessage(error)}`, { cause: error })
    return { revision: undefined, revisionNote: errorMessage(error), unreadable: true }
  }
}

async function byCommand(opts: PromoteOptions, tags: Tags, fence: Fence): Promise<PromotionResult> {
  // The command cannot be asked what the tag holds, so the gate is the only guard (on an answer younger
  // than the bound): the command must do its own forward-only check if the registry can move tags out of order.
  if (opts.signal?.aborted) return cancelled('the run was cancelled before promote-command started')
  try {
    await fence()
  } catch (error) {
    if (!(error instanceof SupersededError)) throw error
    return { promoted: false, outcome: 'skipped-superseded', reason: `${error.reason} ${tags.tag} was not moved: promote-command was not run.` }
  }
  const result = await runPromoteCommand(opts.settings, tags, opts.sha, opts.environment, opts.runner, opts.signal)
  if (!result.ok) return { promoted: false, outcome: 'failed', digest: result.digest, reason: `Promotion failed: ${result.detail}` }
  return { promoted: true, outcome: 'promoted', digest: result.digest, reason: `${result.detail}.` }
}
