import { Ancestry } from '../../src/forge/ancestry.js'
import { createForge } from '../../src/forge/factory.js'
import type { HttpClient } from '../../src/http/client.js'
import type { ForgeSettings } from '../../src/settings/common.js'
import type { VerifySettings } from '../../src/settings/verify.js'
import { InstantClock } from '../../simulator/clocks.js'
import type { FakeForge } from '../../simulator/fake-forge.js'

/** Settings objects the way parseSettings would build them, pointed at the loopback simulators. */

export function forgeSettingsFor(fake: FakeForge, overrides: Partial<ForgeSettings> = {}): ForgeSettings {
  return {
    kind: fake.flavour === 'github' ? 'github' : 'gitea',
    apiUrl: fake.apiUrl,
    token: '',
    owner: 'acme',
    repo: 'app',
    serverUrl: fake.serverUrl,
    // Short retries: these tests are about answers, not about waiting.
    retry: { maxTotalMs: 5000, baseDelayMs: 10, maxDelayMs: 10, maxAttempts: 2 },
    // Real time, and the fake forge runs git for each answer: generous, so that a busy machine never
    // turns an answer into "could not tell". A test about a hanging forge sets its own.
    requestTimeoutMs: 60_000,
    ...overrides
  }
}

/** Ancestry answered by the fake forge, i.e. by the real git repository behind it. */
export function ancestryFor(fake: FakeForge, http: HttpClient, overrides: Partial<ForgeSettings> = {}): Ancestry {
  return new Ancestry(createForge(forgeSettingsFor(fake, overrides), { http, clock: new InstantClock(), log: () => undefined }))
}

export function verifySettingsFor(template: string, extra: Partial<VerifySettings> = {}): VerifySettings {
  return {
    tenants: [],
    buildinfoUrl: template,
    buildinfoField: 'auto',
    headers: {},
    budgetMs: 120_000,
    intervalMs: 20_000,
    // Real time: a hanging tenant costs the test this long per poll.
    requestTimeoutMs: 300,
    environment: 'production',
    concurrency: 64,
    confirmations: 1,
    ...extra
  }
}
