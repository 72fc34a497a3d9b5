/**
 * The oldest Node the bundle runs on: 20.3 brought `AbortSignal.any`, the newest API the code relies on
 * (undici 6, p-retry 7 and p-limit 7 need 18.17 and 20). GitHub runs `node24` as declared, but Gitea's
 * act_runner runs whatever `node` the job container has, so an older one must stop the step with a message
 * that names both versions instead of failing later with an obscure TypeError.
 */
export const REQUIRED_NODE = '20.3.0'

function parse(version: string): [number, number, number] {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version)
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0]
}

export function nodeVersionProblem(found: string, required = REQUIRED_NODE): string | undefined {
  const a = parse(found)
  const b = parse(required)
  for (let i = 0; i < 3; i++) {
    if (a[i]! > b[i]!) return undefined
    if (a[i]! < b[i]!) {
      return (
        `Rollout Guard needs Node ${required} or later, but this runner's node is ${found}. ` +
        `On Gitea act_runner the job container's own node runs the action: use an image with Node 20 or later ` +
        `(Node 24 recommended, for example node:24-bookworm) or add actions/setup-node with node-version: 24 before this step.`
      )
    }
  }
  return undefined
}
