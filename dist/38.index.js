export const id = 38;
export const ids = [38];
export const modules = {

/***/ 5570:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  d3: () => (/* binding */ createCanaryAnalysis),
  cE: () => (/* binding */ judgeSoak),
  Rb: () => (/* binding */ soak)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
// EXTERNAL MODULE: ./src/settings/secrets.ts
var secrets = __webpack_require__(5868);
// EXTERNAL MODULE: ./src/template.ts
var template = __webpack_require__(5237);
;// CONCATENATED MODULE: ./src/analysis/number.ts

/**
 * A metric value from an outside answer: a finite number, or a numeric string (Prometheus sends
 * strings). `NaN` (a rate over no traffic, 0/0) and infinities cannot be judged: inconclusive.
 */
function readNumber(raw, where) {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(raw) ? Number(raw) : undefined;
    if (n !== undefined && Number.isFinite(n))
        return { value: n };
    if (raw === 'NaN' || (typeof raw === 'number' && Number.isNaN(raw)))
        return { problem: `${where} is NaN (no traffic to measure?)` };
    const shown = typeof raw === 'string' ? JSON.stringify((0,redact/* excerpt */.Kb)(raw, 40, { oneLine: true })) : raw === undefined ? 'missing' : `a ${Array.isArray(raw) ? 'list' : raw === null ? 'null' : typeof raw}`;
    return { problem: `${where} is not a finite number (${shown})` };
}

;// CONCATENATED MODULE: ./src/analysis/json-endpoint.ts





/** A health document is small; a larger answer is not read (inconclusive). */
const MAX_HEALTH_BYTES = 64 * 1024;
/**
 * Reads one tenant's metric from a plain JSON endpoint of its own: `analysis-url` rendered for the
 * tenant, the number at the dotted `analysis-field` path. Redirects are followed within the origin only,
 * as for build info, so the extra headers never reach another host.
 */
function jsonReader(settings, http, target) {
    const vars = (0,template/* commitVars */.gK)(target.sha, target.environment);
    return {
        // For the report and the log: never the URL's user-info or query, which may hold credentials.
        source: (0,secrets/* shownUrl */.zA)(settings.url).replace(/%7B/gi, '{').replace(/%7D/gi, '}'),
        async read(tenant, signal) {
            const url = (0,template/* render */.XX)(settings.url, { ...vars, tenant }, template/* encodeUrlPart */.hK);
            let res;
            try {
                res = await http.send({
                    url,
                    headers: { accept: 'application/json', 'cache-control': 'no-cache', ...settings.headers },
                    timeoutMs: settings.requestTimeoutMs,
                    maxBodyBytes: MAX_HEALTH_BYTES,
                    signal,
                    followSameOriginRedirects: true
                });
            }
            catch (error) {
                return { problem: `no answer: ${(0,redact/* excerpt */.Kb)((0,errors/* errorMessage */.g)(error), 200, { oneLine: true })}` };
            }
            const text = res.body.toString('utf8');
            if (res.status < 200 || res.status > 299) {
                const shown = (0,redact/* excerpt */.Kb)(text, 120, { oneLine: true });
                return { problem: `HTTP ${res.status}${shown ? `: ${shown}` : ''}` };
            }
            if (res.truncated)
                return { problem: `the answer is larger than ${MAX_HEALTH_BYTES / 1024} KiB` };
            return fromJson(text, settings.field);
        }
    };
}
/** The number at `field` (a dotted path) in a JSON text. Pure: tested on answers row by row. */
function fromJson(text, field) {
    let node;
    try {
        node = JSON.parse(text);
    }
    catch {
        return { problem: `the answer is not JSON: ${JSON.stringify((0,redact/* excerpt */.Kb)(text, 60, { oneLine: true }))}` };
    }
    for (const key of field.split('.')) {
        if (node === null || typeof node !== 'object' || Array.isArray(node) || !Object.hasOwn(node, key))
            return { problem: `the answer has no ${field}` };
        node = node[key];
    }
    return readNumber(node, field);
}

;// CONCATENATED MODULE: ./src/analysis/prometheus.ts





/** A query result is one number: a few hundred bytes. A larger answer is not read (inconclusive). */
const MAX_PROMETHEUS_BYTES = 256 * 1024;
/**
 * Reads one tenant's metric from Prometheus' HTTP API: an instant query (`GET /api/v1/query`) of the
 * `analysis-query` template with the tenant's name put inside PromQL string quotes. The answer must be
 * one number: a scalar, or a vector of exactly one series (prometheus.io/docs/prometheus/latest/querying/api/).
 * No series, several, `NaN`, an error status or an unreadable body is a `problem`: an inconclusive sample.
 */
function prometheusReader(settings, http, target) {
    const base = settings.url.replace(/\/+$/, '');
    const vars = (0,template/* commitVars */.gK)(target.sha, target.environment);
    return {
        // For the report and the log: never the URL's user-info or query, which may hold credentials.
        source: `${(0,secrets/* shownUrl */.zA)(base).replace(/\/+$/, '')}/api/v1/query`,
        async read(tenant, signal) {
            // Tenant names are DNS-label-like already; the JSON string escape also keeps a PromQL string closed.
            const query = (0,template/* render */.XX)(settings.query, { ...vars, tenant }, template/* encodeJsonString */.mQ);
            const url = new URL(`${base}/api/v1/query`);
            url.searchParams.set('query', query);
            let res;
            try {
                res = await http.send({ url, headers: { accept: 'application/json', ...settings.headers }, timeoutMs: settings.requestTimeoutMs, maxBodyBytes: MAX_PROMETHEUS_BYTES, signal });
            }
            catch (error) {
                return { problem: `Prometheus did not answer: ${(0,redact/* excerpt */.Kb)((0,errors/* errorMessage */.g)(error), 200, { oneLine: true })}` };
            }
            if (res.truncated)
                return { problem: `the Prometheus answer is larger than ${MAX_PROMETHEUS_BYTES / 1024} KiB` };
            const text = res.body.toString('utf8');
            let doc;
            try {
                doc = JSON.parse(text);
            }
            catch {
                return { problem: `Prometheus answered HTTP ${res.status} without JSON: ${JSON.stringify((0,redact/* excerpt */.Kb)(text, 120, { oneLine: true }))}` };
            }
            return fromQueryAnswer(res.status, doc);
        }
    };
}
/** The number in an instant query's answer, or why there is none. Pure: tested on recorded answers. */
function fromQueryAnswer(status, doc) {
    const d = (doc ?? {});
    if (d.status !== 'success') {
        const why = typeof d.error === 'string' ? (0,redact/* excerpt */.Kb)(d.error, 200, { oneLine: true }) : 'no error given';
        return { problem: `Prometheus refused the query (HTTP ${status}${typeof d.errorType === 'string' ? `, ${(0,redact/* excerpt */.Kb)(d.errorType, 40, { oneLine: true })}` : ''}): ${why}` };
    }
    const type = d.data?.resultType;
    const result = d.data?.result;
    if (type === 'scalar')
        return fromSample(result);
    if (type !== 'vector' || !Array.isArray(result))
        return { problem: `the query gave a ${typeof type === 'string' ? (0,redact/* excerpt */.Kb)(type, 20) : 'malformed'} result, not one number (a scalar or a vector of one series)` };
    if (result.length === 0)
        return { problem: 'the query gave no series (no samples for this tenant yet, or a label that does not match)' };
    if (result.length > 1)
        return { problem: `the query gave ${result.length} series; it must give one per tenant (aggregate it, e.g. with sum())` };
    return fromSample(result[0].value);
}
/** `[ <unix time>, "<value>" ]`: Prometheus sends the value as a string. */
function fromSample(sample) {
    if (!Array.isArray(sample) || sample.length !== 2)
        return { problem: 'the query result has no [time, value] sample' };
    return readNumber(sample[1], 'the query result');
}

// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
// EXTERNAL MODULE: ./node_modules/p-limit/index.js
var p_limit = __webpack_require__(4115);
// EXTERNAL MODULE: ./src/clock.ts
var src_clock = __webpack_require__(9373);
// EXTERNAL MODULE: ./src/analysis/judge.ts
var judge = __webpack_require__(7021);
;// CONCATENATED MODULE: ./src/analysis/soak.ts




/** Reads in flight at once in one interval (canary and baseline together). */
const READS_AT_ONCE = 16;
/**
 * The soak with analysis: every `intervalMs` until the soak ends, each canary tenant's metric and the
 * baseline tenants' (read at the same moment) are judged (judge.ts). The soak stops at the first canary
 * tenant that fails or turns inconclusive: waiting longer cannot make it pass. Otherwise it lasts the
 * whole `soakMs`, as a soak without analysis does. Never rejects on a cancel: it stops and says so.
 */
async function analyseSoak(canary, untouched, soakMs, deps) {
    const { clock, signal, settings } = deps;
    const baseline = pickBaseline(untouched, settings.baselineSize);
    const samples = new Map(canary.map((t) => [t, []]));
    const limit = (0,p_limit/* default */.A)(READS_AT_ONCE);
    const read = (t) => limit(() => deps.reader.read(t, signal));
    const start = clock.now();
    let stoppedEarly;
    log/* info */.pq(`Analysis: ${canary.length} canary tenant(s) against ${baseline.length} baseline tenant(s) (${baseline.join(', ') || 'none'}), every ${(0,src_clock/* formatSeconds */.Xo)(settings.intervalMs)} from ${deps.reader.source}`);
    for (let i = 1; start + i * settings.intervalMs <= start + soakMs; i++) {
        if (!(await sleep(clock, start + i * settings.intervalMs - clock.now(), signal)))
            break;
        const [canaryReads, baselineReads] = await Promise.all([Promise.all(canary.map(read)), Promise.all(baseline.map(read))]);
        if (signal.aborted)
            break;
        const values = baselineReads.flatMap((r) => ('value' in r ? [r.value] : []));
        const base = { median: (0,judge/* median */.JZ)(values), readable: values.length, asked: baseline.length };
        const atMs = clock.now() - start;
        canary.forEach((t, k) => samples.get(t).push(sampleOf(canaryReads[k], values, base, atMs, deps)));
        logInterval(i, atMs, canary, samples, base);
        const failing = canary.map((t) => conclude(t, samples.get(t), deps, false)).find((a) => a.verdict !== 'running');
        if (failing) {
            stoppedEarly = `${failing.tenant} ${failing.verdict} after ${(0,src_clock/* formatSeconds */.Xo)(atMs)}: ${failing.why ?? ''}`;
            break;
        }
    }
    if (!stoppedEarly && !signal.aborted)
        await sleep(clock, start + soakMs - clock.now(), signal);
    if (signal.aborted)
        stoppedEarly ??= 'the run was cancelled during the soak';
    const tenants = canary.map((t) => conclude(t, samples.get(t), deps, true));
    return {
        kind: settings.kind,
        source: deps.reader.source,
        baseline,
        intervalMs: settings.intervalMs,
        tenants: tenants.map((t) => ({ ...t, verdict: t.verdict === 'running' ? 'inconclusive' : t.verdict })),
        passed: !signal.aborted && tenants.every((t) => t.verdict === 'passed'),
        ...(stoppedEarly ? { stoppedEarly } : {})
    };
}
/**
 * At most `size` of the tenants the canary did not touch, spread evenly over the list (the fleet's
 * order), so a large fleet costs `size` reads an interval and the baseline is not one region's tenants.
 */
function pickBaseline(untouched, size) {
    if (untouched.length <= size)
        return [...untouched];
    return Array.from({ length: size }, (_, i) => untouched[Math.floor((i * untouched.length) / size)]);
}
function sampleOf(reading, baselineValues, baseline, atMs, deps) {
    const value = 'value' in reading ? reading.value : undefined;
    const j = (0,judge/* judgeSample */.KH)(value, baselineValues, deps.settings.thresholds);
    return {
        atMs,
        ...(value !== undefined ? { value } : { problem: reading.problem }),
        baseline,
        ...(j.relativeLimit !== undefined ? { limit: j.relativeLimit } : {}),
        verdict: j.verdict,
        // An unreadable canary says why it could not be read; the judgement's words add nothing to that.
        ...(value === undefined ? { why: reading.problem } : j.why ? { why: j.why } : {})
    };
}
function conclude(tenant, samples, deps, final) {
    const count = (0,judge/* countSamples */.Tu)(samples.map((s) => s.verdict), deps.settings, final);
    return { tenant, verdict: count.verdict, ...(count.why ? { why: count.why } : {}), samples };
}
/** One line an interval; every outside text in it was bounded and redacted by the reader. */
function logInterval(i, atMs, canary, samples, base) {
    const each = canary.map((t) => {
        const s = samples.get(t).at(-1);
        return `${t} ${s.value !== undefined ? (0,judge/* fmt */.Sc)(s.value) : 'unreadable'} ${s.verdict}${s.why ? ` (${s.why})` : ''}`;
    });
    const baseline = base.median !== undefined ? `baseline median ${(0,judge/* fmt */.Sc)(base.median)} (${base.readable}/${base.asked} read)` : `baseline unreadable (0/${base.asked})`;
    log/* info */.pq(`sample ${i} at ${(0,src_clock/* formatSeconds */.Xo)(atMs)}: ${each.join('; ')}; ${baseline}`);
}
/** False when the run was cancelled during the wait. */
async function sleep(clock, ms, signal) {
    if (signal.aborted)
        return false;
    try {
        await clock.sleep(Math.max(0, ms), signal);
        return true;
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: ./src/analysis/verdict.ts
var verdict = __webpack_require__(7319);
;// CONCATENATED MODULE: ./src/analysis/canary.ts




/** The canary's soak: with analysis, the samples; without, a plain wait (a cancel ends it early). */
async function soak(analysis, run) {
    if (analysis)
        return analysis.soak(run);
    await run.clock.sleep(run.soakMs, run.signal).catch(() => undefined);
    return undefined;
}
function createCanaryAnalysis(settings, http, target, reader) {
    const metrics = reader ?? (settings.kind === 'prometheus' ? prometheusReader(settings, http, target) : jsonReader(settings, http, target));
    const analysis = {
        soak: async (run) => (analysis.last = await analyseSoak(run.canary, run.untouched, run.soakMs, { reader: metrics, settings, clock: run.clock, signal: run.signal }))
    };
    return analysis;
}
/** The soak's row in the timeline: `failed` with the first failing tenant, or `ok` with the sample count. */
function judgeSoak(result, signal) {
    if (signal.aborted)
        return { outcome: 'cancelled' };
    if (!result)
        return { outcome: 'ok' };
    const bad = result.tenants.find((t) => t.verdict !== 'passed');
    if (bad)
        return { outcome: 'failed', detail: `analysis: ${(0,verdict/* describeAnalysis */.S)(bad)}` };
    const n = result.tenants.reduce((most, t) => Math.max(most, t.samples.length), 0);
    return { outcome: 'ok', detail: `analysis passed: ${n} sample${n === 1 ? '' : 's'} per canary tenant` };
}


/***/ }),

/***/ 9580:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ announce)
/* harmony export */ });
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5625);

