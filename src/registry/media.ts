import { createHash } from 'node:crypto'
import type { HttpResponse } from '../http/client.js'
import { RegistryError } from './errors.js'

/**
 * The four manifest types a retag copies, and how a served manifest's type and digest are read. The
 * OCI index must be in the Accept list: without it distribution answers an index with 404.
 */
export const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json'
] as const

export const digestOf = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

/** The bare media type of a served manifest: the Content-Type, else the JSON `mediaType` field. */
export function mediaTypeOf(res: HttpResponse, what: string): string {
  const header = (res.headers['content-type'] ?? '').split(';')[0]!.trim()
  if ((MANIFEST_TYPES as readonly string[]).includes(header)) return header
  let field: unknown
  try {
    field = (JSON.parse(res.body.toString('utf8')) as { mediaType?: unknown }).mediaType
  } catch {
    field = undefined
  }
  if (typeof field === 'string' && (MANIFEST_TYPES as readonly string[]).includes(field)) return field
  throw new RegistryError('invalid', `${what}: unsupported manifest type ${JSON.stringify(header || String(field))}; expected one of ${MANIFEST_TYPES.join(', ')}.`)
}
