export const id = 842;
export const ids = [842];
export const modules = {

/***/ 7021:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JZ: () => (/* binding */ median),
/* harmony export */   KH: () => (/* binding */ judgeSample),
/* harmony export */   Sc: () => (/* binding */ fmt),
/* harmony export */   Tu: () => (/* binding */ countSamples)
/* harmony export */ });
/* unused harmony export relativeLimit */
/**
 * The canary analysis' decisions, as pure functions: one sample against its thresholds, the median of
 * the baseline, and a tenant's samples counted into a verdict. The soak (soak.ts) only reads metrics and
 * hands them here, so every rule below is tested row by row without a clock or a metrics server.
 */
/** The median of the readable baseline values; undefined without any. */
function median(values) {
    if (values.length === 0)
        return undefined;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
/** `maxRatio` times the baseline median, never below the floor. */
function relativeLimit(baselineMedian, maxRatio, floor) {
    return Math.max(maxRatio * baselineMedian, floor);
}
/**
 * One canary value (undefined: it could not be read) against the thresholds and the baseline values
 * read at the same moment. The absolute threshold needs no baseline: a value over it is bad even when
 * no baseline tenant answered. A relative threshold without any baseline value cannot be judged.
 */
function judgeSample(value, baseline, t) {
    if (value === undefined)
        return { verdict: 'inconclusive', why: 'the canary metric could not be read' };
    if (t.max !== undefined && value > t.max)
        return { verdict: 'bad', why: `${fmt(value)} is above analysis-max (${fmt(t.max)})` };
    if (t.maxRatio === undefined)
        return { verdict: 'good' };
    const m = median(baseline);
    if (m === undefined)
        return { verdict: 'inconclusive', why: 'no baseline tenant could be read' };
    const limit = relativeLimit(m, t.maxRatio, t.floor);
    if (value > limit)
        return { verdict: 'bad', relativeLimit: limit, why: `${fmt(value)} is above ${fmt(t.maxRatio)} x the baseline median ${fmt(m)} (limit ${fmt(limit)})` };
    return { verdict: 'good', relativeLimit: limit };
}
/**
 * A tenant's samples so far, counted. `final` says the soak is over: a tenant still `running` then
 * passes only with a good sample. Failing comes first: once `consecutive` bad samples in a row were
 * seen, later good ones do not undo it (the soak stops at the first failure anyway).
 */
function countSamples(verdicts, limits, final) {
    let good = 0;
    let bad = 0;
    let inconclusive = 0;
    let run = 0;
    let longestBadRun = 0;
    for (const v of verdicts) {
        if (v === 'good') {
            good++;
            run = 0;
        }
        else if (v === 'bad') {
            bad++;
            run++;
            longestBadRun = Math.max(longestBadRun, run);
            if (longestBadRun >= limits.consecutive)
                break;
        }
        else
            inconclusive++;
        if (inconclusive > limits.inconclusiveLimit)
            break;
    }
    const counted = { good, bad, inconclusive, longestBadRun };
    if (longestBadRun >= limits.consecutive)
        return { verdict: 'failed', ...counted, why: `${longestBadRun} bad sample${longestBadRun === 1 ? '' : 's'} in a row (analysis-consecutive: ${limits.consecutive})` };
    if (inconclusive > limits.inconclusiveLimit) {
        return {
            verdict: 'inconclusive',
            ...counted,
            why: `${inconclusive} sample${inconclusive === 1 ? '' : 's'} could not be judged, more than analysis-inconclusive-limit (${limits.inconclusiveLimit})`
        };
    }
    if (!final)
        return { verdict: 'running', ...counted };
    if (good > 0)
        return { verdict: 'passed', ...counted };
    if (bad > 0)
        return { verdict: 'failed', ...counted, why: `every judged sample was bad (${bad})` };
    return { verdict: 'inconclusive', ...counted, why: 'no sample could be judged' };
}
/** Enough digits to tell 0.011 from 0.01, no float noise: `0.2`, `0.0123`, `1250`. */
function fmt(n) {
    if (!Number.isFinite(n))
        return String(n);
    return String(Number(n.toPrecision(4)));
}


/***/ }),

/***/ 7319:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ failedAnalysis),
/* harmony export */   S: () => (/* binding */ describeAnalysis)
/* harmony export */ });
/** How a canary or wave tenant's analysis reads in the rollout's verdicts and reasons (imports types only). */
/** A tenant whose analysis did not pass failed (the canary, or its wave), whatever its build info said. */
function failedAnalysis(a) {
    return a !== undefined && a.verdict !== 'passed';
}
/** `tenant-001 failed its analysis (3 bad samples in a row ...)`. */
function describeAnalysis(a) {
    return `${a.tenant} ${a.verdict === 'failed' ? 'failed its analysis' : 'analysis inconclusive'}${a.why ? ` (${a.why})` : ''}`;
}


/***/ }),

/***/ 9373:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Xo: () => (/* binding */ formatSeconds),
/* harmony export */   Zt: () => (/* binding */ wallNow),
/* harmony export */   _: () => (/* binding */ timeoutSignal),
/* harmony export */   ml: () => (/* binding */ systemClock)
/* harmony export */ });
const systemClock = {
    now: () => performance.now(),
    sleep: (ms, signal) => new Promise((resolve, reject) => {
        if (signal?.aborted) {
            reject(signal.reason);
            return;
        }
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, Math.max(0, ms));
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
    })
};
/** Wall-clock now (epoch ms): the clock's own when it keeps one (virtual time), else the system's. */
function wallNow(clock) {
    return clock.wall?.() ?? Date.now();
}
/** Seconds with one decimal, for human messages. */
function formatSeconds(ms) {
    const s = ms / 1000;
    return Number.isInteger(s) ? `${s}s` : `${s.toFixed(1)}s`;
}
/**
 * A request's time limit: `AbortSignal.timeout`, a real timer, as in a run; on a clock that times requests
 * (`timesRequests`), its own `sleep`, so under a simulation's virtual time a request that never answers ends
 * at its limit too, by the same signal and with the same reason. `clear()` once the request is answered: the
 * timer must not outlive it (a virtual clock would otherwise still count it as pending).
 */
function timeoutSignal(clock, ms) {
    if (!clock.timesRequests)
        return { signal: AbortSignal.timeout(ms), clear: () => undefined };
    const limit = new AbortController();
    const answered = new AbortController();
    clock.sleep(ms, answered.signal).then(
    // The reason a fetch rejects with on AbortSignal.timeout: a DOMException named TimeoutError.
    () => limit.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), () => undefined);
    return { signal: limit.signal, clear: () => answered.abort() };
}


/***/ }),

/***/ 9575:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M6: () => (/* binding */ execRunner),
/* harmony export */   sG: () => (/* binding */ splitArgs)
/* harmony export */ });
/* unused harmony exports commandEnv, PASS_ENV, keepTail, tail */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6670);


const KEEP = 64 * 1024;
const KILL_AFTER_MS = 5_000;
const DRAIN_MS = 10_000;
const execRunner = {
    run(argv, options) {
        const [tool, ...args] = argv;
        if (!tool)
            return Promise.reject(new Error('empty command'));
        const { signal } = options;
        if (signal?.aborted)
            return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error('cancelled'));
        return new Promise((resolve, reject) => {
            // A process group of its own, so a cancel reaches the children a script started too.
            const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(tool, args, { cwd: options.cwd, env: { ...commandEnv(process.env), ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
            let stdout = '';
            let stderr = '';
            child.stdout.on('data', (d) => {
                stdout = keepTail(stdout + d.toString('utf8'));
            });
            child.stderr.on('data', (d) => {
                stderr = keepTail(stderr + d.toString('utf8'));
            });
            const killGroup = (name) => {
                try {
                    if (child.pid !== undefined)
                        process.kill(-child.pid, name);
                }
                catch {
                    // already gone
                }
            };
            const onAbort = () => {
                killGroup('SIGTERM');
                // A command that ignores SIGTERM is not allowed to hold the cancelled run.
                setTimeout(() => killGroup('SIGKILL'), KILL_AFTER_MS).unref();
            };
            signal?.addEventListener('abort', onAbort, { once: true });
            child.once('error', (error) => {
                signal?.removeEventListener('abort', onAbort);
                reject(new Error(`cannot run ${tool}: ${error.message}`));
            });
            // 'exit', not 'close': a grandchild holding the pipes open must not keep a cancelled run waiting.
            child.once('exit', (code, killedBy) => {
                signal?.removeEventListener('abort', onAbort);
                if (signal?.aborted) {
                    reject(signal.reason instanceof Error ? signal.reason : new Error('cancelled'));
                    return;
                }
                // Let the pipes drain what the command wrote before it exited.
                const done = () => resolve({ exitCode: code ?? 128 + signalNumber(killedBy), stdout, stderrTail: tail(stderr) });
                if (child.stdout.readableEnded && child.stderr.readableEnded)
                    return done();
                child.once('close', done);
                // A daemon the command left behind may hold the pipes for ever; its output is not waited for.
                setTimeout(done, DRAIN_MS).unref();
            });
        });
    }
};
/**
 * The runner's environment without the action's own inputs (`INPUT_*`): they carry the forge token, the
 * control-plane token and the registry password, which a user command has no business reading. Nor the
 * runner's own credentials and service endpoints (RUNNER_INTERNAL): the runtime token reaches the job's
 * cache, artifacts and results (on Gitea it is the job's token itself), and the OIDC request token mints
 * identity tokens for the workflow. A command that needs one gets it on purpose: its name listed in
 * `ROLLOUT_GUARD_PASS_ENV` (in the step's `env:`). What else a command needs it gets explicitly (ROLLOUT_*
 * and REGISTRY_* variables, or the step's `env:`).
 */
function commandEnv(env) {
    const passed = new Set((env[PASS_ENV] ?? '')
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((n) => n.toUpperCase()));
    return Object.fromEntries(Object.entries(env).filter(([name]) => {
        const upper = name.toUpperCase();
        return !upper.startsWith('INPUT_') && (!RUNNER_INTERNAL.test(upper) || passed.has(upper));
    }));
}
/** Names the user hands to their commands on purpose, from the runner's internal variables. */
const PASS_ENV = 'ROLLOUT_GUARD_PASS_ENV';
/**
 * The runner's internal tokens and endpoints, on GitHub's runner and on act_runner: ACTIONS_RUNTIME_TOKEN
 * and ACTIONS_RUNTIME_URL, ACTIONS_ID_TOKEN_REQUEST_TOKEN and _URL, ACTIONS_CACHE_URL (and the cache
 * service's other ACTIONS_CACHE_* settings), ACTIONS_RESULTS_URL.
 */
const RUNNER_INTERNAL = /^(?:ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_REQUEST_|ACTIONS_CACHE_|ACTIONS_RESULTS_)/;
/**
 * Bounded output, cut at a line start: a secret is masked as a whole, so a cut inside one would leave a
 * piece that no longer matches the mask and could reach an error message.
 */
function keepTail(text) {
    if (text.length <= KEEP)
        return text;
    const cut = text.slice(-KEEP);
    const newline = cut.indexOf('\n');
    return newline >= 0 ? cut.slice(newline + 1) : '';
}
function signalNumber(name) {
    return name === 'SIGKILL' ? 9 : name === 'SIGTERM' ? 15 : name === 'SIGINT' ? 2 : 1;
}
function tail(text, lines = 5, chars = 500) {
    return (0,_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .excerpt */ .Kb)(text.trimEnd().split('\n').slice(-lines).join('\n'), chars);
}
/**
 * Splits a command line into argv, honouring single and double quotes and backslash escapes,
 * with no variable, glob or command expansion. Throws on an unterminated quote.
 */
function splitArgs(line) {
    const out = [];
    let cur = '';
    let quote;
    let started = false;
    for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (quote) {
            if (ch === quote)
                quote = undefined;
            else if (ch === '\\' && quote === '"' && i + 1 < line.length)
                cur += line[++i];
            else
                cur += ch;
        }
        else if (ch === '"' || ch === "'") {
            quote = ch;
            started = true;
        }
        else if (ch === '\\' && i + 1 < line.length) {
            cur += line[++i];
            started = true;
        }
        else if (/\s/.test(ch)) {
            if (started)
                out.push(cur);
            cur = '';
            started = false;
        }
        else {
            cur += ch;
            started = true;
        }
    }
    if (quote)
        throw new Error(`unterminated ${quote} quote`);
    if (started)
        out.push(cur);
    return out;
}


/***/ }),

/***/ 2668:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F1: () => (/* binding */ showQueryValuesOf),
/* harmony export */   Fb: () => (/* binding */ loggableUrl),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   d5: () => (/* binding */ elapsedMs),
/* harmony export */   dK: () => (/* binding */ debugEnabled)
/* harmony export */ });
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5625);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6670);


/**
 * The debug log: every HTTP exchange, every gate read with its answer, and the inputs of each
 * decision, as `::debug::` lines. Written only when the runner's step debug logging is on
 * (`RUNNER_DEBUG=1`, which GitHub sets for `ACTIONS_STEP_DEBUG` and for "Re-run with debug logging"):
 * act_runner prints every `::debug::` line, so an unconditional line per build info poll would bury a
 * Gitea log, and a large fleet polls thousands of times. Messages are built only when they are written
 * (hence the function argument), and every line is redacted, so no secret reaches it.
 */
function debugEnabled() {
    return process.env.RUNNER_DEBUG === '1';
}
function debug(message) {
    if (debugEnabled())
        _log_js__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz((0,_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(message()));
}
/**
 * API roots whose query strings the action writes itself (a forge's: a commit SHA, a page number), so
 * their values are shown. Registered by the forge clients as they are built.
 */
const ownQueries = new Set();
function showQueryValuesOf(apiUrl) {
    ownQueries.add(apiUrl.replace(/\/+$/, ''));
}
/**
 * A URL as the log and the report show it: no user-info, and every query value replaced by `***`, by
 * position, whatever the parameter is called (`?jwt=`, `?sig=`, `?k=` alike): a URL input may carry a
 * credential under any name. The names stay, to tell the requests apart. Only a forge API's own queries
 * (showQueryValuesOf) keep their values, which explain a read.
 */
function loggableUrl(url) {
    let u;
    try {
        u = new URL(String(url));
    }
    catch {
        return String(url).replace(/[?#].*$/s, '?…');
    }
    const where = `${u.protocol}//${u.host}${u.pathname}`;
    const own = [...ownQueries].some((root) => where === root || where.startsWith(`${root}/`));
    const query = [...u.searchParams].map(([name, value]) => `${encodeURIComponent(name)}=${own ? encodeURIComponent(value) : '***'}`);
    return `${where}${query.length ? `?${query.join('&')}` : ''}`;
}
/** Milliseconds since `startMs`, for "in N ms". */
function elapsedMs(startMs) {
    return Math.round(performance.now() - startMs);
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ InputError),
/* harmony export */   g: () => (/* binding */ errorMessage)
/* harmony export */ });
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6670);

/**
 * An input that cannot be used. Thrown before any side effect; the message names the input, the value
 * and the expected form so the workflow author can fix it without reading the source. Secret-bearing
 * inputs are registered before any input is read, so the value shown here is already masked; inputs
 * whose value must never be shown at all (header values) pass a description instead.
 */
class InputError extends Error {
    input;
    value;
    expected;
    constructor(input, value, expected) {
        super(`Input '${input}' has the value ${JSON.stringify((0,_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .excerpt */ .Kb)(value, 200))}; expected ${expected}.`);
        this.input = input;
        this.value = value;
        this.expected = expected;
        this.name = 'InputError';
    }
}
function errorMessage(error) {
    if (error instanceof Error)
        return error.message;
    return String(error);
}


/***/ }),

/***/ 8024:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ ForgeAnswerError),
/* harmony export */   g: () => (/* binding */ UnknownCommitError)
/* harmony export */ });
/** The forge answered, but not in a shape we can use (empty, malformed, cut, missing field). */
class ForgeAnswerError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ForgeAnswerError';
    }
}
/** The forge does not have the commit asked about (a locally built or never-pushed SHA): asking again will not help. */
class UnknownCommitError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UnknownCommitError';
    }
}


/***/ }),

/***/ 4344:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  u: () => (/* binding */ createForge)
});

// EXTERNAL MODULE: ./src/debug.ts
var debug = __webpack_require__(2668);
// EXTERNAL MODULE: ./src/clock.ts
var clock = __webpack_require__(9373);
// EXTERNAL MODULE: ./src/http/retry.ts
var retry = __webpack_require__(8902);
// EXTERNAL MODULE: ./src/http/bounded-fetch.ts
var bounded_fetch = __webpack_require__(2396);
// EXTERNAL MODULE: ./src/forge/errors.ts
var errors = __webpack_require__(8024);
// EXTERNAL MODULE: ./src/http/rate-limit.ts
var rate_limit = __webpack_require__(9618);
// EXTERNAL MODULE: ./src/report/counters.ts
var counters = __webpack_require__(8273);
;// CONCATENATED MODULE: ./src/forge/budget.ts


/** Path words that name what a request is about; every other segment (owner, SHA, id, branch) is dropped. */
const WORDS = new Set(['branches', 'compare', 'commits', 'git', 'status', 'statuses', 'check-runs', 'deployments', 'version', 'pulls']);
/**
 * `GET branches`, `POST check-runs`, `POST deployments/statuses`: the kind of a forge request, for the
 * budget in the report. `/` and the repository itself are `GET meta` and `GET repository`.
 */
function requestKind(method, path) {
    const bare = path.split('?')[0];
    const repo = /\/repos\/[^/]+\/[^/]+(\/.*)?$/.exec(bare);
    if (!repo)
        return `${method} meta`;
    const words = (repo[1] ?? '').split('/').filter((w) => WORDS.has(w));
    return `${method} ${words.join('/') || 'repository'}`;
}
/**
 * Counts every request Octokit sends (each retry is one) with what its answer said about the rate limit:
 * the report's forge budget. A 304 (a conditional read) is counted as such: GitHub does not charge it.
 */
function countOctokitRequests(octokit) {
    octokit.hook.wrap('request', async (request, options) => {
        const { method, url } = octokit.request.endpoint.parse(options);
        const kind = requestKind(method, new URL(url, 'http://x').pathname);
        try {
            const response = await request(options);
            (0,counters/* countForgeRequest */.kp)(kind, response.status, (0,rate_limit/* rateLimitRemaining */.AY)(response.headers));
            return response;
        }
        catch (error) {
            const e = error;
            (0,counters/* countForgeRequest */.kp)(kind, typeof e.status === 'number' && e.status > 0 ? e.status : undefined, (0,rate_limit/* rateLimitRemaining */.AY)(e.response?.headers ?? {}));
            throw error;
        }
    });
}

// EXTERNAL MODULE: ./src/forge/forge-clock.ts
var forge_clock = __webpack_require__(3139);
// EXTERNAL MODULE: ./src/forge/types.ts
var types = __webpack_require__(8286);
;// CONCATENATED MODULE: ./src/forge/status-list.ts

/**
 * The newest page of a commit's statuses, as both forges list them (every write of every context,
 * newest first), read as one request. Where the combined status keeps only the latest write of each
 * context, this page also holds the writes just before it: a re-run's `running` status that an older
 * attempt's late end was written over. Its reach is one page: a write with more than a page of newer
 * statuses on the commit after it is out of reach here (the combined status still has each context's
 * latest).
 */
/** GitHub: `per_page` at most 100 (OpenAPI repos/list-commit-statuses-for-ref). */
const GITHUB_STATUS_PAGE = 100;
/**
 * Gitea: `limit` asked for; the server caps it at `[api] MAX_RESPONSE_ITEMS` (50 by default, lowerable by
 * its admin: utils.GetListOptions, convert.ToCorrectPageSize), so the page may hold fewer.
 */
const GITEA_STATUS_PAGE = 50;
/**
 * Gitea's sort that lists newest first by the commit's own status index, a strict write order. Its names
 * are inverted: `leastindex` orders "`index` DESC" (models/git/commit_status.go, CommitStatusOptions.ToOrders,
 * 1.22); the default, "created_unix DESC", orders by whole seconds and leaves the writes of one second in
 * no set order.
 */
const GITEA_NEWEST_FIRST = 'leastindex';
/** One listed status, the state under `state` (GitHub) or `status` (Gitea); its time when the forge gave one. */
function statusOf(raw) {
    const s = (raw ?? {});
    const text = (v) => (typeof v === 'string' ? v : undefined);
    return {
        state: String(s.state ?? s.status),
        context: String(s.context ?? ''),
        description: String(s.description ?? ''),
        targetUrl: text(s.target_url),
        createdAt: text(s.updated_at) ?? text(s.created_at)
    };
}
/** A list answer as a page; `complete(n)` says whether `n` listed statuses are every one the commit has. */
function statusPage(data, complete) {
    if (!Array.isArray(data))
        throw new errors/* ForgeAnswerError */.e('the status list is not a list');
    return { statuses: data.map(statusOf), complete: complete(data.length) };
}

;// CONCATENATED MODULE: ./src/forge/gitea.ts









/** Query flags that keep commit answers light: no diff stats, no signature checks, no file lists. */
const LIGHT = 'stat=false&verification=false&files=false';
/**
 * Gitea 1.22+ over its REST API (`/api/v1`). Differences from GitHub that matter here:
 * - the branch head is `commit.id`;
 * - compare lists every commit of the range with stats (about 2.5 KB a commit, no paging), takes no
 *   SHAs before 1.23, calls unrelated histories "0 commits" both ways in 1.23 and fails without the
 *   pull-request unit from 1.25. So ancestry never uses it: it counts `git rev-list head --not base`
 *   both ways through the commit list (`sha` + `not`, its `X-Total-Count`), one light request each,
 *   whatever the gap (routers/api/v1/repo/commits.go, v1.22 and v1.23).
 */
