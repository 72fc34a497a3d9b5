export const id = 367;
export const ids = [367];
export const modules = {

/***/ 1367:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/clock.ts
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
/** Seconds with one decimal, for human messages. */
function formatSeconds(ms) {
    const s = ms / 1000;
    return Number.isInteger(s) ? `${s}s` : `${s.toFixed(1)}s`;
}

;// CONCATENATED MODULE: ./src/redact.ts

/**
 * Secrets known to this run. core.setSecret asks the runner to mask them, but only a runner does that;
 * text this action builds from outside answers (an error body that echoes a token, a tenant page) is
 * also redacted here, so a secret cannot reach an output, a summary or a report file either.
 */
const secrets = new Set();
function registerSecret(value) {
    if (!value)
        return;
    core/* setSecret */.Pq(value);
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

;// CONCATENATED MODULE: ./src/errors.ts

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
        super(`Input '${input}' has the value ${JSON.stringify(excerpt(value, 200))}; expected ${expected}.`);
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

;// CONCATENATED MODULE: ./src/forge/types.ts
/** Pages read at most when listing statuses or check runs: a commit with more records is not normal. */
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
    constructor(forge, clock = systemClock, unknownTtlMs = UNKNOWN_TTL_MS) {
        this.forge = forge;
        this.clock = clock;
        this.unknownTtlMs = unknownTtlMs;
    }
    relation(base, head) {
        if (sameCommit(base, head))
            return Promise.resolve({ relation: 'identical' });
        const key = `${base.toLowerCase()}...${head.toLowerCase()}`;
        const hit = this.cache.get(key);
        if (hit && this.clock.now() < hit.expiresAt)
            return hit.answer;
        const entry = { answer: Promise.resolve({ relation: 'unknown' }), expiresAt: Number.POSITIVE_INFINITY };
        entry.answer = this.forge
            .compare(base, head)
            .catch((error) => ({ relation: 'unknown', detail: errorMessage(error) }))
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

// EXTERNAL MODULE: ./node_modules/p-retry/index.js + 1 modules
var p_retry = __webpack_require__(4995);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
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
    controller;
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
        const controller = this.controller;
        // Settle now, whether or not undici has started the request: a hanging server must not hold the caller.
        this.fail(new Error(reason.message));
        controller?.abort(new Error(reason.message));
    }
    onRequestStart(controller) {
        this.controller = controller;
        if (this.ended)
            controller.abort(new Error(this.ended.message));
    }
    onResponseStart(_c, statusCode, headers) {
        this.status = statusCode;
        // undici hands the names over lower-cased already; repeated headers come as arrays.
        for (const name in headers) {
            const value = headers[name];
            if (value !== undefined)
                this.headers[name] = Array.isArray(value) ? value.join(', ') : value;
        }
    }
    onResponseData(controller, chunk) {
        if (this.settled)
            return;
        if (this.size + chunk.length > this.maxBodyBytes) {
            this.keep(chunk.subarray(0, this.maxBodyBytes - this.size));
            this.finish(true);
            controller.abort(new Error('body too large'));
            return;
        }
        this.keep(chunk);
    }
    onResponseEnd() {
        this.finish(false);
    }
    onResponseError(_c, error) {
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
        // must not keep the controller and its socket buffers alive with it.
        this.controller = undefined;
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
        return new NetworkError(`request to ${this.where} failed: ${excerpt(e.message ?? String(error), 200)} (${code})`, code);
    }
}
function onTimeout(exchange) {
    exchange.stop(TIMED_OUT);
}

;// CONCATENATED MODULE: ./src/http/client.ts



const DEFAULT_MAX_BODY = 1024 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
function createHttpClient(options = {}) {
    const agent = new undici/* Agent */.g6({
        connections: options.connections ?? 64,
        keepAliveTimeout: 10_000,
        pipelining: 1
    });
    return {
        send: (req) => send(agent, req),
        close: () => agent.close()
    };
}
async function send(dispatcher, req) {
    let url = typeof req.url === 'string' ? new URL(req.url) : req.url;
    let method = req.method ?? 'GET';
    let body = req.body;
    for (let hop = 0;; hop++) {
        const where = `${url.origin}${url.pathname}`;
        const exchange = new Exchange(where, req.maxBodyBytes ?? DEFAULT_MAX_BODY, req.signal);
        // Each hop gets the whole deadline again, as the former stream-based path gave the whole exchange one.
        const res = await exchange.start(dispatcher, { origin: url.origin, path: `${url.pathname}${url.search}`, method: method, headers: req.headers, body }, req.timeoutMs);
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

;// CONCATENATED MODULE: ./src/report/counters.ts
function emptyCounters() {
    return { buildinfoPolls: 0, httpRetries: 0, redeployReissues: 0, gateChecks: 0, defers: 0, holds: 0 };
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

;// CONCATENATED MODULE: ./src/http/retry.ts




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
    constructor(what, status, excerpt, retryAfterMs) {
        super(`${what} answered HTTP ${status}${excerpt ? `: ${excerpt}` : ''}`);
        this.what = what;
        this.status = status;
        this.excerpt = excerpt;
        this.retryAfterMs = retryAfterMs;
        this.name = 'HttpStatusError';
    }
}
function statusError(what, res, nowMs = Date.now()) {
    const text = excerpt(res.body.toString('utf8'), 200, { oneLine: true });
    return new HttpStatusError(what, res.status, text, parseRetryAfter(res.headers, nowMs));
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
function isTransient(error) {
    if (error instanceof NetworkError)
        return error.code !== 'CANCELLED' && !error.code.startsWith('REDIRECT');
    if (error instanceof HttpStatusError) {
        if (RETRYABLE_STATUSES.has(error.status))
            return true;
        // GitHub's secondary rate limit is a 403 that says when to come back; a plain 403 is a permission error.
        return error.status === 403 && error.retryAfterMs !== undefined;
    }
    return false;
}
const DEFAULT_RETRY = { maxTotalMs: 30_000, baseDelayMs: 500, maxDelayMs: 8_000, maxAttempts: 8 };
/**
 * Runs `fn` until it succeeds, a non-transient error occurs, the attempts run out, or the next wait
 * would cross the total budget. `fn` is given the time left so one hanging attempt cannot overrun it.
 * Waits go through the injected clock (p-retry's own timer is set to zero) so tests never sleep.
 */
async function withRetry(fn, options) {
    const { policy, clock, signal } = options;
    const deadline = clock.now() + policy.maxTotalMs;
    return (0,p_retry/* default */.Ay)(async (attempt) => {
        try {
            return await fn(attempt, Math.max(1, Math.floor(deadline - clock.now())));
        }
        catch (error) {
            if (!isTransient(error))
                throw new p_retry/* AbortError */.lc(error);
            throw error;
        }
    }, {
        retries: Math.max(0, policy.maxAttempts - 1),
        minTimeout: 0,
        factor: 1,
        signal,
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
            if (retriesLeft === 0)
                return;
            const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptNumber - 1));
            const asked = error instanceof HttpStatusError ? (error.retryAfterMs ?? 0) : 0;
            const delayMs = Math.max(backoff, asked);
            if (clock.now() + delayMs >= deadline)
                throw error;
            options.onRetry?.({ attempt: attemptNumber, delayMs, error });
            runCounters().httpRetries++;
            await clock.sleep(delayMs, signal);
            // Thrown here, p-retry rejects with it and sends nothing more.
            await options.beforeRetry?.({ attempt: attemptNumber + 1, error });
        }
    });
}

;// CONCATENATED MODULE: ./src/forge/errors.ts
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
    kind = 'gitea';
    checks = undefined;
    constructor(settings, http, clock, log) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.log = log;
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
        return withRetry(async (_attempt, remainingMs) => {
            const res = await this.http.send({
                url: `${this.repoPath}${path}`,
                method: init.method ?? 'GET',
                headers,
                body: init.body === undefined ? undefined : JSON.stringify(init.body),
                timeoutMs: Math.min(this.settings.requestTimeoutMs, remainingMs)
            });
            if (res.status >= 200 && res.status < 300)
                return res;
            throw (await init.classify?.(res)) ?? statusError(what, res, Date.now());
        }, {
            policy: this.settings.retry,
            clock: this.clock,
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
            throw new ForgeAnswerError(`${what} answered a body larger than the client accepts (cut at ${res.body.length} bytes)`);
        try {
            return { data: JSON.parse(res.body.toString('utf8')), res };
        }
        catch {
            throw new ForgeAnswerError(`${what} answered a body that is not JSON`);
        }
    }
    async branchHead(branch) {
        const path = `/branches/${branch.split('/').map(encodeURIComponent).join('/')}`;
        const data = await this.json(`GET branch ${branch}`, path);
        const id = data?.commit?.id;
        if (typeof id !== 'string' || !FULL_SHA.test(id.toLowerCase())) {
            throw new ForgeAnswerError(`the branch answer for '${branch}' has no commit.id`);
        }
        return id.toLowerCase();
    }
    async compare(base, head) {
        const ahead = await this.countOnly(head, base);
        const behind = await this.countOnly(base, head);
        return relationFromCounts(base, head, ahead, behind);
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
            throw new ForgeAnswerError(`${what}: the commit list is not an array`);
        if (res.headers['x-total-count'] === undefined || !Number.isInteger(total) || total < 0) {
            throw new ForgeAnswerError(`${what}: the commit list came without a usable X-Total-Count header`);
        }
        // A count that disagrees with the page it came with is no count (a proxy rewrote one of them).
        if ((total === 0) !== (data.length === 0))
            throw new ForgeAnswerError(`${what}: X-Total-Count ${total} disagrees with ${data.length} commits listed`);
        return total;
    }
    /** An UnknownCommitError naming the first of `shas` the forge says it does not have, else undefined. */
    async unknownAmong(what, shas) {
        for (const sha of shas) {
            const res = await this.http
                .send({ url: `${this.repoPath}/git/commits/${encodeURIComponent(sha)}?${LIGHT}`, headers: this.headers(false), timeoutMs: this.settings.requestTimeoutMs })
                .catch(() => undefined);
            if (res?.status === 404)
                return new UnknownCommitError(`${what}: the forge does not know commit ${sha.slice(0, 12)}`);
        }
        return undefined;
    }
    async resolveCommit(ref) {
        try {
            const data = await this.json(`GET commit ${ref}`, `/git/commits/${encodeURIComponent(ref)}?${LIGHT}`);
            const sha = data?.sha;
            if (typeof sha !== 'string' || !FULL_SHA.test(sha.toLowerCase()))
                throw new ForgeAnswerError(`the commit answer for '${ref}' has no sha`);
            return sha.toLowerCase();
        }
        catch (error) {
            // 404: no such commit; 422: not a valid ref pattern (routers/api/v1/repo/commits.go GetSingleCommit).
            if (error instanceof HttpStatusError && [404, 422].includes(error.status))
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
     * `GET /statuses/{sha}` (routers/api/v1/repo/status.go, 1.22): every status ever set, newest first,
     * `limit`/`page` capped by `[api] MAX_RESPONSE_ITEMS`, the total in `X-Total-Count`. The state is
     * named `status` in the answer. Paged by what the server says, never by an assumed page size.
     */
    async listCommitStatuses(sha, context) {
        const out = [];
        let seen = 0;
        for (let page = 1; page <= MAX_RECORD_PAGES; page++) {
            const res = await this.request(`GET statuses of ${sha.slice(0, 7)}`, `/statuses/${encodeURIComponent(sha)}?limit=50&page=${page}`);
            let data;
            try {
                data = JSON.parse(res.body.toString('utf8'));
            }
            catch {
                throw new ForgeAnswerError('the status list is not JSON');
            }
            if (!Array.isArray(data))
                throw new ForgeAnswerError('the status list is not an array');
            seen += data.length;
            for (const s of data) {
                const state = s?.status ?? s?.state;
                if (s?.context === context)
                    out.push({ state: String(state), context, description: String(s.description ?? ''), targetUrl: typeof s.target_url === 'string' ? s.target_url : undefined, createdAt: typeof s.created_at === 'string' ? s.created_at : undefined });
            }
            const total = Number(res.headers['x-total-count']);
            if (data.length === 0 || (Number.isFinite(total) ? seen >= total : true))
                break;
        }
        return out;
    }
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(1351);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/utils.js + 20 modules
var utils = __webpack_require__(8665);
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
    kind = 'github';
    octokit;
    constructor(settings, clock, log) {
        this.settings = settings;
        this.clock = clock;
        this.log = log;
        // An empty token still reads public repositories; getOctokit refuses one, so build the client directly.
        this.octokit = settings.token ? (0,github/* getOctokit */.Q)(settings.token, { baseUrl: settings.apiUrl }) : new utils/* GitHub */.gq({ baseUrl: settings.apiUrl });
    }
    call(what, fn) {
        return withRetry(async (_attempt, remainingMs) => {
            const signal = AbortSignal.timeout(Math.min(this.settings.requestTimeoutMs, remainingMs));
            try {
                return await fn(signal);
            }
            catch (error) {
                throw classify(what, error, signal);
            }
        }, {
            policy: this.settings.retry,
            clock: this.clock,
            onRetry: ({ delayMs, error }) => this.log(`${what}: ${error.message}; retrying in ${delayMs} ms`)
        });
    }
    async branchHead(branch) {
        const { owner, repo } = this.settings;
        const data = await this.call(`GET branch ${branch}`, (signal) => this.octokit.rest.repos.getBranch({ owner, repo, branch, request: { signal } }).then((r) => r.data));
        const sha = data?.commit?.sha;
        if (typeof sha !== 'string' || !FULL_SHA.test(sha.toLowerCase())) {
            throw new ForgeAnswerError(`the branch answer for '${branch}' has no commit.sha`);
        }
        return sha.toLowerCase();
    }
    async compare(base, head) {
        const { owner, repo } = this.settings;
        const data = await this.call(`compare ${base.slice(0, 7)}...${head.slice(0, 7)}`, (signal) => this.octokit.rest.repos
            .compareCommitsWithBasehead({ owner, repo, basehead: `${base}...${head}`, per_page: 1, request: { signal } })
            .then((r) => r.data));
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
            const data = await this.call(`GET commit ${ref}`, (signal) => this.octokit
                .request('GET /repos/{owner}/{repo}/commits/{ref}', { owner, repo, ref, headers: { accept: 'application/vnd.github.sha' }, request: { signal } })
                .then((r) => r.data));
            const sha = String(data).trim().toLowerCase();
            if (!FULL_SHA.test(sha))
                throw new ForgeAnswerError(`the commit answer for '${ref}' is not a SHA`);
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
    /** `GET /commits/{ref}/statuses`, 100 a page; a short page is the last (GitHub honours per_page up to 100). */
    async listCommitStatuses(sha, context) {
        const { owner, repo } = this.settings;
        const out = [];
        for (let page = 1; page <= MAX_RECORD_PAGES; page++) {
            const data = await this.call(`GET statuses of ${sha.slice(0, 7)}`, (signal) => this.octokit.rest.repos.listCommitStatusesForRef({ owner, repo, ref: sha, per_page: 100, page, request: { signal } }).then((r) => r.data));
            if (!Array.isArray(data))
                throw new ForgeAnswerError('the status list is not an array');
            for (const s of data) {
                if (s?.context === context)
                    out.push({ state: String(s.state), context, description: String(s.description ?? ''), targetUrl: str(s.target_url), createdAt: str(s.created_at) });
            }
            if (data.length < 100)
                break;
        }
        return out;
    }
    checks = {
        create: async (sha, name, u) => {
            const { owner, repo } = this.settings;
            const res = await this.call(`POST check-run ${name}`, (signal) => this.octokit.rest.checks.create({ owner, repo, head_sha: sha, name, ...checkBody(u), request: { signal } }));
            return res.data.id;
        },
        update: async (id, u) => {
            const { owner, repo } = this.settings;
            await this.call(`PATCH check-run ${id}`, (signal) => this.octokit.rest.checks.update({ owner, repo, check_run_id: id, ...checkBody(u), request: { signal } }));
        },
        /** `filter=all`: the default (`latest`) would hide the earlier attempts that the decision weighs. */
        listForRef: async (sha, name) => {
            const { owner, repo } = this.settings;
            const out = [];
            for (let page = 1; page <= MAX_RECORD_PAGES; page++) {
                const data = await this.call(`GET check-runs ${name} of ${sha.slice(0, 7)}`, (signal) => this.octokit.rest.checks.listForRef({ owner, repo, ref: sha, check_name: name, filter: 'all', per_page: 100, page, request: { signal } }).then((r) => r.data));
                const d = data;
                if (!d || !Array.isArray(d.check_runs) || typeof d.total_count !== 'number')
                    throw new ForgeAnswerError('the check run list has no check_runs and total_count');
                for (const c of d.check_runs) {
                    const output = (c.output ?? {});
                    out.push({ id: Number(c.id), name: String(c.name), status: String(c.status), conclusion: str(c.conclusion) ?? null, externalId: str(c.external_id) ?? null, startedAt: str(c.started_at) ?? null, title: str(output.title) ?? null, detailsUrl: str(c.details_url) ?? null });
                }
                if (d.check_runs.length === 0 || out.length >= d.total_count)
                    break;
            }
            return out;
        }
    };
}
const str = (v) => (typeof v === 'string' ? v : undefined);
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
function classify(what, error, signal) {
    const e = error;
    if (signal.aborted)
        return new NetworkError(`${what} timed out`, 'TIMEOUT');
    if (typeof e.status === 'number' && e.status >= 400 && e.response) {
        const headers = Object.fromEntries(Object.entries(e.response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
        const body = typeof e.response.data === 'string' ? e.response.data : JSON.stringify(e.response.data ?? '');
        return withRetryAfter(what, e.status, body, headers);
    }
    return new NetworkError(`${what} failed: ${e.message ?? String(error)}`, 'NETWORK');
}
function withRetryAfter(what, status, body, headers) {
    return statusError(what, { status, headers, body: Buffer.from(body), truncated: false, url: '' });
}

;// CONCATENATED MODULE: ./src/forge/factory.ts


function createForge(settings, deps) {
    switch (settings.kind) {
        case 'github':
            return new GitHubForge(settings, deps.clock, deps.log);
        case 'gitea':
            return new GiteaForge(settings, deps.http, deps.clock, deps.log);
    }
}

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

;// CONCATENATED MODULE: ./src/gate/gate.ts




/**
 * Asks the forge who owns the branch. Called before the first side effect, before every wave, before
 * the promotion's first registry request and its write, and as the fence before every retried or
 * re-issued side effect, so the gap between check and act stays one API round trip.
 */
class SupersededGate {
    forge;
    ancestry;
    target;
    settings;
    constructor(forge, ancestry, target, settings) {
        this.forge = forge;
        this.ancestry = ancestry;
        this.target = target;
        this.settings = settings;
    }
    /** The most recent decision, for the report: what the run last knew about who owns the branch. */
    last;
    get enabled() {
        return this.settings.enabled;
    }
    async check() {
        runCounters().gateChecks++;
        this.last = await this.ask();
        return this.last;
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
        let head;
        try {
            head = await this.forge.branchHead(branch);
        }
        catch (error) {
            return decide(sha, branch, { error: errorMessage(error) });
        }
        if (sameCommit(head, sha))
            return decide(sha, branch, { sha: head }, { relation: 'identical' });
        // The head is read fresh on every check; only the ancestry of a fixed pair of commits is memoised.
        const cmp = await this.ancestry.relation(sha, head);
        return decide(sha, branch, { sha: head }, cmp);
    }
}

;// CONCATENATED MODULE: ./src/report/publish/types.ts
/** `report: none`, and the default for code that runs a mode without the entry point. */
const NO_REPORTER = {
    start: async () => undefined,
    finish: async () => undefined
};

;// CONCATENATED MODULE: ./src/context.ts










function createContext(settings, overrides = {}) {
    const clock = overrides.clock ?? systemClock;
    const http = overrides.http ?? createHttpClient();
    const forge = overrides.forge ?? createForge(settings.forge, { http, clock, log: (m) => core/* info */.pq(m) });
    const ancestry = new Ancestry(forge, clock);
    const gate = new SupersededGate(forge, ancestry, settings.target, settings.gate);
    return { settings, clock, http, forge, ancestry, gate, signal: overrides.signal ?? new AbortController().signal, reporter: overrides.reporter ?? NO_REPORTER, counters: startCounting() };
}
/**
 * The context, with an abbreviated `sha` input replaced by the full SHA the forge knows it as. GitHub's
 * statuses and check runs take only 40 digits, so this runs once, before any side effect; a SHA the
 * forge does not have is an input error.
 */
async function createResolvedContext(settings, overrides = {}) {
    const ctx = createContext(settings, overrides);
    const given = settings.target.sha;
    if (FULL_SHA.test(given))
        return ctx;
    let full;
    try {
        full = await ctx.forge.resolveCommit(given);
    }
    catch (error) {
        if (!overrides.http)
            await ctx.http.close();
        throw new Error(`Could not resolve the abbreviated sha '${given}' to a full commit SHA: ${errorMessage(error)}`, { cause: error });
    }
    if (!full) {
        if (!overrides.http)
            await ctx.http.close();
        throw new InputError('sha', given, `a commit of ${settings.forge.owner}/${settings.forge.repo} (the forge has no commit with that SHA or prefix)`);
    }
    core/* info */.pq(`sha ${given} is commit ${full}`);
    const resolved = { ...settings, target: { ...settings.target, sha: full } };
    return createContext(resolved, { ...overrides, clock: ctx.clock, http: ctx.http, forge: ctx.forge });
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/command/runner.ts


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
            const child = (0,external_node_child_process_.spawn)(tool, args, { cwd: options.cwd, env: { ...commandEnv(process.env), ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
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
 * control-plane token and the registry password, which a user command has no business reading. What a
 * command needs it gets explicitly (ROLLOUT_* and REGISTRY_* variables, or the step's `env:`).
 */
function commandEnv(env) {
    return Object.fromEntries(Object.entries(env).filter(([name]) => !name.toUpperCase().startsWith('INPUT_')));
}
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
    return excerpt(text.trimEnd().split('\n').slice(-lines).join('\n'), chars);
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

;// CONCATENATED MODULE: ./src/gate/announce.ts

/**
 * Logs a gate decision the way an operator needs to see it and says whether side effects may go ahead.
 * Unreadable heads and a disabled gate are warnings (a genuine deploy proceeds, but loudly); `force`
 * overriding a superseded verdict is always a warning.
 */
function announce(decision, gate, where) {
    if (decision.warning)
        core/* warning */.$e(decision.warning, { title: 'Superseded check: head unreadable' });
    if (decision.basis === 'disabled')
        core/* warning */.$e(decision.reason, { title: 'Superseded check disabled' });
    if (!decision.superseded) {
        core/* info */.pq(`[${where}] ${decision.reason}`);
        return { proceed: true };
    }
    if (gate.force) {
        core/* warning */.$e(`[${where}] ${decision.reason} force: true overrides this; side effects go ahead.`, {
            title: 'Superseded, overridden by force'
        });
        return { proceed: true };
    }
    core/* notice */.lm(`[${where}] ${decision.reason}`, { title: 'Superseded' });
    return { proceed: false };
}

;// CONCATENATED MODULE: ./src/rollout/plan.ts

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
                throw new InputError('waves', raw, `${expected}; ${JSON.stringify(item)} is not above 0% and at most 100%`);
            marks.push({ kind: 'percent', value });
        }
        else if (/^\d+$/.test(item) && Number(item) >= 1) {
            marks.push({ kind: 'count', value: Number(item) });
        }
        else {
            throw new InputError('waves', raw, `${expected}; ${JSON.stringify(item)} is neither a percentage nor a whole number of tenants`);
        }
        const [prev, last] = [marks.at(-2), marks.at(-1)];
        if (prev && prev.kind === last.kind && last.value <= prev.value) {
            throw new InputError('waves', raw, `${expected}; ${JSON.stringify(item)} does not increase on the step before it`);
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
            throw new InputError('waves', raw, `${expected}; ${label} is more than the fleet`);
        const exact = w.kind === 'count' ? w.value : (w.value * total) / 100;
        if (exact <= prev)
            throw new InputError('waves', raw, `${expected}; ${label} does not go beyond the step before it`);
        prev = exact;
    }
}

;// CONCATENATED MODULE: ./src/template.ts

const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/gi;
/** Throws an InputError naming the input when `template` uses a placeholder outside `allowed`. */
function checkTemplate(input, template, allowed) {
    for (const m of template.matchAll(PLACEHOLDER)) {
        if (!allowed.includes(m[1])) {
            throw new InputError(input, template, `placeholders among ${allowed.map((a) => `{${a}}`).join(', ')} (unknown: {${m[1]}})`);
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

;// CONCATENATED MODULE: ./src/rollout/redeploy-types.ts
/** Thrown by a fence: a newer commit owns the branch, so this job sends nothing more. */
class SupersededError extends Error {
    decision;
    constructor(decision) {
        super(decision.reason);
        this.decision = decision;
        this.name = 'SupersededError';
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
        const vars = requestVars(req);
        const argv = this.argv.map((a) => render(a, vars));
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
            return { ok: false, detail: redact(`exit code ${res.exitCode}${res.stderrTail ? `: ${res.stderrTail}` : ''}`) };
        }
        catch (error) {
            return { ok: false, detail: redact(`could not run ${argv[0]}: ${errorMessage(error)}`) };
        }
    }
}

;// CONCATENATED MODULE: ./src/rollout/control-plane.ts




/**
 * The control plane's redeploy endpoint. Any 2xx is an accepted redeploy. 5xx, 429 and connection
 * errors are retried (honouring Retry-After); other 4xx are final, so a control plane that refuses a
 * stale compare-and-set (409) is believed at once. Every retry passes the rollout's fence after its wait:
 * a retry is never sent on an ownership decision taken before the wait (a newer commit may have landed).
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
        const vars = requestVars(req);
        const url = render(this.driver.url, vars, encodeUrlPart);
        const headers = { 'content-type': 'application/json', accept: 'application/json' };
        if (this.driver.token)
            headers.authorization = `Bearer ${this.driver.token}`;
        const body = this.driver.body ? render(this.driver.body, vars, encodeJsonString) : undefined;
        let lastError;
        try {
            await withRetry(async (_attempt, remainingMs) => {
                const res = await this.deps.http.send({ url, method: this.driver.method, headers, body, timeoutMs: Math.min(this.timeoutMs, remainingMs), maxBodyBytes: 16 * 1024, signal });
                if (res.status < 200 || res.status >= 300)
                    throw statusError(`control plane (${req.tenant})`, res);
                return res;
            }, {
                policy: DEFAULT_RETRY,
                clock: this.deps.clock,
                signal,
                onRetry: ({ delayMs, error }) => {
                    lastError = error;
                    this.deps.log(`redeploy ${req.tenant}: ${errorMessage(error)}; retrying in ${delayMs} ms`);
                },
                beforeRetry: fence ? () => fence() : undefined
            });
            return { ok: true, detail: '' };
        }
        catch (error) {
            if (error instanceof SupersededError) {
                const detail = `${errorMessage(lastError)}; not retried, because this job is superseded: ${error.decision.reason}`;
                return { ok: false, detail, superseded: error.decision };
            }
            return { ok: false, detail: errorMessage(error), conflict: error instanceof HttpStatusError && error.status === 409 };
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

// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(370);
;// CONCATENATED MODULE: ./src/settings/headers.ts

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
const FORM = 'one `Name: value` header a line, the name a token (letters, digits, !#$%&\'*+.^_`|~-) and the value visible ASCII characters, spaces or tabs';
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
            throw new InputError(input, `${where}: *** (hidden: it may hold a secret)`, `${FORM}; this line has no \`:\``);
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (!FIELD_NAME.test(name))
            throw new InputError(input, `${where}: ***: ***`, `${FORM}; the name before \`:\` is not a token`);
        const shown = `${where}: ${name}: ***`;
        const bad = [...value].find((c) => c !== ' ' && c !== '\t' && !FIELD_VCHAR.test(c));
        if (bad !== undefined) {
            const code = `U+${bad.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
            throw new InputError(input, shown, `${FORM}; the value holds the character ${code}, which is not allowed in an HTTP header (retype quotes and dashes as ASCII)`);
        }
        if (RESERVED.has(name.toLowerCase()))
            throw new InputError(input, shown, `headers other than ${[...RESERVED].join(', ')}`);
        const first = seen.get(name.toLowerCase());
        if (first !== undefined)
            throw new InputError(input, shown, `each header once (line ${first} already sets ${name}; header names compare case-insensitively)`);
        seen.set(name.toLowerCase(), i + 1);
        out[name] = value;
    });
    return out;
}

;// CONCATENATED MODULE: ./src/settings/reader.ts

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
        throw new InputError(name, value, '`true` or `false`');
    }
    oneOf(name, allowed, fallback) {
        const value = this.raw(name) || fallback;
        const lower = value.toLowerCase();
        const match = allowed.find((a) => a === lower);
        if (!match)
            throw new InputError(name, value, `one of ${allowed.map((a) => `\`${a}\``).join(', ')}`);
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
            throw new InputError(name, value, range);
        const n = Number(value);
        if (n === 0 && opts.allowZero)
            return 0;
        const ms = Math.round(n * 1000);
        if (!(ms >= minMs && ms <= MAX_TIMER_MS))
            throw new InputError(name, value, range);
        return ms;
    }
    /** A whole number from `min` to `max`. */
    integer(name, fallback, min, max = 1_000_000) {
        const value = this.raw(name);
        if (value === '')
            return fallback;
        if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
            throw new InputError(name, value, `a whole number, ${min} or more (at most ${max})`);
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
                throw new InputError(name, value, 'a JSON array of strings, or names separated by newlines, commas or spaces');
            }
            if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) {
                throw new InputError(name, value, 'a JSON array of strings');
            }
            return parsed.map((x) => x.trim()).filter(Boolean);
        }
        return value.split(/[\s,]+/).filter(Boolean);
    }
}
const HEX_SHA = /^[0-9a-f]{7,40}$/i;
function parseSha(name, value) {
    if (!HEX_SHA.test(value))
        throw new InputError(name, value, 'a commit SHA of 7 to 40 hex digits');
    return value.toLowerCase();
}
function parseHttpUrl(name, value) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new InputError(name, value, 'an absolute http(s) URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new InputError(name, value, 'an absolute http(s) URL');
    return url;
}

;// CONCATENATED MODULE: ./src/settings/secrets.ts

/**
 * Every secret an input can carry, read straight from the raw inputs before any of them is validated:
 * main registers these for masking before the settings are parsed, so an input error (or anything
 * else) can never print one, even when the input holding it is malformed.
 */
function secretInputs(env) {
    const input = new InputReader(env);
    const out = new Set();
    for (const name of ['token', 'registry-password', 'control-plane-token'])
        add(out, input.raw(name));
    for (const value of headerSecrets(input.raw('buildinfo-headers')))
        add(out, value);
    for (const name of ['tenants-url', 'buildinfo-url', 'redeploy-url'])
        for (const value of urlSecrets(input.raw(name)))
            add(out, value);
    return [...out];
}
/**
 * `buildinfo-headers` is all secret: the whole input, each line, each value, and the token of a
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
 * Query values that look like credentials (`?token=`, `?api_key=`, `?sig=`, ...) and the password of
 * the user-info part. Other query values (`?env=production`) are not masked: masking them would blank
 * ordinary words in every message.
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
        if (eq > 0 && value && CREDENTIAL_PARAM.test(pair.slice(0, eq))) {
            out.push(value);
            try {
                out.push(decodeURIComponent(value));
            }
            catch {
                // not percent-encoded text: the raw value is enough
            }
        }
    }
    return out;
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

;// CONCATENATED MODULE: ./src/settings/tenants.ts

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
            throw new InputError(input, name, TENANT_FORM);
        const key = name.toLowerCase();
        const first = seen.get(key);
        if (first !== undefined)
            throw new InputError(input, name, `each tenant listed once (${JSON.stringify(first)} is already listed)`);
        seen.set(key, name);
    }
    return [...names];
}
/** With several tenants and no {tenant}, every tenant would be probed at the same URL. */
function requireTenantPlaceholder(template) {
    if (!template.includes('{tenant}')) {
        throw new InputError('buildinfo-url', template, 'a URL template containing {tenant} (otherwise every tenant is probed at the same URL)');
    }
}

;// CONCATENATED MODULE: ./src/settings/verify.ts






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
    const input = new InputReader(env);
    const tenantsRaw = input.raw('tenants');
    const tenantsUrlRaw = input.raw('tenants-url');
    if (tenantsRaw && tenantsUrlRaw)
        throw new InputError('tenants-url', shownUrl(tenantsUrlRaw), 'to be empty when `tenants` is given (use one of the two)');
    const tenants = checkTenantNames('tenants', input.list('tenants'));
    let tenantsUrl;
    if (tenantsUrlRaw)
        tenantsUrl = parseHttpUrl('tenants-url', tenantsUrlRaw).toString();
    else if (tenants.length === 0) {
        throw new InputError('tenants', tenantsRaw, 'at least one tenant name (newline, comma or space separated, or a JSON array), or a `tenants-url`');
    }
    const buildinfoUrl = input.raw('buildinfo-url');
    checkBuildinfoUrl(buildinfoUrl, common.target.environment);
    if (tenants.length > 1)
        requireTenantPlaceholder(buildinfoUrl);
    const buildinfoField = input.string('buildinfo-field', 'auto');
    if (buildinfoField !== 'auto' && !FIELD_PATH.test(buildinfoField)) {
        throw new InputError('buildinfo-field', buildinfoField, '`auto` or a dotted path such as `build.git.sha`');
    }
    const headers = parseHeaders('buildinfo-headers', input.raw('buildinfo-headers'));
    const budgetMs = input.seconds('settle-budget-seconds', 240, { minMs: MIN_BUDGET_MS });
    const intervalMs = input.seconds('settle-interval-seconds', 20, { minMs: MIN_INTERVAL_MS });
    if (intervalMs > budgetMs) {
        throw new InputError('settle-interval-seconds', input.raw('settle-interval-seconds') || '20', `a number of seconds no longer than settle-budget-seconds (${budgetMs / 1000})`);
    }
    const requestTimeoutMs = input.seconds('request-timeout-seconds', 10, { minMs: MIN_REQUEST_TIMEOUT_MS });
    const confirmations = input.integer('settle-confirmations', 1, 1, MAX_CONFIRMATIONS);
    // The confirming answers come one interval apart: they must fit in the budget, or no tenant could pass.
    if ((confirmations - 1) * intervalMs > budgetMs) {
        const most = Math.floor(budgetMs / intervalMs) + 1;
        throw new InputError('settle-confirmations', String(confirmations), `at most ${most}: ${confirmations} answers one settle-interval-seconds (${intervalMs / 1000}) apart do not fit in settle-budget-seconds (${budgetMs / 1000})`);
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
        throw new InputError('buildinfo-url', template, expected);
    checkTemplate('buildinfo-url', template, BUILDINFO_PLACEHOLDERS);
    // Rendered with sample values so that a placeholder in the scheme or an empty host is caught now.
    const sample = render(template, { tenant: 'tenant-1', sha: SAMPLE_SHA, sha7: SAMPLE_SHA.slice(0, 7), environment }, encodeUrlPart);
    let url;
    try {
        url = parseHttpUrl('buildinfo-url', sample);
    }
    catch {
        throw new InputError('buildinfo-url', template, expected);
    }
    if (!url.hostname)
        throw new InputError('buildinfo-url', template, expected);
}

;// CONCATENATED MODULE: ./src/verify/ahead.ts

/**
 * "Is this SHA a descendant of the target?", asked of the forge once per distinct SHA for a whole
 * verification (a fleet of thousands reports a handful of SHAs), and readable without waiting: the
 * settle loops look at `relation()` and keep polling while the forge thinks, so a slow or hanging
 * compare can delay an `ahead` verdict but never a tenant's polls or its deadline. An "unknown" answer
 * (the forge failed) is asked again the next time a tenant reports that SHA.
 */
class AheadMemo {
    ancestry;
    target;
    relations = new Map();
    answers = new Map();
    constructor(ancestry, target) {
        this.ancestry = ancestry;
        this.target = target;
    }
    relation(sha) {
        return this.relations.get(sha.toLowerCase()) ?? { kind: 'pending' };
    }
    /** Starts the question unless it is answered or in flight; resolves (never rejects) once answered. */
    ask(sha) {
        const key = sha.toLowerCase();
        const known = this.relations.get(key);
        if (known && known.kind !== 'unknown')
            return this.answers.get(key) ?? Promise.resolve();
        // Asked again after a failure: the failure stays on record until the forge says something new.
        this.relations.set(key, { kind: 'pending', lastFailure: known?.kind === 'unknown' ? known.detail : undefined });
        const answer = Promise.resolve()
            .then(() => this.ancestry.isAhead(key, this.target))
            .then((ahead) => ({ kind: ahead ? 'ahead' : 'behind' }), (error) => ({ kind: 'unknown', detail: errorMessage(error) }))
            .then((relation) => {
            this.relations.set(key, relation);
        });
        this.answers.set(key, answer);
        return answer;
    }
    /** Resolves when the question about `sha` (asked before) is answered. */
    answered(sha) {
        return this.answers.get(sha.toLowerCase()) ?? Promise.resolve();
    }
}

;// CONCATENATED MODULE: ./src/verify/probe-once.ts


const probe_once_TIMED_OUT = Symbol('timed out');
const ANSWERED = Symbol('answered');
/**
 * One request, limited to the request timeout and to what is left before `hardEnd`. The limit is
 * enforced through the clock (not only the HTTP client's own timer) so virtual time governs it too.
 * Returns undefined when the request waited for a slot until no time was left.
 */
async function probeOnce(tenant, run, hardEnd) {
    const limitMs = Math.min(run.requestTimeoutMs, hardEnd - run.clock.now());
    if (limitMs <= 0)
        return undefined;
    const abort = new AbortController();
    const stopTimer = new AbortController();
    const signal = run.signal ? AbortSignal.any([run.signal, abort.signal]) : abort.signal;
    const timer = run.clock.sleep(limitMs, stopTimer.signal).then(() => probe_once_TIMED_OUT, () => undefined);
    const probe = run.prober.probe(tenant, signal).catch((error) => ({ error: errorMessage(error) }));
    const first = await Promise.race([probe, timer]);
    if (first === probe_once_TIMED_OUT) {
        abort.abort(new DOMException('probe time limit', 'TimeoutError'));
        return { error: `no answer within ${formatSeconds(limitMs)}` };
    }
    // With a reason given, abort() skips building a DOMException (and its stack) on every answered probe.
    stopTimer.abort(ANSWERED);
    return first ?? (await probe);
}

;// CONCATENATED MODULE: ./src/verify/scheduler.ts



async function settleTenant(tenant, run) {
    const { clock, startedAt, budgetMs, intervalMs } = run;
    const deadline = startedAt + budgetMs;
    const hardEnd = deadline + run.requestTimeoutMs;
    const url = run.prober.urlFor?.(tenant) ?? '';
    const seen = { polls: 0, lastShaSince: startedAt, answeredOk: false, recent: [], onTarget: 0 };
    const verdict = (v) => ({ tenant, url, polls: seen.polls, elapsedMs: clock.now() - startedAt, ...v });
    const settled = () => scheduler_decide(seen, run, verdict);
    let scheduled = startedAt;
    for (;;) {
        // Until the next poll is due, an ancestry answer can still settle the tenant: wake for it.
        while (clock.now() < scheduled) {
            if (!(await waitFor(scheduled, seen, run)))
                return judge(seen, run, verdict, true);
            const done = settled();
            if (done)
                return done;
        }
        if (run.signal?.aborted)
            return judge(seen, run, verdict, true);
        const obs = await run.limit(() => probeOnce(tenant, { prober: run.prober, clock, requestTimeoutMs: run.requestTimeoutMs, signal: run.signal }, hardEnd));
        if (!obs)
            break;
        record(seen, obs, run);
        run.onObservation?.(tenant, obs);
        const done = settled();
        if (done)
            return done;
        if (scheduled >= deadline)
            break;
        scheduled = Math.min(deadline, Math.max(scheduled + intervalMs, clock.now()));
    }
    // A question asked during the budget is waited for until the budget ends; one first asked at the last
    // poll gets what a request gets, up to the budget plus one request timeout.
    const questionEnd = seen.lastShaSince >= deadline ? hardEnd : deadline;
    while (pendingShas(seen, run).length > 0 && clock.now() < questionEnd) {
        if (!(await waitFor(questionEnd, seen, run)))
            return judge(seen, run, verdict, true);
        const done = settled();
        if (done)
            return done;
    }
    return judge(seen, run, verdict, false);
}
function record(seen, obs, run) {
    seen.polls += 1;
    if (obs.sha) {
        if (!seen.lastSha || !sameCommit(seen.lastSha, obs.sha))
            seen.lastShaSince = run.clock.now();
        seen.lastSha = obs.sha;
        seen.lastError = undefined;
        seen.recent = [...seen.recent, { sha: obs.sha, at: run.clock.now() }].slice(-run.confirmations);
        if (sameCommit(obs.sha, run.target))
            seen.onTarget += 1;
        else
            void run.ahead.ask(obs.sha);
    }
    else {
        seen.recent = [];
        seen.lastError = obs.error;
        if (obs.status !== undefined && obs.status >= 200 && obs.status <= 299)
            seen.answeredOk = true;
    }
}
/** Settled once the last `confirmations` answers are all on the target or known to be ahead of it. */
function scheduler_decide(seen, run, verdict) {
    if (seen.recent.length < run.confirmations)
        return undefined;
    const good = seen.recent.every((a) => sameCommit(a.sha, run.target) || run.ahead.relation(a.sha).kind === 'ahead');
    if (!good)
        return undefined;
    const last = seen.recent.at(-1);
    return verdict({ verdict: sameCommit(last.sha, run.target) ? 'on-target' : 'ahead', sha: last.sha, settleMs: last.at - run.startedAt });
}
/** SHAs among the recent answers whose relation to the target the forge has not given yet. */
function pendingShas(seen, run) {
    return seen.recent.map((a) => a.sha).filter((sha) => !sameCommit(sha, run.target) && run.ahead.relation(sha).kind === 'pending');
}
/**
 * Sleeps until `until` on the clock, or until the forge answers one of the tenant's pending questions.
 * Returns false when the run was cancelled.
 */
async function waitFor(until, seen, run) {
    if (run.signal?.aborted)
        return false;
    const stop = new AbortController();
    const signal = run.signal ? AbortSignal.any([run.signal, stop.signal]) : stop.signal;
    const timer = run.clock.sleep(until - run.clock.now(), signal).catch(() => undefined);
    const answers = pendingShas(seen, run).map((sha) => run.ahead.answered(sha));
    await Promise.race([timer, ...answers]);
    stop.abort(WOKEN);
    return !run.signal?.aborted;
}
/** A tenant that never settled: what it reported decides between stale, invalid and unreachable. */
function judge(seen, run, verdict, cancelled) {
    const why = seen.lastSha ? (staleReason(seen, run) ?? seen.lastError) : seen.lastError;
    const extra = cancelled ? { cancelled: true, lastError: why ?? 'verification was cancelled' } : { lastError: why };
    if (seen.lastSha)
        return verdict({ verdict: 'stale', sha: seen.lastSha, ...extra });
    if (seen.answeredOk)
        return verdict({ verdict: 'invalid', ...extra });
    return verdict({ verdict: 'unreachable', ...extra, lastError: extra.lastError ?? 'no answer' });
}
/** Why a tenant that answered with a SHA is not verified, when it is not simply on an older commit. */
function staleReason(seen, run) {
    const sha = seen.lastSha;
    const short = (s) => s.slice(0, 7);
    if (!sameCommit(sha, run.target)) {
        const relation = run.ahead.relation(sha);
        if (relation.kind === 'pending' && relation.lastFailure)
            return `could not tell whether ${short(sha)} is ahead of ${short(run.target)}: ${relation.lastFailure}`;
        if (relation.kind === 'pending')
            return `the forge did not say within the ${formatSeconds(run.budgetMs)} budget whether ${short(sha)} is ahead of ${short(run.target)}`;
        if (relation.kind === 'unknown')
            return `could not tell whether ${short(sha)} is ahead of ${short(run.target)}: ${relation.detail}`;
        if (relation.kind === 'behind')
            return seen.onTarget > 0 && run.confirmations > 1 ? flapped(seen, run) : undefined;
    }
    const inRow = countGoodAtEnd(seen, run);
    if (inRow > 0 && inRow < run.confirmations) {
        return `only the last ${inRow} answer${inRow === 1 ? ' was' : 's were'} on ${short(run.target)} or ahead; settle-confirmations asks for ${run.confirmations} in a row`;
    }
    return undefined;
}
function flapped(seen, run) {
    return `it answered ${run.target.slice(0, 7)} at ${seen.onTarget} of ${seen.polls} polls, never ${run.confirmations} in a row (settle-confirmations); the last answer was ${seen.lastSha.slice(0, 7)}`;
}
function countGoodAtEnd(seen, run) {
    let n = 0;
    for (const a of [...seen.recent].reverse()) {
        if (!(sameCommit(a.sha, run.target) || run.ahead.relation(a.sha).kind === 'ahead'))
            break;
        n += 1;
    }
    return n;
}
const WOKEN = Symbol('woken');

;// CONCATENATED MODULE: ./src/verify/fleet.ts





const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** The verifier's timing and throttling, as the settings give them. */
function settleOptions(s) {
    return { budgetMs: s.budgetMs, intervalMs: s.intervalMs, requestTimeoutMs: s.requestTimeoutMs, concurrency: s.concurrency, confirmations: s.confirmations };
}
/**
 * Verifies a whole fleet at once: every tenant runs its own settle loop from the same start, and only
 * the requests are throttled, so a fleet of thousands takes about one budget, not thousands.
 * Verdicts come back in the order of `tenants`; this never rejects for a tenant's sake.
 */
async function verifyFleet(tenants, opts) {
    const verifier = fleetVerifier(tenants.length, opts);
    return Promise.all(tenants.map((tenant) => verifier.verify(tenant)));
}
function fleetVerifier(total, opts) {
    const run = {
        target: opts.target,
        prober: opts.prober,
        ahead: new AheadMemo(opts.ancestry, opts.target),
        clock: opts.clock,
        budgetMs: opts.budgetMs,
        intervalMs: opts.intervalMs,
        requestTimeoutMs: opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        confirmations: opts.confirmations ?? 1,
        limit: (0,p_limit/* default */.A)(opts.concurrency ?? DEFAULT_CONCURRENCY),
        signal: opts.signal,
        onObservation: opts.onObservation
    };
    let done = 0;
    let ok = 0;
    const progressed = (good) => {
        done += 1;
        if (good)
            ok += 1;
        opts.onProgress?.(done, total, ok);
    };
    return {
        async verify(tenant) {
            const v = await settleTenant(tenant, { ...run, startedAt: opts.clock.now() });
            progressed(v.verdict === 'on-target' || v.verdict === 'ahead');
            return v;
        },
        pass: () => progressed(false)
    };
}
/** One observation against the target, e.g. the read before a redeploy that must never go backward. */
async function fleet_classify(obs, target, ancestry) {
    if (!obs.sha)
        return 'unreadable';
    if (sameCommit(obs.sha, target))
        return 'on-target';
    return (await ancestry.isAhead(obs.sha, target).catch(() => false)) ? 'ahead' : 'behind-or-unknown';
}

;// CONCATENATED MODULE: ./src/verify/types.ts
/**
 * The verifier's vocabulary, shared by `mode: verify`, the rollout (which verifies each wave) and
 * reconcile (which reads every tenant once before deciding what to redeploy).
 */
const OK_VERDICTS = new Set(['on-target', 'ahead']);
function isOk(verdict) {
    return OK_VERDICTS.has(verdict);
}

;// CONCATENATED MODULE: ./src/rollout/describe.ts
/** Short human renderings of rollout state, for reasons, phase details and log lines. */
function judgeGate(d) {
    return { outcome: d.superseded ? 'superseded' : d.basis === 'unreadable' ? 'owner (head unreadable)' : 'owner', detail: d.reason };
}
/** `acme stale, globex redeploy-failed, and 3 more`. */
function describeFailures(failed) {
    const names = failed.slice(0, 5).map((r) => `${r.tenant} ${r.action === 'redeploy-failed' ? 'redeploy-failed' : r.action === 'skipped-unknown' ? 'ancestry unknown' : r.verdict?.verdict}`);
    return names.join(', ') + (failed.length > 5 ? `, and ${failed.length - 5} more` : '');
}
/** `3 redeployed, 1 already on target, 2 ahead`. */
function summarise(records) {
    const n = (a) => records.filter((r) => r.action === a).length;
    return `${n('redeployed')} redeployed, ${n('skipped-on-target')} already on target, ${n('skipped-ahead')} ahead`;
}

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
        const onTarget = baseline !== undefined && sameCommit(baseline, this.deps.target);
        this.watches.set(tenant, { baseline, seenOnTarget: onTarget, reissues: this.watches.get(tenant)?.reissues ?? 0, busy: false });
    }
    /** The verifier's onObservation hook. */
    observe = (tenant, obs) => {
        const w = this.watches.get(tenant);
        if (!w || !obs.sha)
            return;
        if (sameCommit(obs.sha, this.deps.target)) {
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
        const moved = w.baseline === undefined || !sameCommit(obs.sha, w.baseline);
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
            await this.deps.fence();
        }
        catch (error) {
            if (!(error instanceof SupersededError))
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

;// CONCATENATED MODULE: ./src/rollout/preflight.ts

async function preflightRead(obs, target, ancestry) {
    if (!obs.sha)
        return { kind: 'no-answer', error: obs.error };
    if (sameCommit(obs.sha, target))
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
    for (let attempt = 1; attempt <= CAS_ATTEMPTS; attempt++) {
        if (deps.signal.aborted)
            return record;
        const obs = await deps.prober.probe(tenant, deps.signal);
        if (attempt === 1)
            record.before = obs.sha;
        const seen = await preflightRead(obs, deps.target, deps.ancestry);
        const action = preflightAction(seen, deps.force);
        if (action === 'skip-on-target' || action === 'skip-ahead') {
            record.action = action === 'skip-on-target' ? 'skipped-on-target' : 'skipped-ahead';
            if (action === 'skip-ahead')
                core/* info */.pq(`${tenant} already serves ${obs.sha?.slice(0, 7)}, a descendant of ${target}: not rolled back`);
            deps.sweeper.watch(tenant, obs.sha);
            return record;
        }
        if (action === 'skip-unknown' && seen.kind === 'unknown') {
            record.action = 'skipped-unknown';
            record.redeployError = `not redeployed: it serves ${seen.sha.slice(0, 7)}, whose ancestry to ${target} could not be established (${seen.detail}); it may be ahead. Run again when the forge answers, or set force: true to roll it anyway`;
            return record;
        }
        if (seen.kind === 'unknown')
            core/* warning */.$e(`${tenant} serves ${seen.sha.slice(0, 7)}, whose ancestry to ${target} is unknown (${seen.detail}); force: true rolls it anyway`, { title: 'Redeploy forced' });
        if (action === 'redeploy-forced-backward')
            core/* warning */.$e(`${tenant} serves ${obs.sha?.slice(0, 7)}, newer than ${target}; force: true rolls it back`, { title: 'Backward redeploy forced' });
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
        if (res.ok) {
            record.action = 'redeployed';
            deps.sweeper.watch(tenant, obs.sha);
            return record;
        }
        record.redeployError = res.detail;
        if (res.superseded) {
            record.action = 'stopped-superseded';
            return record;
        }
        record.action = 'redeploy-failed';
        if (!res.conflict)
            return record;
        core/* info */.pq(`${tenant}: the control plane refused a stale compare-and-set (${res.detail}); reading it again`);
    }
    return record;
}
async function passesFence(deps, record) {
    try {
        await deps.fence?.();
        return true;
    }
    catch (error) {
        if (!(error instanceof SupersededError))
            throw error;
        record.action = 'stopped-superseded';
        record.redeployError = `${record.redeployError}; not retried, because this job is superseded: ${error.decision.reason}`;
        return false;
    }
}
/** Reads and redeploys at most this often when a compare-and-set control plane keeps refusing. */
const CAS_ATTEMPTS = 3;

;// CONCATENATED MODULE: ./src/rollout/timeline.ts
/**
 * Records phases as they run. Durations come from the injected clock (so virtual time in tests);
 * wall-clock timestamps come from `wall` for the report.
 */
class Timeline {
    clock;
    wall;
    phases = [];
    constructor(clock, wall = () => new Date()) {
        this.clock = clock;
        this.wall = wall;
    }
    async run(name, fn, judge) {
        const startedAt = this.wall().toISOString();
        const t0 = this.clock.now();
        try {
            const value = await fn();
            this.record(name, startedAt, t0, judge(value));
            return value;
        }
        catch (error) {
            this.record(name, startedAt, t0, { outcome: 'error', detail: error.message });
            throw error;
        }
    }
    record(name, startedAt, t0, result) {
        this.phases.push({
            name,
            startedAt,
            endedAt: this.wall().toISOString(),
            durationMs: Math.max(0, Math.round(this.clock.now() - t0)),
            ...result
        });
    }
}

;// CONCATENATED MODULE: ./src/rollout/types.ts
/**
 * A tenant counts as failed when its redeploy failed, its ancestry could not be established, or its
 * last verdict is neither on-target nor ahead.
 */
function isFailed(r) {
    if (r.action === 'redeploy-failed' || r.action === 'skipped-unknown')
        return true;
    return r.verdict !== undefined && r.verdict.verdict !== 'on-target' && r.verdict.verdict !== 'ahead';
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
    deps;
    timeline;
    records;
    sweeper;
    stepDeps;
    headSha;
    /** Set by the fence when a retry or re-issue found a newer commit owning the branch. */
    supersededBy;
    constructor(deps) {
        this.deps = deps;
        const { target, rollout } = deps;
        this.timeline = deps.timeline ?? new Timeline(deps.clock);
        this.records = new Map(deps.fleet.map((t) => [t, { tenant: t, step: '', action: 'not-started', reissues: 0 }]));
        const request = (tenant, current) => ({ tenant, tag: rollout.tag, sha: target.sha, environment: target.environment, current });
        this.sweeper = new Sweeper({ target: target.sha, request, redeployer: deps.redeployer, ancestry: deps.ancestry, fence: this.fence, log: (m) => core/* warning */.$e(m), signal: deps.signal });
        this.stepDeps = { target: target.sha, force: deps.gateSettings.force, prober: deps.prober, ancestry: deps.ancestry, redeployer: deps.redeployer, sweeper: this.sweeper, request, signal: deps.signal, fence: this.fence, knownSuperseded: () => this.supersededBy };
    }
    /**
     * Asked before every redeploy attempt that follows a wait (a retry, a compare-and-set re-attempt, a
     * re-issue): a fresh gate answer, so nothing is sent on a decision older than one round trip.
     */
    fence = async () => {
        if (this.deps.gateSettings.force)
            return;
        if (this.supersededBy)
            throw new SupersededError(this.supersededBy);
        const decision = await this.deps.gate.check();
        if (!decision.superseded)
            return;
        this.supersededBy ??= decision;
        this.headSha = decision.headSha ?? this.headSha;
        throw new SupersededError(decision);
    };
    async run() {
        const { rollout, signal } = this.deps;
        const steps = planSteps(this.deps.fleet, rollout.canary, rollout.maxParallel, rollout.waves);
        for (const [i, step] of steps.entries()) {
            if (signal.aborted)
                return this.finish('cancelled', `The run was cancelled before ${step.name}; nothing was started after that.`);
            const where = i === 0 ? 'before the first redeploy' : `before ${step.name}`;
            // Asked here even for the first step: a decision taken before the (possibly slow) fleet load is stale.
            const decision = await this.askGate(step, where);
            if (decision.superseded && !this.deps.gateSettings.force)
                return this.finish('skipped-superseded', `Superseded ${where}: ${decision.reason}`);
            await this.timeline.run(step.name, () => core/* group */.Os(`${cap(step.name)}: ${stepSize(step, this.deps.fleet.length)}`, () => this.roll(step)), () => this.judge(step));
            if (this.supersededBy)
                return this.finish('skipped-superseded', `Superseded during ${step.name}: ${this.supersededBy.reason} Nothing more was sent after that.`);
            if (step.kind === 'canary')
                await this.soakAndReverify(step);
            if (signal.aborted)
                return this.finish('cancelled', `The run was cancelled during ${step.name}; nothing new was started after that.`);
            const failed = this.failures();
            if (step.kind === 'canary' && failed.length > 0)
                return this.finish('failed', `The canary failed (${describeFailures(failed)}); the rest of the fleet was not touched.`);
            if (failed.length > rollout.maxFailures) {
                const left = steps.length - i - 1;
                return this.finish('failed', `${failed.length} tenant(s) failed (${describeFailures(failed)}), more than max-failures (${rollout.maxFailures}); halted after ${step.name}${left ? `, ${left} wave(s) not started` : ''}.`);
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
    async askGate(step, where) {
        const decision = await this.timeline.run(`gate (${step.name})`, () => core/* group */.Os(`Superseded gate ${where}`, () => this.deps.gate.check()), judgeGate);
        this.headSha = decision.headSha ?? this.headSha;
        announce(decision, this.deps.gateSettings, where);
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
        const verifier = fleetVerifier(step.tenants.length, { ...this.settleWith(), onProgress: (done, total, ok) => deps.onProgress?.(step.name, done, total, ok) });
        await Promise.all(step.tenants.map(async (t) => {
            const r = await limit(() => rollTenant(t, step.name, this.stepDeps));
            this.records.set(r.tenant, r);
            // The error annotation comes once, at the end, with every other failing tenant's.
            if (r.action === 'redeploy-failed')
                core/* info */.pq(`redeploy of ${r.tenant} failed: ${r.redeployError}`);
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
        await this.timeline.run('soak', () => core/* group */.Os(`Soak: ${rollout.soakMs / 1000}s`, () => clock.sleep(rollout.soakMs, signal).catch(() => undefined)), () => ({ outcome: signal.aborted ? 'cancelled' : 'ok' }));
        await this.timeline.run('canary re-verify', () => core/* group */.Os('Canary, verified again after the soak', () => this.verify('canary re-verify', step.tenants, true)), () => this.judge(step));
    }
    /** One more read of every verified tenant, so a regression that landed after its wave is healed too. */
    async confirm() {
        if (this.deps.signal.aborted)
            return;
        const ok = [...this.records.values()].filter((r) => !isFailed(r) && r.action !== 'not-started').map((r) => r.tenant);
        const judge = () => ({ outcome: this.failures().length ? 'failed' : 'ok' });
        await this.timeline.run('confirm', () => core/* group */.Os(`Confirm: the whole fleet once more (${ok.length})`, () => this.verify('confirm', ok, true)), judge);
    }
    /**
     * `again` marks a re-verification (after the soak, the final confirm): a tenant that is still fine keeps
     * the verdict of its first verification, whose settle time and polls are the ones worth reporting.
     */
    async verify(phase, tenants, again = false) {
        const { deps } = this;
        deps.onProgress?.(phase, 0, tenants.length, 0);
        const verdicts = await verifyFleet(tenants, { ...this.settleWith(), onProgress: (done, total, ok) => deps.onProgress?.(phase, done, total, ok) });
        await this.sweeper.settle();
        for (const v of verdicts) {
            const record = this.records.get(v.tenant);
            if (!again || !record.verdict || !isOk(v.verdict) || record.verdict.verdict !== v.verdict)
                record.verdict = v;
        }
    }
    settleWith() {
        const { deps } = this;
        return { target: deps.target.sha, prober: deps.prober, ancestry: deps.ancestry, clock: deps.clock, ...settleOptions(deps.verify), signal: deps.signal, onObservation: this.sweeper.observe };
    }
    judge(step) {
        if (this.deps.signal.aborted)
            return { outcome: 'cancelled' };
        const bad = step.tenants.map((t) => this.records.get(t)).filter(isFailed);
        // The size of each step is part of its row in the timeline: `6 tenants, to 6 of 60 (10%)`.
        const size = stepSize(step, this.deps.fleet.length);
        return bad.length ? { outcome: 'failed', detail: `${size}; ${describeFailures(bad)}` } : { outcome: 'ok', detail: size };
    }
    failures() {
        return [...this.records.values()].filter(isFailed);
    }
    finish(result, reason) {
        for (const r of this.records.values())
            r.reissues = this.sweeper.reissued.get(r.tenant) ?? 0;
        return { result, reason, headSha: this.headSha, tenants: [...this.records.values()], phases: this.timeline.phases };
    }
}
/** Tenants this job moved or found on the target (or ahead): the ones whose verification it waits for. */
const VERIFIED_ACTIONS = new Set(['redeployed', 'skipped-on-target', 'skipped-ahead']);
function cap(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
}

;// CONCATENATED MODULE: ./src/rollout/shard.ts
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
        return { problem: `the answer is neither JSON nor a bare SHA: ${JSON.stringify(excerpt(text, 60, { oneLine: true }))}` };
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
    return { problem: `field \`${path}\` is not a SHA of 7 to 40 hex digits: ${JSON.stringify(excerpt(String(JSON.stringify(node)), 60))}` };
}
function findAuto(doc) {
    const sha = search(doc, 0, '');
    if (sha)
        return { sha };
    return { problem: `no SHA under the usual names (${SHA_KEYS.filter((k) => !NESTED_ONLY.has(k)).slice(0, 6).join(', ')}, ...); set buildinfo-field` };
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
    const vars = commitVars(targetSha, settings.environment);
    const headers = mergeHeaders({ accept: 'application/json, text/plain;q=0.9, */*;q=0.1', 'cache-control': 'no-cache', pragma: 'no-cache', 'user-agent': 'rollout-guard' }, settings.headers);
    let counter = 0;
    const nonce = Date.now().toString(36);
    const urlFor = (tenant) => render(settings.buildinfoUrl, { ...vars, tenant }, encodeUrlPart);
    return {
        urlFor,
        async probe(tenant, signal) {
            const url = new URL(urlFor(tenant));
            url.searchParams.set(CACHE_BUST_PARAM, `${nonce}-${(counter++).toString(36)}`);
            runCounters().buildinfoPolls++;
            let res;
            try {
                res = await http.send({ url, headers, timeoutMs: settings.requestTimeoutMs, maxBodyBytes: MAX_BUILDINFO_BYTES, signal, followSameOriginRedirects: true });
            }
            catch (error) {
                return { error: excerpt(errorMessage(error), 300) };
            }
            const status = res.status;
            if (status < 200 || status > 299) {
                // Masked before it is cut: a page that echoes the token must not leave its first characters.
                const shown = excerpt(res.body.toString('utf8'), 120, { oneLine: true });
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

;// CONCATENATED MODULE: ./src/verify/tenants.ts





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
    const res = await withRetry(async (_attempt, remainingMs) => {
        const r = await http.send({ url, timeoutMs: Math.min(settings.requestTimeoutMs, remainingMs), maxBodyBytes: 4 * 1024 * 1024, signal, headers: { accept: 'application/json' } });
        if (r.status < 200 || r.status > 299)
            throw statusError(`tenants-url ${new URL(url).origin}`, r);
        return r;
    }, { policy: DEFAULT_RETRY, clock, signal });
    if (res.truncated)
        throw new InputError('tenants-url', shownUrl(url), `${LIST_FORM}; the answer is larger than 4 MiB`);
    const names = parseTenantList(res.body.toString('utf8'));
    if (names.length > 1)
        requireTenantPlaceholder(settings.buildinfoUrl);
    return names;
}
/** The `tenants-url` answer: `["a","b"]` or `[{"name":"a"},...]`, non-empty, valid and unique names. */
function parseTenantList(text) {
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        throw new InputError('tenants-url', excerpt(text, 120), `${LIST_FORM}; the answer is not JSON`);
    }
    if (!Array.isArray(doc))
        throw new InputError('tenants-url', excerpt(text, 120), `${LIST_FORM}; the answer is not an array`);
    const names = doc.map((item) => {
        if (typeof item === 'string')
            return item.trim();
        if (item !== null && typeof item === 'object' && typeof item.name === 'string')
            return item.name.trim();
        throw new InputError('tenants-url', excerpt(JSON.stringify(item) ?? String(item), 120), `${LIST_FORM}; this entry is neither`);
    });
    if (names.length === 0)
        throw new InputError('tenants-url', excerpt(text, 120), `${LIST_FORM}, with at least one tenant`);
    return checkTenantNames('tenants-url', names);
}

;// CONCATENATED MODULE: ./src/registry/reference.ts

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
        throw new InputError(input, value, `${EXPECTED_IMAGE} (${why})`);
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
/**
 * IP literals a public registry has no business sending us to: loopback, RFC 1918, link-local (cloud
 * metadata), CGNAT, unique-local and unspecified addresses.
 */
function isInternalAddress(hostname) {
    const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (isLoopbackHost(h))
        return true;
    const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h.replace(/^::ffff:/, ''));
    if (v4) {
        const [a, b] = [Number(v4[1]), Number(v4[2])];
        return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
    }
    if (h.includes(':'))
        return h === '::' || /^f[cd][0-9a-f]{2}:/.test(h) || /^fe[89ab][0-9a-f]:/.test(h);
    return false;
}

;// CONCATENATED MODULE: ./src/settings/promote.ts





const TAG_VARS = ['sha', 'sha7', 'environment'];
const COMMAND_VARS = [...TAG_VARS, 'image', 'from', 'tag', 'source', 'target'];
const DEFAULT_IMAGE_TAG = 'staging-{sha7}';
const promote_SAMPLE_SHA = '0123456789abcdef0123456789abcdef01234567';
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
        throw new InputError('image', '', 'the repository to promote in, such as `ghcr.io/acme/app` (or a `promote-command`)');
    }
    const image = imageText ? parseImageRef('image', imageText) : undefined;
    const from = parseTagTemplate(input, 'promote-from', imageTagTemplate, target);
    const tag = parseTagTemplate(input, 'promote-tag', 'latest', target);
    if (from === tag)
        throw new InputError('promote-tag', tag, `a tag other than promote-from (${from}): a tag cannot be promoted onto itself`);
    const username = input.raw('registry-username');
    const password = input.raw('registry-password');
    if (Boolean(username) !== Boolean(password)) {
        const [missing, given] = username ? ['registry-password', 'registry-username'] : ['registry-username', 'registry-password'];
        throw new InputError(missing, '', `a value too, since ${given} is set (give both or neither)`);
    }
    if (/[:\r\n]/.test(username))
        throw new InputError('registry-username', username, 'a user name without `:` or line breaks');
    let command;
    if (commandText) {
        try {
            command = splitArgs(commandText);
        }
        catch (error) {
            throw new InputError('promote-command', commandText, `a command line with balanced quotes (${errorMessage(error)})`);
        }
        if (command.length === 0)
            throw new InputError('promote-command', commandText, 'a command to run');
        const allowed = image ? COMMAND_VARS : COMMAND_VARS.filter((v) => !['image', 'source', 'target'].includes(v));
        checkTemplate('promote-command', commandText, allowed);
    }
    return {
        image,
        imageText,
        from,
        tag,
        credentials: username ? { username, password } : undefined,
        command,
        retry: DEFAULT_RETRY,
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
    checkTemplate(name, template, TAG_VARS);
    const environment = target?.environment ?? 'production';
    for (const sha of [target?.sha ?? promote_SAMPLE_SHA, promote_SAMPLE_SHA]) {
        const rendered = render(template, commitVars(sha, environment));
        if (!isValidTag(rendered)) {
            const shown = template === rendered ? '' : ` (it renders as ${JSON.stringify(rendered.length > 140 ? `${rendered.slice(0, 140)}…` : rendered)}${target ? ` with environment ${JSON.stringify(environment)}` : ''})`;
            throw new InputError(name, template, `${TAG_FORM}${shown}`);
        }
    }
    return template;
}
/** The two tags for one commit; environment names may still make an invalid tag, caught here. */
function renderTags(settings, sha, environment) {
    const vars = commitVars(sha, environment);
    const from = render(settings.from, vars);
    const tag = render(settings.tag, vars);
    for (const [name, value] of [['promote-from', from], ['promote-tag', tag]]) {
        if (!isValidTag(value))
            throw new InputError(name, value, 'an OCI tag once rendered (up to 128 letters, digits, `_`, `.` or `-`)');
    }
    return { from, tag };
}

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
        ok: isOk(v.verdict),
        sha: v.sha ?? null,
        polls: v.polls,
        settleSeconds: sec(v.settleMs),
        elapsedSeconds: sec(v.elapsedMs),
        cancelled: v.cancelled === true,
        lastError: v.lastError ?? null,
        redeployError: null,
        reissues: 0,
        url: v.url || null,
        ...extra
    };
}
function tenantFromRecord(r) {
    const judged = r.verdict ? tenantFromVerdict(r.verdict) : notJudged(r.tenant);
    // A tenant left alone because its ancestry is unknown failed its redeploy step: the error line says why.
    const failedRedeploy = r.action === 'redeploy-failed' || r.action === 'skipped-unknown';
    return {
        ...judged,
        step: r.step || null,
        action: r.action,
        before: r.before ?? null,
        verdict: failedRedeploy ? 'redeploy-failed' : judged.verdict,
        ok: judged.ok && !failedRedeploy,
        redeployError: r.redeployError ?? null,
        reissues: r.reissues
    };
}
function notJudged(tenant) {
    return { tenant, step: null, action: null, before: null, verdict: 'not-started', ok: false, sha: null, polls: 0, settleSeconds: null, elapsedSeconds: null, cancelled: false, lastError: null, redeployError: null, reissues: 0, url: null };
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
function buildReport(settings, outcome, record, finishedAt, counted = runCounters()) {
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
    return {
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
            ? { buildinfoUrl: s.verify.buildinfoUrl, buildinfoField: s.verify.buildinfoField, budgetSeconds: sec(s.verify.budgetMs), intervalSeconds: sec(s.verify.intervalMs), requestTimeoutSeconds: sec(s.verify.requestTimeoutMs) }
            : null,
        promotion: record.promotion ? promotionOf(settings, sha, record.promotion) : null,
        deployState: record.deployState ? deployStateOf(record.deployState) : null,
        counters: { ...counted, redeployReissues: record.tenants.reduce((n, t) => n + t.reissues, 0) },
        shard: record.shard ?? null
    };
}
function deployStateOf(d) {
    const r = d.record;
    return { action: d.action, end: d.end ?? null, run: r ? `${r.stamp.runId}.${r.stamp.attempt}` : null, since: r?.since?.toISOString() ?? null, url: r?.url ?? null, reason: d.reason };
}
function promotionOf(settings, sha, p) {
    let tags;
    try {
        tags = settings.promote ? renderTags(settings.promote, sha, settings.target.environment) : undefined;
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

;// CONCATENATED MODULE: ./src/modes/finish.ts


/**
 * The common ending of the modes that change the fleet (deploy, reconcile): their outputs and the
 * record main turns into the report, summary and check. The step fails for `failed` and `cancelled`,
 * and for `skipped-superseded` only when the workflow asked for `on-superseded: fail`.
 */
async function finishRun(ctx, run) {
    const { settings } = ctx;
    const r = run.rollout;
    const tenants = r.tenants.map(tenantFromRecord);
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
        shard: run.shard
    };
    const outputs = {
        superseded: String(r.result === 'skipped-superseded'),
        'head-sha': supersededBy ?? r.headSha ?? run.gate?.headSha ?? '',
        reason: r.reason,
        rolled: JSON.stringify(r.tenants.filter((t) => t.action === 'redeployed').map((t) => t.tenant)),
        ...verificationOutputs(tenants),
        promoted: String(run.promotion?.promoted ?? false),
        'promoted-digest': run.promotion && (run.promotion.outcome === 'promoted' || run.promotion.outcome === 'unchanged') ? (run.promotion.digest ?? '') : ''
    };
    switch (r.result) {
        case 'skipped-superseded':
            core/* notice */.lm(r.reason, { title: 'Superseded: this job stepped aside' });
            return { result: r.result, failure: settings.gate.onSuperseded === 'fail' ? r.reason : undefined, outputs, record };
        case 'failed':
        case 'cancelled':
            return { result: r.result, failure: r.reason, outputs, record };
        default:
            core/* info */.pq(r.reason);
            return { result: r.result, outputs, record };
    }
}

;// CONCATENATED MODULE: ./src/modes/progress.ts


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
            core/* info */.pq(`[${phase}] ${ok} of ${total} on target or ahead, ${done - ok} failed, ${total - done} settling (${formatSeconds(clock.now() - s.startedAt)})`);
        }
    };
}

;// CONCATENATED MODULE: ./src/promote/command.ts

async function runPromoteCommand(settings, tags, sha, environment, runner, signal) {
    const image = settings.imageText;
    const vars = { ...commitVars(sha, environment), image, from: tags.from, tag: tags.tag, source: `${image}:${tags.from}`, target: `${image}:${tags.tag}` };
    const argv = (settings.command ?? []).map((arg) => render(arg, vars));
    const env = { ROLLOUT_GUARD_PROMOTE_FROM: tags.from, ROLLOUT_GUARD_PROMOTE_TAG: tags.tag };
    if (image)
        env.ROLLOUT_GUARD_IMAGE = image;
    if (settings.credentials) {
        env.REGISTRY_USERNAME = settings.credentials.username;
        env.REGISTRY_PASSWORD = settings.credentials.password;
    }
    const result = await runner.run(argv, { env, signal });
    const digest = [...result.stdout.matchAll(/sha256:[0-9a-f]{64}/g)].at(-1)?.[0];
    if (result.exitCode !== 0) {
        return { ok: false, digest, detail: `promote-command \`${argv[0]}\` exited with ${result.exitCode}${result.stderrTail ? `: ${result.stderrTail}` : ''}` };
    }
    return { ok: true, digest, detail: `promote-command \`${argv[0]}\` moved ${tags.tag} to ${tags.from}` };
}

;// CONCATENATED MODULE: ./src/promote/decide.ts
const promote_decide_short = (s) => (s.startsWith('sha256:') ? s.slice(0, 19) : s.slice(0, 7));
function decidePromotion(f) {
    const { source, target } = f;
    const built = source.revision ? `built from ${promote_decide_short(source.revision)}` : 'commit unknown';
    const moving = `${target.tag} -> ${source.tag} (${promote_decide_short(source.digest)}, ${built})`;
    if (target.digest === source.digest) {
        return { action: 'unchanged', reason: `${target.tag} already points at ${promote_decide_short(source.digest)}, the image of ${source.tag}; nothing to do.` };
    }
    if (!target.digest)
        return { action: 'promote', forced: false, reason: `${target.tag} does not exist yet; promoting ${moving}.` };
    const held = target.revision ? `${promote_decide_short(target.revision)} (${promote_decide_short(target.digest)})` : promote_decide_short(target.digest);
    const unreadable = [target.unreadable && `${target.tag} (${promote_decide_short(target.digest)})`, source.unreadable && source.tag].filter(Boolean).join(' and ');
    if (unreadable) {
        const why = `cannot tell which commit ${unreadable} was built from (${[target, source].flatMap((i) => (i.unreadable ? [i.revisionNote] : [])).join('; ')})`;
        if (f.force)
            return { action: 'promote', forced: true, reason: `${why}, but force: true moves it: ${moving}.` };
        return { action: 'refuse', reason: `${why}; ${target.tag} is not moved.` };
    }
    if (target.revision && !source.revision) {
        const unknown = `${source.tag} holds an image whose commit is unknown (${source.revisionNote ?? 'no revision annotation or label'}) and ${target.tag} holds ${held}, so nothing proves the move is forward`;
        if (f.force)
            return { action: 'promote', forced: true, reason: `${unknown}, but force: true moves it: ${moving}.` };
        return { action: 'refuse', reason: `${unknown}; ${target.tag} is not moved. Build ${source.tag} with the org.opencontainers.image.revision label, or run with force: true.` };
    }
    if (f.targetAhead) {
        const ahead = `${target.tag} holds ${held}, a newer commit than ${promote_decide_short(source.revision)}, the commit of ${source.tag}`;
        if (f.force)
            return { action: 'promote', forced: true, reason: `${ahead}, but force: true moves it back: ${moving}.` };
        return { action: 'skip-ahead', reason: `${ahead}; ${target.tag} stays where it is (forward-only).` };
    }
    if (!target.revision) {
        return { action: 'promote', forced: false, reason: `${target.tag} holds ${held} whose commit is unknown (${target.revisionNote ?? 'no revision annotation or label'}); promoting ${moving}.` };
    }
    return { action: 'promote', forced: false, reason: `${target.tag} holds ${held}, which is not newer than ${promote_decide_short(source.revision)}; promoting ${moving}.` };
}

;// CONCATENATED MODULE: ./src/promote/fence.ts
/** Thrown by the fence: a newer commit owns the branch, so this write is not sent. */
class fence_SupersededError extends Error {
    reason;
    stopped;
    constructor(reason, 
    /** What was about to be sent again, when a retry was stopped; undefined before the first attempt. */
    stopped) {
        super(reason);
        this.reason = reason;
        this.stopped = stopped;
        this.name = 'SupersededError';
    }
}
function gateFence(checkGate) {
    return async (retrying) => {
        const verdict = await checkGate();
        if (verdict.superseded)
            throw new fence_SupersededError(verdict.reason, retrying);
    };
}

;// CONCATENATED MODULE: ./src/registry/errors.ts

class RegistryError extends Error {
    kind;
    status;
    constructor(kind, message, status) {
        super(message);
        this.kind = kind;
        this.status = status;
        this.name = 'RegistryError';
    }
}
/** `CODE: message` from the distribution error body, or a short excerpt of whatever came back. */
function registryDetail(res) {
    const text = res.body.toString('utf8');
    try {
        const parsed = JSON.parse(text);
        const first = parsed.errors?.[0];
        if (first)
            return excerpt([first.code, first.message].filter((x) => typeof x === 'string' && x).join(': '), 200);
    }
    catch {
        // not the distribution error shape
    }
    return excerpt(text.replace(/\s+/g, ' ').trim(), 200);
}

;// CONCATENATED MODULE: ./src/promote/revision.ts


/**
 * Which commit an image was built from: the `org.opencontainers.image.revision` annotation of the
 * manifest or index (docker/metadata-action and buildx write it), else the config label of that name
 * (`LABEL` in a Dockerfile), looking into one platform image when an index carries neither.
 */
const REVISION_KEY = 'org.opencontainers.image.revision';
const MAX_CONFIG = 8 * 1024 * 1024;
const COMMIT = /^[0-9a-f]{7,40}$/i;
/**
 * Errors reading the registry propagate, and so does a manifest the image refers to that is missing:
 * an unreadable image must not count as "commit unknown", which may be replaced.
 */
async function readRevision(registry, manifest, depth = 0) {
    let json;
    try {
        json = JSON.parse(manifest.bytes.toString('utf8'));
    }
    catch {
        return { revision: undefined, note: 'the manifest is not JSON' };
    }
    const annotated = checked(json.annotations?.[REVISION_KEY], 'annotation');
    if (annotated)
        return annotated;
    if (Array.isArray(json.manifests)) {
        if (depth > 0)
            return { revision: undefined, note: 'nested index without a revision' };
        // The first runnable image; buildx adds attestation manifests with platform unknown/unknown.
        const child = json.manifests.find((m) => m.platform?.os !== 'unknown' && !m.annotations?.['vnd.docker.reference.type']) ?? json.manifests[0];
        if (!child || typeof child.digest !== 'string')
            return { revision: undefined, note: 'an empty index without a revision annotation' };
        const inner = await registry.getManifest(child.digest);
        // A missing platform image is an unreadable image, not an image of unknown commit: the index may
        // well be newer, and "unknown" would let it be overwritten backward.
        if (!inner)
            throw new RegistryError('not-found', `the index ${manifest.digest.slice(0, 19)} refers to the platform image ${child.digest.slice(0, 19)}, which the registry does not have (HTTP 404)`, 404);
        return readRevision(registry, inner, depth + 1);
    }
    if (typeof json.config?.digest !== 'string')
        return { revision: undefined, note: 'no revision annotation and no config' };
    const blob = await registry.getBlob(json.config.digest, MAX_CONFIG);
    let config;
    try {
        config = JSON.parse(blob.toString('utf8'));
    }
    catch {
        return { revision: undefined, note: 'the image config is not JSON' };
    }
    return checked(config.config?.Labels?.[REVISION_KEY], 'config label') ?? { revision: undefined, note: 'no revision annotation or label' };
}
function checked(value, where) {
    if (value === undefined || value === null || value === '')
        return undefined;
    if (typeof value === 'string' && COMMIT.test(value))
        return { revision: value.toLowerCase(), note: where };
    return { revision: undefined, note: `the ${where} ${JSON.stringify(excerpt(String(value), 60))} is not a commit SHA` };
}

;// CONCATENATED MODULE: ./src/promote/promote.ts








async function promote(opts) {
    const fence = gateFence(opts.checkGate);
    try {
        const tags = renderTags(opts.settings, opts.sha, opts.environment);
        if (opts.signal?.aborted)
            return cancelled('the run was cancelled before it started');
        try {
            // Gate first: a superseded job sends no registry request and runs no command.
            if (!opts.gateAsked)
                await fence();
        }
        catch (error) {
            if (!(error instanceof fence_SupersededError))
                throw error;
            const what = opts.settings.command ? 'promote-command was not run' : 'no registry request was sent';
            return { promoted: false, outcome: 'skipped-superseded', reason: `${error.reason} ${tags.tag} was not moved: ${what}.` };
        }
        if (opts.settings.command)
            return await byCommand(opts, tags);
        if (!opts.registry)
            throw new Error('no registry client and no promote-command: nothing can promote');
        return await byRetag(opts, opts.registry, tags, fence);
    }
    catch (error) {
        if (opts.signal?.aborted)
            return cancelled(errorMessage(error));
        return { promoted: false, outcome: 'failed', reason: `Promotion failed: ${errorMessage(error)}` };
    }
}
const cancelled = (detail) => ({ promoted: false, outcome: 'cancelled', reason: `Promotion cancelled (${detail}); the tag was not moved by this run.` });
async function byRetag(opts, registry, tags, fence) {
    const name = registry.ref.display;
    const found = await registry.getManifest(tags.from);
    if (!found) {
        return { promoted: false, outcome: 'failed', reason: `Source tag missing: ${name}:${tags.from} does not exist (HTTP 404); push the image of ${opts.sha.slice(0, 7)} as ${tags.from} first.` };
    }
    core/* info */.pq(`${name}:${tags.from} is ${found.digest} (${found.mediaType}).`);
    const target = { digest: await registry.manifestDigest(tags.tag), revision: undefined };
    const source = { digest: found.digest, revision: undefined };
    let targetAhead = false;
    if (target.digest !== source.digest) {
        Object.assign(source, await judged(opts, registry, found, `${name}:${tags.from}`));
        if (source.revision && !sameCommit(source.revision, opts.sha)) {
            core/* info */.pq(`${name}:${tags.from} holds an image of ${source.revision}, not of this job's commit ${opts.sha}: forward-only judges ${source.revision}.`);
        }
        if (target.digest) {
            // Read by digest: the image judged is the image that was there, even if the tag moves meanwhile.
            const held = await registry.getManifest(target.digest);
            Object.assign(target, await judged(opts, registry, held, `${name}:${tags.tag} (${target.digest})`));
        }
        if (target.revision && source.revision)
            targetAhead = await opts.ancestry.isAhead(target.revision, source.revision);
    }
    core/* info */.pq(`${name}:${tags.tag} is ${target.digest ?? 'absent'}${target.revision ? `, built from ${target.revision}` : ''}.`);
    const decision = decidePromotion({ sha: opts.sha, source: { ...source, tag: tags.from }, target: { ...target, tag: tags.tag }, targetAhead, force: opts.force });
    const before = { previousDigest: target.digest, previousRevision: target.revision };
    if (decision.action === 'unchanged')
        return { promoted: false, outcome: 'unchanged', digest: source.digest, ...before, reason: decision.reason };
    if (decision.action === 'skip-ahead')
        return { promoted: false, outcome: 'skipped-ahead', digest: source.digest, ...before, reason: decision.reason };
    if (decision.action === 'refuse')
        return { promoted: false, outcome: 'failed', digest: source.digest, ...before, reason: `Promotion failed: ${decision.reason}` };
    if (decision.forced)
        core/* warning */.$e(decision.reason, { title: 'Promotion forced past the forward-only check' });
    let written;
    try {
        await fence();
        written = await registry.putManifest(tags.tag, found, fence);
    }
    catch (error) {
        if (!(error instanceof fence_SupersededError))
            throw error;
        const stopped = error.stopped ? `: ${error.stopped} was not sent` : '';
        return { promoted: false, outcome: 'skipped-superseded', digest: source.digest, ...before, reason: `${error.reason} ${tags.tag} was not moved${stopped}.` };
    }
    if (written !== source.digest) {
        return { promoted: false, outcome: 'failed', ...before, reason: `Promotion failed: the registry stored ${tags.tag} as ${written}, not ${source.digest}.` };
    }
    core/* info */.pq(`${name}:${tags.tag} now points at ${written}.`);
    return { promoted: true, outcome: 'promoted', digest: written, ...before, reason: decision.reason, forced: decision.forced };
}
/**
 * The commit an image was built from. An image that cannot be read (a manifest or blob missing, the
 * registry failing) is never "commit unknown": that would let an image of a newer commit be replaced.
 * Only `force: true` goes past it, with the reason saying so.
 */
async function judged(opts, registry, manifest, what) {
    try {
        if (!manifest)
            throw new Error('its manifest vanished while being read (HTTP 404)');
        const read = await readRevision(registry, manifest);
        return { revision: read.revision, revisionNote: read.note };
    }
    catch (error) {
        if (!opts.force)
            throw new Error(`cannot tell which commit ${what} was built from, so nothing is moved: ${errorMessage(error)}`, { cause: error });
        return { revision: undefined, revisionNote: errorMessage(error), unreadable: true };
    }
}
async function byCommand(opts, tags) {
    // The command cannot be asked what the tag holds, so the gate (asked just before) is the only guard:
    // it must do its own forward-only check if the registry can move tags out of order.
    if (opts.signal?.aborted)
        return cancelled('the run was cancelled before promote-command started');
    const result = await runPromoteCommand(opts.settings, tags, opts.sha, opts.environment, opts.runner, opts.signal);
    if (!result.ok)
        return { promoted: false, outcome: 'failed', digest: result.digest, reason: `Promotion failed: ${result.detail}` };
    return { promoted: true, outcome: 'promoted', digest: result.digest, reason: `${result.detail}.` };
}

;// CONCATENATED MODULE: ./src/registry/challenge.ts

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;
/**
 * Parses one header holding one or more challenges (`Basic realm="x", Bearer realm="y",scope="a,b"`).
 * Quoted values may hold commas, so this walks the text instead of splitting it.
 */
function parseChallenges(header) {
    const out = [];
    let rest = header.trim();
    let current;
    while (rest.length > 0) {
        rest = rest.replace(/^[\s,]+/, '');
        const name = TOKEN.exec(rest)?.[0];
        if (!name)
            break;
        const after = rest.slice(name.length);
        const param = /^\s*=\s*/.exec(after);
        if (!param || !current) {
            // A token not followed by `=` starts a new challenge.
            current = { scheme: name.toLowerCase(), params: {} };
            out.push(current);
            rest = after;
            continue;
        }
        rest = after.slice(param[0].length);
        let value;
        if (rest.startsWith('"')) {
            let i = 1;
            value = '';
            for (; i < rest.length && rest[i] !== '"'; i++)
                value += rest[i] === '\\' ? (rest[++i] ?? '') : rest[i];
            rest = rest.slice(i + 1);
        }
        else {
            value = /^[^,\s]*/.exec(rest)[0];
            rest = rest.slice(value.length);
        }
        current.params[name.toLowerCase()] = value;
    }
    return out;
}
/**
 * Whether a token realm the registry named may be sent the credentials. A registry answer must not be
 * able to point the runner at an internal service or hand the password to a stranger, so a realm is
 * accepted only on the registry's own host, or on a host in the registry's own parent domain (Docker
 * Hub: registry-1.docker.io -> auth.docker.io; GitLab: registry.gitlab.com -> gitlab.com). Internal
 * addresses are accepted only when they are the registry's own host and port. Plain HTTP only where the
 * registry itself is plain HTTP on the same host.
 * Returns the reason for a refusal, or undefined when the realm is acceptable.
 */
function realmProblem(realm, registry) {
    if (realm.protocol !== 'https:' && realm.protocol !== 'http:')
        return 'it is not an http(s) URL';
    if (realm.username || realm.password)
        return 'it carries credentials of its own';
    const sameHost = realm.hostname.toLowerCase() === registry.hostname.toLowerCase();
    const samePort = effectivePort(realm) === effectivePort(registry);
    if (realm.protocol === 'http:' && !(registry.protocol === 'http:' && sameHost))
        return 'it is plain HTTP on a host other than the registry';
    if (isInternalAddress(realm.hostname) || isLoopbackHost(realm.hostname)) {
        return sameHost && samePort ? undefined : 'it is an internal address that is not the registry itself';
    }
    if (sameHost)
        return undefined;
    const parent = parentDomain(registry.hostname);
    const host = realm.hostname.toLowerCase();
    if (parent && (host === parent || host.endsWith(`.${parent}`)))
        return undefined;
    return `it is on ${realm.hostname}, which is neither the registry's host nor in its domain`;
}
/** `registry-1.docker.io` -> `docker.io`; none for two-label hosts (`ghcr.io`) or IP literals. */
function parentDomain(hostname) {
    const h = hostname.toLowerCase();
    if (/^[\d.]+$/.test(h) || h.includes(':') || h.startsWith('['))
        return undefined;
    const labels = h.split('.');
    return labels.length >= 3 ? labels.slice(1).join('.') : undefined;
}
function effectivePort(url) {
    return url.port || (url.protocol === 'https:' ? '443' : '80');
}

;// CONCATENATED MODULE: ./src/registry/auth.ts




/**
 * The registry login dance as docker and crane do it: start anonymous; on a 401 follow the challenge,
 * Basic with the credentials, or Bearer by asking the challenge's realm for a token scoped to
 * `repository:<name>:pull,push`. Basic is tried once: a second 401 means the credentials are wrong.
 *
 * Bearer tokens expire (`expires_in`, 60 s when absent, as the token specification says), so a token
 * is fetched again shortly before it lapses, on the injected clock. A token that worked and is then
 * refused (the registry answers 401 `invalid_token` once it lapses, or a shorter lifetime than it
 * said) is fetched again once; only a token refused right after it was issued means bad credentials.
 */
class RegistryAuth {
    deps;
    header;
    triedBasic = false;
    bearer;
    /** A request sent with the current token was accepted: a later refusal means it lapsed. */
    tokenProven = false;
    constructor(deps) {
        this.deps = deps;
    }
    /** The Authorization header as it stands, without renewing anything. */
    get current() {
        return this.header;
    }
    /** The Authorization header for the next request, with the token renewed first when it is about to lapse. */
    async authorization() {
        if (this.bearer && this.deps.clock.now() >= this.bearer.refreshAt) {
            this.deps.log('The registry token is about to expire; fetching a new one.');
            await this.renew(this.bearer.realm, this.bearer.service);
        }
        return this.header;
    }
    /** Told that a request sent with `sent` was not refused, so the token in it is known to work. */
    accepted(sent) {
        if (sent !== undefined && sent === this.header)
            this.tokenProven = true;
    }
    get who() {
        return this.deps.credentials ? `user ${this.deps.credentials.username}` : 'anonymous access';
    }
    /** Handles a 401 so the request can be repeated, or throws a RegistryError that says why it cannot. */
    async answer(res, what, write) {
        const challenges = parseChallenges(res.headers['www-authenticate'] ?? '');
        const bearer = challenges.find((c) => c.scheme === 'bearer');
        const basic = challenges.find((c) => c.scheme === 'basic');
        const repo = this.deps.repository;
        if (bearer?.params.error === 'insufficient_scope') {
            const lacking = write ? 'no push scope' : 'no pull access';
            throw new RegistryError('scope', `${what}: ${this.who} has ${lacking} on ${repo} (the registry answered insufficient_scope for ${bearer.params.scope ?? 'this request'})${this.hint(write)}.`, 401);
        }
        if (bearer?.params.realm) {
            if (this.bearer && !this.tokenProven)
                throw this.badCredentials(what, 'the registry refused the token it was just given');
            if (this.bearer)
                this.deps.log(`${what}: the registry refused a token that worked before (${bearer.params.error ?? 'HTTP 401'}); fetching a new one.`);
            await this.renew(bearer.params.realm, bearer.params.service);
            return;
        }
        if (basic) {
            if (!this.deps.credentials)
                throw new RegistryError('credentials', `${what}: the registry asks for credentials; set registry-username and registry-password.`, 401);
            if (this.triedBasic)
                throw this.badCredentials(what, 'Basic authentication was refused');
            this.triedBasic = true;
            const { username, password } = this.deps.credentials;
            this.header = `Basic ${basic64(username, password)}`;
            this.deps.onSecret?.(basic64(username, password));
            return;
        }
        throw new RegistryError('credentials', `${what}: HTTP 401 without a Basic or Bearer challenge (${excerpt(res.headers['www-authenticate'] ?? 'no WWW-Authenticate', 120)}).`, 401);
    }
    async renew(realm, service) {
        // The lifetime counts from the moment the token was asked for, as the specification says.
        const askedAt = this.deps.clock.now();
        const { token, lifetimeMs } = await this.fetchToken(realm, service);
        this.header = `Bearer ${token}`;
        this.tokenProven = false;
        this.bearer = { realm, service, refreshAt: askedAt + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 4) };
    }
    hint(write) {
        if (!this.deps.credentials)
            return '; set registry-username and registry-password';
        return write ? '; give these credentials write (push) access to the repository' : '; give these credentials read access to the repository';
    }
    badCredentials(what, detail) {
        return new RegistryError('credentials', `${what}: bad credentials, ${detail} for ${this.who}${this.deps.credentials ? '' : '; set registry-username and registry-password'}.`, 401);
    }
    async fetchToken(realmText, service) {
        let realm;
        try {
            realm = new URL(realmText);
        }
        catch {
            throw new RegistryError('refused-realm', `The registry named a token realm that is not a URL: ${JSON.stringify(excerpt(realmText, 120))}.`);
        }
        const problem = realmProblem(realm, this.deps.registryUrl);
        if (problem) {
            throw new RegistryError('refused-realm', `Refused to ask the token realm ${realm.origin}${realm.pathname} for a token: ${problem}. Credentials are only sent to the registry's own host.`);
        }
        const url = new URL(realm);
        if (service)
            url.searchParams.set('service', service);
        url.searchParams.set('scope', `repository:${this.deps.repository}:pull,push`);
        const headers = { accept: 'application/json' };
        const creds = this.deps.credentials;
        if (creds) {
            headers.authorization = `Basic ${basic64(creds.username, creds.password)}`;
            this.deps.onSecret?.(basic64(creds.username, creds.password));
        }
        const what = `token service ${realm.origin}`;
        const res = await withRetry(async (_attempt, remainingMs) => {
            const r = await this.deps.http.send({ url, headers, timeoutMs: Math.max(1, Math.floor(Math.min(this.deps.timeoutMs, remainingMs))), signal: this.deps.signal });
            if (RETRYABLE_STATUSES.has(r.status))
                throw statusError(what, r, this.deps.clock.now());
            return r;
        }, { policy: this.deps.retry, clock: this.deps.clock, signal: this.deps.signal, onRetry: ({ delayMs, error }) => this.deps.log(`${String(error)}; retrying in ${delayMs} ms`) });
        if (res.status === 401 || res.status === 403) {
            throw new RegistryError('credentials', `Bad credentials: the ${what} refused ${this.who} (HTTP ${res.status})${creds ? '; check registry-username and registry-password' : '; set registry-username and registry-password'}.`, res.status);
        }
        if (res.status !== 200)
            throw new RegistryError('status', `The ${what} answered HTTP ${res.status}.`, res.status);
        let body;
        try {
            body = JSON.parse(res.body.toString('utf8'));
        }
        catch {
            throw new RegistryError('invalid', `The ${what} answered something that is not JSON.`);
        }
        const token = typeof body.token === 'string' && body.token ? body.token : body.access_token;
        if (typeof token !== 'string' || !token)
            throw new RegistryError('invalid', `The ${what} answered without a token or access_token.`);
        this.deps.onSecret?.(token);
        const seconds = typeof body.expires_in === 'number' && Number.isFinite(body.expires_in) && body.expires_in > 0 ? body.expires_in : DEFAULT_TOKEN_SECONDS;
        this.deps.log(`Got a registry token from ${realm.origin} for ${this.who}, valid for ${seconds} s.`);
        return { token, lifetimeMs: seconds * 1000 };
    }
}
/** The token specification's lifetime for an answer without `expires_in`. */
const DEFAULT_TOKEN_SECONDS = 60;
/** Renew this long before the lapse (at most a quarter of the lifetime), so no request carries a dying token. */
const REFRESH_MARGIN_MS = 30_000;
const basic64 = (username, password) => Buffer.from(`${username}:${password}`).toString('base64');

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/registry/media.ts


/**
 * The four manifest types a retag copies, and how a served manifest's type and digest are read. The
 * OCI index must be in the Accept list: without it distribution answers an index with 404.
 */
const MANIFEST_TYPES = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.docker.distribution.manifest.v2+json'
];
const digestOf = (bytes) => `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
/** The bare media type of a served manifest: the Content-Type, else the JSON `mediaType` field. */
function mediaTypeOf(res, what) {
    const header = (res.headers['content-type'] ?? '').split(';')[0].trim();
    if (MANIFEST_TYPES.includes(header))
        return header;
    let field;
    try {
        field = JSON.parse(res.body.toString('utf8')).mediaType;
    }
    catch {
        field = undefined;
    }
    if (typeof field === 'string' && MANIFEST_TYPES.includes(field))
        return field;
    throw new RegistryError('invalid', `${what}: unsupported manifest type ${JSON.stringify(header || String(field))}; expected one of ${MANIFEST_TYPES.join(', ')}.`);
}

;// CONCATENATED MODULE: ./src/registry/client.ts






const MAX_MANIFEST = 4 * 1024 * 1024;
function createRegistry(ref, options) {
    return new DistributionRegistry(ref, options);
}
class DistributionRegistry {
    ref;
    options;
    origin;
    base;
    auth;
    log;
    constructor(ref, options) {
        this.ref = ref;
        this.options = options;
        const plain = options.insecure || isLoopbackHost(ref.host.replace(/:\d+$/, ''));
        this.base = new URL(`${plain ? 'http' : 'https'}://${ref.host}`);
        this.origin = this.base.origin;
        this.log = options.log ?? (() => undefined);
        this.auth = new RegistryAuth({ ...options, registryUrl: this.base, repository: ref.repository, credentials: options.credentials, log: this.log });
    }
    async getManifest(reference) {
        const what = `GET ${this.ref.display}:${reference}`;
        const res = await this.call({ method: 'GET', path: `manifests/${reference}`, what, headers: { accept: MANIFEST_TYPES.join(', ') }, maxBodyBytes: MAX_MANIFEST });
        if (res.status === 404)
            return undefined;
        this.expect(res, 200, what);
        if (res.truncated)
            throw new RegistryError('invalid', `${what}: the manifest is larger than ${MAX_MANIFEST} bytes.`);
        const digest = digestOf(res.body);
        const stated = res.headers['docker-content-digest'];
        if (stated && stated.startsWith('sha256:') && stated !== digest) {
            throw new RegistryError('invalid', `${what}: the registry says ${stated} but the bytes hash to ${digest}.`);
        }
        return { bytes: res.body, mediaType: mediaTypeOf(res, what), digest };
    }
    async manifestDigest(reference) {
        const what = `HEAD ${this.ref.display}:${reference}`;
        const res = await this.call({ method: 'HEAD', path: `manifests/${reference}`, what, headers: { accept: MANIFEST_TYPES.join(', ') } });
        if (res.status === 404)
            return undefined;
        this.expect(res, 200, what);
        const stated = res.headers['docker-content-digest'];
        if (stated)
            return stated;
        // Some registries leave the digest out of HEAD answers; the bytes settle it.
        return (await this.getManifest(reference))?.digest;
    }
    async putManifest(tag, manifest, fence) {
        const what = `PUT ${this.ref.display}:${tag}`;
        const res = await this.call({ method: 'PUT', path: `manifests/${tag}`, what, headers: { 'content-type': manifest.mediaType }, body: manifest.bytes, fence });
        if (res.status === 404)
            throw new RegistryError('not-found', `${what}: HTTP 404 (${registryDetail(res)}); the repository or a manifest the index refers to is missing.`, 404);
        this.expect(res, 201, what);
        return res.headers['docker-content-digest'] || manifest.digest;
    }
    async getBlob(digest, maxBytes) {
        const what = `GET blob ${digest.slice(0, 19)} of ${this.ref.display}`;
        let res = await this.call({ method: 'GET', path: `blobs/${digest}`, what, maxBodyBytes: maxBytes });
        // Registries hand blobs out from storage on another host (S3, a CDN) through signed redirects.
        for (let hop = 0; hop < 3 && [301, 302, 303, 307, 308].includes(res.status) && res.headers.location; hop++) {
            res = await this.followBlobRedirect(new URL(res.headers.location, res.url), what, maxBytes);
        }
        if (res.status === 404)
            throw new RegistryError('not-found', `${what}: HTTP 404 (${registryDetail(res)}).`, 404);
        this.expect(res, 200, what);
        if (res.truncated)
            throw new RegistryError('invalid', `${what}: larger than ${maxBytes} bytes.`);
        if (digest.startsWith('sha256:') && digestOf(res.body) !== digest)
            throw new RegistryError('invalid', `${what}: the bytes do not match the digest.`);
        return res.body;
    }
    async followBlobRedirect(url, what, maxBytes) {
        const sameOrigin = url.origin === this.origin;
        if (!sameOrigin && (url.protocol !== 'https:' || isInternalAddress(url.hostname))) {
            throw new RegistryError('refused-realm', `${what}: refused a redirect to ${url.origin} (not https, or an internal address).`);
        }
        return this.retried(what, async (remainingMs) => {
            // Signed storage URLs carry their own authorisation: the registry token stays with the registry.
            const authorization = sameOrigin ? await this.auth.authorization() : undefined;
            const headers = authorization ? { authorization } : undefined;
            return this.options.http.send({ url, headers, timeoutMs: Math.min(this.options.timeoutMs, remainingMs), maxBodyBytes: maxBytes, signal: this.options.signal });
        });
    }
    call(call) {
        const url = new URL(`/v2/${this.ref.repository}/${call.path}`, this.base);
        return this.retried(call.what, async (remainingMs) => {
            for (;;) {
                const headers = { ...call.headers };
                const held = this.auth.current;
                const authorization = await this.auth.authorization();
                // Renewing a token took a round trip: a write passes its fence again before it goes out.
                if (authorization !== held)
                    await call.fence?.(`${call.what} with a renewed token`);
                if (authorization)
                    headers.authorization = authorization;
                const res = await this.options.http.send({
                    url,
                    method: call.method,
                    headers,
                    body: call.body,
                    timeoutMs: Math.min(this.options.timeoutMs, remainingMs),
                    maxBodyBytes: call.maxBodyBytes,
                    signal: this.options.signal,
                    followSameOriginRedirects: call.method !== 'PUT' && !call.path.startsWith('blobs/')
                });
                if (res.status !== 401) {
                    this.auth.accepted(authorization);
                    return res;
                }
                await this.auth.answer(res, call.what, call.method === 'PUT');
                // Getting credentials took a round trip (and maybe retries): the write passes its fence again.
                await call.fence?.(`${call.what} with new credentials`);
            }
        }, call.fence);
    }
    retried(what, fn, fence) {
        const { clock, retry, signal } = this.options;
        return withRetry(async (_attempt, remainingMs) => {
            // Timers want whole milliseconds; a monotonic clock hands out fractions.
            const res = await fn(Math.max(1, Math.floor(remainingMs)));
            if (RETRYABLE_STATUSES.has(res.status))
                throw statusError(what, res, clock.now());
            return res;
        }, {
            policy: retry,
            clock,
            signal,
            onRetry: ({ delayMs, error }) => this.log(`${String(error instanceof Error ? error.message : error)}; retrying in ${delayMs} ms`),
            // After the wait, before the attempt: a decision taken before the wait is not good enough for a write.
            beforeRetry: fence ? ({ error }) => fence(`${what} again after ${error instanceof HttpStatusError ? `HTTP ${error.status}` : 'a network error'}`) : undefined
        });
    }
    expect(res, status, what) {
        if (res.status === status)
            return;
        const detail = registryDetail(res);
        if (res.status === 403) {
            const write = what.startsWith('PUT');
            throw new RegistryError('scope', `${what}: HTTP 403 (${detail}); ${write ? 'the credentials have no push scope on' : 'access denied to'} ${this.ref.repository}.`, 403);
        }
        throw new RegistryError('status', `${what}: HTTP ${res.status}${detail ? ` (${detail})` : ''}.`, res.status);
    }
}

;// CONCATENATED MODULE: ./src/modes/promotion-step.ts





/**
 * One forward-only promotion with the gate asked before the first registry request (unless the caller
 * passes the decision it took just now), right before the write and before every retried write.
 * Shared by `mode: promote` and the last step of deploy and reconcile. Returns the last gate decision
 * too, for the report: when the job was superseded, it names the newer head.
 */
async function promotionStep(ctx, runner, initial) {
    const settings = ctx.settings.promote;
    if (!settings)
        throw new Error('promotion started without `image` or `promote-command`');
    const registry = settings.image && !settings.command
        ? createRegistry(settings.image, {
            http: ctx.http,
            clock: ctx.clock,
            retry: settings.retry,
            timeoutMs: settings.requestTimeoutMs,
            credentials: settings.credentials,
            signal: ctx.signal,
            log: (m) => core/* info */.pq(m),
            onSecret: registerSecret
        })
        : undefined;
    let last = initial;
    const result = await promote({
        settings,
        sha: ctx.settings.target.sha,
        environment: ctx.settings.target.environment,
        force: ctx.settings.gate.force,
        registry,
        runner,
        ancestry: ctx.ancestry,
        checkGate: async () => {
            const decision = await ctx.gate.check();
            last = decision;
            return { superseded: !announce(decision, ctx.settings.gate, 'promotion').proceed, reason: decision.reason };
        },
        gateAsked: initial !== undefined,
        signal: ctx.signal
    });
    return { result, gate: last };
}

;// CONCATENATED MODULE: ./src/modes/deploy-mode.ts














/**
 * `mode: deploy`: gate, canary, soak, waves, confirm, then forward-only promotion, with the gate asked
 * again once the fleet is loaded, before every wave, before every redeploy retry, and right before the
 * promotion. A job that finds itself superseded at any point sends nothing new and ends neutral.
 */
async function runDeployMode(ctx, runner = execRunner) {
    const { settings } = ctx;
    const verify = settings.verify;
    const rollout = settings.rollout;
    if (!verify || !rollout)
        throw new Error('mode deploy started without its settings');
    const startedAt = new Date();
    const timeline = new Timeline(ctx.clock);
    const sha = settings.target.sha;
    const first = await timeline.run('gate', () => core/* group */.Os('Superseded gate', () => ctx.gate.check()), judgeGate);
    if (!announce(first, settings.gate, 'deploy').proceed) {
        const result = { result: 'skipped-superseded', reason: first.reason, headSha: first.headSha, tenants: [], phases: timeline.phases };
        return finishRun(ctx, { rollout: result, gate: first, startedAt, tag: rollout.tag });
    }
    const whole = await core/* group */.Os('Tenants', () => loadTenants(verify, ctx.http, ctx.clock, ctx.signal));
    const stray = rollout.canary.find((c) => !whole.includes(c));
    if (stray)
        throw new InputError('canary', rollout.canary.join(','), `names of the fleet (${JSON.stringify(stray)} is not among the ${whole.length} tenants)`);
    checkWaveCounts(rollout.wavesRaw, rollout.waves, whole.length);
    // A shard job rolls only its own tenants, and only the canary tenants that fall in its shard.
    const shard = applyShard(whole, settings.shard);
    const fleet = shard.tenants;
    const canary = rollout.canary.filter((c) => fleet.includes(c));
    if (shard.label)
        core/* info */.pq(`This job is ${shard.label}`);
    core/* info */.pq(`${fleet.length} tenant(s); canary: ${canary.join(', ') || 'none'}; ${rollout.waves.length ? `waves ${rollout.wavesRaw}` : `waves of ${rollout.maxParallel}`}; tag ${rollout.tag}`);
    const result = await runRollout({
        fleet,
        rollout: { ...rollout, canary },
        verify,
        target: settings.target,
        gateSettings: settings.gate,
        gate: ctx.gate,
        ancestry: ctx.ancestry,
        prober: createProber(verify, ctx.http, sha),
        redeployer: createRedeployer(rollout, { http: ctx.http, clock: ctx.clock, runner, log: (m) => core/* info */.pq(m) }),
        clock: ctx.clock,
        signal: ctx.signal,
        timeline,
        onProgress: progressReporter(ctx.clock)
    });
    let promotion;
    let gate = first;
    // Shard jobs never promote: only the job after every shard (`needs:`, `mode: promote`) knows they all succeeded.
    if (result.result === 'deployed' && settings.promote && settings.shard)
        result.reason = `${result.reason} Not promoted: ${shard.label}; promotion is the job after every shard (mode: promote).`;
    else if (result.result === 'deployed' && settings.promote && !ctx.signal.aborted) {
        const step = await timeline.run('promotion', () => core/* group */.Os('Promotion', () => promotionStep(ctx, runner)), (p) => ({ outcome: p.result.outcome, detail: p.result.reason }));
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
    return finishRun(ctx, { rollout: result, gate, startedAt, tag: rollout.tag, promotion, shard: shard.label || undefined });
}

;// CONCATENATED MODULE: ./src/modes/superseded.ts
/**
 * The neutral ending shared by every mode that finds itself superseded: success with a notice, or a
 * failure when the workflow asked for `on-superseded: fail`.
 */
function supersededOutcome(ctx, reason, headSha, extra = {}) {
    return {
        result: 'skipped-superseded',
        failure: ctx.settings.gate.onSuperseded === 'fail' ? reason : undefined,
        outputs: { superseded: 'true', 'head-sha': headSha ?? '', reason, ...extra }
    };
}

;// CONCATENATED MODULE: ./src/modes/gate-mode.ts





/** `mode: gate`: answer "does this job still own the branch?" and nothing else. */
async function runGateMode(ctx) {
    const startedAt = new Date();
    const timeline = new Timeline(ctx.clock);
    const decision = await timeline.run('gate', () => core/* group */.Os('Superseded gate', () => ctx.gate.check()), judgeGate);
    const { proceed } = announce(decision, ctx.settings.gate, 'gate');
    const reason = proceed && decision.superseded ? `${decision.reason} Overridden by force: true.` : decision.reason;
    const record = { reason, startedAt, gate: decision, phases: timeline.phases, tenants: [] };
    if (!proceed)
        return { ...supersededOutcome(ctx, decision.reason, decision.headSha), record };
    return {
        result: 'owner',
        outputs: { superseded: 'false', 'head-sha': decision.headSha ?? '', reason },
        record
    };
}

;// CONCATENATED MODULE: ./src/modes/promote-mode.ts








/**
 * `mode: promote`: move `promote-tag` to the image of `promote-from`, forward only, while this commit
 * still owns the branch. The gate is asked once up front (a superseded job touches nothing, not even
 * the registry), again right before the write and before each retried write. A job superseded at any
 * of these reports the head that superseded it.
 */
async function runPromoteMode(ctx, runner = execRunner) {
    if (!ctx.settings.promote)
        throw new Error('mode: promote needs `image` or `promote-command`');
    const startedAt = new Date();
    const timeline = new Timeline(ctx.clock);
    const { target } = ctx.settings;
    const base = { startedAt, tag: render(ctx.settings.imageTag, commitVars(target.sha, target.environment)), tenants: [] };
    const first = await timeline.run('gate', () => core/* group */.Os('Superseded gate', () => ctx.gate.check()), judgeGate);
    if (!announce(first, ctx.settings.gate, 'promote').proceed) {
        const record = { ...base, reason: first.reason, gate: first, phases: timeline.phases };
        return { ...supersededOutcome(ctx, first.reason, first.headSha, { promoted: 'false', 'promoted-digest': '' }), record };
    }
    const step = await timeline.run('promotion', () => core/* group */.Os('Promotion', () => promotionStep(ctx, runner, first)), (p) => ({ outcome: p.result.outcome, detail: p.result.reason }));
    const gate = step.gate ?? first;
    const record = { ...base, reason: step.result.reason, gate, phases: timeline.phases, promotion: step.result };
    return { ...toOutcome(ctx, step.result, gate), record };
}
function toOutcome(ctx, result, gate) {
    const holds = result.outcome === 'promoted' || result.outcome === 'unchanged';
    const outputs = { promoted: String(result.promoted), 'promoted-digest': holds ? (result.digest ?? '') : '', reason: result.reason };
    switch (result.outcome) {
        case 'skipped-superseded':
            return supersededOutcome(ctx, result.reason, gate.headSha, outputs);
        case 'failed':
        case 'cancelled':
            return { result: result.outcome, failure: result.reason, outputs };
        case 'skipped-ahead':
            core/* notice */.lm(result.reason, { title: 'Promotion skipped: the tag is ahead' });
            return { result: result.outcome, outputs };
        default:
            core/* info */.pq(result.reason);
            return { result: result.outcome, outputs };
    }
}

;// CONCATENATED MODULE: ./src/reconcile/deploy-record.ts
/**
 * How a run ended, in a form a later run can read back from the commit. A deploy writes it into its own
 * check run (`external_id`) or commit status (the end of its description), so reconcile can tell a live
 * deploy from a dead one, and a rejected commit from a deploy that merely left tenants behind.
 *
 * - `running`: the run has started and not reported an end (yet, or ever: a killed runner)
 * - `deployed`: every tenant verified
 * - `superseded`: a newer commit took over, the run stepped aside
 * - `cancelled`: the run was cancelled
 * - `canary-failed`: the canary did not verify; the rest of the fleet was not touched
 * - `halted`: more tenants failed than `max-failures` allows, and later waves were not started
 * - `failed-tenants`: every wave ran, and some tenants did not verify
 * - `failed`: the run failed before or outside the rollout (bad input, unreadable fleet, promotion)
 */
const RUN_ENDS = ['running', 'deployed', 'superseded', 'cancelled', 'canary-failed', 'halted', 'failed-tenants', 'failed'];
/** The ends by which a deploy rejected its commit: reconcile must not roll it out. */
const REJECTING_ENDS = new Set(['canary-failed', 'halted']);
const STAMP = /rollout-guard ([a-z]+) (\d{1,20})\.(\d{1,6}) ([a-z-]+)(?: shard (\d{1,6}\/\d{1,6}))?/;
/** `rollout-guard deploy 4242.1 canary-failed` (`… shard 2/4` from a shard job): short enough for a status description beside the reason. */
function formatStamp(s) {
    return `rollout-guard ${s.mode} ${s.runId}.${s.attempt} ${s.end}${s.part ? ` shard ${s.part}` : ''}`;
}
/** The stamp found anywhere in `text` (an `external_id`, a description), or undefined. */
function parseStamp(text) {
    const m = STAMP.exec(text ?? '');
    if (!m)
        return undefined;
    const end = m[4];
    if (!RUN_ENDS.includes(end))
        return undefined;
    return { mode: m[1], runId: m[2], attempt: Number(m[3]), end, ...(m[5] ? { part: m[5] } : {}) };
}
/** Orders two runs: a later run beats an earlier one, and a later attempt of one run its earlier ones. */
function compareRuns(a, b) {
    const ra = BigInt(a.runId);
    const rb = BigInt(b.runId);
    if (ra !== rb)
        return ra < rb ? -1 : 1;
    return a.attempt - b.attempt;
}
/** The end of a finished run, read from its report: the result, the phases and which tenants never started. */
function endOfRun(report) {
    switch (report.result) {
        case 'deployed':
        case 'healed':
        case 'in-sync':
        case 'promoted':
        case 'verified':
        case 'owner':
            return 'deployed';
        case 'skipped-superseded':
            return 'superseded';
        case 'cancelled':
            return 'cancelled';
    }
    if (report.result !== 'failed')
        return 'failed';
    const canaryFailed = report.phases.some((p) => (p.name === 'canary' || p.name === 'canary re-verify') && p.outcome === 'failed');
    if (canaryFailed)
        return 'canary-failed';
    const failing = report.tenants.some((t) => !t.ok && t.verdict !== 'not-started');
    if (!failing)
        return 'failed';
    // Tenants left unstarted behind failing ones: the rollout stopped past max-failures.
    return report.tenants.some((t) => t.action === 'not-started') ? 'halted' : 'failed-tenants';
}

;// CONCATENATED MODULE: ./src/reconcile/deploy-state.ts

const LIFTS_HOLD = 'A successful re-run of that deploy, a newer commit on the branch (its deploy is the repair), or `force: true` lifts the hold.';
/**
 * Pure: the newest run attempt decides, not the latest write, so a late write from an older attempt can
 * never re-hold a commit that a newer attempt deployed. Records of other modes are ignored.
 */
function decideDeployState(records, o) {
    const sha7 = o.sha.slice(0, 7);
    const deploys = records.filter((r) => r.stamp.mode === 'deploy');
    if (deploys.length === 0)
        return { action: 'proceed', reason: `No deploy record named '${o.name}' on ${sha7} (report: none, or deployed by another tool); reconciling as usual.` };
    const newest = deploys.reduce((a, b) => (compareRuns(b.stamp, a.stamp) > 0 ? b : a));
    const attempt = deploys.filter((r) => compareRuns(r.stamp, newest.stamp) === 0);
    const run = `run ${newest.stamp.runId} (attempt ${newest.stamp.attempt})`;
    // Each job of the attempt (the whole fleet, or one shard of a matrix) is read on its own: within a job
    // the latest record decides (a status run writes `running`, then its end); on a tie (the forge's clock
    // in seconds) an end beats `running`, and a rejection beats another end.
    const jobs = new Map();
    for (const r of attempt) {
        const key = r.stamp.part ?? '';
        const seen = jobs.get(key);
        jobs.set(key, seen ? later(seen, r) : r);
    }
    const ageOf = (r) => (r.since ? o.now.getTime() - r.since.getTime() : 0);
    // Then the attempt as a whole: any job still live defers, any job that rejected the commit holds it.
    const running = [...jobs.values()].filter((r) => r.stamp.end === 'running');
    const live = running.find((r) => ageOf(r) < o.timeoutMs);
    const rejected = [...jobs.values()].find((r) => REJECTING_ENDS.has(r.stamp.end));
    const record = live ?? rejected ?? running[0] ?? [...jobs.values()].reduce(later);
    const job = record.stamp.part ? ` (shard ${record.stamp.part})` : '';
    if (record.stamp.end === 'running') {
        const since = record.since;
        const ageMs = ageOf(record);
        const when = since ? `since ${since.toISOString()} (${minutes(ageMs)})` : 'since a time the forge did not give';
        if (ageMs < o.timeoutMs) {
            return { action: 'deferred', end: 'running', record, reason: `The deploy of ${sha7} in ${run}${job} is in progress ${when}; reconcile defers to it and redeploys nothing.` };
        }
        return {
            action: 'presumed-dead',
            end: 'running',
            record,
            reason: `The deploy of ${sha7} in ${run}${job} has said it is in progress ${when}, longer than deploy-timeout-minutes (${minutes(o.timeoutMs)}); presumed dead (a runner killed before it could report), reconciling.`
        };
    }
    const end = record.stamp.end;
    if (REJECTING_ENDS.has(end)) {
        const why = end === 'canary-failed' ? 'its canary failed' : 'it halted past max-failures';
        const words = record.text ? ` (${record.text})` : '';
        return { action: 'held', end, record, reason: `Held: the deploy of ${sha7} in ${run}${job} rejected it: ${why}${words}. Nothing is redeployed toward ${sha7} and it is not promoted. ${LIFTS_HOLD}` };
    }
    return { action: 'proceed', end, record, reason: `The last deploy of ${sha7} (${run}) ended ${end}; reconciling.` };
}
/** The later of two records of one job; on a tie an end beats `running`, and a rejection another end. */
function later(a, b) {
    const order = (b.since?.getTime() ?? 0) - (a.since?.getTime() ?? 0);
    if (order !== 0)
        return order > 0 ? b : a;
    return rank(b) > rank(a) ? b : a;
}
function rank(r) {
    return r.stamp.end === 'running' ? 0 : REJECTING_ENDS.has(r.stamp.end) ? 2 : 1;
}
function minutes(ms) {
    const m = Math.floor(ms / 60_000);
    return m < 120 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

;// CONCATENATED MODULE: ./src/reconcile/read-records.ts

const STAMP_SUFFIX = / ?\[rollout-guard [^\]]*\]$/;
/**
 * The deploy records on `sha` named `name`: its check runs (every attempt), or, when it has none with a
 * stamp (Gitea; GitHub without `checks: write`, where a deploy falls back to a commit status), its
 * commit statuses. Records without a stamp (another tool's, or an older version's) are left out.
 */
async function readDeployRecords(forge, sha, name) {
    if (forge.checks) {
        const fromChecks = (await forge.checks.listForRef(sha, name)).map(fromCheck).filter((r) => r !== undefined);
        if (fromChecks.length > 0)
            return fromChecks;
    }
    if (!forge.listCommitStatuses)
        return [];
    return (await forge.listCommitStatuses(sha, name)).map(fromStatus).filter((r) => r !== undefined);
}
function fromCheck(c) {
    const stamp = parseStamp(c.externalId);
    if (!stamp)
        return undefined;
    // Completed by someone else without our final stamp: an end we cannot name, never a live deploy.
    if (c.status === 'completed' && stamp.end === 'running')
        stamp.end = 'failed';
    return { stamp, since: date(c.startedAt), text: c.title ?? undefined, url: c.detailsUrl ?? undefined };
}
function fromStatus(s) {
    const stamp = parseStamp(s.description);
    if (!stamp)
        return undefined;
    if (s.state !== 'pending' && stamp.end === 'running')
        stamp.end = 'failed';
    return { stamp, since: date(s.createdAt), text: s.description.replace(STAMP_SUFFIX, '') || undefined, url: s.targetUrl || undefined };
}
function date(iso) {
    if (!iso)
        return undefined;
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? undefined : d;
}

;// CONCATENATED MODULE: ./src/reconcile/deploy-gate.ts




/**
 * Reconcile's look at the head's deploy records, logged and counted: deferred and held are the
 * caller's to act on; a record that cannot be read, or `respect-deploy-state: false`, proceeds as
 * before with a warning (a missing permission must not stop every scheduled reconcile for good).
 */
async function deployStateGate(ctx, head, timeline) {
    const { settings } = ctx;
    const rs = settings.reconcile;
    if (!rs?.respectDeployState) {
        const reason = 'respect-deploy-state is false: the deploy records on the head are not read, so reconcile may redo the work of a deploy still running (bypassing its canary) or roll out a commit whose canary failed.';
        core/* warning */.$e(reason, { title: 'Deploy state ignored' });
        return { action: 'proceed', reason };
    }
    const state = await timeline.run('deploy state', () => core/* group */.Os(`Deploy records on ${head.slice(0, 7)} named '${rs.deployRecordName}'`, async () => {
        try {
            const records = await readDeployRecords(ctx.forge, head, rs.deployRecordName);
            core/* info */.pq(`${records.length} deploy record(s) with a run stamp`);
            return decideDeployState(records, { now: new Date(), timeoutMs: rs.deployTimeoutMs, sha: head, name: rs.deployRecordName });
        }
        catch (error) {
            const what = ctx.forge.kind === 'github' ? 'check runs (`checks: read`) and commit statuses (`statuses: read`)' : 'commit statuses';
            return { action: 'proceed', unreadable: true, reason: `The deploy records on ${head.slice(0, 7)} could not be read (${errorMessage(error)}); reconciling as if there were none. Reading them needs read access to ${what}.` };
        }
    }), (s) => ({ outcome: s.action, detail: s.reason }));
    const counters = ctx.counters;
    switch (state.action) {
        case 'deferred':
            counters.defers++;
            core/* notice */.lm(state.reason, { title: 'Deferred to a deploy in progress' });
            break;
        case 'held':
            counters.holds++;
            if (settings.gate.force)
                core/* warning */.$e(`${state.reason} Overridden by force: true: reconciling toward it anyway.`, { title: 'Hold overridden by force' });
            else
                core/* warning */.$e(state.reason, { title: `Held: ${head.slice(0, 7)}` });
            break;
        case 'presumed-dead':
            core/* warning */.$e(state.reason, { title: 'Deploy presumed dead' });
            break;
        default:
            if (state.unreadable)
                core/* warning */.$e(state.reason, { title: 'Deploy records unreadable' });
            else
                core/* info */.pq(state.reason);
    }
    return state;
}

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
        const seen = await fleet_classify(obs, head, ancestry);
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

;// CONCATENATED MODULE: ./src/modes/reconcile-mode.ts















/**
 * `mode: reconcile`, for a scheduled workflow: bring the fleet (and `:latest`) to the head of the branch
 * when a cancelled or failed deploy left tenants behind. One read per tenant finds the drift; behind
 * tenants go through the same forward-only rollout as a deploy, with the gate stopping it as soon as
 * the head moves (a newer deploy owns the fleet then). Ahead and unreachable tenants are left alone.
 * Before any of that, the head's deploy records decide whether to touch the fleet at all: a deploy in
 * progress owns it (`deferred`), and a head whose own deploy rejected it is not rolled out (`held`).
 */
async function runReconcileMode(ctx, runner = execRunner) {
    const { settings } = ctx;
    const { verify, rollout } = settings;
    if (!verify || !rollout)
        throw new Error('mode reconcile started without its settings');
    const startedAt = new Date();
    const timeline = new Timeline(ctx.clock);
    // Without the head there is nothing to reconcile to: this fails the step (unlike the deploy gate).
    const head = await timeline.run('head', () => core/* group */.Os('Branch head', () => ctx.forge.branchHead(settings.target.branch)), (h) => ({ outcome: 'read', detail: h }));
    const target = { ...settings.target, sha: head };
    // The check or status goes on the commit this run reconciles to, so it can only start now.
    void ctx.reporter.start(head);
    const tag = render(rollout.imageTag, commitVars(head, target.environment));
    const gate = new SupersededGate(ctx.forge, ctx.ancestry, target, settings.gate);
    const headCtx = { ...ctx, settings: { ...settings, target }, gate };
    core/* info */.pq(`${settings.target.branch} is at ${head.slice(0, 7)}; reconciling to tag ${tag}`);
    // A live deploy owns the fleet, and a head its own deploy rejected is not rolled out: read the
    // head's deploy records before anything is redeployed or promoted.
    const state = await deployStateGate(ctx, head, timeline);
    if (state.action === 'deferred' || (state.action === 'held' && !settings.gate.force)) {
        const stopped = { result: state.action, reason: state.reason, headSha: head, tenants: [], phases: timeline.phases };
        return withOutputs(await finishRun(headCtx, { rollout: stopped, gate: undefined, startedAt, tag, deployState: state }), { drifted: '[]', healed: '[]' });
    }
    const shard = applyShard(await core/* group */.Os('Tenants', () => loadTenants(verify, ctx.http, ctx.clock, ctx.signal)), settings.shard);
    const fleet = shard.tenants;
    if (shard.label)
        core/* info */.pq(`This job is ${shard.label}`);
    const prober = createProber(verify, ctx.http, head);
    const drift = await timeline.run('drift', () => core/* group */.Os(`Drift: ${fleet.length} tenant(s), one read each`, () => readDrift(fleet, head, prober, ctx.ancestry, verify.concurrency, ctx.signal)), (d) => ({ outcome: `${d.filter((x) => x.state === 'behind').length} behind` }));
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
        const reason = behind.length ? `${lost}${behind.length} tenant(s) behind ${head.slice(0, 7)}; dry run, nothing changed.` : lost ? `${lost}Dry run, nothing changed.` : `Every tenant is on ${head.slice(0, 7)} or ahead; dry run.`;
        result = { result: unreachable.length ? 'failed' : behind.length ? 'drifted' : 'in-sync', reason, headSha: head, tenants: drift.map(recordOf), phases: timeline.phases };
        return withOutputs(await finishRun(headCtx, { rollout: result, gate: undefined, startedAt, tag, deployState: state, shard: shard.label || undefined }), extra);
    }
    const records = new Map(drift.map((d) => [d.tenant, recordOf(d)]));
    let rolled;
    if (behind.length) {
        const names = behind.map((d) => d.tenant);
        rolled = await runRollout({
            fleet: names,
            rollout: { ...rollout, tag, canary: rollout.canary.filter((c) => names.includes(c)) },
            verify,
            target,
            gateSettings: settings.gate,
            gate,
            ancestry: ctx.ancestry,
            prober,
            redeployer: createRedeployer(rollout, { http: ctx.http, clock: ctx.clock, runner, log: (m) => core/* info */.pq(m) }),
            clock: ctx.clock,
            signal: ctx.signal,
            timeline,
            onProgress: progressReporter(ctx.clock)
        });
        for (const r of rolled.tenants)
            records.set(r.tenant, r);
    }
    const kind = !rolled ? (unreachable.length ? 'failed' : 'in-sync') : rolled.result === 'deployed' ? (unreachable.length ? 'failed' : 'healed') : rolled.result;
    const reason = unreachable.length && (!rolled || rolled.result === 'deployed') ? `${unreachable.length} tenant(s) unreachable and not redeployed: ${unreachable.map((u) => u.tenant).join(', ')}.` : (rolled?.reason ?? `Every tenant is on ${head.slice(0, 7)} or ahead.`);
    result = { result: kind, reason, headSha: head, tenants: [...records.values()], phases: timeline.phases };
    let promotion;
    // Shard jobs never promote: only the job after every shard knows the whole fleet is there.
    if ((kind === 'healed' || kind === 'in-sync') && settings.promote && settings.shard)
        result = { ...result, reason: `${result.reason} Not promoted: ${shard.label}; promotion is the job after every shard (mode: promote).` };
    else if ((kind === 'healed' || kind === 'in-sync') && settings.promote && !ctx.signal.aborted) {
        const step = await timeline.run('promotion', () => core/* group */.Os('Promotion', () => promotionStep(headCtx, runner)), (p) => ({ outcome: p.result.outcome, detail: p.result.reason }));
        promotion = step.result;
        if (promotion.outcome === 'failed')
            result = { ...result, result: 'failed', reason: promotion.reason };
        if (promotion.outcome === 'skipped-superseded')
            result = { ...result, result: 'skipped-superseded', reason: `The head moved before promotion: ${promotion.reason}` };
        if (promotion.outcome === 'cancelled')
            result = { ...result, result: 'cancelled', reason: promotion.reason };
    }
    const healed = rolled ? rolled.tenants.filter((t) => t.verdict && (t.verdict.verdict === 'on-target' || t.verdict.verdict === 'ahead')).map((t) => t.tenant) : [];
    return withOutputs(await finishRun(headCtx, { rollout: result, gate: undefined, startedAt, tag, promotion, deployState: state, shard: shard.label || undefined }), { ...extra, healed: JSON.stringify(healed) });
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
            core/* warning */.$e(`${d.tenant} serves ${d.sha?.slice(0, 7)}, ${d.behindBy === undefined ? 'not known to be' : `${d.behindBy} commit(s)`} behind ${head.slice(0, 7)}`, { title: `Drift: ${d.tenant}` });
        if (d.state === 'unreachable')
            core/* warning */.$e(`${d.tenant} could not be read (${d.error}); it is reported, not redeployed`, { title: `Unreachable: ${d.tenant}` });
    }
}
function withOutputs(outcome, extra) {
    return { ...outcome, outputs: { ...outcome.outputs, ...extra } };
}

;// CONCATENATED MODULE: ./src/report/failures.ts



const failures_short = (sha) => (sha ? sha.slice(0, 7) : 'none');
/** `tenant acme is stale: actual=7a72516 expected=7f25373 after 240s, 13 polls` (+ the last error). */
function tenantFailure(t, target, budgetSeconds) {
    const title = `Tenant ${t.tenant}: ${t.verdict}`;
    if (t.verdict === 'redeploy-failed')
        return { tenant: t.tenant, title, message: `tenant ${t.tenant} redeploy failed: ${excerpt(t.redeployError ?? 'no reason given', 300)}` };
    const waited = t.cancelled || budgetSeconds === null ? (t.elapsedSeconds ?? 0) : budgetSeconds;
    const after = `${formatSeconds(waited * 1000)}${t.cancelled ? ' (cancelled)' : ''}`;
    const base = `tenant ${t.tenant} is ${t.verdict}: actual=${failures_short(t.sha)} expected=${failures_short(target)} after ${after}, ${t.polls} poll${t.polls === 1 ? '' : 's'}`;
    return { tenant: t.tenant, title, message: t.lastError ? `${base}; last error: ${excerpt(t.lastError, 300)}` : base };
}
/** Lower ranks first: the failures a reader must act on, then tenants never started, then the good ones. */
const RANK = { 'redeploy-failed': 0, stale: 1, unreachable: 2, invalid: 3, 'not-started': 4, ahead: 5, 'on-target': 6 };
/** Failing tenants first, by kind of failure, then by name. */
function byFailingFirst(a, b) {
    return RANK[a.verdict] - RANK[b.verdict] || a.tenant.localeCompare(b.tenant);
}
/** Tenants that failed on their own; those cut short by a cancel are summed up by the caller instead. */
function failuresOf(report) {
    return report.tenants
        .filter((t) => isFailing(t) && !t.cancelled)
        .sort(byFailingFirst)
        .map((t) => tenantFailure(t, report.target.sha, report.verification?.budgetSeconds ?? null));
}

;// CONCATENATED MODULE: ./src/modes/verify-mode.ts












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
    const shard = await core/* group */.Os('Tenants', async () => {
        const names = await loadTenants(verify, ctx.http, ctx.clock, ctx.signal);
        core/* info */.pq(`${names.length} tenant${names.length === 1 ? '' : 's'}${verify.tenantsUrl ? ` from ${new URL(verify.tenantsUrl).origin}` : ''}`);
        return applyShard(names, settings.shard);
    });
    const tenants = shard.tenants;
    if (shard.label)
        core/* info */.pq(`This job is ${shard.label}`);
    const startedAt = new Date();
    const timeline = new Timeline(ctx.clock);
    const title = `Settle verification: ${tenants.length} tenants on ${target.slice(0, 7)}, budget ${formatSeconds(verify.budgetMs)}, every ${formatSeconds(verify.intervalMs)}`;
    const judge = (verdicts) => {
        const ok = verdicts.filter((v) => isOk(v.verdict)).length;
        const outcome = ok === verdicts.length ? 'ok' : ctx.signal.aborted ? 'cancelled' : 'failed';
        return { outcome, detail: `${ok} of ${verdicts.length} on target or ahead` };
    };
    const judged = await timeline.run('verify', () => core/* group */.Os(title, async () => {
        const progress = progressReporter(ctx.clock);
        progress('verify', 0, tenants.length, 0);
        const result = await verifyFleet(tenants, {
            target,
            prober: createProber(verify, ctx.http, target),
            ancestry: ctx.ancestry,
            clock: ctx.clock,
            ...settleOptions(verify),
            signal: ctx.signal,
            onProgress: (done, total, ok) => progress('verify', done, total, ok)
        });
        for (const v of result.filter((r) => isOk(r.verdict)).sort((a, b) => a.tenant.localeCompare(b.tenant))) {
            core/* info */.pq(`${v.tenant}: ${v.verdict} ${v.sha?.slice(0, 7) ?? ''} after ${formatSeconds(v.settleMs ?? v.elapsedMs)} (${v.polls} poll${v.polls === 1 ? '' : 's'})`);
        }
        return result;
    }), judge);
    // Error text can echo what a tenant sent back (a header value included): redact before any of it is shown.
    const verdicts = judged.map((v) => ({ ...v, url: redact(v.url), lastError: v.lastError === undefined ? undefined : redact(v.lastError) }));
    const rows = verdicts.map((v) => tenantFromVerdict(v));
    const failing = rows.filter(isFailing).sort(byFailingFirst);
    const ok = failing.length === 0;
    const names = failing.map((t) => `${t.tenant} (${t.verdict})`);
    const listed = `${names.slice(0, 20).join(', ')}${names.length > 20 ? `, and ${names.length - 20} more` : ''}`;
    // A cancel cuts every budget short: the tenants not yet settled are not known to have failed.
    const cancelled = !ok && ctx.signal.aborted;
    const after = formatSeconds(Math.max(0, ...verdicts.map((v) => v.elapsedMs)));
    const reason = ok
        ? `All ${verdicts.length} tenants serve ${target.slice(0, 7)} or a newer commit.`
        : cancelled
            ? `Verification was cancelled after ${after}, before the ${formatSeconds(verify.budgetMs)} budget ended: ${verdicts.length - failing.length} of ${verdicts.length} tenants serve ${target.slice(0, 7)} or a newer commit; not settled yet: ${listed}.`
            : `${failing.length} of ${verdicts.length} tenants did not settle on ${target.slice(0, 7)} within ${formatSeconds(verify.budgetMs)}: ${listed}.`;
    const record = { reason, startedAt, phases: timeline.phases, tenants: rows, shard: shard.label || undefined };
    const outputs = { ...verificationOutputs(rows), reason };
    if (ok)
        return { result: 'verified', outputs, record };
    return { result: cancelled ? 'cancelled' : 'failed', failure: reason, outputs, record };
}

;// CONCATENATED MODULE: ./src/report/escape.ts
/**
 * Text from outside (a tenant's answer, a control plane's or registry's error body, a branch name,
 * the forge) is never trusted in what we render. Markdown goes to the job summary and the check run;
 * plain text goes to check titles, annotations and commit-status descriptions. Both are flattened to one
 * line and capped, so a 100 KB answer or a newline cannot break a table row or flood a page.
 */
/** Default cap of one escaped value, in characters, before escaping. */
const MAX_VALUE_CHARS = 500;
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
    return cut(text.replace(/[\r\n\t]+/g, ' ').replace(INVISIBLE, '').replace(/ {2,}/g, ' ').trim(), max);
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

;// CONCATENATED MODULE: ./src/report/summary.ts


/**
 * The one Markdown summary of a run, for every mode: the job summary, and the check run's output on
 * GitHub. The outcome and why, the gate's decision, a phase timeline with durations, the tenant table
 * (failing first) and the promotion. Every value that came from a tenant, the forge, a registry or an
 * input is escaped; no value starts a line.
 */
/** Rows past this are left to the JSON report: GitHub caps a step summary at 1 MiB. */
const MAX_TENANT_ROWS = 500;
const ICON = { success: '✅', neutral: '⏭️', failure: '❌' };
const VERDICT_ICON = { 'on-target': '✅', ahead: '⏩', stale: '❌', unreachable: '❌', invalid: '❌', 'redeploy-failed': '❌', 'not-started': '⏸️' };
const sha7 = (sha) => (sha ? `<code>${escapeMarkdown(sha.slice(0, 7))}</code>` : '—');
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
        `## ${ICON[r.conclusion]} Rollout Guard ${escapeMarkdown(r.mode)}, ${escapeMarkdown(r.target.environment)}: ${escapeMarkdown(r.result)}`,
        '',
        `${ICON[r.conclusion]} ${escapeMarkdown(r.reason, 2000)}`,
        '',
        ...overview(r),
        ...phases(r),
        ...tenants(r),
        ...promotion(r)
    ];
    if (reportPath)
        lines.push(`JSON report: ${codeText(reportPath)} (output <code>report-path</code>, schema <code>${r.schema}</code> v${r.schemaVersion}).`, '');
    return lines.join('\n');
}
function overview(r) {
    const rows = [`| Commit | ${sha7(r.target.sha)} on ${codeText(r.target.branch)}${r.target.tag ? `, image tag ${codeText(r.target.tag)}` : ''} |`];
    if (r.decision) {
        const d = r.decision;
        const verdict = d.forced ? '⚠️ superseded, overridden by `force`' : d.superseded ? '⏭️ superseded' : d.basis === 'disabled' ? '⚠️ check off' : d.basis === 'unreadable' ? '⚠️ owner (head unreadable)' : '✅ owner';
        rows.push(`| Gate | ${verdict}: ${escapeMarkdown(d.reason, 1000)} |`);
    }
    else if (r.head) {
        rows.push(`| Branch head | ${sha7(r.head)} |`);
    }
    if (r.deployState)
        rows.push(`| Deploy record | ${deployStateCell(r.deployState)} |`);
    const url = safeUrl(r.run.url);
    // Labelled as the page is addressed: the run id on GitHub, the run number on Gitea.
    const run = url ? `[${escapeMarkdown(url.split('/').pop() || 'run')}](${url})` : escapeMarkdown(r.run.id ?? 'local');
    if (r.shard)
        rows.push(`| Shard | ${escapeMarkdown(r.shard)} |`);
    rows.push(`| Run | ${run}, ${formatDuration(r.durationSeconds)}, finished ${utc(r.finishedAt)} UTC |`);
    const c = r.counters;
    rows.push(`| Counters | ${c.buildinfoPolls} build info poll(s), ${c.httpRetries} HTTP retr${c.httpRetries === 1 ? 'y' : 'ies'}, ${c.redeployReissues} redeploy re-issue(s), ${c.gateChecks} gate check(s), ${c.defers} defer(s), ${c.holds} hold(s) |`);
    return ['| | |', '|---|---|', ...rows, ''];
}
/** Only a plain http(s) URL becomes a link target; anything else is left out. */
const safeUrl = (url) => (url && /^https?:\/\/[^\s<>()]+$/.test(url) ? url : undefined);
const STATE_ICON = { proceed: '✅', deferred: '⏳', held: '⛔', 'presumed-dead': '⚠️' };
/** `⛔ held: run [4242.1](url) canary-failed, since 2026-12-01 10:00:00 UTC` */
function deployStateCell(d) {
    const url = safeUrl(d.url);
    const run = d.run ? ` run ${url ? `[${escapeMarkdown(d.run)}](${url})` : escapeMarkdown(d.run)}` : '';
    const since = d.since ? `, since ${utc(d.since)} UTC` : '';
    return `${STATE_ICON[d.action] ?? ''} ${escapeMarkdown(d.action)}:${run} ${escapeMarkdown(d.end ?? 'no record')}${since}`;
}
function phases(r) {
    if (!r.phases.length)
        return [];
    const total = r.phases.reduce((n, p) => n + p.durationSeconds, 0);
    const rows = r.phases.map((p, i) => `| ${i + 1} | ${escapeMarkdown(p.name)} | ${escapeMarkdown(p.outcome)} | ${utc(p.startedAt).slice(11)} | ${formatDuration(p.durationSeconds)} | ${p.detail ? escapeMarkdown(p.detail, 200) : ''} |`);
    return ['### Timeline', '', '| # | Phase | Outcome | Started (UTC) | Duration | Detail |', '|---|---|---|---|---|---|', ...rows, `| | total | | | ${formatDuration(total)} | |`, ''];
}
/** Columns that carry nothing in this run (verify has no steps, actions or before) are left out. */
const COLUMNS = [
    { head: 'Tenant', cell: (t) => escapeMarkdown(t.tenant), used: () => true },
    { head: 'Step', cell: (t) => escapeMarkdown(t.step ?? ''), used: (t) => t.step !== null },
    { head: 'Action', cell: (t) => escapeMarkdown(t.action ?? ''), used: (t) => t.action !== null },
    { head: 'Verdict', cell: (t) => `${VERDICT_ICON[t.verdict]} ${escapeMarkdown(t.verdict)}`, used: () => true },
    { head: 'Before', cell: (t) => sha7(t.before), used: (t) => t.before !== null },
    { head: 'Now', cell: (t) => sha7(t.sha), used: () => true },
    { head: 'Settled in', cell: (t) => (t.settleSeconds === null ? '—' : formatDuration(t.settleSeconds)), used: () => true },
    { head: 'Polls', cell: (t) => String(t.polls), used: () => true },
    { head: 'Note', cell: (t) => escapeMarkdown(t.redeployError ?? t.lastError ?? (t.reissues ? `redeploy re-issued ${t.reissues}×` : ''), 160), used: () => true }
];
function tenants(r) {
    if (!r.tenants.length)
        return [];
    const columns = COLUMNS.filter((c) => r.tenants.some(c.used));
    const rows = [...r.tenants].sort(byFailingFirst);
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
function promotion(r) {
    const p = r.promotion;
    if (!p)
        return [];
    const icon = p.outcome === 'failed' ? '❌' : p.promoted ? '✅' : '⏭️';
    const move = p.from && p.tag ? ` ${codeText(p.from)} → ${codeText(p.tag)}${p.image ? ` in ${codeText(p.image)}` : ''}` : '';
    const lines = [`### Promotion`, '', `${icon} **${escapeMarkdown(p.outcome)}**${move}: ${escapeMarkdown(p.reason, 1000)}`, ''];
    if (p.digest)
        lines.push(`Digest ${codeText(p.digest)}${p.previousDigest && p.previousDigest !== p.digest ? `, before ${codeText(p.previousDigest)}` : ''}${p.forced ? ' (forced)' : ''}.`, '');
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
    await (0,promises_.writeFile)(path, `${redact(JSON.stringify(report, null, 2))}\n`, { encoding: 'utf8', mode: 0o600 });
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
async function concludeRun(settings, reporter, outcome, startedAt) {
    const record = outcome.record ?? { reason: outcome.failure ?? outcome.outputs.reason ?? outcome.result, startedAt, phases: [], tenants: [] };
    // Redacted value by value, before any escaping: an escaped secret (`ghs\_...`) would no longer match.
    const report = redactDeep(buildReport(settings, outcome, record, new Date()));
    const failures = failuresOf(report);
    // A cancelled run cuts every tenant's budget short; one line says so instead of one error per tenant.
    const cut = report.tenants.filter((t) => t.cancelled && !t.ok).length;
    for (const f of failures)
        core/* error */.z3(f.message, { title: f.title });
    if (cut > 0)
        core/* warning */.$e(`${cut} tenant(s) were still settling when the run was cancelled; their verdicts are as of the cancel.`, { title: 'Cancelled mid-verification' });
    let reportPath = '';
    try {
        reportPath = await writeReport(report);
        core/* info */.pq(`Report: ${reportPath}`);
    }
    catch (error) {
        core/* warning */.$e(`The JSON report could not be written: ${errorMessage(error)}`);
    }
    const markdown = runSummaryMarkdown(report, reportPath || undefined);
    if (process.env.GITHUB_STEP_SUMMARY) {
        try {
            const note = (kept, total) => `_Summary cut to ${kept} of ${total} lines to stay under GitHub's 1 MiB limit; every tenant is in the JSON report._`;
            await core/* summary */.z.addRaw(cutMarkdown(markdown, JOB_SUMMARY_MAX_BYTES, note, (s) => Buffer.byteLength(s))).write();
        }
        catch (error) {
            core/* warning */.$e(`The job summary could not be written: ${errorMessage(error)}`);
        }
    }
    core/* setOutput */.uH('result', outcome.result);
    for (const [name, value] of Object.entries(outcome.outputs))
        core/* setOutput */.uH(name, redact(value));
    core/* setOutput */.uH('report-path', reportPath);
    await reporter?.finish({ report, markdown, failures });
    if (outcome.failure)
        core/* setFailed */.C1(redact(outcome.failure));
}
function redactDeep(value) {
    if (typeof value === 'string')
        return redact(value);
    if (Array.isArray(value))
        return value.map(redactDeep);
    if (value && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)]));
    return value;
}

;// CONCATENATED MODULE: ./src/report/publish/problems.ts



function troubleOf(error) {
    if (error instanceof HttpStatusError) {
        if (error.status === 401 || error.status === 403)
            return 'permission';
        return isTransient(error) ? 'transient' : 'refused';
    }
    return error instanceof NetworkError ? 'transient' : 'refused';
}
const UNAFFECTED = 'The deploy itself is not affected; the result is in the job summary and the JSON report.';
function checkWarning(name, error, verb, fallback) {
    const trouble = troubleOf(error);
    const why = `The check run '${name}' could not be ${verb}: ${errorMessage(error)}${trouble === 'transient' ? ' (after retries)' : ''}.`;
    const fix = trouble === 'permission' ? ' Add `checks: write` to the job\'s `permissions:`.' : ' Reporting needs `checks: write` in the job\'s `permissions:`.';
    return `${why}${fix}${fallback ? ' The result goes to a commit status instead.' : ''} ${UNAFFECTED}`;
}
function statusWarning(forge, name, error) {
    const trouble = troubleOf(error);
    const why = `The commit status '${name}' could not be set: ${errorMessage(error)}${trouble === 'transient' ? ' (after retries)' : ''}.`;
    const fix = forge === 'gitea'
        ? ' The token needs `statuses: write` (write access to the repository). Gitea 1.26 token scopes have no statuses scope: pass a token with `write:repository` scope as `token`, or set `report: none`.'
        : ' Add `statuses: write` to the job\'s `permissions:`, or set `report: none`.';
    return `${why}${fix} ${UNAFFECTED}`;
}

;// CONCATENATED MODULE: ./src/report/publish/forge-reporter.ts



/** GitHub's limits for one check run request: `output.summary` and `text` in UTF-8 bytes, not characters. */
const CHECK_SUMMARY_MAX = 65_535;
const ANNOTATIONS_PER_REQUEST = 50;
/** Beyond this many failing tenants the table in the summary says it all; each batch resends the summary. */
const MAX_ANNOTATIONS = 500;
/** Commit-status description limits: GitHub refuses more than 140 characters; Gitea keeps 255. */
const STATUS_DESCRIPTION_MAX = { github: 140, gitea: 255 };
/**
 * Reports over the forge API: a check run created `in_progress` and completed at the end, or a
 * `pending` commit status replaced at the end. A check refused for permissions falls back to a status;
 * a status refused for permissions stops reporting. Transient failures at the start are tried again at
 * the end; nothing here ever throws.
 */
class ForgeReporter {
    forge;
    o;
    log;
    channel;
    checkId;
    sha;
    started;
    constructor(forge, o, log) {
        this.forge = forge;
        this.o = o;
        this.log = log;
        this.channel = o.channel === 'check' && forge.checks ? 'check' : 'status';
    }
    start(sha) {
        if (!this.started) {
            this.sha = sha;
            this.started = this.begin(sha).catch((error) => this.log.warning(`Reporting the start failed: ${String(error)}`));
        }
        return this.started;
    }
    async finish(end) {
        try {
            await this.started;
            const sha = this.sha ?? end.report.target.sha;
            if (this.channel === 'check') {
                try {
                    await this.completeCheck(sha, end);
                    return;
                }
                catch (error) {
                    if (!this.checkRefused(error, this.checkId === undefined))
                        return;
                }
            }
            if (this.channel === 'status')
                await this.setStatus(sha, statusState(end.report.conclusion), statusDescription(end), true, endOfRun(end.report));
        }
        catch (error) {
            this.log.warning(`Reporting the result failed: ${String(error)}`);
        }
    }
    async begin(sha) {
        const title = `Running: ${this.o.mode}, ${this.o.environment}`;
        if (this.channel === 'check') {
            try {
                const link = this.o.runUrl ? ` Follow it on the [run page](${this.o.runUrl}).` : '';
                const summary = `Rollout Guard is running ${escapeMarkdown(this.o.mode)} for <code>${escapeMarkdown(sha.slice(0, 7))}</code> in ${escapeMarkdown(this.o.environment)}.${link}`;
                this.checkId = await this.forge.checks.create(sha, this.o.name, { status: 'in_progress', title, summary, detailsUrl: this.o.runUrl, externalId: this.stamp('running') });
                return;
            }
            catch (error) {
                if (troubleOf(error) === 'transient') {
                    this.log.info(`The check run could not be created yet (${String(error)}); trying again when the run ends.`);
                    return;
                }
                if (!this.checkRefused(error, true))
                    return;
            }
        }
        if (this.channel === 'status')
            await this.setStatus(sha, 'pending', title, false, 'running');
    }
    /** `rollout-guard deploy 4242.1 canary-failed`, or nothing outside a workflow run. */
    stamp(end) {
        return this.o.run ? formatStamp({ mode: this.o.mode, runId: this.o.run.id, attempt: this.o.run.attempt, end, part: this.o.part }) : undefined;
    }
    /** Warns, and says whether the result should go to a commit status instead (refused for permissions). */
    checkRefused(error, creating) {
        const fallback = troubleOf(error) === 'permission';
        this.log.warning(checkWarning(this.o.name, error, creating ? 'created' : 'completed', fallback));
        this.channel = fallback ? 'status' : 'off';
        return fallback;
    }
    async setStatus(sha, state, description, final, end) {
        // The stamp ends the description, and the reason is cut to leave room for it.
        const stamp = this.stamp(end);
        const suffix = stamp ? ` [${stamp}]` : '';
        const text = `${plainText(description, STATUS_DESCRIPTION_MAX[this.forge.kind] - suffix.length)}${suffix}`;
        try {
            await this.forge.createCommitStatus({ sha, state, context: this.o.name, description: text, targetUrl: this.o.runUrl });
        }
        catch (error) {
            const trouble = troubleOf(error);
            // A pending status lost to a passing fault is replaced by the final one; anything else is said now.
            if (!final && trouble === 'transient') {
                this.log.info(`The pending commit status could not be set (${String(error)}); the final one follows when the run ends.`);
                return;
            }
            this.log.warning(statusWarning(this.forge.kind, this.o.name, error));
            if (trouble !== 'transient')
                this.channel = 'off';
        }
    }
    async completeCheck(sha, end) {
        const { report } = end;
        const title = plainText(report.conclusion === 'neutral' ? report.reason : `${report.result}: ${report.reason}`, 255);
        const summary = cutMarkdown(end.markdown, CHECK_SUMMARY_MAX, (kept, total) => `_Summary cut to ${kept} of ${total} lines: GitHub keeps at most ${CHECK_SUMMARY_MAX.toLocaleString('en')} bytes in a check. The whole summary is on the run page, and every tenant is in the JSON report._`, (s) => Buffer.byteLength(s));
        const annotations = end.failures.slice(0, MAX_ANNOTATIONS).map((f) => ({ path: this.o.annotationPath, level: 'failure', title: plainText(f.title, 255), message: plainText(f.message, 4000) }));
        const batches = [];
        for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST)
            batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
        const externalId = this.stamp(endOfRun(report));
        const first = { status: 'completed', conclusion: report.conclusion, title, summary, annotations: batches[0], detailsUrl: this.o.runUrl, externalId };
        const checks = this.forge.checks;
        try {
            if (this.checkId === undefined)
                this.checkId = await checks.create(sha, this.o.name, first);
            else
                await checks.update(this.checkId, first);
        }
        catch (error) {
            // A check left in progress blocks merges where it is required: whatever the refusal (422 for its
            // size, a body the forge will not take), complete it with a short text. Permissions and outages
            // that outlasted the retries are the caller's to handle (a status, or a warning).
            if (troubleOf(error) !== 'refused')
                throw error;
            this.log.warning(`${checkWarning(this.o.name, error, 'completed with the full summary', false)} It is completed with a short summary instead.`);
            const short = { status: 'completed', conclusion: report.conclusion, title, summary: shortSummary(end), detailsUrl: this.o.runUrl, externalId };
            if (this.checkId === undefined)
                this.checkId = await checks.create(sha, this.o.name, short);
            else
                await checks.update(this.checkId, short);
            return;
        }
        for (let i = 1; i < batches.length; i++) {
            try {
                await checks.update(this.checkId, { title, summary, annotations: batches[i] });
            }
            catch (error) {
                const unsent = annotations.length - i * ANNOTATIONS_PER_REQUEST;
                this.log.warning(`${checkWarning(this.o.name, error, 'given its annotations', false)} ${unsent} annotation(s) were not sent.`);
                return;
            }
        }
        if (end.failures.length > MAX_ANNOTATIONS)
            this.log.info(`${end.failures.length - MAX_ANNOTATIONS} failing tenant(s) beyond the first ${MAX_ANNOTATIONS} have no annotation; the summary lists them.`);
    }
}
function statusState(c) {
    // Commit statuses have no neutral: a superseded job succeeded at stepping aside, and says so.
    return c === 'failure' ? 'failure' : 'success';
}
/** A few hundred bytes at most: the outcome, the reason, and where the rest is. */
function shortSummary(end) {
    const r = end.report;
    const link = r.run.url && /^https?:\/\/[^\s<>()]+$/.test(r.run.url) ? ` on the [run page](${r.run.url})` : ' on the run page';
    return `**${escapeMarkdown(r.result, 100)}**: ${escapeMarkdown(r.reason, 300)}\n\nThe full summary could not be attached to this check; it is${link}, and every tenant is in the JSON report.`;
}
function statusDescription(end) {
    const r = end.report;
    // Reconcile's other neutral ends (deferred, held) say what they are in their own reason.
    return r.result === 'skipped-superseded' ? `Superseded: ${r.reason}` : r.reason;
}

