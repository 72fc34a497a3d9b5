export const id = 481;
export const ids = [481];
export const modules = {

/***/ 9373:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Xo: () => (/* binding */ formatSeconds),
/* harmony export */   Zt: () => (/* binding */ wallNow),
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


/***/ }),

/***/ 9575:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M6: () => (/* binding */ execRunner),
/* harmony export */   sG: () => (/* binding */ splitArgs)
/* harmony export */ });
/* unused harmony exports commandEnv, keepTail, tail */
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
/* harmony export */   Fb: () => (/* binding */ loggableUrl),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   d5: () => (/* binding */ elapsedMs),
/* harmony export */   dK: () => (/* binding */ debugEnabled)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
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
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz((0,_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(message()));
}
/** Query names that carry credentials (`?token=`, `?X-Amz-Signature=`, `?api_key=`): their values never show. */
const CREDENTIAL_PARAM = /token|key|secret|pass|pwd|sig|auth|credential|session|code/i;
/**
 * A URL as the debug log shows it: no user-info, and the value of every credential-like query
 * parameter replaced by `***` (other values stay: Gitea's `sha`/`not` and a page number explain a read).
 */
function loggableUrl(url) {
    let u;
    try {
        u = new URL(String(url));
    }
    catch {
        return String(url).replace(/[?#].*$/s, '?…');
    }
    const query = [...u.searchParams].map(([name, value]) => `${encodeURIComponent(name)}=${CREDENTIAL_PARAM.test(name) ? '***' : encodeURIComponent(value)}`);
    return `${u.protocol}//${u.host}${u.pathname}${query.length ? `?${query.join('&')}` : ''}`;
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
        (0,counters/* runCounters */.d9)().gateReads++;
        let head;
        try {
            head = await this.forge.branchHead(branch);
        }
        catch (error) {
            // Before the head was ever read a refusal is a misconfiguration: fail before any side effect.
            if (!this.readable) {
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
        return decide(sha, branch, { sha: head }, cmp);
    }
}


/***/ }),

/***/ 3658:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ED: () => (/* binding */ MisconfigurationError),
/* harmony export */   XQ: () => (/* binding */ describeOutage),
/* harmony export */   iZ: () => (/* binding */ diagnoseNotFound),
/* harmony export */   lL: () => (/* binding */ diagnoseHeadError)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _forge_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8024);
/* harmony import */ var _http_client_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8502);
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
        super(`Input '${input}': ${problem} (The forge answered: ${answer}.) Nothing was redeployed or promoted. \`superseded-check: false\` skips the ownership check, loudly.`);
        this.input = input;
        this.problem = problem;
        this.answer = answer;
        this.name = 'MisconfigurationError';
    }
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
        if (error.status === 429 || (error.status === 403 && error.retryAfterMs !== undefined))
            return `the forge's rate limit (HTTP ${error.status})`;
        if (error.status >= 500)
            return `a forge outage (HTTP ${error.status})`;
        return `an unexpected answer (HTTP ${error.status})`;
    }
    if (error instanceof _http_client_js__WEBPACK_IMPORTED_MODULE_2__/* .NetworkError */ .D)
        return error.code === 'TIMEOUT' ? 'no answer within the request timeout' : `a connection failure (${error.code})`;
    if (error instanceof _forge_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ForgeAnswerError */ .e)
        return 'an answer that is not a branch';
    return 'an error';
}


/***/ }),

/***/ 8502:
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

;// CONCATENATED MODULE: ./src/http/client.ts




const DEFAULT_MAX_BODY = 1024 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
function createHttpClient(options = {}) {
    const agent = new undici.Agent({
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

/***/ 8902:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $C: () => (/* binding */ statusError),
/* harmony export */   F9: () => (/* binding */ HttpStatusError),
/* harmony export */   U3: () => (/* binding */ RETRYABLE_STATUSES),
/* harmony export */   bD: () => (/* binding */ withRetry),
/* harmony export */   dg: () => (/* binding */ isTransient),
/* harmony export */   vI: () => (/* binding */ DEFAULT_RETRY)
/* harmony export */ });
/* unused harmony export parseRetryAfter */
/* harmony import */ var p_retry__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4995);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6670);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8502);
/* harmony import */ var _report_counters_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8273);
/* harmony import */ var _debug_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2668);





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
    const text = (0,_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .excerpt */ .Kb)(res.body.toString('utf8'), 200, { oneLine: true });
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
    if (error instanceof _client_js__WEBPACK_IMPORTED_MODULE_1__/* .NetworkError */ .D)
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
    return (0,p_retry__WEBPACK_IMPORTED_MODULE_4__/* ["default"] */ .Ay)(async (attempt) => {
        try {
            return await fn(attempt, Math.max(1, Math.floor(deadline - clock.now())));
        }
        catch (error) {
            if (!isTransient(error)) {
                (0,_debug_js__WEBPACK_IMPORTED_MODULE_3__/* .debug */ .Yz)(() => `not retried (not a transient failure): ${error.message}`);
                throw new p_retry__WEBPACK_IMPORTED_MODULE_4__/* .AbortError */ .lc(error);
            }
            throw error;
        }
    }, {
        retries: Math.max(0, policy.maxAttempts - 1),
        minTimeout: 0,
        factor: 1,
        signal,
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
            if (retriesLeft === 0) {
                (0,_debug_js__WEBPACK_IMPORTED_MODULE_3__/* .debug */ .Yz)(() => `not retried: all ${policy.maxAttempts} attempts used (${error.message})`);
                return;
            }
            const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptNumber - 1));
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

/***/ 5481:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
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

