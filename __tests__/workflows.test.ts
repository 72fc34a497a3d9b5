import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { actionInputs, BOOLEAN_INPUTS, FIXED_VALUES } from '../scripts/action-inputs.mjs'
import { workflowCommands } from '../scripts/workflow-commands.mjs'
import { parseSettings } from '../src/settings/index.js'
import { errorOf as inputErrorOf } from './support/input-error.js'

/**
 * `npm run lint:workflows` on the repository's workflows, examples and action.yml, and on files broken
 * on purpose (it must be able to say no). The snippets of README.md and docs/ are in docs.test.ts.
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

describe('lint:workflows: the with: of every step that uses this action', () => {
  it('refuses an unknown input name, naming the closest one, and a value outside the fixed choices', async () => {
    dir ??= await mkdtemp(join(tmpdir(), 'rg-lint-'))
    const example = await readFile('examples/github/deploy.yml', 'utf8')
    expect(example).toMatch(/^ {10}mode: deploy$/m)
    expect(example).toMatch(/^ {10}settle-budget-seconds: /m)
    await writeFile(join(dir, 'typo.yml'), example.replace(/^( {10})mode: deploy$/m, '$1mode: deplyo').replace(/^( {10})settle-budget-seconds:/m, '$1settle-budget-secs:'))
    const r = lint(join(dir, 'typo.yml'))
    expect(r.status).toBe(1)
    expect(r.out).toMatch(/job deploy, step \d+ \(rollout\): input 'mode' has the value 'deplyo'; expected one of gate, verify, deploy, promote, reconcile \(did you mean 'deploy'\?\)/)
    expect(r.out).toMatch(/job deploy, step \d+ \(rollout\): unknown input 'settle-budget-secs'; did you mean 'settle-budget-seconds'\?/)
    expect(r.out).toContain('1 of 1 file(s) failed validation.')
  })

  it('checks `uses: ./`, the node20 entry and a Gitea mirror by URL too, and leaves expressions to run time', async () => {
    dir ??= await mkdtemp(join(tmpdir(), 'rg-lint-'))
    const steps = [
      ['./', 'report: chek'],
      ['./node20', 'forge: gitlab'],
      ['your-org/rollout-guard/node20@v0', 'force: yes'],
      ['https://gitea.example.com/your-org/rollout-guard@v0', 'on-superseded: ignore']
    ]
    const workflow = [
      'on: push',
      'permissions:',
      '  contents: read',
      'jobs:',
      '  deploy:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      ...steps.flatMap(([uses, input]) => [`      - uses: ${uses}`, '        with:', `          ${input}`, "          mode: ${{ vars.MODE || 'deploy' }}"])
    ].join('\n')
    await writeFile(join(dir, 'entries.yml'), workflow)
    const r = lint(join(dir, 'entries.yml'))
    expect(r.status).toBe(1)
    expect(r.out).toContain("step 1: input 'report' has the value 'chek'; expected one of auto, check, status, none (did you mean 'check'?)")
    expect(r.out).toContain("step 2: input 'forge' has the value 'gitlab'; expected one of auto, github, gitea")
    expect(r.out).toContain("step 3: input 'force' has the value 'yes'; expected true or false")
    expect(r.out).toContain("step 4: input 'on-superseded' has the value 'ignore'; expected one of skip, fail")
    expect(r.out).not.toContain("'mode'")
  })

  it('lists exactly the choices the settings accept, for every fixed input', () => {
    const base = { GITHUB_SHA: 'a'.repeat(40), GITHUB_REPOSITORY: 'acme/app', GITHUB_API_URL: 'https://api.github.com', INPUT_MODE: 'deploy', INPUT_TOKEN: 't' }
    const deploy = { INPUT_TENANTS: 'acme', 'INPUT_BUILDINFO-URL': 'https://{tenant}.example.com/b', 'INPUT_REDEPLOY-URL': 'https://cp.example.com/{tenant}' }
    for (const [name, choices] of Object.entries(FIXED_VALUES)) {
      const error = inputErrorOf(() => parseSettings({ ...base, ...deploy, [`INPUT_${name.toUpperCase()}`]: 'zz-not-a-choice' }))
      expect(error.message).toContain(`'${name}'`)
      const listed = [...error.message.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.toLowerCase())
      expect(listed.sort()).toEqual([...choices].sort())
      for (const choice of choices) expect(() => parseSettings({ ...base, ...deploy, [`INPUT_${name.toUpperCase()}`]: choice })).not.toThrow(/one of/)
    }
    for (const name of BOOLEAN_INPUTS) {
      const env = { ...base, ...deploy, INPUT_MODE: 'reconcile', [`INPUT_${name.toUpperCase()}`]: 'yes' }
      expect(inputErrorOf(() => parseSettings(env)).message).toContain(`'${name}'`)
    }
    // Every input the settings read is declared (no choice list names an input action.yml lacks).
    for (const name of [...Object.keys(FIXED_VALUES), ...BOOLEAN_INPUTS]) expect(actionInputs()).toContain(name)
  })
})

describe('npm test output check', () => {
  it('finds every kind of workflow command a runner would act on, and nothing else', () => {
    const text = [
      '::error::boom',
      '::error file=a.ts,line=1,title=x::boom',
      '::warning::w',
      '::notice title=n::n',
      '::add-mask::s3cret',
      '::debug::d',
      '::group::g',
      '::endgroup::',
      '  ::set-output name=x::1',
      'PASS __tests__/a.test.ts',
      'a::b::c',
      'text ::error:: in the middle',
      ':: not a command'
    ].join('\n')
    expect(workflowCommands(text)).toEqual(text.split('\n').slice(0, 9))
  })
})

/** Every recipe a reader may copy: the README's and docs' YAML blocks (GitHub) and the example workflows. */
async function recipes(): Promise<{ where: string; gitea: boolean; workflow: Record<string, unknown> }[]> {
  const out: { where: string; gitea: boolean; workflow: Record<string, unknown> }[] = []
  const pages = ['README.md', ...(await readdir('docs', { recursive: true }).catch(() => [] as string[])).filter((f) => f.endsWith('.md')).map((f) => join('docs', f))]
  for (const page of pages) {
    const text = await readFile(page, 'utf8')
    ;[...text.matchAll(/```ya?ml\n([\s\S]*?)```/g)].forEach((m, i) => out.push({ where: `${page} block ${i + 1}`, gitea: false, workflow: parse(m[1]!) as Record<string, unknown> }))
  }
  for (const forge of ['github', 'gitea']) {
    for (const file of await readdir(join('examples', forge)))
      out.push({ where: `examples/${forge}/${file}`, gitea: forge === 'gitea', workflow: parse(await readFile(join('examples', forge, file), 'utf8')) as Record<string, unknown> })
  }
  return out
}

