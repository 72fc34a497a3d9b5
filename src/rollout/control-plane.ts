import { errorMessage } from '../errors.js'
import { CancelledError } from '../runtime/cancel.js'
import { DEFAULT_RETRY, HttpStatusError, isPermissionFailure, statusError, withRetry } from '../http/retry.js'
import type { RedeployDriver } from '../settings/rollout.js'
import { encodeJsonString, encodeUrlPart, render } from '../template.js'
import { type RedeployOptions, type RedeployerDeps, type RedeployRequest, type RedeployResult, type Redeployer, OwnershipUnknownError, requestVars, SupersededError } from './redeploy-types.js'

type HttpDriver = Extract<RedeployDriver, { kind: 'http' }>

/**
 * The control plane's redeploy endpoint. Any 2xx is an accepted redeploy. 5xx, 429 and connection
 * errors are retried (honouring Retry-After); other 4xx are final, so a control plane that refuses a
 * stale compare-and-set (409) is believed at once. Every retry passes the rollout's fence after its wait:
 * a retry is never sent on an ownership decision taken before the wait (a newer commit may have landed),
 * only on a head read sent after the wait began. The first attempt's fence is the rollout's wrapper
 * (fenced-redeployer.ts).
 */
export class ControlPlaneRedeployer implements Redeployer {
  constructor(
    private readonly driver: HttpDriver,
    private readonly timeoutMs: number,
    private readonly deps: RedeployerDeps
  ) {}

  async redeploy(req: RedeployRequest, { signal, fence }: RedeployOptions = {}): Promise<RedeployResult> {
    const vars = requestVars(req)
    const url = render(this.driver.url, vars, encodeUrlPart)
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' }
    if (this.driver.token) headers.authorization = `Bearer ${this.driver.token}`
    const body = this.driver.body ? render(this.driver.body, vars, encodeJsonString) : undefined
    let lastError: unknown
    let held: string | undefined
    /** When the current wait began: the retry's fence wants an answer to a read sent after it. */
    let waitFrom = this.deps.clock.now()
    try {
      await withRetry(
        async (_attempt, remainingMs) => {
          const res = await this.deps.http.send({ url, method: this.driver.method, headers, body, timeoutMs: Math.min(this.timeoutMs, remainingMs), maxBodyBytes: 16 * 1024, signal })
          // A compare-and-set refusal may say what the tenant holds (docs/contracts.md): the only source
          // of `{current}` for a tenant that reports no SHA (a crash loop).
          if (res.status === 409) held = heldCommit(res.body)
          if (res.status < 200 || res.status >= 300) throw statusError(`control plane (${req.tenant})`, res)
          return res
        },
        {
          policy: DEFAULT_RETRY,
          clock: this.deps.clock,
          signal,
          onRetry: ({ delayMs, error }) => {
            lastError = error
            waitFrom = this.deps.clock.now()
            this.deps.log(`redeploy ${req.tenant}: ${errorMessage(error)}; retrying in ${delayMs} ms`)
          },
          beforeRetry: fence ? () => fence({ sentSince: waitFrom }) : undefined
        }
      )
      return { ok: true, detail: '' }
    } catch (error) {
      if (error instanceof SupersededError) {
        const detail = `${errorMessage(lastError)}; not retried, because this job is superseded: ${error.decision.reason}`
        return { ok: false, detail, superseded: error.decision }
      }
      if (error instanceof OwnershipUnknownError) return { ok: false, detail: `${errorMessage(lastError)}; not retried, because ${error.message}`, ownershipUnknown: error.message }
      // Cancelled while the retry's fence read the head: no verdict on the tenant, the run ends `cancelled`.
      if (error instanceof CancelledError) return { ok: false, detail: `${errorMessage(lastError)}; not retried, because the run was cancelled`, cancelled: true }
      if (isPermissionFailure(error) && this.driver.token !== undefined) {
        // Not a verdict on the build: the token is wrong (401) or lacks a right (403). Named, so the fix is clear.
        const status = (error as HttpStatusError).status
        return { ok: false, detail: `the control plane refused \`control-plane-token\` (HTTP ${status}): ${errorMessage(error)}; pass a token it accepts for redeploys`, tokenRefused: true }
      }
      const conflict = error instanceof HttpStatusError && error.status === 409
      return { ok: false, detail: errorMessage(error), conflict, ...(conflict && held ? { current: held } : {}) }
    }
  }
}

/** `{"current":"<40 hex>"}` in a 409's body (at most 16 KiB, read as JSON), or undefined. */
function heldCommit(body: Buffer): string | undefined {
  try {
    const current = (JSON.parse(body.toString('utf8')) as { current?: unknown } | null)?.current
    return typeof current === 'string' && /^[0-9a-f]{40}$/i.test(current) ? current.toLowerCase() : undefined
  } catch {
    return undefined
  }
}