class GiteaForge {
    settings;
    http;
    clock;
    log;
    cancel;
    kind = 'gitea';
    checks = undefined;
    /** The forge's clock, from the `Date` header Go's net/http server puts on every answer. */
    time;
    constructor(settings, http, clock, log, 
    /** Aborts every request and retry wait of this client (the run's cancel). */
    cancel) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.log = log;
        this.cancel = cancel;
        this.time = new forge_clock/* ForgeClock */.y(clock);
    }
    forgeNow() {
        return this.time.now();
    }
    /** The forge's time as its answers told it, else the runner's: what a Retry-After date is measured from. */
    forgeTime() {
        return this.time.now() ?? (0,clock/* wallNow */.Zt)(this.clock);
    }
    get repoPath() {
        const { apiUrl, owner, repo } = this.settings;
        return `${apiUrl}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
    }
    headers(json) {
        const headers = { accept: 'application/json' };
        if (this.settings.token)
            headers.authorization = `token ${this.settings.token}`;
        if (json)
            headers['content-type'] = 'application/json';
        return headers;
    }
    /** One API call with classified retries; non-2xx becomes an HttpStatusError (or what `classify` says). */
    async request(what, path, init = {}) {
        const headers = this.headers(init.body !== undefined);
        return (0,retry/* withRetry */.bD)(async (_attempt, remainingMs) => {
            const method = init.method ?? 'GET';
            const res = await this.http.send({
                url: `${this.repoPath}${path}`,
                method,
                headers,
                body: init.body === undefined ? undefined : JSON.stringify(init.body),
                timeoutMs: Math.min(this.settings.requestTimeoutMs, remainingMs),
                signal: this.cancel
            });
            this.time.heard(res.headers.date);
            // Gitea sends no rate-limit headers (docs/permissions.md): counted by kind only.
            (0,counters/* countForgeRequest */.kp)(requestKind(method, `/repos/o/r${path}`), res.status, undefined);
            if (res.status >= 200 && res.status < 300)
                return res;
            // A Retry-After date (a proxy's 429, say) is read on the forge's clock, as on GitHub (github.ts).
            throw (await init.classify?.(res)) ?? (0,retry/* statusError */.$C)(what, res, this.forgeTime());
        }, {
            policy: this.settings.retry,
            clock: this.clock,
            signal: this.cancel,
            onRetry: ({ delayMs, error }) => this.log(`${what}: ${error.message}; retrying in ${delayMs} ms`)
        });
    }
    /** The parsed JSON body of a successful call. */
    async json(what, path, init = {}) {
        return (await this.jsonAnswer(what, path, init)).data;
    }
    /** The parsed JSON body with the response it came in (for its headers). */
    async jsonAnswer(what, path, init = {}) {
        const res = await this.request(what, path, init);
        // The HTTP client cuts bodies at its cap: half a JSON document is no answer, whatever it parses to.
        if (res.truncated)
            throw new errors/* ForgeAnswerError */.e(`${what}: ${new bounded_fetch/* AnswerTooLargeError */.Oc(new URL(res.url).host, res.body.length).message}`);
        try {
            return { data: JSON.parse(res.body.toString('utf8')), res };
        }
        catch {
            throw new errors/* ForgeAnswerError */.e(`${what} answered a body that is not JSON`);
        }
    }
    async branchHead(branch) {
        const path = `/branches/${branch.split('/').map(encodeURIComponent).join('/')}`;
        const data = await this.json(`GET branch ${branch}`, path);
        const id = data?.commit?.id;
        if (typeof id !== 'string' || !types/* FULL_SHA */.RG.test(id.toLowerCase())) {
            throw new errors/* ForgeAnswerError */.e(`the branch answer for '${branch}' has no commit.id`);
        }
        return id.toLowerCase();
    }
    get repository() {
        return `${this.settings.owner}/${this.settings.repo}`;
    }
    async readRepository() {
        await this.json(`GET repository ${this.repository}`, '');
    }
    /** `GET /version` (routers/api/v1/misc/version.go) answers `{"version": "1.22.x"}` at the API root only. */
    async apiMismatch() {
        const url = `${this.settings.apiUrl}/version`;
        const res = await (0,retry/* withRetry */.bD)(async (_attempt, remainingMs) => {
            const r = await this.http.send({ url, headers: this.headers(false), timeoutMs: Math.min(this.settings.requestTimeoutMs, remainingMs), maxBodyBytes: 64 * 1024, signal: this.cancel });
            this.time.heard(r.headers.date);
            if (r.status >= 200 && r.status < 300)
                return r;
            throw (0,retry/* statusError */.$C)(`GET ${url}`, r, this.forgeTime());
        }, { policy: this.settings.retry, clock: this.clock, signal: this.cancel }).catch((error) => {
            if (error instanceof retry/* HttpStatusError */.F9 && !(0,retry/* isTransient */.dg)(error) && error.status !== 401 && error.status !== 403)
                return `GET ${url} answered HTTP ${error.status}`;
            throw error;
        });
        if (typeof res === 'string')
            return res;
        try {
            const version = JSON.parse(res.body.toString('utf8'))?.version;
            if (typeof version === 'string')
                return undefined;
        }
        catch {
            return `GET ${url} answered a body that is not JSON (a web page?)`;
        }
        return `GET ${url} answered JSON without a version`;
    }
    async compare(base, head) {
        const ahead = await this.countOnly(head, base);
        const behind = await this.countOnly(base, head);
        return (0,types/* relationFromCounts */.No)(base, head, ahead, behind);
    }
    /** How many commits of `from`'s history are not in `not`'s: `git rev-list --count from --not not`. */
    async countOnly(from, not) {
        const what = `count commits of ${from.slice(0, 7)} not in ${not.slice(0, 7)}`;
        const q = `sha=${encodeURIComponent(from)}&not=${encodeURIComponent(not)}&limit=1&page=1&${LIGHT}`;
        const { data, res } = await this.jsonAnswer(what, `/commits?${q}`, {
            // Gitea 1.22 answers 500 (not 404) for a SHA it does not know, and both versions answer 500 when
            // `not` names one; in production the message is empty. Ask the single-commit route, which answers 404.
            classify: (r) => (r.status === 500 ? this.unknownAmong(what, [from, not]) : Promise.resolve(undefined))
        });
        const total = Number(res.headers['x-total-count']);
        if (!Array.isArray(data))
            throw new errors/* ForgeAnswerError */.e(`${what}: the commit list is not an array`);
        if (res.headers['x-total-count'] === undefined || !Number.isInteger(total) || total < 0) {
            throw new errors/* ForgeAnswerError */.e(`${what}: the commit list came without a usable X-Total-Count header`);
        }
        // A count that disagrees with the page it came with is no count (a proxy rewrote one of them).
        if ((total === 0) !== (data.length === 0))
            throw new errors/* ForgeAnswerError */.e(`${what}: X-Total-Count ${total} disagrees with ${data.length} commits listed`);
        return total;
    }
    /** An UnknownCommitError naming the first of `shas` the forge says it does not have, else undefined. */
    async unknownAmong(what, shas) {
        for (const sha of shas) {
            const res = await this.http
                .send({ url: `${this.repoPath}/git/commits/${encodeURIComponent(sha)}?${LIGHT}`, headers: this.headers(false), timeoutMs: this.settings.requestTimeoutMs, signal: this.cancel })
                .catch(() => undefined);
            if (res?.status === 404)
                return new errors/* UnknownCommitError */.g(`${what}: the forge does not know commit ${sha.slice(0, 12)}`);
        }
        return undefined;
    }
    async resolveCommit(ref) {
        try {
            const data = await this.json(`GET commit ${ref}`, `/git/commits/${encodeURIComponent(ref)}?${LIGHT}`);
            const sha = data?.sha;
            if (typeof sha !== 'string' || !types/* FULL_SHA */.RG.test(sha.toLowerCase()))
                throw new errors/* ForgeAnswerError */.e(`the commit answer for '${ref}' has no sha`);
            return sha.toLowerCase();
        }
        catch (error) {
            // 404: no such commit; 422: not a valid ref pattern (routers/api/v1/repo/commits.go GetSingleCommit).
            if (error instanceof retry/* HttpStatusError */.F9 && [404, 422].includes(error.status))
                return undefined;
            throw error;
        }
    }
    async createCommitStatus(s) {
        await this.request(`POST status ${s.context}`, `/statuses/${s.sha}`, {
            method: 'POST',
            body: { state: s.state, context: s.context, description: s.description, target_url: s.targetUrl ?? '' }
        });
    }
    /**
     * `GET /commits/{ref}/status` (GetCombinedCommitStatusByRef, routers/api/v1/repo/status.go, 1.22): the
     * latest status of each context (models/git/commit_status.go GetLatestCommitStatus), `limit`/`page`
     * capped by `[api] MAX_RESPONSE_ITEMS`, the number of contexts in `X-Total-Count`; the state is named
     * `status`. Paged by what the server says, never by an assumed page size.
     */
    async latestStatuses(sha) {
        const out = [];
        for (let page = 1;; page++) {
            const { data, res } = await this.jsonAnswer(`GET combined status of ${sha.slice(0, 7)}`, `/commits/${encodeURIComponent(sha)}/status?limit=50&page=${page}`);
            const total = Number(res.headers['x-total-count']);
            // No status at all (or a page past the last context): Gitea answers a zero-valued CombinedStatus,
            // `statuses: null`, before it sets X-Total-Count (GetCombinedCommitStatusByRef, 1.22). That exact
            // shape is "no records"; anything else without a count is still an unreadable answer.
            if (res.headers['x-total-count'] === undefined && isEmptyCombined(data))
                break;
            const list = data?.statuses ?? [];
            if (!Array.isArray(list))
                throw new errors/* ForgeAnswerError */.e('the combined status has no statuses list');
            for (const s of list) {
                out.push({
                    state: String(s?.status ?? s?.state),
                    context: String(s?.context ?? ''),
                    description: String(s?.description ?? ''),
                    targetUrl: typeof s?.target_url === 'string' ? s.target_url : undefined,
                    createdAt: typeof s?.updated_at === 'string' ? s.updated_at : typeof s?.created_at === 'string' ? s.created_at : undefined
                });
            }
            if (!Number.isInteger(total) || total < 0)
                throw new errors/* ForgeAnswerError */.e('the combined status came without a usable X-Total-Count header');
            if (list.length === 0 || out.length >= total)
                break;
            if (page >= types/* MAX_RECORD_PAGES */.QX)
                throw new errors/* ForgeAnswerError */.e(`the commit has ${total} status contexts, more than the ${out.length} read`);
        }
        return out;
    }
    /**
     * `GET /statuses/{sha}` (GetCommitStatuses, routers/api/v1/repo/status.go, 1.22): every status of the
     * commit, sorted newest first by its index (see GITEA_NEWEST_FIRST), `limit` capped by the server, the
     * number of statuses in `X-Total-Count` (set on every answer, an empty list included). One page.
     */
    async recentStatuses(sha) {
        const q = `sort=${GITEA_NEWEST_FIRST}&limit=${GITEA_STATUS_PAGE}&page=1`;
        const { data, res } = await this.jsonAnswer(`GET statuses of ${sha.slice(0, 7)}`, `/statuses/${encodeURIComponent(sha)}?${q}`);
        const total = Number(res.headers['x-total-count']);
        if (res.headers['x-total-count'] === undefined || !Number.isInteger(total) || total < 0)
            throw new errors/* ForgeAnswerError */.e('the status list came without a usable X-Total-Count header');
        // A page shorter than asked may still be full (an admin's lower cap): only the count says it is all.
        return statusPage(data, (listed) => listed >= total);
    }
}
/** Gitea's `&api.CombinedStatus{}`: no statuses (null), no state, no count. */
function isEmptyCombined(data) {
    const d = data;
    return d !== null && typeof d === 'object' && d.statuses === null && (d.state === '' || d.state === undefined) && (d.total_count === 0 || d.total_count === undefined);
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(1351);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/utils.js + 19 modules
var utils = __webpack_require__(6809);
// EXTERNAL MODULE: ./src/http/client.ts + 2 modules
var client = __webpack_require__(177);
;// CONCATENATED MODULE: ./src/forge/octokit-debug.ts

/**
 * Octokit's requests in the debug log, as src/http/client.ts logs its own: method, URL without
 * credentials, status (or why there was none) and duration. Octokit sends through its own fetch, so
 * the shared HTTP client never sees these; a hook around its `request` does. Retries are ours
 * (src/http/retry.ts), so each attempt is one line here.
 */
function logOctokitRequests(octokit) {
    octokit.hook.wrap('request', async (request, options) => {
        if (!(0,debug/* debugEnabled */.dK)())
            return request(options);
        const { method, url } = octokit.request.endpoint.parse(options);
        const started = performance.now();
        try {
            const response = await request(options);
            (0,debug/* debug */.Yz)(() => `http ${method} ${(0,debug/* loggableUrl */.Fb)(url)} -> ${response.status} in ${(0,debug/* elapsedMs */.d5)(started)} ms`);
            return response;
        }
        catch (error) {
            const status = error.status;
            (0,debug/* debug */.Yz)(() => `http ${method} ${(0,debug/* loggableUrl */.Fb)(url)} -> ${typeof status === 'number' && status > 0 ? status : `no answer: ${error.message}`} after ${(0,debug/* elapsedMs */.d5)(started)} ms`);
            throw error;
        }
    });
}

// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
;// CONCATENATED MODULE: ./src/forge/octokit-request.ts



/**
 * Octokit's `request` options: the toolkit's own (its proxy-aware fetch and agent, which a `request`
 * option would otherwise replace whole), with every answer read through a size cap, and Octokit's own
 * warnings (a `Deprecation`/`Sunset` header quoted from the answer) through the action's log, where
 * quoted text is neutralised, instead of straight to stderr. `transport` replaces the toolkit's fetch (an
 * in-process forge that answers each request at a step of its own, as the explorer's does).
 */
function octokitRequest(maxBytes = bounded_fetch/* MAX_GITHUB_ANSWER_BYTES */.ae, transport) {
    const base = utils/* defaults */.NT.request;
    return { ...base, fetch: (0,bounded_fetch/* boundedFetch */.A)(maxBytes, transport ?? base.fetch ?? globalThis.fetch), log: octokitLog };
}
const octokitLog = {
    debug: () => undefined,
    info: () => undefined,
    warn: (message) => log/* info */.pq(message),
    error: (message) => log/* info */.pq(message)
};

// EXTERNAL MODULE: ./src/forge/lost-answers.ts
var lost_answers = __webpack_require__(3267);
;// CONCATENATED MODULE: ./src/forge/github.ts














const RELATIONS = {
    identical: 'identical',
    ahead: 'ahead',
    behind: 'behind',
    diverged: 'diverged'
};
/** GitHub through @actions/github (Octokit), with our own classified retries around each call. */
class GitHubForge {
    settings;
    clock;
    log;
    cancel;
    kind = 'github';
    octokit;
    /** The forge's clock, from the `Date` header of every answer (a refusal's too). */
    time;
    constructor(settings, clock, log, 
    /** Aborts every request and retry wait of this client (the run's cancel). */
    cancel, 
    /** What Octokit sends through instead of the toolkit's fetch (see ForgeDeps.fetch). */
    transport) {
        this.settings = settings;
        this.clock = clock;
        this.log = log;
        this.cancel = cancel;
        // An empty token still reads public repositories; getOctokit refuses one, so build the client directly.
        const options = { baseUrl: settings.apiUrl, request: octokitRequest(undefined, transport), log: octokitLog };
        this.octokit = settings.token ? (0,github/* getOctokit */.Q)(settings.token, options) : new utils/* GitHub */.gq(options);
        logOctokitRequests(this.octokit);
        countOctokitRequests(this.octokit);
        this.time = new forge_clock/* ForgeClock */.y(clock);
        const time = this.time;
        this.octokit.hook.wrap('request', async (request, options) => {
            try {
                const response = await request(options);
                time.heard(dateOf(response.headers));
                return response;
            }
            catch (error) {
                time.heard(dateOf(error.response?.headers));
                throw error;
            }
        });
    }
    forgeNow() {
        return this.time.now();
    }
    /** The last branch answer of each branch with its ETag: a 304 to `If-None-Match` means it still holds. */
    heads = new Map();
    call(what, fn) {
        return (0,retry/* withRetry */.bD)(async (_attempt, remainingMs) => {
            // The time limit runs on the injected clock (a real timer in a run): under a test's or a simulation's
            // virtual clock a request that never answers times out here, as the adapter's own timeout.
            const timeout = (0,clock/* timeoutSignal */._)(this.clock, Math.min(this.settings.requestTimeoutMs, remainingMs));
            // Octokit hands `request.signal` to fetch: a cancel aborts the request in flight, not after its timeout.
            const signal = this.cancel ? AbortSignal.any([timeout.signal, this.cancel]) : timeout.signal;
            try {
                return await fn(signal);
            }
            catch (error) {
                // A reset or a Retry-After date is read on the forge's clock, which this very answer's `Date` just told.
                throw classify(what, error, timeout.signal, this.cancel, this.time.now() ?? (0,clock/* wallNow */.Zt)(this.clock));
            }
            finally {
                timeout.clear();
            }
        }, {
            policy: this.settings.retry,
            clock: this.clock,
            signal: this.cancel,
            onRetry: ({ delayMs, error }) => this.log(`${what}: ${error.message}; retrying in ${delayMs} ms`)
        });
    }
    /**
     * A conditional read (REST docs, "Best practices for using the REST API": `If-None-Match` with the last
     * `ETag`): a `304 Not Modified` is a fresh answer that the branch has not moved, and GitHub does not
     * count it against the primary rate limit, so a long rollout's frequent head reads cost almost nothing.
     */
    async branchHead(branch) {
        const { owner, repo } = this.settings;
        const known = this.heads.get(branch);
        const answer = await this.call(`GET branch ${branch}`, (signal) => this.octokit.rest.repos
            .getBranch({ owner, repo, branch, headers: known ? { 'if-none-match': known.etag } : {}, request: { signal } })
            .then((r) => ({ data: r.data, etag: r.headers.etag }))
            .catch((error) => {
            if (error.status === 304 && known)
                return { data: undefined, etag: known.etag };
            throw error;
        }));
        if (answer.data === undefined && known)
            return known.sha;
        const sha = answer.data?.commit?.sha;
        if (typeof sha !== 'string' || !types/* FULL_SHA */.RG.test(sha.toLowerCase())) {
            throw new errors/* ForgeAnswerError */.e(`the branch answer for '${branch}' has no commit.sha`);
        }
        if (answer.etag)
            this.heads.set(branch, { etag: answer.etag, sha: sha.toLowerCase() });
        return sha.toLowerCase();
    }
    /**
     * A create that is never blindly sent twice: after a failure that may have followed the write (a 502 or
     * 504, a timeout, a reset), `find` looks for what the first attempt created before another is sent.
     */
    createOnce(what, find, post, lookFirst = false) {
        // `lookFirst`: the caller's own earlier create may have been applied (its answer lost, and this
        // adapter's retries ran out before the look-up could tell): it is never sent again blindly either.
        let unsure = lookFirst;
        return this.call(what, async (signal) => {
            if (unsure) {
                const found = await find(signal);
                if (found !== undefined) {
                    this.log(`${what}: the first attempt had been applied although its answer was lost; using what it created`);
                    return found;
                }
            }
            try {
                return await post(signal);
            }
            catch (error) {
                unsure ||= (0,lost_answers/* mayHaveApplied */.PH)(error);
                throw error;
            }
        }).catch((error) => {
            // Given up while an attempt may be on the forge: the caller's next create must look first too.
            throw unsure ? (0,lost_answers/* markMayHaveApplied */.O0)(error) : error;
        });
    }
    get repository() {
        return `${this.settings.owner}/${this.settings.repo}`;
    }
    async readRepository() {
        const { owner, repo } = this.settings;
        await this.call(`GET repository ${owner}/${repo}`, (signal) => this.octokit.rest.repos.get({ owner, repo, request: { signal } }));
    }
    /** The API root (`GET /`, meta/root) answers a JSON object of URL templates, `current_user_url` among them. */
    async apiMismatch() {
        let data;
        try {
            data = await this.call('GET the API root', (signal) => this.octokit.request('GET /', { request: { signal } }).then((r) => r.data));
        }
        catch (error) {
            if (error instanceof retry/* HttpStatusError */.F9 && !(0,retry/* isTransient */.dg)(error))
                return `GET ${this.settings.apiUrl}/ answered HTTP ${error.status}`;
            throw error;
        }
        if (data && typeof data === 'object' && typeof data.current_user_url === 'string')
            return undefined;
        return `GET ${this.settings.apiUrl}/ answered ${typeof data === 'string' ? 'a body that is not JSON (a web page?)' : 'JSON that is not the API root'}`;
    }
    async compare(base, head) {
        const { owner, repo } = this.settings;
        const data = await this.call(`compare ${base.slice(0, 7)}...${head.slice(0, 7)}`, (signal) => this.octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${base}...${head}`, per_page: 1, request: { signal } }).then((r) => r.data));
        const d = data;
        const relation = d.status ? RELATIONS[d.status] : undefined;
        if (!relation)
            return { relation: 'unknown', detail: `compare answered status ${JSON.stringify(d.status)}` };
        return { relation, aheadBy: d.ahead_by, behindBy: d.behind_by };
    }
    async resolveCommit(ref) {
        const { owner, repo } = this.settings;
        try {
            // The `sha` media type answers the bare SHA instead of the commit with its files and stats.
            const data = await this.call(`GET commit ${ref}`, (signal) => this.octokit.request('GET /repos/{owner}/{repo}/commits/{ref}', { owner, repo, ref, headers: { accept: 'application/vnd.github.sha' }, request: { signal } }).then((r) => r.data));
            const sha = String(data).trim().toLowerCase();
            if (!types/* FULL_SHA */.RG.test(sha))
                throw new errors/* ForgeAnswerError */.e(`the commit answer for '${ref}' is not a SHA`);
            return sha;
        }
        catch (error) {
            // 404 or 422 "No commit found for SHA" (an unknown or ambiguous abbreviation).
            if (error.status === 404 || error.status === 422)
                return undefined;
            throw error;
        }
    }
    async createCommitStatus(s) {
        const { owner, repo } = this.settings;
        await this.call(`POST status ${s.context}`, (signal) => this.octokit.rest.repos.createCommitStatus({
            owner,
            repo,
            sha: s.sha,
            state: s.state,
            context: s.context,
            description: s.description,
            target_url: s.targetUrl,
            request: { signal }
        }));
    }
    /**
     * `GET /commits/{ref}/status`: the combined status, the latest status of each context, 100 contexts a
     * page (OpenAPI repos/get-combined-status-for-ref); `total_count` counts the contexts.
     */
    async latestStatuses(sha) {
        const { owner, repo } = this.settings;
        const out = [];
        for (let page = 1;; page++) {
            const data = await this.call(`GET combined status of ${sha.slice(0, 7)}`, (signal) => this.octokit.rest.repos.getCombinedStatusForRef({ owner, repo, ref: sha, per_page: 100, page, request: { signal } }).then((r) => r.data));
            const d = data;
            if (!d || !Array.isArray(d.statuses) || typeof d.total_count !== 'number')
                throw new errors/* ForgeAnswerError */.e('the combined status has no statuses and total_count');
            for (const s of d.statuses)
                out.push({ state: String(s.state), context: String(s.context), description: String(s.description ?? ''), targetUrl: str(s.target_url), createdAt: str(s.updated_at) ?? str(s.created_at) });
            if (d.statuses.length === 0 || out.length >= d.total_count)
                break;
            if (page >= types/* MAX_RECORD_PAGES */.QX)
                throw new errors/* ForgeAnswerError */.e(`the commit has ${d.total_count} status contexts, more than the ${types/* MAX_RECORD_PAGES */.QX * 100} read`);
        }
        return out;
    }
    /**
     * `GET /commits/{ref}/statuses`: every status of the ref, "in reverse chronological order", `per_page` at
     * most 100 (OpenAPI repos/list-commit-statuses-for-ref). One page; GitHub fills a page to `per_page`
     * while more remain, so a shorter one is the last.
     */
    async recentStatuses(sha) {
        const { owner, repo } = this.settings;
        const data = await this.call(`GET statuses of ${sha.slice(0, 7)}`, (signal) => this.octokit.rest.repos.listCommitStatusesForRef({ owner, repo, ref: sha, per_page: GITHUB_STATUS_PAGE, page: 1, request: { signal } }).then((r) => r.data));
        return statusPage(data, (listed) => listed < GITHUB_STATUS_PAGE);
    }
    checks = {
        create: async (sha, name, u, opts = {}) => {
            const { owner, repo } = this.settings;
            // Found again by its `external_id` (the run's stamp): without one, a lost answer cannot be told apart.
            const find = async (signal) => {
                if (!u.externalId)
                    return undefined;
                const res = await this.octokit.rest.checks.listForRef({ owner, repo, ref: sha, check_name: name, filter: 'all', per_page: 100, request: { signal } });
                return res.data.check_runs.find((c) => c.external_id === u.externalId)?.id;
            };
            return this.createOnce(`POST check-run ${name}`, find, (signal) => this.octokit.rest.checks.create({ owner, repo, head_sha: sha, name, ...checkBody(u), request: { signal } }).then((r) => r.data.id), opts.lookFirst === true);
        },
        update: async (id, u) => {
            const { owner, repo } = this.settings;
            await this.call(`PATCH check-run ${id}`, (signal) => this.octokit.rest.checks.update({ owner, repo, check_run_id: id, ...checkBody(u), request: { signal } }));
        },
        /** `filter=latest`: the newest check run of the name, whatever the attempts and re-runs before it. */
        latestByName: async (sha, name) => {
            const { owner, repo } = this.settings;
            const data = await this.call(`GET check-runs ${name} of ${sha.slice(0, 7)}`, (signal) => this.octokit.rest.checks.listForRef({ owner, repo, ref: sha, check_name: name, filter: 'latest', per_page: 100, request: { signal } }).then((r) => r.data));
            const d = data;
            if (!d || !Array.isArray(d.check_runs) || typeof d.total_count !== 'number')
                throw new errors/* ForgeAnswerError */.e('the check run list has no check_runs and total_count');
            return d.check_runs.map((c) => {
                const output = (c.output ?? {});
                return {
                    id: Number(c.id),
                    name: String(c.name),
                    status: String(c.status),
                    conclusion: str(c.conclusion) ?? null,
                    externalId: str(c.external_id) ?? null,
                    startedAt: str(c.started_at) ?? null,
                    title: str(output.title) ?? null,
                    detailsUrl: str(c.details_url) ?? null
                };
            });
        }
    };
    /**
     * Deployments of exactly this commit: `auto_merge: false` (GitHub would otherwise try to merge the
     * default branch into the ref, and refuse a SHA behind it with 409), and `required_contexts: []` (by
     * default every commit status on the ref must be `success`, and this job's own status is still pending).
     */
    deployments = {
        create: async (sha, environment, description, key) => {
            const { owner, repo } = this.settings;
            // The payload carries a marker of this create (and the run's key, shared by its shards): a lost
            // answer is found again by it, and a shard finds the deployment another shard of its run made.
            const marker = (0,lost_answers/* payloadMarker */.HM)(key);
            const find = async (signal, match) => {
                const res = await this.octokit.rest.repos.listDeployments({ owner, repo, sha, environment, per_page: 100, request: { signal } });
                // The oldest (lowest id): every shard settles on the same one.
                return res.data.filter((d) => match((0,lost_answers/* markerOf */.we)(d.payload))).reduce((min, d) => (min === undefined || d.id < min ? d.id : min), undefined);
            };
            const what = `POST deployment ${sha.slice(0, 7)} to ${environment}`;
            const shared = () => this.call(`GET deployments of ${sha.slice(0, 7)}`, (signal) => find(signal, (m) => m?.key === key));
            if (key) {
                const found = await shared();
                if (found !== undefined)
                    return found;
            }
            const id = await this.createOnce(what, (signal) => find(signal, (m) => m?.nonce === marker.nonce), async (signal) => {
                const res = await this.octokit.rest.repos.createDeployment({
                    owner,
                    repo,
                    ref: sha,
                    environment,
                    description,
                    task: 'deploy',
                    auto_merge: false,
                    required_contexts: [],
                    payload: { 'rollout-guard': marker },
                    request: { signal }
                });
                const id = res.data.id;
                if (typeof id !== 'number')
                    throw new errors/* ForgeAnswerError */.e(`the deployment answer has no id (HTTP ${res.status})`);
                return id;
            });
            if (!key)
                return id;
            // Two shards that both found none created one each. Ids grow with creation, so the later of the two
            // always sees the earlier on this read: every shard settles on the oldest, and a duplicate steps aside.
            const oldest = await shared().catch(() => undefined);
            if (oldest === undefined || oldest >= id)
                return id;
            await this.deployments
                .setStatus(id, { state: 'inactive', description: `Duplicate of deployment ${oldest}, which the shards of this run share` })
                .catch((error) => this.log(`deployment ${id}: marking the duplicate inactive failed (${error.message})`));
            return oldest;
        },
        /** The statuses of a deployment, newest first (one page: a deployment of this action has a handful). */
        statuses: async (id) => {
            const { owner, repo } = this.settings;
            const res = await this.call(`GET deployment ${id} statuses`, (signal) => this.octokit.rest.repos.listDeploymentStatuses({ owner, repo, deployment_id: id, per_page: 100, request: { signal } }));
            return res.data.map((s) => ({ state: String(s.state), description: s.description ?? '' }));
        },
        setStatus: async (id, s) => {
            const { owner, repo } = this.settings;
            await this.call(`POST deployment ${id} status ${s.state}`, (signal) => this.octokit.rest.repos.createDeploymentStatus({
                owner,
                repo,
                deployment_id: id,
                state: s.state,
                description: s.description,
                ...(s.logUrl ? { log_url: s.logUrl } : {}),
                ...(s.environmentUrl ? { environment_url: s.environmentUrl } : {}),
                ...(s.autoInactive !== undefined ? { auto_inactive: s.autoInactive } : {}),
                request: { signal }
            }));
        }
    };
}
const str = (v) => (typeof v === 'string' ? v : undefined);
/** Octokit's `date` response header (its ResponseHeaders type; lower-cased by @octokit/request). */
function dateOf(headers) {
    return str(headers?.date);
}
/** The REST body of a check run create/update; GitHub wants `output.title` and `summary` with every output. */
function checkBody(u) {
    return {
        ...(u.externalId ? { external_id: u.externalId } : {}),
        ...(u.status ? { status: u.status } : {}),
        ...(u.conclusion ? { conclusion: u.conclusion, completed_at: new Date().toISOString() } : {}),
        ...(u.detailsUrl ? { details_url: u.detailsUrl } : {}),
        output: {
            title: u.title,
            summary: u.summary,
            ...(u.annotations?.length
                ? {
                    annotations: u.annotations.map((a) => ({
                        path: a.path,
                        start_line: 1,
                        end_line: 1,
                        annotation_level: a.level,
                        message: a.message,
                        title: a.title
                    }))
                }
                : {})
        }
    };
}
/** Octokit's RequestError carries the status and headers; map it onto our retry classes. */
function classify(what, error, timeout, cancel, forgeNowMs) {
    const e = error;
    // Cancelled: not transient, so no retry is tried (and the retry's wait is aborted by the same signal).
    if (cancel?.aborted)
        return new client/* NetworkError */.D(`${what} was cancelled`, 'CANCELLED');
    if (timeout.aborted)
        return new client/* NetworkError */.D(`${what} timed out`, 'TIMEOUT');
    // Asking again would read the same oversized answer: it is an answer we cannot use, not a network fault.
    const tooLarge = error instanceof bounded_fetch/* AnswerTooLargeError */.Oc ? error : error?.cause;
    if (tooLarge instanceof bounded_fetch/* AnswerTooLargeError */.Oc)
        return new errors/* ForgeAnswerError */.e(`${what}: ${tooLarge.message}`);
    if (typeof e.status === 'number' && e.status >= 400 && e.response) {
        const headers = Object.fromEntries(Object.entries(e.response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
        const body = typeof e.response.data === 'string' ? e.response.data : JSON.stringify(e.response.data ?? '');
        return withRetryAfter(what, e.status, body, headers, forgeNowMs);
    }
    return new client/* NetworkError */.D(`${what} failed: ${e.message ?? String(error)}`, 'NETWORK');
}
/**
 * `x-ratelimit-reset` is epoch seconds on GitHub's clock (REST docs, "Rate limits for the REST API"): the wait
 * is measured from the forge's time, not the runner's, whose clock may be minutes off.
 */
function withRetryAfter(what, status, body, headers, forgeNowMs) {
    return (0,retry/* statusError */.$C)(what, { status, headers, body: Buffer.from(body), truncated: false, url: '' }, forgeNowMs);
}

;// CONCATENATED MODULE: ./src/forge/factory.ts



function createForge(settings, deps) {
    // The forge's query strings are the action's own (SHAs, pages): the debug log may show their values.
    (0,debug/* showQueryValuesOf */.F1)(settings.apiUrl);
    switch (settings.kind) {
        case 'github':
            return new GitHubForge(settings, deps.clock, deps.log, deps.signal, deps.fetch);
        case 'gitea':
            return new GiteaForge(settings, deps.http, deps.clock, deps.log, deps.signal);
    }
}


/***/ }),

/***/ 3139:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ latestForgeTime),
/* harmony export */   y: () => (/* binding */ ForgeClock)
/* harmony export */ });
/**
 * The forge's clock, as its answers tell it. Every HTTP answer of GitHub and of Gitea carries a `Date`
 * header, the origin's time in whole seconds (RFC 9110 §6.6.1; Gitea through Go's net/http server, which
 * adds it to every answer; GitHub on every REST answer). A deploy record's heartbeat and reconcile's "now"
 * are both read on this clock, so two runners whose own clocks disagree (a runner minutes behind) still
 * agree on how old a record is (docs/deploy-records.md, "Liveness").
 *
 * Each answer gives a lower bound of the forge's time when it arrived: the header is cut to the second
 * and was written before the answer travelled. The runner's monotonic clock carries the best bound
 * forward, so `now()` is never ahead of the forge and lags it by at most a second and one request's
 * latency. That lag makes a reader's age of a record younger, never older.
 */
class ForgeClock {
    clock;
    /** The largest `forge time - monotonic time` any answer has shown; undefined before one gave a usable Date. */
    offset;
    constructor(clock) {
        this.clock = clock;
    }
    /** An answer's `Date` header (IMF-fixdate); a missing or unreadable one teaches nothing. */
    heard(date) {
        if (!date)
            return;
        const ms = Date.parse(date);
        if (!Number.isFinite(ms))
            return;
        const offset = ms - this.clock.now();
        if (this.offset === undefined || offset > this.offset)
            this.offset = offset;
    }
    /** The forge's time now (epoch ms), or undefined when no answer has told it yet. */
    now() {
        return this.offset === undefined ? undefined : this.clock.now() + this.offset;
    }
}
/** The latest of the forge times several clients know (each is a lower bound); undefined when none knows one. */
function latestForgeTime(...times) {
    return times.reduce((latest, t) => (t === undefined ? latest : latest === undefined ? t : Math.max(latest, t)), undefined);
}


/***/ }),

/***/ 3267:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HM: () => (/* binding */ payloadMarker),
/* harmony export */   O0: () => (/* binding */ markMayHaveApplied),
/* harmony export */   PH: () => (/* binding */ mayHaveApplied),
/* harmony export */   we: () => (/* binding */ markerOf)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _http_client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(177);


/**
 * Lost answers (REST docs: a 502 or 504 can follow a write that GitHub applied). A create whose answer
 * is lost is looked for before it is sent again; these say when to look and what to look by.
 */
const UNSURE = Symbol('a write before this error may have been applied');
/**
 * Marks the error a create ended with after an earlier attempt of it may have been applied (its answer
 * lost, and the look-up for it failed too): whatever the last error was, the caller must look before it
 * creates again. The error keeps its kind (an outage stays an outage).
 */
function markMayHaveApplied(error) {
    if (typeof error === 'object' && error !== null)
        Object.defineProperty(error, UNSURE, { value: true });
    return error;
}
/**
 * Whether a failed write may still have been applied: a gateway's 500/502/504 or a request that got no
 * answer. A rate limit, a 503 (refused at the door) or a refusal were never applied; a connection that
 * was never made sent nothing.
 */
function mayHaveApplied(error) {
    if (typeof error === 'object' && error !== null && UNSURE in error)
        return true;
    const status = error.status;
    if (typeof status === 'number' && status > 0)
        return status === 500 || status === 502 || status === 504;
    if (error instanceof _http_client_js__WEBPACK_IMPORTED_MODULE_1__/* .NetworkError */ .D)
        return !['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'CANCELLED'].includes(error.code);
    // Octokit's own fetch failures carry no status: the request may have gone out.
    return true;
}
function payloadMarker(key) {
    return { nonce: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)(), ...(key ? { key } : {}) };
}
/** The marker in a listed deployment's payload (an object, or the JSON string GitHub may answer with). */
function markerOf(payload) {
    let p = payload;
    if (typeof p === 'string') {
        try {
            p = JSON.parse(p);
        }
        catch {
            return undefined;
        }
    }
    const m = p?.['rollout-guard'];
    if (!m || typeof m.nonce !== 'string')
        return undefined;
    return { nonce: m.nonce, ...(typeof m.key === 'string' ? { key: m.key } : {}) };
}


/***/ }),

/***/ 8286:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kd: () => (/* binding */ sameCommit),
/* harmony export */   No: () => (/* binding */ relationFromCounts),
/* harmony export */   QX: () => (/* binding */ MAX_RECORD_PAGES),
/* harmony export */   RG: () => (/* binding */ FULL_SHA)
/* harmony export */ });
/**
 * Pages read at most of a commit's combined status (one entry per context): a commit with more contexts
 * than this is not normal, and the reader says it could not see them all rather than guess.
 */
const MAX_RECORD_PAGES = 10;
const FULL_SHA = /^[0-9a-f]{40}$/;
/** Prefix match either way, case-insensitive, at least 7 hex digits on the shorter side. */
function sameCommit(a, b) {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    if (Math.min(x.length, y.length) < 7)
        return false;
    return x.length <= y.length ? y.startsWith(x) : x.startsWith(y);
}
/**
 * The relation from `git rev-list --count` both ways (commits of head not in base, and the reverse).
 * Zero both ways means the same commit only when the SHAs agree: Gitea 1.23's compare answers 0/0 for
 * unrelated histories, and whatever else says 0/0 for two different commits cannot be believed.
 */
function relationFromCounts(base, head, ahead, behind) {
    if (ahead === 0 && behind === 0) {
        if (sameCommit(base, head))
            return { relation: 'identical', aheadBy: 0, behindBy: 0 };
        return { relation: 'unknown', detail: `the forge counts no commits either way between ${base.slice(0, 7)} and ${head.slice(0, 7)}, yet they differ` };
    }
    if (behind === 0)
        return { relation: 'ahead', aheadBy: ahead, behindBy: 0 };
    if (ahead === 0)
        return { relation: 'behind', aheadBy: 0, behindBy: behind };
    return { relation: 'diverged', aheadBy: ahead, behindBy: behind };
}


/***/ }),

/***/ 3995:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  o: () => (/* binding */ SupersededGate)
});

// EXTERNAL MODULE: ./src/clock.ts
var clock = __webpack_require__(9373);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/forge/types.ts
var types = __webpack_require__(8286);
// EXTERNAL MODULE: ./src/settings/common.ts
var common = __webpack_require__(1880);
;// CONCATENATED MODULE: ./src/gate/decide.ts
const decide_short = (sha) => sha.slice(0, 7);
/**
 * The superseded decision as a pure function of what the forge said. Ancestry decides, never time.
 * An unreadable head never supersedes (a genuine deploy must not skip); an unknown relation to a head
 * that differs does (the job cannot prove it still owns the branch).
 */
function decide(sha, branch, head, cmp) {
    if ('error' in head) {
        return {
            superseded: false,
            headSha: undefined,
            basis: 'unreadable',
            unreadable: head.error,
            reason: `The head of ${branch} could not be read, so this job proceeds as the owner (fail-safe): ${head.error}`,
            warning: `Superseded check could not read the head of ${branch}: ${head.error}. Proceeding as if ${decide_short(sha)} owns ${branch}.`
        };
    }
    const h = head.sha;
    const relation = cmp?.relation ?? 'unknown';
    switch (relation) {
        case 'identical':
            return { superseded: false, headSha: h, basis: relation, reason: `${branch} is at ${decide_short(h)}, this job's commit.` };
        case 'behind':
            return {
                superseded: false,
                headSha: h,
                basis: relation,
                reason: `${branch} reads ${decide_short(h)}, an ancestor of ${decide_short(sha)} (a lagging read); this job owns ${branch}.`
            };
        case 'ahead':
            return {
                superseded: true,
                headSha: h,
                basis: relation,
                reason: `${branch} is at ${decide_short(h)}, a newer commit${cmp?.aheadBy ? ` (${cmp.aheadBy} ahead of ${decide_short(sha)})` : ''}; this job is superseded.`
            };
        case 'diverged':
            return {
                superseded: true,
                headSha: h,
                basis: relation,
                reason: `${decide_short(sha)} is not on ${branch} any more (${branch} is at ${decide_short(h)}; history was rewritten); this job is superseded.`
            };
        case 'unknown':
            return {
                superseded: true,
                headSha: h,
                basis: relation,
                reason: `${branch} is at ${decide_short(h)} and its ancestry to ${decide_short(sha)} could not be determined${cmp?.detail ? ` (${cmp.detail})` : ''}; treating this job as superseded.`
            };
    }
}

// EXTERNAL MODULE: ./src/gate/misconfig.ts
var misconfig = __webpack_require__(3658);
// EXTERNAL MODULE: ./src/report/counters.ts
var counters = __webpack_require__(8273);
// EXTERNAL MODULE: ./src/debug.ts
var debug = __webpack_require__(2668);
// EXTERNAL MODULE: ./src/http/retry.ts
var retry = __webpack_require__(8902);
// EXTERNAL MODULE: ./src/runtime/cancel.ts
var cancel = __webpack_require__(3952);
;// CONCATENATED MODULE: ./src/gate/gate.ts










/**
 * Asks the forge who owns the branch. `check` always reads the head again (the gate before the first
 * side effect, before every wave, around the promotion). `fresh` is the fence before each single side
 * effect: it reuses an answer younger than the ownership-evidence bound, joins a read already in flight,
 * and otherwise reads once for every caller waiting, so a fleet of thousands makes a bounded number of
 * forge calls however many tenants are redeployed at once.
 *
 * At the first read a refused token, an invisible repository or branch, or an API URL that is not the
 * forge's API throws a MisconfigurationError (the step fails before any side effect); later in the job
 * the same answer is only an unreadable head, which the rollout treats as an outage.
 */
class SupersededGate {
    forge;
    ancestry;
    target;
    settings;
    clock;
    signal;
    maxAgeMs;
    inFlight;
    latest;
    /** The head was read at least once in this job: an unreadable head is an outage, not a fail-safe start. */
    readable = false;
    constructor(forge, ancestry, target, settings, options = {}) {
        this.forge = forge;
        this.ancestry = ancestry;
        this.target = target;
        this.settings = settings;
        this.clock = options.clock ?? clock/* systemClock */.ml;
        this.signal = options.signal;
        this.maxAgeMs = settings.maxAgeMs ?? common/* OWNERSHIP_MAX_AGE_MS */.MD;
    }
    /** The most recent decision, for the report: what the run last knew about who owns the branch. */
    last;
    get enabled() {
        return this.settings.enabled;
    }
    /** True once the head has been read in this job (see the mid-rollout rule in docs/ownership-evidence.md). */
    get everReadable() {
        return this.readable;
    }
    /** A new read of the head, whatever is cached. */
    async check() {
        (0,counters/* runCounters */.d9)().gateChecks++;
        return this.read().answer;
    }
    /** A decision no older than the bound (and sent no earlier than `sentSince`), read only when needed. */
    async fresh(need = {}) {
        (0,counters/* runCounters */.d9)().gateChecks++;
        if (need.readNow)
            return this.read().answer;
        const now = this.clock.now();
        const since = need.sentSince ?? Number.NEGATIVE_INFINITY;
        const l = this.latest;
        if (l && l.sentAt >= since && now - l.answeredAt < this.maxAgeMs)
            return l.decision;
        // A read sent after the need arose answers after it too: share it instead of sending another.
        if (this.inFlight && this.inFlight.sentAt >= since)
            return this.inFlight.answer;
        return this.read().answer;
    }
    read() {
        const sentAt = this.clock.now();
        const read = {
            sentAt,
            answer: this.ask().then((decision) => {
                const answer = { decision, sentAt, answeredAt: this.clock.now() };
                // Reads can finish out of order: the evidence kept is the one sent last.
                if (!this.latest || this.latest.sentAt <= sentAt) {
                    this.latest = answer;
                    this.last = decision;
                }
                (0,debug/* debug */.Yz)(() => `gate: ${this.target.sha} against the head of ${this.target.branch}: head ${decision.headSha ?? 'unread'}, basis ${decision.basis}, superseded ${decision.superseded}: ${decision.reason}`);
                return decision;
            })
        };
        this.inFlight = read;
        void read.answer.then(() => this.settle(read), () => this.settle(read));
        return read;
    }
    settle(read) {
        if (this.inFlight === read)
            this.inFlight = undefined;
    }
    async ask() {
        const { sha, branch } = this.target;
        if (!this.settings.enabled) {
            return {
                superseded: false,
                headSha: undefined,
                basis: 'disabled',
                reason: `The superseded check is off (superseded-check: false); ${sha.slice(0, 7)} proceeds without asking who owns ${branch}.`
            };
        }
        this.stopIfCancelled();
        (0,counters/* runCounters */.d9)().gateReads++;
        let head;
        try {
            head = await this.forge.branchHead(branch);
        }
        catch (error) {
            // A cancelled job owns nothing it can prove: the cancel ends the job, it never answers `owner`.
            this.stopIfCancelled();
            // Before the head was ever read a refusal is a misconfiguration: fail before any side effect.
            if (!this.readable) {
                // A rate limit longer than the job may wait is no outage to proceed through: the job stops before any side effect.
                if (error instanceof retry/* RateLimitError */.OE)
                    throw error;
                const misconfigured = await (0,misconfig/* diagnoseHeadError */.lL)(this.forge, branch, error);
                if (misconfigured)
                    throw misconfigured;
            }
            return decide(sha, branch, { error: `${(0,misconfig/* describeOutage */.XQ)(error)}: ${(0,errors/* errorMessage */.g)(error)}` });
        }
        this.readable = true;
        if ((0,types/* sameCommit */.Kd)(head, sha))
            return decide(sha, branch, { sha: head }, { relation: 'identical' });
        // The head is read fresh on every check; only the ancestry of a fixed pair of commits is memoised.
        const cmp = await this.ancestry.relation(sha, head);
        this.stopIfCancelled();
        return decide(sha, branch, { sha: head }, cmp);
    }
    stopIfCancelled() {
        const signal = this.signal;
        if (signal?.aborted)
            throw signal.reason instanceof Error ? signal.reason : new cancel/* CancelledError */.cc('a cancel');
    }
}


