import { CancelledError } from '../common/errors.js'
import { parseJsonExact, stringifyJson } from '../common/exact-json.js'
import { UNANSWERED_CALL_GRACE_MS } from '../common/limits.js'
import type { Secrets } from '../common/secrets.js'
import { cutToBytes } from '../common/text.js'
import type { Logger } from '../common/logger.js'
import type { Deadline, Sleep } from '../common/time.js'
import { ApiError, apiErrorFrom } from './api-error.js'
import type { Authenticator } from './auth/types.js'
import { withRetry, type RetryOptions } from './retry.js'
import type { HttpRequest, HttpTransport } from './transport.js'

export interface ApiOptions {
  /** Workspace URL without a trailing slash, always https. */
  host: string
  auth: Authenticator
  transport: HttpTransport
  sleep: Sleep
  logger: Logger
  /** Upper bound for one HTTP exchange. */
  requestTimeoutMs: number
  retry?: RetryOptions
  random?: () => number
  /**
   * Every secret known: answers are redacted through it before anything reads them, so a
   * service that echoes a credential cannot carry it into a message, an output or the summary.
   */
  secrets: Secrets
}

/** Per-call limits: the deadline bounds retries and timeouts; the signal is the job's cancel. */
export interface CallOptions {
  deadline: Deadline
  signal?: AbortSignal
  /**
   * false: a ClusterNotReadyException comes back at once instead of being waited out, for a
   * caller that looks at the cluster itself when a call fails. Default true.
   */
  waitForCluster?: boolean
}

export interface PostOptions {
  /** Repeating the call does no harm, so it is retried after any transient failure. */
  idempotent?: boolean
}

/** A request body ready for the wire. */
export interface Body {
  contentType: string
  data: string | Buffer
}

type Json = Record<string, unknown>

/** Sends authenticated requests to the REST API, with timeouts, retries and error parsing. */
export class DatabricksApi {
  constructor(private readonly o: ApiOptions) {}

  /** GETs are always safe to repeat. */
  get(path: string, query: Record<string, string>, call: CallOptions): Promise<Json> {
    const url = `${path}?${new URLSearchParams(query).toString()}`
    return this.send('GET', url, undefined, true, call)
  }

  /**
   * POSTs are not repeated after an answer that leaves it unknown whether the service acted,
   * since a repeat could create a second context or run code twice. `{ idempotent: true }`
   * marks a call that is safe to repeat (cancel, destroy, cluster start).
   */
  post(path: string, body: Body, call: CallOptions, o: PostOptions = {}): Promise<Json> {
    return this.send('POST', path, body, o.idempotent ?? false, call)
  }

  private send(
    method: HttpRequest['method'],
    pathAndQuery: string,
    body: Body | undefined,
    idempotent: boolean,
    call: CallOptions
  ): Promise<Json> {
    const label = `${method} ${pathAndQuery.split('?')[0]}`
    const attempt = async (): Promise<Json> => {
      // Nothing is sent once the job is cancelled.
      if (call.signal?.aborted) throw new CancelledError()
      const headers: Record<string, string> = {
        ...(await this.o.auth.headers(call)),
        Accept: 'application/json'
      }
      if (body) headers['Content-Type'] = body.contentType
      const timeoutMs = Math.min(this.o.requestTimeoutMs, Math.max(1000, call.deadline.remaining()))
      this.o.logger.debug(`${label} (timeout ${timeoutMs} ms)`)
      const grace = idempotent ? undefined : graceAfter(call.signal, UNANSWERED_CALL_GRACE_MS)
      const res = await this.o.transport
        .send({
          method,
          url: `${this.o.host}${pathAndQuery}`,
          headers,
          body: body?.data,
          timeoutMs,
          // A repeatable call is aborted at once on cancel. A create or an execute may still
          // answer for a short grace, so the id it returns can be saved and cleaned up; after
          // that it is abandoned too, so a cancelled caller can stop within its own budget.
          signal: idempotent ? call.signal : grace?.signal,
          idempotent
        })
        .finally(() => grace?.dispose())
      const secrets = this.o.secrets
      if (res.status < 200 || res.status >= 300) {
        throw apiErrorFrom(res.status, res.body, res.headers['retry-after'], secrets)
      }
      if (!res.body.trim()) return {}
      try {
        const parsed = secrets.redactDeep(parseJsonExact(res.body))
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Json
      } catch {
        // fall through to the error below
      }
      throw new Error(
        `${label} answered HTTP ${res.status} with a body that is not a JSON object: ${cutToBytes(secrets.redact(res.body), 200)}`
      )
    }
    const retried = (): Promise<Json> =>
      withRetry(attempt, {
        label,
        idempotent,
        deadline: call.deadline,
        sleep: this.o.sleep,
        signal: call.signal,
        waitForCluster: call.waitForCluster,
        logger: this.o.logger,
        options: this.o.retry,
        random: this.o.random
      })
    return retried().catch((e: unknown) => {
      // A token the service no longer takes (revoked, or its clock ahead of ours): one new
      // token and one more try, only for calls that are safe to repeat.
      if (!(e instanceof ApiError && e.status === 401 && idempotent && this.o.auth.renew())) throw e
      this.o.logger.info(
        `${label}: HTTP 401, renewing the ${this.o.auth.authType} token and trying once more`
      )
      return retried()
    })
  }
}

/**
 * A signal that aborts `ms` after `signal` does. Its timer is unref'd and cleared by `dispose`,
 * so it never holds the process open.
 */
function graceAfter(
  signal: AbortSignal | undefined,
  ms: number
): { signal: AbortSignal; dispose(): void } | undefined {
  if (!signal) return undefined
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const start = (): void => {
    timer = setTimeout(() => controller.abort(), ms)
    timer.unref()
  }
  if (signal.aborted) start()
  else signal.addEventListener('abort', start, { once: true })
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', start)
    }
  }
}

/** A JSON body. The 1.2 API reads JSON whatever the label; we send the honest one. */
export function jsonBody(value: Json): Body {
  return { contentType: 'application/json', data: JSON.stringify(value) }
}

/** Reads a field that holds one of a fixed set of words (a status), failing clearly otherwise. */
export function enumField<T extends string>(
  o: Json,
  field: string,
  values: readonly T[],
  what: string
): T {
  const v = stringField(o, field, what)
  if ((values as readonly string[]).includes(v)) return v as T
  throw new Error(
    `unexpected answer for ${what}: "${field}" is ${JSON.stringify(v)}, not one of ${values.join(', ')}`
  )
}

/** Reads a string field the API promises, failing clearly when it is missing. */
export function stringField(o: Json, field: string, what: string): string {
  const v = o[field]
  if (typeof v === 'string' && v) return v
  throw new Error(
    `unexpected answer for ${what}: no "${field}" in ${cutToBytes(stringifyJson(o), 200)}`
  )
}
