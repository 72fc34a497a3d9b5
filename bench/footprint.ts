import { lstat, readdir } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Section 4: what `npm ci` puts on disk (node_modules, as `du` counts it: allocated blocks, hard links
 * once) and the largest packages in it, the figure a CI job pays for on every fresh machine.
 */
export interface InstallSize {
  bytes: number
  /** The biggest top-level packages (scoped ones by their full name). */
  largest: { name: string; bytes: number }[]
}

async function usage(path: string, seen: Set<string>): Promise<number> {
  const st = await lstat(path)
  const key = `${st.dev}:${st.ino}`
  if (seen.has(key)) return 0
  seen.add(key)
  let bytes = st.blocks * 512
  if (st.isDirectory()) {
    for (const entry of await readdir(path)) bytes += await usage(join(path, entry), seen)
  }
  return bytes
}

export async function installSize(nodeModules: string): Promise<InstallSize> {
  const seen = new Set<string>()
  const packages: { name: string; bytes: number }[] = []
  let bytes = (await lstat(nodeModules)).blocks * 512
  for (const entry of await readdir(nodeModules)) {
    const path = join(nodeModules, entry)
    if (entry.startsWith('@')) {
      bytes += (await lstat(path)).blocks * 512
      for (const scoped of await readdir(path)) packages.push({ name: `${entry}/${scoped}`, bytes: await usage(join(path, scoped), seen) })
    } else packages.push({ name: entry, bytes: await usage(path, seen) })
  }
  for (const p of packages) bytes += p.bytes
  return { bytes, largest: packages.sort((a, b) => b.bytes - a.bytes).slice(0, 5) }
}
