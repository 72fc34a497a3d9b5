import { sameCommit } from '../src/forge/types.js'
import type { JobResult } from './jobs.js'
import { IMAGE_REPO, type Stage } from './stage.js'

/**
 * Whether the incident was prevented, decided from what the simulator recorded (every control-plane
 * call, every forge request, every registry request, every SHA each tenant answered with), not from
 * what the jobs say about themselves.
 */
export interface Check {
  ok: boolean
  label: string
  evidence: string
}

export interface Verdict {
  ok: boolean
  line: string
  checks: Check[]
  latestAfter?: string
  /** What this run did not exercise, said apart from the verdict (no registry: no promotion). */
  note?: string
}

export const PREVENTED = 'Incident prevented: A made no side effect, :latest → B, no tenant ever served A after B'
export const PREVENTED_WITHOUT_REGISTRY = 'Incident prevented: A made no side effect, no tenant ever served A after B'

const short = (s: string | undefined): string => (s ? (s.startsWith('sha256:') ? s.slice(0, 19) : s.slice(0, 7)) : 'none')

export async function judge(stage: Stage, jobs: { A: JobResult; B: JobResult }): Promise<Verdict> {
  const { fleet, images, commits } = stage
  const { A, B } = commits
  const checks: Check[] = []
  const check = (ok: boolean, label: string, evidence: string): void => void checks.push({ ok, label, evidence })

  const calls = fleet.controlPlane.calls
  const aCalls = calls.filter((c) => sameCommit(c.sha, A))
  check(aCalls.length === 0, "A's job sent no redeploy", `${aCalls.length} of ${calls.length} control-plane calls carried A`)

  // A check run or commit status on A's own commit, or the comment on A's pull request, is the job
  // reporting that it stepped aside, not a change to production; anything else written about A would be.
  const namingA = fleet.forge.requests.filter((r) => r.method !== 'GET' && `${r.path} ${JSON.stringify(r.body ?? '')}`.includes(A))
  const reports = namingA.filter((r) => r.route === 'check-runs' || r.route === 'statuses' || r.route === 'comments')
  const others = namingA.length - reports.length
  check(
    others === 0,
    "A's job wrote nothing to the forge but its own report",
    `${others} other forge write(s) naming A, of ${fleet.forge.requests.length} requests${reports.length ? `; it reported on its commit: ${reports.map((r) => `${r.method} ${r.path}`).join(', ')}` : ''}`
  )

  let latestAfter: string | undefined
  if (images) {
    const writes = images.proxy.log.filter((l) => !/^(GET|HEAD) /.test(l))
    check(
      writes.length === 1 && /^PUT \/v2\/.+\/manifests\/latest$/.test(writes[0] ?? ''),
      "A's job wrote nothing to the registry",
      `${writes.length} registry write(s) in all: ${writes.join(', ') || 'none'}`
    )
    latestAfter = await images.registry.digestOf(IMAGE_REPO, 'latest')
    check(
      latestAfter === images.digests.B,
      ':latest moved forward to B',
      `latest was ${short(images.latestBefore)} (base), is ${short(latestAfter)} (${latestAfter === images.digests.B ? "B's image" : latestAfter === images.digests.A ? "A's image" : 'another image'})`
    )
  }

  const answeredAAfterB = fleet.names.filter((n) => {
    const shas = fleet.tenants.history(n).map((h) => h.sha)
    const firstB = shas.indexOf(B)
    return firstB >= 0 && shas.slice(firstB + 1).includes(A)
  })
  const wentLiveBack = fleet.wentBackward(B, A)
  const everA = fleet.names.filter((n) => fleet.liveHistory(n).includes(A) || fleet.tenants.served(n).includes(A))
  check(
    answeredAAfterB.length === 0 && wentLiveBack.length === 0,
    'No tenant ever served A after B',
    `${fleet.names.length} tenants: ${answeredAAfterB.length} answered A after B, ${wentLiveBack.length} went live on A after B, ${everA.length} ever served A at all`
  )

  const notOnB = fleet.names.filter((n) => fleet.tenants.serving(n) !== B)
  check(
    jobs.B.run.exitCode === 0 && notOnB.length === 0,
    "B's job ended green with the whole fleet on B",
    `exit ${jobs.B.run.exitCode}, result ${jobs.B.run.outputs.result ?? 'none'}, ${fleet.names.length - notOnB.length} of ${fleet.names.length} tenants serve B`
  )
  check(
    jobs.A.run.exitCode === 0 && jobs.A.run.outputs.superseded === 'true',
    "A's job stepped aside, neutral",
    `exit ${jobs.A.run.exitCode}, result ${jobs.A.run.outputs.result ?? 'none'}: ${jobs.A.run.outputs.reason ?? ''}`
  )

  const ok = checks.every((c) => c.ok)
  const line = !ok
    ? `Incident NOT prevented: ${checks
        .filter((c) => !c.ok)
        .map((c) => c.label)
        .join('; ')}`
    : images
      ? PREVENTED
      : PREVENTED_WITHOUT_REGISTRY
  // Apart from the verdict: a missing registry is not part of whether the incident was prevented.
  const note = images ? undefined : `Promotion of :latest was not part of this run: ${stage.skipReason ?? 'no registry'}.`
  return { ok, line, checks, latestAfter, note }
}
