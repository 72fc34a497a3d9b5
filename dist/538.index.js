export const id = 538;
export const ids = [538];
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

/***/ 884:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  L8: () => (/* binding */ classify),
  xS: () => (/* binding */ fleetVerifier),
  sN: () => (/* binding */ settleOptions),
  K2: () => (/* binding */ verifyFleet)
});

// UNUSED EXPORTS: DEFAULT_REQUEST_TIMEOUT_MS, firstPollDelay

// EXTERNAL MODULE: ./src/forge/types.ts
var types = __webpack_require__(8286);
// EXTERNAL MODULE: ./src/settings/verify.ts
var verify = __webpack_require__(8556);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
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
            .then((ahead) => ({ kind: ahead ? 'ahead' : 'behind' }), (error) => ({ kind: 'unknown', detail: (0,errors/* errorMessage */.g)(error) }))
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

// EXTERNAL MODULE: ./src/debug.ts
var debug = __webpack_require__(2668);
// EXTERNAL MODULE: ./src/clock.ts
var clock = __webpack_require__(9373);
;// CONCATENATED MODULE: ./src/verify/judge.ts


function record(seen, obs, run) {
    seen.polls += 1;
    if (obs.sha) {
        if (!seen.lastSha || !(0,types/* sameCommit */.Kd)(seen.lastSha, obs.sha))
            seen.lastShaSince = run.clock.now();
        seen.lastSha = obs.sha;
        seen.lastError = undefined;
        seen.recent.push({ sha: obs.sha, at: run.clock.now() });
        if (seen.recent.length > run.confirmations)
            seen.recent.shift();
        if ((0,types/* sameCommit */.Kd)(obs.sha, run.target))
            seen.onTarget += 1;
        else
            void run.ahead.ask(obs.sha);
    }
    else {
        seen.recent.length = 0;
        seen.lastError = obs.error;
        if (obs.status !== undefined && obs.status >= 200 && obs.status <= 299)
            seen.answeredOk = true;
    }
}
/** Settled once the last `confirmations` answers are all on the target or known to be ahead of it. */
function decide(seen, run, startedAt) {
    if (seen.recent.length < run.confirmations)
        return undefined;
    const good = seen.recent.every((a) => (0,types/* sameCommit */.Kd)(a.sha, run.target) || run.ahead.relation(a.sha).kind === 'ahead');
    if (!good)
        return undefined;
    const last = seen.recent.at(-1);
    return { verdict: (0,types/* sameCommit */.Kd)(last.sha, run.target) ? 'on-target' : 'ahead', sha: last.sha, settleMs: last.at - startedAt };
}
/** SHAs among the recent answers whose relation to the target the forge has not given yet. */
function pendingShas(seen, run) {
    return seen.recent.map((a) => a.sha).filter((sha) => !(0,types/* sameCommit */.Kd)(sha, run.target) && run.ahead.relation(sha).kind === 'pending');
}
/** A tenant that never settled: what it reported decides between stale, invalid and unreachable. */
function judge(seen, run, cancelled) {
    const why = seen.lastSha ? (staleReason(seen, run) ?? seen.lastError) : seen.lastError;
    const extra = cancelled ? { cancelled: true, lastError: why ?? 'verification was cancelled' } : { lastError: why };
    if (seen.lastSha)
        return { verdict: 'stale', sha: seen.lastSha, ...extra };
    if (seen.answeredOk)
        return { verdict: 'invalid', ...extra };
    return { verdict: 'unreachable', ...extra, lastError: extra.lastError ?? 'no answer' };
}
/** Why a tenant that answered with a SHA is not verified, when it is not simply on an older commit. */
function staleReason(seen, run) {
    const sha = seen.lastSha;
    const short = (s) => s.slice(0, 7);
    if (!(0,types/* sameCommit */.Kd)(sha, run.target)) {
        const relation = run.ahead.relation(sha);
        if (relation.kind === 'pending' && relation.lastFailure)
            return `could not tell whether ${short(sha)} is ahead of ${short(run.target)}: ${relation.lastFailure}`;
        if (relation.kind === 'pending')
            return `the forge did not say within the ${(0,clock/* formatSeconds */.Xo)(run.budgetMs)} budget whether ${short(sha)} is ahead of ${short(run.target)}`;
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
        if (!((0,types/* sameCommit */.Kd)(a.sha, run.target) || run.ahead.relation(a.sha).kind === 'ahead'))
            break;
        n += 1;
    }
    return n;
}

