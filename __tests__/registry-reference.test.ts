import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { InputError } from '../src/errors.js'
import { parseChallenges, realmProblem } from '../src/registry/challenge.js'
import { isInternalAddress, isValidTag, parseImageRef } from '../src/registry/reference.js'

describe('image references', () => {
  it.each([
    ['ghcr.io/acme/app', 'ghcr.io', 'acme/app'],
    ['registry.example.com:5000/team/app', 'registry.example.com:5000', 'team/app'],
    ['docker.io/library/x', 'registry-1.docker.io', 'library/x'],
    ['docker.io/x', 'registry-1.docker.io', 'library/x'],
    ['index.docker.io/acme/x', 'registry-1.docker.io', 'acme/x'],
    ['nginx', 'registry-1.docker.io', 'library/nginx'],
    ['acme/app', 'registry-1.docker.io', 'acme/app'],
    ['localhost:5000/app', 'localhost:5000', 'app'],
    ['localhost/app', 'localhost', 'app'],
    ['127.0.0.1:5000/a/b/c', '127.0.0.1:5000', 'a/b/c'],
    ['[::1]:5000/app', '[::1]:5000', 'app'],
    ['Gitea.Example.com/owner/my_app-x.y', 'gitea.example.com', 'owner/my_app-x.y']
  ])('%s -> %s / %s', (text, host, repository) => {
    expect(parseImageRef('image', text)).toEqual({ host, repository, display: `${host}/${repository}` })
  })

  it.each([
    ['', /empty/],
    ['https://ghcr.io/acme/app', /no URL scheme/],
    ['ghcr.io/acme/app:latest', /tag goes in/],
    ['ghcr.io/acme/app@sha256:abc', /digest/],
    ['ghcr.io/Acme/app', /path component/],
    ['ghcr.io/acme//app', /path component/],
    ['ghcr.io/acme/app/', /path component/],
    ['ghcr.io/-acme/app', /path component/],
    ['-bad-.io/app', /host name/],
    ['host.io:99999/app', /out of range/],
    ['ghcr.io/acme/a..b', /path component/],
    [`ghcr.io/${'a'.repeat(260)}`, /255/]
  ])('refuses %j naming the input and the value', (text, why) => {
    let error: unknown
    try {
      parseImageRef('image', text)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).message).toMatch(/^Input 'image' has the value/)
    expect((error as InputError).message).toMatch(why)
  })

  it('OCI tag syntax', () => {
    for (const ok of ['latest', 'staging-abc1234', 'v1.2.3', '_x', 'A'.repeat(128)]) expect(isValidTag(ok)).toBe(true)
    for (const bad of ['', '.x', '-x', 'a/b', 'a:b', 'a b', 'A'.repeat(129), 'é']) expect(isValidTag(bad)).toBe(false)
  })

  it('property: every accepted tag is 1-128 characters of the tag alphabet, not starting with . or -', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 140 }), (s) => {
        const expected = s.length >= 1 && s.length <= 128 && /^[A-Za-z0-9_.-]+$/.test(s) && !/^[.-]/.test(s)
        expect(isValidTag(s)).toBe(expected)
      })
    )
  })
})

describe('WWW-Authenticate', () => {
  it('parses a Bearer challenge whose scope holds a comma', () => {
    expect(parseChallenges('Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:acme/app:pull,push",error="insufficient_scope"')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:acme/app:pull,push', error: 'insufficient_scope' } }
    ])
  })

  it('parses several challenges in one header and unquoted values', () => {
    expect(parseChallenges('Basic realm="Registry Realm", Bearer realm=https://x.io/token, service=x.io')).toEqual([
      { scheme: 'basic', params: { realm: 'Registry Realm' } },
      { scheme: 'bearer', params: { realm: 'https://x.io/token', service: 'x.io' } }
    ])
  })

  it('copes with escapes and nothing at all', () => {
    expect(parseChallenges('Basic realm="a \\"b\\""')).toEqual([{ scheme: 'basic', params: { realm: 'a "b"' } }])
    expect(parseChallenges('')).toEqual([])
  })
})

describe('token realm policy', () => {
  const check = (realm: string, registry: string): string | undefined => realmProblem(new URL(realm), new URL(registry))

  it.each([
    ['https://ghcr.io/token', 'https://ghcr.io'],
    ['https://auth.docker.io/token', 'https://registry-1.docker.io'],
    ['https://gitlab.com/jwt/auth', 'https://registry.gitlab.com'],
    ['https://gitea.example.com/v2/token', 'https://gitea.example.com'],
    ['https://auth.example.com/token', 'https://registry.example.com:5000'],
    ['http://127.0.0.1:5000/token', 'http://127.0.0.1:5000'],
    ['http://localhost:5000/v2/token', 'http://localhost:5000']
  ])('accepts %s for %s', (realm, registry) => {
    expect(check(realm, registry)).toBeUndefined()
  })

  it.each([
    ['https://evil.example.net/token', 'https://ghcr.io', /neither the registry's host nor in its domain/],
    ['https://ghcr.io.evil.net/token', 'https://ghcr.io', /neither/],
    ['https://auth.docker.io.evil.net/token', 'https://registry-1.docker.io', /neither/],
    ['http://auth.docker.io/token', 'https://registry-1.docker.io', /plain HTTP/],
    ['http://ghcr.io/token', 'https://ghcr.io', /plain HTTP/],
    ['https://169.254.169.254/latest/meta-data', 'https://ghcr.io', /internal address/],
    ['https://10.0.0.5/token', 'https://10.0.0.5:5000', /internal address/],
    ['http://127.0.0.1:9999/token', 'http://127.0.0.1:5000', /internal address/],
    ['https://[::1]/token', 'https://ghcr.io', /internal address/],
    ['https://user:pw@ghcr.io/token', 'https://ghcr.io', /credentials/],
    ['ftp://ghcr.io/token', 'https://ghcr.io', /http\(s\)/]
  ])('refuses %s for %s', (realm, registry, why) => {
    expect(check(realm, registry)).toMatch(why)
  })

  it('classifies internal addresses', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
      'localhost'
    ]) {
      expect([ip, isInternalAddress(ip)]).toEqual([ip, true])
    }
    for (const ip of ['8.8.8.8', '172.32.0.1', '192.169.0.1', 'ghcr.io', '2001:db8::1']) expect([ip, isInternalAddress(ip)]).toEqual([ip, false])
  })
})
