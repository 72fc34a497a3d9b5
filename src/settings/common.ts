import { InputError } from '../errors.js'
import { DEFAULT_RETRY, type RetryPolicy } from '../http/retry.js'
import { type Env, InputReader, parseHttpUrl, parseSha } from './reader.js'

/** Capabilities, in the order a release added them; only these are accepted by `mode`. */
export const MODES = ['gate', 'verify', 'deploy', 'promote', 'reconcile'] as const
export type Mode = (typeof MODES)[number]

export type ForgeKind = 'github' | 'gitea'

export interface ForgeSettings {
  kind: ForgeKind
  /** REST base without a trailing slash, e.g. https://api.github.com or https://gitea.example/api/v1. */
  apiUrl: string
  token: string
  owner: string
  repo: string
  /** Forge web root, for links back to the run. */
  serverUrl: string
  /** Time budget for retrying transient forge errors in one call. */
  retry: RetryPolicy
  requestTimeoutMs: number
}

export interface TargetSettings {
  /** Full or abbreviated SHA this job deploys, lower case. */
  sha: string
  /** Branch whose head owns production. */
  branch: string
  environment: string
}

export interface GateSettings {
  /** `superseded-check: false` turns the gate off (loudly). */
  enabled: boolean
  onSuperseded: 'skip' | 'fail'
  /** Break glass: side effects go ahead even when superseded or backward. */
  force: boolean
  /**
   * The ownership-evidence bound: how long a gate answer may be reused for a side effect (a redeploy, a
   * registry write, promote-command) before the head is read again. OWNERSHIP_MAX_AGE_MS, never more
   * than one request timeout; unset means OWNERSHIP_MAX_AGE_MS.
   */
  maxAgeMs?: number
}

/**
 * The ownership-evidence bound by default (docs/ownership-evidence.md): a side effect is sent only on a
 * gate answer younger than this, so a job that waited (a hanging pre-flight read, a slow wave) asks again.
 */
export const OWNERSHIP_MAX_AGE_MS = 5_000

/** The bound for a run whose longest single request may take `requestTimeoutMs`: never longer than one. */
export function ownershipMaxAgeMs(requestTimeoutMs: number): number {
  return Math.max(1, Math.min(OWNERSHIP_MAX_AGE_MS, requestTimeoutMs))
}

export interface RunInfo {
  runUrl: string | undefined
  runId: string | undefined
  /** `GITHUB_RUN_ATTEMPT`: 1 for the first run, more for each re-run (1 when the runner does not say). */
  attempt: number
  workflow: string | undefined
  job: string | undefined
  actor: string | undefined
  event: string | undefined
}

export interface CommonSettings {
  mode: Mode
  forge: ForgeSettings
  target: TargetSettings
  gate: GateSettings
  run: RunInfo
}

/** One forge request's deadline (each retry gets its own). */
export const FORGE_REQUEST_TIMEOUT_MS = 10_000

/** Under a second the forge cannot be asked twice: one blip would leave the gate without an answer. */
export const MIN_FORGE_RETRY_MS = 1000

const OWNER_REPO = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/
const BRANCH = /^(?!\/|.*(\.\.|\/\/|@\{|\\|\.lock$|\/$))[^\s~^:?*[\p{Cc}]+$/u

export function parseCommon(env: Env, payload: EventPayload | undefined): CommonSettings {
  const input = new InputReader(env)
  const mode = input.oneOf('mode', MODES, 'deploy')

  const forgeKind = input.oneOf('forge', ['auto', 'github', 'gitea'] as const, 'auto')
  const kind: ForgeKind = forgeKind === 'auto' ? (env.GITEA_ACTIONS === 'true' ? 'gitea' : 'github') : forgeKind
  const serverUrl = (env.GITHUB_SERVER_URL || (kind === 'github' ? 'https://github.com' : '')).replace(/\/+$/, '')
  const defaultApi = env.GITHUB_API_URL || (kind === 'github' ? 'https://api.github.com' : serverUrl ? `${serverUrl}/api/v1` : '')
  const apiRaw = input.string('api-url', defaultApi)
  if (!apiRaw) throw new InputError('api-url', '', 'the forge API base URL (GITHUB_API_URL is not set either)')
  const apiUrl = parseHttpUrl('api-url', apiRaw).toString().replace(/\/+$/, '')

  const repository = input.string('repository', env.GITHUB_REPOSITORY ?? '')
  const m = OWNER_REPO.exec(repository)
  if (!m) throw new InputError('repository', repository, '`owner/name` (GITHUB_REPOSITORY when not given)')

  const shaRaw = input.string('sha', env.GITHUB_SHA ?? '')
  const sha = parseSha('sha', shaRaw)
  const branch = input.string('branch', payload?.repository?.default_branch || 'main')
  if (!BRANCH.test(branch)) throw new InputError('branch', branch, 'a git branch name such as `main`')

  const environment = input.string('environment', 'production')
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(environment)) {
    throw new InputError('environment', environment, 'a label of letters, digits, `.`, `_` or `-` (at most 64)')
  }

  const runId = env.GITHUB_RUN_ID || undefined
  return {
    mode,
    forge: {
      kind,
      apiUrl,
      token: input.string('token'),
      owner: m[1]!,
      repo: m[2]!,
      serverUrl,
      retry: { ...DEFAULT_RETRY, maxTotalMs: input.seconds('forge-retry-seconds', DEFAULT_RETRY.maxTotalMs / 1000, { minMs: MIN_FORGE_RETRY_MS }) },
      requestTimeoutMs: FORGE_REQUEST_TIMEOUT_MS
    },
    target: { sha, branch, environment },
    gate: {
      enabled: input.bool('superseded-check', true),
      onSuperseded: input.oneOf('on-superseded', ['skip', 'fail'] as const, 'skip'),
      force: input.bool('force', false),
      maxAgeMs: ownershipMaxAgeMs(FORGE_REQUEST_TIMEOUT_MS)
    },
    run: {
      runId,
      attempt: /^[1-9]\d{0,5}$/.test(env.GITHUB_RUN_ATTEMPT ?? '') ? Number(env.GITHUB_RUN_ATTEMPT) : 1,
      runUrl: runPage(kind, serverUrl, repository, env),
      workflow: env.GITHUB_WORKFLOW || undefined,
      job: env.GITHUB_JOB || undefined,
      actor: env.GITHUB_ACTOR || undefined,
      event: env.GITHUB_EVENT_NAME || undefined
    }
  }
}

/**
 * The run page. GitHub addresses a run by `GITHUB_RUN_ID`; Gitea by the run's index in the repository,
 * `GITHUB_RUN_NUMBER` (its `GITHUB_RUN_ID` is a database id, and `/actions/runs/<id>` is another run or
 * none: services/actions/task.go and routers/web/repo/actions/view.go, 1.22 and 1.23).
 */
function runPage(kind: ForgeKind, serverUrl: string, repository: string, env: Env): string | undefined {
  const index = kind === 'gitea' ? env.GITHUB_RUN_NUMBER : env.GITHUB_RUN_ID
  return serverUrl && index ? `${serverUrl}/${repository}/actions/runs/${index}` : undefined
}

/** The part of the event payload the settings read. */
export interface EventPayload {
  repository?: { default_branch?: string }
}
