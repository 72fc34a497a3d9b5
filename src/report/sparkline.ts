/**
 * A sparkline of block characters (`▁▂▃▅█`), for a summary that cannot draw: one character a sample,
 * scaled from 0 to `top` so a canary line and its baseline line, drawn to the same top, compare by eye.
 * A missing value is a space. Pure and Markdown-safe (only these characters).
 */
const BARS = '▁▂▃▄▅▆▇█'

export function sparkline(values: ReadonlyArray<number | null>, top = Math.max(0, ...values.filter((v): v is number => v !== null))): string {
  return values
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return ' '
      if (top <= 0 || v <= 0) return BARS[0]
      const i = Math.round((Math.min(v, top) / top) * (BARS.length - 1))
      return BARS[i]
    })
    .join('')
}
