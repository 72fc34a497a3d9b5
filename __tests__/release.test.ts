import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * `npm run release` (scripts/release.ts) on a real git repository built for each test. The script and
 * every refusal are the real ones; only what the repository itself provides is small: its
 * scripts/check-dist.mjs compares dist/index.js with src/index.ts, and its CI npm scripts are one-liners
 * (see TEST_SCRIPT). Publishing goes to a bare repository on disk.
 */
const SCRIPT = join(process.cwd(), 'scripts/release.ts')
const TSX = join(process.cwd(), 'node_modules/.bin/tsx')

const CHANGELOG = `# Changelog

All notable changes to this project are documented in this file.

## [Unreleased]

### Added

- Release script that tags and moves the major tag.

### Fixed

- Gate answered too early.

## [0.1.0] - 2026-11-30

### Added

- First release.
`

const CHECK_DIST = `import { readFileSync } from 'node:fs'
if (readFileSync('dist/index.js', 'utf8') !== '// bundle of ' + readFileSync('src/index.ts', 'utf8')) {
  console.error('dist/index.js differs from a fresh build')
  process.exit(1)
}
`

/** The fixture's `npm test`: fails on FIXTURE_TESTS_FAIL, leaves a file behind on FIXTURE_TESTS_LITTER. */
const TEST_SCRIPT = `node -e "if (process.env.FIXTURE_TESTS_LITTER) require('fs').writeFileSync('coverage.txt', ''); process.exit(process.env.FIXTURE_TESTS_FAIL ? 1 : 0)"`

let repo: string
let home: string

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: join(home, 'gitconfig'), GIT_CONFIG_NOSYSTEM: '1', ...env } })
  return { status: r.status, out: `${r.stdout}${r.stderr}` }
}

