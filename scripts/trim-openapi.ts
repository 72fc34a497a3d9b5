// Regenerates simulator/github-openapi.trimmed.json from GitHub's OpenAPI description (the npm package
// @octokit/openapi, 385 MB, which is not a dependency: it is installed here, on demand, into
// .rollout-guard/openapi/<version>/ unless node_modules has that version).
//   npm run openapi:trim                       same package version as the committed file
//   npm run openapi:trim -- --version latest   move to another version (then review the diff)
//   npm run openapi:check                      fails when the committed file differs from a regeneration
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { GITHUB_ENDPOINTS } from '../simulator/github-endpoints.js'
import { OPENAPI_FILE, OPENAPI_PACKAGE, openApiSourceCandidates, serialise, sha256, TRIMMED_FILE, type TrimmedDescription, trimDescription } from '../simulator/openapi-trim.js'

const args = process.argv.slice(2)
const check = args.includes('--check')
const versionArg = args.includes('--version') ? args[args.indexOf('--version') + 1] : undefined
const committed = existsSync(TRIMMED_FILE) ? (JSON.parse(readFileSync(TRIMMED_FILE, 'utf8')) as TrimmedDescription) : undefined

function resolveVersion(): string {
  const wanted = versionArg ?? committed?.source.version ?? 'latest'
  if (/^\d+\.\d+\.\d+$/.test(wanted)) return wanted
  const r = spawnSync('npm', ['view', `${OPENAPI_PACKAGE}@${wanted}`, 'version'], { encoding: 'utf8' })
  const found = r.stdout
    .trim()
    .split('\n')
    .pop()
    ?.replace(/^.*'(.+)'$/, '$1')
  if (r.status !== 0 || !found) throw new Error(`cannot resolve ${OPENAPI_PACKAGE}@${wanted}: ${r.stderr.trim()}`)
  return found
}

function packageDir(version: string): string {
  for (const dir of openApiSourceCandidates(process.cwd(), version)) {
    const pkg = join(dir, 'package.json')
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version === version) return dir
  }
  const prefix = join('.rollout-guard', 'openapi', version)
  console.log(`Installing ${OPENAPI_PACKAGE}@${version} into ${prefix} (about 385 MB, only to regenerate)`)
  const r = spawnSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', `${OPENAPI_PACKAGE}@${version}`], { stdio: 'inherit' })
  if (r.status !== 0) throw new Error(`npm install ${OPENAPI_PACKAGE}@${version} failed (exit ${r.status ?? r.signal})`)
  return openApiSourceCandidates(process.cwd(), version)[1]!
}

const version = resolveVersion()
const raw = readFileSync(join(packageDir(version), OPENAPI_FILE))
const fresh = serialise(trimDescription(JSON.parse(raw.toString('utf8')), GITHUB_ENDPOINTS, { version, sha256: sha256(raw) }))
if (check) {
  if (!existsSync(TRIMMED_FILE) || readFileSync(TRIMMED_FILE, 'utf8') !== fresh) {
    console.error(`${TRIMMED_FILE} is not what ${OPENAPI_PACKAGE}@${version} and simulator/github-endpoints.ts give: run \`npm run openapi:trim\` and commit it.`)
    process.exit(1)
  }
  console.log(`${TRIMMED_FILE} matches ${OPENAPI_PACKAGE}@${version} (${GITHUB_ENDPOINTS.length} endpoints).`)
} else {
  writeFileSync(TRIMMED_FILE, fresh)
  console.log(`Wrote ${TRIMMED_FILE} from ${OPENAPI_PACKAGE}@${version} (${GITHUB_ENDPOINTS.length} endpoints, ${fresh.length} bytes).`)
}
