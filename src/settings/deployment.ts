import { InputError } from '../errors.js'
import type { CommonSettings } from './common.js'
import { type Env, InputReader, parseHttpUrl } from './reader.js'

/** `deployment: true` (deploy mode, GitHub only): a GitHub deployment of the commit, with its statuses. */
export interface DeploymentSettings {
  /** `environment-url`: where the environment is reached, shown on the deployment; undefined when not given. */
  environmentUrl?: string
}

/** Undefined unless `deployment: true`; refused on Gitea, which has no Deployments API, before any side effect. */
export function parseDeployment(env: Env, common: CommonSettings): DeploymentSettings | undefined {
  const input = new InputReader(env)
  if (!input.bool('deployment', false)) return undefined
  if (common.forge.kind === 'gitea') throw new InputError('deployment', input.raw('deployment'), '`false` on Gitea, which has no Deployments API (GitHub only)')
  const url = input.raw('environment-url')
  if (url) parseHttpUrl('environment-url', url)
  return { environmentUrl: url || undefined }
}