;// CONCATENATED MODULE: ./src/report/publish/factory.ts




/** A reporting call may retry transient errors this long at most: it must not hold up the end of a deploy. */
const REPORT_RETRY_MS = 10_000;
function createReporter(settings, deps) {
    const { report } = settings;
    if (report.kind === 'none')
        return NO_REPORTER;
    const retry = { ...settings.forge.retry, maxTotalMs: Math.min(settings.forge.retry.maxTotalMs, REPORT_RETRY_MS) };
    const forge = deps.forge ?? createForge({ ...settings.forge, retry }, { http: deps.http, clock: deps.clock, log: (m) => core/* info */.pq(m) });
    return new ForgeReporter(forge, { channel: report.kind, name: report.name, runUrl: settings.run.runUrl, annotationPath: report.annotationPath, mode: settings.mode, environment: settings.target.environment, run: runOf(settings), part: settings.shard && `${settings.shard.index}/${settings.shard.count}` }, { warning: (m) => core/* warning */.$e(m, { title: 'Reporting' }), info: (m) => core/* info */.pq(m) });
}
/** The run to stamp on the record; none outside a workflow run (no numeric GITHUB_RUN_ID). */
function runOf(settings) {
    const id = settings.run.runId;
    return id && /^\d{1,20}$/.test(id) ? { id, attempt: settings.run.attempt } : undefined;
}

