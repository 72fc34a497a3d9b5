import { afterAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TENANT_NAMES } from '../demo/plan.js'
import { PREVENTED } from '../demo/verdict.js'

/**
 * `npm run demo` end to end, as a newcomer runs it: its own process group and its own TMPDIR, so the
 * test can see every process and temporary file the demo (and everything it started) left behind.
 */
const dirs: string[] = []
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

async function scratch(prefix: string): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), prefix))
  dirs.push(d)
  return d
}

interface DemoRun {
  code: number | null
  stdout: string
  leftover: string[]
  files: string[]
}

/** Processes whose process group is `pgid` (the demo and all it spawned), from /proc. */
async function groupMembers(pgid: number): Promise<string[]> {
  const found: string[] = []
  for (const pid of (await readdir('/proc')).filter((p) => /^\d+$/.test(p))) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (Number(fields[2]) === pgid && fields[0] !== 'Z') found.push(`${pid} ${stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))}`)
  }
  return found
}

async function runDemo(command: string[], out: string, onOutput?: (stdout: string, pid: number) => void): Promise<DemoRun> {
  const tmp = await scratch('rg-demo-tmp-')
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, NO_COLOR: '1' }
  delete env.NODE_OPTIONS
  // Against a fresh build when the suite runs with one (as every end-to-end test does); dist/index.js otherwise.
  const dist = process.env.ROLLOUT_GUARD_DIST ? ['--dist', process.env.ROLLOUT_GUARD_DIST] : []
  const child = spawn(command[0]!, [...command.slice(1), '--out', out, ...dist], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d
    onOutput?.(stdout, child.pid!)
  })
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  // Exited children are reaped by their parents on the way out: wait until they are gone (bounded only
  // so that a real leak fails with the list, well within the test's timeout, on a busy machine too).
  let leftover = await groupMembers(child.pid!)
  for (let i = 0; i < 600 && leftover.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 100))
    leftover = await groupMembers(child.pid!)
  }
  // The tools' own caches, kept in TMPDIR on purpose and reused across runs, are not the demo's:
  // tsx's compile cache (tsx-<uid>) and the one npm enables for itself (node-compile-cache).
  const files = (await readdir(tmp)).filter((f) => !/^(tsx-\d+|node-compile-cache)$/.test(f))
  return { code, stdout, leftover, files }
}

describe('npm run demo', () => {
  it('replays the incident, prints both summaries and the verdict, writes the HTML report, and leaves nothing behind', async () => {
    const out = join(await scratch('rg-demo-out-'), 'report.html')
    const run = await runDemo(['npm', 'run', 'demo', '--silent', '--'], out)

    expect(run.code).toBe(0)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines.at(-2)).toBe(PREVENTED)
    expect(lines.at(-1)).toBe(`HTML report: ${out}`)
    expect(run.leftover).toEqual([])
    expect(run.files).toEqual([])

    // Progress streamed with the job's name, the A job stepping aside, both summaries readable.
    expect(run.stdout).toMatch(/^ {2}B │ \[wave 2\] \d+ of \d+ on target or ahead/m)
    expect(run.stdout).toMatch(/^■ A {2}job for A finished after [\d.]+ s: exit 0, superseded: nothing to do$/m)
    expect(run.stdout).toMatch(new RegExp(`^Tenants\\W+${TENANT_NAMES.length} of ${TENANT_NAMES.length} OK\\W*$`, 'm'))
    expect(run.stdout).toMatch(/^ {2}.*Phase +Outcome +.*Duration +Detail$/m)
    expect(run.stdout).not.toMatch(/\|---|\\\(|&gt;|::add-mask::/)
    // Check lines wrap at the terminal's width: any run of whitespace may be a line break.
    expect(run.stdout).toMatch(/✓ :latest moved forward to B — latest\s+was\s+sha256:\w+\s+\(base\),\s+is\s+sha256:\w+\s+\(B's\s+image\)/)

    const html = await readFile(out, 'utf8')
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain(`<div class="verdict ok">${PREVENTED}</div>`)
    for (const name of TENANT_NAMES) expect(html).toContain(`<tr><td>${name}`)
    for (const phase of ['canary', 'soak', 'wave 3', 'confirm', 'promotion']) expect(html).toContain(`<td>${phase}</td>`)
    expect(html).toContain('<span class="tag A">job A</span>')
    expect(html).toMatch(/:latest after<\/th><td class="mono">sha256:[0-9a-f]{64} \(the image of B\)/)
    // One direction for a promotion everywhere, source first: the reason reads as the terminal does.
    expect(html).toMatch(/promoting staging-[0-9a-f]{7} \(sha256:[0-9a-f]{12}, built from [0-9a-f]{7}\) → latest\./)
    expect(html).not.toMatch(/<script|<link|src=/i)
  }, 300_000)

  it('stops every process and removes every temporary file on Ctrl-C', async () => {
    const out = join(await scratch('rg-demo-out-'), 'report.html')
    let sent = false
    const run = await runDemo(['node_modules/.bin/tsx', 'demo/main.ts'], out, (stdout, pid) => {
      // Ctrl-C reaches the terminal's whole process group, mid-rollout.
      if (!sent && stdout.includes('▸ Wave 1')) {
        sent = true
        process.kill(-pid, 'SIGINT')
      }
    })
    expect(sent).toBe(true)
    expect(run.code).toBe(130)
    expect(run.stdout).toContain('SIGINT: cancelling the jobs and stopping everything the demo started')
    expect(run.stdout).toMatch(/Stopped registry proxy, docker-registry, fleet/)
    expect(run.stdout).not.toContain('Incident prevented')
    expect(run.leftover).toEqual([])
    expect(run.files).toEqual([])
  }, 300_000)
})
