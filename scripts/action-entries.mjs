// The second action entry, `node20/action.yml`, for runners that refuse `runs.using: node24` (Gitea
// act_runner before v0.2.13). It is action.yml with only the `runs` block changed, so the two input and
// output lists cannot drift apart: scripts/docs.mjs writes it, and `--check` fails when it is stale.
import { readFileSync } from 'node:fs'

export const NODE20_ENTRY = 'node20/action.yml'

const HEADER = [
  '# Generated from ../action.yml by scripts/docs.mjs (npm run docs): edit action.yml, not this file.',
  '# The same action for runners that refuse `runs.using: node24` (Gitea act_runner before v0.2.13):',
  '# `uses: <owner>/rollout-guard/node20@<ref>`. It runs the same bundle, which still refuses a Node',
  '# older than it needs at start-up with a clear error, whatever `using:` says.',
  ''
].join('\n')

/** The node20 entry's text for the given action.yml text. */
export function node20Entry(actionYml) {
  const runs = /^runs:\n {2}using: node24\n {2}main: dist\/index\.js\n?/m
  if (!runs.test(actionYml)) throw new Error('action.yml has no `runs: {using: node24, main: dist/index.js}` block to derive node20/action.yml from')
  return `${HEADER}${actionYml.replace(runs, 'runs:\n  using: node20\n  main: ../dist/index.js\n')}`
}

export function expectedNode20Entry() {
  return node20Entry(readFileSync('action.yml', 'utf8'))
}
