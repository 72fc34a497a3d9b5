export const id = 527;
export const ids = [527];
export const modules = {

/***/ 8125:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ finishRun)
/* harmony export */ });
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5625);
/* harmony import */ var _report_model_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8765);


/**
 * The common ending of the modes that change the fleet (deploy, reconcile): their outputs and the
 * record main turns into the report, summary and check. The step fails for `failed` and `cancelled`,
 * and for `skipped-superseded` only when the workflow asked for `on-superseded: fail`.
 */
async function finishRun(ctx, run) {
    const { settings } = ctx;
    const r = run.rollout;
    const tenants = r.tenants.map(_report_model_js__WEBPACK_IMPORTED_MODULE_1__/* .tenantFromRecord */ .W_);
    // The gate is asked again before every wave and the promotion: report what it said last, not first.
    const gate = run.gate && ctx.gate.last ? ctx.gate.last : run.gate;
    // A job superseded late (at the promotion, say) names the head that superseded it, not the first one read.
    const supersededBy = r.result === 'skipped-superseded' && ctx.gate.last?.superseded ? ctx.gate.last.headSha : undefined;
    const head = supersededBy ?? r.headSha ?? gate?.headSha;
    const record = {
        reason: r.reason,
        startedAt: run.startedAt,
        targetSha: settings.target.sha,
        tag: run.tag,
        gate,
        head,
        phases: r.phases,
        tenants,
        promotion: run.promotion,
        deployState: run.deployState,
        shard: run.shard,
        restore: r.restore,
        analysis: r.analysis,
        waveAnalysis: r.waveAnalysis,
        stop: r.stop
    };
    const outputs = {
        superseded: String(r.result === 'skipped-superseded'),
        'head-sha': supersededBy ?? r.headSha ?? run.gate?.headSha ?? '',
        reason: r.reason,
        rolled: JSON.stringify(r.tenants.filter((t) => t.action === 'redeployed').map((t) => t.tenant)),
        ...(0,_report_model_js__WEBPACK_IMPORTED_MODULE_1__/* .verificationOutputs */ .iI)(tenants),
        promoted: String(run.promotion?.promoted ?? false),
        'promoted-digest': run.promotion && (run.promotion.outcome === 'promoted' || run.promotion.outcome === 'unchanged') ? (run.promotion.digest ?? '') : ''
    };
    switch (r.result) {
        case 'skipped-superseded':
            _log_js__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm(r.reason, { title: 'Superseded: this job stepped aside' });
            return { result: r.result, failure: settings.gate.onSuperseded === 'fail' ? r.reason : undefined, outputs, record };
        case 'failed':
        case 'cancelled':
            return { result: r.result, failure: r.reason, outputs, record };
        default:
            _log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(r.reason);
            return { result: r.result, outputs, record };
    }
}


/***/ }),

/***/ 8285:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ progressReporter)
/* harmony export */ });
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5625);
/* harmony import */ var _clock_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9373);


/**
 * Progress while tenants settle: a line each time another tenth of a phase's tenants is judged (and
 * at the end), so ten thousand tenants do not flood the log and ten still show every step.
 */
function progressReporter(clock) {
    const state = new Map();
    return (phase, done, total, ok) => {
        let s = state.get(phase);
        if (!s || done === 0) {
            s = { tenth: 0, startedAt: clock.now() };
            state.set(phase, s);
        }
        const tenth = Math.floor((done * 10) / Math.max(1, total));
        if (tenth > s.tenth || done === total) {
            s.tenth = tenth;
            _log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`[${phase}] ${ok} of ${total} on target or ahead, ${done - ok} failed, ${total - done} settling (${(0,_clock_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSeconds */ .Xo)(clock.now() - s.startedAt)})`);
        }
    };
}


/***/ }),

/***/ 1812:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ reconcileRejection),
/* harmony export */   m: () => (/* binding */ canaryEvidence)
/* harmony export */ });
/* harmony import */ var _stamp_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6806);

/**
 * Positive evidence is a deploy record that ended `deployed` (every tenant of that job verified, its canary
 * among them), from any job, run or attempt of the commit. Anything else is not: no record, an unreadable
 * one (the caller never gets here then), a `running` one (live or presumed dead), one that ended
 * `cancelled`, `superseded`, `failed`, `failed-tenants` (which does not say the job had a verified canary),
 * or a record of another mode.
 */
