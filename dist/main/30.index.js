export const id = 30;
export const ids = [30];
export const modules = {

/***/ 5030:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runMain: () => (/* binding */ runMain)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/common/errors.ts
function errorMessage(e) {
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
class InputError extends Error {
    name = 'InputError';
}
class DeadlineError extends Error {
    name = 'DeadlineError';
}
class CancelledError extends Error {
    name = 'CancelledError';
    constructor(message = 'The job was cancelled') {
        super(message);
    }
}
function wrapError(doing, e) {
    if (e instanceof CancelledError || e instanceof DeadlineError)
        return e;
    const wrapped = new Error(`${doing}: ${errorMessage(e)}`, { cause: e });
    return wrapped;
}

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
class Deadline {
    clock;
    at;
    label;
    constructor(clock, at, label) {
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/common/exact-json.ts

class ExactNumber {
    text;
    constructor(text) {
        this.text = text;
    }
    toString() {
        return this.text;
    }
}
const TOKEN = /"[^"\\]*(?:\\.[^"\\]*)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
function parseJsonExact(text) {
    const marker = `\u2063exact-${(0,external_node_crypto_.randomUUID)()}:`;
    let swapped = 0;
    const prepared = text.replace(TOKEN, token => {
        if (token.charCodeAt(0) === 34 || String(Number(token)) === token)
            return token;
        swapped++;
        return `"${marker}${token}"`;
    });
    if (swapped === 0)
        return JSON.parse(text);
    return restore(JSON.parse(prepared), marker);
}
function restore(value, marker) {
    if (typeof value === 'string')
        return value.startsWith(marker) ? new ExactNumber(value.slice(marker.length)) : value;
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++)
            value[i] = restore(value[i], marker);
    }
    else if (value !== null && typeof value === 'object') {
        const o = value;
        for (const k of Object.keys(o))
            setOwn(o, k, restore(o[k], marker));
    }
    return value;
}
function stringifyJson(value) {
    if (value instanceof ExactNumber)
        return value.text;
    if (Array.isArray(value))
        return `[${value.map(v => stringifyJson(v ?? null)).join(',')}]`;
    if (value !== null && typeof value === 'object') {
        const parts = [];
        for (const [k, v] of Object.entries(value)) {
            if (v !== undefined && typeof v !== 'function')
                parts.push(`${JSON.stringify(k)}:${stringifyJson(v)}`);
        }
        return `{${parts.join(',')}}`;
    }
    return JSON.stringify(value) ?? 'null';
}
function setOwn(o, k, v) {
    if (k === '__proto__')
        Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
    else
        o[k] = v;
}

;// CONCATENATED MODULE: ./src/common/limits.ts
const SIGINT_TO_SIGTERM_MS = 7500;
const SIGTERM_TO_KILL_MS = 2500;
const SIGINT_TO_KILL_MS = SIGINT_TO_SIGTERM_MS + SIGTERM_TO_KILL_MS;
const MARGIN_MS = 2000;
const MAIN_EXIT_MARGIN_MS = 2500;
const JOB_CANCEL_BUDGET_MS = SIGINT_TO_SIGTERM_MS - MAIN_EXIT_MARGIN_MS;
const UNANSWERED_CALL_GRACE_MS = 2000;
const TIMEOUT_CANCEL_WAIT_MS = 15_000;
const POST_CLEANUP_BUDGET_MS = SIGINT_TO_KILL_MS - MARGIN_MS;
const POST_CANCEL_BUDGET_MS = 3000;
const POST_REQUEST_TIMEOUT_MS = 5000;
const MAX_CONTEXTS_PER_CLUSTER = 145;

;// CONCATENATED MODULE: ./src/common/text.ts
function jsonText(v) {
    if (typeof v === 'string')
        return v;
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint')
        return String(v);
    return JSON.stringify(v) ?? '';
}
function byteLength(text) {
    return Buffer.byteLength(text, 'utf8');
}
function cutToBytes(text, maxBytes) {
    if (byteLength(text) <= maxBytes)
        return text;
    let cut = Buffer.from(text, 'utf8').subarray(0, Math.max(0, maxBytes)).toString('utf8');
    while (cut.endsWith('\uFFFD'))
        cut = cut.slice(0, -1);
    return cut;
}
function groupDigits(n) {
    if (!Number.isSafeInteger(n))
        return n.toLocaleString('en-US');
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
function plural(n, noun, nouns = `${noun}s`) {
    return `${n} ${n === 1 ? noun : nouns}`;
}
const ESC = String.fromCharCode(27);
const BEL = String.fromCharCode(7);
const ANSI = new RegExp(`${ESC}\\[[0-9;?]*[ -/]*[@-~]|${ESC}\\][^${BEL}${ESC}]*(?:${BEL}|${ESC}\\\\)?`, 'g');
function stripAnsi(text) {
    return text.includes(ESC) ? text.replace(ANSI, '') : text;
}

;// CONCATENATED MODULE: ./src/databricks/error-message.ts

function stripHtml(text) {
    return text
        .replace(/<[^>]*>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;|&#x27;/g, "'")
        .replace(/&nbsp;/g, ' ')
        .replace(/&amp;/g, '&');
}
function stripRPrefix(text) {
    return text.replace(/^(\s*)DATABRICKS_CURRENT_TEMP_CMD__[^\s:]*:?[ \t]*/gm, '$1');
}
function htmlToText(html) {
    const text = stripHtml(html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div|tr)>/gi, '\n'));
    return text.replace(/^\n+/, '').replace(/\n+$/, '');
}
const EXCEPTION_LINE = /^[A-Za-z_][\w.$]*(?:Error|Exception|Exit|Interrupt)\b(?::.*)?$/;
const EXECUTION_ERROR = /ExecutionError:[ \t]*([\s\S]*?)\n(StatusCode=\d*)\n(StatusDescription=.*)/;
function errorLine(summary, cause) {
    const s = firstLine(stripRPrefix(stripHtml(stripAnsi(summary))));
    if (s && !/^-{3,}/.test(s) && s !== 'Error')
        return s;
    const clean = stripRPrefix(stripAnsi(cause));
    const block = EXECUTION_ERROR.exec(clean);
    if (block) {
        const what = block[1]?.trim().replace(/\s*\n\s*/g, ' ') || 'ExecutionError';
        return `${what} (${block[2]}, ${block[3]?.trim()})`;
    }
    const lines = clean
        .split('\n')
        .map(l => l.trim())
        .filter(Boolean);
    for (let i = lines.length - 1; i >= 0; i--) {
        const line = lines[i] ?? '';
        if (EXCEPTION_LINE.test(line))
            return line;
    }
    const jvm = clean.match(/ErrorMessage=(.+)/);
    if (jvm?.[1])
        return jvm[1].trim();
    return s || lines.find(l => !/^-{3,}$/.test(l)) || 'The command failed without an error message';
}
function firstLine(text) {
    return (text
        .split('\n')
        .map(l => l.trim())
        .find(Boolean) ?? '');
}

;// CONCATENATED MODULE: ./src/databricks/api-error.ts


class ApiError extends Error {
    status;
    serviceMessage;
    errorCode;
    retryAfterSeconds;
    name = 'ApiError';
    constructor(status, serviceMessage, errorCode, retryAfterSeconds) {
        super(`HTTP ${status}${errorCode && errorCode !== String(status) ? ` ${errorCode}` : ''}: ${serviceMessage}`);
        this.status = status;
        this.serviceMessage = serviceMessage;
        this.errorCode = errorCode;
        this.retryAfterSeconds = retryAfterSeconds;
    }
    get clusterNotReady() {
        return this.serviceMessage.includes('ClusterNotReadyException');
    }
    get rateLimited() {
        return (this.status === 429 ||
            this.errorCode === 'REQUEST_LIMIT_EXCEEDED' ||
            RATE_LIMIT_TEXTS.some(t => this.serviceMessage.includes(t)));
    }
    get tooManyContexts() {
        return /too many execution contexts/i.test(this.serviceMessage);
    }
    get evicted() {
        return this.serviceMessage.includes('is disconnected');
    }
    get contextGone() {
        return ((this.status === 404 || this.status === 400) &&
            /does not exist|not found|disconnected|unknown context/i.test(this.serviceMessage));
    }
    get invalidState() {
        return this.errorCode === 'INVALID_STATE';
    }
    get permissionDenied() {
        return this.errorCode === 'PERMISSION_DENIED';
    }
    get unauthorized() {
        return this.status === 401 || this.status === 403;
    }
}
const MAX_MESSAGE = 500;
const RATE_LIMIT_TEXTS = [
    'Please try again later or try a faster operation.',
    'RPC token bucket limit has been exceeded'
];
function apiErrorFrom(status, rawBody, retryAfter, secrets) {
    const redact = (t) => (secrets ? secrets.redact(t) : t);
    const body = redact(rawBody);
    let message = '';
    let code;
    try {
        const parsed = JSON.parse(body);
        if (parsed && typeof parsed === 'object') {
            const o = parsed;
            if (o.error_code !== undefined && o.error_code !== null)
                code = redact(jsonText(o.error_code));
            if (typeof o.message === 'string')
                message = o.message;
            else if (typeof o.error === 'string')
                message = o.error;
        }
    }
    catch {
        ;
        ({ message, code } = fromText(body));
    }
    if (!message)
        message = body.trim() ? api_error_htmlToText(body) : '(empty answer)';
    message = redact(message);
    if (message.length > MAX_MESSAGE)
        message = `${message.slice(0, MAX_MESSAGE)}…`;
    const seconds = retryAfter !== undefined && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : undefined;
    return new ApiError(status, message, code, seconds);
}
function fromText(body) {
    const pre = /<pre[^>]*>([\s\S]*?)<\/pre>/i.exec(body)?.[1];
    if (pre !== undefined && pre.trim())
        return {
            message: entities(pre)
                .trim()
                .replace(/[\s.]+$/, '')
        };
    const plain = /^([A-Z][A-Z0-9_]+): (.+)$/.exec(body.trim());
    if (plain?.[1] && plain[2])
        return { code: plain[1], message: plain[2].trim() };
    return { message: api_error_htmlToText(body) };
}
function entities(text) {
    return stripHtml(text.replace(/<[^>]+>/g, ' '));
}
function api_error_htmlToText(html) {
    const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1] ??
        /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
    return entities((heading ?? html).replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' '))
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

const FRESH_AFTER_MS = 3000;
class IdleConnections {
    agent;
    now;
    idleSince = new WeakMap();
    constructor(agent, now) {
        this.agent = agent;
        this.now = now;
        agent?.on('free', (socket) => this.idleSince.set(socket, this.now()));
    }
    count() {
        return this.free().length;
    }
    dropOlderThan(maxIdleMs) {
        const now = this.now();
        for (const socket of this.free()) {
            if (now - (this.idleSince.get(socket) ?? now) > maxIdleMs)
                socket.destroy();
        }
    }
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
function keepAliveAgent(agent) {
    return agent instanceof external_node_http_.Agent ? agent : undefined;
}

// EXTERNAL MODULE: ./src/databricks/early-socket.ts
var early_socket = __webpack_require__(2803);
;// CONCATENATED MODULE: ./src/databricks/preconnect.ts


class EarlyConnectAgent extends external_node_https_.Agent {
    tlsOptions;
    open;
    early;
    constructor(tlsOptions = {}, open) {
        super({ keepAlive: true, ...tlsOptions });
        this.tlsOptions = tlsOptions;
        this.open = open;
    }
    connectEarly(origin) {
        this.adopt((0,early_socket/* openEarlySocket */.N)(origin, this.tlsOptions, this.open));
    }
    adopt(early) {
        this.early?.socket.destroy();
        this.early = early;
    }
    destroy() {
        this.adopt(undefined);
        super.destroy();
    }
    createConnection(options, callback) {
        const early = this.early;
        this.early = undefined;
        if (early && !early.socket.destroyed && early.key === `${options.host}:${options.port}`) {
            early.tcp.ref();
            early.socket.ref();
            return early.socket;
        }
        early?.socket.destroy();
        return super.createConnection(options, callback);
    }
}

;// CONCATENATED MODULE: ./src/databricks/transport.ts






class TransportError extends Error {
    code;
    name = 'TransportError';
    constructor(message, code) {
        super(message);
        this.code = code;
    }
    get neverSent() {
        return this.code === 'ECONNREFUSED';
    }
}
const USER_AGENT = 'databricks-run-command-action';
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
const STALE_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
class ActionsHttpTransport {
    o;
    shared = new lib/* HttpClient */.Qq(USER_AGENT, [], { keepAlive: true });
    idle = new Map();
    now;
    direct;
    constructor(o = {}) {
        this.o = o;
        this.now = o.now ?? Date.now;
        this.direct = o.agent ?? new EarlyConnectAgent();
    }
    async send(request) {
        const timeout = AbortSignal.timeout(request.timeoutMs);
        const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
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
function isRetryable(e, idempotent) {
    if (e instanceof ApiError) {
        if (e.rateLimited || e.status === 503 || e.clusterNotReady)
            return true;
        return idempotent && (e.status === 500 || e.status === 502 || e.status === 504);
    }
    if (e instanceof TransportError) {
        return e.neverSent || idempotent;
    }
    return false;
}
async function withRetry(call, c) {
    const o = c.options ?? DEFAULT_RETRY;
    const random = c.random ?? Math.random;
    for (let attempt = 1;; attempt++) {
        try {
            return await call();
        }
        catch (e) {
            const retryable = c.retryable ? c.retryable(e) : isRetryable(e, c.idempotent);
            if (e instanceof CancelledError || !retryable)
                throw e;
            const unlimited = e instanceof ApiError && e.clusterNotReady;
            if (unlimited && c.waitForCluster === false)
                throw e;
            if (!unlimited && attempt >= o.maxAttempts)
                throw e;
            let delay = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1));
            delay = delay / 2 + (random() * delay) / 2;
            const retryAfter = retryAfterOf(e);
            if (retryAfter !== undefined) {
                delay = Math.max(delay, retryAfter * 1000);
            }
            else if (statusOf(e) === 429 || (e instanceof ApiError && e.rateLimited)) {
                delay = Math.max(delay, 1000);
            }
            if (delay >= c.deadline.remaining()) {
                throw new DeadlineError(`${errorMessage(e)} (not retried: the ${c.deadline.label} deadline would pass first)`);
            }
            const of = unlimited ? '' : ` of ${o.maxAttempts - 1}`;
            c.logger.info(`Retry ${attempt}${of} in ${Math.round(delay)} ms: ${c.label}: ${errorMessage(e)}`);
            await c.sleep(delay, c.signal);
        }
    }
}
function isHttpFailure(e) {
    return e instanceof Error && typeof e.status === 'number';
}
function statusOf(e) {
    return isHttpFailure(e) ? e.status : undefined;
}
function retryAfterOf(e) {
    return isHttpFailure(e) ? e.retryAfterSeconds : undefined;
}

;// CONCATENATED MODULE: ./src/databricks/api.ts






class DatabricksApi {
    o;
    constructor(o) {
        this.o = o;
    }
    get(path, query, call) {
        const url = `${path}?${new URLSearchParams(query).toString()}`;
        return this.send('GET', url, undefined, true, call);
    }
    post(path, body, call, o = {}) {
        return this.send('POST', path, body, o.idempotent ?? false, call);
    }
    send(method, pathAndQuery, body, idempotent, call) {
        const label = `${method} ${pathAndQuery.split('?')[0]}`;
        const attempt = async () => {
            if (call.signal?.aborted)
                throw new CancelledError();
            const headers = {
                ...(await this.o.auth.headers(call)),
                Accept: 'application/json'
            };
            if (body)
                headers['Content-Type'] = body.contentType;
            const timeoutMs = Math.min(this.o.requestTimeoutMs, Math.max(1000, call.deadline.remaining()));
            this.o.logger.debug(`${label} (timeout ${timeoutMs} ms)`);
            const grace = idempotent ? undefined : graceAfter(call.signal, UNANSWERED_CALL_GRACE_MS);
            const res = await this.o.transport
                .send({
                method,
                url: `${this.o.host}${pathAndQuery}`,
                headers,
                body: body?.data,
                timeoutMs,
                signal: idempotent ? call.signal : grace?.signal,
                idempotent
            })
                .finally(() => grace?.dispose());
            const secrets = this.o.secrets;
            if (res.status < 200 || res.status >= 300) {
                throw apiErrorFrom(res.status, res.body, res.headers['retry-after'], secrets);
            }
            if (!res.body.trim())
                return {};
            try {
                const parsed = secrets.redactDeep(parseJsonExact(res.body));
                if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
                    return parsed;
            }
            catch {
            }
            throw new Error(`${label} answered HTTP ${res.status} with a body that is not a JSON object: ${cutToBytes(secrets.redact(res.body), 200)}`);
        };
        const retried = () => withRetry(attempt, {
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
        return retried().catch((e) => {
            if (!(e instanceof ApiError && e.status === 401 && idempotent && this.o.auth.renew()))
                throw e;
            this.o.logger.info(`${label}: HTTP 401, renewing the ${this.o.auth.authType} token and trying once more`);
            return retried();
        });
    }
}
function graceAfter(signal, ms) {
    if (!signal)
        return undefined;
    const controller = new AbortController();
    let timer;
    const start = () => {
        timer = setTimeout(() => controller.abort(), ms);
        timer.unref();
    };
    if (signal.aborted)
        start();
    else
        signal.addEventListener('abort', start, { once: true });
    return {
        signal: controller.signal,
        dispose: () => {
            clearTimeout(timer);
            signal.removeEventListener('abort', start);
        }
    };
}
function jsonBody(value) {
    return { contentType: 'application/json', data: JSON.stringify(value) };
}
function enumField(o, field, values, what) {
    const v = stringField(o, field, what);
    if (values.includes(v))
        return v;
    throw new Error(`unexpected answer for ${what}: "${field}" is ${JSON.stringify(v)}, not one of ${values.join(', ')}`);
}
function stringField(o, field, what) {
    const v = o[field];
    if (typeof v === 'string' && v)
        return v;
    throw new Error(`unexpected answer for ${what}: no "${field}" in ${cutToBytes(stringifyJson(o), 200)}`);
}

;// CONCATENATED MODULE: ./src/common/secrets.ts

class Secrets {
    values = new Set();
    forms = [];
    edges = [];
    listeners = [];
    onAdd(listener) {
        this.listeners.push(listener);
        for (const v of this.values)
            listener(v);
    }
    add(value) {
        if (!value || value.length < 4 || this.values.has(value))
            return;
        this.values.add(value);
        const encoded = [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)];
        this.forms = [...new Set([...this.forms, ...encoded])].sort((a, b) => b.length - a.length);
        for (const f of encoded)
            this.edges.push(f.slice(0, MIN_FRAGMENT), f.slice(-MIN_FRAGMENT));
        this.edges = [...new Set(this.edges)];
        for (const l of this.listeners)
            l(value);
    }
    list() {
        return [...this.values];
    }
    redact(text) {
        if (!this.edges.some(e => text.includes(e)))
            return text;
        let out = text;
        for (const v of this.forms) {
            if (out.includes(v))
                out = out.split(v).join('***');
        }
        const cuts = [0, out.length];
        if (out.includes('*** WARNING'))
            for (const m of out.matchAll(CUT_MARKER))
                cuts.push(m.index, m.index + m[0].length);
        return this.maskEdges(out, cuts);
    }
    maskEdges(text, positions) {
        const spans = [];
        for (const secret of this.values) {
            for (const at of positions) {
                const head = longestOverlap(text, at, secret, 'head');
                if (head)
                    spans.push([at - head, at]);
                const tail = longestOverlap(text, at, secret, 'tail');
                if (tail)
                    spans.push([at, at + tail]);
            }
        }
        if (spans.length === 0)
            return text;
        spans.sort((a, b) => a[0] - b[0]);
        const merged = [];
        for (const [from, to] of spans) {
            const last = merged[merged.length - 1];
            if (last && from <= last[1])
                last[1] = Math.max(last[1], to);
            else
                merged.push([from, to]);
        }
        let out = text;
        for (const [from, to] of merged.reverse())
            out = `${out.slice(0, from)}***${out.slice(to)}`;
        return out;
    }
    redactDeep(value) {
        if (this.forms.length === 0)
            return value;
        return this.walk(value);
    }
    walk(value) {
        if (typeof value === 'string')
            return this.redact(value);
        if (Array.isArray(value))
            return value.map(v => this.walk(v));
        if (value !== null &&
            typeof value === 'object' &&
            Object.getPrototypeOf(value) === Object.prototype) {
            const out = {};
            for (const [k, v] of Object.entries(value))
                setOwn(out, this.redact(k), this.walk(v));
            return out;
        }
        return value;
    }
}
const CUT_MARKER = /\s*\*\*\* WARNING: (?:skipped \d+ bytes of output|max output size exceeded[^*]*?)\s*\*\*\*\s*/g;
const MIN_FRAGMENT = 6;
function longestOverlap(text, at, secret, part) {
    const room = part === 'head' ? at : text.length - at;
    const most = Math.min(secret.length - 1, room);
    if (most < MIN_FRAGMENT)
        return 0;
    if (part === 'head') {
        const i = text.lastIndexOf(secret.slice(0, MIN_FRAGMENT), at - MIN_FRAGMENT);
        if (i < 0 || i < at - most)
            return 0;
    }
    else {
        const i = text.indexOf(secret.slice(-MIN_FRAGMENT), at);
        if (i < 0 || i + MIN_FRAGMENT > at + most)
            return 0;
    }
    for (let n = most; n >= MIN_FRAGMENT; n--) {
        const piece = part === 'head' ? text.slice(at - n, at) : text.slice(at, at + n);
        if (piece === (part === 'head' ? secret.slice(0, n) : secret.slice(secret.length - n)))
            return n;
    }
    return 0;
}

;// CONCATENATED MODULE: ./src/runner/connection.ts

const HOST_EXAMPLE = 'https://adb-1234567890123456.7.azuredatabricks.net';
function parseHost(value) {
    if (!value)
        throw new InputError(`Input host is required: set it to your workspace URL, e.g. ${HOST_EXAMPLE}, or set DATABRICKS_HOST.`);
    const userinfo = hostUserinfo(value);
    if (userinfo !== undefined)
        throw new InputError(`Invalid input host '${value.replace(`${userinfo}@`, '***@')}': it holds credentials (user:password@), which would be logged and sent along. Remove them from the URL and pass the credentials from a secret instead (token, or the auth-type inputs).`);
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
function hostUserinfo(value) {
    return /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/?#]*)@/i.exec(value)?.[1];
}
function registerHostSecrets(hosts, secrets) {
    for (const host of hosts) {
        const userinfo = host ? hostUserinfo(host.trim()) : undefined;
        if (!userinfo)
            continue;
        secrets.add(userinfo);
        if (!userinfo.includes(':'))
            continue;
        const password = userinfo.slice(userinfo.indexOf(':') + 1);
        secrets.add(password);
        try {
            secrets.add(decodeURIComponent(password));
        }
        catch {
        }
    }
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/databricks/auth/azure-cloud.ts
const AZURE_DATABRICKS_APP = '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d';
const CLOUDS = [
    [
        '.azuredatabricks.net',
        {
            login: 'https://login.microsoftonline.com',
            management: 'https://management.core.windows.net/'
        }
    ],
    [
        '.databricks.azure.us',
        {
            login: 'https://login.microsoftonline.us',
            management: 'https://management.core.usgovcloudapi.net/'
        }
    ],
    [
        '.databricks.azure.cn',
        {
            login: 'https://login.chinacloudapi.cn',
            management: 'https://management.core.chinacloudapi.cn/'
        }
    ]
];
function azureCloudOf(hostname) {
    const h = hostname.toLowerCase();
    return CLOUDS.find(([suffix]) => h.endsWith(suffix))?.[1];
}
const AZURE_DOMAINS = CLOUDS.map(([suffix]) => suffix);

;// CONCATENATED MODULE: ./src/databricks/auth/refreshing.ts

const TWENTY_MINUTES = 20 * 60_000;
const EARLY = 40_000;
function renewBefore(lifetimeMs) {
    const half = Math.min(lifetimeMs / 2, TWENTY_MINUTES);
    return half >= EARLY ? half : Math.min(EARLY, (lifetimeMs * 3) / 4);
}
class RefreshingToken {
    o;
    current;
    pending;
    minted = false;
    renewals = 0;
    constructor(o) {
        this.o = o;
    }
    async headers(call) {
        const now = this.o.clock.now();
        const c = this.current;
        if (c && now < c.renewAt)
            return c.headers;
        try {
            return (await this.next(call)).headers;
        }
        catch (e) {
            if (!(e instanceof CancelledError) && c && this.o.clock.now() < c.safeUntil) {
                this.o.logger.warning(`Could not renew the ${this.o.what} (${errorMessage(e)}); the current one is still valid for ${Math.round((c.expiresAt - this.o.clock.now()) / 1000)} s, trying again on the next request`);
                return c.headers;
            }
            throw e;
        }
    }
    invalidate() {
        this.current = undefined;
    }
    next(call) {
        this.pending ??= this.mintOne(call).finally(() => (this.pending = undefined));
        return this.pending;
    }
    async mintOne(call) {
        const started = this.o.clock.now();
        const token = await this.o.mint(call);
        const lifetime = token.expiresAt - started;
        if (token.expiresAt <= this.o.clock.now())
            throw new Error(`the ${this.o.what} was already expired when it arrived`);
        if (this.minted) {
            this.renewals++;
            this.o.logger.debug(`Renewed the ${this.o.what} (valid ${Math.round(lifetime / 1000)} s)`);
        }
        this.minted = true;
        this.current = {
            ...token,
            renewAt: token.expiresAt - renewBefore(lifetime),
            safeUntil: token.expiresAt - Math.min(EARLY, lifetime / 4)
        };
        return token;
    }
}

;// CONCATENATED MODULE: ./src/databricks/auth/minted.ts

class MintedAuth {
    authType;
    description;
    token;
    constructor(authType, description, c, mint) {
        this.authType = authType;
        this.description = description;
        this.token = new RefreshingToken({
            what: `${authType} token`,
            mint,
            clock: c.clock,
            logger: c.logger
        });
    }
    headers(call) {
        return this.token.headers(call);
    }
    renew() {
        this.token.invalidate();
        return true;
    }
    get renewals() {
        return this.token.renewals;
    }
}

;// CONCATENATED MODULE: ./src/databricks/auth/token-endpoint.ts



class TokenEndpointError extends Error {
    status;
    oauthError;
    retryAfterSeconds;
    name = 'TokenEndpointError';
    constructor(message, status, oauthError, retryAfterSeconds) {
        super(message);
        this.status = status;
        this.oauthError = oauthError;
        this.retryAfterSeconds = retryAfterSeconds;
    }
}
function retryable(e) {
    if (e instanceof TokenEndpointError)
        return e.status === 429 || e.status >= 500;
    return e instanceof TransportError;
}
async function requestToken(c, r, call) {
    const attempt = async () => {
        if (call.signal?.aborted)
            throw new CancelledError();
        const res = await c.transport.send({
            method: 'POST',
            url: r.url,
            headers: {
                'Content-Type': 'application/x-www-form-urlencoded',
                Accept: 'application/json',
                ...r.headers
            },
            body: r.form.toString(),
            timeoutMs: Math.min(c.requestTimeoutMs, Math.max(1000, call.deadline.remaining())),
            signal: call.signal
        });
        const body = parseObject(res.body);
        const token = body?.access_token;
        if (typeof token === 'string' && token)
            c.secrets.add(token);
        if (res.status < 200 || res.status >= 300)
            throw failure(c, r, res.status, body, res.headers);
        if (typeof token !== 'string' || !token)
            throw new TokenEndpointError(`${r.what}: ${r.url} answered HTTP ${res.status} without an access_token`, res.status, undefined, undefined);
        const expires = parseSeconds(body?.expires_in);
        if (expires === undefined)
            throw new TokenEndpointError(`${r.what}: ${r.url} answered without a valid expires_in (${JSON.stringify(body?.expires_in) ?? 'missing'})`, res.status, undefined, undefined);
        const raw = { ...body };
        delete raw.access_token;
        delete raw.refresh_token;
        delete raw.id_token;
        return { accessToken: token, expiresInSeconds: expires, raw };
    };
    return retryOAuthCall(c, call, `${r.what} (POST ${r.url})`, attempt);
}
function retryOAuthCall(c, call, label, attempt) {
    return withRetry(attempt, {
        label,
        idempotent: true,
        deadline: call.deadline,
        sleep: c.sleep,
        signal: call.signal,
        logger: c.logger,
        options: c.retry,
        random: c.random,
        retryable
    });
}
function parseSeconds(v) {
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0)
        return v;
    if (typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v))
        return Number(v);
    return undefined;
}
function parseObject(text) {
    try {
        const v = JSON.parse(text);
        return v && typeof v === 'object' && !Array.isArray(v)
            ? v
            : undefined;
    }
    catch {
        return undefined;
    }
}
function failure(c, r, status, body, headers) {
    const error = typeof body?.error === 'string' ? body.error : undefined;
    const description = typeof body?.error_description === 'string' ? body.error_description.slice(0, 500) : undefined;
    const said = error
        ? `${error}${description ? `: ${description}` : ''}`
        : '(no OAuth error in the answer)';
    const retryAfter = headers['retry-after']?.trim();
    return new TokenEndpointError(c.secrets.redact(`${r.what} failed: ${r.url} answered HTTP ${status} ${said}`), status, error, retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined);
}

;// CONCATENATED MODULE: ./src/databricks/auth/azure-cli.ts





class ProgramMissingError extends Error {
    name = 'ProgramMissingError';
}
const runProgram = (file, args, o) => new Promise((resolve, reject) => {
    (0,external_node_child_process_.execFile)(file, args, { timeout: o.timeoutMs, signal: o.signal, maxBuffer: 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
        if (!error)
            return resolve(stdout);
        if (o.signal?.aborted)
            return reject(new CancelledError());
        const code = error.code;
        if (code === 'ENOENT')
            return reject(new ProgramMissingError(`the Azure CLI (${file}) is not on PATH`));
        const said = String(stderr || error.message)
            .trim()
            .split('\n')
            .slice(0, 5)
            .join(' ');
        reject(new Error(`${file} failed (${error.killed ? 'timed out' : `exit ${code}`}): ${said}`));
    });
});
const AZ_TIMEOUT_MS = 30_000;
function azureCli(c, o) {
    const az = o.az ?? 'az';
    return new MintedAuth('azure-cli', 'Azure CLI sign-in', c, async (call) => {
        const out = await o.run(az, ['account', 'get-access-token', '--resource', AZURE_DATABRICKS_APP, '--output', 'json'], {
            timeoutMs: Math.min(AZ_TIMEOUT_MS, Math.max(1000, call.deadline.remaining())),
            signal: call.signal
        });
        let parsed;
        try {
            parsed = JSON.parse(out);
        }
        catch {
            throw new Error(`${az} account get-access-token printed something that is not JSON`);
        }
        const token = parsed.accessToken;
        if (typeof token !== 'string' || !token)
            throw new Error(`${az} account get-access-token printed no accessToken`);
        c.secrets.add(token);
        const header = `Bearer ${token}`;
        c.secrets.add(header);
        const expiresAt = expiryOf(parsed);
        if (expiresAt === undefined)
            throw new Error(`${az} account get-access-token printed no expires_on or expiresOn`);
        const headers = { Authorization: header };
        if (o.workspaceResourceId)
            headers['X-Databricks-Azure-Workspace-Resource-Id'] = o.workspaceResourceId;
        return { headers, expiresAt };
    });
}
function expiryOf(o) {
    const epoch = parseSeconds(o.expires_on);
    if (epoch !== undefined)
        return epoch * 1000;
    if (typeof o.expiresOn === 'string') {
        const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(o.expiresOn);
        if (m) {
            const [, y, mo, d, h, mi, s] = m.map(Number);
            return new Date(y, mo - 1, d, h, mi, s).getTime();
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/databricks/auth/azure.ts




function entraAuth(c, authType, description, o, proof) {
    const url = `${o.cloud.login.replace(/\/+$/, '')}/${encodeURIComponent(o.tenantId)}/oauth2/v2.0/token`;
    const entra = async (scope, fields, call) => requestToken(c, {
        url,
        what: `Entra ID sign-in of ${o.clientId} for ${scope}`,
        form: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: o.clientId,
            scope,
            ...fields
        })
    }, call);
    return new MintedAuth(authType, description, c, async (call) => {
        const fields = await proof(call);
        const started = c.clock.now();
        const main = await entra(`${AZURE_DATABRICKS_APP}/.default`, fields, call);
        const headers = { Authorization: `Bearer ${main.accessToken}` };
        c.secrets.add(headers.Authorization);
        let expiresAt = started + main.expiresInSeconds * 1000;
        try {
            const mgmt = await entra(`${o.cloud.management}/.default`, fields, call);
            headers['X-Databricks-Azure-SP-Management-Token'] = mgmt.accessToken;
            expiresAt = Math.min(expiresAt, started + mgmt.expiresInSeconds * 1000);
        }
        catch (e) {
            c.logger.debug(`No service-management token (${errorMessage(e)}); signing in without it`);
        }
        if (o.workspaceResourceId)
            headers['X-Databricks-Azure-Workspace-Resource-Id'] = o.workspaceResourceId;
        return { headers, expiresAt };
    });
}
function azureClientSecret(c, o) {
    c.secrets.add(o.clientSecret);
    return entraAuth(c, 'azure-client-secret', `Azure service principal ${o.clientId} (client secret)`, o, () => Promise.resolve({ client_secret: o.clientSecret }));
}
const AZURE_FEDERATION_AUDIENCE = 'api://AzureADTokenExchange';
function githubOidcAzure(c, o) {
    return entraAuth(c, 'github-oidc-azure', `Azure service principal ${o.clientId} (GitHub OIDC federation)`, o, async (call) => {
        const assertion = await o.idToken(AZURE_FEDERATION_AUDIENCE, call);
        c.secrets.add(assertion);
        return {
            client_assertion: assertion,
            client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
        };
    });
}

;// CONCATENATED MODULE: ./src/databricks/auth/discovery.ts


async function getJson(c, url, call, retries) {
    const attempt = async () => {
        if (call.signal?.aborted)
            throw new CancelledError();
        const res = await c.transport.send({
            method: 'GET',
            url,
            headers: { Accept: 'application/json' },
            timeoutMs: Math.min(c.requestTimeoutMs, Math.max(1000, call.deadline.remaining())),
            signal: call.signal
        });
        if (res.status !== 200)
            throw new TokenEndpointError(`${url} answered HTTP ${res.status}`, res.status, undefined, undefined);
        try {
            const v = JSON.parse(res.body);
            if (v && typeof v === 'object' && !Array.isArray(v))
                return v;
        }
        catch {
        }
        throw new Error(`${url} answered with something that is not a JSON object`);
    };
    if (!retries)
        return attempt();
    return retryOAuthCall(c, call, `GET ${url}`, attempt);
}
async function discoverTokenEndpoint(c, host, call) {
    let root = `${host}/oidc`;
    try {
        const meta = await getJson(c, `${host}/.well-known/databricks-config`, call, false);
        const oidc = typeof meta.oidc_endpoint === 'string' ? meta.oidc_endpoint : '';
        const account = typeof meta.account_id === 'string' ? meta.account_id : '';
        if (/^https:\/\//.test(oidc))
            root = oidc.replace('{account_id}', account).replace(/\/+$/, '');
    }
    catch (e) {
        if (e instanceof CancelledError)
            throw e;
        c.logger.debug(`No host metadata (${errorMessage(e)}); using ${root}`);
    }
    const url = `${root}/.well-known/oauth-authorization-server`;
    let doc;
    try {
        doc = await getJson(c, url, call, true);
    }
    catch (e) {
        if (e instanceof TokenEndpointError && e.status === 404)
            throw new Error(`Databricks OAuth is not supported for this host: ${url} answered HTTP 404. Check the host, or use a personal access token.`, { cause: e });
        throw new Error(`Could not discover the OAuth token endpoint: ${errorMessage(e)}`, { cause: e });
    }
    const endpoint = doc.token_endpoint;
    if (typeof endpoint !== 'string' || !/^https:\/\//.test(endpoint))
        throw new Error(`${url} names no https token_endpoint`);
    return endpoint;
}

;// CONCATENATED MODULE: ./src/databricks/auth/databricks-oauth.ts



function endpointOnce(c, host) {
    let found;
    return call => {
        found ??= discoverTokenEndpoint(c, host, call).catch((e) => {
            found = undefined;
            throw e;
        });
        return found;
    };
}
function oauthM2M(c, o) {
    c.secrets.add(o.clientSecret);
    const basic = Buffer.from(`${encodeURIComponent(o.clientId)}:${encodeURIComponent(o.clientSecret)}`, 'utf8').toString('base64');
    c.secrets.add(basic);
    c.secrets.add(`Basic ${basic}`);
    const endpoint = endpointOnce(c, o.host);
    return new MintedAuth('oauth-m2m', `OAuth service principal ${o.clientId}`, c, async (call) => {
        const url = await endpoint(call);
        const t = await requestToken(c, {
            url,
            what: `OAuth client credentials for ${o.clientId}`,
            headers: { Authorization: `Basic ${basic}` },
            form: new URLSearchParams({ grant_type: 'client_credentials', scope: 'all-apis' })
        }, call);
        return bearer(c, t.accessToken, t.expiresInSeconds);
    });
}
function githubOidc(c, o) {
    const endpoint = endpointOnce(c, o.host);
    const who = o.clientId ? `service principal ${o.clientId}` : 'account-wide federation';
    return new MintedAuth('github-oidc', `GitHub OIDC federation (${who})`, c, async (call) => {
        const url = await endpoint(call);
        const jwt = await o.idToken(o.audience || url, call);
        c.secrets.add(jwt);
        const form = new URLSearchParams({
            grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
            subject_token: jwt,
            subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
            scope: 'all-apis'
        });
        if (o.clientId)
            form.set('client_id', o.clientId);
        const t = await requestToken(c, { url, form, what: `GitHub OIDC token exchange (${who})` }, call);
        return bearer(c, t.accessToken, t.expiresInSeconds);
    });
}
function bearer(c, token, seconds) {
    const header = `Bearer ${token}`;
    c.secrets.add(header);
    return { headers: { Authorization: header }, expiresAt: c.clock.now() + seconds * 1000 };
}

;// CONCATENATED MODULE: ./src/databricks/auth/static.ts
class TokenAuth {
    authType = 'pat';
    description = 'personal access token';
    header;
    constructor(token, secrets) {
        this.header = `Bearer ${token}`;
        secrets.add(token);
        secrets.add(this.header);
    }
    headers() {
        return Promise.resolve({ Authorization: this.header });
    }
    renew() {
        return false;
    }
}
class BasicAuth {
    authType = 'basic';
    description;
    header;
    constructor(username, password, secrets) {
        this.description = `user name and password (${username})`;
        const encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
        this.header = `Basic ${encoded}`;
        for (const s of [password, encoded, this.header])
            secrets.add(s);
    }
    headers() {
        return Promise.resolve({ Authorization: this.header });
    }
    renew() {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/runner/id-token.ts



class IdTokenError extends Error {
    status;
    retryAfterSeconds;
    constructor(message, status, retryAfterSeconds = undefined) {
        super(message);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }
}
function githubIdTokens(o) {
    const base = o.env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '';
    const requestToken = o.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? '';
    o.secrets.add(requestToken);
    return async (audience, call) => {
        const url = `${base}${base.includes('?') ? '&' : '?'}audience=${encodeURIComponent(audience)}`;
        const attempt = async () => {
            if (call.signal?.aborted)
                throw new CancelledError();
            const res = await o.transport.send({
                method: 'GET',
                url,
                headers: { Authorization: `Bearer ${requestToken}`, Accept: 'application/json' },
                timeoutMs: Math.min(o.requestTimeoutMs, Math.max(1000, call.deadline.remaining())),
                signal: call.signal
            });
            let value;
            try {
                value = JSON.parse(res.body).value;
            }
            catch {
                value = undefined;
            }
            if (typeof value === 'string' && value)
                o.secrets.add(value);
            if (res.status !== 200) {
                const ra = res.headers['retry-after']?.trim();
                throw new IdTokenError(`GitHub's ID-token service answered HTTP ${res.status}`, res.status, ra && /^\d+$/.test(ra) ? Number(ra) : undefined);
            }
            if (typeof value !== 'string' || !value)
                throw new Error("GitHub's ID-token service answered without a token (no `value`)");
            return value;
        };
        return withRetry(attempt, {
            label: `GitHub ID token for audience ${audience}`,
            idempotent: true,
            deadline: call.deadline,
            sleep: o.sleep,
            signal: call.signal,
            logger: o.logger,
            retryable: e => e instanceof TransportError ||
                (e instanceof IdTokenError && (e.status === 429 || e.status >= 500))
        }).catch((e) => {
            if (e instanceof CancelledError)
                throw e;
            throw new Error(`Could not get a GitHub ID token (audience ${audience}): ${e instanceof Error ? e.message : String(e)}`, { cause: e });
        });
    };
}

;// CONCATENATED MODULE: ./src/runner/credentials.ts





const BASIC_RETIRED = 'auth-type basic: Databricks retired password sign-in for workspace users on 10 July 2024; it works only where the workspace still accepts it. Use a service principal instead: oauth-m2m (client-id, client-secret), or github-oidc with no secret at all.';
function registerConfiguredSecrets(raw, env, secrets) {
    for (const v of [
        raw.token,
        raw.password,
        raw.clientSecret,
        raw.azureClientSecret,
        env.DATABRICKS_TOKEN,
        env.DATABRICKS_PASSWORD,
        env.DATABRICKS_CLIENT_SECRET,
        env.ARM_CLIENT_SECRET,
        env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
    ]) {
        secrets.add(v);
        secrets.add(v?.trim());
    }
}
function createAuthenticator(host, plan, d) {
    const c = {
        transport: d.transport,
        clock: d.clock,
        sleep: d.sleep,
        logger: d.logger,
        secrets: d.secrets,
        requestTimeoutMs: d.requestTimeoutMs
    };
    const idToken = () => githubIdTokens({ ...d, env: d.env });
    switch (plan.type) {
        case 'pat':
            return new TokenAuth(plan.token, d.secrets);
        case 'basic':
            return new BasicAuth(plan.username, plan.password, d.secrets);
        case 'oauth-m2m':
            return oauthM2M(c, { host, ...plan });
        case 'github-oidc':
            return githubOidc(c, { host, ...plan, idToken: idToken() });
        case 'azure-client-secret':
            return azureClientSecret(c, { host, ...plan });
        case 'github-oidc-azure':
            return githubOidcAzure(c, { host, ...plan, idToken: idToken() });
        case 'azure-cli':
            return azureCli(c, { run: withSignInAdvice(d.run ?? runProgram), ...plan });
    }
}
const AZ_SIGN_IN = 'install it, or sign in with the azure/login action in an earlier step of the job (GitHub-hosted runners have az installed)';
function withSignInAdvice(run) {
    return (file, args, o) => run(file, args, o).catch((e) => {
        if (e instanceof ProgramMissingError)
            throw new ProgramMissingError(`${e.message}: ${AZ_SIGN_IN}`, { cause: e });
        throw e;
    });
}

;// CONCATENATED MODULE: ./src/common/duration.ts
const UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
function parseDuration(text) {
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

;// CONCATENATED MODULE: ./src/databricks/execution.ts

const LANGUAGES = ['python', 'scala', 'sql', 'r'];
const COMMAND_STATUSES = [
    'Queued',
    'Running',
    'Cancelling',
    'Finished',
    'Cancelled',
    'Error'
];
function isFinalCommandStatus(status) {
    switch (status) {
        case 'Finished':
        case 'Cancelled':
        case 'Error':
            return true;
        case 'Queued':
        case 'Running':
        case 'Cancelling':
            return false;
    }
}
const CONTEXT_STATUSES = ['Pending', 'Running', 'Error'];
function isFinalCommandState(state) {
    return isFinalCommandStatus(state.status);
}
class ExecutionApi {
    api;
    clusterId;
    constructor(api, clusterId) {
        this.api = api;
        this.clusterId = clusterId;
    }
    async createContext(language, call) {
        const body = jsonBody({ clusterId: this.clusterId, language });
        const answer = await this.api.post('/api/1.2/contexts/create', body, call);
        return stringField(answer, 'id', 'contexts/create');
    }
    async contextStatus(contextId, call) {
        const q = { clusterId: this.clusterId, contextId };
        const answer = await this.api.get('/api/1.2/contexts/status', q, call);
        return enumField(answer, 'status', CONTEXT_STATUSES, 'contexts/status');
    }
    async destroyContext(contextId, call) {
        const body = jsonBody({ clusterId: this.clusterId, contextId });
        await this.api.post('/api/1.2/contexts/destroy', body, call, { idempotent: true });
    }
    async execute(contextId, language, source, call) {
        const body = await commandBody(this.clusterId, contextId, language, source);
        const answer = await this.api.post('/api/1.2/commands/execute', body, call);
        return stringField(answer, 'id', 'commands/execute');
    }
    async commandStatus(contextId, commandId, call) {
        const q = { clusterId: this.clusterId, contextId, commandId };
        const answer = await this.api.get('/api/1.2/commands/status', q, call);
        const results = answer.results;
        return {
            status: enumField(answer, 'status', COMMAND_STATUSES, 'commands/status'),
            results: results && typeof results === 'object' ? results : null
        };
    }
    async cancelCommand(contextId, commandId, call) {
        const body = jsonBody({ clusterId: this.clusterId, contextId, commandId });
        await this.api.post('/api/1.2/commands/cancel', body, call, { idempotent: true });
    }
}
async function commandBody(clusterId, contextId, language, source) {
    if (source.kind === 'inline')
        return jsonBody({ language, clusterId, contextId, command: source.code });
    const form = new FormData();
    form.append('language', language);
    form.append('clusterId', clusterId);
    form.append('contextId', contextId);
    form.append('command', new Blob([new Uint8Array(source.bytes)]), source.name);
    const encoded = new Response(form);
    const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data';
    return { contentType, data: Buffer.from(await encoded.arrayBuffer()) };
}

;// CONCATENATED MODULE: ./src/databricks/auth/types.ts
const AUTH_TYPES = [
    'pat',
    'basic',
    'oauth-m2m',
    'github-oidc',
    'azure-client-secret',
    'github-oidc-azure',
    'azure-cli'
];

;// CONCATENATED MODULE: ./src/runner/auth-settings.ts
const SETTINGS = {
    authType: ['auth-type', 'DATABRICKS_AUTH_TYPE'],
    token: ['token', 'DATABRICKS_TOKEN'],
    username: ['username', 'DATABRICKS_USERNAME'],
    password: ['password', 'DATABRICKS_PASSWORD'],
    clientId: ['client-id', 'DATABRICKS_CLIENT_ID'],
    clientSecret: ['client-secret', 'DATABRICKS_CLIENT_SECRET'],
    tokenAudience: ['token-audience', 'DATABRICKS_TOKEN_AUDIENCE'],
    azureClientId: ['azure-client-id', 'ARM_CLIENT_ID'],
    azureClientSecret: ['azure-client-secret', 'ARM_CLIENT_SECRET'],
    azureTenantId: ['azure-tenant-id', 'ARM_TENANT_ID'],
    azureWorkspaceResourceId: ['azure-workspace-resource-id', 'DATABRICKS_AZURE_RESOURCE_ID']
};
const auth_settings_CREDENTIAL_INPUTS = Object.fromEntries(Object.entries(SETTINGS).map(([k, [input]]) => [k, input]));
function resolve(raw, env) {
    const out = {};
    for (const [k, [input, name]] of Object.entries(SETTINGS)) {
        const given = raw[k];
        const fromEnv = env[name]?.trim() ?? '';
        out[k] = given ? { value: given, from: `input ${input}` } : { value: fromEnv, from: name };
    }
    return out;
}
function describe(k) {
    const [input, name] = SETTINGS[k];
    return `input ${input} (or ${name})`;
}

;// CONCATENATED MODULE: ./src/runner/auth-choice.ts





const KINDS = [
    ['pat', ['token']],
    ['basic', ['username', 'password']],
    ['oauth', ['clientId', 'clientSecret']],
    ['azure', ['azureClientId', 'azureClientSecret', 'azureTenantId']]
];
const PERMISSION_HELP = 'GitHub sets ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN only for jobs with `permissions: id-token: write`; add it to the job (pull requests from forks never get an ID token: use a secret-based method there).';
function chooseCredentials(raw, env, hostname) {
    const s = resolve(raw, env);
    const has = (k) => s[k].value !== '';
    const v = (k) => s[k].value;
    const hasIdToken = !!(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
    const need = (type, ...keys) => {
        const missing = keys.filter(k => !has(k));
        if (missing.length)
            throw new InputError(`${type} authentication needs ${missing.map(describe).join(' and ')}: set ${missing.length > 1 ? 'them' : 'it'}, or choose another auth-type.`);
    };
    const needIdToken = (type) => {
        if (!hasIdToken)
            throw new InputError(`${type} authentication needs a GitHub ID token, and this job has none. ${PERMISSION_HELP}`);
    };
    let type = v('authType').toLowerCase();
    if (type && !AUTH_TYPES.includes(type))
        throw new InputError(`Invalid ${s.authType.from} '${v('authType')}': expected one of ${AUTH_TYPES.join(', ')}.`);
    if (!type)
        type = implied(s, has, hasIdToken);
    const azure = () => ({
        cloud: entraCloud(type, env, hostname),
        ...(has('azureWorkspaceResourceId')
            ? { workspaceResourceId: v('azureWorkspaceResourceId') }
            : {})
    });
    switch (type) {
        case 'pat':
            need(type, 'token');
            return { type, token: v('token') };
        case 'basic':
            need(type, 'username', 'password');
            return { type, username: v('username'), password: v('password') };
        case 'oauth-m2m':
            need(type, 'clientId', 'clientSecret');
            return { type, clientId: v('clientId'), clientSecret: v('clientSecret') };
        case 'github-oidc':
            needIdToken(type);
            return {
                type,
                ...(has('clientId') ? { clientId: v('clientId') } : {}),
                ...(has('tokenAudience') ? { audience: v('tokenAudience') } : {})
            };
        case 'azure-client-secret':
            need(type, 'azureClientId', 'azureClientSecret', 'azureTenantId');
            return {
                type,
                clientId: v('azureClientId'),
                clientSecret: v('azureClientSecret'),
                tenantId: v('azureTenantId'),
                ...azure()
            };
        case 'github-oidc-azure':
            need(type, 'azureClientId', 'azureTenantId');
            needIdToken(type);
            return { type, clientId: v('azureClientId'), tenantId: v('azureTenantId'), ...azure() };
        case 'azure-cli':
            return has('azureWorkspaceResourceId')
                ? { type, workspaceResourceId: v('azureWorkspaceResourceId') }
                : { type };
    }
}
function implied(s, has, hasIdToken) {
    const kinds = KINDS.filter(([, fields]) => fields.some(has));
    if (kinds.length > 1) {
        const list = kinds
            .map(([kind, fields]) => `${kind} (${fields
            .filter(has)
            .map(k => s[k].from)
            .join(', ')})`)
            .join(' and ');
        throw new InputError(`More than one authorization method configured: ${list}. Set auth-type to the one to use (one of ${AUTH_TYPES.join(', ')}), or remove the others.`);
    }
    const kind = kinds[0]?.[0];
    if (kind === 'pat')
        return 'pat';
    if (kind === 'basic')
        return 'basic';
    if (kind === 'oauth') {
        if (has('clientSecret'))
            return 'oauth-m2m';
        if (hasIdToken)
            return 'github-oidc';
        throw new InputError(`${s.clientId.from} was given without a client secret: set ${describe('clientSecret')} for oauth-m2m, or give the job \`permissions: id-token: write\` for github-oidc federation with that service principal.`);
    }
    if (kind === 'azure') {
        if (has('azureClientSecret'))
            return 'azure-client-secret';
        if (hasIdToken)
            return 'github-oidc-azure';
        throw new InputError(`Azure service principal settings were given without a secret: set ${describe('azureClientSecret')} for azure-client-secret, or give the job \`permissions: id-token: write\` for github-oidc-azure.`);
    }
    if (hasIdToken)
        return 'github-oidc';
    throw new InputError('No credentials: set the token input (e.g. token: ${{ secrets.DATABRICKS_TOKEN }}) or DATABRICKS_TOKEN; or client-id and client-secret for a service principal (oauth-m2m); or give the job `permissions: id-token: write` for GitHub OIDC federation (github-oidc, no secret at all). See auth-type for every method.');
}
function entraCloud(type, env, hostname) {
    const known = azureCloudOf(hostname);
    const authority = env.AZURE_AUTHORITY_HOST?.trim();
    if (authority) {
        let url;
        try {
            url = new URL(authority);
        }
        catch {
            url = undefined;
        }
        if (url?.protocol !== 'https:')
            throw new InputError(`Invalid AZURE_AUTHORITY_HOST '${authority}': expected an https:// URL such as https://login.microsoftonline.com.`);
        return {
            login: url.origin,
            management: known?.management ?? 'https://management.core.windows.net/'
        };
    }
    if (known)
        return known;
    throw new InputError(`${type} authentication signs in with Microsoft Entra ID, but host ${hostname} is not an Azure Databricks workspace (${AZURE_DOMAINS.join(', ')}), so its sign-in host is unknown: set AZURE_AUTHORITY_HOST, e.g. https://login.microsoftonline.com.`);
}

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 12 modules
var lib_core = __webpack_require__(143);
;// CONCATENATED MODULE: ./src/runner/raw-inputs.ts


const INPUTS = {
    host: { name: 'host' },
    clusterId: { name: 'cluster-id' },
    language: { name: 'language' },
    command: { name: 'command' },
    file: { name: 'file' },
    timeout: { name: 'timeout', default: '30m' },
    failOnError: { name: 'fail-on-error', default: 'true' },
    startCluster: { name: 'start-cluster', default: 'false' },
    requestTimeout: { name: 'request-timeout', default: '30s' },
    commentOnPr: { name: 'comment-on-pr', default: 'false' },
    githubToken: { name: 'github-token', default: '${{ github.token }}' },
    clusterName: { name: 'cluster-name' },
    contextId: { name: 'context-id' },
    parameters: { name: 'parameters' },
    terminateCluster: { name: 'terminate-cluster', default: 'never' }
};
function declaredInputs() {
    return [
        ...Object.values(INPUTS).map(i => ('default' in i ? { ...i } : { name: i.name })),
        ...Object.values(CREDENTIAL_INPUTS).map(name => ({ name }))
    ];
}
function readRawInputs(get = n => lib_core/* getInput */.V4(n)) {
    const raw = { credentials: readCredentialInputs(get) };
    for (const key of Object.keys(INPUTS))
        raw[key] = get(INPUTS[key].name);
    return raw;
}
function readCredentialInputs(get) {
    const out = {};
    for (const [k, name] of Object.entries(auth_settings_CREDENTIAL_INPUTS))
        out[k] = get(name);
    return out;
}
function orDefault(raw, key) {
    return raw[key] || INPUTS[key].default;
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/runner/source.ts


const MAX_FILE_BYTES = 10 * 1024 * 1024;
async function resolveSource(file, workspace, fs, runnerTemp = '') {
    const full = external_node_path_.resolve(workspace, file);
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
    await checkContained(file, full, [workspace, runnerTemp].filter(Boolean), fs);
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
    return { source: { kind: 'file', name: external_node_path_.basename(full), bytes }, label: file };
}
async function checkContained(file, full, roots, fs) {
    const real = await fs.realpath(full);
    for (const root of roots) {
        const realRoot = await fs.realpath(root).catch(() => external_node_path_.resolve(root));
        const rel = external_node_path_.relative(realRoot, real);
        if (rel && !rel.startsWith('..') && !external_node_path_.isAbsolute(rel))
            return;
    }
    throw new InputError(`Input file '${file}' is outside the workspace${full === real ? '' : ` (it resolves to ${real})`}: only files inside GITHUB_WORKSPACE or RUNNER_TEMP are read. Give a path in the repository.`);
}

;// CONCATENATED MODULE: ./src/runner/composition-inputs.ts

const TERMINATE_MODES = ['never', 'if-started', 'always'];
function parseClusterChoice(raw, env) {
    if (raw.clusterId && raw.clusterName)
        throw new InputError(`Inputs cluster-id and cluster-name were both given ('${raw.clusterId}', '${raw.clusterName}'): set only one.`);
    let clusterId = raw.clusterId;
    let clusterName = raw.clusterName;
    if (!clusterId && !clusterName) {
        clusterId = env.DATABRICKS_CLUSTER_ID?.trim() ?? '';
        clusterName = env.DATABRICKS_CLUSTER_NAME?.trim() ?? '';
        if (clusterId && clusterName)
            throw new InputError('DATABRICKS_CLUSTER_ID and DATABRICKS_CLUSTER_NAME are both set and neither input cluster-id nor cluster-name was given: set one of the inputs, or unset one variable.');
    }
    if (!clusterId && !clusterName)
        throw new InputError('Input cluster-id is required: set it to the id of an all-purpose cluster (e.g. 0123-456789-abcdefgh), or set cluster-name to its name; or set DATABRICKS_CLUSTER_ID or DATABRICKS_CLUSTER_NAME.');
    if (clusterId && !/^[A-Za-z0-9][\w.-]*$/.test(clusterId))
        throw new InputError(`Invalid input cluster-id '${clusterId}': a cluster id holds only letters, digits, '-', '_' and '.', e.g. 0123-456789-abcdefgh.`);
    return { clusterId, clusterName };
}
function parseTerminateMode(value) {
    if (value === '')
        return 'never';
    if (TERMINATE_MODES.includes(value))
        return value;
    throw new InputError(`Invalid input terminate-cluster '${value}': expected one of ${TERMINATE_MODES.join(', ')}.`);
}
function parseContextId(value) {
    if (value && !/^[\w.-]+$/.test(value))
        throw new InputError(`Invalid input context-id '${value}': give the context-id output of the step that created the context, e.g. \${{ steps.setup.outputs.context-id }}.`);
    return value;
}
function checkClusterOnlyStep(raw, startCluster, terminate) {
    const nothing = 'Neither command nor file was given: set command to inline code, or file to a path in the repository';
    if (raw.contextId)
        throw new InputError(`${nothing}. Input context-id needs something to run in that context.`);
    if (raw.parameters)
        throw new InputError(`${nothing}. Input parameters are handed to a command; there is none.`);
    if (!startCluster && terminate !== 'always')
        throw new InputError(`${nothing}. (A step without either only manages the cluster: set start-cluster: true to start it, or terminate-cluster: always to terminate it.)`);
}

;// CONCATENATED MODULE: ./src/runner/parameters-input.ts

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HELP = 'Give a JSON object or a YAML mapping of names to strings, numbers or booleans, e.g. {"branch": ${{ toJSON(github.head_ref) }}}.';
const bad = (why) => new InputError(`Invalid input parameters: ${why}`);
async function parseParameters(text) {
    if (!text.trim())
        return undefined;
    const yaml = await __webpack_require__.e(/* import() */ 815).then(__webpack_require__.t.bind(__webpack_require__, 8815, 19));
    const doc = yaml.parseDocument(text, { uniqueKeys: false });
    const problem = doc.errors[0];
    if (problem)
        throw bad(`it is not valid JSON or YAML (${problem.message.split('\n')[0]?.replace(/:$/, '')}). ${HELP}`);
    const root = doc.contents;
    if (!yaml.isMap(root))
        throw bad(`expected a mapping of names to values, got ${parameters_input_describe(yaml, doc, root)}. ${HELP}`);
    const params = new Map();
    for (const { key, value } of root.items) {
        const name = keyName(yaml, key);
        if (!NAME.test(name))
            throw bad(`the name ${JSON.stringify(name)} is not an identifier. Names start with a letter or '_' and hold only letters, digits and '_' (they become Python/Scala/R names and SQL :markers).`);
        if (params.has(name))
            throw bad(`the name ${name} is given twice; give each name once (JSON and YAML alike).`);
        params.set(name, scalarText(yaml, doc, name, value));
    }
    return params;
}
function keyName(yaml, key) {
    if (key === null || key === undefined)
        return '';
    if (yaml.isScalar(key))
        return typeof key.value === 'string' ? key.value : (key.source ?? '');
    const what = yaml.isSeq(key) ? 'a list' : yaml.isMap(key) ? 'a mapping' : 'an alias';
    throw bad(`a key is ${what}; write names as plain words.`);
}
function scalarText(yaml, doc, name, node) {
    const text = written(yaml, yaml.isAlias(node) ? node.resolve(doc) : node);
    if (text === undefined)
        throw bad(`${name} is ${parameters_input_describe(yaml, doc, node)}; a value must be a string, a number or a boolean. Quote it, or pass a structure as a JSON string and parse it in the code.`);
    if (text.includes('\0'))
        throw bad(`${name} holds a NUL character, which R strings and the runner's environment cannot carry.`);
    if (/\p{Cs}/u.test(text))
        throw bad(`${name} holds an unpaired UTF-16 surrogate, which has no UTF-8 form.`);
    return text;
}
function written(yaml, node) {
    if (!yaml.isScalar(node))
        return undefined;
    const v = node.value;
    if (typeof v === 'string')
        return v;
    if (typeof v === 'number' || typeof v === 'boolean')
        return node.source ?? String(v);
    return undefined;
}
function parameters_input_describe(yaml, doc, node) {
    const n = yaml.isAlias(node) ? node.resolve(doc) : node;
    if (yaml.isSeq(n))
        return 'a list';
    if (yaml.isMap(n))
        return 'a mapping';
    const v = yaml.isScalar(n) ? n.value : undefined;
    if (typeof v === 'string')
        return 'a string';
    if (typeof v === 'number' || typeof v === 'boolean')
        return `the ${typeof v} ${written(yaml, n)}`;
    return 'null';
}

;// CONCATENATED MODULE: ./src/runner/inputs.ts










const MAX_TIMEOUT_MS = 5 * 24 * 3_600_000;
const MAX_REQUEST_TIMEOUT_MS = 3_600_000;
const MIN_DURATION_MS = 1000;
const EXTENSIONS = {
    py: 'python',
    scala: 'scala',
    sc: 'scala',
    sql: 'sql',
    r: 'r'
};
async function parseInputs(raw, env, workspace, fs) {
    const host = parseHost(raw.host || env.DATABRICKS_HOST?.trim() || '');
    const credentials = chooseCredentials(raw.credentials, env, new URL(host).hostname);
    const { clusterId, clusterName } = parseClusterChoice(raw, env);
    const timeoutMs = parseDurationInput('timeout', orDefault(raw, 'timeout'), MAX_TIMEOUT_MS);
    const requestTimeoutMs = parseDurationInput('request-timeout', orDefault(raw, 'requestTimeout'), MAX_REQUEST_TIMEOUT_MS);
    const failOnError = parseBoolean('fail-on-error', orDefault(raw, 'failOnError'));
    const startCluster = parseBoolean('start-cluster', orDefault(raw, 'startCluster'));
    const commentOnPr = parseBoolean('comment-on-pr', orDefault(raw, 'commentOnPr'));
    if (raw.command && raw.file)
        throw new InputError('Inputs command and file were both given: set exactly one (command for inline code, file for a path in the repository).');
    const terminateCluster = parseTerminateMode(orDefault(raw, 'terminateCluster'));
    const contextId = parseContextId(raw.contextId);
    const notices = [];
    const language = parseLanguage(raw.language, raw.file, notices);
    let source;
    let label = 'cluster only';
    if (raw.command)
        [source, label] = [{ kind: 'inline', code: raw.command }, 'inline command'];
    else if (raw.file)
        ({ source, label } = await resolveSource(raw.file, workspace, fs, env.RUNNER_TEMP?.trim() ?? ''));
    else
        checkClusterOnlyStep(raw, startCluster, terminateCluster);
    const parameters = await parseParameters(raw.parameters);
    return {
        host,
        credentials,
        clusterId,
        clusterName,
        language,
        source,
        contextId,
        parameters,
        terminateCluster,
        sourceLabel: label,
        timeoutMs,
        timeoutLabel: orDefault(raw, 'timeout'),
        failOnError,
        startCluster,
        requestTimeoutMs,
        commentOnPr,
        githubToken: raw.githubToken,
        notices
    };
}
function parseLanguage(value, file, notices) {
    if (value) {
        const lower = value.toLowerCase();
        if (LANGUAGES.includes(lower))
            return lower;
        throw new InputError(`Invalid input language '${value}': expected one of ${LANGUAGES.join(', ')}.`);
    }
    const ext = file.match(/\.([A-Za-z]+)$/)?.[1]?.toLowerCase() ?? '';
    const known = EXTENSIONS[ext];
    if (known || !file)
        return known ?? 'python';
    notices.push(`Input file '${file}' has no extension that names a language (${Object.keys(EXTENSIONS)
        .map(e => `.${e}`)
        .join(', ')}); running it as python. Set the language input to choose another.`);
    return 'python';
}
function parseDurationInput(name, value, maxMs) {
    const ms = parseDuration(value);
    if (ms === undefined || ms <= 0)
        throw new InputError(`Invalid input ${name} '${value}': expected a positive duration such as 90s, 20m, 1h, 1h30m or plain seconds (600).`);
    if (ms < MIN_DURATION_MS || ms > maxMs)
        throw new InputError(`Invalid input ${name} '${value}': it must be between ${formatDuration(MIN_DURATION_MS)} and ${formatDuration(maxMs)}.`);
    return ms;
}
function parseBoolean(name, value) {
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new InputError(`Invalid input ${name} '${value}': expected true or false.`);
}

;// CONCATENATED MODULE: ./src/runner/log.ts


function couldBeCommand(text) {
    return /[\r\n]|::|##\[/.test(text);
}
function logUntrusted(text) {
    if (!couldBeCommand(text))
        return lib_core/* info */.pq(text);
    const token = (0,external_node_crypto_.randomUUID)();
    lib_core/* info */.pq(`::stop-commands::${token}`);
    lib_core/* info */.pq(text);
    lib_core/* info */.pq(`::${token}::`);
}
function printUntrusted(title, text) {
    lib_core/* startGroup */.Oh(title);
    logUntrusted(text);
    lib_core/* endGroup */.N4();
}
const runnerLogger = {
    info: m => logUntrusted(m),
    warning: m => lib_core/* warning */.$e(m),
    debug: m => lib_core/* debug */.Yz(m)
};
function mask(secret) {
    lib_core/* setSecret */.Pq(secret);
}
function fail(message) {
    lib_core/* setFailed */.C1(message);
}
function notice(message) {
    lib_core/* notice */.lm(message);
}

;// CONCATENATED MODULE: ./src/databricks/results.ts





function stripOutPrefix(text) {
    const re = /^Out\[\d+\]: /gm;
    let last = -1;
    for (let m = re.exec(text); m; m = re.exec(text))
        last = m.index;
    if (last < 0)
        return text;
    return text.slice(0, last) + text.slice(last).replace(/^Out\[\d+\]: /, '');
}
const SERVICE_CUT = /\*\*\* WARNING: (?:skipped \d+ bytes of output|max output size exceeded, skipping output\.) \*\*\*/;
function isCancellation(raw) {
    if (!raw || raw.resultType !== 'error')
        return false;
    return `${str(raw.cause)} ${str(raw.summary)}`.includes('CommandCancelledException');
}
function isContextShutdown(raw) {
    return (isCancellation(raw) &&
        /shut\s*(?:ting\s*)?down|evict|detach/i.test(stripAnsi(`${str(raw?.cause)} ${str(raw?.summary)}`)));
}
function commandErrorMessage(raw) {
    if (!raw)
        return undefined;
    const data = typeof raw.data === 'string' ? stripHtml(stripAnsi(raw.data)).trim() : '';
    if (data)
        return stripRPrefix(data);
    if (raw.summary || raw.cause)
        return errorLine(str(raw.summary), str(raw.cause));
    return undefined;
}
function imageNames(raw) {
    const names = Array.isArray(raw.fileNames) ? raw.fileNames.map(str) : [];
    if (typeof raw.fileName === 'string' && raw.fileName && !names.includes(raw.fileName))
        names.unshift(raw.fileName);
    return names.filter(Boolean);
}
function parseResults(raw, language) {
    if (!raw)
        return { type: 'none' };
    switch (raw.resultType) {
        case 'text': {
            const data = str(raw.data);
            const text = language === 'r' ? htmlToText(data) : stripOutPrefix(data);
            return { type: 'text', text, truncated: SERVICE_CUT.test(text) };
        }
        case 'table':
            return {
                type: 'table',
                columns: Array.isArray(raw.schema) ? raw.schema.map(column) : [],
                rows: Array.isArray(raw.data)
                    ? raw.data.map(r => (Array.isArray(r) ? r : [r]))
                    : [],
                truncated: raw.truncated === true
            };
        case 'error': {
            const summary = str(raw.summary);
            const cause = str(raw.cause);
            return {
                type: 'error',
                message: summary || cause
                    ? errorLine(summary, cause)
                    : (commandErrorMessage(raw) ?? errorLine('', '')),
                traceback: stripRPrefix(stripAnsi(cause || stripHtml(summary)))
            };
        }
        case 'image':
        case 'images':
            return { type: raw.resultType, fileNames: imageNames(raw) };
        default:
            return { type: 'none' };
    }
}
function column(c) {
    const o = c && typeof c === 'object' ? c : {};
    let type = o.type;
    if (typeof type === 'string' && type.startsWith('"')) {
        try {
            type = JSON.parse(type);
        }
        catch {
        }
    }
    return { name: str(o.name), type: typeof type === 'string' ? type : JSON.stringify(type ?? '') };
}
function str(v) {
    if (typeof v === 'string')
        return v;
    if (v === null || v === undefined)
        return '';
    return stringifyJson(v);
}
function columnKeys(columns) {
    const taken = new Set(columns.map(c => c.name));
    const seen = new Set();
    return columns.map(c => {
        if (!seen.has(c.name)) {
            seen.add(c.name);
            return c.name;
        }
        let n = 2;
        while (taken.has(`${c.name}_${n}`))
            n++;
        const key = `${c.name}_${n}`;
        taken.add(key);
        seen.add(key);
        return key;
    });
}
function tableToObjects(columns, rows) {
    const keys = columnKeys(columns);
    return rows.map(row => {
        const o = Object.create(null);
        keys.forEach((k, i) => {
            o[k] = row[i] ?? null;
        });
        return o;
    });
}

;// CONCATENATED MODULE: ./src/runner/outputs.ts




const MAX_OUTPUT_BYTES = 100 * 1024;
const OUTPUT_NAMES = [
    'status',
    'result-type',
    'result',
    'truncated',
    'context-id',
    'command-id',
    'auth-type',
    'image-files',
    'result-file',
    'cluster-id',
    'cluster-state'
];
function resultText(result, maxBytes, images) {
    switch (result.type) {
        case 'text':
            return cutText(result.text, maxBytes);
        case 'table':
            return jsonArrayWithin(tableToObjects(result.columns, result.rows).map(stringifyJson), maxBytes);
        case 'error':
            return cutText(result.message, maxBytes);
        case 'image':
        case 'images': {
            const where = images?.locations ??
                result.fileNames.map((n, i) => (n.startsWith('data:') ? `(image ${i + 1}, not saved)` : n));
            if (result.type === 'image' && where.length === 1)
                return cutText(where[0] ?? '', maxBytes);
            return jsonArrayWithin(where.map(n => JSON.stringify(n)), maxBytes);
        }
        case 'none':
            return { text: '', cut: false };
    }
}
function cutText(text, maxBytes) {
    const cut = cutToBytes(text, maxBytes);
    return { text: cut, cut: cut.length < text.length };
}
function jsonArrayWithin(items, maxBytes) {
    let size = 2;
    let keep = 0;
    for (const item of items) {
        const add = byteLength(item) + (keep > 0 ? 1 : 0);
        if (size + add > maxBytes)
            break;
        size += add;
        keep++;
    }
    return { text: `[${items.slice(0, keep).join(',')}]`, cut: keep < items.length };
}
function buildOutputs(outcome, maxBytes = MAX_OUTPUT_BYTES, images) {
    const { text, cut } = resultText(outcome.result, maxBytes, images);
    const r = outcome.result;
    const serviceTruncated = (r.type === 'table' && r.truncated) || (r.type === 'text' && r.truncated === true);
    return {
        status: outcome.status,
        'result-type': outcome.result.type === 'none' ? '' : outcome.result.type,
        result: text,
        truncated: cut || serviceTruncated ? 'true' : 'false',
        'context-id': outcome.contextId,
        'command-id': outcome.commandId,
        'image-files': JSON.stringify(images?.files ?? []),
        ...(outcome.clusterState ? { 'cluster-state': outcome.clusterState } : {})
    };
}
function writeOutputs(outputs) {
    for (const name of OUTPUT_NAMES) {
        const value = outputs[name];
        if (value !== undefined)
            lib_core/* setOutput */.uH(name, cutToBytes(value, MAX_OUTPUT_BYTES));
    }
}

;// CONCATENATED MODULE: ./src/runner/state.ts

function saveCluster(host, clusterId) {
    lib_core/* saveState */.LZ('host', host);
    lib_core/* saveState */.LZ('cluster-id', clusterId);
}
function saveSharedContext(contextId) {
    lib_core/* saveState */.LZ('context-id', contextId);
    lib_core/* saveState */.LZ('context-shared', 'true');
}
function saveClusterStarted() {
    lib_core/* saveState */.LZ('cluster-started', 'true');
}
function saveClusterTerminated() {
    lib_core/* saveState */.LZ('cluster-terminated', 'true');
}
function saveContextRequested(host, clusterId) {
    lib_core/* saveState */.LZ('host', host);
    lib_core/* saveState */.LZ('cluster-id', clusterId);
    lib_core/* saveState */.LZ('context-requested', 'true');
}
function clearContextRequested() {
    lib_core/* saveState */.LZ('context-requested', 'false');
}
function saveContext(host, clusterId, contextId) {
    lib_core/* saveState */.LZ('host', host);
    lib_core/* saveState */.LZ('cluster-id', clusterId);
    lib_core/* saveState */.LZ('context-id', contextId);
}
function saveCommand(commandId) {
    lib_core/* saveState */.LZ('command-id', commandId);
    lib_core/* saveState */.LZ('command-done', 'false');
}
function saveCommandDone() {
    lib_core/* saveState */.LZ('command-done', 'true');
}
function readState(get = n => core.getState(n)) {
    return {
        host: get('host'),
        clusterId: get('cluster-id'),
        contextId: get('context-id'),
        commandId: get('command-id'),
        commandDone: get('command-done') === 'true',
        contextShared: get('context-shared') === 'true',
        clusterStarted: get('cluster-started') === 'true',
        clusterTerminated: get('cluster-terminated') === 'true',
        contextRequested: get('context-requested') === 'true'
    };
}

;// CONCATENATED MODULE: ./src/databricks/cluster-list.ts

const PAGE_SIZE = 100;
const MAX_PAGES = 1000;
async function listClusters(api, call) {
    const byId = new Map();
    const seen = new Set();
    let token = '';
    for (let page = 0; page < MAX_PAGES; page++) {
        const query = { page_size: String(PAGE_SIZE) };
        if (token)
            query.page_token = token;
        const answer = await api.get('/api/2.1/clusters/list', query, call);
        const clusters = Array.isArray(answer.clusters) ? answer.clusters : [];
        for (const c of clusters) {
            if (!c || typeof c !== 'object')
                continue;
            const o = c;
            if (typeof o.cluster_id !== 'string')
                continue;
            byId.set(o.cluster_id, {
                id: o.cluster_id,
                name: typeof o.cluster_name === 'string' ? o.cluster_name : '',
                state: typeof o.state === 'string' ? o.state : ''
            });
        }
        const next = typeof answer.next_page_token === 'string' ? answer.next_page_token : '';
        if (!next)
            return [...byId.values()];
        if (seen.has(next))
            throw new Error(`clusters/list sent the page token ${next} twice; the list never ends`);
        seen.add(next);
        token = next;
    }
    throw new Error(`clusters/list still had more pages after ${MAX_PAGES}; giving up`);
}
async function cluster_list_terminateCluster(api, clusterId, call) {
    await api.post('/api/2.0/clusters/delete', jsonBody({ cluster_id: clusterId }), call, {
        idempotent: true
    });
}

;// CONCATENATED MODULE: ./src/flow/cluster-name.ts


const MAX_NAMES = 20;
function distance(a, b) {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const row = [i];
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
        }
        prev = row;
    }
    return prev[b.length] ?? 0;
}
function closestNames(wanted, names, max = MAX_NAMES) {
    const w = wanted.toLowerCase();
    return [...new Set(names)]
        .map(name => ({ name, d: distance(w, name.toLowerCase()) }))
        .sort((x, y) => x.d - y.d || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
        .slice(0, max)
        .map(x => x.name);
}
function pickClusterByName(name, clusters) {
    const matches = clusters.filter(c => c.name === name);
    const [only] = matches;
    if (matches.length === 1 && only)
        return only.id;
    if (matches.length > 1)
        throw new Error(`${matches.length} clusters are named '${name}' (input cluster-name): ${matches.map(c => `${c.id} (${c.state})`).join(', ')}. Cluster names are not unique; set cluster-id to the one you mean instead.`);
    if (!clusters.length)
        throw new Error(`No cluster is named '${name}' (input cluster-name): these credentials see no clusters at all. Check the host and that the identity may use the cluster (CAN ATTACH TO).`);
    const names = closestNames(name, clusters.map(c => c.name));
    const total = new Set(clusters.map(c => c.name)).size;
    const shown = total > names.length ? `${names.length} of ${total}, closest first` : 'closest first';
    throw new Error(`No cluster is named '${name}' (input cluster-name; the match is exact, case included). Clusters you can see (${shown}): ${names.map(n => `'${n}'`).join(', ')}. Set cluster-name to one of them, or set cluster-id.`);
}
async function resolveClusterName(api, name, call, logger) {
    let clusters;
    try {
        clusters = await listClusters(api, call);
    }
    catch (e) {
        throw wrapError(`Failed to list the clusters to find '${name}' (input cluster-name)`, e);
    }
    const id = pickClusterByName(name, clusters);
    logger.info(`Cluster '${name}' is ${id}`);
    return id;
}

;// CONCATENATED MODULE: ./src/runner/cells.ts


function formatCell(value, maxChars) {
    const text = cellText(value);
    if (text.length <= maxChars)
        return { text, shortened: false };
    let cut = text.slice(0, maxChars);
    if (/[\uD800-\uDBFF]$/.test(cut))
        cut = cut.slice(0, -1);
    return { text: `${cut}…`, shortened: true };
}
function countOf(n, noun) {
    return `${groupDigits(n)} ${noun}${n === 1 ? '' : 's'}`;
}
function cellText(v) {
    if (v === null || v === undefined)
        return 'null';
    if (v instanceof ExactNumber)
        return v.text;
    return typeof v === 'object' ? stringifyJson(v) : jsonText(v);
}

;// CONCATENATED MODULE: ./src/runner/report-words.ts


const PHASE_WORDS = {
    cluster: 'cluster ready',
    context: 'execution context ready',
    command: 'command ran'
};
const PHASE_DOING = {
    cluster: 'waiting for the cluster',
    context: 'creating the execution context',
    command: 'running the command'
};
const PHASES = ['cluster', 'context', 'command'];
function phasesInWords(times, totalMs, failed) {
    const parts = [];
    let spent = 0;
    for (const phase of PHASES) {
        const ms = times[phase];
        if (ms === undefined) {
            if (failed)
                parts.push(`stopped while ${PHASE_DOING[phase]}, after ${formatDuration(Math.max(0, totalMs - spent))}`);
            break;
        }
        spent += ms;
        parts.push(`${PHASE_WORDS[phase]} in ${formatDuration(ms)}`);
    }
    return parts.join(' · ');
}
function clusterUrl(host, clusterId) {
    return `${host}/#setting/clusters/${encodeURIComponent(clusterId)}/configuration`;
}
function countsInWords(r, outputCut) {
    const cut = outputCut
        ? ' The result output was cut to fit GitHub’s limits; the result file has all of it.'
        : '';
    switch (r.type) {
        case 'table':
            return `${countOf(r.rows.length, 'row')} in ${countOf(r.columns.length, 'column')} came back${r.truncated ? '; Databricks truncated the table, so rows are missing' : ', complete'}.${cut}`;
        case 'text': {
            const lines = r.text ? r.text.replace(/\n$/, '').split('\n').length : 0;
            return `${countOf(lines, 'line')} of output (${countOf(Buffer.byteLength(r.text), 'byte')}).${cut}`;
        }
        case 'error':
        case 'image':
        case 'images':
        case 'none':
            return cut.trim();
    }
}

;// CONCATENATED MODULE: ./src/runner/markdown-safe.ts

const ENTITIES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
    '|': '&#124;',
    '\r\n': '&#10;',
    '\r': '&#10;',
    '\n': '&#10;',
    '\u007f': '\u2421'
};
const SPECIAL = /\r\n?|[&<>"'|\n\u0000-\u0008\u000b-\u001f\u007f]/g;
function htmlText(text) {
    return stripAnsi(text).replace(SPECIAL, c => ENTITIES[c] ?? String.fromCharCode(0x2400 + c.charCodeAt(0)));
}
class UnsafeMarkdownError extends Error {
    name = 'UnsafeMarkdownError';
}
function htmlBlock(pieces) {
    const html = pieces.filter(p => p !== '').join('\n');
    if (!/^<(h[1-6]|table|div|details|p|ul|ol)[\s>]/i.test(html))
        throw new UnsafeMarkdownError('an HTML block must start with a block-level tag');
    if (/(^|\n)[ \t]*(\r?\n|$)/.test(html.replace(/\n$/, '')) || /\r/.test(html))
        throw new UnsafeMarkdownError('a blank line would end the HTML block');
    return `${html}\n`;
}

;// CONCATENATED MODULE: ./src/runner/summary.ts







const SUMMARY_LIMIT_BYTES = 1_000_000;
const SUMMARY_MAX_ROWS = 500;
const SUMMARY_MAX_CELL_CHARS = 10_000;
const MAX_INLINE_CODE_BYTES = 20_000;
const MAX_HEAD_TEXT_BYTES = 4000;
const ICONS = {
    Finished: '✅',
    Error: '❌',
    Cancelled: '⏹️',
    'Timed out': '⏱️',
    Failed: '❌'
};
function headline(d) {
    if (d.result?.type === 'error' && !d.failure && d.status === 'Finished') {
        const message = cutToBytes(d.result.message, 300);
        return {
            icon: '❌',
            text: `Databricks command failed: ${message}${message === d.result.message ? '' : '…'}`,
            status: 'Finished with an error'
        };
    }
    if (d.clusterState && d.status === 'Finished')
        return {
            icon: ICONS[d.status],
            text: `Databricks cluster: ${d.clusterState}`,
            status: d.clusterState
        };
    return {
        icon: ICONS[d.status] ?? 'ℹ️',
        text: `Databricks command: ${d.status}`,
        status: d.status
    };
}
function buildSummary(d, limit = SUMMARY_LIMIT_BYTES) {
    const h = headline(d);
    const cells = [d.clusterId, d.language, d.source, h.status, formatDuration(d.durationMs)];
    const cluster = d.clusterUrl
        ? `<a href="${htmlText(d.clusterUrl)}">${htmlText(cutToBytes(d.clusterId, MAX_HEAD_TEXT_BYTES))}</a>`
        : htmlText(cutToBytes(d.clusterId, MAX_HEAD_TEXT_BYTES));
    const head = [
        `<h3>${h.icon} ${htmlText(cutToBytes(h.text, MAX_HEAD_TEXT_BYTES))}</h3>`,
        '<table><tr><th>Cluster</th><th>Language</th><th>Source</th><th>Status</th><th>Duration</th></tr>',
        `<tr><td>${cluster}</td>${cells
            .slice(1)
            .map(c => `<td>${htmlText(cutToBytes(c, MAX_HEAD_TEXT_BYTES))}</td>`)
            .join('')}</tr></table>`
    ];
    if (d.phases)
        head.push(`<p>${htmlText(d.phases)}</p>`);
    if (d.inlineCode)
        head.push(inlineCode(d.inlineCode, d.language));
    if (d.failure)
        head.push(`<p><strong>${htmlText(cutShown(d.failure))}</strong></p>`);
    if (d.counts)
        head.push(`<p><em>${htmlText(d.counts)}</em></p>`);
    const budget = limit - byteLength(head.join('\n')) - 2000;
    const result = d.result ? renderResult(d.result, budget, d.images) : [];
    if (byteLength(result.join('\n')) > budget)
        return htmlBlock([
            ...head,
            "<p><em>The result is too large to show within GitHub's 1 MiB summary limit; the step's outputs have it.</em></p>"
        ]);
    return htmlBlock([...head, ...result]);
}
function inlineCode(code, language) {
    const lines = code.replace(/\n$/, '').split('\n').length;
    const shown = cutToBytes(code, MAX_INLINE_CODE_BYTES);
    const note = shown.length < code.length ? ` (the first ${MAX_INLINE_CODE_BYTES} bytes)` : '';
    return `<details><summary>Inline ${htmlText(language)} code (${plural(lines, 'line')})${note}</summary><pre><code>${htmlText(shown)}</code></pre></details>`;
}
function renderResult(r, budget, images) {
    switch (r.type) {
        case 'text':
            return r.text
                ? preBlock(r.text, budget, 'The output')
                : ['<p><em>The command printed nothing.</em></p>'];
        case 'table':
            return renderTable(r, budget);
        case 'error': {
            const message = `<p><strong>${htmlText(cutShown(r.message))}</strong></p>`;
            if (!r.traceback.trim() || r.traceback.trim() === r.message.trim())
                return [message];
            return [
                message,
                '<details open><summary>Traceback</summary>',
                ...preBlock(r.traceback, budget - byteLength(message), 'The traceback'),
                '</details>'
            ];
        }
        case 'image':
        case 'images':
            return renderImages(r.fileNames, images, budget);
        case 'none':
            return ['<p><em>No result.</em></p>'];
    }
}
function preBlock(text, budget, what) {
    budget -= 300;
    let keep = cutToBytes(text, budget);
    let html = htmlText(keep);
    while (byteLength(html) > budget && keep.length > 0) {
        keep = cutToBytes(keep, Math.floor(byteLength(keep) * Math.min(0.9, budget / byteLength(html))));
        html = htmlText(keep);
    }
    const out = [`<pre><code>${html}</code></pre>`];
    if (keep.length < text.length)
        out.push(`<p><em>${what} was cut to ${byteLength(keep)} of ${byteLength(text)} bytes to fit GitHub's 1 MiB summary limit.</em></p>`);
    return out;
}
function renderTable(r, budget) {
    const keys = columnKeys(r.columns);
    const header = `<tr>${r.columns
        .map((c, i) => {
        const renamed = keys[i] === c.name ? '' : ` (${keys[i] ?? ''} in the result output)`;
        return `<th>${htmlText(cutShown(c.name) + renamed)}<br><sub>${htmlText(cutShown(c.type))}</sub></th>`;
    })
        .join('')}</tr>`;
    let html = `<table>${header}`;
    let shown = 0;
    let firstRowBytes = 0;
    let shortened = false;
    for (const row of r.rows) {
        if (shown >= SUMMARY_MAX_ROWS)
            break;
        const tds = r.columns.map((_, i) => {
            const text = cellText(row[i]);
            if (text.length <= SUMMARY_MAX_CELL_CHARS)
                return `<td>${htmlText(text)}</td>`;
            shortened = true;
            const more = text.length - SUMMARY_MAX_CELL_CHARS;
            return `<td>${htmlText(text.slice(0, SUMMARY_MAX_CELL_CHARS))}<em>… (${more} more characters)</em></td>`;
        });
        const tr = `<tr>${tds.join('')}</tr>`;
        if (byteLength(html) + byteLength(tr) > budget) {
            if (shown === 0)
                firstRowBytes = byteLength(tr);
            break;
        }
        html += tr;
        shown++;
    }
    html += '</table>';
    const notes = [`${plural(r.rows.length, 'row')}`];
    if (shown === 0 && r.rows.length > 0)
        notes.push(`the first row alone takes ${firstRowBytes} bytes, more than fits in GitHub's 1 MiB summary, so no row is shown here; the result output has what fits its limit`);
    else if (shown < r.rows.length)
        notes.push(`showing the first ${shown} here; the result output has more`);
    if (shortened)
        notes.push(`cells longer than ${SUMMARY_MAX_CELL_CHARS} characters are shortened here`);
    if (r.truncated)
        notes.push('Databricks truncated the result');
    return [html, `<p><em>${htmlText(notes.join('; '))}.</em></p>`];
}
function renderImages(names, images, budget) {
    let p = `<p>${htmlText(plural(names.length, 'image'))}.`;
    if (images?.files.length)
        p += ` ${images.files.length} saved on the runner in <code>${htmlText(images.dir)}</code> (output <code>image-files</code>), for a later step to upload.`;
    p += '</p>';
    const inWorkspace = images?.workspacePaths ?? names.filter(n => !n.startsWith('data:'));
    if (!inWorkspace.length)
        return [p];
    return [
        p,
        ...renderNames(inWorkspace, budget - byteLength(p), 'Kept in the workspace (DBFS /FileStore/plots/):')
    ];
}
function renderNames(names, budget, heading) {
    let html = `<p>${htmlText(heading)}</p><ul>`;
    let shown = 0;
    for (const name of names) {
        const li = `<li><code>${htmlText(shorten(name))}</code></li>`;
        if (byteLength(html) + byteLength(li) > budget)
            break;
        html += li;
        shown++;
    }
    if (shown < names.length)
        html += `<li><em>and ${names.length - shown} more</em></li>`;
    return [`${html}</ul>`];
}
function cutShown(text) {
    const cut = cutToBytes(text, MAX_HEAD_TEXT_BYTES);
    return cut.length < text.length ? `${cut}…` : cut;
}
function shorten(s) {
    return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}
async function writeSummary(html) {
    try {
        await lib_core/* summary */.z.addRaw(html).write();
    }
    catch (e) {
        lib_core/* debug */.Yz(`Job summary not written: ${errorMessage(e)}`);
    }
}

;// CONCATENATED MODULE: ./src/common/poll.ts

const DEFAULT_SCHEDULE = { minMs: 100, fraction: 0.13, maxMs: 10_000 };
function pollGap(s, elapsedMs) {
    return Math.min(s.maxMs, Math.max(s.minMs, s.fraction * elapsedMs));
}
async function pollUntil(o) {
    const schedule = o.schedule ?? DEFAULT_SCHEDULE;
    const progressEvery = o.progressEveryMs ?? 30_000;
    const started = o.clock.now();
    let nextProgress = started + progressEvery;
    let last;
    for (;;) {
        const asked = o.clock.now();
        last = await o.fetch();
        if (o.isDone(last))
            return { done: true, value: last };
        const now = o.clock.now();
        if (now >= nextProgress) {
            o.logger.info(`Waiting for ${o.what}: ${o.describe(last)} after ${formatDuration(now - started)}`);
            nextProgress = now + progressEvery;
        }
        const remaining = o.deadline.remaining();
        if (remaining <= 0)
            return { done: false, last };
        const wait = asked + pollGap(schedule, asked - started) - now;
        await o.sleep(Math.min(Math.max(0, wait), remaining), o.signal);
    }
}

;// CONCATENATED MODULE: ./src/databricks/clusters.ts

const CLUSTER_STATES = [
    'PENDING',
    'RUNNING',
    'RESTARTING',
    'RESIZING',
    'TERMINATING',
    'TERMINATED',
    'ERROR',
    'UNKNOWN'
];
function clusterReadiness(state) {
    switch (state) {
        case 'RUNNING':
        case 'RESIZING':
            return 'ready';
        case 'PENDING':
        case 'RESTARTING':
            return 'coming-up';
        case 'TERMINATED':
        case 'TERMINATING':
            return 'stopped';
        case 'ERROR':
        case 'UNKNOWN':
            return 'broken';
    }
}
async function clusters_getCluster(api, clusterId, call) {
    const answer = await api.get('/api/2.0/clusters/get', { cluster_id: clusterId }, call);
    return {
        state: enumField(answer, 'state', CLUSTER_STATES, 'clusters/get'),
        stateMessage: typeof answer.state_message === 'string' ? answer.state_message : '',
        name: typeof answer.cluster_name === 'string' ? answer.cluster_name : ''
    };
}
async function startCluster(api, clusterId, call) {
    await api.post('/api/2.0/clusters/start', jsonBody({ cluster_id: clusterId }), call, {
        idempotent: true
    });
}
function describeCluster(info) {
    return info.stateMessage ? `${info.state} (${info.stateMessage})` : info.state;
}

;// CONCATENATED MODULE: ./src/flow/cluster.ts





async function lookAtCluster(o, call) {
    const info = await clusters_getCluster(o.api, o.clusterId, call);
    o.onSeen?.(info.state);
    return info;
}
const CLUSTER_SCHEDULE = { minMs: 1000, fraction: 0.5, maxMs: 10_000 };
function pollCluster(o, what, isDone) {
    const call = { deadline: o.deadline, signal: o.signal };
    return pollUntil({
        what: `cluster ${o.clusterId} ${what}`,
        fetch: () => lookAtCluster(o, call),
        isDone,
        describe: describeCluster,
        deadline: o.deadline,
        clock: o.clock,
        sleep: o.sleep,
        signal: o.signal,
        logger: o.logger,
        schedule: CLUSTER_SCHEDULE,
        progressEveryMs: 15_000
    });
}
async function waitTerminated(o, info) {
    o.logger.info(`Cluster ${o.clusterId} is ${describeCluster(info)}; waiting for it to be TERMINATED before starting it (Databricks cannot start a cluster that is still terminating)`);
    const outcome = await pollCluster(o, 'to finish terminating', c => c.state !== 'TERMINATING');
    if (!outcome.done) {
        throw new DeadlineError(`Timed out after ${o.deadline.label} waiting for cluster ${o.clusterId} to finish terminating before starting it. Raise the timeout input, or start the cluster once it is TERMINATED.`);
    }
    return outcome.value;
}
async function ensureClusterReady(o) {
    const call = { deadline: o.deadline, signal: o.signal };
    let info = await lookAtCluster(o, call);
    if (clusterReadiness(info.state) === 'ready')
        return info;
    if (info.state === 'TERMINATING' && o.startCluster)
        info = await waitTerminated(o, info);
    const readiness = clusterReadiness(info.state);
    if (readiness === 'stopped') {
        if (!o.startCluster) {
            throw new Error(`Cluster ${o.clusterId} is ${describeCluster(info)}. ` +
                `Set the input start-cluster: true to start it, or start it in the workspace first.`);
        }
        o.logger.info(`Cluster ${o.clusterId} is ${info.state}; starting it (start-cluster: true)`);
        try {
            await startCluster(o.api, o.clusterId, call);
            o.onStarted?.();
        }
        catch (e) {
            if (!(e instanceof ApiError && e.invalidState))
                throw cluster_refusedChange(e, 'start', o.clusterId);
            o.logger.info(`Cluster ${o.clusterId} was already starting (${e.serviceMessage})`);
        }
    }
    else if (readiness !== 'coming-up') {
        throw new Error(`Cluster ${o.clusterId} is in state ${describeCluster(info)} and cannot run commands.`);
    }
    const started = o.clock.now();
    const outcome = await pollCluster(o, 'to start', c => clusterReadiness(c.state) === 'ready' || c.state === 'TERMINATED' || c.state === 'ERROR');
    if (!outcome.done) {
        throw new DeadlineError(`Timed out after ${o.deadline.label} waiting for cluster ${o.clusterId} to start (last state ${outcome.last?.state ?? 'unknown'}). Raise the timeout input or start the cluster ahead of the job.`);
    }
    info = outcome.value;
    if (clusterReadiness(info.state) !== 'ready') {
        throw new Error(`Cluster ${o.clusterId} did not start: it is ${describeCluster(info)}.`);
    }
    o.logger.info(`Cluster ${o.clusterId} is ${info.state} after ${formatDuration(o.clock.now() - started)}`);
    return info;
}
function cluster_refusedChange(e, what, clusterId) {
    if (!(e instanceof ApiError && e.permissionDenied))
        return e;
    return new Error(`Databricks refused to ${what} cluster ${clusterId}: ${e.message}. To ${what} a cluster the identity needs the CAN RESTART permission on it (CAN ATTACH TO only runs code): ask a workspace admin to grant it, or ${what === 'start' ? 'start the cluster ahead of the job' : 'let its auto-termination stop it'}.`, { cause: e });
}

;// CONCATENATED MODULE: ./src/flow/cluster-lifecycle.ts






const DOWN = new Set(['TERMINATING', 'TERMINATED']);
const TERMINATE_SCHEDULE = { minMs: 500, fraction: 0.5, maxMs: 5000 };
async function manageCluster(o) {
    if (o.start) {
        let started = false;
        const onStarted = () => {
            started = true;
            o.onStarted();
        };
        const info = await ensureClusterReady({ ...o, startCluster: true, onStarted });
        if (!started)
            o.logger.info(`Cluster ${o.clusterId} is ${describeCluster(info)}; not started`);
        return info.state;
    }
    return terminateAndWait(o);
}
async function terminateAndWait(o) {
    const call = { deadline: o.deadline, signal: o.signal };
    const before = await lookAtCluster(o, call);
    if (DOWN.has(before.state)) {
        o.logger.info(`Cluster ${o.clusterId} is already ${describeCluster(before)}; nothing to do`);
        return before.state;
    }
    o.logger.info(`Terminating cluster ${o.clusterId} (it is ${describeCluster(before)})`);
    try {
        await cluster_list_terminateCluster(o.api, o.clusterId, call);
    }
    catch (e) {
        throw cluster_refusedChange(e, 'terminate', o.clusterId);
    }
    const started = o.clock.now();
    const outcome = await pollUntil({
        what: `cluster ${o.clusterId} to terminate`,
        fetch: () => lookAtCluster(o, call),
        isDone: c => DOWN.has(c.state),
        describe: describeCluster,
        deadline: o.deadline,
        clock: o.clock,
        sleep: o.sleep,
        signal: o.signal,
        logger: o.logger,
        schedule: TERMINATE_SCHEDULE,
        progressEveryMs: 15_000
    });
    if (!outcome.done)
        throw new DeadlineError(`Timed out after ${o.deadline.label} waiting for cluster ${o.clusterId} to terminate (last state ${outcome.last?.state ?? 'unknown'}). It was asked to; check its event log.`);
    o.logger.info(`Cluster ${o.clusterId} is ${outcome.value.state} after ${formatDuration(o.clock.now() - started)}`);
    return outcome.value.state;
}
async function terminateInPost(api, clusterId, call) {
    const info = await getCluster(api, clusterId, call);
    if (DOWN.has(info.state))
        return `Cluster ${clusterId} is already ${info.state}`;
    try {
        await terminateCluster(api, clusterId, call);
    }
    catch (e) {
        throw refusedChange(e, 'terminate', clusterId);
    }
    return `Asked cluster ${clusterId} to terminate (it was ${info.state}); it stops on its own`;
}

;// CONCATENATED MODULE: ./src/flow/cluster-step.ts






async function runClusterStep(inputs, d) {
    const start = inputs.startCluster;
    const state = await manageCluster({
        ...d,
        clusterId: inputs.clusterId,
        logger: runnerLogger,
        start,
        onStarted: saveClusterStarted
    });
    if (!start)
        saveClusterTerminated();
    writeOutputs({ status: 'Finished', 'cluster-id': inputs.clusterId, 'cluster-state': state });
    await writeSummary(buildSummary({
        clusterId: inputs.clusterId,
        clusterUrl: clusterUrl(inputs.host, inputs.clusterId),
        language: '-',
        source: start ? 'start the cluster' : 'terminate the cluster',
        status: 'Finished',
        clusterState: state,
        durationMs: d.clock.now() - d.started
    }));
    return state;
}

;// CONCATENATED MODULE: ./src/runner/signals.ts

function watchJobCancel() {
    const controller = new AbortController();
    const handler = (name) => {
        if (!controller.signal.aborted)
            lib_core/* info */.pq(`Received ${name}: the job is being cancelled`);
        controller.abort();
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
    return {
        signal: controller.signal,
        dispose: () => {
            process.off('SIGINT', handler);
            process.off('SIGTERM', handler);
        }
    };
}
function holdOffCancel(onSignal) {
    const handler = () => onSignal();
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
    return {
        dispose: () => {
            process.off('SIGINT', handler);
            process.off('SIGTERM', handler);
        }
    };
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/runner/early-connection.ts
var early_connection = __webpack_require__(1038);
;// CONCATENATED MODULE: ./src/flow/deps.ts






function defaultDeps() {
    const agent = new EarlyConnectAgent();
    agent.adopt((0,early_connection/* takeEarlySocket */.p)());
    return {
        transport: new ActionsHttpTransport({ agent, debug: m => runnerLogger.debug(m) }),
        clock: systemClock,
        sleep: realSleep,
        env: process.env,
        workspace: process.env.GITHUB_WORKSPACE || process.cwd(),
        fs: { stat: promises_.stat, readFile: promises_.readFile, realpath: promises_.realpath }
    };
}

;// CONCATENATED MODULE: ./src/runner/images.ts


const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s;
function decodeDataUrl(name) {
    const m = DATA_URL.exec(name);
    if (!m)
        return undefined;
    const mime = (m[1] || 'application/octet-stream').toLowerCase();
    const base64 = /;base64/i.test(m[2] ?? '');
    const payload = m[3] ?? '';
    const bytes = base64
        ? Buffer.from(payload, 'base64')
        : Buffer.from(decodeURIComponent(payload), 'utf8');
    const subtype = mime.split('/')[1] ?? 'bin';
    const extension = subtype === 'jpeg'
        ? 'jpg'
        : subtype === 'svg+xml'
            ? 'svg'
            : subtype.replace(/[^a-z0-9]/g, '') || 'bin';
    return { bytes, extension };
}
async function saveImages(fileNames, dir) {
    const saved = { files: [], dir, workspacePaths: [], locations: [] };
    for (const name of fileNames) {
        const image = decodeDataUrl(name);
        if (!image) {
            saved.workspacePaths.push(name);
            saved.locations.push(name);
            continue;
        }
        if (saved.files.length === 0)
            await (0,promises_.mkdir)(dir, { recursive: true });
        const file = (0,external_node_path_.join)(dir, `image-${saved.files.length + 1}.${image.extension}`);
        await (0,promises_.writeFile)(file, image.bytes);
        saved.files.push(file);
        saved.locations.push(file);
    }
    return saved;
}
function imageDir(runnerTemp, commandId) {
    return (0,external_node_path_.join)(runnerTemp, 'databricks-images', commandId.replace(/[^\w.-]/g, '_') || 'command');
}

;// CONCATENATED MODULE: ./src/runner/comment-body.ts




const COMMENT_MAX_CHARS = 60_000;
const COMMENT_TABLE_ROWS = 20;
const COMMENT_TEXT_LINES = 50;
const CELL_MAX_CHARS = 100;
const LINE_MAX_CHARS = 500;
function commentMarker(workflow, job, step) {
    const enc = (s) => encodeURIComponent(s).replace(/-/g, '%2D');
    return `<!-- databricks-run-command-action:${enc(workflow)}/${enc(job)}/${enc(step)} -->`;
}
function escapeBlock(text) {
    return htmlText(text).replace(/@/g, '@&#8203;');
}
function escapeInline(text) {
    return escapeBlock(text).replace(/&#10;/g, '<br>');
}
function buildComment(d) {
    const link = /^https?:\/\//.test(d.runUrl)
        ? ` · <a href="${htmlText(d.runUrl)}">workflow run</a>`
        : '';
    const head = [
        `<h3>${comment_body_headline(d.status, d.result)}</h3>`,
        `<p>Source <code>${escapeInline(d.source)}</code> · cluster <code>${escapeInline(d.clusterId)}</code> · ${htmlText(formatDuration(d.durationMs))}${link}</p>`
    ];
    const budget = COMMENT_MAX_CHARS - head.join('').length - 200;
    const body = d.result
        ? comment_body_renderResult(d.result, budget)
        : [
            `<p><strong><code>${escapeInline(cut(d.failure ?? 'The step failed.', 2000))}</code></strong></p>`
        ];
    return `${d.marker}\n${htmlBlock([...head, ...body])}`;
}
function comment_body_headline(status, r) {
    if (r?.type === 'error')
        return '❌ Databricks command failed with an error';
    const icons = {
        Finished: '✅',
        Cancelled: '⏹️',
        'Timed out': '⏱️',
        Failed: '❌'
    };
    return `${icons[status] ?? 'ℹ️'} Databricks command: ${escapeInline(status)}`;
}
function comment_body_renderResult(r, budget) {
    switch (r.type) {
        case 'text':
            return r.text ? textTail(r.text, budget) : ['<p><em>The command printed nothing.</em></p>'];
        case 'table':
            return tableHead(r, budget);
        case 'error': {
            const message = `<p><strong><code>${escapeInline(cut(r.message, 2000))}</code></strong></p>`;
            if (!r.traceback.trim())
                return [message];
            const room = budget - message.length - 100;
            return [message, `<details><summary>Traceback</summary>${pre(r.traceback, room)}</details>`];
        }
        case 'image':
        case 'images':
            return [
                `<p>${countOf(r.fileNames.length, 'image')}: ${r.fileNames
                    .slice(0, 10)
                    .map(f => `<code>${escapeInline(cut(f, 200))}</code>`)
                    .join(' ')}</p>`
            ];
        case 'none':
            return ['<p><em>No result.</em></p>'];
    }
}
function textTail(text, budget) {
    const all = text.replace(/\n$/, '').split('\n');
    let lines = all.slice(-COMMENT_TEXT_LINES).map(l => cut(l, LINE_MAX_CHARS));
    while (lines.length > 1 && escapeBlock(lines.join('\n')).length > budget)
        lines = lines.slice(1);
    const note = lines.length < all.length
        ? `<p><em>The last ${countOf(lines.length, 'line')} of ${groupDigits(all.length)}; the job summary and the result file have more.</em></p>`
        : '';
    return [note, pre(lines.join('\n'), budget)];
}
function tableHead(r, budget) {
    const th = r.columns.map(c => `<th><code>${escapeInline(cut(c.name, CELL_MAX_CHARS))}</code></th>`);
    let html = `<table><tr>${th.join('')}</tr>`;
    let shown = 0;
    let shortened = false;
    for (const row of r.rows.slice(0, COMMENT_TABLE_ROWS)) {
        const cells = r.columns.map((_, i) => formatCell(row[i], CELL_MAX_CHARS));
        const tr = `<tr>${cells.map(c => `<td><code>${escapeInline(c.text)}</code></td>`).join('')}</tr>`;
        if (html.length + tr.length > budget)
            break;
        shortened ||= cells.some(c => c.shortened);
        html += tr;
        shown++;
    }
    const notes = [
        shown < r.rows.length
            ? `The first ${countOf(shown, 'row')} of ${groupDigits(r.rows.length)}`
            : countOf(r.rows.length, 'row'),
        r.truncated ? 'Databricks truncated the result' : '',
        shortened ? `cells longer than ${CELL_MAX_CHARS} characters are shortened (…)` : ''
    ].filter(Boolean);
    return [`${html}</table>`, `<p><em>${notes.join('; ')}.</em></p>`];
}
function pre(text, budget) {
    let shown = text;
    while (shown.length > 0 && escapeBlock(shown).length > budget) {
        const ratio = Math.min(0.9, budget / escapeBlock(shown).length);
        shown = shown.slice(shown.length - Math.floor(shown.length * ratio));
        if (/^[\uDC00-\uDFFF]/.test(shown))
            shown = shown.slice(1);
    }
    return `<pre><code>${shown.length < text.length ? '…' : ''}${escapeBlock(shown)}</code></pre>`;
}
function cut(text, max) {
    return formatCell(text, max).text;
}

// EXTERNAL MODULE: ./src/runner/undici-on-demand.ts
var undici_on_demand = __webpack_require__(1162);
;// CONCATENATED MODULE: ./src/runner/github-comments.ts

async function restComments(pr, token, signal) {
    const [{ getOctokit }] = await Promise.all([__webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413)), (0,undici_on_demand/* loadUndici */.b7)()]);
    const octokit = getOctokit(token, { request: { signal } });
    const where = { owner: pr.owner, repo: pr.repo };
    const shape = (c) => ({
        id: c.id,
        body: c.body ?? '',
        url: c.html_url
    });
    return {
        list: async () => (await octokit.paginate(octokit.rest.issues.listComments, {
            ...where,
            issue_number: pr.number,
            per_page: 100
        })).map(shape),
        create: async (body) => shape((await octokit.rest.issues.createComment({ ...where, issue_number: pr.number, body })).data),
        update: async (id, body) => shape((await octokit.rest.issues.updateComment({ ...where, comment_id: id, body })).data)
    };
}

;// CONCATENATED MODULE: ./src/runner/pr-comment.ts




const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);
const PERMISSION_FIX = 'Give the job `permissions: pull-requests: write` (a job that sets any permissions gets none it does not name).';
const FORK_FIX = 'This pull request comes from a fork, and GitHub gives such runs a read-only token: the comment cannot be posted from this event. Read the result in the job summary, or post it from a `workflow_run` workflow.';
async function postStickyComment(r) {
    const event = r.env.GITHUB_EVENT_NAME ?? '';
    if (!PR_EVENTS.has(event)) {
        r.log.notice(`comment-on-pr is true, but this run was triggered by '${event || 'an unknown event'}', not a pull request: no comment was written. Comments are written on pull_request and pull_request_target events.`);
        return;
    }
    const pr = await pullRequest(r.env);
    if (typeof pr === 'string')
        return r.log.warning(`No pull request comment was written: ${pr}`);
    if (!r.token)
        return r.log.warning('No pull request comment was written: the github-token input is empty. Leave it at its default (${{ github.token }}) or pass a token that may write pull requests.');
    const where = `pull request #${pr.number} in ${pr.owner}/${pr.repo}`;
    const timeoutMs = r.timeoutMs ?? 30_000;
    const signal = AbortSignal.timeout(timeoutMs);
    try {
        const api = await (r.connect ?? restComments)(pr, r.token, signal);
        const mine = (await api.list()).find(c => c.body.startsWith(r.marker));
        const saved = mine ? await api.update(mine.id, r.body) : await api.create(r.body);
        r.log.info(`${mine ? 'Updated' : 'Created'} the comment on ${where}: ${saved.url}`);
    }
    catch (e) {
        const status = httpStatus(e);
        const why = signal.aborted
            ? `GitHub did not answer within ${formatDuration(timeoutMs)}`
            : errorMessage(e);
        const fix = status === 403 ? ` ${pr.fork ? FORK_FIX : PERMISSION_FIX}` : '';
        r.log.warning(`Could not write the comment on ${where}${status ? ` (HTTP ${status})` : ''}: ${why}.${fix} The step's result is not affected.`);
    }
}
async function pullRequest(env) {
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    if (!owner || !repo)
        return 'GITHUB_REPOSITORY is not set (owner/repo), so the repository is unknown.';
    if (!env.GITHUB_EVENT_PATH)
        return 'GITHUB_EVENT_PATH is not set, so the pull request is unknown.';
    let payload;
    try {
        payload = JSON.parse(await (0,promises_.readFile)(env.GITHUB_EVENT_PATH, 'utf8'));
    }
    catch (e) {
        return `the event file ${env.GITHUB_EVENT_PATH} cannot be read: ${errorMessage(e)}`;
    }
    const number = payload.pull_request?.number;
    if (typeof number !== 'number')
        return 'the event payload names no pull request.';
    const head = payload.pull_request?.head?.repo?.full_name;
    return { owner, repo, number, fork: typeof head === 'string' && head !== `${owner}/${repo}` };
}
function httpStatus(e) {
    const status = e && typeof e === 'object' ? e.status : undefined;
    return typeof status === 'number' && status >= 400 ? status : undefined;
}

;// CONCATENATED MODULE: ./src/runner/result-file.ts





const ROWS_PER_WRITE = 1000;
async function writeResultFile(result, dir, redact = t => t) {
    const folder = (0,external_node_path_.join)(dir || (0,external_node_os_.tmpdir)(), 'databricks-run-command');
    await (0,promises_.mkdir)(folder, { recursive: true });
    const ext = ['table', 'image', 'images'].includes(result.type) ? 'json' : 'txt';
    const path = (0,external_node_path_.join)(folder, `result-${(0,external_node_crypto_.randomUUID)()}.${ext}`);
    const file = await (0,promises_.open)(path, 'wx', 0o600);
    try {
        for (const chunk of resultChunks(result, redact))
            await file.write(chunk);
    }
    finally {
        await file.close();
    }
    return path;
}
function* resultChunks(r, redact) {
    switch (r.type) {
        case 'text':
            yield redact(r.text);
            return;
        case 'table': {
            yield `{"schema":${JSON.stringify(r.columns.map(c => ({ name: redact(c.name), type: c.type })))},\n"rows":[`;
            for (let i = 0; i < r.rows.length; i += ROWS_PER_WRITE) {
                const batch = r.rows.slice(i, i + ROWS_PER_WRITE).map(row => rowJson(row, redact));
                yield `${i === 0 ? '\n' : ',\n'}${batch.join(',\n')}`;
            }
            yield `\n],\n"truncated":${r.truncated}}\n`;
            return;
        }
        case 'error':
            yield `${redact(r.message)}\n\n${redact(r.traceback)}\n`;
            return;
        case 'failure':
            yield `${r.status}: ${redact(r.message)}\n`;
            return;
        case 'image':
        case 'images':
            yield `${JSON.stringify(r.fileNames.map(redact))}\n`;
            return;
        case 'none':
            return;
    }
}
function rowJson(row, redact) {
    return stringifyJson(row.map(v => (typeof v === 'string' ? redact(v) : v)));
}

;// CONCATENATED MODULE: ./src/runner/reports.ts






const COMMENT_BUDGET_AFTER_CANCEL_MS = 2000;
const runnerCommentLog = {
    info: m => lib_core/* info */.pq(m),
    notice: m => lib_core/* notice */.lm(m),
    warning: m => lib_core/* warning */.$e(m)
};
async function reportResultFile(r, c) {
    const content = r.result ?? {
        type: 'failure',
        status: r.status,
        message: r.failure ?? ''
    };
    try {
        const path = await writeResultFile(content, c.env.RUNNER_TEMP ?? '', c.redact);
        writeOutputs({ 'result-file': path });
    }
    catch (e) {
        lib_core/* warning */.$e(`The result file was not written: ${errorMessage(e)}`);
    }
}
async function reportComment(r, c, o) {
    const { inputs, env } = c;
    if (!inputs.commentOnPr)
        return;
    const marker = commentMarker(env.GITHUB_WORKFLOW ?? '', env.GITHUB_JOB ?? '', env.GITHUB_ACTION ?? '');
    const body = buildComment({
        marker,
        status: r.status,
        source: sourceLine(inputs),
        clusterId: inputs.clusterId,
        durationMs: r.durationMs,
        runUrl: runUrl(env),
        result: r.result,
        failure: r.failure
    });
    await postStickyComment({
        env,
        token: inputs.githubToken,
        marker,
        body: c.redact(body),
        log: runnerCommentLog,
        timeoutMs: o.cancelled ? COMMENT_BUDGET_AFTER_CANCEL_MS : undefined
    });
}
function sourceLine(inputs) {
    if (inputs.source?.kind !== 'inline')
        return inputs.sourceLabel;
    return inputs.source.code.split('\n').find(l => l.trim()) ?? inputs.sourceLabel;
}
function runUrl(env) {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
    if (!server || !repo || !id)
        return '';
    const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? '1');
    return `${server}/${repo}/actions/runs/${id}${attempt > 1 ? `/attempts/${attempt}` : ''}`;
}

;// CONCATENATED MODULE: ./src/flow/report-run.ts









async function reportRun(outcome, c, durationMs, phases, runnerTemp) {
    const inputs = c.inputs;
    const r = outcome.result;
    const images = await keepImages(r, imageDir(runnerTemp, outcome.commandId));
    writeOutputs(buildOutputs(outcome, undefined, images));
    runnerLogger.info(`Command ${outcome.commandId} ended ${outcome.status} after ${formatDuration(durationMs)}`);
    if (r.type === 'text' && r.text)
        printUntrusted('Output', r.text);
    if (r.type === 'table')
        runnerLogger.info(`Table result: ${plural(r.rows.length, 'row')}, columns ${shortList(r.columns.map(c => c.name))}${r.truncated ? ' (truncated by Databricks)' : ''}`);
    if (r.type === 'error' && r.traceback.trim())
        printUntrusted('Traceback', r.traceback);
    const rep = { status: outcome.status, durationMs, result: r };
    await reportResultFile(rep, c);
    await writeSummary(buildSummary({
        ...summaryHead(inputs),
        ...rep,
        images,
        phases: phasesInWords(phases, durationMs, false),
        counts: countsInWords(r, resultText(r, MAX_OUTPUT_BYTES).cut)
    }));
    await reportComment(rep, c, { cancelled: false });
    const failure = outcome.failure;
    if (!failure)
        return;
    if (inputs.failOnError)
        fail(c.redact(failure));
    else
        runnerLogger.warning(`${c.redact(failure)} (not failing the step: fail-on-error is false)`);
}
function shortList(names, maxChars = 2000) {
    const all = names.join(', ');
    if (all.length <= maxChars)
        return all;
    const shown = all.slice(0, maxChars).replace(/, [^,]*$/, '');
    return `${shown}, … (${plural(names.length, 'column')} in all)`;
}
async function keepImages(r, dir) {
    if (r.type !== 'image' && r.type !== 'images')
        return undefined;
    try {
        const saved = await saveImages(r.fileNames, dir);
        runnerLogger.info(`${plural(r.fileNames.length, 'image')} returned; ${saved.files.length} saved in ${dir} (output image-files)${saved.workspacePaths.length ? `, ${saved.workspacePaths.length} kept in the workspace under /FileStore/plots/` : ''}`);
        return saved;
    }
    catch (e) {
        runnerLogger.warning(`Could not save the command's images in ${dir}: ${errorMessage(e)}`);
        return undefined;
    }
}
function summaryHead(inputs) {
    const clusterId = inputs.clusterId || inputs.clusterName;
    return {
        clusterId,
        clusterUrl: inputs.clusterId ? clusterUrl(inputs.host, inputs.clusterId) : undefined,
        language: inputs.language,
        source: inputs.sourceLabel,
        inlineCode: inputs.source?.kind === 'inline' ? inputs.source.code : undefined
    };
}
async function reportFailure(r, c, phases, cancelled) {
    await reportResultFile(r, c);
    const words = phasesInWords(phases, r.durationMs, true);
    await writeSummary(buildSummary({ ...summaryHead(c.inputs), ...r, phases: words }));
    await reportComment(r, c, { cancelled });
}

;// CONCATENATED MODULE: ./src/databricks/parameters.ts
const CHUNK = 1000;
function chunks(text) {
    const out = [];
    for (let i = 0; i < text.length; i += CHUNK)
        out.push(text.slice(i, i + CHUNK));
    return out.length ? out : [''];
}
const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
function pythonPrelude(params) {
    const encoded = chunks(b64(JSON.stringify(Object.fromEntries(params))))
        .map(c => `    "${c}"`)
        .join('\n');
    return [
        '# Parameters, passed as data (base64-encoded JSON).',
        'params = __import__("json").loads(__import__("base64").b64decode(',
        encoded,
        ').decode("utf-8"))'
    ].join('\n');
}
function scalaPrelude(params) {
    const entries = [...params].map(([name, value]) => {
        const parts = chunks(b64(value))
            .map(c => `"${c}"`)
            .join(',\n    ');
        return `  "${name}" -> decode(Seq(\n    ${parts}\n  ).mkString)`;
    });
    return [
        '// Parameters, passed as data (base64-encoded UTF-8).',
        'val params: Map[String, String] = {',
        '  def decode(b: String): String =',
        '    new String(java.util.Base64.getDecoder.decode(b), java.nio.charset.StandardCharsets.UTF_8)',
        entries.length ? `  Map(\n${entries.join(',\n')}\n  )` : '  Map.empty[String, String]',
        '}'
    ].join('\n');
}
function rPrelude(params) {
    const entries = [...params].map(([name, value]) => {
        const hex = chunks(Buffer.from(value, 'utf8').toString('hex'))
            .map(c => `"${c}"`)
            .join(',\n    ');
        return `  \`${name}\` = .decode(c(\n    ${hex}\n  ))`;
    });
    return [
        '# Parameters, passed as data (hex-encoded UTF-8).',
        'params <- local({',
        '  .decode <- function(parts) {',
        '    h <- paste0(parts, collapse = "")',
        '    if (nchar(h) == 0) return("")',
        '    s <- rawToChar(as.raw(strtoi(substring(h, seq(1, nchar(h), 2), seq(2, nchar(h), 2)), 16L)))',
        '    Encoding(s) <- "UTF-8"',
        '    s',
        '  }',
        entries.length ? `  list(\n${entries.join(',\n')}\n  )` : '  list()',
        '})'
    ].join('\n');
}
function sqlThroughPython(query) {
    const encoded = chunks(b64(query))
        .map(c => `    "${c}"`)
        .join('\n');
    return [
        '# The SQL (base64-encoded), with its :name markers bound to params by Spark.',
        'display(spark.sql(__import__("base64").b64decode(',
        encoded,
        ').decode("utf-8"), args=params))'
    ].join('\n');
}
function sourceText(source) {
    return source.kind === 'inline' ? source.code : source.bytes.toString('utf8');
}
function bindParameters(language, source, params) {
    if (!params)
        return { contextLanguage: language, command: { language, source } };
    const inline = (lang, code) => ({
        language: lang,
        source: { kind: 'inline', code }
    });
    switch (language) {
        case 'python':
            return {
                contextLanguage: language,
                prelude: inline('python', pythonPrelude(params)),
                command: { language, source }
            };
        case 'scala':
            return {
                contextLanguage: language,
                prelude: inline('scala', scalaPrelude(params)),
                command: { language, source }
            };
        case 'r':
            return {
                contextLanguage: language,
                prelude: inline('r', rPrelude(params)),
                command: { language, source }
            };
        case 'sql':
            return {
                contextLanguage: 'python',
                prelude: inline('python', pythonPrelude(params)),
                command: inline('python', sqlThroughPython(sourceText(source)))
            };
    }
}

;// CONCATENATED MODULE: ./src/flow/step.ts




const UNKNOWN_CREATE = 'no answer came back, so the service may have created the context anyway; it was not retried, to avoid creating two. API 1.2 cannot list contexts: an idle one is evicted when the cluster needs room';
function whatStopsIt(sharedContext) {
    return sharedContext
        ? "the step that created the context (input context-id) destroys it when the job ends, which stops it; until then this context's later commands wait behind it"
        : 'the post step destroys its context, which stops it';
}
function unknownExecute(sharedContext) {
    return `no answer came back, so the command may have started; it was not retried, to avoid running it twice. ${capitalised(whatStopsIt(sharedContext))}`;
}
const CANCELLED_CREATE = `The job was cancelled while contexts/create had no answer; after waiting ${UNANSWERED_CALL_GRACE_MS / 1000} s for it the step stopped, to end inside the runner's kill window. The service may have created an execution context that this step cannot destroy: API 1.2 cannot list contexts, and the cluster evicts idle ones when it needs room (a restart removes them all).`;
function cancelledExecute(sharedContext) {
    return `The job was cancelled while commands/execute had no answer; after waiting ${UNANSWERED_CALL_GRACE_MS / 1000} s for it the step stopped, to end inside the runner's kill window. The command may have started; ${whatStopsIt(sharedContext)}.`;
}
function capitalised(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
}
async function step(doing, f, ifUnknown, ifCancelled) {
    try {
        return await f();
    }
    catch (e) {
        if (ifCancelled && e instanceof CancelledError)
            throw new CancelledError(ifCancelled);
        const wrapped = wrapError(doing, e);
        if (ifUnknown && e instanceof TransportError && !e.neverSent) {
            wrapped.message += ` (${ifUnknown})`;
        }
        if (e instanceof ApiError && e.evicted) {
            wrapped.message += ` (the context was evicted: a cluster keeps at most ${MAX_CONTEXTS_PER_CLUSTER} execution contexts and drops idle ones, or it restarted)`;
        }
        if (e instanceof ApiError && e.unauthorized) {
            wrapped.message +=
                ' (the credentials were refused: check that the token or password is valid, has not expired, and may use this cluster)';
        }
        throw wrapped;
    }
}

;// CONCATENATED MODULE: ./src/flow/context.ts





const CONTEXT_ATTEMPTS = 5;
const ROOM_SCHEDULE = { initialMs: 1000, factor: 1.5, maxMs: 10_000 };
const ROOM_PROGRESS_MS = 15_000;
async function openContext(exec, req, d) {
    const where = `cluster ${exec.clusterId}`;
    const call = { deadline: req.deadline, signal: d.signal };
    for (let attempt = 1;; attempt++) {
        const contextId = await createWhenRoom(exec, req, d);
        req.onCreated(contextId);
        d.logger.info(`Created execution context ${contextId}; waiting for it to be ready`);
        const ctx = await req.step(`Failed while waiting for execution context ${contextId} on ${where}`, () => pollUntil({
            what: `execution context ${contextId}`,
            fetch: () => exec.contextStatus(contextId, call),
            isDone: s => s !== 'Pending',
            describe: s => s,
            deadline: req.deadline,
            ...d
        }));
        if (!ctx.done) {
            throw new DeadlineError(`Timed out after ${req.deadline.label} waiting for execution context ${contextId} on ${where} (still ${ctx.last ?? 'Pending'}). The cluster may be overloaded; raise the timeout input or try again.`);
        }
        if (ctx.value === 'Running')
            return contextId;
        const pause = Math.min(16_000, 1000 * 2 ** (attempt - 1));
        const failed = `Execution context ${contextId} on ${where} ended in state ${ctx.value}`;
        if (attempt >= CONTEXT_ATTEMPTS || pause >= req.deadline.remaining()) {
            throw new Error(`${failed}${attempt > 1 ? ` (attempt ${attempt} of ${CONTEXT_ATTEMPTS})` : ''}; the cluster could not start a ${req.language} interpreter. A busy cluster does this; check the cluster's event log and driver logs, or run when it is less loaded.`);
        }
        d.logger.warning(`${failed} (attempt ${attempt} of ${CONTEXT_ATTEMPTS}; a busy cluster does this). Destroying it and creating another in ${formatDuration(pause)}.`);
        try {
            await exec.destroyContext(contextId, call);
        }
        catch (e) {
            d.logger.warning(`Could not destroy execution context ${contextId} (${e instanceof Error ? e.message : String(e)}); the cluster evicts it when it needs room.`);
        }
        await d.sleep(pause, d.signal);
    }
}
async function createWhenRoom(exec, req, d) {
    const call = { deadline: req.deadline, signal: d.signal };
    const random = d.random ?? Math.random;
    const started = d.clock.now();
    let nextProgress = started;
    let delay = ROOM_SCHEDULE.initialMs;
    for (let refused = 0;; refused++) {
        try {
            req.onCreating();
            const id = await req.create(waitForCluster => exec.createContext(req.language, { ...call, waitForCluster }));
            if (refused > 0)
                d.logger.info(`Cluster ${exec.clusterId} had room after ${formatDuration(d.clock.now() - started)} (${refused} refused)`);
            return id;
        }
        catch (e) {
            const refusal = e instanceof Error && e.cause instanceof ApiError ? e.cause : e;
            if (!(refusal instanceof ApiError && refusal.tooManyContexts))
                throw e;
            const wait = delay / 2 + (random() * delay) / 2;
            const waited = d.clock.now() - started;
            if (wait >= req.deadline.remaining()) {
                throw new DeadlineError(`Timed out after ${req.deadline.label} waiting for room for an execution context on cluster ${exec.clusterId}: it holds its maximum (${MAX_CONTEXTS_PER_CLUSTER} by default) and none was idle for ${formatDuration(waited)} (${refused + 1} tries). Raise the timeout input, run fewer steps at once on this cluster, or use another cluster.`);
            }
            if (d.clock.now() >= nextProgress) {
                d.logger.info(`Cluster ${exec.clusterId} is at its execution context limit and none is idle (${refusal.serviceMessage}); waiting for room (${refused + 1} tries, ${formatDuration(waited)} so far)`);
                nextProgress = d.clock.now() + ROOM_PROGRESS_MS;
            }
            await d.sleep(wait, d.signal);
            delay = Math.min(ROOM_SCHEDULE.maxMs, delay * ROOM_SCHEDULE.factor);
        }
    }
}

;// CONCATENATED MODULE: ./src/flow/create-context.ts






async function createOnReadyCluster(create, o) {
    const where = `cluster ${o.clusterId}`;
    const call = { deadline: o.deadline, signal: o.signal };
    try {
        return await create(false);
    }
    catch (e) {
        const refusal = e instanceof Error && e.cause instanceof ApiError ? e.cause : undefined;
        if (!refusal || refusal.tooManyContexts)
            throw e;
        const info = await step(`Failed to check ${where}`, () => lookAtCluster(o, call));
        if (clusterReadiness(info.state) === 'ready') {
            if (!refusal.clusterNotReady)
                throw e;
        }
        else {
            await step(`Failed to check ${where}`, () => ensureClusterReady(o));
        }
        return create(true);
    }
}
function openNewContext(exec, req, language, hooks, phaseEnded, d) {
    const where = `cluster ${req.clusterId}`;
    let clusterReady = false;
    const clusterPhaseEnded = () => {
        if (!clusterReady)
            phaseEnded('cluster');
        clusterReady = true;
    };
    return openContext(exec, {
        language: language,
        deadline: req.deadline,
        onCreating: () => { },
        onCreated: id => hooks.onContextCreated(id),
        create: f => createOnReadyCluster(waitForCluster => {
            if (waitForCluster)
                clusterPhaseEnded();
            hooks.onCreatingContext?.();
            return step(`Failed to create a ${language} execution context on ${where}`, () => f(waitForCluster).then(id => (clusterPhaseEnded(), id), (e) => {
                if (!(e instanceof CancelledError))
                    hooks.onCreateFailed?.();
                throw e;
            }), UNKNOWN_CREATE, CANCELLED_CREATE);
        }, {
            ...d,
            clusterId: req.clusterId,
            startCluster: req.startCluster,
            deadline: req.deadline,
            onStarted: () => hooks.onClusterStarted?.(),
            onSeen: state => hooks.onClusterSeen?.(state)
        }),
        step: step
    }, d);
}

;// CONCATENATED MODULE: ./src/flow/parameters.ts





async function defineParameters(exec, contextId, prelude, deadline, hooks, d) {
    const call = { deadline, signal: d.signal };
    const doing = `Failed to define the parameters (params) in execution context ${contextId}`;
    const failed = (what, e) => new Error(`${doing}: ${sentence(redact(what, prelude))}${d.attached ? sharedHint(contextId, prelude) : ''}`, { cause: e });
    const rethrow = (e, advise) => {
        if (e instanceof CancelledError || e instanceof DeadlineError)
            throw e;
        const said = parameters_firstLine(errorMessage(e));
        throw advise ? failed(said, e) : new Error(`${doing}: ${redact(said, prelude)}`, { cause: e });
    };
    let commandId = '';
    try {
        commandId = await exec.execute(contextId, prelude.language, prelude.source, call);
    }
    catch (e) {
        rethrow(e, e instanceof ApiError && !e.unauthorized && !e.rateLimited);
    }
    hooks.onStarted(commandId);
    const outcome = await pollUntil({
        what: `command ${commandId} (parameters)`,
        fetch: () => exec.commandStatus(contextId, commandId, call),
        isDone: isFinalCommandState,
        describe: s => s.status,
        deadline,
        ...d
    }).catch((e) => rethrow(e, false));
    if (!outcome.done)
        throw new DeadlineError(`Timed out after ${deadline.label} while defining the parameters in execution context ${contextId}.`);
    hooks.onEnded();
    const result = parseResults(outcome.value.results);
    if (outcome.value.status !== 'Finished' || result.type === 'error')
        throw failed(`the command ended ${outcome.value.status}${result.type === 'error' ? ` with ${parameters_firstLine(result.message)}` : ''}.`);
    d.logger.info(`Defined params (${prelude.language}) in execution context ${contextId}`);
}
const parameters_firstLine = (text) => text.trim().split('\n')[0]?.trim() ?? '';
const sentence = (text) => (/[.!?]$/.test(text) ? text : `${text}.`);
function sharedHint(contextId, prelude) {
    const lang = prelude.language;
    const name = { python: 'a Python', scala: 'a Scala', r: 'an R', sql: 'a SQL' }[lang];
    const sql = lang === 'python' ? ' (SQL with parameters runs in Python too)' : '';
    return ` Execution context ${contextId} was made by an earlier step (input context-id), and params are defined by ${name} command${sql}, so that context must be ${name} one: create the shared context with language: ${lang} in the step that makes it.`;
}
function redact(text, prelude) {
    const code = prelude.source.kind === 'inline' ? prelude.source.code : '';
    const payload = [...code.matchAll(/"([A-Za-z0-9+/=]*)"/g)].map(m => m[1] ?? '').join('');
    if (!payload)
        return text;
    return text.replace(/[A-Za-z0-9+/=]{8,}/g, run => payload.includes(run) ? '[encoded parameters]' : run);
}

;// CONCATENATED MODULE: ./src/flow/shared-context.ts





async function attachContext(exec, contextId, deadline, d) {
    const call = { deadline, signal: d.signal };
    const where = `cluster ${exec.clusterId}`;
    const [cluster, status] = await Promise.allSettled([
        clusters_getCluster(d.api, exec.clusterId, call),
        exec.contextStatus(contextId, call)
    ]);
    const info = cluster.status === 'fulfilled' ? cluster.value : undefined;
    if (status.status === 'rejected') {
        const e = status.reason;
        const down = info !== undefined && clusterReadiness(info.state) !== 'ready';
        if ((e instanceof ApiError && (e.contextGone || e.evicted)) || down)
            throw new Error(gone(contextId, exec.clusterId, info, e), { cause: e });
        throw wrapError(`Failed to check execution context ${contextId} on ${where}`, e);
    }
    let state = status.value;
    if (state === 'Pending') {
        const outcome = await pollUntil({
            what: `execution context ${contextId}`,
            fetch: () => exec.contextStatus(contextId, call),
            isDone: s => s !== 'Pending',
            describe: s => s,
            deadline,
            ...d
        });
        if (!outcome.done)
            throw new DeadlineError(`Timed out after ${deadline.label} waiting for execution context ${contextId} on ${where} (still Pending).`);
        state = outcome.value;
    }
    if (state !== 'Running')
        throw new Error(`Execution context ${contextId} (input context-id) on ${where} is in state ${state} and cannot run commands. Remove context-id to run in a fresh context, or re-run the job so the step that creates it makes a new one.`);
    d.logger.info(`Running in execution context ${contextId} on ${where}, made by an earlier step`);
    return info?.state;
}
const SAME_CLUSTER = 'cluster-id: ${{ steps.<setup>.outputs.cluster-id }}';
function gone(contextId, clusterId, info, e) {
    const why = info && clusterReadiness(info.state) !== 'ready'
        ? `the cluster is ${describeCluster(info)}, and a context does not outlive its cluster`
        : `it was destroyed (by the post step of the step that created it, or by hand), evicted (a cluster keeps at most ${MAX_CONTEXTS_PER_CLUSTER} contexts and drops idle ones), or the cluster restarted; or, likeliest, it was made on another cluster: this step's cluster-id or cluster-name differs from the one of the step that created it, and a context is known only on its own cluster`;
    const said = e instanceof Error ? ` (Databricks said: ${e.message})` : '';
    return (`Execution context ${contextId} (input context-id) is gone from cluster ${clusterId}: ${why}${said}. ` +
        `Give this step the cluster of the step that created the context (${SAME_CLUSTER}). ` +
        `Pass the context-id output of a step that ran earlier in this same job on that cluster (its post step destroys the context only when the job ends), or remove context-id to run in a fresh context.`);
}

;// CONCATENATED MODULE: ./src/flow/outcome.ts


const SHUTDOWN_WHY = `its execution context was shut down while it ran. Databricks does this when the cluster restarts or terminates, or when it evicts the context to make room (a cluster keeps at most ${MAX_CONTEXTS_PER_CLUSTER}). Run the step again once the cluster is RUNNING`;
function verdict(commandId, status, raw, result) {
    if (isContextShutdown(raw)) {
        return { status: 'Cancelled', failure: `Command ${commandId} did not finish: ${SHUTDOWN_WHY}.` };
    }
    if (status === 'Cancelled' || isCancellation(raw)) {
        const why = result.type === 'error' ? `: ${result.message}` : '';
        return {
            status: 'Cancelled',
            failure: `Command ${commandId} was cancelled outside this step${why}`
        };
    }
    if (status === 'Error') {
        const why = commandErrorMessage(raw);
        return {
            status,
            failure: `Command ${commandId} ended with status Error${why ? `: ${why}` : ''}`
        };
    }
    if (result.type === 'error')
        return { status, failure: result.message };
    return { status };
}

;// CONCATENATED MODULE: ./src/flow/run-command.ts













async function runCommand(req, hooks, d) {
    const call = { deadline: req.deadline, signal: d.signal };
    const exec = new ExecutionApi(d.api, req.clusterId);
    let cancelledAt;
    const noteCancel = () => {
        cancelledAt ??= d.clock.now();
    };
    if (d.signal?.aborted)
        noteCancel();
    else
        d.signal?.addEventListener('abort', noteCancel, { once: true });
    const cancelBudget = () => Math.max(1000, JOB_CANCEL_BUDGET_MS - (d.clock.now() - (cancelledAt ?? d.clock.now())));
    const where = `cluster ${req.clusterId}`;
    const shared = req.contextId !== undefined;
    let phaseStart = d.clock.now();
    const phaseEnded = (phase) => {
        const now = d.clock.now();
        hooks.onPhaseEnded?.(phase, now - phaseStart);
        phaseStart = now;
    };
    const bound = bindParameters(req.language, req.source, req.parameters);
    let contextId;
    let clusterState;
    if (req.contextId) {
        contextId = req.contextId;
        clusterState = await attachContext(exec, contextId, req.deadline, d);
        phaseEnded('context');
    }
    else {
        contextId = await openNewContext(exec, req, bound.contextLanguage, hooks, phaseEnded, d);
        clusterState = 'RUNNING';
        phaseEnded('context');
    }
    if (bound.prelude)
        await defineParameters(exec, contextId, bound.prelude, req.deadline, {
            onStarted: id => hooks.onParametersCommandStarted?.(id),
            onEnded: () => hooks.onCommandEnded()
        }, { ...d, attached: shared });
    const commandId = await step(`Failed to start the command in context ${contextId} on ${where}`, () => exec.execute(contextId, bound.command.language, bound.command.source, call), unknownExecute(shared), cancelledExecute(shared));
    hooks.onCommandStarted(commandId);
    d.logger.info(`Started command ${commandId}`);
    let final;
    try {
        const outcome = await step(`Failed while waiting for command ${commandId}`, () => pollUntil({
            what: `command ${commandId}`,
            fetch: () => exec.commandStatus(contextId, commandId, call),
            isDone: isFinalCommandState,
            describe: s => s.status,
            deadline: req.deadline,
            ...d
        }));
        if (!outcome.done) {
            const budget = d.cancelWaitMs ?? TIMEOUT_CANCEL_WAIT_MS;
            const after = await cancelAndWait(exec, contextId, commandId, budget, d);
            if (after)
                hooks.onCommandEnded();
            throw new DeadlineError(`The command timed out after ${req.deadline.label} (the timeout input) and ${after ? 'was cancelled' : `did not stop within ${formatDuration(budget)} of being cancelled; ${shared ? 'the post step cancels it again, and ' : ''}${whatStopsIt(shared)}`}.`);
        }
        final = outcome.value;
    }
    catch (e) {
        if (e instanceof CancelledError) {
            const stopped = await cancelAndWait(exec, contextId, commandId, cancelBudget(), d);
            if (stopped)
                hooks.onCommandEnded();
            throw new CancelledError(`The job was cancelled; command ${commandId} ${stopped ? 'was cancelled' : 'was asked to cancel'}.`);
        }
        throw e;
    }
    hooks.onCommandEnded();
    phaseEnded('command');
    const result = parseResults(final.results, bound.command.language);
    return {
        contextId,
        commandId,
        result,
        ...verdict(commandId, final.status, final.results, result),
        clusterState
    };
}
async function cancelAndWait(exec, contextId, commandId, budgetMs, d) {
    const call = { deadline: Deadline.after(d.clock, budgetMs, formatDuration(budgetMs)) };
    try {
        d.logger.info(`Cancelling command ${commandId}`);
        await exec.cancelCommand(contextId, commandId, call);
        const outcome = await pollUntil({
            what: `command ${commandId} to cancel`,
            fetch: () => exec.commandStatus(contextId, commandId, call),
            isDone: isFinalCommandState,
            describe: s => s.status,
            deadline: call.deadline,
            clock: d.clock,
            sleep: d.sleep,
            logger: d.logger
        });
        return outcome.done;
    }
    catch (e) {
        d.logger.warning(`Could not cancel command ${commandId}: ${errorMessage(e)}`);
        return false;
    }
}

;// CONCATENATED MODULE: ./src/flow/main-step.ts

















async function runMain(deps = defaultDeps()) {
    const watcher = deps.signal ? undefined : watchJobCancel();
    const signal = deps.signal ?? watcher?.signal;
    const started = deps.clock.now();
    let inputs;
    const ids = { contextId: '', commandId: '' };
    let clusterState;
    const onClusterSeen = (state) => {
        clusterState = state;
    };
    const phases = {};
    const secrets = new Secrets();
    secrets.onAdd(mask);
    try {
        const raw = readRawInputs();
        secrets.add(raw.githubToken);
        registerConfiguredSecrets(raw.credentials, deps.env, secrets);
        registerHostSecrets([raw.host, deps.env.DATABRICKS_HOST], secrets);
        inputs = await parseInputs(raw, deps.env, deps.workspace, deps.fs);
        for (const n of inputs.notices)
            notice(n);
        const auth = createAuthenticator(inputs.host, inputs.credentials, {
            ...deps,
            logger: runnerLogger,
            secrets,
            requestTimeoutMs: inputs.requestTimeoutMs
        });
        writeOutputs({ 'auth-type': auth.authType });
        if (auth.authType === 'basic')
            runnerLogger.warning(BASIC_RETIRED);
        const api = new DatabricksApi({
            secrets,
            host: inputs.host,
            auth,
            transport: deps.transport,
            sleep: deps.sleep,
            logger: runnerLogger,
            requestTimeoutMs: inputs.requestTimeoutMs
        });
        const where = inputs.clusterId || `'${inputs.clusterName}'`;
        runnerLogger.info(`Running ${inputs.sourceLabel}${inputs.source ? ` (${inputs.language})` : ''} on cluster ${where} at ${inputs.host}, with ${auth.description}; timeout ${inputs.timeoutLabel}`);
        const deadline = Deadline.after(deps.clock, inputs.timeoutMs, inputs.timeoutLabel);
        if (!inputs.clusterId)
            inputs.clusterId = await resolveClusterName(api, inputs.clusterName, { deadline, signal }, runnerLogger);
        const host = inputs.host;
        const clusterId = inputs.clusterId;
        saveCluster(host, clusterId);
        writeOutputs({ 'cluster-id': clusterId });
        const source = inputs.source;
        if (!source) {
            await runClusterStep(inputs, {
                api,
                deadline,
                ...deps,
                signal,
                started,
                onSeen: onClusterSeen
            });
            return;
        }
        if (inputs.contextId) {
            ids.contextId = inputs.contextId;
            saveSharedContext(inputs.contextId);
            writeOutputs({ 'context-id': inputs.contextId });
        }
        const outcome = await runCommand({
            clusterId,
            language: inputs.language,
            source,
            startCluster: inputs.startCluster,
            deadline,
            contextId: inputs.contextId || undefined,
            parameters: inputs.parameters
        }, {
            onCreatingContext: () => saveContextRequested(host, clusterId),
            onCreateFailed: () => clearContextRequested(),
            onContextCreated: id => {
                ids.contextId = id;
                saveContext(host, clusterId, id);
                writeOutputs({ 'context-id': id });
            },
            onCommandStarted: id => {
                ids.commandId = id;
                saveCommand(id);
                writeOutputs({ 'command-id': id });
            },
            onParametersCommandStarted: id => saveCommand(id),
            onCommandEnded: () => saveCommandDone(),
            onClusterStarted: () => saveClusterStarted(),
            onClusterSeen,
            onPhaseEnded: (phase, ms) => {
                phases[phase] = ms;
            }
        }, { api, clock: deps.clock, sleep: deps.sleep, logger: runnerLogger, signal });
        await reportRun(outcome, { inputs, env: deps.env, redact: t => secrets.redact(t) }, deps.clock.now() - started, phases, deps.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)());
    }
    catch (e) {
        const message = secrets.redact(errorMessage(e));
        const status = e instanceof DeadlineError
            ? 'Timed out'
            : e instanceof CancelledError
                ? 'Cancelled'
                : 'Failed';
        writeOutputs(e instanceof InputError
            ? { status }
            : {
                status,
                ...idOutputs(ids),
                ...(clusterState ? { 'cluster-state': clusterState } : {})
            });
        if (inputs)
            await reportFailure({ status, durationMs: deps.clock.now() - started, failure: message }, { inputs, env: deps.env, redact: t => secrets.redact(t) }, phases, e instanceof CancelledError);
        fail(message);
    }
    finally {
        watcher?.dispose();
        deps.transport.close?.();
    }
}
function idOutputs(ids) {
    return { 'context-id': ids.contextId, 'command-id': ids.commandId };
}


/***/ }),

/***/ 1162:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b7: () => (/* binding */ loadUndici),
/* harmony export */   hd: () => (/* binding */ fetch),
/* harmony export */   kT: () => (/* binding */ ProxyAgent)
/* harmony export */ });
let real;
async function loadUndici() {
    if (real)
        return;
    const { ProxyAgent, fetch } = await __webpack_require__.e(/* import() */ 752).then(__webpack_require__.t.bind(__webpack_require__, 6752, 19));
    real = { ProxyAgent, fetch };
}
function loaded() {
    if (!real)
        throw new Error('undici was used before loadUndici() loaded it');
    return real;
}
const ProxyAgent = class {
    constructor(...args) {
        return new (loaded().ProxyAgent)(...args);
    }
};
const fetch = (...args) => loaded().fetch(...args);


/***/ })

};
