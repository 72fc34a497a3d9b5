import { describe, expect, it } from '@jest/globals'
import type { IssueComment, PullRequestApi, PullRequestRef } from '../src/forge/pull-requests.js'
import { nextLink } from '../src/forge/pull-requests.js'
import { HttpStatusError } from '../src/http/retry.js'
import { pullStage } from '../src/modes/pull-stage.js'
import type { Outcome } from '../src/outcome.js'
import { commentMarker, type PullCommentState, pullCommentBody, REASON_MAX } from '../src/report/publish/pr-comment.js'
import { ForgePullNotes, MAX_PULLS } from '../src/report/publish/pr-notes.js'

const A = 'a'.repeat(40)
const B = 'b'.repeat(40)
const base: PullCommentState = {
  environment: 'production',
  sha: A,
  stage: { kind: 'rolling' },
  phases: [],
  runUrl: 'https://forge/run/1',
  commitUrl: 'https://forge/c/a',
  updatedAt: new Date('2026-12-07T10:00:00Z')
}

describe('the pull request comment, one row per stage', () => {
  const rows: Array<[string, PullCommentState['stage'], RegExp]> = [
    ['rolling', { kind: 'rolling' }, /^🚀 \*\*Rolling out\*\* <code>aaaaaaa<\/code> to production\.$/m],
    ['live', { kind: 'live' }, /^✅ \*\*Live\*\* in production: every tenant serves <code>aaaaaaa<\/code>/m],
    ['superseded', { kind: 'superseded', by: B }, /^⏭️ \*\*Superseded\*\* by <code>bbbbbbb<\/code>: that newer commit of the branch carries this change, and it goes live in production with it\./m],
    ['superseded, head unknown', { kind: 'superseded', by: undefined }, /^⏭️ \*\*Superseded\*\* by a newer commit of the branch, which carries this change/m],
    ['held', { kind: 'held', reason: 'canary tenant-001 is stale' }, /^⛔ \*\*Held\*\*: <code>aaaaaaa<\/code> is not rolled out to production\. canary tenant-001 is stale$/m],
    ['failed', { kind: 'failed', reason: 'tenant x failed' }, /^❌ \*\*Not live\*\*: the deploy of <code>aaaaaaa<\/code> to production failed\. tenant x failed$/m],
    ['cancelled', { kind: 'cancelled', reason: 'cancelled' }, /^⏹️ \*\*Cancelled\*\*/m]
  ]
  it.each(rows)('%s', (_label, stage, line) => {
    const body = pullCommentBody({ ...base, stage })
    expect(body.split('\n')[0]).toBe(commentMarker('production'))
    expect(body).toMatch(line)
    expect(body).toContain('[Run](https://forge/run/1) · [Report on the commit](https://forge/c/a) · <sub>updated 2026-12-07 10:00:00 UTC</sub>')
  })

  it('escapes and bounds outside text: the reason, the environment and phase names', () => {
    const hostile = '<script>alert(1)</script> | **bold** [x](http://evil)\n# heading'
    const body = pullCommentBody({ ...base, environment: `prod ${hostile}`, stage: { kind: 'failed', reason: hostile + 'x'.repeat(5000) }, phases: [{ name: hostile, done: 1, total: 2, ok: 1 }] })
    expect(body).not.toContain('<script>')
    expect(body).not.toContain('](http://evil)')
    expect(body).not.toMatch(/^# heading/m)
    expect(body.length).toBeLessThan(REASON_MAX + 1500)
    // The marker cannot be closed early by the environment.
    expect(commentMarker('a --> b')).toBe('<!-- rollout-guard pr-comment environment=a%20--%3E%20b -->')
  })

  it('shows the first and the latest steps of a long rollout', () => {
    const phases = Array.from({ length: 30 }, (_, i) => ({ name: `wave ${i + 1}`, done: 2, total: 2, ok: 2 }))
    const body = pullCommentBody({ ...base, phases })
    expect(body).toContain('✅ wave 1 2/2 · ✅ wave 2 2/2 · … 18 more · ✅ wave 21 2/2')
    expect(body).toContain('✅ wave 30 2/2')
  })
})

describe('pullStage: how the deploy ended, as the comment says it', () => {
  const outcome = (result: string, over: Partial<Outcome> = {}): Outcome => ({ result, outputs: { 'head-sha': B, reason: 'why' }, ...over })
  const rows: Array<[string, Outcome, ReturnType<typeof pullStage>]> = [
    ['deployed', outcome('deployed'), { kind: 'live' }],
    ['superseded', outcome('skipped-superseded'), { kind: 'superseded', by: B }],
    ['superseded, no head', outcome('skipped-superseded', { outputs: { 'head-sha': '' } }), { kind: 'superseded', by: undefined }],
    ['cancelled', outcome('cancelled', { failure: 'stopped' }), { kind: 'cancelled', reason: 'stopped' }],
    ['failed', outcome('failed', { failure: 'boom' }), { kind: 'failed', reason: 'boom' }],
    [
      'failed canary (restored or held)',
      outcome('failed', {
        record: { reason: 'canary failed', startedAt: new Date(), phases: [], tenants: [], restore: { outcome: 'held', reason: 'r', tenants: [] } } as unknown as Outcome['record']
      }),
      { kind: 'held', reason: 'canary failed' }
    ]
  ]
  it.each(rows)('%s', (_label, o, stage) => expect(pullStage(o)).toEqual(stage))
})

/** An in-memory PullRequestApi with the faults a test asks for. */
class MemoryPulls {
  comments: Array<IssueComment & { pull: number }> = []
  calls: string[] = []
  /** The next create makes the comment, then fails as a lost answer (a 502 after the write). */
  loseNextCreate = false
  /** The next create is refused by GitHub's secondary rate limit (a 403 naming it), nothing made. */
  rateLimitNextCreate = false
  pulls: PullRequestRef[] = [{ number: 9, title: 't', url: undefined }]
  async pullsOfCommit(_sha: string, max: number): Promise<PullRequestRef[]> {
    this.calls.push('pulls')
    return this.pulls.slice(0, max)
  }
  async comments_(pull: number): Promise<IssueComment[]> {
    return this.comments.filter((c) => c.pull === pull)
  }
  async create(pull: number, body: string): Promise<number> {
    this.calls.push('create')
    if (this.rateLimitNextCreate) {
      this.rateLimitNextCreate = false
      throw new HttpStatusError('POST comment', 403, 'You have exceeded a secondary rate limit', undefined, 'secondary')
    }
    const id = this.comments.length + 1
    this.comments.push({ id, pull, body })
    if (this.loseNextCreate) {
      this.loseNextCreate = false
      throw new HttpStatusError('POST comment', 502, '', undefined)
    }
    return id
  }
  async update(id: number, body: string): Promise<void> {
    this.calls.push('update')
    const c = this.comments.find((x) => x.id === id)
    if (!c) throw new HttpStatusError('PATCH comment', 404, '', undefined)
    c.body = body
  }
}

function notes(api: MemoryPulls) {
  const log = { warnings: [] as string[], infos: [] as string[] }
  const adapter = {
    pullsOfCommit: api.pullsOfCommit.bind(api),
    comments: (pull: number) => api.comments_(pull),
    create: api.create.bind(api),
    update: api.update.bind(api)
  } as unknown as PullRequestApi
  const n = new ForgePullNotes(
    adapter,
    { kind: 'github', environment: 'production', sha: A, runUrl: undefined, commitUrl: undefined },
    { warning: (m) => log.warnings.push(m), info: (m) => log.infos.push(m) },
    { now: () => 0, sleep: async () => undefined }
  )
  return { n, log }
}

describe('ForgePullNotes: one comment, never doubled', () => {
  it('a create whose answer was lost is found by a fresh look, not sent twice', async () => {
    const api = new MemoryPulls()
    api.loseNextCreate = true
    const { n, log } = notes(api)
    n.start()
    await n.finish({ kind: 'live' })
    expect(api.comments).toHaveLength(1)
    expect(api.comments[0]!.body).toContain('**Live**')
    expect(api.calls).toEqual(['pulls', 'create', 'update'])
    expect(log.warnings).toEqual([])
  })

  it('a rate-limited create is no missing permission: no advice to add one, comments stay on, the next write makes it', async () => {
    const api = new MemoryPulls()
    api.rateLimitNextCreate = true
    const { n, log } = notes(api)
    n.start()
    // The first write meets the rate limit; the last one (the deploy's end) makes the comment.
    await new Promise((r) => setTimeout(r, 0))
    expect(api.comments).toEqual([])
    await n.finish({ kind: 'live' })
    expect(api.calls).toEqual(['pulls', 'create', 'create'])
    expect(api.comments).toHaveLength(1)
    expect(api.comments[0]!.body).toContain('**Live**')
    expect(log.warnings).toHaveLength(1)
    expect(log.warnings[0]).not.toMatch(/pull-requests: write/)
  })

  it('a comment deleted mid-rollout is created again, once', async () => {
    const api = new MemoryPulls()
    const { n } = notes(api)
    n.start()
    n.progress('canary', 0, 1, 0)
    n.progress('canary', 1, 1, 1)
    await new Promise((r) => setTimeout(r, 0))
    api.comments.length = 0
    await n.finish({ kind: 'live' })
    expect(api.comments).toHaveLength(1)
    expect(api.comments[0]!.body).toContain('✅ canary 1/1')
  })

  it(`asks for at most ${MAX_PULLS} pull requests`, async () => {
    const api = new MemoryPulls()
    api.pulls = Array.from({ length: 9 }, (_, i) => ({ number: i + 1, title: '', url: undefined }))
    const { n } = notes(api)
    n.start()
    await n.finish({ kind: 'live' })
    expect(new Set(api.comments.map((c) => c.pull)).size).toBe(MAX_PULLS)
  })

  it('before start (a run that failed before its first gate read) it writes nothing', async () => {
    const api = new MemoryPulls()
    const { n } = notes(api)
    await n.finish({ kind: 'failed', reason: 'token' })
    expect(api.calls).toEqual([])
  })
})

describe('nextLink', () => {
  it('follows rel="next" on the API origin only', () => {
    expect(nextLink('<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last"', 'https://api.github.com')).toBe('https://api.github.com/x?page=2')
    expect(nextLink('<https://evil.example/x?page=2>; rel="next"', 'https://api.github.com')).toBeUndefined()
    expect(nextLink(undefined, 'https://api.github.com')).toBeUndefined()
  })
})
