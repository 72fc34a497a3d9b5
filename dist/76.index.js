export const id = 76;
export const ids = [76];
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

/***/ 6844:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  b: () => (/* binding */ jobRegistry)
});

// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
// EXTERNAL MODULE: ./src/http/retry.ts
var http_retry = __webpack_require__(8902);
// EXTERNAL MODULE: ./src/http/bounded-fetch.ts
var bounded_fetch = __webpack_require__(2396);
// EXTERNAL MODULE: ./src/registry/reference.ts
var reference = __webpack_require__(9310);
;// CONCATENATED MODULE: ./src/registry/challenge.ts

/** A real challenge is well under 1 KiB; the rest of a longer header is not read. */
const MAX_CHALLENGE_CHARS = 4096;
// Sticky patterns, each tried at the walker's position only: the header is read once, left to right.
const SEPARATORS = /[\s,]*/y;
const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;
const EQUALS = /\s*=\s*/y;
const BARE_VALUE = /[^,\s]*/y;
function at(pattern, text, index) {
    pattern.lastIndex = index;
    return pattern.exec(text)?.[0];
}
/**
 * Parses one header holding one or more challenges (`Basic realm="x", Bearer realm="y",scope="a,b"`).
 * Quoted values may hold commas, so this walks the text instead of splitting it.
 */