/**
 * Logs a gate decision the way an operator needs to see it and says whether side effects may go ahead.
 * Unreadable heads and a disabled gate are warnings (a genuine deploy proceeds, but loudly); `force`
 * overriding a superseded verdict is always a warning.
 */
function announce(decision, gate, where) {
    if (decision.warning)
        _log_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(decision.warning, { title: 'Superseded check: head unreadable' });
    if (decision.basis === 'disabled')
        _log_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(decision.reason, { title: 'Superseded check disabled' });
    if (!decision.superseded) {
        _log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`[${where}] ${decision.reason}`);
        return { proceed: true };
    }
    if (gate.force) {
        _log_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`[${where}] ${decision.reason} force: true overrides this; side effects go ahead.`, {
            title: 'Superseded, overridden by force'
        });
        return { proceed: true };
    }
    _log_js__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm(`[${where}] ${decision.reason}`, { title: 'Superseded' });
    return { proceed: false };
}


/***/ }),

/***/ 8883:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MW: () => (/* binding */ OwnershipUnknownError),
/* harmony export */   Wc: () => (/* binding */ requestVars),
/* harmony export */   ZC: () => (/* binding */ SupersededError)
/* harmony export */ });
/** Thrown by a fence: a newer commit owns the branch, so this job sends nothing more. */
class SupersededError extends Error {
    decision;
    constructor(decision) {
        super(decision.reason);
        this.decision = decision;
        this.name = 'SupersededError';
    }
}
/** Thrown by a fence: the head became unreadable mid-rollout, so nothing is sent blind. */
class OwnershipUnknownError extends Error {
    constructor(message) {
        super(message);
        this.name = 'OwnershipUnknownError';
    }
}
function requestVars(req) {
    return {
        tenant: req.tenant,
        tag: req.tag,
        sha: req.sha,
        sha7: req.sha.slice(0, 7),
        environment: req.environment,
        current: req.current
    };
}


