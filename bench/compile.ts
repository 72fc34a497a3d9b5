import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { run } from './children.js'

/**
 * The scaling worker runs as plain JavaScript under plain `node`, as the action itself does, so its
 * memory figure carries no TypeScript loader. The project's own compiler emits it (and the sources it
 * imports) into a temporary folder that borrows the project's node_modules through a symlink.
 */
export interface Compiled {
  entry: string
  dispose(): Promise<void>
}

export async function compileWorker(root: string): Promise<Compiled> {
  const dir = await mkdtemp(join(tmpdir(), 'rg-bench-worker-'))
  const dispose = (): Promise<void> => rm(dir, { recursive: true, force: true })
  try {
    const tsc = resolve(root, 'node_modules/typescript/bin/tsc')
    const args = [
      tsc,
      '--ignoreConfig',
      ...['--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node'],
      ...['--rootDir', root, '--outDir', dir, '--noCheck', '--skipLibCheck', '--esModuleInterop'],
      resolve(root, 'bench/verify-worker.ts')
    ]
    const done = await run(process.execPath, args, { cwd: root, timeoutMs: 120_000 })
    if (done.code !== 0) throw new Error(`compiling the scaling worker failed: ${(done.stdout + done.stderr).trim().slice(0, 500)}`)
    await writeFile(join(dir, 'package.json'), '{"type":"module"}\n')
    await symlink(resolve(root, 'node_modules'), join(dir, 'node_modules'), 'dir')
    return { entry: join(dir, 'bench/verify-worker.js'), dispose }
  } catch (error) {
    await dispose()
    throw error
  }
}
