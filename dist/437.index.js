export const id = 437;
export const ids = [437];
export const modules = {

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

/***/ 4437:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runGateMode: () => (/* binding */ runGateMode)
/* harmony export */ });
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5625);
/* harmony import */ var _gate_announce_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9580);
/* harmony import */ var _rollout_describe_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4600);
/* harmony import */ var _rollout_timeline_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3122);
/* harmony import */ var _superseded_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6782);





/** `mode: gate`: answer "does this job still own the branch?" and nothing else. */
async function runGateMode(ctx) {
    const startedAt = new Date();
    const timeline = new _rollout_timeline_js__WEBPACK_IMPORTED_MODULE_2__/* .Timeline */ .K(ctx.clock);
    const decision = await timeline.run('gate', () => _log_js__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os('Superseded gate', () => ctx.gate.check()), _rollout_describe_js__WEBPACK_IMPORTED_MODULE_3__/* .judgeGate */ .$U);
    const { proceed } = (0,_gate_announce_js__WEBPACK_IMPORTED_MODULE_1__/* .announce */ .i)(decision, ctx.settings.gate, 'gate');
    const reason = proceed && decision.superseded ? `${decision.reason} Overridden by force: true.` : decision.reason;
    const record = { reason, startedAt, gate: decision, phases: timeline.phases, tenants: [] };
    if (!proceed)
        return { ...(0,_superseded_js__WEBPACK_IMPORTED_MODULE_4__/* .supersededOutcome */ .d)(ctx, decision.reason, decision.headSha), record };
    return {
        result: 'owner',
        outputs: { superseded: 'false', 'head-sha': decision.headSha ?? '', reason },
        record
    };
}


/***/ }),

/***/ 6782:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ supersededOutcome)
/* harmony export */ });
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


/***/ }),

/***/ 4600:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $U: () => (/* binding */ judgeGate),
/* harmony export */   fS: () => (/* binding */ summarise),
/* harmony export */   ng: () => (/* binding */ describeFailures)
/* harmony export */ });
/* harmony import */ var _analysis_verdict_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7319);

/** Short human renderings of rollout state, for reasons, phase details and log lines. */
function judgeGate(d) {
    return { outcome: d.superseded ? 'superseded' : d.basis === 'unreadable' ? 'owner (head unreadable)' : 'owner', detail: d.reason };
}
/** `acme stale, globex redeploy-failed, and 3 more`. */
function describeFailures(failed) {
    const names = failed
        .slice(0, 5)
        .map((r) => (0,_analysis_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .failedAnalysis */ .A)(r.analysis)
        ? (0,_analysis_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .describeAnalysis */ .S)(r.analysis)
        : `${r.tenant} ${r.action === 'redeploy-failed' ? 'redeploy-failed' : r.action === 'skipped-unknown' ? 'ancestry unknown' : r.verdict?.verdict}`);
    return names.join(', ') + (failed.length > 5 ? `, and ${failed.length - 5} more` : '');
}
/** `3 redeployed, 1 already on target, 2 ahead`. */
function summarise(records) {
    const n = (a) => records.filter((r) => r.action === a).length;
    return `${n('redeployed')} redeployed, ${n('skipped-on-target')} already on target, ${n('skipped-ahead')} ahead`;
}


/***/ }),

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


/***/ })

};
