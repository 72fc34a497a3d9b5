import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'

/**
 * `npm run lint:workflows` on the repository's workflows, examples and action.yml, on files broken
 * on purpose (it must be able to say no), and the README's YAML recipes, which readers copy as they are.
 */
let dir: string
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

const lint = (...files: string[]): { status: number | null; out: string } => {
  const r = spawnSync(process.execPath, ['scripts/lint-workflows.mjs', ...files], { encoding: 'utf8' })
  return { status: r.status, out: `${r.stdout}${r.stderr}` }
}

describe('lint:workflows', () => {
  it('accepts the workflows, every example and action.yml', () => {
    const r = lint()
    expect(r.out).toMatch(/ok {4}\.github\/workflows\/ci\.yml/)
    expect(r.out).toMatch(/ok {4}examples\/gitea\/deploy\.yml/)
    expect(r.out).toMatch(/ok {4}action\.yml/)
    expect(r.status).toBe(0)
  })

  it('refuses a misspelt key, a missing permissions block, an unpinned action and a broken action.yml', async () => {
    dir = await mkdtemp(join(tmpdir(), 'rg-lint-'))
    const example = await readFile('examples/github/gate-only.yml', 'utf8')
    await writeFile(join(dir, 'typo.yml'), example.replace('    runs-on:', '    runs_on:'))
    await writeFile(join(dir, 'open.yml'), example.replace(/^permissions:\n {2}contents: read\n/m, ''))
    await writeFile(join(dir, 'unpinned.yml'), example.replace(/actions\/checkout@\S+ # v4\.2\.2/, 'actions/checkout@v4'))
    await writeFile(join(dir, 'action.yml'), (await readFile('action.yml', 'utf8')).replace('runs:\n  using: node24', 'runs:\n  using: node24\n  mian: x'))
    const r = lint(join(dir, 'typo.yml'), join(dir, 'open.yml'), join(dir, 'unpinned.yml'), join(dir, 'action.yml'))
    expect(r.status).toBe(1)
    expect(r.out).toMatch(/typo\.yml \(Line: \d+, Col: 5\): Unexpected value 'runs_on'/)
    expect(r.out).toContain('Required property is missing: runs-on')
    expect(r.out).toContain('permissions: declare them at the top or on every job')
    expect(r.out).toMatch(/actions\/checkout@v4 is not pinned by a full commit SHA/)
    expect(r.out).toMatch(/action\.yml \(Line: \d+, Col: 3\): Unexpected value 'mian'/)
    expect(r.out).toContain('4 of 4 file(s) failed validation.')
  })

  it('refuses an expression in an action input description, which the runner would fail to load', async () => {
    // The runner parses every string of action.yml for `${{ }}`, and a description allows no context:
    // "Unrecognized named-value … Fail to load action.yml" (e.g. actions/runner#407 for the rule).
    dir ??= await mkdtemp(join(tmpdir(), 'rg-lint-'))
    const action = await readFile('action.yml', 'utf8')
    await writeFile(join(dir, 'action.yml'), action.replace(/(\n {4}description: >-\n)/, '$1      Set it from `${{ vars.X }}`.\n'))
    const r = lint(join(dir, 'action.yml'))
    expect(r.status).toBe(1)
    expect(r.out).toMatch(/action\.yml \(Line: \d+, Col: \d+\): Unrecognized named-value: 'vars'/)
  })
})

describe('README recipes', () => {
  it('every ```yaml block is valid YAML', async () => {
    const readme = await readFile('README.md', 'utf8')
    const blocks = [...readme.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => m[1]!)
    expect(blocks.length).toBeGreaterThan(5)
    for (const block of blocks) expect(() => parse(block)).not.toThrow()
  })
})
