import { Readable } from 'node:stream'
import { HttpClient } from '@actions/http-client'

/** One HTTP exchange, as the Databricks client needs it. */
export interface HttpRequest {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body?: string | Buffer
  /** The whole exchange, answer body included, must end within this. */
  timeoutMs: number
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
}

const USER_AGENT = 'databricks-run-command-action'

/** The real transport: @actions/http-client (proxy aware), with a hard deadline per request. */
export class ActionsHttpTransport implements HttpTransport {
  async send(request: HttpRequest): Promise<HttpResponse> {
    // One client per request: its socket timeout is the request's, and no keep-alive socket
    // outlives the step (a lingering socket would keep the process alive).
    const client = new HttpClient(USER_AGENT, [], {
      socketTimeout: request.timeoutMs,
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

    let timer: NodeJS.Timeout | undefined
    let destroy: (() => void) | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        destroy?.()
        reject(new TransportError(`no answer within ${request.timeoutMs} ms`, 'ETIMEDOUT'))
      }, request.timeoutMs)
    })
    const exchange = (async (): Promise<HttpResponse> => {
      const res = await client.request(request.method, request.url, body, headers)
      destroy = () => res.message.destroy()
      // readBody() never settles if the socket dies mid-body; the timer above bounds it.
      const text = await new Promise<string>((resolve, reject) => {
        res.message.once('aborted', () =>
          reject(new TransportError('connection closed mid-answer', 'ECONNRESET'))
        )
        res.message.once('error', e => reject(toTransportError(e)))
        res.readBody().then(resolve, reject)
      })
      const out: Record<string, string | undefined> = {}
      for (const [k, v] of Object.entries(res.message.headers)) {
        out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
      }
      return { status: res.message.statusCode ?? 0, headers: out, body: text }
    })().catch((e: unknown) => {
      throw toTransportError(e)
    })
    try {
      return await Promise.race([exchange, timeout])
    } finally {
      clearTimeout(timer)
      exchange.catch(() => {})
      client.dispose()
    }
  }
}

function toTransportError(e: unknown): TransportError {
  if (e instanceof TransportError) return e
  const code =
    typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : ''
  const message = e instanceof Error ? e.message : String(e)
  if (/^Request timeout/.test(message))
    return new TransportError('no answer in time (socket idle)', 'ETIMEDOUT')
  return new TransportError(message || code || 'network error', code || 'ENETWORK')
}
