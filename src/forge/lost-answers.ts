import { randomUUID } from 'node:crypto'
import { NetworkError } from '../http/client.js'

/**
 * Lost answers (REST docs: a 502 or 504 can follow a write that GitHub applied). A create whose answer
 * is lost is looked for before it is sent again; these say when to look and what to look by.
 */

const UNSURE = Symbol('a write before this error may have been applied')

/**
 * Marks the error a create ended with after an earlier attempt of it may have been applied (its answer
 * lost, and the look-up for it failed too): whatever the last error was, the caller must look before it
 * creates again. The error keeps its kind (an outage stays an outage).
 */
export function markMayHaveApplied(error: unknown): unknown {
  if (typeof error === 'object' && error !== null) Object.defineProperty(error, UNSURE, { value: true })
  return error
}

/**
 * Whether a failed write may still have been applied: a gateway's 500/502/504 or a request that got no
 * answer. A rate limit, a 503 (refused at the door) or a refusal were never applied; a connection that
 * was never made sent nothing.
 */
export function mayHaveApplied(error: unknown): boolean {
  if (typeof error === 'object' && error !== null && UNSURE in error) return true
  const status = (error as { status?: unknown }).status
  if (typeof status === 'number' && status > 0) return status === 500 || status === 502 || status === 504
  if (error instanceof NetworkError) return !['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'CANCELLED'].includes(error.code)
  // Octokit's own fetch failures carry no status: the request may have gone out.
  return true
}

/** What a deployment's payload carries: this create's nonce, and the run's key when shards share one. */
export interface PayloadMarker {
  nonce: string
  key?: string
}

export function payloadMarker(key: string | undefined): PayloadMarker {
  return { nonce: randomUUID(), ...(key ? { key } : {}) }
}

/** The marker in a listed deployment's payload (an object, or the JSON string GitHub may answer with). */
export function markerOf(payload: unknown): PayloadMarker | undefined {
  let p = payload
  if (typeof p === 'string') {
    try {
      p = JSON.parse(p)
    } catch {
      return undefined
    }
  }
  const m = (p as Record<string, unknown> | null)?.['rollout-guard'] as Record<string, unknown> | undefined
  if (!m || typeof m.nonce !== 'string') return undefined
  return { nonce: m.nonce, ...(typeof m.key === 'string' ? { key: m.key } : {}) }
}
