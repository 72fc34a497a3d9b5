import { InputError } from '../errors.js'

/** A step of the rollout: the canary, or one wave of the rest of the fleet. */
export interface Step {
  name: string
  kind: 'canary' | 'wave'
  tenants: string[]
  /** Tenants covered once this step is done, canary included: `wave 2` of `10%, 50%` on 60 reaches 30. */
  reach: number
}

/** One cumulative mark of the `waves` input: a share of the whole fleet, or a number of tenants. */
export type WaveMark = { kind: 'percent'; value: number } | { kind: 'count'; value: number }

/**
 * Canary first (all canary tenants together), then the rest of the fleet in the order it was given:
 * - without `waves`, in waves of at most `maxParallel`;
 * - with `waves`, each wave ends at its cumulative mark, rounded up (`ceil(p% × fleet)`: 10% of 15 is 2),
 *   the canary counting toward the first. A mark the canary (or the previous mark) already reaches
 *   adds no empty wave; a count beyond the fleet (a shard, or reconcile's behind tenants) means all of it.
 * Pure, so the shape of a rollout is tested alone. `maxParallel` then bounds the redeploys in flight.
 */
export function planSteps(fleet: readonly string[], canary: readonly string[], maxParallel: number, waves: readonly WaveMark[] = []): Step[] {
  const steps: Step[] = []
  const inCanary = new Set(canary)
  const rest = fleet.filter((t) => !inCanary.has(t))
  const first = fleet.length - rest.length
  if (canary.length > 0) steps.push({ name: 'canary', kind: 'canary', tenants: [...canary], reach: first })
  const ends = waves.length ? waveEnds(fleet.length, waves) : fixedEnds(fleet.length, first, maxParallel)
  let done = first
  let wave = 0
  for (const end of ends) {
    if (end <= done) continue
    steps.push({ name: `wave ${++wave}`, kind: 'wave', tenants: rest.slice(done - first, end - first), reach: end })
    done = end
  }
  return steps
}

/** `6 tenants, to 6 of 60 (10%)`: a step's size and how far the rollout has reached once it is done. */
export function stepSize(step: Step, total: number): string {
  const pct = total ? Math.round((step.reach * 1000) / total) / 10 : 100
  return `${step.tenants.length} tenant${step.tenants.length === 1 ? '' : 's'}, to ${step.reach} of ${total} (${pct}%)`
}

/** Cumulative ends of the `waves` marks on a fleet of `total`, the last always the whole fleet. */
export function waveEnds(total: number, waves: readonly WaveMark[]): number[] {
  const ends = waves.map((w) => Math.min(total, w.kind === 'count' ? w.value : Math.ceil((w.value * total) / 100)))
  if (ends.at(-1) !== total) ends.push(total)
  return ends
}

function fixedEnds(total: number, canary: number, maxParallel: number): number[] {
  const ends: number[] = []
  for (let end = canary + maxParallel; end < total; end += maxParallel) ends.push(end)
  ends.push(total)
  return ends
}

/**
 * Parses `waves`: marks separated by commas, spaces or newlines, each `N%` (0 < N ≤ 100, decimals
 * allowed) or a whole number of tenants ≥ 1, strictly increasing within each kind and across kinds
 * where both are known (a count after a percentage is checked against the fleet in `checkWaveCounts`).
 * A missing final 100% is added when the waves are planned.
 */
export function parseWaves(raw: string): WaveMark[] {
  const expected = 'cumulative steps after the canary, each a percentage of the fleet or a count of tenants, strictly increasing and at most 100% (e.g. `10%, 50%, 100%`)'
  const text = raw.trim()
  if (!text) return []
  const marks: WaveMark[] = []
  for (const item of text.split(/[\s,]+/).filter(Boolean)) {
    const pct = /^(\d+(?:\.\d+)?)%$/.exec(item)
    if (pct) {
      const value = Number(pct[1])
      if (value <= 0 || value > 100) throw new InputError('waves', raw, `${expected}; ${JSON.stringify(item)} is not above 0% and at most 100%`)
      marks.push({ kind: 'percent', value })
    } else if (/^\d+$/.test(item) && Number(item) >= 1) {
      marks.push({ kind: 'count', value: Number(item) })
    } else {
      throw new InputError('waves', raw, `${expected}; ${JSON.stringify(item)} is neither a percentage nor a whole number of tenants`)
    }
    const [prev, last] = [marks.at(-2), marks.at(-1)!]
    if (prev && prev.kind === last.kind && last.value <= prev.value) {
      throw new InputError('waves', raw, `${expected}; ${JSON.stringify(item)} does not increase on the step before it`)
    }
  }
  return marks
}

/**
 * With the fleet known (before any redeploy): counts at most the fleet, and each mark beyond the one
 * before it, compared unrounded so that a count and a percentage are weighed in the same terms.
 */
export function checkWaveCounts(raw: string, waves: readonly WaveMark[], total: number): void {
  const expected = `cumulative steps, strictly increasing and at most the fleet (${total} tenants), e.g. \`10%, 50%, 100%\``
  let prev = 0
  for (const w of waves) {
    const label = w.kind === 'count' ? String(w.value) : `${w.value}%`
    if (w.kind === 'count' && w.value > total) throw new InputError('waves', raw, `${expected}; ${label} is more than the fleet`)
    const exact = w.kind === 'count' ? w.value : (w.value * total) / 100
    if (exact <= prev) throw new InputError('waves', raw, `${expected}; ${label} does not go beyond the step before it`)
    prev = exact
  }
}
