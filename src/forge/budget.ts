import type { getOctokit } from '@actions/github'
import { rateLimitRemaining } from '../http/rate-limit.js'
import { countForgeRequest } from '../report/counters.js'

type Octokit = ReturnType<typeof getOctokit>
type RequestOptions = Parameters<Octokit['request']['endpoint']['parse']>[0]

/** Path words that name what a request is about; every other segment (owner, SHA, id, branch) is dropped. */
const WORDS = new Set(['branches', 'compare', 'commits', 'git', 'status', 'statuses', 'check-runs', 'deployments', 'version', 'pulls'])

/**
 * `GET branches`, `POST check-runs`, `POST deployments/statuses`: the kind of a forge request, for the
 * budget in the report. `/` and the repository itself are `GET meta` and `GET repository`.
 */
export function requestKind(method: string, path: string): string {
  const bare = path.split('?')[0]!
  const repo = /\/repos\/[^/]+\/[^/]+(\/.*)?$/.exec(bare)
  if (!repo) return `${method} meta`
  const words = (repo[1] ?? '').split('/').filter((w) => WORDS.has(w))
  return `${method} ${words.join('/') || 'repository'}`
}

/**
 * Counts every request Octokit sends (each retry is one) with what its answer said about the rate limit:
 * the report's forge budget. A 304 (a conditional read) is counted as such: GitHub does not charge it.
 */
export function countOctokitRequests(octokit: Octokit): void {
  octokit.hook.wrap('request', async (request, options) => {
    const { method, url } = octokit.request.endpoint.parse(options as RequestOptions)
    const kind = requestKind(method, new URL(url, 'http://x').pathname)
    try {
      const response = await request(options)
      countForgeRequest(kind, response.status, rateLimitRemaining(response.headers as Record<string, string>))
      return response
    } catch (error) {
      const e = error as { status?: number; response?: { headers?: Record<string, string> } }
      countForgeRequest(kind, typeof e.status === 'number' && e.status > 0 ? e.status : undefined, rateLimitRemaining(e.response?.headers ?? {}))
      throw error
    }
  })
}
