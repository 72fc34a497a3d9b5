import { execFile, spawn } from 'node:child_process'
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * A real git repository in a temporary folder: real commits, real ancestry, force-pushes included.
 * The fake forge answers every ancestry question from it, so the action is tested against git itself.
 */
/** git commands that only read. */
const READS = new Set(['rev-parse', 'rev-list', 'merge-base', 'log', 'cat-file'])

export class GitRepo {
  private counter = 0

  private constructor(readonly dir: string) {}

  static async create(): Promise<GitRepo> {
    const dir = await mkdtemp(join(tmpdir(), 'rg-repo-'))
    const repo = new GitRepo(dir)
    await repo.git('init', '-q', '-b', 'main')
    // What `git config user.email …` (and the other two) would write, written at once: every git started
    // from a test worker costs the worker a fork, and the suite creates a repository per test.
    await appendFile(join(dir, '.git', 'config'), '[user]\n\temail = sim@example.invalid\n\tname = Simulator\n[commit]\n\tgpgsign = false\n')
    return repo
  }

  async git(...args: string[]): Promise<string> {
    // Reads are remembered until a command that may change the repository starts or ends (every change
    // goes through here), so a fake forge answering thousands of requests does not start git for each.
    // A read that overlapped a change is not remembered: it may have seen either side of it.
    const read = READS.has(args[0]!) || (args[0] === 'branch' && args[1] === '--list')
    const key = args.join('\0')
    if (!read) {
      this.generation++
      this.reads.clear()
      try {
        return (await run('git', args, { cwd: this.dir, maxBuffer: 64 * 1024 * 1024 })).stdout.trim()
      } finally {
        this.generation++
        this.reads.clear()
      }
    }
    const known = this.reads.get(key)
    if (known) return known
    const started = this.generation
    const answer = run('git', args, { cwd: this.dir, maxBuffer: 64 * 1024 * 1024 }).then(({ stdout }) => stdout.trim())
    this.reads.set(key, answer)
    answer.then(
      () => {
        if (this.generation !== started && this.reads.get(key) === answer) this.reads.delete(key)
      },
      () => this.reads.get(key) === answer && this.reads.delete(key)
    )
    return answer
  }

  private generation = 0
  private readonly reads = new Map<string, Promise<string>>()

  /** Commits on top of `branch` (created at its current HEAD if new) and returns the full SHA. */
  async commit(message: string, branch = 'main'): Promise<string> {
    await this.checkout(branch)
    this.counter += 1
    await writeFile(join(this.dir, 'file.txt'), `${message}\n${this.counter}\n`)
    await this.git('add', 'file.txt')
    await this.git('commit', '-q', '-m', message)
    // The new tip from the loose ref `git commit` just wrote (one git fewer per commit); rev-parse if packed.
    const tip = await readFile(join(this.dir, '.git', 'refs', 'heads', branch), 'utf8').then(
      (text) => text.trim(),
      () => ''
    )
    return /^[0-9a-f]{40}$/.test(tip) ? tip : this.git('rev-parse', 'HEAD')
  }

  private async checkout(branch: string): Promise<void> {
    // The usual case in one git: the branch exists (`git switch` takes only a branch, never a tag or a path).
    const switched = await this.git('switch', '-q', branch).then(
      () => true,
      () => false
    )
    if (switched) return
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

  /**
   * Appends `count` commits to `branch` in one `git fast-import` (thousands a second), each changing
   * one file, and returns the new tip. `orphan` starts an unrelated history (a rewritten repository).
   */
  async bulkCommits(count: number, branch = 'main', options: { orphan?: boolean } = {}): Promise<string> {
    const parent = options.orphan ? undefined : await this.resolve(`refs/heads/${branch}`)
    const lines: string[] = []
    for (let i = 1; i <= count; i++) {
      this.counter += 1
      const message = `bulk ${this.counter}`
      const content = `${message}\n`
      lines.push(`commit refs/heads/${branch}`, `committer Simulator <sim@example.invalid> ${1_700_000_000 + this.counter} +0000`)
      lines.push(`data ${Buffer.byteLength(message)}`, message)
      if (i === 1) lines.push(parent ? `from ${parent}` : 'from 0000000000000000000000000000000000000000')
      lines.push('M 644 inline file.txt', `data ${Buffer.byteLength(content)}`, content)
    }
    await new Promise<void>((resolve, reject) => {
      const child = spawn('git', ['fast-import', '--quiet', '--force'], { cwd: this.dir, stdio: ['pipe', 'ignore', 'pipe'] })
      let err = ''
      child.stderr.on('data', (c: Buffer) => (err += c.toString()))
      child.on('error', reject)
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import failed: ${err}`))))
      child.stdin.end(`${lines.join('\n')}\n`)
    })
    // The work tree still shows the old tip; later commit() calls check out afresh.
    await this.git('checkout', '-q', '-f', branch)
    return this.git('rev-parse', `refs/heads/${branch}`)
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

  /** History of `from` without the commits of `not` (when given), newest first, one page. */
  async log(from: string, skip: number, limit: number, not?: string): Promise<string[]> {
    const out = await this.git('rev-list', `--skip=${skip}`, `--max-count=${limit}`, from, ...(not ? ['--not', not] : []))
    return out ? out.split('\n') : []
  }

  /** `git rev-list --count from [--not not]`. */
  async total(from: string, not?: string): Promise<number> {
    return Number(await this.git('rev-list', '--count', from, ...(not ? ['--not', not] : [])))
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
