import { parseArgs } from 'node:util'
import { TENANT_NAMES } from './plan.js'
import { DEFAULT_OUT, runDemo } from './run-demo.js'

/** `npm run demo -- [--forge github|gitea] [--out report.html] [--no-registry] [--analysis-scene] [--dist build/index.js]` */
const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    'no-registry': { type: 'boolean', default: false },
    dist: { type: 'string' },
    'analysis-scene': { type: 'boolean', default: false },
    forge: { type: 'string', default: 'github' },
    help: { type: 'boolean', short: 'h', default: false }
  }
})

if (values.help) {
  console.log(`npm run demo -- [--forge github|gitea] [--out <file.html>] [--no-registry] [--analysis-scene] [--dist <file>]

Replays the incident on a fleet simulated on this machine: B's deploy job rolls ${TENANT_NAMES.length} tenants forward and
promotes :latest; A's older job starts late and steps aside. Needs no network and no configuration.

  --forge <forge>  the forge the fake plays: github (default) or gitea (Gitea 1.22: commit statuses, no Checks API)
  --out <file>     where the HTML report goes (default ${DEFAULT_OUT})
  --no-registry    run without the local registry; promotion is shown as skipped
  --analysis-scene then a scene where C's canary reports its commit but fails its health analysis
                   against the tenants still on B, and goes back to B
  --dist <file>    another build of the action (development; default dist/index.js)`)
} else if (values.forge !== 'github' && values.forge !== 'gitea') {
  console.error(`--forge has the value ${JSON.stringify(values.forge)}; expected github or gitea`)
  process.exitCode = 2
} else {
  const result = await runDemo({ out: values.out, registry: !values['no-registry'], dist: values.dist, forge: values.forge, analysisScene: values['analysis-scene'] })
  process.exitCode = result.exitCode
}
