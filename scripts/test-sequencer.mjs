// The order `npm test` starts test files in (jest.config.js `testSequencer`). Jest runs the files it has
// timed before longest first, but files it has not timed (every file of a fresh clone, as in CI) by size,
// and the size of a test file says little about its time here: a 100-line file that explores a bound or
// verifies a large fleet runs for tens of seconds, a 300-line table of pure functions for one. Started
// last, such a file leaves one core idle at the end of the run. So a file without a recorded time is
// ranked by what it imports: explorations first, then the files that start processes or servers (the
// ones `npm run test:unit` leaves out), then the rest, each by size. A recorded time, when there is one,
// still wins, as does a file that failed last time.
import { readFileSync } from 'node:fs'
import Sequencer from '@jest/test-sequencer'
import { isUnitTest } from './unit-tests.mjs'

/** Stand-in duration for a file jest has not timed: its class first (2 explores, 1 starts processes, 0 neither), then its size. */
export function estimateMs(source, bytes) {
  const cost = /^import [^\n]*from ['"][^'"]*simulator\/explore\//m.test(source) ? 2 : isUnitTest(source) ? 0 : 1
  return cost * 1e9 + bytes
}

export default class CostFirstSequencer extends Sequencer {
  sort(tests) {
    for (const test of tests) {
      const timed = this.time(test)
      if (timed !== undefined && timed !== null) test.duration = timed
      else {
        const source = readFileSync(test.path, 'utf8')
        test.duration = estimateMs(source, Buffer.byteLength(source))
      }
    }
    return tests.sort((a, b) => {
      const failedA = this.hasFailed(a)
      if (failedA !== this.hasFailed(b)) return failedA ? -1 : 1
      return b.duration - a.duration
    })
  }
}
