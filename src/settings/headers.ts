import { InputError } from '../errors.js'

/**
 * `buildinfo-headers`: one `Name: value` header a line, checked against RFC 9110 before anything is
 * sent, so a header the HTTP layer would refuse on every request (a typographic apostrophe pasted
 * from a wiki) stops the run before the fleet is redeployed, not after. Values are secrets: an error
 * names the input, the line and the header name, never the value.
 */

/** RFC 9110 §5.1 field-name = token; §5.6.2 tchar. */
const FIELD_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/
/**
 * RFC 9110 §5.5 field-value: visible ASCII, with spaces and tabs inside. obs-text (bytes 0x80-0xFF) is
 * refused too: it is obsolete, and a JavaScript string has characters, not bytes, so anything outside
 * ASCII would be sent as some other byte than the author wrote (or refused by the HTTP client).
 */
const FIELD_VCHAR = /^[\x21-\x7e]$/
/** Headers that would change where or how the request goes rather than what it says. */
const RESERVED = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade', 'expect', 'te', 'trailer', 'keep-alive', 'proxy-connection'])

const FORM = "one `Name: value` header a line, the name a token (letters, digits, !#$%&'*+.^_`|~-) and the value visible ASCII characters, spaces or tabs"

export function parseHeaders(input: string, text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const seen = new Map<string, number>()
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim()
    if (!line) return
    const where = `line ${i + 1}`
    const colon = line.indexOf(':')
    // Without a colon there is no telling the name from the value: show nothing of the line.
    if (colon < 0) throw new InputError(input, `${where}: *** (hidden: it may hold a secret)`, `${FORM}; this line has no \`:\``)
    const name = line.slice(0, colon).trim()
    const value = line.slice(colon + 1).trim()
    if (!FIELD_NAME.test(name)) throw new InputError(input, `${where}: ***: ***`, `${FORM}; the name before \`:\` is not a token`)
    const shown = `${where}: ${name}: ***`
    const bad = [...value].find((c) => c !== ' ' && c !== '\t' && !FIELD_VCHAR.test(c))
    if (bad !== undefined) {
      const code = `U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
      throw new InputError(input, shown, `${FORM}; the value holds the character ${code}, which is not allowed in an HTTP header (retype quotes and dashes as ASCII)`)
    }
    if (RESERVED.has(name.toLowerCase())) throw new InputError(input, shown, `headers other than ${[...RESERVED].join(', ')}`)
    const first = seen.get(name.toLowerCase())
    if (first !== undefined) throw new InputError(input, shown, `each header once (line ${first} already sets ${name}; header names compare case-insensitively)`)
    seen.set(name.toLowerCase(), i + 1)
    out[name] = value
  })
  return out
}
