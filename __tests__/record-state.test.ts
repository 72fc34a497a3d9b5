import { describe, expect, it } from '@jest/globals'
import { formatStamp, parseStamp, type RunEnding, type RunStamp } from '../src/record/stamp.js'
import { endOfRun } from '../src/record/end.js'
import type { RolloutStop } from '../src/record/end.js'
import { decideDeployState, type DeployRecord } from '../src/record/state.js'
import type { ReportTenant } from '../src/report/model.js'

/** The decision over the head's deploy records: every row of the deploy records table (docs/deploy-records.md), and the run ordering. */
const SHA = 'b'.repeat(40)
const NOW = new Date('2026-12-01T12:00:00Z')
const MIN = 60_000
const opts = { now: NOW, timeoutMs: 360 * MIN, sha: SHA, name: 'rollout-guard/production' }

function rec(runId: string, attempt: number, end: RunEnding, minutesAgo = 5, mode = 'deploy'): DeployRecord {
  return { stamp: { mode, runId, attempt, end }, since: new Date(NOW.getTime() - minutesAgo * MIN), text: `${end} text`, url: `https://forge/runs/${runId}` }
}

describe('decideDeployState: the table', () => {
  it('in progress, started less than deploy-timeout-minutes ago: deferred, naming the run and since when', () => {
    const d = decideDeployState([rec('40', 1, 'running', 12)], opts)
    expect(d.action).toBe('deferred')
    expect(d.reason).toBe(`The deploy of bbbbbbb in run 40 (attempt 1) is in progress (last heartbeat 2026-12-01T11:48:00.000Z, 12 min ago); reconcile defers to it and redeploys nothing.`)
  })

  it('in progress for longer than that: presumed dead, proceeds', () => {
    const d = decideDeployState([rec('40', 1, 'running', 24 * 60)], opts)
    expect(d.action).toBe('presumed-dead')
    expect(d.reason).toMatch(/in progress \(last heartbeat 2026-11-30T12:00:00\.000Z, 24 h 0 min ago\), longer than deploy-timeout-minutes \(6 h 0 min\) without a heartbeat; presumed dead/)
    expect(decideDeployState([rec('40', 1, 'running', 359)], opts).action).toBe('deferred')
    expect(decideDeployState([rec('40', 1, 'running', 360)], opts).action).toBe('presumed-dead')
  })

  it('in progress with no start time from the forge: deferred (never presumed dead on a guess)', () => {
    expect(decideDeployState([{ stamp: { mode: 'deploy', runId: '1', attempt: 1, end: 'running' } }], opts).action).toBe('deferred')
  })

  it.each<[RunEnding, string]>([
    ['canary-failed', 'its canary failed'],
    ['halted', 'it halted past max-failures']
  ])('the deploy rejected the commit (%s): held, naming the run, the reason and what lifts it', (end, why) => {
    const d = decideDeployState([rec('40', 1, 'running'), rec('40', 1, end)], opts)
    expect(d.action).toBe('held')
    expect(d.reason).toContain(`in run 40 (attempt 1) rejected it: ${why} (${end} text)`)
    expect(d.reason).toMatch(/successful re-run of the job that rejected it, .* newer commit .* `force: true` lifts the hold; a re-run of another job does not\.$/)
    expect(d.record?.url).toBe('https://forge/runs/40')
  })

  it.each<RunEnding>(['deployed', 'superseded', 'cancelled', 'failed-tenants', 'failed'])('any other end (%s): proceeds', (end) => {
    const d = decideDeployState([rec('40', 1, 'running'), rec('40', 1, end)], opts)
    expect(d).toMatchObject({ action: 'proceed', end })
  })

  it('no record, or records of other modes only: proceeds and says it found no record', () => {
    for (const records of [[], [rec('40', 1, 'canary-failed', 5, 'verify'), rec('41', 1, 'running', 5, 'reconcile')]]) {
      const d = decideDeployState(records, opts)
      expect(d.action).toBe('proceed')
      expect(d.reason).toMatch(/^No deploy record named 'rollout-guard\/production' on bbbbbbb/)
    }
  })
})

