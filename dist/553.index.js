export const id = 553;
export const ids = [553];
export const modules = {

/***/ 6553:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 10 modules
var core = __webpack_require__(7264);
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

;// CONCATENATED MODULE: ./src/errors.ts
/**
 * An input that cannot be used. Thrown before any side effect; the message names the input, the value
 * and the expected form so the workflow author can fix it without reading the source.
 */
class InputError extends Error {
    input;
    value;
    expected;
    constructor(input, value, expected) {
        super(`Input '${input}' has the value ${JSON.stringify(truncate(value, 200))}; expected ${expected}.`);
        this.input = input;
        this.value = value;
        this.expected = expected;
        this.name = 'InputError';
    }
}
function truncate(text, max) {
    return text.length <= max ? text : `${text.slice(0, max)}…`;
}
function errorMessage(error) {
    if (error instanceof Error)
        return error.message;
    return String(error);
}

;// CONCATENATED MODULE: ./src/forge/types.ts
const FULL_SHA = /^[0-9a-f]{40}$/;
/** Prefix match either way, case-insensitive, at least 7 hex digits on the shorter side. */
function sameCommit(a, b) {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    if (Math.min(x.length, y.length) < 7)
        return false;
    return x.length <= y.length ? y.startsWith(x) : x.startsWith(y);
}

;// CONCATENATED MODULE: ./src/forge/ancestry.ts


/**
 * Memoised ancestry questions. A fleet of thousands reports a handful of distinct SHAs, so each
 * (base, head) pair is asked of the forge once per run, however many tenants report it.
 */
class Ancestry {
    forge;
    cache = new Map();
    constructor(forge) {
        this.forge = forge;
    }
    relation(base, head) {
        if (sameCommit(base, head))
            return Promise.resolve({ relation: 'identical' });
        const key = `${base.toLowerCase()}...${head.toLowerCase()}`;
        let hit = this.cache.get(key);
        if (!hit) {
            hit = this.forge
                .compare(base, head)
                .catch((error) => ({ relation: 'unknown', detail: errorMessage(error) }))
                .then((cmp) => {
                // Ancestry of two fixed commits never changes, but "could not tell" may: ask again next time.
                if (cmp.relation === 'unknown')
                    this.cache.delete(key);
                return cmp;
            });
            this.cache.set(key, hit);
        }
        return hit;
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

// EXTERNAL MODULE: ./node_modules/p-retry/index.js + 1 modules
var p_retry = __webpack_require__(4995);
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
    for (const s of secrets)
        if (s.length >= 4)
            out = out.split(s).join('***');
    return out;
}

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
;// CONCATENATED MODULE: ./src/http/client.ts


/** No answer at all: refused, reset, timed out, DNS, or a refused redirect. Always worth another try. */
class NetworkError extends Error {
    code;
    constructor(message, code) {
        super(message);
        this.code = code;
        this.name = 'NetworkError';
    }
}
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
    // A deadline that ends with the exchange. AbortSignal.timeout() keeps its timer (and AbortSignal.any()
    // its links) alive for the whole timeout after every request: at the thousands of requests a second
    // of a large fleet's settle loop, tens of thousands of live timers and signals.
    const controller = new AbortController();
    const signal = controller.signal;
    const timer = setTimeout(() => controller.abort(new DOMException('request timed out', 'TimeoutError')), Math.max(1, req.timeoutMs));
    const onAbort = () => controller.abort(req.signal?.reason);
    if (req.signal?.aborted)
        onAbort();
    else
        req.signal?.addEventListener('abort', onAbort, { once: true });
    try {
        let url = new URL(req.url);
        let method = req.method ?? 'GET';
        let body = req.body;
        for (let hop = 0;; hop++) {
            const res = await exchange(dispatcher, url, method, req.headers ?? {}, body, signal, req.maxBodyBytes ?? DEFAULT_MAX_BODY);
            if (!req.followSameOriginRedirects || !REDIRECTS.has(res.status) || !res.headers.location)
                return res;
            const next = new URL(res.headers.location, url);
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
    finally {
        clearTimeout(timer);
        req.signal?.removeEventListener('abort', onAbort);
    }
}
async function exchange(dispatcher, url, method, headers, body, signal, maxBodyBytes) {
    let res;
    try {
        res = await (0,undici/* request */.Em)(url, {
            method: method,
            headers,
            body,
            signal,
            dispatcher
        });
    }
    catch (error) {
        throw toNetworkError(error, signal, url);
    }
    const chunks = [];
    let size = 0;
    let truncated = false;
    try {
        for await (const chunk of res.body) {
            const buf = chunk;
            if (size + buf.length > maxBodyBytes) {
                chunks.push(buf.subarray(0, maxBodyBytes - size));
                size = maxBodyBytes;
                truncated = true;
                break;
            }
            chunks.push(buf);
            size += buf.length;
        }
    }
    catch (error) {
        throw toNetworkError(error, signal, url);
    }
    finally {
        if (truncated)
            res.body.destroy();
    }
    return {
        status: res.statusCode,
        headers: flattenHeaders(res.headers),
        body: Buffer.concat(chunks, size),
        truncated,
        url: url.toString()
    };
}
function flattenHeaders(raw) {
    const out = {};
    for (const [name, value] of Object.entries(raw)) {
        if (value === undefined)
            continue;
        out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    return out;
}
function toNetworkError(error, signal, url) {
    if (error instanceof NetworkError)
        return error;
    const where = `${url.origin}${url.pathname}`;
    if (signal.aborted) {
        const reason = signal.reason;
        if (reason?.name === 'TimeoutError')
            return new NetworkError(`request to ${where} timed out`, 'TIMEOUT');
        return new NetworkError(`request to ${where} was cancelled`, 'CANCELLED');
    }
    const e = error;
    const code = e.code ?? e.cause?.code ?? 'NETWORK';
    return new NetworkError(`request to ${where} failed: ${truncate(e.message ?? String(error), 200)} (${code})`, code);
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
    const excerpt = truncate(redact(res.body.toString('utf8')).replace(/\s+/g, ' ').trim(), 200);
    return new HttpStatusError(what, res.status, excerpt, parseRetryAfter(res.headers, nowMs));
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
            await clock.sleep(delayMs, signal);
        }
    });
}

;// CONCATENATED MODULE: ./src/forge/errors.ts
/** The forge answered, but not in a shape we can use (empty, malformed, missing field). */
class ForgeAnswerError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ForgeAnswerError';
    }
}

;// CONCATENATED MODULE: ./src/forge/history-walk.ts

const PAGE = 50;
async function walk(from, target, maxCommits, list) {
    let seen = 0;
    for (let page = 1; seen < maxCommits; page++) {
        const shas = await list(from, page, PAGE);
        const i = shas.findIndex((s) => sameCommit(s, target));
        if (i >= 0)
            return { distance: seen + i, exhausted: false };
        seen += shas.length;
        if (shas.length < PAGE)
            return { exhausted: true };
    }
    return { exhausted: false };
}
/**
 * Ancestry from the commit list alone, for forges whose compare cannot take SHAs. Bounded: at most
 * `maxCommits` of each side's history are read, and a relation that lies deeper is `unknown`, never guessed.
 */
