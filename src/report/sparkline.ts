/**
 * A sparkline of block characters (`▁▂▃▅█`), for a summary that cannot draw: one character a sample,
 * scaled from 0 to `top` so a canary line and its baseline line, drawn to the same top, compare by eye.
 * A missing value is a space. Pure and Markdown-safe (only these characters).
 */
const BARS = '▁▂▃▄▅▆▇█'

/** The largest finite value, or 0: folded, so no array is spread into a call's arguments. */
export function highest(values: ReadonlyArray<number | null>): number {
  return values.reduce<number>((most, v) => (v !== null && Number.isFinite(v) ? Math.max(most, v) : most), 0)
}

export function sparkline(values: ReadonlyArray<number | null>, top = highest(values)): string {
  return values
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return ' '
      if (top <= 0 || v <= 0) return BARS[0]
      const i = Math.round((Math.min(v, top) / top) * (BARS.length - 1))
      return BARS[i]
    })
    .join('')
}
