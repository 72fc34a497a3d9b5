import type { Shard } from '../settings/shard.js'

/** The tenants of one shard, and the sentence the log, summary and report use for it. */
export interface ShardView {
  tenants: string[]
  /** `shard 2 of 4: 15 of 60 tenants` */
  label: string
}

const UTF8 = new TextEncoder()
/**
 * FNV-1a (32-bit) over the name's UTF-8 bytes: a tenant's shard depends on its name alone, never on the
 * order of the list or on the Node version, so every matrix job agrees on who owns whom.
 */
export function fnv1a(name: string): number {
  let hash = 0x811c9dc5
  for (const byte of UTF8.encode(name)) {
    hash ^= byte
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash >>> 0
}

/** 1-based shard of `name` among `count`. */
export function shardOf(name: string, count: number): number {
  return (fnv1a(name) % count) + 1
}

/** Keeps the fleet's order; without a shard, the whole fleet. */
export function applyShard(fleet: readonly string[], shard: Shard | undefined): ShardView {
  if (!shard) return { tenants: [...fleet], label: '' }
  const tenants = fleet.filter((t) => shardOf(t, shard.count) === shard.index)
  return { tenants, label: `shard ${shard.index} of ${shard.count}: ${tenants.length} of ${fleet.length} tenants` }
}