function canaryEvidence(records, sha) {
    const sha7 = sha.slice(0, 7);
    const verified = records.filter((r) => r.stamp.mode === 'deploy' && r.stamp.end === 'deployed');
    if (verified.length) {
        const record = verified.reduce((a, b) => ((0,_stamp_js__WEBPACK_IMPORTED_MODULE_0__/* .compareRuns */ .qB)(b.stamp, a.stamp) > 0 ? b : a));
        const job = record.stamp.part ? ` (shard ${record.stamp.part})` : '';
        return { verified: true, record, reason: `The deploy of ${sha7} in run ${record.stamp.runId} (attempt ${record.stamp.attempt})${job} verified it; healing directly.` };
    }
    const deploys = records.filter((r) => r.stamp.mode === 'deploy');
    const seen = deploys.length ? `its deploy records say only ${[...new Set(deploys.map((r) => r.stamp.end))].join(', ')}` : 'it has no deploy record';
    return { verified: false, reason: `No record says a canary of ${sha7} verified (${seen}): reconcile verifies a canary of it first.` };
}
/**
 * A reconcile whose own canary of the commit failed rejected it (its record ends `canary-failed`): the
 * next reconcile holds, until a whole new deploy of the commit, in a run that started after that
 * reconcile's, ends `deployed`. Undefined when no reconcile rejection stands.
 */
function reconcileRejection(records) {
    const rejections = records.filter((r) => r.stamp.mode === 'reconcile' && r.stamp.end === 'canary-failed');
    if (!rejections.length)
        return undefined;
    const newest = rejections.reduce((a, b) => ((0,_stamp_js__WEBPACK_IMPORTED_MODULE_0__/* .compareRuns */ .qB)(b.stamp, a.stamp) > 0 ? b : a));
    const lifted = records.some((r) => r.stamp.mode === 'deploy' && r.stamp.end === 'deployed' && BigInt(r.stamp.runId) > BigInt(newest.stamp.runId));
    return lifted ? undefined : newest;
}


/***/ }),

/***/ 9629:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ readDeployRecords)
/* harmony export */ });
/* unused harmony export newestOfEachName */
/* harmony import */ var _stamp_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6806);

/**
 * The deploy records on `sha`: the newest record of each job's name, never the full history, so no
 * number of other statuses, check runs or re-runs can push one out of reach. Both kinds are read
 * together (a canary job with `checks: write` beside shard jobs that fell back to statuses):
 * - on GitHub, the latest check run of the whole-fleet name and of shard 1's;
 * - then the statuses (`statusRecords`), kept where the context is the name of the job its stamp names
 *   (`shard 2/4` under shard 2's name). Read after the check runs: a shard writes its `running` status
 *   before its check run, so a shard whose first record was on the forge when the whole-fleet check run
 *   was read is in the statuses read after it, whichever job wrote first;
 * - on GitHub, the latest check run of every further shard the records found so far say the deploy has.
 * Records without a stamp (another tool's, or an older version's) are left out. Errors are thrown: an
 * unreadable record is never "no record".
 */
async function readDeployRecords(forge, sha, names) {
    const records = [];
    const checks = forge.checks;
    const read = async (name) => {
        for (const c of await checks.latestByName(sha, name)) {
            const r = fromCheck(c);
            if (r && c.name === name && nameOf(r, names) === name)
                records.push(r);
        }
    };
    if (checks) {
        await read(names.whole);
        await read(names.shard(1));
    }
    records.push(...(await statusRecords(forge, sha, names)));
    if (!checks)
        return records;
    const count = records.reduce((most, r) => (r.stamp.mode === 'deploy' ? Math.max(most, (0,_stamp_js__WEBPACK_IMPORTED_MODULE_0__/* .partOf */ .BU)(r.stamp)?.count ?? 0) : most), 0);
    for (let i = 2; i <= count; i++)
        await read(names.shard(i));
    return records;
}
/**
 * The statuses of the commit, newest first: the newest page of every write (`recentStatuses`), and where
 * that page is not all of them, each context's latest write (the combined status) before it. A forge
 * that lists no history gives the combined status alone.
 */
async function statusRecords(forge, sha, names) {
    const page = forge.recentStatuses ? await forge.recentStatuses(sha) : undefined;
    if (page?.complete)
        return newestOfEachName(page.statuses, names);
    const latest = forge.latestStatuses ? await forge.latestStatuses(sha) : [];
    return newestOfEachName([...latest, ...(page?.statuses ?? [])], names);
}
/**
 * Pure. Of statuses listed newest first, the record of each name: its newest run and attempt's latest
 * write. The forge's order alone would let an older attempt's late write (its end, a heartbeat) stand
 * in place of a newer attempt's `running`: the combined status keeps only the latest write of a context.
 * Ranked by the stamp instead, a late write never hides a newer attempt still within reach.
 */
