import { InputError } from '../errors.js'
import { checkTemplate, render } from '../template.js'
import type { CommonSettings } from './common.js'
import { type Env, InputReader } from './reader.js'
import type { Shard } from './shard.js'

/** Where the result goes on the commit: a check run (GitHub), a commit status, or nowhere. */
export interface ReportSettings {
  kind: 'check' | 'status' | 'none'
  /** Check run name or status context, placeholders rendered. */
  name: string
  /** Repository path the check run's annotations point at: the workflow file when the runner says which. */
  annotationPath: string
  /** `check-name` as given: a deploy renders its own and its sibling jobs' record names from it. */
  template?: string
}

export const CHECK_NAME_PLACEHOLDERS = ['environment', 'mode', 'shard'] as const
export const DEFAULT_CHECK_NAME = 'rollout-guard/{environment}'
/** What `{shard}` renders to in a job that handles the whole fleet. */
export const WHOLE_FLEET = 'all'

/**
 * The name one job reports under: every job of a deploy has its own record, so a shard job's name
 * carries its shard, where `{shard}` says, or as a ` (shard i)` suffix. The shard count is not in the
 * name (a re-sharded deploy keeps its names); the record says it.
 */
export function recordName(template: string, vars: { environment: string; mode: string }, shard?: number): string {
  const rendered = render(template, { ...vars, shard: shard === undefined ? WHOLE_FLEET : String(shard) })
  return shard !== undefined && !template.includes('{shard}') ? `${rendered} (shard ${shard})` : rendered
}

export function parseReport(env: Env, common: CommonSettings, shard?: Shard): ReportSettings {
  const input = new InputReader(env)
  const chosen = input.oneOf('report', ['auto', 'check', 'status', 'none'] as const, 'auto')
  const gitea = common.forge.kind === 'gitea'
  if (chosen === 'check' && gitea) throw new InputError('report', 'check', '`status`, `none` or `auto` on Gitea, which has no Checks API')
  const kind = chosen === 'auto' ? (gitea ? 'status' : 'check') : chosen

  const template = input.string('check-name', DEFAULT_CHECK_NAME)
  checkTemplate('check-name', template, CHECK_NAME_PLACEHOLDERS)
  const name = recordName(template, { environment: common.target.environment, mode: common.mode }, shard?.index)
  // eslint-disable-next-line no-control-regex
  if (name.length > 100 || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new InputError(
      'check-name',
      template,
      'a name of at most 100 characters on one line once rendered (placeholders {environment}, {mode}, {shard}; a shard job without {shard} adds " (shard i)")'
    )
  }
  return { kind, name, annotationPath: workflowPath(env, `${common.forge.owner}/${common.forge.repo}`), template }
}

/** `owner/repo/.github/workflows/deploy.yml@refs/heads/main` → `.github/workflows/deploy.yml`. */
function workflowPath(env: Env, repository: string): string {
  const ref = env.GITHUB_WORKFLOW_REF ?? ''
  const path = ref.replace(/@[^@]*$/, '')
  return path.startsWith(`${repository}/`) && path.length > repository.length + 1 ? path.slice(repository.length + 1) : '.github'
}