type Job = { permissions?: Record<string, string> | string; steps?: { uses?: string; with?: Record<string, unknown> }[] }

/** docs/permissions.md's table: per mode, the `scope: level` entries a job needs on GitHub and on Gitea 1.26. */
export async function permissionTable(): Promise<Record<string, { github: string[]; gitea: string[] }>> {
  const text = await readFile('docs/permissions.md', 'utf8')
  const rows = [...text.matchAll(/^\| `(gate|verify|deploy|promote|reconcile)` \| ([^|]+) \| ([^|]+) \|$/gm)]
  const grants = (cell: string): string[] => [...cell.matchAll(/`([a-z-]+: (?:read|write))`/g)].map((m) => m[1]!)
  return Object.fromEntries(rows.map((m) => [m[1]!, { github: grants(m[2]!), gitea: grants(m[3]!) }]))
}

const isOn = (value: unknown): boolean => value === true || value === 'true'

/**
 * What each job of a recipe lacks against docs/permissions.md's table (and for the deploy records reconcile
 * reads, docs/deploy-records.md). A Gitea job with its own `token` is judged by that token's scopes instead.
 */
export function recordProblems(workflow: Record<string, unknown>, gitea: boolean, table: Record<string, { github: string[]; gitea: string[] }>): string[] {
  const jobs = (workflow?.jobs ?? {}) as Record<string, Job>
  const steps = Object.values(jobs).flatMap((j) => (j.steps ?? []).filter((s) => String(s.uses ?? '').includes('rollout-guard')))
  const sharded = steps.some((s) => s.with?.shard !== undefined)
  const problems: string[] = []
  for (const [name, job] of Object.entries(jobs)) {
    const perms = job.permissions ?? (workflow.permissions as Job['permissions'])
    const may = (scope: string, level: 'read' | 'write'): boolean =>
      perms === undefined ||
      perms === 'write-all' ||
      (perms === 'read-all' && level === 'read') ||
      (typeof perms === 'object' && (perms[scope] === 'write' || (level === 'read' && perms[scope] === 'read')))
    for (const step of (job.steps ?? []).filter((s) => String(s.uses ?? '').includes('rollout-guard'))) {
      const mode = String(step.with?.mode ?? 'deploy')
      const reporting = step.with?.report !== 'none'
      if (mode === 'deploy' && sharded && !reporting) problems.push(`${name}: report: none writes no deploy record`)
      if (gitea && step.with?.token !== undefined) continue
      const row = table[mode]
      if (!row) {
        problems.push(`${name}: mode ${mode} has no row in docs/permissions.md`)
        continue
      }
      const needed = (gitea ? row.gitea : row.github).filter((g) => reporting || !/^(checks|statuses): write$|^contents: write$/.test(g))
      if (!reporting) needed.push('contents: read')
      if (mode === 'deploy' && isOn(step.with?.['pr-comment'])) needed.push('pull-requests: write')
      if (!gitea && isOn(step.with?.deployment)) needed.push('deployments: write')
      if (!gitea && String(step.with?.image ?? '').startsWith('ghcr.io/') && step.with?.['registry-password'] === undefined) needed.push('packages: write')
      for (const grant of needed) {
        const [scope, level] = grant.split(': ') as [string, 'read' | 'write']
        if (!may(scope, level)) problems.push(`${name} (mode ${mode}): needs ${grant} (docs/permissions.md)`)
      }
    }
  }
  return problems
}