function git(...args: string[]): string {
  const r = run('git', args)
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.out}`)
  return r.out.trim()
}

const release = (args: string[], env: NodeJS.ProcessEnv = {}) => run(TSX, [SCRIPT, ...args], env)
const write = (path: string, text: string): void => writeFileSync(join(repo, path), text)
const read = (path: string): string => readFileSync(join(repo, path), 'utf8')
const json = (path: string): Record<string, unknown> => JSON.parse(read(path)) as Record<string, unknown>

/** What a refusal must leave as it was: the commit, the tags and a clean tree. */
function state(): string {
  return [git('rev-parse', 'HEAD'), git('tag', '--list'), git('status', '--porcelain'), read('package.json'), read('CHANGELOG.md')].join('\n--\n')
}

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'rg-release-home-'))
  writeFileSync(join(home, 'gitconfig'), '')
  repo = mkdtempSync(join(tmpdir(), 'rg-release-'))
  git('init', '--quiet', '--initial-branch=main')
  git('config', 'user.name', 'Release Tester')
  git('config', 'user.email', 'release@example.com')
  const ci = 'node -e ""'
  const pkg = { name: 'fixture', version: '0.1.0', private: true, scripts: { lint: ci, 'lint:workflows': ci, 'docs:check': ci, test: TEST_SCRIPT } }
  write('package.json', `${JSON.stringify(pkg, null, 2)}\n`)
  write('package-lock.json', `${JSON.stringify({ name: 'fixture', version: '0.1.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'fixture', version: '0.1.0' } } }, null, 2)}\n`)
  write('.gitignore', 'build/\n')
  write('CHANGELOG.md', CHANGELOG)
  for (const d of ['scripts', 'src', 'dist']) mkdirSync(join(repo, d))
  write('scripts/check-dist.mjs', CHECK_DIST)
  write('src/index.ts', 'export const answer = 1\n')
  write('dist/index.js', '// bundle of export const answer = 1\n')
  git('add', '-A')
  git('commit', '--quiet', '-m', 'Initial')
})

afterEach(() => {
  rmSync(repo, { recursive: true, force: true })
  rmSync(home, { recursive: true, force: true })
})

describe('release refuses, before any change', () => {
  it('a stale dist/', () => {
    write('src/index.ts', 'export const answer = 2\n')
    git('commit', '--quiet', '-am', 'Change src without rebuilding dist')
    const before = state()
    const r = release(['0.2.0', '--skip-tests'])
    expect(r.out).toContain('dist/index.js differs from a fresh build')
    expect(r.out).toContain('release refused: dist/: not the bundle of src/; run `npm run build`')
    expect(r.status).toBe(1)
    expect(state()).toBe(before)
  })

  it('a dirty tree: a changed file, and an untracked one', () => {
    write('CHANGELOG.md', `${CHANGELOG}\nedited\n`)
    let r = release(['0.2.0', '--skip-tests'])
    expect(r.out).toMatch(/release refused: working tree: not clean; commit or stash first:\n {2}M CHANGELOG\.md/)
    expect(r.status).toBe(1)
    git('checkout', '--', 'CHANGELOG.md')
    write('src/extra.ts', 'export {}\n')
    const before = state()
    r = release(['0.2.0', '--skip-tests'])
    expect(r.out).toContain('?? src/extra.ts')
    expect(r.status).toBe(1)
    expect(state()).toBe(before)
  })

  it('a main behind its upstream, as last fetched', () => {
    const remote = join(home, 'remote.git')
    const other = join(home, 'other')
    git('init', '--quiet', '--bare', '--initial-branch=main', remote)
    git('remote', 'add', 'origin', remote)
    git('push', '--quiet', '--set-upstream', 'origin', 'main')
    git('clone', '--quiet', remote, other)
    git('-C', other, '-c', 'user.name=Other', '-c', 'user.email=other@example.com', 'commit', '--quiet', '--allow-empty', '-m', 'Landed meanwhile')
    git('-C', other, 'push', '--quiet', 'origin', 'main')
    git('fetch', '--quiet', 'origin')
    const before = state()
    const r = release(['0.2.0', '--skip-tests'])
    expect(r.out).toContain('release refused: branch: main is 1 commit(s) behind origin/main; pull first (git pull --ff-only)')
    expect(r.status).toBe(1)
    expect(state()).toBe(before)
  })

  it('a version not greater than the last vX.Y.Z tag, or than package.json', () => {
    git('tag', '-a', 'v0.3.0', '-m', 'v0.3.0')
    git('tag', 'v9', 'HEAD') // a major tag is not a release: it must not count as v9.0.0
    const before = state()
    for (const v of ['0.2.0', '0.3.0']) {
      const r = release([v, '--skip-tests'])
      expect(r.out).toContain(`release refused: version: ${v} is not greater than the last release tag v0.3.0`)
      expect(r.status).toBe(1)
    }
    git('tag', '-d', 'v0.3.0')
    const r = release(['0.1.0', '--skip-tests'])
    expect(r.out).toContain("version: 0.1.0 is not greater than package.json's version 0.1.0")
    expect(r.status).toBe(1)
    git('tag', '-a', 'v0.3.0', '-m', 'v0.3.0')
    expect(state()).toBe(before)
  })

  it('a version that is not MAJOR.MINOR.PATCH, and a missing one', () => {
    for (const v of ['0.2', '0.2.0-rc.1', '01.2.0', 'latest']) {
      const r = release([v])
      expect(r.out).toContain(`release refused: version: ${JSON.stringify(v)} is not a release version; expected MAJOR.MINOR.PATCH`)
      expect(r.status).toBe(1)
    }
    const r = release(['--dry-run'])
    expect(r.out).toContain('version: expected exactly one, such as 0.2.0; got 0')
    expect(r.status).toBe(1)
  })

  it('a branch other than main, failing CI checks, checks that leave files behind, and an empty Unreleased section', () => {
    git('switch', '--quiet', '-c', 'topic')
    let r = release(['0.2.0', '--skip-tests'])
    expect(r.out).toContain('release refused: branch: releases are cut from main; HEAD is on topic')
    git('switch', '--quiet', 'main')
    const before = state()
    r = release(['0.2.0'], { FIXTURE_TESTS_FAIL: '1' })
    expect(r.out).toContain('release refused: CI checks: `npm run test` failed')
    expect(r.status).toBe(1)
    expect(state()).toBe(before)
    r = release(['0.2.0'], { FIXTURE_TESTS_LITTER: '1' })
    expect(r.out).toContain('release refused: working tree: the checks left changes behind:\n  ?? coverage.txt')
    expect(r.status).toBe(1)
    rmSync(join(repo, 'coverage.txt'))
    expect(state()).toBe(before)
    write('CHANGELOG.md', CHANGELOG.replace(/(## \[Unreleased\]\n)[\s\S]*?(?=## \[0\.1\.0\])/, '$1\n'))
    git('commit', '--quiet', '-am', 'Empty the Unreleased section')
    r = release(['0.2.0', '--skip-tests'])
    expect(r.out).toContain('CHANGELOG.md: "## [Unreleased]" is empty')
    expect(r.status).toBe(1)
  })
})

describe('release cuts', () => {
  it('a dry run checks everything and changes nothing', () => {
    const before = state()
    const r = release(['0.2.0', '--dry-run', '--date', '2026-12-01'])
    expect(r.out).toContain('> npm run test')
    expect(r.out).toContain('Release v0.2.0 (2026-12-01), v0 follows it.')
    expect(r.out).toContain('- Gate answered too early.')
    expect(r.out).toContain('Dry run: every check passed; nothing was changed.')
    expect(r.status).toBe(0)
    expect(state()).toBe(before)
  })

  it('v0.2.0 from a clean main: bump, dated changelog, annotated tag, v0 moved, notes; then v0.2.1 pushed', () => {
    const r = release(['0.2.0', '--date', '2026-12-01'])
    expect(r.status).toBe(0)
    const head = git('rev-parse', 'HEAD')
    expect(git('log', '-1', '--format=%s')).toBe('Release v0.2.0')
    expect(git('status', '--porcelain')).toBe('')
    expect(json('package.json').version).toBe('0.2.0')
    const lock = json('package-lock.json') as { version: string; packages: Record<string, { version: string }> }
    expect([lock.version, lock.packages['']!.version]).toEqual(['0.2.0', '0.2.0'])
    expect(read('CHANGELOG.md')).toContain(
      '## [Unreleased]\n\n## [0.2.0] - 2026-12-01\n\n### Added\n\n- Release script that tags and moves the major tag.\n\n### Fixed\n\n- Gate answered too early.\n\n## [0.1.0] - 2026-11-30'
    )
    expect(git('cat-file', '-t', 'v0.2.0')).toBe('tag')
    expect(git('rev-parse', 'v0.2.0^{commit}')).toBe(head)
    expect(git('rev-parse', 'v0^{commit}')).toBe(head)
    const notes = '### Added\n\n- Release script that tags and moves the major tag.\n\n### Fixed\n\n- Gate answered too early.\n'
    expect(read('build/release-notes.md')).toBe(notes)
    // The tag message carries the notes, headings included.
    expect(git('tag', '-l', '--format=%(contents)', 'v0.2.0')).toBe(`Rollout Guard v0.2.0\n\n${notes.trim()}`)
    expect(r.out).toContain('git push --atomic origin main v0.2.0 && git push --force origin v0')

    // The next release moves v0 again, and --push publishes the three refs to the remote.
    const remote = mkdtempSync(join(tmpdir(), 'rg-release-remote-'))
    try {
      git('init', '--quiet', '--bare', '--initial-branch=main', remote)
      git('remote', 'add', 'mirror', remote)
      git('push', '--quiet', 'mirror', 'main', 'v0.2.0', 'v0')
      write('CHANGELOG.md', read('CHANGELOG.md').replace('## [Unreleased]\n', '## [Unreleased]\n\n### Fixed\n\n- Promotion retried a 404.\n'))
      git('commit', '--quiet', '-am', 'Fix promotion')
      const r2 = release(['0.2.1', '--skip-tests', '--push', '--remote', 'mirror', '--notes-file', 'notes/v0.2.1.md'])
      expect(r2.status).toBe(0)
      const head2 = git('rev-parse', 'HEAD')
      expect(git('rev-parse', 'v0^{commit}')).toBe(head2)
      expect(read('notes/v0.2.1.md')).toBe('### Fixed\n\n- Promotion retried a 404.\n')
      const remoteRefs = git('ls-remote', remote)
      for (const ref of ['refs/heads/main', 'refs/tags/v0.2.1^{}', 'refs/tags/v0^{}', 'refs/tags/v0.2.0^{}']) {
        expect(remoteRefs).toMatch(new RegExp(`^${ref === 'refs/tags/v0.2.0^{}' ? head : head2}\\s+${ref.replace(/[\^{}]/g, '\\$&')}$`, 'm'))
      }
    } finally {
      rmSync(remote, { recursive: true, force: true })
    }
  })
})
