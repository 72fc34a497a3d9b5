/**
 * Release versions: plain `MAJOR.MINOR.PATCH` (semver 2.0.0 core, no leading zeros). Pre-releases and
 * build metadata are refused on purpose: every release moves the major tag that users pin (`@v0`), so a
 * release candidate must never be cut with this script.
 */
export interface Version {
  major: number
  minor: number
  patch: number
}

const CORE = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/

/** The version a maintainer typed (`0.2.0` or `v0.2.0`), or an error naming the value and the form. */
export function parseVersion(text: string): Version {
  const m = CORE.exec(text.replace(/^v/, ''))
  if (!m) {
    throw new Error(`version: ${JSON.stringify(text)} is not a release version; expected MAJOR.MINOR.PATCH such as 0.2.0 (no pre-release or build suffix)`)
  }
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) }
}

export const formatVersion = (v: Version): string => `${v.major}.${v.minor}.${v.patch}`

export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch
}

/** The highest `vX.Y.Z` tag; the major tags (`v0`, `v1`) and anything else are not releases. */
export function lastReleaseTag(tags: string[]): Version | undefined {
  let best: Version | undefined
  for (const tag of tags) {
    if (!/^v\d/.test(tag) || !CORE.test(tag.slice(1))) continue
    const v = parseVersion(tag)
    if (!best || compareVersions(v, best) > 0) best = v
  }
  return best
}

/**
 * The tag users pin to follow a release line. For 0.x it is `v0`, as for 1.x it is `v1`: semver gives no
 * compatibility promise below 1.0, but users of `@v0` accept that, and a `v0.2` tag per minor would be a
 * second moving tag to keep in step.
 */
export const majorTag = (v: Version): string => `v${v.major}`

/**
 * Why `next` may not be released after `lastTag` (the highest `vX.Y.Z` tag) and `current` (the version
 * in package.json), or undefined when it may. Both must be exceeded: a package.json ahead of the tags
 * means a release was cut and not pushed, or the version was edited by hand.
 */
export function versionProblem(next: Version, lastTag: Version | undefined, current: Version | undefined): string | undefined {
  const n = formatVersion(next)
  if (lastTag && compareVersions(next, lastTag) <= 0) {
    return `version: ${n} is not greater than the last release tag v${formatVersion(lastTag)}; expected a version above it`
  }
  if (current && compareVersions(next, current) <= 0) {
    return `version: ${n} is not greater than package.json's version ${formatVersion(current)}; expected a version above it`
  }
  return undefined
}