// EXTERNAL MODULE: ./src/http/retry.ts
var retry = __webpack_require__(8902);
// EXTERNAL MODULE: ./src/forge/errors.ts
var forge_errors = __webpack_require__(8024);
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
        return (0,retry/* withRetry */.bD)(async (_attempt, remainingMs) => {
            const res = await this.http.send({
                url: `${this.repoPath}${path}`,
                method: init.method ?? 'GET',
                headers,
                body: init.body === undefined ? undefined : JSON.stringify(init.body),
                timeoutMs: Math.min(this.settings.requestTimeoutMs, remainingMs)
            });
            if (res.status >= 200 && res.status < 300)
                return res;
            throw (await init.classify?.(res)) ?? (0,retry/* statusError */.$C)(what, res, Date.now());
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
            throw new forge_errors/* ForgeAnswerError */.e(`${what} answered a body larger than the client accepts (cut at ${res.body.length} bytes)`);
        try {
            return { data: JSON.parse(res.body.toString('utf8')), res };
        }
        catch {
            throw new forge_errors/* ForgeAnswerError */.e(`${what} answered a body that is not JSON`);
        }
    }
    async branchHead(branch) {
        const path = `/branches/${branch.split('/').map(encodeURIComponent).join('/')}`;
        const data = await this.json(`GET branch ${branch}`, path);
        const id = data?.commit?.id;
        if (typeof id !== 'string' || !types/* FULL_SHA */.RG.test(id.toLowerCase())) {
            throw new forge_errors/* ForgeAnswerError */.e(`the branch answer for '${branch}' has no commit.id`);
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
            const r = await this.http.send({ url, headers: this.headers(false), timeoutMs: Math.min(this.settings.requestTimeoutMs, remainingMs), maxBodyBytes: 64 * 1024 });
            if (r.status >= 200 && r.status < 300)
                return r;
            throw (0,retry/* statusError */.$C)(`GET ${url}`, r, Date.now());
        }, { policy: this.settings.retry, clock: this.clock }).catch((error) => {
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
            throw new forge_errors/* ForgeAnswerError */.e(`${what}: the commit list is not an array`);
        if (res.headers['x-total-count'] === undefined || !Number.isInteger(total) || total < 0) {
            throw new forge_errors/* ForgeAnswerError */.e(`${what}: the commit list came without a usable X-Total-Count header`);
        }
        // A count that disagrees with the page it came with is no count (a proxy rewrote one of them).
        if ((total === 0) !== (data.length === 0))
            throw new forge_errors/* ForgeAnswerError */.e(`${what}: X-Total-Count ${total} disagrees with ${data.length} commits listed`);
        return total;
    }
    /** An UnknownCommitError naming the first of `shas` the forge says it does not have, else undefined. */
    async unknownAmong(what, shas) {
        for (const sha of shas) {
            const res = await this.http
                .send({ url: `${this.repoPath}/git/commits/${encodeURIComponent(sha)}?${LIGHT}`, headers: this.headers(false), timeoutMs: this.settings.requestTimeoutMs })
                .catch(() => undefined);
            if (res?.status === 404)
                return new forge_errors/* UnknownCommitError */.g(`${what}: the forge does not know commit ${sha.slice(0, 12)}`);
        }
        return undefined;
    }
    async resolveCommit(ref) {
        try {
            const data = await this.json(`GET commit ${ref}`, `/git/commits/${encodeURIComponent(ref)}?${LIGHT}`);
            const sha = data?.sha;
            if (typeof sha !== 'string' || !types/* FULL_SHA */.RG.test(sha.toLowerCase()))
                throw new forge_errors/* ForgeAnswerError */.e(`the commit answer for '${ref}' has no sha`);
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
            const list = data?.statuses ?? [];
            if (!Array.isArray(list))
                throw new forge_errors/* ForgeAnswerError */.e('the combined status has no statuses list');
            for (const s of list) {
                out.push({
                    state: String(s?.status ?? s?.state),
                    context: String(s?.context ?? ''),
                    description: String(s?.description ?? ''),
                    targetUrl: typeof s?.target_url === 'string' ? s.target_url : undefined,
                    createdAt: typeof s?.updated_at === 'string' ? s.updated_at : typeof s?.created_at === 'string' ? s.created_at : undefined
                });
            }
            const total = Number(res.headers['x-total-count']);
            if (!Number.isInteger(total) || total < 0)
                throw new forge_errors/* ForgeAnswerError */.e('the combined status came without a usable X-Total-Count header');
            if (list.length === 0 || out.length >= total)
                break;
            if (page >= types/* MAX_RECORD_PAGES */.QX)
                throw new forge_errors/* ForgeAnswerError */.e(`the commit has ${total} status contexts, more than the ${out.length} read`);
        }
        return out;
    }
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(1351);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/utils.js + 20 modules
var utils = __webpack_require__(8665);
// EXTERNAL MODULE: ./src/http/client.ts + 1 modules
var client = __webpack_require__(8502);
// EXTERNAL MODULE: ./src/debug.ts
var debug = __webpack_require__(2668);
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
        logOctokitRequests(this.octokit);
    }
    call(what, fn) {
        return (0,retry/* withRetry */.bD)(async (_attempt, remainingMs) => {
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
        if (typeof sha !== 'string' || !types/* FULL_SHA */.RG.test(sha.toLowerCase())) {
            throw new forge_errors/* ForgeAnswerError */.e(`the branch answer for '${branch}' has no commit.sha`);
        }
        return sha.toLowerCase();
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
                throw new forge_errors/* ForgeAnswerError */.e(`the commit answer for '${ref}' is not a SHA`);
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
                throw new forge_errors/* ForgeAnswerError */.e('the combined status has no statuses and total_count');
            for (const s of d.statuses)
                out.push({ state: String(s.state), context: String(s.context), description: String(s.description ?? ''), targetUrl: str(s.target_url), createdAt: str(s.updated_at) ?? str(s.created_at) });
            if (d.statuses.length === 0 || out.length >= d.total_count)
                break;
            if (page >= types/* MAX_RECORD_PAGES */.QX)
                throw new forge_errors/* ForgeAnswerError */.e(`the commit has ${d.total_count} status contexts, more than the ${types/* MAX_RECORD_PAGES */.QX * 100} read`);
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
        /** `filter=latest`: the newest check run of the name, whatever the attempts and re-runs before it. */
        latestByName: async (sha, name) => {
            const { owner, repo } = this.settings;
            const data = await this.call(`GET check-runs ${name} of ${sha.slice(0, 7)}`, (signal) => this.octokit.rest.checks.listForRef({ owner, repo, ref: sha, check_name: name, filter: 'latest', per_page: 100, request: { signal } }).then((r) => r.data));
            const d = data;
            if (!d || !Array.isArray(d.check_runs) || typeof d.total_count !== 'number')
                throw new forge_errors/* ForgeAnswerError */.e('the check run list has no check_runs and total_count');
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
        create: async (sha, environment, description) => {
            const { owner, repo } = this.settings;
            const res = await this.call(`POST deployment ${sha.slice(0, 7)} to ${environment}`, (signal) => this.octokit.rest.repos.createDeployment({ owner, repo, ref: sha, environment, description, task: 'deploy', auto_merge: false, required_contexts: [], request: { signal } }));
            const id = res.data.id;
            if (typeof id !== 'number')
                throw new forge_errors/* ForgeAnswerError */.e(`the deployment answer has no id (HTTP ${res.status})`);
            return id;
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
        return new client/* NetworkError */.D(`${what} timed out`, 'TIMEOUT');
    if (typeof e.status === 'number' && e.status >= 400 && e.response) {
        const headers = Object.fromEntries(Object.entries(e.response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
        const body = typeof e.response.data === 'string' ? e.response.data : JSON.stringify(e.response.data ?? '');
        return withRetryAfter(what, e.status, body, headers);
    }
    return new client/* NetworkError */.D(`${what} failed: ${e.message ?? String(error)}`, 'NETWORK');
}
function withRetryAfter(what, status, body, headers) {
    return (0,retry/* statusError */.$C)(what, { status, headers, body: Buffer.from(body), truncated: false, url: '' });
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

// EXTERNAL MODULE: ./src/gate/gate.ts + 1 modules
var gate_gate = __webpack_require__(3995);
// EXTERNAL MODULE: ./src/gate/misconfig.ts
var misconfig = __webpack_require__(3658);
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
    return cut(text
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

// EXTERNAL MODULE: ./src/report/publish/problems.ts
var problems = __webpack_require__(1796);
;// CONCATENATED MODULE: ./src/report/publish/deployment.ts



/** GitHub refuses a deployment status description over 140 characters (REST docs, "Create a deployment status"). */
const DEPLOYMENT_DESCRIPTION_MAX = 140;
const NO_DEPLOYMENT = {
    start: async () => undefined,
    finish: async () => undefined
};
const UNAFFECTED = 'The deploy itself is not affected; the result is in the job summary, the check and the JSON report.';
/** The tracker the settings ask for: none unless `deployment: true` on a forge with a Deployments API. */
function createDeploymentTracker(settings, forge, log) {
    if (!settings.deployment || !forge?.deployments)
        return NO_DEPLOYMENT;
    return new ForgeDeploymentTracker(forge.deployments, { environment: settings.target.environment, runUrl: settings.run.runUrl, environmentUrl: settings.deployment.environmentUrl }, log);
}
class ForgeDeploymentTracker {
    deployments;
    o;
    log;
    id;
    started;
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
        const state = deploymentState(report.result, errored);
        await this.set(state, describeDeployment(report, state));
    }
    async begin(sha) {
        try {
            this.id = await this.deployments.create(sha, this.o.environment, `Rollout Guard: ${sha.slice(0, 7)} to ${this.o.environment}`);
            this.log.info(`Deployment ${this.id} of ${sha.slice(0, 7)} to ${this.o.environment} created`);
        }
        catch (error) {
            this.log.warning(deploymentWarning('created', error));
            return;
        }
        await this.set('in_progress', plainText(`Rolling ${sha.slice(0, 7)} out: canary, then waves`, DEPLOYMENT_DESCRIPTION_MAX));
    }
    async set(state, description) {
        try {
            // auto_inactive only ever acts on a success: earlier successful deployments of the environment go inactive.
            await this.deployments.setStatus(this.id, { state, description, logUrl: this.o.runUrl, environmentUrl: this.o.environmentUrl, autoInactive: state === 'success' ? true : undefined });
        }
        catch (error) {
            this.log.warning(deploymentWarning(`given its ${state} status`, error));
        }
    }
}
function deploymentWarning(verb, error) {
    const trouble = (0,problems/* troubleOf */.LH)(error);
    const fix = trouble === 'permission' ? " Add `deployments: write` to the job's `permissions:`, or set `deployment: false`." : '';
    return `The deployment could not be ${verb}: ${(0,errors/* errorMessage */.g)(error)}${trouble === 'transient' ? ' (after retries)' : ''}.${fix} ${UNAFFECTED}`;
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
    return plainText(text, DEPLOYMENT_DESCRIPTION_MAX);
}

;// CONCATENATED MODULE: ./src/report/publish/types.ts
/** `report: none`, and the default for code that runs a mode without the entry point. */
const NO_REPORTER = {
    start: async () => 'off',
    finish: async () => undefined
};

// EXTERNAL MODULE: ./src/report/counters.ts
var counters = __webpack_require__(8273);
;// CONCATENATED MODULE: ./src/context.ts












function createContext(settings, overrides = {}) {
    const clock = overrides.clock ?? src_clock/* systemClock */.ml;
    const http = overrides.http ?? (0,client/* createHttpClient */.u)();
    const forge = overrides.forge ?? createForge(settings.forge, { http, clock, log: (m) => core/* info */.pq(m) });
    const ancestry = new Ancestry(forge, clock);
    const gate = new gate_gate/* SupersededGate */.o(forge, ancestry, settings.target, settings.gate, { clock });
    return {
        settings,
        clock,
        http,
        forge,
        ancestry,
        gate,
        signal: overrides.signal ?? new AbortController().signal,
        reporter: overrides.reporter ?? NO_REPORTER,
        counters: (0,counters/* startCounting */.wu)(),
        deployment: overrides.deployment ?? NO_DEPLOYMENT
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
    core/* info */.pq(`sha ${given} is commit ${full}`);
    const resolved = { ...settings, target: { ...settings.target, sha: full } };
    return createContext(resolved, { ...overrides, clock: ctx.clock, http: ctx.http, forge: ctx.forge });
}

// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
// EXTERNAL MODULE: ./src/report/failures.ts
var report_failures = __webpack_require__(7999);
// EXTERNAL MODULE: ./src/report/model.ts
var model = __webpack_require__(6867);
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
        ...restore(r),
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
        const verdict = d.forced
            ? '⚠️ superseded, overridden by `force`'
            : d.superseded
                ? '⏭️ superseded'
                : d.basis === 'disabled'
                    ? '⚠️ check off'
                    : d.basis === 'unreadable'
                        ? '⚠️ owner (head unreadable)'
                        : '✅ owner';
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
    rows.push(`| Counters | ${c.buildinfoPolls} build info poll(s), ${c.httpRetries} HTTP retr${c.httpRetries === 1 ? 'y' : 'ies'}, ${c.redeployReissues} redeploy re-issue(s), ${c.gateChecks} gate check(s) (${c.gateReads} head read(s)), ${c.defers} defer(s), ${c.holds} hold(s) |`);
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
        const result = t.verified ? '✅ verified there' : t.verdict ? `❌ ${escapeMarkdown(t.verdict)}${t.sha ? ` (serves ${sha7(t.sha)})` : ''}` : '—';
        return `| ${escapeMarkdown(t.tenant)} | ${escapeMarkdown(t.action)} | ${sha7(t.to)} | ${result} | ${escapeMarkdown(t.detail ?? '', 160)} |`;
    });
    return [
        `### Canary restore: ${escapeMarkdown(x.outcome)}`,
        '',
        `${RESTORE_ICON[x.outcome] ?? ''} ${escapeMarkdown(x.reason, 1000)}`,
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
        core/* error */.z3(f.message, { title: f.title });
    if (cut > 0)
        core/* warning */.$e(`${cut} tenant(s) were still settling when the run was cancelled; their verdicts are as of the cancel.`, { title: 'Cancelled mid-verification' });
    let reportPath = '';
    try {
        reportPath = await writeReport(report);
        core/* info */.pq(`Report: ${reportPath}`);
    }
    catch (error) {
        core/* warning */.$e(`The JSON report could not be written: ${(0,errors/* errorMessage */.g)(error)}`);
    }
    const markdown = runSummaryMarkdown(report, reportPath || undefined);
    if (process.env.GITHUB_STEP_SUMMARY) {
        try {
            const note = (kept, total) => `_Summary cut to ${kept} of ${total} lines to stay under GitHub's 1 MiB limit; every tenant is in the JSON report._`;
            await core/* summary */.z.addRaw(cutMarkdown(markdown, JOB_SUMMARY_MAX_BYTES, note, (s) => Buffer.byteLength(s))).write();
        }
        catch (error) {
            core/* warning */.$e(`The job summary could not be written: ${(0,errors/* errorMessage */.g)(error)}`);
        }
    }
    core/* setOutput */.uH('result', outcome.result);
    for (const [name, value] of Object.entries(outcome.outputs))
        core/* setOutput */.uH(name, (0,redact/* redact */.E$)(value));
    core/* setOutput */.uH('report-path', reportPath);
    await reporter?.finish({ report, markdown, failures });
    // A mode that threw has no record: its deployment ends in `error`, not in a verdict on the fleet.
    await deployment?.finish(report, outcome.record === undefined);
    if (outcome.failure)
        core/* setFailed */.C1((0,redact/* redact */.E$)(outcome.failure));
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

// EXTERNAL MODULE: ./src/settings/heartbeat.ts
var heartbeat = __webpack_require__(4585);
// EXTERNAL MODULE: ./src/reconcile/deploy-record.ts
var deploy_record = __webpack_require__(431);
;// CONCATENATED MODULE: ./src/report/publish/forge-reporter.ts




/** GitHub's limits for one check run request: `output.summary` and `text` in UTF-8 bytes, not characters. */
const CHECK_SUMMARY_MAX = 65_535;
const ANNOTATIONS_PER_REQUEST = 50;
/** Beyond this many failing tenants the table in the summary says it all; each batch resends the summary. */
const MAX_ANNOTATIONS = 500;
/** Commit-status description limits: GitHub refuses more than 140 characters; Gitea keeps 255. */
const STATUS_DESCRIPTION_MAX = { github: 140, gitea: 255 };
/** Writes of the first `running` record before a deploy goes ahead unrecorded (each with the forge's own retries). */
const RUNNING_WRITE_ATTEMPTS = 3;
const RUNNING_RETRY_PAUSE_MS = 2_000;
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
    clock;
    channel;
    checkId;
    sha;
    started;
    /** Whether the last `running` write reached the forge. */
    recorded = false;
    /** Stops the heartbeat when the run ends. */
    beating = new AbortController();
    heartbeat;
    constructor(forge, o, log, clock = src_clock/* systemClock */.ml) {
        this.forge = forge;
        this.o = o;
        this.log = log;
        this.clock = clock;
        this.channel = o.channel === 'check' && forge.checks ? 'check' : 'status';
    }
    start(sha) {
        if (!this.started) {
            this.sha = sha;
            this.started = this.o.onChangeOnly
                ? Promise.resolve('off')
                : this.begin(sha).catch((error) => {
                    this.log.warning(`Reporting the start failed: ${String(error)}`);
                    return 'unrecorded';
                });
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
            if (this.o.onChangeOnly && (await this.unchanged(sha, end)))
                return;
            if (this.channel === 'check') {
                try {
                    await this.completeCheck(sha, end);
                    // A deploy's end also goes to a commit status of the same name: GitHub lists check runs of the
                    // newest 1,000 check suites only (every scheduled run adds one), while the combined status keeps
                    // the latest status of each context for good. So a hold outlives any number of later runs.
                    if (this.o.heartbeatMs)
                        await this.setStatus(sha, statusState(end.report.conclusion), statusDescription(end), true, (0,deploy_record/* endOfRun */.q_)(end.report), end.report.result, (0,deploy_record/* restoreOfRun */.j$)(end.report));
                    return;
                }
                catch (error) {
                    if (!this.checkRefused(error, this.checkId === undefined))
                        return;
                }
            }
            if (this.channel === 'status')
                await this.setStatus(sha, statusState(end.report.conclusion), statusDescription(end), true, (0,deploy_record/* endOfRun */.q_)(end.report), end.report.result, (0,deploy_record/* restoreOfRun */.j$)(end.report));
        }
        catch (error) {
            this.log.warning(`Reporting the result failed: ${String(error)}`);
        }
    }
    /**
     * The `running` record. A deploy (one with a heartbeat) tries a transient failure again a few times:
     * reconcile can only wait for a deploy whose record it can read.
     */
    async begin(sha) {
        const attempts = this.o.heartbeatMs ? RUNNING_WRITE_ATTEMPTS : 1;
        for (let attempt = 1;; attempt++) {
            await this.writeRunning(sha, attempt < attempts);
            if (this.recorded || this.channel === 'off')
                return this.recorded ? 'recorded' : 'off';
            if (attempt >= attempts)
                return 'unrecorded';
            await this.clock.sleep(RUNNING_RETRY_PAUSE_MS);
        }
    }
    /** One write of the `running` record (created, or refreshed as a heartbeat); sets `recorded`. */
    async writeRunning(sha, again) {
        const title = `Running: ${this.o.mode}, ${this.o.environment}`;
        if (this.channel === 'check') {
            const link = this.o.runUrl ? ` Follow it on the [run page](${this.o.runUrl}).` : '';
            const summary = `Rollout Guard is running ${escapeMarkdown(this.o.mode)} for <code>${escapeMarkdown(sha.slice(0, 7))}</code> in ${escapeMarkdown(this.o.environment)}.${link}`;
            const update = { status: 'in_progress', title, summary, detailsUrl: this.o.runUrl, externalId: this.stamp('running') };
            try {
                if (this.checkId === undefined)
                    this.checkId = await this.forge.checks.create(sha, this.o.name, update);
                else
                    await this.forge.checks.update(this.checkId, update);
                this.recorded = true;
                return;
            }
            catch (error) {
                if ((0,problems/* troubleOf */.LH)(error) === 'transient') {
                    this.recorded = false;
                    this.log.info(`The check run could not be ${this.checkId === undefined ? 'created' : 'refreshed'} (${String(error)}); ${again ? 'trying again' : 'trying again at the next heartbeat or when the run ends'}.`);
                    return;
                }
                if (!this.checkRefused(error, this.checkId === undefined))
                    return;
            }
        }
        if (this.channel === 'status')
            this.recorded = await this.setStatus(sha, 'pending', title, false, 'running');
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
            await this.writeRunning(sha, false).catch(() => undefined);
        }
    }
    /** Reconcile: true when the latest record under this name already says this verdict (nothing is written). */
    async unchanged(sha, end) {
        const verdict = end.report.result;
        try {
            let stamp;
            if (this.channel === 'check')
                stamp = (0,deploy_record/* parseStamp */.Pu)((await this.forge.checks.latestByName(sha, this.o.name))[0]?.externalId);
            else
                stamp = (0,deploy_record/* parseStamp */.Pu)((await this.forge.latestStatuses?.(sha))?.find((s) => s.context === this.o.name)?.description);
            if (stamp?.verdict !== verdict)
                return false;
            this.log.info(`The record '${this.o.name}' on ${sha.slice(0, 7)} already says ${verdict} (run ${stamp.runId}.${stamp.attempt}); not written again.`);
            return true;
        }
        catch (error) {
            this.log.info(`The record '${this.o.name}' could not be read back (${String(error)}); writing it.`);
            return false;
        }
    }
    /** `rollout-guard deploy 4242.1 canary-failed at 1764921600`, or nothing outside a workflow run. */
    stamp(end, verdict, restore) {
        if (!this.o.run)
            return undefined;
        const at = Math.floor((0,src_clock/* wallNow */.Zt)(this.clock) / 1000);
        return (0,deploy_record/* formatStamp */.xE)({
            mode: this.o.mode,
            runId: this.o.run.id,
            attempt: this.o.run.attempt,
            end,
            part: this.o.part,
            at,
            ...(this.o.onChangeOnly && verdict ? { verdict } : {}),
            ...(restore ? { restore } : {})
        });
    }
    /** Warns, and says whether the result should go to a commit status instead (refused for permissions). */
    checkRefused(error, creating) {
        const fallback = (0,problems/* troubleOf */.LH)(error) === 'permission';
        this.log.warning((0,problems/* checkWarning */.nX)(this.o.name, error, creating ? 'created' : 'completed', fallback));
        this.channel = fallback ? 'status' : 'off';
        return fallback;
    }
    /** True when the forge took the status. */
    async setStatus(sha, state, description, final, end, verdict, restore) {
        // The stamp ends the description, and the reason is cut to leave room for it.
        const stamp = this.stamp(end, verdict, restore);
        const suffix = stamp ? ` [${stamp}]` : '';
        const text = `${plainText(description, STATUS_DESCRIPTION_MAX[this.forge.kind] - suffix.length)}${suffix}`;
        try {
            await this.forge.createCommitStatus({ sha, state, context: this.o.name, description: text, targetUrl: this.o.runUrl });
            return true;
        }
        catch (error) {
            const trouble = (0,problems/* troubleOf */.LH)(error);
            // A pending status lost to a passing fault is replaced by the final one; anything else is said now.
            if (!final && trouble === 'transient') {
                this.log.info(`The pending commit status could not be set (${String(error)}); the final one follows when the run ends.`);
                return false;
            }
            this.log.warning((0,problems/* statusWarning */.hU)(this.forge.kind, this.o.name, error));
            if (trouble !== 'transient')
                this.channel = 'off';
            return false;
        }
    }
    async completeCheck(sha, end) {
        const { report } = end;
        const title = plainText(report.conclusion === 'neutral' ? report.reason : `${report.result}: ${report.reason}`, 255);
        const summary = cutMarkdown(end.markdown, CHECK_SUMMARY_MAX, (kept, total) => `_Summary cut to ${kept} of ${total} lines: GitHub keeps at most ${CHECK_SUMMARY_MAX.toLocaleString('en')} bytes in a check. The whole summary is on the run page, and every tenant is in the JSON report._`, (s) => Buffer.byteLength(s));
        const annotations = end.failures
            .slice(0, MAX_ANNOTATIONS)
            .map((f) => ({ path: this.o.annotationPath, level: 'failure', title: plainText(f.title, 255), message: plainText(f.message, 4000) }));
        const batches = [];
        for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST)
            batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
        const externalId = this.stamp((0,deploy_record/* endOfRun */.q_)(report), report.result, (0,deploy_record/* restoreOfRun */.j$)(report));
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
            if ((0,problems/* troubleOf */.LH)(error) !== 'refused')
                throw error;
            this.log.warning(`${(0,problems/* checkWarning */.nX)(this.o.name, error, 'completed with the full summary', false)} It is completed with a short summary instead.`);
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
                this.log.warning(`${(0,problems/* checkWarning */.nX)(this.o.name, error, 'given its annotations', false)} ${unsent} annotation(s) were not sent.`);
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
    const forge = reportingForge(settings, deps);
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
        onChangeOnly: settings.mode === 'reconcile'
    }, { warning: (m) => core/* warning */.$e(m, { title: 'Reporting' }), info: (m) => core/* info */.pq(m) }, deps.clock);
}
/** `deployment: true`: the GitHub deployment of the commit, on the same short retry budget as the check. */
function createDeployment(settings, deps) {
    return settings.deployment ? createDeploymentTracker(settings, reportingForge(settings, deps), deploymentLog) : NO_DEPLOYMENT;
}
const deploymentLog = { warning: (m) => core/* warning */.$e(m, { title: 'Deployment' }), info: (m) => core/* info */.pq(m) };
function reportingForge(settings, deps) {
    const retry = { ...settings.forge.retry, maxTotalMs: Math.min(settings.forge.retry.maxTotalMs, REPORT_RETRY_MS) };
    return deps.forge ?? createForge({ ...settings.forge, retry }, { http: deps.http, clock: deps.clock, log: (m) => core/* info */.pq(m) });
}
/** The run to stamp on the record; none outside a workflow run (no numeric GITHUB_RUN_ID). */
function runOf(settings) {
    const id = settings.run.runId;
    return id && /^\d{1,20}$/.test(id) ? { id, attempt: settings.run.attempt } : undefined;
}

// EXTERNAL MODULE: ./src/settings/common.ts
var settings_common = __webpack_require__(1880);
// EXTERNAL MODULE: ./src/settings/reader.ts
var reader = __webpack_require__(3890);
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
// EXTERNAL MODULE: ./src/template.ts
var template = __webpack_require__(5237);
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

// EXTERNAL MODULE: ./src/settings/secrets.ts
var settings_secrets = __webpack_require__(5868);
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

// EXTERNAL MODULE: ./src/settings/verify.ts + 1 modules
var settings_verify = __webpack_require__(2641);
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
    return { ...common, gate, secrets, imageTag, promote, verify, rollout, shard, dryRun, report, reconcile, deployment };
}

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
        const { runDeployMode } = await Promise.all(/* import() */[__webpack_require__.e(715), __webpack_require__.e(464), __webpack_require__.e(291), __webpack_require__.e(9)]).then(__webpack_require__.bind(__webpack_require__, 4009));
        return (ctx) => runDeployMode(ctx);
    },
    gate: async () => (await Promise.all(/* import() */[__webpack_require__.e(715), __webpack_require__.e(464), __webpack_require__.e(437)]).then(__webpack_require__.bind(__webpack_require__, 4437))).runGateMode,
    promote: async () => (await Promise.all(/* import() */[__webpack_require__.e(715), __webpack_require__.e(464), __webpack_require__.e(291), __webpack_require__.e(102)]).then(__webpack_require__.bind(__webpack_require__, 5102))).runPromoteMode,
    reconcile: async () => {
        const { runReconcileMode } = await Promise.all(/* import() */[__webpack_require__.e(715), __webpack_require__.e(464), __webpack_require__.e(291), __webpack_require__.e(233)]).then(__webpack_require__.bind(__webpack_require__, 9233));
        return (ctx) => runReconcileMode(ctx);
    },
    verify: async () => (await Promise.all(/* import() */[__webpack_require__.e(715), __webpack_require__.e(919)]).then(__webpack_require__.bind(__webpack_require__, 3919))).runVerifyMode
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
        for (const secret of (0,settings_secrets/* secretInputs */._y)(env))
            (0,redact/* registerSecret */.cl)(secret);
        // Named before parsing: a misspelt input is ignored, and an input error below may be its consequence.
        for (const u of undeclaredInputs(env))
            core/* warning */.$e(undeclaredWarning(u), { title: 'Unknown input' });
        const settings = parseSettings(env, loadEventPayload(env));
        const load = RUNNERS[settings.mode];
        if (!load)
            throw new Error(`mode '${settings.mode}' is not available in this version of Rollout Guard`);
        const runner = await load();
        // An abbreviated `sha` becomes the full SHA here, before anything is reported on it.
        ctx = await createResolvedContext(settings, { signal: cancelOnSignals(), ...overrides });
        const resolved = ctx.settings;
        ctx.reporter = overrides.reporter ?? createReporter(resolved, { http: ctx.http, clock: ctx.clock, forge: overrides.forge });
        ctx.deployment = overrides.deployment ?? createDeployment(resolved, { http: ctx.http, clock: ctx.clock, forge: overrides.forge });
        // Not awaited: the check run starts alongside the gate instead of before it. The reporter keeps its
        // own order (the final update waits for this one). Reconcile starts it once it knows the head.
        if (resolved.mode !== 'reconcile')
            void ctx.reporter.start(resolved.target.sha);
        // A mode that throws still gets a report, a summary and a failing check: only invalid inputs (above)
        // end the step before anything is reported.
        const outcome = await runner(ctx).catch((error) => ({ result: 'failed', failure: (0,errors/* errorMessage */.g)(error), outputs: {} }));
        await concludeRun(resolved, ctx.reporter, outcome, startedAt, ctx.deployment);
    }
    catch (error) {
        core/* setOutput */.uH('result', 'failed');
        core/* setFailed */.C1((0,redact/* redact */.E$)((0,errors/* errorMessage */.g)(error)));
    }
    finally {
        // A heartbeat still beating (a step that failed before the final report) must not keep the process alive.
        ctx?.reporter.stop?.();
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


/***/ }),