function newestOfEachName(listed, names) {
    const newest = new Map();
    for (const s of listed) {
        const r = fromStatus(s);
        if (!r || r.name !== nameOf(r, names))
            continue;
        const seen = newest.get(r.name);
        if (!seen || (0,_stamp_js__WEBPACK_IMPORTED_MODULE_0__/* .compareRuns */ .qB)(r.stamp, seen.stamp) > 0)
            newest.set(r.name, r);
    }
    return [...newest.values()].map(({ name: _name, ...r }) => r);
}
/** The name the job a record's stamp describes reports under (none for another mode's, or another reconcile's). */
function nameOf(r, names) {
    if (r.stamp.mode === 'reconcile')
        return names.reconcile;
    if (r.stamp.mode !== 'deploy')
        return undefined;
    const part = (0,_stamp_js__WEBPACK_IMPORTED_MODULE_0__/* .partOf */ .BU)(r.stamp);
    return part ? names.shard(part.index) : names.whole;
}
function fromCheck(c) {
    const stamp = (0,_stamp_js__WEBPACK_IMPORTED_MODULE_0__/* .parseStamp */ .Pu)(c.externalId);
    if (!stamp)
        return undefined;
    // Completed by someone else without our final stamp: an end we cannot name, never a live deploy.
    if (c.status === 'completed' && stamp.end === 'running')
        stamp.end = 'failed';
    return { stamp, since: date(c.startedAt), kind: 'check', text: c.title ?? undefined, url: c.detailsUrl ?? undefined };
}
function fromStatus(s) {
    const split = (0,_stamp_js__WEBPACK_IMPORTED_MODULE_0__/* .splitStamp */ .sI)(s.description);
    if (!split)
        return undefined;
    const { stamp, words } = split;
    if (s.state !== 'pending' && stamp.end === 'running')
        stamp.end = 'failed';
    return { name: s.context, stamp, since: date(s.createdAt), kind: 'status', text: words || undefined, url: s.targetUrl || undefined };
}
function date(iso) {
    if (!iso)
        return undefined;
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? undefined : d;
}


/***/ }),

/***/ 9121:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ readStanding)
/* harmony export */ });
/* unused harmony export standingOf */
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3647);
/* harmony import */ var _read_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9629);


/** Pure. Liveness does not matter here (a restore never waits for a deploy): only how the newest deploy ended. */
function standingOf(records, sha) {
    if (!records.some((r) => r.stamp.mode === 'deploy'))
        return 'unrecorded';
    const state = (0,_state_js__WEBPACK_IMPORTED_MODULE_0__/* .decideDeployState */ .ZF)(records, { now: new Date(0), timeoutMs: Number.MAX_SAFE_INTEGER, sha, name: 'deploy' });
    if (state.action === 'held')
        return 'held';
    if (state.action === 'proceed' && state.end === 'deployed')
        return 'verified';
    return 'unverified';
}
/** The standing of `sha`, read from its records under the deploy's names; `unknown` when they cannot be read. */
async function readStanding(forge, sha, names) {
    try {
        return standingOf(await (0,_read_js__WEBPACK_IMPORTED_MODULE_1__/* .readDeployRecords */ .S)(forge, sha, names), sha);
    }
    catch {
        return 'unknown';
    }
}


/***/ }),

/***/ 3647:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ZF: () => (/* binding */ decideDeployState)
});

// UNUSED EXPORTS: LIFTS_HOLD, beatOf

// EXTERNAL MODULE: ./src/record/evidence.ts
var evidence = __webpack_require__(1812);
// EXTERNAL MODULE: ./src/record/stamp.ts
var stamp = __webpack_require__(6806);
// EXTERNAL MODULE: ./src/record/end.ts
var end = __webpack_require__(8164);
;// CONCATENATED MODULE: ./src/record/liveness.ts
/** Epoch ms of the record's last sign of life on the forge's clock, or undefined when the forge's clock does not say it. */
function lastSignOfLife(r) {
    const forgeBeat = r.stamp.at !== undefined && r.stamp.clock === 'forge' ? r.stamp.at * 1000 : undefined;
    if (r.kind === 'status')
        return r.since?.getTime() ?? forgeBeat;
    if (r.stamp.at === undefined)
        return r.since?.getTime();
    return forgeBeat;
}
/** How long ago the record last showed a sign of life, at the forge's time `now`; undefined when either time is unknown. */
function liveness_ageOf(r, now) {
    const beat = lastSignOfLife(r);
    if (beat === undefined || now === undefined || Number.isNaN(now.getTime()))
        return undefined;
    // The reader's "now" lags the forge by up to a second (forge-clock.ts): a record just written is 0 old, not less.
    return Math.max(0, now.getTime() - beat);
}
function livenessOf(r, now, timeoutMs) {
    const age = liveness_ageOf(r, now);
    if (age === undefined)
        return 'not-known';
    return age < timeoutMs ? 'live' : 'presumed-dead';
}

;// CONCATENATED MODULE: ./src/record/state.ts




const LIFTS_HOLD = 'A successful re-run of the job that rejected it, a whole new deploy of the commit that succeeds, a newer commit on the branch (its deploy is the repair), or `force: true` lifts the hold; a re-run of another job does not.';
/**
 * Pure. The newest run of the commit is the deploy that counts (a whole new deploy replaces an older
 * one); within it, each job (the whole fleet, or one shard of a matrix) is read on its own, and its
 * newest attempt decides for that job alone. So a re-run of shard 2 never lifts shard 1's hold, and a
 * late write from an older attempt never re-holds a job a newer attempt deployed. Then the deploy as a
 * whole: any job still live (a heartbeat younger than the timeout) defers, any job that rejected the
 * commit holds it, and a shard that has not reported at all is waited for while its siblings are alive.
 * Records of other modes are ignored, but for a reconcile's own rejection (its canary of the head failed), which
 * holds until a newer deploy run of the commit ends `deployed`.
 */
