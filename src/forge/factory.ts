import type { Clock } from '../clock.js'
import { showQueryValuesOf } from '../debug.js'
import type { HttpClient } from '../http/client.js'
import type { ForgeSettings } from '../settings/common.js'
import { GiteaForge } from './gitea.js'
import { GitHubForge } from './github.js'
import type { Forge } from './types.js'

export interface ForgeDeps {
  http: HttpClient
  clock: Clock
  log: (message: string) => void
  /**
   * Stops every request and retry wait of this client when it aborts: the run's cancel for the run's
   * client, the grace after the cancel for the one that writes the records.
   */
  signal?: AbortSignal
  /**
   * GitHub only: the fetch Octokit sends through, in place of the toolkit's proxy-aware one (Gitea's
   * requests go through `http`). The explorer's in-process forge answers through it.
   */
  fetch?: typeof fetch
}

export function createForge(settings: ForgeSettings, deps: ForgeDeps): Forge {
  // The forge's query strings are the action's own (SHAs, pages): the debug log may show their values.
  showQueryValuesOf(settings.apiUrl)
  switch (settings.kind) {
    case 'github':
      return new GitHubForge(settings, deps.clock, deps.log, deps.signal, deps.fetch)
    case 'gitea':
      return new GiteaForge(settings, deps.http, deps.clock, deps.log, deps.signal)
  }
}