async function walkRelation(base, head, maxCommits, list) {
    const fromHead = await walk(head, base, maxCommits, list);
    if (fromHead.distance === 0)
        return { relation: 'identical', aheadBy: 0, behindBy: 0 };
    if (fromHead.distance !== undefined) {
        return { relation: 'ahead', aheadBy: fromHead.distance, behindBy: 0, detail: 'from the commit history' };
    }
    const fromBase = await walk(base, head, maxCommits, list);
    if (fromBase.distance !== undefined) {
        return { relation: 'behind', aheadBy: 0, behindBy: fromBase.distance, detail: 'from the commit history' };
    }
    if (fromHead.exhausted && fromBase.exhausted)
        return { relation: 'diverged', detail: 'from the full commit history' };
    return { relation: 'unknown', detail: `neither commit is among the last ${maxCommits} commits of the other` };
}

;// CONCATENATED MODULE: ./src/forge/gitea.ts




/**
 * Gitea 1.22+ over its REST API (`/api/v1`). Differences from GitHub that matter here:
 * the branch head is `commit.id`; compare answers only `total_commits`, so ahead/behind come from asking
 * both directions; before 1.23 compare refuses SHAs (404) and from 1.25 it fails when the pull-request unit
 * is off, so ancestry then comes from a bounded walk of the commit list instead.
 */