function decideDeployState(records, o) {
    const sha7 = o.sha.slice(0, 7);
    const deploys = records.filter((r) => r.stamp.mode === 'deploy');
    const ownRejection = (0,evidence/* reconcileRejection */.S)(records);
    if (deploys.length === 0) {
        if (ownRejection)
            return heldByReconcile(ownRejection, sha7);
        return { action: 'proceed', reason: `No deploy record named '${o.name}' on ${sha7} (report: none, or deployed by another tool); reconciling as usual.` };
    }
    const newestRun = deploys.reduce((a, b) => ((0,stamp/* compareRuns */.qB)({ runId: b.stamp.runId, attempt: 0 }, { runId: a.stamp.runId, attempt: 0 }) > 0 ? b : a)).stamp.runId;
    const ofRun = deploys.filter((r) => r.stamp.runId === newestRun);
    // Within a job its newest attempt decides; within an attempt the latest record (a status run writes
    // `running`, heartbeats, then its end); on a tie an end beats `running`, and a rejection another end.
    const jobs = new Map();
    for (const r of ofRun) {
        const key = r.stamp.part ? String((0,stamp/* partOf */.BU)(r.stamp).index) : '';
        const seen = jobs.get(key);
        jobs.set(key, !seen ? r : r.stamp.attempt !== seen.stamp.attempt ? (r.stamp.attempt > seen.stamp.attempt ? r : seen) : later(seen, r));
    }
    // On the forge's clock; a record whose age the forge's times do not give is not known to be dead (counts as fresh).
    const ageOf = (r) => liveness_ageOf(r, o.now) ?? 0;
    const all = [...jobs.values()];
    const running = all.filter((r) => r.stamp.end === 'running');
    const live = running.find((r) => ageOf(r) < o.timeoutMs);
    const rejected = all.find((r) => end/* REJECTING_ENDS */.P1.has(r.stamp.end));
    const run = (r) => `run ${r.stamp.runId} (attempt ${r.stamp.attempt})${r.stamp.part ? ` (shard ${r.stamp.part})` : ''}`;
    if (live) {
        return {
            action: 'deferred',
            end: 'running',
            record: live,
            reason: `The deploy of ${sha7} in ${run(live)} is in progress ${when(live, o.now)}; reconcile defers to it and redeploys nothing.`
        };
    }
    if (rejected) {
        const end = rejected.stamp.end;
        const why = end === 'canary-failed' ? 'its canary failed' : 'it halted past max-failures';
        const words = rejected.text ? ` (${rejected.text})` : '';
        return {
            action: 'held',
            end,
            record: rejected,
            reason: `Held: the deploy of ${sha7} in ${run(rejected)} rejected it: ${why}${words}. Nothing is redeployed toward ${sha7} and it is not promoted. ${LIFTS_HOLD}`
        };
    }
    if (ownRejection)
        return heldByReconcile(ownRejection, sha7);
    // Shards the deploy has (the records say how many) that wrote nothing yet: queued jobs, waited for
    // while any sibling is recent; a deploy whose every record is older than the timeout is over.
    const count = ofRun.reduce((most, r) => Math.max(most, (0,stamp/* partOf */.BU)(r.stamp)?.count ?? 0), 0);
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !jobs.has(String(i)));
    if (missing.length) {
        const freshest = all.reduce((a, b) => (ageOf(b) < ageOf(a) ? b : a));
        const which = `shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')}`;
        if (ageOf(freshest) < o.timeoutMs) {
            return {
                action: 'deferred',
                end: freshest.stamp.end,
                record: freshest,
                reason: `The deploy of ${sha7} in run ${newestRun} has ${count} shards and ${which} have not reported yet (queued, or starting); reconcile defers to it and redeploys nothing.`
            };
        }
        return {
            action: 'presumed-dead',
            end: freshest.stamp.end,
            record: freshest,
            reason: `The deploy of ${sha7} in run ${newestRun} has ${count} shards and ${which} never reported, for longer than deploy-timeout-minutes (${minutes(o.timeoutMs)}); presumed dead, reconciling.`
        };
    }
    const dead = running[0];
    if (dead) {
        return {
            action: 'presumed-dead',
            end: 'running',
            record: dead,
            reason: `The deploy of ${sha7} in ${run(dead)} has said it is in progress ${when(dead, o.now)}, longer than deploy-timeout-minutes (${minutes(o.timeoutMs)}) without a heartbeat; presumed dead (a runner killed before it could report), reconciling.`
        };
    }
    const last = all.reduce(later);
    return { action: 'proceed', end: last.stamp.end, record: last, reason: `The last deploy of ${sha7} (run ${newestRun}) ended ${last.stamp.end}; reconciling.` };
}
/** A reconcile's own canary of the head failed, and no whole new deploy of it has succeeded since. */
function heldByReconcile(r, sha7) {
    const words = r.text ? ` (${r.text})` : '';
    return {
        action: 'held',
        end: r.stamp.end,
        record: r,
        reason: `Held: the reconcile of ${sha7} in run ${r.stamp.runId} (attempt ${r.stamp.attempt}) rejected it: its canary failed${words}. Nothing is redeployed toward ${sha7} and it is not promoted. A whole new deploy of the commit that succeeds, a newer commit on the branch, or \`force: true\` lifts the hold.`
    };
}
/** Epoch ms of a record's last sign of life on the forge's clock (record/liveness.ts). */
function beatOf(r) {
    return lastSignOfLife(r);
}
function when(r, now) {
    const beat = beatOf(r);
    const age = liveness_ageOf(r, now);
    if (beat === undefined)
        return 'since a time the forge did not give';
    if (age === undefined)
        return `(last heartbeat ${new Date(beat).toISOString()}; the forge did not say its time now)`;
    return `(last heartbeat ${new Date(beat).toISOString()}, ${minutes(age)} ago)`;
}
/** The later of two records of one job; on a tie an end beats `running`, and a rejection another end. */
function later(a, b) {
    const order = (beatOf(b) ?? 0) - (beatOf(a) ?? 0);
    if (order !== 0)
        return order > 0 ? b : a;
    return rank(b) > rank(a) ? b : a;
}
function rank(r) {
    return r.stamp.end === 'running' ? 0 : end/* REJECTING_ENDS */.P1.has(r.stamp.end) ? 2 : 1;
}
function minutes(ms) {
    const m = Math.floor(ms / 60_000);
    return m < 120 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}


