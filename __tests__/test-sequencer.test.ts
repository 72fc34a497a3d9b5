import { describe, expect, it } from '@jest/globals'
import { estimateMs } from '../scripts/test-sequencer.mjs'

/** The order of files jest has not timed (scripts/test-sequencer.mjs): what they import, then their size. */
describe('the stand-in duration of an untimed test file', () => {
  const explore = "import { explore } from '../simulator/explore/explorer.js'\n"
  const e2e = "import { runAction } from '../simulator/run-action.js'\n"
  const unit = "import { decide } from '../src/gate/decide.js'\n"

  it.each([
    ['an exploration before a file that starts processes, however large', explore, 100, e2e, 90_000],
    ['a file that starts processes before a table of pure functions, however large', e2e, 100, unit, 90_000],
    ['of two explorations, the larger first', explore, 2_000, explore, 1_000],
    ['of two unit files, the larger first', unit, 2_000, unit, 1_000]
  ])('%s', (_name, first, firstBytes, second, secondBytes) => {
    expect(estimateMs(first, firstBytes)).toBeGreaterThan(estimateMs(second, secondBytes))
  })

  it('an exploration named in a string is no exploration', () => {
    expect(estimateMs(`const row = "${explore.trim()}"\n`, 100)).toBeLessThan(estimateMs(explore, 100))
  })
})