describe('decideDeployState: the newest run attempt decides, not the latest write', () => {
  it('a late failure from an older attempt cannot re-hold what a newer attempt deployed', () => {
    const records = [rec('40', 2, 'running', 30), rec('40', 2, 'deployed', 20), rec('40', 1, 'canary-failed', 1)]
    expect(decideDeployState(records, opts).action).toBe('proceed')
  })

  it('a successful re-run lifts the hold at once; a failed re-run holds again', () => {
    expect(decideDeployState([rec('40', 1, 'canary-failed', 60), rec('40', 2, 'deployed', 1)], opts).action).toBe('proceed')
    expect(decideDeployState([rec('40', 1, 'deployed', 60), rec('40', 2, 'halted', 1)], opts).action).toBe('held')
  })

  it('a re-run in progress after a failure defers to the re-run', () => {
    expect(decideDeployState([rec('40', 1, 'canary-failed', 60), rec('40', 2, 'running', 1)], opts).action).toBe('deferred')
  })

  it('a newer run beats an older one, by number and not by text (run 10 is newer than run 9)', () => {
    expect(decideDeployState([rec('10', 1, 'deployed'), rec('9', 3, 'canary-failed')], opts).action).toBe('proceed')
    expect(decideDeployState([rec('9', 3, 'deployed'), rec('10', 1, 'canary-failed')], opts).action).toBe('held')
    expect(decideDeployState([rec('9007199254740993', 1, 'deployed'), rec('9007199254740992', 1, 'canary-failed')], opts).action).toBe('proceed')
  })

  it('within one attempt an end beats its own earlier `running`', () => {
    expect(decideDeployState([rec('40', 1, 'canary-failed', 5), rec('40', 1, 'running', 10)], opts).action).toBe('held')
    // Statuses carry the forge's time in whole seconds: `running` and the end can tie.
    expect(decideDeployState([rec('40', 1, 'running', 5), rec('40', 1, 'deployed', 5)], opts).action).toBe('proceed')
    expect(decideDeployState([rec('40', 1, 'deployed', 5), rec('40', 1, 'running', 5)], opts).action).toBe('proceed')
  })

  it('re-runs a runner did not number (one stamp, several ends): the latest start decides, a rejection wins a tie', () => {
    expect(decideDeployState([rec('40', 1, 'canary-failed', 60), rec('40', 1, 'deployed', 5)], opts).action).toBe('proceed')
    expect(decideDeployState([rec('40', 1, 'deployed', 60), rec('40', 1, 'halted', 5)], opts).action).toBe('held')
    expect(decideDeployState([rec('40', 1, 'failed', 5), rec('40', 1, 'halted', 5)], opts).action).toBe('held')
    expect(decideDeployState([rec('40', 1, 'halted', 5), rec('40', 1, 'failed', 5)], opts).action).toBe('held')
    // A re-run in progress after the failure defers, even with the same stamp.
    expect(decideDeployState([rec('40', 1, 'canary-failed', 60), rec('40', 1, 'running', 1)], opts).action).toBe('deferred')
  })
})

describe('the stamp a run leaves on its record', () => {
  it('round-trips, inside a longer description too, and refuses what it did not write', () => {
    const s: RunStamp = { mode: 'deploy', runId: '123456789012', attempt: 2, end: 'canary-failed' }
    expect(formatStamp(s)).toBe('rollout-guard deploy 123456789012.2 canary-failed')
    expect(parseStamp(`The canary failed (t1 stale) [${formatStamp(s)}]`)).toEqual(s)
    expect(parseStamp('rollout-guard deploy 12.1 exploded')).toBeUndefined()
    expect(parseStamp('deployed by another tool')).toBeUndefined()
    expect(parseStamp(null)).toBeUndefined()
  })
})

describe('endOfRun', () => {
  const t = (tenant: string, ok: boolean, action: ReportTenant['action'] = 'redeployed'): Pick<ReportTenant, 'tenant' | 'ok' | 'verdict' | 'action'> => ({
    tenant,
    ok,
    action,
    verdict: action === 'not-started' ? 'not-started' : ok ? 'on-target' : 'stale'
  })
  const phase = (name: string, outcome: string) => ({ name, outcome, startedAt: '', endedAt: '', durationSeconds: 0, detail: null })
  const end = (result: string, phases: ReturnType<typeof phase>[], tenants: ReturnType<typeof t>[], stop?: RolloutStop['at']) =>
    endOfRun({ result, phases, tenants: tenants as ReportTenant[], stop: stop && { at: stop, maxFailures: 0 } })

  it('names how a deploy ended, from where its rollout stopped (record/end.ts has a row per case)', () => {
    expect(end('deployed', [], [])).toBe('deployed')
    expect(end('skipped-superseded', [], [])).toBe('superseded')
    expect(end('cancelled', [], [])).toBe('cancelled')
    expect(end('failed', [phase('canary', 'failed')], [t('c', false), t('w', false, 'not-started')], 'canary')).toBe('canary-failed')
    expect(end('failed', [phase('canary', 'ok'), phase('canary re-verify', 'failed')], [t('c', false)], 'canary')).toBe('canary-failed')
    expect(end('failed', [phase('canary', 'ok'), phase('wave 1', 'failed')], [t('c', true), t('w1', false), t('w2', false, 'not-started')], 'max-failures')).toBe('halted')
    // The same shape stopped by an outage, not by max-failures: nobody rejected the commit.
    expect(end('failed', [phase('canary', 'ok'), phase('wave 1', 'failed')], [t('c', true), t('w1', false), t('w2', false, 'not-started')], 'outage')).toBe('failed')
    expect(end('failed', [phase('wave 1', 'failed'), phase('wave 2', 'ok')], [t('w1', false), t('w2', true)])).toBe('failed-tenants')
    expect(end('failed', [], [])).toBe('failed')
  })
})

