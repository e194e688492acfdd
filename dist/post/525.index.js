export const id = 525;
export const ids = [525];
export const modules = {

/***/ 7525:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPost: () => (/* binding */ runPost)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 12 modules
var lib_core = __webpack_require__(143);
;// CONCATENATED MODULE: ./src/common/errors.ts
/** The message of anything thrown, without assuming it is an Error. */
function errors_errorMessage(e) {
    if (e instanceof Error)
        return e.message;
    if (typeof e === 'string')
        return e;
    try {
        return JSON.stringify(e);
    }
    catch {
        return String(e);
    }
}
/** A problem with the step's inputs: reported before any API call is made. */
class errors_InputError extends Error {
    name = 'InputError';
}
/** The step's deadline (the `timeout` input) passed. */
class DeadlineError extends Error {
    name = 'DeadlineError';
}
/** The job was cancelled (the runner sent SIGINT or SIGTERM). */
class CancelledError extends Error {
    name = 'CancelledError';
    constructor(message = 'The job was cancelled') {
        super(message);
    }
}
/** Wraps an error with what the caller was doing, keeping the original words at the end. */
function wrapError(doing, e) {
    if (e instanceof CancelledError || e instanceof DeadlineError)
        return e;
    const wrapped = new Error(`${doing}: ${errors_errorMessage(e)}`, { cause: e });
    return wrapped;
}

;// CONCATENATED MODULE: ./src/common/duration.ts
const UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/**
 * Parses a duration such as `90s`, `20m`, `1h`, `1h30m` or plain seconds (`45`).
 * Returns milliseconds, or undefined when the text is not a duration.
 */
function duration_parseDuration(text) {
    const t = text.trim();
    if (/^\d+(\.\d+)?$/.test(t))
        return Math.round(Number(t) * 1000);
    const parts = t.match(/^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/);
    if (!parts)
        return undefined;
    let total = 0;
    for (const [, value, unit] of t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
        total += Number(value) * (UNITS[unit ?? 's'] ?? 1000);
    }
    return Math.round(total);
}
/** Formats milliseconds for people: `850 ms`, `12.3 s`, `4m 05s`, `1h 02m`. */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)} ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(1)} s`;
    const totalSeconds = Math.round(ms / 1000);
    const h = Math.floor(totalSeconds / 3600);
    const m = Math.floor((totalSeconds % 3600) / 60);
    const s = totalSeconds % 60;
    if (h > 0)
        return `${h}h ${String(m).padStart(2, '0')}m`;
    return `${m}m ${String(s).padStart(2, '0')}s`;
}

;// CONCATENATED MODULE: ./src/common/limits.ts
/**
 * The runner's timing model and the service's limits, in one place. The code, the harness that
 * plays the runner (harness/runner.ts) and the tests all import these, so the model of the
 * runner the tests check cannot drift from the one the code relies on.
 */
/** On a job cancel the runner sends SIGINT, then SIGTERM this much later... */
const SIGINT_TO_SIGTERM_MS = 7500;
/** ...then kills the process this much after SIGTERM. */
const SIGTERM_TO_KILL_MS = 2500;
/** From the first signal to the kill: all the time a cancelled step has. */
const SIGINT_TO_KILL_MS = SIGINT_TO_SIGTERM_MS + SIGTERM_TO_KILL_MS;
/** Time kept back from each window for Node to start, log and exit. */
const MARGIN_MS = 2000;
/**
 * Main, after a job cancel: how long the cancel of the running command may take (sent and
 * awaited), so main ends well before SIGTERM.
 */
const JOB_CANCEL_BUDGET_MS = SIGINT_TO_SIGTERM_MS - SIGTERM_TO_KILL_MS;
/** Main, after the step's timeout: how long to wait for the command's cancel to take effect. */
const TIMEOUT_CANCEL_WAIT_MS = 15_000;
/** Post may run after a cancel, when the runner kills at 10 s: all its cleanup fits in this. */
const POST_CLEANUP_BUDGET_MS = SIGINT_TO_KILL_MS - MARGIN_MS;
/** Post: the part of the cleanup budget a command cancel may use before the context destroy. */
const POST_CANCEL_BUDGET_MS = 3000;
/** Post: no single request may take longer, whatever request-timeout says. */
const POST_REQUEST_TIMEOUT_MS = 5000;
/** A cluster keeps at most this many execution contexts, and evicts idle ones past it. */
const MAX_CONTEXTS_PER_CLUSTER = 145;

;// CONCATENATED MODULE: ./src/common/time.ts

const systemClock = { now: () => Date.now() };
const realSleep = (ms, signal) => new Promise((resolve, reject) => {
    if (signal?.aborted)
        return reject(new CancelledError());
    const onAbort = () => {
        clearTimeout(timer);
        reject(new CancelledError());
    };
    const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
});
/** A point in time after which the step must stop waiting. */
class Deadline {
    clock;
    at;
    label;
    constructor(clock, at, 
    /** The budget as the user wrote it, for messages ("30m"). */
    label) {
        this.clock = clock;
        this.at = at;
        this.label = label;
    }
    static after(clock, ms, label) {
        return new Deadline(clock, clock.now() + ms, label);
    }
    remaining() {
        return Math.max(0, this.at - this.clock.now());
    }
}

;// CONCATENATED MODULE: ./src/databricks/api-error.ts
/** An answer from Databricks (or a proxy in front of it) that is not a success. */
class ApiError extends Error {
    status;
    serviceMessage;
    errorCode;
    retryAfterSeconds;
    name = 'ApiError';
    constructor(status, 
    /** The service's own words, extracted from JSON or HTML. */
    serviceMessage, 
    /** `error_code` when the body has one (INVALID_STATE, 401, ...). */
    errorCode, 
    /** Seconds from a Retry-After header, when present and numeric. */
    retryAfterSeconds) {
        super(`HTTP ${status}${errorCode && errorCode !== String(status) ? ` ${errorCode}` : ''}: ${serviceMessage}`);
        this.status = status;
        this.serviceMessage = serviceMessage;
        this.errorCode = errorCode;
        this.retryAfterSeconds = retryAfterSeconds;
    }
    /** The cluster is up but cannot take a context yet; nothing was created. */
    get clusterNotReady() {
        return this.serviceMessage.includes('ClusterNotReadyException');
    }
    /** The context was dropped: evicted at the cluster's limit, or the cluster restarted. */
    get evicted() {
        return this.serviceMessage.includes('is disconnected');
    }
    /** The context named in the call no longer exists (destroyed, evicted or never there). */
    get contextGone() {
        return ((this.status === 404 || this.status === 400) &&
            /does not exist|not found|disconnected|unknown context/i.test(this.serviceMessage));
    }
    /** The call does not fit the resource's state, e.g. starting a cluster that is starting. */
    get invalidState() {
        return this.errorCode === 'INVALID_STATE';
    }
    /** The credentials were refused. */
    get unauthorized() {
        return this.status === 401 || this.status === 403;
    }
}
const MAX_MESSAGE = 500;
/** Builds an ApiError from a raw answer: 1.2 `{error}`, 2.0 `{error_code,message}` or HTML. */
function apiErrorFrom(status, body, retryAfter) {
    let message = '';
    let code;
    try {
        const parsed = JSON.parse(body);
        if (parsed && typeof parsed === 'object') {
            const o = parsed;
            if (o.error_code !== undefined)
                code = String(o.error_code);
            if (typeof o.message === 'string')
                message = o.message;
            else if (typeof o.error === 'string')
                message = o.error;
        }
    }
    catch {
        message = htmlToText(body);
    }
    if (!message)
        message = body.trim() ? htmlToText(body) : '(empty answer)';
    if (message.length > MAX_MESSAGE)
        message = `${message.slice(0, MAX_MESSAGE)}…`;
    const seconds = retryAfter !== undefined && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : undefined;
    return new ApiError(status, message, code, seconds);
}
/** Proxies answer with HTML pages: their heading says it best, else their title, else all text. */
function htmlToText(html) {
    const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1] ??
        /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
    return (heading ?? html)
        .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&nbsp;/g, ' ')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&')
        .replace(/\s+/g, ' ')
        .trim();
}

// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __webpack_require__(4942);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
;// CONCATENATED MODULE: ./src/databricks/keep-alive.ts

/**
 * Servers close a kept-alive connection after some idle time (commonly 5 s or more), and a
 * request written just as they do meets a closed socket: it fails without an answer, and the
 * client cannot tell whether the server read it. A request that must not run twice (context
 * create, command execute) therefore never goes out on a connection idle longer than this.
 */
const FRESH_AFTER_MS = 3000;
/**
 * Watches the idle connections of one Node agent (the http-client's https.Agent: one per
 * process, kept alive). A proxy tunnel agent keeps no idle connections, so there is nothing to
 * watch: every request through it opens its own tunnel.
 */
class IdleConnections {
    agent;
    now;
    idleSince = new WeakMap();
    constructor(agent, now) {
        this.agent = agent;
        this.now = now;
        agent?.on('free', (socket) => this.idleSince.set(socket, this.now()));
    }
    /** Idle connections a request would reuse. */
    count() {
        return this.free().length;
    }
    /** Closes idle connections older than `maxIdleMs`, so the next request opens a new one. */
    dropOlderThan(maxIdleMs) {
        const now = this.now();
        for (const socket of this.free()) {
            if (now - (this.idleSince.get(socket) ?? now) > maxIdleMs)
                socket.destroy();
        }
    }
    /** Closes every connection, idle or not; later requests open new ones. */
    closeAll() {
        this.agent?.destroy();
    }
    free() {
        if (!this.agent)
            return [];
        return Object.values(this.agent.freeSockets)
            .flat()
            .filter((s) => s !== undefined && !s.destroyed);
    }
}
/** The agent http-client chose for a URL, when it is one that keeps connections. */
function keepAliveAgent(agent) {
    return agent instanceof external_node_http_.Agent ? agent : undefined;
}

// EXTERNAL MODULE: ./src/databricks/preconnect.ts
var preconnect = __webpack_require__(7053);
;// CONCATENATED MODULE: ./src/databricks/transport.ts






/**
 * A failure below HTTP: no answer arrived. `code` is Node's (ECONNREFUSED, ECONNRESET, ...) or
 * ETIMEDOUT when our own timeout fired. Only ECONNREFUSED proves the request was never sent.
 */
class TransportError extends Error {
    code;
    name = 'TransportError';
    constructor(message, code) {
        super(message);
        this.code = code;
    }
    /** The connection was refused: the request never left, so the service did nothing. */
    get neverSent() {
        return this.code === 'ECONNREFUSED';
    }
}
const USER_AGENT = 'databricks-run-command-action';
/**
 * http-client lets handlers edit the options it passes to Node's http.request. That is where the
 * shared keep-alive agent replaces the per-request client's own, and where an AbortSignal reaches
 * the socket, so an abort ends the exchange at any stage, body included, and closes its socket.
 */
function sendThrough(agent, signal) {
    return {
        prepareRequest: options => {
            options.agent = agent;
            options.signal = signal;
        },
        canHandleAuthentication: () => false,
        handleAuthentication: () => Promise.reject(new Error('not an authentication handler'))
    };
}
/** Failures of a request written to a connection the server had closed. */
const STALE_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
/**
 * The real transport: @actions/http-client (it picks the agent: direct, or a tunnel through
 * HTTPS_PROXY unless NO_PROXY says otherwise), with a hard deadline per request. One agent per
 * process keeps its connection alive between calls, so TCP and TLS are paid for once.
 * Node unrefs idle kept-alive sockets, so they never hold the process open; close() ends them.
 */
class ActionsHttpTransport {
    o;
    shared = new lib/* HttpClient */.Qq(USER_AGENT, [], { keepAlive: true });
    idle = new Map();
    now;
    direct;
    constructor(o = {}) {
        this.o = o;
        this.now = o.now ?? Date.now;
        this.direct = o.agent ?? new preconnect/* EarlyConnectAgent */.l();
    }
    async send(request) {
        const timeout = AbortSignal.timeout(request.timeoutMs);
        const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
        // http-client decides: a tunnel through the proxy, or a direct agent (https: ours).
        const chosen = this.shared.getAgent(request.url);
        const agent = chosen instanceof external_node_https_.Agent ? this.direct : chosen;
        const idle = this.idleConnections(agent);
        if (!request.idempotent)
            idle?.dropOlderThan(FRESH_AFTER_MS);
        for (;;) {
            const reused = (idle?.count() ?? 0) > 0;
            try {
                return await exchange(request, agent, signal);
            }
            catch (e) {
                if (request.signal?.aborted)
                    throw new CancelledError();
                if (timeout.aborted)
                    throw new TransportError(`no answer within ${request.timeoutMs} ms`, 'ETIMEDOUT');
                const failure = toTransportError(e);
                // The server closed the idle connection as we wrote to it; a new one will do.
                if (!(reused && request.idempotent && STALE_CONNECTION.has(failure.code)))
                    throw failure;
                const path = new URL(request.url).pathname;
                this.o.debug?.(`${request.method} ${path}: the kept-alive connection was closed under it; sent again on a new one`);
            }
        }
    }
    close() {
        for (const idle of this.idle.values())
            idle.closeAll();
        this.idle.clear();
        this.direct.destroy();
    }
    idleConnections(agent) {
        const kept = keepAliveAgent(agent);
        if (!kept)
            return undefined;
        let idle = this.idle.get(kept);
        if (!idle)
            this.idle.set(kept, (idle = new IdleConnections(kept, this.now)));
        return idle;
    }
}
async function exchange(request, agent, signal) {
    const client = new lib/* HttpClient */.Qq(USER_AGENT, [sendThrough(agent, signal)], {
        allowRetries: false,
        allowRedirects: false
    });
    const body = request.body === undefined
        ? null
        : typeof request.body === 'string'
            ? request.body
            : external_node_stream_.Readable.from([request.body]);
    const headers = { ...request.headers };
    if (Buffer.isBuffer(request.body))
        headers['Content-Length'] = String(request.body.length);
    const res = await client.request(request.method, request.url, body, headers);
    // Iterating the answer throws if it is cut off mid-body, where readBody() would hang.
    const chunks = [];
    for await (const chunk of res.message)
        chunks.push(chunk);
    const out = {};
    for (const [k, v] of Object.entries(res.message.headers)) {
        out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    }
    return {
        status: res.message.statusCode ?? 0,
        headers: out,
        body: Buffer.concat(chunks).toString('utf8')
    };
}
function toTransportError(e) {
    const code = typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : '';
    const message = e instanceof Error ? e.message : String(e);
    return new TransportError(message || code || 'network error', code || 'ENETWORK');
}

;// CONCATENATED MODULE: ./src/databricks/retry.ts



const DEFAULT_RETRY = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 10_000 };
/**
 * Whether a failed call may be sent again. A non-idempotent call (context create, command
 * execute) is repeated only when the answer proves the service did nothing: repeating one it
 * accepted would leak a context or run the user's code twice.
 */
function isRetryable(e, idempotent) {
    if (e instanceof ApiError) {
        if (e.status === 429 || e.status === 503 || e.clusterNotReady)
            return true;
        // A plain 500 on a read or a cleanup call is worth another try; on a create or an
        // execute it may mean the work was done, so it is not.
        return idempotent && (e.status === 500 || e.status === 502 || e.status === 504);
    }
    if (e instanceof TransportError) {
        // A refused connection sent nothing. Any other failure (reset, timeout) may have
        // reached the service after it was sent.
        return e.neverSent || idempotent;
    }
    return false;
}
/** Runs `call`, repeating it on transient failures with exponential backoff and jitter. */
async function withRetry(call, c) {
    const o = c.options ?? DEFAULT_RETRY;
    const random = c.random ?? Math.random;
    for (let attempt = 1;; attempt++) {
        try {
            return await call();
        }
        catch (e) {
            if (e instanceof CancelledError || !isRetryable(e, c.idempotent))
                throw e;
            const unlimited = e instanceof ApiError && e.clusterNotReady;
            if (unlimited && c.waitForCluster === false)
                throw e;
            if (!unlimited && attempt >= o.maxAttempts)
                throw e;
            let delay = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1));
            delay = delay / 2 + (random() * delay) / 2;
            if (e instanceof ApiError && e.retryAfterSeconds !== undefined) {
                delay = Math.max(delay, e.retryAfterSeconds * 1000);
            }
            else if (e instanceof ApiError && e.status === 429) {
                delay = Math.max(delay, 1000);
            }
            if (delay >= c.deadline.remaining()) {
                throw new DeadlineError(`${errors_errorMessage(e)} (not retried: the ${c.deadline.label} deadline would pass first)`);
            }
            const of = unlimited ? '' : ` of ${o.maxAttempts - 1}`;
            c.logger.info(`Retry ${attempt}${of} in ${Math.round(delay)} ms: ${c.label}: ${errors_errorMessage(e)}`);
            await c.sleep(delay, c.signal);
        }
    }
}

;// CONCATENATED MODULE: ./src/databricks/api.ts



/** Sends authenticated requests to the REST API, with timeouts, retries and error parsing. */
class DatabricksApi {
    o;
    constructor(o) {
        this.o = o;
    }
    /** GETs are always safe to repeat. */
    get(path, query, call) {
        const url = `${path}?${new URLSearchParams(query).toString()}`;
        return this.send('GET', url, undefined, true, call);
    }
    /** `idempotent: false` for calls that must not run twice (create, execute). */
    post(path, body, idempotent, call) {
        return this.send('POST', path, body, idempotent, call);
    }
    send(method, pathAndQuery, body, idempotent, call) {
        const label = `${method} ${pathAndQuery.split('?')[0]}`;
        const attempt = async () => {
            // Nothing is sent once the job is cancelled.
            if (call.signal?.aborted)
                throw new CancelledError();
            const headers = {
                Authorization: await this.o.auth.authorization(),
                Accept: 'application/json'
            };
            if (body)
                headers['Content-Type'] = body.contentType;
            const timeoutMs = Math.min(this.o.requestTimeoutMs, Math.max(1000, call.deadline.remaining()));
            this.o.logger.debug(`${label} (timeout ${timeoutMs} ms)`);
            const res = await this.o.transport.send({
                method,
                url: `${this.o.host}${pathAndQuery}`,
                headers,
                body: body?.data,
                timeoutMs,
                // A repeatable call is aborted at once on cancel; a create or execute is awaited, so
                // the id it returns can still be saved and cleaned up.
                signal: idempotent ? call.signal : undefined,
                idempotent
            });
            if (res.status < 200 || res.status >= 300) {
                throw apiErrorFrom(res.status, res.body, res.headers['retry-after']);
            }
            if (!res.body.trim())
                return {};
            try {
                const parsed = JSON.parse(res.body);
                if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
                    return parsed;
            }
            catch {
                // fall through to the error below
            }
            throw new Error(`${label} answered HTTP ${res.status} with a body that is not a JSON object: ${res.body.slice(0, 200)}`);
        };
        return withRetry(attempt, {
            label,
            idempotent,
            deadline: call.deadline,
            sleep: this.o.sleep,
            signal: call.signal,
            waitForCluster: call.waitForCluster,
            logger: this.o.logger,
            options: this.o.retry,
            random: this.o.random
        });
    }
}
/** A JSON body. The 1.2 API reads JSON whatever the label; we send the honest one. */
function jsonBody(value) {
    return { contentType: 'application/json', data: JSON.stringify(value) };
}
/** Reads a string field the API promises, failing clearly when it is missing. */
function stringField(o, field, what) {
    const v = o[field];
    if (typeof v === 'string' && v)
        return v;
    throw new Error(`unexpected answer for ${what}: no "${field}" in ${JSON.stringify(o).slice(0, 200)}`);
}

;// CONCATENATED MODULE: ./src/databricks/execution.ts

const execution_LANGUAGES = (/* unused pure expression or super */ null && (['python', 'scala', 'sql', 'r']));
/** The final command states. A cancel usually ends as Finished with an error result. */
const FINAL_COMMAND_STATES = new Set(['Finished', 'Cancelled', 'Error']);
/** The execution-context and command endpoints of API 1.2, for one cluster. */
class ExecutionApi {
    api;
    clusterId;
    constructor(api, clusterId) {
        this.api = api;
        this.clusterId = clusterId;
    }
    /** Not idempotent: a repeat after the service accepted it would leak a context. */
    async createContext(language, call) {
        const body = jsonBody({ clusterId: this.clusterId, language });
        const answer = await this.api.post('/api/1.2/contexts/create', body, false, call);
        return stringField(answer, 'id', 'contexts/create');
    }
    /** The context's status: Pending, Running or Error. */
    async contextStatus(contextId, call) {
        const q = { clusterId: this.clusterId, contextId };
        const answer = await this.api.get('/api/1.2/contexts/status', q, call);
        return stringField(answer, 'status', 'contexts/status');
    }
    async destroyContext(contextId, call) {
        const body = jsonBody({ clusterId: this.clusterId, contextId });
        await this.api.post('/api/1.2/contexts/destroy', body, true, call);
    }
    /** Not idempotent: a repeat after the service accepted it would run the code twice. */
    async execute(contextId, language, source, call) {
        const body = await commandBody(this.clusterId, contextId, language, source);
        const answer = await this.api.post('/api/1.2/commands/execute', body, false, call);
        return stringField(answer, 'id', 'commands/execute');
    }
    async commandStatus(contextId, commandId, call) {
        const q = { clusterId: this.clusterId, contextId, commandId };
        const answer = await this.api.get('/api/1.2/commands/status', q, call);
        const results = answer.results;
        return {
            status: stringField(answer, 'status', 'commands/status'),
            results: results && typeof results === 'object' ? results : null
        };
    }
    /** Safe to repeat; the answer carries nothing clients use. */
    async cancelCommand(contextId, commandId, call) {
        const body = jsonBody({ clusterId: this.clusterId, contextId, commandId });
        await this.api.post('/api/1.2/commands/cancel', body, true, call);
    }
}
async function commandBody(clusterId, contextId, language, source) {
    if (source.kind === 'inline')
        return jsonBody({ language, clusterId, contextId, command: source.code });
    // The platform's FormData encoder writes the boundary and headers for us.
    const form = new FormData();
    form.append('language', language);
    form.append('clusterId', clusterId);
    form.append('contextId', contextId);
    form.append('command', new Blob([new Uint8Array(source.bytes)]), source.name);
    const encoded = new Response(form);
    const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data';
    return { contentType, data: Buffer.from(await encoded.arrayBuffer()) };
}

;// CONCATENATED MODULE: ./src/databricks/auth.ts
/** A personal access token (or any bearer token), sent as `Authorization: Bearer`. */
class TokenAuth {
    token;
    description = 'personal access token';
    constructor(token) {
        this.token = token;
    }
    async authorization() {
        return `Bearer ${this.token}`;
    }
    secrets() {
        return [this.token, `Bearer ${this.token}`];
    }
}
/** HTTP Basic with a user name and password, as the original 1.2 API describes. */
class BasicAuth {
    password;
    description;
    encoded;
    constructor(username, password) {
        this.password = password;
        this.description = `user name and password (${username})`;
        this.encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
    }
    async authorization() {
        return `Basic ${this.encoded}`;
    }
    secrets() {
        // The base64 form is as good as the password to anyone who reads it.
        return [this.password, this.encoded, `Basic ${this.encoded}`];
    }
}

;// CONCATENATED MODULE: ./src/runner/connection.ts


/** Where to connect and as whom: the host and credential inputs, with their env fallbacks. */
const HOST_EXAMPLE = 'https://adb-1234567890123456.7.azuredatabricks.net';
/** The workspace origin: https added when missing, http refused, paths and queries dropped. */
function connection_parseHost(value) {
    if (!value)
        throw new InputError(`Input host is required: set it to your workspace URL, e.g. ${HOST_EXAMPLE}, or set DATABRICKS_HOST.`);
    if (/^http:\/\//i.test(value))
        throw new InputError(`Invalid input host '${value}': http is refused because the token would travel unencrypted. Use https://${value.slice(7)}.`);
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
    let url;
    try {
        url = new URL(withScheme);
    }
    catch {
        throw new InputError(`Invalid input host '${value}': not a URL. Expected the workspace URL, e.g. ${HOST_EXAMPLE}.`);
    }
    if (url.protocol !== 'https:')
        throw new InputError(`Invalid input host '${value}': only https:// workspace URLs are supported, e.g. ${HOST_EXAMPLE}.`);
    if (!/^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)$/i.test(url.hostname) ||
        url.username ||
        url.password) {
        throw new InputError(`Invalid input host '${value}': '${url.hostname}' is not a host name. Expected the workspace URL, e.g. ${HOST_EXAMPLE}.`);
    }
    return url.origin;
}
/**
 * Exactly one way of authenticating. Inputs win over the environment, and the two are never
 * mixed, so a stray DATABRICKS_TOKEN cannot quietly override the username the user gave.
 */
