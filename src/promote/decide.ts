/**
 * The forward-only rule as a pure function of what the registry and the forge said: the target tag
 * never moves to an image built from an older commit than the one it holds. The commit judged is the
 * one the COPIED image was built from (its revision annotation or label), never the job's own SHA: a
 * floating source tag (`staging`) can hold an older commit's image than the job that promotes it.
 */
export interface ImageState {
  /** The manifest digest; undefined for a target tag that does not exist yet. */
  digest: string | undefined
  /** Commit the image was built from, when its revision annotation or label says so. */
  revision: string | undefined
  /** Where the revision came from, or why it is unknown, for the reason text. */
  revisionNote?: string
  /** The image could not be read (a manifest or blob missing, the registry failing): not "commit unknown". */
  unreadable?: boolean
}

export interface PromotionFacts {
  /** This job's commit, for the reason text only. */
  sha: string
  source: ImageState & { tag: string; digest: string }
  target: ImageState & { tag: string }
  /** The forge confirmed the target's revision is a strict descendant of the source's revision. */
  targetAhead: boolean
  force: boolean
}

export type PromotionDecision =
  | { action: 'unchanged'; reason: string }
  | { action: 'skip-ahead'; reason: string }
  /** The target's commit is known but the source's is not: nothing proves the move is forward. */
  | { action: 'refuse'; reason: string }
  | { action: 'promote'; reason: string; forced: boolean }

const short = (s: string): string => (s.startsWith('sha256:') ? s.slice(0, 19) : s.slice(0, 7))

export function decidePromotion(f: PromotionFacts): PromotionDecision {
  const { source, target } = f
  const built = source.revision ? `built from ${short(source.revision)}` : 'commit unknown'
  // Source first, as the summary and the demo show a move (`staging-7f25373 → latest`): one direction everywhere.
  const moving = `${source.tag} (${short(source.digest)}, ${built}) → ${target.tag}`
  if (target.digest === source.digest) {
    return { action: 'unchanged', reason: `${target.tag} already points at ${short(source.digest)}, the image of ${source.tag}; nothing to do.` }
  }
  if (!target.digest) return { action: 'promote', forced: false, reason: `${target.tag} does not exist yet; promoting ${moving}.` }
  const held = target.revision ? `${short(target.revision)} (${short(target.digest)})` : short(target.digest)
  const unreadable = [target.unreadable && `${target.tag} (${short(target.digest)})`, source.unreadable && source.tag].filter(Boolean).join(' and ')
  if (unreadable) {
    const why = `cannot tell which commit ${unreadable} was built from (${[target, source].flatMap((i) => (i.unreadable ? [i.revisionNote] : [])).join('; ')})`
    if (f.force) return { action: 'promote', forced: true, reason: `${why}, but force: true moves it: ${moving}.` }
    return { action: 'refuse', reason: `${why}; ${target.tag} is not moved.` }
  }
  if (target.revision && !source.revision) {
    const unknown = `${source.tag} holds an image whose commit is unknown (${source.revisionNote ?? 'no revision annotation or label'}) and ${target.tag} holds ${held}, so nothing proves the move is forward`
    if (f.force) return { action: 'promote', forced: true, reason: `${unknown}, but force: true moves it: ${moving}.` }
    return { action: 'refuse', reason: `${unknown}; ${target.tag} is not moved. Build ${source.tag} with the org.opencontainers.image.revision label, or run with force: true.` }
  }
  if (f.targetAhead) {
    const ahead = `${target.tag} holds ${held}, a newer commit than ${short(source.revision!)}, the commit of ${source.tag}`
    if (f.force) return { action: 'promote', forced: true, reason: `${ahead}, but force: true moves it back: ${moving}.` }
    return { action: 'skip-ahead', reason: `${ahead}; ${target.tag} stays where it is (forward-only).` }
  }
  if (!target.revision) {
    return { action: 'promote', forced: false, reason: `${target.tag} holds ${held} whose commit is unknown (${target.revisionNote ?? 'no revision annotation or label'}); promoting ${moving}.` }
  }
  return { action: 'promote', forced: false, reason: `${target.tag} holds ${held}, which is not newer than ${short(source.revision!)}; promoting ${moving}.` }
}
