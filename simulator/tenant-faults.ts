import type { ServerResponse } from 'node:http'
import { sendJson } from './server.js'

/**
 * The ways a real tenant's build info endpoint misbehaves, each answered the way such a tenant would:
 * an error status, a socket that never answers or is reset, a login or error page, a body far larger
 * than build info, a redirect within the origin or to another one.
 */

/** A misbehaviour; with `until`, it stops at that clock time (e.g. 5xx then recover). */
export type TenantFault = (
  | { status: number; body?: string }
  | { hang: true }
  | { reset: true }
  | { html: true }
  | { huge: true }
  | { redirect: 'same-origin' | 'cross-origin' }
  /** An auth proxy's error page that quotes a request header back, after `prefix` (as some do). */
  | { status: number; echo: string; prefix?: string }
) & { until?: number }

export interface FaultContext {
  tenant: string
  /** The commit the tenant runs (a huge body still carries it). */
  sha: string
  /** Where a cross-origin redirect points: the same server under another host name. */
  otherOrigin: string
  /** The request's headers, lower-cased names. */
  headers: Record<string, string | string[] | undefined>
}

export function misbehave(res: ServerResponse, fault: TenantFault, ctx: FaultContext): void {
  if ('hang' in fault) return // never answers; the server's close() destroys the socket
  if ('reset' in fault) {
    res.socket?.destroy()
    return
  }
  if ('html' in fault) {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end(`<!doctype html><html><body><h1>Welcome to ${ctx.tenant}</h1></body></html>`)
    return
  }
  if ('huge' in fault) return sendJson(res, 200, { sha: ctx.sha, padding: 'x'.repeat(200 * 1024) })
  if ('redirect' in fault) {
    const origin = fault.redirect === 'same-origin' ? '' : ctx.otherOrigin
    res.writeHead(302, { location: `${origin}/t/${encodeURIComponent(ctx.tenant)}/buildinfo/current` })
    res.end()
    return
  }
  res.writeHead(fault.status, { 'content-type': 'text/plain' })
  if ('echo' in fault) {
    res.end(`${fault.prefix ?? 'Rejected '}${fault.echo}: ${String(ctx.headers[fault.echo.toLowerCase()] ?? '')}\n`)
    return
  }
  res.end(fault.body ?? `injected ${fault.status}`)
}
