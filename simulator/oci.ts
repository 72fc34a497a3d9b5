import { createHash } from 'node:crypto'
import { createServer } from 'node:net'

/** Media types, the revision key and small pieces the registry simulator builds images with. */
export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip'
} as const

export const REVISION = 'org.opencontainers.image.revision'

export interface PushedManifest {
  digest: string
  mediaType: string
  bytes: Buffer
}

export interface ImageSpec {
  /** Goes into the config label and (unless `annotate: false`) the manifest annotation. */
  revision?: string
  annotate?: boolean
  label?: boolean
  format?: 'oci' | 'docker'
  /** Makes otherwise equal images differ. */
  salt?: string
  platform?: { os: string; architecture: string }
}

export const sha256 = (data: Buffer | string): string => `sha256:${createHash('sha256').update(data).digest('hex')}`

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
