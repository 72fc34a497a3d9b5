#!/usr/bin/env node
// The control plane's command-line client, for `redeploy-command`:
//   node redeploy-cli.mjs <control-plane-url> <tenant> <sha> [tag] [current]
// Exits 0 when the redeploy was accepted; otherwise prints the answer on stderr and exits 1.
const [base, tenant, sha, tag = '', current] = process.argv.slice(2)
if (!base || !tenant || !sha) {
  process.stderr.write('usage: redeploy-cli.mjs <control-plane-url> <tenant> <sha> [tag] [current]\n')
  process.exit(2)
}
const body = { tenant, sha, tag, ...(current === undefined ? {} : { current }) }
try {
  const res = await fetch(`${base.replace(/\/$/, '')}/redeploy`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000)
  })
  const text = await res.text()
  if (!res.ok) {
    process.stderr.write(`redeploy of ${tenant} refused: HTTP ${res.status} ${text}\n`)
    process.exit(1)
  }
  process.stdout.write(`redeploy of ${tenant} to ${sha.slice(0, 7)} accepted\n`)
} catch (error) {
  process.stderr.write(`redeploy of ${tenant} failed: ${error.message}\n`)
  process.exit(1)
}
