// Which modes read each input of action.yml: the source of the "inputs by mode" view that
// scripts/docs.mjs writes into docs/inputs.md. The settings parser is the authority (src/settings/index.ts
// reads the verify inputs for verify, deploy and reconcile, the rollout inputs for deploy and reconcile,
// the promotion inputs for promote, deploy and reconcile); a test checks this table covers every input
// and that an input refused in a mode's settings is listed for that mode.
export const MODES = ['gate', 'verify', 'deploy', 'promote', 'reconcile']

const VERIFY = ['verify', 'deploy', 'reconcile']
const ROLLOUT = ['deploy', 'reconcile']
const PROMOTE = ['promote', 'deploy', 'reconcile']

/** Input -> the modes that read it; 'all' for the inputs every mode reads. */
export const INPUT_MODES = {
  mode: 'all',
  sha: 'all',
  branch: 'all',
  repository: 'all',
  token: 'all',
  forge: 'all',
  'api-url': 'all',
  'superseded-check': 'all',
  'on-superseded': 'all',
  force: 'all',
  'forge-retry-seconds': 'all',
  environment: 'all',
  report: 'all',
  'check-name': 'all',
  tenants: VERIFY,
  'tenants-url': VERIFY,
  'buildinfo-url': VERIFY,
  'buildinfo-field': VERIFY,
  'buildinfo-headers': VERIFY,
  'settle-budget-seconds': VERIFY,
  'settle-interval-seconds': VERIFY,
  'request-timeout-seconds': VERIFY,
  'settle-confirmations': VERIFY,
  shard: VERIFY,
  'redeploy-url': ROLLOUT,
  'redeploy-method': ROLLOUT,
  'redeploy-body': ROLLOUT,
  'control-plane-token': ROLLOUT,
  'redeploy-command': ROLLOUT,
  canary: ROLLOUT,
  'canary-failure': ROLLOUT,
  'canary-soak-seconds': ROLLOUT,
  'max-parallel': ROLLOUT,
  waves: ROLLOUT,
  'max-failures': ROLLOUT,
  image: PROMOTE,
  'image-tag': 'all',
  'promote-from': PROMOTE,
  'promote-tag': PROMOTE,
  'registry-username': PROMOTE,
  'registry-password': PROMOTE,
  'promote-command': PROMOTE,
  'dry-run': ['reconcile'],
  'respect-deploy-state': ['reconcile'],
  'deploy-timeout-minutes': ['reconcile'],
  deployment: ['deploy'],
  'environment-url': ['deploy'],
  'pr-comment': ['deploy'],
  analysis: ROLLOUT,
  'analysis-url': ROLLOUT,
  'analysis-query': ROLLOUT,
  'analysis-field': ROLLOUT,
  'analysis-headers': ROLLOUT,
  'analysis-max': ROLLOUT,
  'analysis-max-ratio': ROLLOUT,
  'analysis-baseline-floor': ROLLOUT,
  'analysis-interval-seconds': ROLLOUT,
  'analysis-consecutive': ROLLOUT,
  'analysis-inconclusive-limit': ROLLOUT,
  'analysis-baseline-size': ROLLOUT,
  'analysis-waves': ROLLOUT
}

/** The Markdown of the by-mode view: the inputs of every mode first, then each mode's own. */
export function inputsByMode(inputs, fence) {
  const missing = Object.keys(inputs).filter((name) => !(name in INPUT_MODES))
  if (missing.length) throw new Error(`scripts/input-modes.mjs does not say which modes read ${missing.join(', ')}`)
  const first = (text) => {
    const t = String(text ?? '')
      .trim()
      .replace(/\s*\n\s*/g, ' ')
    // The first sentence, or the first two when the first is a label ("Kill switch.").
    const sentences = t.match(/[^.]+(\.(\s|$)|$)/g) ?? [t]
    const shown = sentences[0].length < 25 && sentences[1] ? `${sentences[0]}${sentences[1]}` : sentences[0]
    return shown.trim().replace(/\|/g, '\\|')
  }
  const table = (names) => ['| input | default | what it is |', '|---|---|---|', ...names.map((n) => `| \`${n}\` | ${fence(inputs[n].default)} | ${first(inputs[n].description)} |`)].join('\n')
  const sections = [`### Every mode\n\n${table(Object.keys(inputs).filter((n) => INPUT_MODES[n] === 'all'))}`]
  for (const mode of MODES) {
    const own = Object.keys(inputs).filter((n) => Array.isArray(INPUT_MODES[n]) && INPUT_MODES[n].includes(mode))
    sections.push(`### \`mode: ${mode}\`\n\n${own.length ? table(own) : 'Nothing beyond the inputs of every mode.'}`)
  }
  return sections.join('\n\n')
}
