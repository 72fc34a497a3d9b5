import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { FakeForge } from '../simulator/fake-forge.js'
import { GitRepo } from '../simulator/git-repo.js'
import { nodeRuntime, TESTED_NODE } from '../simulator/node-runtimes.js'
import { runAction } from '../simulator/run-action.js'

const TOKEN = 'ghs_startupWasmToken_0a1b2c3d4e'

const LOADED_BUILTINS = pathToFileURL(resolve('__tests__/support/loaded-builtins.mjs')).href

/**
 * The start-up of `mode: gate` (docs/node-versions.md): its two forge answers must not send undici's
 * WebAssembly HTTP parser to V8's optimising compiler (src/runtime/wasm-tiering.ts), whose background
 * compile (about 70 ms of CPU) the process would wait for at its exit. V8's own trace says which compiler
 * built each function; the Liftoff lines prove the trace is on, so a missing TurboFan line means something.
 * Nor may the gate load Node's own fetch implementation (a second undici, through a global `Response` or
 * `Request`) beside the bundled one.
 */
describe.each(TESTED_NODE.map((t) => t.major))('on Node %i', (major) => {
  let repo: GitRepo
  let forge: FakeForge
  let sha: string
  const envFor = (): Record<string, string> => ({ GITHUB_SHA: sha, GITHUB_API_URL: forge.apiUrl, GITHUB_SERVER_URL: forge.serverUrl, GITHUB_REPOSITORY: forge.repository })

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
      env: envFor()
    })
    expect(r.outputs.result).toBe('owner')
    const trace = `${r.stdout}\n${r.stderr}`
    expect(trace).toMatch(/using Liftoff/)
    expect(trace).not.toMatch(/using TurboFan/)
  })

  it("a gate run does not load Node's own fetch implementation beside the bundled undici", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-builtins-'))
    try {
      const file = join(dir, 'loaded.txt')
      const r = await runAction({ node: nodeRuntime(major).bin, nodeArgs: ['--import', LOADED_BUILTINS], inputs: { mode: 'gate', token: TOKEN }, env: { ...envFor(), LOADED_BUILTINS_FILE: file } })
      expect(r.outputs.result).toBe('owner')
      const loaded = (await readFile(file, 'utf8')).split('\n')
      // The probe works: the bundled undici's own built-ins are there.
      expect(loaded).toContain('NativeModule http')
      expect(loaded.filter((m) => m.includes('internal/deps/undici'))).toEqual([])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
