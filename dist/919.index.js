export const id = 919;
export const ids = [919];
export const modules = {

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

/***/ 3919:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runVerifyMode: () => (/* binding */ runVerifyMode)
/* harmony export */ });
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5625);
/* harmony import */ var _clock_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9373);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6670);
/* harmony import */ var _report_failures_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7999);
/* harmony import */ var _report_model_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8765);
/* harmony import */ var _rollout_shard_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(513);
/* harmony import */ var _rollout_timeline_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(3122);
/* harmony import */ var _verify_fleet_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(884);
/* harmony import */ var _verify_prober_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5340);
/* harmony import */ var _verify_tenants_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(1396);
/* harmony import */ var _verify_types_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(4956);
/* harmony import */ var _progress_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(8285);












/**
 * `mode: verify`: proves that every tenant serves the target commit (or a newer one) within the
 * settle budget. Read-only: it changes nothing anywhere, so it needs no superseded check.
 */
async function runVerifyMode(ctx) {
    const { settings } = ctx;
    const verify = settings.verify;
    if (!verify)
        throw new Error('mode verify started without its settings');
    const target = settings.target.sha;
    const shard = await _log_js__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os('Tenants', async () => {
        const names = await (0,_verify_tenants_js__WEBPACK_IMPORTED_MODULE_8__/* .loadTenants */ .G)(verify, ctx.http, ctx.clock, ctx.signal);
        _log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${names.length} tenant${names.length === 1 ? '' : 's'}${verify.tenantsUrl ? ` from ${new URL(verify.tenantsUrl).origin}` : ''}`);
        return (0,_rollout_shard_js__WEBPACK_IMPORTED_MODULE_5__/* .applyShard */ .B_)(names, settings.shard);
    });
    const tenants = shard.tenants;
    if (shard.label)
        _log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`This job is ${shard.label}`);
    const startedAt = new Date();
    const timeline = new _rollout_timeline_js__WEBPACK_IMPORTED_MODULE_11__/* .Timeline */ .K(ctx.clock);
    const title = `Settle verification: ${tenants.length} tenants on ${target.slice(0, 7)}, budget ${(0,_clock_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSeconds */ .Xo)(verify.budgetMs)}, every ${(0,_clock_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSeconds */ .Xo)(verify.intervalMs)}`;
    const judge = (verdicts) => {
        const ok = verdicts.filter((v) => (0,_verify_types_js__WEBPACK_IMPORTED_MODULE_9__/* .isOk */ .H)(v.verdict)).length;
        const outcome = ok === verdicts.length ? 'ok' : ctx.signal.aborted ? 'cancelled' : 'failed';
        return { outcome, detail: `${ok} of ${verdicts.length} on target or ahead` };
    };
    const judged = await timeline.run('verify', () => _log_js__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(title, async () => {
        const progress = (0,_progress_js__WEBPACK_IMPORTED_MODULE_10__/* .progressReporter */ .x)(ctx.clock);
        progress('verify', 0, tenants.length, 0);
        const result = await (0,_verify_fleet_js__WEBPACK_IMPORTED_MODULE_6__/* .verifyFleet */ .K2)(tenants, {
            target,
            prober: (0,_verify_prober_js__WEBPACK_IMPORTED_MODULE_7__/* .createProber */ .X7)(verify, ctx.http, target),
            ancestry: ctx.ancestry,
            clock: ctx.clock,
            ...(0,_verify_fleet_js__WEBPACK_IMPORTED_MODULE_6__/* .settleOptions */ .sN)(verify),
            signal: ctx.signal,
            onProgress: (done, total, ok) => progress('verify', done, total, ok)
        });
        for (const v of result.filter((r) => (0,_verify_types_js__WEBPACK_IMPORTED_MODULE_9__/* .isOk */ .H)(r.verdict)).sort((a, b) => a.tenant.localeCompare(b.tenant))) {
            _log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${v.tenant}: ${v.verdict} ${v.sha?.slice(0, 7) ?? ''} after ${(0,_clock_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSeconds */ .Xo)(v.settleMs ?? v.elapsedMs)} (${v.polls} poll${v.polls === 1 ? '' : 's'})`);
        }
        return result;
    }), judge);
    // Error text can echo what a tenant sent back (a header value included): redact before any of it is shown.
    const verdicts = judged.map((v) => ({ ...v, url: (0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(v.url), lastError: v.lastError === undefined ? undefined : (0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(v.lastError) }));
    const rows = verdicts.map((v) => (0,_report_model_js__WEBPACK_IMPORTED_MODULE_4__/* .tenantFromVerdict */ .YO)(v));
    const failing = rows.filter(_report_model_js__WEBPACK_IMPORTED_MODULE_4__/* .isFailing */ .DI).sort(_report_failures_js__WEBPACK_IMPORTED_MODULE_3__/* .byFailingFirst */ .QO);
    const ok = failing.length === 0;
    const names = failing.map((t) => `${t.tenant} (${t.verdict})`);
    const listed = `${names.slice(0, 20).join(', ')}${names.length > 20 ? `, and ${names.length - 20} more` : ''}`;
    // A cancel cuts every budget short: the tenants not yet settled are not known to have failed.
    const cancelled = !ok && ctx.signal.aborted;
    const after = (0,_clock_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSeconds */ .Xo)(verdicts.reduce((most, v) => Math.max(most, v.elapsedMs), 0));
    const reason = ok
        ? `All ${verdicts.length} tenants serve ${target.slice(0, 7)} or a newer commit.`
        : cancelled
            ? `Verification was cancelled after ${after}, before the ${(0,_clock_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSeconds */ .Xo)(verify.budgetMs)} budget ended: ${verdicts.length - failing.length} of ${verdicts.length} tenants serve ${target.slice(0, 7)} or a newer commit; not settled yet: ${listed}.`
            : `${failing.length} of ${verdicts.length} tenants did not settle on ${target.slice(0, 7)} within ${(0,_clock_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSeconds */ .Xo)(verify.budgetMs)}: ${listed}.`;
    const record = { reason, startedAt, phases: timeline.phases, tenants: rows, shard: shard.label || undefined };
    const outputs = { ...(0,_report_model_js__WEBPACK_IMPORTED_MODULE_4__/* .verificationOutputs */ .iI)(rows), reason };
    if (ok)
        return { result: 'verified', outputs, record };
    return { result: cancelled ? 'cancelled' : 'failed', failure: reason, outputs, record };
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