;// CONCATENATED MODULE: ./src/verify/probe-once.ts


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
    const probe = run.prober.probe(tenant, signal).catch((error) => ({ error: (0,errors/* errorMessage */.g)(error) }));
    const first = await Promise.race([probe, timer]);
    if (first === TIMED_OUT) {
        abort.abort(new DOMException('probe time limit', 'TimeoutError'));
        return { error: `no answer within ${(0,clock/* formatSeconds */.Xo)(limitMs)}` };
    }
    // With a reason given, abort() skips building a DOMException (and its stack) on every answered probe.
    stopTimer.abort(ANSWERED);
    return first ?? (await probe);
}

;// CONCATENATED MODULE: ./src/verify/scheduler.ts



/** Starts one tenant's settle loop; its verdict is reported once, through `report`. */
function settleTenant(tenant, run, start, report) {
    new TenantSettle(tenant, run, start, report).poll();
}
/**
 * The loop as a small state machine rather than an `async` function: a fleet of ten thousand tenants
 * mostly waits (for its next poll, or for a free request slot), and a suspended `async` frame per tenant
 * (its generator, registers, contexts and promises, some 3 KB) plus p-limit's queue entry were most of the
 * verifier's live heap. This object is what waits: the fleet's timer and its slot queue point at it.
 */
class TenantSettle {
    tenant;
    run;
    report;
    seen;
    startedAt;
    deadline;
    hardEnd;
    scheduled;
    /** What to do when the current wait ends. */
    afterWake = 'poll';
    constructor(tenant, run, start, report) {
        this.tenant = tenant;
        this.run = run;
        this.report = report;
        this.startedAt = start.startedAt;
        this.deadline = start.startedAt + run.budgetMs;
        this.hardEnd = this.deadline + run.requestTimeoutMs;
        this.seen = { polls: 0, lastShaSince: start.startedAt, answeredOk: false, recent: [], onTarget: 0 };
        this.scheduled = start.startedAt + Math.min(start.firstPollDelayMs ?? 0, run.budgetMs);
    }
    /** Waits until the next poll is due (an ancestry answer may settle the tenant meanwhile), then polls. */
    poll() {
        const { run } = this;
        if (run.clock.now() < this.scheduled)
            return this.wait(this.scheduled, 'poll');
        if (run.signal?.aborted)
            return this.finish(judge(this.seen, run, true));
        run.slots.acquire(this);
    }
    /** A request slot is held: probe, and give the slot back once the answer (or the time limit) is in. */
    start() {
        const { run } = this;
        probeOnce(this.tenant, run, this.hardEnd)
            .finally(() => run.slots.release())
            .then((obs) => this.answered(obs))
            .catch((error) => this.report.failed(error));
    }
    answered(obs) {
        const { run } = this;
        if (!obs)
            return this.lastQuestions();
        record(this.seen, obs, run);
        run.onObservation?.(this.tenant, obs);
        const done = decide(this.seen, run, this.startedAt);
        if (done)
            return this.finish(done);
        if (this.scheduled >= this.deadline)
            return this.lastQuestions();
        this.scheduled = Math.min(this.deadline, Math.max(this.scheduled + run.intervalMs, run.clock.now()));
        this.poll();
    }
    /**
     * After the last poll: a question asked during the budget is waited for until the budget ends; one
     * first asked at the last poll gets what a request gets, up to the budget plus one request timeout.
     */
    lastQuestions() {
        const questionEnd = this.seen.lastShaSince >= this.deadline ? this.hardEnd : this.deadline;
        if (pendingShas(this.seen, this.run).length > 0 && this.run.clock.now() < questionEnd)
            return this.wait(questionEnd, 'lastQuestions');
        this.finish(judge(this.seen, this.run, false));
    }
    /** Sleeps until `until`, or until the forge answers one of the tenant's pending questions; then goes on, unless settled or cancelled. */
    wait(until, then) {
        const { run } = this;
        if (run.signal?.aborted)
            return this.finish(judge(this.seen, run, true));
        this.afterWake = then;
        const wake = run.wakeups.at(until, this);
        const pending = pendingShas(this.seen, run);
        if (pending.length > 0) {
            void Promise.race(pending.map((sha) => run.ahead.answered(sha))).then(() => {
                if (wake.cancel())
                    this.woken();
            });
        }
    }
    woken() {
        try {
            const { run } = this;
            if (run.signal?.aborted)
                return this.finish(judge(this.seen, run, true));
            const done = decide(this.seen, run, this.startedAt);
            if (done)
                return this.finish(done);
            if (this.afterWake === 'poll')
                this.poll();
            else
                this.lastQuestions();
        }
        catch (error) {
            // A defect, never a tenant's answer: it fails this tenant's verification instead of stopping the fleet's timer.
            this.report.failed(error);
        }
    }
    finish(judged) {
        const { run, seen } = this;
        const verdict = { tenant: this.tenant, url: run.prober.urlFor?.(this.tenant) ?? '', polls: seen.polls, elapsedMs: run.clock.now() - this.startedAt, ...judged };
        (0,debug/* debug */.Yz)(() => `verdict ${this.tenant}: ${verdict.verdict} (target ${run.target}, last SHA ${seen.lastSha ?? 'none'}, ${verdict.polls} polls in ${verdict.elapsedMs} ms of a ${run.budgetMs} ms budget${verdict.lastError ? `, last error: ${verdict.lastError}` : ''})`);
        this.report.done(verdict);
    }
}