/***/ }),

/***/ 1537:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  m: () => (/* binding */ createRedeployer)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
// EXTERNAL MODULE: ./src/template.ts
var template = __webpack_require__(5237);
// EXTERNAL MODULE: ./src/rollout/redeploy-types.ts
var redeploy_types = __webpack_require__(8883);
;// CONCATENATED MODULE: ./src/rollout/command-redeployer.ts




/**
 * `redeploy-command`: run once per tenant, without a shell. Each argument is templated on its own, so a
 * value can never split into two arguments or a second command; the values are also in the environment.
 * The command is run once and never retried here, so it needs no fence: the rollout's gate before the
 * wave (and the sweeper's before a re-issue) is the last word before it starts.
 */
class CommandRedeployer {
    argv;
    runner;
    constructor(argv, runner) {
        this.argv = argv;
        this.runner = runner;
    }
    async redeploy(req, { signal } = {}) {
        const vars = (0,redeploy_types/* requestVars */.Wc)(req);
        const argv = this.argv.map((a) => (0,template/* render */.XX)(a, vars));
        const env = {
            ROLLOUT_TENANT: req.tenant,
            ROLLOUT_TAG: req.tag,
            ROLLOUT_SHA: req.sha,
            ROLLOUT_ENVIRONMENT: req.environment,
            ROLLOUT_CURRENT: req.current
        };
        try {
            const res = await this.runner.run(argv, { env, signal });
            if (res.exitCode === 0)
                return { ok: true, detail: '' };
            return { ok: false, detail: (0,redact/* redact */.E$)(`exit code ${res.exitCode}${res.stderrTail ? `: ${res.stderrTail}` : ''}`) };
        }
        catch (error) {
            return { ok: false, detail: (0,redact/* redact */.E$)(`could not run ${argv[0]}: ${(0,errors/* errorMessage */.g)(error)}`) };
        }
    }
}

// EXTERNAL MODULE: ./src/runtime/cancel.ts
var cancel = __webpack_require__(3952);
// EXTERNAL MODULE: ./src/http/retry.ts
var retry = __webpack_require__(8902);
;// CONCATENATED MODULE: ./src/rollout/control-plane.ts





/**
 * The control plane's redeploy endpoint. Any 2xx is an accepted redeploy. 5xx, 429 and connection
 * errors are retried (honouring Retry-After); other 4xx are final, so a control plane that refuses a
 * stale compare-and-set (409) is believed at once. Every retry passes the rollout's fence after its wait:
 * a retry is never sent on an ownership decision taken before the wait (a newer commit may have landed),
 * only on a head read sent after the wait began. The first attempt's fence is the rollout's wrapper
 * (fenced-redeployer.ts).
 */
