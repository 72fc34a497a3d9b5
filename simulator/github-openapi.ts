import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

/**
 * GitHub's request rules, from its official OpenAPI description (`@octokit/openapi`,
 * generated/api.github.com.json): every request the fake forge receives is matched to its operation
 * and its path parameters and JSON body are validated against the published schemas. The limits GitHub
 * enforces that the description states only in prose (or states wrongly, as characters) are added in
 * github-rules.ts. See simulator/README.md for the sources.
 */

interface Parameter {
  name: string
  in: string
  required?: boolean
  schema?: object
}

interface Operation {
  parameters?: (Parameter | { $ref: string })[]
  requestBody?: { required?: boolean; content?: Record<string, { schema?: object }> }
}

interface Spec {
  paths: Record<string, Record<string, Operation>>
  components: { parameters: Record<string, Parameter> } & Record<string, unknown>
}

export interface SchemaProblem {
  /** Where, as GitHub would name it: `body`, `body/output/summary`, `path/check_run_id`. */
  field: string
  message: string
}

export interface MatchedOperation {
  template: string
  /** Path parameters by name, URL-decoded. */
  params: Record<string, string>
}

const COMPONENTS = 'https://api.github.com/openapi-components'
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

let spec: Spec | undefined
let ajv: Ajv | undefined
let routes: { template: string; regex: RegExp; names: string[] }[] | undefined
const compiled = new Map<string, ValidateFunction>()

function load(): Spec {
  if (!spec) {
    const file = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json')
    spec = JSON.parse(readFileSync(file, 'utf8')) as Spec
    // OpenAPI 3.0 schemas: `nullable`, `example`, `x-github` and friends are not JSON-schema keywords.
    ajv = addFormats(new Ajv({ strict: false, allErrors: true, validateSchema: false, discriminator: true }))
    // Added once: compiling each validator with the components inside it would walk them all every time.
    ajv.addSchema({ $id: COMPONENTS, components: spec.components })
    routes = Object.keys(spec.paths)
      .map((template) => {
        const names: string[] = []
        // `x-multi-segment` parameters (a ref, a basehead) may hold slashes; the others may not.
        const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
          names.push(name)
          return ['ref', 'basehead', 'sha', 'path', 'branch'].includes(name) ? '(.+)' : '([^/]+)'
        })
        return { template, regex: new RegExp(`^${source}$`), names }
      })
      // Literal segments win over parameters: /check-runs/{id} before /{ref}-like catch-alls.
      .sort((a, b) => a.names.length - b.names.length || b.template.length - a.template.length)
  }
  return spec
}

/**
 * Loads the description and compiles the validators of the routes the action uses, so that the first
 * request a test sends is not the one that pays for it (and times out on a busy machine).
 */
export function prepareGithubRules(): void {
  load()
  const probe = '/repos/o/r'
  for (const [method, path] of [
    ['GET', `${probe}/branches/main`],
    ['GET', `${probe}/compare/a...b`],
    ['GET', `${probe}/commits`],
    ['GET', `${probe}/commits/abc1234`],
    ['POST', `${probe}/statuses/abc1234`],
    ['POST', `${probe}/check-runs`],
    ['PATCH', `${probe}/check-runs/1`],
    ['POST', `${probe}/deployments`],
    ['POST', `${probe}/deployments/1/statuses`]
  ] as const) {
    const match = matchOperation(method, path)
    if (match) schemaProblems(method, match, new URLSearchParams('sha=a&page=1&per_page=1'), {}, false)
  }
}

/** The documented operation for `method path`, or undefined when GitHub has no such route. */
export function matchOperation(method: string, path: string): MatchedOperation | undefined {
  const s = load()
  for (const r of routes!) {
    const m = r.regex.exec(path)
    if (!m || !s.paths[r.template]?.[method.toLowerCase()]) continue
    const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]))
    return { template: r.template, params }
  }
  return undefined
}

function validator(key: string, schema: object): ValidateFunction {
  let fn = compiled.get(key)
  if (!fn) {
    fn = ajv!.compile(rebase(schema) as object)
    compiled.set(key, fn)
  }
  return fn
}

/** An operation's `#/components/...` references, pointed at the components document added in load(). */
function rebase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rebase)
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${COMPONENTS}${v}` : rebase(v)])
  )
}

function resolveParam(p: Parameter | { $ref: string }): Parameter {
  if ('$ref' in p) return load().components.parameters[p.$ref.split('/').pop()!]!
  return p
}

/** Schema problems of one request; empty when GitHub's description accepts it. */
export function schemaProblems(method: string, match: MatchedOperation, query: URLSearchParams, body: unknown, rawBody: boolean): SchemaProblem[] {
  const op = load().paths[match.template]![method.toLowerCase()]!
  const problems: SchemaProblem[] = []
  for (const p of (op.parameters ?? []).map(resolveParam)) {
    const raw = p.in === 'path' ? match.params[p.name] : p.in === 'query' ? (query.get(p.name) ?? undefined) : undefined
    if (raw === undefined) {
      if (p.required && p.in !== 'header') problems.push({ field: `${p.in}/${p.name}`, message: 'is required' })
      continue
    }
    if (!p.schema || p.in === 'header') continue
    const value = coerce(raw, p.schema as { type?: string })
    const fn = validator(`${match.template} ${method} ${p.in} ${p.name}`, p.schema)
    if (!fn(value)) problems.push(...(fn.errors ?? []).map((e) => ({ field: `${p.in}/${p.name}${e.instancePath}`, message: e.message ?? 'is invalid' })))
  }
  const content = op.requestBody?.content?.['application/json']?.schema
  if (body === undefined) {
    if (op.requestBody?.required) problems.push({ field: 'body', message: 'is required' })
  } else if (rawBody) {
    problems.push({ field: 'body', message: 'Problems parsing JSON' })
  } else if (content) {
    const fn = validator(`${match.template} ${method} body`, content)
    if (!fn(body)) problems.push(...(fn.errors ?? []).map((e) => ({ field: `body${e.instancePath}`, message: `${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? `: ${JSON.stringify(e.params.allowedValues)}` : ''}` })))
  }
  return problems
}

/** Path and query values arrive as text; the schema types them. */
function coerce(raw: string, schema: { type?: string }): unknown {
  if ((schema.type === 'integer' || schema.type === 'number') && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw)
  if (schema.type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true'
  return raw
}
