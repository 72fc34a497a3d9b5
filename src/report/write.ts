import { mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { redact } from '../redact.js'
import type { RunReport } from './model.js'

/**
 * Writes the report under RUNNER_TEMP (the runner removes it after the job; upload it as an artifact
 * to keep it) and returns the path. Secrets are redacted from the serialised text, because a later
 * step may publish the file.
 */
export async function writeReport(report: RunReport, dir = process.env.RUNNER_TEMP || tmpdir()): Promise<string> {
  await mkdir(dir, { recursive: true })
  const stamp = report.finishedAt.replace(/[^0-9]/g, '').slice(0, 17)
  const path = join(dir, `rollout-guard-${report.mode}-${report.run.id ?? 'local'}-${stamp}-${process.pid}.json`)
  await writeFile(path, `${redact(JSON.stringify(report, null, 2))}\n`, { encoding: 'utf8', mode: 0o600 })
  return path
}
