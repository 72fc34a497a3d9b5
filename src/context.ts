import * as core from '@actions/core'
import { type Clock, systemClock } from './clock.js'
import { Ancestry } from './forge/ancestry.js'
import { createForge } from './forge/factory.js'
import type { Forge } from './forge/types.js'
import { SupersededGate } from './gate/gate.js'
import { createHttpClient, type HttpClient } from './http/client.js'
import { NO_REPORTER, type Reporter } from './report/publish/types.js'
import type { Settings } from './settings/index.js'
import { type RunCounters, startCounting } from './report/counters.js'

/** Everything a mode needs from the outside world, built once from the settings. */
export interface RunContext {
  settings: Settings
  clock: Clock
  http: HttpClient
  forge: Forge
  ancestry: Ancestry
  gate: SupersededGate
  /** Aborted on SIGINT/SIGTERM (a cancelled run): start nothing new. */
  signal: AbortSignal
  /** The check run or commit status on the commit; main starts and finishes it (reconcile starts it on the head). */
  reporter: Reporter
  /** What the run did, counted, for the report and the summary. */
  counters: RunCounters
}

export interface ContextOverrides {
  clock?: Clock
  http?: HttpClient
  forge?: Forge
  signal?: AbortSignal
  reporter?: Reporter
}

export function createContext(settings: Settings, overrides: ContextOverrides = {}): RunContext {
  const clock = overrides.clock ?? systemClock
  const http = overrides.http ?? createHttpClient()
  const forge = overrides.forge ?? createForge(settings.forge, { http, clock, log: (m) => core.info(m) })
  const ancestry = new Ancestry(forge)
  const gate = new SupersededGate(forge, ancestry, settings.target, settings.gate)
  return { settings, clock, http, forge, ancestry, gate, signal: overrides.signal ?? new AbortController().signal, reporter: overrides.reporter ?? NO_REPORTER, counters: startCounting() }
}
