import { escapeMarkdown } from '../escape.js'

/**
 * The comment a deploy keeps on each pull request that brought its commit: one per environment, found
 * again by its hidden marker and edited in place as the rollout moves. A pure function of the state, so
 * every stage has its row in a test. Everything from outside (the environment, phase names, reasons) is
 * escaped for Markdown and bounded.
 */
export type PullStage =
  | { kind: 'rolling' }
  | { kind: 'live' }
  | { kind: 'superseded'; by: string | undefined }
  | { kind: 'held'; reason: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'cancelled'; reason: string }

/** One step of the rollout as the comment shows it: `canary`, `wave 1`, …, with how far it got. */
export interface PullPhase {
  name: string
  done: number
  total: number
  ok: number
}

export interface PullCommentState {
  environment: string
  sha: string
  stage: PullStage
  phases: PullPhase[]
  runUrl: string | undefined
  /** The commit's page, where the check run or status (the report) is. */
  commitUrl: string | undefined
  updatedAt: Date
}

/** Longest reason kept in a comment; the run page has the whole story. */
export const REASON_MAX = 600
/** Phases listed at most (a deploy of many waves shows its first and its latest ones). */
export const PHASES_SHOWN = 12

/** The hidden line that marks our comment for one environment; the environment is URI-encoded so it cannot end the HTML comment. */
export function commentMarker(environment: string): string {
  return `<!-- rollout-guard pr-comment environment=${encodeURIComponent(environment)} -->`
}

const code = (sha: string): string => `<code>${escapeMarkdown(sha.slice(0, 7), 7)}</code>`

function headline(s: PullCommentState): string {
  const env = escapeMarkdown(s.environment, 100)
  const stage = s.stage
  switch (stage.kind) {
    case 'rolling':
      return `🚀 **Rolling out** ${code(s.sha)} to ${env}.`
    case 'live':
      return `✅ **Live** in ${env}: every tenant serves ${code(s.sha)} (or a newer commit).`
    case 'superseded':
      return stage.by
        ? `⏭️ **Superseded** by ${code(stage.by)}: that newer commit of the branch carries this change, and it goes live in ${env} with it. This deploy stepped aside.`
        : `⏭️ **Superseded** by a newer commit of the branch, which carries this change and goes live in ${env} with it. This deploy stepped aside.`
    case 'held':
      return `⛔ **Held**: ${code(s.sha)} is not rolled out to ${env}. ${escapeMarkdown(stage.reason, REASON_MAX)}`
    case 'failed':
      return `❌ **Not live**: the deploy of ${code(s.sha)} to ${env} failed. ${escapeMarkdown(stage.reason, REASON_MAX)}`
    case 'cancelled':
      return `⏹️ **Cancelled**: the deploy of ${code(s.sha)} to ${env} was cancelled. ${escapeMarkdown(stage.reason, REASON_MAX)}`
  }
}

function phaseLine(p: PullPhase): string {
  const mark = p.done < p.total ? '⏳' : p.ok === p.total ? '✅' : '❌'
  return `${mark} ${escapeMarkdown(p.name, 40)} ${p.ok}/${p.total}`
}

export function pullCommentBody(s: PullCommentState): string {
  const phases = s.phases.length > PHASES_SHOWN ? [...s.phases.slice(0, 2), ...s.phases.slice(-(PHASES_SHOWN - 2))] : s.phases
  const skipped = s.phases.length - phases.length
  const steps = phases.map(phaseLine)
  if (skipped > 0) steps.splice(2, 0, `… ${skipped} more`)
  const links = [s.runUrl && `[Run](${s.runUrl})`, s.commitUrl && `[Report on the commit](${s.commitUrl})`].filter(Boolean).join(' · ')
  const when = s.updatedAt.toISOString().replace('T', ' ').slice(0, 19)
  return [
    commentMarker(s.environment),
    `### Rollout Guard · ${escapeMarkdown(s.environment, 100)}`,
    '',
    headline(s),
    ...(steps.length ? ['', steps.join(' · ')] : []),
    '',
    `${links ? `${links} · ` : ''}<sub>updated ${when} UTC</sub>`
  ].join('\n')
}
