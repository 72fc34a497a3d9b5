export const id = 913;
export const ids = [913];
export const modules = {

/***/ 2913:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runDeployMode: () => (/* binding */ runDeployMode)
});

// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
// EXTERNAL MODULE: ./src/analysis/canary.ts + 6 modules
var analysis_canary = __webpack_require__(1479);
// EXTERNAL MODULE: ./src/command/runner.ts
var command_runner = __webpack_require__(9575);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/gate/announce.ts
var announce = __webpack_require__(9580);
// EXTERNAL MODULE: ./src/rollout/plan.ts
var plan = __webpack_require__(5762);
// EXTERNAL MODULE: ./src/rollout/redeployer.ts + 2 modules
var redeployer = __webpack_require__(1537);
// EXTERNAL MODULE: ./src/rollout/rollout.ts + 10 modules
var rollout_rollout = __webpack_require__(5257);
// EXTERNAL MODULE: ./src/rollout/shard.ts
var rollout_shard = __webpack_require__(513);
// EXTERNAL MODULE: ./src/rollout/timeline.ts
var rollout_timeline = __webpack_require__(3122);
// EXTERNAL MODULE: ./src/verify/prober.ts + 1 modules
var prober = __webpack_require__(5340);
// EXTERNAL MODULE: ./src/verify/tenants.ts
var tenants = __webpack_require__(1396);
// EXTERNAL MODULE: ./src/http/retry.ts
var retry = __webpack_require__(8902);
// EXTERNAL MODULE: ./src/forge/errors.ts
var forge_errors = __webpack_require__(8024);
;// CONCATENATED MODULE: ./src/forge/pull-requests.ts


/**
 * The pull requests of a commit, and comments on them, over the REST API with the same classified
 * retries as the other forge calls. The paths are GitHub's and Gitea's alike, except the lookup by commit:
 * - GitHub `GET /commits/{commit_sha}/pulls` (repos/list-pull-requests-associated-with-commit) lists the
 *   merged pull request that brought a commit of the default branch (open ones for other commits), paged.
 * - Gitea has `GET /commits/{sha}/pull` (routers/api/v1/repo/pull.go GetCommitPullRequest, 1.22): the one
 *   pull request whose merge commit is exactly that SHA (GetPullRequestByMergedCommit), else 404. It lacks
 *   the rest: a commit that came in by a merge commit's second parent, a rebase merge's earlier commits,
 *   or a direct push finds none; there is one answer, never a list.
 * - Comments: `GET /issues/{n}/comments` (GitHub pages it, 100 at most a page, `Link: rel="next"`; Gitea
 *   1.22's ListIssueComments answers every comment at once), `POST /issues/{n}/comments` and
 *   `PATCH /issues/comments/{id}` with `{body}` on both.
 */
