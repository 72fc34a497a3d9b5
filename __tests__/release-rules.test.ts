import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { checkDate, cutRelease } from '../scripts/release/changelog.js'
import { compareVersions, formatVersion, lastReleaseTag, majorTag, parseVersion } from '../scripts/release/version.js'

/** The release script's pure rules (scripts/release/), and the project's own CHANGELOG.md against them. */
describe("the project's own CHANGELOG.md", () => {
  it('has Unreleased on top, then dated X.Y.Z sections newest first, the newest being package.json’s version', () => {
    const text = readFileSync('CHANGELOG.md', 'utf8')
    const headings = [...text.matchAll(/^## (.*)$/gm)].map((m) => m[1]!)
    expect(headings[0]).toBe('[Unreleased]')
    const released = headings.slice(1).map((h) => {
      const m = /^\[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$/.exec(h)
      if (!m) throw new Error(`CHANGELOG.md: heading "## ${h}" is not "## [X.Y.Z] - YYYY-MM-DD"`)
      return parseVersion(m[1]!)
    })
    for (let i = 1; i < released.length; i++) expect(compareVersions(released[i - 1]!, released[i]!)).toBeGreaterThan(0)
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    expect(formatVersion(released[0]!)).toBe(pkg.version)
  })
})

describe('changelog and version rules', () => {
  it('cuts the Unreleased section when it is the last one, or above link reference definitions', () => {
    expect(cutRelease('# C\n\n## [Unreleased]\n\n- One.\n', '1.0.0', '2026-12-01')).toEqual({ text: '# C\n\n## [Unreleased]\n\n## [1.0.0] - 2026-12-01\n\n- One.\n', notes: '- One.' })
    const cut = cutRelease('## [Unreleased]\n- Two.\n\n[Unreleased]: https://example.com/compare\n', '0.3.0', '2026-12-01')
    expect(cut.notes).toBe('- Two.')
    expect(cut.text).toBe('## [Unreleased]\n\n## [0.3.0] - 2026-12-01\n\n- Two.\n\n[Unreleased]: https://example.com/compare\n')
  })

  it('refuses a changelog without Unreleased, or with the version already in it, and a date that is not one', () => {
    expect(() => cutRelease('## [0.1.0] - 2026-11-30\n', '0.2.0', '2026-12-01')).toThrow('no "## [Unreleased]" heading')
    expect(() => cutRelease('## [Unreleased]\n- x\n## [0.2.0] - 2026-11-30\n', '0.2.0', '2026-12-01')).toThrow('already has a "## [0.2.0]" section')
    for (const d of ['2026-02-30', '1.12.2026', '2026-12-1']) expect(() => checkDate(d)).toThrow(`--date: "${d}" is not a date; expected YYYY-MM-DD`)
  })

  it('orders versions numerically, ignores tags that are not releases, and names the major tag', () => {
    expect(formatVersion(lastReleaseTag(['v0.9.0', 'v0.10.0', 'v0', 'v1', 'v2.0.0-rc.1', 'release-3.0.0', 'v0.10.0.1'])!)).toBe('0.10.0')
    expect(lastReleaseTag(['v0', 'v1'])).toBeUndefined()
    expect(majorTag(parseVersion('0.2.0'))).toBe('v0')
    expect(majorTag(parseVersion('v3.1.4'))).toBe('v3')
  })
})
