import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * A real git repository in a temporary folder: real commits, real ancestry, force-pushes included.
 * The fake forge answers every ancestry question from it, so the action is tested against git itself.
 */
export class GitRepo {
  private counter = 0

  private constructor(readonly dir: string) {}

  static async create(): Promise<GitRepo> {
    const dir = await mkdtemp(join(tmpdir(), 'rg-repo-'))
    const repo = new GitRepo(dir)
    await repo.git('init', '-q', '-b', 'main')
    await repo.git('config', 'user.email', 'sim@example.invalid')
    await repo.git('config', 'user.name', 'Simulator')
    await repo.git('config', 'commit.gpgsign', 'false')
    return repo
  }

  async git(...args: string[]): Promise<string> {
    const { stdout } = await run('git', args, { cwd: this.dir, maxBuffer: 64 * 1024 * 1024 })
    return stdout.trim()
  }

  /** Commits on top of `branch` (created at its current HEAD if new) and returns the full SHA. */
  async commit(message: string, branch = 'main'): Promise<string> {
    await this.checkout(branch)
    this.counter += 1
    await writeFile(join(this.dir, 'file.txt'), `${message}\n${this.counter}\n`)
    await this.git('add', 'file.txt')
    await this.git('commit', '-q', '-m', message)
    return this.git('rev-parse', 'HEAD')
  }

  private async checkout(branch: string): Promise<void> {
    const exists = await this.git('rev-parse', '--verify', '--quiet', `refs/heads/${branch}`).then(
      () => true,
      () => false
    )
    const hasCommits = await this.git('rev-parse', '--verify', '--quiet', 'HEAD').then(
      () => true,
      () => false
    )
    if (exists) await this.git('checkout', '-q', branch)
    else if (hasCommits) await this.git('checkout', '-q', '-b', branch)
    else await this.git('checkout', '-q', '--orphan', branch)
  }

  /** Points `branch` at `sha`, as a force-push would. */
  async setBranch(branch: string, sha: string): Promise<void> {
    await this.git('checkout', '-q', '--detach')
    await this.git('branch', '-f', branch, sha)
  }

  /** Full SHA of a ref or abbreviated SHA, or undefined when git does not know it. */
  async resolve(ref: string): Promise<string | undefined> {
    return this.git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`).catch(() => undefined)
  }

  async isBranch(name: string): Promise<boolean> {
    return (await this.git('branch', '--list', name)).length > 0
  }

  /** Commits reachable from `head` and not from `base` (git rev-list --count base..head). */
  async count(base: string, head: string): Promise<number> {
    return Number(await this.git('rev-list', '--count', `${base}..${head}`))
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    return this.git('merge-base', a, b).catch(() => undefined)
  }

  /** History of `from`, newest first, one page. */
  async log(from: string, skip: number, limit: number): Promise<string[]> {
    const out = await this.git('rev-list', `--skip=${skip}`, `--max-count=${limit}`, from)
    return out ? out.split('\n') : []
  }

  async total(from: string): Promise<number> {
    return Number(await this.git('rev-list', '--count', from))
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    return this.git('merge-base', '--is-ancestor', ancestor, descendant).then(
      () => true,
      () => false
    )
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true })
  }
}