/***/ }),

/***/ 9038:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  $: () => (/* reexport */ judgeGate),
  p: () => (/* binding */ runRollout)
});

// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
// EXTERNAL MODULE: ./node_modules/p-limit/index.js
var p_limit = __webpack_require__(4115);
// EXTERNAL MODULE: ./src/gate/announce.ts
var announce = __webpack_require__(9580);
// EXTERNAL MODULE: ./src/verify/fleet.ts + 7 modules
var fleet = __webpack_require__(884);
// EXTERNAL MODULE: ./src/verify/types.ts
var types = __webpack_require__(4956);
// EXTERNAL MODULE: ./src/analysis/verdict.ts
var verdict = __webpack_require__(7319);
;// CONCATENATED MODULE: ./src/rollout/describe.ts

/** Short human renderings of rollout state, for reasons, phase details and log lines. */
function judgeGate(d) {
    return { outcome: d.superseded ? 'superseded' : d.basis === 'unreadable' ? 'owner (head unreadable)' : 'owner', detail: d.reason };
}
/** `acme stale, globex redeploy-failed, and 3 more`. */
function describeFailures(failed) {
    const names = failed
        .slice(0, 5)
        .map((r) => (0,verdict/* failedAnalysis */.A)(r.analysis)
        ? (0,verdict/* describeAnalysis */.S)(r.analysis)
        : `${r.tenant} ${r.action === 'redeploy-failed' ? 'redeploy-failed' : r.action === 'skipped-unknown' ? 'ancestry unknown' : r.verdict?.verdict}`);
    return names.join(', ') + (failed.length > 5 ? `, and ${failed.length - 5} more` : '');
}
/** `3 redeployed, 1 already on target, 2 ahead`. */
function summarise(records) {
    const n = (a) => records.filter((r) => r.action === a).length;
    return `${n('redeployed')} redeployed, ${n('skipped-on-target')} already on target, ${n('skipped-ahead')} ahead`;
}

// EXTERNAL MODULE: ./src/rollout/plan.ts
var plan = __webpack_require__(5762);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/rollout/redeploy-types.ts
var redeploy_types = __webpack_require__(8883);
;// CONCATENATED MODULE: ./src/rollout/fenced-redeployer.ts


/**
 * A redeployer whose every request passes the fence before its first attempt, and whose retries pass it
 * again (the driver's own `beforeRetry`). The rollout wraps its redeployer once, so every redeploy it
 * sends (a tenant's first attempt after a long pre-flight read, a compare-and-set re-attempt, a
 * sweeper's re-issue, any new kind) rests on ownership evidence younger than the bound, with no call
 * site able to forget it.
 */
function fencedRedeployer(inner, fence) {
    return {
        async redeploy(req, options = {}) {
            try {
                await fence();
            }
            catch (error) {
                return notSent(error);
            }
            return inner.redeploy(req, { ...options, fence: options.fence ?? fence });
        }
    };
}
/** The result of a request the fence stopped before anything was sent. */
function notSent(error) {
    if (error instanceof redeploy_types/* SupersededError */.ZC)
        return { ok: false, notSent: true, detail: `not sent, because this job is superseded: ${error.decision.reason}`, superseded: error.decision };
    const why = error instanceof redeploy_types/* OwnershipUnknownError */.MW ? error.message : `the superseded check failed: ${(0,errors/* errorMessage */.g)(error)}`;
    return { ok: false, notSent: true, detail: `not sent, because ${why}`, ownershipUnknown: why };
}

// EXTERNAL MODULE: ./src/forge/types.ts
var forge_types = __webpack_require__(8286);
;// CONCATENATED MODULE: ./src/rollout/sweeper.ts


/** How often one tenant's redeploy is sent again before the verdict is left to the budget. */
const MAX_REISSUES = 3;
/**
 * Notices a tenant that moves to an OLDER commit while this job verifies it and sends the redeploy
 * again, as an orphan sweeper would. This is how the owning job heals the one backward move that no
 * gate can prevent: a redeploy an older job sent before the newer commit landed, which a control plane
 * without compare-and-set applies late. A commit change away from the baseline, or any older commit
 * after the target was seen, is a regression; a tenant still showing its baseline is just draining, and
 * one whose pre-flight read failed is draining from the first SHA it answers. Only a SHA the forge says
 * is strictly older than the target is ever undone.
 */
class Sweeper {
    deps;
    watches = new Map();
    inFlight = new Set();
    reissued = new Map();
    constructor(deps) {
        this.deps = deps;
    }
    watch(tenant, baseline) {
        const onTarget = baseline !== undefined && (0,forge_types/* sameCommit */.Kd)(baseline, this.deps.target);
        this.watches.set(tenant, { baseline, seenOnTarget: onTarget, reissues: this.watches.get(tenant)?.reissues ?? 0, busy: false });
    }
    /** The verifier's onObservation hook. */
    observe = (tenant, obs) => {
        const w = this.watches.get(tenant);
        if (!w || !obs.sha)
            return;
        if ((0,forge_types/* sameCommit */.Kd)(obs.sha, this.deps.target)) {
            w.seenOnTarget = true;
            return;
        }
        if (w.baseline === undefined && !w.seenOnTarget) {
            // One failed read is no evidence of a regression: this is what it served, and drains from.
            w.baseline = obs.sha;
            return;
        }
        if (w.busy || w.reissues >= MAX_REISSUES || this.deps.signal?.aborted)
            return;
        const moved = w.baseline === undefined || !(0,forge_types/* sameCommit */.Kd)(obs.sha, w.baseline);
        if (!w.seenOnTarget && !moved)
            return;
        w.busy = true;
        const p = this.reissue(tenant, w, obs.sha).finally(() => {
            w.busy = false;
            this.inFlight.delete(p);
        });
        this.inFlight.add(p);
    };
    async reissue(tenant, w, seen) {
        // Only a strictly older commit is a regression; a newer or unrelated one is not ours to undo.
        if ((await this.deps.ancestry.relation(seen, this.deps.target)).relation !== 'ahead')
            return;
        try {
            // A new read: whatever the job knew when it first sent this tenant's redeploy predates the regression.
            await this.deps.fence({ readNow: true });
        }
        catch (error) {
            if (error instanceof redeploy_types/* OwnershipUnknownError */.MW) {
                this.deps.log(`${tenant} regressed to ${seen.slice(0, 7)}, but its redeploy is not sent again: ${error.message}`);
                return;
            }
            if (!(error instanceof redeploy_types/* SupersededError */.ZC))
                throw error;
            this.deps.log(`${tenant} regressed to ${seen.slice(0, 7)}, but this job is superseded; leaving it to the newer job`);
            return;
        }
        w.reissues += 1;
        this.reissued.set(tenant, w.reissues);
        this.deps.log(`${tenant} regressed to ${seen.slice(0, 7)} while verifying; sending its redeploy again (${w.reissues}/${MAX_REISSUES})`);
        const res = await this.deps.redeployer.redeploy(this.deps.request(tenant, seen), { signal: this.deps.signal, fence: this.deps.fence });
        if (!res.ok)
            this.deps.log(`re-issued redeploy of ${tenant} failed: ${res.detail}`);
        w.baseline = seen;
        w.seenOnTarget = false;
    }
    /** Waits for re-issues still being sent. */
    async settle() {
        while (this.inFlight.size > 0)
            await Promise.allSettled([...this.inFlight]);
    }
}