describe('recipes grant what their jobs write (docs/permissions.md) and write the deploy records reconcile reads', () => {
  it('every sharded recipe (README, docs, examples) gives each deploy job a record and the permissions for it', async () => {
    const all = await recipes()
    const sharded = all.filter((r) => JSON.stringify(r.workflow ?? {}).includes('"shard"'))
    expect(sharded.map((r) => r.where)).toEqual(expect.arrayContaining(['examples/github/sharded-deploy.yml', 'examples/gitea/sharded-deploy.yml']))
    // The README's (or its docs pages') sharded recipe is among them too.
    expect(sharded.some((r) => /^(README|docs)/.test(r.where))).toBe(true)
    const table = await permissionTable()
    expect(Object.keys(table).sort()).toEqual(['deploy', 'gate', 'promote', 'reconcile', 'verify'])
    expect(all.flatMap((r) => recordProblems(r.workflow, r.gitea, table).map((p) => `${r.where}: ${p}`))).toEqual([])
  })

  it('the check can say no: report: none, or shard jobs with contents: read only', async () => {
    const table = await permissionTable()
    const github = parse(await readFile('examples/github/sharded-deploy.yml', 'utf8')) as { jobs: Record<string, Job> }
    const shards = github.jobs.shards!
    shards.permissions = { contents: 'read' }
    expect(recordProblems(github, false, table)).toEqual(['shards (mode deploy): needs checks: write (docs/permissions.md)', 'shards (mode deploy): needs statuses: write (docs/permissions.md)'])
    shards.permissions = { contents: 'read', checks: 'write', statuses: 'write' }
    shards.steps![0]!.with!.report = 'none'
    expect(recordProblems(github, false, table)).toEqual(['shards: report: none writes no deploy record'])
    const gitea = parse(await readFile('examples/gitea/sharded-deploy.yml', 'utf8')) as { jobs: Record<string, Job>; permissions?: Job['permissions'] }
    gitea.jobs.shards!.permissions = undefined
    gitea.permissions = { contents: 'read' }
    expect(recordProblems(gitea, true, table)).toEqual(['shards (mode deploy): needs contents: write (docs/permissions.md)'])
  })
})
