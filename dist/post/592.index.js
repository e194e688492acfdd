export const id = 592;
export const ids = [592];
export const modules = {

/***/ 567:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPost: () => (/* binding */ runPost)
});

;// CONCATENATED MODULE: ./src/common/errors.ts
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
class errors_InputError extends Error {
    name = 'InputError';
}
class errors_DeadlineError extends Error {
    name = 'DeadlineError';
}
class CancelledError extends Error {
    name = 'CancelledError';
    constructor(message = 'The job was cancelled') {
        super(message);
    }
}
function wrapError(doing, e) {
    if (e instanceof CancelledError || e instanceof errors_DeadlineError)
        return e;
    const wrapped = new Error(`${doing}: ${errors_errorMessage(e)}`, { cause: e });
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

;// CONCATENATED MODULE: ./src/common/duration.ts
const UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
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
function duration_formatDuration(ms) {
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
function text_stripAnsi(text) {
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


class api_error_ApiError extends Error {
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
    return new api_error_ApiError(status, message, code, seconds);
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
    if (e instanceof api_error_ApiError) {
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
            const unlimited = e instanceof api_error_ApiError && e.clusterNotReady;
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
            else if (statusOf(e) === 429 || (e instanceof api_error_ApiError && e.rateLimited)) {
                delay = Math.max(delay, 1000);
            }
            if (delay >= c.deadline.remaining()) {
                throw new errors_DeadlineError(`${errors_errorMessage(e)} (not retried: the ${c.deadline.label} deadline would pass first)`);
            }
            const of = unlimited ? '' : ` of ${o.maxAttempts - 1}`;
            c.logger.info(`Retry ${attempt}${of} in ${Math.round(delay)} ms: ${c.label}: ${errors_errorMessage(e)}`);
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
            if (!(e instanceof api_error_ApiError && e.status === 401 && idempotent && this.o.auth.renew()))
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
function api_jsonBody(value) {
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
function auth_settings_describe(k) {
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
function auth_choice_chooseCredentials(raw, env, hostname) {
    const s = resolve(raw, env);
    const has = (k) => s[k].value !== '';
    const v = (k) => s[k].value;
    const hasIdToken = !!(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
    const need = (type, ...keys) => {
        const missing = keys.filter(k => !has(k));
        if (missing.length)
            throw new errors_InputError(`${type} authentication needs ${missing.map(auth_settings_describe).join(' and ')}: set ${missing.length > 1 ? 'them' : 'it'}, or choose another auth-type.`);
    };
    const needIdToken = (type) => {
        if (!hasIdToken)
            throw new errors_InputError(`${type} authentication needs a GitHub ID token, and this job has none. ${PERMISSION_HELP}`);
    };
    let type = v('authType').toLowerCase();
    if (type && !AUTH_TYPES.includes(type))
        throw new errors_InputError(`Invalid ${s.authType.from} '${v('authType')}': expected one of ${AUTH_TYPES.join(', ')}.`);
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
        throw new errors_InputError(`More than one authorization method configured: ${list}. Set auth-type to the one to use (one of ${AUTH_TYPES.join(', ')}), or remove the others.`);
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
        throw new errors_InputError(`${s.clientId.from} was given without a client secret: set ${auth_settings_describe('clientSecret')} for oauth-m2m, or give the job \`permissions: id-token: write\` for github-oidc federation with that service principal.`);
    }
    if (kind === 'azure') {
        if (has('azureClientSecret'))
            return 'azure-client-secret';
        if (hasIdToken)
            return 'github-oidc-azure';
        throw new errors_InputError(`Azure service principal settings were given without a secret: set ${auth_settings_describe('azureClientSecret')} for azure-client-secret, or give the job \`permissions: id-token: write\` for github-oidc-azure.`);
    }
    if (hasIdToken)
        return 'github-oidc';
    throw new errors_InputError('No credentials: set the token input (e.g. token: ${{ secrets.DATABRICKS_TOKEN }}) or DATABRICKS_TOKEN; or client-id and client-secret for a service principal (oauth-m2m); or give the job `permissions: id-token: write` for GitHub OIDC federation (github-oidc, no secret at all). See auth-type for every method.');
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
            throw new errors_InputError(`Invalid AZURE_AUTHORITY_HOST '${authority}': expected an https:// URL such as https://login.microsoftonline.com.`);
        return {
            login: url.origin,
            management: known?.management ?? 'https://management.core.windows.net/'
        };
    }
    if (known)
        return known;
    throw new errors_InputError(`${type} authentication signs in with Microsoft Entra ID, but host ${hostname} is not an Azure Databricks workspace (${AZURE_DOMAINS.join(', ')}), so its sign-in host is unknown: set AZURE_AUTHORITY_HOST, e.g. https://login.microsoftonline.com.`);
}

;// CONCATENATED MODULE: ./src/runner/connection.ts

const HOST_EXAMPLE = 'https://adb-1234567890123456.7.azuredatabricks.net';
function connection_parseHost(value) {
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
                this.o.logger.warning(`Could not renew the ${this.o.what} (${errors_errorMessage(e)}); the current one is still valid for ${Math.round((c.expiresAt - this.o.clock.now()) / 1000)} s, trying again on the next request`);
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
            c.logger.debug(`No service-management token (${errors_errorMessage(e)}); signing in without it`);
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
        c.logger.debug(`No host metadata (${errors_errorMessage(e)}); using ${root}`);
    }
    const url = `${root}/.well-known/oauth-authorization-server`;
    let doc;
    try {
        doc = await getJson(c, url, call, true);
    }
    catch (e) {
        if (e instanceof TokenEndpointError && e.status === 404)
            throw new Error(`Databricks OAuth is not supported for this host: ${url} answered HTTP 404. Check the host, or use a personal access token.`, { cause: e });
        throw new Error(`Could not discover the OAuth token endpoint: ${errors_errorMessage(e)}`, { cause: e });
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

;// CONCATENATED MODULE: ./src/databricks/execution.ts

const execution_LANGUAGES = (/* unused pure expression or super */ null && (['python', 'scala', 'sql', 'r']));
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
        const body = api_jsonBody({ clusterId: this.clusterId, language });
        const answer = await this.api.post('/api/1.2/contexts/create', body, call);
        return stringField(answer, 'id', 'contexts/create');
    }
    async contextStatus(contextId, call) {
        const q = { clusterId: this.clusterId, contextId };
        const answer = await this.api.get('/api/1.2/contexts/status', q, call);
        return enumField(answer, 'status', CONTEXT_STATUSES, 'contexts/status');
    }
    async destroyContext(contextId, call) {
        const body = api_jsonBody({ clusterId: this.clusterId, contextId });
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
        const body = api_jsonBody({ clusterId: this.clusterId, contextId, commandId });
        await this.api.post('/api/1.2/commands/cancel', body, call, { idempotent: true });
    }
}
async function commandBody(clusterId, contextId, language, source) {
    if (source.kind === 'inline')
        return api_jsonBody({ language, clusterId, contextId, command: source.code });
    const form = new FormData();
    form.append('language', language);
    form.append('clusterId', clusterId);
    form.append('contextId', contextId);
    form.append('command', new Blob([new Uint8Array(source.bytes)]), source.name);
    const encoded = new Response(form);
    const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data';
    return { contentType, data: Buffer.from(await encoded.arrayBuffer()) };
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
function raw_inputs_orDefault(raw, key) {
    return raw[key] || INPUTS[key].default;
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/runner/source.ts


const MAX_FILE_BYTES = (/* unused pure expression or super */ null && (10 * 1024 * 1024));
async function source_resolveSource(file, workspace, fs, runnerTemp = '') {
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
    return { source: { kind: 'file', name: path.basename(full), bytes }, label: file };
}
async function checkContained(file, full, roots, fs) {
    const real = await fs.realpath(full);
    for (const root of roots) {
        const realRoot = await fs.realpath(root).catch(() => path.resolve(root));
        const rel = path.relative(realRoot, real);
        if (rel && !rel.startsWith('..') && !path.isAbsolute(rel))
            return;
    }
    throw new InputError(`Input file '${file}' is outside the workspace${full === real ? '' : ` (it resolves to ${real})`}: only files inside GITHUB_WORKSPACE or RUNNER_TEMP are read. Give a path in the repository.`);
}

;// CONCATENATED MODULE: ./src/runner/composition-inputs.ts

const TERMINATE_MODES = (/* unused pure expression or super */ null && (['never', 'if-started', 'always']));
function composition_inputs_parseClusterChoice(raw, env) {
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
function composition_inputs_parseTerminateMode(value) {
    if (value === '')
        return 'never';
    if (TERMINATE_MODES.includes(value))
        return value;
    throw new InputError(`Invalid input terminate-cluster '${value}': expected one of ${TERMINATE_MODES.join(', ')}.`);
}
function composition_inputs_parseContextId(value) {
    if (value && !/^[\w.-]+$/.test(value))
        throw new InputError(`Invalid input context-id '${value}': give the context-id output of the step that created the context, e.g. \${{ steps.setup.outputs.context-id }}.`);
    return value;
}
function composition_inputs_checkClusterOnlyStep(raw, startCluster, terminate) {
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
async function parameters_input_parseParameters(text) {
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










const MAX_TIMEOUT_MS = (/* unused pure expression or super */ null && (5 * 24 * 3_600_000));
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
    core.startGroup(title);
    logUntrusted(text);
    core.endGroup();
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
    core.setFailed(message);
}
function notice(message) {
    core.notice(message);
}

;// CONCATENATED MODULE: ./src/runner/signals.ts

function watchJobCancel() {
    const controller = new AbortController();
    const handler = (name) => {
        if (!controller.signal.aborted)
            core.info(`Received ${name}: the job is being cancelled`);
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

;// CONCATENATED MODULE: ./src/runner/state.ts

function saveCluster(host, clusterId) {
    core.saveState('host', host);
    core.saveState('cluster-id', clusterId);
}
function saveSharedContext(contextId) {
    core.saveState('context-id', contextId);
    core.saveState('context-shared', 'true');
}
function saveClusterStarted() {
    core.saveState('cluster-started', 'true');
}
function saveClusterTerminated() {
    core.saveState('cluster-terminated', 'true');
}
function saveContextRequested(host, clusterId) {
    core.saveState('host', host);
    core.saveState('cluster-id', clusterId);
    core.saveState('context-requested', 'true');
}
function clearContextRequested() {
    core.saveState('context-requested', 'false');
}
function saveContext(host, clusterId, contextId) {
    core.saveState('host', host);
    core.saveState('cluster-id', clusterId);
    core.saveState('context-id', contextId);
}
function saveCommand(commandId) {
    core.saveState('command-id', commandId);
    core.saveState('command-done', 'false');
}
function saveCommandDone() {
    core.saveState('command-done', 'true');
}
function readState(get = n => lib_core/* getState */.Gu(n)) {
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

;// CONCATENATED MODULE: ./src/flow/cleanup.ts






async function cleanUp(left, d) {
    await cancelLeftCommand(left, d);
    await destroyLeftContext(left, d);
}
async function cancelLeftCommand(left, d) {
    const exec = new ExecutionApi(d.api, left.clusterId);
    if (left.commandId && !left.commandDone) {
        try {
            await exec.cancelCommand(left.contextId, left.commandId, {
                deadline: Deadline.after(d.clock, POST_CANCEL_BUDGET_MS, duration_formatDuration(POST_CANCEL_BUDGET_MS))
            });
            d.logger.info(`Cancelled command ${left.commandId}`);
        }
        catch (e) {
            d.logger.info(`Could not cancel command ${left.commandId} (${errors_errorMessage(e)}); ${left.contextShared ? 'the step that created its context (input context-id) destroys it when the job ends, which stops it' : 'destroying its context stops it'}`);
        }
    }
}
async function destroyLeftContext(left, d) {
    const exec = new ExecutionApi(d.api, left.clusterId);
    const deadline = d.deadline;
    if (left.contextShared) {
        d.logger.info(`Leaving execution context ${left.contextId} (input context-id): the step that created it destroys it in its own post step`);
        return;
    }
    try {
        await exec.destroyContext(left.contextId, { deadline });
        d.logger.info(`Destroyed execution context ${left.contextId} on cluster ${left.clusterId}`);
    }
    catch (e) {
        if (e instanceof api_error_ApiError && e.contextGone) {
            d.logger.info(`Execution context ${left.contextId} was already gone (${errors_errorMessage(e)})`);
            return;
        }
        d.logger.warning(`Could not destroy execution context ${left.contextId} on cluster ${left.clusterId}: ${errors_errorMessage(e)}. ${manualDestroy(left, d.authType)}`);
    }
}
function manualDestroy(left, authType) {
    return (`It stays on the cluster until the cluster evicts it or restarts (each cluster holds at most ${MAX_CONTEXTS_PER_CLUSTER}). ` +
        `To remove it now: curl -X POST ${left.host}/api/1.2/contexts/destroy ${curlCredentials(left.host, authType)} ` +
        `-d '{"clusterId":"${left.clusterId}","contextId":"${left.contextId}"}'`);
}
function curlCredentials(host, authType) {
    switch (authType) {
        case 'basic':
            return '-u "$DATABRICKS_USERNAME:$DATABRICKS_PASSWORD"';
        case undefined:
        case 'pat':
            return '-H "Authorization: Bearer $DATABRICKS_TOKEN"';
        case 'oauth-m2m':
        case 'github-oidc':
        case 'azure-client-secret':
        case 'github-oidc-azure':
        case 'azure-cli':
            return `-H "Authorization: Bearer $(databricks auth token --host ${host} | jq -r .access_token)"`;
    }
}

;// CONCATENATED MODULE: ./src/common/poll.ts

const DEFAULT_SCHEDULE = { minMs: 100, fraction: 0.13, maxMs: 10_000 };
function pollGap(s, elapsedMs) {
    return Math.min(s.maxMs, Math.max(s.minMs, s.fraction * elapsedMs));
}
async function poll_pollUntil(o) {
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
    await api.post('/api/2.0/clusters/delete', api_jsonBody({ cluster_id: clusterId }), call, {
        idempotent: true
    });
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
function clusters_clusterReadiness(state) {
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
async function clusters_startCluster(api, clusterId, call) {
    await api.post('/api/2.0/clusters/start', jsonBody({ cluster_id: clusterId }), call, {
        idempotent: true
    });
}
function clusters_describeCluster(info) {
    return info.stateMessage ? `${info.state} (${info.stateMessage})` : info.state;
}

;// CONCATENATED MODULE: ./src/flow/cluster.ts





async function cluster_lookAtCluster(o, call) {
    const info = await getCluster(o.api, o.clusterId, call);
    o.onSeen?.(info.state);
    return info;
}
const CLUSTER_SCHEDULE = { minMs: 1000, fraction: 0.5, maxMs: 10_000 };
function pollCluster(o, what, isDone) {
    const call = { deadline: o.deadline, signal: o.signal };
    return pollUntil({
        what: `cluster ${o.clusterId} ${what}`,
        fetch: () => cluster_lookAtCluster(o, call),
        isDone,
        describe,
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
    o.logger.info(`Cluster ${o.clusterId} is ${describe(info)}; waiting for it to be TERMINATED before starting it (Databricks cannot start a cluster that is still terminating)`);
    const outcome = await pollCluster(o, 'to finish terminating', c => c.state !== 'TERMINATING');
    if (!outcome.done) {
        throw new DeadlineError(`Timed out after ${o.deadline.label} waiting for cluster ${o.clusterId} to finish terminating before starting it. Raise the timeout input, or start the cluster once it is TERMINATED.`);
    }
    return outcome.value;
}
async function cluster_ensureClusterReady(o) {
    const call = { deadline: o.deadline, signal: o.signal };
    let info = await cluster_lookAtCluster(o, call);
    if (clusterReadiness(info.state) === 'ready')
        return info;
    if (info.state === 'TERMINATING' && o.startCluster)
        info = await waitTerminated(o, info);
    const readiness = clusterReadiness(info.state);
    if (readiness === 'stopped') {
        if (!o.startCluster) {
            throw new Error(`Cluster ${o.clusterId} is ${describe(info)}. ` +
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
        throw new Error(`Cluster ${o.clusterId} is in state ${describe(info)} and cannot run commands.`);
    }
    const started = o.clock.now();
    const outcome = await pollCluster(o, 'to start', c => clusterReadiness(c.state) === 'ready' || c.state === 'TERMINATED' || c.state === 'ERROR');
    if (!outcome.done) {
        throw new DeadlineError(`Timed out after ${o.deadline.label} waiting for cluster ${o.clusterId} to start (last state ${outcome.last?.state ?? 'unknown'}). Raise the timeout input or start the cluster ahead of the job.`);
    }
    info = outcome.value;
    if (clusterReadiness(info.state) !== 'ready') {
        throw new Error(`Cluster ${o.clusterId} did not start: it is ${describe(info)}.`);
    }
    o.logger.info(`Cluster ${o.clusterId} is ${info.state} after ${formatDuration(o.clock.now() - started)}`);
    return info;
}
function cluster_refusedChange(e, what, clusterId) {
    if (!(e instanceof api_error_ApiError && e.permissionDenied))
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
        await terminateCluster(o.api, o.clusterId, call);
    }
    catch (e) {
        throw refusedChange(e, 'terminate', o.clusterId);
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
    const info = await clusters_getCluster(api, clusterId, call);
    if (DOWN.has(info.state))
        return `Cluster ${clusterId} is already ${info.state}`;
    try {
        await cluster_list_terminateCluster(api, clusterId, call);
    }
    catch (e) {
        throw cluster_refusedChange(e, 'terminate', clusterId);
    }
    return `Asked cluster ${clusterId} to terminate (it was ${info.state}); it stops on its own`;
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

;// CONCATENATED MODULE: ./src/flow/post-step.ts

















async function runPost(deps = defaultDeps()) {
    const state = readState();
    const mode = raw_inputs_orDefault(readRawInputs(), 'terminateCluster');
    const terminate = shouldTerminate(state, mode);
    if (mode === 'always' && !state.clusterId)
        runnerLogger.warning('terminate-cluster is always, but main stopped before it knew which cluster to use (its error says why), so no cluster was terminated. If the cluster runs, terminate it in the workspace (Compute), or let its auto-termination stop it.');
    if (!state.contextId && !terminate) {
        if (state.contextRequested)
            runnerLogger.warning(`Main was stopped before contexts/create answered, so an execution context may be left on cluster ${state.clusterId}: the service may have created one whose id never arrived. API 1.2 cannot list contexts; the cluster evicts idle ones when it needs room (it holds at most ${MAX_CONTEXTS_PER_CLUSTER}), and a restart removes them all.`);
        else
            runnerLogger.info('Nothing to clean up: main created no execution context.');
        return;
    }
    const held = holdOffCancel(() => runnerLogger.info('Cancel received; finishing cleanup first'));
    try {
        await connectAndCleanUp(state, terminate, deps);
    }
    catch (e) {
        runnerLogger.warning(`Cleanup failed: ${errors_errorMessage(e)}`);
    }
    finally {
        held.dispose();
        deps.transport.close?.();
    }
}
async function connectAndCleanUp(state, terminate, deps) {
    const raw = readRawInputs();
    const secrets = new Secrets();
    secrets.onAdd(mask);
    registerConfiguredSecrets(raw.credentials, deps.env, secrets);
    registerHostSecrets([raw.host, deps.env.DATABRICKS_HOST], secrets);
    const requestTimeoutMs = Math.min(duration_parseDuration(raw_inputs_orDefault(raw, 'requestTimeout')) ?? POST_REQUEST_TIMEOUT_MS, POST_REQUEST_TIMEOUT_MS);
    let auth;
    try {
        const plan = auth_choice_chooseCredentials(raw.credentials, deps.env, new URL(state.host).hostname);
        auth = createAuthenticator(state.host, plan, {
            ...deps,
            logger: runnerLogger,
            secrets,
            requestTimeoutMs
        });
    }
    catch (e) {
        const why = secrets.redact(errors_errorMessage(e));
        if (state.contextId && !state.contextShared)
            runnerLogger.warning(`Execution context ${state.contextId} was not destroyed: ${why} ${manualDestroy(state)}`);
        if (terminate)
            runnerLogger.warning(`Cluster ${state.clusterId} was not terminated: ${why}`);
        return;
    }
    const api = new DatabricksApi({
        host: state.host,
        auth,
        transport: deps.transport,
        sleep: deps.sleep,
        logger: runnerLogger,
        requestTimeoutMs,
        secrets
    });
    const deadline = Deadline.after(deps.clock, POST_CLEANUP_BUDGET_MS, duration_formatDuration(POST_CLEANUP_BUDGET_MS));
    const cleanup = { api, clock: deps.clock, logger: runnerLogger, authType: auth.authType, deadline };
    if (state.contextId)
        await cancelLeftCommand(state, cleanup);
    const terminated = terminate && (await post_step_terminateCluster(api, state, deadline));
    if (!state.contextId)
        return;
    if (terminated && !state.contextShared)
        runnerLogger.info(`Execution context ${state.contextId} ends with the cluster; no destroy needed`);
    else
        await destroyLeftContext(state, cleanup);
}
function shouldTerminate(state, mode) {
    if (!state.clusterId || state.clusterTerminated)
        return false;
    return mode === 'always' || (mode === 'if-started' && state.clusterStarted);
}
async function post_step_terminateCluster(api, state, deadline) {
    try {
        runnerLogger.info(await terminateInPost(api, state.clusterId, { deadline }));
        return true;
    }
    catch (e) {
        runnerLogger.warning(`Could not terminate cluster ${state.clusterId}: ${errors_errorMessage(e)}. It stops when its auto-termination fires; to stop it now, terminate it in the workspace's Compute page.`);
        return false;
    }
}


/***/ }),

/***/ 1162:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kT: () => (/* binding */ ProxyAgent)
/* harmony export */ });
/* unused harmony exports loadUndici, fetch */
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
