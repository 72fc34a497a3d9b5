import * as core from '../log.js'
import { type Clock, formatSeconds } from '../clock.js'

/**
 * Progress while tenants settle: a line each time another tenth of a phase's tenants is judged (and
 * at the end), so ten thousand tenants do not flood the log and ten still show every step.
 */
export function progressReporter(clock: Clock): (phase: string, done: number, total: number, ok: number) => void {
  const state = new Map<string, { tenth: number; startedAt: number }>()
  return (phase, done, total, ok) => {
    let s = state.get(phase)
    if (!s || done === 0) {
      s = { tenth: 0, startedAt: clock.now() }
      state.set(phase, s)
    }
    const tenth = Math.floor((done * 10) / Math.max(1, total))
    if (tenth > s.tenth || done === total) {
      s.tenth = tenth
      core.info(`[${phase}] ${ok} of ${total} on target or ahead, ${done - ok} failed, ${total - done} settling (${formatSeconds(clock.now() - s.startedAt)})`)
    }
  }
}
