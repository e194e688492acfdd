import type { CannedOutcome } from './canned-results.js'
import type { ClusterSpec } from './clusters.js'

/**
 * Fault injection: what tests use to make the emulator misbehave the way a real workspace or
 * the proxies in front of it do. Set from a JSON file (--faults) or POST /__emulator/faults.
 */
export interface FaultRule {
  /** Request path, exact, or a prefix ending in `*`. Omitted: every API path. */
  path?: string
  method?: 'GET' | 'POST'
  /** Let this many matching calls through first. */
  skip?: number
  /** How many matching calls the rule affects; default 1. */
  times?: number | 'always'
  /** Delay before the call is handled (or answered by this rule). */
  latencyMs?: number
  /** Close the connection without an answer, before the call is handled. */
  drop?: boolean
  /** Handle the call, then close the connection instead of answering (the work is done). */
  dropAfter?: boolean
  /** Answer with this status instead of handling the call. */
  status?: number
  /** The answer's body: an object is sent as JSON, a string as HTML (or `contentType`). */
  body?: string | Record<string, unknown>
  /** The content type of a string body; default text/html. */
  contentType?: string
  /** A Retry-After header, in seconds. */
  retryAfter?: number
}

/** Behaviours beyond single answers. */
export interface FaultConfig {
  rules?: FaultRule[]
  /** contexts/create answers ClusterNotReadyException this many times first. */
  clusterNotReady?: number
  /** Replaces the clusters, e.g. one TERMINATED that takes startDelayMs to start. */
  clusters?: ClusterSpec[]
  /** How a cancel ends: Finished with a CommandCancelledException result (the usual), Cancelled, or never. */
  cancelMode?: 'finished-error' | 'cancelled' | 'ignore'
  /** The next N contexts end in Error instead of Running. */
  contextErrors?: number
  /** Contexts stay Pending this long after their interpreter is ready; -1 for ever. */
  contextPendingMs?: number
  /** The token answers 401 after this many authenticated calls, as an expired one does. */
  tokenExpiresAfterCalls?: number
  /**
   * The next commands end this way instead of running, one outcome each, in order: shapes the
   * emulator cannot make by running code (R results, plots, JVM errors, status Error).
   */
  commandOutcomes?: CannedOutcome[]
}

interface LiveRule {
  rule: FaultRule
  seen: number
  used: number
}

/** The fault plan in force; matching is counted per rule. */
export class FaultPlan {
  private rules: LiveRule[] = []
  config: FaultConfig = {}

  set(config: FaultConfig): void {
    this.config = { ...config, commandOutcomes: [...(config.commandOutcomes ?? [])] }
    const rules = [
      ...(config.clusterNotReady ? [clusterNotReady(config.clusterNotReady)] : []),
      ...(config.rules ?? [])
    ]
    this.rules = rules.map(rule => ({ rule, seen: 0, used: 0 }))
  }

  /** The rule that applies to this call, counting it; undefined when none does. */
  take(method: string, path: string): FaultRule | undefined {
    for (const live of this.rules) {
      const { rule } = live
      if (rule.method && rule.method !== method) continue
      if (
        rule.path &&
        !(rule.path.endsWith('*') ? path.startsWith(rule.path.slice(0, -1)) : path === rule.path)
      )
        continue
      live.seen++
      if (live.seen <= (rule.skip ?? 0)) continue
      const times = rule.times ?? 1
      if (times !== 'always' && live.used >= times) continue
      live.used++
      return rule
    }
    return undefined
  }

  /** Consumes the next canned command outcome, if any are left. */
  takeCommandOutcome(): CannedOutcome | undefined {
    return this.config.commandOutcomes?.shift()
  }

  /** Consumes one forced context error, if any are left. */
  takeContextError(): boolean {
    if (!this.config.contextErrors) return false
    this.config.contextErrors--
    return true
  }
}

/** The 500 a RUNNING cluster answers while it cannot take a context yet (libraries installing). */
export function clusterNotReady(times: number): FaultRule {
  return {
    path: '/api/1.2/contexts/create',
    times,
    status: 500,
    body: {
      error:
        'ClusterNotReadyException: Cluster is not ready to accept commands: libraries are being installed'
    }
  }
}

/** What a load balancer in front of a workspace sends: HTML, not JSON. */
export function htmlError(status: number): string {
  return `<html><head><title>${status}</title></head><body><h1>${status} ${status === 502 ? 'Bad Gateway' : status === 503 ? 'Service Temporarily Unavailable' : status === 504 ? 'Gateway Time-out' : 'Internal Server Error'}</h1><hr><center>nginx</center></body></html>`
}

/**
 * Rate limiting as HTTP 400 with error_code REQUEST_LIMIT_EXCEEDED (some APIs answer so instead
 * of 429); `message` may be one of the texts the SDKs retry on.
 */
export function rateLimited400(
  path: string,
  times: number,
  message = 'Request limit exceeded: Please try again later or try a faster operation.'
): FaultRule {
  return {
    path,
    times,
    status: 400,
    body: { error_code: 'REQUEST_LIMIT_EXCEEDED', message }
  }
}

/** Jetty's default error page, which some legacy endpoints answer with. */
export function jettyPage(status: number, message: string): string {
  return `<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>\n<title>Error ${status} ${message}</title>\n</head>\n<body><h2>HTTP ERROR ${status}</h2>\n<p>Problem accessing /api/1.2/contexts/create. Reason:\n<pre>    ${message}</pre></p>\n</body>\n</html>\n`
}

/** A bare `<pre>` page, e.g. while a worker environment is not ready. */
export function barePre(message: string): string {
  return `<pre>${message}</pre>`
}

/** A plain `CODE: message` body, as some APIs answer. */
export function plainCode(code: string, message: string): string {
  return `${code}: ${message}`
}
