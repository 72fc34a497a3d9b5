/**
 * The forward-only rule as a pure function of what the registry and the forge said: the target tag
 * never moves to an image built from an older commit than the one it holds.
 */
export interface TargetState {
  /** What the target tag points at now; undefined when the tag does not exist yet. */
  digest: string | undefined
  /** Commit the target image was built from, when its revision annotation or label says so. */
  revision: string | undefined
  /** Why the revision is unknown, for the reason text. */
  revisionNote?: string
}

export interface PromotionFacts {
  /** This job's commit. */
  sha: string
  source: { tag: string; digest: string }
  target: TargetState & { tag: string }
  /** The forge confirmed the target's revision is a strict descendant of `sha`. */
  targetAhead: boolean
  force: boolean
}

export type PromotionDecision =
  | { action: 'unchanged'; reason: string }
  | { action: 'skip-ahead'; reason: string }
  | { action: 'promote'; reason: string; forced: boolean }

const short = (s: string): string => (s.startsWith('sha256:') ? s.slice(0, 19) : s.slice(0, 7))

export function decidePromotion(f: PromotionFacts): PromotionDecision {
  const { sha, source, target } = f
  const moving = `${target.tag} -> ${source.tag} (${short(source.digest)}, ${short(sha)})`
  if (target.digest === source.digest) {
    return { action: 'unchanged', reason: `${target.tag} already points at ${short(source.digest)}, the image of ${source.tag}; nothing to do.` }
  }
  if (!target.digest) return { action: 'promote', forced: false, reason: `${target.tag} does not exist yet; promoting ${moving}.` }
  const held = target.revision ? `${short(target.revision)} (${short(target.digest)})` : short(target.digest)
  if (f.targetAhead) {
    const ahead = `${target.tag} holds ${held}, a newer commit than ${short(sha)}`
    if (f.force) return { action: 'promote', forced: true, reason: `${ahead}, but force: true moves it back: ${moving}.` }
    return { action: 'skip-ahead', reason: `${ahead}; ${target.tag} stays where it is (forward-only).` }
  }
  if (!target.revision) {
    return { action: 'promote', forced: false, reason: `${target.tag} holds ${held} whose commit is unknown (${target.revisionNote ?? 'no revision annotation or label'}); promoting ${moving}.` }
  }
  return { action: 'promote', forced: false, reason: `${target.tag} holds ${held}, which is not newer than ${short(sha)}; promoting ${moving}.` }
}
