import type { Bound, Scenario } from './types.js'

/**
 * A campaign's bound in words, printed before its result by `npm run explore`: which jobs run (and when
 * they may start), which commits, how many faults of which kinds, preemptions, latency and the depth cap.
 */
export function boundText(scenario: Scenario, bound: Bound): string {
  return [
    `jobs ${jobsOf(scenario).join(', ')}`,
    `commits C0 < A${scenario.landing.map((c) => ` < ${c}`).join('')}`,
    `records ${!scenario.reconcile ? 'off' : scenario.forge === 'gitea' ? 'as on Gitea (statuses only)' : 'as on GitHub (check runs, ends mirrored to statuses)'}`,
    ...(scenario.forgeApi ? ['forge through the real adapters over its HTTP API (a step per request)'] : []),
    ...(scenario.aging?.length ? [`a thousand newer check suites on ${scenario.aging.join(', ')} at any step after its deploy`] : []),
    `faults ≤ ${bound.maxFaults}${faultKinds(bound)}`,
    `cancellations ≤ ${Math.min(bound.maxCancels, bound.maxFaults)}${bound.cancellable ? ` (of ${bound.cancellable.join(', ')})` : ''}`,
    `preemptions ≤ ${bound.maxPreemptions}`,
    `overtakes ≤ ${bound.maxOvertakes}`,
    `depth cap ${bound.maxSteps} steps`,
    ...(scenario.broken.length ? [`broken builds ${scenario.broken.join(', ')}`] : []),
    ...Object.entries(scenario.brokenOn ?? {}).map(([c, t]) => `${c}'s build broken on ${t!.join(', ')}`),
    ...(scenario.skewMs
      ? [
          `runner clocks ${Object.entries(scenario.skewMs)
            .map(([j, ms]) => `${j} ${ms > 0 ? '+' : ''}${ms / 60_000} min`)
            .join(', ')}`
        ]
      : []),
    ...(scenario.deployTimeoutMinutes ? [`deploy-timeout-minutes ${scenario.deployTimeoutMinutes}`] : []),
    ...(scenario.compareAndSet ? [] : ['no compare-and-set'])
  ].join('; ')
}

function jobsOf(s: Scenario): string[] {
  const deploys = ['A', ...s.landing].flatMap((c) => {
    const first = c === 'A' ? c : `${c} (lands at any step)`
    if (!s.shards) return [first]
    return [`${first} canary job`, ...Array.from({ length: s.shards }, (_, i) => `${c}/${i + 1}`), `${c}/promote (once every shard job succeeded)`]
  })
  const reruns = s.reruns.map((j) => `${j}#2 (re-run${s.rerunWhenCancelled ? ' once cancelled' : ''})`)
  const when = `starts ${s.reconcileAfterDeploys ? 'after the deploy' : 'at any step'}${s.reconcileDelayMs ? `, reads ${s.reconcileDelayMs / 60_000} min later` : ''}`
  const reconcile = s.reconcile ? [`R (${when})`, ...(s.secondReconcile ? [`R2 (${when}, after R)`] : [])] : []
  return [...deploys, ...reruns, ...reconcile]
}

function faultKinds(bound: Bound): string {
  const kinds = Object.entries(bound.faults).filter(([, a]) => a && a.length)
  if (!kinds.length || bound.maxFaults === 0) return ''
  return ` of ${kinds.map(([k, a]) => `${k} ${a!.join('/')}`).join(', ')}`
}