// EXTERNAL MODULE: ./node_modules/yocto-queue/index.js
var yocto_queue = __webpack_require__(6703);
;// CONCATENATED MODULE: ./src/verify/slots.ts

/**
 * The bound on requests in flight across a fleet. p-limit does the same with a closure, two promises, a
 * bound function and its arguments per waiting call; when a fleet larger than the throughput queues
 * nearly every tenant for a slot (10,000 tenants polled every interval), those made up most of the
 * verifier's live heap. Here a waiting tenant is one queue node pointing at the tenant.
 */
class Slots {
    size;
    active = 0;
    waiting = new yocto_queue/* default */.A();
    constructor(size) {
        this.size = size;
    }
    /** Starts `user` now if a slot is free, else once one is. */
    acquire(user) {
        if (this.active < this.size) {
            this.active += 1;
            user.start();
        }
        else {
            this.waiting.enqueue(user);
        }
    }
    /** Hands the slot to the next waiting user, if any. */
    release() {
        const next = this.waiting.dequeue();
        if (next)
            next.start();
        else
            this.active -= 1;
    }
}

;// CONCATENATED MODULE: ./node_modules/tinyqueue/index.js

class TinyQueue {
    constructor(data = [], compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0)) {
        this.data = data;
        this.length = this.data.length;
        this.compare = compare;

        if (this.length > 0) {
            for (let i = (this.length >> 1) - 1; i >= 0; i--) this._down(i);
        }
    }

    push(item) {
        this.data.push(item);
        this._up(this.length++);
    }

    pop() {
        if (this.length === 0) return undefined;

        const top = this.data[0];
        const bottom = this.data.pop();

        if (--this.length > 0) {
            this.data[0] = bottom;
            this._down(0);
        }

        return top;
    }

    peek() {
        return this.data[0];
    }

    _up(pos) {
        const {data, compare} = this;
        const item = data[pos];

        while (pos > 0) {
            const parent = (pos - 1) >> 1;
            const current = data[parent];
            if (compare(item, current) >= 0) break;
            data[pos] = current;
            pos = parent;
        }

        data[pos] = item;
    }

    _down(pos) {
        const {data, compare} = this;
        const halfLength = this.length >> 1;
        const item = data[pos];

        while (pos < halfLength) {
            let bestChild = (pos << 1) + 1; // initially it is the left child
            const right = bestChild + 1;

            if (right < this.length && compare(data[right], data[bestChild]) < 0) {
                bestChild = right;
            }
            if (compare(data[bestChild], item) >= 0) break;

            data[pos] = data[bestChild];
            pos = bestChild;
        }

        data[pos] = item;
    }
}