/***/ }),

/***/ 3658:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ED: () => (/* binding */ MisconfigurationError),
/* harmony export */   XQ: () => (/* binding */ describeOutage),
/* harmony export */   hr: () => (/* binding */ forgeUnusable),
/* harmony export */   iZ: () => (/* binding */ diagnoseNotFound),
/* harmony export */   lL: () => (/* binding */ diagnoseHeadError)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _forge_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8024);
/* harmony import */ var _http_client_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(177);
/* harmony import */ var _http_retry_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8902);




class MisconfigurationError extends Error {
    input;
    problem;
    answer;
    constructor(input, 
    /** What is wrong and how to fix it, in one or two sentences. */
    problem, 
    /** What the forge answered. */
    answer) {
        super(`Input '${input}': ${problem} (The forge answered: ${answer}.) Nothing was redeployed, promoted or reported; fix the input and run the job again.`);
        this.input = input;
        this.problem = problem;
        this.answer = answer;
        this.name = 'MisconfigurationError';
    }
}
/**
 * Whether a run failed because the forge cannot be used with these settings at all (the token, the
 * api-url or the repository): then no record is written, since the same token would be refused again.
 * A missing branch is not one: the token works, and the failing check says what to fix.
 */
function forgeUnusable(error) {
    return error instanceof MisconfigurationError && error.input !== 'branch';
}
/**
 * Says which input a failed head read points at, or undefined when the failure looks like an outage
 * (5xx, a timeout, a rate limit, a connection error) and the fail-safe applies. A 404 is narrowed down
 * with two more reads: the repository itself, then the API's own root.
 */
async function diagnoseHeadError(forge, branch, error) {
    if ((0,_http_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .isTransient */ .dg)(error) || (error instanceof _http_client_js__WEBPACK_IMPORTED_MODULE_2__/* .NetworkError */ .D && !error.code.startsWith('REDIRECT')))
        return undefined;
    const answer = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .g)(error);
    const repo = forge.repository ?? 'the repository';
    if (error instanceof _http_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .HttpStatusError */ .F9 && error.status === 401) {
        return new MisconfigurationError('token', `the forge refused the token (HTTP 401): it is empty, expired or revoked. Pass a valid token as \`token\` (by default the job's own token).`, answer);
    }
    if (error instanceof _http_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .HttpStatusError */ .F9 && error.status === 403) {
        return new MisconfigurationError('token', `the token is not allowed to read ${repo} (HTTP 403). ${readPermission(forge)}`, answer);
    }
    const found = await diagnoseNotFound(forge, answer);
    if (found !== 'visible')
        return found;
    if (error instanceof _http_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .HttpStatusError */ .F9 && error.status === 404) {
        return new MisconfigurationError('branch', `${repo} has no branch '${branch}' (HTTP 404). Name the branch that owns production as \`branch\` (by default the repository's default branch).`, answer);
    }
    // The API answered, but not with a branch (a malformed or cut answer, an odd status): not a setting.
    return undefined;
}
/**
 * Something the forge should have was not found: is `api-url` the forge's API, and can the token see
 * the repository? The misconfiguration if not, 'visible' when both hold, undefined when it cannot tell.
 */
async function diagnoseNotFound(forge, answer) {
    const apiProblem = await apiMismatch(forge);
    if (apiProblem === 'unknown')
        return undefined;
    if (apiProblem)
        return new MisconfigurationError('api-url', `it does not answer as the ${forgeName(forge)} API: ${apiProblem}. ${apiHint(forge)}`, answer);
    const visible = await repositoryVisible(forge);
    if (visible === 'unknown')
        return undefined;
    if (visible)
        return 'visible';
    const repo = forge.repository ?? 'the repository';
    return new MisconfigurationError('repository', `${repo} does not exist, or the token cannot see it (HTTP 404). Check \`repository\` (owner/name), and that \`token\` may read it (${readPermission(forge)})`, answer);
}
/** '' when `api-url` answers as the forge's API, what it answered otherwise, 'unknown' when it could not be asked. */
async function apiMismatch(forge) {
    if (!forge.apiMismatch)
        return '';
    try {
        return (await forge.apiMismatch()) ?? '';
    }
    catch {
        // It could not be asked (an outage, a refusal of its own): no verdict on the URL.
        return 'unknown';
    }
}
async function repositoryVisible(forge) {
    if (!forge.readRepository)
        return 'unknown';
    try {
        await forge.readRepository();
        return true;
    }
    catch (error) {
        if (error instanceof _http_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .HttpStatusError */ .F9 && (error.status === 404 || error.status === 403))
            return false;
        if (error instanceof _forge_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ForgeAnswerError */ .e)
            return true;
        return 'unknown';
    }
}
const forgeName = (forge) => (forge.kind === 'github' ? 'GitHub' : 'Gitea');
function readPermission(forge) {
    return forge.kind === 'github'
        ? 'The job needs `contents: read` in its `permissions:` (a fine-grained token: Contents read access to the repository).'
        : 'The token needs read access to the repository (a Gitea token with the `read:repository` scope).';
}
function apiHint(forge) {
    return forge.kind === 'github'
        ? "Set `api-url` to the REST API root: https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server (the runner's GITHUB_API_URL)."
        : 'Set `api-url` to the REST API root, the server URL followed by /api/v1 (e.g. https://gitea.example.com/api/v1).';
}
/** The kind of outage a failed head read was, for the warning that says the job proceeds without it. */
function describeOutage(error) {
    if (error instanceof _http_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .HttpStatusError */ .F9) {
        if ((0,_http_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .isRateLimited */ .Jz)(error) || error.status === 429)
            return `the forge's ${error.rateLimit ? `${error.rateLimit} ` : ''}rate limit (HTTP ${error.status})`;
        if (error.status >= 500)
            return `a forge outage (HTTP ${error.status})`;
        return `an unexpected answer (HTTP ${error.status})`;
    }
    if (error instanceof _http_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .RateLimitError */ .OE)
        return `the forge's ${error.kind} rate limit, longer than the job may wait`;
    if (error instanceof _http_client_js__WEBPACK_IMPORTED_MODULE_2__/* .NetworkError */ .D)
        return error.code === 'TIMEOUT' ? 'no answer within the request timeout' : `a connection failure (${error.code})`;
    if (error instanceof _forge_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ForgeAnswerError */ .e)
        return 'an answer that is not a branch';
    return 'an error';
}


/***/ }),

/***/ 2396:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ boundedFetch),
/* harmony export */   Oc: () => (/* binding */ AnswerTooLargeError),
/* harmony export */   ae: () => (/* binding */ MAX_GITHUB_ANSWER_BYTES),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6752);
/**
 * A `fetch` for Octokit (`request.fetch`) that reads no more of an answer than `maxBytes`. Octokit buffers
 * whole bodies (`response.json()` / `.text()`), so without this a forge, a proxy in front of it or a
 * `GITHUB_API_URL` pointing elsewhere could hand the job an answer of any size and take the runner's
 * memory with it. The answer is refused as soon as its declared length, or the bytes read so far, pass the
 * limit: the socket is cancelled, nothing more is read, and the error names the host and the limit.
 * (Octokit would buffer the whole answer anyway, so reading it here costs no more memory.)
 */

/** The largest GitHub answer read: a compare answer lists up to 300 changed files with their patches. */
const MAX_GITHUB_ANSWER_BYTES = 16 * 1024 * 1024;
class AnswerTooLargeError extends Error {
    host;
    maxBytes;
    constructor(host, maxBytes) {
        super(`${host} answered more than ${formatBytes(maxBytes)}, the most this action reads from it; the answer was not read`);
        this.host = host;
        this.maxBytes = maxBytes;
        this.name = 'AnswerTooLargeError';
    }
}
function formatBytes(n) {
    return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`;
}
/** Statuses whose answer has no body: a Response cannot be built around one. */
const NULL_BODY = new Set([101, 204, 205, 304]);
function boundedFetch(maxBytes, inner = globalThis.fetch) {
    return async (input, init) => {
        const res = await inner(input, init);
        if (!res.body || NULL_BODY.has(res.status))
            return res;
        const host = hostOf(res.url || urlOf(input));
        const declared = Number(res.headers.get('content-length') ?? Number.NaN);
        if (declared > maxBytes) {
            await res.body.cancel().catch(() => undefined);
            throw new AnswerTooLargeError(host, maxBytes);
        }
        // Read here, whole and bounded, rather than handed on as a capped stream: Octokit reads JSON with
        // `.text()` and turns a failed read into an empty answer, which would hide the cause.
        const reader = res.body.getReader();
        const chunks = [];
        let read = 0;
        for (;;) {
            const { done, value } = await reader.read();
            if (done)
                break;
            read += value.byteLength;
            if (read > maxBytes) {
                await reader.cancel().catch(() => undefined);
                throw new AnswerTooLargeError(host, maxBytes);
            }
            chunks.push(value);
        }
        // undici's Response, the class the toolkit's fetch already answers with: Node's global `Response` and
        // `Request` would load Node's own copy of undici, a second fetch implementation costing every start-up
        // (the gate's included) about 20 ms for nothing.
        const out = new undici__WEBPACK_IMPORTED_MODULE_0__.Response(Buffer.concat(chunks, read), { status: res.status, statusText: res.statusText, headers: res.headers });
        // Octokit reports the URL that answered (after redirects); a new Response has none of its own.
        Object.defineProperty(out, 'url', { value: res.url });
        // The same WHATWG Response (undici is where Node's own comes from); only the DOM typings differ by
        // members Octokit never calls.
        return out;
    };
}
/** The URL of a fetch input (a string, a URL or a Request), read by shape so no Request class is loaded. */
function urlOf(input) {
    return typeof input === 'object' && input !== null && 'url' in input && typeof input.url === 'string' ? input.url : String(input);
}
function hostOf(url) {
    try {
        return new URL(url).host;
    }
    catch {
        return 'the server';
    }
}


/***/ }),

/***/ 177:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  D: () => (/* reexport */ NetworkError),
  u: () => (/* binding */ createHttpClient)
});

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
// EXTERNAL MODULE: ./src/debug.ts
var debug = __webpack_require__(2668);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
;// CONCATENATED MODULE: ./src/http/exchange.ts

/** No answer at all: refused, reset, timed out, DNS, or a refused redirect. Always worth another try. */
class NetworkError extends Error {
    code;
    constructor(message, code) {
        super(message);
        this.code = code;
        this.name = 'NetworkError';
    }
}
const EMPTY = Buffer.alloc(0);
/** Why a request ended early: fixed objects, so no per-request allocation for the common cases. */
const TIMED_OUT = Object.freeze({ name: 'TimeoutError', message: 'request timed out' });
const CANCELLED = Object.freeze({ name: 'AbortError', message: 'request cancelled' });
class Exchange {
    where;
    maxBodyBytes;
    signal;
    /** undici's abort for this request, handed over in onConnect. */
    abortRequest;
    ended;
    settled = false;
    status = 0;
    headers = {};
    first;
    chunks;
    size = 0;
    timer;
    resolve;
    reject;
    done;
    constructor(where, maxBodyBytes, signal) {
        this.where = where;
        this.maxBodyBytes = maxBodyBytes;
        this.signal = signal;
        this.done = new Promise((resolve, reject) => {
            this.resolve = resolve;
            this.reject = reject;
        });
    }
    /** Sends the request, unless the caller already cancelled; `done` settles either way. */
    start(dispatcher, options, timeoutMs) {
        if (this.signal?.aborted) {
            this.ended = CANCELLED;
            this.fail(new Error(CANCELLED.message));
            return this.done;
        }
        this.timer = setTimeout(onTimeout, Math.max(1, timeoutMs), this);
        this.signal?.addEventListener('abort', this, { once: true });
        dispatcher.dispatch(options, this);
        return this.done;
    }
    /** The caller's signal fired (EventListener object: no closure per request). */
    handleEvent() {
        this.stop(CANCELLED);
    }
    stop(reason) {
        if (this.settled || this.ended)
            return;
        this.ended = reason;
        const abort = this.abortRequest;
        // Settle now, whether or not undici has started the request: a hanging server must not hold the caller.
        this.fail(new Error(reason.message));
        abort?.(new Error(reason.message));
    }
    onConnect(abort) {
        this.abortRequest = abort;
        if (this.ended)
            abort(new Error(this.ended.message));
    }
    onHeaders(statusCode, rawHeaders) {
        this.status = statusCode;
        // Raw name/value pairs, names as the server spelled them; repeated headers are joined as a list.
        for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
            const name = rawHeaders[i].toString('latin1').toLowerCase();
            const value = rawHeaders[i + 1].toString('utf8');
            const seen = this.headers[name];
            this.headers[name] = seen === undefined ? value : `${seen}, ${value}`;
        }
        return true;
    }
    onData(chunk) {
        // Settled already (cancelled, timed out): let the rest drain rather than pause the socket.
        if (this.settled)
            return true;
        if (this.size + chunk.length > this.maxBodyBytes) {
            this.keep(chunk.subarray(0, this.maxBodyBytes - this.size));
            const abort = this.abortRequest;
            this.finish(true);
            abort?.(new Error('body too large'));
            return false;
        }
        this.keep(chunk);
        return true;
    }
    onComplete() {
        this.finish(false);
    }
    onError(error) {
        this.fail(error);
    }
    keep(chunk) {
        if (!this.first)
            this.first = chunk;
        else
            (this.chunks ??= [this.first]).push(chunk);
        this.size += chunk.length;
    }
    finish(truncated) {
        if (this.settled)
            return;
        this.cleanUp();
        const body = this.chunks ? Buffer.concat(this.chunks, this.size) : (this.first ?? EMPTY);
        this.first = this.chunks = undefined;
        this.resolve({ status: this.status, headers: this.headers, body, truncated });
    }
    fail(error) {
        if (this.settled)
            return;
        this.cleanUp();
        this.reject(this.toNetworkError(error));
    }
    cleanUp() {
        this.settled = true;
        if (this.timer)
            clearTimeout(this.timer);
        this.signal?.removeEventListener('abort', this);
        // Whatever still points at this handler (undici's request until it is dropped, a listener list)
        // must not keep the request and its socket buffers alive with it.
        this.abortRequest = undefined;
    }
    toNetworkError(error) {
        if (error instanceof NetworkError)
            return error;
        if (this.ended === TIMED_OUT)
            return new NetworkError(`request to ${this.where} timed out`, 'TIMEOUT');
        if (this.ended === CANCELLED)
            return new NetworkError(`request to ${this.where} was cancelled`, 'CANCELLED');
        const e = error;
        const code = e.code ?? e.cause?.code ?? 'NETWORK';
        return new NetworkError(`request to ${this.where} failed: ${(0,redact/* excerpt */.Kb)(e.message ?? String(error), 200)} (${code})`, code);
    }
}
function onTimeout(exchange) {
    exchange.stop(TIMED_OUT);
}

// EXTERNAL MODULE: ./src/http/internal-address.ts
var internal_address = __webpack_require__(406);
// EXTERNAL MODULE: external "node:dns"
var external_node_dns_ = __webpack_require__(610);
;// CONCATENATED MODULE: ./src/http/public-lookup.ts


const systemResolver = (hostname, callback) => (0,external_node_dns_.lookup)(hostname, { all: true, verbatim: true }, callback);
/** The error code of a refusal; a NetworkError with a `REDIRECT` code is never retried (src/http/retry.ts). */
const INTERNAL_ADDRESS_CODE = 'REDIRECT_TO_INTERNAL_ADDRESS';
function publicOnlyLookup(resolve = systemResolver) {
    return (hostname, options, callback) => {
        resolve(hostname, (error, found) => {
            if (error)
                return callback(error, '', 0);
            const addresses = options.family === 4 || options.family === 6 ? found.filter((a) => a.family === options.family) : found;
            const internal = found.find((a) => (0,internal_address/* isInternalAddress */.K)(a.address));
            if (internal || addresses.length === 0) {
                const why = internal ? `resolves to the internal address ${internal.address}` : 'resolves to no address';
                return callback(Object.assign(new Error(`${hostname} ${why}; refused`), { code: INTERNAL_ADDRESS_CODE }), '', 0);
            }
            if (options.all)
                return callback(null, addresses);
            callback(null, addresses[0].address, addresses[0].family);
        });
    };
}

;// CONCATENATED MODULE: ./src/http/client.ts






const DEFAULT_MAX_BODY = 1024 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
function createHttpClient(options = {}) {
    const pool = { connections: options.connections ?? 64, keepAliveTimeout: 10_000, pipelining: 1 };
    const agent = new undici.Agent(pool);
    // Its own pool: a connection made for a public-only request is never reused for another, and back.
    let publicAgent;
    const publicOnly = () => (publicAgent ??= new undici.Agent({ ...pool, connect: { lookup: publicOnlyLookup(options.resolver) } }));
    return {
        send: (req) => send(req.publicOnly ? publicOnly() : agent, req),
        close: async () => {
            await Promise.all([agent.close(), publicAgent?.close()]);
        }
    };
}
async function send(dispatcher, req) {
    let url = typeof req.url === 'string' ? new URL(req.url) : req.url;
    // An address literal is never looked up, so the connect-time check cannot see it: refused here.
    if (req.publicOnly && (0,internal_address/* isInternalAddress */.K)(url.hostname))
        throw new NetworkError(`${url.origin} is an internal address; refused`, INTERNAL_ADDRESS_CODE);
    let method = req.method ?? 'GET';
    let body = req.body;
    for (let hop = 0;; hop++) {
        const where = `${url.origin}${url.pathname}`;
        const exchange = new Exchange(where, req.maxBodyBytes ?? DEFAULT_MAX_BODY, req.signal);
        // Each hop gets the whole deadline again, as the former stream-based path gave the whole exchange one.
        const started = (0,debug/* debugEnabled */.dK)() ? performance.now() : 0;
        const sent = exchange.start(dispatcher, { origin: url.origin, path: `${url.pathname}${url.search}`, method: method, headers: req.headers, body }, req.timeoutMs);
        const res = started ? await logged(sent, method, url, started) : await sent;
        const location = res.headers.location;
        if (!req.followSameOriginRedirects || !REDIRECTS.has(res.status) || !location)
            return { ...res, url: url.toString() };
        const next = new URL(location, url);
        if (next.origin !== url.origin) {
            // Extra headers (tokens) must never travel to another origin, so the hop is refused outright.
            throw new NetworkError(`redirect to another origin refused: ${url.origin} -> ${next.origin}`, 'REDIRECT_CROSS_ORIGIN');
        }
        if (hop >= 4)
            throw new NetworkError(`too many redirects (last: ${next.pathname})`, 'REDIRECT_LOOP');
        if (res.status === 303) {
            method = 'GET';
            body = undefined;
        }
        url = next;
    }
}
/** The exchange's outcome in the debug log: method, URL without credentials, status or error, duration. */
async function logged(sent, method, url, started) {
    try {
        const res = await sent;
        (0,debug/* debug */.Yz)(() => `http ${method} ${(0,debug/* loggableUrl */.Fb)(url)} -> ${res.status}${res.truncated ? ' (body cut at the size limit)' : ''} in ${(0,debug/* elapsedMs */.d5)(started)} ms`);
        return res;
    }
    catch (error) {
        (0,debug/* debug */.Yz)(() => `http ${method} ${(0,debug/* loggableUrl */.Fb)(url)} -> no answer after ${(0,debug/* elapsedMs */.d5)(started)} ms: ${error.message}`);
        throw error;
    }
}


/***/ }),

/***/ 406:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ isInternalAddress)
/* harmony export */ });
/* unused harmony export isLocalhostName */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);

/**
 * Addresses an outside answer (a registry's blob redirect) has no business sending the runner to:
 * loopback, private, link-local (cloud metadata), CGNAT, multicast, reserved and unspecified ranges, in
 * every spelling. A host is first put in the URL parser's canonical form, which reads IPv4 the way
 * `inet_aton` and every HTTP client do (`2130706433`, `0x7f.1`, `0177.0.0.1` are all 127.0.0.1) and
 * writes IPv6 compressed in hex (`[::ffff:127.0.0.1]` becomes `::ffff:7f00:1`); IPv6 addresses that
 * carry an IPv4 one (mapped, compatible, SIIT, NAT64, 6to4) are judged by the IPv4 address they carry.
 */
function isInternalAddress(hostname) {
    const host = canonicalHost(hostname);
    if (host === undefined)
        return false;
    if (isLocalhostName(host))
        return true;
    if ((0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(host) === 4)
        return isInternalV4(host.split('.').map(Number));
    if ((0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(host) === 6)
        return isInternalV6(ipv6Groups(host));
    return false;
}
/** `localhost`, any name under `.localhost` (RFC 6761: always loopback), and Debian's loopback aliases. */
function isLocalhostName(host) {
    const h = host.toLowerCase().replace(/\.$/, '');
    return h === 'localhost' || h.endsWith('.localhost') || h === 'localhost.localdomain' || h === 'ip6-localhost' || h === 'ip6-loopback';
}
/** The host as the URL parser writes it (brackets off), or undefined when it is no valid host at all. */
function canonicalHost(hostname) {
    // Cut first: a host name is at most 253 characters, and nothing longer needs parsing to be refused.
    if (hostname.length > 257)
        return undefined;
    const bare = hostname.replace(/^\[(.*)\]$/s, '$1');
    try {
        const parsed = new URL(`http://${(0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(bare) === 6 || (bare.includes(':') && !bare.includes('.')) ? `[${bare}]` : bare}/`).hostname;
        return parsed.replace(/^\[(.*)\]$/s, '$1').toLowerCase();
    }
    catch {
        return undefined;
    }
}
function isInternalV4([a = 0, b = 0]) {
    return (a === 0 || // "this network", 0.0.0.0 reaches the local host
        a === 10 ||
        a === 127 ||
        (a === 100 && b >= 64 && b <= 127) || // CGNAT
        (a === 169 && b === 254) || // link-local, cloud metadata
        (a === 172 && b >= 16 && b <= 31) ||
        (a === 192 && b === 168) ||
        (a === 192 && b === 0) || // IETF protocol assignments (192.0.0.0/24 and the documentation /24 beside it)
        (a === 198 && (b === 18 || b === 19)) || // benchmarking
        a >= 224 // multicast, reserved, broadcast
    );
}
/** Eight 16-bit groups of a canonical IPv6 address (the URL parser never leaves a dotted tail, but a caller might). */
function ipv6Groups(host) {
    let text = host;
    const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
    if (dotted) {
        const [a, b, c, d] = dotted.slice(1).map(Number);
        text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
    }
    const [head = '', tail] = text.split('::');
    const part = (s) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
    const front = part(head);
    const back = part(tail);
    return tail === undefined ? front : [...front, ...new Array(8 - front.length - back.length).fill(0), ...back];
}
function isInternalV6(g) {
    const v4 = (hi, lo) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
    const zero = (from, to) => g.slice(from, to).every((x) => x === 0);
    if (zero(0, 5) && g[5] === 0xffff)
        return isInternalV4(v4(g[6], g[7])); // ::ffff:a.b.c.d, mapped
    if (zero(0, 4) && g[4] === 0xffff && g[5] === 0)
        return isInternalV4(v4(g[6], g[7])); // ::ffff:0:a.b.c.d, SIIT
    if (zero(0, 6))
        return true; // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d: none is a public host
    if (g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6))
        return isInternalV4(v4(g[6], g[7])); // NAT64 well-known prefix
    if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1)
        return true; // local-use NAT64
    if (g[0] === 0x2002)
        return isInternalV4(v4(g[1], g[2])); // 6to4
    const first = g[0];
    return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xffc0) === 0xfec0 || (first & 0xff00) === 0xff00; // unique-local, link-local, site-local, multicast
}


/***/ }),

/***/ 9618:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AY: () => (/* binding */ rateLimitRemaining),
/* harmony export */   IF: () => (/* binding */ rateLimitKind),
/* harmony export */   JR: () => (/* binding */ rateLimitWaitMs),
/* harmony export */   OE: () => (/* binding */ RateLimitError)
/* harmony export */ });
/* unused harmony export SECONDARY_MIN_WAIT_MS */
/** "If you don't have a retry-after header … wait for at least one minute before retrying." */
const SECONDARY_MIN_WAIT_MS = 60_000;
const SECONDARY_BODY = /secondary rate limit|abuse detection|rate limit exceeded/i;
function rateLimitKind(status, headers, body) {
    if (status !== 403 && status !== 429)
        return undefined;
    if (headers['x-ratelimit-remaining']?.trim() === '0')
        return 'primary';
    if (headers['retry-after']?.trim() || SECONDARY_BODY.test(body))
        return 'secondary';
    // A bare 429 (a proxy, a control plane) is an ordinary transient answer, retried with backoff; a bare 403 a refusal.
    return undefined;
}
/**
 * How long to wait before the `n`th attempt after a rate-limited one (`n` counts the rate-limited answers
 * in a row, from 1). `askedMs` is what the server said (Retry-After, or the reset of a spent primary
 * limit); without it a secondary limit waits a minute, doubling each time it answers again.
 */
function rateLimitWaitMs(kind, askedMs, n) {
    if (askedMs !== undefined)
        return kind === 'primary' ? askedMs + 1000 : askedMs;
    return SECONDARY_MIN_WAIT_MS * 2 ** Math.max(0, n - 1);
}
/** What the answer said about the primary limit, for the report (undefined when GitHub did not say). */
function rateLimitRemaining(headers) {
    const raw = headers['x-ratelimit-remaining'];
    if (raw === undefined)
        return undefined;
    const n = Number(raw);
    return Number.isInteger(n) && n >= 0 ? n : undefined;
}
/**
 * The job stops on a rate limit it cannot wait out: the wait the forge asks for is longer than the time
 * the job may spend waiting. Nothing is sent after it; the message names the limit and when it lifts.
 */
class RateLimitError extends Error {
    what;
    kind;
    waitMs;
    budgetMs;
    waits;
    constructor(what, kind, waitMs, budgetMs, 
    /** Set when the limit kept answering after this many waits (rather than asking for one too long). */
    waits) {
        super(waits
            ? `${what}: the forge's ${kind} rate limit still answered after ${waits} waits; stopped without sending more`
            : `${what}: the forge's ${kind} rate limit is spent and lifts in ${Math.ceil(waitMs / 1000)} s, longer than the ${Math.round(budgetMs / 1000)} s this job may wait for it; stopped without sending more`);
        this.what = what;
        this.kind = kind;
        this.waitMs = waitMs;
        this.budgetMs = budgetMs;
        this.waits = waits;
        this.name = 'RateLimitError';
    }
}


/***/ }),

/***/ 8902:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $C: () => (/* binding */ statusError),
/* harmony export */   F9: () => (/* binding */ HttpStatusError),
/* harmony export */   Jz: () => (/* binding */ isRateLimited),
/* harmony export */   OE: () => (/* reexport safe */ _rate_limit_js__WEBPACK_IMPORTED_MODULE_4__.OE),
/* harmony export */   U3: () => (/* binding */ RETRYABLE_STATUSES),
/* harmony export */   bD: () => (/* binding */ withRetry),
/* harmony export */   dg: () => (/* binding */ isTransient),
/* harmony export */   vI: () => (/* binding */ DEFAULT_RETRY),
/* harmony export */   w$: () => (/* binding */ isPermissionFailure)
/* harmony export */ });
/* unused harmony exports parseRetryAfter, DEFAULT_RATE_LIMIT_WAIT_MS */
/* harmony import */ var p_retry__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4995);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6670);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(177);
/* harmony import */ var _report_counters_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8273);
/* harmony import */ var _debug_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2668);
/* harmony import */ var _rate_limit_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9618);







/**
 * Classified retries for every API this action calls. Transient answers are retried with backoff,
 * honouring Retry-After, inside a bounded total time so that a broken service costs a deploy seconds,
 * not an hour. Everything else fails at once with a message that says what the server answered.
 */
/** Statuses that mean "try again": the server or a proxy in front of it is briefly unable to answer. */
const RETRYABLE_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);
/** A non-success answer. `retryAfterMs` is set when the server said how long to wait. */
class HttpStatusError extends Error {
    what;
    status;
    excerpt;
    retryAfterMs;
    rateLimit;
    constructor(what, status, excerpt, retryAfterMs, 
    /** GitHub's rate limit this answer reports (rate-limit.ts), read from its headers and whole body. */
    rateLimit) {
        super(`${what} answered HTTP ${status}${rateLimit ? ` (a ${rateLimit} rate limit)` : ''}${excerpt ? `: ${excerpt}` : ''}`);
        this.what = what;
        this.status = status;
        this.excerpt = excerpt;
        this.retryAfterMs = retryAfterMs;
        this.rateLimit = rateLimit;
        this.name = 'HttpStatusError';
    }
}
function statusError(what, res, nowMs = Date.now()) {
    const whole = res.body.toString('utf8');
    const text = (0,_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .excerpt */ .Kb)(whole, 200, { oneLine: true });
    return new HttpStatusError(what, res.status, text, parseRetryAfter(res.headers, nowMs), (0,_rate_limit_js__WEBPACK_IMPORTED_MODULE_4__/* .rateLimitKind */ .IF)(res.status, res.headers, whole));
}
/** Retry-After as seconds or an HTTP date; GitHub's x-ratelimit-reset when the primary limit is spent. */
function parseRetryAfter(headers, nowMs = Date.now()) {
    const value = headers['retry-after']?.trim();
    if (value) {
        if (/^\d+(\.\d+)?$/.test(value))
            return Math.round(Number(value) * 1000);
        const date = Date.parse(value);
        if (!Number.isNaN(date))
            return Math.max(0, date - nowMs);
    }
    if (headers['x-ratelimit-remaining'] === '0' && headers['x-ratelimit-reset']) {
        const reset = Number(headers['x-ratelimit-reset']) * 1000;
        if (Number.isFinite(reset))
            return Math.max(0, reset - nowMs);
    }
    return undefined;
}
/** A 403 or 429 that GitHub's rate limit answered (primary or secondary): wait, never a refusal. */
function isRateLimited(error) {
    return error instanceof HttpStatusError && error.rateLimit !== undefined;
}
/**
 * The token is refused (401) or lacks a permission (a 403 with no sign of a rate limit): asking again
 * will not help, and the fix is in the workflow's `permissions:` or the token.
 */
function isPermissionFailure(error) {
    return error instanceof HttpStatusError && (error.status === 401 || (error.status === 403 && !isRateLimited(error)));
}
function isTransient(error) {
    if (error instanceof _client_js__WEBPACK_IMPORTED_MODULE_1__/* .NetworkError */ .D)
        return error.code !== 'CANCELLED' && !error.code.startsWith('REDIRECT');
    if (error instanceof HttpStatusError)
        return RETRYABLE_STATUSES.has(error.status) || isRateLimited(error);
    return false;
}
const DEFAULT_RETRY = { maxTotalMs: 30_000, baseDelayMs: 500, maxDelayMs: 8_000, maxAttempts: 8 };
/**
 * How long one call may wait for GitHub's rate limits in all: a secondary limit's minute and its doubling
 * (1 + 2 + 4 minutes), or a primary limit that lifts within a quarter of an hour. A later reset stops the job.
 */
const DEFAULT_RATE_LIMIT_WAIT_MS = 15 * 60_000;
/** Rate-limited answers one call takes before it stops, whatever their waits. */
const MAX_RATE_LIMIT_RETRIES = 6;
/**
 * Runs `fn` until it succeeds, a non-transient error occurs, the attempts run out, or the next wait
 * would cross the total budget. `fn` is given the time left so one hanging attempt cannot overrun it.
 * Waits go through the injected clock (p-retry's own timer is set to zero) so tests never sleep.
 */
async function withRetry(fn, options) {
    const { policy, clock, signal } = options;
    let deadline = clock.now() + policy.maxTotalMs;
    const rateBudgetMs = policy.rateLimitMaxWaitMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
    let rateWaitedMs = 0;
    let rateLimitedInARow = 0;
    let transientFailures = 0;
    return (0,p_retry__WEBPACK_IMPORTED_MODULE_5__/* ["default"] */ .Ay)(async (attempt) => {
        try {
            return await fn(attempt, Math.max(1, Math.floor(deadline - clock.now())));
        }
        catch (error) {
            if (!isTransient(error)) {
                (0,_debug_js__WEBPACK_IMPORTED_MODULE_3__/* .debug */ .Yz)(() => `not retried (not a transient failure): ${error.message}`);
                throw new p_retry__WEBPACK_IMPORTED_MODULE_5__/* .AbortError */ .lc(error);
            }
            throw error;
        }
    }, {
        // Rate-limited attempts do not use up the transient ones (their waits are bounded apart).
        retries: Math.max(0, policy.maxAttempts - 1) + MAX_RATE_LIMIT_RETRIES,
        minTimeout: 0,
        factor: 1,
        signal,
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
            if (isRateLimited(error)) {
                const delayMs = (0,_rate_limit_js__WEBPACK_IMPORTED_MODULE_4__/* .rateLimitWaitMs */ .JR)(error.rateLimit, error.retryAfterMs, ++rateLimitedInARow);
                if (rateWaitedMs + delayMs > rateBudgetMs)
                    throw new _rate_limit_js__WEBPACK_IMPORTED_MODULE_4__/* .RateLimitError */ .OE(error.what, error.rateLimit, delayMs, rateBudgetMs);
                if (retriesLeft === 0)
                    throw new _rate_limit_js__WEBPACK_IMPORTED_MODULE_4__/* .RateLimitError */ .OE(error.what, error.rateLimit, delayMs, rateBudgetMs, rateLimitedInARow - 1);
                rateWaitedMs += delayMs;
                // The wait is the forge's, not an outage: the transient budget starts again after it.
                deadline = Math.max(deadline, clock.now() + delayMs + policy.maxTotalMs);
                options.onRetry?.({ attempt: attemptNumber, delayMs, error });
                (0,_report_counters_js__WEBPACK_IMPORTED_MODULE_2__/* .runCounters */ .d9)().rateLimitWaits++;
                await clock.sleep(delayMs, signal);
                await options.beforeRetry?.({ attempt: attemptNumber + 1, error });
                return;
            }
            rateLimitedInARow = 0;
            transientFailures++;
            if (transientFailures >= policy.maxAttempts || retriesLeft === 0) {
                (0,_debug_js__WEBPACK_IMPORTED_MODULE_3__/* .debug */ .Yz)(() => `not retried: all ${policy.maxAttempts} attempts used (${error.message})`);
                throw error;
            }
            const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (transientFailures - 1));
            const asked = error instanceof HttpStatusError ? (error.retryAfterMs ?? 0) : 0;
            const delayMs = Math.max(backoff, asked);
            if (clock.now() + delayMs >= deadline) {
                (0,_debug_js__WEBPACK_IMPORTED_MODULE_3__/* .debug */ .Yz)(() => `not retried: a wait of ${delayMs} ms would pass the ${policy.maxTotalMs} ms retry budget (${error.message})`);
                throw error;
            }
            options.onRetry?.({ attempt: attemptNumber, delayMs, error });
            (0,_debug_js__WEBPACK_IMPORTED_MODULE_3__/* .debug */ .Yz)(() => `retry ${attemptNumber + 1} of at most ${policy.maxAttempts} in ${delayMs} ms${asked ? ' (the server asked for it: Retry-After or a rate-limit reset)' : ''}, after a transient failure: ${error.message}`);
            (0,_report_counters_js__WEBPACK_IMPORTED_MODULE_2__/* .runCounters */ .d9)().httpRetries++;
            await clock.sleep(delayMs, signal);
            // Thrown here, p-retry rejects with it and sends nothing more.
            await options.beforeRetry?.({ attempt: attemptNumber + 1, error });
        }
    });
}


