export const id = 9;
export const ids = [9];
export const modules = {

/***/ 4009:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runDeployMode: () => (/* binding */ runDeployMode)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var _command_runner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9575);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _gate_announce_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9580);
/* harmony import */ var _rollout_plan_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5762);
/* harmony import */ var _rollout_redeployer_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1537);
/* harmony import */ var _rollout_rollout_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4464);
/* harmony import */ var _rollout_shard_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(513);
/* harmony import */ var _rollout_timeline_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(3122);
/* harmony import */ var _verify_prober_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(5340);
/* harmony import */ var _verify_tenants_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(1396);
/* harmony import */ var _finish_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(8125);
/* harmony import */ var _progress_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(8285);
/* harmony import */ var _promotion_step_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(3291);














/**
 * `mode: deploy`: gate, canary, soak, waves, confirm, then forward-only promotion, with the gate asked
 * again once the fleet is loaded, before every wave, before every redeploy retry, and right before the
 * promotion. A job that finds itself superseded at any point sends nothing new and ends neutral.
 */
async function runDeployMode(ctx, runner = _command_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .execRunner */ .M6) {
    const { settings } = ctx;
    const verify = settings.verify;
    const rollout = settings.rollout;
    if (!verify || !rollout)
        throw new Error('mode deploy started without its settings');
    const startedAt = new Date();
    const timeline = new _rollout_timeline_js__WEBPACK_IMPORTED_MODULE_13__/* .Timeline */ .K(ctx.clock);
    const sha = settings.target.sha;
    const first = await timeline.run('gate', () => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os('Superseded gate', () => ctx.gate.check()), _rollout_rollout_js__WEBPACK_IMPORTED_MODULE_6__/* .judgeGate */ .$);
    if (!(0,_gate_announce_js__WEBPACK_IMPORTED_MODULE_3__/* .announce */ .i)(first, settings.gate, 'deploy').proceed) {
        const result = { result: 'skipped-superseded', reason: first.reason, headSha: first.headSha, tenants: [], phases: timeline.phases };
        return (0,_finish_js__WEBPACK_IMPORTED_MODULE_10__/* .finishRun */ .J)(ctx, { rollout: result, gate: first, startedAt, tag: rollout.tag });
    }
    // After the first gate, and never for a job already superseded (not even one `force` lets through).
    if (!first.superseded)
        void ctx.deployment.start(sha);
    const whole = await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os('Tenants', () => (0,_verify_tenants_js__WEBPACK_IMPORTED_MODULE_9__/* .loadTenants */ .G)(verify, ctx.http, ctx.clock, ctx.signal));
    const stray = rollout.canary.find((c) => !whole.includes(c));
    if (stray)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .d('canary', rollout.canary.join(','), `names of the fleet (${JSON.stringify(stray)} is not among the ${whole.length} tenants)`);
    (0,_rollout_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .checkWaveCounts */ .i5)(rollout.wavesRaw, rollout.waves, whole.length);
    // A shard job rolls only its own tenants, and only the canary tenants that fall in its shard.
    const shard = (0,_rollout_shard_js__WEBPACK_IMPORTED_MODULE_7__/* .applyShard */ .B_)(whole, settings.shard);
    const fleet = shard.tenants;
    const canary = rollout.canary.filter((c) => fleet.includes(c));
    if (shard.label)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`This job is ${shard.label}`);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${fleet.length} tenant(s); canary: ${canary.join(', ') || 'none'}; ${rollout.waves.length ? `waves ${rollout.wavesRaw}` : `waves of ${rollout.maxParallel}`}; tag ${rollout.tag}`);
    // No side effect before reconcile can see this deploy: the `running` record (started alongside the
    // gate) is written, and tried again, before the first redeploy. A genuine deploy never skips, so one
    // that could not be recorded goes ahead, and says so where it will be read.
    const recorded = await ctx.reporter.start(sha);
    const unseen = recorded === 'unrecorded'
        ? `Reconcile cannot see this deploy: its running record '${settings.report.name}' could not be written to the commit, so a scheduled reconcile may redeploy alongside it or roll out ${sha.slice(0, 7)} if its canary fails.`
        : undefined;
    if (unseen)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(unseen, { title: 'Deploy not recorded' });
    const result = await (0,_rollout_rollout_js__WEBPACK_IMPORTED_MODULE_6__/* .runRollout */ .p)({
        fleet,
        rollout: { ...rollout, canary },
        verify,
        target: settings.target,
        gateSettings: settings.gate,
        gate: ctx.gate,
        ancestry: ctx.ancestry,
        prober: (0,_verify_prober_js__WEBPACK_IMPORTED_MODULE_8__/* .createProber */ .X7)(verify, ctx.http, sha),
        redeployer: (0,_rollout_redeployer_js__WEBPACK_IMPORTED_MODULE_5__/* .createRedeployer */ .m)(rollout, { http: ctx.http, clock: ctx.clock, runner, log: (m) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(m) }),
        clock: ctx.clock,
        signal: ctx.signal,
        timeline,
        canaryFailure: { mode: rollout.canaryFailure, imageTag: rollout.imageTag },
        onProgress: (0,_progress_js__WEBPACK_IMPORTED_MODULE_11__/* .progressReporter */ .x)(ctx.clock)
    });
    let promotion;
    let gate = first;
    // Shard jobs never promote: only the job after every shard (`needs:`, `mode: promote`) knows they all succeeded.
    if (result.result === 'deployed' && settings.promote && settings.shard)
        result.reason = `${result.reason} Not promoted: ${shard.label}; promotion is the job after every shard (mode: promote).`;
    else if (result.result === 'deployed' && settings.promote && !ctx.signal.aborted) {
        const step = await timeline.run('promotion', () => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os('Promotion', () => (0,_promotion_step_js__WEBPACK_IMPORTED_MODULE_12__/* .promotionStep */ .K)(ctx, runner)), (p) => ({ outcome: p.result.outcome, detail: p.result.reason }));
        promotion = step.result;
        gate = step.gate ?? gate;
        if (promotion.outcome === 'skipped-superseded') {
            result.result = 'skipped-superseded';
            result.reason = `Superseded before promotion: ${promotion.reason}`;
            // The head that superseded the job, not the one read at its first gate.
            result.headSha = step.gate?.headSha ?? result.headSha;
        }
        else if (promotion.outcome === 'cancelled') {
            result.result = 'cancelled';
            result.reason = `Every tenant was verified, but ${promotion.reason.charAt(0).toLowerCase()}${promotion.reason.slice(1)}`;
        }
        else if (promotion.outcome === 'failed') {
            result.result = 'failed';
            result.reason = `Every tenant was verified, but ${promotion.reason.charAt(0).toLowerCase()}${promotion.reason.slice(1)}`;
        }
        else {
            result.reason = `${result.reason} ${promotion.reason}`;
        }
    }
    if (unseen)
        result.reason = `${result.reason} ${unseen}`;
    return (0,_finish_js__WEBPACK_IMPORTED_MODULE_10__/* .finishRun */ .J)(ctx, { rollout: result, gate, startedAt, tag: rollout.tag, promotion, shard: shard.label || undefined });
}


/***/ }),

/***/ 8125:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ finishRun)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var _report_model_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6867);


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
        restore: r.restore
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
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm(r.reason, { title: 'Superseded: this job stepped aside' });
            return { result: r.result, failure: settings.gate.onSuperseded === 'fail' ? r.reason : undefined, outputs, record };
        case 'failed':
        case 'cancelled':
            return { result: r.result, failure: r.reason, outputs, record };
        default:
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(r.reason);
            return { result: r.result, outputs, record };
    }
}


/***/ }),

/***/ 8285:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ progressReporter)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
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
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`[${phase}] ${ok} of ${total} on target or ahead, ${done - ok} failed, ${total - done} settling (${(0,_clock_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSeconds */ .Xo)(clock.now() - s.startedAt)})`);
        }
    };
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
        /** When the current wait began: the retry's fence wants an answer to a read sent after it. */
        let waitFrom = this.deps.clock.now();
        try {
            await (0,retry/* withRetry */.bD)(async (_attempt, remainingMs) => {
                const res = await this.deps.http.send({ url, method: this.driver.method, headers, body, timeoutMs: Math.min(this.timeoutMs, remainingMs), maxBodyBytes: 16 * 1024, signal });
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
            return { ok: false, detail: (0,errors/* errorMessage */.g)(error), conflict: error instanceof retry/* HttpStatusError */.F9 && error.status === 409 };
        }
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