class ControlPlaneRedeployer {
    driver;
    timeoutMs;
    deps;
    constructor(driver, timeoutMs, deps) {
        this.driver = driver;
        this.timeoutMs = timeoutMs;
        this.deps = deps;
    }
    async redeploy(req, { signal, fence } = {}) {
        const vars = (0,redeploy_types/* requestVars */.Wc)(req);
        const url = (0,template/* render */.XX)(this.driver.url, vars, template/* encodeUrlPart */.hK);
        const headers = { 'content-type': 'application/json', accept: 'application/json' };
        if (this.driver.token)
            headers.authorization = `Bearer ${this.driver.token}`;
        const body = this.driver.body ? (0,template/* render */.XX)(this.driver.body, vars, template/* encodeJsonString */.mQ) : undefined;
        let lastError;
        let held;
        /** When the current wait began: the retry's fence wants an answer to a read sent after it. */
        let waitFrom = this.deps.clock.now();
        try {
            await (0,retry/* withRetry */.bD)(async (_attempt, remainingMs) => {
                const res = await this.deps.http.send({ url, method: this.driver.method, headers, body, timeoutMs: Math.min(this.timeoutMs, remainingMs), maxBodyBytes: 16 * 1024, signal });
                // A compare-and-set refusal may say what the tenant holds (docs/contracts.md): the only source
                // of `{current}` for a tenant that reports no SHA (a crash loop).
                if (res.status === 409)
                    held = heldCommit(res.body);
                if (res.status < 200 || res.status >= 300)
                    throw (0,retry/* statusError */.$C)(`control plane (${req.tenant})`, res);
                return res;
            }, {
                policy: retry/* DEFAULT_RETRY */.vI,
                clock: this.deps.clock,
                signal,
                onRetry: ({ delayMs, error }) => {
                    lastError = error;
                    waitFrom = this.deps.clock.now();
                    this.deps.log(`redeploy ${req.tenant}: ${(0,errors/* errorMessage */.g)(error)}; retrying in ${delayMs} ms`);
                },
                beforeRetry: fence ? () => fence({ sentSince: waitFrom }) : undefined
            });
            return { ok: true, detail: '' };
        }
        catch (error) {
            if (error instanceof redeploy_types/* SupersededError */.ZC) {
                const detail = `${(0,errors/* errorMessage */.g)(lastError)}; not retried, because this job is superseded: ${error.decision.reason}`;
                return { ok: false, detail, superseded: error.decision };
            }
            if (error instanceof redeploy_types/* OwnershipUnknownError */.MW)
                return { ok: false, detail: `${(0,errors/* errorMessage */.g)(lastError)}; not retried, because ${error.message}`, ownershipUnknown: error.message };
            // Cancelled while the retry's fence read the head: no verdict on the tenant, the run ends `cancelled`.
            if (error instanceof cancel/* CancelledError */.cc)
                return { ok: false, detail: `${(0,errors/* errorMessage */.g)(lastError)}; not retried, because the run was cancelled`, cancelled: true };
            if ((0,retry/* isPermissionFailure */.w$)(error) && this.driver.token !== undefined) {
                // Not a verdict on the build: the token is wrong (401) or lacks a right (403). Named, so the fix is clear.
                const status = error.status;
                return { ok: false, detail: `the control plane refused \`control-plane-token\` (HTTP ${status}): ${(0,errors/* errorMessage */.g)(error)}; pass a token it accepts for redeploys`, tokenRefused: true };
            }
            const conflict = error instanceof retry/* HttpStatusError */.F9 && error.status === 409;
            return { ok: false, detail: (0,errors/* errorMessage */.g)(error), conflict, ...(conflict && held ? { current: held } : {}) };
        }
    }
}
/** `{"current":"<40 hex>"}` in a 409's body (at most 16 KiB, read as JSON), or undefined. */
function heldCommit(body) {
    try {
        const current = JSON.parse(body.toString('utf8'))?.current;
        return typeof current === 'string' && /^[0-9a-f]{40}$/i.test(current) ? current.toLowerCase() : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/rollout/redeployer.ts


/** The redeploy driver the settings name: `redeploy-command` or the control plane's `redeploy-url`. */
function createRedeployer(settings, deps) {
    const driver = settings.driver;
    switch (driver.kind) {
        case 'command':
            return new CommandRedeployer(driver.argv, deps.runner);
        case 'http':
            return new ControlPlaneRedeployer(driver, settings.requestTimeoutMs, deps);
    }
}


/***/ }),

/***/ 513:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B_: () => (/* binding */ applyShard)
/* harmony export */ });
/* unused harmony exports fnv1a, shardOf */
const UTF8 = new TextEncoder();
/**
 * FNV-1a (32-bit) over the name's UTF-8 bytes: a tenant's shard depends on its name alone, never on the
 * order of the list or on the Node version, so every matrix job agrees on who owns whom.
 */
function fnv1a(name) {
    let hash = 0x811c9dc5;
    for (const byte of UTF8.encode(name)) {
        hash ^= byte;
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash >>> 0;
}
/** 1-based shard of `name` among `count`. */
function shardOf(name, count) {
    return (fnv1a(name) % count) + 1;
}
/** Keeps the fleet's order; without a shard, the whole fleet. */
function applyShard(fleet, shard) {
    if (!shard)
        return { tenants: [...fleet], label: '' };
    const tenants = fleet.filter((t) => shardOf(t, shard.count) === shard.index);
    return { tenants, label: `shard ${shard.index} of ${shard.count}: ${tenants.length} of ${fleet.length} tenants` };
}


/***/ }),

