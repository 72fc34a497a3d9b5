import * as core from '@actions/core'

/**
 * The only way this action writes to the runner's log, outputs and masks: src/ imports `@actions/core`
 * nowhere else (a test keeps it so). Log lines carry text the action did not write: a commit status a
 * stranger set, a tenant's or registry's answer, a branch name. A runner reads its step's stdout line by
 * line and acts on any line that looks like a workflow command, so each line of every message is
 * neutralised here, once, whatever called. Outputs get no line break.
 *
 * Neutralised, not wrapped in `::stop-commands::<token>`: the annotations this action raises
 * (`::warning::`, `::error::`) carry outside text too and must still be acted on, which a stop would
 * prevent; a runner that does not know stop-commands would print the marker and act on the text; and
 * a line that cannot be a command needs no runner state to stay one.
 */

export { summary } from '@actions/core'
export type { AnnotationProperties } from '@actions/core'

/**
 * The line breaks a runner may split on: .NET's StreamReader (GitHub's runner) ends a line at CR, LF or
 * CRLF, and act (Gitea's act_runner) at LF; the Unicode breaks are split on too, to be safe.
 */
const LINE_BREAK = /(\r\n|[\n\r\v\f\u0085\u2028\u2029])/
const LINE_BREAKS = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g
/** A zero-width space: invisible where the log is read, and no runner trims it or reads past it. */
const BREAK = '\u200b'

/**
 * `text` with no line that a runner reads as a workflow command. The two forms, from the parsers:
 * - `::name ...::data`: GitHub's runner (ActionCommand.TryParseV2) after trimming leading whitespace
 *   (.NET char.IsWhiteSpace), act (pkg/runner/command.go, `^::`) at the very start of the line;
 * - `##[name ...]data`: GitHub's runner (ActionCommand.TryParse) ANYWHERE in the line (IndexOf), act
 *   (`^##\[`) at the start.
 * So `##[` is broken wherever it stands, and `::` where a line starts with it after spaces. Linear in
 * the text: one split and one pass per line, no backtracking pattern.
 */
export function neutralise(text: string): string {
  if (!text.includes('::') && !text.includes('##[')) return text
  const parts = text.split(LINE_BREAK)
  // split() with a capturing group keeps the breaks at the odd indexes: lines are the even ones.
  for (let i = 0; i < parts.length; i += 2) parts[i] = neutraliseLine(parts[i]!)
  return parts.join('')
}

function neutraliseLine(line: string): string {
  let out = line.includes('##[') ? line.split('##[').join(`##${BREAK}[`) : line
  let start = 0
  while (start < out.length && isBlank(out.charCodeAt(start))) start++
  if (out.startsWith('::', start)) out = `${out.slice(0, start + 1)}${BREAK}${out.slice(start + 1)}`
  return out
}

/** What .NET's TrimStart() removes (char.IsWhiteSpace), plus the zero-width characters, to be safe. */
function isBlank(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    code === 0x180e ||
    (code >= 0x2000 && code <= 0x200d) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x2060 ||
    code === 0x3000 ||
    code === 0xfeff
  )
}

/** An output value on one line: outputs are single-line by contract, whatever text went into them. */
export function oneLineOutput(value: string): string {
  return value.replace(LINE_BREAKS, ' ')
}

const props = (p: core.AnnotationProperties | undefined): core.AnnotationProperties | undefined => (p?.title === undefined ? p : { ...p, title: neutralise(p.title) })

export function info(message: string): void {
  core.info(neutralise(message))
}

export function debug(message: string): void {
  core.debug(neutralise(message))
}

export function notice(message: string, properties?: core.AnnotationProperties): void {
  core.notice(neutralise(message), props(properties))
}

export function warning(message: string, properties?: core.AnnotationProperties): void {
  core.warning(neutralise(message), props(properties))
}

export function error(message: string, properties?: core.AnnotationProperties): void {
  core.error(neutralise(message), props(properties))
}

export function setFailed(message: string): void {
  core.setFailed(neutralise(message))
}

export function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  return core.group(neutralise(name), fn)
}

export function setOutput(name: string, value: string): void {
  core.setOutput(name, oneLineOutput(value))
}

export function setSecret(value: string): void {
  core.setSecret(value)
}
