import type { CheckAnnotation, CheckRunUpdate, Forge } from '../../forge/types.js'
import { cutMarkdown, escapeMarkdown, plainText } from '../escape.js'
import { checkWarning, troubleOf } from './problems.js'
import type { RunEnd } from './types.js'

/** GitHub's limits for one check run request: `output.summary` and `text` in UTF-8 bytes, not characters. */
export const CHECK_SUMMARY_MAX = 65_535
export const ANNOTATIONS_PER_REQUEST = 50
/** Beyond this many failing tenants the table in the summary says it all; each batch resends the summary. */
export const MAX_ANNOTATIONS = 500

export interface CheckEnd {
  sha: string
  name: string
  /** The check run created at the start, if it was. */
  checkId: number | undefined
  runUrl: string | undefined
  annotationPath: string
  externalId: string | undefined
  warn(message: string): void
  info(message: string): void
}

/**
 * Completes the check run (creating it when the start never could) with the summary, then sends the
 * annotations in batches. Returns the check's id. Throws what the completion itself met, for the caller
 * to try again or fall back; a lost annotation batch is only a warning.
 */
export async function completeCheck(forge: Forge, c: CheckEnd, end: RunEnd): Promise<number> {
  const { report } = end
  const checks = forge.checks!
  const title = plainText(report.conclusion === 'neutral' ? report.reason : `${report.result}: ${report.reason}`, 255)
  const summary = cutMarkdown(
    end.markdown,
    CHECK_SUMMARY_MAX,
    (kept, total) =>
      `_Summary cut to ${kept} of ${total} lines: GitHub keeps at most ${CHECK_SUMMARY_MAX.toLocaleString('en')} bytes in a check. The whole summary is on the run page, and every tenant is in the JSON report._`,
    (s) => Buffer.byteLength(s)
  )
  const annotations: CheckAnnotation[] = end.failures
    .slice(0, MAX_ANNOTATIONS)
    .map((f) => ({ path: c.annotationPath, level: 'failure', title: plainText(f.title, 255), message: plainText(f.message, 4000) }))
  const batches: CheckAnnotation[][] = []
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST))
  const first: CheckRunUpdate = { status: 'completed', conclusion: report.conclusion, title, summary, annotations: batches[0], detailsUrl: c.runUrl, externalId: c.externalId }
  let id = c.checkId
  try {
    if (id === undefined) id = await checks.create(c.sha, c.name, first)
    else await checks.update(id, first)
  } catch (error) {
    // A check left in progress blocks merges where it is required: whatever the refusal (422 for its
    // size, a body the forge will not take), complete it with a short text. Permissions and outages
    // are the caller's to handle (a status, or another try).
    if (troubleOf(error) !== 'refused') throw error
    c.warn(`${checkWarning(c.name, error, 'completed with the full summary', false)} It is completed with a short summary instead.`)
    const short: CheckRunUpdate = { status: 'completed', conclusion: report.conclusion, title, summary: shortSummary(end), detailsUrl: c.runUrl, externalId: c.externalId }
    if (id === undefined) id = await checks.create(c.sha, c.name, short)
    else await checks.update(id, short)
    return id
  }
  for (let i = 1; i < batches.length; i++) {
    try {
      await checks.update(id, { title, summary, annotations: batches[i] })
    } catch (error) {
      const unsent = annotations.length - i * ANNOTATIONS_PER_REQUEST
      c.warn(`${checkWarning(c.name, error, 'given its annotations', false)} ${unsent} annotation(s) were not sent.`)
      return id
    }
  }
  if (end.failures.length > MAX_ANNOTATIONS) c.info(`${end.failures.length - MAX_ANNOTATIONS} failing tenant(s) beyond the first ${MAX_ANNOTATIONS} have no annotation; the summary lists them.`)
  return id
}

/** A few hundred bytes at most: the outcome, the reason, and where the rest is. */
function shortSummary(end: RunEnd): string {
  const r = end.report
  const link = r.run.url && /^https?:\/\/[^\s<>()]+$/.test(r.run.url) ? ` on the [run page](${r.run.url})` : ' on the run page'
  return `**${escapeMarkdown(r.result, 100)}**: ${escapeMarkdown(r.reason, 300)}\n\nThe full summary could not be attached to this check; it is${link}, and every tenant is in the JSON report.`
}