// EXTERNAL MODULE: ./src/debug.ts
var debug = __webpack_require__(2668);
;// CONCATENATED MODULE: ./src/rollout/preflight.ts

async function preflightRead(obs, target, ancestry) {
    if (!obs.sha)
        return { kind: 'no-answer', error: obs.error };
    if ((0,forge_types/* sameCommit */.Kd)(obs.sha, target))
        return { kind: 'on-target', sha: obs.sha };
    const cmp = await ancestry.relation(target, obs.sha);
    switch (cmp.relation) {
        case 'identical':
            return { kind: 'on-target', sha: obs.sha };
        case 'ahead':
            return { kind: 'ahead', sha: obs.sha };
        case 'behind':
        case 'diverged':
            return { kind: 'older', sha: obs.sha };
        case 'unknown':
            return { kind: 'unknown', sha: obs.sha, detail: cmp.detail ?? 'the forge gave no answer' };
    }
}
/**
 * Forward-only, as a pure function. A tenant that gave no answer is rolled: it may be down, and the
 * redeploy may be its fix. A tenant that answered a SHA the forge cannot place is NOT rolled: it may be
 * ahead, and rolling it would be the backward move this action exists to prevent (`force` overrides).
 */
function preflightAction(seen, force) {
    switch (seen.kind) {
        case 'on-target':
            return 'skip-on-target';
        case 'ahead':
            return force ? 'redeploy-forced-backward' : 'skip-ahead';
        case 'unknown':
            return force ? 'redeploy' : 'skip-unknown';
        case 'older':
        case 'no-answer':
            return 'redeploy';
    }
}

;// CONCATENATED MODULE: ./src/rollout/tenant-step.ts




/**
 * Pre-flight, then redeploy, for one tenant. The pre-flight read is what makes the rollout forward-only:
 * a tenant already on the target is left alone, and one on a descendant is never rolled back to it
 * (unless `force`). An older tenant, or one that gave no answer, is rolled; one that answered a SHA whose
 * ancestry the forge could not establish is not (see preflight.ts).
 */
async function rollTenant(tenant, step, deps) {
    const record = { tenant, step, action: 'not-started', reissues: 0 };
    const target = deps.target.slice(0, 7);
    // A compare-and-set refusal means the tenant changed between our read and our redeploy: read it again
    // and decide again (it may now be on the target or ahead), as a CAS loop does.
    /** What the control plane said the tenant holds, on its last compare-and-set refusal. */
    let held;
    for (let attempt = 1; attempt <= CAS_ATTEMPTS; attempt++) {
        if (deps.signal.aborted)
            return record;
        let obs = await deps.prober.probe(tenant, deps.signal);
        // A tenant that reports no SHA (a crash loop) is known by what the control plane said it holds; that
        // commit goes through the same pre-flight, so only a forward move is ever sent on it.
        if (!obs.sha && held) {
            log/* info */.pq(`${tenant} reports no commit; the control plane says it holds ${held.slice(0, 7)}, taken as {current}`);
            obs = { ...obs, sha: held };
        }
        if (attempt === 1)
            record.before = obs.sha;
        const seen = await preflightRead(obs, deps.target, deps.ancestry);
        const action = preflightAction(seen, deps.force);
        (0,debug/* debug */.Yz)(() => `pre-flight ${tenant} (attempt ${attempt}): serves ${obs.sha ?? `nothing (${obs.error ?? 'no answer'})`}, target ${deps.target}, seen ${seen.kind}${seen.kind === 'unknown' ? ` (${seen.detail})` : ''}, force ${deps.force}: ${action}`);
        if (action === 'skip-on-target' || action === 'skip-ahead') {
            record.action = action === 'skip-on-target' ? 'skipped-on-target' : 'skipped-ahead';
            if (action === 'skip-ahead')
                log/* info */.pq(`${tenant} already serves ${obs.sha?.slice(0, 7)}, a descendant of ${target}: not rolled back`);
            deps.sweeper.watch(tenant, obs.sha);
            return record;
        }
        if (action === 'skip-unknown' && seen.kind === 'unknown') {
            record.action = 'skipped-unknown';
            record.redeployError = `not redeployed: it serves ${seen.sha.slice(0, 7)}, whose ancestry to ${target} could not be established (${seen.detail}); it may be ahead. Run again when the forge answers, or set force: true to roll it anyway`;
            return record;
        }
        if (seen.kind === 'unknown')
            log/* warning */.$e(`${tenant} serves ${seen.sha.slice(0, 7)}, whose ancestry to ${target} is unknown (${seen.detail}); force: true rolls it anyway`, { title: 'Redeploy forced' });
        if (action === 'redeploy-forced-backward')
            log/* warning */.$e(`${tenant} serves ${obs.sha?.slice(0, 7)}, newer than ${target}; force: true rolls it back`, { title: 'Backward redeploy forced' });
        // A cancel that arrived during the pre-flight still stops this tenant: nothing new starts after a cancel.
        if (deps.signal.aborted)
            return record;
        const known = deps.knownSuperseded?.();
        if (known) {
            record.action = 'stopped-superseded';
            record.redeployError = `not sent, because this job is superseded: ${known.reason}`;
            return record;
        }
        // A compare-and-set re-attempt follows a refusal and a fresh read: it passes the fence like any retry.
        if (attempt > 1 && !(await passesFence(deps, record)))
            return record;
        const res = await deps.redeployer.redeploy(deps.request(tenant, obs.sha ?? ''), { signal: deps.signal, fence: deps.fence });
        if (res.ownershipUnknown) {
            // The head became unreadable mid-rollout: nothing was sent blind; the rollout stops and says why.
            record.action = res.notSent && attempt === 1 ? 'not-started' : 'redeploy-failed';
            record.redeployError = res.detail;
            return record;
        }
        if (res.ok) {
            record.action = 'redeployed';
            record.movedFrom = obs.sha;
            deps.sweeper.watch(tenant, obs.sha);
            return record;
        }
        record.redeployError = res.detail;
        if (res.tokenRefused)
            record.tokenRefused = true;
        if (res.superseded) {
            record.action = 'stopped-superseded';
            return record;
        }
        record.action = 'redeploy-failed';
        if (!res.conflict)
            return record;
        held = res.current;
        log/* info */.pq(`${tenant}: the control plane refused a stale compare-and-set (${res.detail}); reading it again`);
    }
    return record;
}
async function passesFence(deps, record) {
    try {
        // A new read: the one the refused attempt was sent on is older than the refusal.
        await deps.fence?.({ readNow: true });
        return true;
    }
    catch (error) {
        if (error instanceof redeploy_types/* OwnershipUnknownError */.MW) {
            record.redeployError = `${record.redeployError}; not retried, because ${error.message}`;
            return false;
        }
        if (!(error instanceof redeploy_types/* SupersededError */.ZC))
            throw error;
        record.action = 'stopped-superseded';
        record.redeployError = `${record.redeployError}; not retried, because this job is superseded: ${error.decision.reason}`;
        return false;
    }
}
/** Reads and redeploys at most this often when a compare-and-set control plane keeps refusing. */
const CAS_ATTEMPTS = 3;

// EXTERNAL MODULE: ./src/rollout/timeline.ts
var timeline = __webpack_require__(3122);
// EXTERNAL MODULE: ./src/template.ts
var template = __webpack_require__(5237);
;// CONCATENATED MODULE: ./src/rollout/restore-decide.ts

/**
 * Whether one canary tenant is due a restore, and the SHA of the pre-flight read its redeploy was sent on
 * (where it goes is then the stable release, restore-target.ts). Only a canary tenant whose redeploy this
 * job sent and the control plane accepted: never a tenant found on the target or ahead (this job did not
 * move it), never one whose redeploy failed (nobody knows what it serves), never one whose read gave no commit.
 */
