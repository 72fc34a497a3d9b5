import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { FakeForge, type ForgeFlavour } from '../simulator/fake-forge.js'
import { GitRepo } from '../simulator/git-repo.js'
import { nodeRuntime, TESTED_NODE } from '../simulator/node-runtimes.js'
import { runAction } from '../simulator/run-action.js'
import { NODE_VERSION_ACTION } from './support/node-runtime.js'

const TOKEN = 'ghs_e2eSecretToken_9f8e7d6c5b4a'

/**
 * The built dist/index.js, run as a runner runs it, against the fake forge, under each tested Node release
 * (a Gitea job container's node 20, GitHub's node24): the same table must pass on both.
 */
describe.each(TESTED_NODE.map((t) => t.major))('on Node %i', (major) => {
  let node: string
  beforeAll(async () => {
    node = nodeRuntime(major).bin
    // The action really runs there: a table that passed on the wrong node would prove nothing.
    const probe = await runAction({ node, dist: NODE_VERSION_ACTION, inputs: {} })
    expect(probe.outputs['node-version']).toMatch(new RegExp(`^${major}\\.`))
  })

  describe.each<ForgeFlavour>(['github', 'gitea-1.22', 'gitea-1.23'])('gate mode end to end on %s', (flavour) => {
    let repo: GitRepo
    let forge: FakeForge
    let A: string
    let B: string

    beforeAll(async () => {
      repo = await GitRepo.create()
      A = await repo.commit('A')
      B = await repo.commit('B')
      forge = await FakeForge.start({ flavour, repo, token: TOKEN })
    })
    afterAll(async () => {
      await forge.close()
      await repo.dispose()
    })

    const envFor = (): Record<string, string> =>
      flavour === 'github'
        ? { GITHUB_API_URL: forge.apiUrl, GITHUB_SERVER_URL: forge.serverUrl, GITHUB_REPOSITORY: forge.repository }
        : { GITEA_ACTIONS: 'true', GITHUB_API_URL: forge.apiUrl, GITHUB_SERVER_URL: `${forge.serverUrl}/`, GITHUB_REPOSITORY: forge.repository }

    it("B's job owns main", async () => {
      const r = await runAction({ node, inputs: { mode: 'gate', token: TOKEN }, env: { ...envFor(), GITHUB_SHA: B } })
      expect(r.exitCode).toBe(0)
      expect(r.outputs).toMatchObject({ superseded: 'false', result: 'owner', 'head-sha': B })
    })

    it("A's late job is superseded: neutral success, outputs say why", async () => {
      const r = await runAction({ node, inputs: { mode: 'gate', token: TOKEN }, env: { ...envFor(), GITHUB_SHA: A } })
      expect(r.exitCode).toBe(0)
      expect(r.outputs).toMatchObject({ superseded: 'true', result: 'skipped-superseded', 'head-sha': B })
      expect(r.outputs.reason).toContain(B.slice(0, 7))
      expect(r.commands.some((c) => c.command === 'notice' && c.message.includes('superseded'))).toBe(true)
    })

    it('on-superseded: fail fails the step', async () => {
      const r = await runAction({ node, inputs: { mode: 'gate', token: TOKEN, 'on-superseded': 'fail' }, env: { ...envFor(), GITHUB_SHA: A } })
      expect(r.exitCode).toBe(1)
      expect(r.outputs.superseded).toBe('true')
    })

    it('force: true proceeds although superseded, with a warning', async () => {
      const r = await runAction({ node, inputs: { mode: 'gate', token: TOKEN, force: 'true' }, env: { ...envFor(), GITHUB_SHA: A } })
      expect(r.exitCode).toBe(0)
      expect(r.outputs).toMatchObject({ superseded: 'false', result: 'owner' })
      expect(r.commands.some((c) => c.command === 'warning' && /force/.test(c.message))).toBe(true)
    })

    it('superseded-check: false never asks the forge who owns the branch, loudly', async () => {
      const reads = (): number => forge.requests.filter((q) => ['branch', 'compare', 'commits'].includes(q.route)).length
      const before = reads()
      const r = await runAction({ node, inputs: { mode: 'gate', token: TOKEN, 'superseded-check': 'false' }, env: { ...envFor(), GITHUB_SHA: A } })
      expect(r.exitCode).toBe(0)
      expect(r.outputs.superseded).toBe('false')
      expect(reads()).toBe(before)
      expect(r.commands.some((c) => c.command === 'warning' && /superseded-check: false/.test(c.message))).toBe(true)
    })

    it('a head unreadable through an outage is not superseded, with a warning naming the cause', async () => {
      forge.deny('branch', { status: 503 })
      try {
        const r = await runAction({ node, inputs: { mode: 'gate', token: TOKEN, 'forge-retry-seconds': '1' }, env: { ...envFor(), GITHUB_SHA: A } })
        expect(r.exitCode).toBe(0)
        expect(r.outputs).toMatchObject({ superseded: 'false', result: 'owner', 'head-sha': '' })
        expect(r.commands.some((c) => c.command === 'warning' && /could not read the head of main: a forge outage \(HTTP 503\)/.test(c.message))).toBe(true)
      } finally {
        forge.clearFaults()
      }
    })

    it('a branch that does not exist is a misconfiguration: the step fails naming `branch`', async () => {
      const r = await runAction({ node, inputs: { mode: 'gate', token: TOKEN, branch: 'gone' }, env: { ...envFor(), GITHUB_SHA: A } })
      expect(r.exitCode).toBe(1)
      expect(r.outputs.result).toBe('failed')
      expect(r.commands.find((c) => c.command === 'error')?.message).toMatch(/^Input 'branch': acme\/app has no branch 'gone' \(HTTP 404\)/)
    })

    it.each(['gate', 'deploy'])('a refused token (mode %s) is named once, first, with no record written and no advice to turn a guard off', async (mode) => {
      const before = forge.requests.length
      const inputs: Record<string, string> =
        mode === 'deploy' ? { mode, tenants: 't1', 'buildinfo-url': 'https://{tenant}.example.com/b', 'redeploy-url': 'https://cp.example.com/{tenant}' } : { mode }
      const r = await runAction({ node, inputs: { ...inputs, token: 'expired-token-value' }, env: { ...envFor(), GITHUB_SHA: A } })
      expect(r.exitCode).toBe(1)
      const said = r.commands.filter((c) => c.command === 'error' || c.command === 'warning')
      expect(said).toEqual([{ command: 'error', message: expect.stringMatching(/^Input 'token': the forge refused the token \(HTTP 401\)/) }])
      expect(said[0]!.message).not.toMatch(/superseded-check/)
      // Reads only: the gate's, and the diagnosis'. No check run, no status, no deployment went out.
      expect(forge.requests.slice(before).filter((q) => q.method !== 'GET')).toEqual([])
    })

    it('an abbreviated sha read with a refused token or through a wrong api-url names that input, not `sha`', async () => {
      const refused = await runAction({ node, inputs: { mode: 'gate', token: 'expired-token-value', sha: B.slice(0, 9) }, env: envFor() })
      expect(refused.exitCode).toBe(1)
      expect(refused.commands.find((c) => c.command === 'error')?.message).toMatch(/^Input 'token': the forge refused the token \(HTTP 401\)/)
      // Gitea's web root (no /api/v1) answers an HTML 404 on every API route; on GitHub, a URL under the API that is not it.
      const wrong = flavour === 'github' ? `${forge.apiUrl}/web` : forge.serverUrl
      const misdirected = await runAction({ node, inputs: { mode: 'gate', token: TOKEN, sha: B.slice(0, 9), 'api-url': wrong }, env: envFor() })
      if (flavour === 'github') forge.takeViolations()
      expect(misdirected.exitCode).toBe(1)
      expect(misdirected.commands.find((c) => c.command === 'error')?.message).toMatch(/^Input 'api-url': it does not answer as the (GitHub|Gitea) API/)
    })

    it('a misspelt input is named, with the input it most likely meant', async () => {
      const r = await runAction({ node, inputs: { mode: 'gate', token: TOKEN, 'forge-retry-secs': '5' }, env: { ...envFor(), GITHUB_SHA: B } })
      expect(r.exitCode).toBe(0)
      expect(r.commands).toContainEqual({ command: 'warning', message: "Input 'forge-retry-secs' is not an input of this action, so it is ignored; did you mean 'forge-retry-seconds'?" })
    })

    it('a bad input fails before any request, naming input, value and expected form', async () => {
      const before = forge.requests.length
      const r = await runAction({ node, inputs: { mode: 'gate', token: TOKEN, sha: 'not-a-sha' }, env: envFor() })
      expect(r.exitCode).toBe(1)
      expect(r.stdout).toMatch(/::error::Input 'sha' has the value "not-a-sha"; expected a commit SHA of 7 to 40 hex digits/)
      expect(forge.requests.length).toBe(before)
    })

    it('an abbreviated sha is resolved once, at the start: every report names the full SHA', async () => {
      forge.clearLog()
      const r = await runAction({ node, inputs: { mode: 'gate', token: TOKEN, sha: B.slice(0, 9) }, env: envFor() })
      expect(r.exitCode).toBe(0)
      expect(r.outputs).toMatchObject({ superseded: 'false', result: 'owner' })
      expect(forge.calls('commit')).toHaveLength(1)
      const reported = flavour === 'github' ? forge.checkRuns().map((c) => String(c.create.head_sha)) : forge.statuses().map((s) => s.sha)
      expect(reported.length).toBeGreaterThan(0)
      expect(reported.every((s) => s === B)).toBe(true)
    })

    it('an abbreviated sha the forge does not know is an input error before any side effect', async () => {
      forge.clearLog()
      const r = await runAction({ node, inputs: { mode: 'gate', token: TOKEN, sha: '0badc0ffee' }, env: envFor() })
      expect(r.exitCode).toBe(1)
      expect(r.stdout).toMatch(/::error::Input 'sha' has the value "0badc0ffee"; expected a commit of acme\/app/)
      expect(forge.requests.filter((q) => q.method !== 'GET')).toEqual([])
      // Before blaming `sha`: is api-url the API (its root), and can the token see the repository?
      expect(forge.requests.map((q) => q.route)).toEqual(['commit', 'meta', 'repo'])
    })

    it('never prints the token, even when the forge echoes it back', async () => {
      forge.inject('branch', { status: 400, body: `{"message":"token ${TOKEN} is not allowed here"}` })
      const r = await runAction({ node, inputs: { mode: 'gate', token: TOKEN }, env: { ...envFor(), GITHUB_SHA: A, RUNNER_DEBUG: '1' } })
      expect(r.outputs.superseded).toBe('false')
      // The one line that may carry it is the mask request itself, which the runner consumes.
      const stdout = r.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n')
      expect(r.stdout).toContain(`::add-mask::${TOKEN}`)
      for (const text of [stdout, r.stderr, r.summary, JSON.stringify(r.outputs)]) expect(text).not.toContain(TOKEN)
      expect(stdout).toContain('token *** is not allowed')
    })
  })
})
