import type { Comparison, Forge } from '../../src/forge/types.js'

/** Ancestry on a straight line of commits: a later one in `order` descends from every earlier one. */
export function linearCompare(order: readonly string[]): (base: string, head: string) => Promise<Comparison> {
  return async (base, head) => {
    const d = order.indexOf(head) - order.indexOf(base)
    return d === 0 ? ({ relation: 'identical' } as Comparison) : d > 0 ? ({ relation: 'ahead', aheadBy: d } as Comparison) : ({ relation: 'behind', behindBy: -d } as Comparison)
  }
}

/** An in-memory forge whose branch head is `head` and whose commits lie on the line `order`. */
export function linearForge(order: readonly string[], head: string): Forge {
  return {
    kind: 'github',
    repository: 'acme/app',
    branchHead: async () => head,
    compare: linearCompare(order),
    resolveCommit: async (ref: string) => ref,
    createCommitStatus: async () => undefined
  } as unknown as Forge
}