class GiteaForge {
    settings;
    http;
    clock;
    log;
    maxWalk;
    kind = 'gitea';
    checks = undefined;
    compareWorks = true;
    constructor(settings, http, clock, log, maxWalk = 1000) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.log = log;
        this.maxWalk = maxWalk;
    }
    get repoPath() {
        const { apiUrl, owner, repo } = this.settings;
        return `${apiUrl}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
    }
    /** One API call with classified retries; non-2xx becomes an HttpStatusError. */
    async request(what, path, init = {}) {
        const headers = { accept: 'application/json' };
        if (this.settings.token)
            headers.authorization = `token ${this.settings.token}`;
        if (init.body !== undefined)
            headers['content-type'] = 'application/json';
        return withRetry(async (_attempt, remainingMs) => {
            const res = await this.http.send({
                url: `${this.repoPath}${path}`,
                method: init.method ?? 'GET',
                headers,
                body: init.body === undefined ? undefined : JSON.stringify(init.body),
                timeoutMs: Math.min(this.settings.requestTimeoutMs, remainingMs)
            });
            if (res.status < 200 || res.status >= 300)
                throw statusError(what, res, Date.now());
            return res;
        }, {
            policy: this.settings.retry,
            clock: this.clock,
            onRetry: ({ delayMs, error }) => this.log(`${what}: ${error.message}; retrying in ${delayMs} ms`)
        });
    }
    async json(what, path) {
        const res = await this.request(what, path);
        try {
            return JSON.parse(res.body.toString('utf8'));
        }
        catch {
            throw new ForgeAnswerError(`${what} answered a body that is not JSON`);
        }
    }
    async branchHead(branch) {
        const path = `/branches/${branch.split('/').map(encodeURIComponent).join('/')}`;
        const data = (await this.json(`GET branch ${branch}`, path));
        const id = data?.commit?.id;
        if (typeof id !== 'string' || !FULL_SHA.test(id.toLowerCase())) {
            throw new ForgeAnswerError(`the branch answer for '${branch}' has no commit.id`);
        }
        return id.toLowerCase();
    }
    async compare(base, head) {
        if (this.compareWorks) {
            try {
                const ahead = await this.countCommits(base, head);
                const behind = await this.countCommits(head, base);
                return fromCounts(ahead, behind);
            }
            catch (error) {
                if (!(error instanceof HttpStatusError) || ![404, 500].includes(error.status))
                    throw error;
                // 1.22 cannot compare SHAs; 1.25 without the PR unit cannot compare at all. Walk instead, and
                // remember so later comparisons in this run go straight to the walk.
                this.compareWorks = false;
                this.log(`compare by SHA is not available on this Gitea (HTTP ${error.status}); walking commit history instead`);
            }
        }
        return walkRelation(base, head, this.maxWalk, (from, page, limit) => this.listCommits(from, page, limit));
    }
    async countCommits(base, head) {
        const data = (await this.json(`compare ${base.slice(0, 7)}...${head.slice(0, 7)}`, `/compare/${base}...${head}`));
        if (typeof data?.total_commits !== 'number')
            throw new ForgeAnswerError('compare answered without total_commits');
        return data.total_commits;
    }
    async listCommits(from, page, limit) {
        const q = `sha=${encodeURIComponent(from)}&limit=${limit}&page=${page}&stat=false&verification=false&files=false`;
        const data = await this.json(`list commits from ${from.slice(0, 12)}`, `/commits?${q}`);
        if (!Array.isArray(data))
            throw new ForgeAnswerError('the commit list is not an array');
        return data.map((c) => String(c?.sha ?? '').toLowerCase());
    }
    async createCommitStatus(s) {
        await this.request(`POST status ${s.context}`, `/statuses/${s.sha}`, {
            method: 'POST',
            body: { state: s.state, context: s.context, description: s.description, target_url: s.targetUrl ?? '' }
        });
    }
}
function fromCounts(ahead, behind) {
    if (ahead === 0 && behind === 0)
        return { relation: 'identical', aheadBy: 0, behindBy: 0 };
    if (behind === 0)
        return { relation: 'ahead', aheadBy: ahead, behindBy: 0 };
    if (ahead === 0)
        return { relation: 'behind', aheadBy: 0, behindBy: behind };
    return { relation: 'diverged', aheadBy: ahead, behindBy: behind };
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
    checks = {
        create: async (sha, name, u) => {
            const { owner, repo } = this.settings;
            const res = await this.call(`POST check-run ${name}`, (signal) => this.octokit.rest.checks.create({ owner, repo, head_sha: sha, name, ...checkBody(u), request: { signal } }));
            return res.data.id;
        },
        update: async (id, u) => {
            const { owner, repo } = this.settings;
            await this.call(`PATCH check-run ${id}`, (signal) => this.octokit.rest.checks.update({ owner, repo, check_run_id: id, ...checkBody(u), request: { signal } }));
        }
    };
}
/** The REST body of a check run create/update; GitHub wants `output.title` and `summary` with every output. */
function checkBody(u) {
    return {
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
 * Asks the forge who owns the branch. Called before the first side effect and again before every
 * wave and right before promotion, so the gap between check and act stays one API round trip.
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
    const ancestry = new Ancestry(forge);
    const gate = new SupersededGate(forge, ancestry, settings.target, settings.gate);
    return { settings, clock, http, forge, ancestry, gate, signal: overrides.signal ?? new AbortController().signal, reporter: overrides.reporter ?? NO_REPORTER };
}

// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 3 modules
var exec = __webpack_require__(1260);
;// CONCATENATED MODULE: ./src/command/runner.ts


const KEEP = 64 * 1024;
const execRunner = {
    async run(argv, options) {
        const [tool, ...args] = argv;
        if (!tool)
            throw new Error('empty command');
        let stdout = '';
        let stderr = '';
        const exitCode = await exec/* exec */.m(tool, args, {
            ignoreReturnCode: true,
            silent: true,
            cwd: options.cwd,
            env: { ...process.env, ...options.env },
            listeners: {
                stdout: (d) => {
                    stdout = (stdout + d.toString('utf8')).slice(-KEEP);
                },
                stderr: (d) => {
                    stderr = (stderr + d.toString('utf8')).slice(-KEEP);
                }
            }
        });
        return { exitCode, stdout, stderrTail: tail(stderr) };
    }
};
function tail(text, lines = 5, chars = 500) {
    return truncate(text.trimEnd().split('\n').slice(-lines).join('\n'), chars);
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

;// CONCATENATED MODULE: ./src/rollout/command-redeployer.ts




/**
 * `redeploy-command`: run once per tenant, without a shell. Each argument is templated on its own, so a
 * value can never split into two arguments or a second command; the values are also in the environment.
 */
class CommandRedeployer {
    argv;
    runner;
    constructor(argv, runner) {
        this.argv = argv;
        this.runner = runner;
    }
    async redeploy(req, signal) {
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
 * stale compare-and-set (409) is believed at once.
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
    async redeploy(req, signal) {
        const vars = requestVars(req);
        const url = render(this.driver.url, vars, encodeUrlPart);
        const headers = { 'content-type': 'application/json', accept: 'application/json' };
        if (this.driver.token)
            headers.authorization = `Bearer ${this.driver.token}`;
        const body = this.driver.body ? render(this.driver.body, vars, encodeJsonString) : undefined;
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
                onRetry: ({ delayMs, error }) => this.deps.log(`redeploy ${req.tenant}: ${errorMessage(error)}; retrying in ${delayMs} ms`)
            });
            return { ok: true, detail: '' };
        }
        catch (error) {
            return { ok: false, detail: errorMessage(error), conflict: error instanceof HttpStatusError && error.status === 409 };
        }
    }
}

;// CONCATENATED MODULE: ./src/rollout/redeployer.ts


function createRedeployer(settings, deps) {
    const driver = settings.driver;
    switch (driver.kind) {
        case 'command':
            return new CommandRedeployer(driver.argv, deps.runner);
        case 'http':
            return new ControlPlaneRedeployer(driver, settings.requestTimeoutMs, deps);
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

// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(370);
;// CONCATENATED MODULE: ./src/verify/scheduler.ts



async function settleTenant(tenant, run) {
    const { clock, startedAt, budgetMs, intervalMs } = run;
    const deadline = startedAt + budgetMs;
    const hardEnd = deadline + run.requestTimeoutMs;
    const url = run.prober.urlFor?.(tenant) ?? '';
    const seen = { polls: 0, answeredOk: false };
    const verdict = (v) => ({
        tenant,
        url,
        polls: seen.polls,
        elapsedMs: clock.now() - startedAt,
        ...v
    });
    let scheduled = startedAt;
    for (;;) {
        if (run.signal?.aborted)
            return judge(seen, verdict, true);
        const wait = scheduled - clock.now();
        if (wait > 0) {
            try {
                await clock.sleep(wait, run.signal);
            }
            catch {
                return judge(seen, verdict, true);
            }
        }
        const obs = await run.limit(() => probeOnce(tenant, run, hardEnd));
        if (!obs)
            break;
        seen.polls += 1;
        run.onObservation?.(tenant, obs);
        if (obs.sha) {
            seen.lastSha = obs.sha;
            if (sameCommit(obs.sha, run.target))
                return verdict({ verdict: 'on-target', sha: obs.sha, settleMs: clock.now() - startedAt });
            if (await run.isAhead(obs.sha))
                return verdict({ verdict: 'ahead', sha: obs.sha, settleMs: clock.now() - startedAt });
            seen.lastError = undefined;
        }
        else {
            seen.lastError = obs.error;
            if (obs.status !== undefined && obs.status >= 200 && obs.status <= 299)
                seen.answeredOk = true;
        }
        if (scheduled >= deadline)
            break;
        scheduled = Math.min(deadline, Math.max(scheduled + intervalMs, clock.now()));
    }
    return judge(seen, verdict, false);
}
/** A tenant that never settled: what it reported decides between stale, invalid and unreachable. */
function judge(seen, verdict, cancelled) {
    const extra = cancelled ? { cancelled: true, lastError: seen.lastError ?? 'verification was cancelled' } : { lastError: seen.lastError };
    if (seen.lastSha)
        return verdict({ verdict: 'stale', sha: seen.lastSha, ...extra });
    if (seen.answeredOk)
        return verdict({ verdict: 'invalid', ...extra });
    return verdict({ verdict: 'unreachable', ...extra, lastError: extra.lastError ?? 'no answer' });
}
const TIMED_OUT = Symbol('timed out');
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
    const timer = run.clock.sleep(limitMs, stopTimer.signal).then(() => TIMED_OUT, () => undefined);
    const probe = run.prober.probe(tenant, signal).catch((error) => ({ error: errorMessage(error) }));
    const first = await Promise.race([probe, timer]);
    if (first === TIMED_OUT) {
        abort.abort(new DOMException('probe time limit', 'TimeoutError'));
        return { error: `no answer within ${formatSeconds(limitMs)}` };
    }
    // With a reason given, abort() skips building a DOMException (and its stack) on every answered probe.
    stopTimer.abort(ANSWERED);
    return first ?? (await probe);
}

;// CONCATENATED MODULE: ./src/verify/fleet.ts



const DEFAULT_CONCURRENCY = 64;
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** The verifier's timing and throttling, as the settings give them. */
function settleOptions(s) {
    return { budgetMs: s.budgetMs, intervalMs: s.intervalMs, requestTimeoutMs: s.requestTimeoutMs, concurrency: s.concurrency };
}
/**
 * Verifies a whole fleet at once: every tenant runs its own settle loop from the same start, and only
 * the requests are throttled, so a fleet of thousands takes about one budget, not thousands.
 * Verdicts come back in the order of `tenants`; this never rejects for a tenant's sake.
 */
async function verifyFleet(tenants, opts) {
    const limit = (0,p_limit/* default */.A)(opts.concurrency ?? DEFAULT_CONCURRENCY);
    const isAhead = memoiseAhead(opts.ancestry, opts.target);
    const run = {
        target: opts.target,
        prober: opts.prober,
        isAhead,
        clock: opts.clock,
        startedAt: opts.clock.now(),
        budgetMs: opts.budgetMs,
        intervalMs: opts.intervalMs,
        requestTimeoutMs: opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        limit,
        signal: opts.signal,
        onObservation: opts.onObservation
    };
    let done = 0;
    let ok = 0;
    return Promise.all(tenants.map(async (tenant) => {
        const v = await settleTenant(tenant, run);
        done += 1;
        if (v.verdict === 'on-target' || v.verdict === 'ahead')
            ok += 1;
        opts.onProgress?.(done, tenants.length, ok);
        return v;
    }));
}
/**
 * A fleet reports a handful of distinct SHAs however many tenants it has, so each is asked of the
 * forge once per verification. A question the forge could not answer counts as "not ahead" for now
 * and is asked again at the next poll, so a brief forge outage cannot turn an ahead tenant stale.
 */
function memoiseAhead(ancestry, target) {
    const memo = new Map();
    return (sha) => {
        const key = sha.toLowerCase();
        let hit = memo.get(key);
        if (!hit) {
            hit = ancestry.isAhead(key, target).catch(() => {
                memo.delete(key);
                return false;
            });
            memo.set(key, hit);
        }
        return hit;
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
    const names = failed.slice(0, 5).map((r) => `${r.tenant} ${r.action === 'redeploy-failed' ? 'redeploy-failed' : r.verdict?.verdict}`);
    return names.join(', ') + (failed.length > 5 ? `, and ${failed.length - 5} more` : '');
}
/** `3 redeployed, 1 already on target, 2 ahead`. */
function summarise(records) {
    const n = (a) => records.filter((r) => r.action === a).length;
    return `${n('redeployed')} redeployed, ${n('skipped-on-target')} already on target, ${n('skipped-ahead')} ahead`;
}

;// CONCATENATED MODULE: ./src/rollout/plan.ts
/**
 * Canary first (all canary tenants together), then the rest of the fleet in waves of at most
 * `maxParallel`, in the order the fleet was given. Pure, so the shape of a rollout is tested alone.
 */
function planSteps(fleet, canary, maxParallel) {
    const steps = [];
    const inCanary = new Set(canary);
    if (canary.length > 0)
        steps.push({ name: 'canary', kind: 'canary', tenants: [...canary] });
    const rest = fleet.filter((t) => !inCanary.has(t));
    for (let i = 0; i < rest.length; i += maxParallel) {
        steps.push({ name: `wave ${steps.filter((s) => s.kind === 'wave').length + 1}`, kind: 'wave', tenants: rest.slice(i, i + maxParallel) });
    }
    return steps;
}

;// CONCATENATED MODULE: ./src/rollout/sweeper.ts

/** How often one tenant's redeploy is sent again before the verdict is left to the budget. */
const MAX_REISSUES = 3;
/**
 * Notices a tenant that moves to an OLDER commit while this job verifies it and sends the redeploy
 * again, as an orphan sweeper would. This is how the owning job heals the one backward move that no
 * gate can prevent: a redeploy an older job sent before the newer commit landed, which a control plane
 * without compare-and-set applies late. A commit change away from the baseline, or any older commit
 * after the target was seen, is a regression; a tenant still showing its baseline is just draining.
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
        const decision = await this.deps.gate();
        if (decision.superseded && !this.deps.force) {
            this.deps.log(`${tenant} regressed to ${seen.slice(0, 7)}, but this job is superseded; leaving it to the newer job`);
            return;
        }
        w.reissues += 1;
        this.reissued.set(tenant, w.reissues);
        this.deps.log(`${tenant} regressed to ${seen.slice(0, 7)} while verifying; sending its redeploy again (${w.reissues}/${MAX_REISSUES})`);
        const res = await this.deps.redeployer.redeploy(this.deps.request(tenant, seen), this.deps.signal);
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

;// CONCATENATED MODULE: ./src/rollout/tenant-step.ts


/**
 * Pre-flight, then redeploy, for one tenant. The pre-flight read is what makes the rollout forward-only:
 * a tenant already on the target is left alone, and one on a descendant is never rolled back to it
 * (unless `force`). An unreadable or older tenant is rolled.
 */
async function rollTenant(tenant, step, deps) {
    const record = { tenant, step, action: 'not-started', reissues: 0 };
    // A compare-and-set refusal means the tenant changed between our read and our redeploy: read it again
    // and decide again (it may now be on the target or ahead), as a CAS loop does.
    for (let attempt = 1; attempt <= CAS_ATTEMPTS; attempt++) {
        if (deps.signal.aborted)
            return record;
        const obs = await deps.prober.probe(tenant, deps.signal);
        if (attempt === 1)
            record.before = obs.sha;
        const seen = await fleet_classify(obs, deps.target, deps.ancestry);
        if (seen === 'on-target' || (seen === 'ahead' && !deps.force)) {
            record.action = seen === 'on-target' ? 'skipped-on-target' : 'skipped-ahead';
            if (seen === 'ahead')
                core/* info */.pq(`${tenant} already serves ${obs.sha?.slice(0, 7)}, a descendant of ${deps.target.slice(0, 7)}: not rolled back`);
            deps.sweeper.watch(tenant, obs.sha);
            return record;
        }
        if (seen === 'ahead')
            core/* warning */.$e(`${tenant} serves ${obs.sha?.slice(0, 7)}, newer than ${deps.target.slice(0, 7)}; force: true rolls it back`, { title: 'Backward redeploy forced' });
        // A cancel that arrived during the pre-flight still stops this tenant: nothing new starts after a cancel.
        if (deps.signal.aborted)
            return record;
        const res = await deps.redeployer.redeploy(deps.request(tenant, obs.sha ?? ''), deps.signal);
        if (res.ok) {
            record.action = 'redeployed';
            deps.sweeper.watch(tenant, obs.sha);
            return record;
        }
        record.action = 'redeploy-failed';
        record.redeployError = res.detail;
        if (!res.conflict)
            return record;
        core/* info */.pq(`${tenant}: the control plane refused a stale compare-and-set (${res.detail}); reading it again`);
    }
    return record;
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
/** A tenant counts as failed when its redeploy failed or its last verdict is neither on-target nor ahead. */
function isFailed(r) {
    if (r.action === 'redeploy-failed')
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
    constructor(deps) {
        this.deps = deps;
        const { target, rollout } = deps;
        this.timeline = deps.timeline ?? new Timeline(deps.clock);
        this.records = new Map(deps.fleet.map((t) => [t, { tenant: t, step: '', action: 'not-started', reissues: 0 }]));
        const request = (tenant, current) => ({ tenant, tag: rollout.tag, sha: target.sha, environment: target.environment, current });
        this.sweeper = new Sweeper({ target: target.sha, request, redeployer: deps.redeployer, ancestry: deps.ancestry, gate: () => deps.gate.check(), force: deps.gateSettings.force, log: (m) => core/* warning */.$e(m), signal: deps.signal });
        this.stepDeps = { target: target.sha, force: deps.gateSettings.force, prober: deps.prober, ancestry: deps.ancestry, redeployer: deps.redeployer, sweeper: this.sweeper, request, signal: deps.signal };
    }
    async run() {
        const { rollout, signal } = this.deps;
        const steps = planSteps(this.deps.fleet, rollout.canary, rollout.maxParallel);
        for (const [i, step] of steps.entries()) {
            if (signal.aborted)
                return this.finish('cancelled', `The run was cancelled before ${step.name}; nothing was started after that.`);
            const where = i === 0 ? 'before the first redeploy' : `before ${step.name}`;
            const decision = i === 0 && this.deps.initial ? this.deps.initial : await this.askGate(step, where);
            if (decision.superseded && !this.deps.gateSettings.force)
                return this.finish('skipped-superseded', `Superseded ${where}: ${decision.reason}`);
            await this.timeline.run(step.name, () => core/* group */.Os(`${cap(step.name)}: ${step.tenants.length} tenant(s)`, () => this.roll(step)), () => this.judge(step));
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
    /** Pre-flight and redeploy the step's tenants (max-parallel at once), then verify those that started. */
    async roll(step) {
        const limit = (0,p_limit/* default */.A)(this.deps.rollout.maxParallel);
        const rolled = await Promise.all(step.tenants.map((t) => limit(() => rollTenant(t, step.name, this.stepDeps))));
        for (const r of rolled) {
            this.records.set(r.tenant, r);
            // The error annotation comes once, at the end, with every other failing tenant's.
            if (r.action === 'redeploy-failed')
                core/* info */.pq(`redeploy of ${r.tenant} failed: ${r.redeployError}`);
        }
        const started = rolled.filter((r) => r.action !== 'redeploy-failed' && r.action !== 'not-started').map((r) => r.tenant);
        if (started.length)
            await this.verify(step.name, started);
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
        const verdicts = await verifyFleet(tenants, {
            target: deps.target.sha,
            prober: deps.prober,
            ancestry: deps.ancestry,
            clock: deps.clock,
            ...settleOptions(deps.verify),
            signal: deps.signal,
            onObservation: this.sweeper.observe,
            onProgress: (done, total, ok) => deps.onProgress?.(phase, done, total, ok)
        });
        await this.sweeper.settle();
        for (const v of verdicts) {
            const record = this.records.get(v.tenant);
            if (!again || !record.verdict || !isOk(v.verdict) || record.verdict.verdict !== v.verdict)
                record.verdict = v;
        }
    }
    judge(step) {
        if (this.deps.signal.aborted)
            return { outcome: 'cancelled' };
        const bad = step.tenants.map((t) => this.records.get(t)).filter(isFailed);
        return bad.length ? { outcome: 'failed', detail: describeFailures(bad) } : { outcome: 'ok' };
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
function cap(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
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
        return { problem: `the answer is neither JSON nor a bare SHA: ${JSON.stringify(truncate(text.replace(/\s+/g, ' '), 60))}` };
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
    return { problem: `field \`${path}\` is not a SHA of 7 to 40 hex digits: ${JSON.stringify(truncate(String(JSON.stringify(node)), 60))}` };
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
            let res;
            try {
                res = await http.send({ url, headers, timeoutMs: settings.requestTimeoutMs, maxBodyBytes: MAX_BUILDINFO_BYTES, signal, followSameOriginRedirects: true });
            }
            catch (error) {
                return { error: errorMessage(error) };
            }
            const status = res.status;
            if (status < 200 || status > 299) {
                const excerpt = truncate(res.body.toString('utf8').replace(/\s+/g, ' ').trim(), 120);
                return { status, error: `HTTP ${status}${excerpt ? `: ${excerpt}` : ''}` };
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
 * The fleet's tenant names. A name is substituted into the build info URL (and, in deploy, into
 * redeploy requests and commands), so only DNS-label-like tokens are accepted: nothing that could add
 * a path segment, a user-info part, a port, a query or a fragment.
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
        throw new InputError('tenants-url', url, `${LIST_FORM}; the answer is larger than 4 MiB`);
    const names = parseTenantList(res.body.toString('utf8'));
    if (names.length > 1)
        requireTenantPlaceholder(settings.buildinfoUrl);
    return names;
}
/** With several tenants and no {tenant}, every tenant would be probed at the same URL. */
function requireTenantPlaceholder(template) {
    if (!template.includes('{tenant}')) {
        throw new InputError('buildinfo-url', template, 'a URL template containing {tenant} (otherwise every tenant is probed at the same URL)');
    }
}
/** The `tenants-url` answer: `["a","b"]` or `[{"name":"a"},...]`, non-empty, valid and unique names. */
function parseTenantList(text) {
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        throw new InputError('tenants-url', truncate(text, 120), `${LIST_FORM}; the answer is not JSON`);
    }
    if (!Array.isArray(doc))
        throw new InputError('tenants-url', truncate(text, 120), `${LIST_FORM}; the answer is not an array`);
    const names = doc.map((item) => {
        if (typeof item === 'string')
            return item.trim();
        if (item !== null && typeof item === 'object' && typeof item.name === 'string')
            return item.name.trim();
        throw new InputError('tenants-url', truncate(JSON.stringify(item) ?? String(item), 120), `${LIST_FORM}; this entry is neither`);
    });
    if (names.length === 0)
        throw new InputError('tenants-url', truncate(text, 120), `${LIST_FORM}, with at least one tenant`);
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
const SAMPLE = commitVars('0123456789abcdef0123456789abcdef01234567', 'production');
/** The `image-tag` input: the tag builds push, and the default source of a promotion. */
function parseImageTag(input) {
    return parseTagTemplate(input, 'image-tag', DEFAULT_IMAGE_TAG);
}
/**
 * undefined when neither `image` nor `promote-command` is set and promotion is optional (deploy mode
 * without promotion). Every check runs here, before any request.
 */
