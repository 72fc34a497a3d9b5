import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The version in package.json and in package-lock.json's root entries, the two places npm keeps it.
 * Written back the way npm writes them (two-space JSON and a final newline), so only the version lines
 * change in the release commit.
 */
export function readPackageVersion(root: string): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown }
  if (typeof pkg.version !== 'string') throw new Error('package.json: no "version"; expected the version of the last release, such as "0.1.0"')
  return pkg.version
}

/** The files it changed, relative to root. */
export function writeVersion(root: string, version: string): string[] {
  const changed = ['package.json']
  update(join(root, 'package.json'), (doc) => {
    doc.version = version
  })
  if (existsSync(join(root, 'package-lock.json'))) {
    changed.push('package-lock.json')
    update(join(root, 'package-lock.json'), (doc) => {
      doc.version = version
      const rootEntry = (doc.packages as Record<string, Record<string, unknown>> | undefined)?.['']
      if (rootEntry) rootEntry.version = version
    })
  }
  return changed
}

function update(path: string, edit: (doc: Record<string, unknown>) => void): void {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
  edit(doc)
  writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`)
}
