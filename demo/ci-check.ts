/**
 * The CI job's last step: the outputs of the `uses: ./` steps (passed as DEPLOY, GATE_A and GATE_B, each
 * `toJSON(steps.<id>.outputs)`), checked against each other and against what the simulator recorded
 * (SIM_STATE_URL, from `serve.ts start`). Prints one line per check; exits 1 when any fails.
 */
interface State {
  serving: Record<string, string>
  redeploys: { tenant: string; sha: string; outcome: string }[]
  registryWrites: string[]
  latest: string | null
  digests: { base: string; A: string; B: string } | null
}

function outputs(name: string): Record<string, string> {
  const raw = process.env[name]
  if (!raw) throw new Error(`${name} is not set: pass toJSON(steps.<id>.outputs) in the step's env`)
  return JSON.parse(raw) as Record<string, string>
}

function env(name: string): string {
  const value = process.env[name]
  if (value === undefined) throw new Error(`${name} is not set: run \`serve.ts start\` first (it writes the SIM_* variables to $GITHUB_ENV)`)
  return value
}

async function checkOutputs(): Promise<{ ok: boolean; lines: string[] }> {
  const deploy = outputs('DEPLOY')
  const gateA = outputs('GATE_A')
  const gateB = outputs('GATE_B')
  const A = env('SIM_SHA_A')
  const B = env('SIM_SHA_B')
  const tenants = env('SIM_TENANTS').split(',')
  const promotes = env('SIM_IMAGE') !== ''
  const res = await fetch(env('SIM_STATE_URL'))
  const state = (await res.json()) as State

  const lines: string[] = []
  let ok = true
  const check = (pass: boolean, what: string, got: unknown): void => {
    ok &&= pass
    lines.push(`${pass ? 'ok  ' : 'FAIL'}  ${what}${pass ? '' : ` (got ${JSON.stringify(got)})`}`)
  }
  check(deploy.result === 'deployed', 'deploy: result is deployed', deploy.result)
  check(deploy.superseded === 'false', 'deploy: superseded is false', deploy.superseded)
  check(deploy['head-sha'] === B, 'deploy: head-sha is B', deploy['head-sha'])
  check(deploy.verified === String(tenants.length), `deploy: verified is ${tenants.length}`, deploy.verified)
  check(JSON.stringify([...(JSON.parse(deploy.rolled ?? '[]') as string[])].sort()) === JSON.stringify([...tenants].sort()), 'deploy: rolled lists every tenant', deploy.rolled)
  check(deploy.stale === '[]', 'deploy: stale is []', deploy.stale)
  check(Boolean(deploy['report-path']), 'deploy: report-path is set', deploy['report-path'])
  check(
    tenants.every((t) => state.serving[t] === B),
    'fleet: every tenant serves B',
    state.serving
  )
  check(
    state.redeploys.every((r) => r.sha === B),
    'fleet: every redeploy carried B',
    state.redeploys
  )
  if (promotes) {
    check(deploy.promoted === 'true', 'deploy: promoted is true', deploy.promoted)
    check(deploy['promoted-digest'] === state.digests?.B, "deploy: promoted-digest is B's image", deploy['promoted-digest'])
    check(state.latest === state.digests?.B, "registry: :latest is B's image", state.latest)
    check(state.registryWrites.length === 1, 'registry: exactly one write (the retag)', state.registryWrites)
  } else {
    check(deploy.promoted === 'false', 'deploy: promoted is false (no registry)', deploy.promoted)
  }
  check(gateA.result === 'skipped-superseded' && gateA.superseded === 'true', 'gate for A: superseded, skipped', gateA)
  check(gateA['head-sha'] === B && (gateA.reason ?? '').includes(B.slice(0, 7)), 'gate for A: head-sha is B and the reason names it', gateA)
  check(gateB.result === 'owner' && gateB.superseded === 'false' && gateB['head-sha'] === B, 'gate for B: owner, not superseded', gateB)
  check(!state.redeploys.some((r) => r.sha === A), 'nothing was ever redeployed to A', state.redeploys)
  return { ok, lines }
}

const { ok, lines } = await checkOutputs()
process.stdout.write(`${lines.join('\n')}\n`)
process.exitCode = ok ? 0 : 1
