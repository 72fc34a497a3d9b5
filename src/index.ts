/**
 * Entry point. The Node version is checked before main (and so undici) is loaded, because an old
 * runtime would otherwise fail inside a dependency with a message that names neither version.
 */
import { nodeVersionProblem } from './runtime/node-version.js'

const problem = nodeVersionProblem(process.versions.node)
if (problem) {
  process.stdout.write(`::error title=Unsupported Node.js::${problem}\n`)
  process.exitCode = 1
} else {
  const { run } = await import('./main.js')
  await run()
}
