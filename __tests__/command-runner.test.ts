import { describe, expect, it } from '@jest/globals'
import { commandEnv, execRunner, keepTail } from '../src/command/runner.js'

/** What a user command inherits and what of its output is kept for messages. */
describe('command runner', () => {
  it("does not hand the action's inputs (tokens among them) to a user command", async () => {
    const saved = { ...process.env }
    process.env['INPUT_TOKEN'] = 'forge-secret-0123456789'
    process.env['INPUT_CONTROL-PLANE-TOKEN'] = 'cp-secret-0123456789'
    process.env.ROLLOUT_GUARD_TEST_VISIBLE = 'yes'
    try {
      const res = await execRunner.run([process.execPath, '-e', 'process.stdout.write(JSON.stringify(process.env))'], { env: { EXPLICIT: 'given' } })
      const seen = JSON.parse(res.stdout) as Record<string, string>
      expect(Object.keys(seen).filter((k) => k.toUpperCase().startsWith('INPUT_'))).toEqual([])
      expect(res.stdout).not.toContain('secret-0123456789')
      expect(seen.ROLLOUT_GUARD_TEST_VISIBLE).toBe('yes')
      expect(seen.EXPLICIT).toBe('given')
    } finally {
      process.env = saved
    }
  })

  it("does not hand the runner's internal tokens to a user command, unless ROLLOUT_GUARD_PASS_ENV names them", async () => {
    const saved = { ...process.env }
    const internal = {
      ACTIONS_RUNTIME_TOKEN: 'runtime-secret-0123456789',
      ACTIONS_RUNTIME_URL: 'https://pipelines.example/',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-secret-0123456789',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc.example/?audience=x',
      ACTIONS_CACHE_URL: 'https://cache.example/',
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: 'https://results.example/'
    }
    Object.assign(process.env, internal)
    const env = async (): Promise<Record<string, string>> =>
      JSON.parse((await execRunner.run([process.execPath, '-e', 'process.stdout.write(JSON.stringify(process.env))'], {})).stdout) as Record<string, string>
    try {
      const seen = await env()
      expect(Object.keys(seen).filter((k) => k in internal)).toEqual([])
      expect(JSON.stringify(seen)).not.toContain('secret-0123456789')
      process.env.ROLLOUT_GUARD_PASS_ENV = 'ACTIONS_ID_TOKEN_REQUEST_URL, ACTIONS_ID_TOKEN_REQUEST_TOKEN'
      const passed = await env()
      expect(
        Object.keys(passed)
          .filter((k) => k in internal)
          .sort()
      ).toEqual(['ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_URL'])
    } finally {
      process.env = saved
    }
  })

  it('no name in ROLLOUT_GUARD_PASS_ENV brings back an input', () => {
    expect(commandEnv({ PATH: '/bin', INPUT_TOKEN: 't', ROLLOUT_GUARD_PASS_ENV: 'INPUT_TOKEN ACTIONS_RUNTIME_TOKEN', ACTIONS_RUNTIME_TOKEN: 'r' })).toEqual({
      PATH: '/bin',
      ROLLOUT_GUARD_PASS_ENV: 'INPUT_TOKEN ACTIONS_RUNTIME_TOKEN',
      ACTIONS_RUNTIME_TOKEN: 'r'
    })
  })

  it('commandEnv keeps everything but INPUT_* variables', () => {
    expect(commandEnv({ PATH: '/bin', INPUT_TOKEN: 't', input_x: 'y', HOME: '/h' })).toEqual({ PATH: '/bin', HOME: '/h' })
  })

  it('keeps the tail of long output from a line start, never from inside a line', () => {
    const secretLine = `token=${'s'.repeat(40)}`
    const text = `${secretLine}\n${'x'.repeat(64 * 1024 - 10)}\nlast line`
    const kept = keepTail(text)
    expect(kept.length).toBeLessThanOrEqual(64 * 1024)
    expect(kept).not.toContain('sss')
    expect(kept.endsWith('last line')).toBe(true)
    expect(keepTail('short\ntext')).toBe('short\ntext')
  })
})