function restorePlan(record, target) {
    if (record.step !== 'canary')
        return { kind: 'leave', action: 'not-moved', detail: 'not a canary tenant' };
    if (record.action !== 'redeployed')
        return { kind: 'leave', action: 'not-moved', detail: `this job did not move it (${record.action})` };
    const from = record.movedFrom;
    if (!from)
        return { kind: 'leave', action: 'nothing-to-restore', detail: 'its pre-flight read gave no commit, so there is nothing to go back to; it stays on the rejected build' };
    if ((0,forge_types/* sameCommit */.Kd)(from, target))
        return { kind: 'leave', action: 'not-moved', detail: 'it already served the target before this job' };
    return { kind: 'restore', to: from };
}
/**
 * Whether the gate's answer, asked right before, allows the restore. A restore needs positive evidence
 * that this job still owns the branch: a newer commit's job moves the canary forward (even under
 * `force`, which pushes this commit, not an older one), and a head that could not be read or a check
 * that is switched off proves nothing, so the canary is left for the next deploy.
 */
function restoreAllowed(decision) {
    if (decision.superseded)
        return { allowed: false, outcome: 'superseded', reason: `Not restored: ${decision.reason} Its job moves the canary forward.` };
    if (decision.basis === 'identical' || decision.basis === 'behind')
        return { allowed: true };
    return { allowed: false, outcome: 'skipped', reason: `Not restored: ownership of the branch could not be proven right before the restore (${decision.reason})` };
}

;// CONCATENATED MODULE: ./src/rollout/restore-target.ts

const restore_target_short = (sha) => sha.slice(0, 7);
/**
 * First the commit the tenant served before, when a record says its deploy verified; then the promote tag's.
 * The promote tag is moved only after a deploy of its commit verified, so it is the stable release by
 * itself: a commit with no record there (promoted before records, or with `report: none`) is still one.
 * It loses that standing once its own deploy rejected it or its records verify nothing or cannot be read.
 * Everywhere else only a record saying the deploy verified counts: absence of evidence is not consent.
 */
function chooseRestoreTarget(f) {
    // What the tenant served, when its own deploy verified, is a stable release and the smallest move back.
    if (f.previous.standing === 'verified' && !(0,forge_types/* sameCommit */.Kd)(f.previous.sha, f.target))
        return { kind: 'restore', to: f.previous.sha, basis: 'previous' };
    const latest = f.latest;
    if (latest?.sha !== undefined && !(0,forge_types/* sameCommit */.Kd)(latest.sha, f.target) && (latest.standing === 'verified' || latest.standing === 'unrecorded')) {
        return { kind: 'restore', to: latest.sha, basis: 'latest' };
    }
    const other = f.candidates.find((c) => c.standing === 'verified' && !(0,forge_types/* sameCommit */.Kd)(c.sha, f.target) && !(0,forge_types/* sameCommit */.Kd)(c.sha, f.previous.sha));
    if (other)
        return { kind: 'restore', to: other.sha, basis: 'verified' };
    const why = [
        f.noRecords ? `no deploy record is read (report: none), so nothing shows its previous commit ${restore_target_short(f.previous.sha)} verified` : whyNot(f.previous.sha, f.previous.standing),
        latestNote(f)
    ]
        .filter(Boolean)
        .join('; ');
    return { kind: 'none', reason: `no stable release is known: ${why}; the canary stays on the rejected build` };
}
/** Why the pre-flight commit is not a stable release. */
function whyNot(sha, standing) {
    const s = restore_target_short(sha);
    if (standing === 'held')
        return `its previous commit ${s} was rejected by its own deploy (held)`;
    if (standing === 'unverified')
        return `its previous commit ${s} has a deploy record that verifies nothing (running, cancelled or failed)`;
    if (standing === 'unrecorded')
        return `its previous commit ${s} has no deploy record, so nothing shows it verified`;
    if (standing === 'unknown')
        return `the deploy records of its previous commit ${s} could not be read`;
    return `its previous commit ${s} is the rejected commit itself`;
}
function latestNote(f) {
    const latest = f.latest;
    if (!latest)
        return '';
    if (latest.sha === undefined)
        return `the promote tag's commit is not known (${latest.note})`;
    if ((0,forge_types/* sameCommit */.Kd)(latest.sha, f.target))
        return `the promote tag holds the rejected commit ${restore_target_short(latest.sha)}`;
    return `the promote tag's commit ${restore_target_short(latest.sha)} is ${latest.standing === 'held' ? 'held' : latest.standing === 'unknown' ? 'of unreadable records' : 'not verified by its records'}`;
}

;// CONCATENATED MODULE: ./src/rollout/restore-stable.ts



/** The most commits read on the canary that are weighed besides the promote tag: a restore reads a bounded number of records. */
const MAX_CANDIDATES = 5;
/**
 * Points each due row at its stable release (restore-target.ts) and returns the rows that may be sent;
 * the others are left `not-sent`, saying why. The facts are read once per commit: the promote tag's
 * commit, and the records of each commit the canary tenants served before this job moved them.
 */
async function stableTargets(due, rejected, deps) {
    const standings = new Map();
    // Without a reader (`report: none`) no record is read, so nothing shows a commit verified.
    const standing = (sha) => {
        if (!standings.has(sha))
            standings.set(sha, deps.standingOf ? deps.standingOf(sha) : Promise.resolve('unknown'));
        return standings.get(sha);
    };
    const previous = [...new Set(due.map((r) => r.from))].slice(0, MAX_CANDIDATES);
    const read = await Promise.all(previous.map(async (sha) => ({ sha, standing: await standing(sha) })));
    // The promote tag is read only when some tenant's previous commit is not a stable release by itself.
    const settled = await Promise.all(due.map(async (r) => (await standing(r.from)) === 'verified'));
    const latest = settled.every(Boolean) ? undefined : await readLatest(deps, standing);
    const candidates = await newestFirst(read, deps.ancestry);
    const out = [];
    for (const row of due) {
        const choice = chooseRestoreTarget({ target: rejected, previous: { sha: row.from, standing: await standing(row.from) }, latest, candidates, noRecords: !deps.standingOf });
        if (choice.kind === 'restore') {
            row.to = choice.to;
            out.push(row);
        }
        else
            row.detail = choice.reason;
    }
    return out;
}
async function readLatest(deps, standing) {
    if (!deps.latestOf)
        return undefined;
    let read;
    try {
        read = await deps.latestOf();
    }
    catch (error) {
        read = { note: (0,errors/* errorMessage */.g)(error) };
    }
    if (read.sha === undefined) {
        log/* info */.pq(`The promote tag's commit is not known (${read.note}): the stable release is looked for in the deploy records`);
        return { note: read.note };
    }
    // With `report: none` the tag alone is the evidence: promotion follows only a verified deploy.
    return { sha: read.sha, standing: deps.standingOf ? await standing(read.sha) : 'unrecorded' };
}
/**
 * The verified commits first, the newest of them first: one no other verified commit is ahead of. An
 * ancestry that cannot be read keeps the order the tenants were read in (every one of them is verified).
 */
async function newestFirst(read, ancestry) {
    const verified = read.filter((c) => c.standing === 'verified');
    if (verified.length < 2 || !ancestry)
        return verified;
    const behindOthers = await Promise.all(verified.map(async (c) => {
        for (const o of verified)
            if (o !== c && (await ancestry.isAhead(o.sha, c.sha).catch(() => false)))
                return true;
        return false;
    }));
    return [...verified.filter((_, i) => !behindOthers[i]), ...verified.filter((_, i) => behindOthers[i])];
}

;// CONCATENATED MODULE: ./src/rollout/restore.ts






/**
 * Verification of a restore accepts the previous commit itself and nothing else: the rejected build
 * is a descendant of it, and "ahead" must not pass for "restored".
 */
const EXACT = { isAhead: async () => false };
/**
 * After a failed canary: each canary tenant this job moved goes back to the commit its pre-flight read
 * (restore-decide.ts says which), through the same redeployer and fence as every redeploy, with the
 * rejected target as `{current}` so a compare-and-set control plane refuses it once anything else moved
 * the tenant; then it is verified there under the settle budget. The gate is asked right before.
 * The job still fails and the commit is still held whatever this does.
 */
