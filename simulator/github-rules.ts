import { matchOperation, type SchemaProblem, schemaProblems } from './github-openapi.js'

/**
 * What GitHub refuses with 422 beyond its published schemas: limits stated only in prose, or stated as
 * characters where the server counts bytes. Each rule names its source; simulator/README.md lists them.
 */

const FULL_SHA = /^[0-9a-f]{40}$/
/** REST docs, "Create a check run": summary and text hold 65,535; the server counts UTF-8 bytes. */
export const CHECK_OUTPUT_MAX_BYTES = 65_535
/** REST docs, "Create a commit status": "a short description of the status" of at most 140 characters. */
export const STATUS_DESCRIPTION_MAX = 140
/** REST docs, "Update a check run": at most 50 annotations a request; more are appended with PATCH. */
export const ANNOTATIONS_PER_REQUEST = 50

export interface Refusal {
  status: 400 | 404 | 422
  message: string
  errors: SchemaProblem[]
}

/** undefined when GitHub would accept `method path` with this query and body. */
export function githubRefusal(method: string, path: string, query: URLSearchParams, body: unknown, rawBody: boolean): Refusal | undefined {
  const match = matchOperation(method, path)
  if (!match) return { status: 404, message: 'Not Found', errors: [] }
  // A body that is not JSON is refused before any validation, with 400.
  if (rawBody) return { status: 400, message: 'Problems parsing JSON', errors: [] }
  const errors = schemaProblems(method, match, query, body, rawBody)
  errors.push(...proseProblems(match.template, method, match.params, body))
  if (!errors.length) return undefined
  return { status: 422, message: `Invalid request.\n\n${errors.map((e) => `For '${e.field}', ${e.message}.`).join('\n')}`, errors }
}

function proseProblems(template: string, method: string, params: Record<string, string>, body: unknown): SchemaProblem[] {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const problems: SchemaProblem[] = []
  if (template === '/repos/{owner}/{repo}/statuses/{sha}' && method === 'POST') {
    if (!FULL_SHA.test(params.sha ?? '')) problems.push({ field: 'path/sha', message: `"${params.sha}" is not a full 40-character commit SHA` })
    if (typeof b.description === 'string' && [...b.description].length > STATUS_DESCRIPTION_MAX) {
      problems.push({ field: 'body/description', message: `is too long (maximum is ${STATUS_DESCRIPTION_MAX} characters)` })
    }
  }
  // REST docs, "Create a deployment status": "The maximum description length is 140 characters."
  if (template === '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses' && method === 'POST') {
    if (typeof b.description === 'string' && [...b.description].length > STATUS_DESCRIPTION_MAX) {
      problems.push({ field: 'body/description', message: `is too long (maximum is ${STATUS_DESCRIPTION_MAX} characters)` })
    }
  }
  const checkRun = template === '/repos/{owner}/{repo}/check-runs' || template === '/repos/{owner}/{repo}/check-runs/{check_run_id}'
  if (checkRun && (method === 'POST' || method === 'PATCH')) {
    if (method === 'POST' && !FULL_SHA.test(String(b.head_sha ?? ''))) {
      problems.push({ field: 'body/head_sha', message: `"${String(b.head_sha)}" is not a full 40-character commit SHA` })
    }
    const output = (b.output && typeof b.output === 'object' ? b.output : undefined) as Record<string, unknown> | undefined
    for (const field of ['summary', 'text']) {
      const text = output?.[field]
      if (typeof text === 'string' && Buffer.byteLength(text, 'utf8') > CHECK_OUTPUT_MAX_BYTES) {
        problems.push({ field: `body/output/${field}`, message: `exceeds a maximum bytesize of ${CHECK_OUTPUT_MAX_BYTES}` })
      }
    }
    // The description's schema requires title and summary in an output on create; on update too (the
    // server refuses an output without a summary either way).
    if (output && typeof output.summary !== 'string') problems.push({ field: 'body/output/summary', message: 'is required' })
    if (method === 'POST' && output && typeof output.title !== 'string') problems.push({ field: 'body/output/title', message: 'is required' })
    const annotations = Array.isArray(output?.annotations) ? output.annotations : []
    if (annotations.length > ANNOTATIONS_PER_REQUEST) {
      problems.push({ field: 'body/output/annotations', message: `has ${annotations.length} items (maximum is ${ANNOTATIONS_PER_REQUEST} a request)` })
    }
    // "Required if you provide completed_at or a status of completed" (the conclusion's description).
    if ((b.status === 'completed' || b.completed_at !== undefined) && b.conclusion === undefined) {
      problems.push({ field: 'body/conclusion', message: 'is required when status is completed or completed_at is given' })
    }
  }
  return problems
}