describe('a run whose jobs are shards of a matrix', () => {
  const part = (p: string | undefined, end: RunEnding, minutesAgo: number): DeployRecord => {
    const r = rec('70', 1, end, minutesAgo)
    return p ? { ...r, stamp: { ...r.stamp, part: p } } : r
  }

  it('each shard stamps its record, and the stamp reads back with its shard', () => {
    const s: RunStamp = { mode: 'deploy', runId: '70', attempt: 1, end: 'deployed', part: '2/4' }
    expect(formatStamp(s)).toBe('rollout-guard deploy 70.1 deployed shard 2/4')
    expect(parseStamp(`Every tenant verified [${formatStamp(s)}]`)).toEqual(s)
    expect(parseStamp('rollout-guard deploy 70.1 deployed')).toEqual({ mode: 'deploy', runId: '70', attempt: 1, end: 'deployed' })
  })

  it('a shard still running defers, though another shard of the attempt finished after it started', () => {
    const d = decideDeployState([part('1/2', 'running', 10), part('2/2', 'running', 9), part('2/2', 'deployed', 1)], opts)
    expect(d.action).toBe('deferred')
    expect(d.reason).toMatch(/run 70 \(attempt 1\) \(shard 1\/2\) is in progress/)
  })

  it("the canary job's rejection holds, though a shard record of the same attempt came later", () => {
    const d = decideDeployState([part(undefined, 'canary-failed', 20), part('1/2', 'deployed', 2), part('2/2', 'deployed', 1)], opts)
    expect(d.action).toBe('held')
  })

  it('every shard ended well: proceeds', () => {
    expect(decideDeployState([part('1/2', 'running', 10), part('1/2', 'deployed', 3), part('2/2', 'deployed', 2)], opts).action).toBe('proceed')
  })
})

describe('a hold is per job: the newest attempt of each job, within the newest run', () => {
  const job = (index: number, attempt: number, end: RunEnding, minutesAgo = 5, runId = '80', count = 2): DeployRecord => {
    const r = rec(runId, attempt, end, minutesAgo)
    return { ...r, stamp: { ...r.stamp, part: `${index}/${count}` } }
  }

  it('a re-run of shard 2 (attempt 2, green) does not lift the hold shard 1 put on the commit', () => {
    const d = decideDeployState([job(1, 1, 'halted', 60), job(2, 1, 'failed-tenants', 60), job(2, 2, 'deployed', 1)], opts)
    expect(d.action).toBe('held')
    expect(d.reason).toContain('in run 80 (attempt 1) (shard 1/2) rejected it: it halted past max-failures')
  })

  it('a successful re-run of shard 1 itself lifts it', () => {
    expect(decideDeployState([job(1, 1, 'halted', 60), job(2, 1, 'deployed', 60), job(1, 2, 'deployed', 1)], opts).action).toBe('proceed')
  })

  it('a whole new deploy of the commit (a newer run) replaces the old one, shard count and all', () => {
    const old = [job(1, 1, 'halted', 90), job(2, 1, 'deployed', 90), job(3, 1, 'halted', 90, '80', 3)]
    expect(decideDeployState([...old, job(1, 1, 'deployed', 2, '81'), job(2, 1, 'deployed', 1, '81')], opts).action).toBe('proceed')
    expect(decideDeployState([...old, job(1, 1, 'deployed', 2, '81'), job(2, 1, 'canary-failed', 1, '81')], opts).action).toBe('held')
  })

  it('an older attempt of a job never overrides a newer one, whatever the order of writes', () => {
    expect(decideDeployState([job(1, 2, 'deployed', 30), job(1, 1, 'halted', 1), job(2, 1, 'deployed', 30)], opts).action).toBe('proceed')
  })
})

