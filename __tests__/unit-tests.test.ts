import { describe, expect, it } from '@jest/globals'
import { isUnitTest, unitTests } from '../scripts/unit-tests.mjs'

/** `npm run test:unit` picks the tests that start nothing, by their imports; `npm test` runs every test. */
describe('test:unit selection', () => {
  const rows: Array<[string, string, boolean]> = [
    ['a pure test', "import { decide } from '../src/gate/decide.js'", true],
    ['a child process', "import { spawnSync } from 'node:child_process'", false],
    ['the bundle on a fleet', "import { Fleet } from '../simulator/fleet.js'", false],
    ['the fake forge', "import { FakeForge } from '../simulator/fake-forge.js'", false],
    ['the registry', "import { startRegistry } from '../simulator/registry.js'", false],
    ['an exploration', "import { explore } from '../simulator/explore/run.js'", false],
    ['the demo', "import { plan } from '../demo/plan.js'", false],
    ['a simulator module that starts nothing', "import { certificateSerial } from '../simulator/self-signed.js'", true]
  ]
  it.each(rows)('%s', (_label, source, unit) => expect(isUnitTest(source)).toBe(unit))

  it('takes the settings and decision tests, leaves the end-to-end ones to npm test', () => {
    const picked = unitTests()
    expect(picked).toEqual(expect.arrayContaining(['__tests__/settings.test.ts', '__tests__/pr-comment.test.ts', '__tests__/self-signed.test.ts']))
    for (const slow of ['__tests__/gate-e2e.test.ts', '__tests__/pr-comment-e2e.test.ts', '__tests__/explore.test.ts', '__tests__/demo.test.ts', '__tests__/registry-auth.test.ts'])
      expect(picked).not.toContain(slow)
  })
})
