export const id = 437;
export const ids = [437];
export const modules = {

/***/ 4437:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runGateMode: () => (/* binding */ runGateMode)
/* harmony export */ });
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5625);
/* harmony import */ var _gate_announce_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9580);
/* harmony import */ var _rollout_rollout_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6610);
/* harmony import */ var _rollout_timeline_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3122);
/* harmony import */ var _superseded_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6782);





/** `mode: gate`: answer "does this job still own the branch?" and nothing else. */
async function runGateMode(ctx) {
    const startedAt = new Date();
    const timeline = new _rollout_timeline_js__WEBPACK_IMPORTED_MODULE_3__/* .Timeline */ .K(ctx.clock);
    const decision = await timeline.run('gate', () => _log_js__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os('Superseded gate', () => ctx.gate.check()), _rollout_rollout_js__WEBPACK_IMPORTED_MODULE_2__/* .judgeGate */ .$);
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


/***/ })

};