;// CONCATENATED MODULE: ./src/verify/wakeups.ts

/**
 * One timer for a whole fleet's settle loops. Ten thousand tenants each sleeping on a timer of their own
 * (with a promise, an abort controller and an abort listener apiece) kept about ten objects per tenant
 * alive for a whole interval, long enough to be promoted to V8's old space, and that drove the verifier's
 * peak RSS. Here a waiting tenant is one small entry pointing at the tenant; the clock
 * holds a single sleep, for the earliest entry, and a cancelled run wakes everyone through one listener.
 * Wake-ups due at the same instant fire in the order they were asked for, as separate timers would.
 */
class Wakeups {
    clock;
    signal;
    queue = new TinyQueue([], (a, b) => a.at - b.at || a.seq - b.seq);
    seq = 0;
    armedAt = Number.POSITIVE_INFINITY;
    armed;
    /**
     * Listening to the run's signal only while someone waits: a deploy builds one Wakeups per wave on the
     * same signal, and a listener per wave left behind would keep each wave's queue alive and, past ten
     * waves, make Node warn of a leak.
     */
    listening = false;
    onAbort = () => this.wakeAll();
    constructor(clock, signal) {
        this.clock = clock;
        this.signal = signal;
    }
    /** Wakes `sleeper` at clock time `at`, or as soon as the run is cancelled (on a later turn when either already happened). */
    at(at, sleeper) {
        const entry = { at, seq: this.seq++, sleeper, done: false };
        if (this.signal?.aborted || at <= this.clock.now()) {
            queueMicrotask(() => fire(entry));
        }
        else {
            this.queue.push(entry);
            if (this.signal && !this.listening) {
                this.listening = true;
                this.signal.addEventListener('abort', this.onAbort, { once: true });
            }
            this.arm();
        }
        // A cancelled entry stays queued until its time (taking it out of the middle would cost a search).
        return { cancel: () => !entry.done && (entry.done = true) };
    }
    arm() {
        const first = this.queue.peek();
        if (!first || first.at >= this.armedAt)
            return;
        this.armed?.abort();
        const armed = new AbortController();
        this.armed = armed;
        this.armedAt = first.at;
        this.clock.sleep(first.at - this.clock.now(), armed.signal).then(() => {
            if (this.armed !== armed)
                return;
            this.armed = undefined;
            this.armedAt = Number.POSITIVE_INFINITY;
            this.fireDue();
        }, () => undefined);
    }
    fireDue() {
        const now = this.clock.now();
        while (this.queue.length > 0 && this.queue.peek().at <= now)
            fire(this.queue.pop());
        if (this.queue.length === 0)
            this.stopListening();
        this.arm();
    }
    stopListening() {
        if (!this.listening)
            return;
        this.listening = false;
        this.signal?.removeEventListener('abort', this.onAbort);
    }
    wakeAll() {
        this.listening = false;
        this.armed?.abort();
        this.armed = undefined;
        this.armedAt = Number.POSITIVE_INFINITY;
        for (let entry = this.queue.pop(); entry; entry = this.queue.pop())
            fire(entry);
    }
}
function fire(entry) {
    if (entry.done)
        return;
    entry.done = true;
    entry.sleeper.woken();
}

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
function verifyFleet(tenants, opts) {
    const verifier = fleetVerifier(tenants.length, opts);
    const delay = firstPollDelay(tenants.length, opts.concurrency ?? verify/* DEFAULT_CONCURRENCY */.WH, opts.intervalMs);
    // One promise for the fleet rather than one per tenant: at 10,000 tenants the per-tenant promises and
    // Promise.all's reactions were a measurable share of the live heap.
    return new Promise((resolve, reject) => {
        const verdicts = new Array(tenants.length);
        let left = tenants.length;
        if (left === 0)
            return resolve(verdicts);
        tenants.forEach((tenant, i) => verifier.start(tenant, delay(i), {
            done: (v) => {
                verdicts[i] = v;
                if (--left === 0)
                    resolve(verdicts);
            },
            failed: reject
        }));
    });
}
/**
 * When the i-th tenant of a fleet verified at once sends its first poll. A fleet no larger than the
 * requests allowed in flight starts at once. A larger one starts in batches of that size spread evenly
 * over the first interval: 10,000 first polls queued at the same instant held 10,000 pending requests
 * in memory (most of the verifier's peak RSS) and hit the fleet's edge as one burst, for nothing, since
 * only `concurrency` of them can be in flight anyway. A tenant's later polls keep its phase, so a tenant
 * that goes live is still seen within one interval, and the verdict time of the fleet does not change.
 */
