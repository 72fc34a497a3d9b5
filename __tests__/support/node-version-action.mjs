// A stand-in for dist/index.js that only reports which node ran it, as an action output: proves that
// runAction spawns the node binary it is given, so a table run "on Node 20" really ran there.
import { appendFileSync } from 'node:fs'

appendFileSync(process.env.GITHUB_OUTPUT, `node-version=${process.versions.node}\n`)