/***/ }),

/***/ 5625:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   C1: () => (/* binding */ setFailed),
/* harmony export */   Os: () => (/* binding */ group),
/* harmony export */   Pq: () => (/* binding */ setSecret),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   lm: () => (/* binding */ notice),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   uH: () => (/* binding */ setOutput),
/* harmony export */   z: () => (/* reexport safe */ _actions_core__WEBPACK_IMPORTED_MODULE_0__.z),
/* harmony export */   z3: () => (/* binding */ error)
/* harmony export */ });
/* unused harmony exports neutralise, oneLineOutput */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);

/**
 * The only way this action writes to the runner's log, outputs and masks: src/ imports `@actions/core`
 * nowhere else (a test keeps it so). Log lines carry text the action did not write: a commit status a
 * stranger set, a tenant's or registry's answer, a branch name. A runner reads its step's stdout line by
 * line and acts on any line that looks like a workflow command, so each line of every message is
 * neutralised here, once, whatever called. Outputs get no line break.
 *
 * Neutralised, not wrapped in `::stop-commands::<token>`: the annotations this action raises
 * (`::warning::`, `::error::`) carry outside text too and must still be acted on, which a stop would
 * prevent; a runner that does not know stop-commands would print the marker and act on the text; and
 * a line that cannot be a command needs no runner state to stay one.
 */

/**
 * The line breaks a runner may split on: .NET's StreamReader (GitHub's runner) ends a line at CR, LF or
 * CRLF, and act (Gitea's act_runner) at LF; the Unicode breaks are split on too, to be safe.
 */
const LINE_BREAK = /(\r\n|[\n\r\v\f\u0085\u2028\u2029])/;
const LINE_BREAKS = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;
/** A zero-width space: invisible where the log is read, and no runner trims it or reads past it. */
const BREAK = '\u200b';
/**
 * `text` with no line that a runner reads as a workflow command. The two forms, from the parsers:
 * - `::name ...::data`: GitHub's runner (ActionCommand.TryParseV2) after trimming leading whitespace
 *   (.NET char.IsWhiteSpace), act (pkg/runner/command.go, `^::`) at the very start of the line;
 * - `##[name ...]data`: GitHub's runner (ActionCommand.TryParse) ANYWHERE in the line (IndexOf), act
 *   (`^##\[`) at the start.
 * So `##[` is broken wherever it stands, and `::` where a line starts with it after spaces. Linear in
 * the text: one split and one pass per line, no backtracking pattern.
 */
function neutralise(text) {
    if (!text.includes('::') && !text.includes('##['))
        return text;
    const parts = text.split(LINE_BREAK);
    // split() with a capturing group keeps the breaks at the odd indexes: lines are the even ones.
    for (let i = 0; i < parts.length; i += 2)
        parts[i] = neutraliseLine(parts[i]);
    return parts.join('');
}
function neutraliseLine(line) {
    let out = line.includes('##[') ? line.split('##[').join(`##${BREAK}[`) : line;
    let start = 0;
    while (start < out.length && isBlank(out.charCodeAt(start)))
        start++;
    if (out.startsWith('::', start))
        out = `${out.slice(0, start + 1)}${BREAK}${out.slice(start + 1)}`;
    return out;
}
/** What .NET's TrimStart() removes (char.IsWhiteSpace), plus the zero-width characters, to be safe. */
function isBlank(code) {
    return ((code >= 0x09 && code <= 0x0d) ||
        code === 0x20 ||
        code === 0x85 ||
        code === 0xa0 ||
        code === 0x1680 ||
        code === 0x180e ||
        (code >= 0x2000 && code <= 0x200d) ||
        code === 0x2028 ||
        code === 0x2029 ||
        code === 0x202f ||
        code === 0x205f ||
        code === 0x2060 ||
        code === 0x3000 ||
        code === 0xfeff);
}
/** An output value on one line: outputs are single-line by contract, whatever text went into them. */
function oneLineOutput(value) {
    return value.replace(LINE_BREAKS, ' ');
}
const props = (p) => (p?.title === undefined ? p : { ...p, title: neutralise(p.title) });
function info(message) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(neutralise(message));
}
function debug(message) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(neutralise(message));
}
function notice(message, properties) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm(neutralise(message), props(properties));
}
function warning(message, properties) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(neutralise(message), props(properties));
}
function error(message, properties) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(neutralise(message), props(properties));
}
function setFailed(message) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(neutralise(message));
}
function group(name, fn) {
    return _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(neutralise(name), fn);
}
function setOutput(name, value) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(name, oneLineOutput(value));
}
function setSecret(value) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(value);
}


/***/ }),

/***/ 8842:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/clock.ts
var src_clock = __webpack_require__(9373);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/forge/types.ts
var types = __webpack_require__(8286);
;// CONCATENATED MODULE: ./src/forge/ancestry.ts



/** How long "could not tell" is remembered: long enough that a fleet reporting one unknown SHA asks once. */
const UNKNOWN_TTL_MS = 15_000;
/**
 * Memoised ancestry questions. A fleet of thousands reports a handful of distinct SHAs, so each
 * (base, head) pair is asked of the forge once per run, however many tenants report it. The ancestry of
 * two fixed commits never changes; "unknown" (an outage, a SHA the forge does not have) may, so it is
 * kept only for `unknownTtlMs` of the injected clock.
 */
class Ancestry {
    forge;
    clock;
    unknownTtlMs;
    cache = new Map();
    constructor(forge, clock = src_clock/* systemClock */.ml, unknownTtlMs = UNKNOWN_TTL_MS) {
        this.forge = forge;
        this.clock = clock;
        this.unknownTtlMs = unknownTtlMs;
    }
    relation(base, head) {
        if ((0,types/* sameCommit */.Kd)(base, head))
            return Promise.resolve({ relation: 'identical' });
        const key = `${base.toLowerCase()}...${head.toLowerCase()}`;
        const hit = this.cache.get(key);
        if (hit && this.clock.now() < hit.expiresAt)
            return hit.answer;
        const entry = { answer: Promise.resolve({ relation: 'unknown' }), expiresAt: Number.POSITIVE_INFINITY };
        entry.answer = this.forge
            .compare(base, head)
            .catch((error) => ({ relation: 'unknown', detail: (0,errors/* errorMessage */.g)(error) }))
            .then((cmp) => {
            const checked = believable(base, head, cmp);
            if (checked.relation === 'unknown')
                entry.expiresAt = this.clock.now() + this.unknownTtlMs;
            return checked;
        });
        this.cache.set(key, entry);
        return entry.answer;
    }
    /**
     * True when the forge confirms `candidate` is a strict descendant of `target`, false when it confirms
     * it is not. Rejects when the forge could not tell, so a caller can tell "older" from "unknown"
     * (and ask again later instead of remembering a guess).
     */
    async isAhead(candidate, target) {
        const cmp = await this.relation(target, candidate);
        if (cmp.relation === 'unknown')
            throw new Error(`ancestry of ${candidate.slice(0, 7)} to ${target.slice(0, 7)} is unknown: ${cmp.detail ?? 'no answer'}`);
        return cmp.relation === 'ahead';
    }
}
/** Equal SHAs are the only "identical": a forge that says so of two different commits is not believed. */
function believable(base, head, cmp) {
    if (cmp.relation !== 'identical')
        return cmp;
    return { relation: 'unknown', detail: `the forge called ${base.slice(0, 7)} and ${head.slice(0, 7)} identical, but they are different commits` };
}

// EXTERNAL MODULE: ./src/forge/factory.ts + 6 modules
var factory = __webpack_require__(4344);
// EXTERNAL MODULE: ./src/gate/gate.ts + 1 modules
var gate_gate = __webpack_require__(3995);
// EXTERNAL MODULE: ./src/gate/misconfig.ts
var misconfig = __webpack_require__(3658);
// EXTERNAL MODULE: ./src/http/client.ts + 2 modules
var client = __webpack_require__(177);
// EXTERNAL MODULE: ./src/report/publish/deployment.ts
var deployment = __webpack_require__(7751);
// EXTERNAL MODULE: ./src/report/publish/types.ts
var publish_types = __webpack_require__(6899);
// EXTERNAL MODULE: ./src/report/counters.ts
var counters = __webpack_require__(8273);
;// CONCATENATED MODULE: ./src/context.ts












function createContext(settings, overrides = {}) {
    const clock = overrides.clock ?? src_clock/* systemClock */.ml;
    const http = overrides.http ?? (0,client/* createHttpClient */.u)();
    const signal = overrides.signal ?? new AbortController().signal;
    // Every read and retry wait of the run's forge client stops at the cancel.
    const forge = overrides.forge ?? (0,factory/* createForge */.u)(settings.forge, { http, clock, log: (m) => log/* info */.pq(m), signal });
    const ancestry = new Ancestry(forge, clock);
    const gate = new gate_gate/* SupersededGate */.o(forge, ancestry, settings.target, settings.gate, { clock, signal });
    return {
        settings,
        clock,
        http,
        forge,
        ancestry,
        gate,
        signal,
        reporter: overrides.reporter ?? publish_types/* NO_REPORTER */.w,
        counters: (0,counters/* startCounting */.wu)(),
        deployment: overrides.deployment ?? deployment/* NO_DEPLOYMENT */.sz
    };
}
/**
 * The context, with an abbreviated `sha` input replaced by the full SHA the forge knows it as. GitHub's
 * statuses and check runs take only 40 digits, so this runs once, before any side effect; a SHA the
 * forge does not have is an input error.
 */
async function createResolvedContext(settings, overrides = {}) {
    const ctx = createContext(settings, overrides);
    const given = settings.target.sha;
    if (types/* FULL_SHA */.RG.test(given))
        return ctx;
    let full;
    try {
        full = await ctx.forge.resolveCommit(given);
    }
    catch (error) {
        // A refused token or a wrong api-url names that input, not `sha`.
        const misconfigured = await (0,misconfig/* diagnoseHeadError */.lL)(ctx.forge, settings.target.branch, error);
        if (!overrides.http)
            await ctx.http.close();
        if (misconfigured instanceof misconfig/* MisconfigurationError */.ED && misconfigured.input !== 'branch')
            throw misconfigured;
        throw new Error(`Could not resolve the abbreviated sha '${given}' to a full commit SHA: ${(0,errors/* errorMessage */.g)(error)}`, { cause: error });
    }
    if (!full) {
        // "No such commit" from a URL that is not the API, or a repository the token cannot see, is not about `sha`.
        const misconfigured = await (0,misconfig/* diagnoseNotFound */.iZ)(ctx.forge, `GET commit ${given} found no commit`);
        if (!overrides.http)
            await ctx.http.close();
        if (misconfigured instanceof misconfig/* MisconfigurationError */.ED)
            throw misconfigured;
        throw new errors/* InputError */.d('sha', given, `a commit of ${settings.forge.owner}/${settings.forge.repo} (the forge has no commit with that SHA or prefix)`);
    }
    log/* info */.pq(`sha ${given} is commit ${full}`);
    const resolved = { ...settings, target: { ...settings.target, sha: full } };
    return createContext(resolved, { ...overrides, clock: ctx.clock, http: ctx.http, forge: ctx.forge });
}

// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(6412);
// EXTERNAL MODULE: ./src/report/failures.ts
var report_failures = __webpack_require__(7999);
// EXTERNAL MODULE: ./src/report/model.ts + 1 modules
var model = __webpack_require__(8765);
// EXTERNAL MODULE: ./src/analysis/judge.ts
var judge = __webpack_require__(7021);
;// CONCATENATED MODULE: ./src/report/sparkline.ts
/**
 * A sparkline of block characters (`▁▂▃▅█`), for a summary that cannot draw: one character a sample,
 * scaled from 0 to `top` so a canary line and its baseline line, drawn to the same top, compare by eye.
 * A missing value is a space. Pure and Markdown-safe (only these characters).
 */
const BARS = '▁▂▃▄▅▆▇█';
/** The largest finite value, or 0: folded, so no array is spread into a call's arguments. */
function highest(values) {
    return values.reduce((most, v) => (v !== null && Number.isFinite(v) ? Math.max(most, v) : most), 0);
}
function sparkline(values, top = highest(values)) {
    return values
        .map((v) => {
        if (v === null || !Number.isFinite(v))
            return ' ';
        if (top <= 0 || v <= 0)
            return BARS[0];
        const i = Math.round((Math.min(v, top) / top) * (BARS.length - 1));
        return BARS[i];
    })
        .join('');
}

;// CONCATENATED MODULE: ./src/report/analysis-summary.ts



/**
 * The analysis in the summary, the canary's and then each wave's (`analysis-waves`): one row per
 * analysed tenant with its samples and its baseline's drawn side by side (sparklines to one scale), then
 * each tenant's samples as a small table. The JSON report keeps every sample; the summary shows the
 * first ones of the first few tenants (and of the first few waves).
 */
const MAX_TENANTS = 5;
const MAX_WAVES = 5;
const MAX_SAMPLES = 30;
const ICON = { passed: '✅', failed: '❌', inconclusive: '⚠️', good: '✅', bad: '❌' };
const num = (v) => (v === null ? '—' : (0,judge/* fmt */.Sc)(v));
function analysisSection(r) {
    const waves = r.waveAnalysis ?? [];
    const canary = r.analysis ? stepSection(r.analysis, 'Canary analysis', 'canary') : [];
    const shown = waves.slice(0, MAX_WAVES).flatMap((w) => stepSection(w, `Wave analysis, ${(0,report_escape/* escapeMarkdown */.FV)(w.step)}`, 'wave'));
    const more = waves.length > MAX_WAVES ? [`${waves.length - MAX_WAVES} more wave analyses are in the JSON report.`, ''] : [];
    return [...canary, ...shown, ...more];
}
function stepSection(a, title, who) {
    const t = a.thresholds;
    const limits = [t.max !== null ? `above ${(0,judge/* fmt */.Sc)(t.max)}` : '', t.maxRatio !== null ? `above ${(0,judge/* fmt */.Sc)(t.maxRatio)} x the baseline median (a limit never below ${num(t.baselineFloor)})` : ''];
    const lines = [
        `### ${title}: ${a.passed ? 'passed' : 'not passed'}`,
        '',
        `${a.passed ? '✅' : '❌'} ${(0,report_escape/* escapeMarkdown */.FV)(a.kind)} every ${(0,judge/* fmt */.Sc)(a.intervalSeconds)}s; a sample is bad ${limits.filter(Boolean).join(' or ')}; ${t.consecutive} bad in a row fail, more than ${t.inconclusiveLimit} unjudged are inconclusive. Baseline: ${(0,report_escape/* escapeMarkdown */.FV)(a.baseline.map((b) => b.tenant).join(', ') || 'none', 300)}.`,
        ''
    ];
    if (a.absoluteOnly)
        lines.push(`Relative limit not applied: ${(0,report_escape/* escapeMarkdown */.FV)(a.absoluteOnly, 300)}.`, '');
    if (a.stoppedEarly)
        lines.push(`Stopped early: ${(0,report_escape/* escapeMarkdown */.FV)(a.stoppedEarly, 300)}`, '');
    if (a.tenants.length === 0)
        return [...lines, `No ${who} tenant reported the target, so none was analysed.`, ''];
    const self = who === 'canary' ? 'Canary' : 'Wave tenant';
    lines.push(`| Tenant | Analysis | ${self} | Baseline median | Samples (bad / unjudged) | Note |`, '|---|---|---|---|---|---|');
    for (const x of a.tenants.slice(0, MAX_TENANTS)) {
        const values = x.samples.map((s) => s.value);
        const base = x.samples.map((s) => s.baselineMedian);
        const top = Math.max(highest(values), highest(base));
        const bad = x.samples.filter((s) => s.verdict === 'bad').length;
        const unjudged = x.samples.filter((s) => s.verdict === 'inconclusive').length;
        lines.push(`| ${(0,report_escape/* escapeMarkdown */.FV)(x.tenant)} | ${ICON[x.verdict] ?? ''} ${(0,report_escape/* escapeMarkdown */.FV)(x.verdict)} | <code>${sparkline(values, top)}</code> | <code>${sparkline(base, top)}</code> | ${x.samples.length} (${bad} / ${unjudged}) | ${(0,report_escape/* escapeMarkdown */.FV)(x.why ?? '', 200)} |`);
    }
    if (a.tenants.length > MAX_TENANTS)
        lines.push('', `${a.tenants.length - MAX_TENANTS} more ${who} tenants are in the JSON report.`);
    lines.push('');
    for (const x of a.tenants.slice(0, MAX_TENANTS)) {
        lines.push(`<details><summary>${(0,report_escape/* escapeMarkdown */.FV)(x.tenant)}: ${x.samples.length} sample(s)</summary>`, '', `| At | ${self} | Baseline median (read) | Limit | Sample |`, '|---|---|---|---|---|');
        for (const s of x.samples.slice(0, MAX_SAMPLES)) {
            const judged = `${ICON[s.verdict] ?? '⚠️'} ${(0,report_escape/* escapeMarkdown */.FV)(s.verdict)}${s.why ? `: ${(0,report_escape/* escapeMarkdown */.FV)(s.why, 160)}` : ''}`;
            lines.push(`| ${(0,judge/* fmt */.Sc)(s.atSeconds)}s | ${num(s.value)} | ${num(s.baselineMedian)} (${s.baselineReadable}/${s.baselineAsked}) | ${num(s.limit)} | ${judged} |`);
        }
        if (x.samples.length > MAX_SAMPLES)
            lines.push('', `${x.samples.length - MAX_SAMPLES} more samples are in the JSON report.`);
        lines.push('', '</details>', '');
    }
    return lines;
}

;// CONCATENATED MODULE: ./src/report/summary.ts



/**
 * The one Markdown summary of a run, for every mode: the job summary, and the check run's output on
 * GitHub. The outcome and why, the gate's decision, a phase timeline with durations, the tenant table
 * (failing first) and the promotion. Every value that came from a tenant, the forge, a registry or an
 * input is escaped; no value starts a line.
 */
/** Rows past this are left to the JSON report: GitHub caps a step summary at 1 MiB. */
const MAX_TENANT_ROWS = 500;
const summary_ICON = { success: '✅', neutral: '⏭️', failure: '❌' };
const VERDICT_ICON = {
    'on-target': '✅',
    ahead: '⏩',
    stale: '❌',
    unreachable: '❌',
    invalid: '❌',
    'redeploy-failed': '❌',
    'analysis-failed': '❌',
    'not-started': '⏸️'
};
const sha7 = (sha) => (sha ? `<code>${(0,report_escape/* escapeMarkdown */.FV)(sha.slice(0, 7))}</code>` : '—');
/** Our own ISO timestamps as `2026-11-22 21:52:07`; anything else shows as a dash. */
const utc = (iso) => (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(iso) ? iso.slice(0, 19).replace('T', ' ') : '—');
/** `42s`, `3m 05s`, `1h 02m`: short enough for a table column. */
function formatDuration(seconds) {
    if (seconds < 60)
        return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)}s`;
    const s = Math.round(seconds);
    if (s < 3600)
        return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
    return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
function runSummaryMarkdown(r, reportPath) {
    const lines = [
        `## ${summary_ICON[r.conclusion]} Rollout Guard ${(0,report_escape/* escapeMarkdown */.FV)(r.mode)}, ${(0,report_escape/* escapeMarkdown */.FV)(r.target.environment)}: ${(0,report_escape/* escapeMarkdown */.FV)(r.result)}`,
        '',
        `${summary_ICON[r.conclusion]} ${(0,report_escape/* escapeMarkdown */.FV)(r.reason, 2000)}`,
        '',
        ...overview(r),
        ...phases(r),
        ...tenants(r),
        ...analysisSection(r),
        ...restore(r),
        ...promotion(r)
    ];
    if (reportPath)
        lines.push(`JSON report: ${(0,report_escape/* codeText */.ph)(reportPath)} (output <code>report-path</code>, schema <code>${r.schema}</code> v${r.schemaVersion}).`, '');
    return lines.join('\n');
}
function overview(r) {
    const rows = [`| Commit | ${sha7(r.target.sha)} on ${(0,report_escape/* codeText */.ph)(r.target.branch)}${r.target.tag ? `, image tag ${(0,report_escape/* codeText */.ph)(r.target.tag)}` : ''} |`];
    if (r.decision) {
        const d = r.decision;
        const verdict = d.forced
            ? '⚠️ superseded, overridden by `force`'
            : d.superseded
                ? '⏭️ superseded'
                : d.basis === 'disabled'
                    ? '⚠️ check off'
                    : d.basis === 'unreadable'
                        ? '⚠️ owner (head unreadable)'
                        : '✅ owner';
        rows.push(`| Gate | ${verdict}: ${(0,report_escape/* escapeMarkdown */.FV)(d.reason, 1000)} |`);
    }
    else if (r.head) {
        rows.push(`| Branch head | ${sha7(r.head)} |`);
    }
    if (r.deployState)
        rows.push(`| Deploy record | ${deployStateCell(r.deployState)} |`);
    const url = safeUrl(r.run.url);
    // Labelled as the page is addressed: the run id on GitHub, the run number on Gitea.
    const run = url ? `[${(0,report_escape/* escapeMarkdown */.FV)(url.split('/').pop() || 'run')}](${url})` : (0,report_escape/* escapeMarkdown */.FV)(r.run.id ?? 'local');
    if (r.shard)
        rows.push(`| Shard | ${(0,report_escape/* escapeMarkdown */.FV)(r.shard)} |`);
    rows.push(`| Run | ${run}, ${formatDuration(r.durationSeconds)}, finished ${utc(r.finishedAt)} UTC |`);
    const c = r.counters;
    rows.push(`| Counters | ${c.buildinfoPolls} build info poll(s), ${c.httpRetries} HTTP retr${c.httpRetries === 1 ? 'y' : 'ies'}, ${c.redeployReissues} redeploy re-issue(s), ${c.gateChecks} gate check(s) (${c.gateReads} head read(s)), ${c.defers} defer(s), ${c.holds} hold(s) |`);
    const budget = forgeBudget(c);
    if (budget)
        rows.push(`| Forge API | ${budget} |`);
    return ['| | |', '|---|---|', ...rows, ''];
}
/** `41 request(s) (12 GET branches, ...), 30 of them 304 (free), rate limit 997 → 960 remaining, 1 rate-limit wait`. */
function forgeBudget(c) {
    const kinds = Object.entries(c.forgeRequests ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    if (!kinds.length)
        return undefined;
    const total = kinds.reduce((n, [, k]) => n + k, 0);
    const parts = [`${total} request(s) (${kinds.map(([kind, n]) => `${n} ${(0,report_escape/* escapeMarkdown */.FV)(kind, 60)}`).join(', ')})`];
    parts.push(`${c.forgeNotModified} answered 304, not counted by the rate limit`);
    const { start, end } = c.rateLimitRemaining ?? { start: null, end: null };
    if (start !== null)
        parts.push(`rate limit remaining ${start} at the start, ${end} at the end`);
    if (c.rateLimitWaits)
        parts.push(`${c.rateLimitWaits} rate-limit wait(s)`);
    return parts.join('; ');
}
/** Only a plain http(s) URL becomes a link target; anything else is left out. */
const safeUrl = (url) => (url && /^https?:\/\/[^\s<>()]+$/.test(url) ? url : undefined);
const STATE_ICON = { proceed: '✅', deferred: '⏳', held: '⛔', 'presumed-dead': '⚠️' };
/**
 * `⛔ held: run 4242.1 canary-failed, since 2026-12-01 10:00:00 UTC`. The record's run stays text: its
 * URL is whatever the record's writer put there (anyone who can set a commit status), and links on this
 * page come only from this run. The JSON report keeps the URL as the record states it.
 */
function deployStateCell(d) {
    const run = d.run ? ` run ${(0,report_escape/* escapeMarkdown */.FV)(d.run)}` : '';
    const since = d.since ? `, since ${utc(d.since)} UTC` : '';
    return `${STATE_ICON[d.action] ?? ''} ${(0,report_escape/* escapeMarkdown */.FV)(d.action)}:${run} ${(0,report_escape/* escapeMarkdown */.FV)(d.end ?? 'no record')}${since}`;
}
function phases(r) {
    if (!r.phases.length)
        return [];
    const total = r.phases.reduce((n, p) => n + p.durationSeconds, 0);
    const rows = r.phases.map((p, i) => `| ${i + 1} | ${(0,report_escape/* escapeMarkdown */.FV)(p.name)} | ${(0,report_escape/* escapeMarkdown */.FV)(p.outcome)} | ${utc(p.startedAt).slice(11)} | ${formatDuration(p.durationSeconds)} | ${p.detail ? (0,report_escape/* escapeMarkdown */.FV)(p.detail, 200) : ''} |`);
    return ['### Timeline', '', '| # | Phase | Outcome | Started (UTC) | Duration | Detail |', '|---|---|---|---|---|---|', ...rows, `| | total | | | ${formatDuration(total)} | |`, ''];
}
/** Columns that carry nothing in this run (verify has no steps, actions or before) are left out. */
const COLUMNS = [
    { head: 'Tenant', cell: (t) => (0,report_escape/* escapeMarkdown */.FV)(t.tenant), used: () => true },
    { head: 'Step', cell: (t) => (0,report_escape/* escapeMarkdown */.FV)(t.step ?? ''), used: (t) => t.step !== null },
    { head: 'Action', cell: (t) => (0,report_escape/* escapeMarkdown */.FV)(t.action ?? ''), used: (t) => t.action !== null },
    { head: 'Verdict', cell: (t) => `${VERDICT_ICON[t.verdict]} ${(0,report_escape/* escapeMarkdown */.FV)(t.verdict)}`, used: () => true },
    { head: 'Before', cell: (t) => sha7(t.before), used: (t) => t.before !== null },
    { head: 'Now', cell: (t) => sha7(t.sha), used: () => true },
    { head: 'Settled in', cell: (t) => (t.settleSeconds === null ? '—' : formatDuration(t.settleSeconds)), used: () => true },
    { head: 'Polls', cell: (t) => String(t.polls), used: () => true },
    { head: 'Note', cell: (t) => (0,report_escape/* escapeMarkdown */.FV)(t.redeployError ?? t.lastError ?? (t.reissues ? `redeploy re-issued ${t.reissues}×` : ''), 160), used: () => true }
];
function tenants(r) {
    if (!r.tenants.length)
        return [];
    const columns = COLUMNS.filter((c) => r.tenants.some(c.used));
    const rows = [...r.tenants].sort(report_failures/* byFailingFirst */.QO);
    const lines = [
        `### Tenants: ${r.counts.ok} of ${r.counts.total} OK${r.counts.failed ? `, ${r.counts.failed} failing` : ''}`,
        '',
        `| ${columns.map((c) => c.head).join(' | ')} |`,
        `|${columns.map(() => '---|').join('')}`,
        ...rows.slice(0, MAX_TENANT_ROWS).map((t) => `| ${columns.map((c) => c.cell(t)).join(' | ')} |`)
    ];
    if (rows.length > MAX_TENANT_ROWS)
        lines.push('', `${rows.length - MAX_TENANT_ROWS} more tenants are in the JSON report.`);
    return [...lines, ''];
}
const RESTORE_ICON = { restored: '↩️', failed: '❌', held: '⛔', superseded: '⏭️', skipped: '⚠️', 'nothing-to-restore': '⚠️' };
/** The failed canary's restore: the one backward move, tenant by tenant, and whether it verified. */
function restore(r) {
    const x = r.restore;
    if (!x)
        return [];
    const rows = x.tenants.slice(0, MAX_TENANT_ROWS).map((t) => {
        const result = t.verified ? '✅ verified there' : t.verdict ? `❌ ${(0,report_escape/* escapeMarkdown */.FV)(t.verdict)}${t.sha ? ` (serves ${sha7(t.sha)})` : ''}` : '—';
        return `| ${(0,report_escape/* escapeMarkdown */.FV)(t.tenant)} | ${(0,report_escape/* escapeMarkdown */.FV)(t.action)} | ${sha7(t.to)} | ${result} | ${(0,report_escape/* escapeMarkdown */.FV)(t.detail ?? '', 160)} |`;
    });
    return [
        `### Canary restore: ${(0,report_escape/* escapeMarkdown */.FV)(x.outcome)}`,
        '',
        `${RESTORE_ICON[x.outcome] ?? ''} ${(0,report_escape/* escapeMarkdown */.FV)(x.reason, 1000)}`,
        '',
        '| Tenant | Restore | Back to | Verification | Note |',
        '|---|---|---|---|---|',
        ...rows,
        ''
    ];
}
function promotion(r) {
    const p = r.promotion;
    if (!p)
        return [];
    const icon = p.outcome === 'failed' ? '❌' : p.promoted ? '✅' : '⏭️';
    const move = p.from && p.tag ? ` ${(0,report_escape/* codeText */.ph)(p.from)} → ${(0,report_escape/* codeText */.ph)(p.tag)}${p.image ? ` in ${(0,report_escape/* codeText */.ph)(p.image)}` : ''}` : '';
    const lines = [`### Promotion`, '', `${icon} **${(0,report_escape/* escapeMarkdown */.FV)(p.outcome)}**${move}: ${(0,report_escape/* escapeMarkdown */.FV)(p.reason, 1000)}`, ''];
    if (p.digest)
        lines.push(`Digest ${(0,report_escape/* codeText */.ph)(p.digest)}${p.previousDigest && p.previousDigest !== p.digest ? `, before ${(0,report_escape/* codeText */.ph)(p.previousDigest)}` : ''}${p.forced ? ' (forced)' : ''}.`, '');
    return lines;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/report/write.ts




/**
 * Writes the report under RUNNER_TEMP (the runner removes it after the job; upload it as an artifact
 * to keep it) and returns the path. Secrets are redacted from the serialised text, because a later
 * step may publish the file.
 */
async function writeReport(report, dir = process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)()) {
    await (0,promises_.mkdir)(dir, { recursive: true });
    const stamp = report.finishedAt.replace(/[^0-9]/g, '').slice(0, 17);
    const path = (0,external_node_path_.join)(dir, `rollout-guard-${report.mode}-${report.run.id ?? 'local'}-${stamp}-${process.pid}.json`);
    await (0,promises_.writeFile)(path, `${(0,redact/* redact */.E$)(JSON.stringify(report, null, 2))}\n`, { encoding: 'utf8', mode: 0o600 });
    return path;
}

;// CONCATENATED MODULE: ./src/report/conclude.ts








/** GitHub refuses a step summary over 1 MiB; stay a little under it. */
const JOB_SUMMARY_MAX_BYTES = 1_000_000;
/**
 * The common ending of every mode, in this order: one `::error::` line per failing tenant, the JSON
 * report, the job summary, the outputs, the check run or commit status (same Markdown as the summary),
 * and last the step's failure. Writing the report or the summary can only warn; the step's result is
 * the mode's.
 */
async function concludeRun(settings, reporter, outcome, startedAt, deployment) {
    const record = outcome.record ?? { reason: outcome.failure ?? outcome.outputs.reason ?? outcome.result, startedAt, phases: [], tenants: [] };
    // Redacted value by value, before any escaping: an escaped secret (`ghs\_...`) would no longer match.
    const report = redactDeep((0,model/* buildReport */.FK)(settings, outcome, record, new Date()));
    const failures = (0,report_failures/* failuresOf */.dJ)(report);
    // A cancelled run cuts every tenant's budget short; one line says so instead of one error per tenant.
    const cut = report.tenants.filter((t) => t.cancelled && !t.ok).length;
    for (const f of failures)
        log/* error */.z3(f.message, { title: f.title });
    if (cut > 0)
        log/* warning */.$e(`${cut} tenant(s) were still settling when the run was cancelled; their verdicts are as of the cancel.`, { title: 'Cancelled mid-verification' });
    let reportPath = '';
    try {
        reportPath = await writeReport(report);
        log/* info */.pq(`Report: ${reportPath}`);
    }
    catch (error) {
        log/* warning */.$e(`The JSON report could not be written: ${(0,errors/* errorMessage */.g)(error)}`);
    }
    const markdown = runSummaryMarkdown(report, reportPath || undefined);
    if (process.env.GITHUB_STEP_SUMMARY) {
        try {
            const note = (kept, total) => `_Summary cut to ${kept} of ${total} lines to stay under GitHub's 1 MiB limit; every tenant is in the JSON report._`;
            await log/* summary */.z.addRaw((0,report_escape/* cutMarkdown */.G$)(markdown, JOB_SUMMARY_MAX_BYTES, note, (s) => Buffer.byteLength(s))).write();
        }
        catch (error) {
            log/* warning */.$e(`The job summary could not be written: ${(0,errors/* errorMessage */.g)(error)}`);
        }
    }
    log/* setOutput */.uH('result', outcome.result);
    for (const [name, value] of Object.entries(outcome.outputs))
        log/* setOutput */.uH(name, (0,redact/* redact */.E$)(value));
    log/* setOutput */.uH('report-path', reportPath);
    const end = await reporter?.finish({ report, markdown, failures });
    if (end?.reason)
        await sayUnwritten(end.reason, outcome);
    // A mode that threw has no record: its deployment ends in `error`, not in a verdict on the fleet.
    await deployment?.finish(report, outcome.record === undefined);
    if (outcome.failure)
        log/* setFailed */.C1((0,redact/* redact */.E$)(outcome.failure));
}
/**
 * A deploy's end record that could not be written is said everywhere a reader looks: a warning, a line
 * added to the job summary, and the `reason` output (reconcile will not see how this deploy ended).
 */
async function sayUnwritten(reason, outcome) {
    const text = (0,redact/* redact */.E$)(reason);
    log/* warning */.$e(text, { title: 'Deploy record not written' });
    log/* setOutput */.uH('reason', (0,redact/* redact */.E$)(`${outcome.outputs.reason ?? outcome.failure ?? ''} ${text}`.trim()));
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    try {
        await log/* summary */.z.addRaw(`\n\n> **Deploy record not written.** ${(0,report_escape/* escapeMarkdown */.FV)(text, 1000)}\n`).write();
    }
    catch (error) {
        log/* warning */.$e(`The job summary could not be written: ${(0,errors/* errorMessage */.g)(error)}`);
    }
}
function redactDeep(value) {
    if (typeof value === 'string')
        return (0,redact/* redact */.E$)(value);
    if (Array.isArray(value))
        return value.map(redactDeep);
    if (value && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)]));
    return value;
}

