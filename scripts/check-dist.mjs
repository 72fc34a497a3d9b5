// Fails when dist/ is not the bundle of the current src/: builds into a temporary folder and compares
// every file byte for byte, so the committed action is exactly what the sources say.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const fresh = mkdtempSync(join(tmpdir(), 'rg-dist-'))
try {
  execFileSync('npx', ['ncc', 'build', 'src/index.ts', '-o', fresh, '--license', 'licenses.txt', '--target', 'es2022', '--quiet'], {
    stdio: 'inherit'
  })
  const list = (dir) => readdirSync(dir).sort()
  const want = list(fresh)
  const have = list('dist')
  const problems = []
  for (const f of new Set([...want, ...have])) {
    if (!want.includes(f)) problems.push(`dist/${f} is not produced by the build any more`)
    else if (!have.includes(f)) problems.push(`dist/${f} is missing`)
    else if (!readFileSync(join(fresh, f)).equals(readFileSync(join('dist', f)))) problems.push(`dist/${f} differs from a fresh build`)
  }
  if (problems.length) {
    console.error(`dist/ is stale:\n  ${problems.join('\n  ')}\nRun \`npm run build\` and commit dist/.`)
    process.exit(1)
  }
  console.log(`dist/ matches a fresh build (${want.length} files).`)
} finally {
  rmSync(fresh, { recursive: true, force: true })
}