async function restoreCanary(records, deps) {
    const plans = records.map((r) => ({ record: r, plan: restorePlan(r, deps.target.sha) }));
    const rows = plans.map(({ record, plan }) => plan.kind === 'restore' ? { tenant: record.tenant, action: 'not-sent', to: plan.to, from: plan.to } : { tenant: record.tenant, action: plan.action, detail: plan.detail });
    const due = rows.filter((r) => r.to !== undefined);
    const left = describeLeft(rows);
    const finish = (outcome, reason) => ({ outcome, reason: `${reason}${left}`, tenants: rows });
    if (deps.mode === 'hold') {
        for (const r of due)
            r.detail = 'canary-failure: hold';
        return finish('held', `The canary stays on the rejected build (canary-failure: hold).`);
    }
    if (due.length === 0)
        return finish('nothing-to-restore', 'No canary tenant had a previous commit to go back to.');
    if (deps.signal.aborted)
        return skipAll(due, finish, 'skipped', 'Not restored: the run was cancelled.');
    const decision = await deps.gate.check();
    const allowed = restoreAllowed(decision);
    if (!allowed.allowed) {
        log/* warning */.$e(allowed.reason, { title: 'Canary not restored' });
        return skipAll(due, finish, allowed.outcome, allowed.reason);
    }
    const fence = async () => {
        const d = await deps.gate.check();
        if (!restoreAllowed(d).allowed)
            throw new redeploy_types/* SupersededError */.ZC(d);
    };
    const sendable = await stableTargets(due, deps.target.sha, deps);
    if (sendable.length === 0) {
        const reason = `Not restored: ${due[0].detail}.`;
        log/* warning */.$e(reason, { title: 'Canary not restored' });
        return finish('skipped', reason);
    }
    await Promise.all(sendable.map((row) => send(row, deps, fence)));
    const sent = due.filter((r) => r.action === 'restored');
    await verifySent(sent, deps);
    const verified = sent.filter((r) => r.verdict?.verdict === 'on-target').length;
    const names = due.map((r) => `${r.tenant} to ${r.to.slice(0, 7)}`).join(', ');
    const where = due.every((r) => r.to === r.from) ? 'its previous commit' : 'the stable release';
    if (verified === due.length)
        return finish('restored', `Restored the canary to ${where} and verified it there: ${names}.`);
    return finish('failed', `The canary restore did not verify for ${due.length - verified} of ${due.length} tenant(s) (${describeUnverified(due)}).`);
}
async function send(row, deps, fence) {
    const to = row.to;
    const { target } = deps;
    const what = row.from === to ? 'the commit it served before this job moved it' : `the stable release (it served ${row.from?.slice(0, 7) ?? 'no readable commit'} before this job moved it)`;
    log/* warning */.$e(`Restoring canary ${row.tenant} from the rejected ${target.sha.slice(0, 7)} to ${to.slice(0, 7)}, ${what}`, { title: 'Canary restore' });
    const tag = (0,template/* render */.XX)(deps.imageTag, (0,template/* commitVars */.gK)(to, target.environment));
    const res = await deps.redeployer.redeploy({ tenant: row.tenant, tag, sha: to, environment: target.environment, current: target.sha }, { signal: deps.signal, fence });
    if (res.ok) {
        row.action = 'restored';
        return;
    }
    row.action = res.superseded ? 'not-sent' : 'restore-failed';
    row.detail = res.conflict ? `the control plane refused the compare-and-set: it no longer serves ${target.sha.slice(0, 7)}, so it is not this job's to move (${res.detail})` : res.detail;
}
/** One verification per commit gone back to (tenants of one canary may have served different ones). */
async function verifySent(sent, deps) {
    const byCommit = new Map();
    for (const r of sent)
        byCommit.set(r.to, [...(byCommit.get(r.to) ?? []), r]);
    await Promise.all([...byCommit].map(async ([to, rows]) => {
        const verdicts = await (0,fleet/* verifyFleet */.K2)(rows.map((r) => r.tenant), { target: to, prober: deps.prober, ancestry: EXACT, clock: deps.clock, ...(0,fleet/* settleOptions */.sN)(deps.verify), signal: deps.signal });
        verdicts.forEach((v, i) => (rows[i].verdict = v));
    }));
}
function skipAll(due, finish, outcome, reason) {
    for (const r of due)
        r.detail = reason;
    return finish(outcome, reason);
}
function describeLeft(rows) {
    const nothing = rows.filter((r) => r.action === 'nothing-to-restore').map((r) => r.tenant);
    return nothing.length ? ` Left on the rejected build, with no readable commit before: ${nothing.slice(0, 5).join(', ')}${nothing.length > 5 ? ` and ${nothing.length - 5} more` : ''}.` : '';
}
function describeUnverified(due) {
    const bad = due.filter((r) => r.verdict?.verdict !== 'on-target');
    const text = bad.slice(0, 5).map((r) => `${r.tenant} ${r.action === 'restored' ? (r.verdict?.verdict ?? 'unverified') : r.action}`);
    return text.join(', ') + (bad.length > 5 ? `, and ${bad.length - 5} more` : '');
}

;// CONCATENATED MODULE: ./src/rollout/types.ts

/**
 * A tenant counts as failed when its redeploy failed, its ancestry could not be established, its
 * analysis did not pass, or its last verdict is neither on-target nor ahead.
 */
function isFailed(r) {
    if (r.action === 'redeploy-failed' || r.action === 'skipped-unknown')
        return true;
    if ((0,verdict/* failedAnalysis */.A)(r.analysis))
        return true;
    return r.verdict !== undefined && r.verdict.verdict !== 'on-target' && r.verdict.verdict !== 'ahead';
}

// EXTERNAL MODULE: ./src/analysis/canary.ts + 4 modules
var canary = __webpack_require__(5570);
;// CONCATENATED MODULE: ./src/rollout/rollout.ts

















/**
 * gate → canary → verify → soak → verify again → for each wave: gate, redeploy, verify → confirm.
 * Stops starting redeploys as soon as the job is superseded, halted or cancelled, and always returns a
 * full account of what it did (promotion is the caller's, after a `deployed` result).
 */