function firstPollDelay(total, concurrency, intervalMs) {
    const batches = Math.ceil(total / Math.max(1, concurrency));
    if (batches <= 1)
        return () => 0;
    return (index) => Math.floor((Math.floor(index / concurrency) * intervalMs) / batches);
}
function fleetVerifier(total, opts) {
    const run = {
        target: opts.target,
        prober: opts.prober,
        ahead: new AheadMemo(opts.ancestry, opts.target),
        clock: opts.clock,
        wakeups: new Wakeups(opts.clock, opts.signal),
        budgetMs: opts.budgetMs,
        intervalMs: opts.intervalMs,
        requestTimeoutMs: opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        confirmations: opts.confirmations ?? 1,
        slots: new Slots(opts.concurrency ?? verify/* DEFAULT_CONCURRENCY */.WH),
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
    const start = (tenant, firstPollDelayMs, report) => {
        const counted = {
            done: (v) => {
                progressed(v.verdict === 'on-target' || v.verdict === 'ahead');
                report.done(v);
            },
            failed: report.failed
        };
        settleTenant(tenant, run, { startedAt: opts.clock.now(), firstPollDelayMs }, counted);
    };
    return {
        verify: (tenant, firstPollDelayMs = 0) => new Promise((resolve, reject) => start(tenant, firstPollDelayMs, { done: resolve, failed: reject })),
        pass: () => progressed(false),
        start
    };
}
/** One observation against the target, e.g. the read before a redeploy that must never go backward. */
async function classify(obs, target, ancestry) {
    if (!obs.sha)
        return 'unreadable';
    if ((0,types/* sameCommit */.Kd)(obs.sha, target))
        return 'on-target';
    return (await ancestry.isAhead(obs.sha, target).catch(() => false)) ? 'ahead' : 'behind-or-unknown';
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


/***/ }),

/***/ 6703:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ Queue)
/* harmony export */ });
/*
How it works:
`this.#head` is an instance of `Node` which keeps track of its current value and nests another instance of `Node` that keeps the value that comes after it. When a value is provided to `.enqueue()`, the code needs to iterate through `this.#head`, going deeper and deeper to find the last value. However, iterating through every single item is slow. This problem is solved by saving a reference to the last value as `this.#tail` so that it can reference it to add a new value.
*/

class Node {
	value;
	next;

	constructor(value) {
		this.value = value;
	}
}

class Queue {
	#head;
	#tail;
	#size;

	constructor() {
		this.clear();
	}

	enqueue(value) {
		const node = new Node(value);

		if (this.#head) {
			this.#tail.next = node;
			this.#tail = node;
		} else {
			this.#head = node;
			this.#tail = node;
		}

		this.#size++;
	}

	dequeue() {
		const current = this.#head;
		if (!current) {
			return;
		}

		this.#head = this.#head.next;
		this.#size--;

		// Clean up tail reference when queue becomes empty
		if (!this.#head) {
			this.#tail = undefined;
		}

		return current.value;
	}

	peek() {
		if (!this.#head) {
			return;
		}

		return this.#head.value;

		// TODO: Node.js 18.
		// return this.#head?.value;
	}

	clear() {
		this.#head = undefined;
		this.#tail = undefined;
		this.#size = 0;
	}

	get size() {
		return this.#size;
	}

	* [Symbol.iterator]() {
		let current = this.#head;

		while (current) {
			yield current.value;
			current = current.next;
		}
	}

	* drain() {
		while (this.#head) {
			yield this.dequeue();
		}
	}
}


/***/ })

};
