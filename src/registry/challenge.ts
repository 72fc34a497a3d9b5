import { isInternalAddress, isLoopbackHost } from './reference.js'

/**
 * `WWW-Authenticate` parsing and the rule for which token endpoints may receive credentials.
 */
export interface Challenge {
  /** Lower-cased: `basic`, `bearer`, ... */
  scheme: string
  params: Record<string, string>
}

/** A real challenge is well under 1 KiB; the rest of a longer header is not read. */
export const MAX_CHALLENGE_CHARS = 4096

// Sticky patterns, each tried at the walker's position only: the header is read once, left to right.
const SEPARATORS = /[\s,]*/y
const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y
const EQUALS = /\s*=\s*/y
const BARE_VALUE = /[^,\s]*/y

function at(pattern: RegExp, text: string, index: number): string | undefined {
  pattern.lastIndex = index
  return pattern.exec(text)?.[0]
}

/**
 * Parses one header holding one or more challenges (`Basic realm="x", Bearer realm="y",scope="a,b"`).
 * Quoted values may hold commas, so this walks the text instead of splitting it.
 */
export function parseChallenges(header: string): Challenge[] {
  const out: Challenge[] = []
  const text = header.slice(0, MAX_CHALLENGE_CHARS).trim()
  let current: Challenge | undefined
  let i = 0
  while (i < text.length) {
    i += at(SEPARATORS, text, i)!.length
    const name = at(TOKEN, text, i)
    if (!name) break
    i += name.length
    const equals = at(EQUALS, text, i)
    if (equals === undefined || !current) {
      // A token not followed by `=` starts a new challenge.
      current = { scheme: name.toLowerCase(), params: {} }
      out.push(current)
      continue
    }
    i += equals.length
    let value = ''
    if (text[i] === '"') {
      let j = i + 1
      for (; j < text.length && text[j] !== '"'; j++) value += text[j] === '\\' ? (text[++j] ?? '') : text[j]
      i = j + 1
    } else {
      value = at(BARE_VALUE, text, i)!
      i += value.length
    }
    current.params[name.toLowerCase()] = value
  }
  return out
}

/**
 * Whether a token realm the registry named may be sent the credentials. A registry answer must not be
 * able to point the runner at an internal service or hand the password to a stranger, so a realm is
 * accepted only on the registry's own host, or on a host in the registry's own parent domain (Docker
 * Hub: registry-1.docker.io -> auth.docker.io; GitLab: registry.gitlab.com -> gitlab.com). Internal
 * addresses are accepted only when they are the registry's own host and port. Plain HTTP only where the
 * registry itself is plain HTTP on the same host.
 * Returns the reason for a refusal, or undefined when the realm is acceptable.
 */
export function realmProblem(realm: URL, registry: URL): string | undefined {
  if (realm.protocol !== 'https:' && realm.protocol !== 'http:') return 'it is not an http(s) URL'
  if (realm.username || realm.password) return 'it carries credentials of its own'
  const sameHost = realm.hostname.toLowerCase() === registry.hostname.toLowerCase()
  const samePort = effectivePort(realm) === effectivePort(registry)
  if (realm.protocol === 'http:' && !(registry.protocol === 'http:' && sameHost)) return 'it is plain HTTP on a host other than the registry'
  if (isInternalAddress(realm.hostname) || isLoopbackHost(realm.hostname)) {
    return sameHost && samePort ? undefined : 'it is an internal address that is not the registry itself'
  }
  if (sameHost) return undefined
  const parent = parentDomain(registry.hostname)
  const host = realm.hostname.toLowerCase()
  if (parent && (host === parent || host.endsWith(`.${parent}`))) return undefined
  return `it is on ${realm.hostname}, which is neither the registry's host nor in its domain`
}

/** `registry-1.docker.io` -> `docker.io`; none for two-label hosts (`ghcr.io`) or IP literals. */
function parentDomain(hostname: string): string | undefined {
  const h = hostname.toLowerCase()
  if (/^[\d.]+$/.test(h) || h.includes(':') || h.startsWith('[')) return undefined
  const labels = h.split('.')
  return labels.length >= 3 ? labels.slice(1).join('.') : undefined
}

function effectivePort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80')
}
