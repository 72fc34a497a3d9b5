import type { Ancestry } from '../forge/ancestry.js'
import { sameCommit } from '../forge/types.js'
import type { Observation } from '../verify/types.js'

/**
 * What the pre-flight read says about one tenant, against the target:
 * - `on-target`: it serves the target already
 * - `ahead`: it serves a descendant of the target (rolling it would move it backward)
 * - `older`: the forge established it is an ancestor of the target, or off the branch (diverged)
 * - `no-answer`: it gave no SHA at all (down, an error status, an unreadable body)
 * - `unknown`: it answered a SHA, but the forge could not say how that SHA relates to the target
 */
export type Seen = { kind: 'on-target' | 'ahead' | 'older'; sha: string } | { kind: 'no-answer'; error?: string } | { kind: 'unknown'; sha: string; detail: string }

export async function preflightRead(obs: Observation, target: string, ancestry: Ancestry): Promise<Seen> {
  if (!obs.sha) return { kind: 'no-answer', error: obs.error }
  if (sameCommit(obs.sha, target)) return { kind: 'on-target', sha: obs.sha }
  const cmp = await ancestry.relation(target, obs.sha)
  switch (cmp.relation) {
    case 'identical':
      return { kind: 'on-target', sha: obs.sha }
    case 'ahead':
      return { kind: 'ahead', sha: obs.sha }
    case 'behind':
    case 'diverged':
      return { kind: 'older', sha: obs.sha }
    case 'unknown':
      return { kind: 'unknown', sha: obs.sha, detail: cmp.detail ?? 'the forge gave no answer' }
  }
}

export type PreflightAction = 'skip-on-target' | 'skip-ahead' | 'skip-unknown' | 'redeploy' | 'redeploy-forced-backward'

/**
 * Forward-only, as a pure function. A tenant that gave no answer is rolled: it may be down, and the
 * redeploy may be its fix. A tenant that answered a SHA the forge cannot place is NOT rolled: it may be
 * ahead, and rolling it would be the backward move this action exists to prevent (`force` overrides).
 */
export function preflightAction(seen: Seen, force: boolean): PreflightAction {
  switch (seen.kind) {
    case 'on-target':
      return 'skip-on-target'
    case 'ahead':
      return force ? 'redeploy-forced-backward' : 'skip-ahead'
    case 'unknown':
      return force ? 'redeploy' : 'skip-unknown'
    case 'older':
    case 'no-answer':
      return 'redeploy'
  }
}
