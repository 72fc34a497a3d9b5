import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

/**
 * No import cycles in src/, type-only imports included: an interface and its factory must not sit in one
 * file that its implementations import back, and settings own their defaults instead of borrowing them from
 * the code they configure. Relative imports are resolved the way NodeNext writes them (`./x.js` is `x.ts`).
 */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
}

export function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of sources(root)) {
    const text = readFileSync(file, 'utf8')
    const deps = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/gm)].map((m) => resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')))
    graph.set(resolve(file), deps)
  }
  return graph
}

export function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>()
  const path: string[] = []
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node]
    state.set(node, 'open')
    path.push(node)
    for (const dep of graph.get(node) ?? []) {
      const cycle = visit(dep)
      if (cycle) return cycle
    }
    path.pop()
    state.set(node, 'done')
    return undefined
  }
  for (const node of graph.keys()) {
    const cycle = visit(node)
    if (cycle) return cycle
  }
  return undefined
}

describe('import graph of src/', () => {
  it('has no cycle', () => {
    const cycle = findCycle(importGraph('src'))
    expect(cycle?.map((f) => relative('src', f))).toBeUndefined()
  })

  it('the check finds a cycle when there is one', () => {
    const graph = new Map([
      ['/a.ts', ['/b.ts']],
      ['/b.ts', ['/c.ts']],
      ['/c.ts', ['/a.ts']]
    ])
    expect(findCycle(graph)).toEqual(['/a.ts', '/b.ts', '/c.ts', '/a.ts'])
  })
})
