import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process'

/**
 * Every process the bench starts goes through here, so that each has a time limit and an interrupted
 * bench (Ctrl-C, a failed section) still ends all of them, by their own process ids.
 */
const live = new Set<ChildProcess>()

export interface Finished {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** Spawn to exit, in milliseconds. */
  ms: number
  timedOut: boolean
}

/** Keeps the tail of a stream: a child that logs a lot must not grow the bench's own memory. */
const MAX_KEPT = 256 * 1024

interface Ended {
  code: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  /** performance.now() when the process exited (its pipes may close a little later). */
  exitedAt: number
}

export function track(child: ChildProcess, timeoutMs: number): { done: Promise<Ended> } {
  live.add(child)
  let timedOut = false
  let exitedAt = Number.NaN
  child.once('exit', () => (exitedAt = performance.now()))
  const timer = setTimeout(() => {
    timedOut = true
    child.kill('SIGKILL')
  }, timeoutMs)
  const done = new Promise<Ended>((resolve) => {
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      live.delete(child)
      resolve({ code, signal, timedOut, exitedAt: Number.isNaN(exitedAt) ? performance.now() : exitedAt })
    })
    child.once('error', () => {
      clearTimeout(timer)
      live.delete(child)
      resolve({ code: null, signal: null, timedOut, exitedAt: performance.now() })
    })
  })
  return { done }
}

export function collect(child: ChildProcess): { stdout: () => string; stderr: () => string } {
  let out = ''
  let err = ''
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out = (out + d).slice(-MAX_KEPT)
  })
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    err = (err + d).slice(-MAX_KEPT)
  })
  return { stdout: () => out, stderr: () => err }
}

/** Runs a command to completion (or its time limit) and times it from spawn to exit. */
export async function run(command: string, args: string[], options: SpawnOptions & { timeoutMs: number }): Promise<Finished> {
  const started = performance.now()
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
  const streams = collect(child)
  const { done } = track(child, options.timeoutMs)
  const { exitedAt, ...end } = await done
  return { ...end, ms: exitedAt - started, stdout: streams.stdout(), stderr: streams.stderr() }
}

const closers = new Set<() => Promise<void>>()

/**
 * Registers something to close (a fleet, a temporary folder) also when the bench is interrupted;
 * returns the closer to call on the normal path, which runs it once and unregisters it.
 */
export function closeOnExit(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined
  const once = (): Promise<void> => {
    closers.delete(once)
    closing ??= close()
    return closing
  }
  closers.add(once)
  return once
}

/** Ends every child still running, then closes what is still open, newest first. */
export async function cleanUpAll(): Promise<void> {
  for (const child of live) child.kill('SIGKILL')
  live.clear()
  for (const close of [...closers].reverse()) await close().catch(() => undefined)
}
