import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createReadStream } from 'node:fs'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '../src/main.js'
import { InstantClock } from '../simulator/clocks.js'
import { FakeForge } from '../simulator/fake-forge.js'
import { GitRepo } from '../simulator/git-repo.js'
import { LocalRegistry } from '../simulator/registry.js'
import { RegistryProxy } from '../simulator/registry-proxy.js'
import { parseOutputFile } from '../simulator/run-action.js'

/** `mode: promote` through the action's entry point: inputs in, outputs out, real registry and git. */
const REPO = 'acme/app'
const short = (sha: string): string => sha.slice(0, 7)

let git: GitRepo
let forge: FakeForge
let registry: LocalRegistry
let proxy: RegistryProxy
let dir: string
let A: string, B: string, C: string
const savedOutput = process.env.GITHUB_OUTPUT
const savedTemp = process.env.RUNNER_TEMP
/** The last `::error::` line the action printed (how core.setFailed reaches the log). */
let lastError = ''

beforeAll(async () => {
  git = await GitRepo.create()
  A = await git.commit('A')
  B = await git.commit('B')
  C = await git.commit('C')
  forge = await FakeForge.start({ flavour: 'gitea-1.23', repo: git })
  registry = await LocalRegistry.start()
  proxy = await RegistryProxy.start(registry.url)
  dir = await mkdtemp(join(tmpdir(), 'rg-promote-mode-'))
  for (const sha of [A, B, C]) await registry.pushImage(REPO, `staging-${short(sha)}`, { revision: sha })
  const write = process.stdout.write.bind(process.stdout)
  jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
    const m = /::error::(.*)/.exec(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
    if (m) lastError = m[1]!.replace(/%0A/g, '\n').replace(/%25/g, '%')
    return write(chunk, ...rest)
  }) as typeof process.stdout.write)
})

afterAll(async () => {
  jest.restoreAllMocks()
  process.env.GITHUB_OUTPUT = savedOutput
  process.env.RUNNER_TEMP = savedTemp
  await proxy.close()
  await registry.stop()
  await forge.close()
  await git.dispose()
  await rm(dir, { recursive: true, force: true })
})

afterEach(() => {
  // core.setFailed marks the process as failed; the test decides what failure means.
  process.exitCode = undefined
})

async function promoteMode(sha: string, inputs: Record<string, string>, signal?: AbortSignal): Promise<Record<string, string>> {
  const file = join(dir, `out-${Math.random().toString(36).slice(2)}`)
  await writeFile(file, '')
  process.env.GITHUB_OUTPUT = file
  // The JSON report goes under RUNNER_TEMP; keep it inside this test's folder.
  process.env.RUNNER_TEMP = dir
  const env: Record<string, string> = {
    INPUT_MODE: 'promote',
    INPUT_FORGE: 'gitea',
    GITHUB_API_URL: forge.apiUrl,
    GITHUB_SERVER_URL: forge.serverUrl,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_SHA: sha,
    INPUT_TOKEN: 'gitea-token-for-tests',
    INPUT_IMAGE: `${proxy.host}/${REPO}`,
    ...inputs
  }
  await run(env, { clock: new InstantClock(), signal })
  return parseOutputFile(await readFile(file, 'utf8'))
}

