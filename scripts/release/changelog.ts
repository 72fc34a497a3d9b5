/**
 * CHANGELOG.md in the Keep a Changelog shape: `## [Unreleased]` on top, then `## [X.Y.Z] - YYYY-MM-DD`
 * sections, newest first. Cutting a release moves what is under Unreleased into a dated section and
 * leaves Unreleased empty; that section's text is also the release notes.
 */
export interface Cut {
  /** The whole new CHANGELOG.md. */
  text: string
  /** The released section's body, without its heading: the release notes. */
  notes: string
}

const UNRELEASED = /^## \[Unreleased\][ \t]*$/m
/** A section ends at the next `## ` heading or at the link reference definitions at the bottom. */
const SECTION_END = /^(## |\[[^\]]+\]: )/m

export function cutRelease(changelog: string, version: string, date: string): Cut {
  const head = UNRELEASED.exec(changelog)
  if (!head) throw new Error('CHANGELOG.md: no "## [Unreleased]" heading; expected one above the released versions (Keep a Changelog)')
  if (new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\]`, 'm').test(changelog)) {
    throw new Error(`CHANGELOG.md: already has a "## [${version}]" section; expected only the versions released so far`)
  }
  const bodyStart = head.index + head[0].length
  const rest = changelog.slice(bodyStart)
  const end = SECTION_END.exec(rest)
  const body = end ? rest.slice(0, end.index) : rest
  const notes = body.trim()
  if (!notes) throw new Error('CHANGELOG.md: "## [Unreleased]" is empty; expected the user-visible changes of this release under it')
  const after = end ? rest.slice(end.index) : ''
  const text = `${changelog.slice(0, bodyStart)}\n\n## [${version}] - ${date}\n\n${notes}\n${after ? `\n${after}` : ''}`
  return { text, notes }
}

/** `YYYY-MM-DD`, a real calendar date. */
export function checkDate(text: string): string {
  const d = new Date(`${text}T00:00:00Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text) {
    throw new Error(`--date: ${JSON.stringify(text)} is not a date; expected YYYY-MM-DD`)
  }
  return text
}
