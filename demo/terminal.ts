import type { LogLine } from './job-log.js'
import type { JobName, JobResult } from './jobs.js'
import { displayWidth, markdownToText, type Paint, wrap } from './markdown-text.js'
import type { DemoPlan } from './plan.js'
import type { Stage } from './stage.js'
import type { Verdict } from './verdict.js'

/** The demo's terminal narration: one method per moment of the story, colours only on a terminal. */
const JOB_COLOUR = { A: 'yellow', B: 'blue' } as const
const short = (sha: string): string => sha.slice(0, 7)
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`

export class Terminal {
  private commits: Stage['commits'] | undefined

  constructor(
    private readonly write: (text: string) => void,
    private readonly paint: Paint,
    private readonly width: number
  ) {}

  private line(text = ''): void {
    this.write(`${text}\n`)
  }

  private rule(title: string): void {
    const bar = '━'.repeat(Math.max(3, Math.min(this.width, 100) - displayWidth(title) - 6))
    this.line()
    this.line(this.paint('bold', `━━━ ${title} ${bar}`))
  }

  private tag(name: JobName): string {
    return this.paint(['bold', JOB_COLOUR[name]], name)
  }

  intro(plan: DemoPlan): void {
    this.line(this.paint('bold', 'Rollout Guard demo: the incident, replayed on this machine'))
    this.line(`Commit B lands two minutes after commit A. B's deploy job runs first; A's job gets a runner late,`)
    this.line(`after B owns main, and must step aside instead of rolling ${plan.tenants.length} tenants and :latest back to A.`)
    this.line()
  }

  stage(stage: Stage, plan: DemoPlan): void {
    const { fleet, commits, drains, images } = stage
    this.commits = commits
    const d = Object.values(drains)
    const row = (k: string, v: string): void => this.line(`  ${this.paint('dim', k.padEnd(14))}${v}`)
    this.line('Fleet simulator on 127.0.0.1 (no network needed):')
    const forge = fleet.forge.flavour === 'github' ? 'GitHub' : `Gitea ${fleet.forge.flavour.slice('gitea-'.length)}`
    row('forge', `${fleet.forge.apiUrl}  fake ${forge} API answering from a real git repository`)
    row('tenants', `${fleet.names.length} tenants, drain ${secs(Math.min(...d))} to ${secs(Math.max(...d))} after a redeploy  ${fleet.tenants.buildinfoTemplate}`)
    row('control plane', fleet.controlPlane.redeployUrl)
    row('registry', images ? `${images.image} (docker-registry), :latest holds the base image` : this.paint('yellow', `none, promotion skipped: ${stage.skipReason}`))
    row('main', `base ${short(commits.base)} ← A ${short(commits.A)} ← B ${short(commits.B)}   (main is at B)`)
    row('workflow', `mode deploy, canary ${plan.canary}, soak ${plan.soakSeconds} s, waves of ${plan.waveSize}${images ? ', then promote :latest' : ''}`)
    this.line()
  }

  jobStart(name: JobName, sha: string, plan: DemoPlan): void {
    const why = name === 'B' ? 'deploys' : `starts late: B's canary (${plan.canary}) is already being redeployed`
    this.line(`${this.paint('bold', '▶')} ${this.tag(name)}  job for ${name} (${short(sha)}) ${why}`)
  }

  jobLine(name: JobName, line: LogLine, fleet: () => string): void {
    const prefix = `  ${this.tag(name)} ${this.paint('dim', '│')} `
    const text = line.text.split('\n')[0] ?? ''
    switch (line.kind) {
      case 'group':
        return this.line(`${prefix}${this.paint('bold', `▸ ${text}`)}${name === 'B' ? this.paint('dim', `   (${fleet()})`) : ''}`)
      case 'notice':
        return this.line(`${prefix}${this.paint('cyan', `notice: ${text}`)}`)
      case 'warning':
        return this.line(`${prefix}${this.paint('yellow', `warning: ${text}`)}`)
      case 'error':
        return this.line(`${prefix}${this.paint('red', `error: ${text}`)}`)
      default:
        return this.line(`${prefix}${text}`)
    }
  }

  jobEnd(job: JobResult): void {
    const { exitCode, outputs } = job.run
    // A job that stepped aside did its job: say so, rather than leave zeros that read as a failure.
    const how = outputs.superseded === 'true' ? `exit ${exitCode}, superseded: nothing to do` : `exit ${exitCode}, result ${outputs.result ?? 'none'}`
    this.line(`${this.paint('bold', '■')} ${this.tag(job.name)}  job for ${job.name} finished after ${secs(job.endedAt - job.startedAt)}: ${this.paint(exitCode === 0 ? 'green' : 'red', how)}`)
  }

  summary(job: JobResult): void {
    this.rule(`Job ${job.name} (${short(job.sha)}): job summary`)
    // The summary's last line names the JSON report in the job's temporary folder, gone by now.
    const md = job.run.summary.replace(/^JSON report: .*$/m, '')
    this.line(markdownToText(md, { width: this.width, paint: this.paint }) || this.paint('dim', '(no job summary was written)'))
  }

  /** The analysis scene's job, after the incident's: how it ended and its summary. */
  scene(title: string, exitCode: number, result: string, summary: string): void {
    this.rule(title)
    this.line(`${this.paint('bold', '■')} exit ${exitCode}, result ${this.paint(exitCode === 0 ? 'green' : 'red', result)}`)
    this.line(markdownToText(summary.replace(/^JSON report: .*$/m, ''), { width: this.width, paint: this.paint }) || this.paint('dim', '(no job summary was written)'))
  }

  checks(verdict: Verdict): void {
    this.rule("Checks, from the simulator's records")
    for (const c of verdict.checks) {
      const [first = '', ...rest] = wrap(`${c.label} — ${c.evidence}`, this.width - 4, '')
      const [label, evidence = ''] = first.split(/ — (.*)/s)
      this.line(`  ${c.ok ? this.paint('green', '✓') : this.paint('red', '✗')} ${label}${first.includes(' — ') ? this.paint('dim', ` — ${evidence}`) : ''}`)
      for (const r of rest) this.line(`    ${this.paint('dim', r)}`)
    }
  }

  stopped(what: string[], failures: string[], ms: number): void {
    this.line()
    if (what.length) this.line(this.paint('dim', `Stopped ${what.join(', ')}; temporary folders removed. The demo took ${secs(ms)}.`))
    for (const f of failures) this.line(this.paint('red', `Could not stop ${f}`))
  }

  verdict(v: Verdict, htmlPath: string): void {
    this.line()
    this.line(this.paint(['bold', v.ok ? 'green' : 'red'], v.line))
    if (v.note) this.line(this.paint('dim', v.note))
    this.line(`HTML report: ${htmlPath}`)
  }

  error(message: string): void {
    this.line(this.paint('red', message))
  }

  interrupted(name: NodeJS.Signals): void {
    this.line()
    this.line(this.paint('yellow', `${name}: cancelling the jobs and stopping everything the demo started...`))
  }
}