/***/ 431:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BU: () => (/* binding */ partOf),
/* harmony export */   P1: () => (/* binding */ REJECTING_ENDS),
/* harmony export */   Pu: () => (/* binding */ parseStamp),
/* harmony export */   j$: () => (/* binding */ restoreOfRun),
/* harmony export */   qB: () => (/* binding */ compareRuns),
/* harmony export */   q_: () => (/* binding */ endOfRun),
/* harmony export */   xE: () => (/* binding */ formatStamp)
/* harmony export */ });
/* unused harmony export RUN_ENDS */
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
/**
 * `rollout-guard <mode> <run>.<attempt> <end>`, then optional `<key> <value>` pairs. Readers ignore keys
 * they do not know, so a later version can add a field without older reconciles misreading the record.
 */
const STAMP = /rollout-guard ([a-z]+) (\d{1,20})\.(\d{1,6}) ([a-z-]+)((?: [a-z][a-z-]{0,19} [^\s\]]{1,64})*)/;
const PART = /^\d{1,4}\/\d{1,4}$/;
/** `rollout-guard deploy 4242.1 canary-failed shard 2/4 at 1764921600`: short enough for a status description beside the reason. */
function formatStamp(s) {
    const restore = s.restore ? ` restore ${s.restore.outcome}:${s.restore.verified}/${s.restore.due}` : '';
    return `rollout-guard ${s.mode} ${s.runId}.${s.attempt} ${s.end}${s.part ? ` shard ${s.part}` : ''}${s.at !== undefined ? ` at ${s.at}` : ''}${s.verdict ? ` verdict ${s.verdict}` : ''}${restore}`;
}
/** The stamp found anywhere in `text` (an `external_id`, a description), or undefined. */
function parseStamp(text) {
    const m = STAMP.exec(text ?? '');
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
/** The restore part of a record, read from a finished run's report; undefined when the canary did not fail. */
function restoreOfRun(report) {
    const r = report.restore;
    if (!r)
        return undefined;
    return { outcome: r.outcome, verified: r.tenants.filter((t) => t.verified).length, due: r.tenants.filter((t) => t.to !== null).length };
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


/***/ }),

