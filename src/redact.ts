import * as core from '@actions/core'

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
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('***')
  return out
}
