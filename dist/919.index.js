export const id = 919;
export const ids = [919];
export const modules = {

/***/ 3919:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runVerifyMode: () => (/* binding */ runVerifyMode)
/* harmony export */ });
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5625);
/* harmony import */ var _clock_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9373);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6670);
/* harmony import */ var _report_failures_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7999);
/* harmony import */ var _report_model_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8765);
/* harmony import */ var _rollout_shard_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(513);
/* harmony import */ var _rollout_timeline_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(3122);
/* harmony import */ var _verify_fleet_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(884);
/* harmony import */ var _verify_prober_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5340);
/* harmony import */ var _verify_tenants_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(1396);
/* harmony import */ var _verify_types_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(4956);
/* harmony import */ var _progress_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(8285);












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
    const shard = await _log_js__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os('Tenants', async () => {
        const names = await (0,_verify_tenants_js__WEBPACK_IMPORTED_MODULE_8__/* .loadTenants */ .G)(verify, ctx.http, ctx.clock, ctx.signal);
        _log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${names.length} tenant${names.length === 1 ? '' : 's'}${verify.tenantsUrl ? ` from ${new URL(verify.tenantsUrl).origin}` : ''}`);
        return (0,_rollout_shard_js__WEBPACK_IMPORTED_MODULE_5__/* .applyShard */ .B_)(names, settings.shard);
    });
    const tenants = shard.tenants;
    if (shard.label)
        _log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`This job is ${shard.label}`);
    const startedAt = new Date();
    const timeline = new _rollout_timeline_js__WEBPACK_IMPORTED_MODULE_11__/* .Timeline */ .K(ctx.clock);
    const title = `Settle verification: ${tenants.length} tenants on ${target.slice(0, 7)}, budget ${(0,_clock_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSeconds */ .Xo)(verify.budgetMs)}, every ${(0,_clock_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSeconds */ .Xo)(verify.intervalMs)}`;
    const judge = (verdicts) => {
        const ok = verdicts.filter((v) => (0,_verify_types_js__WEBPACK_IMPORTED_MODULE_9__/* .isOk */ .H)(v.verdict)).length;
        const outcome = ok === verdicts.length ? 'ok' : ctx.signal.aborted ? 'cancelled' : 'failed';
        return { outcome, detail: `${ok} of ${verdicts.length} on target or ahead` };
    };
    const judged = await timeline.run('verify', () => _log_js__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(title, async () => {
        const progress = (0,_progress_js__WEBPACK_IMPORTED_MODULE_10__/* .progressReporter */ .x)(ctx.clock);
        progress('verify', 0, tenants.length, 0);
        const result = await (0,_verify_fleet_js__WEBPACK_IMPORTED_MODULE_6__/* .verifyFleet */ .K2)(tenants, {
            target,
            prober: (0,_verify_prober_js__WEBPACK_IMPORTED_MODULE_7__/* .createProber */ .X7)(verify, ctx.http, target),
            ancestry: ctx.ancestry,
            clock: ctx.clock,
            ...(0,_verify_fleet_js__WEBPACK_IMPORTED_MODULE_6__/* .settleOptions */ .sN)(verify),
            signal: ctx.signal,
            onProgress: (done, total, ok) => progress('verify', done, total, ok)
        });
        for (const v of result.filter((r) => (0,_verify_types_js__WEBPACK_IMPORTED_MODULE_9__/* .isOk */ .H)(r.verdict)).sort((a, b) => a.tenant.localeCompare(b.tenant))) {
            _log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${v.tenant}: ${v.verdict} ${v.sha?.slice(0, 7) ?? ''} after ${(0,_clock_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSeconds */ .Xo)(v.settleMs ?? v.elapsedMs)} (${v.polls} poll${v.polls === 1 ? '' : 's'})`);
        }
        return result;
    }), judge);
    // Error text can echo what a tenant sent back (a header value included): redact before any of it is shown.
    const verdicts = judged.map((v) => ({ ...v, url: (0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(v.url), lastError: v.lastError === undefined ? undefined : (0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(v.lastError) }));
    const rows = verdicts.map((v) => (0,_report_model_js__WEBPACK_IMPORTED_MODULE_4__/* .tenantFromVerdict */ .YO)(v));
    const failing = rows.filter(_report_model_js__WEBPACK_IMPORTED_MODULE_4__/* .isFailing */ .DI).sort(_report_failures_js__WEBPACK_IMPORTED_MODULE_3__/* .byFailingFirst */ .QO);
    const ok = failing.length === 0;
    const names = failing.map((t) => `${t.tenant} (${t.verdict})`);
    const listed = `${names.slice(0, 20).join(', ')}${names.length > 20 ? `, and ${names.length - 20} more` : ''}`;
    // A cancel cuts every budget short: the tenants not yet settled are not known to have failed.
    const cancelled = !ok && ctx.signal.aborted;
    const after = (0,_clock_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSeconds */ .Xo)(verdicts.reduce((most, v) => Math.max(most, v.elapsedMs), 0));
    const reason = ok
        ? `All ${verdicts.length} tenants serve ${target.slice(0, 7)} or a newer commit.`
        : cancelled
            ? `Verification was cancelled after ${after}, before the ${(0,_clock_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSeconds */ .Xo)(verify.budgetMs)} budget ended: ${verdicts.length - failing.length} of ${verdicts.length} tenants serve ${target.slice(0, 7)} or a newer commit; not settled yet: ${listed}.`
            : `${failing.length} of ${verdicts.length} tenants did not settle on ${target.slice(0, 7)} within ${(0,_clock_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSeconds */ .Xo)(verify.budgetMs)}: ${listed}.`;
    const record = { reason, startedAt, phases: timeline.phases, tenants: rows, shard: shard.label || undefined };
    const outputs = { ...(0,_report_model_js__WEBPACK_IMPORTED_MODULE_4__/* .verificationOutputs */ .iI)(rows), reason };
    if (ok)
        return { result: 'verified', outputs, record };
    return { result: cancelled ? 'cancelled' : 'failed', failure: reason, outputs, record };
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
