import { Readable } from 'node:stream'
import { HttpClient } from '@actions/http-client'
import { CancelledError } from '../common/errors.js'

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
}

export interface HttpResponse {
  status: number
  headers: Record<string, string | undefined>
  body: string
}

/** Sends requests; injected so unit tests can answer without a network. */
export interface HttpTransport {
  send(request: HttpRequest): Promise<HttpResponse>
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
 * http-client lets handlers edit the options it passes to Node's http.request; that is where an
 * AbortSignal reaches the socket, so an abort ends the exchange at any stage, body included.
 */
function abortOn(signal: AbortSignal): RequestHandler {
  return {
    prepareRequest: options => {
      options.signal = signal
    },
    canHandleAuthentication: () => false,
    handleAuthentication: () => Promise.reject(new Error('not an authentication handler'))
  }
}

/** The real transport: @actions/http-client (proxy aware), with a hard deadline per request. */
export class ActionsHttpTransport implements HttpTransport {
  async send(request: HttpRequest): Promise<HttpResponse> {
    const timeout = AbortSignal.timeout(request.timeoutMs)
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout
    // No keep-alive: no socket outlives its request, so none can hold the process open.
    const client = new HttpClient(USER_AGENT, [abortOn(signal)], {
      allowRetries: false,
      allowRedirects: false,
      keepAlive: false
    })
    const body =
      request.body === undefined
        ? null
        : typeof request.body === 'string'
          ? request.body
          : Readable.from([request.body])
    const headers = { ...request.headers }
    if (Buffer.isBuffer(request.body)) headers['Content-Length'] = String(request.body.length)
    try {
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
    } catch (e) {
      if (request.signal?.aborted) throw new CancelledError()
      if (timeout.aborted)
        throw new TransportError(`no answer within ${request.timeoutMs} ms`, 'ETIMEDOUT')
      throw toTransportError(e)
    }
  }
}

function toTransportError(e: unknown): TransportError {
  const code =
    typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : ''
  const message = e instanceof Error ? e.message : String(e)
  return new TransportError(message || code || 'network error', code || 'ENETWORK')
}
