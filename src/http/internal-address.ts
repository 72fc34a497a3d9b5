import { isIP } from 'node:net'

/**
 * Addresses an outside answer (a registry's blob redirect) has no business sending the runner to:
 * loopback, private, link-local (cloud metadata), CGNAT, multicast, reserved and unspecified ranges, in
 * every spelling. A host is first put in the URL parser's canonical form, which reads IPv4 the way
 * `inet_aton` and every HTTP client do (`2130706433`, `0x7f.1`, `0177.0.0.1` are all 127.0.0.1) and
 * writes IPv6 compressed in hex (`[::ffff:127.0.0.1]` becomes `::ffff:7f00:1`); IPv6 addresses that
 * carry an IPv4 one (mapped, compatible, SIIT, NAT64, 6to4) are judged by the IPv4 address they carry.
 */
export function isInternalAddress(hostname: string): boolean {
  const host = canonicalHost(hostname)
  if (host === undefined) return false
  if (isLocalhostName(host)) return true
  if (isIP(host) === 4) return isInternalV4(host.split('.').map(Number))
  if (isIP(host) === 6) return isInternalV6(ipv6Groups(host))
  return false
}

/** `localhost`, any name under `.localhost` (RFC 6761: always loopback), and Debian's loopback aliases. */
export function isLocalhostName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '')
  return h === 'localhost' || h.endsWith('.localhost') || h === 'localhost.localdomain' || h === 'ip6-localhost' || h === 'ip6-loopback'
}

/** The host as the URL parser writes it (brackets off), or undefined when it is no valid host at all. */
function canonicalHost(hostname: string): string | undefined {
  // Cut first: a host name is at most 253 characters, and nothing longer needs parsing to be refused.
  if (hostname.length > 257) return undefined
  const bare = hostname.replace(/^\[(.*)\]$/s, '$1')
  try {
    const parsed = new URL(`http://${isIP(bare) === 6 || (bare.includes(':') && !bare.includes('.')) ? `[${bare}]` : bare}/`).hostname
    return parsed.replace(/^\[(.*)\]$/s, '$1').toLowerCase()
  } catch {
    return undefined
  }
}

function isInternalV4([a = 0, b = 0]: number[]): boolean {
  return (
    a === 0 || // "this network", 0.0.0.0 reaches the local host
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // CGNAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) || // IETF protocol assignments (192.0.0.0/24 and the documentation /24 beside it)
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast, reserved, broadcast
  )
}

/** Eight 16-bit groups of a canonical IPv6 address (the URL parser never leaves a dotted tail, but a caller might). */
function ipv6Groups(host: string): number[] {
  let text = host
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number]
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head = '', tail] = text.split('::')
  const part = (s: string | undefined): number[] => (s ? s.split(':').map((g) => parseInt(g, 16)) : [])
  const front = part(head)
  const back = part(tail)
  return tail === undefined ? front : [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back]
}

function isInternalV6(g: number[]): boolean {
  const v4 = (hi: number, lo: number): number[] => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]
  const zero = (from: number, to: number): boolean => g.slice(from, to).every((x) => x === 0)
  if (zero(0, 5) && g[5] === 0xffff) return isInternalV4(v4(g[6]!, g[7]!)) // ::ffff:a.b.c.d, mapped
  if (zero(0, 4) && g[4] === 0xffff && g[5] === 0) return isInternalV4(v4(g[6]!, g[7]!)) // ::ffff:0:a.b.c.d, SIIT
  if (zero(0, 6)) return true // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d: none is a public host
  if (g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6)) return isInternalV4(v4(g[6]!, g[7]!)) // NAT64 well-known prefix
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return true // local-use NAT64
  if (g[0] === 0x2002) return isInternalV4(v4(g[1]!, g[2]!)) // 6to4
  const first = g[0]!
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xffc0) === 0xfec0 || (first & 0xff00) === 0xff00 // unique-local, link-local, site-local, multicast
}
