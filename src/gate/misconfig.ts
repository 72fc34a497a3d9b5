import { errorMessage } from '../errors.js'
import { ForgeAnswerError } from '../forge/errors.js'
import type { Forge } from '../forge/types.js'
import { NetworkError } from '../http/client.js'
import { HttpStatusError, isRateLimited, isTransient, RateLimitError } from '../http/retry.js'

/**
 * A head read the forge refused for a reason that will not go away by waiting: a refused token, a
 * repository or branch the token cannot see, an API URL that is not the forge's API. At the first gate
 * this is not an outage (whose fail-safe is to proceed): the check would be off on every run until
 * someone read a warning, so the step fails before any side effect and names the input to fix.
 */
export type MisconfiguredInput = 'token' | 'api-url' | 'repository' | 'branch'

export class MisconfigurationError extends Error {
  constructor(
    readonly input: MisconfiguredInput,
    /** What is wrong and how to fix it, in one or two sentences. */
    readonly problem: string,
    /** What the forge answered. */
    readonly answer: string
  ) {
    super(`Input '${input}': ${problem} (The forge answered: ${answer}.) Nothing was redeployed, promoted or reported; fix the input and run the job again.`)
    this.name = 'MisconfigurationError'
  }
}

/**
 * Whether a run failed because the forge cannot be used with these settings at all (the token, the
 * api-url or the repository): then no record is written, since the same token would be refused again.
 * A missing branch is not one: the token works, and the failing check says what to fix.
 */
export function forgeUnusable(error: unknown): boolean {
  return error instanceof MisconfigurationError && error.input !== 'branch'
}

/**
 * Says which input a failed head read points at, or undefined when the failure looks like an outage
 * (5xx, a timeout, a rate limit, a connection error) and the fail-safe applies. A 404 is narrowed down
 * with two more reads: the repository itself, then the API's own root.
 */
export async function diagnoseHeadError(forge: Forge, branch: string, error: unknown): Promise<MisconfigurationError | undefined> {
  if (isTransient(error) || (error instanceof NetworkError && !error.code.startsWith('REDIRECT'))) return undefined
  const answer = errorMessage(error)
  const repo = forge.repository ?? 'the repository'
  if (error instanceof HttpStatusError && error.status === 401) {
    return new MisconfigurationError('token', `the forge refused the token (HTTP 401): it is empty, expired or revoked. Pass a valid token as \`token\` (by default the job's own token).`, answer)
  }
  if (error instanceof HttpStatusError && error.status === 403) {
    return new MisconfigurationError('token', `the token is not allowed to read ${repo} (HTTP 403). ${readPermission(forge)}`, answer)
  }
  const found = await diagnoseNotFound(forge, answer)
  if (found !== 'visible') return found
  if (error instanceof HttpStatusError && error.status === 404) {
    return new MisconfigurationError('branch', `${repo} has no branch '${branch}' (HTTP 404). Name the branch that owns production as \`branch\` (by default the repository's default branch).`, answer)
  }
  // The API answered, but not with a branch (a malformed or cut answer, an odd status): not a setting.
  return undefined
}

/**
 * Something the forge should have was not found: is `api-url` the forge's API, and can the token see
 * the repository? The misconfiguration if not, 'visible' when both hold, undefined when it cannot tell.
 */
export async function diagnoseNotFound(forge: Forge, answer: string): Promise<MisconfigurationError | 'visible' | undefined> {
  const apiProblem = await apiMismatch(forge)
  if (apiProblem === 'unknown') return undefined
  if (apiProblem) return new MisconfigurationError('api-url', `it does not answer as the ${forgeName(forge)} API: ${apiProblem}. ${apiHint(forge)}`, answer)
  const visible = await repositoryVisible(forge)
  if (visible === 'unknown') return undefined
  if (visible) return 'visible'
  const repo = forge.repository ?? 'the repository'
  return new MisconfigurationError(
    'repository',
    `${repo} does not exist, or the token cannot see it (HTTP 404). Check \`repository\` (owner/name), and that \`token\` may read it (${readPermission(forge)})`,
    answer
  )
}

/** '' when `api-url` answers as the forge's API, what it answered otherwise, 'unknown' when it could not be asked. */
async function apiMismatch(forge: Forge): Promise<string | 'unknown'> {
  if (!forge.apiMismatch) return ''
  try {
    return (await forge.apiMismatch()) ?? ''
  } catch {
    // It could not be asked (an outage, a refusal of its own): no verdict on the URL.
    return 'unknown'
  }
}

async function repositoryVisible(forge: Forge): Promise<boolean | 'unknown'> {
  if (!forge.readRepository) return 'unknown'
  try {
    await forge.readRepository()
    return true
  } catch (error) {
    if (error instanceof HttpStatusError && (error.status === 404 || error.status === 403)) return false
    if (error instanceof ForgeAnswerError) return true
    return 'unknown'
  }
}

const forgeName = (forge: Forge): string => (forge.kind === 'github' ? 'GitHub' : 'Gitea')

function readPermission(forge: Forge): string {
  return forge.kind === 'github'
    ? 'The job needs `contents: read` in its `permissions:` (a fine-grained token: Contents read access to the repository).'
    : 'The token needs read access to the repository (a Gitea token with the `read:repository` scope).'
}

function apiHint(forge: Forge): string {
  return forge.kind === 'github'
    ? "Set `api-url` to the REST API root: https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server (the runner's GITHUB_API_URL)."
    : 'Set `api-url` to the REST API root, the server URL followed by /api/v1 (e.g. https://gitea.example.com/api/v1).'
}

/** The kind of outage a failed head read was, for the warning that says the job proceeds without it. */
export function describeOutage(error: unknown): string {
  if (error instanceof HttpStatusError) {
    if (isRateLimited(error) || error.status === 429) return `the forge's ${error.rateLimit ? `${error.rateLimit} ` : ''}rate limit (HTTP ${error.status})`
    if (error.status >= 500) return `a forge outage (HTTP ${error.status})`
    return `an unexpected answer (HTTP ${error.status})`
  }
  if (error instanceof RateLimitError) return `the forge's ${error.kind} rate limit, longer than the job may wait`
  if (error instanceof NetworkError) return error.code === 'TIMEOUT' ? 'no answer within the request timeout' : `a connection failure (${error.code})`
  if (error instanceof ForgeAnswerError) return 'an answer that is not a branch'
  return 'an error'
}