// EXTERNAL MODULE: ./src/report/publish/factory.ts + 6 modules
var publish_factory = __webpack_require__(9506);
// EXTERNAL MODULE: ./src/template.ts
var template = __webpack_require__(5237);
// EXTERNAL MODULE: ./src/settings/headers.ts
var headers = __webpack_require__(7939);
// EXTERNAL MODULE: ./src/settings/reader.ts
var reader = __webpack_require__(3890);
// EXTERNAL MODULE: ./src/settings/secrets.ts
var settings_secrets = __webpack_require__(5868);
;// CONCATENATED MODULE: ./src/settings/analysis.ts





const ANALYSIS_KINDS = ['none', 'prometheus', 'json'];
const ANALYSIS_PLACEHOLDERS = ['tenant', 'sha', 'sha7', 'environment'];
const MIN_ANALYSIS_INTERVAL_MS = 50;
const FIELD_PATH = /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/;
const NUMBER = /^\d+(\.\d+)?$/;
/**
 * Undefined with `analysis: none`. `rollout` gives the soak and the canary the analysis runs in. Deploy
 * names its canary; reconcile may choose one itself (the first behind tenant), so it need not.
 */
function parseAnalysis(env, common, verify, rollout) {
    const input = new reader/* InputReader */.i_(env);
    const kind = input.oneOf('analysis', ANALYSIS_KINDS, 'none');
    const waves = input.bool('analysis-waves', false);
    // Set from a variable while `analysis` is off: say so rather than silently analyse nothing.
    if (kind === 'none' && waves)
        throw new errors/* InputError */.d('analysis-waves', input.raw('analysis-waves'), '`false` with analysis: none (set `analysis` too: there is no metric to read)');
    if (kind === 'none')
        return undefined;
    const vars = (0,template/* commitVars */.gK)(common.target.sha, common.target.environment);
    const url = input.raw('analysis-url');
    const query = input.raw('analysis-query');
    const field = input.raw('analysis-field');
    if (kind === 'prometheus') {
        if (!url)
            throw new errors/* InputError */.d('analysis-url', '', "the Prometheus server's base URL, e.g. https://prometheus.example:9090 (required with analysis: prometheus)");
        if (url.includes('{'))
            throw new errors/* InputError */.d('analysis-url', (0,settings_secrets/* shownUrl */.zA)(url), "the Prometheus server's base URL, without placeholders (the query takes {tenant})");
        (0,reader/* parseHttpUrl */.f$)('analysis-url', url);
        if (!query)
            throw new errors/* InputError */.d('analysis-query', '', 'a PromQL query template containing {tenant} (required with analysis: prometheus)');
        (0,template/* checkTemplate */.BU)('analysis-query', query, ANALYSIS_PLACEHOLDERS);
        if (!query.includes('{tenant}'))
            throw new errors/* InputError */.d('analysis-query', query, 'a PromQL query template containing {tenant} (otherwise every tenant reads the same number)');
        if (field)
            throw new errors/* InputError */.d('analysis-field', field, 'to be empty with analysis: prometheus (the query gives the number)');
    }
    else {
        if (!url)
            throw new errors/* InputError */.d('analysis-url', '', 'a URL template containing {tenant} (required with analysis: json)');
        (0,template/* checkTemplate */.BU)('analysis-url', url, ANALYSIS_PLACEHOLDERS);
        if (!url.includes('{tenant}'))
            throw new errors/* InputError */.d('analysis-url', (0,settings_secrets/* shownUrl */.zA)(url), 'a URL template containing {tenant} (otherwise every tenant reads the same number)');
        (0,reader/* parseHttpUrl */.f$)('analysis-url', (0,template/* render */.XX)(url, { ...vars, tenant: 'tenant-1' }, template/* encodeUrlPart */.hK));
        if (!FIELD_PATH.test(field))
            throw new errors/* InputError */.d('analysis-field', field, 'a dotted path to the number in the JSON answer, such as `http.errorRate` (required with analysis: json)');
        if (query)
            throw new errors/* InputError */.d('analysis-query', query, 'to be empty with analysis: json (analysis-field names the number)');
    }
    const max = decimal(input, 'analysis-max');
    const maxRatio = decimal(input, 'analysis-max-ratio');
    if (max === undefined && maxRatio === undefined)
        throw new errors/* InputError */.d('analysis-max', '', 'an absolute limit (a number), or `analysis-max-ratio` for a limit relative to the baseline (at least one of the two)');
    if (maxRatio !== undefined && maxRatio <= 0)
        throw new errors/* InputError */.d('analysis-max-ratio', input.raw('analysis-max-ratio'), 'a number above 0: the canary may be at most this many times the baseline median');
    const floor = decimal(input, 'analysis-baseline-floor');
    if (maxRatio !== undefined && !(floor !== undefined && floor > 0)) {
        throw new errors/* InputError */.d('analysis-baseline-floor', input.raw('analysis-baseline-floor'), 'a number above 0 with analysis-max-ratio: the relative limit never goes below it, so a baseline of 0 does not fail every canary');
    }
    // The last wave leaves no tenant on the release before: no baseline, so only an absolute limit can judge it.
    if (waves && max === undefined)
        throw new errors/* InputError */.d('analysis-max', '', 'an absolute limit (a number) with analysis-waves: true: the last wave leaves no tenant on the release before, so it has no baseline and is judged by analysis-max alone');
    if (common.mode === 'deploy' && rollout.canary.length === 0)
        throw new errors/* InputError */.d('canary', '', 'at least one canary tenant with analysis (the analysis judges the canary during its soak)');
    if (rollout.soakMs <= 0)
        throw new errors/* InputError */.d('canary-soak-seconds', input.raw('canary-soak-seconds'), 'a soak longer than 0 with analysis (the metric is read during the soak)');
    const intervalMs = input.seconds('analysis-interval-seconds', 30, { minMs: MIN_ANALYSIS_INTERVAL_MS });
    if (intervalMs > rollout.soakMs) {
        throw new errors/* InputError */.d('analysis-interval-seconds', input.raw('analysis-interval-seconds') || '30', `a number of seconds no longer than canary-soak-seconds (${rollout.soakMs / 1000}), or no sample is ever read`);
    }
    return {
        kind,
        url,
        query,
        field,
        headers: (0,headers/* parseHeaders */.Q)('analysis-headers', input.raw('analysis-headers')),
        thresholds: { max, maxRatio, floor: floor ?? 0 },
        intervalMs,
        consecutive: input.integer('analysis-consecutive', 2, 1, 1000),
        inconclusiveLimit: input.integer('analysis-inconclusive-limit', 2, 0, 1000),
        baselineSize: input.integer('analysis-baseline-size', 10, 1, 100),
        requestTimeoutMs: verify.requestTimeoutMs,
        waves
    };
}
/** A non-negative decimal number, or undefined when the input is empty. */
function decimal(input, name) {
    const value = input.raw(name);
    if (value === '')
        return undefined;
    if (!NUMBER.test(value) || !Number.isFinite(Number(value)))
        throw new errors/* InputError */.d(name, value, 'a number of 0 or more, decimals allowed (e.g. `0.05`)');
    return Number(value);
}

// EXTERNAL MODULE: ./src/settings/common.ts
var settings_common = __webpack_require__(1880);
;// CONCATENATED MODULE: ./src/settings/deployment.ts


/** Undefined unless `deployment: true`; refused on Gitea, which has no Deployments API, before any side effect. */
function parseDeployment(env, common) {
    const input = new reader/* InputReader */.i_(env);
    if (!input.bool('deployment', false))
        return undefined;
    if (common.forge.kind === 'gitea')
        throw new errors/* InputError */.d('deployment', input.raw('deployment'), '`false` on Gitea, which has no Deployments API (GitHub only)');
    const url = input.raw('environment-url');
    if (url)
        (0,reader/* parseHttpUrl */.f$)('environment-url', url);
    return { environmentUrl: url || undefined };
}

// EXTERNAL MODULE: ./src/settings/promote.ts
var settings_promote = __webpack_require__(7997);
// EXTERNAL MODULE: ./src/settings/reconcile.ts
var settings_reconcile = __webpack_require__(2541);
// EXTERNAL MODULE: ./src/settings/report.ts
var settings_report = __webpack_require__(8411);
// EXTERNAL MODULE: ./src/command/runner.ts
var runner = __webpack_require__(9575);
// EXTERNAL MODULE: ./src/rollout/plan.ts
var plan = __webpack_require__(5762);
// EXTERNAL MODULE: ./src/settings/tenants.ts
var settings_tenants = __webpack_require__(832);
;// CONCATENATED MODULE: ./src/settings/rollout.ts






const CANARY_FAILURE = ['restore', 'hold'];
const REDEPLOY_PLACEHOLDERS = ['tenant', 'tag', 'sha', 'sha7', 'environment', 'current'];
const DEFAULT_REDEPLOY_BODY = '{"tenant":"{tenant}","tag":"{tag}","sha":"{sha}"}';
const METHODS = ['POST', 'PUT', 'PATCH'];
/** `imageTag` is the already validated `image-tag` template (shared with promotion's default source). */
function parseRollout(env, common, verify, imageTag) {
    const input = new reader/* InputReader */.i_(env);
    const tag = (0,template/* render */.XX)(imageTag, (0,template/* commitVars */.gK)(common.target.sha, common.target.environment));
    const driver = parseDriver(input);
    const canary = (0,settings_tenants/* checkTenantNames */.P)('canary', input.list('canary'));
    if (verify.tenants.length > 0) {
        const fleet = new Set(verify.tenants);
        const stray = canary.find((c) => !fleet.has(c));
        if (stray)
            throw new errors/* InputError */.d('canary', input.raw('canary'), `names from \`tenants\` (${JSON.stringify(stray)} is not one of them)`);
    }
    return {
        imageTag,
        tag,
        driver,
        canary,
        soakMs: input.seconds('canary-soak-seconds', 60, { allowZero: true }),
        maxParallel: input.integer('max-parallel', 10, 1),
        waves: (0,plan/* parseWaves */.aX)(input.raw('waves')),
        wavesRaw: input.raw('waves'),
        maxFailures: input.integer('max-failures', 0, 0),
        requestTimeoutMs: verify.requestTimeoutMs,
        canaryFailure: input.oneOf('canary-failure', CANARY_FAILURE, 'restore')
    };
}
function parseDriver(input) {
    const command = input.raw('redeploy-command');
    const url = input.raw('redeploy-url');
    if (command && url)
        throw new errors/* InputError */.d('redeploy-url', url, 'to be empty when `redeploy-command` is given (exactly one of the two)');
    if (!command && !url)
        throw new errors/* InputError */.d('redeploy-url', '', 'a control-plane URL template, or a `redeploy-command` (exactly one is required in deploy mode)');
    if (command) {
        let argv;
        try {
            argv = (0,runner/* splitArgs */.sG)(command);
        }
        catch (error) {
            throw new errors/* InputError */.d('redeploy-command', command, `a command line with balanced quotes (${error.message})`);
        }
        if (argv.length === 0)
            throw new errors/* InputError */.d('redeploy-command', command, 'a command line');
        for (const arg of argv)
            (0,template/* checkTemplate */.BU)('redeploy-command', arg, REDEPLOY_PLACEHOLDERS);
        return { kind: 'command', argv };
    }
    (0,template/* checkTemplate */.BU)('redeploy-url', url, REDEPLOY_PLACEHOLDERS);
    (0,reader/* parseHttpUrl */.f$)('redeploy-url', (0,template/* render */.XX)(url, sampleVars()));
    const method = input.oneOf('redeploy-method', METHODS.map((m) => m.toLowerCase()), 'post').toUpperCase();
    const bodyRaw = input.string('redeploy-body', DEFAULT_REDEPLOY_BODY);
    (0,template/* checkTemplate */.BU)('redeploy-body', bodyRaw, REDEPLOY_PLACEHOLDERS);
    try {
        JSON.parse((0,template/* render */.XX)(bodyRaw, sampleVars(), template/* encodeJsonString */.mQ));
    }
    catch {
        throw new errors/* InputError */.d('redeploy-body', bodyRaw, 'a JSON template (placeholders inside JSON strings, e.g. {"tenant":"{tenant}"})');
    }
    return { kind: 'http', url, method, body: bodyRaw, token: input.raw('control-plane-token') };
}
function sampleVars() {
    const sha = '0123456789abcdef0123456789abcdef01234567';
    return { tenant: 'tenant-1', tag: 'staging-0123456', ...(0,template/* commitVars */.gK)(sha, 'production'), current: sha };
}

;// CONCATENATED MODULE: ./src/settings/shard.ts

const SHARD = /^(\d{1,4})\s*\/\s*(\d{1,4})$/;
/** Parses `i/n` with 1 ≤ i ≤ n; empty means no sharding. */
function parseShard(raw) {
    const text = raw.trim();
    if (!text)
        return undefined;
    const m = SHARD.exec(text);
    const index = m ? Number(m[1]) : Number.NaN;
    const count = m ? Number(m[2]) : Number.NaN;
    if (!m || index < 1 || count < 1 || index > count) {
        throw new errors/* InputError */.d('shard', raw, '`i/n` with whole numbers 1 ≤ i ≤ n, e.g. `2/4` (from a matrix: `${{ matrix.shard }}/4`)');
    }
    return { index, count };
}

// EXTERNAL MODULE: ./src/settings/verify.ts
var settings_verify = __webpack_require__(8556);
;// CONCATENATED MODULE: ./src/settings/index.ts











function parseSettings(env, payload) {
    // Read first, from the raw inputs: main registers them before calling this, so no error can print one.
    const secrets = (0,settings_secrets/* secretInputs */._y)(env);
    const common = (0,settings_common/* parseCommon */.dw)(env, payload);
    // Promotion section: parsed only for the modes that can promote, so a gate run ignores stray inputs.
    const promoteInput = new reader/* InputReader */.i_(env);
    const imageTag = (0,settings_promote/* parseImageTag */.DO)(promoteInput, common.target);
    const promote = ['promote', 'deploy', 'reconcile'].includes(common.mode) ? (0,settings_promote/* parsePromote */.WO)(promoteInput, imageTag, common.mode === 'promote', common.target) : undefined;
    const verify = ['verify', 'deploy', 'reconcile'].includes(common.mode) ? (0,settings_verify/* parseVerify */.LT)(env, common) : undefined;
    const shard = verify ? parseShard(new reader/* InputReader */.i_(env).raw('shard')) : undefined;
    const rollout = verify && ['deploy', 'reconcile'].includes(common.mode) ? parseRollout(env, common, verify, imageTag) : undefined;
    const dryRun = common.mode === 'reconcile' ? new reader/* InputReader */.i_(env).bool('dry-run', false) : false;
    const parsedReport = (0,settings_report/* parseReport */.MM)(env, common, shard);
    const reconcile = common.mode === 'reconcile' ? (0,settings_reconcile/* parseReconcile */.Qz)(env, common) : undefined;
    // Compared with the deploy record of the same job: a sharded reconcile never writes under a deploy shard's name.
    const deployName = reconcile && (shard ? (0,settings_reconcile/* shardRecordName */.pw)(reconcile, shard.index) : reconcile.deployRecordName);
    const report = reconcile ? { ...parsedReport, name: (0,settings_reconcile/* reconcileReportName */._t)(parsedReport.name, deployName) } : parsedReport;
    // A tenant's read may take one request timeout: evidence older than that is never reused for a side effect.
    const gate = { ...common.gate, maxAgeMs: (0,settings_common/* ownershipMaxAgeMs */.bC)(Math.min(common.forge.requestTimeoutMs, verify?.requestTimeoutMs ?? Number.POSITIVE_INFINITY)) };
    const deployment = common.mode === 'deploy' ? parseDeployment(env, common) : undefined;
    const analysis = rollout && verify ? parseAnalysis(env, common, verify, rollout) : undefined;
    const prComment = common.mode === 'deploy' ? new reader/* InputReader */.i_(env).bool('pr-comment', false) : false;
    return { ...common, gate, secrets, imageTag, promote, verify, rollout, shard, dryRun, report, reconcile, deployment, analysis, prComment };
}

// EXTERNAL MODULE: ./src/runtime/cancel.ts
var runtime_cancel = __webpack_require__(3952);
;// CONCATENATED MODULE: ./src/settings/declared-inputs.ts
// Generated from action.yml by scripts/docs.mjs (`npm run docs`); do not edit by hand.
/** Every input action.yml declares, in its order. */
const DECLARED_INPUTS = [
    'mode',
    'sha',
    'branch',
    'repository',
    'token',
    'forge',
    'api-url',
    'superseded-check',
    'on-superseded',
    'force',
    'forge-retry-seconds',
    'tenants',
    'tenants-url',
    'buildinfo-url',
    'buildinfo-field',
    'buildinfo-headers',
    'settle-budget-seconds',
    'settle-interval-seconds',
    'request-timeout-seconds',
    'settle-confirmations',
    'redeploy-url',
    'redeploy-method',
    'redeploy-body',
    'control-plane-token',
    'redeploy-command',
    'canary',
    'canary-failure',
    'canary-soak-seconds',
    'analysis',
    'analysis-url',
    'analysis-query',
    'analysis-field',
    'analysis-headers',
    'analysis-max',
    'analysis-max-ratio',
    'analysis-baseline-floor',
    'analysis-interval-seconds',
    'analysis-consecutive',
    'analysis-inconclusive-limit',
    'analysis-baseline-size',
    'analysis-waves',
    'max-parallel',
    'waves',
    'shard',
    'max-failures',
    'image',
    'image-tag',
    'promote-from',
    'promote-tag',
    'registry-username',
    'registry-password',
    'promote-command',
    'dry-run',
    'respect-deploy-state',
    'deploy-timeout-minutes',
    'environment',
    'deployment',
    'pr-comment',
    'environment-url',
    'report',
    'check-name'
];

;// CONCATENATED MODULE: ./src/settings/undeclared.ts

const envName = (input) => `INPUT_${input.replace(/ /g, '_').toUpperCase()}`;
function undeclaredInputs(env, declared = DECLARED_INPUTS) {
    const known = new Set(declared.map(envName));
    return Object.keys(env)
        .filter((key) => key.startsWith('INPUT_') && !known.has(key))
        .sort()
        .map((key) => {
        const name = key.slice('INPUT_'.length).toLowerCase().replace(/_/g, ' ');
        return { name, closest: closest(name, declared) };
    });
}
function undeclaredWarning(u) {
    return `Input '${u.name}' is not an input of this action, so it is ignored; did you mean '${u.closest}'?`;
}
/**
 * The declared input sharing the most whole words with `name` (`canary-soak` is `canary-soak-seconds`,
 * not `canary`), then the fewest edits (`tokn` is `token`); ties go to the first declared.
 */
function closest(name, declared) {
    const words = new Set(name.split(/[-_ ]+/));
    let best = declared[0] ?? '';
    let bestScore = [-1, Number.POSITIVE_INFINITY];
    for (const d of declared) {
        const score = [d.split('-').filter((w) => words.has(w)).length, distance(name, d)];
        if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] < bestScore[1])) {
            best = d;
            bestScore = score;
        }
    }
    return best;
}
/** Levenshtein distance. */
function distance(a, b) {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const row = [i];
        for (let j = 1; j <= b.length; j++)
            row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = row;
    }
    return prev[b.length];
}

;// CONCATENATED MODULE: ./src/main.ts












/**
 * Modes this build can run; `mode` values outside it are refused by the settings parser. Each is loaded
 * only when chosen (the bundler splits them into their own chunks), so the gate every deploy pays for
 * does not load the rollout, the verifier, the registry client or the reconciler.
 */
const RUNNERS = {
    deploy: async () => {
        const { runDeployMode } = await Promise.all(/* import() */[__webpack_require__.e(76), __webpack_require__.e(538), __webpack_require__.e(861), __webpack_require__.e(913)]).then(__webpack_require__.bind(__webpack_require__, 2913));
        return (ctx) => runDeployMode(ctx);
    },
    gate: async () => (await __webpack_require__.e(/* import() */ 437).then(__webpack_require__.bind(__webpack_require__, 4437))).runGateMode,
    promote: async () => (await Promise.all(/* import() */[__webpack_require__.e(76), __webpack_require__.e(102)]).then(__webpack_require__.bind(__webpack_require__, 5102))).runPromoteMode,
    reconcile: async () => {
        const { runReconcileMode } = await Promise.all(/* import() */[__webpack_require__.e(76), __webpack_require__.e(538), __webpack_require__.e(861), __webpack_require__.e(699)]).then(__webpack_require__.bind(__webpack_require__, 3699));
        return (ctx) => runReconcileMode(ctx);
    },
    verify: async () => (await Promise.all(/* import() */[__webpack_require__.e(538), __webpack_require__.e(919)]).then(__webpack_require__.bind(__webpack_require__, 3919))).runVerifyMode
};
/**
 * Parses every input, builds the outside-world adapters, runs the chosen mode and concludes it: report,
 * summary, outputs, check or status. Whatever escapes a mode fails the step with its message, and is
 * still reported; only invalid inputs end the step before anything is reported.
 */
async function run(env = process.env, overrides = {}) {
    let ctx;
    const startedAt = new Date();
    const cancel = overrides.signal ? (0,runtime_cancel/* cancellationOf */.zg)(overrides.signal) : (0,runtime_cancel/* processCancellation */.xo)();
    try {
        // Secrets first, from the raw inputs: an input error below (a malformed header line, a bad URL)
        // may quote an input, and must find every secret already masked.
        for (const secret of (0,settings_secrets/* secretInputs */._y)(env))
            (0,redact/* registerSecret */.cl)(secret);
        // Named before parsing: a misspelt input is ignored, and an input error below may be its consequence.
        for (const u of undeclaredInputs(env))
            log/* warning */.$e(undeclaredWarning(u), { title: 'Unknown input' });
        const settings = parseSettings(env, loadEventPayload(env));
        const load = RUNNERS[settings.mode];
        if (!load)
            throw new Error(`mode '${settings.mode}' is not available in this version of Rollout Guard`);
        const runner = await load();
        // An abbreviated `sha` becomes the full SHA here, before anything is reported on it.
        ctx = await createResolvedContext(settings, { ...overrides, signal: cancel.signal });
        const resolved = ctx.settings;
        // The records are written through a forge client of their own, on the grace budget, not the run's
        // signal: the end record of a cancelled run must still reach the forge.
        const reporting = { http: ctx.http, clock: ctx.clock, forge: overrides.forge, cancel };
        ctx.reporter = overrides.reporter ?? (0,publish_factory/* createReporter */.A5)(resolved, reporting);
        const gate = ctx.gate;
        ctx.deployment = overrides.deployment ?? (0,publish_factory/* createDeployment */.Yy)(resolved, { ...reporting, superseded: async () => (await gate.check()).superseded });
        // No record is written before the forge has answered a read with this token at this api-url: the
        // modes with a gate start the check run (or status) once their first gate read went through (deploy,
        // promote), reconcile once it read the head, and gate mode writes only its result. Verify, which
        // reads nothing from the forge, starts it here, not awaited (the final update waits for it).
        if (resolved.mode === 'verify')
            void ctx.reporter.start(resolved.target.sha);
        // A mode that throws still gets a report, a summary and a failing check: only invalid inputs (above)
        // end the step before anything is reported.
        let misconfigured = false;
        const signal = cancel.signal;
        // A run cancelled before its mode started (while the settings or the bundle's chunks loaded) starts nothing.
        const outcome = signal.aborted
            ? cancelledOutcome(signal)
            : await runner(ctx).catch((error) => {
                // A read or wait the cancel stopped is the cancel, not a failure of the mode (nor a misconfiguration).
                if ((0,runtime_cancel/* isCancel */.FZ)(error, signal))
                    return cancelledOutcome(signal);
                misconfigured = (0,misconfig/* forgeUnusable */.hr)(error);
                return { result: 'failed', failure: (0,errors/* errorMessage */.g)(error), outputs: {} };
            });
        // A token or api-url the forge refused would refuse the record too: nothing is written, so the
        // misconfiguration is the one message, not a reporting warning in front of it.
        await concludeRun(resolved, misconfigured ? undefined : ctx.reporter, outcome, startedAt, misconfigured ? undefined : ctx.deployment);
    }
    catch (error) {
        const cancelled = (0,runtime_cancel/* isCancel */.FZ)(error, cancel.signal);
        log/* setOutput */.uH('result', cancelled ? 'cancelled' : 'failed');
        log/* setFailed */.C1((0,redact/* redact */.E$)(cancelled ? cancelledOutcome(cancel.signal).failure : (0,errors/* errorMessage */.g)(error)));
    }
    finally {
        // A heartbeat still beating (a step that failed before the final report) must not keep the process alive.
        ctx?.reporter.stop?.();
        if (ctx && !overrides.http)
            await ctx.http.close();
    }
}
/** The outcome of a run the cancel stopped: it fails the step, and its record holds nothing. */
function cancelledOutcome(signal) {
    const by = signal.reason instanceof runtime_cancel/* CancelledError */.cc ? ` by ${signal.reason.by}` : '';
    const reason = `The run was cancelled${by}; nothing new was started after the cancel.`;
    return { result: 'cancelled', failure: reason, outputs: { reason } };
}
function loadEventPayload(env) {
    const path = env.GITHUB_EVENT_PATH;
    if (!path)
        return undefined;
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 8164:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $f: () => (/* binding */ recordEnd),
/* harmony export */   P1: () => (/* binding */ REJECTING_ENDS),
/* harmony export */   j$: () => (/* binding */ restoreOfRun),
/* harmony export */   q_: () => (/* binding */ endOfRun)
/* harmony export */ });
/* unused harmony export failedVerification */
const SUCCESS = new Set(['deployed', 'healed', 'in-sync', 'promoted', 'verified', 'owner']);
/** Actions after which this job waited for the tenant's own verification of its build. */
const VERIFIED_BY_THIS_JOB = new Set(['redeployed', 'skipped-on-target']);
/**
 * A tenant whose verification of this job's build failed (not a redeploy error, not a cut-short budget),
 * its health analysis included: a build that reports its commit but fails its analysis misbehaved itself.
 */
function failedVerification(t) {
    return !t.ok && !t.cancelled && t.action !== null && VERIFIED_BY_THIS_JOB.has(t.action) && ['stale', 'unreachable', 'invalid', 'analysis-failed'].includes(t.verdict) && !movedByAnother(t);
}
/**
 * A tenant another writer moved while this job verified it is no evidence about this job's build: its
 * redeploy had to be sent again (the sweeper saw it regress), or it ended on an older commit that is not the
 * one it served before this job's redeploy (a control plane without compare-and-set lets an older job's late
 * redeploy land; a build that never came up leaves the tenant on what it served before, as a rolling update
 * keeps its old replicas). Such a stop holds nothing: the commit still needs a verified canary to go further.
 */
function movedByAnother(t) {
    if ((t.reissues ?? 0) > 0)
        return true;
    return t.verdict === 'stale' && t.sha !== undefined && t.sha !== null && t.sha !== t.before;
}
function recordEnd(f) {
    if (SUCCESS.has(f.result))
        return 'deployed';
    if (f.result === 'skipped-superseded')
        return 'superseded';
    if (f.result === 'cancelled')
        return 'cancelled';
    if (f.result !== 'failed')
        return 'failed';
    // No stop: every wave ran; failing tenants then leave the commit unrejected (`failed-tenants`).
    if (!f.stop)
        return f.tenants.some((t) => !t.ok && t.verdict !== 'not-started') ? 'failed-tenants' : 'failed';
    const failing = f.tenants.filter(failedVerification);
    switch (f.stop.at) {
        case 'canary':
            // Only the canary was touched by then: any verification failure is the canary's own build failing.
            return failing.length > 0 ? 'canary-failed' : 'failed';
        case 'max-failures':
            return failing.length > f.stop.maxFailures ? 'halted' : 'failed';
        default:
            return 'failed';
    }
}
/** The ends by which a deploy rejected its commit: reconcile must not roll it out. */
const REJECTING_ENDS = new Set(['canary-failed', 'halted']);
/** The restore part of a record, read from a finished run's report; undefined when the canary did not fail. */
function restoreOfRun(report) {
    const r = report.restore;
    if (!r)
        return undefined;
    return { outcome: r.outcome, verified: r.tenants.filter((t) => t.verified).length, due: r.tenants.filter((t) => t.to !== null).length };
}
/** The end of a finished run, read from its report. */
function endOfRun(report) {
    return recordEnd(report);
}


/***/ }),

/***/ 6806:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BU: () => (/* binding */ partOf),
/* harmony export */   Pu: () => (/* binding */ parseStamp),
/* harmony export */   V1: () => (/* binding */ defuseStamps),
/* harmony export */   qB: () => (/* binding */ compareRuns),
/* harmony export */   sI: () => (/* binding */ splitStamp),
/* harmony export */   xE: () => (/* binding */ formatStamp)
/* harmony export */ });
/* unused harmony exports RUN_ENDS, RECORD_TEXT_MAX */
/**
 * The stamp a run writes on its record, and how a later run reads it back. A stamp counts only where
 * this action put it: the whole of a check run's `external_id`, or the suffix ` [rollout-guard …]` that
 * ends a commit status description. A stamp quoted anywhere else (a tenant's answer in a reason, another
 * tool's text) is never read, and the writer defuses such quotes before they reach the forge.
 *
 * Record text is outside text (anyone with `statuses: write` writes it; Gitea keeps descriptions as
 * TEXT), so it is cut to `RECORD_TEXT_MAX` before any pattern runs, and every pattern here is anchored
 * and linear in its input.
 */
/**
 * Every end a run can record; see docs/deploy-records.md for what each means to reconcile.
 * - `running`: the run has started and not reported an end (yet, or ever: a killed runner)
 * - `deployed`: every tenant verified
 * - `superseded`: a newer commit took over, the run stepped aside
 * - `cancelled`: the run was cancelled
 * - `canary-failed`: the canary's own build failed verification; the rest of the fleet was not touched
 * - `halted`: more tenants failed verification than `max-failures` allows, later waves not started
 * - `failed-tenants`: every wave ran, and some tenants did not verify
 * - `failed`: the run stopped for anything else (an outage, a misconfiguration, a promotion): no rejection
 */
const RUN_ENDS = ['running', 'deployed', 'superseded', 'cancelled', 'canary-failed', 'halted', 'failed-tenants', 'failed'];
/**
 * The longest record text read at all: this action writes at most 255 characters of description and a
 * stamp far shorter than that, so anything longer is not its record and is never parsed.
 */
const RECORD_TEXT_MAX = 1_024;
/**
 * `rollout-guard <mode> <run>.<attempt> <end>`, then optional `<key> <value>` pairs, the whole string.
 * Readers ignore keys they do not know, so a later version can add a field without older reconciles
 * misreading the record. Anchored at both ends; each pair starts with a space and neither part holds
 * one, so the match is linear.
 */
const STAMP = /^rollout-guard ([a-z]+) (\d{1,20})\.(\d{1,6}) ([a-z-]+)((?: [a-z][a-z-]{0,19} [^\s\]]{1,64})*)$/;
const PART = /^\d{1,4}\/\d{1,4}$/;
const OPEN = '[rollout-guard ';
/** `rollout-guard deploy 4242.1 canary-failed shard 2/4 at 1764921600 clock forge`: short enough for a status description beside the reason. */
function formatStamp(s) {
    const restore = s.restore ? ` restore ${s.restore.outcome}:${s.restore.verified}/${s.restore.due}` : '';
    const at = s.at !== undefined ? ` at ${s.at}${s.clock === 'forge' ? ' clock forge' : ''}` : '';
    return `rollout-guard ${s.mode} ${s.runId}.${s.attempt} ${s.end}${s.part ? ` shard ${s.part}` : ''}${at}${s.verdict ? ` verdict ${s.verdict}` : ''}${restore}`;
}
/**
 * A record's text split into its words and its stamp: the whole text when it is a stamp (a check run's
 * `external_id`), else the ` [stamp]` that ends it (a status description). Nothing else is a stamp.
 */
function splitStamp(text) {
    if (!text || text.length > RECORD_TEXT_MAX)
        return undefined;
    const whole = readStamp(text);
    if (whole)
        return { words: '', stamp: whole };
    if (!text.endsWith(']'))
        return undefined;
    const open = text.lastIndexOf(OPEN);
    if (open < 0 || (open > 0 && text[open - 1] !== ' '))
        return undefined;
    const stamp = readStamp(text.slice(open + 1, -1));
    return stamp && { words: text.slice(0, Math.max(0, open - 1)), stamp };
}
/** The stamp of a record's text (see `splitStamp`), or undefined. */
function parseStamp(text) {
    return splitStamp(text)?.stamp;
}
/**
 * Outside text about to be written into a record (a reason quoting a tenant's answer, a registry's
 * error): any `[rollout-guard` in it becomes `(rollout-guard`, so no quote can ever end a description
 * in a form a reader takes for a stamp.
 */
