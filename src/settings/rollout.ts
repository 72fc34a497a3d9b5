import { splitArgs } from '../command/runner.js'
import { InputError } from '../errors.js'
import { parseWaves, type WaveMark } from '../rollout/plan.js'
import { checkTemplate, commitVars, encodeJsonString, render } from '../template.js'
import type { CommonSettings } from './common.js'
import { type Env, InputReader, parseHttpUrl } from './reader.js'
import { checkTenantNames } from './tenants.js'
import type { VerifySettings } from './verify.js'

/** How a tenant is redeployed: a command run once per tenant, or the control plane's HTTP endpoint. */
export type RedeployDriver = { kind: 'command'; argv: string[] } | { kind: 'http'; url: string; method: string; body: string; token: string }

export interface RolloutSettings {
  /** Template of the tag each tenant is redeployed to; placeholders {sha}, {sha7}, {environment}. */
  imageTag: string
  /** `imageTag` rendered for the target commit. */
  tag: string
  driver: RedeployDriver
  canary: string[]
  soakMs: number
  maxParallel: number
  /** `waves`: cumulative marks after the canary; empty for waves of `maxParallel`. */
  waves: WaveMark[]
  /** The `waves` input as given, for error messages once the fleet is known. */
  wavesRaw: string
  maxFailures: number
  requestTimeoutMs: number
  /**
   * `canary-failure`: what a failed canary leaves behind. `restore` returns each canary tenant this job
   * moved to the commit its pre-flight read (docs/canary-restore.md); `hold` leaves it on the rejected build.
   */
  canaryFailure: CanaryFailure
}

export const CANARY_FAILURE = ['restore', 'hold'] as const
export type CanaryFailure = (typeof CANARY_FAILURE)[number]

export const REDEPLOY_PLACEHOLDERS = ['tenant', 'tag', 'sha', 'sha7', 'environment', 'current'] as const
export const DEFAULT_REDEPLOY_BODY = '{"tenant":"{tenant}","tag":"{tag}","sha":"{sha}"}'
const METHODS = ['POST', 'PUT', 'PATCH'] as const

/** `imageTag` is the already validated `image-tag` template (shared with promotion's default source). */
export function parseRollout(env: Env, common: CommonSettings, verify: VerifySettings, imageTag: string): RolloutSettings {
  const input = new InputReader(env)
  const tag = render(imageTag, commitVars(common.target.sha, common.target.environment))
  const driver = parseDriver(input)

  const canary = checkTenantNames('canary', input.list('canary'))
  if (verify.tenants.length > 0) {
    const fleet = new Set(verify.tenants)
    const stray = canary.find((c) => !fleet.has(c))
    if (stray) throw new InputError('canary', input.raw('canary'), `names from \`tenants\` (${JSON.stringify(stray)} is not one of them)`)
  }
  return {
    imageTag,
    tag,
    driver,
    canary,
    soakMs: input.seconds('canary-soak-seconds', 60, { allowZero: true }),
    maxParallel: input.integer('max-parallel', 10, 1),
    waves: parseWaves(input.raw('waves')),
    wavesRaw: input.raw('waves'),
    maxFailures: input.integer('max-failures', 0, 0),
    requestTimeoutMs: verify.requestTimeoutMs,
    canaryFailure: input.oneOf('canary-failure', CANARY_FAILURE, 'restore')
  }
}

function parseDriver(input: InputReader): RedeployDriver {
  const command = input.raw('redeploy-command')
  const url = input.raw('redeploy-url')
  if (command && url) throw new InputError('redeploy-url', url, 'to be empty when `redeploy-command` is given (exactly one of the two)')
  if (!command && !url) throw new InputError('redeploy-url', '', 'a control-plane URL template, or a `redeploy-command` (exactly one is required in deploy mode)')
  if (command) {
    let argv: string[]
    try {
      argv = splitArgs(command)
    } catch (error) {
      throw new InputError('redeploy-command', command, `a command line with balanced quotes (${(error as Error).message})`)
    }
    if (argv.length === 0) throw new InputError('redeploy-command', command, 'a command line')
    for (const arg of argv) checkTemplate('redeploy-command', arg, REDEPLOY_PLACEHOLDERS)
    return { kind: 'command', argv }
  }
  checkTemplate('redeploy-url', url, REDEPLOY_PLACEHOLDERS)
  parseHttpUrl('redeploy-url', render(url, sampleVars()))
  const method = input.oneOf('redeploy-method', METHODS.map((m) => m.toLowerCase()) as Lowercase<(typeof METHODS)[number]>[], 'post').toUpperCase()
  const bodyRaw = input.string('redeploy-body', DEFAULT_REDEPLOY_BODY)
  checkTemplate('redeploy-body', bodyRaw, REDEPLOY_PLACEHOLDERS)
  try {
    JSON.parse(render(bodyRaw, sampleVars(), encodeJsonString))
  } catch {
    throw new InputError('redeploy-body', bodyRaw, 'a JSON template (placeholders inside JSON strings, e.g. {"tenant":"{tenant}"})')
  }
  return { kind: 'http', url, method, body: bodyRaw, token: input.raw('control-plane-token') }
}

function sampleVars(): Record<string, string> {
  const sha = '0123456789abcdef0123456789abcdef01234567'
  return { tenant: 'tenant-1', tag: 'staging-0123456', ...commitVars(sha, 'production'), current: sha }
}
