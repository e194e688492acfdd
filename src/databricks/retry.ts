import { CancelledError, DeadlineError, errorMessage } from '../common/errors.js'
import type { Logger } from '../common/logger.js'
import type { Deadline, Sleep } from '../common/time.js'
import { ApiError } from './api-error.js'
import { TransportError } from './transport.js'

export interface RetryOptions {
  /** Attempts in all, the first included. ClusterNotReadyException is retried until the deadline. */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 10_000 }

/**
 * Whether a failed call may be sent again. A non-idempotent call (context create, command
 * execute) is repeated only when the answer proves the service did nothing: repeating one it
 * accepted would leak a context or run the user's code twice.
 */
export function isRetryable(e: unknown, idempotent: boolean): boolean {
  if (e instanceof ApiError) {
    // Each of these proves the service did nothing, so even a create or an execute may repeat.
    if (e.rateLimited || e.status === 503 || e.clusterNotReady) return true
    // A plain 500 on a read or a cleanup call is worth another try; on a create or an
    // execute it may mean the work was done, so it is not.
    return idempotent && (e.status === 500 || e.status === 502 || e.status === 504)
  }
  if (e instanceof TransportError) {
    // A refused connection sent nothing. Any other failure (reset, timeout) may have
    // reached the service after it was sent.
    return e.neverSent || idempotent
  }
  return false
}

export interface RetryContext {
  /** Names the call in logs: "POST /api/1.2/contexts/create". */
  label: string
  idempotent: boolean
  deadline: Deadline
  sleep: Sleep
  signal?: AbortSignal
  /** false: a ClusterNotReadyException is thrown at once, not waited out (see CallOptions). */
  waitForCluster?: boolean
  logger: Logger
  options?: RetryOptions
  random?: () => number
  /** Replaces `isRetryable` for calls with rules of their own (token endpoints). */
  retryable?: (e: unknown) => boolean
}

/** Runs `call`, repeating it on transient failures with exponential backoff and jitter. */
export async function withRetry<T>(call: () => Promise<T>, c: RetryContext): Promise<T> {
  const o = c.options ?? DEFAULT_RETRY
  const random = c.random ?? Math.random
  for (let attempt = 1; ; attempt++) {
    try {
      return await call()
    } catch (e) {
      const retryable = c.retryable ? c.retryable(e) : isRetryable(e, c.idempotent)
      if (e instanceof CancelledError || !retryable) throw e
      const unlimited = e instanceof ApiError && e.clusterNotReady
      if (unlimited && c.waitForCluster === false) throw e
      if (!unlimited && attempt >= o.maxAttempts) throw e
      let delay = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1))
      delay = delay / 2 + (random() * delay) / 2
      const retryAfter = retryAfterOf(e)
      if (retryAfter !== undefined) {
        delay = Math.max(delay, retryAfter * 1000)
      } else if (statusOf(e) === 429 || (e instanceof ApiError && e.rateLimited)) {
        delay = Math.max(delay, 1000)
      }
      if (delay >= c.deadline.remaining()) {
        throw new DeadlineError(
          `${errorMessage(e)} (not retried: the ${c.deadline.label} deadline would pass first)`
        )
      }
      const of = unlimited ? '' : ` of ${o.maxAttempts - 1}`
      c.logger.info(
        `Retry ${attempt}${of} in ${Math.round(delay)} ms: ${c.label}: ${errorMessage(e)}`
      )
      await c.sleep(delay, c.signal)
    }
  }
}

/** Any error that carries an HTTP answer's status and Retry-After (API or token endpoint). */
interface HttpFailure {
  status: number
  retryAfterSeconds: number | undefined
}

function isHttpFailure(e: unknown): e is HttpFailure {
  return e instanceof Error && typeof (e as Partial<HttpFailure>).status === 'number'
}

function statusOf(e: unknown): number | undefined {
  return isHttpFailure(e) ? e.status : undefined
}

function retryAfterOf(e: unknown): number | undefined {
  return isHttpFailure(e) ? e.retryAfterSeconds : undefined
}
