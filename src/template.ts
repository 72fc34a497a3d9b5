import { InputError } from './errors.js'

/**
 * `{name}` placeholders in user templates (URLs, bodies, command arguments, tags). Unknown placeholders
 * are refused when the settings are parsed, not when the first tenant is rendered, so a typo stops the
 * run before any side effect.
 */
export type Vars = Readonly<Record<string, string>>

const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/gi

/** Throws an InputError naming the input when `template` uses a placeholder outside `allowed`. */
export function checkTemplate(input: string, template: string, allowed: readonly string[]): void {
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (!allowed.includes(m[1]!)) {
      throw new InputError(input, template, `placeholders among ${allowed.map((a) => `{${a}}`).join(', ')} (unknown: {${m[1]}})`)
    }
  }
}

/** Replaces each placeholder with `encode(value)`; text outside placeholders is left as written. */
export function render(template: string, vars: Vars, encode: (value: string) => string = (v) => v): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (name in vars ? encode(vars[name]!) : whole))
}

/** For URL templates: values are percent-encoded so a value can never add a path segment or query. */
export const encodeUrlPart = (v: string): string => encodeURIComponent(v)

/** For JSON templates: the value is escaped as the inside of a JSON string. */
export const encodeJsonString = (v: string): string => JSON.stringify(v).slice(1, -1)

/** The variables every template may use for one commit. */
export function commitVars(sha: string, environment: string): Record<string, string> {
  return { sha, sha7: sha.slice(0, 7), environment }
}
