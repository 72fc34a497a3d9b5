import { describe, expect, it } from '@jest/globals'
import type { Clock } from '../src/clock.js'
import { DEFAULT_RETRY, HttpStatusError, withRetry } from '../src/http/retry.js'

/** A clock whose sleeps return at once but are recorded, so retry waits cost no time. */
function instantClock(): Clock & { slept: number[] } {
  let now = 0
  const slept: number[] = []
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms)
      now += ms
    }
  }
}

const unavailable = (retryAfterMs?: number): HttpStatusError => new HttpStatusError('control plane', 503, '', retryAfterMs)

describe('withRetry', () => {
  it('honours Retry-After and asks beforeRetry after the wait, before every further attempt', async () => {
    const clock = instantClock()
    const events: string[] = []
    let calls = 0
    const result = await withRetry(
      async (attempt) => {
        events.push(`attempt ${attempt}`)
        calls += 1
        if (calls < 3) throw unavailable(6000)
        return 'ok'
      },
      {
        policy: DEFAULT_RETRY,
        clock,
        beforeRetry: async ({ attempt }) => {
          events.push(`fence ${attempt} after ${clock.now()} ms`)
        }
      }
    )
    expect(result).toBe('ok')
    expect(clock.slept).toEqual([6000, 6000])
    expect(events).toEqual(['attempt 1', 'fence 2 after 6000 ms', 'attempt 2', 'fence 3 after 12000 ms', 'attempt 3'])
  })

  it('a beforeRetry that throws ends the retries with its error, and no attempt follows', async () => {
    const clock = instantClock()
    let attempts = 0
    const fenced = new Error('superseded: a newer commit owns main')
    const error = await withRetry(
      async () => {
        attempts += 1
        throw unavailable(6000)
      },
      { policy: DEFAULT_RETRY, clock, beforeRetry: async () => Promise.reject(fenced) }
    ).catch((e: unknown) => e)
    expect(error).toBe(fenced)
    expect(attempts).toBe(1)
  })

  it('a final answer is not retried and never asks the fence', async () => {
    const clock = instantClock()
    let asked = 0
    const error = await withRetry(
      async () => {
        throw new HttpStatusError('control plane', 409, 'conflict', undefined)
      },
      { policy: DEFAULT_RETRY, clock, beforeRetry: async () => void (asked += 1) }
    ).catch((e: unknown) => e)
    expect((error as HttpStatusError).status).toBe(409)
    expect(asked).toBe(0)
    expect(clock.slept).toEqual([])
  })
})