function connection_parseAuth(raw, env) {
    const fromInputs = raw.token || raw.username || raw.password;
    const token = fromInputs ? raw.token : env.DATABRICKS_TOKEN?.trim() || '';
    const username = fromInputs ? raw.username : env.DATABRICKS_USERNAME?.trim() || '';
    const password = fromInputs ? raw.password : env.DATABRICKS_PASSWORD || '';
    const where = fromInputs
        ? 'inputs'
        : 'environment variables DATABRICKS_TOKEN / DATABRICKS_USERNAME / DATABRICKS_PASSWORD';
    if (token && (username || password))
        throw new errors_InputError(`Two ways of authenticating were configured in the ${where}: a token and a user name/password. Set only one: token, or username with password.`);
    if (token)
        return new TokenAuth(token);
    if (username && !password)
        throw new errors_InputError('Input username was given without password: set both for HTTP Basic, or use token instead.');
    if (password && !username)
        throw new errors_InputError('Input password was given without username: set both for HTTP Basic, or use token instead.');
    if (username)
        return new BasicAuth(username, password);
    throw new errors_InputError('No credentials: set the token input (e.g. token: ${{ secrets.DATABRICKS_TOKEN }}), or username and password, or DATABRICKS_TOKEN in the environment.');
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/runner/source.ts


/** Larger uploads are refused before any call: the API is for code, not data. */
const MAX_FILE_BYTES = (/* unused pure expression or super */ null && (10 * 1024 * 1024));
/** Reads the `file` input, relative to the workspace, with a clear error for each way it fails. */
async function source_resolveSource(file, workspace, fs) {
    const full = path.resolve(workspace, file);
    let info;
    try {
        info = await fs.stat(full);
    }
    catch (e) {
        const missing = /ENOENT|ENOTDIR/.test(errorMessage(e));
        throw new InputError(missing
            ? `Input file '${file}' was not found (looked for ${full}). Paths are relative to the repository root; check out the repository first (actions/checkout).`
            : `Input file '${file}' cannot be read: ${errorMessage(e)}.`);
    }
    if (!info.isFile())
        throw new InputError(`Input file '${file}' is not a regular file (${full}). Give the path of a source file.`);
    if (info.size > MAX_FILE_BYTES) {
        throw new InputError(`Input file '${file}' is ${(info.size / 1048576).toFixed(1)} MiB; the limit is ${MAX_FILE_BYTES / 1048576} MiB. Put data in DBFS or a volume and read it from the code.`);
    }
    let bytes;
    try {
        bytes = await fs.readFile(full);
    }
    catch (e) {
        throw new InputError(`Input file '${file}' cannot be read: ${errorMessage(e)}. Check its permissions.`);
    }
    if (bytes.length === 0)
        throw new InputError(`Input file '${file}' is empty: there is nothing to run.`);
    return { source: { kind: 'file', name: path.basename(full), bytes }, label: file };
}

;// CONCATENATED MODULE: ./src/runner/raw-inputs.ts

/** Reads every input once, through @actions/core. */
function readRawInputs(get = n => lib_core/* getInput */.V4(n)) {
    return {
        host: get('host'),
        token: get('token'),
        username: get('username'),
        password: get('password'),
        clusterId: get('cluster-id'),
        language: get('language'),
        command: get('command'),
        file: get('file'),
        timeout: get('timeout'),
        failOnError: get('fail-on-error'),
        startCluster: get('start-cluster'),
        requestTimeout: get('request-timeout')
    };
}

;// CONCATENATED MODULE: ./src/runner/inputs.ts







/** Registers every secret the inputs or environment hold, before anything could print them. */
function maskSecrets(raw, env) {
    for (const s of [raw.token, raw.password, env.DATABRICKS_TOKEN, env.DATABRICKS_PASSWORD]) {
        if (s)
            lib_core/* setSecret */.Pq(s);
    }
}
const EXTENSIONS = {
    py: 'python',
    scala: 'scala',
    sc: 'scala',
    sql: 'sql',
    r: 'r'
};
/** Validates and derives everything; throws InputError naming the input and the fix. */
async function parseInputs(raw, env, workspace, fs) {
    const host = parseHost(raw.host || env.DATABRICKS_HOST?.trim() || '');
    const auth = parseAuth(raw, env);
    const clusterId = raw.clusterId || env.DATABRICKS_CLUSTER_ID?.trim() || '';
    if (!clusterId)
        throw new InputError('Input cluster-id is required: set it to the id of an all-purpose cluster (e.g. 0123-456789-abcdefgh), or set DATABRICKS_CLUSTER_ID.');
    if (!/^[A-Za-z0-9][\w.-]*$/.test(clusterId))
        throw new InputError(`Invalid input cluster-id '${clusterId}': a cluster id holds only letters, digits, '-', '_' and '.', e.g. 0123-456789-abcdefgh.`);
    const timeoutMs = parseDurationInput('timeout', raw.timeout || '30m');
    const requestTimeoutMs = parseDurationInput('request-timeout', raw.requestTimeout || '30s');
    const failOnError = parseBoolean('fail-on-error', raw.failOnError, true);
    const startCluster = parseBoolean('start-cluster', raw.startCluster, false);
    if (raw.command && raw.file)
        throw new InputError('Inputs command and file were both given: set exactly one (command for inline code, file for a path in the repository).');
    if (!raw.command && !raw.file)
        throw new InputError('Neither command nor file was given: set command to inline code, or file to a path in the repository.');
    const language = parseLanguage(raw.language, raw.file);
    const { source, label } = raw.command
        ? { source: { kind: 'inline', code: raw.command }, label: 'inline command' }
        : await resolveSource(raw.file, workspace, fs);
    return {
        host,
        auth,
        clusterId,
        language,
        source,
        sourceLabel: label,
        timeoutMs,
        timeoutLabel: raw.timeout || '30m',
        failOnError,
        startCluster,
        requestTimeoutMs
    };
}
function parseLanguage(value, file) {
    if (value) {
        const lower = value.toLowerCase();
        if (LANGUAGES.includes(lower))
            return lower;
        throw new InputError(`Invalid input language '${value}': expected one of ${LANGUAGES.join(', ')}.`);
    }
    const ext = file.match(/\.([A-Za-z]+)$/)?.[1]?.toLowerCase() ?? '';
    return EXTENSIONS[ext] ?? 'python';
}
function parseDurationInput(name, value) {
    const ms = parseDuration(value);
    if (ms === undefined || ms <= 0)
        throw new InputError(`Invalid input ${name} '${value}': expected a positive duration such as 90s, 20m, 1h, 1h30m or plain seconds (600).`);
    return ms;
}
/** Only the YAML spellings the runner itself accepts, so a typo is not silently false. */
function parseBoolean(name, value, fallback) {
    if (value === '')
        return fallback;
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new InputError(`Invalid input ${name} '${value}': expected true or false.`);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/runner/log.ts


/** The Databricks layer's logger, mapped onto the runner's log. */
const runnerLogger = {
    info: m => lib_core/* info */.pq(m),
    warning: m => lib_core/* warning */.$e(m),
    debug: m => lib_core/* debug */.Yz(m)
};
/**
 * Prints text that came from the user's command. Workflow commands in it (`::add-mask::`,
 * `::set-env::` ...) are switched off while it prints, so a command cannot steer the runner.
 */
function printUntrusted(title, text) {
    const token = randomUUID();
    core.startGroup(title);
    core.info(`::stop-commands::${token}`);
    core.info(text);
    core.info(`::${token}::`);
    core.endGroup();
}

;// CONCATENATED MODULE: ./src/runner/state.ts

/** Saves where the context lives and its id; called right after contexts/create answers. */
function saveContext(host, clusterId, contextId) {
    core.saveState('host', host);
    core.saveState('cluster-id', clusterId);
    core.saveState('context-id', contextId);
}
/** Saves the running command's id, so post can cancel it if main dies. */
function saveCommand(commandId) {
    core.saveState('command-id', commandId);
}
/** Records that the command ended, so post does not cancel it. */
function saveCommandDone() {
    core.saveState('command-done', 'true');
}
/** Reads what main saved (post runs with it as STATE_* variables). */
function readState(get = n => lib_core/* getState */.Gu(n)) {
    return {
        host: get('host'),
        clusterId: get('cluster-id'),
        contextId: get('context-id'),
        commandId: get('command-id'),
        commandDone: get('command-done') === 'true'
    };
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/action/early.ts
var early = __webpack_require__(2181);
;// CONCATENATED MODULE: ./src/action/deps.ts





function defaultDeps() {
    return {
        transport: new ActionsHttpTransport({ agent: early/* processAgent */.P, debug: m => lib_core/* debug */.Yz(m) }),
        clock: systemClock,
        sleep: realSleep,
        env: process.env,
        workspace: process.env.GITHUB_WORKSPACE || process.cwd(),
        fs: { stat: promises_.stat, readFile: promises_.readFile }
    };
}

;// CONCATENATED MODULE: ./src/action/run-post.ts













/**
 * The post step: cancel the command if it may still run, destroy the context. It runs after
 * success, failure and cancel alike, and only ever warns: cleanup never fails the job.
 */
async function runPost(deps = defaultDeps()) {
    const state = readState();
    if (!state.contextId) {
        lib_core/* info */.pq('Nothing to clean up: main created no execution context.');
        return;
    }
    // The runner sends SIGINT here too when the job is cancelled during cleanup. Cleanup is the
    // work a cancel wants done, so it goes on within its budget instead of dying half way.
    const ignore = () => lib_core/* info */.pq('Cancel received; finishing cleanup first');
    process.on('SIGINT', ignore);
    process.on('SIGTERM', ignore);
    try {
        await cleanUp(state, deps);
    }
    catch (e) {
        lib_core/* warning */.$e(`Cleanup failed: ${errors_errorMessage(e)}`);
    }
    finally {
        process.off('SIGINT', ignore);
        process.off('SIGTERM', ignore);
        deps.transport.close?.();
    }
}
async function cleanUp(state, deps) {
    const raw = readRawInputs();
    maskSecrets(raw, deps.env);
    const manual = manualDestroy(state.host, state.clusterId, state.contextId);
    let auth;
    try {
        auth = connection_parseAuth(raw, deps.env);
    }
    catch (e) {
        lib_core/* warning */.$e(`Execution context ${state.contextId} was not destroyed: ${errors_errorMessage(e)} ${manual}`);
        return;
    }
    for (const s of auth.secrets())
        lib_core/* setSecret */.Pq(s);
    // The user's request-timeout, but never more than 5 s: post must finish inside the cancel window.
    const requestTimeoutMs = Math.min(duration_parseDuration(raw.requestTimeout) ?? 30_000, POST_REQUEST_TIMEOUT_MS);
    const api = new DatabricksApi({
        host: state.host,
        auth,
        transport: deps.transport,
        sleep: deps.sleep,
        logger: runnerLogger,
        requestTimeoutMs
    });
    const exec = new ExecutionApi(api, state.clusterId);
    const deadline = Deadline.after(deps.clock, POST_CLEANUP_BUDGET_MS, formatDuration(POST_CLEANUP_BUDGET_MS));
    if (state.commandId && !state.commandDone) {
        try {
            await exec.cancelCommand(state.contextId, state.commandId, {
                deadline: Deadline.after(deps.clock, POST_CANCEL_BUDGET_MS, formatDuration(POST_CANCEL_BUDGET_MS))
            });
            lib_core/* info */.pq(`Cancelled command ${state.commandId}`);
        }
        catch (e) {
            // Destroying the context below stops the command as well.
            lib_core/* info */.pq(`Could not cancel command ${state.commandId} (${errors_errorMessage(e)}); destroying its context stops it`);
        }
    }
    try {
        await exec.destroyContext(state.contextId, { deadline });
        lib_core/* info */.pq(`Destroyed execution context ${state.contextId} on cluster ${state.clusterId}`);
    }
    catch (e) {
        if (alreadyGone(e)) {
            lib_core/* info */.pq(`Execution context ${state.contextId} was already gone (${errors_errorMessage(e)})`);
            return;
        }
        lib_core/* warning */.$e(`Could not destroy execution context ${state.contextId} on cluster ${state.clusterId}: ${errors_errorMessage(e)}. ${manual}`);
    }
}
/** A context that no longer exists needs no destroying. */
function alreadyGone(e) {
    return e instanceof ApiError && e.contextGone;
}
function manualDestroy(host, clusterId, contextId) {
    return (`It stays on the cluster until the cluster evicts it or restarts (each cluster holds at most ${MAX_CONTEXTS_PER_CLUSTER}). ` +
        `To remove it now: curl -X POST ${host}/api/1.2/contexts/destroy -H "Authorization: Bearer $DATABRICKS_TOKEN" ` +
        `-d '{"clusterId":"${clusterId}","contextId":"${contextId}"}'`);
}


/***/ })

};
