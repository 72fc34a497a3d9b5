/** Jest in ESM mode: the @actions toolkit packages are ESM-only. */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  // Every test fails when a fake forge saw a request the real forge would refuse.
  // What the action prints in-process is held, not printed (npm test fails on a workflow command).
  setupFilesAfterEnv: ['<rootDir>/__tests__/support/strict-forge.ts', '<rootDir>/__tests__/support/quiet-stdout.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  resolver: 'ts-jest-resolver',
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }]
  },
  // Generous on purpose: a passing test never waits for it, and a machine with every core busy (other
  // jobs, CI neighbours) must not turn a slow pass into a failure.
  testTimeout: 180000,
  maxWorkers: 2,
  // Longest first also when jest has no times of its own yet (a fresh clone, CI): see the file.
  testSequencer: '<rootDir>/scripts/test-sequencer.mjs'
}
