import { describe, expect, it } from '@jest/globals'
import { ForgeClock, latestForgeTime } from '../src/forge/forge-clock.js'

/** The forge's clock from the Date of its answers (src/forge/forge-clock.ts), carried forward on the runner's monotonic clock. */
describe('ForgeClock', () => {
  const monotonic = {
    t: 1_000,
    now(): number {
      return this.t
    }
  }
  const fresh = (): ForgeClock => {
    monotonic.t = 1_000
    return new ForgeClock(monotonic)
  }

  it('knows no time before an answer said one; a missing or unreadable Date teaches nothing', () => {
    const c = fresh()
    expect(c.now()).toBeUndefined()
    c.heard(undefined)
    c.heard('')
    c.heard('yesterday-ish')
    expect(c.now()).toBeUndefined()
  })

  it("takes the Date's whole seconds and moves on with the monotonic clock, whatever the runner's wall clock says", () => {
    const c = fresh()
    c.heard('Tue, 01 Dec 2026 12:00:00 GMT')
    expect(c.now()).toBe(Date.parse('2026-12-01T12:00:00Z'))
    monotonic.t += 90_000
    expect(new Date(c.now()!).toISOString()).toBe('2026-12-01T12:01:30.000Z')
  })

  it('keeps the latest lower bound: an older Date (a slow or cached answer) never moves it back', () => {
    const c = fresh()
    c.heard('Tue, 01 Dec 2026 12:00:05 GMT')
    monotonic.t += 1_000
    c.heard('Tue, 01 Dec 2026 12:00:02 GMT')
    expect(new Date(c.now()!).toISOString()).toBe('2026-12-01T12:00:06.000Z')
    // A later answer that shows the forge further on moves it forward.
    c.heard('Tue, 01 Dec 2026 12:00:09 GMT')
    expect(new Date(c.now()!).toISOString()).toBe('2026-12-01T12:00:09.000Z')
  })

  it('the latest of several clients (each a lower bound); none known, none', () => {
    expect(latestForgeTime(undefined, undefined)).toBeUndefined()
    expect(latestForgeTime(5, undefined, 7)).toBe(7)
    expect(latestForgeTime(undefined, 3)).toBe(3)
  })
})
