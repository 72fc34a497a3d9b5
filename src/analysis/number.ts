import { excerpt } from '../redact.js'
import type { Reading } from './types.js'

/**
 * A metric value from an outside answer: a finite number, or a numeric string (Prometheus sends
 * strings). `NaN` (a rate over no traffic, 0/0) and infinities cannot be judged: inconclusive.
 */
export function readNumber(raw: unknown, where: string): Reading {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(raw) ? Number(raw) : undefined
  if (n !== undefined && Number.isFinite(n)) return { value: n }
  if (raw === 'NaN' || (typeof raw === 'number' && Number.isNaN(raw))) return { problem: `${where} is NaN (no traffic to measure?)` }
  const shown = typeof raw === 'string' ? JSON.stringify(excerpt(raw, 40, { oneLine: true })) : raw === undefined ? 'missing' : `a ${Array.isArray(raw) ? 'list' : raw === null ? 'null' : typeof raw}`
  return { problem: `${where} is not a finite number (${shown})` }
}