function parseChallenges(header) {
    const out = [];
    const text = header.slice(0, MAX_CHALLENGE_CHARS).trim();
    let current;
    let i = 0;
    while (i < text.length) {
        i += at(SEPARATORS, text, i).length;
        const name = at(TOKEN, text, i);
        if (!name)
            break;
        i += name.length;
        const equals = at(EQUALS, text, i);
        if (equals === undefined || !current) {
            // A token not followed by `=` starts a new challenge.
            current = { scheme: name.toLowerCase(), params: {} };
            out.push(current);
            continue;
        }
        i += equals.length;
        let value = '';
        if (text[i] === '"') {
            let j = i + 1;
            for (; j < text.length && text[j] !== '"'; j++)
                value += text[j] === '\\' ? (text[++j] ?? '') : text[j];
            i = j + 1;
        }
        else {
            value = at(BARE_VALUE, text, i);
            i += value.length;
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
    if ((0,reference/* isInternalAddress */.Kk)(realm.hostname) || (0,reference/* isLoopbackHost */.cW)(realm.hostname)) {
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

// EXTERNAL MODULE: ./src/registry/errors.ts
var errors = __webpack_require__(6764);
;// CONCATENATED MODULE: ./src/registry/auth.ts





/**
 * The registry login dance as docker and crane do it: start anonymous; on a 401 follow the challenge,
 * Basic with the credentials, or Bearer by asking the challenge's realm for a token scoped to
 * `repository:<name>:pull,push`. Basic is tried once: a second 401 means the credentials are wrong.
 *
 * Bearer tokens expire (`expires_in`, 60 s when absent, as the token specification says), so a token
 * is fetched again shortly before it lapses, on the injected clock. A token that worked and is then
 * refused (the registry answers 401 `invalid_token` once it lapses, or a shorter lifetime than it
 * said) is fetched again once; only a token refused right after it was issued means bad credentials.
 */
class RegistryAuth {
    deps;
    header;
    triedBasic = false;
    bearer;
    /** A request sent with the current token was accepted: a later refusal means it lapsed. */
    tokenProven = false;
    constructor(deps) {
        this.deps = deps;
    }
    /** The Authorization header as it stands, without renewing anything. */
    get current() {
        return this.header;
    }
    /** The Authorization header for the next request, with the token renewed first when it is about to lapse. */
    async authorization() {
        if (this.bearer && this.deps.clock.now() >= this.bearer.refreshAt) {
            this.deps.log('The registry token is about to expire; fetching a new one.');
            await this.renew(this.bearer.realm, this.bearer.service);
        }
        return this.header;
    }
    /** Told that a request sent with `sent` was not refused, so the token in it is known to work. */
    accepted(sent) {
        if (sent !== undefined && sent === this.header)
            this.tokenProven = true;
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
            throw new errors/* RegistryError */.g('scope', `${what}: ${this.who} has ${lacking} on ${repo} (the registry answered insufficient_scope for ${bearer.params.scope ?? 'this request'})${this.hint(write)}.`, 401);
        }
        if (bearer?.params.realm) {
            if (this.bearer && !this.tokenProven)
                throw this.badCredentials(what, 'the registry refused the token it was just given');
            if (this.bearer)
                this.deps.log(`${what}: the registry refused a token that worked before (${bearer.params.error ?? 'HTTP 401'}); fetching a new one.`);
            await this.renew(bearer.params.realm, bearer.params.service);
            return;
        }
        if (basic) {
            if (!this.deps.credentials)
                throw new errors/* RegistryError */.g('credentials', `${what}: the registry asks for credentials; set registry-username and registry-password.`, 401);
            if (this.triedBasic)
                throw this.badCredentials(what, 'Basic authentication was refused');
            this.triedBasic = true;
            const { username, password } = this.deps.credentials;
            this.header = `Basic ${basic64(username, password)}`;
            this.deps.onSecret?.(basic64(username, password));
            return;
        }
        throw new errors/* RegistryError */.g('credentials', `${what}: HTTP 401 without a Basic or Bearer challenge (${(0,redact/* excerpt */.Kb)(res.headers['www-authenticate'] ?? 'no WWW-Authenticate', 120)}).`, 401);
    }
    async renew(realm, service) {
        // The lifetime counts from the moment the token was asked for, as the specification says.
        const askedAt = this.deps.clock.now();
        const { token, lifetimeMs } = await this.fetchToken(realm, service);
        this.header = `Bearer ${token}`;
        this.tokenProven = false;
        this.bearer = { realm, service, refreshAt: askedAt + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 4) };
    }
    hint(write) {
        if (!this.deps.credentials)
            return '; set registry-username and registry-password';
        return write ? '; give these credentials write (push) access to the repository' : '; give these credentials read access to the repository';
    }
    badCredentials(what, detail) {
        return new errors/* RegistryError */.g('credentials', `${what}: bad credentials, ${detail} for ${this.who}${this.deps.credentials ? '' : '; set registry-username and registry-password'}.`, 401);
    }
    async fetchToken(realmText, service) {
        let realm;
        try {
            realm = new URL(realmText);
        }
        catch {
            throw new errors/* RegistryError */.g('refused-realm', `The registry named a token realm that is not a URL: ${JSON.stringify((0,redact/* excerpt */.Kb)(realmText, 120))}.`);
        }
        const problem = realmProblem(realm, this.deps.registryUrl);
        if (problem) {
            throw new errors/* RegistryError */.g('refused-realm', `Refused to ask the token realm ${realm.origin}${realm.pathname} for a token: ${problem}. Credentials are only sent to the registry's own host.`);
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
        const res = await (0,http_retry/* withRetry */.bD)(async (_attempt, remainingMs) => {
            const r = await this.deps.http.send({ url, headers, timeoutMs: Math.max(1, Math.floor(Math.min(this.deps.timeoutMs, remainingMs))), signal: this.deps.signal });
            if (http_retry/* RETRYABLE_STATUSES */.U3.has(r.status))
                throw (0,http_retry/* statusError */.$C)(what, r, this.deps.clock.now());
            return r;
        }, { policy: this.deps.retry, clock: this.deps.clock, signal: this.deps.signal, onRetry: ({ delayMs, error }) => this.deps.log(`${String(error)}; retrying in ${delayMs} ms`) });
        if (res.status === 401 || res.status === 403) {
            throw new errors/* RegistryError */.g('credentials', `Bad credentials: the ${what} refused ${this.who} (HTTP ${res.status})${creds ? '; check registry-username and registry-password' : '; set registry-username and registry-password'}.`, res.status);
        }
        if (res.status !== 200)
            throw new errors/* RegistryError */.g('status', `The ${what} answered HTTP ${res.status}.`, res.status);
        // The HTTP client cut it at its cap: half a token answer is no answer, and must not read as "not JSON".
        if (res.truncated)
            throw new errors/* RegistryError */.g('invalid', `The ${what} answered more than ${(0,bounded_fetch/* formatBytes */.z3)(res.body.length)}, the most this action reads from it.`);
        let body;
        try {
            body = JSON.parse(res.body.toString('utf8'));
        }
        catch {
            throw new errors/* RegistryError */.g('invalid', `The ${what} answered something that is not JSON.`);
        }
        const token = typeof body.token === 'string' && body.token ? body.token : body.access_token;
        if (typeof token !== 'string' || !token)
            throw new errors/* RegistryError */.g('invalid', `The ${what} answered without a token or access_token.`);
        this.deps.onSecret?.(token);
        const seconds = typeof body.expires_in === 'number' && Number.isFinite(body.expires_in) && body.expires_in > 0 ? body.expires_in : DEFAULT_TOKEN_SECONDS;
        this.deps.log(`Got a registry token from ${realm.origin} for ${this.who}, valid for ${seconds} s.`);
        return { token, lifetimeMs: seconds * 1000 };
    }
}
/** The token specification's lifetime for an answer without `expires_in`. */
const DEFAULT_TOKEN_SECONDS = 60;
/** Renew this long before the lapse (at most a quarter of the lifetime), so no request carries a dying token. */
const REFRESH_MARGIN_MS = 30_000;
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
    throw new errors/* RegistryError */.g('invalid', `${what}: unsupported manifest type ${JSON.stringify(header || String(field))}; expected one of ${MANIFEST_TYPES.join(', ')}.`);
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
        const plain = options.insecure || (0,reference/* isLoopbackHost */.cW)(ref.host.replace(/:\d+$/, ''));
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
            throw new errors/* RegistryError */.g('invalid', `${what}: the manifest is larger than ${MAX_MANIFEST} bytes.`);
        const digest = digestOf(res.body);
        const stated = res.headers['docker-content-digest'];
        if (stated && stated.startsWith('sha256:') && stated !== digest) {
            throw new errors/* RegistryError */.g('invalid', `${what}: the registry says ${stated} but the bytes hash to ${digest}.`);
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
    async putManifest(tag, manifest, fence) {
        const what = `PUT ${this.ref.display}:${tag}`;
        const res = await this.call({ method: 'PUT', path: `manifests/${tag}`, what, headers: { 'content-type': manifest.mediaType }, body: manifest.bytes, fence });
        if (res.status === 404)
            throw new errors/* RegistryError */.g('not-found', `${what}: HTTP 404 (${(0,errors/* registryDetail */.h)(res)}); the repository or a manifest the index refers to is missing.`, 404);
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
            throw new errors/* RegistryError */.g('not-found', `${what}: HTTP 404 (${(0,errors/* registryDetail */.h)(res)}).`, 404);
        this.expect(res, 200, what);
        if (res.truncated)
            throw new errors/* RegistryError */.g('invalid', `${what}: larger than ${maxBytes} bytes.`);
        if (digest.startsWith('sha256:') && digestOf(res.body) !== digest)
            throw new errors/* RegistryError */.g('invalid', `${what}: the bytes do not match the digest.`);
        return res.body;
    }
    async followBlobRedirect(url, what, maxBytes) {
        const sameOrigin = url.origin === this.origin;
        if (!sameOrigin && (url.protocol !== 'https:' || (0,reference/* isInternalAddress */.Kk)(url.hostname))) {
            throw new errors/* RegistryError */.g('refused-realm', `${what}: refused a redirect to ${url.origin} (not https, or an internal address).`);
        }
        return this.retried(what, async (remainingMs) => {
            // Signed storage URLs carry their own authorisation: the registry token stays with the registry.
            const authorization = sameOrigin ? await this.auth.authorization() : undefined;
            const headers = authorization ? { authorization } : undefined;
            // Storage on another origin is named by the registry's answer: it must be a public host, by name too.
            return this.options.http.send({ url, headers, timeoutMs: Math.min(this.options.timeoutMs, remainingMs), maxBodyBytes: maxBytes, signal: this.options.signal, publicOnly: !sameOrigin });
        });
    }
    call(call) {
        const url = new URL(`/v2/${this.ref.repository}/${call.path}`, this.base);
        return this.retried(call.what, async (remainingMs) => {
            for (;;) {
                const headers = { ...call.headers };
                const held = this.auth.current;
                const authorization = await this.auth.authorization();
                // Renewing a token took a round trip: a write passes its fence again before it goes out.
                if (authorization !== held)
                    await call.fence?.(`${call.what} with a renewed token`);
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
                if (res.status !== 401) {
                    this.auth.accepted(authorization);
                    return res;
                }
                await this.auth.answer(res, call.what, call.method === 'PUT');
                // Getting credentials took a round trip (and maybe retries): the write passes its fence again.
                await call.fence?.(`${call.what} with new credentials`);
            }
        }, call.fence);
    }
    retried(what, fn, fence) {
        const { clock, retry, signal } = this.options;
        return (0,http_retry/* withRetry */.bD)(async (_attempt, remainingMs) => {
            // Timers want whole milliseconds; a monotonic clock hands out fractions.
            const res = await fn(Math.max(1, Math.floor(remainingMs)));
            if (http_retry/* RETRYABLE_STATUSES */.U3.has(res.status))
                throw (0,http_retry/* statusError */.$C)(what, res, clock.now());
            return res;
        }, {
            policy: retry,
            clock,
            signal,
            onRetry: ({ delayMs, error }) => this.log(`${String(error instanceof Error ? error.message : error)}; retrying in ${delayMs} ms`),
            // After the wait, before the attempt: a decision taken before the wait is not good enough for a write.
            beforeRetry: fence ? ({ error }) => fence(`${what} again after ${error instanceof http_retry/* HttpStatusError */.F9 ? `HTTP ${error.status}` : 'a network error'}`) : undefined
        });
    }
    expect(res, status, what) {
        if (res.status === status)
            return;
        const detail = (0,errors/* registryDetail */.h)(res);
        if (res.status === 403) {
            const write = what.startsWith('PUT');
            throw new errors/* RegistryError */.g('scope', `${what}: HTTP 403 (${detail}); ${write ? 'the credentials have no push scope on' : 'access denied to'} ${this.ref.repository}.`, 403);
        }
        throw new errors/* RegistryError */.g('status', `${what}: HTTP ${res.status}${detail ? ` (${detail})` : ''}.`, res.status);
    }
}

;// CONCATENATED MODULE: ./src/modes/job-registry.ts



/**
 * The registry client of this job's `image`, with the promotion's credentials, retries and timeout: one
 * construction for the promotion step and for the canary restore's read of the promote tag. Undefined
 * with a `promote-command` (the job cannot read the registry then) or without `image`.
 */
function jobRegistry(ctx) {
    const settings = ctx.settings.promote;
    if (!settings?.image || settings.command)
        return undefined;
    return createRegistry(settings.image, {
        http: ctx.http,
        clock: ctx.clock,
        retry: settings.retry,
        timeoutMs: settings.requestTimeoutMs,
        credentials: settings.credentials,
        signal: ctx.signal,
        log: (m) => log/* info */.pq(m),
        onSecret: redact/* registerSecret */.cl
    });
}


/***/ }),

/***/ 7252:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  K: () => (/* binding */ promotionStep)
});

