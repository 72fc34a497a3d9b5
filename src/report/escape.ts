/**
 * Text from outside (a tenant's answer, a control plane's or registry's error body, a branch name,
 * the forge) is never trusted in what we render. Markdown goes to the job summary and the check run;
 * plain text goes to check titles, annotations and commit-status descriptions. Both are flattened to one
 * line and capped, so a 100 KB answer or a newline cannot break a table row or flood a page.
 */

/** Default cap of one escaped value, in characters, before escaping. */
export const MAX_VALUE_CHARS = 500

/** What of a value is read at all: no caller shows more than a few thousand characters of one. */
export const SCAN_CHARS = 64 * 1024

/** C0/C1 controls except tab, and bidirectional overrides that could make a line read differently. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/** Cuts to `max` code points (never inside a surrogate pair) with a trailing ellipsis. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text
  const points = Array.from(text)
  return points.length <= max ? text : `${points.slice(0, Math.max(0, max - 1)).join('')}…`
}

/** One line of plain text: newlines and runs of whitespace become one space, controls go, length capped. */
export function plainText(text: string, max = MAX_VALUE_CHARS): string {
  // Cut before any pattern runs: what is shown is at most `max` characters of it anyway.
  const scanned = text.length > SCAN_CHARS ? text.slice(0, SCAN_CHARS) : text
  return cut(
    scanned
      .replace(/[\r\n\t]+/g, ' ')
      .replace(INVISIBLE, '')
      .replace(/ {2,}/g, ' ')
      .trim(),
    max
  )
}

/**
 * Safe inside Markdown, inline HTML and a table cell: HTML special characters become entities, Markdown
 * punctuation is backslash-escaped (so no emphasis, link, image, heading, mention or code span can
 * start), `|` cannot split a cell, and the value stays on one line. Cut before escaping, so an entity
 * or escape is never cut in half. Callers never put a value at the start of a line (where `-`, `1.` or
 * `===` would mean something), so those are left as they are.
 *
 * GFM also turns bare `www.host`, `https://host` and `user@host` into links (extended autolinks), which
 * would let a tenant's text put a clickable link on our page. The escaped `:` already breaks a scheme;
 * `www\.` breaks the www form. An email is matched on the merged text after escapes are gone, so only
 * markup stops it: an empty HTML comment after the `@`, which GitHub drops when it renders.
 */
export function escapeMarkdown(text: string, max = MAX_VALUE_CHARS): string {
  return plainText(text, max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~@:])/g, '\\$1')
    .replace(/(www)\./gi, '$1\\.')
    .replace(/@/g, '@<!-- -->')
}

/** A value shown as code (branch, tag, digest, path), escaped like any other text. */
export function codeText(text: string, max = MAX_VALUE_CHARS): string {
  return `<code>${escapeMarkdown(text, max)}</code>`
}

/**
 * Keeps `text` within `limit` (as measured) by cutting whole lines from the end and appending `note`.
 * Cutting at a line keeps every table row, entity and escape intact.
 */
export function cutMarkdown(text: string, limit: number, note: (kept: number, total: number) => string, measure: (s: string) => number = (s) => s.length): string {
  const total = measure(text)
  if (total <= limit) return text
  const lines = text.split('\n')
  let lo = 0
  let hi = lines.length
  // The longest prefix of whole lines that still leaves room for the note.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    const candidate = `${lines.slice(0, mid).join('\n')}\n\n${note(mid, lines.length)}\n`
    if (measure(candidate) <= limit) lo = mid
    else hi = mid - 1
  }
  return `${lines.slice(0, lo).join('\n')}\n\n${note(lo, lines.length)}\n`
}
