import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import type { Clock } from '../src/clock.js'
import { PullRequestApi } from '../src/forge/pull-requests.js'
import { createHttpClient, type HttpClient } from '../src/http/client.js'
import { ForgePullNotes } from '../src/report/publish/pr-notes.js'
import { CancelledError } from '../src/runtime/cancel.js'
import { parseSettings } from '../src/settings/index.js'
import { FakeForge } from '../simulator/fake-forge.js'
import { GitRepo } from '../simulator/git-repo.js'
import { waitFor } from './support/wait.js'

/**
 * The pull request comment under a cancel, as the records are (docs/pull-requests.md): its requests and
 * retry waits stop at the run's cancel instead of being waited out, and the final note is written on the
 * grace after it, through a client of its own.
 */
const TOKEN = 'pulls-token-1234567890'
let repo: GitRepo
let http: HttpClient
let forge: FakeForge
let B: string

beforeAll(async () => {
  repo = await GitRepo.create()
  B = await repo.commit('B')
  http = createHttpClient()
})
afterAll(async () => {
  await http.close()
  await repo.dispose()
})
afterEach(async () => {
  await forge.close()
})

/** A wait that ends only at its signal: a retry wait that did not take the cancel would never end. */
const waitsForTheCancel: Clock = {
  now: () => 0,
  sleep: (_ms, signal) =>
    new Promise<void>((_resolve, reject) => {
      if (signal?.aborted) reject(signal.reason)
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true })
    })
}

async function notesOn(clock: Clock) {
  forge = await FakeForge.start({ flavour: 'github', repo, token: TOKEN })
  forge.pullsApi.add({ number: 5, title: 'change', mergeCommit: B })
  const settings = parseSettings({
    GITHUB_SHA: B,
    GITHUB_REPOSITORY: forge.repository,
    GITHUB_API_URL: forge.apiUrl,
    GITHUB_SERVER_URL: forge.serverUrl,
    INPUT_MODE: 'gate',
    INPUT_TOKEN: TOKEN
  })
  const cancel = new AbortController()
  const grace = new AbortController()
  const log = { warnings: [] as string[], infos: [] as string[] }
  const api = (signal: AbortSignal): PullRequestApi => new PullRequestApi(settings.forge, http, clock, (m) => log.infos.push(m), signal)
  const notes = new ForgePullNotes(
    api(cancel.signal),
    { kind: 'github', environment: 'production', sha: B, runUrl: undefined, commitUrl: undefined },
    { warning: (m) => log.warnings.push(m), info: (m) => log.infos.push(m) },
    clock,
    api(grace.signal)
  )
  return { notes, cancel, grace, log }
}

const comments = (): string[] => forge.pullsApi.comments.map((c) => c.body)

describe('the pull request comment and a cancel', () => {
  it('a request in flight is aborted at the cancel, not waited out; the final note is written on the grace', async () => {
    const { notes, cancel, log } = await notesOn({ now: () => 0, sleep: async () => undefined })
    let release!: () => void
    forge.inject('comments', { wait: new Promise<void>((r) => (release = r)) })
    notes.start()
    await waitFor(() => forge.calls('comments').length === 1, 'the first comment write looking for its comment')
    // A progress write queued behind it: once the final note is due, it leaves the write to the final one.
    notes.progress('canary', 0, 1, 0)
    cancel.abort(new CancelledError('SIGINT'))
    await notes.finish({ kind: 'cancelled', reason: 'The run was cancelled (SIGINT); nothing new was started after the cancel.' })
    // The held look was given up (its connection closed), not answered, and no warning was raised for it.
    await waitFor(() => forge.abandoned.length === 1, 'the held request abandoned')
    release()
    expect(comments()).toHaveLength(1)
    expect(comments()[0]).toMatch(/cancelled/i)
    expect(log.warnings).toEqual([])
    expect(log.infos.join('\n')).toContain('the run was cancelled')
  })

  it("a retry's wait stops at the cancel; the final note goes out on the grace", async () => {
    const { notes, cancel, log } = await notesOn(waitsForTheCancel)
    forge.inject('comments', { status: 503, headers: { 'retry-after': '1' } })
    notes.start()
    await waitFor(() => log.infos.some((m) => /retrying in/.test(m)), "the first comment write's retry waiting after a 503")
    cancel.abort(new CancelledError('SIGINT'))
    await notes.finish({ kind: 'cancelled', reason: 'The run was cancelled.' })
    expect(comments()).toHaveLength(1)
    expect(log.warnings).toEqual([])
  })

  it('once the grace is spent too, the final note is not written (best effort), and nothing throws or warns', async () => {
    const { notes, cancel, grace, log } = await notesOn(waitsForTheCancel)
    forge.inject('comments', { status: 503, headers: { 'retry-after': '1' } })
    notes.start()
    await waitFor(() => forge.calls('comments').length === 1, 'the first comment write meeting a 503')
    cancel.abort(new CancelledError('SIGINT'))
    grace.abort(new Error('the 5 s left after the cancel are spent'))
    await notes.finish({ kind: 'cancelled', reason: 'The run was cancelled.' })
    expect(comments()).toEqual([])
    expect(log.warnings).toEqual([])
  })
})
