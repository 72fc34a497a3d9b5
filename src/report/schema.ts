/**
 * The documented shape of the JSON report, `rollout-guard/report` version 1, field by field. The docs'
 * table is written from it and the tests validate every mode's report against it, so the document and
 * the file cannot drift apart. Not imported by the action itself.
 *
 * Paths: `a.b` is a field of an object, `a[]` an element of an array, `a.*` any key of a map.
 * Types: JSON types joined by `|`; a quoted value is a constant.
 */
export interface FieldDoc {
  type: string
  description: string
}

export const REPORT_FIELDS: Record<string, FieldDoc> = {
  schema: { type: '"rollout-guard/report"', description: 'Identifies the document.' },
  schemaVersion: { type: '1', description: 'Bumped when a field is renamed, removed or changes meaning; fields may be added within a version.' },
  mode: { type: 'string', description: '`gate`, `verify`, `deploy`, `promote` or `reconcile`.' },
  result: { type: 'string', description: 'The `result` output (`deployed`, `verified`, `owner`, `skipped-superseded`, `deferred`, `held`, `failed`, ...).' },
  conclusion: { type: 'string', description: '`success`, `neutral` (superseded; reconcile deferred or held) or `failure`: what the check run shows; `failure` exactly when the step fails.' },
  reason: { type: 'string', description: 'One sentence: why the run ended as it did.' },
  repository: { type: 'string', description: '`owner/name`.' },
  forge: { type: 'string', description: '`github` or `gitea`.' },
  run: { type: 'object', description: 'The workflow run.' },
  'run.id': { type: 'string|null', description: '`GITHUB_RUN_ID`.' },
  'run.url': { type: 'string|null', description: 'Link to the run page.' },
  'run.workflow': { type: 'string|null', description: '`GITHUB_WORKFLOW`.' },
  'run.job': { type: 'string|null', description: '`GITHUB_JOB`.' },
  'run.actor': { type: 'string|null', description: '`GITHUB_ACTOR`.' },
  'run.event': { type: 'string|null', description: '`GITHUB_EVENT_NAME`.' },
  target: { type: 'object', description: 'What the run acted on.' },
  'target.sha': { type: 'string', description: 'The commit (reconcile: the branch head it reconciled to).' },
  'target.branch': { type: 'string', description: 'The branch whose head owns production.' },
  'target.environment': { type: 'string', description: 'The `environment` input.' },
  'target.tag': { type: 'string|null', description: 'The image tag of the commit (deploy, reconcile, promote); null otherwise.' },
  head: { type: 'string|null', description: 'The branch head as last read; null when it was not read or could not be.' },
  decision: { type: 'object|null', description: "The superseded gate's last decision; null in `verify` (read-only) and `reconcile` (acts on the head itself)." },
  'decision.superseded': { type: 'boolean', description: 'A newer commit owns the branch.' },
  'decision.forced': { type: 'boolean', description: '`force: true` overrode a superseded decision.' },
  'decision.basis': { type: 'string', description: '`identical`, `behind`, `ahead`, `diverged`, `unknown`, `unreadable` or `disabled`.' },
  'decision.reason': { type: 'string', description: "The gate's sentence." },
  startedAt: { type: 'string', description: 'ISO 8601, UTC.' },
  finishedAt: { type: 'string', description: 'ISO 8601, UTC.' },
  durationSeconds: { type: 'number', description: 'From start to finish.' },
  phases: {
    type: 'array',
    description: 'The timeline, in order: `gate`, `canary`, `soak`, `canary re-verify`, `canary restore`, `gate (wave N)`, `wave N`, `confirm`, `promotion`, `verify`, `head`, `deploy state`, `drift`.'
  },
  'phases[].name': { type: 'string', description: 'Phase name.' },
  'phases[].startedAt': { type: 'string', description: 'ISO 8601, UTC.' },
  'phases[].endedAt': { type: 'string', description: 'ISO 8601, UTC.' },
  'phases[].durationSeconds': { type: 'number', description: 'Duration.' },
  'phases[].outcome': { type: 'string', description: 'A short word: `ok`, `failed`, `owner`, `superseded`, `cancelled`, `promoted`, ...' },
  'phases[].detail': { type: 'string|null', description: 'More about the outcome, when there is more; for `canary` and `wave N`, its size first: `6 tenants, to 6 of 60 (10%)`.' },
  counts: { type: 'object', description: 'Tenants by verdict.' },
  'counts.total': { type: 'number', description: 'Every tenant listed.' },
  'counts.ok': { type: 'number', description: 'On target or ahead.' },
  'counts.failed': { type: 'number', description: 'Judged and not OK (never-started tenants are not counted here).' },
  'counts.*': { type: 'number', description: 'One count per verdict that occurred, e.g. `"stale": 2`.' },
  tenants: { type: 'array', description: 'Every tenant, in the order of the fleet.' },
  'tenants[].tenant': { type: 'string', description: 'Tenant name.' },
  'tenants[].step': { type: 'string|null', description: '`canary`, `wave N` or `drift`; null in `verify`.' },
  'tenants[].action': {
    type: 'string|null',
    description:
      '`redeployed`, `skipped-on-target`, `skipped-ahead`, `skipped-unknown` (ancestry unknown, not rolled), `redeploy-failed`, `stopped-superseded` (a redeploy attempt not sent: a newer commit owned the branch) or `not-started`; null in `verify`.'
  },
  'tenants[].before': { type: 'string|null', description: 'The SHA it served before the redeploy.' },
  'tenants[].verdict': {
    type: 'string',
    description:
      '`on-target`, `ahead`, `stale`, `unreachable`, `invalid`, `redeploy-failed`, `analysis-failed` (a canary or wave tenant that serves the commit but did not pass its analysis; `lastError` says why) or `not-started`.'
  },
  'tenants[].ok': { type: 'boolean', description: 'On target or ahead.' },
  'tenants[].sha': { type: 'string|null', description: 'The last SHA it reported.' },
  'tenants[].polls': { type: 'number', description: 'Build info requests made.' },
  'tenants[].settleSeconds': { type: 'number|null', description: 'Time to settle, for OK tenants.' },
  'tenants[].elapsedSeconds': { type: 'number|null', description: 'Time until its verdict; null when never verified.' },
  'tenants[].cancelled': { type: 'boolean', description: 'The run was cancelled before its budget ended.' },
  'tenants[].lastError': { type: 'string|null', description: 'The last probe error (redacted).' },
  'tenants[].redeployError': { type: 'string|null', description: 'Why the redeploy failed (redacted).' },
  'tenants[].reissues': { type: 'number', description: 'Redeploys sent again because the tenant regressed.' },
  'tenants[].url': { type: 'string|null', description: 'The build info URL probed.' },
  verification: { type: 'object|null', description: 'Settle verification settings; null in `gate` and `promote`.' },
  'verification.buildinfoUrl': { type: 'string', description: 'The URL template.' },
  'verification.buildinfoField': { type: 'string', description: '`auto` or a dotted path.' },
  'verification.budgetSeconds': { type: 'number', description: 'Settle budget per tenant.' },
  'verification.intervalSeconds': { type: 'number', description: 'Time between polls.' },
  'verification.requestTimeoutSeconds': { type: 'number', description: 'Limit of one request.' },
  promotion: { type: 'object|null', description: 'The promotion of `promote-tag`; null when none was attempted.' },
  'promotion.outcome': { type: 'string', description: '`promoted`, `unchanged`, `skipped-ahead`, `skipped-superseded`, `cancelled` or `failed`.' },
  'promotion.promoted': { type: 'boolean', description: 'The tag was moved by this run.' },
  'promotion.image': { type: 'string|null', description: 'The repository, e.g. `ghcr.io/acme/app`; null with `promote-command` alone.' },
  'promotion.from': { type: 'string|null', description: 'The source tag.' },
  'promotion.tag': { type: 'string|null', description: 'The tag moved forward.' },
  'promotion.digest': { type: 'string|null', description: 'The digest the tag points at after the run, or the source image.' },
  'promotion.previousDigest': { type: 'string|null', description: 'What the tag pointed at before.' },
  'promotion.previousRevision': { type: 'string|null', description: 'The commit of the image the tag held before.' },
  'promotion.forced': { type: 'boolean', description: '`force: true` moved it past the forward-only check.' },
  'promotion.reason': { type: 'string', description: 'One sentence.' },
  deployState: { type: 'object|null', description: 'Reconcile: what the deploy records on the head said; null in other modes (with `respect-deploy-state: false`, `proceed` and the warning).' },
  'deployState.action': { type: 'string', description: '`proceed`, `deferred`, `held` or `presumed-dead`.' },
  'deployState.end': {
    type: 'string|null',
    description: 'How the deciding deploy ended: `running`, `deployed`, `superseded`, `cancelled`, `canary-failed`, `halted`, `failed-tenants` or `failed`; null without a record.'
  },
  'deployState.run': { type: 'string|null', description: 'The deciding run and attempt, `<run id>.<attempt>`.' },
  'deployState.since': { type: 'string|null', description: 'When that run started (ISO 8601), as the forge says.' },
  'deployState.url': { type: 'string|null', description: "The run's URL as its record states it (anyone who can write a commit status on the commit can write one; the summary does not link it)." },
  'deployState.reason': { type: 'string', description: 'The sentence reconcile logged.' },
  counters: { type: 'object', description: 'What the run did, counted.' },
  'counters.buildinfoPolls': { type: 'number', description: 'Build info requests sent to tenants.' },
  'counters.httpRetries': { type: 'number', description: 'Requests sent again after a transient failure (forge, control plane, registry).' },
  'counters.redeployReissues': { type: 'number', description: 'Redeploys sent again because a tenant regressed (the sum of `tenants[].reissues`).' },
  'counters.gateChecks': { type: 'number', description: 'Questions put to the superseded gate.' },
  'counters.gateReads': {
    type: 'number',
    description: 'Reads of the branch head the gate sent to the forge (questions asked at once share one read; an answer younger than the ownership-evidence bound is reused).'
  },
  'counters.defers': { type: 'number', description: 'Reconcile: 1 when it deferred to a deploy in progress on the head.' },
  'counters.holds': { type: 'number', description: 'Reconcile: 1 when the head is held (its deploy rejected it).' },
  'counters.rateLimitWaits': { type: 'number', description: "Waits for the forge's rate limit (a primary limit spent, or a secondary limit): each one a request the forge turned away." },
  'counters.forgeRequests': {
    type: 'object',
    description: 'Forge API requests sent, by kind (`GET branches`, `POST check-runs`, `PATCH check-runs`, `POST deployments/statuses`, ...); every retry counts, 304s included.'
  },
  'counters.forgeRequests.*': { type: 'number', description: 'Requests of that kind.' },
  'counters.forgeNotModified': { type: 'number', description: 'Of those, conditional reads answered `304 Not Modified` (GitHub does not count them against the rate limit).' },
  'counters.rateLimitRemaining': { type: 'object', description: "GitHub's `x-ratelimit-remaining` as the run went." },
  'counters.rateLimitRemaining.start': { type: 'number|null', description: 'On the first answer that carried it; null when none did (Gitea sends no rate-limit headers).' },
  'counters.rateLimitRemaining.end': { type: 'number|null', description: 'On the last answer that carried it before the report was written.' },
  shard: { type: 'string|null', description: '`shard 2 of 4: 15 of 60 tenants` when the run handled one shard of the fleet (`shard` input); null otherwise.' },
  stop: {
    type: 'object|null',
    description: 'Where the rollout stopped short of its end, as the rollout knows it; null when it did not stop early (or rolled nothing).'
  },
  'stop.at': {
    type: 'string',
    description:
      '`canary` (the canary step had failures), `max-failures` (more tenants failed than allowed, later waves not started), `outage` (the head became unreadable) or `control-plane-token` (the control plane refused its token).'
  },
  'stop.maxFailures': { type: 'number', description: '`max-failures` as the rollout applied it.' },
  recordEnd: {
    type: 'string',
    description:
      "The end this run records on the commit (docs/deploy-records.md): `deployed`, `superseded`, `cancelled`, `canary-failed` (the canary's own build failed verification), `halted` (verification failures past `max-failures`), `failed-tenants` or `failed`. Only `canary-failed` and `halted` hold the commit."
  },
  restore: { type: 'object|null', description: 'Deploy: what became of the canary after it failed (`canary-failure`, docs/canary-restore.md); null when the canary did not fail, and in other modes.' },
  'restore.outcome': {
    type: 'string',
    description:
      '`restored` (every tenant due a restore verified on its stable release), `failed` (some restore refused, failed or not verified), `nothing-to-restore`, `superseded` (a newer commit owns the branch), `skipped` (ownership unproven, no stable release known, or cancelled) or `held` (`canary-failure: hold`).'
  },
  'restore.reason': { type: 'string', description: 'One sentence, also at the end of `reason`.' },
  'restore.tenants': { type: 'array', description: 'Every canary tenant.' },
  'restore.tenants[].tenant': { type: 'string', description: 'Tenant name.' },
  'restore.tenants[].action': {
    type: 'string',
    description: '`restored` (the redeploy back was accepted), `restore-failed`, `nothing-to-restore` (its pre-flight read gave no commit), `not-moved` (this job did not move it) or `not-sent`.'
  },
  'restore.tenants[].to': {
    type: 'string|null',
    description:
      'The commit it went (or would have gone) back to: the stable release (the commit the promote tag holds, or a commit whose deploy verified), else its pre-flight read before this job moved it.'
  },
  'restore.tenants[].verified': { type: 'boolean', description: 'Restored and verified exactly on `to` within the settle budget.' },
  'restore.tenants[].verdict': { type: 'string|null', description: 'The verification on `to` (`on-target` means on `to`; the rejected build counts as `stale`); null when not verified.' },
  'restore.tenants[].sha': { type: 'string|null', description: 'The last SHA it reported during that verification.' },
  'restore.tenants[].polls': { type: 'number', description: 'Build info requests made for that verification.' },
  'restore.tenants[].settleSeconds': { type: 'number|null', description: 'Time to settle on `to`, when it did.' },
  'restore.tenants[].detail': { type: 'string|null', description: 'Why it was not restored, or the last probe error (redacted).' },
  analysis: { type: 'object|null', description: 'Deploy, reconcile: the canary analysis during the soak (`analysis`, docs/canary-analysis.md); null without one, and in other modes.' },
  ...analysisFields('analysis.', 'canary', 'the soak'),
  waveAnalysis: {
    type: 'array',
    description: "Deploy, reconcile: each wave's analysis while its tenants settled (`analysis-waves`), in order; empty without it, and in other modes. Each entry has the fields of `analysis`."
  },
  ...analysisFields('waveAnalysis[].', 'wave', 'the wave')
}