describe('mode: promote', () => {
  it('promotes and reports the digest', async () => {
    await git.setBranch('main', B)
    const out = await promoteMode(B, { 'INPUT_PROMOTE-TAG': 'mode-latest' })
    const digest = await registry.digestOf(REPO, `staging-${short(B)}`)
    expect(out).toMatchObject({ result: 'promoted', promoted: 'true', 'promoted-digest': digest })
    expect(await registry.digestOf(REPO, 'mode-latest')).toBe(digest)
    expect(process.exitCode).toBeUndefined()
  })

  it('a second run is a no-op: unchanged, still reporting the digest', async () => {
    const out = await promoteMode(B, { 'INPUT_PROMOTE-TAG': 'mode-latest' })
    expect(out).toMatchObject({ result: 'unchanged', promoted: 'false', 'promoted-digest': await registry.digestOf(REPO, `staging-${short(B)}`) })
  })

  it('skipped-ahead when the tag holds a newer commit (the branch moved back by force-push)', async () => {
    await git.setBranch('main', C)
    expect((await promoteMode(C, { 'INPUT_PROMOTE-TAG': 'mode-ahead' })).result).toBe('promoted')
    await git.setBranch('main', B)
    const out = await promoteMode(B, { 'INPUT_PROMOTE-TAG': 'mode-ahead' })
    expect(out).toMatchObject({ result: 'skipped-ahead', promoted: 'false', 'promoted-digest': '' })
    expect(out.reason).toMatch(/forward-only/)
    expect(await registry.digestOf(REPO, 'mode-ahead')).toBe(await registry.digestOf(REPO, `staging-${short(C)}`))
  })

  it('superseded at the first gate: the registry is not even asked', async () => {
    await git.setBranch('main', C)
    const before = proxy.log.length
    const out = await promoteMode(A, { 'INPUT_PROMOTE-TAG': 'mode-superseded' })
    expect(out).toMatchObject({ result: 'skipped-superseded', promoted: 'false', superseded: 'true', 'head-sha': C })
    expect(proxy.log.length).toBe(before)
  })

  it('a registry failure fails the step with the message as the reason', async () => {
    await git.setBranch('main', B)
    const out = await promoteMode(B, { 'INPUT_PROMOTE-FROM': 'never-pushed', 'INPUT_PROMOTE-TAG': 'mode-missing' })
    expect(out).toMatchObject({ result: 'failed', promoted: 'false' })
    expect(out.reason).toMatch(/Source tag missing/)
    expect(process.exitCode).toBe(1)
  })

  it.each([
    ['a malformed image reference', { INPUT_IMAGE: 'https://ghcr.io/acme/app' }, /Input 'image' has the value "https:\/\/ghcr\.io\/acme\/app"/],
    ['an image with a tag', { INPUT_IMAGE: 'ghcr.io/acme/app:latest' }, /Input 'image'.*tag goes in/],
    ['an invalid promote-tag', { 'INPUT_PROMOTE-TAG': '-latest' }, /Input 'promote-tag' has the value "-latest"; expected an OCI tag/],
    ['an invalid image-tag template', { 'INPUT_IMAGE-TAG': 'staging/{sha7}' }, /Input 'image-tag'/],
    ['an unknown placeholder', { 'INPUT_PROMOTE-FROM': 'build-{shaa}' }, /Input 'promote-from'.*unknown: \{shaa\}/],
    ['a username without password', { 'INPUT_REGISTRY-USERNAME': 'ci' }, /Input 'registry-password'.*give both or neither/],
    ['a password without username', { 'INPUT_REGISTRY-PASSWORD': 'pw-only-1234' }, /Input 'registry-username'.*give both or neither/],
    ['the same tag twice', { 'INPUT_PROMOTE-FROM': 'latest' }, /cannot be promoted onto itself/],
    ['no image and no command', { INPUT_IMAGE: '' }, /Input 'image'/],
    ['an unbalanced promote-command', { 'INPUT_PROMOTE-COMMAND': 'crane tag "x' }, /Input 'promote-command'.*balanced quotes/]
  ])('%s fails before any request', async (_name, inputs, message) => {
    const registryBefore = proxy.log.length
    const forgeBefore = forge.requests.length
    const out = await promoteMode(B, inputs)
    expect(out.result).toBe('failed')
    expect(process.exitCode).toBe(1)
    expect(proxy.log.length).toBe(registryBefore)
    expect(forge.requests.length).toBe(forgeBefore)
    expect(JSON.stringify(out)).not.toContain('pw-only-1234')
    // The message goes to the log as ::error::; the input name is what a user needs to fix it.
    expect(lastError).toMatch(message)
  })

  it('a cancel while promote-command runs kills it: result cancelled, not promoted, and the step fails', async () => {
    await git.setBranch('main', B)
    const slow = join(dir, 'slow.sh')
    await writeFile(slow, ['#!/bin/sh', 'echo "started $$" > "$1"', 'exec sleep 60'].join('\n') + '\n')
    await chmod(slow, 0o755)
    const fifo = join(dir, 'mode-started.fifo')
    execFileSync('mkfifo', [fifo])
    const lines = createInterface({ input: createReadStream(fifo) })
    const started = (async () => {
      for await (const line of lines) return line
      return ''
    })()
    const controller = new AbortController()
    const pending = promoteMode(B, { INPUT_IMAGE: '', 'INPUT_PROMOTE-COMMAND': `${slow} ${fifo}`, 'INPUT_PROMOTE-TAG': 'mode-cancel' }, controller.signal)
    expect(await started).toMatch(/^started \d+$/)
    lines.close()
    controller.abort(new Error('cancelled by SIGINT'))
    const out = await pending
    expect(out).toMatchObject({ result: 'cancelled', promoted: 'false', 'promoted-digest': '' })
    expect(out.reason).toMatch(/Promotion cancelled/)
    expect(process.exitCode).toBe(1)
  })
})
