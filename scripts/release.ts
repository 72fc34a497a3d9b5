// Cuts a release in one step: `npm run release -- 0.2.0 [--dry-run] [--skip-tests] [--push]`.
// Every check runs before anything is written: the checkout (main, clean, not behind, an identity),
// the version (release form, above the last vX.Y.Z tag and package.json), the changelog (a non-empty
// Unreleased section), dist/ (this repository's scripts/check-dist.mjs) and CI's checks (the npm
// scripts CI runs). Then it bumps package.json and package-lock.json, dates the changelog section,
// commits, tags vX.Y.Z, moves the major tag and writes the release notes; with --push it pushes them.
// Only git is needed, so it works the same for a repository on GitHub or on Gitea.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { checkDate, cutRelease, type Cut } from './release/changelog.js'
import { checkoutProblem, dirtyPaths, git, gitMaybe } from './release/git.js'
import { readPackageVersion, writeVersion } from './release/manifest.js'
import { formatVersion, lastReleaseTag, majorTag, parseVersion, type Version, versionProblem } from './release/version.js'

const BRANCH = 'main'
/** The checks of CI's test job, as npm scripts; CI's `action` job runs the bundle, which `test` covers too. */
const CI_SCRIPTS = ['lint', 'lint:workflows', 'docs:check', 'test']
const USAGE = 'usage: npm run release -- <MAJOR.MINOR.PATCH> [--dry-run] [--skip-tests] [--push] [--remote NAME] [--date YYYY-MM-DD] [--notes-file PATH]'

interface Options {
  version: Version
  dryRun: boolean
  skipTests: boolean
  push: boolean
  remote: string
  date: string
  notesFile: string
}

function parseOptions(argv: string[]): Options {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        'skip-tests': { type: 'boolean', default: false },
        push: { type: 'boolean', default: false },
        remote: { type: 'string', default: 'origin' },
        date: { type: 'string', default: new Date().toISOString().slice(0, 10) },
        'notes-file': { type: 'string', default: 'build/release-notes.md' }
      }
    })
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`, { cause: error })
  }
  const { values, positionals } = parsed
  if (positionals.length !== 1) throw new Error(`version: expected exactly one, such as 0.2.0; got ${positionals.length}\n${USAGE}`)
  return {
    version: parseVersion(positionals[0]!),
    dryRun: values['dry-run'],
    skipTests: values['skip-tests'],
    push: values.push,
    remote: values.remote,
    date: checkDate(values.date),
    notesFile: values['notes-file']
  }
}

/** Everything that can be known without running the build or the tests; nothing is written. */
function preflight(root: string, opts: Options): Cut {
  const problem = checkoutProblem(root, BRANCH)
  if (problem) throw new Error(problem)
  const tags = git(root, 'tag', '--list', 'v*').split('\n').filter(Boolean)
  const current = readPackageVersion(root)
  const currentVersion = (() => {
    try {
      return parseVersion(current)
    } catch (error) {
      throw new Error(`package.json: version ${JSON.stringify(current)} is not MAJOR.MINOR.PATCH; fix it by hand first`, { cause: error })
    }
  })()
  const tooLow = versionProblem(opts.version, lastReleaseTag(tags), currentVersion)
  if (tooLow) throw new Error(tooLow)
  if (opts.push && gitMaybe(root, 'remote', 'get-url', opts.remote) === undefined) throw new Error(`--remote: no git remote named ${JSON.stringify(opts.remote)}`)
  let changelog: string
  try {
    changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8')
  } catch (error) {
    throw new Error('CHANGELOG.md: not found; expected a Keep a Changelog file with an "## [Unreleased]" section', { cause: error })
  }
  return cutRelease(changelog, formatVersion(opts.version), opts.date)
}

/** Runs a step of the release with its output shown; a failure refuses the release with `why`. */
function step(root: string, command: string, args: string[], why: string): void {
  console.log(`\n> ${[command === process.execPath ? 'node' : command, ...args].join(' ')}`)
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) throw new Error(why)
}

function verifyBuild(root: string, opts: Options): void {
  step(root, process.execPath, ['scripts/check-dist.mjs'], 'dist/: not the bundle of src/; run `npm run build`, commit dist/, and release again')
  if (opts.skipTests) console.log('\nCI checks: skipped (--skip-tests)')
  else for (const script of CI_SCRIPTS) step(root, 'npm', ['run', script], `CI checks: \`npm run ${script}\` failed; fix it on ${BRANCH} first`)
  // A check that leaves files behind would put them in the release commit, or hide a change.
  const dirty = dirtyPaths(root)
  if (dirty.length) throw new Error(`working tree: the checks left changes behind:\n  ${dirty.slice(0, 10).join('\n  ')}`)
}

function cut(root: string, opts: Options, changelog: Cut): void {
  const v = formatVersion(opts.version)
  const tag = `v${v}`
  const major = majorTag(opts.version)
  writeFileSync(join(root, 'CHANGELOG.md'), changelog.text)
  const files = ['CHANGELOG.md', ...writeVersion(root, v)]
  git(root, 'add', '--', ...files)
  git(root, 'commit', '--quiet', '-m', `Release ${tag}`)
  // Whitespace cleanup keeps the notes' `###` headings, which the default cleanup strips as comments.
  git(root, 'tag', '--annotate', '--cleanup=whitespace', '-m', `Rollout Guard ${tag}\n\n${changelog.notes}`, tag)
  git(root, 'tag', '--force', '--annotate', '-m', `${major} follows ${tag}`, major, `${tag}^{commit}`)
  const notesPath = resolve(root, opts.notesFile)
  mkdirSync(dirname(notesPath), { recursive: true })
  writeFileSync(notesPath, `${changelog.notes}\n`)
  console.log(`\nCommitted "Release ${tag}", tagged ${tag} and moved ${major} to ${git(root, 'rev-parse', '--short', 'HEAD')}.`)
  console.log(`Release notes: ${opts.notesFile}`)
  const pushes = [
    ['push', '--atomic', opts.remote, BRANCH, tag],
    ['push', '--force', opts.remote, major]
  ]
  if (!opts.push) {
    console.log(`\nTo publish (main and ${tag} together, then the moved ${major}):\n  ${pushes.map((p) => `git ${p.join(' ')}`).join(' && ')}`)
    return
  }
  for (const p of pushes) {
    console.log(`\n> git ${p.join(' ')}`)
    try {
      git(root, ...p)
    } catch (error) {
      throw new Error(`${(error as Error).message}\nThe release is committed and tagged here; push it again with: git ${p.join(' ')}`, { cause: error })
    }
  }
}

function main(argv: string[]): number {
  try {
    const opts = parseOptions(argv)
    const root = git(process.cwd(), 'rev-parse', '--show-toplevel')
    const changelog = preflight(root, opts)
    verifyBuild(root, opts)
    const v = formatVersion(opts.version)
    console.log(`\nRelease v${v} (${opts.date}), ${majorTag(opts.version)} follows it. Notes:\n\n${changelog.notes}\n`)
    if (opts.dryRun) {
      console.log(`Dry run: every check passed; nothing was changed. Without --dry-run this commits "Release v${v}", tags v${v} and moves ${majorTag(opts.version)}.`)
      return 0
    }
    cut(root, opts, changelog)
    return 0
  } catch (error) {
    console.error(`\nrelease refused: ${(error as Error).message}`)
    return 1
  }
}

process.exitCode = main(process.argv.slice(2))
