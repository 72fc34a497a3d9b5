import { describe, expect, it } from '@jest/globals'
import type { CommandRunner } from '../src/command/runner.js'
import type { RunContext } from '../src/context.js'
import { promotionStep } from '../src/modes/promotion-step.js'
import type { GateDecision } from '../src/gate/decide.js'
import { promote, type PromotionResult } from '../src/promote/promote.js'
import { parsePromote } from '../src/settings/promote.js'
import { InputReader } from '../src/settings/reader.js'
import { Ancestry } from '../src/forge/ancestry.js'
import type { Forge } from '../src/forge/types.js'
import { SupersededGate } from '../src/gate/gate.js'
import { HttpStatusError } from '../src/http/retry.js'
import { NetworkError } from '../src/http/client.js'
import { recordEnd } from '../src/record/end.js'
import { CancelledError } from '../src/runtime/cancel.js'
import { startCounting } from '../src/report/counters.js'
import type { RedeployRequest, Redeployer } from '../src/rollout/redeploy-types.js'
import { runRollout } from '../src/rollout/rollout.js'
import type { RolloutResult } from '../src/rollout/types.js'
import type { GateSettings } from '../src/settings/common.js'
import type { RolloutSettings } from '../src/settings/rollout.js'
import { VirtualClock } from '../simulator/virtual-clock.js'
import { verifySettingsFor } from './support/factories.js'
import { linearCompare } from './support/linear-forge.js'

/**
 * The ownership-evidence fence on virtual time, with the forge, the tenants and the control plane in
 * memory: every redeploy rests on a gate answer younger than the bound, concurrent tenants share one
 * head read, and an outage that starts mid-rollout stops it instead of letting a redeploy through blind.
 */
const OLD = 'a'.repeat(40)
const T = 'b'.repeat(40)
const NEW = 'c'.repeat(40)
const ORDER = [OLD, T, NEW]

interface HeadRead {
  sentAt: number
  answeredAt: number
  answer: string
}

interface Sent {
  tenant: string
  at: number
}

/** The branch, the tenants and the control plane of one scenario; `head` and `outage` change as it goes. */
class World {
  readonly clock = new VirtualClock()
  head = T
  outage = false
  /** Head reads from now on get no answer until the run is cancelled (then abort, as the forge client's do). */
  hang = false
  /** The run's cancel: the gate's reads and the rollout stop at it. */
  readonly cancel = new AbortController()
  readonly reads: HeadRead[] = []
  readonly sent: Sent[] = []
  readonly serving = new Map<string, string>()

  constructor(
    readonly tenants: string[],
    /** Virtual time a tenant's pre-flight (first) read takes. */
    private readonly preflightMs: (tenant: string) => number,
    private readonly readMs = 200
  ) {
    for (const t of tenants) this.serving.set(t, OLD)
  }

  readonly forge: Forge = {
    kind: 'github',
    repository: 'acme/app',
    branchHead: async () => {
      const sentAt = this.clock.now()
      if (this.hang) await this.clock.sleep(3_600_000, this.cancel.signal).catch(() => Promise.reject(new NetworkError('GET branch main was cancelled', 'CANCELLED')))
      await this.clock.sleep(this.readMs)
      if (this.outage) throw new HttpStatusError('GET branch main', 503, '', undefined)
      this.reads.push({ sentAt, answeredAt: this.clock.now(), answer: this.head })
      return this.head
    },
    compare: linearCompare(ORDER),
    resolveCommit: async (ref: string) => ref,
    createCommitStatus: async () => undefined
  }

  private readonly probed = new Set<string>()
  readonly prober = {
    probe: async (tenant: string) => {
      const first = !this.probed.has(tenant)
      this.probed.add(tenant)
      await this.clock.sleep(first ? this.preflightMs(tenant) : 10)
      return { sha: this.serving.get(tenant), status: 200 }
    }
  }

  readonly redeployer: Redeployer = {
    redeploy: async (req: RedeployRequest) => {
      this.sent.push({ tenant: req.tenant, at: this.clock.now() })
      this.serving.set(req.tenant, req.sha)
      return { ok: true, detail: '' }
    }
  }