/***/ 5340:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  X7: () => (/* binding */ createProber)
});

// UNUSED EXPORTS: CACHE_BUST_PARAM, MAX_BUILDINFO_BYTES

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
// EXTERNAL MODULE: ./src/template.ts
var template = __webpack_require__(5237);
;// CONCATENATED MODULE: ./src/verify/buildinfo.ts

const SHA = /^[0-9a-f]{7,40}$/i;
/** Keys that hold the SHA itself, in order of preference (compared case-insensitively). */
const SHA_KEYS = [
    'sha',
    'git_sha',
    'gitsha',
    'git-sha',
    'commit_sha',
    'commitsha',
    'commit',
    'commit_id',
    'commitid',
    'git_commit',
    'gitcommit',
    'revision',
    'git_revision',
    'rev',
    'source_version',
    'vcs_ref',
    'id',
    'hash'
];
/** Objects that commonly wrap those keys: {"git": {"commit": {"id": ...}}}, {"build": {"sha": ...}}. */
const CONTAINER_KEYS = ['git', 'build', 'buildinfo', 'build_info', 'commit', 'vcs', 'source', 'app', 'version', 'info'];
/** `id` and `hash` are too generic (a build number, a content hash); they count only inside these. */
const NESTED_ONLY = new Set(['id', 'hash']);
const COMMIT_PARENTS = new Set(['commit', 'git']);
const MAX_DEPTH = 3;
function extractSha(body, field) {
    const text = body.replace(/^\uFEFF/, '').trim();
    if (text === '')
        return { problem: 'empty body' };
    if (SHA.test(text))
        return { sha: text.toLowerCase() };
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        if (/^<(!doctype|html|head|body)\b/i.test(text))
            return { problem: 'the answer is an HTML page, not build info' };
        return { problem: `the answer is neither JSON nor a bare SHA: ${JSON.stringify((0,redact/* excerpt */.Kb)(text, 60, { oneLine: true }))}` };
    }
    if (typeof doc === 'string')
        return SHA.test(doc.trim()) ? { sha: doc.trim().toLowerCase() } : { problem: 'the JSON string is not a SHA' };
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
        return { problem: 'the JSON answer is not an object' };
    return field === 'auto' ? findAuto(doc) : findPath(doc, field);
}
function findPath(doc, path) {
    let node = doc;
    for (const part of path.split('.')) {
        if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part))
            return { problem: `no field \`${path}\` in the JSON answer` };
        node = node[part];
    }
    if (typeof node === 'string' && SHA.test(node.trim()))
        return { sha: node.trim().toLowerCase() };
    return { problem: `field \`${path}\` is not a SHA of 7 to 40 hex digits: ${JSON.stringify((0,redact/* excerpt */.Kb)(String(JSON.stringify(node)), 60))}` };
}
function findAuto(doc) {
    const sha = search(doc, 0, '');
    if (sha)
        return { sha };
    return {
        problem: `no SHA under the usual names (${SHA_KEYS.filter((k) => !NESTED_ONLY.has(k))
            .slice(0, 6)
            .join(', ')}, ...); set buildinfo-field`
    };
}
function search(node, depth, parent) {
    const byLower = new Map();
    for (const [key, value] of Object.entries(node))
        if (!byLower.has(key.toLowerCase()))
            byLower.set(key.toLowerCase(), value);
    for (const key of SHA_KEYS) {
        if (NESTED_ONLY.has(key) && !COMMIT_PARENTS.has(parent))
            continue;
        const value = byLower.get(key);
        if (typeof value === 'string' && SHA.test(value.trim()))
            return value.trim().toLowerCase();
    }
    if (depth >= MAX_DEPTH)
        return undefined;
    for (const key of CONTAINER_KEYS) {
        const value = byLower.get(key);
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
            const found = search(value, depth + 1, key);
            if (found)
                return found;
        }
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/report/counters.ts
var counters = __webpack_require__(8273);
;// CONCATENATED MODULE: ./src/verify/prober.ts





/** Bodies past this are cut off and judged unreadable: build info is a few hundred bytes. */
const MAX_BUILDINFO_BYTES = 64 * 1024;
/** Query parameter that makes every probe URL unique, so no cache between us and the tenant can answer. */
const CACHE_BUST_PARAM = 'rollout-guard-nocache';
/**
 * Probes one tenant's build info over the shared HTTP client. Every probe is fresh (cache-busting
 * parameter plus `cache-control: no-cache`), bounded in time and size, and follows redirects only
 * within the same origin so the extra headers (often credentials) never reach another host.
 */
function createProber(settings, http, targetSha) {
    const vars = (0,template/* commitVars */.gK)(targetSha, settings.environment);
    const headers = mergeHeaders({ accept: 'application/json, text/plain;q=0.9, */*;q=0.1', 'cache-control': 'no-cache', pragma: 'no-cache', 'user-agent': 'rollout-guard' }, settings.headers);
    let counter = 0;
    const nonce = Date.now().toString(36);
    const urlFor = (tenant) => (0,template/* render */.XX)(settings.buildinfoUrl, { ...vars, tenant }, template/* encodeUrlPart */.hK);
    return {
        urlFor,
        async probe(tenant, signal) {
            const url = new URL(urlFor(tenant));
            url.searchParams.set(CACHE_BUST_PARAM, `${nonce}-${(counter++).toString(36)}`);
            (0,counters/* runCounters */.d9)().buildinfoPolls++;
            let res;
            try {
                res = await http.send({ url, headers, timeoutMs: settings.requestTimeoutMs, maxBodyBytes: MAX_BUILDINFO_BYTES, signal, followSameOriginRedirects: true });
            }
            catch (error) {
                return { error: (0,redact/* excerpt */.Kb)((0,errors/* errorMessage */.g)(error), 300) };
            }
            const status = res.status;
            if (status < 200 || status > 299) {
                // Masked before it is cut: a page that echoes the token must not leave its first characters.
                const shown = (0,redact/* excerpt */.Kb)(res.body.toString('utf8'), 120, { oneLine: true });
                return { status, error: `HTTP ${status}${shown ? `: ${shown}` : ''}` };
            }
            if (res.truncated)
                return { status, error: `the answer is larger than ${MAX_BUILDINFO_BYTES / 1024} KiB` };
            const found = extractSha(res.body.toString('utf8'), settings.buildinfoField);
            return 'sha' in found ? { status, sha: found.sha } : { status, error: found.problem };
        }
    };
}
/** Later names replace earlier ones case-insensitively, so a user's `Cache-Control` is not sent twice. */
function mergeHeaders(...sets) {
    const out = new Map();
    for (const set of sets)
        for (const [name, value] of Object.entries(set))
            out.set(name.toLowerCase(), [name, value]);
    return Object.fromEntries(out.values());
}


/***/ }),

