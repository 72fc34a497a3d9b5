import { data, Evaluator, Lexer, Parser } from '@actions/expressions'
import { afterAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { type ActionRun, runAction } from '../simulator/run-action.js'

/**
 * The `action` job of .github/workflows/ci.yml, played step by step from the workflow file itself: the
 * simulator service started and stopped by its own steps, each `uses: ./` step run as the runner runs
 * it with its `with:` values, and the checking step fed the steps' outputs. A workflow edit that breaks
 * the job breaks this test.
 */
interface Step {
  id?: string
  name?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, string>
}

const dirs: string[] = []
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

function exec(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d))
    child.on('close', (code) => resolve({ code, out }))
  })
}

/**
 * A `with:`/`env:` value as the runner computes it: each `${{ }}` evaluated by GitHub's own evaluator
 * (@actions/expressions) against the `env` and `steps` contexts, the results coerced to strings. An
 * expression naming another context fails to parse, so the test cannot silently pass on a value it
 * could not compute.
 */
function evaluate(value: unknown, env: Record<string, string>, outputs: Record<string, Record<string, string>>): string {
  const steps = Object.fromEntries(Object.entries(outputs).map(([id, out]) => [id, { outputs: out }]))
  const context = JSON.parse(JSON.stringify({ env, steps }), data.reviver) as data.Dictionary
  return String(value).replace(/\$\{\{(.+?)\}\}/gs, (_m, source: string) => {
    const lexed = new Lexer(source).lex()
    const expr = new Parser(lexed.tokens, ['env', 'steps'], []).parse()
    return new Evaluator(expr, context).evaluate().coerceString()
  })
}

describe('ci.yml job `action`', () => {
  it('deploys B with uses: ./, gates A and B, and its check step passes against the simulator', async () => {
    const base = await mkdtemp(join(tmpdir(), 'rg-ci-job-'))
    dirs.push(base)
    const tmp = join(base, 'tmp')
    await exec(['mkdir', '-p', tmp], process.env)
    const githubEnv = join(base, 'github_env')
    const shellEnv: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, RUNNER_TEMP: base, GITHUB_ENV: githubEnv }
    delete shellEnv.NODE_OPTIONS

    const workflow = parse(await readFile('.github/workflows/ci.yml', 'utf8')) as { jobs: { action: { steps: Step[] } } }
    const steps = workflow.jobs.action.steps
    const env: Record<string, string> = {}
    const outputs: Record<string, Record<string, string>> = {}
    const ran: string[] = []
    let checkOut = ''
    for (const step of steps) {
      if (step.uses === './') {
        const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, evaluate(v, env, outputs)]))
        const run: ActionRun = await runAction({ inputs })
        expect({ step: step.name, exitCode: run.exitCode }).toEqual({ step: step.name, exitCode: 0 })
        outputs[step.id!] = run.outputs
        ran.push(step.id!)
        continue
      }
      const script = /node_modules\/\.bin\/tsx (demo\/\S+\.ts)(.*)$/.exec(step.run ?? '')
      if (!script) continue
      const stepEnv = { ...shellEnv, ...env, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(v, env, outputs)])) }
      const result = await exec(['node_modules/.bin/tsx', script[1]!, ...script[2]!.trim().split(/\s+/).filter(Boolean)], stepEnv)
      expect({ step: step.name, code: result.code, out: result.code === 0 ? '' : result.out }).toEqual({ step: step.name, code: 0, out: '' })
      ran.push(script[1]! + script[2])
      if (script[1] === 'demo/ci-check.ts') {
        checkOut = result.out
        // The check must be able to fail: the same step, fed a deploy that did not promote.
        const bad = { ...stepEnv, DEPLOY: JSON.stringify({ ...outputs.deploy, promoted: 'false' }) }
        const failed = await exec(['node_modules/.bin/tsx', 'demo/ci-check.ts'], bad)
        expect(failed.code).toBe(1)
        expect(failed.out).toMatch(/^FAIL {2}deploy: promoted is true/m)
      }
      // What `serve.ts start` appended to $GITHUB_ENV is what later steps see as env.
      if (existsSync(githubEnv)) {
        for (const line of (await readFile(githubEnv, 'utf8')).split('\n')) {
          const i = line.indexOf('=')
          if (i > 0) env[line.slice(0, i)] = line.slice(i + 1)
        }
      }
    }

    expect(ran).toEqual(['demo/serve.ts start', 'deploy', 'gate_a', 'gate_b', 'demo/ci-check.ts', 'demo/serve.ts stop'])
    expect(outputs.deploy).toMatchObject({ result: 'deployed', promoted: 'true' })
    expect(outputs.gate_a).toMatchObject({ result: 'skipped-superseded', superseded: 'true', 'head-sha': env.SIM_SHA_B })
    expect(checkOut).not.toMatch(/^FAIL/m)
    expect(checkOut).toMatch(/^ok {4}registry: :latest is B's image$/m)
    // `serve.ts stop` stopped the service and everything it started.
    expect(existsSync(env.SIM_STATE_DIR!)).toBe(false)
    expect((await readdir(tmp)).filter((f) => !/^(tsx-\d+|node-compile-cache)$/.test(f))).toEqual([])
  }, 300_000)
})
