import { splitArgs } from '../command/runner.js'
import { errorMessage, InputError } from '../errors.js'
import { DEFAULT_RETRY, type RetryPolicy } from '../http/retry.js'
import type { Credentials } from '../registry/auth.js'
import { type ImageRef, isValidTag, parseImageRef } from '../registry/reference.js'
import { checkTemplate, commitVars, render } from '../template.js'
import type { InputReader } from './reader.js'

/**
 * Inputs of the promotion step (`mode: promote`, and the end of `deploy`): which repository, which tag
 * to copy onto which, with which credentials, or which command to run instead of the native retag.
 */
export interface PromoteSettings {
  /** The repository; undefined only when a promote-command replaces the native retag. */
  image: ImageRef | undefined
  /** As written, for command templates. */
  imageText: string
  /** Tag templates (placeholders: TAG_VARS). */
  from: string
  tag: string
  credentials: Credentials | undefined
  /** argv templates of the promote-command, split once (no shell). */
  command: string[] | undefined
  retry: RetryPolicy
  requestTimeoutMs: number
}

export const TAG_VARS = ['sha', 'sha7', 'environment'] as const
export const COMMAND_VARS = [...TAG_VARS, 'image', 'from', 'tag', 'source', 'target'] as const
export const DEFAULT_IMAGE_TAG = 'staging-{sha7}'

const SAMPLE_SHA = '0123456789abcdef0123456789abcdef01234567'
const TAG_FORM = 'an OCI tag: up to 128 letters, digits, `_`, `.` or `-`, not starting with `.` or `-` (placeholders {sha}, {sha7}, {environment})'

/** The commit and environment tags are rendered for; without them (unit tests), sample values. */
export interface TagTarget {
  sha: string
  environment: string
}

/** The `image-tag` input: the tag builds push, and the default source of a promotion. */
export function parseImageTag(input: InputReader, target?: TagTarget): string {
  return parseTagTemplate(input, 'image-tag', DEFAULT_IMAGE_TAG, target)
}

/**
 * undefined when neither `image` nor `promote-command` is set and promotion is optional (deploy mode
 * without promotion). Every check runs here, before any request.
 */
export function parsePromote(input: InputReader, imageTagTemplate: string, required: boolean, target?: TagTarget): PromoteSettings | undefined {
  const imageText = input.raw('image')
  const commandText = input.raw('promote-command')
  if (!imageText && !commandText) {
    if (!required) return undefined
    throw new InputError('image', '', 'the repository to promote in, such as `ghcr.io/acme/app` (or a `promote-command`)')
  }
  const image = imageText ? parseImageRef('image', imageText) : undefined
  const from = parseTagTemplate(input, 'promote-from', imageTagTemplate, target)
  const tag = parseTagTemplate(input, 'promote-tag', 'latest', target)
  if (from === tag) throw new InputError('promote-tag', tag, `a tag other than promote-from (${from}): a tag cannot be promoted onto itself`)

  const username = input.raw('registry-username')
  const password = input.raw('registry-password')
  if (Boolean(username) !== Boolean(password)) {
    const [missing, given] = username ? ['registry-password', 'registry-username'] : ['registry-username', 'registry-password']
    throw new InputError(missing, '', `a value too, since ${given} is set (give both or neither)`)
  }
  if (/[:\r\n]/.test(username)) throw new InputError('registry-username', username, 'a user name without `:` or line breaks')

  let command: string[] | undefined
  if (commandText) {
    try {
      command = splitArgs(commandText)
    } catch (error) {
      throw new InputError('promote-command', commandText, `a command line with balanced quotes (${errorMessage(error)})`)
    }
    if (command.length === 0) throw new InputError('promote-command', commandText, 'a command to run')
    const allowed = image ? COMMAND_VARS : COMMAND_VARS.filter((v) => !['image', 'source', 'target'].includes(v))
    checkTemplate('promote-command', commandText, allowed)
  }
  return {
    image,
    imageText,
    from,
    tag,
    credentials: username ? { username, password } : undefined,
    command,
    retry: DEFAULT_RETRY,
    requestTimeoutMs: 30_000
  }
}

/**
 * Checked once rendered with this run's real values (an `environment` such as `-eu` makes
 * `{environment}-{sha7}` invalid), and with a full 40-digit SHA, the longest any later run of the same
 * inputs renders (reconcile renders the head's SHA): all before the first side effect.
 */
function parseTagTemplate(input: InputReader, name: string, fallback: string, target?: TagTarget): string {
  const template = input.string(name, fallback)
  checkTemplate(name, template, TAG_VARS)
  const environment = target?.environment ?? 'production'
  for (const sha of [target?.sha ?? SAMPLE_SHA, SAMPLE_SHA]) {
    const rendered = render(template, commitVars(sha, environment))
    if (!isValidTag(rendered)) {
      const shown =
        template === rendered
          ? ''
          : ` (it renders as ${JSON.stringify(rendered.length > 140 ? `${rendered.slice(0, 140)}…` : rendered)}${target ? ` with environment ${JSON.stringify(environment)}` : ''})`
      throw new InputError(name, template, `${TAG_FORM}${shown}`)
    }
  }
  return template
}

/** The two tags for one commit; environment names may still make an invalid tag, caught here. */
export function renderTags(settings: PromoteSettings, sha: string, environment: string): { from: string; tag: string } {
  const vars = commitVars(sha, environment)
  const from = render(settings.from, vars)
  const tag = render(settings.tag, vars)
  for (const [name, value] of [
    ['promote-from', from],
    ['promote-tag', tag]
  ] as const) {
    if (!isValidTag(value)) throw new InputError(name, value, 'an OCI tag once rendered (up to 128 letters, digits, `_`, `.` or `-`)')
  }
  return { from, tag }
}
