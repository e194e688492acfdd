import { CancelledError } from '../common/errors.js'
import type { Logger } from '../common/logger.js'
import type { Sleep } from '../common/time.js'
import type { AuthCall, SecretSink } from '../databricks/auth/types.js'
import type { IdTokenSource } from '../databricks/auth/minted.js'
import { withRetry } from '../databricks/retry.js'
import { TransportError, type HttpTransport } from '../databricks/transport.js'

class IdTokenError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly retryAfterSeconds: number | undefined = undefined
  ) {
    super(message)
  }
}

/**
 * GitHub's ID-token service, as `core.getIDToken` calls it (GET the request URL with
 * `&audience=`, the request token as Bearer, the JWT in `value`), but through our transport:
 * bounded by a timeout and the job's cancel, retried on 429/5xx and network errors. The request
 * token and every ID token are secrets before anything could print them.
 */
export function githubIdTokens(o: {
  env: NodeJS.ProcessEnv
  transport: HttpTransport
  sleep: Sleep
  logger: Logger
  secrets: SecretSink
  requestTimeoutMs: number
}): IdTokenSource {
  const base = o.env.ACTIONS_ID_TOKEN_REQUEST_URL ?? ''
  const requestToken = o.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? ''
  o.secrets.add(requestToken)
  return async (audience: string, call: AuthCall): Promise<string> => {
    const url = `${base}${base.includes('?') ? '&' : '?'}audience=${encodeURIComponent(audience)}`
    const attempt = async (): Promise<string> => {
      if (call.signal?.aborted) throw new CancelledError()
      const res = await o.transport.send({
        method: 'GET',
        url,
        headers: { Authorization: `Bearer ${requestToken}`, Accept: 'application/json' },
        timeoutMs: Math.min(o.requestTimeoutMs, Math.max(1000, call.deadline.remaining())),
        signal: call.signal
      })
      let value: unknown
      try {
        value = (JSON.parse(res.body) as { value?: unknown }).value
      } catch {
        value = undefined
      }
      if (typeof value === 'string' && value) o.secrets.add(value)
      if (res.status !== 200) {
        const ra = res.headers['retry-after']?.trim()
        throw new IdTokenError(
          `GitHub's ID-token service answered HTTP ${res.status}`,
          res.status,
          ra && /^\d+$/.test(ra) ? Number(ra) : undefined
        )
      }
      if (typeof value !== 'string' || !value)
        throw new Error("GitHub's ID-token service answered without a token (no `value`)")
      return value
    }
    return withRetry(attempt, {
      label: `GitHub ID token for audience ${audience}`,
      idempotent: true,
      deadline: call.deadline,
      sleep: o.sleep,
      signal: call.signal,
      logger: o.logger,
      retryable: e =>
        e instanceof TransportError ||
        (e instanceof IdTokenError && (e.status === 429 || e.status >= 500))
    }).catch((e: unknown) => {
      if (e instanceof CancelledError) throw e
      throw new Error(
        `Could not get a GitHub ID token (audience ${audience}): ${e instanceof Error ? e.message : String(e)}`,
        { cause: e }
      )
    })
  }
}