/**
 * The fields of one step's analysis: the canary's (`analysis`) and each wave's (`waveAnalysis[]`) share
 * them, so the two cannot drift apart.
 */
function analysisFields(at: string, who: 'canary' | 'wave', since: string): Record<string, FieldDoc> {
  const fields: Record<string, FieldDoc> = {
    step: { type: 'string', description: who === 'canary' ? '`canary`.' : '`wave N`: the wave it judged.' },
    kind: { type: 'string', description: '`prometheus` or `json`.' },
    source: { type: 'string', description: "Where the metric was read: the Prometheus query endpoint, or the JSON endpoint's URL template." },
    passed: {
      type: 'boolean',
      description:
        who === 'canary'
          ? 'Every canary tenant passed; otherwise the canary failed.'
          : 'Every analysed tenant of the wave passed; otherwise each that did not is a failed tenant of the wave (counted toward `max-failures`).'
    },
    stoppedEarly: {
      type: 'string|null',
      description: who === 'canary' ? 'Why the soak ended before its time (the first failing tenant, a cancel); null when it ran to the end.' : 'Set when a cancel ended the analysis; null otherwise.'
    },
    intervalSeconds: { type: 'number', description: '`analysis-interval-seconds`.' },
    thresholds: { type: 'object', description: 'What a sample was judged by (the settings; see `absoluteOnly`).' },
    'thresholds.max': { type: 'number|null', description: '`analysis-max`: a value above it is bad; null when not set.' },
    'thresholds.maxRatio': { type: 'number|null', description: '`analysis-max-ratio`: a value above this many times the baseline median is bad; null when not set.' },
    'thresholds.baselineFloor': { type: 'number|null', description: '`analysis-baseline-floor`: the relative limit is never below it; null without `maxRatio`.' },
    'thresholds.consecutive': { type: 'number', description: '`analysis-consecutive`: bad samples in a row that fail a tenant.' },
    'thresholds.inconclusiveLimit': { type: 'number', description: '`analysis-inconclusive-limit`: unjudged samples allowed; one more is inconclusive.' },
    absoluteOnly: {
      type: 'string|null',
      description: `Set when ${since} left no tenant on the release before (no baseline): \`analysis-max\` alone judged, \`maxRatio\` was not applied; says so in words. Null otherwise.`
    },
    baseline: {
      type: 'array',
      description: `The baseline tenants read each interval: tenants ${who === 'canary' ? 'the canary did not touch' : 'not yet moved (later waves)'}, at most \`analysis-baseline-size\`.`
    },
    'baseline[].tenant': { type: 'string', description: 'Tenant name.' },
    tenants: { type: 'array', description: who === 'canary' ? 'Every canary tenant.' : 'Every wave tenant that reported the target (one that did not failed its verification instead).' },
    'tenants[].tenant': { type: 'string', description: 'Tenant name.' },
    'tenants[].verdict': {
      type: 'string',
      description: '`passed`, `failed` (bad samples in a row, or every judged sample bad) or `inconclusive` (too many samples not judged, or none judged).'
    },
    'tenants[].why': { type: 'string|null', description: 'Why it did not pass; null when it passed.' },
    'tenants[].samples': { type: 'array', description: 'One per interval, in order.' },
    'tenants[].samples[].atSeconds': { type: 'number', description: `Seconds since ${since} began.` },
    'tenants[].samples[].value': { type: 'number|null', description: "The tenant's value; null when it could not be read." },
    'tenants[].samples[].baselineMedian': { type: 'number|null', description: 'The median of the baseline values read in the same interval; null when none was readable.' },
    'tenants[].samples[].baselineReadable': { type: 'number', description: 'Baseline tenants that gave a number in that interval.' },
    'tenants[].samples[].baselineAsked': { type: 'number', description: 'Baseline tenants asked in that interval.' },
    'tenants[].samples[].limit': { type: 'number|null', description: 'The relative limit the value was held to; null without `maxRatio` or a baseline.' },
    'tenants[].samples[].verdict': { type: 'string', description: '`good`, `bad` or `inconclusive` (not judged).' },
    'tenants[].samples[].why': { type: 'string|null', description: 'Why it is bad or was not judged (outside text bounded and redacted); null when good.' }
  }
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${at}${k}`, v]))
}

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

function accepts(type: string, value: unknown): boolean {
  return type.split('|').some((t) => (/^["\d]/.test(t) ? JSON.stringify(value) === t : typeOf(value) === t))
}

/**
 * Every difference between `value` and the documented shape: a missing or undocumented field, or a
 * value of another type. An empty list means the report matches.
 */
export function validateReport(value: unknown, fields: Record<string, FieldDoc> = REPORT_FIELDS): string[] {
  const problems: string[] = []
  const walk = (node: unknown, prefix: string): void => {
    const keys = Object.keys(node as object)
    const documented = Object.keys(fields).filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('.') && !p.slice(prefix.length).includes('[]'))
    const wildcard = fields[`${prefix}*`]
    for (const path of documented) {
      const key = path.slice(prefix.length)
      if (key === '*') continue
      if (!keys.includes(key)) problems.push(`${path}: missing`)
    }
    for (const key of keys) {
      const path = `${prefix}${key}`
      const doc = fields[path] ?? wildcard
      const v = (node as Record<string, unknown>)[key]
      if (!doc) {
        problems.push(`${path}: not documented`)
        continue
      }
      if (!accepts(doc.type, v)) problems.push(`${path}: ${JSON.stringify(v)?.slice(0, 60)} is not ${doc.type}`)
      if (typeOf(v) === 'object') walk(v, `${path}.`)
      if (Array.isArray(v)) v.forEach((item, i) => (typeOf(item) === 'object' ? walk(item, `${path}[].`) : problems.push(`${path}[${i}]: not an object`)))
    }
  }
  if (typeOf(value) !== 'object') return ['the report is not a JSON object']
  walk(value, '')
  return problems
}
