import * as core from './log.js'

/**
 * Secrets known to this run. core.setSecret asks the runner to mask them, but only a runner does that;
 * text this action builds from outside answers (an error body that echoes a token, a tenant page) is
 * also redacted here, so a secret cannot reach an output, a summary or a report file either.
 */
const secrets = new Set<string>()

export function registerSecret(value: string): void {
  if (!value) return
  core.setSecret(value)
  secrets.add(value)
  // Also the forms it may take in text we write: URL-encoded, and escaped inside a JSON string.
  if (encodeURIComponent(value) !== value) secrets.add(encodeURIComponent(value))
  const json = JSON.stringify(value).slice(1, -1)
  if (json !== value) secrets.add(json)
}

export function redact(text: string): string {
  let out = text
  // Longest first: a secret that contains another (`Bearer tok` and `tok`) is masked whole.
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) if (s.length >= 4) out = out.split(s).join('***')
  return out
}

/**
 * The only way to shorten text that came from outside (a response body, a command's output, an
 * input value): secrets are masked on the whole text first, then it is cut. Cutting first would leave
 * the start of a secret that straddles the cut unmatched, and print it. `oneLine` folds whitespace
 * runs into one space (after masking, so a secret that contains a run of spaces still matches).
 */
export function excerpt(text: string, max: number, opts: { oneLine?: boolean } = {}): string {
  let out = redact(text)
  if (opts.oneLine) out = out.replace(/\s+/g, ' ').trim()
  return out.length <= max ? out : `${out.slice(0, max)}…`
}
