import { excerpt } from '../redact.js'
import type { Manifest, Registry } from '../registry/client.js'
import { RegistryError } from '../registry/errors.js'

/**
 * Which commit an image was built from: the `org.opencontainers.image.revision` annotation of the
 * manifest or index (docker/metadata-action and buildx write it), else the config label of that name
 * (`LABEL` in a Dockerfile), looking into one platform image when an index carries neither.
 */
export const REVISION_KEY = 'org.opencontainers.image.revision'

const MAX_CONFIG = 8 * 1024 * 1024
const COMMIT = /^[0-9a-f]{7,40}$/i

export interface RevisionRead {
  revision: string | undefined
  /** Where it came from, or why it is unknown. */
  note: string
}

interface ManifestJson {
  annotations?: Record<string, unknown>
  manifests?: { digest?: unknown; platform?: { os?: unknown }; annotations?: Record<string, unknown> }[]
  config?: { digest?: unknown }
}

/**
 * Errors reading the registry propagate, and so does a manifest the image refers to that is missing:
 * an unreadable image must not count as "commit unknown", which may be replaced.
 */
export async function readRevision(registry: Registry, manifest: Manifest, depth = 0): Promise<RevisionRead> {
  let json: ManifestJson
  try {
    json = JSON.parse(manifest.bytes.toString('utf8')) as ManifestJson
  } catch {
    return { revision: undefined, note: 'the manifest is not JSON' }
  }
  const annotated = checked(json.annotations?.[REVISION_KEY], 'annotation')
  if (annotated) return annotated
  if (Array.isArray(json.manifests)) {
    if (depth > 0) return { revision: undefined, note: 'nested index without a revision' }
    // The first runnable image; buildx adds attestation manifests with platform unknown/unknown.
    const child = json.manifests.find((m) => m.platform?.os !== 'unknown' && !m.annotations?.['vnd.docker.reference.type']) ?? json.manifests[0]
    if (!child || typeof child.digest !== 'string') return { revision: undefined, note: 'an empty index without a revision annotation' }
    const inner = await registry.getManifest(child.digest)
    // A missing platform image is an unreadable image, not an image of unknown commit: the index may
    // well be newer, and "unknown" would let it be overwritten backward.
    if (!inner)
      throw new RegistryError('not-found', `the index ${manifest.digest.slice(0, 19)} refers to the platform image ${child.digest.slice(0, 19)}, which the registry does not have (HTTP 404)`, 404)
    return readRevision(registry, inner, depth + 1)
  }
  if (typeof json.config?.digest !== 'string') return { revision: undefined, note: 'no revision annotation and no config' }
  const blob = await registry.getBlob(json.config.digest, MAX_CONFIG)
  let config: { config?: { Labels?: Record<string, unknown> } }
  try {
    config = JSON.parse(blob.toString('utf8')) as typeof config
  } catch {
    return { revision: undefined, note: 'the image config is not JSON' }
  }
  return checked(config.config?.Labels?.[REVISION_KEY], 'config label') ?? { revision: undefined, note: 'no revision annotation or label' }
}

function checked(value: unknown, where: string): RevisionRead | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'string' && COMMIT.test(value)) return { revision: value.toLowerCase(), note: where }
  return { revision: undefined, note: `the ${where} ${JSON.stringify(excerpt(String(value), 60))} is not a commit SHA` }
}
