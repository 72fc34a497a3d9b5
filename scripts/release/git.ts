import { spawnSync } from 'node:child_process'

/** Git, without a shell; a failure throws with git's own words. */
export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' })
  if (r.error) throw new Error(`git ${args[0]}: ${r.error.message}`)
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${(r.stderr || r.stdout).trim()}`)
  return r.stdout.trim()
}

/** Git for a question whose "no" is an exit code (no upstream, no such tag): undefined instead of a throw. */
export function gitMaybe(cwd: string, ...args: string[]): string | undefined {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' })
  return r.status === 0 ? r.stdout.trim() : undefined
}

/**
 * Why this checkout may not be released from, or undefined: the branch must be `branch`, the tree
 * clean (untracked files count: they could be in the build), not behind its upstream as last fetched,
 * and git must know who commits (the release commit and tags are signed off by that identity).
 */
export function checkoutProblem(cwd: string, branch: string): string | undefined {
  const current = gitMaybe(cwd, 'symbolic-ref', '--quiet', '--short', 'HEAD')
  if (current !== branch) {
    return `branch: releases are cut from ${branch}; HEAD is ${current ? `on ${current}` : 'detached'} (git switch ${branch})`
  }
  const dirty = dirtyPaths(cwd)
  if (dirty.length) return `working tree: not clean; commit or stash first:\n  ${dirty.slice(0, 10).join('\n  ')}`
  const upstream = gitMaybe(cwd, 'rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{u}')
  if (upstream) {
    const behind = Number(git(cwd, 'rev-list', '--count', 'HEAD..@{u}'))
    if (behind > 0) return `branch: ${branch} is ${behind} commit(s) behind ${upstream}; pull first (git pull --ff-only)`
  }
  if (gitMaybe(cwd, 'var', 'GIT_COMMITTER_IDENT') === undefined) {
    return 'git identity: not set; expected user.name and user.email (git config user.name ..., git config user.email ...)'
  }
  return undefined
}

export function dirtyPaths(cwd: string): string[] {
  return git(cwd, 'status', '--porcelain', '--untracked-files=all').split('\n').filter(Boolean)
}
