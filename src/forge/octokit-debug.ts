import type { getOctokit } from '@actions/github'
import { debug, debugEnabled, elapsedMs, loggableUrl } from '../debug.js'

type Octokit = ReturnType<typeof getOctokit>
type RequestOptions = Parameters<Octokit['request']['endpoint']['parse']>[0]

/**
 * Octokit's requests in the debug log, as src/http/client.ts logs its own: method, URL without
 * credentials, status (or why there was none) and duration. Octokit sends through its own fetch, so
 * the shared HTTP client never sees these; a hook around its `request` does. Retries are ours
 * (src/http/retry.ts), so each attempt is one line here.
 */
export function logOctokitRequests(octokit: Octokit): void {
  octokit.hook.wrap('request', async (request, options) => {
    if (!debugEnabled()) return request(options)
    const { method, url } = octokit.request.endpoint.parse(options as RequestOptions)
    const started = performance.now()
    try {
      const response = await request(options)
      debug(() => `http ${method} ${loggableUrl(url)} -> ${response.status} in ${elapsedMs(started)} ms`)
      return response
    } catch (error) {
      const status = (error as { status?: unknown }).status
      debug(() => `http ${method} ${loggableUrl(url)} -> ${typeof status === 'number' && status > 0 ? status : `no answer: ${(error as Error).message}`} after ${elapsedMs(started)} ms`)
      throw error
    }
  })
}
