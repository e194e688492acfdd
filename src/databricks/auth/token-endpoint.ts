import { CancelledError } from '../../common/errors.js'
import type { Logger } from '../../common/logger.js'
import type { Clock, Sleep } from '../../common/time.js'
import { withRetry, type RetryOptions } from '../retry.js'
import { TransportError, type HttpTransport } from '../transport.js'
import type { AuthCall, SecretSink } from './types.js'

/** What every token request needs from the client around it. */
export interface TokenClient {
  transport: HttpTransport
  clock: Clock
  sleep: Sleep
  logger: Logger
  secrets: SecretSink
  /** Upper bound for one exchange with a token endpoint. */
  requestTimeoutMs: number
  retry?: RetryOptions
  random?: () => number
}

/**
 * A token endpoint refused or failed. The message holds the OAuth `error` and
 * `error_description` only: never the request, which carries the credential.
 */
export class TokenEndpointError extends Error {
  override name = 'TokenEndpointError'
  constructor(
    message: string,
    readonly status: number,
    readonly oauthError: string | undefined,
    readonly retryAfterSeconds: number | undefined
  ) {
    super(message)
  }
}

/** A token endpoint's answer: the token, and its lifetime in seconds. */
export interface TokenAnswer {
  accessToken: string
  expiresInSeconds: number
  /** Everything else the endpoint said (Entra's `expires_on`, scopes…), tokens removed. */
  raw: Record<string, unknown>
}

/** 429, 5xx and network failures are worth another try; another 4xx never changes. */
function retryable(e: unknown): boolean {
  if (e instanceof TokenEndpointError) return e.status === 429 || e.status >= 500
  return e instanceof TransportError
}

/**
 * POSTs a form to a token endpoint and reads the token, retrying transient failures. A token
 * request mints nothing that matters twice, so it is always safe to repeat. The token is
 * added to the secrets before this returns, so nothing can print it first.
 */
export async function requestToken(
  c: TokenClient,
  r: { url: string; form: URLSearchParams; headers?: Record<string, string>; what: string },
  call: AuthCall
): Promise<TokenAnswer> {
  const attempt = async (): Promise<TokenAnswer> => {
    if (call.signal?.aborted) throw new CancelledError()
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
    })
    const body = parseObject(res.body)
    const token = body?.access_token
    if (typeof token === 'string' && token) c.secrets.add(token)
    if (res.status < 200 || res.status >= 300) throw failure(c, r, res.status, body, res.headers)
    if (typeof token !== 'string' || !token)
      throw new TokenEndpointError(
        `${r.what}: ${r.url} answered HTTP ${res.status} without an access_token`,
        res.status,
        undefined,
        undefined
      )
    const expires = parseSeconds(body?.expires_in)
    if (expires === undefined)
      throw new TokenEndpointError(
        `${r.what}: ${r.url} answered without a valid expires_in (${JSON.stringify(body?.expires_in) ?? 'missing'})`,
        res.status,
        undefined,
        undefined
      )
    const raw = { ...body }
    delete raw.access_token
    delete raw.refresh_token
    delete raw.id_token
    return { accessToken: token, expiresInSeconds: expires, raw }
  }
  return retryOAuthCall(c, call, `${r.what} (POST ${r.url})`, attempt)
}

/** Runs a call to an OAuth service (discovery, token endpoint) with its retry rules. */
export function retryOAuthCall<T>(
  c: TokenClient,
  call: AuthCall,
  label: string,
  attempt: () => Promise<T>
): Promise<T> {
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
  })
}

/** `expires_in` comes as a number or, from some servers, as a string of digits. */
export function parseSeconds(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v
  if (typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v)) return Number(v)
  return undefined
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text)
    return v && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

function failure(
  c: TokenClient,
  r: { url: string; what: string },
  status: number,
  body: Record<string, unknown> | undefined,
  headers: Record<string, string | undefined>
): TokenEndpointError {
  const error = typeof body?.error === 'string' ? body.error : undefined
  const description =
    typeof body?.error_description === 'string' ? body.error_description.slice(0, 500) : undefined
  const said = error
    ? `${error}${description ? `: ${description}` : ''}`
    : '(no OAuth error in the answer)'
  const retryAfter = headers['retry-after']?.trim()
  return new TokenEndpointError(
    c.secrets.redact(`${r.what} failed: ${r.url} answered HTTP ${status} ${said}`),
    status,
    error,
    retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined
  )
}
