import { Deadline, type Clock, type Sleep } from '../../src/common/time.js'
import { DatabricksApi } from '../../src/databricks/api.js'
import { TokenAuth } from '../../src/databricks/auth/static.js'
import { Secrets } from '../../src/common/secrets.js'
import { CancelledError } from '../../src/common/errors.js'
import type { Logger } from '../../src/common/logger.js'
import type { HttpRequest, HttpResponse, HttpTransport } from '../../src/databricks/transport.js'
import { TransportError } from '../../src/databricks/transport.js'

/** A clock that only moves when sleep is called: tests of minutes run in microseconds. */
export class FakeTime {
  now = 1_000_000
  readonly sleeps: number[] = []
  readonly clock: Clock = { now: () => this.now }
  readonly sleep: Sleep = async (ms, signal) => {
    if (signal?.aborted) throw new CancelledError()
    this.sleeps.push(ms)
    this.now += ms
    this.onSleep?.(this.sleeps.length)
    if (signal?.aborted) throw new CancelledError()
  }
  /** Called after each sleep, e.g. to abort a signal at a chosen moment. */
  onSleep?: (count: number) => void
}

export type Reply =
  | Partial<HttpResponse>
  | TransportError
  | ((req: HttpRequest) => Partial<HttpResponse> | TransportError)

/** Answers requests from a script keyed by "METHOD /path"; records every request. */
export class FakeTransport implements HttpTransport {
  readonly requests: HttpRequest[] = []
  /** How often close() was called: entries close their connection when done. */
  closed = 0
  private readonly scripts = new Map<string, Reply[]>()
  private readonly fallback = new Map<string, Reply>()

  /** Queues one-off replies for a route, used in order. */
  queue(route: string, ...replies: Reply[]): this {
    this.scripts.set(route, [...(this.scripts.get(route) ?? []), ...replies])
    return this
  }

  /** The reply once the queue for a route is empty. */
  always(route: string, reply: Reply): this {
    this.fallback.set(route, reply)
    return this
  }

  close(): void {
    this.closed++
  }

  calls(route: string): HttpRequest[] {
    return this.requests.filter(r => `${r.method} ${new URL(r.url).pathname}` === route)
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    this.requests.push(req)
    const route = `${req.method} ${new URL(req.url).pathname}`
    const queued = this.scripts.get(route)
    let reply = queued && queued.length ? queued.shift() : this.fallback.get(route)
    if (!reply) throw new Error(`FakeTransport: no reply scripted for ${route}`)
    if (typeof reply === 'function') reply = reply(req)
    if (reply instanceof TransportError) throw reply
    return { status: reply.status ?? 200, headers: reply.headers ?? {}, body: reply.body ?? '{}' }
  }
}

export const json = (
  value: unknown,
  status = 200,
  headers: Record<string, string> = {}
): Partial<HttpResponse> => ({
  status,
  headers,
  body: JSON.stringify(value)
})

export class MemoryLogger implements Logger {
  readonly lines: string[] = []
  info(m: string): void {
    this.lines.push(`info: ${m}`)
  }
  warning(m: string): void {
    this.lines.push(`warning: ${m}`)
  }
  debug(m: string): void {
    this.lines.push(`debug: ${m}`)
  }
  notice(m: string): void {
    this.lines.push(`notice: ${m}`)
  }
}

/** A Databricks client on a fake transport and fake time, as the unit tests use it. */
export function fakeApi(timeoutMs = 60_000) {
  const time = new FakeTime()
  const http = new FakeTransport()
  const logger = new MemoryLogger()
  const secrets = new Secrets()
  const api = new DatabricksApi({
    host: 'https://example.cloud.databricks.com',
    auth: new TokenAuth('dapi-secret', secrets),
    secrets,
    transport: http,
    sleep: time.sleep,
    logger,
    requestTimeoutMs: 30_000,
    random: () => 0.5
  })
  const deadline = Deadline.after(time.clock, timeoutMs, `${timeoutMs / 1000}s`)
  return { time, http, logger, api, deadline, secrets }
}