function runRollout(deps) {
    return new Rollout(deps).run();
}
class Rollout {
    timeline;
    records;
    sweeper;
    stepDeps;
    headSha;
    /** Set by the fence when a retry or re-issue found a newer commit owning the branch. */
    supersededBy;
    /** Set by the fence when the head, readable earlier in this job, could not be read: the outage, in words. */
    blind;
    deps;
    constructor(given) {
        // Every redeploy this rollout sends goes through the fence, whoever sends it (fenced-redeployer.ts).
        const deps = (this.deps = { ...given, redeployer: fencedRedeployer(given.redeployer, this.fence) });
        const { target, rollout } = deps;
        this.timeline = deps.timeline ?? new timeline/* Timeline */.K(deps.clock);
        this.records = new Map(deps.fleet.map((t) => [t, { tenant: t, step: '', action: 'not-started', reissues: 0 }]));
        const request = (tenant, current) => ({ tenant, tag: rollout.tag, sha: target.sha, environment: target.environment, current });
        this.sweeper = new Sweeper({ target: target.sha, request, redeployer: deps.redeployer, ancestry: deps.ancestry, fence: this.fence, log: (m) => log/* warning */.$e(m), signal: deps.signal });
        this.stepDeps = {
            target: target.sha,
            force: deps.gateSettings.force,
            prober: deps.prober,
            ancestry: deps.ancestry,
            redeployer: deps.redeployer,
            sweeper: this.sweeper,
            request,
            signal: deps.signal,
            fence: this.fence,
            knownSuperseded: () => this.supersededBy
        };
    }
    /**
     * Asked before every redeploy attempt: the first (on an answer younger than the ownership-evidence
     * bound, read again when older, one read shared by every tenant asking at once), and each that follows
     * a wait (a retry, a compare-and-set re-attempt, a re-issue: on a read sent after the wait began).
     * Once the head was readable in this job, an unreadable one stops the rollout instead of acting blind.
     */
    fence = async (need) => {
        if (this.deps.gateSettings.force)
            return;
        if (this.supersededBy)
            throw new redeploy_types/* SupersededError */.ZC(this.supersededBy);
        if (this.blind)
            throw new redeploy_types/* OwnershipUnknownError */.MW(this.blind);
        let decision;
        try {
            decision = await this.deps.gate.fresh(need);
        }
        catch (error) {
            this.blind ??= `the superseded check failed: ${(0,errors/* errorMessage */.g)(error)}`;
            throw new redeploy_types/* OwnershipUnknownError */.MW(this.blind);
        }
        if (decision.basis === 'unreadable' && this.deps.gate.everReadable) {
            this.blind ??= this.outage(decision);
            throw new redeploy_types/* OwnershipUnknownError */.MW(this.blind);
        }
        if (!decision.superseded)
            return;
        this.supersededBy ??= decision;
        this.headSha = decision.headSha ?? this.headSha;
        throw new redeploy_types/* SupersededError */.ZC(decision);
    };
    outage(decision) {
        const branch = this.deps.target.branch;
        return `the head of ${branch}, readable earlier in this job, could not be read within the forge retry budget (${decision.unreadable ?? decision.reason}), so this job cannot tell whether a newer commit owns ${branch}`;
    }
    async run() {
        const { rollout, signal } = this.deps;
        const steps = (0,plan/* planSteps */.Dv)(this.deps.fleet, rollout.canary, rollout.maxParallel, rollout.waves);
        for (const [i, step] of steps.entries()) {
            if (signal.aborted)
                return this.finish('cancelled', `The run was cancelled before ${step.name}; nothing was started after that.`);
            const where = i === 0 ? 'before the first redeploy' : `before ${step.name}`;
            // Asked here even for the first step: a decision taken before the (possibly slow) fleet load is stale.
            // A gate read the cancel stopped is no answer: the rollout ends `cancelled`, not on an outage.
            const decision = await this.askGate(step, where).catch((error) => {
                if (signal.aborted)
                    return undefined;
                throw error;
            });
            if (!decision)
                return this.finish('cancelled', `The run was cancelled ${where}; nothing was started after that.`);
            if (decision.superseded && !this.deps.gateSettings.force)
                return this.finish('skipped-superseded', `Superseded ${where}: ${decision.reason}`);
            if (decision.basis === 'unreadable' && this.deps.gate.everReadable && !this.deps.gateSettings.force) {
                return this.finish('failed', `Stopped ${where}: ${this.outage(decision)}. Nothing more was sent; run again once the forge answers.`, undefined, 'outage');
            }
            const stop = await this.deps.beforeStep?.(where);
            if (stop !== undefined)
                return this.finish('stopped', stop);
            await this.timeline.run(step.name, () => log/* group */.Os(`${cap(step.name)}: ${(0,plan/* stepSize */.Ox)(step, this.deps.fleet.length)}`, () => this.roll(step)), () => this.judge(step));
            if (this.supersededBy)
                return this.finish('skipped-superseded', `Superseded during ${step.name}: ${this.supersededBy.reason} Nothing more was sent after that.`);
            if (this.blind)
                return this.finish('failed', `Stopped during ${step.name}: ${this.blind}. Nothing more was sent; run again once the forge answers.`, undefined, 'outage');
            const refused = [...this.records.values()].find((r) => r.tokenRefused);
            if (refused)
                return this.finish('failed', `Stopped during ${step.name}: ${refused.redeployError}. Nothing more was sent.`, undefined, 'control-plane-token');
            if (step.kind === 'canary')
                await this.soakAndReverify(step);
            if (signal.aborted)
                return this.finish('cancelled', `The run was cancelled during ${step.name}; nothing new was started after that.`);
            const failed = this.failures();
            // Judge only what is still ours: a verdict that falls after a newer commit owns the branch (its job
            // may have taken these very tenants) is no rejection, no hold and no restore. A due restore asks the
            // gate itself (and sends nothing once superseded); otherwise the head is read afresh here.
            const superseded = (why) => this.finish('skipped-superseded', `Superseded before ${step.name} was judged: ${why} The failures seen (${describeFailures(failed)}) are not held against ${this.deps.target.sha.slice(0, 7)}: the newer commit's job owns these tenants.`);
            if (step.kind === 'canary' && failed.length > 0) {
                const restore = await this.restore(step);
                if (restore?.outcome === 'superseded')
                    return superseded(restore.reason);
                const asked = restore !== undefined && (restore.outcome === 'restored' || restore.outcome === 'failed');
                const newer = asked ? undefined : await this.ownerNow();
                if (newer)
                    return superseded(newer.reason);
                return this.finish('failed', `The canary failed (${describeFailures(failed)}); the rest of the fleet was not touched.${restore ? ` ${restore.reason}` : ''}`, restore, 'canary');
            }
            const newer = failed.length > rollout.maxFailures ? await this.ownerNow() : undefined;
            if (newer)
                return superseded(newer.reason);
            if (failed.length > rollout.maxFailures) {
                const left = steps.length - i - 1;
                return this.finish('failed', `${failed.length} tenant(s) failed (${describeFailures(failed)}), more than max-failures (${rollout.maxFailures}); halted after ${step.name}${left ? `, ${left} wave(s) not started` : ''}.`, undefined, 'max-failures');
            }
        }
        if (steps.length > 1)
            await this.confirm();
        if (signal.aborted)
            return this.finish('cancelled', 'The run was cancelled while confirming the fleet.');
        const failed = this.failures();
        if (failed.length > 0)
            return this.finish('failed', `${failed.length} tenant(s) failed: ${describeFailures(failed)}.`);
        return this.finish('deployed', `${this.deps.fleet.length} tenant(s) verified on ${this.deps.target.sha.slice(0, 7)} or newer (${summarise([...this.records.values()])}).`);
    }
    /** A fresh read of the head before a rejecting verdict: the newer commit's decision when one owns the branch. */
    async ownerNow() {
        if (this.deps.gateSettings.force)
            return undefined;
        if (this.supersededBy)
            return this.supersededBy;
        try {
            const decision = await this.deps.gate.fresh({ readNow: true });
            if (!decision.superseded)
                return undefined;
            this.supersededBy = decision;
            this.headSha = decision.headSha ?? this.headSha;
            return decision;
        }
        catch {
            // The head cannot be read: nothing shows a newer owner, so the verdict stands (a lost rejection is worse).
            return undefined;
        }
    }
    async askGate(step, where) {
        const decision = await this.timeline.run(`gate (${step.name})`, () => log/* group */.Os(`Superseded gate ${where}`, () => this.deps.gate.check()), judgeGate);
        this.headSha = decision.headSha ?? this.headSha;
        // An outage after the head was readable stops the rollout (run): no "proceeding as the owner" warning.
        if (!(decision.basis === 'unreadable' && this.deps.gate.everReadable && !this.deps.gateSettings.force))
            (0,announce/* announce */.i)(decision, this.deps.gateSettings, where);
        return decision;
    }
    /**
     * Pre-flight and redeploy the step's tenants (max-parallel at once); each tenant's verification starts
     * as soon as its redeploy is accepted (or its pre-flight found it on the target or ahead).
     */
    async roll(step) {
        const { deps } = this;
        const limit = (0,p_limit/* default */.A)(deps.rollout.maxParallel);
        deps.onProgress?.(step.name, 0, step.tenants.length, 0);
        const verifier = (0,fleet/* fleetVerifier */.xS)(step.tenants.length, { ...this.settleWith(), onProgress: (done, total, ok) => deps.onProgress?.(step.name, done, total, ok) });
        await Promise.all(step.tenants.map(async (t) => {
            const r = await limit(() => rollTenant(t, step.name, this.stepDeps));
            this.records.set(r.tenant, r);
            // The error annotation comes once, at the end, with every other failing tenant's.
            if (r.action === 'redeploy-failed')
                log/* info */.pq(`redeploy of ${r.tenant} failed: ${r.redeployError}`);
            // A superseded job does not wait for tenants the newer job is about to move.
            if (VERIFIED_ACTIONS.has(r.action) && !this.supersededBy)
                r.verdict = await verifier.verify(t);
            else
                verifier.pass();
        }));
        await this.sweeper.settle();
    }
    /** The canary must still serve the target after the soak: a revert by another job shows here. */
    async soakAndReverify(step) {
        const { rollout, signal, clock } = this.deps;
        if (this.failures().length || rollout.soakMs <= 0 || signal.aborted)
            return;
        const untouched = this.deps.fleet.filter((t) => !step.tenants.includes(t));
        const analysed = await this.timeline.run('soak', () => log/* group */.Os(`Soak: ${rollout.soakMs / 1000}s`, () => (0,canary/* soak */.Rb)(this.deps.analysis, { canary: step.tenants, untouched, soakMs: rollout.soakMs, clock, signal })), (a) => (0,canary/* judgeSoak */.cE)(a, signal));
        // A canary tenant whose analysis did not pass fails the canary (isFailed), whatever its build info says.
        for (const a of analysed?.tenants ?? [])
            this.records.get(a.tenant).analysis = a;
        await this.timeline.run('canary re-verify', () => log/* group */.Os('Canary, verified again after the soak', () => this.verify('canary re-verify', step.tenants, true)), () => this.judge(step));
    }
    /** One more read of every verified tenant, so a regression that landed after its wave is healed too. */
    async confirm() {
        if (this.deps.signal.aborted)
            return;
        const ok = [...this.records.values()].filter((r) => !isFailed(r) && r.action !== 'not-started').map((r) => r.tenant);
        const judge = () => ({ outcome: this.failures().length ? 'failed' : 'ok' });
        await this.timeline.run('confirm', () => log/* group */.Os(`Confirm: the whole fleet once more (${ok.length})`, () => this.verify('confirm', ok, true)), judge);
    }
    /**
     * `again` marks a re-verification (after the soak, the final confirm): a tenant that is still fine keeps
     * the verdict of its first verification, whose settle time and polls are the ones worth reporting.
     */
    async verify(phase, tenants, again = false) {
        const { deps } = this;
        deps.onProgress?.(phase, 0, tenants.length, 0);
        const verdicts = await (0,fleet/* verifyFleet */.K2)(tenants, { ...this.settleWith(), onProgress: (done, total, ok) => deps.onProgress?.(phase, done, total, ok) });
        await this.sweeper.settle();
        for (const v of verdicts) {
            const record = this.records.get(v.tenant);
            if (!again || !record.verdict || !(0,types/* isOk */.H)(v.verdict) || record.verdict.verdict !== v.verdict)
                record.verdict = v;
        }
    }
    settleWith() {
        const { deps } = this;
        return { target: deps.target.sha, prober: deps.prober, ancestry: deps.ancestry, clock: deps.clock, ...(0,fleet/* settleOptions */.sN)(deps.verify), signal: deps.signal, onObservation: this.sweeper.observe };
    }
    /** A failed canary goes back to where it was (restore.ts), unless `canary-failure: hold`. */
    async restore(step) {
        const { deps } = this;
        if (!deps.canaryFailure)
            return undefined;
        const records = step.tenants.map((t) => this.records.get(t));
        const restoreDeps = {
            ...deps.canaryFailure,
            ancestry: deps.ancestry,
            target: deps.target,
            gate: deps.gate,
            redeployer: deps.redeployer,
            prober: deps.prober,
            verify: deps.verify,
            clock: deps.clock,
            signal: deps.signal
        };
        return this.timeline.run('canary restore', () => log/* group */.Os('Canary restore', () => restoreCanary(records, restoreDeps)), (r) => ({ outcome: r.outcome, detail: r.reason }));
    }
    judge(step) {
        if (this.deps.signal.aborted)
            return { outcome: 'cancelled' };
        const bad = step.tenants.map((t) => this.records.get(t)).filter(isFailed);
        // The size of each step is part of its row in the timeline: `6 tenants, to 6 of 60 (10%)`.
        const size = (0,plan/* stepSize */.Ox)(step, this.deps.fleet.length);
        return bad.length ? { outcome: 'failed', detail: `${size}; ${describeFailures(bad)}` } : { outcome: 'ok', detail: size };
    }
    failures() {
        return [...this.records.values()].filter(isFailed);
    }
    finish(result, reason, restore, stop) {
        for (const r of this.records.values())
            r.reissues = this.sweeper.reissued.get(r.tenant) ?? 0;
        const stopped = stop ? { stop: { at: stop, maxFailures: this.deps.rollout.maxFailures } } : {};
        return { result, reason, headSha: this.headSha, tenants: [...this.records.values()], phases: this.timeline.phases, ...(restore ? { restore } : {}), ...stopped };
    }
}
/** Tenants this job moved or found on the target (or ahead): the ones whose verification it waits for. */
const VERIFIED_ACTIONS = new Set(['redeployed', 'skipped-on-target', 'skipped-ahead']);
function cap(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
}