function defuseStamps(text) {
    return text.replace(/\[(rollout-guard)/gi, '($1');
}
function readStamp(text) {
    const m = STAMP.exec(text);
    if (!m)
        return undefined;
    const end = m[4];
    if (!RUN_ENDS.includes(end))
        return undefined;
    const stamp = { mode: m[1], runId: m[2], attempt: Number(m[3]), end };
    const words = m[5].trim().split(' ').filter(Boolean);
    for (let i = 0; i + 1 < words.length; i += 2) {
        const [key, value] = [words[i], words[i + 1]];
        if (key === 'shard' && PART.test(value))
            stamp.part = value;
        if (key === 'at' && /^\d{1,12}$/.test(value))
            stamp.at = Number(value);
        if (key === 'clock' && value === 'forge')
            stamp.clock = 'forge';
        if (key === 'verdict' && /^[a-z-]{1,40}$/.test(value))
            stamp.verdict = value;
        const restore = key === 'restore' ? /^([a-z-]{1,30}):(\d{1,6})\/(\d{1,6})$/.exec(value) : null;
        if (restore)
            stamp.restore = { outcome: restore[1], verified: Number(restore[2]), due: Number(restore[3]) };
    }
    return stamp;
}
/** The shard of a stamp as numbers, or undefined for a whole-fleet job. */
function partOf(s) {
    if (!s.part)
        return undefined;
    const [index, count] = s.part.split('/').map(Number);
    return { index: index, count: count };
}
/** Orders two runs: a later run beats an earlier one, and a later attempt of one run its earlier ones. */
function compareRuns(a, b) {
    const ra = BigInt(a.runId);
    const rb = BigInt(b.runId);
    if (ra !== rb)
        return ra < rb ? -1 : 1;
    return a.attempt - b.attempt;
}


/***/ }),

/***/ 6670:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   Kb: () => (/* binding */ excerpt),
/* harmony export */   cl: () => (/* binding */ registerSecret)
/* harmony export */ });
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5625);

/**
 * Secrets known to this run. core.setSecret asks the runner to mask them, but only a runner does that;
 * text this action builds from outside answers (an error body that echoes a token, a tenant page) is
 * also redacted here, so a secret cannot reach an output, a summary or a report file either.
 */
const secrets = new Set();
function registerSecret(value) {
    if (!value)
        return;
    _log_js__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(value);
    secrets.add(value);
    // Also the forms it may take in text we write: URL-encoded, and escaped inside a JSON string.
    if (encodeURIComponent(value) !== value)
        secrets.add(encodeURIComponent(value));
    const json = JSON.stringify(value).slice(1, -1);
    if (json !== value)
        secrets.add(json);
}
function redact(text) {
    let out = text;
    // Longest first: a secret that contains another (`Bearer tok` and `tok`) is masked whole.
    for (const s of [...secrets].sort((a, b) => b.length - a.length))
        if (s.length >= 4)
            out = out.split(s).join('***');
    return out;
}
/**
 * The only way to shorten text that came from outside (a response body, a command's output, an
 * input value): secrets are masked on the whole text first, then it is cut. Cutting first would leave
 * the start of a secret that straddles the cut unmatched, and print it. `oneLine` folds whitespace
 * runs into one space (after masking, so a secret that contains a run of spaces still matches).
 */
function excerpt(text, max, opts = {}) {
    let out = redact(text);
    if (opts.oneLine)
        out = out.replace(/\s+/g, ' ').trim();
    return out.length <= max ? out : `${out.slice(0, max)}…`;
}


/***/ }),

/***/ 9310:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kk: () => (/* reexport safe */ _http_internal_address_js__WEBPACK_IMPORTED_MODULE_1__.K),
/* harmony export */   Q: () => (/* binding */ parseImageRef),
/* harmony export */   cW: () => (/* binding */ isLoopbackHost),
/* harmony export */   r_: () => (/* binding */ isValidTag)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _http_internal_address_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(406);

const DOCKER_HUB_API = 'registry-1.docker.io';
const DOCKER_HUB_NAMES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
const LABEL = '(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])';
const DOMAIN = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?$`);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const EXPECTED_IMAGE = 'an image repository without tag or digest, such as `ghcr.io/acme/app`, `registry.example.com:5000/team/app` or `docker.io/library/app`';
/** The OCI distribution tag grammar: up to 128 characters, not starting with `.` or `-`. */
function isValidTag(tag) {
    return TAG.test(tag);
}
function parseImageRef(input, value) {
    const fail = (why) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(input, value, `${EXPECTED_IMAGE} (${why})`);
    };
    if (value === '')
        fail('it is empty');
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value))
        fail('no URL scheme: the registry decides between https and http');
    if (value.includes('@'))
        fail('a digest is not a repository');
    const parts = value.split('/');
    // Docker's rule: the first component names a registry only when it looks like a host.
    const first = parts[0];
    const hasHost = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
    let host = hasHost ? first : 'docker.io';
    const path = hasHost ? parts.slice(1) : parts;
    if (hasHost && !DOMAIN.test(host))
        fail(`\`${host}\` is not a host name with an optional port`);
    const port = /:(\d+)$/.exec(host)?.[1];
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
        fail(`port ${port} is out of range`);
    const last = path.at(-1) ?? '';
    if (last.includes(':'))
        fail('the tag goes in `promote-from` / `promote-tag`, not in `image`');
    for (const component of path) {
        if (!PATH_COMPONENT.test(component))
            fail(`\`${component}\` is not a valid path component (lower-case letters, digits, \`.\`, \`_\`, \`-\`)`);
    }
    host = host.toLowerCase();
    if (DOCKER_HUB_NAMES.has(host)) {
        host = DOCKER_HUB_API;
        if (path.length === 1)
            path.unshift('library');
    }
    const repository = path.join('/');
    if (repository.length + host.length + 1 > 255)
        fail('longer than 255 characters');
    return { host, repository, display: `${host}/${repository}` };
}
/** Loopback names and literals: the only hosts reached over plain HTTP without an explicit switch. */
function isLoopbackHost(hostname) {
    const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    return h === 'localhost' || h.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(h) || h === '::1';
}



/***/ }),

/***/ 8273:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d9: () => (/* binding */ runCounters),
/* harmony export */   kp: () => (/* binding */ countForgeRequest),
/* harmony export */   wu: () => (/* binding */ startCounting)
/* harmony export */ });
/* unused harmony export emptyCounters */
function emptyCounters() {
    return {
        buildinfoPolls: 0,
        httpRetries: 0,
        redeployReissues: 0,
        gateChecks: 0,
        gateReads: 0,
        defers: 0,
        holds: 0,
        rateLimitWaits: 0,
        forgeRequests: {},
        forgeNotModified: 0,
        rateLimitRemaining: { start: null, end: null }
    };
}
let current = emptyCounters();
/** Starts counting for a new run and returns its counters. */
function startCounting() {
    current = emptyCounters();
    return current;
}
/** The counters of the run in progress. */
function runCounters() {
    return current;
}
/** One forge request and what its answer said about the rate limit (from the forge adapters). */
function countForgeRequest(kind, status, remaining) {
    const c = current;
    c.forgeRequests[kind] = (c.forgeRequests[kind] ?? 0) + 1;
    if (status === 304)
        c.forgeNotModified++;
    if (remaining !== undefined) {
        if (c.rateLimitRemaining.start === null)
            c.rateLimitRemaining.start = remaining;
        c.rateLimitRemaining.end = remaining;
    }
}


/***/ }),

/***/ 6412:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FV: () => (/* binding */ escapeMarkdown),
/* harmony export */   G$: () => (/* binding */ cutMarkdown),
/* harmony export */   ph: () => (/* binding */ codeText),
/* harmony export */   wh: () => (/* binding */ plainText)
/* harmony export */ });
/* unused harmony exports MAX_VALUE_CHARS, SCAN_CHARS, cut */
/**
 * Text from outside (a tenant's answer, a control plane's or registry's error body, a branch name,
 * the forge) is never trusted in what we render. Markdown goes to the job summary and the check run;
 * plain text goes to check titles, annotations and commit-status descriptions. Both are flattened to one
 * line and capped, so a 100 KB answer or a newline cannot break a table row or flood a page.
 */
/** Default cap of one escaped value, in characters, before escaping. */
const MAX_VALUE_CHARS = 500;
/** What of a value is read at all: no caller shows more than a few thousand characters of one. */
const SCAN_CHARS = 64 * 1024;
/** C0/C1 controls except tab, and bidirectional overrides that could make a line read differently. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** Cuts to `max` code points (never inside a surrogate pair) with a trailing ellipsis. */
function cut(text, max) {
    if (text.length <= max)
        return text;
    const points = Array.from(text);
    return points.length <= max ? text : `${points.slice(0, Math.max(0, max - 1)).join('')}…`;
}
/** One line of plain text: newlines and runs of whitespace become one space, controls go, length capped. */
function plainText(text, max = MAX_VALUE_CHARS) {
    // Cut before any pattern runs: what is shown is at most `max` characters of it anyway.
    const scanned = text.length > SCAN_CHARS ? text.slice(0, SCAN_CHARS) : text;
    return cut(scanned
        .replace(/[\r\n\t]+/g, ' ')
        .replace(INVISIBLE, '')
        .replace(/ {2,}/g, ' ')
        .trim(), max);
}
/**
 * Safe inside Markdown, inline HTML and a table cell: HTML special characters become entities, Markdown
 * punctuation is backslash-escaped (so no emphasis, link, image, heading, mention or code span can
 * start), `|` cannot split a cell, and the value stays on one line. Cut before escaping, so an entity
 * or escape is never cut in half. Callers never put a value at the start of a line (where `-`, `1.` or
 * `===` would mean something), so those are left as they are.
 *
 * GFM also turns bare `www.host`, `https://host` and `user@host` into links (extended autolinks), which
 * would let a tenant's text put a clickable link on our page. The escaped `:` already breaks a scheme;
 * `www\.` breaks the www form. An email is matched on the merged text after escapes are gone, so only
 * markup stops it: an empty HTML comment after the `@`, which GitHub drops when it renders.
 */
function escapeMarkdown(text, max = MAX_VALUE_CHARS) {
    return plainText(text, max)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([\\`*_{}[\]()#+!|~@:])/g, '\\$1')
        .replace(/(www)\./gi, '$1\\.')
        .replace(/@/g, '@<!-- -->');
}
/** A value shown as code (branch, tag, digest, path), escaped like any other text. */
function codeText(text, max = MAX_VALUE_CHARS) {
    return `<code>${escapeMarkdown(text, max)}</code>`;
}
/**
 * Keeps `text` within `limit` (as measured) by cutting whole lines from the end and appending `note`.
 * Cutting at a line keeps every table row, entity and escape intact.
 */
function cutMarkdown(text, limit, note, measure = (s) => s.length) {
    const total = measure(text);
    if (total <= limit)
        return text;
    const lines = text.split('\n');
    let lo = 0;
    let hi = lines.length;
    // The longest prefix of whole lines that still leaves room for the note.
    while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        const candidate = `${lines.slice(0, mid).join('\n')}\n\n${note(mid, lines.length)}\n`;
        if (measure(candidate) <= limit)
            lo = mid;
        else
            hi = mid - 1;
    }
    return `${lines.slice(0, lo).join('\n')}\n\n${note(lo, lines.length)}\n`;
}


/***/ }),

/***/ 7999:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QO: () => (/* binding */ byFailingFirst),
/* harmony export */   dJ: () => (/* binding */ failuresOf)
/* harmony export */ });
/* unused harmony export tenantFailure */
/* harmony import */ var _clock_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9373);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6670);
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8765);



const short = (sha) => (sha ? sha.slice(0, 7) : 'none');
/** `tenant acme is stale: actual=7a72516 expected=7f25373 after 240s, 13 polls` (+ the last error). */
function tenantFailure(t, target, budgetSeconds) {
    const title = `Tenant ${t.tenant}: ${t.verdict}`;
    if (t.verdict === 'redeploy-failed')
        return { tenant: t.tenant, title, message: `tenant ${t.tenant} redeploy failed: ${(0,_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .excerpt */ .Kb)(t.redeployError ?? 'no reason given', 300)}` };
    if (t.verdict === 'analysis-failed')
        return { tenant: t.tenant, title, message: `tenant ${t.tenant} serves ${short(t.sha)} but did not pass its analysis: ${(0,_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .excerpt */ .Kb)(t.lastError ?? 'no reason given', 300)}` };
    const waited = t.cancelled || budgetSeconds === null ? (t.elapsedSeconds ?? 0) : budgetSeconds;
    const after = `${(0,_clock_js__WEBPACK_IMPORTED_MODULE_0__/* .formatSeconds */ .Xo)(waited * 1000)}${t.cancelled ? ' (cancelled)' : ''}`;
    const base = `tenant ${t.tenant} is ${t.verdict}: actual=${short(t.sha)} expected=${short(target)} after ${after}, ${t.polls} poll${t.polls === 1 ? '' : 's'}`;
    return { tenant: t.tenant, title, message: t.lastError ? `${base}; last error: ${(0,_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .excerpt */ .Kb)(t.lastError, 300)}` : base };
}
/** Lower ranks first: the failures a reader must act on, then tenants never started, then the good ones. */
const RANK = { 'redeploy-failed': 0, 'analysis-failed': 1, stale: 2, unreachable: 3, invalid: 4, 'not-started': 5, ahead: 6, 'on-target': 7 };
/** Failing tenants first, by kind of failure, then by name. */
function byFailingFirst(a, b) {
    return RANK[a.verdict] - RANK[b.verdict] || a.tenant.localeCompare(b.tenant);
}
/** Tenants that failed on their own; those cut short by a cancel are summed up by the caller instead. */
function failuresOf(report) {
    return report.tenants
        .filter((t) => (0,_model_js__WEBPACK_IMPORTED_MODULE_2__/* .isFailing */ .DI)(t) && !t.cancelled)
        .sort(byFailingFirst)
        .map((t) => tenantFailure(t, report.target.sha, report.verification?.budgetSeconds ?? null));
}


/***/ }),

/***/ 8765:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FK: () => (/* binding */ buildReport),
  DI: () => (/* binding */ isFailing),
  W_: () => (/* binding */ tenantFromRecord),
  YO: () => (/* binding */ tenantFromVerdict),
  iI: () => (/* binding */ verificationOutputs)
});

// UNUSED EXPORTS: REPORT_SCHEMA, REPORT_SCHEMA_VERSION, conclusionOf

// EXTERNAL MODULE: ./src/analysis/verdict.ts
var verdict = __webpack_require__(7319);
// EXTERNAL MODULE: ./src/debug.ts
var debug = __webpack_require__(2668);
// EXTERNAL MODULE: ./src/record/end.ts
var end = __webpack_require__(8164);
;// CONCATENATED MODULE: ./src/report/analysis.ts
function analysisOf(a, s) {
    const t = s?.thresholds;
    return {
        step: a.step ?? 'canary',
        kind: a.kind,
        source: a.source,
        passed: a.passed,
        stoppedEarly: a.stoppedEarly ?? null,
        intervalSeconds: a.intervalMs / 1000,
        thresholds: {
            max: t?.max ?? null,
            maxRatio: t?.maxRatio ?? null,
            baselineFloor: t?.maxRatio !== undefined ? t.floor : null,
            consecutive: s?.consecutive ?? 0,
            inconclusiveLimit: s?.inconclusiveLimit ?? 0
        },
        absoluteOnly: a.absoluteOnly ?? null,
        baseline: a.baseline.map((tenant) => ({ tenant })),
        tenants: a.tenants.map((x) => ({
            tenant: x.tenant,
            verdict: x.verdict,
            why: x.why ?? null,
            samples: x.samples.map((p) => ({
                atSeconds: Math.round(p.atMs) / 1000,
                value: p.value ?? null,
                baselineMedian: p.baseline.median ?? null,
                baselineReadable: p.baseline.readable,
                baselineAsked: p.baseline.asked,
                limit: p.limit ?? null,
                verdict: p.verdict,
                why: p.why ?? null
            }))
        }))
    };
}

// EXTERNAL MODULE: ./src/report/counters.ts
var counters = __webpack_require__(8273);
// EXTERNAL MODULE: ./src/settings/promote.ts
var promote = __webpack_require__(7997);
// EXTERNAL MODULE: ./src/verify/types.ts
var types = __webpack_require__(4956);
;// CONCATENATED MODULE: ./src/report/model.ts







/**
 * The JSON report (`report-path` output): one versioned schema for every mode, documented field by
 * field in src/report/schema.ts. Within a schemaVersion fields are only ever added; a rename, a removal
 * or a change of meaning bumps it.
 */
const REPORT_SCHEMA = 'rollout-guard/report';
const REPORT_SCHEMA_VERSION = 1;
const sec = (ms) => (ms === undefined ? null : Math.round(ms) / 1000);
function tenantFromVerdict(v, extra = {}) {
    return {
        tenant: v.tenant,
        step: null,
        action: null,
        before: null,
        verdict: v.verdict,
        ok: (0,types/* isOk */.H)(v.verdict),
        sha: v.sha ?? null,
        polls: v.polls,
        settleSeconds: sec(v.settleMs),
        elapsedSeconds: sec(v.elapsedMs),
        cancelled: v.cancelled === true,
        lastError: v.lastError ?? null,
        redeployError: null,
        reissues: 0,
        // By position: every query value masked, whatever its name (a credential may sit under any).
        url: v.url ? (0,debug/* loggableUrl */.Fb)(v.url) : null,
        ...extra
    };
}
function tenantFromRecord(r) {
    const judged = r.verdict ? tenantFromVerdict(r.verdict) : notJudged(r.tenant);
    // A tenant left alone because its ancestry is unknown failed its redeploy step: the error line says why.
    const failedRedeploy = r.action === 'redeploy-failed' || r.action === 'skipped-unknown';
    // A canary or wave tenant that serves the commit but failed its analysis is not OK: the note says why (analysis.ts).
    const badHealth = !failedRedeploy && (0,verdict/* failedAnalysis */.A)(r.analysis);
    return {
        ...judged,
        step: r.step || null,
        action: r.action,
        before: r.before ?? null,
        verdict: failedRedeploy ? 'redeploy-failed' : badHealth ? 'analysis-failed' : judged.verdict,
        ok: judged.ok && !failedRedeploy && !badHealth,
        ...(badHealth ? { lastError: `analysis ${r.analysis.verdict}${r.analysis.why ? `: ${r.analysis.why}` : ''}` } : {}),
        redeployError: r.redeployError ?? null,
        reissues: r.reissues
    };
}
function notJudged(tenant) {
    return {
        tenant,
        step: null,
        action: null,
        before: null,
        verdict: 'not-started',
        ok: false,
        sha: null,
        polls: 0,
        settleSeconds: null,
        elapsedSeconds: null,
        cancelled: false,
        lastError: null,
        redeployError: null,
        reissues: 0,
        url: null
    };
}
/** Failing: judged and not OK (a tenant never started is listed, but is not a failure of its own). */
function isFailing(t) {
    return !t.ok && t.verdict !== 'not-started';
}
/** The `verified`, `stale` and `ahead` outputs, the same for every mode that verifies tenants. */
function verificationOutputs(rows) {
    return {
        verified: String(rows.filter((t) => t.ok).length),
        stale: JSON.stringify(rows.filter(isFailing).map((t) => ({ tenant: t.tenant, verdict: t.verdict, sha: t.sha, polls: t.polls, lastError: t.redeployError ?? t.lastError }))),
        ahead: JSON.stringify(rows.filter((t) => t.verdict === 'ahead').map((t) => ({ tenant: t.tenant, sha: t.sha })))
    };
}
/** Neutral: the run stepped aside (superseded), or reconcile deferred to a live deploy or was held. */
function conclusionOf(result, failed) {
    if (failed)
        return 'failure';
    return ['skipped-superseded', 'deferred', 'held'].includes(result) ? 'neutral' : 'success';
}
function buildReport(settings, outcome, record, finishedAt, counted = (0,counters/* runCounters */.d9)()) {
    const s = settings;
    const counts = { total: record.tenants.length, ok: 0, failed: 0 };
    for (const t of record.tenants) {
        counts[t.verdict] = (counts[t.verdict] ?? 0) + 1;
        if (t.ok)
            counts.ok += 1;
        else if (isFailing(t))
            counts.failed += 1;
    }
    const g = record.gate;
    const sha = record.targetSha ?? s.target.sha;
    const report = {
        schema: REPORT_SCHEMA,
        schemaVersion: REPORT_SCHEMA_VERSION,
        mode: s.mode,
        result: outcome.result,
        conclusion: conclusionOf(outcome.result, outcome.failure !== undefined),
        reason: record.reason,
        repository: `${s.forge.owner}/${s.forge.repo}`,
        forge: s.forge.kind,
        run: { id: s.run.runId ?? null, url: s.run.runUrl ?? null, workflow: s.run.workflow ?? null, job: s.run.job ?? null, actor: s.run.actor ?? null, event: s.run.event ?? null },
        target: { sha, branch: s.target.branch, environment: s.target.environment, tag: record.tag ?? null },
        head: record.head ?? g?.headSha ?? null,
        decision: g ? { superseded: g.superseded, forced: g.superseded && s.gate.force, basis: g.basis, reason: g.reason } : null,
        startedAt: record.startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        durationSeconds: Math.max(0, finishedAt.getTime() - record.startedAt.getTime()) / 1000,
        phases: record.phases.map((p) => ({ name: p.name, startedAt: p.startedAt, endedAt: p.endedAt, durationSeconds: p.durationMs / 1000, outcome: p.outcome, detail: p.detail ?? null })),
        counts,
        tenants: record.tenants,
        verification: s.verify
            ? {
                buildinfoUrl: s.verify.buildinfoUrl,
                buildinfoField: s.verify.buildinfoField,
                budgetSeconds: sec(s.verify.budgetMs),
                intervalSeconds: sec(s.verify.intervalMs),
                requestTimeoutSeconds: sec(s.verify.requestTimeoutMs)
            }
            : null,
        promotion: record.promotion ? promotionOf(settings, sha, record.promotion) : null,
        deployState: record.deployState ? deployStateOf(record.deployState) : null,
        counters: { ...counted, redeployReissues: record.tenants.reduce((n, t) => n + t.reissues, 0) },
        shard: record.shard ?? null,
        restore: record.restore ? restoreOf(record.restore) : null,
        analysis: record.analysis ? analysisOf(record.analysis, s.analysis) : null,
        waveAnalysis: (record.waveAnalysis ?? []).map((w) => analysisOf(w, s.analysis)),
        stop: record.stop ?? null,
        recordEnd: 'failed'
    };
    report.recordEnd = (0,end/* recordEnd */.$f)(report);
    return report;
}
function restoreOf(r) {
    return {
        outcome: r.outcome,
        reason: r.reason,
        tenants: r.tenants.map((t) => ({
            tenant: t.tenant,
            action: t.action,
            to: t.to ?? null,
            verified: t.action === 'restored' && t.verdict?.verdict === 'on-target',
            verdict: t.verdict?.verdict ?? null,
            sha: t.verdict?.sha ?? null,
            polls: t.verdict?.polls ?? 0,
            settleSeconds: sec(t.verdict?.settleMs),
            detail: t.detail ?? t.verdict?.lastError ?? null
        }))
    };
}
function deployStateOf(d) {
    const r = d.record;
    return { action: d.action, end: d.end ?? null, run: r ? `${r.stamp.runId}.${r.stamp.attempt}` : null, since: r?.since?.toISOString() ?? null, url: r?.url ?? null, reason: d.reason };
}
function promotionOf(settings, sha, p) {
    let tags;
    try {
        tags = settings.promote ? (0,promote/* renderTags */.Ep)(settings.promote, sha, settings.target.environment) : undefined;
    }
    catch {
        tags = undefined;
    }
    return {
        outcome: p.outcome,
        promoted: p.promoted,
        image: settings.promote?.image?.display ?? null,
        from: tags?.from ?? null,
        tag: tags?.tag ?? null,
        digest: p.digest ?? null,
        previousDigest: p.previousDigest ?? null,
        previousRevision: p.previousRevision ?? null,
        forced: p.forced === true,
        reason: p.reason
    };
}


/***/ }),

/***/ 7751:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Eg: () => (/* binding */ createDeploymentTracker),
/* harmony export */   sz: () => (/* binding */ NO_DEPLOYMENT)
/* harmony export */ });
/* unused harmony exports DEPLOYMENT_DESCRIPTION_MAX, ForgeDeploymentTracker, deploymentState, describeDeployment */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6412);
/* harmony import */ var _problems_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1796);



/** GitHub refuses a deployment status description over 140 characters (REST docs, "Create a deployment status"). */
const DEPLOYMENT_DESCRIPTION_MAX = 140;
const NO_DEPLOYMENT = {
    start: async () => undefined,
    finish: async () => undefined
};
const UNAFFECTED = 'The deploy itself is not affected; the result is in the job summary, the check and the JSON report.';
/** The tracker the settings ask for: none unless `deployment: true` on a forge with a Deployments API. */
function createDeploymentTracker(settings, forge, log, superseded) {
    if (!settings.deployment || !forge?.deployments)
        return NO_DEPLOYMENT;
    const { shard, run } = settings;
    const key = run.runId && `${run.runId}.${run.attempt}`;
    return new ForgeDeploymentTracker(forge.deployments, {
        environment: settings.target.environment,
        runUrl: settings.run.runUrl,
        environmentUrl: settings.deployment.environmentUrl,
        superseded,
        shard: shard && key ? { key, index: shard.index, count: shard.count } : undefined
    }, log);
}
class ForgeDeploymentTracker {
    deployments;
    o;
    log;
    id;
    started;
    /** The gate could not be read before the success: it deactivates nothing then. */
    unsure = false;
    constructor(deployments, o, log) {
        this.deployments = deployments;
        this.o = o;
        this.log = log;
    }
    start(sha) {
        this.started ??= this.begin(sha);
        return this.started;
    }
    async finish(report, errored) {
        await this.started;
        if (this.id === undefined)
            return;
        let state = deploymentState(report.result, errored);
        if (state === 'success' && (await this.supersededNow()))
            state = 'inactive';
        const description = describeDeployment(report, state);
        if (!this.o.shard)
            return this.set(state, description);
        // Shards: each posts its end with its part; the deployment's own state is the last shard's to give.
        const part = `${this.o.shard.index}/${this.o.shard.count}`;
        const ends = await this.shardEnds();
        if (ends === undefined)
            return this.set(state, description);
        if (state !== 'success')
            return this.set(state, (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .plainText */ .wh)(`Shard ${part}: ${description}`, DEPLOYMENT_DESCRIPTION_MAX));
        if ([...ends.values()].some((s) => s !== 'success'))
            return;
        ends.set(part, 'success');
        // The description is the whole deployment's: every shard deployed, and what the last one counted.
        const whole = (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .plainText */ .wh)(`Deployed by all ${this.o.shard.count} shards; shard ${part}: ${description.replace(/^Deployed: /, '')}`, DEPLOYMENT_DESCRIPTION_MAX);
        if (ends.size >= this.o.shard.count)
            return this.set('success', whole);
        await this.set('in_progress', (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .plainText */ .wh)(`Shard ${part} deployed; ${this.o.shard.count - ends.size} shard(s) still rolling`, DEPLOYMENT_DESCRIPTION_MAX));
        // Two shards ending together each see the other still rolling: read again, so one of them completes it.
        const after = await this.shardEnds();
        if (after && after.size >= this.o.shard.count && [...after.values()].every((s) => s === 'success'))
            await this.set('success', whole);
    }
    /** Whether a newer commit owns the branch; an unreadable answer is not a yes, and the success then deactivates nothing. */
    async supersededNow() {
        if (!this.o.superseded)
            return false;
        try {
            return await this.o.superseded();
        }
        catch (error) {
            this.log.warning(`Whether a newer commit owns the branch could not be read before the deployment's success (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .g)(error)}).`);
            this.unsure = true;
            return false;
        }
    }
    /** `part → state` of the shards that ended, from the deployment's statuses (undefined when unreadable). */
    async shardEnds() {
        try {
            const statuses = (await this.deployments.statuses?.(this.id)) ?? [];
            const ends = new Map();
            for (const s of statuses) {
                const part = /^Shard (\d+\/\d+)(?: deployed|:)/.exec(s.description)?.[1];
                if (part && !ends.has(part))
                    ends.set(part, s.state === 'in_progress' ? 'success' : s.state);
            }
            return ends;
        }
        catch (error) {
            this.log.warning(deploymentWarning('read back', error));
            return undefined;
        }
    }
    async begin(sha) {
        try {
            this.id = await this.deployments.create(sha, this.o.environment, `Rollout Guard: ${sha.slice(0, 7)} to ${this.o.environment}`, this.o.shard?.key);
            this.log.info(`Deployment ${this.id} of ${sha.slice(0, 7)} to ${this.o.environment} ${this.o.shard ? 'of the run' : 'created'}`);
        }
        catch (error) {
            this.log.warning(deploymentWarning('created', error));
            return;
        }
        // A shard that ended short before this one started keeps its state: nothing may hide it behind `in_progress`.
        if (this.o.shard && [...((await this.shardEnds()) ?? new Map()).values()].some((s) => s !== 'success'))
            return;
        await this.set('in_progress', (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .plainText */ .wh)(`Rolling ${sha.slice(0, 7)} out: canary, then waves`, DEPLOYMENT_DESCRIPTION_MAX));
    }
    async set(state, description) {
        try {
            // auto_inactive only ever acts on a success: earlier successful deployments of the environment go inactive.
            await this.deployments.setStatus(this.id, { state, description, logUrl: this.o.runUrl, environmentUrl: this.o.environmentUrl, autoInactive: state === 'success' ? !this.unsure : undefined });
        }
        catch (error) {
            this.log.warning(deploymentWarning(`given its ${state} status`, error));
        }
    }
}
function deploymentWarning(verb, error) {
    const trouble = (0,_problems_js__WEBPACK_IMPORTED_MODULE_1__/* .troubleOf */ .LH)(error);
    const fix = trouble === 'permission' ? " Add `deployments: write` to the job's `permissions:`, or set `deployment: false`." : '';
    return `The deployment could not be ${verb}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .g)(error)}${trouble === 'transient' ? ' (after retries)' : ''}.${fix} ${UNAFFECTED}`;
}
/** The state a finished run leaves its deployment in. */
function deploymentState(result, errored) {
    if (errored)
        return 'error';
    switch (result) {
        case 'deployed':
            return 'success';
        case 'skipped-superseded':
            return 'inactive';
        case 'failed':
            return 'failure';
        default:
            // Cancelled: the rollout stopped short, neither verified nor rejected.
            return 'error';
    }
}
/**
 * `Deployed: 7f25373 live on 58 of 60 tenants, 2 on a newer commit`, within GitHub's 140 characters. A tenant
 * a failed canary went back from no longer serves the commit, whatever its verdict said before.
 */
function describeDeployment(report, state) {
    const sha = report.target.sha.slice(0, 7);
    const restored = new Set((report.restore?.tenants ?? []).filter((t) => t.action === 'restored').map((t) => t.tenant));
    const serving = report.tenants.filter((t) => t.verdict === 'on-target' && !restored.has(t.tenant)).length;
    const ahead = report.tenants.filter((t) => t.verdict === 'ahead').length;
    const head = {
        success: 'Deployed',
        failure: 'Failed',
        error: report.result === 'cancelled' ? 'Cancelled' : 'Error',
        inactive: 'Superseded',
        in_progress: 'Rolling out'
    };
    const count = `${sha} live on ${serving} of ${report.tenants.length} tenant${report.tenants.length === 1 ? '' : 's'}${ahead ? `, ${ahead} on a newer commit` : ''}`;
    const restore = report.restore && report.restore.outcome !== 'held' ? `; canary restore ${report.restore.outcome}` : '';
    const text = report.tenants.length ? `${head[state]}: ${count}${restore}` : `${head[state]}: ${report.reason}`;
    return (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .plainText */ .wh)(text, DEPLOYMENT_DESCRIPTION_MAX);
}


/***/ }),

/***/ 9506:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PG: () => (/* binding */ REPORT_RETRY_MS),
  Yy: () => (/* binding */ createDeployment),
  A5: () => (/* binding */ createReporter)
});

// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
// EXTERNAL MODULE: ./src/forge/factory.ts + 6 modules
var factory = __webpack_require__(4344);
// EXTERNAL MODULE: ./src/settings/heartbeat.ts
var heartbeat = __webpack_require__(4585);
// EXTERNAL MODULE: ./src/report/publish/deployment.ts
var deployment = __webpack_require__(7751);
// EXTERNAL MODULE: ./src/clock.ts
var src_clock = __webpack_require__(9373);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/forge/forge-clock.ts
var forge_clock = __webpack_require__(3139);
// EXTERNAL MODULE: ./src/record/stamp.ts
var record_stamp = __webpack_require__(6806);
// EXTERNAL MODULE: ./src/record/end.ts
var record_end = __webpack_require__(8164);
// EXTERNAL MODULE: ./src/http/retry.ts
var retry = __webpack_require__(8902);
;// CONCATENATED MODULE: ./src/record/durable.ts

/**
 * A record write that outlives outages and rate limits: tried again with backoff, for a bounded time,
 * on top of the forge client's own short retries. Only a refusal no wait cures (a permission failure,
 * a request the forge will not take) ends it early; an outage or a rate limit is waited out until the
 * budget is spent. Nothing here throws: the caller is told what happened and says it loudly.
 */
/** The `running` record, before the first side effect: long enough for a brief outage, short enough not to stall a deploy. */
const RUNNING_WRITE_MS = 60_000;
/** The end record: at least two minutes, as a rejection lost to an outage would let reconcile roll the commit out. */
const END_WRITE_MS = 180_000;
/** GitHub: a secondary rate limit without Retry-After is waited out for at least a minute (REST docs, "Rate limits"). */
const RATE_LIMIT_PAUSE_MS = 60_000;
const FIRST_PAUSE_MS = 2_000;
const MAX_PAUSE_MS = 30_000;
/** Whether a failed write is worth another try: an outage, or a rate limit (a 403 with a rate limit's signs included). */
function worthRetrying(error) {
    return (0,retry/* isTransient */.dg)(error) || (error instanceof retry/* HttpStatusError */.F9 && error.status === 403 && !(0,retry/* isPermissionFailure */.w$)(error));
}
async function durably(write, o) {
    const deadline = o.clock.now() + o.budgetMs;
    for (let attempt = 1;; attempt++) {
        try {
            return { ok: true, value: await write() };
        }
        catch (error) {
            if (!worthRetrying(error))
                return { ok: false, error, why: (0,retry/* isPermissionFailure */.w$)(error) ? 'permission' : 'refused' };
            const wait = pauseAfter(error, attempt);
            if (o.signal?.aborted || o.clock.now() + wait > deadline)
                return { ok: false, error, why: 'outage' };
            o.onRetry?.(error, wait);
            try {
                await o.clock.sleep(wait, o.signal);
            }
            catch {
                return { ok: false, error, why: 'outage' };
            }
        }
    }
}
/** Backoff doubling from 2 s to 30 s; what the forge asked for when it said; a minute for a sign-less rate limit. */
function pauseAfter(error, attempt) {
    const backoff = Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (attempt - 1));
    if (!(error instanceof retry/* HttpStatusError */.F9))
        return backoff;
    if (error.retryAfterMs !== undefined)
        return Math.max(backoff, error.retryAfterMs);
    return error.status === 403 || error.status === 429 ? Math.max(backoff, RATE_LIMIT_PAUSE_MS) : backoff;
}
/** Attempts `durably` makes within `budgetMs` when every failure is an outage (no Retry-After). */
function attemptsWithin(budgetMs) {
    let attempts = 1;
    for (let spent = 0; spent + pauseAfter(undefined, attempts) <= budgetMs; attempts++)
        spent += pauseAfter(undefined, attempts);
    return attempts;
}

