/**
 * Entry point. The Node version is checked before main (and so undici) is loaded, because an old
 * runtime would otherwise fail inside a dependency with a message that names neither version.
 */
import { appendFileSync } from 'node:fs'
import { nodeVersionProblem } from './runtime/node-version.js'

const problem = nodeVersionProblem(process.versions.node)
if (problem) {
  process.stdout.write(`::error title=Unsupported Node.js::${problem}\n`)
  // The same `result` every failed run sets, so a later step's `if:` sees it; written by hand because
  // the toolkit is not loaded on a node too old for it.
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, 'result=failed\n')
  process.exitCode = 1
} else {
  const { run } = await import('./main.js')
  await run()
}
