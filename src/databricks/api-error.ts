import { jsonText } from '../common/text.js'
import type { Secrets } from '../common/secrets.js'
import { stripHtml } from './error-message.js'

/** An answer from Databricks (or a proxy in front of it) that is not a success. */
export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: number,
    /** The service's own words, extracted from JSON or HTML. */
    readonly serviceMessage: string,
    /** `error_code` when the body has one (INVALID_STATE, 401, ...). */
    readonly errorCode: string | undefined,
    /** Seconds from a Retry-After header, when present and numeric. */
    readonly retryAfterSeconds: number | undefined
  ) {
    super(
      `HTTP ${status}${errorCode && errorCode !== String(status) ? ` ${errorCode}` : ''}: ${serviceMessage}`
    )
  }

  /** The cluster is up but cannot take a context yet; nothing was created. */
  get clusterNotReady(): boolean {
    return this.serviceMessage.includes('ClusterNotReadyException')
  }

  /**
   * Rate limiting: HTTP 429, or 400 with REQUEST_LIMIT_EXCEEDED, or the texts the SDKs retry on.
   * The service did nothing, so any call may be repeated after it.
   */
  get rateLimited(): boolean {
    return (
      this.status === 429 ||
      this.errorCode === 'REQUEST_LIMIT_EXCEEDED' ||
      RATE_LIMIT_TEXTS.some(t => this.serviceMessage.includes(t))
    )
  }

  /** contexts/create at the cluster's limit with no idle context to evict: nothing was created. */
  get tooManyContexts(): boolean {
    return /too many execution contexts/i.test(this.serviceMessage)
  }

  /** The context was dropped: evicted at the cluster's limit, or the cluster restarted. */
  get evicted(): boolean {
    return this.serviceMessage.includes('is disconnected')
  }

  /** The context named in the call no longer exists (destroyed, evicted or never there). */
  get contextGone(): boolean {
    return (
      (this.status === 404 || this.status === 400) &&
      /does not exist|not found|disconnected|unknown context/i.test(this.serviceMessage)
    )
  }

  /** The call does not fit the resource's state, e.g. starting a cluster that is starting. */
  get invalidState(): boolean {
    return this.errorCode === 'INVALID_STATE'
  }

  /** The identity is known but lacks a permission (e.g. CAN RESTART to start a cluster). */
  get permissionDenied(): boolean {
    return this.errorCode === 'PERMISSION_DENIED'
  }

  /** The credentials were refused. */
  get unauthorized(): boolean {
    return this.status === 401 || this.status === 403
  }
}

const MAX_MESSAGE = 500

/** Messages the official SDKs retry like a 429, whatever the status. */
const RATE_LIMIT_TEXTS = [
  'Please try again later or try a faster operation.',
  'RPC token bucket limit has been exceeded'
]

/**
 * Builds an ApiError from a raw answer: 1.2 `{error}`, 2.0 `{error_code,message}`, a Jetty
 * page or a bare `<pre>` (the message is in the pre), plain `CODE: message` text, or HTML.
 */
export function apiErrorFrom(
  status: number,
  rawBody: string,
  retryAfter: string | undefined,
  secrets?: Secrets
): ApiError {
  // Secrets out first, before anything is cut: a cut secret matches no mask.
  const redact = (t: string): string => (secrets ? secrets.redact(t) : t)
  const body = redact(rawBody)
  let message = ''
  let code: string | undefined
  try {
    const parsed: unknown = JSON.parse(body)
    if (parsed && typeof parsed === 'object') {
      const o = parsed as Record<string, unknown>
      if (o.error_code !== undefined && o.error_code !== null) code = redact(jsonText(o.error_code))
      if (typeof o.message === 'string') message = o.message
      else if (typeof o.error === 'string') message = o.error
    }
  } catch {
    ;({ message, code } = fromText(body))
  }
  if (!message) message = body.trim() ? htmlToText(body) : '(empty answer)'
  // Again after decoding: a secret may have been escaped in the JSON or the HTML.
  message = redact(message)
  if (message.length > MAX_MESSAGE) message = `${message.slice(0, MAX_MESSAGE)}…`
  const seconds =
    retryAfter !== undefined && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : undefined
  return new ApiError(status, message, code, seconds)
}

/** A body that is not JSON: a page with a `<pre>`, a `CODE: message` line, or other HTML. */
function fromText(body: string): { message: string; code?: string } {
  const pre = /<pre[^>]*>([\s\S]*?)<\/pre>/i.exec(body)?.[1]
  if (pre !== undefined && pre.trim())
    return {
      message: entities(pre)
        .trim()
        .replace(/[\s.]+$/, '')
    }
  const plain = /^([A-Z][A-Z0-9_]+): (.+)$/.exec(body.trim())
  if (plain?.[1] && plain[2]) return { code: plain[1], message: plain[2].trim() }
  return { message: htmlToText(body) }
}

/** Tags to spaces (so words stay apart), entities decoded. */
function entities(text: string): string {
  return stripHtml(text.replace(/<[^>]+>/g, ' '))
}

/** Proxies answer with HTML pages: their heading says it best, else their title, else all text. */
function htmlToText(html: string): string {
  const heading =
    /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1] ??
    /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]
  return entities((heading ?? html).replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' '))
    .replace(/\s+/g, ' ')
    .trim()
}