// EXTERNAL MODULE: ./src/forge/lost-answers.ts
var lost_answers = __webpack_require__(3267);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(6412);
// EXTERNAL MODULE: ./src/report/publish/problems.ts
var problems = __webpack_require__(1796);
;// CONCATENATED MODULE: ./src/report/publish/check-end.ts


/** GitHub's limits for one check run request: `output.summary` and `text` in UTF-8 bytes, not characters. */
const CHECK_SUMMARY_MAX = 65_535;
const ANNOTATIONS_PER_REQUEST = 50;
/** Beyond this many failing tenants the table in the summary says it all; each batch resends the summary. */
const MAX_ANNOTATIONS = 500;
/**
 * Completes the check run (creating it when the start never could) with the summary, then sends the
 * annotations in batches. Returns the check's id. Throws what the completion itself met, for the caller
 * to try again or fall back; a lost annotation batch is only a warning.
 */
async function completeCheck(forge, c, end) {
    const { report } = end;
    const checks = forge.checks;
    const title = (0,report_escape/* plainText */.wh)(report.conclusion === 'neutral' ? report.reason : `${report.result}: ${report.reason}`, 255);
    const summary = (0,report_escape/* cutMarkdown */.G$)(end.markdown, CHECK_SUMMARY_MAX, (kept, total) => `_Summary cut to ${kept} of ${total} lines: GitHub keeps at most ${CHECK_SUMMARY_MAX.toLocaleString('en')} bytes in a check. The whole summary is on the run page, and every tenant is in the JSON report._`, (s) => Buffer.byteLength(s));
    const annotations = end.failures
        .slice(0, MAX_ANNOTATIONS)
        .map((f) => ({ path: c.annotationPath, level: 'failure', title: (0,report_escape/* plainText */.wh)(f.title, 255), message: (0,report_escape/* plainText */.wh)(f.message, 4000) }));
    const batches = [];
    for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST)
        batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
    const first = { status: 'completed', conclusion: report.conclusion, title, summary, annotations: batches[0], detailsUrl: c.runUrl, externalId: c.externalId };
    let id = c.checkId;
    try {
        if (id === undefined)
            id = await checks.create(c.sha, c.name, first);
        else
            await checks.update(id, first);
    }
    catch (error) {
        // A check left in progress blocks merges where it is required: whatever the refusal (422 for its
        // size, a body the forge will not take), complete it with a short text. Permissions and outages
        // are the caller's to handle (a status, or another try).
        if ((0,problems/* troubleOf */.LH)(error) !== 'refused')
            throw error;
        c.warn(`${(0,problems/* checkWarning */.nX)(c.name, error, 'completed with the full summary', false)} It is completed with a short summary instead.`);
        const short = { status: 'completed', conclusion: report.conclusion, title, summary: shortSummary(end), detailsUrl: c.runUrl, externalId: c.externalId };
        if (id === undefined)
            id = await checks.create(c.sha, c.name, short);
        else
            await checks.update(id, short);
        return id;
    }
    for (let i = 1; i < batches.length; i++) {
        try {
            await checks.update(id, { title, summary, annotations: batches[i] });
        }
        catch (error) {
            const unsent = annotations.length - i * ANNOTATIONS_PER_REQUEST;
            c.warn(`${(0,problems/* checkWarning */.nX)(c.name, error, 'given its annotations', false)} ${unsent} annotation(s) were not sent.`);
            return id;
        }
    }
    if (end.failures.length > MAX_ANNOTATIONS)
        c.info(`${end.failures.length - MAX_ANNOTATIONS} failing tenant(s) beyond the first ${MAX_ANNOTATIONS} have no annotation; the summary lists them.`);
    return id;
}
/** A few hundred bytes at most: the outcome, the reason, and where the rest is. */
function shortSummary(end) {
    const r = end.report;
    const link = r.run.url && /^https?:\/\/[^\s<>()]+$/.test(r.run.url) ? ` on the [run page](${r.run.url})` : ' on the run page';
    return `**${(0,report_escape/* escapeMarkdown */.FV)(r.result, 100)}**: ${(0,report_escape/* escapeMarkdown */.FV)(r.reason, 300)}\n\nThe full summary could not be attached to this check; it is${link}, and every tenant is in the JSON report.`;
}

;// CONCATENATED MODULE: ./src/report/publish/end-words.ts
/** The words of a final commit status: its state and its description, from the run's report. */
function statusState(c) {
    // Commit statuses have no neutral: a superseded job succeeded at stepping aside, and says so.
    return c === 'failure' ? 'failure' : 'success';
}
function statusDescription(end) {
    const r = end.report;
    // Reconcile's other neutral ends (deferred, held) say what they are in their own reason.
    return r.result === 'skipped-superseded' ? `Superseded: ${r.reason}` : r.reason;
}

;// CONCATENATED MODULE: ./src/report/publish/reporter-options.ts
/** Commit-status description limits: GitHub refuses more than 140 characters; Gitea keeps 255. */
const STATUS_DESCRIPTION_MAX = { github: 140, gitea: 255 };

;// CONCATENATED MODULE: ./src/record/attempts.ts

/**
 * What a reporter reads back of its own record before writing: the record under its name is the only
 * one it ever looks at (where a record is, not what it says, makes it ours).
 */
/**
 * A deploy's status write does not cover a newer run's or attempt's record: the combined status keeps the
 * latest status per context, so a late write of an older attempt (its end after a re-run began, a late
 * heartbeat) would stand in its place. This read and the write are two requests, so a newer status can
 * still land between them; the reader ranks a context's statuses by their stamps for that (read.ts,
 * `newestOfEachName`). The newer stamp when there is one; an unreadable answer writes anyway.
 */
async function newerAttempt(forge, name, sha, mine) {
    if (!forge.latestStatuses)
        return undefined;
    try {
        const latest = (await forge.latestStatuses(sha)).find((s) => s.context === name);
        const stamp = (0,record_stamp/* parseStamp */.Pu)(latest?.description);
        return stamp && stamp.mode === mine.mode && (0,record_stamp/* compareRuns */.qB)(stamp, mine) > 0 ? stamp : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * Reconcile: true when the latest record under this name already says this verdict and end (nothing is
 * written). A `held` run leaves a standing rejection of reconcile's own (its canary failed) as it is: the
 * rejection is what holds, and overwriting it would lift the hold on the next run.
 */
async function verdictUnchanged(forge, channel, name, sha, verdict, end, log) {
    try {
        let stamp;
        if (channel === 'check')
            stamp = (0,record_stamp/* parseStamp */.Pu)((await forge.checks.latestByName(sha, name))[0]?.externalId);
        else
            stamp = (0,record_stamp/* parseStamp */.Pu)((await forge.latestStatuses?.(sha))?.find((s) => s.context === name)?.description);
        if (stamp && verdict === 'held' && stamp.end === 'canary-failed') {
            log.info(`The record '${name}' on ${sha.slice(0, 7)} holds it already (run ${stamp.runId}.${stamp.attempt}, canary-failed); not written again.`);
            return true;
        }
        if (stamp?.verdict !== verdict || stamp.end !== end)
            return false;
        log.info(`The record '${name}' on ${sha.slice(0, 7)} already says ${verdict} (run ${stamp.runId}.${stamp.attempt}); not written again.`);
        return true;
    }
    catch (error) {
        log.info(`The record '${name}' could not be read back (${String(error)}); writing it.`);
        return false;
    }
}

;// CONCATENATED MODULE: ./src/report/publish/forge-reporter.ts















/** How many writes of the `running` record a deploy makes at least before going ahead unrecorded (outages; a rate limit waits longer between them). */
const RUNNING_WRITE_ATTEMPTS = attemptsWithin(RUNNING_WRITE_MS);

/**
 * Reports over the forge API: a check run created `in_progress` and completed at the end, or a
 * `pending` commit status replaced at the end. A check refused for permissions falls back to a status;
 * a status refused for permissions stops reporting, with a warning. An outage or a rate limit never
 * stops it: a deploy's records are tried again with backoff for a bounded time (the end for minutes),
 * and one that still could not be written is said by `finish`. Nothing here ever throws.
 */
class ForgeReporter {
    forge;
    o;
    log;
    clock;
    endForge;
    channel;
    checkId;
    sha;
    started;
    /** Stops the heartbeat when the run ends. */
    beating = new AbortController();
    heartbeat;
    /** A shard job's `running` status, beside its check run, was tried (written, or refused for good). */
    announced = false;
    /** ... and written. */
    announcedOk = false;
    /**
     * The `running` check run's create, when it may have been applied with its answer lost: the next create
     * (a later try, a heartbeat, the end) looks for it by its `externalId` before sending another, so a lost
     * answer never leaves a second run, or the first one `in_progress` for good.
     */
    createSent;
    constructor(forge, o, log, clock = src_clock/* systemClock */.ml, 
    /**
     * The client the end is written with: one whose requests stop at the grace after a cancel, where the
     * `running` writes' client stops at the cancel itself. The same client when not given.
     */
    endForge = forge) {
        this.forge = forge;
        this.o = o;
        this.log = log;
        this.clock = clock;
        this.endForge = endForge;
        this.channel = o.channel === 'check' && forge.checks ? 'check' : 'status';
    }
    start(sha) {
        if (!this.started) {
            this.sha = sha;
            this.started = this.o.onChangeOnly ? Promise.resolve('off') : this.writeRunning(sha, this.o.heartbeatMs ? RUNNING_WRITE_MS : 0);
            if (this.o.heartbeatMs && !this.o.onChangeOnly) {
                const every = this.o.heartbeatMs;
                this.heartbeat = this.started.then(() => this.beat(sha, every));
            }
        }
        return this.started;
    }
    stop() {
        this.beating.abort();
    }
    async finish(end) {
        try {
            await this.started;
            this.beating.abort();
            await this.heartbeat;
            const sha = this.sha ?? end.report.target.sha;
            const forge = this.endForge;
            if (this.o.onChangeOnly && (await verdictUnchanged(forge, this.channel, this.o.name, sha, end.report.result, (0,record_end/* endOfRun */.q_)(end.report), this.log)))
                return { written: true };
            // A cancelled run writes its end on the grace after the cancel (the signal below bounds it), not the run's signal.
            const deadline = this.clock.now() + (this.o.heartbeatMs ? END_WRITE_MS : 0);
            const left = () => Math.max(0, deadline - this.clock.now());
            const report = end.report;
            const final = () => this.setStatus(sha, statusState(report.conclusion), statusDescription(end), (0,record_end/* endOfRun */.q_)(report), report.result, (0,record_end/* restoreOfRun */.j$)(report), forge);
            let checked;
            if (this.channel === 'check') {
                const c = { sha, name: this.o.name, runUrl: this.o.runUrl, annotationPath: this.o.annotationPath, warn: (m) => this.log.warning(m), info: (m) => this.log.info(m) };
                const externalId = this.stamp((0,record_end/* endOfRun */.q_)(report), report.result, (0,record_end/* restoreOfRun */.j$)(report));
                const complete = async () => {
                    await this.recoverCreate(sha, forge);
                    return completeCheck(forge, { ...c, checkId: this.checkId, externalId }, end);
                };
                checked = await this.durable(complete, left(), 'completed', this.o.cancel?.grace);
                if (checked.ok)
                    this.checkId = checked.value;
                else
                    this.checkFailed(checked.error, false);
                // A deploy's end also goes to a commit status of the same name, whether the check took it or not:
                // GitHub lists check runs of the newest 1,000 check suites only, while the combined status keeps
                // the latest status of each context for good. So a hold outlives any number of later runs. A
                // reconcile's end goes there too: its own canary's rejection holds the next reconcile, which reads
                // it from the statuses, and a later end of it (a lift) must replace it there.
                if (!this.o.heartbeatMs && !this.o.onChangeOnly && this.channel === 'check')
                    return { written: checked.ok };
            }
            if (this.channel === 'off')
                return { written: false, reason: checked && !checked.ok ? this.unwritten(checked) : this.unwritten() };
            const status = await this.durable(final, left(), 'set', this.o.cancel?.grace);
            if (!status.ok)
                this.log.warning((0,problems/* statusWarning */.hU)(this.forge.kind, this.o.name, status.error));
            const written = status.ok || checked?.ok === true;
            return { written, reason: written ? undefined : this.unwritten(status) };
        }
        catch (error) {
            this.log.warning(`Reporting the result failed: ${String(error)}`);
            return { written: false, reason: `reporting the result failed (${(0,errors/* errorMessage */.g)(error)})` };
        }
    }
    /** The `running` record, tried again through outages and rate limits for `budgetMs`. */
    async writeRunning(sha, budgetMs) {
        // Its waits stop at the cancel: a cancelled run goes straight to its end record.
        const r = await this.durable(() => this.putRunning(sha), budgetMs, 'written', this.o.cancel?.signal);
        if (r.ok)
            return 'recorded';
        // A write the cancel stopped says nothing about the forge: the end is still written.
        if (r.why === 'outage' || this.o.cancel?.signal.aborted) {
            this.log.info(`The ${this.channel === 'check' ? 'check run' : 'commit status'} '${this.o.name}' could not be written (${(0,errors/* errorMessage */.g)(r.error)}); trying again at the next heartbeat or when the run ends.`);
        }
        else {
            // Refused for good (permissions, a token the forge does not take): said once, then reporting stops.
            if (!(r.error instanceof ReportingOff))
                this.log.warning((0,problems/* statusWarning */.hU)(this.forge.kind, this.o.name, r.error));
            this.channel = 'off';
        }
        return 'unrecorded';
    }
    /** One write of the `running` record (created, or refreshed as a heartbeat). */
    async putRunning(sha) {
        const title = `Running: ${this.o.mode}, ${this.o.environment}`;
        // A shard job's check run is found only once reconcile knows the deploy has shards; its `running`
        // status is in the statuses every reader reads, after the check runs. So the status goes first, and
        // the job acts only once it is there: the deploy is visible from its first record, whichever job
        // writes first and in whatever order the shards start.
        const announcing = this.channel === 'check' && Boolean(this.o.part && this.o.heartbeatMs) && !this.announced;
        if (announcing)
            await this.announce(sha, title);
        if (this.channel === 'check') {
            const link = this.o.runUrl ? ` Follow it on the [run page](${this.o.runUrl}).` : '';
            const summary = `Rollout Guard is running ${(0,report_escape/* escapeMarkdown */.FV)(this.o.mode)} for <code>${(0,report_escape/* escapeMarkdown */.FV)(sha.slice(0, 7))}</code> in ${(0,report_escape/* escapeMarkdown */.FV)(this.o.environment)}.${link}`;
            const creating = this.checkId === undefined;
            const update = { status: 'in_progress', title, summary, detailsUrl: this.o.runUrl, externalId: this.stamp('running', undefined, undefined, creating) };
            try {
                if (creating)
                    this.checkId = await this.forge.checks.create(sha, this.o.name, update, { lookFirst: this.createSent !== undefined });
                else
                    await this.forge.checks.update(this.checkId, update);
                this.createSent = undefined;
                return;
            }
            catch (error) {
                // A create that may be on the forge (its answer lost, the adapter's look-up failed too) is looked for
                // before any other is sent; once unsure, it stays so until the look-up answers.
                if (creating && (this.createSent !== undefined || (0,lost_answers/* mayHaveApplied */.PH)(error)))
                    this.createSent = update;
                if (worthRetrying(error) || this.o.cancel?.signal.aborted)
                    throw error;
                if (this.checkFailed(error, this.checkId === undefined) === 'off')
                    throw new ReportingOff();
                // The shard's status just written is this write's record on the status channel it falls back to.
                if (announcing && this.announcedOk)
                    return;
            }
        }
        if (this.channel === 'off')
            throw new ReportingOff();
        await this.setStatus(sha, 'pending', title, 'running');
    }
    /** The `running` check run a lost answer left unknown, found (or, never applied, created) before its end is written. */
    async recoverCreate(sha, forge) {
        if (this.checkId !== undefined || !this.createSent)
            return;
        this.checkId = await forge.checks.create(sha, this.o.name, this.createSent, { lookFirst: true });
        this.createSent = undefined;
    }
    /** The shard's `running` status; an outage is thrown (tried again), a refusal is said once and left. */
    async announce(sha, title) {
        try {
            await this.setStatus(sha, 'pending', title, 'running');
            this.announcedOk = true;
        }
        catch (error) {
            if (worthRetrying(error))
                throw error;
            this.log.warning(`${(0,problems/* statusWarning */.hU)(this.forge.kind, this.o.name, error)} Until shard 1 reports, reconcile may not see this shard job.`);
        }
        this.announced = true;
    }
    /** Refreshes the `running` record every `every` ms until the run ends, on the run's clock. */
    async beat(sha, every) {
        for (;;) {
            try {
                await this.clock.sleep(every, this.beating.signal);
            }
            catch {
                return;
            }
            if (this.channel === 'off')
                return;
            await this.writeRunning(sha, Math.min(every / 2, RUNNING_WRITE_MS)).catch(() => undefined);
        }
    }
    durable(write, budgetMs, verb, signal) {
        const what = this.channel === 'check' ? `The check run '${this.o.name}'` : `The commit status '${this.o.name}'`;
        return durably(write, {
            clock: this.clock,
            budgetMs,
            signal,
            onRetry: (error, waitMs) => this.log.info(`${what} could not be ${verb} (${(0,errors/* errorMessage */.g)(error)}); trying again in ${Math.round(waitMs / 1000)} s.`)
        });
    }
    /**
     * `rollout-guard deploy 4242.1 canary-failed at 1764921600 clock forge`, or nothing outside a workflow run.
     * The heartbeat `at` is the forge's time, as the `Date` of its answers says (forge/forge-clock.ts), so a
     * runner whose own clock is off never makes its record look older or younger than it is. A check run's
     * create carries none (the forge's own `started_at` is its time). Before the forge has answered at all,
     * any other write carries the runner's time, unmarked, which readers never judge liveness on.
     */
    stamp(end, verdict, restore, creatingCheck = false) {
        if (!this.o.run)
            return undefined;
        const forgeNow = (0,forge_clock/* latestForgeTime */._)(this.forge.forgeNow?.(), this.endForge.forgeNow?.());
        // A check run's create carries no `at`: the forge's own `started_at` is its time, and the same stamp on
        // every try of the create is what finds a create whose answer was lost (`createSent`).
        const at = creatingCheck ? {} : forgeNow !== undefined ? { at: Math.floor(forgeNow / 1000), clock: 'forge' } : { at: Math.floor((0,src_clock/* wallNow */.Zt)(this.clock) / 1000) };
        return (0,record_stamp/* formatStamp */.xE)({
            mode: this.o.mode,
            runId: this.o.run.id,
            attempt: this.o.run.attempt,
            end,
            part: this.o.part,
            ...at,
            ...(this.o.onChangeOnly && verdict ? { verdict } : {}),
            ...(restore ? { restore } : {})
        });
    }
    /** Warns; a check refused for permissions falls back to a commit status, any other refusal ends the check. */
    checkFailed(error, creating) {
        const fallback = (0,problems/* troubleOf */.LH)(error) === 'permission';
        this.log.warning((0,problems/* checkWarning */.nX)(this.o.name, error, creating ? 'created' : 'completed', fallback));
        if (fallback)
            this.channel = 'status';
        // A deploy's record matters to reconcile: whatever refused the check, its status is still tried.
        else if (!worthRetrying(error))
            this.channel = this.o.heartbeatMs ? 'status' : 'off';
        return this.channel;
    }
    /** Sets the status; throws what the forge answered (the caller tries again or gives up). */
    async setStatus(sha, state, description, end, verdict, restore, forge = this.forge) {
        // The stamp ends the description, and the reason is cut to leave room for it; a quoted stamp in the
        // reason (a tenant's answer, say) is defused: only our suffix is a stamp.
        const newer = this.o.heartbeatMs && this.o.run ? await newerAttempt(forge, this.o.name, sha, { mode: this.o.mode, runId: this.o.run.id, attempt: this.o.run.attempt }) : undefined;
        if (newer) {
            this.log.info(`The commit status '${this.o.name}' already holds run ${newer.runId} (attempt ${newer.attempt}), newer than this one: not written over it.`);
            return;
        }
        const stamp = this.stamp(end, verdict, restore);
        const suffix = stamp ? ` [${stamp}]` : '';
        const text = `${(0,record_stamp/* defuseStamps */.V1)((0,report_escape/* plainText */.wh)(description, STATUS_DESCRIPTION_MAX[this.forge.kind] - suffix.length))}${suffix}`;
        await forge.createCommitStatus({ sha, state, context: this.o.name, description: text, targetUrl: this.o.runUrl });
    }
    /** A deploy's only: one sentence for the log, the summary and the `reason` output, saying which record is missing and what it means. */
    unwritten(r) {
        if (!this.o.heartbeatMs)
            return undefined;
        const error = r && !r.ok ? ` (${(0,errors/* errorMessage */.g)(r.error)})` : ' (reporting was refused; see the warning above)';
        return `The end record '${this.o.name}' could not be written to ${(this.sha ?? '').slice(0, 7) || 'the commit'}${error}. Reconcile cannot see how this deploy ended: it finds the record \`running\` and treats the commit as not verified until it is presumed dead.`;
    }
}
/** Thrown past the retries when reporting has just been switched off (the warning is already out). */
class ReportingOff extends Error {
    constructor() {
        super('reporting is off');
    }
}

// EXTERNAL MODULE: ./src/report/publish/types.ts
var types = __webpack_require__(6899);
;// CONCATENATED MODULE: ./src/report/publish/factory.ts






/** A reporting call may retry transient errors this long at most: it must not hold up the end of a deploy. */
const REPORT_RETRY_MS = 10_000;
function createReporter(settings, deps) {
    const { report } = settings;
    if (report.kind === 'none')
        return types/* NO_REPORTER */.w;
    // The `running` writes stop at the cancel; the end is written by a client that stops only at the grace.
    const forge = deps.cancel ? reportingForge(settings, deps, deps.cancel.signal) : reportingForge(settings, deps);
    return new ForgeReporter(forge, {
        channel: report.kind,
        name: report.name,
        runUrl: settings.run.runUrl,
        annotationPath: report.annotationPath,
        mode: settings.mode,
        environment: settings.target.environment,
        run: runOf(settings),
        part: settings.shard && `${settings.shard.index}/${settings.shard.count}`,
        heartbeatMs: settings.mode === 'deploy' ? heartbeat/* HEARTBEAT_MS */.m : undefined,
        onChangeOnly: settings.mode === 'reconcile',
        cancel: deps.cancel
    }, { warning: (m) => log/* warning */.$e(m, { title: 'Reporting' }), info: (m) => log/* info */.pq(m) }, deps.clock, deps.cancel ? reportingForge(settings, deps) : forge);
}
/** `deployment: true`: the GitHub deployment of the commit, on the same short retry budget as the check. */
function createDeployment(settings, deps) {
    // `force` deploys an older commit on purpose: what it leaves live is the truth, so the gate is not asked.
    const superseded = settings.gate.force ? undefined : deps.superseded;
    return settings.deployment ? (0,deployment/* createDeploymentTracker */.Eg)(settings, reportingForge(settings, deps), deploymentLog, superseded) : deployment/* NO_DEPLOYMENT */.sz;
}
const deploymentLog = { warning: (m) => log/* warning */.$e(m, { title: 'Deployment' }), info: (m) => log/* info */.pq(m) };
/** The records' forge client, on the short reporting retry budget; its requests stop when `signal` aborts (by default the grace after a cancel). */
function reportingForge(settings, deps, signal = deps.cancel?.grace) {
    const retry = { ...settings.forge.retry, maxTotalMs: Math.min(settings.forge.retry.maxTotalMs, REPORT_RETRY_MS) };
    return deps.forge ?? (0,factory/* createForge */.u)({ ...settings.forge, retry }, { http: deps.http, clock: deps.clock, log: (m) => log/* info */.pq(m), signal, fetch: deps.fetch });
}
/** The run to stamp on the record; none outside a workflow run (no numeric GITHUB_RUN_ID). */
function runOf(settings) {
    const id = settings.run.runId;
    return id && /^\d{1,20}$/.test(id) ? { id, attempt: settings.run.attempt } : undefined;
}


/***/ }),

/***/ 1796:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LH: () => (/* binding */ troubleOf),
/* harmony export */   hU: () => (/* binding */ statusWarning),
/* harmony export */   nX: () => (/* binding */ checkWarning)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _http_client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(177);
/* harmony import */ var _http_retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8902);



function troubleOf(error) {
    if (error instanceof _http_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .HttpStatusError */ .F9) {
        // 401: the forge does not accept the token at all; no permission would help.
        if (error.status === 401)
            return 'token';
        // A 403 is a missing permission only without any sign of a rate limit (a rate limit is transient).
        if ((0,_http_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .isPermissionFailure */ .w$)(error))
            return 'permission';
        return (0,_http_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .isTransient */ .dg)(error) ? 'transient' : 'refused';
    }
    return error instanceof _http_client_js__WEBPACK_IMPORTED_MODULE_1__/* .NetworkError */ .D || error instanceof _http_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .RateLimitError */ .OE ? 'transient' : 'refused';
}
const TOKEN_REFUSED = ' The forge refused the token (HTTP 401): it is empty, expired or revoked; pass a valid one as `token`.';
const UNAFFECTED = 'The deploy itself is not affected; the result is in the job summary and the JSON report.';
function checkWarning(name, error, verb, fallback) {
    const trouble = troubleOf(error);
    const why = `The check run '${name}' could not be ${verb}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .g)(error)}${trouble === 'transient' ? ' (after retries)' : ''}.`;
    const fix = {
        token: TOKEN_REFUSED,
        permission: " The token lacks the `checks: write` permission. Add `checks: write` to the job's `permissions:`.",
        transient: ' The forge was unavailable (an outage or a rate limit, not a setting); nothing to change.',
        refused: " Reporting needs `checks: write` in the job's `permissions:`."
    }[trouble];
    return `${why}${fix}${fallback ? ' The result goes to a commit status instead.' : ''} ${UNAFFECTED}`;
}
function statusWarning(forge, name, error) {
    const trouble = troubleOf(error);
    const why = `The commit status '${name}' could not be set: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .g)(error)}${trouble === 'transient' ? ' (after retries)' : ''}.`;
    const permission = forge === 'gitea'
        ? ' The token needs `statuses: write` (write access to the repository). Gitea 1.26 token scopes have no statuses scope: pass a token with `write:repository` scope as `token`, or set `report: none`.'
        : " The token lacks the `statuses: write` permission. Add `statuses: write` to the job's `permissions:`, or set `report: none`.";
    const fix = trouble === 'token' ? TOKEN_REFUSED : trouble === 'transient' ? ' The forge was unavailable (an outage or a rate limit, not a setting); nothing to change.' : permission;
    return `${why}${fix} ${UNAFFECTED}`;
}


/***/ }),

/***/ 6899:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ NO_REPORTER)
/* harmony export */ });
/** `report: none`, and the default for code that runs a mode without the entry point. */
const NO_REPORTER = {
    start: async () => 'off',
    finish: async () => ({ written: false })
};


/***/ }),

/***/ 5762:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dv: () => (/* binding */ planSteps),
/* harmony export */   Ox: () => (/* binding */ stepSize),
/* harmony export */   aX: () => (/* binding */ parseWaves),
/* harmony export */   i5: () => (/* binding */ checkWaveCounts)
/* harmony export */ });
/* unused harmony export waveEnds */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);

/**
 * Canary first (all canary tenants together), then the rest of the fleet in the order it was given:
 * - without `waves`, in waves of at most `maxParallel`;
 * - with `waves`, each wave ends at its cumulative mark, rounded up (`ceil(p% × fleet)`: 10% of 15 is 2),
 *   the canary counting toward the first. A mark the canary (or the previous mark) already reaches
 *   adds no empty wave; a count beyond the fleet (a shard, or reconcile's behind tenants) means all of it.
 * Pure, so the shape of a rollout is tested alone. `maxParallel` then bounds the redeploys in flight.
 */
function planSteps(fleet, canary, maxParallel, waves = []) {
    const steps = [];
    const inCanary = new Set(canary);
    const rest = fleet.filter((t) => !inCanary.has(t));
    const first = fleet.length - rest.length;
    if (canary.length > 0)
        steps.push({ name: 'canary', kind: 'canary', tenants: [...canary], reach: first });
    const ends = waves.length ? waveEnds(fleet.length, waves) : fixedEnds(fleet.length, first, maxParallel);
    let done = first;
    let wave = 0;
    for (const end of ends) {
        if (end <= done)
            continue;
        steps.push({ name: `wave ${++wave}`, kind: 'wave', tenants: rest.slice(done - first, end - first), reach: end });
        done = end;
    }
    return steps;
}
/** `6 tenants, to 6 of 60 (10%)`: a step's size and how far the rollout has reached once it is done. */
function stepSize(step, total) {
    const pct = total ? Math.round((step.reach * 1000) / total) / 10 : 100;
    return `${step.tenants.length} tenant${step.tenants.length === 1 ? '' : 's'}, to ${step.reach} of ${total} (${pct}%)`;
}
/** Cumulative ends of the `waves` marks on a fleet of `total`, the last always the whole fleet. */
function waveEnds(total, waves) {
    const ends = waves.map((w) => Math.min(total, w.kind === 'count' ? w.value : Math.ceil((w.value * total) / 100)));
    if (ends.at(-1) !== total)
        ends.push(total);
    return ends;
}
function fixedEnds(total, canary, maxParallel) {
    const ends = [];
    for (let end = canary + maxParallel; end < total; end += maxParallel)
        ends.push(end);
    ends.push(total);
    return ends;
}
/**
 * Parses `waves`: marks separated by commas, spaces or newlines, each `N%` (0 < N ≤ 100, decimals
 * allowed) or a whole number of tenants ≥ 1, strictly increasing within each kind and across kinds
 * where both are known (a count after a percentage is checked against the fleet in `checkWaveCounts`).
 * A missing final 100% is added when the waves are planned.
 */
function parseWaves(raw) {
    const expected = 'cumulative steps after the canary, each a percentage of the fleet or a count of tenants, strictly increasing and at most 100% (e.g. `10%, 50%, 100%`)';
    const text = raw.trim();
    if (!text)
        return [];
    const marks = [];
    for (const item of text.split(/[\s,]+/).filter(Boolean)) {
        const pct = /^(\d+(?:\.\d+)?)%$/.exec(item);
        if (pct) {
            const value = Number(pct[1]);
            if (value <= 0 || value > 100)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('waves', raw, `${expected}; ${JSON.stringify(item)} is not above 0% and at most 100%`);
            marks.push({ kind: 'percent', value });
        }
        else if (/^\d+$/.test(item) && Number(item) >= 1) {
            marks.push({ kind: 'count', value: Number(item) });
        }
        else {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('waves', raw, `${expected}; ${JSON.stringify(item)} is neither a percentage nor a whole number of tenants`);
        }
        const [prev, last] = [marks.at(-2), marks.at(-1)];
        if (prev && prev.kind === last.kind && last.value <= prev.value) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('waves', raw, `${expected}; ${JSON.stringify(item)} does not increase on the step before it`);
        }
    }
    return marks;
}
/**
 * With the fleet known (before any redeploy): counts at most the fleet, and each mark beyond the one
 * before it, compared unrounded so that a count and a percentage are weighed in the same terms.
 */
function checkWaveCounts(raw, waves, total) {
    const expected = `cumulative steps, strictly increasing and at most the fleet (${total} tenants), e.g. \`10%, 50%, 100%\``;
    let prev = 0;
    for (const w of waves) {
        const label = w.kind === 'count' ? String(w.value) : `${w.value}%`;
        if (w.kind === 'count' && w.value > total)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('waves', raw, `${expected}; ${label} is more than the fleet`);
        const exact = w.kind === 'count' ? w.value : (w.value * total) / 100;
        if (exact <= prev)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('waves', raw, `${expected}; ${label} does not go beyond the step before it`);
        prev = exact;
    }
}


/***/ }),

/***/ 1880:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MD: () => (/* binding */ OWNERSHIP_MAX_AGE_MS),
/* harmony export */   bC: () => (/* binding */ ownershipMaxAgeMs),
/* harmony export */   dw: () => (/* binding */ parseCommon)
/* harmony export */ });
/* unused harmony exports MODES, FORGE_REQUEST_TIMEOUT_MS, MIN_FORGE_RETRY_MS */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _http_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8902);
/* harmony import */ var _reader_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3890);



/** Capabilities, in the order a release added them; only these are accepted by `mode`. */
const MODES = ['gate', 'verify', 'deploy', 'promote', 'reconcile'];
/**
 * The ownership-evidence bound by default (docs/ownership-evidence.md): a side effect is sent only on a
 * gate answer younger than this, so a job that waited (a hanging pre-flight read, a slow wave) asks again.
 */
