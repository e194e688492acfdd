import type { Agent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { Readable } from 'node:stream'
import { HttpClient } from '@actions/http-client'
import { CancelledError } from '../common/errors.js'
import { FRESH_AFTER_MS, IdleConnections, keepAliveAgent } from './keep-alive.js'
import { EarlyConnectAgent } from './preconnect.js'

/** One HTTP exchange, as the Databricks client needs it. */
export interface HttpRequest {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body?: string | Buffer
  /** The whole exchange, answer body included, must end within this. */
  timeoutMs: number
  /** The job's cancel: aborts the exchange at once. Left out for calls that must be awaited. */
  signal?: AbortSignal
  /**
   * Safe to send twice (reads, cancel, destroy). Such a request that meets a kept-alive
   * connection the server has just closed is sent again at once; any other never goes out on a
   * connection idle long enough for the server to close it.
   */
  idempotent?: boolean
}

export interface HttpResponse {
  status: number
  headers: Record<string, string | undefined>
  body: string
}

/** Sends requests; injected so unit tests can answer without a network. */
export interface HttpTransport {
  send(request: HttpRequest): Promise<HttpResponse>
  /** Closes kept-alive connections, so none outlives the work; later requests reopen. */
  close?(): void
}

/**
 * A failure below HTTP: no answer arrived. `code` is Node's (ECONNREFUSED, ECONNRESET, ...) or
 * ETIMEDOUT when our own timeout fired. Only ECONNREFUSED proves the request was never sent.
 */
export class TransportError extends Error {
  override name = 'TransportError'
  constructor(
    message: string,
    readonly code: string
  ) {
    super(message)
  }

  /** The connection was refused: the request never left, so the service did nothing. */
  get neverSent(): boolean {
    return this.code === 'ECONNREFUSED'
  }
}

const USER_AGENT = 'databricks-run-command-action'

type RequestHandler = NonNullable<ConstructorParameters<typeof HttpClient>[1]>[number]

/**
 * http-client lets handlers edit the options it passes to Node's http.request. That is where the
 * shared keep-alive agent replaces the per-request client's own, and where an AbortSignal reaches
 * the socket, so an abort ends the exchange at any stage, body included, and closes its socket.
 */
function sendThrough(agent: Agent, signal: AbortSignal): RequestHandler {
  return {
    prepareRequest: options => {
      options.agent = agent
      options.signal = signal
    },
    canHandleAuthentication: () => false,
    handleAuthentication: () => Promise.reject(new Error('not an authentication handler'))
  }
}

/** Failures of a request written to a connection the server had closed. */
const STALE_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED'])

export interface TransportOptions {
  /** For tests of the idle rule; defaults to the system clock. */
  now?: () => number
  /** Told when a request is sent again on a new connection (a debug line). */
  debug?: (message: string) => void
  /** The agent for direct https connections, e.g. one whose connection was opened early. */
  agent?: EarlyConnectAgent
}

/**
 * The real transport: @actions/http-client (it picks the agent: direct, or a tunnel through
 * HTTPS_PROXY unless NO_PROXY says otherwise), with a hard deadline per request. One agent per
 * process keeps its connection alive between calls, so TCP and TLS are paid for once.
 * Node unrefs idle kept-alive sockets, so they never hold the process open; close() ends them.
 */
export class ActionsHttpTransport implements HttpTransport {
  private readonly shared = new HttpClient(USER_AGENT, [], { keepAlive: true })
  private readonly idle = new Map<Agent, IdleConnections>()
  private readonly now: () => number
  private readonly direct: EarlyConnectAgent

  constructor(private readonly o: TransportOptions = {}) {
    this.now = o.now ?? Date.now
    this.direct = o.agent ?? new EarlyConnectAgent()
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const timeout = AbortSignal.timeout(request.timeoutMs)
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout
    // http-client decides: a tunnel through the proxy, or a direct agent (https: ours).
    const chosen = this.shared.getAgent(request.url)
    const agent = chosen instanceof HttpsAgent ? this.direct : chosen
    const idle = this.idleConnections(agent)
    if (!request.idempotent) idle?.dropOlderThan(FRESH_AFTER_MS)
    for (;;) {
      const reused = (idle?.count() ?? 0) > 0
      try {
        return await exchange(request, agent, signal)
      } catch (e) {
        if (request.signal?.aborted) throw new CancelledError()
        if (timeout.aborted)
          throw new TransportError(`no answer within ${request.timeoutMs} ms`, 'ETIMEDOUT')
        const failure = toTransportError(e)
        // The server closed the idle connection as we wrote to it; a new one will do.
        if (!(reused && request.idempotent && STALE_CONNECTION.has(failure.code))) throw failure
        const path = new URL(request.url).pathname
        this.o.debug?.(
          `${request.method} ${path}: the kept-alive connection was closed under it; sent again on a new one`
        )
      }
    }
  }

  close(): void {
    for (const idle of this.idle.values()) idle.closeAll()
    this.idle.clear()
    this.direct.destroy()
  }

  private idleConnections(agent: Agent): IdleConnections | undefined {
    const kept = keepAliveAgent(agent)
    if (!kept) return undefined
    let idle = this.idle.get(kept)
    if (!idle) this.idle.set(kept, (idle = new IdleConnections(kept, this.now)))
    return idle
  }
}

async function exchange(
  request: HttpRequest,
  agent: Agent,
  signal: AbortSignal
): Promise<HttpResponse> {
  const client = new HttpClient(USER_AGENT, [sendThrough(agent, signal)], {
    allowRetries: false,
    allowRedirects: false
  })
  const body =
    request.body === undefined
      ? null
      : typeof request.body === 'string'
        ? request.body
        : Readable.from([request.body])
  const headers = { ...request.headers }
  if (Buffer.isBuffer(request.body)) headers['Content-Length'] = String(request.body.length)
  const res = await client.request(request.method, request.url, body, headers)
  // Iterating the answer throws if it is cut off mid-body, where readBody() would hang.
  const chunks: Buffer[] = []
  for await (const chunk of res.message) chunks.push(chunk as Buffer)
  const out: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(res.message.headers)) {
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
  }
  return {
    status: res.message.statusCode ?? 0,
    headers: out,
    body: Buffer.concat(chunks).toString('utf8')
  }
}

function toTransportError(e: unknown): TransportError {
  const code =
    typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : ''
  const message = e instanceof Error ? e.message : String(e)
  return new TransportError(message || code || 'network error', code || 'ENETWORK')
}