/***/ 6670:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   Kb: () => (/* binding */ excerpt),
/* harmony export */   cl: () => (/* binding */ registerSecret)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);

/**
 * Secrets known to this run. core.setSecret asks the runner to mask them, but only a runner does that;
 * text this action builds from outside answers (an error body that echoes a token, a tenant page) is
 * also redacted here, so a secret cannot reach an output, a summary or a report file either.
 */
const secrets = new Set();
function registerSecret(value) {
    if (!value)
        return;
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(value);
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
/* harmony export */   Kk: () => (/* binding */ isInternalAddress),
/* harmony export */   Q: () => (/* binding */ parseImageRef),
/* harmony export */   cW: () => (/* binding */ isLoopbackHost),
/* harmony export */   r_: () => (/* binding */ isValidTag)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);

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


/***/ }),

/***/ 8273:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d9: () => (/* binding */ runCounters),
/* harmony export */   wu: () => (/* binding */ startCounting)
/* harmony export */ });
/* unused harmony export emptyCounters */
function emptyCounters() {
    return { buildinfoPolls: 0, httpRetries: 0, redeployReissues: 0, gateChecks: 0, gateReads: 0, defers: 0, holds: 0 };
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
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6867);



const short = (sha) => (sha ? sha.slice(0, 7) : 'none');
/** `tenant acme is stale: actual=7a72516 expected=7f25373 after 240s, 13 polls` (+ the last error). */
function tenantFailure(t, target, budgetSeconds) {
    const title = `Tenant ${t.tenant}: ${t.verdict}`;
    if (t.verdict === 'redeploy-failed')
        return { tenant: t.tenant, title, message: `tenant ${t.tenant} redeploy failed: ${(0,_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .excerpt */ .Kb)(t.redeployError ?? 'no reason given', 300)}` };
    const waited = t.cancelled || budgetSeconds === null ? (t.elapsedSeconds ?? 0) : budgetSeconds;
    const after = `${(0,_clock_js__WEBPACK_IMPORTED_MODULE_0__/* .formatSeconds */ .Xo)(waited * 1000)}${t.cancelled ? ' (cancelled)' : ''}`;
    const base = `tenant ${t.tenant} is ${t.verdict}: actual=${short(t.sha)} expected=${short(target)} after ${after}, ${t.polls} poll${t.polls === 1 ? '' : 's'}`;
    return { tenant: t.tenant, title, message: t.lastError ? `${base}; last error: ${(0,_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .excerpt */ .Kb)(t.lastError, 300)}` : base };
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
        .filter((t) => (0,_model_js__WEBPACK_IMPORTED_MODULE_2__/* .isFailing */ .DI)(t) && !t.cancelled)
        .sort(byFailingFirst)
        .map((t) => tenantFailure(t, report.target.sha, report.verification?.budgetSeconds ?? null));
}


