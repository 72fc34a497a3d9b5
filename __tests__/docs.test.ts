import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { parse } from 'yaml'
import { actionInputs, actionSteps, withProblems } from '../scripts/action-inputs.mjs'
import { defaultDist } from '../simulator/run-action.js'

/**
 * The README and docs/ as a reader uses them: every YAML snippet parses and gives this action only
 * inputs it declares (with valid fixed values), every relative link leads to a file, and every shell
 * recipe marked `<!-- recipe-check: expect "..." -->` runs as written on this clone and prints what
 * it promises (against the fleet simulator, never a real forge).
 */
function markdownFiles(): string[] {
  const found = ['README.md', 'CONTRIBUTING.md', 'SECURITY.md', 'CHANGELOG.md']
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.md')) found.push(path)
    }
  }
  walk('docs')
  return found
}

/** Pages other changes add; linked from the index already, checked once they exist. */

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): Set<string> {
  const headings = markdown.replace(/```[\s\S]*?```/g, '').match(/^#{1,6} .*$/gm) ?? []
  return new Set(
    headings.map((h) =>
      h
        .replace(/^#+ /, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-')
    )
  )
}

const docs = markdownFiles().map((path) => ({ path, text: readFileSync(path, 'utf8') }))

describe('README.md and docs/', () => {
  it('the README is a front page: short, with a GitHub and a Gitea step on its first screen, and an index of docs/', () => {
    const readme = docs.find((d) => d.path === 'README.md')!.text
    expect(readme.split('\n').length).toBeLessThan(200)
    const firstScreen = readme.split('\n').slice(0, 60).join('\n')
    expect(firstScreen).toMatch(/\*\*GitHub\*\*[\s\S]*uses: your-org\/rollout-guard@v0/)
    expect(firstScreen).toMatch(/\*\*Gitea[^*]*\*\*[\s\S]*uses: your-org\/rollout-guard@v0/)
    for (const page of readdirSync('docs').filter((f) => f.endsWith('.md'))) expect(readme).toContain(`(docs/${page})`)
  })

  it("the README's defaults are action.yml's, and the redeploy body's {tag} is said", () => {
    const readme = docs.find((d) => d.path === 'README.md')!.text
    const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { default?: string }> }
    const section = readme.slice(readme.indexOf('### Defaults you will meet'), readme.indexOf('## Quick start'))
    const rows = [...section.matchAll(/^\| `([a-z-]+)` \| `(.+?)` \|/gm)].map((m): [string, string] => [m[1]!, m[2]!])
    expect(rows.length).toBeGreaterThanOrEqual(10)
    for (const [name, value] of rows) expect({ name, value }).toEqual({ name, value: action.inputs[name]?.default })
    expect(section).toMatch(/sent as `\{tag\}` in \*\*every redeploy body\*\*/)
  })

  it('every ```yaml block parses, and every step that uses this action passes the with: check', () => {
    const inputs = actionInputs()
    let blocks = 0
    let steps = 0
    for (const { path, text } of docs) {
      for (const m of text.matchAll(/```ya?ml\n([\s\S]*?)```/g)) {
        blocks++
        let doc: unknown
        expect(() => (doc = parse(m[1]!))).not.toThrow()
        for (const { step, where } of actionSteps(doc)) {
          steps++
          expect({ path, where, problems: withProblems(step.with, inputs) }).toEqual({ path, where, problems: [] })
        }
      }
    }
    expect(blocks).toBeGreaterThan(15)
    expect(steps).toBeGreaterThan(10)
  })

  it('every relative link leads to a file of this repository, and an #anchor to one of its headings', () => {
    const broken: string[] = []
    for (const { path, text } of docs) {
      const prose = text.replace(/```[\s\S]*?```/g, '')
      for (const m of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
        const [target, anchor] = m[1]!.split('#') as [string, string | undefined]
        if (/^[a-z]+:/i.test(target)) continue
        const file = target ? join(dirname(path), target) : path
        if (!existsSync(file)) broken.push(`${path}: ${m[1]}`)
        else if (anchor && file.endsWith('.md') && !anchors(readFileSync(file, 'utf8')).has(anchor)) broken.push(`${path}: ${m[1]} (no such heading)`)
      }
    }
    expect(broken).toEqual([])
  })

  it('speaks of Gitea versions as they are: concurrency from 1.26, no unchecked claims', () => {
    for (const { path, text } of docs) {
      expect({ path, found: /Gitea 1\.22, which ignores|shown from Gitea 1\.27|and changes nothing/.exec(text)?.[0] }).toEqual({ path, found: undefined })
    }
  })
})

describe('shell recipes marked recipe-check', () => {
  const recipes = docs.flatMap(({ path, text }) => [...text.matchAll(/<!-- recipe-check: expect "([^"]+)" -->\n```sh\n([\s\S]*?)```/g)].map((m) => ({ path, expect: m[1]!, script: m[2]! })))
  const dirs: string[] = []
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  it('there are some, including the simulator gate recipe', () => {
    expect(recipes.length).toBeGreaterThanOrEqual(2)
    expect(recipes.some((r) => r.script.includes('demo/serve.ts start') && r.script.includes('INPUT_MODE=gate'))).toBe(true)
  })

  it.each(recipes.map((r) => ({ ...r, name: `${r.path}: the recipe that prints ${JSON.stringify(r.expect)}` })))('$name runs as written', (recipe) => {
    expect(existsSync(defaultDist())).toBe(true)
    const dir = mkdtempSync(join(tmpdir(), 'rg-recipe-'))
    dirs.push(dir)
    // Only /tmp is moved to a private folder, so parallel runs do not share files; the rest is verbatim.
    const script = recipe.script.replaceAll('/tmp/', `${dir}/`)
    const stop = script.includes('demo/serve.ts start') ? `trap 'node_modules/.bin/tsx demo/serve.ts stop >/dev/null 2>&1' EXIT\n` : ''
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: dir, RUNNER_TEMP: dir, PATH: `${resolve('node_modules/.bin')}:${process.env.PATH}` }
    for (const name of Object.keys(env)) if (/^(GITHUB_|INPUT_|RUNNER_DEBUG|SIM_)/.test(name)) delete env[name]
    const r = spawnSync('bash', ['-c', stop + script], { cwd: process.cwd(), env, encoding: 'utf8', timeout: 170_000 })
    const out = `${r.stdout}${r.stderr}`
    expect({ status: r.status, missing: out.includes(recipe.expect) ? undefined : out.slice(-3000) }).toEqual({ status: 0, missing: undefined })
    expect(out).not.toMatch(/Missing file at path|Error: .*not found/)
  })
})