class PullRequestApi {
    settings;
    http;
    clock;
    log;
    signal;
    constructor(settings, http, clock, log, 
    /** Aborts every request and retry wait of this client (the run's cancel, or the grace after it), as the other forge writes do. */
    signal) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.log = log;
        this.signal = signal;
    }
    /** The client's signal has aborted (the cancel, or its grace spent): what failed since was stopped, not refused. */
    get stopped() {
        return this.signal?.aborted === true;
    }
    get repoUrl() {
        const { apiUrl, owner, repo } = this.settings;
        return `${apiUrl}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
    }
    headers(json) {
        const github = this.settings.kind === 'github';
        const headers = { accept: github ? 'application/vnd.github+json' : 'application/json' };
        if (github)
            headers['x-github-api-version'] = '2022-11-28';
        if (this.settings.token)
            headers.authorization = github ? `Bearer ${this.settings.token}` : `token ${this.settings.token}`;
        if (json)
            headers['content-type'] = 'application/json';
        return headers;
    }
    /**
     * One call. `retry: false` for a create: a 502 can follow a comment GitHub made, so the caller looks
     * for it before sending the create again, instead of this re-sending it blind.
     */
    async call(what, url, init = {}) {
        const once = async (remainingMs) => {
            const res = await this.http.send({
                url,
                method: init.method ?? 'GET',
                headers: this.headers(init.body !== undefined),
                body: init.body === undefined ? undefined : JSON.stringify(init.body),
                timeoutMs: Math.min(this.settings.requestTimeoutMs, remainingMs),
                signal: this.signal
            });
            if ((res.status >= 200 && res.status < 300) || (init.accept404 && res.status === 404))
                return res;
            throw (0,retry/* statusError */.$C)(what, res, Date.now());
        };
        if (init.retry === false)
            return once(this.settings.retry.maxTotalMs);
        return (0,retry/* withRetry */.bD)((_attempt, remainingMs) => once(remainingMs), {
            policy: this.settings.retry,
            clock: this.clock,
            signal: this.signal,
            onRetry: ({ delayMs, error }) => this.log(`${what}: ${error.message}; retrying in ${delayMs} ms`)
        });
    }
    /** The pull requests that brought `sha`, at most `max` of them. */
    async pullsOfCommit(sha, max) {
        if (this.settings.kind === 'gitea') {
            const res = await this.call(`GET pull request of ${sha.slice(0, 7)}`, `${this.repoUrl}/commits/${sha}/pull`, { accept404: true });
            if (res.status === 404)
                return [];
            return [pullOf(json(res, 'the pull request of a commit'))].slice(0, max);
        }
        const res = await this.call(`GET pull requests of ${sha.slice(0, 7)}`, `${this.repoUrl}/commits/${sha}/pulls?per_page=${Math.min(100, Math.max(1, max))}`);
        const list = json(res, 'the pull requests of a commit');
        if (!Array.isArray(list))
            throw new forge_errors/* ForgeAnswerError */.e('the pull requests of a commit are not a list');
        return list.slice(0, max).map(pullOf);
    }
    /** Every comment of a pull request, page after page (`Link: rel="next"`), at most `maxPages` pages. */
    async comments(pull, maxPages) {
        const out = [];
        let url = `${this.repoUrl}/issues/${pull}/comments${this.settings.kind === 'github' ? '?per_page=100' : ''}`;
        for (let page = 1; url && page <= maxPages; page++) {
            const res = await this.call(`GET comments of #${pull}`, url);
            const list = json(res, 'the comments of a pull request');
            if (!Array.isArray(list))
                throw new forge_errors/* ForgeAnswerError */.e('the comments of a pull request are not a list');
            for (const c of list)
                if (typeof c.id === 'number')
                    out.push({ id: c.id, body: typeof c.body === 'string' ? c.body : '' });
            url = nextLink(res.headers.link, this.settings.apiUrl);
        }
        return out;
    }
    /** Creates a comment; never retried here (see `call`). Answers its id. */
    async create(pull, body) {
        const res = await this.call(`POST comment on #${pull}`, `${this.repoUrl}/issues/${pull}/comments`, { method: 'POST', body: { body }, retry: false });
        const id = json(res, 'the created comment')?.id;
        if (typeof id !== 'number')
            throw new forge_errors/* ForgeAnswerError */.e('the created comment has no id');
        return id;
    }
    async update(id, body) {
        await this.call(`PATCH comment ${id}`, `${this.repoUrl}/issues/comments/${id}`, { method: 'PATCH', body: { body } });
    }
}
function json(res, what) {
    try {
        return JSON.parse(res.body.toString('utf8'));
    }
    catch {
        throw new forge_errors/* ForgeAnswerError */.e(`${what} is not JSON`);
    }
}
function pullOf(raw) {
    const p = (raw ?? {});
    if (typeof p.number !== 'number')
        throw new forge_errors/* ForgeAnswerError */.e('a pull request without a number');
    return { number: p.number, title: typeof p.title === 'string' ? p.title : '', url: typeof p.html_url === 'string' ? p.html_url : undefined };
}
/** The `rel="next"` URL of a Link header, only when it stays on the API's origin (a token goes with it). */
function nextLink(link, apiUrl) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(link ?? '');
    if (!m)
        return undefined;
    try {
        const next = new URL(m[1]);
        return next.origin === new URL(apiUrl).origin ? next.toString() : undefined;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/runtime/cancel.ts
var cancel = __webpack_require__(3952);
// EXTERNAL MODULE: ./src/report/publish/factory.ts + 6 modules
var factory = __webpack_require__(9506);
// EXTERNAL MODULE: ./src/clock.ts
var clock = __webpack_require__(9373);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(6412);
;// CONCATENATED MODULE: ./src/report/publish/pr-comment.ts

/** Longest reason kept in a comment; the run page has the whole story. */
const REASON_MAX = 600;
/** Phases listed at most (a deploy of many waves shows its first and its latest ones). */
const PHASES_SHOWN = 12;
/** The hidden line that marks our comment for one environment; the environment is URI-encoded so it cannot end the HTML comment. */
function commentMarker(environment) {
    return `<!-- rollout-guard pr-comment environment=${encodeURIComponent(environment)} -->`;
}
const code = (sha) => `<code>${(0,report_escape/* escapeMarkdown */.FV)(sha.slice(0, 7), 7)}</code>`;
function headline(s) {
    const env = (0,report_escape/* escapeMarkdown */.FV)(s.environment, 100);
    const stage = s.stage;
    switch (stage.kind) {
        case 'rolling':
            return `🚀 **Rolling out** ${code(s.sha)} to ${env}.`;
        case 'live':
            return `✅ **Live** in ${env}: every tenant serves ${code(s.sha)} (or a newer commit).`;
        case 'superseded':
            return stage.by
                ? `⏭️ **Superseded** by ${code(stage.by)}: that newer commit of the branch carries this change, and it goes live in ${env} with it. This deploy stepped aside.`
                : `⏭️ **Superseded** by a newer commit of the branch, which carries this change and goes live in ${env} with it. This deploy stepped aside.`;
        case 'held':
            return `⛔ **Held**: ${code(s.sha)} is not rolled out to ${env}. ${(0,report_escape/* escapeMarkdown */.FV)(stage.reason, REASON_MAX)}`;
        case 'failed':
            return `❌ **Not live**: the deploy of ${code(s.sha)} to ${env} failed. ${(0,report_escape/* escapeMarkdown */.FV)(stage.reason, REASON_MAX)}`;
        case 'cancelled':
            return `⏹️ **Cancelled**: the deploy of ${code(s.sha)} to ${env} was cancelled. ${(0,report_escape/* escapeMarkdown */.FV)(stage.reason, REASON_MAX)}`;
    }
}
function phaseLine(p) {
    const mark = p.done < p.total ? '⏳' : p.ok === p.total ? '✅' : '❌';
    return `${mark} ${(0,report_escape/* escapeMarkdown */.FV)(p.name, 40)} ${p.ok}/${p.total}`;
}
function pullCommentBody(s) {
    const phases = s.phases.length > PHASES_SHOWN ? [...s.phases.slice(0, 2), ...s.phases.slice(-(PHASES_SHOWN - 2))] : s.phases;
    const skipped = s.phases.length - phases.length;
    const steps = phases.map(phaseLine);
    if (skipped > 0)
        steps.splice(2, 0, `… ${skipped} more`);
    const links = [s.runUrl && `[Run](${s.runUrl})`, s.commitUrl && `[Report on the commit](${s.commitUrl})`].filter(Boolean).join(' · ');
    const when = s.updatedAt.toISOString().replace('T', ' ').slice(0, 19);
    return [
        commentMarker(s.environment),
        `### Rollout Guard · ${(0,report_escape/* escapeMarkdown */.FV)(s.environment, 100)}`,
        '',
        headline(s),
        ...(steps.length ? ['', steps.join(' · ')] : []),
        '',
        `${links ? `${links} · ` : ''}<sub>updated ${when} UTC</sub>`
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/report/publish/pr-notes.ts





/** At most this many pull requests get a comment from one deploy (docs/pull-requests.md). */
const MAX_PULLS = 5;
/** Pages of comments read to find ours again (GitHub: 100 a page, so the first 1,000 comments). */
const MAX_COMMENT_PAGES = 10;
const NO_PULL_NOTES = { start: () => undefined, progress: () => undefined, finish: async () => undefined };
class ForgePullNotes {
    api;
    o;
    log;
    clock;
    finalApi;
    targets;
    phases = new Map();
    stage = { kind: 'rolling' };
    /** Writes go one after the other; each sends the state as it is when its turn comes. */
    queue = Promise.resolve();
    dirty = false;
    off = false;
    /** One warning a run; later failures are log lines. */
    warned = false;
    /** The final note is queued: an earlier write still waiting leaves it to the final one (on its own client). */
    final = false;
    constructor(api, o, log, clock, 
    /** The client of the final note: one whose requests stop at the grace after a cancel, not at the cancel. */
    finalApi = api) {
        this.api = api;
        this.o = o;
        this.log = log;
        this.clock = clock;
        this.finalApi = finalApi;
    }
    start() {
        if (this.targets)
            return;
        this.targets = this.api.pullsOfCommit(this.o.sha, MAX_PULLS).then((pulls) => {
            if (pulls.length === 0)
                this.log.info(`No pull request brought ${this.o.sha.slice(0, 7)}; nothing to comment on.`);
            else
                this.log.info(`Pull request comment on ${pulls.map((p) => `#${p.number}`).join(', ')} (at most ${MAX_PULLS} a deploy).`);
            return pulls.map((pull) => ({ pull }));
        }, (error) => {
            this.refused(error, 'The pull requests of the commit could not be listed', this.api);
            return [];
        });
        this.push();
    }
    progress(phase, done, total, ok) {
        if (!this.targets)
            return;
        this.phases.set(phase, { name: phase, done, total, ok });
        if (done === 0 || done === total)
            this.push();
    }
    async finish(stage) {
        if (!this.targets)
            return;
        this.stage = stage;
        this.final = true;
        this.push(this.finalApi);
        await this.queue;
    }
    push(api = this.api) {
        this.dirty = true;
        this.queue = this.queue.then(() => this.flush(api));
    }
    async flush(api) {
        if (!this.dirty || this.off)
            return;
        if (this.final && api !== this.finalApi)
            return;
        this.dirty = false;
        const body = pullCommentBody({
            environment: this.o.environment,
            sha: this.o.sha,
            stage: this.stage,
            phases: [...this.phases.values()],
            runUrl: this.o.runUrl,
            commitUrl: this.o.commitUrl,
            updatedAt: new Date((0,clock/* wallNow */.Zt)(this.clock))
        });
        for (const target of await this.targets) {
            if (this.off)
                return;
            try {
                await this.write(api, target, body);
            }
            catch (error) {
                this.refused(error, `The comment on pull request #${target.pull.number} could not be written`, api);
            }
        }
    }
    /** Edits our comment, found by its marker; creates it only when a fresh look finds none. */
    async write(api, target, body) {
        if (target.commentId !== undefined) {
            try {
                return await api.update(target.commentId, body);
            }
            catch (error) {
                // Deleted by someone since: look again (below), which creates it anew.
                if (!(error instanceof retry/* HttpStatusError */.F9 && error.status === 404))
                    throw error;
                target.commentId = undefined;
            }
        }
        target.commentId = await this.find(api, target.pull.number);
        if (target.commentId !== undefined)
            return api.update(target.commentId, body);
        try {
            target.commentId = await api.create(target.pull.number, body);
        }
        catch (error) {
            // A rate limit is no lost answer: nothing was made, and sending again now would only meet it again;
            // the next write of the comment looks and creates it then.
            if (!(0,retry/* isTransient */.dg)(error) || (0,retry/* isRateLimited */.Jz)(error))
                throw error;
            // The answer was lost, not necessarily the comment: look before creating it a second time.
            target.commentId = await this.find(api, target.pull.number);
            if (target.commentId !== undefined)
                return api.update(target.commentId, body);
            target.commentId = await api.create(target.pull.number, body);
        }
    }
    async find(api, pull) {
        const marker = commentMarker(this.o.environment);
        return (await api.comments(pull, MAX_COMMENT_PAGES)).find((c) => c.body.startsWith(marker))?.id;
    }
    /** A refusal turns pull request comments off for this run, with one warning; the deploy goes on. */
    refused(error, what, api) {
        // Stopped by the cancel (or its grace spent), a request or a retry's wait: no refusal and no warning;
        // the comment stays as it was.
        if (api.stopped || error instanceof cancel/* CancelledError */.cc)
            return this.log.info(`${what}: the run was cancelled (${(0,errors/* errorMessage */.g)(error)}).`);
        // A rate limit (a 403 or 429 with its signs) is waited out next time, never read as a missing permission.
        const permission = (0,retry/* isPermissionFailure */.w$)(error);
        if (permission)
            this.off = true;
        const fix = this.o.kind === 'github'
            ? "Add `pull-requests: write` to the job's `permissions:`, or set `pr-comment: false`."
            : 'Pass a token that may comment on pull requests as `token` (Gitea 1.26: `pull-requests: write`), or set `pr-comment: false`.';
        const message = `${what}: ${(0,errors/* errorMessage */.g)(error)}.${permission ? ` ${fix}` : ''} The deploy is not affected; its result is in the check and the job summary.`;
        if (this.warned)
            return this.log.info(message);
        this.warned = true;
        this.log.warning(message);
    }
}

;// CONCATENATED MODULE: ./src/report/publish/pr-notes-factory.ts





/**
 * `pr-comment: true` in a deploy that handles the whole fleet: a shard job does not comment (the
 * shards of one deploy would take turns editing one comment with a part of the story each).
 * Its calls have the reports' short retry budget: a comment never holds up a deploy. Like the records, its
 * requests and retry waits stop at the run's cancel, and the final note is written on the grace after it
 * (best effort: a note the grace cannot fit is left as it was).
 */
function createPullNotes(settings, deps) {
    if (!settings.prComment)
        return NO_PULL_NOTES;
    if (settings.shard) {
        log/* info */.pq('pr-comment: a shard job leaves the pull request comment to a job that deploys the whole fleet.');
        return NO_PULL_NOTES;
    }
    const { forge, target } = settings;
    const retry = { ...forge.retry, maxTotalMs: Math.min(forge.retry.maxTotalMs, factory/* REPORT_RETRY_MS */.PG) };
    const api = new PullRequestApi({ ...forge, retry }, deps.http, deps.clock, (m) => log/* info */.pq(m), deps.signal);
    const grace = deps.signal && (0,cancel/* cancellationOf */.zg)(deps.signal).grace;
    const finalApi = grace ? new PullRequestApi({ ...forge, retry }, deps.http, deps.clock, (m) => log/* info */.pq(m), grace) : api;
    const commitUrl = forge.serverUrl ? `${forge.serverUrl}/${forge.owner}/${forge.repo}/commit/${target.sha}` : undefined;
    return new ForgePullNotes(api, { kind: forge.kind, environment: target.environment, sha: target.sha, runUrl: settings.run.runUrl, commitUrl }, { warning: (m) => log/* warning */.$e(m, { title: 'Pull request comment' }), info: (m) => log/* info */.pq(m) }, deps.clock, finalApi);
}

// EXTERNAL MODULE: ./src/modes/finish.ts
var finish = __webpack_require__(8125);
;// CONCATENATED MODULE: ./src/modes/pull-stage.ts
/**
 * How a deploy ended, as its pull request comment says it. A failed canary holds the commit (reconcile
 * will not roll it out, docs/deploy-records.md), so it reads "held" with the reason; other failures
 * read "not live". A pure function: one row per case in its test.
 */
function pullStage(outcome) {
    const reason = outcome.record?.reason ?? outcome.failure ?? outcome.outputs.reason ?? outcome.result;
    switch (outcome.result) {
        case 'deployed':
            return { kind: 'live' };
        case 'skipped-superseded':
            return { kind: 'superseded', by: outcome.outputs['head-sha'] || undefined };
        case 'cancelled':
            return { kind: 'cancelled', reason };
        default:
            return outcome.record?.restore ? { kind: 'held', reason } : { kind: 'failed', reason };
    }
}
/** The rollout's progress to the log, and to the pull request comments. */
function withPullNotes(progress, notes) {
    return (phase, done, total, ok) => {
        progress(phase, done, total, ok);
        notes.progress(phase, done, total, ok);
    };
}

// EXTERNAL MODULE: ./src/modes/progress.ts
var progress = __webpack_require__(8285);
// EXTERNAL MODULE: ./src/modes/promotion-step.ts + 4 modules
var promotion_step = __webpack_require__(7252);
// EXTERNAL MODULE: ./src/promote/revision.ts
var revision = __webpack_require__(1187);
// EXTERNAL MODULE: ./src/record/standing.ts
var standing = __webpack_require__(9121);
// EXTERNAL MODULE: ./src/settings/promote.ts
var promote = __webpack_require__(7997);
// EXTERNAL MODULE: ./src/settings/report.ts
var settings_report = __webpack_require__(8411);
// EXTERNAL MODULE: ./src/modes/job-registry.ts + 4 modules
var job_registry = __webpack_require__(6844);
;// CONCATENATED MODULE: ./src/modes/stable-release.ts





/**
 * What a canary restore learns of the stable release: the deploy records of a commit under this deploy's
 * names, and the commit the promote tag (`:latest`) holds.
 */
function standingReader(ctx) {
    const { report, target } = ctx.settings;
    if (report.kind === 'none' || !report.template)
        return undefined;
    const vars = { environment: target.environment, mode: 'deploy' };
    const names = { whole: (0,settings_report/* recordName */.xD)(report.template, vars), shard: (i) => (0,settings_report/* recordName */.xD)(report.template, vars, i) };
    return (sha) => (0,standing/* readStanding */.Z)(ctx.forge, sha, names);
}
/**
 * The promote tag's commit, read as promotion reads it (its revision annotation or label), only with the
 * native retag: with a promote-command the job cannot read the registry, and with no `image` it promotes
 * nothing, so it has no stable tag to go back to. A read that fails says why; it never throws.
 */
function latestReader(ctx) {
    const settings = ctx.settings.promote;
    const registry = (0,job_registry/* jobRegistry */.b)(ctx);
    if (!settings || !registry)
        return undefined;
    return async () => {
        const { tag } = (0,promote/* renderTags */.Ep)(settings, ctx.settings.target.sha, ctx.settings.target.environment);
        const manifest = await registry.getManifest(tag);
        if (!manifest)
            return { note: `${tag} does not exist` };
        const read = await (0,revision/* readRevision */.M)(registry, manifest);
        return read.revision ? { sha: read.revision } : { note: `${tag}: ${read.note}` };
    };
}

;// CONCATENATED MODULE: ./src/modes/deploy-mode.ts



















/**
 * `mode: deploy`: gate, canary, soak, waves, confirm, then forward-only promotion, with the gate asked
 * again once the fleet is loaded, before every wave, before every redeploy retry, and right before the
 * promotion. A job that finds itself superseded at any point sends nothing new and ends neutral.
 */
async function runDeployMode(ctx, runner = command_runner/* execRunner */.M6) {
    // `pr-comment: true`: the pull requests of the commit follow the rollout, and learn how it ended even when it threw.
    const notes = createPullNotes(ctx.settings, ctx);
    try {
        const outcome = await deploy(ctx, runner, notes);
        await notes.finish(pullStage(outcome));
        return outcome;
    }
    catch (error) {
        await notes.finish({ kind: 'failed', reason: (0,errors/* errorMessage */.g)(error) });
        throw error;
    }
}
async function deploy(ctx, runner, notes) {
    const { settings } = ctx;
    const verify = settings.verify;
    const rollout = settings.rollout;
    if (!verify || !rollout)
        throw new Error('mode deploy started without its settings');
    const startedAt = new Date();
    const timeline = new rollout_timeline/* Timeline */.K(ctx.clock);
    const sha = settings.target.sha;
    const first = await timeline.run('gate', () => log/* group */.Os('Superseded gate', () => ctx.gate.check()), rollout_rollout/* judgeGate */.$);
    // Like the record: only once the first gate returned (a refused token or a wrong api-url throws there).
    notes.start();
    if (!(0,announce/* announce */.i)(first, settings.gate, 'deploy').proceed) {
        const result = { result: 'skipped-superseded', reason: first.reason, headSha: first.headSha, tenants: [], phases: timeline.phases };
        return (0,finish/* finishRun */.J)(ctx, { rollout: result, gate: first, startedAt, tag: rollout.tag });
    }
    // The `running` record starts once the first gate returned: a refused token or a wrong api-url has
    // thrown there, before any write (an outage has not: the fail-safe proceeds, and a deploy needs its
    // record). Not awaited here; it is awaited before the first redeploy.
    void ctx.reporter.start(sha);
    // After the first gate, and never for a job already superseded (not even one `force` lets through).
    if (!first.superseded)
        void ctx.deployment.start(sha);
    const whole = await log/* group */.Os('Tenants', () => (0,tenants/* loadTenants */.G)(verify, ctx.http, ctx.clock, ctx.signal));
    const stray = rollout.canary.find((c) => !whole.includes(c));
    if (stray)
        throw new errors/* InputError */.d('canary', rollout.canary.join(','), `names of the fleet (${JSON.stringify(stray)} is not among the ${whole.length} tenants)`);
    (0,plan/* checkWaveCounts */.i5)(rollout.wavesRaw, rollout.waves, whole.length);
    // A shard job rolls only its own tenants, and only the canary tenants that fall in its shard.
    const shard = (0,rollout_shard/* applyShard */.B_)(whole, settings.shard);
    const fleet = shard.tenants;
    const canary = rollout.canary.filter((c) => fleet.includes(c));
    if (shard.label)
        log/* info */.pq(`This job is ${shard.label}`);
    log/* info */.pq(`${fleet.length} tenant(s); canary: ${canary.join(', ') || 'none'}; ${rollout.waves.length ? `waves ${rollout.wavesRaw}` : `waves of ${rollout.maxParallel}`}; tag ${rollout.tag}`);
    // No side effect before reconcile can see this deploy: the `running` record (started after the first
    // gate) is written, and tried again, before the first redeploy. A genuine deploy never skips, so one
    // that could not be recorded goes ahead, and says so where it will be read.
    const recorded = await ctx.reporter.start(sha);
    const unseen = recorded === 'unrecorded'
        ? `Reconcile cannot see this deploy: its running record '${settings.report.name}' could not be written to the commit, so a scheduled reconcile may redeploy alongside it or roll out ${sha.slice(0, 7)} if its canary fails.`
        : undefined;
    if (unseen)
        log/* warning */.$e(unseen, { title: 'Deploy not recorded' });
    const analysis = settings.analysis ? (0,analysis_canary/* createCanaryAnalysis */.d3)(settings.analysis, ctx.http, settings.target) : undefined;
    const result = await (0,rollout_rollout/* runRollout */.p)({
        fleet,
        rollout: { ...rollout, canary },
        verify,
        target: settings.target,
        gateSettings: settings.gate,
        gate: ctx.gate,
        ancestry: ctx.ancestry,
        prober: (0,prober/* createProber */.X7)(verify, ctx.http, sha),
        redeployer: (0,redeployer/* createRedeployer */.m)(rollout, { http: ctx.http, clock: ctx.clock, runner, log: (m) => log/* info */.pq(m) }),
        clock: ctx.clock,
        signal: ctx.signal,
        timeline,
        canaryFailure: { mode: rollout.canaryFailure, imageTag: rollout.imageTag, standingOf: standingReader(ctx), latestOf: latestReader(ctx) },
        onProgress: withPullNotes((0,progress/* progressReporter */.x)(ctx.clock), notes),
        analysis
    });
    let promotion;
    let gate = first;
    // Shard jobs never promote: only the job after every shard (`needs:`, `mode: promote`) knows they all succeeded.
    if (result.result === 'deployed' && settings.promote && settings.shard)
        result.reason = `${result.reason} Not promoted: ${shard.label}; promotion is the job after every shard (mode: promote).`;
    else if (result.result === 'deployed' && settings.promote && !ctx.signal.aborted) {
        const step = await timeline.run('promotion', () => log/* group */.Os('Promotion', () => (0,promotion_step/* promotionStep */.K)(ctx, runner)), (p) => ({ outcome: p.result.outcome, detail: p.result.reason }));
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
    if (unseen)
        result.reason = `${result.reason} ${unseen}`;
    return (0,finish/* finishRun */.J)(ctx, { rollout: result, gate, startedAt, tag: rollout.tag, promotion, shard: shard.label || undefined });
}


/***/ })

};