/***/ }),

/***/ 6867:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DI: () => (/* binding */ isFailing),
/* harmony export */   FK: () => (/* binding */ buildReport),
/* harmony export */   W_: () => (/* binding */ tenantFromRecord),
/* harmony export */   YO: () => (/* binding */ tenantFromVerdict),
/* harmony export */   iI: () => (/* binding */ verificationOutputs)
/* harmony export */ });
/* unused harmony exports REPORT_SCHEMA, REPORT_SCHEMA_VERSION, conclusionOf */
/* harmony import */ var _counters_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8273);
/* harmony import */ var _settings_promote_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7997);
/* harmony import */ var _verify_types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4956);



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
        ok: (0,_verify_types_js__WEBPACK_IMPORTED_MODULE_2__/* .isOk */ .H)(v.verdict),
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
function buildReport(settings, outcome, record, finishedAt, counted = (0,_counters_js__WEBPACK_IMPORTED_MODULE_0__/* .runCounters */ .d9)()) {
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
        restore: record.restore ? restoreOf(record.restore) : null
    };
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
        tags = settings.promote ? (0,_settings_promote_js__WEBPACK_IMPORTED_MODULE_1__/* .renderTags */ .Ep)(settings.promote, sha, settings.target.environment) : undefined;
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

/***/ 1796:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LH: () => (/* binding */ troubleOf),
/* harmony export */   hU: () => (/* binding */ statusWarning),
/* harmony export */   nX: () => (/* binding */ checkWarning)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _http_client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8502);
/* harmony import */ var _http_retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8902);



