/**
 * Entry point. The cancel handlers come first, before anything else is loaded: a runner may cancel the step
 * in its first instants, and a SIGINT that arrived before them would end the process with no result. The
 * Node version is checked before main (and so undici) is loaded, because an old runtime would otherwise
 * fail inside a dependency with a message that names neither version.
 */
import { appendFileSync } from 'node:fs'
import { processCancellation } from './runtime/cancel.js'
import { nodeVersionProblem } from './runtime/node-version.js'
import { deferWasmTierUp } from './runtime/wasm-tiering.js'

processCancellation({
  // Written by hand: the toolkit may not be loaded yet. The text is fixed, so it needs no escaping.
  onSignal: (name, first) =>
    process.stdout.write(
      first
        ? `::warning title=Cancelled::Received ${name}: the run was cancelled. Starting nothing new; writing the result and the end record of what was done.\n`
        : `Received ${name} again: still writing the result and the end record.\n`
    ),
  // Whatever still hangs past the grace (a write that would not end) must not outlast the runner's SIGTERM:
  // the result output is written before the end record, so ending here keeps it.
  onOverdue: () => process.exit(1)
})
// The earliest moment a cancel is acted on, for the debug log (and for a test to cancel at).
if (process.env.RUNNER_DEBUG === '1') process.stdout.write('::debug::Listening for a cancel (SIGINT, SIGTERM) before anything else is loaded.\n')

const problem = nodeVersionProblem(process.versions.node)
if (problem) {
  process.stdout.write(`::error title=Unsupported Node.js::${problem}\n`)
  // The same `result` every failed run sets, so a later step's `if:` sees it; written by hand because
  // the toolkit is not loaded on a node too old for it.
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, 'result=failed\n')
  process.exitCode = 1
} else {
  // Before main loads undici: a short run must not wait at its exit for an optimised HTTP parser.
  deferWasmTierUp()
  const { run } = await import('./main.js')
  await run()
}