/***/ 1396:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ loadTenants)
/* harmony export */ });
/* unused harmony export parseTenantList */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _http_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8902);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6670);
/* harmony import */ var _settings_tenants_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(832);
/* harmony import */ var _settings_secrets_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5868);





/**
 * The fleet's tenant names: the listed ones, or the answer of `tenants-url`, checked by the same rules
 * as the `tenants` input.
 */
const LIST_FORM = 'a URL answering a JSON array of tenant names (or of objects with a string `name`)';
/** Reads the tenant list from `tenants-url` (retrying transient errors) or returns the listed names. */
async function loadTenants(settings, http, clock, signal) {
    if (!settings.tenantsUrl)
        return settings.tenants;
    const url = settings.tenantsUrl;
    const res = await (0,_http_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .withRetry */ .bD)(async (_attempt, remainingMs) => {
        const r = await http.send({ url, timeoutMs: Math.min(settings.requestTimeoutMs, remainingMs), maxBodyBytes: 4 * 1024 * 1024, signal, headers: { accept: 'application/json' } });
        if (r.status < 200 || r.status > 299)
            throw (0,_http_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .statusError */ .$C)(`tenants-url ${new URL(url).origin}`, r);
        return r;
    }, { policy: _http_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_RETRY */ .vI, clock, signal });
    if (res.truncated)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('tenants-url', (0,_settings_secrets_js__WEBPACK_IMPORTED_MODULE_4__/* .shownUrl */ .zA)(url), `${LIST_FORM}; the answer is larger than 4 MiB`);
    const names = parseTenantList(res.body.toString('utf8'));
    if (names.length > 1)
        (0,_settings_tenants_js__WEBPACK_IMPORTED_MODULE_3__/* .requireTenantPlaceholder */ .v)(settings.buildinfoUrl);
    return names;
}
/** The `tenants-url` answer: `["a","b"]` or `[{"name":"a"},...]`, non-empty, valid and unique names. */
function parseTenantList(text) {
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('tenants-url', (0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .excerpt */ .Kb)(text, 120), `${LIST_FORM}; the answer is not JSON`);
    }
    if (!Array.isArray(doc))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('tenants-url', (0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .excerpt */ .Kb)(text, 120), `${LIST_FORM}; the answer is not an array`);
    const names = doc.map((item) => {
        if (typeof item === 'string')
            return item.trim();
        if (item !== null && typeof item === 'object' && typeof item.name === 'string')
            return item.name.trim();
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('tenants-url', (0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .excerpt */ .Kb)(JSON.stringify(item) ?? String(item), 120), `${LIST_FORM}; this entry is neither`);
    });
    if (names.length === 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('tenants-url', (0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .excerpt */ .Kb)(text, 120), `${LIST_FORM}, with at least one tenant`);
    return (0,_settings_tenants_js__WEBPACK_IMPORTED_MODULE_3__/* .checkTenantNames */ .P)('tenants-url', names);
}


/***/ })

};
