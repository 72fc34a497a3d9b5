/**
 * The guard every registry write passes: the superseded gate asked right before the bytes are sent.
 * A write that follows a wait (a retry after 503 + Retry-After, a token fetched again) passes it again,
 * so no attempt goes out on a decision taken before the wait. Superseded means the fence throws, and
 * the promotion ends `skipped-superseded` with the tag untouched.
 */
export interface GateVerdict {
  superseded: boolean
  reason: string
}

/** Thrown by the fence: a newer commit owns the branch, so this write is not sent. */
export class SupersededError extends Error {
  constructor(
    readonly reason: string,
    /** What was about to be sent again, when a retry was stopped; undefined before the first attempt. */
    readonly stopped?: string
  ) {
    super(reason)
    this.name = 'SupersededError'
  }
}

export type Fence = (retrying?: string) => Promise<void>

export function gateFence(checkGate: () => Promise<GateVerdict>): Fence {
  return async (retrying) => {
    const verdict = await checkGate()
    if (verdict.superseded) throw new SupersededError(verdict.reason, retrying)
  }
}
