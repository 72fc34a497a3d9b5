import { InputError } from '../errors.js'

/** `shard: i/n`: this job handles shard `index` (1-based) of `count`. */
export interface Shard {
  index: number
  count: number
}

const SHARD = /^(\d{1,4})\s*\/\s*(\d{1,4})$/

/** Parses `i/n` with 1 ≤ i ≤ n; empty means no sharding. */
export function parseShard(raw: string): Shard | undefined {
  const text = raw.trim()
  if (!text) return undefined
  const m = SHARD.exec(text)
  const index = m ? Number(m[1]) : Number.NaN
  const count = m ? Number(m[2]) : Number.NaN
  if (!m || index < 1 || count < 1 || index > count) {
    throw new InputError('shard', raw, '`i/n` with whole numbers 1 ≤ i ≤ n, e.g. `2/4` (from a matrix: `${{ matrix.shard }}/4`)')
  }
  return { index, count }
}
