export const id = 498;
export const ids = [498];
export const modules = {

/***/ 3498:
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
/** A condition of the environment (not of one input) that stops the action before it starts. */
class SetupError extends Error {
    constructor(message) {
        super(message);
        this.name = 'SetupError';
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
    /** True only when the forge confirms `candidate` is a strict descendant of `target`. */
    async isAhead(candidate, target) {
        return (await this.relation(target, candidate)).relation === 'ahead';
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
    // Also the forms a server may echo: Basic credentials and URL-encoded.
    if (encodeURIComponent(value) !== value)
        secrets.add(encodeURIComponent(value));
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
    const deadline = AbortSignal.timeout(req.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, deadline]) : deadline;
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
            return await fn(attempt, Math.max(1, deadline - clock.now()));
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

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
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
        this.octokit = (0,github/* getOctokit */.Q)(settings.token, { baseUrl: settings.apiUrl, log: undefined });
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
function checkBody(u) {
    return {
        status: u.status,
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
    get enabled() {
        return this.settings.enabled;
    }
    async check() {
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

;// CONCATENATED MODULE: ./src/context.ts






function createContext(settings, overrides = {}) {
    const clock = overrides.clock ?? systemClock;
    const http = overrides.http ?? createHttpClient();
    const forge = overrides.forge ?? createForge(settings.forge, { http, clock, log: (m) => core/* info */.pq(m) });
    const ancestry = new Ancestry(forge);
    const gate = new SupersededGate(forge, ancestry, settings.target, settings.gate);
    return { settings, clock, http, forge, ancestry, gate, signal: overrides.signal ?? new AbortController().signal };
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
    const decision = await core/* group */.Os('Superseded gate', () => ctx.gate.check());
    const { proceed } = announce(decision, ctx.settings.gate, 'gate');
    if (!proceed)
        return supersededOutcome(ctx, decision.reason, decision.headSha);
    const forced = decision.superseded;
    return {
        result: 'owner',
        outputs: {
            superseded: 'false',
            'head-sha': decision.headSha ?? '',
            reason: forced ? `${decision.reason} Overridden by force: true.` : decision.reason
        }
    };
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

;// CONCATENATED MODULE: ./src/settings/index.ts

function parseSettings(env, payload) {
    const common = parseCommon(env, payload);
    const secrets = [common.forge.token].filter((s) => s.length > 0);
    return { ...common, secrets };
}

;// CONCATENATED MODULE: ./src/main.ts







/** Modes this build can run; `mode` values outside it are refused by the settings parser. */
const RUNNERS = {
    gate: runGateMode
};
/**
 * Parses every input, builds the outside-world adapters, runs the chosen mode and writes its outputs.
 * One catch: whatever escapes a mode fails the step with its message.
 */
async function run(env = process.env, overrides = {}) {
    let ctx;
    try {
        const settings = parseSettings(env, loadEventPayload(env));
        for (const secret of settings.secrets)
            registerSecret(secret);
        const runner = RUNNERS[settings.mode];
        if (!runner)
            throw new Error(`mode '${settings.mode}' is not available in this version of Rollout Guard`);
        ctx = createContext(settings, overrides);
        const outcome = await runner(ctx);
        core/* setOutput */.uH('result', outcome.result);
        for (const [name, value] of Object.entries(outcome.outputs))
            core/* setOutput */.uH(name, redact(value));
        if (outcome.failure)
            core/* setFailed */.C1(redact(outcome.failure));
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
