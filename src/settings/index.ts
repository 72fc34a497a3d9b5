import { type CommonSettings, type EventPayload, parseCommon } from './common.js'
import type { Env } from './reader.js'

/**
 * Every input, parsed and validated once, before any side effect. A pure function of the environment
 * (and the event payload the runner wrote), so it is tested without a runner.
 */
export interface Settings extends CommonSettings {
  /** Every value that must be masked in logs: tokens, passwords, header values. */
  secrets: string[]
}

export function parseSettings(env: Env, payload?: EventPayload): Settings {
  const common = parseCommon(env, payload)
  const secrets = [common.forge.token].filter((s) => s.length > 0)
  return { ...common, secrets }
}

export type { Env } from './reader.js'
export type { EventPayload, Mode } from './common.js'
