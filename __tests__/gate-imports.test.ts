import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'

/**
 * What `mode: gate` loads (docs/node-versions.md, start-up): main.ts and everything it imports, then the gate's
 * own chunk. Type-only imports load nothing and are left out. The rollout, the verifier, the canary
 * analysis, the registry client, the reconciler and the promotion are loaded by the modes that use them,
 * with `import()` (src/main.ts), so the gate every deploy pays for starts without them.
 */
function loads(...entries: string[]): string[] {
  const seen = new Set<string>()
  const visit = (file: string): void => {
    if (seen.has(file)) return
    seen.add(file)
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/^\s*(?:import|export)(?!\s+type\b)\b[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/gm)) visit(resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')))
  }
  for (const entry of entries) visit(resolve(entry))
  return [...seen].map((f) => relative('src', f))
}

const LATER = ['rollout/rollout.ts', 'verify/fleet.ts', 'analysis/canary.ts', 'registry/client.ts', 'reconcile/', 'promote/promote.ts']

describe('what the gate loads', () => {
  it('neither the rollout nor the verifier, the analysis, the registry client, the reconciler or the promotion', () => {
    const gate = loads('src/main.ts', 'src/modes/gate-mode.ts')
    expect(gate).toContain('modes/gate-mode.ts')
    expect(gate.filter((f) => LATER.some((l) => f.startsWith(l)))).toEqual([])
  })

  it('the check sees them where they are loaded: deploy mode loads all but the reconciler', () => {
    const deploy = loads('src/main.ts', 'src/modes/deploy-mode.ts')
    expect(LATER.filter((l) => deploy.some((f) => f.startsWith(l)))).toEqual(LATER.filter((l) => l !== 'reconcile/'))
  })
})