function parsePromote(input, imageTagTemplate, required) {
    const imageText = input.raw('image');
    const commandText = input.raw('promote-command');
    if (!imageText && !commandText) {
        if (!required)
            return undefined;
        throw new InputError('image', '', 'the repository to promote in, such as `ghcr.io/acme/app` (or a `promote-command`)');
    }
    const image = imageText ? parseImageRef('image', imageText) : undefined;
    const from = parseTagTemplate(input, 'promote-from', imageTagTemplate);
    const tag = parseTagTemplate(input, 'promote-tag', 'latest');
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
function parseTagTemplate(input, name, fallback) {
    const template = input.string(name, fallback);
    checkTemplate(name, template, TAG_VARS);
    if (!isValidTag(render(template, SAMPLE))) {
        throw new InputError(name, template, 'an OCI tag: up to 128 letters, digits, `_`, `.` or `-`, not starting with `.` or `-` (placeholders {sha}, {sha7}, {environment})');
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
    const failedRedeploy = r.action === 'redeploy-failed';
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
function conclusionOf(result, failed) {
    if (failed)
        return 'failure';
    return result === 'skipped-superseded' ? 'neutral' : 'success';
}
function buildReport(settings, outcome, record, finishedAt) {
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
        promotion: record.promotion ? promotionOf(settings, sha, record.promotion) : null
    };
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
    const record = {
        reason: r.reason,
        startedAt: run.startedAt,
        targetSha: settings.target.sha,
        tag: run.tag,
        gate,
        head: r.headSha ?? gate?.headSha,
        phases: r.phases,
        tenants,
        promotion: run.promotion
    };
    const outputs = {
        superseded: String(r.result === 'skipped-superseded'),
        'head-sha': r.headSha ?? run.gate?.headSha ?? '',
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
    const { sha, source, target } = f;
    const moving = `${target.tag} -> ${source.tag} (${promote_decide_short(source.digest)}, ${promote_decide_short(sha)})`;
    if (target.digest === source.digest) {
        return { action: 'unchanged', reason: `${target.tag} already points at ${promote_decide_short(source.digest)}, the image of ${source.tag}; nothing to do.` };
    }
    if (!target.digest)
        return { action: 'promote', forced: false, reason: `${target.tag} does not exist yet; promoting ${moving}.` };
    const held = target.revision ? `${promote_decide_short(target.revision)} (${promote_decide_short(target.digest)})` : promote_decide_short(target.digest);
    if (f.targetAhead) {
        const ahead = `${target.tag} holds ${held}, a newer commit than ${promote_decide_short(sha)}`;
        if (f.force)
            return { action: 'promote', forced: true, reason: `${ahead}, but force: true moves it back: ${moving}.` };
        return { action: 'skip-ahead', reason: `${ahead}; ${target.tag} stays where it is (forward-only).` };
    }
    if (!target.revision) {
        return { action: 'promote', forced: false, reason: `${target.tag} holds ${held} whose commit is unknown (${target.revisionNote ?? 'no revision annotation or label'}); promoting ${moving}.` };
    }
    return { action: 'promote', forced: false, reason: `${target.tag} holds ${held}, which is not newer than ${promote_decide_short(sha)}; promoting ${moving}.` };
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
/** Errors reading the registry propagate: an unreadable target must not count as "older". */
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
        if (!inner)
            return { revision: undefined, note: `the index refers to ${child.digest.slice(0, 19)}, which is missing` };
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
    return { revision: undefined, note: `the ${where} ${JSON.stringify(truncate(String(value), 60))} is not a commit SHA` };
}

;// CONCATENATED MODULE: ./src/promote/promote.ts






async function promote(opts) {
    try {
        const tags = renderTags(opts.settings, opts.sha, opts.environment);
        if (opts.settings.command)
            return await byCommand(opts, tags);
        if (!opts.registry)
            throw new Error('no registry client and no promote-command: nothing can promote');
        return await byRetag(opts, opts.registry, tags);
    }
    catch (error) {
        return { promoted: false, outcome: 'failed', reason: `Promotion failed: ${errorMessage(error)}` };
    }
}
async function byRetag(opts, registry, tags) {
    const name = registry.ref.display;
    const source = await registry.getManifest(tags.from);
    if (!source) {
        return { promoted: false, outcome: 'failed', reason: `Source tag missing: ${name}:${tags.from} does not exist (HTTP 404); push the image of ${opts.sha.slice(0, 7)} as ${tags.from} first.` };
    }
    core/* info */.pq(`${name}:${tags.from} is ${source.digest} (${source.mediaType}).`);
    const target = { digest: await registry.manifestDigest(tags.tag), revision: undefined };
    let targetAhead = false;
    if (target.digest && target.digest !== source.digest) {
        try {
            // Read by digest: the image judged is the image that was there, even if the tag moves meanwhile.
            const held = await registry.getManifest(target.digest);
            const read = held ? await readRevision(registry, held) : { revision: undefined, note: 'its manifest vanished while being read' };
            target.revision = read.revision;
            target.revisionNote = read.note;
        }
        catch (error) {
            if (!opts.force)
                throw new Error(`cannot tell which commit ${name}:${tags.tag} (${target.digest}) was built from, so it is not moved: ${errorMessage(error)}`, { cause: error });
            target.revisionNote = `unreadable: ${errorMessage(error)}`;
        }
        if (target.revision)
            targetAhead = await opts.ancestry.isAhead(target.revision, opts.sha);
    }
    core/* info */.pq(`${name}:${tags.tag} is ${target.digest ?? 'absent'}${target.revision ? `, built from ${target.revision}` : ''}.`);
    const decision = decidePromotion({ sha: opts.sha, source: { tag: tags.from, digest: source.digest }, target: { ...target, tag: tags.tag }, targetAhead, force: opts.force });
    const before = { previousDigest: target.digest, previousRevision: target.revision };
    if (decision.action === 'unchanged')
        return { promoted: false, outcome: 'unchanged', digest: source.digest, ...before, reason: decision.reason };
    if (decision.action === 'skip-ahead')
        return { promoted: false, outcome: 'skipped-ahead', digest: source.digest, ...before, reason: decision.reason };
    if (decision.forced)
        core/* warning */.$e(decision.reason, { title: 'Promotion forced backward' });
    const gate = await opts.checkGate();
    if (gate.superseded) {
        return { promoted: false, outcome: 'skipped-superseded', digest: source.digest, ...before, reason: `${gate.reason} ${tags.tag} was not moved.` };
    }
    const written = await registry.putManifest(tags.tag, source);
    if (written !== source.digest) {
        return { promoted: false, outcome: 'failed', ...before, reason: `Promotion failed: the registry stored ${tags.tag} as ${written}, not ${source.digest}.` };
    }
    core/* info */.pq(`${name}:${tags.tag} now points at ${written}.`);
    return { promoted: true, outcome: 'promoted', digest: written, ...before, reason: decision.reason, forced: decision.forced };
}
async function byCommand(opts, tags) {
    // The command cannot be asked what the tag holds, so the gate is the only guard: it must do its own
    // forward-only check if the registry can move tags out of order.
    const gate = await opts.checkGate();
    if (gate.superseded)
        return { promoted: false, outcome: 'skipped-superseded', reason: `${gate.reason} promote-command was not run.` };
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
            return truncate([first.code, first.message].filter((x) => typeof x === 'string' && x).join(': '), 200);
    }
    catch {
        // not the distribution error shape
    }
    return truncate(text.replace(/\s+/g, ' ').trim(), 200);
}

;// CONCATENATED MODULE: ./src/registry/auth.ts




/**
 * The registry login dance as docker and crane do it: start anonymous; on a 401 follow the challenge,
 * Basic with the credentials, or Bearer by asking the challenge's realm for a token scoped to
 * `repository:<name>:pull,push`. Each scheme is tried once: a second 401 means the credentials are wrong.
 */
class RegistryAuth {
    deps;
    header;
    triedBasic = false;
    triedBearer = false;
    constructor(deps) {
        this.deps = deps;
    }
    get authorization() {
        return this.header;
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
            if (this.triedBearer)
                throw this.badCredentials(what, 'the registry refused the token it was given');
            this.triedBearer = true;
            this.header = `Bearer ${await this.fetchToken(bearer.params.realm, bearer.params.service)}`;
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
        throw new RegistryError('credentials', `${what}: HTTP 401 without a Basic or Bearer challenge (${truncate(res.headers['www-authenticate'] ?? 'no WWW-Authenticate', 120)}).`, 401);
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
            throw new RegistryError('refused-realm', `The registry named a token realm that is not a URL: ${JSON.stringify(truncate(realmText, 120))}.`);
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
        this.deps.log(`Got a registry token from ${realm.origin} for ${this.who}.`);
        return token;
    }
}
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
    async putManifest(tag, manifest) {
        const what = `PUT ${this.ref.display}:${tag}`;
        const res = await this.call({ method: 'PUT', path: `manifests/${tag}`, what, headers: { 'content-type': manifest.mediaType }, body: manifest.bytes });
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
            const headers = sameOrigin && this.auth.authorization ? { authorization: this.auth.authorization } : undefined;
            return this.options.http.send({ url, headers, timeoutMs: Math.min(this.options.timeoutMs, remainingMs), maxBodyBytes: maxBytes, signal: this.options.signal });
        });
    }
    call(call) {
        const url = new URL(`/v2/${this.ref.repository}/${call.path}`, this.base);
        return this.retried(call.what, async (remainingMs) => {
            for (;;) {
                const headers = { ...call.headers };
                const authorization = this.auth.authorization;
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
                if (res.status !== 401)
                    return res;
                await this.auth.answer(res, call.what, call.method === 'PUT');
            }
        });
    }
    retried(what, fn) {
        const { clock, retry, signal } = this.options;
        return withRetry(async (_attempt, remainingMs) => {
            // Timers want whole milliseconds; a monotonic clock hands out fractions.
            const res = await fn(Math.max(1, Math.floor(remainingMs)));
            if (RETRYABLE_STATUSES.has(res.status))
                throw statusError(what, res, clock.now());
            return res;
        }, { policy: retry, clock, signal, onRetry: ({ delayMs, error }) => this.log(`${String(error instanceof Error ? error.message : error)}; retrying in ${delayMs} ms`) });
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
 * One forward-only promotion with the gate asked right before the write. Shared by `mode: promote`
 * and the last step of deploy and reconcile. Returns the last gate decision too, for the report.
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
        signal: ctx.signal
    });
    return { result, gate: last };
}

