import { describe, expect, it } from '@jest/globals'
import { ageOf, lastSignOfLife, type Liveness, livenessOf, type TimedRecord } from '../src/record/liveness.js'

/**
 * Liveness on the forge's clock (record/liveness.ts, docs/deploy-records.md "Liveness"): one row per
 * kind of record and per clock its time is on. Times are the forge's; `at` a stamp's heartbeat in
 * seconds, `clock: 'forge'` when the writer took it from the forge's Date.
 */
const NOW = Date.parse('2026-12-01T12:00:00Z')
const MIN = 60_000
const TIMEOUT = 15 * MIN
const ago = (minutes: number): number => NOW - minutes * MIN
const secs = (ms: number): number => Math.floor(ms / 1000)

type Row = [string, TimedRecord, Date | undefined, number | undefined, Liveness]

const rows: Row[] = [
  // Statuses: every write is a new status, so the forge's created_at of the latest one is the last write.
  ['a status written 3 min ago', { kind: 'status', stamp: {}, since: new Date(ago(3)) }, new Date(NOW), 3 * MIN, 'live'],
  ['a status written 16 min ago', { kind: 'status', stamp: {}, since: new Date(ago(16)) }, new Date(NOW), 16 * MIN, 'presumed-dead'],
  ['a status written exactly a timeout ago', { kind: 'status', stamp: {}, since: new Date(ago(15)) }, new Date(NOW), 15 * MIN, 'presumed-dead'],
  [
    'a status 16 min old whose stamp says a runner 16 min ahead wrote it just now: the forge time wins',
    { kind: 'status', stamp: { at: secs(NOW) }, since: new Date(ago(16)) },
    new Date(NOW),
    16 * MIN,
    'presumed-dead'
  ],
  ['a status written now whose runner was 16 min behind: live', { kind: 'status', stamp: { at: secs(ago(16)) }, since: new Date(NOW) }, new Date(NOW), 0, 'live'],
  ['a status without created_at: not known', { kind: 'status', stamp: {}, since: undefined }, new Date(NOW), undefined, 'not-known'],
  ['a status without created_at but a forge-clock heartbeat', { kind: 'status', stamp: { at: secs(ago(2)), clock: 'forge' } }, new Date(NOW), 2 * MIN, 'live'],
  // Check runs: no update time on the forge, so the heartbeat the writer took from the forge's Date.
  ['a check run with a forge-clock heartbeat 4 min ago, started 10 h ago', { kind: 'check', stamp: { at: secs(ago(4)), clock: 'forge' }, since: new Date(ago(600)) }, new Date(NOW), 4 * MIN, 'live'],
  ['a check run whose forge-clock heartbeat stopped 20 min ago', { kind: 'check', stamp: { at: secs(ago(20)), clock: 'forge' }, since: new Date(ago(600)) }, new Date(NOW), 20 * MIN, 'presumed-dead'],
  ['a check run never refreshed (no heartbeat): its started_at, 5 min ago', { kind: 'check', stamp: {}, since: new Date(ago(5)) }, new Date(NOW), 5 * MIN, 'live'],
  ['a check run never refreshed, started 2 h ago', { kind: 'check', stamp: {}, since: new Date(ago(120)) }, new Date(NOW), 120 * MIN, 'presumed-dead'],
  [
    "a check run whose heartbeat is on a runner's clock (16 min behind): not known, never dead",
    { kind: 'check', stamp: { at: secs(ago(16)) }, since: new Date(ago(60)) },
    new Date(NOW),
    undefined,
    'not-known'
  ],
  ['a check run with neither a heartbeat nor started_at', { kind: 'check', stamp: {} }, new Date(NOW), undefined, 'not-known'],
  // The reader's now: only the forge's.
  ['the forge did not say its time now', { kind: 'status', stamp: {}, since: new Date(ago(600)) }, undefined, undefined, 'not-known'],
  ['an unreadable now', { kind: 'status', stamp: {}, since: new Date(ago(600)) }, new Date(Number.NaN), undefined, 'not-known'],
  // Whole seconds: a record a fraction of a second "ahead" of a now that lags the forge is 0 old, not less.
  ["a record stamped in the second after the reader's now (Date cut to the second)", { kind: 'check', stamp: { at: secs(NOW) + 1, clock: 'forge' } }, new Date(NOW), 0, 'live']
]

describe('liveness on the forge clock: the table', () => {
  it.each(rows)('%s', (_case, record, now, age, liveness) => {
    expect(ageOf(record, now)).toBe(age)
    expect(livenessOf(record, now, TIMEOUT)).toBe(liveness)
  })

  it('the last sign of life of each kind', () => {
    expect(lastSignOfLife({ kind: 'status', stamp: { at: 1, clock: 'forge' }, since: new Date(ago(1)) })).toBe(ago(1))
    expect(lastSignOfLife({ kind: 'check', stamp: { at: 1_764_590_400, clock: 'forge' }, since: new Date(ago(1)) })).toBe(1_764_590_400_000)
    expect(lastSignOfLife({ kind: 'check', stamp: { at: 1_764_590_400 }, since: new Date(ago(1)) })).toBeUndefined()
    // A record whose kind the reader did not note reads as a check run (stamp first).
    expect(lastSignOfLife({ stamp: {}, since: new Date(ago(1)) })).toBe(ago(1))
  })
})
