import { describe, expect, it } from '@jest/globals'
import { INPUT_MODES, MODES } from '../scripts/input-modes.mjs'
import { actionInputs } from '../scripts/action-inputs.mjs'
import { parseSettings } from '../src/settings/index.js'

/**
 * docs/inputs.md's view by mode comes from scripts/input-modes.mjs: it must name every input of action.yml,
 * and an input it says a mode does not read must be ignored by that mode's settings, whatever its value.
 */
const base = { GITHUB_SHA: 'a'.repeat(40), GITHUB_REPOSITORY: 'acme/app', GITHUB_API_URL: 'https://api.github.com', INPUT_TOKEN: 't' }
const needs: Record<string, Record<string, string>> = {
  gate: {},
  verify: { INPUT_TENANTS: 'acme', 'INPUT_BUILDINFO-URL': 'https://{tenant}.example.com/b' },
  deploy: { INPUT_TENANTS: 'acme', 'INPUT_BUILDINFO-URL': 'https://{tenant}.example.com/b', 'INPUT_REDEPLOY-URL': 'https://cp.example.com/{tenant}' },
  promote: { INPUT_IMAGE: 'ghcr.io/acme/app' },
  reconcile: { INPUT_TENANTS: 'acme', 'INPUT_BUILDINFO-URL': 'https://{tenant}.example.com/b', 'INPUT_REDEPLOY-URL': 'https://cp.example.com/{tenant}' }
}

describe('inputs by mode', () => {
  it('names every input of action.yml, and only those', () => {
    expect(Object.keys(INPUT_MODES).sort()).toEqual([...actionInputs()].sort())
  })

  it.each(MODES)('mode %s ignores every input the table does not list for it, whatever its value', (mode) => {
    const env = { ...base, ...needs[mode], INPUT_MODE: mode }
    expect(() => parseSettings(env)).not.toThrow()
    const unread = Object.entries(INPUT_MODES).filter(([, modes]) => modes !== 'all' && !modes.includes(mode))
    for (const [name] of unread) expect({ name, error: errorOf(() => parseSettings({ ...env, [`INPUT_${name.toUpperCase()}`]: '{zz}not valid\u0001' })) }).toEqual({ name, error: undefined })
  })
})

function errorOf(fn: () => unknown): string | undefined {
  try {
    fn()
    return undefined
  } catch (error) {
    return (error as Error).message
  }
}
