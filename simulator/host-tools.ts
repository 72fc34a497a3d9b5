import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'

/**
 * The programs of the host that the tests run for real, each with the Debian package that brings it and
 * the variable that points the tests at another copy. One list, read by the simulator (which starts them)
 * and by `npm test`'s provisioning step (which installs what is missing), so the two never disagree on
 * where a binary is expected.
 */
export interface HostTool {
  /** The program, as a person would name it. */
  name: string
  /** Where the tests look for it: the override when set, else the Debian location (the registry) or PATH. */
  bin: string
  /** The variable that overrides `bin` (none for git, which is taken from PATH as a shell would). */
  envVar?: string
  /** `envVar` is set: installing the package would not help, the named file must exist. */
  overridden: boolean
  debianPackage: string
  /** What fails without it, for the message. */
  neededBy: string
}

/** `name` as the shell would find it on PATH, or `name` itself when it is nowhere (reported missing). */
export function onPath(name: string, path = process.env.PATH ?? ''): string {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name)
    if (isExecutable(candidate)) return candidate
  }
  return name
}

export function isExecutable(bin: string): boolean {
  try {
    accessSync(bin, constants.X_OK)
    return true
  } catch {
    return false
  }
}

type ToolInfo = Omit<HostTool, 'bin' | 'envVar' | 'overridden'>

function tool(env: NodeJS.ProcessEnv, envVar: string, fallback: string, info: ToolInfo): HostTool {
  const override = env[envVar]
  return { ...info, envVar, bin: override || fallback, overridden: Boolean(override) }
}

export function hostTools(env: NodeJS.ProcessEnv = process.env): HostTool[] {
  return [
    tool(env, 'DOCKER_REGISTRY_BIN', '/usr/bin/docker-registry', {
      name: 'docker-registry',
      debianPackage: 'docker-registry',
      neededBy: 'the registry and promotion tests'
    }),
    tool(env, 'CMARK_GFM_BIN', onPath('cmark-gfm', env.PATH), {
      name: 'cmark-gfm',
      debianPackage: 'cmark-gfm',
      neededBy: 'the GitHub-flavoured Markdown rendering test'
    }),
    { name: 'git', bin: onPath('git', env.PATH), overridden: false, debianPackage: 'git', neededBy: 'the fake forge and the demo' },
    tool(env, 'PROMETHEUS_BIN', '/usr/bin/prometheus', {
      name: 'prometheus',
      debianPackage: 'prometheus',
      neededBy: 'the canary analysis tests'
    })
  ]
}

export const REGISTRY_BIN = hostTools()[0]!.bin
export const CMARK_GFM_BIN = hostTools()[1]!.bin
export const PROMETHEUS_BIN = hostTools()[3]!.bin
