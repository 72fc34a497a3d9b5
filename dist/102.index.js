export const id = 102;
export const ids = [102];
export const modules = {

/***/ 5102:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runPromoteMode: () => (/* binding */ runPromoteMode)
/* harmony export */ });
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5625);
/* harmony import */ var _command_runner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9575);
/* harmony import */ var _gate_announce_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9580);
/* harmony import */ var _rollout_describe_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4600);
/* harmony import */ var _rollout_timeline_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3122);
/* harmony import */ var _template_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5237);
/* harmony import */ var _promotion_step_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7252);
/* harmony import */ var _superseded_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6782);








/**
 * `mode: promote`: move `promote-tag` to the image of `promote-from`, forward only, while this commit
 * still owns the branch. The gate is asked once up front (a superseded job touches nothing, not even
 * the registry), again right before the write and before each retried write. A job superseded at any
 * of these reports the head that superseded it.
 */
async function runPromoteMode(ctx, runner = _command_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .execRunner */ .M6) {
    if (!ctx.settings.promote)
        throw new Error('mode: promote needs `image` or `promote-command`');
    const startedAt = new Date();
    const timeline = new _rollout_timeline_js__WEBPACK_IMPORTED_MODULE_5__/* .Timeline */ .K(ctx.clock);
    const { target } = ctx.settings;
    const base = { startedAt, tag: (0,_template_js__WEBPACK_IMPORTED_MODULE_3__/* .render */ .XX)(ctx.settings.imageTag, (0,_template_js__WEBPACK_IMPORTED_MODULE_3__/* .commitVars */ .gK)(target.sha, target.environment)), tenants: [] };
    const first = await timeline.run('gate', () => _log_js__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os('Superseded gate', () => ctx.gate.check()), _rollout_describe_js__WEBPACK_IMPORTED_MODULE_6__/* .judgeGate */ .$U);
    if (!(0,_gate_announce_js__WEBPACK_IMPORTED_MODULE_2__/* .announce */ .i)(first, ctx.settings.gate, 'promote').proceed) {
        const record = { ...base, reason: first.reason, gate: first, phases: timeline.phases };
        return { ...(0,_superseded_js__WEBPACK_IMPORTED_MODULE_7__/* .supersededOutcome */ .d)(ctx, first.reason, first.headSha, { promoted: 'false', 'promoted-digest': '' }), record };
    }
    // Once the first gate read went through (a refused token or api-url has thrown above), not before.
    void ctx.reporter.start(target.sha);
    const step = await timeline.run('promotion', () => _log_js__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os('Promotion', () => (0,_promotion_step_js__WEBPACK_IMPORTED_MODULE_4__/* .promotionStep */ .K)(ctx, runner, first)), (p) => ({ outcome: p.result.outcome, detail: p.result.reason }));
    const gate = step.gate ?? first;
    const record = { ...base, reason: step.result.reason, gate, phases: timeline.phases, promotion: step.result };
    return { ...toOutcome(ctx, step.result, gate), record };
}
function toOutcome(ctx, result, gate) {
    const holds = result.outcome === 'promoted' || result.outcome === 'unchanged';
    const outputs = { promoted: String(result.promoted), 'promoted-digest': holds ? (result.digest ?? '') : '', reason: result.reason };
    switch (result.outcome) {
        case 'skipped-superseded':
            return (0,_superseded_js__WEBPACK_IMPORTED_MODULE_7__/* .supersededOutcome */ .d)(ctx, result.reason, gate.headSha, outputs);
        case 'failed':
        case 'cancelled':
            return { result: result.outcome, failure: result.reason, outputs };
        case 'skipped-ahead':
            _log_js__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm(result.reason, { title: 'Promotion skipped: the tag is ahead' });
            return { result: result.outcome, outputs };
        default:
            _log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(result.reason);
            return { result: result.outcome, outputs };
    }
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


/***/ })

};