function troubleOf(error) {
    if (error instanceof _http_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .HttpStatusError */ .F9) {
        // 401: the forge does not accept the token at all; no permission would help.
        if (error.status === 401)
            return 'token';
        if (error.status === 403 && !(0,_http_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .isTransient */ .dg)(error))
            return 'permission';
        return (0,_http_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .isTransient */ .dg)(error) ? 'transient' : 'refused';
    }
    return error instanceof _http_client_js__WEBPACK_IMPORTED_MODULE_1__/* .NetworkError */ .D ? 'transient' : 'refused';
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
    return { kind, name, annotationPath: workflowPath(env, `${common.forge.owner}/${common.forge.repo}`) };
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

/***/ 2641:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  WH: () => (/* binding */ DEFAULT_CONCURRENCY),
  LT: () => (/* binding */ parseVerify)
});

// UNUSED EXPORTS: BUILDINFO_PLACEHOLDERS, MAX_CONFIRMATIONS, MIN_BUDGET_MS, MIN_INTERVAL_MS, MIN_REQUEST_TIMEOUT_MS

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/template.ts
var src_template = __webpack_require__(5237);
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
            throw new errors/* InputError */.d(input, `${where}: *** (hidden: it may hold a secret)`, `${FORM}; this line has no \`:\``);
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (!FIELD_NAME.test(name))
            throw new errors/* InputError */.d(input, `${where}: ***: ***`, `${FORM}; the name before \`:\` is not a token`);
        const shown = `${where}: ${name}: ***`;
        const bad = [...value].find((c) => c !== ' ' && c !== '\t' && !FIELD_VCHAR.test(c));
        if (bad !== undefined) {
            const code = `U+${bad.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
            throw new errors/* InputError */.d(input, shown, `${FORM}; the value holds the character ${code}, which is not allowed in an HTTP header (retype quotes and dashes as ASCII)`);
        }
        if (RESERVED.has(name.toLowerCase()))
            throw new errors/* InputError */.d(input, shown, `headers other than ${[...RESERVED].join(', ')}`);
        const first = seen.get(name.toLowerCase());
        if (first !== undefined)
            throw new errors/* InputError */.d(input, shown, `each header once (line ${first} already sets ${name}; header names compare case-insensitively)`);
        seen.set(name.toLowerCase(), i + 1);
        out[name] = value;
    });
    return out;
}

// EXTERNAL MODULE: ./src/settings/reader.ts
var reader = __webpack_require__(3890);
// EXTERNAL MODULE: ./src/settings/secrets.ts
var secrets = __webpack_require__(5868);
// EXTERNAL MODULE: ./src/settings/tenants.ts
var settings_tenants = __webpack_require__(832);
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
    const input = new reader/* InputReader */.i_(env);
    const tenantsRaw = input.raw('tenants');
    const tenantsUrlRaw = input.raw('tenants-url');
    if (tenantsRaw && tenantsUrlRaw)
        throw new errors/* InputError */.d('tenants-url', (0,secrets/* shownUrl */.zA)(tenantsUrlRaw), 'to be empty when `tenants` is given (use one of the two)');
    const tenants = (0,settings_tenants/* checkTenantNames */.P)('tenants', input.list('tenants'));
    let tenantsUrl;
    if (tenantsUrlRaw)
        tenantsUrl = (0,reader/* parseHttpUrl */.f$)('tenants-url', tenantsUrlRaw).toString();
    else if (tenants.length === 0) {
        throw new errors/* InputError */.d('tenants', tenantsRaw, 'at least one tenant name (newline, comma or space separated, or a JSON array), or a `tenants-url`');
    }
    const buildinfoUrl = input.raw('buildinfo-url');
    checkBuildinfoUrl(buildinfoUrl, common.target.environment);
    if (tenants.length > 1)
        (0,settings_tenants/* requireTenantPlaceholder */.v)(buildinfoUrl);
    const buildinfoField = input.string('buildinfo-field', 'auto');
    if (buildinfoField !== 'auto' && !FIELD_PATH.test(buildinfoField)) {
        throw new errors/* InputError */.d('buildinfo-field', buildinfoField, '`auto` or a dotted path such as `build.git.sha`');
    }
    const headers = parseHeaders('buildinfo-headers', input.raw('buildinfo-headers'));
    const budgetMs = input.seconds('settle-budget-seconds', 240, { minMs: MIN_BUDGET_MS });
    const intervalMs = input.seconds('settle-interval-seconds', 20, { minMs: MIN_INTERVAL_MS });
    if (intervalMs > budgetMs) {
        throw new errors/* InputError */.d('settle-interval-seconds', input.raw('settle-interval-seconds') || '20', `a number of seconds no longer than settle-budget-seconds (${budgetMs / 1000})`);
    }
    const requestTimeoutMs = input.seconds('request-timeout-seconds', 10, { minMs: MIN_REQUEST_TIMEOUT_MS });
    const confirmations = input.integer('settle-confirmations', 1, 1, MAX_CONFIRMATIONS);
    // The confirming answers come one interval apart: they must fit in the budget, or no tenant could pass.
    if ((confirmations - 1) * intervalMs > budgetMs) {
        const most = Math.floor(budgetMs / intervalMs) + 1;
        throw new errors/* InputError */.d('settle-confirmations', String(confirmations), `at most ${most}: ${confirmations} answers one settle-interval-seconds (${intervalMs / 1000}) apart do not fit in settle-budget-seconds (${budgetMs / 1000})`);
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
        throw new errors/* InputError */.d('buildinfo-url', template, expected);
    (0,src_template/* checkTemplate */.BU)('buildinfo-url', template, BUILDINFO_PLACEHOLDERS);
    // Rendered with sample values so that a placeholder in the scheme or an empty host is caught now.
    const sample = (0,src_template/* render */.XX)(template, { tenant: 'tenant-1', sha: SAMPLE_SHA, sha7: SAMPLE_SHA.slice(0, 7), environment }, src_template/* encodeUrlPart */.hK);
    let url;
    try {
        url = (0,reader/* parseHttpUrl */.f$)('buildinfo-url', sample);
    }
    catch {
        throw new errors/* InputError */.d('buildinfo-url', template, expected);
    }
    if (!url.hostname)
        throw new errors/* InputError */.d('buildinfo-url', template, expected);
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