// EXTERNAL MODULE: ./src/gate/announce.ts
var announce = __webpack_require__(9580);
// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
// EXTERNAL MODULE: ./src/debug.ts
var debug = __webpack_require__(2668);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/forge/types.ts
var types = __webpack_require__(8286);
// EXTERNAL MODULE: ./src/settings/promote.ts
var promote = __webpack_require__(7997);
// EXTERNAL MODULE: ./src/template.ts
var template = __webpack_require__(5237);
;// CONCATENATED MODULE: ./src/promote/command.ts

async function runPromoteCommand(settings, tags, sha, environment, runner, signal) {
    const image = settings.imageText;
    const vars = { ...(0,template/* commitVars */.gK)(sha, environment), image, from: tags.from, tag: tags.tag, source: `${image}:${tags.from}`, target: `${image}:${tags.tag}` };
    const argv = (settings.command ?? []).map((arg) => (0,template/* render */.XX)(arg, vars));
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
const decide_short = (s) => (s.startsWith('sha256:') ? s.slice(0, 19) : s.slice(0, 7));
function decidePromotion(f) {
    const { source, target } = f;
    const built = source.revision ? `built from ${decide_short(source.revision)}` : 'commit unknown';
    // Source first, as the summary and the demo show a move (`staging-7f25373 → latest`): one direction everywhere.
    const moving = `${source.tag} (${decide_short(source.digest)}, ${built}) → ${target.tag}`;
    if (target.digest === source.digest) {
        return { action: 'unchanged', reason: `${target.tag} already points at ${decide_short(source.digest)}, the image of ${source.tag}; nothing to do.` };
    }
    if (!target.digest)
        return { action: 'promote', forced: false, reason: `${target.tag} does not exist yet; promoting ${moving}.` };
    const held = target.revision ? `${decide_short(target.revision)} (${decide_short(target.digest)})` : decide_short(target.digest);
    const unreadable = [target.unreadable && `${target.tag} (${decide_short(target.digest)})`, source.unreadable && source.tag].filter(Boolean).join(' and ');
    if (unreadable) {
        const why = `cannot tell which commit ${unreadable} was built from (${[target, source].flatMap((i) => (i.unreadable ? [i.revisionNote] : [])).join('; ')})`;
        if (f.force)
            return { action: 'promote', forced: true, reason: `${why}, but force: true moves it: ${moving}.` };
        return { action: 'refuse', reason: `${why}; ${target.tag} is not moved.` };
    }
    if (target.revision && !source.revision) {
        const unknown = `${source.tag} holds an image whose commit is unknown (${source.revisionNote ?? 'no revision annotation or label'}) and ${target.tag} holds ${held}, so nothing proves the move is forward`;
        if (f.force)
            return { action: 'promote', forced: true, reason: `${unknown}, but force: true moves it: ${moving}.` };
        return { action: 'refuse', reason: `${unknown}; ${target.tag} is not moved. Build ${source.tag} with the org.opencontainers.image.revision label, or run with force: true.` };
    }
    if (f.targetAhead) {
        const ahead = `${target.tag} holds ${held}, a newer commit than ${decide_short(source.revision)}, the commit of ${source.tag}`;
        if (f.force)
            return { action: 'promote', forced: true, reason: `${ahead}, but force: true moves it back: ${moving}.` };
        return { action: 'skip-ahead', reason: `${ahead}; ${target.tag} stays where it is (forward-only).` };
    }
    if (!target.revision) {
        return { action: 'promote', forced: false, reason: `${target.tag} holds ${held} whose commit is unknown (${target.revisionNote ?? 'no revision annotation or label'}); promoting ${moving}.` };
    }
    return { action: 'promote', forced: false, reason: `${target.tag} holds ${held}, which is not newer than ${decide_short(source.revision)}; promoting ${moving}.` };
}

;// CONCATENATED MODULE: ./src/promote/fence.ts
/** Thrown by the fence: a newer commit owns the branch, so this write is not sent. */
class SupersededError extends Error {
    reason;
    stopped;
    constructor(reason, 
    /** What was about to be sent again, when a retry was stopped; undefined before the first attempt. */
    stopped) {
        super(reason);
        this.reason = reason;
        this.stopped = stopped;
        this.name = 'SupersededError';
    }
}
function gateFence(checkGate) {
    return async (retrying) => {
        const verdict = await checkGate();
        if (verdict.superseded)
            throw new SupersededError(verdict.reason, retrying);
    };
}

// EXTERNAL MODULE: ./src/promote/revision.ts
var revision = __webpack_require__(1187);
;// CONCATENATED MODULE: ./src/promote/promote.ts









async function promote_promote(opts) {
    const fence = gateFence(opts.checkGate);
    try {
        const tags = (0,promote/* renderTags */.Ep)(opts.settings, opts.sha, opts.environment);
        if (opts.signal?.aborted)
            return cancelled('the run was cancelled before it started');
        try {
            // Gate first: a superseded job sends no registry request and runs no command.
            if (!opts.gateAsked)
                await fence();
        }
        catch (error) {
            if (!(error instanceof SupersededError))
                throw error;
            const what = opts.settings.command ? 'promote-command was not run' : 'no registry request was sent';
            return { promoted: false, outcome: 'skipped-superseded', reason: `${error.reason} ${tags.tag} was not moved: ${what}.` };
        }
        if (opts.settings.command)
            return await byCommand(opts, tags, gateFence(opts.checkFreshGate ?? opts.checkGate));
        if (!opts.registry)
            throw new Error('no registry client and no promote-command: nothing can promote');
        return await byRetag(opts, opts.registry, tags, fence);
    }
    catch (error) {
        if (opts.signal?.aborted)
            return cancelled((0,errors/* errorMessage */.g)(error));
        return { promoted: false, outcome: 'failed', reason: `Promotion failed: ${(0,errors/* errorMessage */.g)(error)}` };
    }
}
const cancelled = (detail) => ({ promoted: false, outcome: 'cancelled', reason: `Promotion cancelled (${detail}); the tag was not moved by this run.` });
async function byRetag(opts, registry, tags, fence) {
    const name = registry.ref.display;
    const found = await registry.getManifest(tags.from);
    if (!found) {
        return { promoted: false, outcome: 'failed', reason: `Source tag missing: ${name}:${tags.from} does not exist (HTTP 404); push the image of ${opts.sha.slice(0, 7)} as ${tags.from} first.` };
    }
    log/* info */.pq(`${name}:${tags.from} is ${found.digest} (${found.mediaType}).`);
    const target = { digest: await registry.manifestDigest(tags.tag), revision: undefined };
    const source = { digest: found.digest, revision: undefined };
    let targetAhead = false;
    if (target.digest !== source.digest) {
        Object.assign(source, await judged(opts, registry, found, `${name}:${tags.from}`));
        if (source.revision && !(0,types/* sameCommit */.Kd)(source.revision, opts.sha)) {
            log/* info */.pq(`${name}:${tags.from} holds an image of ${source.revision}, not of this job's commit ${opts.sha}: forward-only judges ${source.revision}.`);
        }
        if (target.digest) {
            // Read by digest: the image judged is the image that was there, even if the tag moves meanwhile.
            const held = await registry.getManifest(target.digest);
            Object.assign(target, await judged(opts, registry, held, `${name}:${tags.tag} (${target.digest})`));
        }
        if (target.revision && source.revision)
            targetAhead = await opts.ancestry.isAhead(target.revision, source.revision);
    }
    log/* info */.pq(`${name}:${tags.tag} is ${target.digest ?? 'absent'}${target.revision ? `, built from ${target.revision}` : ''}.`);
    const decision = decidePromotion({ sha: opts.sha, source: { ...source, tag: tags.from }, target: { ...target, tag: tags.tag }, targetAhead, force: opts.force });
    (0,debug/* debug */.Yz)(() => `promotion decision: source ${name}:${tags.from} ${source.digest} built from ${source.revision ?? 'an unknown commit'}; target ${name}:${tags.tag} ${target.digest ?? 'absent'} built from ${target.revision ?? 'an unknown commit'}; target ahead ${targetAhead}; force ${opts.force}: ${decision.action} (${decision.reason})`);
    const before = { previousDigest: target.digest, previousRevision: target.revision };
    if (decision.action === 'unchanged')
        return { promoted: false, outcome: 'unchanged', digest: source.digest, ...before, reason: decision.reason };
    if (decision.action === 'skip-ahead')
        return { promoted: false, outcome: 'skipped-ahead', digest: source.digest, ...before, reason: decision.reason };
    if (decision.action === 'refuse')
        return { promoted: false, outcome: 'failed', digest: source.digest, ...before, reason: `Promotion failed: ${decision.reason}` };
    if (decision.forced)
        log/* warning */.$e(decision.reason, { title: 'Promotion forced past the forward-only check' });
    let written;
    try {
        await fence();
        written = await registry.putManifest(tags.tag, found, fence);
    }
    catch (error) {
        if (!(error instanceof SupersededError))
            throw error;
        const stopped = error.stopped ? `: ${error.stopped} was not sent` : '';
        return { promoted: false, outcome: 'skipped-superseded', digest: source.digest, ...before, reason: `${error.reason} ${tags.tag} was not moved${stopped}.` };
    }
    if (written !== source.digest) {
        return { promoted: false, outcome: 'failed', ...before, reason: `Promotion failed: the registry stored ${tags.tag} as ${written}, not ${source.digest}.` };
    }
    log/* info */.pq(`${name}:${tags.tag} now points at ${written}.`);
    return { promoted: true, outcome: 'promoted', digest: written, ...before, reason: decision.reason, forced: decision.forced };
}
/**
 * The commit an image was built from. An image that cannot be read (a manifest or blob missing, the
 * registry failing) is never "commit unknown": that would let an image of a newer commit be replaced.
 * Only `force: true` goes past it, with the reason saying so.
 */
async function judged(opts, registry, manifest, what) {
    try {
        if (!manifest)
            throw new Error('its manifest vanished while being read (HTTP 404)');
        const read = await (0,revision/* readRevision */.M)(registry, manifest);
        return { revision: read.revision, revisionNote: read.note };
    }
    catch (error) {
        if (!opts.force)
            throw new Error(`cannot tell which commit ${what} was built from, so nothing is moved: ${(0,errors/* errorMessage */.g)(error)}`, { cause: error });
        return { revision: undefined, revisionNote: (0,errors/* errorMessage */.g)(error), unreadable: true };
    }
}
async function byCommand(opts, tags, fence) {
    // The command cannot be asked what the tag holds, so the gate is the only guard (on an answer younger
    // than the bound): the command must do its own forward-only check if the registry can move tags out of order.
    if (opts.signal?.aborted)
        return cancelled('the run was cancelled before promote-command started');
    try {
        await fence();
    }
    catch (error) {
        if (!(error instanceof SupersededError))
            throw error;
        return { promoted: false, outcome: 'skipped-superseded', reason: `${error.reason} ${tags.tag} was not moved: promote-command was not run.` };
    }
    const result = await runPromoteCommand(opts.settings, tags, opts.sha, opts.environment, opts.runner, opts.signal);
    if (!result.ok)
        return { promoted: false, outcome: 'failed', digest: result.digest, reason: `Promotion failed: ${result.detail}` };
    return { promoted: true, outcome: 'promoted', digest: result.digest, reason: `${result.detail}.` };
}

// EXTERNAL MODULE: ./src/modes/job-registry.ts + 4 modules
var job_registry = __webpack_require__(6844);
;// CONCATENATED MODULE: ./src/modes/promotion-step.ts



/**
 * One forward-only promotion with the gate asked before the first registry request (unless the caller
 * passes the decision it took just now), right before the write and before every retried write, and
 * right before promote-command (on an answer younger than the ownership-evidence bound).
 * Shared by `mode: promote` and the last step of deploy and reconcile. Returns the last gate decision
 * too, for the report: when the job was superseded, it names the newer head.
 */
async function promotionStep(ctx, runner, initial) {
    const settings = ctx.settings.promote;
    if (!settings)
        throw new Error('promotion started without `image` or `promote-command`');
    const registry = (0,job_registry/* jobRegistry */.b)(ctx);
    let last = initial;
    const verdict = (decision) => {
        last = decision;
        // No registry write blind. The outage fail-safe lets a deploy's redeploys through (a genuine deploy is
        // not lost to a forge outage), but a tag moved on no evidence can move it onto a commit a newer one has
        // superseded, or past a fleet a superseded shard job never verified; a tag left where it was costs
        // nothing that the next run does not heal. So the promotion needs the forge's answer, whatever came before.
        if (decision.basis === 'unreadable' && !ctx.settings.gate.force) {
            const earlier = ctx.gate.everReadable ? ', readable earlier in this job,' : '';
            throw new Error(`the head of ${ctx.settings.target.branch}${earlier} could not be read (${decision.unreadable ?? decision.reason}), so the tag was not moved: a registry write needs the forge's answer of who owns the branch; run again once the forge answers`);
        }
        return { superseded: !(0,announce/* announce */.i)(decision, ctx.settings.gate, 'promotion').proceed, reason: decision.reason };
    };
    const result = await promote_promote({
        settings,
        sha: ctx.settings.target.sha,
        environment: ctx.settings.target.environment,
        force: ctx.settings.gate.force,
        registry,
        runner,
        ancestry: ctx.ancestry,
        checkGate: async () => verdict(await ctx.gate.check()),
        checkFreshGate: async () => verdict(await ctx.gate.fresh()),
        gateAsked: initial !== undefined,
        signal: ctx.signal
    });
    return { result, gate: last };
}


/***/ }),