const OWNERSHIP_MAX_AGE_MS = 5_000;
/** The bound for a run whose longest single request may take `requestTimeoutMs`: never longer than one. */
function ownershipMaxAgeMs(requestTimeoutMs) {
    return Math.max(1, Math.min(OWNERSHIP_MAX_AGE_MS, requestTimeoutMs));
}
/** One forge request's deadline (each retry gets its own). */
const FORGE_REQUEST_TIMEOUT_MS = 10_000;
/** Under a second the forge cannot be asked twice: one blip would leave the gate without an answer. */
const MIN_FORGE_RETRY_MS = 1000;
const OWNER_REPO = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;
const BRANCH = /^(?!\/|.*(\.\.|\/\/|@\{|\\|\.lock$|\/$))[^\s~^:?*[\p{Cc}]+$/u;
function parseCommon(env, payload) {
    const input = new _reader_js__WEBPACK_IMPORTED_MODULE_2__/* .InputReader */ .i_(env);
    const mode = input.oneOf('mode', MODES, 'deploy');
    const forgeKind = input.oneOf('forge', ['auto', 'github', 'gitea'], 'auto');
    const kind = forgeKind === 'auto' ? (env.GITEA_ACTIONS === 'true' ? 'gitea' : 'github') : forgeKind;
    const serverUrl = (env.GITHUB_SERVER_URL || (kind === 'github' ? 'https://github.com' : '')).replace(/\/+$/, '');
    const defaultApi = env.GITHUB_API_URL || (kind === 'github' ? 'https://api.github.com' : serverUrl ? `${serverUrl}/api/v1` : '');
    const apiRaw = input.string('api-url', defaultApi);
    if (!apiRaw)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('api-url', '', 'the forge API base URL (GITHUB_API_URL is not set either)');
    const apiUrl = (0,_reader_js__WEBPACK_IMPORTED_MODULE_2__/* .parseHttpUrl */ .f$)('api-url', apiRaw).toString().replace(/\/+$/, '');
    const repository = input.string('repository', env.GITHUB_REPOSITORY ?? '');
    const m = OWNER_REPO.exec(repository);
    if (!m)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('repository', repository, '`owner/name` (GITHUB_REPOSITORY when not given)');
    const shaRaw = input.string('sha', env.GITHUB_SHA ?? '');
    const sha = (0,_reader_js__WEBPACK_IMPORTED_MODULE_2__/* .parseSha */ .qL)('sha', shaRaw);
    const branch = input.string('branch', payload?.repository?.default_branch || 'main');
    if (!BRANCH.test(branch))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('branch', branch, 'a git branch name such as `main`');
    const environment = input.string('environment', 'production');
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(environment)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('environment', environment, 'a label of letters, digits, `.`, `_` or `-` (at most 64)');
    }
    const runId = env.GITHUB_RUN_ID || undefined;
    return {
        mode,
        forge: {
            kind,
            apiUrl,
            token: input.string('token'),
            owner: m[1],
            repo: m[2],
            serverUrl,
            retry: { ..._http_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_RETRY */ .vI, maxTotalMs: input.seconds('forge-retry-seconds', _http_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_RETRY */ .vI.maxTotalMs / 1000, { minMs: MIN_FORGE_RETRY_MS }) },
            requestTimeoutMs: FORGE_REQUEST_TIMEOUT_MS
        },
        target: { sha, branch, environment },
        gate: {
            enabled: input.bool('superseded-check', true),
            onSuperseded: input.oneOf('on-superseded', ['skip', 'fail'], 'skip'),
            force: input.bool('force', false),
            maxAgeMs: ownershipMaxAgeMs(FORGE_REQUEST_TIMEOUT_MS)
        },
        run: {
            runId,
            attempt: /^[1-9]\d{0,5}$/.test(env.GITHUB_RUN_ATTEMPT ?? '') ? Number(env.GITHUB_RUN_ATTEMPT) : 1,
            runUrl: runPage(kind, serverUrl, repository, env),
            workflow: env.GITHUB_WORKFLOW || undefined,
            job: env.GITHUB_JOB || undefined,
            actor: env.GITHUB_ACTOR || undefined,
            event: env.GITHUB_EVENT_NAME || undefined
        }
    };
}
/**
 * The run page. GitHub addresses a run by `GITHUB_RUN_ID`; Gitea by the run's index in the repository,
 * `GITHUB_RUN_NUMBER` (its `GITHUB_RUN_ID` is a database id, and `/actions/runs/<id>` is another run or
 * none: services/actions/task.go and routers/web/repo/actions/view.go, 1.22 and 1.23).
 */
function runPage(kind, serverUrl, repository, env) {
    const index = kind === 'gitea' ? env.GITHUB_RUN_NUMBER : env.GITHUB_RUN_ID;
    return serverUrl && index ? `${serverUrl}/${repository}/actions/runs/${index}` : undefined;
}


/***/ }),

/***/ 7939:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ parseHeaders)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);

/**
 * `buildinfo-headers`: one `Name: value` header a line, checked against RFC 9110 before anything is
 * sent, so a header the HTTP layer would refuse on every request (a typographic apostrophe pasted
 * from a wiki) stops the run before the fleet is redeployed, not after. Values are secrets: an error
 * names the input, the line and the header name, never the value.
 */
/** RFC 9110 §5.1 field-name = token; §5.6.2 tchar. */
const FIELD_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
/**
 * RFC 9110 §5.5 field-value: visible ASCII, with spaces and tabs inside. obs-text (bytes 0x80-0xFF) is
 * refused too: it is obsolete, and a JavaScript string has characters, not bytes, so anything outside
 * ASCII would be sent as some other byte than the author wrote (or refused by the HTTP client).
 */
const FIELD_VCHAR = /^[\x21-\x7e]$/;
/** Headers that would change where or how the request goes rather than what it says. */
const RESERVED = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade', 'expect', 'te', 'trailer', 'keep-alive', 'proxy-connection']);
const FORM = "one `Name: value` header a line, the name a token (letters, digits, !#$%&'*+.^_`|~-) and the value visible ASCII characters, spaces or tabs";
function parseHeaders(input, text) {
    const out = {};
    const seen = new Map();
    text.split('\n').forEach((raw, i) => {
        const line = raw.trim();
        if (!line)
            return;
        const where = `line ${i + 1}`;
        const colon = line.indexOf(':');
        // Without a colon there is no telling the name from the value: show nothing of the line.
        if (colon < 0)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(input, `${where}: *** (hidden: it may hold a secret)`, `${FORM}; this line has no \`:\``);
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (!FIELD_NAME.test(name))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(input, `${where}: ***: ***`, `${FORM}; the name before \`:\` is not a token`);
        const shown = `${where}: ${name}: ***`;
        const bad = [...value].find((c) => c !== ' ' && c !== '\t' && !FIELD_VCHAR.test(c));
        if (bad !== undefined) {
            const code = `U+${bad.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(input, shown, `${FORM}; the value holds the character ${code}, which is not allowed in an HTTP header (retype quotes and dashes as ASCII)`);
        }
        if (RESERVED.has(name.toLowerCase()))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(input, shown, `headers other than ${[...RESERVED].join(', ')}`);
        const first = seen.get(name.toLowerCase());
        if (first !== undefined)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(input, shown, `each header once (line ${first} already sets ${name}; header names compare case-insensitively)`);
        seen.set(name.toLowerCase(), i + 1);
        out[name] = value;
    });
    return out;
}


/***/ }),

/***/ 4585:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ HEARTBEAT_MS)
/* harmony export */ });
/**
 * How often a running deploy refreshes its record. Reconcile counts `deploy-timeout-minutes` from the
 * last refresh, so a rollout of any length stays live while its runner is, and one whose runner was
 * killed is presumed dead a timeout after its last beat.
 */
const HEARTBEAT_MS = 5 * 60_000;


/***/ }),

/***/ 7997:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DO: () => (/* binding */ parseImageTag),
/* harmony export */   Ep: () => (/* binding */ renderTags),
/* harmony export */   WO: () => (/* binding */ parsePromote)
/* harmony export */ });
/* unused harmony exports TAG_VARS, COMMAND_VARS, DEFAULT_IMAGE_TAG */
/* harmony import */ var _command_runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9575);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _http_retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8902);
/* harmony import */ var _registry_reference_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9310);
/* harmony import */ var _template_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5237);





const TAG_VARS = ['sha', 'sha7', 'environment'];
const COMMAND_VARS = [...TAG_VARS, 'image', 'from', 'tag', 'source', 'target'];
const DEFAULT_IMAGE_TAG = 'staging-{sha7}';
const SAMPLE_SHA = '0123456789abcdef0123456789abcdef01234567';
const TAG_FORM = 'an OCI tag: up to 128 letters, digits, `_`, `.` or `-`, not starting with `.` or `-` (placeholders {sha}, {sha7}, {environment})';
/** The `image-tag` input: the tag builds push, and the default source of a promotion. */
function parseImageTag(input, target) {
    return parseTagTemplate(input, 'image-tag', DEFAULT_IMAGE_TAG, target);
}
/**
 * undefined when neither `image` nor `promote-command` is set and promotion is optional (deploy mode
 * without promotion). Every check runs here, before any request.
 */
function parsePromote(input, imageTagTemplate, required, target) {
    const imageText = input.raw('image');
    const commandText = input.raw('promote-command');
    if (!imageText && !commandText) {
        if (!required)
            return undefined;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d('image', '', 'the repository to promote in, such as `ghcr.io/acme/app` (or a `promote-command`)');
    }
    const image = imageText ? (0,_registry_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .parseImageRef */ .Q)('image', imageText) : undefined;
    const from = parseTagTemplate(input, 'promote-from', imageTagTemplate, target);
    const tag = parseTagTemplate(input, 'promote-tag', 'latest', target);
    if (from === tag)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d('promote-tag', tag, `a tag other than promote-from (${from}): a tag cannot be promoted onto itself`);
    const username = input.raw('registry-username');
    const password = input.raw('registry-password');
    if (Boolean(username) !== Boolean(password)) {
        const [missing, given] = username ? ['registry-password', 'registry-username'] : ['registry-username', 'registry-password'];
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d(missing, '', `a value too, since ${given} is set (give both or neither)`);
    }
    if (/[:\r\n]/.test(username))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d('registry-username', username, 'a user name without `:` or line breaks');
    let command;
    if (commandText) {
        try {
            command = (0,_command_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .splitArgs */ .sG)(commandText);
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d('promote-command', commandText, `a command line with balanced quotes (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .g)(error)})`);
        }
        if (command.length === 0)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d('promote-command', commandText, 'a command to run');
        const allowed = image ? COMMAND_VARS : COMMAND_VARS.filter((v) => !['image', 'source', 'target'].includes(v));
        (0,_template_js__WEBPACK_IMPORTED_MODULE_4__/* .checkTemplate */ .BU)('promote-command', commandText, allowed);
    }
    return {
        image,
        imageText,
        from,
        tag,
        credentials: username ? { username, password } : undefined,
        command,
        retry: _http_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .DEFAULT_RETRY */ .vI,
        requestTimeoutMs: 30_000
    };
}
/**
 * Checked once rendered with this run's real values (an `environment` such as `-eu` makes
 * `{environment}-{sha7}` invalid), and with a full 40-digit SHA, the longest any later run of the same
 * inputs renders (reconcile renders the head's SHA): all before the first side effect.
 */
function parseTagTemplate(input, name, fallback, target) {
    const template = input.string(name, fallback);
    (0,_template_js__WEBPACK_IMPORTED_MODULE_4__/* .checkTemplate */ .BU)(name, template, TAG_VARS);
    const environment = target?.environment ?? 'production';
    for (const sha of [target?.sha ?? SAMPLE_SHA, SAMPLE_SHA]) {
        const rendered = (0,_template_js__WEBPACK_IMPORTED_MODULE_4__/* .render */ .XX)(template, (0,_template_js__WEBPACK_IMPORTED_MODULE_4__/* .commitVars */ .gK)(sha, environment));
        if (!(0,_registry_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .isValidTag */ .r_)(rendered)) {
            const shown = template === rendered
                ? ''
                : ` (it renders as ${JSON.stringify(rendered.length > 140 ? `${rendered.slice(0, 140)}…` : rendered)}${target ? ` with environment ${JSON.stringify(environment)}` : ''})`;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d(name, template, `${TAG_FORM}${shown}`);
        }
    }
    return template;
}
/** The two tags for one commit; environment names may still make an invalid tag, caught here. */
function renderTags(settings, sha, environment) {
    const vars = (0,_template_js__WEBPACK_IMPORTED_MODULE_4__/* .commitVars */ .gK)(sha, environment);
    const from = (0,_template_js__WEBPACK_IMPORTED_MODULE_4__/* .render */ .XX)(settings.from, vars);
    const tag = (0,_template_js__WEBPACK_IMPORTED_MODULE_4__/* .render */ .XX)(settings.tag, vars);
    for (const [name, value] of [
        ['promote-from', from],
        ['promote-tag', tag]
    ]) {
        if (!(0,_registry_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .isValidTag */ .r_)(value))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d(name, value, 'an OCI tag once rendered (up to 128 letters, digits, `_`, `.` or `-`)');
    }
    return { from, tag };
}


/***/ }),

/***/ 3890:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f$: () => (/* binding */ parseHttpUrl),
/* harmony export */   i_: () => (/* binding */ InputReader),
/* harmony export */   qL: () => (/* binding */ parseSha)
/* harmony export */ });
/* unused harmony exports MAX_TIMER_MS, HEX_SHA */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);

/** setTimeout's limit (a signed 32-bit count of milliseconds); a longer delay fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;
class InputReader {
    env;
    constructor(env) {
        this.env = env;
    }
    /** The trimmed value, or '' when unset. */
    raw(name) {
        return (this.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
    }
    string(name, fallback = '') {
        return this.raw(name) || fallback;
    }
    /** YAML 1.2 core-schema booleans, as @actions/core accepts them. */
    bool(name, fallback) {
        const value = this.raw(name);
        if (value === '')
            return fallback;
        if (['true', 'True', 'TRUE'].includes(value))
            return true;
        if (['false', 'False', 'FALSE'].includes(value))
            return false;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(name, value, '`true` or `false`');
    }
    oneOf(name, allowed, fallback) {
        const value = this.raw(name) || fallback;
        const lower = value.toLowerCase();
        const match = allowed.find((a) => a === lower);
        if (!match)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(name, value, `one of ${allowed.map((a) => `\`${a}\``).join(', ')}`);
        return match;
    }
    /**
     * A duration in seconds (decimals allowed), returned in milliseconds. The range is checked on the
     * milliseconds actually used: `0.0001` would round to 0 ms (a poll storm, a timeout nothing meets),
     * and a timer longer than MAX_TIMER_MS fires at once in Node (a soak of 0 s).
     */
    seconds(name, fallback, opts = {}) {
        const value = this.raw(name);
        if (value === '')
            return fallback * 1000;
        const minMs = opts.minMs ?? 1;
        const range = `a number of seconds${opts.allowZero ? ', 0 or' : ''} from ${minMs / 1000} to ${MAX_TIMER_MS / 1000} (Node's timer limit, about 24.8 days), decimals allowed`;
        if (!/^\d+(\.\d+)?$/.test(value))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(name, value, range);
        const n = Number(value);
        if (n === 0 && opts.allowZero)
            return 0;
        const ms = Math.round(n * 1000);
        if (!(ms >= minMs && ms <= MAX_TIMER_MS))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(name, value, range);
        return ms;
    }
    /** A whole number from `min` to `max`. */
    integer(name, fallback, min, max = 1_000_000) {
        const value = this.raw(name);
        if (value === '')
            return fallback;
        if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(name, value, `a whole number, ${min} or more (at most ${max})`);
        return Number(value);
    }
    /** Names separated by newlines, commas or spaces, or a JSON array of strings. */
    list(name) {
        const value = this.raw(name);
        if (value === '')
            return [];
        if (value.startsWith('[')) {
            let parsed;
            try {
                parsed = JSON.parse(value);
            }
            catch {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(name, value, 'a JSON array of strings, or names separated by newlines, commas or spaces');
            }
            if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(name, value, 'a JSON array of strings');
            }
            return parsed.map((x) => x.trim()).filter(Boolean);
        }
        return value.split(/[\s,]+/).filter(Boolean);
    }
}
const HEX_SHA = /^[0-9a-f]{7,40}$/i;
function parseSha(name, value) {
    if (!HEX_SHA.test(value))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(name, value, 'a commit SHA of 7 to 40 hex digits');
    return value.toLowerCase();
}
function parseHttpUrl(name, value) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(name, value, 'an absolute http(s) URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(name, value, 'an absolute http(s) URL');
    return url;
}


/***/ }),

/***/ 2541:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Qz: () => (/* binding */ parseReconcile),
/* harmony export */   _t: () => (/* binding */ reconcileReportName),
/* harmony export */   pw: () => (/* binding */ shardRecordName)
/* harmony export */ });
/* unused harmony exports HEARTBEATS_PER_TIMEOUT, DEFAULT_DEPLOY_TIMEOUT_MINUTES, MAX_DEPLOY_TIMEOUT_MINUTES */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _template_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5237);
/* harmony import */ var _reader_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3890);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8411);
/* harmony import */ var _heartbeat_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4585);





/** Writes or heartbeats older than this many heartbeats mean a dead deploy: the timeout may not be shorter. */
const HEARTBEATS_PER_TIMEOUT = 3;
const DEFAULT_DEPLOY_TIMEOUT_MINUTES = 360;
/** A week: longer than any runner keeps a job alive, and far inside the timer limit. */
const MAX_DEPLOY_TIMEOUT_MINUTES = 10_080;
function parseReconcile(env, common) {
    const input = new _reader_js__WEBPACK_IMPORTED_MODULE_2__/* .InputReader */ .i_(env);
    const respectDeployState = input.bool('respect-deploy-state', true);
    const raw = input.raw('deploy-timeout-minutes');
    const minutes = raw === '' ? DEFAULT_DEPLOY_TIMEOUT_MINUTES : /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    // A live deploy refreshes its record every HEARTBEAT_MS: a shorter timeout would call it dead between beats.
    const least = (HEARTBEATS_PER_TIMEOUT * _heartbeat_js__WEBPACK_IMPORTED_MODULE_4__/* .HEARTBEAT_MS */ .m) / 60_000;
    if (!(minutes >= least && minutes <= MAX_DEPLOY_TIMEOUT_MINUTES)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('deploy-timeout-minutes', raw, `a whole number of minutes from ${least} (three heartbeats of a running deploy) to ${MAX_DEPLOY_TIMEOUT_MINUTES}`);
    }
    const template = input.string('check-name', _report_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_CHECK_NAME */ .nV);
    const vars = { environment: common.target.environment, mode: 'deploy' };
    // `{shard}` stays for shardRecordName; the other placeholders are this environment's.
    const deployRecordTemplate = (0,_template_js__WEBPACK_IMPORTED_MODULE_1__/* .render */ .XX)(template, vars);
    return { respectDeployState, deployTimeoutMs: minutes * 60_000, deployRecordName: (0,_report_js__WEBPACK_IMPORTED_MODULE_3__/* .recordName */ .xD)(template, vars), deployRecordTemplate };
}
/** The record name of shard `index` of a deploy (`check-name` rendered with `{shard}`, or the suffix). */
function shardRecordName(rs, index) {
    return (0,_report_js__WEBPACK_IMPORTED_MODULE_3__/* .recordName */ .xD)(rs.deployRecordTemplate, { environment: '', mode: 'deploy' }, index);
}
/**
 * The name a reconcile run reports under: never the deploys' own name, so no later run can take a
 * reconcile's check or status for a deploy outcome.
 */
function reconcileReportName(name, deployRecordName) {
    return name === deployRecordName ? `${name}/reconcile` : name;
}


/***/ }),

/***/ 8411:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MM: () => (/* binding */ parseReport),
/* harmony export */   nV: () => (/* binding */ DEFAULT_CHECK_NAME),
/* harmony export */   xD: () => (/* binding */ recordName)
/* harmony export */ });
/* unused harmony exports CHECK_NAME_PLACEHOLDERS, WHOLE_FLEET */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _template_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5237);
/* harmony import */ var _reader_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3890);



const CHECK_NAME_PLACEHOLDERS = ['environment', 'mode', 'shard'];
const DEFAULT_CHECK_NAME = 'rollout-guard/{environment}';
/** What `{shard}` renders to in a job that handles the whole fleet. */
const WHOLE_FLEET = 'all';
/**
 * The name one job reports under: every job of a deploy has its own record, so a shard job's name
 * carries its shard, where `{shard}` says, or as a ` (shard i)` suffix. The shard count is not in the
 * name (a re-sharded deploy keeps its names); the record says it.
 */
function recordName(template, vars, shard) {
    const rendered = (0,_template_js__WEBPACK_IMPORTED_MODULE_1__/* .render */ .XX)(template, { ...vars, shard: shard === undefined ? WHOLE_FLEET : String(shard) });
    return shard !== undefined && !template.includes('{shard}') ? `${rendered} (shard ${shard})` : rendered;
}
function parseReport(env, common, shard) {
    const input = new _reader_js__WEBPACK_IMPORTED_MODULE_2__/* .InputReader */ .i_(env);
    const chosen = input.oneOf('report', ['auto', 'check', 'status', 'none'], 'auto');
    const gitea = common.forge.kind === 'gitea';
    if (chosen === 'check' && gitea)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('report', 'check', '`status`, `none` or `auto` on Gitea, which has no Checks API');
    const kind = chosen === 'auto' ? (gitea ? 'status' : 'check') : chosen;
    const template = input.string('check-name', DEFAULT_CHECK_NAME);
    (0,_template_js__WEBPACK_IMPORTED_MODULE_1__/* .checkTemplate */ .BU)('check-name', template, CHECK_NAME_PLACEHOLDERS);
    const name = recordName(template, { environment: common.target.environment, mode: common.mode }, shard?.index);
    // eslint-disable-next-line no-control-regex
    if (name.length > 100 || /[\u0000-\u001f\u007f]/.test(name)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('check-name', template, 'a name of at most 100 characters on one line once rendered (placeholders {environment}, {mode}, {shard}; a shard job without {shard} adds " (shard i)")');
    }
    return { kind, name, annotationPath: workflowPath(env, `${common.forge.owner}/${common.forge.repo}`), template };
}
/** `owner/repo/.github/workflows/deploy.yml@refs/heads/main` → `.github/workflows/deploy.yml`. */
function workflowPath(env, repository) {
    const ref = env.GITHUB_WORKFLOW_REF ?? '';
    const path = ref.replace(/@[^@]*$/, '');
    return path.startsWith(`${repository}/`) && path.length > repository.length + 1 ? path.slice(repository.length + 1) : '.github';
}


/***/ }),

/***/ 5868:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _y: () => (/* binding */ secretInputs),
/* harmony export */   zA: () => (/* binding */ shownUrl)
/* harmony export */ });
/* unused harmony exports headerSecrets, urlSecrets */
/* harmony import */ var _reader_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3890);

/**
 * Every secret an input can carry, read straight from the raw inputs before any of them is validated:
 * main registers these for masking before the settings are parsed, so an input error (or anything
 * else) can never print one, even when the input holding it is malformed.
 */
function secretInputs(env) {
    const input = new _reader_js__WEBPACK_IMPORTED_MODULE_0__/* .InputReader */ .i_(env);
    const out = new Set();
    for (const name of ['token', 'registry-password', 'control-plane-token'])
        add(out, input.raw(name));
    for (const name of ['buildinfo-headers', 'analysis-headers'])
        for (const value of headerSecrets(input.raw(name)))
            add(out, value);
    for (const name of ['tenants-url', 'buildinfo-url', 'redeploy-url', 'analysis-url'])
        for (const value of urlSecrets(input.raw(name)))
            add(out, value);
    return [...out];
}
/**
 * `buildinfo-headers` (and `analysis-headers`) is all secret: the whole input, each line, each value, and the token of a
 * `Scheme token` value. A line without a colon is a malformed header whose value is still a secret
 * (`Authorization Bearer abc...`): everything after its first word counts as the value.
 */
function headerSecrets(text) {
    const out = [text];
    for (const raw of text.split('\n')) {
        const line = raw.trim();
        if (!line)
            continue;
        out.push(line);
        const colon = line.indexOf(':');
        const value = (colon >= 0 ? line.slice(colon + 1) : line.replace(/^\S+/, '')).trim();
        out.push(value);
        const scheme = /^\S+\s+(\S+)$/.exec(value);
        if (scheme)
            out.push(scheme[1]);
    }
    return out;
}
/**
 * What of a URL input is masked wherever it appears, not only where the action prints the URL (there
 * every query value is masked by position, see loggableUrl): the password of the user-info part; each
 * query pair as `name=value` (raw and decoded), so an answer that echoes the URL (a 404 page, a proxy's
 * error) is masked at the value's own position, whatever the parameter is called; and the bare value of
 * parameters named like credentials (`?token=`, `?sig=`), which an answer may quote on its own. A bare
 * ordinary value (`?env=production`) is not masked everywhere: that would blank the word in every message.
 */
function urlSecrets(text) {
    const out = [];
    const userinfo = /^[a-z][a-z0-9+.-]*:\/\/[^/?#@]*?:([^/?#@]+)@/i.exec(text);
    if (userinfo)
        out.push(userinfo[1]);
    const query = text.split('#')[0].split('?').slice(1).join('?');
    for (const pair of query.split('&')) {
        const eq = pair.indexOf('=');
        const value = pair.slice(eq + 1);
        if (eq <= 0 || !value)
            continue;
        const decoded = decode(value);
        out.push(pair, `${decode(pair.slice(0, eq))}=${decoded}`);
        if (CREDENTIAL_PARAM.test(pair.slice(0, eq)))
            out.push(value, decoded);
    }
    return out;
}
function decode(text) {
    try {
        return decodeURIComponent(text.replace(/\+/g, ' '));
    }
    catch {
        // not percent-encoded text: the raw form is enough
        return text;
    }
}
const CREDENTIAL_PARAM = /token|key|secret|pass|pwd|sig|auth|credential|session|code/i;
/** A URL for messages: origin and path only, never its query or user-info (which may hold tokens). */
function shownUrl(text) {
    try {
        const url = new URL(text);
        return `${url.origin}${url.pathname}${url.search ? '?…' : ''}`;
    }
    catch {
        return text.replace(/[?#].*$/s, '?…');
    }
}
function add(set, value) {
    // Masking a very short value would blank ordinary words everywhere; such a value is no secret anyway.
    if (value.trim().length >= 4)
        set.add(value.trim());
}


/***/ }),

/***/ 832:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ checkTenantNames),
/* harmony export */   v: () => (/* binding */ requireTenantPlaceholder)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);

/**
 * Tenant names, as inputs (`tenants`, `canary`) and the `tenants-url` answer give them. A name is
 * substituted into the build info URL (and, in deploy, into redeploy requests and commands), so only
 * DNS-label-like tokens are accepted: nothing that could add a path segment, a user-info part, a port,
 * a query or a fragment. The verifier uses these checks; they live with the settings, which own them.
 */
const TENANT = /^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$/;
const TENANT_FORM = 'a DNS-label-like tenant name: 1 to 63 letters, digits, `-` or `_`, starting and ending with a letter or digit';
/** Validates names from `input`; duplicates are refused case-insensitively, as host names compare. */
function checkTenantNames(input, names) {
    const seen = new Map();
    for (const name of names) {
        if (!TENANT.test(name))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(input, name, TENANT_FORM);
        const key = name.toLowerCase();
        const first = seen.get(key);
        if (first !== undefined)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(input, name, `each tenant listed once (${JSON.stringify(first)} is already listed)`);
        seen.set(key, name);
    }
    return [...names];
}
/** With several tenants and no {tenant}, every tenant would be probed at the same URL. */
function requireTenantPlaceholder(template) {
    if (!template.includes('{tenant}')) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('buildinfo-url', template, 'a URL template containing {tenant} (otherwise every tenant is probed at the same URL)');
    }
}


/***/ }),

/***/ 8556:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LT: () => (/* binding */ parseVerify),
/* harmony export */   WH: () => (/* binding */ DEFAULT_CONCURRENCY)
/* harmony export */ });
/* unused harmony exports MIN_BUDGET_MS, MIN_INTERVAL_MS, MIN_REQUEST_TIMEOUT_MS, MAX_CONFIRMATIONS, BUILDINFO_PLACEHOLDERS */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _template_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5237);
/* harmony import */ var _headers_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7939);
/* harmony import */ var _reader_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3890);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5868);
/* harmony import */ var _tenants_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(832);






/** Requests in flight at once across the fleet, unless a caller chooses otherwise. */
const DEFAULT_CONCURRENCY = 64;
/**
 * Smallest durations accepted, in milliseconds: below them a value does harm rather than what was
 * meant (an interval of 0.1 ms is a poll storm; a timeout of 0.1 ms judges a healthy tenant
 * unreachable). Far below what a real fleet uses, and still short enough for tests on loopback.
 */
const MIN_BUDGET_MS = 100;
const MIN_INTERVAL_MS = 50;
const MIN_REQUEST_TIMEOUT_MS = 100;
const MAX_CONFIRMATIONS = 100;
const BUILDINFO_PLACEHOLDERS = ['tenant', 'sha', 'sha7', 'environment'];
const FIELD_PATH = /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/;
const SAMPLE_SHA = '0123456789abcdef0123456789abcdef01234567';
function parseVerify(env, common) {
    const input = new _reader_js__WEBPACK_IMPORTED_MODULE_3__/* .InputReader */ .i_(env);
    const tenantsRaw = input.raw('tenants');
    const tenantsUrlRaw = input.raw('tenants-url');
    if (tenantsRaw && tenantsUrlRaw)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('tenants-url', (0,_secrets_js__WEBPACK_IMPORTED_MODULE_4__/* .shownUrl */ .zA)(tenantsUrlRaw), 'to be empty when `tenants` is given (use one of the two)');
    const tenants = (0,_tenants_js__WEBPACK_IMPORTED_MODULE_5__/* .checkTenantNames */ .P)('tenants', input.list('tenants'));
    let tenantsUrl;
    if (tenantsUrlRaw)
        tenantsUrl = (0,_reader_js__WEBPACK_IMPORTED_MODULE_3__/* .parseHttpUrl */ .f$)('tenants-url', tenantsUrlRaw).toString();
    else if (tenants.length === 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('tenants', tenantsRaw, 'at least one tenant name (newline, comma or space separated, or a JSON array), or a `tenants-url`');
    }
    const buildinfoUrl = input.raw('buildinfo-url');
    checkBuildinfoUrl(buildinfoUrl, common.target.environment);
    if (tenants.length > 1)
        (0,_tenants_js__WEBPACK_IMPORTED_MODULE_5__/* .requireTenantPlaceholder */ .v)(buildinfoUrl);
    const buildinfoField = input.string('buildinfo-field', 'auto');
    if (buildinfoField !== 'auto' && !FIELD_PATH.test(buildinfoField)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('buildinfo-field', buildinfoField, '`auto` or a dotted path such as `build.git.sha`');
    }
    const headers = (0,_headers_js__WEBPACK_IMPORTED_MODULE_2__/* .parseHeaders */ .Q)('buildinfo-headers', input.raw('buildinfo-headers'));
    const budgetMs = input.seconds('settle-budget-seconds', 240, { minMs: MIN_BUDGET_MS });
    const intervalMs = input.seconds('settle-interval-seconds', 20, { minMs: MIN_INTERVAL_MS });
    if (intervalMs > budgetMs) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('settle-interval-seconds', input.raw('settle-interval-seconds') || '20', `a number of seconds no longer than settle-budget-seconds (${budgetMs / 1000})`);
    }
    const requestTimeoutMs = input.seconds('request-timeout-seconds', 10, { minMs: MIN_REQUEST_TIMEOUT_MS });
    const confirmations = input.integer('settle-confirmations', 1, 1, MAX_CONFIRMATIONS);
    // The confirming answers come one interval apart: they must fit in the budget, or no tenant could pass.
    if ((confirmations - 1) * intervalMs > budgetMs) {
        const most = Math.floor(budgetMs / intervalMs) + 1;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('settle-confirmations', String(confirmations), `at most ${most}: ${confirmations} answers one settle-interval-seconds (${intervalMs / 1000}) apart do not fit in settle-budget-seconds (${budgetMs / 1000})`);
    }
    return {
        tenants,
        tenantsUrl,
        buildinfoUrl,
        buildinfoField,
        headers,
        budgetMs,
        intervalMs,
        requestTimeoutMs,
        environment: common.target.environment,
        concurrency: DEFAULT_CONCURRENCY,
        confirmations
    };
}
function checkBuildinfoUrl(template, environment) {
    const expected = 'an http(s) URL template such as `https://{tenant}.example.com/buildinfo`';
    if (!template)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('buildinfo-url', template, expected);
    (0,_template_js__WEBPACK_IMPORTED_MODULE_1__/* .checkTemplate */ .BU)('buildinfo-url', template, BUILDINFO_PLACEHOLDERS);
    // Rendered with sample values so that a placeholder in the scheme or an empty host is caught now.
    const sample = (0,_template_js__WEBPACK_IMPORTED_MODULE_1__/* .render */ .XX)(template, { tenant: 'tenant-1', sha: SAMPLE_SHA, sha7: SAMPLE_SHA.slice(0, 7), environment }, _template_js__WEBPACK_IMPORTED_MODULE_1__/* .encodeUrlPart */ .hK);
    let url;
    try {
        url = (0,_reader_js__WEBPACK_IMPORTED_MODULE_3__/* .parseHttpUrl */ .f$)('buildinfo-url', sample);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('buildinfo-url', template, expected);
    }
    if (!url.hostname)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('buildinfo-url', template, expected);
}


/***/ }),

/***/ 5237:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BU: () => (/* binding */ checkTemplate),
/* harmony export */   XX: () => (/* binding */ render),
/* harmony export */   gK: () => (/* binding */ commitVars),
/* harmony export */   hK: () => (/* binding */ encodeUrlPart),
/* harmony export */   mQ: () => (/* binding */ encodeJsonString)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);

const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/gi;
/** Throws an InputError naming the input when `template` uses a placeholder outside `allowed`. */
function checkTemplate(input, template, allowed) {
    for (const m of template.matchAll(PLACEHOLDER)) {
        if (!allowed.includes(m[1])) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(input, template, `placeholders among ${allowed.map((a) => `{${a}}`).join(', ')} (unknown: {${m[1]}})`);
        }
    }
}
/** Replaces each placeholder with `encode(value)`; text outside placeholders is left as written. */
function render(template, vars, encode = (v) => v) {
    return template.replace(PLACEHOLDER, (whole, name) => (name in vars ? encode(vars[name]) : whole));
}
/** For URL templates: values are percent-encoded so a value can never add a path segment or query. */
const encodeUrlPart = (v) => encodeURIComponent(v);
/** For JSON templates: the value is escaped as the inside of a JSON string. */
const encodeJsonString = (v) => JSON.stringify(v).slice(1, -1);
/** The variables every template may use for one commit. */
function commitVars(sha, environment) {
    return { sha, sha7: sha.slice(0, 7), environment };
}


/***/ }),

/***/ 4956:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ isOk)
/* harmony export */ });
/* unused harmony export OK_VERDICTS */
/**
 * The verifier's vocabulary, shared by `mode: verify`, the rollout (which verifies each wave) and
 * reconcile (which reads every tenant once before deciding what to redeploy).
 */
const OK_VERDICTS = new Set(['on-target', 'ahead']);
function isOk(verdict) {
    return OK_VERDICTS.has(verdict);
}


/***/ })

};
