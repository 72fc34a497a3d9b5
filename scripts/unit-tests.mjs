// `npm run test:unit`: the tests that start nothing (no bundle run, fake forge, fleet, registry, git
// repository, child process or exploration), found by what each test file imports, so a new test joins
// the fast loop by itself when it needs none of them. `npm test` still runs every test.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Imports that start a process or a server, or explore at length: a test with one is not a unit test. */
export const SLOW_IMPORTS = [
  /['"]node:child_process['"]/,
  /simulator\/(run-action|fleet|fake-forge|registry|registry-proxy|token-server|control-plane|tenants|git-repo|node-runtimes|host-tools)\.js['"]/,
  /simulator\/explore\//,
  /['"]\.\.\/demo\//
]

export function isUnitTest(source) {
  return !SLOW_IMPORTS.some((pattern) => pattern.test(source))
}

export function unitTests(dir = '__tests__') {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .filter((f) => isUnitTest(readFileSync(join(dir, f), 'utf8')))
    .map((f) => join(dir, f))
    .sort()
}
