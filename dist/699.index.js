export const id = 699;
export const ids = [699];
export const modules = {

/***/ 3122:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ Timeline)
/* harmony export */ });
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


/***/ }),

/***/ 1312:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  L8: () => (/* binding */ classify),
  xS: () => (/* binding */ fleetVerifier),
  sN: () => (/* binding */ settleOptions),
  K2: () => (/* binding */ verifyFleet)
});

// UNUSED EXPORTS: DEFAULT_REQUEST_TIMEOUT_MS, firstPollDelay

// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(370);
// EXTERNAL MODULE: ./src/forge/types.ts
var types = __webpack_require__(8286);
// EXTERNAL MODULE: ./src/settings/verify.ts + 1 modules
var verify = __webpack_require__(2641);
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

// EXTERNAL MODULE: ./src/clock.ts
var clock = __webpack_require__(9373);
// EXTERNAL MODULE: ./src/debug.ts
var debug = __webpack_require__(2668);
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




async function settleTenant(tenant, run) {
    const { clock, startedAt, budgetMs, intervalMs } = run;
    const deadline = startedAt + budgetMs;
    const hardEnd = deadline + run.requestTimeoutMs;
    const url = run.prober.urlFor?.(tenant) ?? '';
    const seen = { polls: 0, lastShaSince: startedAt, answeredOk: false, recent: [], onTarget: 0 };
    const verdict = (v) => {
        const judged = { tenant, url, polls: seen.polls, elapsedMs: clock.now() - startedAt, ...v };
        (0,debug/* debug */.Yz)(() => `verdict ${tenant}: ${judged.verdict} (target ${run.target}, last SHA ${seen.lastSha ?? 'none'}, ${judged.polls} polls in ${judged.elapsedMs} ms of a ${budgetMs} ms budget${judged.lastError ? `, last error: ${judged.lastError}` : ''})`);
        return judged;
    };
    const settled = () => decide(seen, run, verdict);
    let scheduled = startedAt + Math.min(run.firstPollDelayMs ?? 0, budgetMs);
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
        if (!seen.lastSha || !(0,types/* sameCommit */.Kd)(seen.lastSha, obs.sha))
            seen.lastShaSince = run.clock.now();
        seen.lastSha = obs.sha;
        seen.lastError = undefined;
        seen.recent = [...seen.recent, { sha: obs.sha, at: run.clock.now() }].slice(-run.confirmations);
        if ((0,types/* sameCommit */.Kd)(obs.sha, run.target))
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
function decide(seen, run, verdict) {
    if (seen.recent.length < run.confirmations)
        return undefined;
    const good = seen.recent.every((a) => (0,types/* sameCommit */.Kd)(a.sha, run.target) || run.ahead.relation(a.sha).kind === 'ahead');
    if (!good)
        return undefined;
    const last = seen.recent.at(-1);
    return verdict({ verdict: (0,types/* sameCommit */.Kd)(last.sha, run.target) ? 'on-target' : 'ahead', sha: last.sha, settleMs: last.at - run.startedAt });
}
/** SHAs among the recent answers whose relation to the target the forge has not given yet. */
function pendingShas(seen, run) {
    return seen.recent.map((a) => a.sha).filter((sha) => !(0,types/* sameCommit */.Kd)(sha, run.target) && run.ahead.relation(sha).kind === 'pending');
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
    const delay = firstPollDelay(tenants.length, opts.concurrency ?? verify/* DEFAULT_CONCURRENCY */.WH, opts.intervalMs);
    return Promise.all(tenants.map((tenant, i) => verifier.verify(tenant, delay(i))));
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
        budgetMs: opts.budgetMs,
        intervalMs: opts.intervalMs,
        requestTimeoutMs: opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        confirmations: opts.confirmations ?? 1,
        limit: (0,p_limit/* default */.A)(opts.concurrency ?? verify/* DEFAULT_CONCURRENCY */.WH),
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
        async verify(tenant, firstPollDelayMs = 0) {
            const v = await settleTenant(tenant, { ...run, startedAt: opts.clock.now(), firstPollDelayMs });
            progressed(v.verdict === 'on-target' || v.verdict === 'ahead');
            return v;
        },
        pass: () => progressed(false)
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

/***/ 370:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  A: () => (/* binding */ pLimit)
});

// UNUSED EXPORTS: limitFunction

;// CONCATENATED MODULE: ./node_modules/yocto-queue/index.js
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

;// CONCATENATED MODULE: ./node_modules/p-limit/index.js


function pLimit(concurrency) {
	let rejectOnClear = false;

	if (typeof concurrency === 'object') {
		({concurrency, rejectOnClear = false} = concurrency);
	}

	validateConcurrency(concurrency);

	if (typeof rejectOnClear !== 'boolean') {
		throw new TypeError('Expected `rejectOnClear` to be a boolean');
	}

	const queue = new Queue();
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