/***/ }),

/***/ 4115:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ pLimit)
/* harmony export */ });
/* unused harmony export limitFunction */
/* harmony import */ var yocto_queue__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6703);


function pLimit(concurrency) {
	let rejectOnClear = false;

	if (typeof concurrency === 'object') {
		({concurrency, rejectOnClear = false} = concurrency);
	}

	validateConcurrency(concurrency);

	if (typeof rejectOnClear !== 'boolean') {
		throw new TypeError('Expected `rejectOnClear` to be a boolean');
	}

	const queue = new yocto_queue__WEBPACK_IMPORTED_MODULE_0__/* ["default"] */ .A();
	let activeCount = 0;

	const resumeNext = () => {
		// Process the next queued function if we're under the concurrency limit
		if (activeCount < concurrency && queue.size > 0) {
			activeCount++;
			queue.dequeue().run();
		}
	};

	const next = () => {
		activeCount--;
		resumeNext();
	};

	const run = async (function_, resolve, arguments_) => {
		// Execute the function and capture the result promise
		const result = (async () => function_(...arguments_))();

		// Resolve immediately with the promise (don't wait for completion)
		resolve(result);

		// Wait for the function to complete (success or failure)
		// We catch errors here to prevent unhandled rejections,
		// but the original promise rejection is preserved for the caller
		try {
			await result;
		} catch {}

		// Decrement active count and process next queued function
		next();
	};

	const enqueue = (function_, resolve, reject, arguments_) => {
		const queueItem = {reject};

		// Queue the internal resolve function instead of the run function
		// to preserve the asynchronous execution context.
		new Promise(internalResolve => { // eslint-disable-line promise/param-names
			queueItem.run = internalResolve;
			queue.enqueue(queueItem);
		}).then(run.bind(undefined, function_, resolve, arguments_)); // eslint-disable-line promise/prefer-await-to-then

		// Start processing immediately if we haven't reached the concurrency limit
		if (activeCount < concurrency) {
			resumeNext();
		}
	};

	const generator = (function_, ...arguments_) => new Promise((resolve, reject) => {
		enqueue(function_, resolve, reject, arguments_);
	});

	Object.defineProperties(generator, {
		activeCount: {
			get: () => activeCount,
		},
		pendingCount: {
			get: () => queue.size,
		},
		clearQueue: {
			value() {
				if (!rejectOnClear) {
					queue.clear();
					return;
				}

				const abortError = AbortSignal.abort().reason;

				while (queue.size > 0) {
					queue.dequeue().reject(abortError);
				}
			},
		},
		concurrency: {
			get: () => concurrency,

			set(newConcurrency) {
				validateConcurrency(newConcurrency);
				concurrency = newConcurrency;

				queueMicrotask(() => {
					// eslint-disable-next-line no-unmodified-loop-condition
					while (activeCount < concurrency && queue.size > 0) {
						resumeNext();
					}
				});
			},
		},
		map: {
			async value(iterable, function_) {
				const promises = [];

				try {
					Array.from(iterable, (value, index) => {
						const promise = generator(function_, value, index);
						promises.push(promise);
						return promise;
					});
				} catch (error) {
					// The iterable threw, so `Promise.all` never observes the already scheduled promises. Observe them here to avoid unhandled rejections.
					for (const promise of promises) {
						promise.catch(() => {}); // eslint-disable-line promise/prefer-await-to-then
					}

					throw error;
				}

				return Promise.all(promises);
			},
		},
	});

	return generator;
}

function limitFunction(function_, options) {
	const limit = pLimit(options);

	const limitedFunction = (...arguments_) => limit(() => function_(...arguments_));
	Object.defineProperty(limitedFunction, 'clearQueue', {
		value: limit.clearQueue,
	});

	return limitedFunction;
}

function validateConcurrency(concurrency) {
	if (!((Number.isInteger(concurrency) || concurrency === Number.POSITIVE_INFINITY) && concurrency > 0)) {
		throw new TypeError('Expected `concurrency` to be a number from 1 and up');
	}
}


/***/ })

};