  run(gateSettings: Partial<GateSettings> = {}, rollout: Partial<RolloutSettings> = {}): Promise<RolloutResult> {
    const settings: GateSettings = { enabled: true, onSuperseded: 'skip', force: false, maxAgeMs: 2000, ...gateSettings }
    const target = { sha: T, branch: 'main', environment: 'production' }
    const ancestry = new Ancestry(this.forge, this.clock)
    const gate = new SupersededGate(this.forge, ancestry, target, settings, { clock: this.clock, signal: this.cancel.signal })
    return this.clock.run(() =>
      runRollout({
        fleet: this.tenants,
        rollout: {
          imageTag: '{sha}',
          tag: T,
          driver: { kind: 'command', argv: ['true'] },
          canary: [],
          soakMs: 0,
          maxParallel: 2,
          waves: [],
          wavesRaw: '',
          maxFailures: 0,
          requestTimeoutMs: 2000,
          canaryFailure: 'hold',
          ...rollout
        },
        verify: verifySettingsFor('http://tenants.invalid/{tenant}', { budgetMs: 60_000, intervalMs: 1000, requestTimeoutMs: 2000, concurrency: 1000 }),
        target,
        gateSettings: settings,
        gate,
        ancestry,
        prober: this.prober,
        redeployer: this.redeployer,
        clock: this.clock,
        signal: this.cancel.signal
      })
    )
  }

  /** How old the newest head answer was when each redeploy was sent. */
  evidenceAges(): number[] {
    return this.sent.map((s) => s.at - Math.max(...this.reads.filter((r) => r.answeredAt <= s.at).map((r) => r.answeredAt)))
  }
}

describe('a first redeploy after a long wait', () => {
  it('is sent on a fresh answer: a pre-flight read longer than the bound reads the head again', async () => {
    const w = new World(['t1', 't2'], (t) => (t === 't2' ? 10_000 : 50))
    const result = await w.run()
    expect(result.result).toBe('deployed')
    expect(w.sent.map((s) => s.tenant).sort()).toEqual(['t1', 't2'])
    for (const age of w.evidenceAges()) expect(age).toBeLessThan(2000)
    // The wave gate, then t2's fence after its 10 s read.
    expect(w.reads.length).toBeGreaterThanOrEqual(2)
  })

  it('is not sent when the head moved on during the wait: the job ends superseded, the tenant untouched', async () => {
    const w = new World(['t1', 't2'], (t) => (t === 't2' ? 10_000 : 50))
    void w.clock.sleep(5_000).then(() => (w.head = NEW))
    const result = await w.run()
    expect(result.result).toBe('skipped-superseded')
    expect(w.sent.map((s) => s.tenant)).toEqual(['t1'])
    expect(w.serving.get('t2')).toBe(OLD)
    const t2 = result.tenants.find((t) => t.tenant === 't2')!
    expect(t2.action).toBe('stopped-superseded')
    expect(t2.redeployError).toMatch(/^not sent, because this job is superseded/)
  })

  it('under force: true, the fence is not asked (break glass)', async () => {
    const w = new World(['t1', 't2'], (t) => (t === 't2' ? 10_000 : 50))
    void w.clock.sleep(5_000).then(() => (w.head = NEW))
    const result = await w.run({ force: true })
    expect(w.sent.map((s) => s.tenant).sort()).toEqual(['t1', 't2'])
    expect(result.result).not.toBe('skipped-superseded')
  })
})

describe('a cancel while the fence reads the head before a redeploy', () => {
  it('ends the job cancelled (not failed on an outage): nothing is sent, the tenant failed nothing, the end record says cancelled', async () => {
    const w = new World(['t1', 't2'], (t) => (t === 't2' ? 10_000 : 50))
    // t2's fence reads the head afresh after its 10 s pre-flight; that read hangs, and the cancel comes at 12 s.
    void w.clock.sleep(5_000).then(() => (w.hang = true))
    void w.clock.sleep(12_000).then(() => w.cancel.abort(new CancelledError('SIGINT')))
    const result = await w.run()
    expect(result.result).toBe('cancelled')
    expect(result.reason).toBe('The run was cancelled during wave 1; nothing new was started after that.')
    expect(w.sent.map((s) => s.tenant)).toEqual(['t1'])
    expect(result.tenants.find((t) => t.tenant === 't2')).toMatchObject({ action: 'not-started' })
    expect(result.tenants.find((t) => t.tenant === 't2')?.redeployError).toBeUndefined()
    expect(recordEnd({ result: result.result, stop: result.stop, tenants: [] })).toBe('cancelled')
  })
})

