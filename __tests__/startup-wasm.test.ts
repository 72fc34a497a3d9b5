import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { FakeForge } from '../simulator/fake-forge.js'
import { GitRepo } from '../simulator/git-repo.js'
import { nodeRuntime, TESTED_NODE } from '../simulator/node-runtimes.js'
import { runAction } from '../simulator/run-action.js'

const TOKEN = 'ghs_startupWasmToken_0a1b2c3d4e'

/**
 * The start-up of `mode: gate` (src/runtime/wasm-tiering.ts): its two forge answers must not send undici's
 * WebAssembly HTTP parser to V8's optimising compiler, whose background compile (about 70 ms of CPU)
 * the process would wait for at its exit. V8's own trace says which compiler built each function; the
 * Liftoff lines prove the trace is on, so a missing TurboFan line means something.
 */
describe.each(TESTED_NODE.map((t) => t.major))('on Node %i', (major) => {
  let repo: GitRepo
  let forge: FakeForge
  let sha: string

  beforeAll(async () => {
    repo = await GitRepo.create()
    sha = await repo.commit('release')
    forge = await FakeForge.start({ flavour: 'github', repo, token: TOKEN })
  })
  afterAll(async () => {
    await forge.close()
    await repo.dispose()
  })

  it('a gate run parses its answers without recompiling the parser with the optimising compiler', async () => {
    const r = await runAction({
      node: nodeRuntime(major).bin,
      nodeArgs: ['--trace-wasm-compilation-times'],
      inputs: { mode: 'gate', token: TOKEN },
      env: { GITHUB_SHA: sha, GITHUB_API_URL: forge.apiUrl, GITHUB_SERVER_URL: forge.serverUrl, GITHUB_REPOSITORY: forge.repository }
    })
    expect(r.outputs.result).toBe('owner')
    const trace = `${r.stdout}\n${r.stderr}`
    expect(trace).toMatch(/using Liftoff/)
    expect(trace).not.toMatch(/using TurboFan/)
  })
})
