import type { CommandRunner } from '../command/runner.js'
import type { PromoteSettings } from '../settings/promote.js'
import { commitVars, render } from '../template.js'

/**
 * The escape hatch for registries the native client cannot reach (a private CA, a cloud-specific
 * login): the user's command, run without a shell, each argument rendered on its own so a value can
 * never become another argument or command. Credentials travel in the environment, never in argv.
 */
export interface CommandPromotion {
  ok: boolean
  /** A `sha256:` digest the command printed, when it printed one. */
  digest: string | undefined
  detail: string
}

export async function runPromoteCommand(
  settings: PromoteSettings,
  tags: { from: string; tag: string },
  sha: string,
  environment: string,
  runner: CommandRunner,
  signal?: AbortSignal
): Promise<CommandPromotion> {
  const image = settings.imageText
  const vars = { ...commitVars(sha, environment), image, from: tags.from, tag: tags.tag, source: `${image}:${tags.from}`, target: `${image}:${tags.tag}` }
  const argv = (settings.command ?? []).map((arg) => render(arg, vars))
  const env: Record<string, string> = { ROLLOUT_GUARD_PROMOTE_FROM: tags.from, ROLLOUT_GUARD_PROMOTE_TAG: tags.tag }
  if (image) env.ROLLOUT_GUARD_IMAGE = image
  if (settings.credentials) {
    env.REGISTRY_USERNAME = settings.credentials.username
    env.REGISTRY_PASSWORD = settings.credentials.password
  }
  const result = await runner.run(argv, { env, signal })
  const digest = [...result.stdout.matchAll(/sha256:[0-9a-f]{64}/g)].at(-1)?.[0]
  if (result.exitCode !== 0) {
    return { ok: false, digest, detail: `promote-command \`${argv[0]}\` exited with ${result.exitCode}${result.stderrTail ? `: ${result.stderrTail}` : ''}` }
  }
  return { ok: true, digest, detail: `promote-command \`${argv[0]}\` moved ${tags.tag} to ${tags.from}` }
}
