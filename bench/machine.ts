import { execFileSync } from 'node:child_process'
import { arch, availableParallelism, cpus, loadavg, totalmem, type as osType } from 'node:os'

/** What the figures were measured on, and whether the tools the baseline needs are there. */
export interface Machine {
  cores: number
  cpu: string
  memoryGb: number
  os: string
  node: string
  /** Soft limit on open files of the bench's processes (`ulimit -n`). */
  openFilesLimit: string
  /** First line of `curl --version`, or undefined when curl is not installed. */
  curl?: string
  bash?: string
  loadAtStart: number[]
  loadAtEnd?: number[]
}

function firstLine(command: string, args: string[]): string | undefined {
  try {
    return (
      execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 })
        .split('\n')[0]
        ?.trim() || undefined
    )
  } catch {
    return undefined
  }
}

export function describeMachine(): Machine {
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${arch()}`,
    node: process.version,
    openFilesLimit: firstLine('sh', ['-c', 'ulimit -n']) ?? 'unknown',
    curl: firstLine('curl', ['--version'])?.split(' ').slice(0, 2).join(' '),
    bash: firstLine('bash', ['-c', 'echo "bash $BASH_VERSION"']),
    loadAtStart: loadavg().map((l) => Math.round(l * 100) / 100)
  }
}

export function finishMachine(m: Machine): void {
  m.loadAtEnd = loadavg().map((l) => Math.round(l * 100) / 100)
}
