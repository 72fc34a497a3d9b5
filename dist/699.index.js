export const id = 699;
export const ids = [699];
export const modules = {

/***/ 3699:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runReconcileMode: () => (/* binding */ runReconcileMode)
});

// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
// EXTERNAL MODULE: ./src/analysis/canary.ts + 6 modules
var canary = __webpack_require__(1479);
// EXTERNAL MODULE: ./src/command/runner.ts
var command_runner = __webpack_require__(9575);
// EXTERNAL MODULE: ./src/gate/gate.ts + 1 modules
var gate_gate = __webpack_require__(3995);
;// CONCATENATED MODULE: ./src/reconcile/canary.ts
/**
 * Pure. With a record that says a canary of the head verified, reconcile heals the behind tenants
 * directly (a configured canary among them still goes first, as in a deploy). Without one, it verifies
 * a canary first: the `canary` tenants of this job's fleet not ahead of the head (behind and unreachable
 * ones are redeployed, in-sync ones verified where they are, soaked either way), else the first behind
 * tenant, the first of its first wave. Other unreachable tenants are left alone, as always.
 */
function planReconcile(drift, configured, verified) {
    const behind = drift.filter((d) => d.state === 'behind').map((d) => d.tenant);
    if (verified || behind.length === 0) {
        const canary = configured.filter((c) => behind.includes(c));
        return { fleet: behind, canary, canaryFirst: false, note: canary.length ? `canary: ${canary.join(', ')}` : 'no canary' };
    }
    // A tenant ahead of the head serves a newer commit: no canary of the head. An unreachable one is tried, as a
    // deploy tries its canary: it may be down on this very build, and is then the failure that holds the head.
    const usable = new Set(drift.filter((d) => d.state !== 'ahead').map((d) => d.tenant));
    const chosen = configured.filter((c) => usable.has(c));
    const canary = chosen.length ? chosen : [behind[0]];
    const skipped = configured.filter((c) => !usable.has(c));
    const why = chosen.length
        ? `the \`canary\` tenant(s) ${canary.join(', ')}`
        : `${canary[0]}, the first tenant of its first wave${configured.length ? ` (no \`canary\` tenant serves the head or older: ${skipped.join(', ')} ahead of it)` : ''}`;
    const inCanary = new Set(canary);
    return {
        fleet: drift.map((d) => d.tenant).filter((t) => behind.includes(t) || inCanary.has(t)),
        canary,
        canaryFirst: true,
        note: `canary first: ${why}`
    };
}

// EXTERNAL MODULE: ./src/debug.ts
var debug = __webpack_require__(2668);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/report/publish/problems.ts
var problems = __webpack_require__(1796);
// EXTERNAL MODULE: ./src/settings/reconcile.ts
var reconcile = __webpack_require__(2541);
// EXTERNAL MODULE: ./src/record/evidence.ts
var evidence = __webpack_require__(1812);
// EXTERNAL MODULE: ./src/record/state.ts + 1 modules
var record_state = __webpack_require__(3647);
// EXTERNAL MODULE: ./src/record/read.ts
var read = __webpack_require__(9629);
;// CONCATENATED MODULE: ./src/reconcile/deploy-gate.ts








/** The permission reading deploy records needs, named in the failure when it is missing. */
function recordsPermission(kind) {
    return kind === 'github'
        ? "`checks: read` and `statuses: read` in the job's `permissions:` (the check runs and commit statuses deploys write)"
        : "read access to the repository's commit statuses (a token that can read the repository)";
}
/**
 * Reconcile's look at the head's deploy records, logged and counted: deferred and held are the caller's
 * to act on. Asked before anything is redeployed, again before every wave and before the promotion, so
 * a deploy that starts on the head (or rejects it) while reconcile rolls stops it there. Records that
 * cannot be read never mean "none": a transient failure defers (the next scheduled run tries again);
 * a refused token fails the step, naming the permission to grant.
 */
async function deployStateGate(ctx, head, timeline, where = 'before anything is redeployed') {
    const { settings } = ctx;
    const rs = settings.reconcile;
    if (!rs?.respectDeployState) {
        const reason = 'respect-deploy-state is false: the deploy records on the head are not read, so reconcile may redo the work of a deploy still running (bypassing its canary) or roll out a commit whose canary failed.';
        if (where === 'before anything is redeployed')
            log/* warning */.$e(reason, { title: 'Deploy state ignored' });
        return { action: 'proceed', reason };
    }
    const state = await timeline.run(`deploy state (${where})`, () => log/* group */.Os(`Deploy records on ${head.slice(0, 7)} named '${rs.deployRecordName}', ${where}`, async () => {
        try {
            // Its own record too: a reconcile whose canary of the head failed holds the next one.
            const own = settings.report.kind === 'none' ? undefined : settings.report.name;
            const records = await (0,read/* readDeployRecords */.S)(ctx.forge, head, { whole: rs.deployRecordName, shard: (i) => (0,reconcile/* shardRecordName */.pw)(rs, i), reconcile: own });
            log/* info */.pq(`${records.length} deploy record(s) with a run stamp`);
            (0,debug/* debug */.Yz)(() => `deploy records read: ${JSON.stringify(records)}; timeout ${rs.deployTimeoutMs} ms`);
            // "Now" on the forge's clock, as the answer to this very read told it: a runner's own clock is
            // never compared with the records' times (docs/deploy-records.md, "Liveness").
            const forgeNow = ctx.forge.forgeNow?.();
            if (forgeNow === undefined)
                log/* info */.pq('The forge did not say its time (no Date header on its answers): no deploy record can be presumed dead.');
            const state = (0,record_state/* decideDeployState */.Z)(records, { now: forgeNow === undefined ? undefined : new Date(forgeNow), timeoutMs: rs.deployTimeoutMs, sha: head, name: rs.deployRecordName });
            return { ...state, evidence: (0,evidence/* canaryEvidence */.m)(records, head) };
        }
        catch (error) {
            if ((0,problems/* troubleOf */.LH)(error) === 'permission') {
                throw new Error(`The deploy records on ${head.slice(0, 7)} could not be read: ${(0,errors/* errorMessage */.g)(error)}. Reconcile needs ${recordsPermission(ctx.forge.kind)} to tell a live or rejected deploy from none; ${where === 'before anything is redeployed' ? 'nothing was redeployed' : `the run stopped ${where}`}.`, { cause: error });
            }
            return {
                action: 'deferred',
                unreadable: true,
                reason: `The deploy records on ${head.slice(0, 7)} could not be read (${(0,errors/* errorMessage */.g)(error)}); reconcile cannot tell whether a deploy is live or rejected the head, so it redeploys nothing and the next scheduled run tries again.`
            };
        }
    }), (s) => ({ outcome: s.action, detail: s.reason }));
    const counters = ctx.counters;
    switch (state.action) {
        case 'deferred':
            counters.defers = 1;
            if (state.unreadable)
                log/* warning */.$e(state.reason, { title: 'Deploy records unreadable: deferred' });
            else
                log/* notice */.lm(state.reason, { title: 'Deferred to a deploy in progress' });
            break;
        case 'held':
            counters.holds = 1;
            if (settings.gate.force)
                log/* warning */.$e(`${state.reason} Overridden by force: true: reconciling toward it anyway.`, { title: 'Hold overridden by force' });
            else
                log/* warning */.$e(state.reason, { title: `Held: ${head.slice(0, 7)}` });
            break;
        case 'presumed-dead':
            log/* warning */.$e(state.reason, { title: 'Deploy presumed dead' });
            break;
        default:
            log/* info */.pq(state.reason);
    }
    return state;
}
/** True when the state stops reconcile: a live deploy owns the fleet, or its deploy rejected the head. */
function stops(state, force) {
    return state.action === 'deferred' || (state.action === 'held' && !force);
}

// EXTERNAL MODULE: ./src/record/standing.ts
var standing = __webpack_require__(9121);
// EXTERNAL MODULE: ./node_modules/p-limit/index.js
var p_limit = __webpack_require__(4115);
// EXTERNAL MODULE: ./src/verify/fleet.ts + 7 modules
var verify_fleet = __webpack_require__(884);
;// CONCATENATED MODULE: ./src/reconcile/drift.ts


/**
 * One read per tenant, no settle wait: reconcile looks for tenants a cancelled or failed deploy left
 * behind, not for tenants still draining (a deploy in progress owns those, and the gate stops reconcile
 * when the head moves). A tenant whose commit is not known to be the head or newer counts as behind.
 */
async function readDrift(fleet, head, prober, ancestry, concurrency, signal) {
    const limit = (0,p_limit/* default */.A)(concurrency);
    return Promise.all(fleet.map((tenant) => limit(async () => {
        const obs = await prober.probe(tenant, signal);
        const seen = await (0,verify_fleet/* classify */.L8)(obs, head, ancestry);
        if (seen === 'unreadable')
            return { tenant, state: 'unreachable', error: obs.error ?? 'no commit in the answer' };
        if (seen === 'on-target')
            return { tenant, state: 'in-sync', sha: obs.sha };
        if (seen === 'ahead')
            return { tenant, state: 'ahead', sha: obs.sha };
        const cmp = await ancestry.relation(obs.sha, head);
        return { tenant, state: 'behind', sha: obs.sha, behindBy: cmp.relation === 'ahead' ? cmp.aheadBy : undefined };
    })));
}

// EXTERNAL MODULE: ./src/rollout/redeployer.ts + 2 modules
var redeployer = __webpack_require__(1537);
// EXTERNAL MODULE: ./src/rollout/rollout.ts + 10 modules
var rollout_rollout = __webpack_require__(5257);
// EXTERNAL MODULE: ./src/rollout/shard.ts
var rollout_shard = __webpack_require__(513);
// EXTERNAL MODULE: ./src/rollout/timeline.ts
var rollout_timeline = __webpack_require__(3122);
// EXTERNAL MODULE: ./src/template.ts
var template = __webpack_require__(5237);
// EXTERNAL MODULE: ./src/verify/prober.ts + 1 modules
var verify_prober = __webpack_require__(5340);
// EXTERNAL MODULE: ./src/verify/tenants.ts
var tenants = __webpack_require__(1396);
// EXTERNAL MODULE: ./src/modes/finish.ts
var finish = __webpack_require__(8125);
// EXTERNAL MODULE: ./src/modes/progress.ts
var progress = __webpack_require__(8285);
// EXTERNAL MODULE: ./src/modes/promotion-step.ts + 4 modules
var promotion_step = __webpack_require__(7252);
;// CONCATENATED MODULE: ./src/modes/reconcile-mode.ts




















/**
 * `mode: reconcile`, for a scheduled workflow: bring the fleet (and `:latest`) to the head of the branch
 * when a cancelled or failed deploy left tenants behind. One read per tenant finds the drift; behind
 * tenants go through the same forward-only rollout as a deploy, with the gate stopping it as soon as
 * the head moves (a newer deploy owns the fleet then). Ahead and unreachable tenants are left alone.
 * Before any of that, the head's deploy records decide whether to touch the fleet at all: a deploy in
 * progress owns it (`deferred`), and a head whose own deploy rejected it is not rolled out (`held`).
 */
async function runReconcileMode(ctx, runner = command_runner/* execRunner */.M6) {
    const { settings } = ctx;
    const { verify, rollout } = settings;
    if (!verify || !rollout)
        throw new Error('mode reconcile started without its settings');
    const startedAt = new Date();
    const timeline = new rollout_timeline/* Timeline */.K(ctx.clock);
    // Without the head there is nothing to reconcile to: this fails the step (unlike the deploy gate).
    const head = await timeline.run('head', () => log/* group */.Os('Branch head', () => ctx.forge.branchHead(settings.target.branch)), (h) => ({ outcome: 'read', detail: h }));
    const target = { ...settings.target, sha: head };
    // The check or status goes on the commit this run reconciles to, so it can only start now.
    void ctx.reporter.start(head);
    const tag = (0,template/* render */.XX)(rollout.imageTag, (0,template/* commitVars */.gK)(head, target.environment));
    const gate = new gate_gate/* SupersededGate */.o(ctx.forge, ctx.ancestry, target, settings.gate, { clock: ctx.clock });
    const headCtx = { ...ctx, settings: { ...settings, target }, gate };
    log/* info */.pq(`${settings.target.branch} is at ${head.slice(0, 7)}; reconciling to tag ${tag}`);
    // A live deploy owns the fleet, and a head its own deploy rejected is not rolled out: read the
    // head's deploy records before anything is redeployed or promoted.
    let state = await deployStateGate(ctx, head, timeline);
    if (stops(state, settings.gate.force)) {
        const stopped = { result: state.action, reason: state.reason, headSha: head, tenants: [], phases: timeline.phases };
        return withOutputs(await (0,finish/* finishRun */.J)(headCtx, { rollout: stopped, gate: undefined, startedAt, tag, deployState: state }), { drifted: '[]', healed: '[]' });
    }
    const shard = (0,rollout_shard/* applyShard */.B_)(await log/* group */.Os('Tenants', () => (0,tenants/* loadTenants */.G)(verify, ctx.http, ctx.clock, ctx.signal)), settings.shard);
    const fleet = shard.tenants;
    if (shard.label)
        log/* info */.pq(`This job is ${shard.label}`);
    const prober = (0,verify_prober/* createProber */.X7)(verify, ctx.http, head);
    const drift = await timeline.run('drift', () => log/* group */.Os(`Drift: ${fleet.length} tenant(s), one read each`, () => readDrift(fleet, head, prober, ctx.ancestry, verify.concurrency, ctx.signal)), (d) => ({ outcome: `${d.filter((x) => x.state === 'behind').length} behind` }));
    logDrift(drift, head);
    const behind = drift.filter((d) => d.state === 'behind');
    const unreachable = drift.filter((d) => d.state === 'unreachable');
    const extra = {
        drifted: JSON.stringify(behind.map((d) => ({ tenant: d.tenant, sha: d.sha ?? null, behindBy: d.behindBy ?? null }))),
        healed: '[]'
    };
    let result;
    if (settings.dryRun) {
        // The verdict a real run would act on: unreachable tenants fail it, so they fail the dry run too.
        const lost = unreachable.length ? `${unreachable.length} tenant(s) unreachable: ${unreachable.map((u) => u.tenant).join(', ')}. ` : '';
        const reason = behind.length
            ? `${lost}${behind.length} tenant(s) behind ${head.slice(0, 7)}; dry run, nothing changed.`
            : lost
                ? `${lost}Dry run, nothing changed.`
                : `Every tenant is on ${head.slice(0, 7)} or ahead; dry run.`;
        result = { result: unreachable.length ? 'failed' : behind.length ? 'drifted' : 'in-sync', reason, headSha: head, tenants: drift.map(recordOf), phases: timeline.phases };
        return withOutputs(await (0,finish/* finishRun */.J)(headCtx, { rollout: result, gate: undefined, startedAt, tag, deployState: state, shard: shard.label || undefined }), extra);
    }
    const records = new Map(drift.map((d) => [d.tenant, recordOf(d)]));
    let rolled;
    // A record read that fails part-way (a refused token) stops the rollout there, and the run still
    // reports every tenant it redeployed before it, with every output set.
    let brokeOff;
    // Absence of evidence is not consent: without a record saying a canary of the head verified (none read
    // at all with respect-deploy-state: false), a canary of it goes first, and its failure is a rejection.
    const plan = planReconcile(drift, rollout.canary.filter((c) => fleet.includes(c)), state.evidence?.verified === true);
    if (behind.length) {
        if (plan.canaryFirst)
            log/* notice */.lm(`${state.evidence?.reason ?? `No record of ${head.slice(0, 7)} was read, so none says a canary of it verified.`} Canary: ${plan.canary.join(', ')}.`, { title: 'Canary first' });
        else
            log/* info */.pq(`Healing ${behind.length} tenant(s); ${plan.note}`);
        // As a deploy's: the canary's soak is judged on health against the tenants still behind (a failed
        // analysis is a failed canary, which holds the head), and each wave's settle with `analysis-waves`.
        const analysis = settings.analysis ? (0,canary/* createCanaryAnalysis */.d3)(settings.analysis, ctx.http, target) : undefined;
        rolled = await (0,rollout_rollout/* runRollout */.p)({
            fleet: plan.fleet,
            rollout: { ...rollout, tag, canary: plan.canary },
            verify,
            target,
            gateSettings: settings.gate,
            gate,
            ancestry: ctx.ancestry,
            prober,
            redeployer: (0,redeployer/* createRedeployer */.m)(rollout, { http: ctx.http, clock: ctx.clock, runner, log: (m) => log/* info */.pq(m) }),
            clock: ctx.clock,
            signal: ctx.signal,
            timeline,
            // As a deploy's: a failed canary goes back to where it was (never to a held commit), per canary-failure.
            canaryFailure: { mode: rollout.canaryFailure, imageTag: rollout.imageTag, standingOf: standingReader(ctx) },
            onProgress: (0,progress/* progressReporter */.x)(ctx.clock),
            // Asked again before every wave, as the gate is: a deploy of the head that started (or rejected
            // it) since the last look stops reconcile there, with nothing more redeployed.
            beforeStep: async (where) => {
                state = await deployStateGate(ctx, head, timeline, where).catch((error) => {
                    brokeOff = `Stopped ${where}: ${(0,errors/* errorMessage */.g)(error)}`;
                    return state;
                });
                return brokeOff ?? (stops(state, settings.gate.force) ? state.reason : undefined);
            },
            analysis
        });
        for (const r of rolled.tenants)
            records.set(r.tenant, r);
    }
    let kind = brokeOff
        ? 'failed'
        : !rolled
            ? unreachable.length
                ? 'failed'
                : 'in-sync'
            : rolled.result === 'deployed'
                ? unreachable.length
                    ? 'failed'
                    : 'healed'
                : rolled.result === 'stopped'
                    ? state.action
                    : rolled.result;
    // And once more before the promotion: `:latest` never moves to a head a deploy now owns or rejected.
    if ((kind === 'healed' || kind === 'in-sync') && settings.promote && !settings.shard && !settings.dryRun && !ctx.signal.aborted) {
        state = await deployStateGate(ctx, head, timeline, 'before the promotion').catch((error) => {
            brokeOff = `Stopped before the promotion: ${(0,errors/* errorMessage */.g)(error)}`;
            return state;
        });
        if (brokeOff)
            kind = 'failed';
        else if (stops(state, settings.gate.force))
            kind = state.action;
    }
    const stoppedBy = brokeOff ? `${brokeOff} ${redeployedBefore(rolled)}` : kind === 'deferred' || kind === 'held' ? state.reason : undefined;
    const reason = stoppedBy ??
        (unreachable.length && (!rolled || rolled.result === 'deployed')
            ? `${unreachable.length} tenant(s) unreachable and not redeployed: ${unreachable.map((u) => u.tenant).join(', ')}.`
            : (rolled?.reason ?? `Every tenant is on ${head.slice(0, 7)} or ahead.`));
    // Where the rollout stopped and what became of a failed canary: the record's end is decided from them.
    const carried = kind === rolled?.result ? { ...(rolled.stop ? { stop: rolled.stop } : {}), ...(rolled.restore ? { restore: rolled.restore } : {}) } : {};
    // The evidence of the analysis, whatever became of the run: the samples and baseline of each step judged.
    const analysed = { ...(rolled?.analysis ? { analysis: rolled.analysis } : {}), ...(rolled?.waveAnalysis ? { waveAnalysis: rolled.waveAnalysis } : {}) };
    result = { result: kind, reason, headSha: head, tenants: [...records.values()], phases: timeline.phases, ...carried, ...analysed };
    let promotion;
    // Shard jobs never promote: only the job after every shard knows the whole fleet is there.
    if ((kind === 'healed' || kind === 'in-sync') && settings.promote && settings.shard)
        result = { ...result, reason: `${result.reason} Not promoted: ${shard.label}; promotion is the job after every shard (mode: promote).` };
    else if ((kind === 'healed' || kind === 'in-sync') && settings.promote && !ctx.signal.aborted) {
        const step = await timeline.run('promotion', () => log/* group */.Os('Promotion', () => (0,promotion_step/* promotionStep */.K)(headCtx, runner)), (p) => ({ outcome: p.result.outcome, detail: p.result.reason }));
        promotion = step.result;
        if (promotion.outcome === 'failed')
            result = { ...result, result: 'failed', reason: promotion.reason };
        if (promotion.outcome === 'skipped-superseded')
            result = { ...result, result: 'skipped-superseded', reason: `The head moved before promotion: ${promotion.reason}` };
        if (promotion.outcome === 'cancelled')
            result = { ...result, result: 'cancelled', reason: promotion.reason };
    }
    const wasBehind = new Set(behind.map((d) => d.tenant));
    const healed = rolled ? rolled.tenants.filter((t) => wasBehind.has(t.tenant) && t.verdict && (t.verdict.verdict === 'on-target' || t.verdict.verdict === 'ahead')).map((t) => t.tenant) : [];
    return withOutputs(await (0,finish/* finishRun */.J)(headCtx, { rollout: result, gate: undefined, startedAt, tag, promotion, deployState: state, shard: shard.label || undefined }), {
        ...extra,
        healed: JSON.stringify(healed)
    });
}
/** How a restore learns whether a commit is held: its deploy records, under the deploys' names. */
function standingReader(ctx) {
    const rs = ctx.settings.reconcile;
    if (!rs?.respectDeployState)
        return undefined;
    return (sha) => (0,standing/* readStanding */.Z)(ctx.forge, sha, { whole: rs.deployRecordName, shard: (i) => (0,reconcile/* shardRecordName */.pw)(rs, i) });
}
/** What a reconcile stopped part-way did before it stopped, for its reason. */
function redeployedBefore(rolled) {
    const sent = (rolled?.tenants ?? []).filter((t) => t.action === 'redeployed').map((t) => t.tenant);
    return sent.length ? `${sent.length} tenant(s) were redeployed before it: ${sent.join(', ')}.` : 'Nothing was redeployed before it.';
}
function recordOf(d) {
    const record = { tenant: d.tenant, step: 'drift', action: 'not-started', before: d.sha, reissues: 0 };
    if (d.state === 'in-sync' || d.state === 'ahead') {
        record.action = d.state === 'in-sync' ? 'skipped-on-target' : 'skipped-ahead';
        record.verdict = { tenant: d.tenant, verdict: d.state === 'in-sync' ? 'on-target' : 'ahead', sha: d.sha, polls: 1, settleMs: 0, elapsedMs: 0, url: '' };
    }
    else if (d.state === 'unreachable') {
        record.verdict = { tenant: d.tenant, verdict: 'unreachable', polls: 1, elapsedMs: 0, url: '', lastError: d.error };
    }
    return record;
}
function logDrift(drift, head) {
    for (const d of drift) {
        if (d.state === 'behind')
            log/* warning */.$e(`${d.tenant} serves ${d.sha?.slice(0, 7)}, ${d.behindBy === undefined ? 'not known to be' : `${d.behindBy} commit(s)`} behind ${head.slice(0, 7)}`, { title: `Drift: ${d.tenant}` });
        if (d.state === 'unreachable')
            log/* warning */.$e(`${d.tenant} could not be read (${d.error}); it is reported, not redeployed`, { title: `Unreachable: ${d.tenant}` });
    }
}
function withOutputs(outcome, extra) {
    return { ...outcome, outputs: { ...outcome.outputs, ...extra } };
}


/***/ })

};