describe('liveness is a heartbeat, and a missing shard is waited for', () => {
  const beat = (minutesAgo: number, startedMinutesAgo: number): DeployRecord => {
    const r = rec('90', 1, 'running', startedMinutesAgo)
    return { ...r, kind: 'check', stamp: { ...r.stamp, at: Math.floor((NOW.getTime() - minutesAgo * MIN) / 1000), clock: 'forge' } }
  }

  it('a deploy running for 10 h with a heartbeat 4 min ago is live, whatever deploy-timeout-minutes says of its start', () => {
    const d = decideDeployState([beat(4, 600)], opts)
    expect(d.action).toBe('deferred')
    expect(d.reason).toContain('(last heartbeat 2026-12-01T11:56:00.000Z, 4 min ago)')
  })

  it('one whose heartbeat stopped a timeout ago is presumed dead', () => {
    expect(decideDeployState([beat(360, 600)], opts).action).toBe('presumed-dead')
    expect(decideDeployState([beat(359, 600)], opts).action).toBe('deferred')
  })

  it("a heartbeat on a runner's clock, or a reader the forge did not tell its time, is never presumed dead", () => {
    const r = beat(600, 600)
    const onRunnerClock: DeployRecord = { ...r, stamp: { ...r.stamp, clock: undefined } }
    expect(decideDeployState([onRunnerClock], opts)).toMatchObject({ action: 'deferred', reason: expect.stringContaining('since a time the forge did not give') })
    expect(decideDeployState([r], { ...opts, now: undefined })).toMatchObject({
      action: 'deferred',
      reason: expect.stringContaining('(last heartbeat 2026-12-01T02:00:00.000Z; the forge did not say its time now)')
    })
  })

  const shard = (index: number, count: number, end: RunEnding, minutesAgo: number): DeployRecord => {
    const r = rec('95', 1, end, minutesAgo)
    return { ...r, stamp: { ...r.stamp, part: `${index}/${count}` } }
  }

  it('a shard with no record while its siblings are recent: deferred (queued), naming it', () => {
    const d = decideDeployState([shard(1, 3, 'deployed', 2), shard(3, 3, 'deployed', 1)], opts)
    expect(d.action).toBe('deferred')
    expect(d.reason).toContain('has 3 shards and shard(s) 2/3 have not reported yet')
  })

  it('a shard that never reported, all siblings older than the timeout: presumed dead, reconciling', () => {
    const d = decideDeployState([shard(1, 3, 'deployed', 400), shard(3, 3, 'deployed', 400)], opts)
    expect(d.action).toBe('presumed-dead')
    expect(d.reason).toContain('shard(s) 2/3 never reported')
  })

  it('a missing shard never hides a rejection by another', () => {
    expect(decideDeployState([shard(1, 3, 'canary-failed', 2)], opts).action).toBe('held')
  })
})

describe('the stamp is extensible', () => {
  it("carries the heartbeat and reconcile's verdict, and ignores keys it does not know", () => {
    const s: RunStamp = { mode: 'deploy', runId: '70', attempt: 1, end: 'running', part: '2/4', at: 1764921600 }
    expect(formatStamp(s)).toBe('rollout-guard deploy 70.1 running shard 2/4 at 1764921600')
    // The heartbeat on the forge's clock says so; a reader that does not know the key still reads `at`.
    expect(formatStamp({ ...s, clock: 'forge' })).toBe('rollout-guard deploy 70.1 running shard 2/4 at 1764921600 clock forge')
    expect(parseStamp(`Running [${formatStamp({ ...s, clock: 'forge' })}]`)).toEqual({ ...s, clock: 'forge' })
    expect(parseStamp('rollout-guard deploy 70.1 running at 1764921600 clock runner')).toEqual({ mode: 'deploy', runId: '70', attempt: 1, end: 'running', at: 1764921600 })
    expect(parseStamp(`Running [${formatStamp(s)}]`)).toEqual(s)
    expect(parseStamp('x [rollout-guard deploy 70.1 running shard 2/4 restore abc1234 at 1764921600]')).toEqual(s)
    expect(parseStamp('rollout-guard reconcile 5.1 failed at 1 verdict held')).toMatchObject({ mode: 'reconcile', verdict: 'held', at: 1 })
  })
})
