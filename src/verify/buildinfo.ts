import { excerpt } from '../redact.js'

/**
 * Reads the deployed commit out of a tenant's build info answer. Services expose it under many names
 * (`sha`, `git_sha`, `commit`, Spring's `git.commit.id`, ...), or as a bare SHA in a text body, so
 * `auto` looks in the usual places; a dotted `buildinfo-field` path pins it down exactly.
 */

export type Extraction = { sha: string } | { problem: string }

const SHA = /^[0-9a-f]{7,40}$/i

/** Keys that hold the SHA itself, in order of preference (compared case-insensitively). */
const SHA_KEYS = [
  'sha',
  'git_sha',
  'gitsha',
  'git-sha',
  'commit_sha',
  'commitsha',
  'commit',
  'commit_id',
  'commitid',
  'git_commit',
  'gitcommit',
  'revision',
  'git_revision',
  'rev',
  'source_version',
  'vcs_ref',
  'id',
  'hash'
]

/** Objects that commonly wrap those keys: {"git": {"commit": {"id": ...}}}, {"build": {"sha": ...}}. */
const CONTAINER_KEYS = ['git', 'build', 'buildinfo', 'build_info', 'commit', 'vcs', 'source', 'app', 'version', 'info']

/** `id` and `hash` are too generic (a build number, a content hash); they count only inside these. */
const NESTED_ONLY = new Set(['id', 'hash'])
const COMMIT_PARENTS = new Set(['commit', 'git'])

const MAX_DEPTH = 3

export function extractSha(body: string, field: string): Extraction {
  const text = body.replace(/^\uFEFF/, '').trim()
  if (text === '') return { problem: 'empty body' }
  if (SHA.test(text)) return { sha: text.toLowerCase() }
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    if (/^<(!doctype|html|head|body)\b/i.test(text)) return { problem: 'the answer is an HTML page, not build info' }
    return { problem: `the answer is neither JSON nor a bare SHA: ${JSON.stringify(excerpt(text, 60, { oneLine: true }))}` }
  }
  if (typeof doc === 'string') return SHA.test(doc.trim()) ? { sha: doc.trim().toLowerCase() } : { problem: 'the JSON string is not a SHA' }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return { problem: 'the JSON answer is not an object' }
  return field === 'auto' ? findAuto(doc as Record<string, unknown>) : findPath(doc as Record<string, unknown>, field)
}

function findPath(doc: Record<string, unknown>, path: string): Extraction {
  let node: unknown = doc
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return { problem: `no field \`${path}\` in the JSON answer` }
    node = (node as Record<string, unknown>)[part]
  }
  if (typeof node === 'string' && SHA.test(node.trim())) return { sha: node.trim().toLowerCase() }
  return { problem: `field \`${path}\` is not a SHA of 7 to 40 hex digits: ${JSON.stringify(excerpt(String(JSON.stringify(node)), 60))}` }
}

function findAuto(doc: Record<string, unknown>): Extraction {
  const sha = search(doc, 0, '')
  if (sha) return { sha }
  return {
    problem: `no SHA under the usual names (${SHA_KEYS.filter((k) => !NESTED_ONLY.has(k))
      .slice(0, 6)
      .join(', ')}, ...); set buildinfo-field`
  }
}

function search(node: Record<string, unknown>, depth: number, parent: string): string | undefined {
  const byLower = new Map<string, unknown>()
  for (const [key, value] of Object.entries(node)) if (!byLower.has(key.toLowerCase())) byLower.set(key.toLowerCase(), value)
  for (const key of SHA_KEYS) {
    if (NESTED_ONLY.has(key) && !COMMIT_PARENTS.has(parent)) continue
    const value = byLower.get(key)
    if (typeof value === 'string' && SHA.test(value.trim())) return value.trim().toLowerCase()
  }
  if (depth >= MAX_DEPTH) return undefined
  for (const key of CONTAINER_KEYS) {
    const value = byLower.get(key)
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const found = search(value as Record<string, unknown>, depth + 1, key)
      if (found) return found
    }
  }
  return undefined
}
