/** A step of the rollout: the canary, or one bounded-parallel wave of the rest of the fleet. */
export interface Step {
  name: string
  kind: 'canary' | 'wave'
  tenants: string[]
}

/**
 * Canary first (all canary tenants together), then the rest of the fleet in waves of at most
 * `maxParallel`, in the order the fleet was given. Pure, so the shape of a rollout is tested alone.
 */
export function planSteps(fleet: readonly string[], canary: readonly string[], maxParallel: number): Step[] {
  const steps: Step[] = []
  const inCanary = new Set(canary)
  if (canary.length > 0) steps.push({ name: 'canary', kind: 'canary', tenants: [...canary] })
  const rest = fleet.filter((t) => !inCanary.has(t))
  for (let i = 0; i < rest.length; i += maxParallel) {
    steps.push({ name: `wave ${steps.filter((s) => s.kind === 'wave').length + 1}`, kind: 'wave', tenants: rest.slice(i, i + maxParallel) })
  }
  return steps
}
