import { describe, expect, it } from '@jest/globals'
import { CAMPAIGNS } from '../simulator/explore/campaigns.js'
import { explore, replay } from '../simulator/explore/explorer.js'
import { RECORD_WINDOWS, type RecordWindow } from '../simulator/explore/record-windows.js'

/**
 * The record windows of the positive-evidence review, found by `npm run explore` on the code before
 * their fixes (simulator/explore/record-windows.ts, docs/exploration.md). While a window is open its
 * schedule replays, move for move, to its violation; once its fix is in (`closed: true`), the whole bound
 * that held it explores clean, and the schedule either plays through without a violation or breaks off
 * where the fixed code moves differently, so a fix that takes another path is still judged.
 */

const windows = Object.entries(RECORD_WINDOWS) as [string, RecordWindow][]

/** Whether the window's campaign explores the very scenario the window names (its bound is checked below). */
function coveredByCampaign(w: RecordWindow): boolean {
  const c = CAMPAIGNS.find((x) => x.name === w.campaign)
  return c !== undefined && JSON.stringify(c.scenario) === JSON.stringify(w.scenario)
}

describe('the record windows, each replayed from the schedule a campaign found', () => {
  it.each(windows)('%s', async (_name, w) => {
    const moves = w.schedule.split(';')
    if (!w.closed) {
      const r = await replay(w.scenario, w.bound, w.schedule)
      expect(r.played.slice(0, moves.length)).toEqual(moves)
      expect(r.violations.map((v) => v.invariant)).toEqual([w.invariant])
      return
    }
    // A closed window whose campaign explores the same world within a bound that holds its own (the test
    // below) is explored there, by `npm run explore` in CI: exploring it again here only costs time.
    if (!coveredByCampaign(w)) {
      const clean = await explore(w.scenario, w.bound)
      expect(clean.violations).toEqual([])
      expect(clean.complete).toBe(true)
      expect(clean.cutAtSteps).toBe(0)
    }
    const played = await replay(w.scenario, w.bound, w.schedule).catch((error: Error) => error)
    if (!(played instanceof Error)) expect(played.violations).toEqual([])
    else expect(played.message).toMatch(/^replay: step \d+ expects /)
  })

  it('every window names a campaign of `npm run explore` whose bound holds its own', () => {
    for (const [name, w] of windows) {
      const c = CAMPAIGNS.find((x) => x.name === w.campaign)
      expect([name, c?.name]).toEqual([name, w.campaign])
      // The window's bound is within the campaign's: what the test replays, the campaign explores.
      expect(w.bound.maxFaults).toBeLessThanOrEqual(c!.bound.maxFaults)
      expect(w.bound.maxCancels).toBeLessThanOrEqual(c!.bound.maxCancels)
      expect(w.bound.maxPreemptions).toBeLessThanOrEqual(c!.bound.maxPreemptions)
      for (const [kind, answers] of Object.entries(w.bound.faults))
        for (const a of answers ?? []) expect([name, kind, c!.bound.faults[kind as keyof typeof w.bound.faults]?.includes(a)]).toEqual([name, kind, true])
    }
  })
})
