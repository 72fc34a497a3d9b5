import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parse } from 'yaml'
// @ts-expect-error: a plain .mjs build script without type declarations
import { expectedNode20Entry } from '../scripts/action-entries.mjs'

/**
 * Every action entry (`uses: owner/repo@ref` and `uses: owner/repo/node20@ref` for runners that refuse
 * node24) parses, declares a runtime its runners accept, points at the one built bundle, and offers
 * exactly the same inputs and outputs.
 */

interface ActionDoc {
  inputs: Record<string, unknown>
  outputs: Record<string, unknown>
  runs: { using: string; main: string }
}

const ENTRIES = { 'action.yml': 'node24', 'node20/action.yml': 'node20' } as const
const load = (file: string): ActionDoc => parse(readFileSync(file, 'utf8')) as ActionDoc

describe.each(Object.entries(ENTRIES))('%s', (file, using) => {
  const doc = load(file)

  it(`parses and declares ${using}`, () => {
    expect(doc.runs.using).toBe(using)
    // GitHub's own action metadata schema (@actions/workflow-parser), through the project's lint.
    const lint = spawnSync(process.execPath, ['scripts/lint-workflows.mjs', file], { encoding: 'utf8' })
    expect(lint.stderr + lint.stdout).not.toMatch(/error|problem|expected/i)
    expect(lint.status).toBe(0)
  })

  it('points at the built bundle', () => {
    const main = resolve(dirname(file), doc.runs.main)
    expect(main).toBe(resolve('dist/index.js'))
    expect(existsSync(main)).toBe(true)
  })

  it('offers the same inputs and outputs as action.yml', () => {
    const root = load('action.yml')
    expect(doc.inputs).toEqual(root.inputs)
    expect(doc.outputs).toEqual(root.outputs)
  })
})

it('node20/action.yml is exactly what `npm run docs` generates from action.yml', () => {
  expect(readFileSync('node20/action.yml', 'utf8')).toBe((expectedNode20Entry as () => string)())
})
