import { InputError } from '../errors.js'

/**
 * Image references as docker and the OCI distribution spec spell them. Only a repository is accepted
 * here (tags come from their own inputs), and Docker Hub's short forms are normalised the way the
 * docker CLI does, so `app` and `docker.io/library/app` promote in the same repository.
 */
export interface ImageRef {
  /** host[:port] the API is reached at; Docker Hub's API host, not `docker.io`. */
  host: string
  /** Repository path inside the registry, e.g. `acme/app` or `library/nginx`. */
  repository: string
  /** As the user should read it back: `host/repository`. */
  display: string
}

const DOCKER_HUB_API = 'registry-1.docker.io'
const DOCKER_HUB_NAMES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io'])

const LABEL = '(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])'
const DOMAIN = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?$`)
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/
const EXPECTED_IMAGE = 'an image repository without tag or digest, such as `ghcr.io/acme/app`, `registry.example.com:5000/team/app` or `docker.io/library/app`'

/** The OCI distribution tag grammar: up to 128 characters, not starting with `.` or `-`. */
export function isValidTag(tag: string): boolean {
  return TAG.test(tag)
}

export function parseImageRef(input: string, value: string): ImageRef {
  const fail = (why: string): never => {
    throw new InputError(input, value, `${EXPECTED_IMAGE} (${why})`)
  }
  if (value === '') fail('it is empty')
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) fail('no URL scheme: the registry decides between https and http')
  if (value.includes('@')) fail('a digest is not a repository')
  const parts = value.split('/')
  // Docker's rule: the first component names a registry only when it looks like a host.
  const first = parts[0]!
  const hasHost = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')
  let host = hasHost ? first : 'docker.io'
  const path = hasHost ? parts.slice(1) : parts
  if (hasHost && !DOMAIN.test(host)) fail(`\`${host}\` is not a host name with an optional port`)
  const port = /:(\d+)$/.exec(host)?.[1]
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) fail(`port ${port} is out of range`)
  const last = path.at(-1) ?? ''
  if (last.includes(':')) fail('the tag goes in `promote-from` / `promote-tag`, not in `image`')
  for (const component of path) {
    if (!PATH_COMPONENT.test(component)) fail(`\`${component}\` is not a valid path component (lower-case letters, digits, \`.\`, \`_\`, \`-\`)`)
  }
  host = host.toLowerCase()
  if (DOCKER_HUB_NAMES.has(host)) {
    host = DOCKER_HUB_API
    if (path.length === 1) path.unshift('library')
  }
  const repository = path.join('/')
  if (repository.length + host.length + 1 > 255) fail('longer than 255 characters')
  return { host, repository, display: `${host}/${repository}` }
}

/** Loopback names and literals: the only hosts reached over plain HTTP without an explicit switch. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(h) || h === '::1'
}

export { isInternalAddress } from '../http/internal-address.js'
