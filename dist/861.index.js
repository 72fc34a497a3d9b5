export const id = 861;
export const ids = [861];
export const modules = {

/***/ 1479:
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
;// CONCATENATED MODULE: ./src/analysis/absolute-only.ts
/**
 * What the relative threshold does when a step leaves no tenant on the release before (the last wave,
 * or a canary of the whole fleet): there is no baseline to compare with, at any interval. With
 * `analysis-max`, the step is judged by it alone, and the report says so; without it, the relative
 * threshold stays and every sample is inconclusive, which is no pass (a wave analysis needs
 * `analysis-max`, settings/analysis.ts). Pure: tested row by row.
 */
function thresholdsFor(t, baselineTenants) {
    if (baselineTenants > 0 || t.maxRatio === undefined || t.max === undefined)
        return { thresholds: t };
    return {
        thresholds: { max: t.max, floor: t.floor },
        absoluteOnly: 'no tenant is left on the release before, so there is no baseline: judged by analysis-max alone, analysis-max-ratio not applied'
    };
}

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
    const { thresholds, absoluteOnly } = thresholdsFor(settings.thresholds, baseline.length);
    const samples = new Map(canary.map((t) => [t, []]));
    const limit = (0,p_limit/* default */.A)(READS_AT_ONCE);
    const read = (t) => limit(() => deps.reader.read(t, signal));
    const start = clock.now();
    let stoppedEarly;
    log/* info */.pq(`Analysis: ${canary.length} canary tenant(s) against ${baseline.length} baseline tenant(s) (${baseline.join(', ') || 'none'}), every ${(0,src_clock/* formatSeconds */.Xo)(settings.intervalMs)} from ${deps.reader.source}`);
    if (absoluteOnly)
        log/* info */.pq(`Analysis: ${absoluteOnly}`);
    for (let i = 1; start + i * settings.intervalMs <= start + soakMs; i++) {
        if (!(await sleep(clock, start + i * settings.intervalMs - clock.now(), signal)))
            break;
        const [canaryReads, baselineReads] = await Promise.all([Promise.all(canary.map(read)), Promise.all(baseline.map(read))]);
        if (signal.aborted)
            break;
        const values = baselineReads.flatMap((r) => ('value' in r ? [r.value] : []));
        const base = { median: (0,judge/* median */.JZ)(values), readable: values.length, asked: baseline.length };
        const atMs = clock.now() - start;
        canary.forEach((t, k) => samples.get(t).push(sampleOf(canaryReads[k], values, base, atMs, thresholds)));
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
    return analysisResult(deps, { baseline, tenants, stopped: signal.aborted, stoppedEarly, step: 'canary', absoluteOnly });
}
/**
 * What an analysis (the canary's soak, or a wave's settle) found: a tenant still `running` when it ended is
 * inconclusive, and it passed only when it was not stopped and every tenant passed.
 */
function analysisResult(deps, r) {
    return {
        kind: deps.settings.kind,
        source: deps.reader.source,
        baseline: r.baseline,
        intervalMs: deps.settings.intervalMs,
        tenants: r.tenants.map((t) => ({ ...t, verdict: t.verdict === 'running' ? 'inconclusive' : t.verdict })),
        passed: !r.stopped && r.tenants.every((t) => t.verdict === 'passed'),
        ...(r.stoppedEarly ? { stoppedEarly: r.stoppedEarly } : {}),
        step: r.step,
        ...(r.absoluteOnly ? { absoluteOnly: r.absoluteOnly } : {})
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
/** One tenant's reading, judged against the baseline values read in the same interval. */
function sampleOf(reading, baselineValues, baseline, atMs, thresholds) {
    const value = 'value' in reading ? reading.value : undefined;
    const j = (0,judge/* judgeSample */.KH)(value, baselineValues, thresholds);
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
;// CONCATENATED MODULE: ./src/analysis/wave.ts






/** Reads in flight at once in one interval (wave tenants and baseline together). */
const wave_READS_AT_ONCE = 16;
/**
 * A tenant needs more samples until its analysis is decided (failed, inconclusive) or it has
 * `analysis-consecutive` judged samples, so the last tenant to settle can still fail on a run of bad
 * ones (with 1, that is the interval after it reported the target). Pure.
 */
function needsMore(verdicts, limits) {
    const c = (0,judge/* countSamples */.Tu)(verdicts, limits, false);
    return c.verdict === 'running' && c.good + c.bad < limits.consecutive;
}
/**
 * The wave's analysis: every `intervalMs` from the wave's start, each wave tenant that reported the
 * target at least one interval before (so its metric has seen the new build that long, not only the old
 * one) and is not decided yet is read, with the baseline at the same moment, and judged as the canary's
 * samples are (judge.ts). It ends once the wave is verified and no settled tenant needs more samples, or
 * on a cancel (never a pass then).
 */
function watchWave(run, deps) {
    const { clock, signal } = run;
    const { settings } = deps;
    const baseline = pickBaseline(run.untouched, settings.baselineSize);
    const { thresholds, absoluteOnly } = thresholdsFor(settings.thresholds, baseline.length);
    const samples = new Map();
    /** When each settled tenant reported the target. */
    const settledAt = new Map();
    const limit = (0,p_limit/* default */.A)(wave_READS_AT_ONCE);
    const read = (t) => limit(() => deps.reader.read(t, signal));
    const decided = (t) => conclude(t, samples.get(t), deps, false).verdict !== 'running';
    const pending = () => [...samples.values()].some((s) => needsMore(s.map((x) => x.verdict), settings));
    // Ends a wait at once when the wave is verified and nothing is left to sample; a cancel ends it too.
    const wake = new AbortController();
    const onAbort = () => wake.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    let verified = false;
    const start = clock.now();
    log/* info */.pq(`${run.step} analysis: against ${baseline.length} baseline tenant(s) (${baseline.join(', ') || 'none'}), every ${(0,src_clock/* formatSeconds */.Xo)(settings.intervalMs)} once a tenant reports the target`);
    if (absoluteOnly)
        log/* info */.pq(`${run.step} analysis: ${absoluteOnly}`);
    const loop = async () => {
        for (let i = 1; !(verified && !pending()); i++) {
            if (!(await sleep(clock, start + i * settings.intervalMs - clock.now(), wake.signal)) || signal.aborted)
                return;
            const due = [...samples.keys()].filter((t) => settledAt.get(t) + settings.intervalMs <= clock.now() && !decided(t));
            if (due.length === 0)
                continue;
            const [waveReads, baselineReads] = await Promise.all([Promise.all(due.map(read)), Promise.all(baseline.map(read))]);
            if (signal.aborted)
                return;
            const values = baselineReads.flatMap((r) => ('value' in r ? [r.value] : []));
            const base = { median: (0,judge/* median */.JZ)(values), readable: values.length, asked: baseline.length };
            const atMs = clock.now() - start;
            due.forEach((t, k) => samples.get(t).push(sampleOf(waveReads[k], values, base, atMs, thresholds)));
            logInterval(i, atMs, due, samples, base);
        }
    };
    const running = loop();
    // Awaited in done(); until then a failure must not surface as an unhandled rejection that ends the job.
    running.catch(() => undefined);
    return {
        settled(tenant) {
            if (samples.has(tenant))
                return;
            samples.set(tenant, []);
            settledAt.set(tenant, clock.now());
        },
        async done(superseded = false) {
            verified = true;
            if (superseded || !pending())
                wake.abort();
            await running;
            signal.removeEventListener('abort', onAbort);
            const tenants = run.tenants.filter((t) => samples.has(t)).map((t) => conclude(t, samples.get(t), deps, true));
            const stopped = signal.aborted || superseded;
            const stoppedEarly = stopped ? `the ${signal.aborted ? 'run was cancelled' : 'job was superseded'} during ${run.step}` : undefined;
            return analysisResult(deps, { baseline, tenants, stopped, stoppedEarly, step: run.step, absoluteOnly });
        }
    };
}

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
    const waves = [];
    const analysis = {
        soak: async (run) => (analysis.last = await analyseSoak(run.canary, run.untouched, run.soakMs, { reader: metrics, settings, clock: run.clock, signal: run.signal })),
        waves
    };
    if (settings.waves) {
        analysis.wave = (run) => {
            const watch = watchWave(run, { reader: metrics, settings });
            return { settled: watch.settled, done: async (superseded) => (waves.push(await watch.done(superseded)), waves.at(-1)) };
        };
    }
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
    for (const r of await statusRecords(forge, sha, names))
        records.push(r);
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
    const state = (0,_state_js__WEBPACK_IMPORTED_MODULE_0__/* .decideDeployState */ .Z)(records, { now: new Date(0), timeoutMs: Number.MAX_SAFE_INTEGER, sha, name: 'deploy' });
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
  Z: () => (/* binding */ decideDeployState)
});

// UNUSED EXPORTS: LIFTS_HOLD

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
    // On the forge's clock (liveness.ts): a record whose age the forge's times do not give is never presumed dead.
    const alive = (r) => livenessOf(r, o.now, o.timeoutMs) !== 'presumed-dead';
    const ageOf = (r) => liveness_ageOf(r, o.now) ?? 0;
    const all = [...jobs.values()];
    const running = all.filter((r) => r.stamp.end === 'running');
    const live = running.find(alive);
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
        if (alive(freshest)) {
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
function when(r, now) {
    const beat = lastSignOfLife(r);
    const age = liveness_ageOf(r, now);
    if (beat === undefined)
        return 'since a time the forge did not give';
    if (age === undefined)
        return `(last heartbeat ${new Date(beat).toISOString()}; the forge did not say its time now)`;
    return `(last heartbeat ${new Date(beat).toISOString()}, ${minutes(age)} ago)`;
}
/** The later of two records of one job; on a tie an end beats `running`, and a rejection another end. */
function later(a, b) {
    const order = (lastSignOfLife(b) ?? 0) - (lastSignOfLife(a) ?? 0);
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

/***/ 5257:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  $: () => (/* reexport */ describe/* judgeGate */.$U),
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
// EXTERNAL MODULE: ./src/rollout/describe.ts
var describe = __webpack_require__(4600);
// EXTERNAL MODULE: ./src/rollout/plan.ts
var plan = __webpack_require__(5762);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/runtime/cancel.ts
var cancel = __webpack_require__(3952);
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
    if (error instanceof cancel/* CancelledError */.cc)
        return { ok: false, notSent: true, cancelled: true, detail: 'not sent, because the run was cancelled' };
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
            // The run was cancelled while the fence read the head: nothing new is sent (and nothing is thrown).
            if (error instanceof cancel/* CancelledError */.cc) {
                this.deps.log(`${tenant} regressed to ${seen.slice(0, 7)}, but its redeploy is not sent again: the run was cancelled`);
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
        // Cancelled while its fence read the head: nothing was sent, and the tenant failed nothing.
        if (res.cancelled)
            return record;
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
        if (error instanceof cancel/* CancelledError */.cc) {
            record.redeployError = `${record.redeployError}; not retried, because the run was cancelled`;
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

// EXTERNAL MODULE: ./src/analysis/verdict.ts
var verdict = __webpack_require__(7319);
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

// EXTERNAL MODULE: ./src/analysis/canary.ts + 6 modules
var canary = __webpack_require__(1479);
;// CONCATENATED MODULE: ./src/rollout/wave-health.ts
/**
 * `analysis-waves`: a wave's tenants are judged on health while they settle, against the tenants this
 * job has not moved yet (the baseline, on the release before). A wave tenant whose analysis does not
 * pass is a failed tenant of its wave (isFailed), so it counts toward `max-failures`. Undefined for the
 * canary (its soak is the analysis) and without `analysis-waves`.
 */
function waveHealth(step, records, deps) {
    if (step.kind !== 'wave' || !deps.analysis?.wave || deps.signal.aborted)
        return undefined;
    const inStep = new Set(step.tenants);
    // Asked before the wave sends anything: later waves' tenants are still `not-started` then.
    const untouched = deps.fleet.filter((t) => !inStep.has(t) && records.get(t)?.action === 'not-started');
    const watch = deps.analysis.wave({ step: step.name, tenants: step.tenants, untouched, clock: deps.clock, signal: deps.signal });
    return {
        verified(record) {
            if (record.verdict?.verdict === 'on-target')
                watch.settled(record.tenant);
        },
        async finish(superseded) {
            const result = await watch.done(superseded);
            if (superseded)
                return;
            for (const a of result.tenants) {
                const record = records.get(a.tenant);
                if (record)
                    record.analysis = a;
            }
        }
    };
}

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
            // A read the cancel stopped says nothing about the forge: no outage, the job ends `cancelled` (run).
            const { signal } = this.deps;
            if (signal.aborted)
                throw error instanceof cancel/* CancelledError */.cc ? error : signal.reason instanceof cancel/* CancelledError */.cc ? signal.reason : new cancel/* CancelledError */.cc('a cancel');
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
            const superseded = (why) => this.finish('skipped-superseded', `Superseded before ${step.name} was judged: ${why} The failures seen (${(0,describe/* describeFailures */.ng)(failed)}) are not held against ${this.deps.target.sha.slice(0, 7)}: the newer commit's job owns these tenants.`);
            if (step.kind === 'canary' && failed.length > 0) {
                const restore = await this.restore(step);
                if (restore?.outcome === 'superseded')
                    return superseded(restore.reason);
                const asked = restore !== undefined && (restore.outcome === 'restored' || restore.outcome === 'failed');
                const newer = asked ? undefined : await this.ownerNow();
                if (newer)
                    return superseded(newer.reason);
                return this.finish('failed', `The canary failed (${(0,describe/* describeFailures */.ng)(failed)}); the rest of the fleet was not touched.${restore ? ` ${restore.reason}` : ''}`, restore, 'canary');
            }
            const newer = failed.length > rollout.maxFailures ? await this.ownerNow() : undefined;
            if (newer)
                return superseded(newer.reason);
            if (failed.length > rollout.maxFailures) {
                const left = steps.length - i - 1;
                return this.finish('failed', `${failed.length} tenant(s) failed (${(0,describe/* describeFailures */.ng)(failed)}), more than max-failures (${rollout.maxFailures}); halted after ${step.name}${left ? `, ${left} wave(s) not started` : ''}.`, undefined, 'max-failures');
            }
        }
        if (steps.length > 1)
            await this.confirm();
        if (signal.aborted)
            return this.finish('cancelled', 'The run was cancelled while confirming the fleet.');
        const failed = this.failures();
        if (failed.length > 0)
            return this.finish('failed', `${failed.length} tenant(s) failed: ${(0,describe/* describeFailures */.ng)(failed)}.`);
        return this.finish('deployed', `${this.deps.fleet.length} tenant(s) verified on ${this.deps.target.sha.slice(0, 7)} or newer (${(0,describe/* summarise */.fS)([...this.records.values()])}).`);
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
        const decision = await this.timeline.run(`gate (${step.name})`, () => log/* group */.Os(`Superseded gate ${where}`, () => this.deps.gate.check()), describe/* judgeGate */.$U);
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
        const health = waveHealth(step, this.records, deps);
        await Promise.all(step.tenants.map(async (t) => {
            const r = await limit(() => rollTenant(t, step.name, this.stepDeps));
            this.records.set(r.tenant, r);
            // The error annotation comes once, at the end, with every other failing tenant's.
            if (r.action === 'redeploy-failed')
                log/* info */.pq(`redeploy of ${r.tenant} failed: ${r.redeployError}`);
            // A superseded job does not wait for tenants the newer job is about to move.
            if (VERIFIED_ACTIONS.has(r.action) && !this.supersededBy) {
                r.verdict = await verifier.verify(t);
                health?.verified(r);
            }
            else
                verifier.pass();
        }));
        await this.sweeper.settle();
        await health?.finish(this.supersededBy !== undefined);
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
        return bad.length ? { outcome: 'failed', detail: `${size}; ${(0,describe/* describeFailures */.ng)(bad)}` } : { outcome: 'ok', detail: size };
    }
    failures() {
        return [...this.records.values()].filter(isFailed);
    }
    finish(result, reason, restore, stop) {
        for (const r of this.records.values())
            r.reissues = this.sweeper.reissued.get(r.tenant) ?? 0;
        const stopped = stop ? { stop: { at: stop, maxFailures: this.deps.rollout.maxFailures } } : {};
        // The analysis' samples and baselines go to the report; each analysed tenant's verdict is in its record.
        const { last, waves } = this.deps.analysis ?? {};
        const analysed = { ...(last ? { analysis: last } : {}), ...(waves?.length ? { waveAnalysis: [...waves] } : {}) };
        return { result, reason, headSha: this.headSha, tenants: [...this.records.values()], phases: this.timeline.phases, ...(restore ? { restore } : {}), ...stopped, ...analysed };
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