;// CONCATENATED MODULE: ./src/settings/common.ts



/** Capabilities, in the order a release added them; only these are accepted by `mode`. */
const MODES = ['gate', 'verify', 'deploy', 'promote', 'reconcile'];
/** Under a second the forge cannot be asked twice: one blip would leave the gate without an answer. */
const MIN_FORGE_RETRY_MS = 1000;
const OWNER_REPO = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;
const BRANCH = /^(?!\/|.*(\.\.|\/\/|@\{|\\|\.lock$|\/$))[^\s~^:?*[\p{Cc}]+$/u;
function parseCommon(env, payload) {
    const input = new InputReader(env);
    const mode = input.oneOf('mode', MODES, 'deploy');
    const forgeKind = input.oneOf('forge', ['auto', 'github', 'gitea'], 'auto');
    const kind = forgeKind === 'auto' ? (env.GITEA_ACTIONS === 'true' ? 'gitea' : 'github') : forgeKind;
    const serverUrl = (env.GITHUB_SERVER_URL || (kind === 'github' ? 'https://github.com' : '')).replace(/\/+$/, '');
    const defaultApi = env.GITHUB_API_URL || (kind === 'github' ? 'https://api.github.com' : serverUrl ? `${serverUrl}/api/v1` : '');
    const apiRaw = input.string('api-url', defaultApi);
    if (!apiRaw)
        throw new InputError('api-url', '', 'the forge API base URL (GITHUB_API_URL is not set either)');
    const apiUrl = parseHttpUrl('api-url', apiRaw).toString().replace(/\/+$/, '');
    const repository = input.string('repository', env.GITHUB_REPOSITORY ?? '');
    const m = OWNER_REPO.exec(repository);
    if (!m)
        throw new InputError('repository', repository, '`owner/name` (GITHUB_REPOSITORY when not given)');
    const shaRaw = input.string('sha', env.GITHUB_SHA ?? '');
    const sha = parseSha('sha', shaRaw);
    const branch = input.string('branch', payload?.repository?.default_branch || 'main');
    if (!BRANCH.test(branch))
        throw new InputError('branch', branch, 'a git branch name such as `main`');
    const environment = input.string('environment', 'production');
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(environment)) {
        throw new InputError('environment', environment, 'a label of letters, digits, `.`, `_` or `-` (at most 64)');
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
            retry: { ...DEFAULT_RETRY, maxTotalMs: input.seconds('forge-retry-seconds', DEFAULT_RETRY.maxTotalMs / 1000, { minMs: MIN_FORGE_RETRY_MS }) },
            requestTimeoutMs: 10_000
        },
        target: { sha, branch, environment },
        gate: {
            enabled: input.bool('superseded-check', true),
            onSuperseded: input.oneOf('on-superseded', ['skip', 'fail'], 'skip'),
            force: input.bool('force', false)
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

;// CONCATENATED MODULE: ./src/settings/report.ts



const CHECK_NAME_PLACEHOLDERS = ['environment', 'mode'];
const DEFAULT_CHECK_NAME = 'rollout-guard/{environment}';
function parseReport(env, common) {
    const input = new InputReader(env);
    const chosen = input.oneOf('report', ['auto', 'check', 'status', 'none'], 'auto');
    const gitea = common.forge.kind === 'gitea';
    if (chosen === 'check' && gitea)
        throw new InputError('report', 'check', '`status`, `none` or `auto` on Gitea, which has no Checks API');
    const kind = chosen === 'auto' ? (gitea ? 'status' : 'check') : chosen;
    const template = input.string('check-name', DEFAULT_CHECK_NAME);
    checkTemplate('check-name', template, CHECK_NAME_PLACEHOLDERS);
    const name = render(template, { environment: common.target.environment, mode: common.mode });
    // eslint-disable-next-line no-control-regex
    if (name.length > 100 || /[\u0000-\u001f\u007f]/.test(name)) {
        throw new InputError('check-name', template, 'a name of at most 100 characters on one line once rendered (placeholders {environment}, {mode})');
    }
    return { kind, name, annotationPath: workflowPath(env, `${common.forge.owner}/${common.forge.repo}`) };
}
/** `owner/repo/.github/workflows/deploy.yml@refs/heads/main` → `.github/workflows/deploy.yml`. */
function workflowPath(env, repository) {
    const ref = env.GITHUB_WORKFLOW_REF ?? '';
    const path = ref.replace(/@[^@]*$/, '');
    return path.startsWith(`${repository}/`) && path.length > repository.length + 1 ? path.slice(repository.length + 1) : '.github';
}

;// CONCATENATED MODULE: ./src/settings/reconcile.ts




const DEFAULT_DEPLOY_TIMEOUT_MINUTES = 360;
/** A week: longer than any runner keeps a job alive, and far inside the timer limit. */
const MAX_DEPLOY_TIMEOUT_MINUTES = 10_080;
function parseReconcile(env, common) {
    const input = new InputReader(env);
    const respectDeployState = input.bool('respect-deploy-state', true);
    const raw = input.raw('deploy-timeout-minutes');
    const minutes = raw === '' ? DEFAULT_DEPLOY_TIMEOUT_MINUTES : /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(minutes >= 1 && minutes <= MAX_DEPLOY_TIMEOUT_MINUTES)) {
        throw new InputError('deploy-timeout-minutes', raw, `a whole number of minutes from 1 to ${MAX_DEPLOY_TIMEOUT_MINUTES}`);
    }
    const template = input.string('check-name', DEFAULT_CHECK_NAME);
    return { respectDeployState, deployTimeoutMs: minutes * 60_000, deployRecordName: render(template, { environment: common.target.environment, mode: 'deploy' }) };
}
/**
 * The name a reconcile run reports under: never the deploys' own name, so no later run can take a
 * reconcile's check or status for a deploy outcome.
 */
function reconcileReportName(name, deployRecordName) {
    return name === deployRecordName ? `${name}/reconcile` : name;
}

;// CONCATENATED MODULE: ./src/settings/rollout.ts






const REDEPLOY_PLACEHOLDERS = ['tenant', 'tag', 'sha', 'sha7', 'environment', 'current'];
const DEFAULT_REDEPLOY_BODY = '{"tenant":"{tenant}","tag":"{tag}","sha":"{sha}"}';
const METHODS = ['POST', 'PUT', 'PATCH'];
/** `imageTag` is the already validated `image-tag` template (shared with promotion's default source). */
function parseRollout(env, common, verify, imageTag) {
    const input = new InputReader(env);
    const tag = render(imageTag, commitVars(common.target.sha, common.target.environment));
    const driver = parseDriver(input);
    const canary = checkTenantNames('canary', input.list('canary'));
    if (verify.tenants.length > 0) {
        const fleet = new Set(verify.tenants);
        const stray = canary.find((c) => !fleet.has(c));
        if (stray)
            throw new InputError('canary', input.raw('canary'), `names from \`tenants\` (${JSON.stringify(stray)} is not one of them)`);
    }
    return {
        imageTag,
        tag,
        driver,
        canary,
        soakMs: input.seconds('canary-soak-seconds', 60, { allowZero: true }),
        maxParallel: input.integer('max-parallel', 10, 1),
        waves: parseWaves(input.raw('waves')),
        wavesRaw: input.raw('waves'),
        maxFailures: input.integer('max-failures', 0, 0),
        requestTimeoutMs: verify.requestTimeoutMs
    };
}
function parseDriver(input) {
    const command = input.raw('redeploy-command');
    const url = input.raw('redeploy-url');
    if (command && url)
        throw new InputError('redeploy-url', url, 'to be empty when `redeploy-command` is given (exactly one of the two)');
    if (!command && !url)
        throw new InputError('redeploy-url', '', 'a control-plane URL template, or a `redeploy-command` (exactly one is required in deploy mode)');
    if (command) {
        let argv;
        try {
            argv = splitArgs(command);
        }
        catch (error) {
            throw new InputError('redeploy-command', command, `a command line with balanced quotes (${error.message})`);
        }
        if (argv.length === 0)
            throw new InputError('redeploy-command', command, 'a command line');
        for (const arg of argv)
            checkTemplate('redeploy-command', arg, REDEPLOY_PLACEHOLDERS);
        return { kind: 'command', argv };
    }
    checkTemplate('redeploy-url', url, REDEPLOY_PLACEHOLDERS);
    parseHttpUrl('redeploy-url', render(url, sampleVars()));
    const method = input.oneOf('redeploy-method', METHODS.map((m) => m.toLowerCase()), 'post').toUpperCase();
    const bodyRaw = input.string('redeploy-body', DEFAULT_REDEPLOY_BODY);
    checkTemplate('redeploy-body', bodyRaw, REDEPLOY_PLACEHOLDERS);
    try {
        JSON.parse(render(bodyRaw, sampleVars(), encodeJsonString));
    }
    catch {
        throw new InputError('redeploy-body', bodyRaw, 'a JSON template (placeholders inside JSON strings, e.g. {"tenant":"{tenant}"})');
    }
    return { kind: 'http', url, method, body: bodyRaw, token: input.raw('control-plane-token') };
}
function sampleVars() {
    const sha = '0123456789abcdef0123456789abcdef01234567';
    return { tenant: 'tenant-1', tag: 'staging-0123456', ...commitVars(sha, 'production'), current: sha };
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
        throw new InputError('shard', raw, '`i/n` with whole numbers 1 ≤ i ≤ n, e.g. `2/4` (from a matrix: `${{ matrix.shard }}/4`)');
    }
    return { index, count };
}

;// CONCATENATED MODULE: ./src/settings/index.ts









function parseSettings(env, payload) {
    // Read first, from the raw inputs: main registers them before calling this, so no error can print one.
    const secrets = secretInputs(env);
    const common = parseCommon(env, payload);
    // Promotion section: parsed only for the modes that can promote, so a gate run ignores stray inputs.
    const promoteInput = new InputReader(env);
    const imageTag = parseImageTag(promoteInput, common.target);
    const promote = ['promote', 'deploy', 'reconcile'].includes(common.mode) ? parsePromote(promoteInput, imageTag, common.mode === 'promote', common.target) : undefined;
    const verify = ['verify', 'deploy', 'reconcile'].includes(common.mode) ? parseVerify(env, common) : undefined;
    const shard = verify ? parseShard(new InputReader(env).raw('shard')) : undefined;
    const rollout = verify && ['deploy', 'reconcile'].includes(common.mode) ? parseRollout(env, common, verify, imageTag) : undefined;
    const dryRun = common.mode === 'reconcile' ? new InputReader(env).bool('dry-run', false) : false;
    const parsedReport = parseReport(env, common);
    const reconcile = common.mode === 'reconcile' ? parseReconcile(env, common) : undefined;
    const report = reconcile ? { ...parsedReport, name: reconcileReportName(parsedReport.name, reconcile.deployRecordName) } : parsedReport;
    return { ...common, secrets, imageTag, promote, verify, rollout, shard, dryRun, report, reconcile };
}

;// CONCATENATED MODULE: ./src/main.ts














/** Modes this build can run; `mode` values outside it are refused by the settings parser. */
const RUNNERS = {
    deploy: (ctx) => runDeployMode(ctx),
    gate: runGateMode,
    promote: runPromoteMode,
    reconcile: (ctx) => runReconcileMode(ctx),
    verify: runVerifyMode
};
/**
 * Parses every input, builds the outside-world adapters, runs the chosen mode and concludes it: report,
 * summary, outputs, check or status. Whatever escapes a mode fails the step with its message, and is
 * still reported; only invalid inputs end the step before anything is reported.
 */
async function run(env = process.env, overrides = {}) {
    let ctx;
    const startedAt = new Date();
    try {
        // Secrets first, from the raw inputs: an input error below (a malformed header line, a bad URL)
        // may quote an input, and must find every secret already masked.
        for (const secret of secretInputs(env))
            registerSecret(secret);
        const settings = parseSettings(env, loadEventPayload(env));
        const runner = RUNNERS[settings.mode];
        if (!runner)
            throw new Error(`mode '${settings.mode}' is not available in this version of Rollout Guard`);
        // An abbreviated `sha` becomes the full SHA here, before anything is reported on it.
        ctx = await createResolvedContext(settings, { signal: cancelOnSignals(), ...overrides });
        const resolved = ctx.settings;
        ctx.reporter = overrides.reporter ?? createReporter(resolved, { http: ctx.http, clock: ctx.clock, forge: overrides.forge });
        // Not awaited: the check run starts alongside the gate instead of before it. The reporter keeps its
        // own order (the final update waits for this one). Reconcile starts it once it knows the head.
        if (resolved.mode !== 'reconcile')
            void ctx.reporter.start(resolved.target.sha);
        // A mode that throws still gets a report, a summary and a failing check: only invalid inputs (above)
        // end the step before anything is reported.
        const outcome = await runner(ctx).catch((error) => ({ result: 'failed', failure: errorMessage(error), outputs: {} }));
        await concludeRun(resolved, ctx.reporter, outcome, startedAt);
    }
    catch (error) {
        core/* setOutput */.uH('result', 'failed');
        core/* setFailed */.C1(redact(errorMessage(error)));
    }
    finally {
        if (ctx && !overrides.http)
            await ctx.http.close();
    }
}
/**
 * A cancelled run gets SIGINT, then SIGTERM a few seconds later. The first one aborts the run's signal:
 * nothing new starts, in-flight calls finish or time out, and the summary and report are still written.
 * The handlers are `once`, so a second signal falls back to Node's default and ends the process.
 */
function cancelOnSignals() {
    const controller = new AbortController();
    const onSignal = (name) => {
        core/* warning */.$e(`Received ${name}: the run was cancelled. Starting nothing new; writing the report of what was done.`);
        controller.abort(new Error(`cancelled by ${name}`));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    return controller.signal;
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


/***/ })

};
