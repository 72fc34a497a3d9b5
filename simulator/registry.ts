import bcrypt from 'bcryptjs'
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REGISTRY_BIN } from './host-tools.js'
import { freePort, type ImageSpec, MEDIA, type PushedManifest, REVISION, sha256 } from './oci.js'

export { freePort, MEDIA, REVISION, sha256, type ImageSpec, type PushedManifest } from './oci.js'

/**
 * The real Debian `docker-registry` (CNCF distribution 2.8) on a free loopback port, with a config of
 * its own in a temporary folder, and methods that push small images and indexes through the registry
 * HTTP API. No mock: what the registry accepts, stores and answers is what a production one does.
 */
export { REGISTRY_BIN }

/** Generous: a busy machine can take long to start a process, and a passing start never waits for it. */
const READY_BOUND_MS = 90_000

export interface TokenAuthConfig {
  realm: string
  service: string
  issuer: string
  /** PEM file holding the certificate that signs the tokens. */
  rootCertBundle: string
}

export interface LocalRegistryOptions {
  /** Users for `auth.htpasswd` (bcrypt hashes are written for them). */
  users?: Record<string, string>
  token?: TokenAuthConfig
}

export class LocalRegistry {
  private stderr = ''

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly child: ChildProcess,
    /** Sent with every set-up request (Basic or Bearer), when the registry wants one. */
    public authorization: string | undefined
  ) {}

  get host(): string {
    return `127.0.0.1:${this.port}`
  }

  get url(): string {
    return `http://${this.host}`
  }

  static async start(options: LocalRegistryOptions = {}): Promise<LocalRegistry> {
    if (!existsSync(REGISTRY_BIN)) {
      throw new Error(`${REGISTRY_BIN} not found: the registry tests need the Debian package docker-registry (apt-get install docker-registry)`)
    }
    const dir = await mkdtemp(join(tmpdir(), 'rg-registry-'))
    const port = await freePort()
    const lines = [
      'version: 0.1',
      'log:',
      '  level: error',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(dir, 'data')}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: 127.0.0.1:${port}`,
      `  secret: ${randomBytes(16).toString('hex')}`
    ]
    let authorization: string | undefined
    const users = Object.entries(options.users ?? {})
    if (users.length > 0) {
      const file = join(dir, 'htpasswd')
      await writeFile(file, users.map(([u, p]) => `${u}:${bcrypt.hashSync(p, 5)}`).join('\n') + '\n')
      lines.push('auth:', '  htpasswd:', '    realm: rollout-guard-test', `    path: ${file}`)
      authorization = `Basic ${Buffer.from(`${users[0]![0]}:${users[0]![1]}`).toString('base64')}`
    } else if (options.token) {
      const t = options.token
      lines.push('auth:', '  token:', `    realm: ${t.realm}`, `    service: ${t.service}`, `    issuer: ${t.issuer}`, `    rootcertbundle: ${t.rootCertBundle}`)
    }
    const config = join(dir, 'config.yml')
    await writeFile(config, lines.join('\n') + '\n')
    // A clean environment: distribution reads REGISTRY_* variables as config overrides.
    const child = spawn(REGISTRY_BIN, ['serve', config], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, stdio: ['ignore', 'ignore', 'pipe'] })
    const registry = new LocalRegistry(port, dir, child, authorization)
    child.stderr?.on('data', (d: Buffer) => {
      registry.stderr = (registry.stderr + d.toString('utf8')).slice(-4000)
    })
    await registry.waitReady()
    return registry
  }

  /** Until it answers (the event); the bound only turns a registry that never starts into an error. */
  private async waitReady(): Promise<void> {
    const started = Date.now()
    while (Date.now() - started < READY_BOUND_MS) {
      if (this.child.exitCode !== null) throw new Error(`docker-registry exited with ${this.child.exitCode}: ${this.stderr}`)
      try {
        const res = await fetch(`${this.url}/v2/`)
        await res.arrayBuffer()
        if (res.status === 200 || res.status === 401) return
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50))
    }
    await this.stop()
    throw new Error(`docker-registry did not answer on ${this.url} within ${READY_BOUND_MS / 1000}s: ${this.stderr}`)
  }

  async stop(): Promise<void> {
    // A child ended by a signal (Ctrl-C reaches the whole process group) has signalCode set and exitCode
    // null; waiting for its 'exit' again would wait forever.
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r))
      this.child.kill('SIGTERM')
      await exited
    }
    await rm(this.dir, { recursive: true, force: true })
  }

  private async api(method: string, path: string, body?: Buffer, headers: Record<string, string> = {}): Promise<Response> {
    const all: Record<string, string> = { ...headers }
    if (this.authorization) all.authorization = this.authorization
    const url = path.startsWith('http') ? path : `${this.url}${path}`
    return fetch(url, { method, headers: all, body: body ? new Uint8Array(body) : undefined })
  }

  async pushBlob(repo: string, data: Buffer): Promise<string> {
    const digest = sha256(data)
    const start = await this.api('POST', `/v2/${repo}/blobs/uploads/`)
    await start.arrayBuffer()
    if (start.status !== 202) throw new Error(`blob upload start answered ${start.status}`)
    const location = new URL(start.headers.get('location')!, this.url)
    location.searchParams.set('digest', digest)
    const done = await this.api('PUT', location.toString(), data, { 'content-type': 'application/octet-stream' })
    const text = await done.text()
    if (done.status !== 201) throw new Error(`blob upload answered ${done.status}: ${text}`)
    return digest
  }

  /** PUTs `bytes` as they are under `reference` (a tag or a digest). */
  async putManifest(repo: string, reference: string, mediaType: string, bytes: Buffer): Promise<PushedManifest> {
    const res = await this.api('PUT', `/v2/${repo}/manifests/${reference}`, bytes, { 'content-type': mediaType })
    const text = await res.text()
    if (res.status !== 201) throw new Error(`manifest PUT ${repo}:${reference} answered ${res.status}: ${text}`)
    return { digest: sha256(bytes), mediaType, bytes }
  }

  /** A one-layer image whose config carries the revision label; tagged when `tag` is given. */
  async pushImage(repo: string, tag: string | undefined, spec: ImageSpec = {}): Promise<PushedManifest> {
    const docker = spec.format === 'docker'
    const platform = spec.platform ?? { os: 'linux', architecture: 'amd64' }
    const layer = Buffer.from(`layer ${spec.salt ?? ''} ${spec.revision ?? ''} ${randomBytes(4).toString('hex')}`)
    const labels = spec.revision && spec.label !== false ? { [REVISION]: spec.revision } : undefined
    const config = Buffer.from(JSON.stringify({ ...platform, config: { Labels: labels }, rootfs: { type: 'layers', diff_ids: [sha256(layer)] }, history: [{ created_by: 'rollout-guard test' }] }))
    const configDigest = await this.pushBlob(repo, config)
    const layerDigest = await this.pushBlob(repo, layer)
    const mediaType = docker ? MEDIA.dockerManifest : MEDIA.ociManifest
    const manifest: Record<string, unknown> = {
      schemaVersion: 2,
      mediaType,
      config: { mediaType: docker ? MEDIA.dockerConfig : MEDIA.ociConfig, digest: configDigest, size: config.length },
      layers: [{ mediaType: docker ? MEDIA.dockerLayer : MEDIA.ociLayer, digest: layerDigest, size: layer.length }]
    }
    if (!docker && spec.revision && spec.annotate !== false) manifest.annotations = { [REVISION]: spec.revision }
    // Indented on purpose: a client that re-serialises the JSON would change the digest and be caught.
    const bytes = Buffer.from(JSON.stringify(manifest, null, 3) + '\n')
    return this.putManifest(repo, tag ?? sha256(bytes), mediaType, bytes)
  }

  /** A two-platform index (OCI or Docker manifest list) whose children are pushed by digest first. */
  async pushIndex(repo: string, tag: string, spec: ImageSpec & { childSpec?: ImageSpec } = {}): Promise<PushedManifest> {
    const docker = spec.format === 'docker'
    const children: { digest: string; mediaType: string; size: number; platform: { os: string; architecture: string } }[] = []
    for (const architecture of ['amd64', 'arm64']) {
      const platform = { os: 'linux', architecture }
      const child = await this.pushImage(repo, undefined, { revision: spec.revision, salt: spec.salt, format: spec.format, ...spec.childSpec, platform })
      children.push({ digest: child.digest, mediaType: child.mediaType, size: child.bytes.length, platform })
    }
    const mediaType = docker ? MEDIA.dockerList : MEDIA.ociIndex
    const index: Record<string, unknown> = { schemaVersion: 2, mediaType, manifests: children }
    if (!docker && spec.revision && spec.annotate !== false) index.annotations = { [REVISION]: spec.revision }
    const bytes = Buffer.from(JSON.stringify(index, null, 3) + '\n')
    return this.putManifest(repo, tag, mediaType, bytes)
  }

  /** Deletes a manifest by digest (the config enables deletes), e.g. one platform image of an index. */
  async deleteManifest(repo: string, digest: string): Promise<void> {
    const res = await this.api('DELETE', `/v2/${repo}/manifests/${digest}`)
    const text = await res.text()
    if (res.status !== 202) throw new Error(`DELETE ${repo}@${digest} answered ${res.status}: ${text}`)
  }

  /** Digest a tag points at now, read the way docker does (HEAD with every manifest type accepted). */
  async digestOf(repo: string, tag: string): Promise<string | undefined> {
    const res = await this.api('HEAD', `/v2/${repo}/manifests/${tag}`, undefined, { accept: Object.values(MEDIA).join(', ') })
    if (res.status === 404) return undefined
    if (res.status !== 200) throw new Error(`HEAD ${repo}:${tag} answered ${res.status}`)
    return res.headers.get('docker-content-digest') ?? undefined
  }
}