describe('an outage of the head read', () => {
  it('starting mid-wave, after the head was read: nothing is sent blind, the rollout fails naming the outage', async () => {
    const w = new World(['t1', 't2'], (t) => (t === 't2' ? 10_000 : 50))
    void w.clock.sleep(5_000).then(() => (w.outage = true))
    const result = await w.run()
    expect(result.result).toBe('failed')
    expect(result.reason).toMatch(/^Stopped during wave 1: the head of main, readable earlier in this job, could not be read within the forge retry budget \(a forge outage \(HTTP 503\)/)
    expect(w.sent.map((s) => s.tenant)).toEqual(['t1'])
    const t2 = result.tenants.find((t) => t.tenant === 't2')!
    expect(t2).toMatchObject({ action: 'not-started' })
    expect(t2.redeployError).toMatch(/^not sent, because the head of main, readable earlier in this job, could not be read/)
  })

  it('from the start (never readable in this job): the fail-safe proceeds', async () => {
    const w = new World(['t1', 't2'], (t) => (t === 't2' ? 10_000 : 50))
    w.outage = true
    const result = await w.run()
    expect(result.result).toBe('deployed')
    expect(w.sent.map((s) => s.tenant).sort()).toEqual(['t1', 't2'])
  })

  it('starting between waves: the next wave gate stops the rollout before any of its redeploys', async () => {
    const w = new World(['t1', 't2', 't3'], () => 50)
    const result = await w.clock.run(async () => {
      const run = w.run({}, { canary: ['t1'], maxParallel: 2 })
      // After the canary's redeploy, before wave 1's gate.
      while (w.sent.length === 0) await w.clock.sleep(10)
      w.outage = true
      return run
    })
    expect(result.result).toBe('failed')
    expect(result.reason).toMatch(/^Stopped before wave 1: the head of main, readable earlier/)
    expect(w.sent.map((s) => s.tenant)).toEqual(['t1'])
  })
})

describe('a 10,000-tenant wave', () => {
  it('makes a bounded number of head reads, every redeploy on an answer younger than the bound', async () => {
    const tenants = Array.from({ length: 10_000 }, (_, i) => `t${i}`)
    // Pre-flight reads of 0 to 9.9 s: first attempts spread over ten seconds, many at the same instant.
    const w = new World(tenants, (t) => (Number(t.slice(1)) % 100) * 100)
    const counters = startCounting()
    const result = await w.run({}, { maxParallel: 10_000 })
    expect(result.result).toBe('deployed')
    expect(w.sent).toHaveLength(10_000)
    for (const age of w.evidenceAges()) expect(age).toBeLessThan(2000)
    // One read a bound (2 s) over the ~10 s of first attempts, plus the wave gate: not one per tenant.
    expect(counters.gateReads).toBe(w.reads.length)
    expect(counters.gateReads).toBeLessThanOrEqual(12)
    expect(counters.gateChecks).toBeGreaterThanOrEqual(10_000)
  }, 120_000)
})

describe('promote-command', () => {
  const settings = parsePromote(new InputReader({ INPUT_IMAGE: 'registry.example.com/team/app', 'INPUT_PROMOTE-COMMAND': 'retag {source} {target}' }), 'staging-{sha7}', true)!

  async function promoteWithGate(world: World, asked: boolean): Promise<{ result: PromotionResult; ran: number }> {
    let ran = 0
    const runner: CommandRunner = { run: async () => (ran++, { exitCode: 0, stdout: '', stderrTail: '' }) }
    const target = { sha: T, branch: 'main', environment: 'production' }
    const gate = new SupersededGate(world.forge, new Ancestry(world.forge, world.clock), target, { enabled: true, onSuperseded: 'skip', force: false, maxAgeMs: 2000 }, { clock: world.clock })
    const verdict = (d: GateDecision): { superseded: boolean; reason: string } => ({ superseded: d.superseded, reason: d.reason })
    const result = await world.clock.run(async () => {
      if (asked) await gate.check()
      // The caller's answer ages: a slow step between the mode's gate and the command.
      await world.clock.sleep(10_000)
      return promote({
        settings,
        sha: T,
        environment: 'production',
        force: false,
        registry: undefined,
        runner,
        ancestry: { isAhead: async () => false },
        checkGate: async () => verdict(await gate.check()),
        checkFreshGate: async () => verdict(await gate.fresh()),
        gateAsked: asked
      })
    })
    return { result, ran }
  }

  it('runs only on an answer younger than the bound: a stale answer is read again, and a newer head stops it', async () => {
    const w = new World([], () => 0)
    void w.clock.sleep(5_000).then(() => (w.head = NEW))
    const { result, ran } = await promoteWithGate(w, true)
    expect(ran).toBe(0)
    expect(result.outcome).toBe('skipped-superseded')
    expect(result.reason).toMatch(/promote-command was not run/)
    expect(w.reads).toHaveLength(2)
  })

  it('runs when the fresh answer still says this job owns the branch', async () => {
    const w = new World([], () => 0)
    const { result, ran } = await promoteWithGate(w, true)
    expect(ran).toBe(1)
    expect(result.outcome).toBe('promoted')
  })
})

describe('a promotion whose head read right before the write fails moves no tag: promote-command is not run and it fails naming the outage', () => {
  const rows: [string, boolean, string, RegExp][] = [
    ['the head readable earlier in this job, then an outage', false, 'identical', /^Promotion failed: the head of main, readable earlier in this job, could not be read \(a forge outage \(HTTP 503\)/],
    [
      'the head never readable in this job: the outage fail-safe lets redeploys through, never a tag move',
      true,
      'unreadable',
      /^Promotion failed: the head of main could not be read \(a forge outage \(HTTP 503\).*so the tag was not moved: a registry write needs the forge's answer/
    ]
  ]
  it.each(rows)('%s', async (_case, fromTheStart, firstBasis, reason) => {
    const w = new World([], () => 0)
    const target = { sha: T, branch: 'main', environment: 'production' }
    const gateSettings: GateSettings = { enabled: true, onSuperseded: 'skip', force: false, maxAgeMs: 2000 }
    const gate = new SupersededGate(w.forge, new Ancestry(w.forge, w.clock), target, gateSettings, { clock: w.clock })
    const settings = parsePromote(new InputReader({ INPUT_IMAGE: 'registry.example.com/team/app', 'INPUT_PROMOTE-COMMAND': 'retag {source} {target}' }), 'staging-{sha7}', true)!
    let ran = 0
    const runner: CommandRunner = { run: async () => (ran++, { exitCode: 0, stdout: '', stderrTail: '' }) }
    const ctx = { settings: { promote: settings, target, gate: gateSettings }, gate, clock: w.clock, signal: new AbortController().signal } as unknown as RunContext
    w.outage = fromTheStart
    const step = await w.clock.run(async () => {
      expect((await gate.check()).basis).toBe(firstBasis)
      w.outage = true
      return promotionStep(ctx, runner)
    })
    expect(ran).toBe(0)
    expect(step.result.outcome).toBe('failed')
    expect(step.result.reason).toMatch(reason)
  })
})

describe('the gate as a fence', () => {
  const gateOf = (w: World): SupersededGate =>
    new SupersededGate(
      w.forge,
      new Ancestry(w.forge, w.clock),
      { sha: T, branch: 'main', environment: 'production' },
      { enabled: true, onSuperseded: 'skip', force: false, maxAgeMs: 2000 },
      { clock: w.clock }
    )

  it('questions asked at once share one read; an answer younger than the bound is reused, an older one is not', async () => {
    const w = new World([], () => 0)
    const gate = gateOf(w)
    await w.clock.run(async () => {
      await Promise.all(Array.from({ length: 50 }, () => gate.fresh()))
      expect(w.reads).toHaveLength(1)
      await w.clock.sleep(1_500)
      await gate.fresh()
      expect(w.reads).toHaveLength(1)
      await w.clock.sleep(600)
      await gate.fresh()
      expect(w.reads).toHaveLength(2)
    })
  })

  it('a retry wants a read sent after its wait began; a second send to a tenant wants a new read', async () => {
    const w = new World([], () => 0)
    const gate = gateOf(w)
    await w.clock.run(async () => {
      await gate.fresh()
      const waitFrom = w.clock.now()
      await w.clock.sleep(100)
      // Young (100 ms), but sent before the wait: not good enough for the retry.
      await gate.fresh({ sentSince: waitFrom })
      expect(w.reads).toHaveLength(2)
      expect(w.reads[1]!.sentAt).toBeGreaterThanOrEqual(waitFrom)
      await gate.fresh({ readNow: true })
      expect(w.reads).toHaveLength(3)
    })
  })
})
