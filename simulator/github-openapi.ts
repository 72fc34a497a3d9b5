import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

/**
 * GitHub's request rules, from its official OpenAPI description (`@octokit/openapi`,
 * generated/api.github.com.json): every request the fake forge receives is matched to its operation
 * and its path parameters and JSON body are validated against the published schemas. The limits GitHub
 * enforces that the description states only in prose (or states wrongly, as characters) are added in
 * github-rules.ts. See simulator/README.md for the sources.
 *
 * The description is read from github-openapi.trimmed.json, which scripts/trim-openapi.ts generates from
 * the package: every documented route (so matching is the same as against the whole description), and
 * the request schemas of the operations the action calls (simulator/github-endpoints.ts). A request to
 * another documented operation is refused as a violation that says to add it there.
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

/** The whole description, or the trimmed one (which adds `routes`: every documented template's methods). */
export interface Description {
  paths: Record<string, Record<string, Operation>>
  components: { parameters: Record<string, Parameter> } & Record<string, unknown>
  routes?: Record<string, string[]>
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
const TRIMMED = new URL('./github-openapi.trimmed.json', import.meta.url)
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])

export interface GithubRules {
  matchOperation(method: string, path: string): MatchedOperation | undefined
  schemaProblems(method: string, match: MatchedOperation, query: URLSearchParams, body: unknown, rawBody: boolean): SchemaProblem[]
}

/** The rules of one description; the fake forge uses the trimmed one, the drift test compares both. */
export function githubRules(spec: Description): GithubRules {
  // OpenAPI 3.0 schemas: `nullable`, `example`, `x-github` and friends are not JSON-schema keywords.
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true, validateSchema: false, discriminator: true }))
  // Added once: compiling each validator with the components inside it would walk them all every time.
  ajv.addSchema({ $id: COMPONENTS, components: spec.components })
  const compiled = new Map<string, ValidateFunction>()
  const methods = spec.routes ?? Object.fromEntries(Object.entries(spec.paths).map(([t, item]) => [t, Object.keys(item).filter((k) => METHODS.has(k))]))
  const routes = Object.keys(methods)
    .map((template) => {
      const names: string[] = []
      // `x-multi-segment` parameters (a ref, a basehead) may hold slashes; the others may not.
      const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
        names.push(name)
        return ['ref', 'basehead', 'sha', 'path', 'branch'].includes(name) ? '(.+)' : '([^/]+)'
      })
      return { template, regex: new RegExp(`^${source}$`), names, methods: new Set(methods[template]) }
    })
    // Literal segments win over parameters: /check-runs/{id} before /{ref}-like catch-alls.
    .sort((a, b) => a.names.length - b.names.length || b.template.length - a.template.length)

  const validator = (key: string, schema: object): ValidateFunction => {
    let fn = compiled.get(key)
    if (!fn) {
      fn = ajv.compile(rebase(schema) as object)
      compiled.set(key, fn)
    }
    return fn
  }
  const resolveParam = (p: Parameter | { $ref: string }): Parameter => ('$ref' in p ? spec.components.parameters[p.$ref.split('/').pop()!]! : p)

  const find = (method: string, path: string): MatchedOperation | undefined => {
    for (const r of routes) {
      const m = r.regex.exec(path)
      if (!m || !r.methods.has(method.toLowerCase())) continue
      const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]))
      return { template: r.template, params }
    }
    return undefined
  }
  // A forge under test asks the same few paths thousands of times, and each miss tries some 800 templates.
  const found = new Map<string, MatchedOperation | undefined>()

  return {
    matchOperation(method, path) {
      const key = `${method.toLowerCase()} ${path}`
      if (!found.has(key)) {
        if (found.size >= 10_000) found.clear()
        found.set(key, find(method, path))
      }
      const match = found.get(key)
      return match && { template: match.template, params: { ...match.params } }
    },
    schemaProblems(method, match, query, body, rawBody) {
      const op = spec.paths[match.template]?.[method.toLowerCase()]
      if (!op) {
        // Documented by GitHub, but its schemas were not kept: never pass a request unchecked.
        return [{ field: 'operation', message: `${method.toUpperCase()} ${match.template} is not in simulator/github-endpoints.ts; add it there and run \`npm run openapi:trim\`` }]
      }
      return operationProblems(op, resolveParam, validator, method, match, query, body, rawBody)
    }
  }
}

let rules: GithubRules | undefined

function load(): GithubRules {
  rules ??= githubRules(JSON.parse(readFileSync(TRIMMED, 'utf8')) as Description)
  return rules
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
  return load().matchOperation(method, path)
}

/** An operation's `#/components/...` references, pointed at the components document added to Ajv. */
function rebase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rebase)
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${COMPONENTS}${v}` : rebase(v)]))
}

/** Schema problems of one request; empty when GitHub's description accepts it. */
export function schemaProblems(method: string, match: MatchedOperation, query: URLSearchParams, body: unknown, rawBody: boolean): SchemaProblem[] {
  return load().schemaProblems(method, match, query, body, rawBody)
}

function operationProblems(
  op: Operation,
  resolveParam: (p: Parameter | { $ref: string }) => Parameter,
  validator: (key: string, schema: object) => ValidateFunction,
  method: string,
  match: MatchedOperation,
  query: URLSearchParams,
  body: unknown,
  rawBody: boolean
): SchemaProblem[] {
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
    if (!fn(body))
      problems.push(
        ...(fn.errors ?? []).map((e) => ({
          field: `body${e.instancePath}`,
          message: `${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? `: ${JSON.stringify(e.params.allowedValues)}` : ''}`
        }))
      )
  }
  return problems
}

/** Path and query values arrive as text; the schema types them. */
function coerce(raw: string, schema: { type?: string }): unknown {
  if ((schema.type === 'integer' || schema.type === 'number') && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw)
  if (schema.type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true'
  return raw
}
