import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createReadStream, existsSync } from 'node:fs'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execRunner } from '../src/command/runner.js'
import { promote, type PromotionResult } from '../src/promote/promote.js'
import { parsePromote } from '../src/settings/promote.js'
import { InputReader } from '../src/settings/reader.js'

/** `promote-command`: a real script run through the shell-free runner. */
const SHA = 'abcdef0123456789abcdef0123456789abcdef01'
const DIGEST = `sha256:${'e'.repeat(64)}`
const PASSWORD = 'cmd-pw-8Hq2'

let dir: string
let script: string
/** Says it started (its PID) into the FIFO named by $1, then runs for a minute. */
let slow: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rg-promote-cmd-'))
  script = join(dir, 'retag.sh')
  await writeFile(
    script,
    [
      '#!/bin/sh',
      'out="$1"; shift',
      'printf "%s\\n" "$@" > "$out.args"',
      'env | grep -E "^(REGISTRY_|ROLLOUT_GUARD_)" | sort > "$out.env"',
      'if [ "$1" = "fail" ]; then echo "registry said no" >&2; exit 3; fi',
      `echo "tagged, digest: ${DIGEST}"`
    ].join('\n') + '\n'
  )
  await chmod(script, 0o755)
  slow = join(dir, 'slow.sh')
  await writeFile(slow, ['#!/bin/sh', 'echo "started $$" > "$1"', 'exec sleep 60'].join('\n') + '\n')
  await chmod(slow, 0o755)
})

/** The first line written into a FIFO: an event, not a duration. */
async function firstLine(fifo: string): Promise<string> {
  const lines = createInterface({ input: createReadStream(fifo) })
  for await (const line of lines) {
    lines.close()
    return line
  }
  throw new Error(`${fifo} closed without a line`)
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

afterAll(() => rm(dir, { recursive: true, force: true }))

async function promoteWith(command: string, superseded = false, extra: Record<string, string> = {}, signal?: AbortSignal): Promise<PromotionResult> {
  const env = { INPUT_IMAGE: 'registry.example.com:5000/team/app', 'INPUT_PROMOTE-COMMAND': command, 'INPUT_REGISTRY-USERNAME': 'ci', 'INPUT_REGISTRY-PASSWORD': PASSWORD, ...extra }
  const settings = parsePromote(new InputReader(env), 'staging-{sha7}', true)!
  return promote({
    settings,
    sha: SHA,
    environment: 'production',
    force: false,
    registry: undefined,
    runner: execRunner,
    ancestry: { isAhead: async () => false },
    checkGate: async () => ({ superseded, reason: 'A newer commit owns main.' }),
    signal
  })
}

describe('promote-command', () => {
  it('runs with templated argv (no shell), credentials in the environment only', async () => {
    const out = join(dir, 'ok')
    const result = await promoteWith(`${script} ${out} copy {source} {target} "--note {environment} $HOME;x" --sha={sha7}`)
    expect(result).toMatchObject({ promoted: true, outcome: 'promoted', digest: DIGEST })
    const args = (await readFile(`${out}.args`, 'utf8')).trimEnd().split('\n')
    expect(args).toEqual(['copy', 'registry.example.com:5000/team/app:staging-abcdef0', 'registry.example.com:5000/team/app:latest', '--note production $HOME;x', '--sha=abcdef0'])
    const env = await readFile(`${out}.env`, 'utf8')
    expect(env).toContain(`REGISTRY_PASSWORD=${PASSWORD}`)
    expect(env).toContain('REGISTRY_USERNAME=ci')
    expect(env).toContain('ROLLOUT_GUARD_PROMOTE_TAG=latest')
    expect(args.join(' ')).not.toContain(PASSWORD)
  })

  it('a failing command fails the promotion with its exit code and stderr', async () => {
    const result = await promoteWith(`${script} ${join(dir, 'bad')} fail {tag}`)
    expect(result).toMatchObject({ promoted: false, outcome: 'failed' })
    expect(result.reason).toMatch(/promote-command `.*retag\.sh` exited with 3: registry said no/)
  })

  it('superseded at the gate: the command is not run', async () => {
    const out = join(dir, 'superseded')
    const result = await promoteWith(`${script} ${out} copy {from} {tag}`, true)
    expect(result).toMatchObject({ promoted: false, outcome: 'skipped-superseded' })
    expect(result.reason).toMatch(/promote-command was not run/)
    expect(existsSync(`${out}.args`)).toBe(false)
  })

  it('a cancel kills the running command (and what it started): the promotion is cancelled, not promoted', async () => {
    const fifo = join(dir, 'started.fifo')
    execFileSync('mkfifo', [fifo])
    const controller = new AbortController()
    const started = firstLine(fifo)
    const pending = promoteWith(`${slow} ${fifo}`, false, {}, controller.signal)
    const pid = Number(/^started (\d+)$/.exec(await started)?.[1])
    expect(alive(pid)).toBe(true)
    controller.abort(new Error('cancelled by SIGINT'))
    const result = await pending
    expect(result).toMatchObject({ promoted: false, outcome: 'cancelled' })
    expect(result.reason).toMatch(/Promotion cancelled \(cancelled by SIGINT\)/)
    // The runner returns once the command has exited.
    expect(alive(pid)).toBe(false)
  })

  it('a run cancelled before the command starts does not start it', async () => {
    const out = join(dir, 'never')
    const controller = new AbortController()
    controller.abort(new Error('cancelled by SIGTERM'))
    const result = await promoteWith(`${script} ${out} copy {from} {tag}`, false, {}, controller.signal)
    expect(result).toMatchObject({ promoted: false, outcome: 'cancelled' })
    expect(existsSync(`${out}.args`)).toBe(false)
  })
})