/***/ 1187:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ readRevision)
/* harmony export */ });
/* unused harmony export REVISION_KEY */
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6670);
/* harmony import */ var _registry_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6764);


/**
 * Which commit an image was built from: the `org.opencontainers.image.revision` annotation of the
 * manifest or index (docker/metadata-action and buildx write it), else the config label of that name
 * (`LABEL` in a Dockerfile), looking into one platform image when an index carries neither.
 */
const REVISION_KEY = 'org.opencontainers.image.revision';
const MAX_CONFIG = 8 * 1024 * 1024;
const COMMIT = /^[0-9a-f]{7,40}$/i;
/**
 * Errors reading the registry propagate, and so does a manifest the image refers to that is missing:
 * an unreadable image must not count as "commit unknown", which may be replaced.
 */
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
        // A missing platform image is an unreadable image, not an image of unknown commit: the index may
        // well be newer, and "unknown" would let it be overwritten backward.
        if (!inner)
            throw new _registry_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryError */ .g('not-found', `the index ${manifest.digest.slice(0, 19)} refers to the platform image ${child.digest.slice(0, 19)}, which the registry does not have (HTTP 404)`, 404);
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
    return { revision: undefined, note: `the ${where} ${JSON.stringify((0,_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .excerpt */ .Kb)(String(value), 60))} is not a commit SHA` };
}


/***/ }),

/***/ 6764:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ RegistryError),
/* harmony export */   h: () => (/* binding */ registryDetail)
/* harmony export */ });
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6670);

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
            return (0,_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .excerpt */ .Kb)([first.code, first.message].filter((x) => typeof x === 'string' && x).join(': '), 200);
    }
    catch {
        // not the distribution error shape
    }
    return (0,_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .excerpt */ .Kb)(text.replace(/\s+/g, ' ').trim(), 200);
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
