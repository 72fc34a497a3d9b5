/**
 * The fleet the demo rolls: a few dozen customer tenants with drain times of a few seconds, spread the
 * way real ones are (most settle in one to three seconds, a few slow ones take longer). The numbers
 * come from a hash of the name, so every run of the demo tells the same story.
 */
export const TENANT_NAMES = [
  'acme',
  'globex',
  'initech',
  'umbrella',
  'hooli',
  'vandelay',
  'wonka',
  'stark',
  'wayne',
  'tyrell',
  'cyberdyne',
  'soylent',
  'oscorp',
  'aperture',
  'massive',
  'gringotts',
  'monarch',
  'duff',
  'krusty',
  'planet',
  'nakatomi',
  'weyland',
  'zorg',
  'virtucon',
  'gekko',
  'dunder',
  'pied-piper',
  'bluth',
  'sterling',
  'prestige',
  'oceanic',
  'nostromo',
  'tessier',
  'rekall',
  'spacely',
  'cogswell'
] as const

/** The first tenant is the canary: rolled, verified, soaked and verified again before the rest. */
export const CANARY = TENANT_NAMES[0]

/** Tenants redeployed at once after the canary (`max-parallel`). */
export const WAVE_SIZE = 12

function unit(name: string, salt: number): number {
  let h = 2166136261 ^ salt
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 16777619)
  return ((h >>> 0) % 10_000) / 10_000
}

/** Milliseconds from a redeploy until the tenant serves the new commit: 0.8 to 3.2 s, one in six up to 4.5 s. */
export function drainMs(name: string, scale = 1): number {
  const slow = unit(name, 7) < 1 / 6
  const seconds = slow ? 3.2 + unit(name, 13) * 1.3 : 0.8 + unit(name, 29) * 2.4
  return Math.round(seconds * 1000 * scale)
}

export interface DemoPlan {
  tenants: string[]
  canary: string
  waveSize: number
  /** Multiplies every drain time (tests use less than 1). */
  drainScale: number
  soakSeconds: number
}

export function defaultPlan(overrides: Partial<DemoPlan> = {}): DemoPlan {
  return { tenants: [...TENANT_NAMES], canary: CANARY, waveSize: WAVE_SIZE, drainScale: 1, soakSeconds: 1.5, ...overrides }
}
