import { type Env, InputReader } from './reader.js'

/**
 * Every secret an input can carry, read straight from the raw inputs before any of them is validated:
 * main registers these for masking before the settings are parsed, so an input error (or anything
 * else) can never print one, even when the input holding it is malformed.
 */
export function secretInputs(env: Env): string[] {
  const input = new InputReader(env)
  const out = new Set<string>()
  for (const name of ['token', 'registry-password', 'control-plane-token']) add(out, input.raw(name))
  for (const name of ['buildinfo-headers', 'analysis-headers']) for (const value of headerSecrets(input.raw(name))) add(out, value)
  for (const name of ['tenants-url', 'buildinfo-url', 'redeploy-url', 'analysis-url']) for (const value of urlSecrets(input.raw(name))) add(out, value)
  return [...out]
}

/**
 * `buildinfo-headers` (and `analysis-headers`) is all secret: the whole input, each line, each value, and the token of a
 * `Scheme token` value. A line without a colon is a malformed header whose value is still a secret
 * (`Authorization Bearer abc...`): everything after its first word counts as the value.
 */
export function headerSecrets(text: string): string[] {
  const out: string[] = [text]
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!line) continue
    out.push(line)
    const colon = line.indexOf(':')
    const value = (colon >= 0 ? line.slice(colon + 1) : line.replace(/^\S+/, '')).trim()
    out.push(value)
    const scheme = /^\S+\s+(\S+)$/.exec(value)
    if (scheme) out.push(scheme[1]!)
  }
  return out
}

/**
 * What of a URL input is masked wherever it appears, not only where the action prints the URL (there
 * every query value is masked by position, see loggableUrl): the password of the user-info part; each
 * query pair as `name=value` (raw and decoded), so an answer that echoes the URL (a 404 page, a proxy's
 * error) is masked at the value's own position, whatever the parameter is called; and the bare value of
 * parameters named like credentials (`?token=`, `?sig=`), which an answer may quote on its own. A bare
 * ordinary value (`?env=production`) is not masked everywhere: that would blank the word in every message.
 */
export function urlSecrets(text: string): string[] {
  const out: string[] = []
  const userinfo = /^[a-z][a-z0-9+.-]*:\/\/[^/?#@]*?:([^/?#@]+)@/i.exec(text)
  if (userinfo) out.push(userinfo[1]!)
  const query = text.split('#')[0]!.split('?').slice(1).join('?')
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=')
    const value = pair.slice(eq + 1)
    if (eq <= 0 || !value) continue
    const decoded = decode(value)
    out.push(pair, `${decode(pair.slice(0, eq))}=${decoded}`)
    if (CREDENTIAL_PARAM.test(pair.slice(0, eq))) out.push(value, decoded)
  }
  return out
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    // not percent-encoded text: the raw form is enough
    return text
  }
}

const CREDENTIAL_PARAM = /token|key|secret|pass|pwd|sig|auth|credential|session|code/i

/** A URL for messages: origin and path only, never its query or user-info (which may hold tokens). */
export function shownUrl(text: string): string {
  try {
    const url = new URL(text)
    return `${url.origin}${url.pathname}${url.search ? '?…' : ''}`
  } catch {
    return text.replace(/[?#].*$/s, '?…')
  }
}

function add(set: Set<string>, value: string): void {
  // Masking a very short value would blank ordinary words everywhere; such a value is no secret anyway.
  if (value.trim().length >= 4) set.add(value.trim())
}