;// CONCATENATED MODULE: ./src/modes/deploy-mode.ts












/**
 * `mode: deploy`: gate, canary, soak, waves, confirm, then forward-only promotion, with the gate asked
 * again before every wave and right before the promotion. A job that finds itself superseded at any
 * point starts nothing new and ends neutral.
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
    const fleet = await core/* group */.Os('Tenants', () => loadTenants(verify, ctx.http, ctx.clock, ctx.signal));
    const stray = rollout.canary.find((c) => !fleet.includes(c));
    if (stray)
        throw new InputError('canary', rollout.canary.join(','), `names of the fleet (${JSON.stringify(stray)} is not among the ${fleet.length} tenants)`);
    core/* info */.pq(`${fleet.length} tenant(s); canary: ${rollout.canary.join(', ') || 'none'}; waves of ${rollout.maxParallel}; tag ${rollout.tag}`);
    const result = await runRollout({
        fleet,
        rollout,
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
        initial: first,
        onProgress: progressReporter(ctx.clock)
    });
    let promotion;
    let gate = first;
    if (result.result === 'deployed' && settings.promote && !ctx.signal.aborted) {
        const step = await timeline.run('promotion', () => core/* group */.Os('Promotion', () => promotionStep(ctx, runner)), (p) => ({ outcome: p.result.outcome, detail: p.result.reason }));
        promotion = step.result;
        gate = step.gate ?? gate;
        if (promotion.outcome === 'skipped-superseded') {
            result.result = 'skipped-superseded';
            result.reason = `Superseded before promotion: ${promotion.reason}`;
        }
        else if (promotion.outcome === 'failed') {
            result.result = 'failed';
            result.reason = `Every tenant was verified, but ${promotion.reason.charAt(0).toLowerCase()}${promotion.reason.slice(1)}`;
        }
        else {
            result.reason = `${result.reason} ${promotion.reason}`;
        }
    }
    return finishRun(ctx, { rollout: result, gate, startedAt, tag: rollout.tag, promotion });
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
 * the registry) and again right before the write.
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
            return { result: 'failed', failure: result.reason, outputs };
        case 'skipped-ahead':
            core/* notice */.lm(result.reason, { title: 'Promotion skipped: the tag is ahead' });
            return { result: result.outcome, outputs };
        default:
            core/* info */.pq(result.reason);
            return { result: result.outcome, outputs };
    }
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
    const fleet = await core/* group */.Os('Tenants', () => loadTenants(verify, ctx.http, ctx.clock, ctx.signal));
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
        const reason = behind.length ? `${behind.length} tenant(s) behind ${head.slice(0, 7)}; dry run, nothing changed.` : `Every readable tenant is on ${head.slice(0, 7)} or ahead; dry run.`;
        result = { result: behind.length ? 'drifted' : 'in-sync', reason, headSha: head, tenants: drift.map(recordOf), phases: timeline.phases };
        return withOutputs(await finishRun(headCtx, { rollout: result, gate: undefined, startedAt, tag }), extra);
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
    if ((kind === 'healed' || kind === 'in-sync') && settings.promote && !ctx.signal.aborted) {
        const step = await timeline.run('promotion', () => core/* group */.Os('Promotion', () => promotionStep(headCtx, runner)), (p) => ({ outcome: p.result.outcome, detail: p.result.reason }));
        promotion = step.result;
        if (promotion.outcome === 'failed')
            result = { ...result, result: 'failed', reason: promotion.reason };
        if (promotion.outcome === 'skipped-superseded')
            result = { ...result, result: 'skipped-superseded', reason: `The head moved before promotion: ${promotion.reason}` };
    }
    const healed = rolled ? rolled.tenants.filter((t) => t.verdict && (t.verdict.verdict === 'on-target' || t.verdict.verdict === 'ahead')).map((t) => t.tenant) : [];
    return withOutputs(await finishRun(headCtx, { rollout: result, gate: undefined, startedAt, tag, promotion }), { ...extra, healed: JSON.stringify(healed) });
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
        return { tenant: t.tenant, title, message: `tenant ${t.tenant} redeploy failed: ${truncate(t.redeployError ?? 'no reason given', 300)}` };
    const waited = t.cancelled || budgetSeconds === null ? (t.elapsedSeconds ?? 0) : budgetSeconds;
    const after = `${formatSeconds(waited * 1000)}${t.cancelled ? ' (cancelled)' : ''}`;
    const base = `tenant ${t.tenant} is ${t.verdict}: actual=${failures_short(t.sha)} expected=${failures_short(target)} after ${after}, ${t.polls} poll${t.polls === 1 ? '' : 's'}`;
    return { tenant: t.tenant, title, message: t.lastError ? `${base}; last error: ${truncate(t.lastError, 300)}` : base };
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
    const tenants = await core/* group */.Os('Tenants', async () => {
        const names = await loadTenants(verify, ctx.http, ctx.clock, ctx.signal);
        core/* info */.pq(`${names.length} tenant${names.length === 1 ? '' : 's'}${verify.tenantsUrl ? ` from ${new URL(verify.tenantsUrl).origin}` : ''}`);
        return names;
    });
    const startedAt = new Date();
    const timeline = new Timeline(ctx.clock);
    const title = `Settle verification: ${tenants.length} tenants on ${target.slice(0, 7)}, budget ${formatSeconds(verify.budgetMs)}, every ${formatSeconds(verify.intervalMs)}`;
    const judge = (verdicts) => {
        const ok = verdicts.filter((v) => isOk(v.verdict)).length;
        return { outcome: ok === verdicts.length ? 'ok' : 'failed', detail: `${ok} of ${verdicts.length} on target or ahead` };
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
    const cancelled = ctx.signal.aborted ? ' The run was cancelled before every budget ended.' : '';
    const reason = ok
        ? `All ${verdicts.length} tenants serve ${target.slice(0, 7)} or a newer commit.`
        : `${failing.length} of ${verdicts.length} tenants did not settle on ${target.slice(0, 7)} within ${formatSeconds(verify.budgetMs)}: ${names.slice(0, 20).join(', ')}${names.length > 20 ? `, and ${names.length - 20} more` : ''}.${cancelled}`;
    const record = { reason, startedAt, phases: timeline.phases, tenants: rows };
    const outputs = { ...verificationOutputs(rows), reason };
    return ok ? { result: 'verified', outputs, record } : { result: 'failed', failure: reason, outputs, record };
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
 */
function escapeMarkdown(text, max = MAX_VALUE_CHARS) {
    return plainText(text, max)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([\\`*_{}[\]()#+!|~@:])/g, '\\$1');
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
    const url = r.run.url && /^https?:\/\/[^\s<>()]+$/.test(r.run.url) ? r.run.url : undefined;
    const run = url ? `[${escapeMarkdown(r.run.id ?? 'run')}](${url})` : escapeMarkdown(r.run.id ?? 'local');
    rows.push(`| Run | ${run}, ${formatDuration(r.durationSeconds)}, finished ${utc(r.finishedAt)} UTC |`);
    return ['| | |', '|---|---|', ...rows, ''];
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


/** GitHub's limits for one check run request. */
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
                await this.setStatus(sha, statusState(end.report.conclusion), statusDescription(end), true);
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
                this.checkId = await this.forge.checks.create(sha, this.o.name, { status: 'in_progress', title, summary, detailsUrl: this.o.runUrl });
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
            await this.setStatus(sha, 'pending', title, false);
    }
    /** Warns, and says whether the result should go to a commit status instead (refused for permissions). */
    checkRefused(error, creating) {
        const fallback = troubleOf(error) === 'permission';
        this.log.warning(checkWarning(this.o.name, error, creating ? 'created' : 'completed', fallback));
        this.channel = fallback ? 'status' : 'off';
        return fallback;
    }
    async setStatus(sha, state, description, final) {
        try {
            await this.forge.createCommitStatus({ sha, state, context: this.o.name, description: plainText(description, STATUS_DESCRIPTION_MAX[this.forge.kind]), targetUrl: this.o.runUrl });
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
        const summary = cutMarkdown(end.markdown, CHECK_SUMMARY_MAX, (kept, total) => `_Summary cut to ${kept} of ${total} lines: GitHub keeps at most ${CHECK_SUMMARY_MAX.toLocaleString('en')} characters in a check. The whole summary is on the run page, and every tenant is in the JSON report._`);
        const annotations = end.failures.slice(0, MAX_ANNOTATIONS).map((f) => ({ path: this.o.annotationPath, level: 'failure', title: plainText(f.title, 255), message: plainText(f.message, 4000) }));
        const batches = [];
        for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST)
            batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
        const first = { status: 'completed', conclusion: report.conclusion, title, summary, annotations: batches[0], detailsUrl: this.o.runUrl };
        const checks = this.forge.checks;
        if (this.checkId === undefined)
            this.checkId = await checks.create(sha, this.o.name, first);
        else
            await checks.update(this.checkId, first);
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
function statusDescription(end) {
    const r = end.report;
    return r.conclusion === 'neutral' ? `Superseded: ${r.reason}` : r.reason;
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
    return new ForgeReporter(forge, { channel: report.kind, name: report.name, runUrl: settings.run.runUrl, annotationPath: report.annotationPath, mode: settings.mode, environment: settings.target.environment }, { warning: (m) => core/* warning */.$e(m, { title: 'Reporting' }), info: (m) => core/* info */.pq(m) });
}

;// CONCATENATED MODULE: ./src/settings/reader.ts

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
    /** A positive number of seconds, decimals allowed, returned in milliseconds. */
    seconds(name, fallback, opts = {}) {
        const value = this.raw(name);
        if (value === '')
            return fallback * 1000;
        const n = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
        if (!Number.isFinite(n) || (opts.allowZero ? n < 0 : n <= 0)) {
            throw new InputError(name, value, opts.allowZero ? 'a number of seconds, 0 or more (decimals allowed)' : 'a positive number of seconds (decimals allowed)');
        }
        return Math.round(n * 1000);
    }
    integer(name, fallback, min) {
        const value = this.raw(name);
        if (value === '')
            return fallback;
        if (!/^\d+$/.test(value) || Number(value) < min)
            throw new InputError(name, value, `a whole number, ${min} or more`);
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
    /** `Name: value` lines. */
    headers(name) {
        const out = {};
        for (const line of this.raw(name).split('\n')) {
            if (!line.trim())
                continue;
            const m = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(.*)$/.exec(line.trim());
            if (!m)
                throw new InputError(name, line.replace(/:.*/, ': ***'), 'one `Name: value` header a line');
            out[m[1]] = m[2];
        }
        return out;
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

;// CONCATENATED MODULE: ./src/settings/common.ts



/** Capabilities, in the order a release added them; only these are accepted by `mode`. */
const MODES = ['gate', 'verify', 'deploy', 'promote', 'reconcile'];
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
            retry: { ...DEFAULT_RETRY, maxTotalMs: input.seconds('forge-retry-seconds', DEFAULT_RETRY.maxTotalMs / 1000) },
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
            runUrl: serverUrl && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : undefined,
            workflow: env.GITHUB_WORKFLOW || undefined,
            job: env.GITHUB_JOB || undefined,
            actor: env.GITHUB_ACTOR || undefined,
            event: env.GITHUB_EVENT_NAME || undefined
        }
    };
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

;// CONCATENATED MODULE: ./src/settings/verify.ts





const BUILDINFO_PLACEHOLDERS = ['tenant', 'sha', 'sha7', 'environment'];
const FIELD_PATH = /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/;
/** Headers that would change where or how the request goes rather than what it says. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade', 'expect']);
const SAMPLE_SHA = '0123456789abcdef0123456789abcdef01234567';
function parseVerify(env, common) {
    const input = new InputReader(env);
    const tenantsRaw = input.raw('tenants');
    const tenantsUrlRaw = input.raw('tenants-url');
    if (tenantsRaw && tenantsUrlRaw)
        throw new InputError('tenants-url', tenantsUrlRaw, 'to be empty when `tenants` is given (use one of the two)');
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
    const headers = input.headers('buildinfo-headers');
    for (const name of Object.keys(headers)) {
        if (RESERVED_HEADERS.has(name.toLowerCase())) {
            throw new InputError('buildinfo-headers', `${name}: ***`, `headers other than ${[...RESERVED_HEADERS].join(', ')}`);
        }
    }
    const budgetMs = input.seconds('settle-budget-seconds', 240);
    const intervalMs = input.seconds('settle-interval-seconds', 20);
    if (intervalMs > budgetMs) {
        throw new InputError('settle-interval-seconds', input.raw('settle-interval-seconds') || '20', `a positive number of seconds no longer than settle-budget-seconds (${budgetMs / 1000})`);
    }
    const requestTimeoutMs = input.seconds('request-timeout-seconds', 10);
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
        concurrency: DEFAULT_CONCURRENCY
    };
}
/** Header values to mask: the whole value and, for `Scheme token` values, the token alone. */
function verifySecrets(settings) {
    const out = [];
    for (const value of Object.values(settings.headers)) {
        if (!value)
            continue;
        out.push(value);
        const m = /^\S+\s+(\S{6,})$/.exec(value);
        if (m)
            out.push(m[1]);
    }
    return out;
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

;// CONCATENATED MODULE: ./src/settings/index.ts






function parseSettings(env, payload) {
    const common = parseCommon(env, payload);
    const secrets = [common.forge.token].filter((s) => s.length > 0);
    // Promotion section: parsed only for the modes that can promote, so a gate run ignores stray inputs.
    const promoteInput = new InputReader(env);
    const imageTag = parseImageTag(promoteInput);
    const promote = ['promote', 'deploy', 'reconcile'].includes(common.mode) ? parsePromote(promoteInput, imageTag, common.mode === 'promote') : undefined;
    if (promote?.credentials)
        secrets.push(promote.credentials.password);
    const verify = ['verify', 'deploy', 'reconcile'].includes(common.mode) ? parseVerify(env, common) : undefined;
    if (verify)
        secrets.push(...verifySecrets(verify));
    const rollout = verify && ['deploy', 'reconcile'].includes(common.mode) ? parseRollout(env, common, verify, imageTag) : undefined;
    if (rollout?.driver.kind === 'http' && rollout.driver.token)
        secrets.push(rollout.driver.token);
    const dryRun = common.mode === 'reconcile' ? new InputReader(env).bool('dry-run', false) : false;
    const report = parseReport(env, common);
    return { ...common, secrets, imageTag, promote, verify, rollout, dryRun, report };
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
        const settings = parseSettings(env, loadEventPayload(env));
        for (const secret of settings.secrets)
            registerSecret(secret);
        const runner = RUNNERS[settings.mode];
        if (!runner)
            throw new Error(`mode '${settings.mode}' is not available in this version of Rollout Guard`);
        ctx = createContext(settings, { signal: cancelOnSignals(), ...overrides });
        ctx.reporter = overrides.reporter ?? createReporter(settings, { http: ctx.http, clock: ctx.clock, forge: overrides.forge });
        // Not awaited: the check run starts alongside the gate instead of before it. The reporter keeps its
        // own order (the final update waits for this one). Reconcile starts it once it knows the head.
        if (settings.mode !== 'reconcile')
            void ctx.reporter.start(settings.target.sha);
        // A mode that throws still gets a report, a summary and a failing check: only invalid inputs (above)
        // end the step before anything is reported.
        const outcome = await runner(ctx).catch((error) => ({ result: 'failed', failure: errorMessage(error), outputs: {} }));
        await concludeRun(settings, ctx.reporter, outcome, startedAt);
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
