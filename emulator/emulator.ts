import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Credentials } from './auth.js'
import { Cluster, type ClusterSpec } from './clusters.js'
import type { ContextLimits } from './context-model.js'
import { ContextRegistry } from './contexts.js'
import { FaultPlan, type FaultConfig, type FaultRule } from './faults.js'
import { HttpProblem, parseFields, readBody, sendJson, sendText } from './http-io.js'
import { handleAdmin } from './admin.js'
import { problemBody, route } from './routes.js'
import { WorkspaceOAuth, type OAuthConfig } from './oauth.js'
import { authenticate, oauthRoute } from './oauth-routes.js'
import { generateCertificate, type TlsMaterial } from './tls.js'
import { MAX_CONTEXTS_PER_CLUSTER } from '../src/common/limits.js'

export interface EmulatorOptions {
  /** Loopback only; default 127.0.0.1. */
  host?: string
  /** 0 (the default) picks a free port. */
  port?: number
  token?: string
  username?: string
  password?: string
  clusters?: ClusterSpec[]
  limits?: Partial<ContextLimits>
  maxRequestBytes?: number
  faults?: FaultConfig
  /** Service principals, federation policies, Entra trust, token lifetime. */
  oauth?: OAuthConfig
  /** The most clusters one page of the 2.1 clusters list holds (default 100). */
  clusterPageSize?: number
}

/** One API call as the emulator saw it, for tests that count calls. */
export interface CallRecord {
  method: string
  path: string
  status: number | 'dropped'
  /** True when a fault rule answered instead of the API. */
  fault: boolean
}

export const DEFAULT_CLUSTER_ID = '0123-456789-emulatr'
const MAX_CALLS_KEPT = 20_000

/** The local Databricks: HTTPS on loopback, API 1.2 and clusters, Python and SQL for real. */
export class Emulator {
  readonly faults = new FaultPlan()
  readonly clusters = new Map<string, Cluster>()
  readonly registry: ContextRegistry
  readonly calls: CallRecord[] = []
  private authedCalls = 0
  private server!: Server
  url = ''
  caCert = ''
  /** The certificate and key, for the harness's other local HTTPS servers (one CA for all). */
  tls!: TlsMaterial
  /** Discovery, the token endpoint, and the tokens minted there. */
  oauth!: WorkspaceOAuth
  readonly creds: Credentials

  private constructor(private readonly o: EmulatorOptions) {
    this.creds = {
      token: o.token ?? `dapi${randomBytes(16).toString('hex')}`,
      username: o.username ?? 'emulator@example.com',
      password: o.password ?? randomBytes(12).toString('base64url')
    }
    this.registry = new ContextRegistry(
      {
        maxContextsPerCluster: MAX_CONTEXTS_PER_CLUSTER,
        idleAfterMs: 60_000,
        maxProcesses: 160,
        // The service's own limits (Databricks Runtime 16.4 and below); see docs/service-facts.md.
        maxOutputBytes: 20 * 1024 * 1024,
        maxReplOutputLength: 50_000,
        rowLimit: 10_000,
        tableBytes: 2 * 1024 * 1024,
        idStyle: 'service',
        ...o.limits
      },
      this.faults
    )
    this.setClusters(o.clusters ?? [{ id: DEFAULT_CLUSTER_ID, name: 'emulated-cluster' }])
    this.setFaults(o.faults ?? {})
  }

  static async start(o: EmulatorOptions = {}): Promise<Emulator> {
    const e = new Emulator(o)
    const tls = generateCertificate()
    e.tls = tls
    e.caCert = tls.certPath
    e.oauth = new WorkspaceOAuth(tls.cert)
    e.oauth.config = o.oauth ?? {}
    e.server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
      e.handle(req, res).catch(err => {
        if (!res.headersSent) sendJson(res, 500, { error: `emulator failure: ${String(err)}` })
      })
    })
    const host = o.host ?? '127.0.0.1'
    if (!/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(host))
      throw new Error(`The emulator listens on loopback only; '${host}' is not a loopback address`)
    await new Promise<void>((resolve, reject) => {
      e.server.once('error', reject)
      e.server.listen(o.port ?? 0, host, () => resolve())
    })
    const port = (e.server.address() as AddressInfo).port
    e.url = `https://${host.includes(':') ? `[${host}]` : host}:${port}`
    return e
  }

  get token(): string {
    return this.creds.token
  }

  get clusterId(): string {
    return [...this.clusters.keys()][0] ?? DEFAULT_CLUSTER_ID
  }

  setClusters(specs: ClusterSpec[]): void {
    for (const c of this.clusters.values()) c.dispose()
    this.clusters.clear()
    for (const spec of specs) {
      const cluster = new Cluster(spec)
      // A cluster going down takes its execution contexts with it.
      cluster.onDown = id => this.registry.dropCluster(id)
      this.clusters.set(spec.id, cluster)
    }
  }

  /** Puts a fault plan in force (from --faults, POST /__emulator/faults or a test). */
  setFaults(config: FaultConfig): void {
    this.faults.set(config)
    if (config.clusters) this.setClusters(config.clusters)
  }

  /** Makes the token answer 401 from the next call on, as one that expires mid-run. */
  expireTokenNow(): void {
    this.faults.config.tokenExpiresAfterCalls = this.authedCalls
  }

  /** Faults, call log and token expiry back to a clean start; contexts are kept. */
  reset(): void {
    this.faults.set({})
    this.calls.length = 0
    this.authedCalls = 0
    this.oauth.reset()
    this.registry.peakContexts = this.registry.liveContexts
  }

  snapshot(): Record<string, unknown> {
    return {
      liveContexts: this.registry.liveContexts,
      liveProcesses: this.registry.liveProcesses,
      peakContexts: this.registry.peakContexts,
      contexts: this.registry.list(),
      calls: this.calls
    }
  }

  async stop(): Promise<void> {
    this.registry.stopAll()
    for (const c of this.clusters.values()) c.dispose()
    this.server.closeAllConnections()
    await new Promise<void>(resolve => this.server.close(() => resolve()))
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://emulator')
    const method = req.method ?? 'GET'
    const path = url.pathname
    const maxBytes = this.o.maxRequestBytes ?? 16 * 1024 * 1024
    if (path.startsWith('/__emulator/')) return handleAdmin(this, method, path, req, res)

    const record: CallRecord = { method, path, status: 0, fault: false }
    if (this.calls.length < MAX_CALLS_KEPT) this.calls.push(record)
    const rule = this.faults.take(method, path)
    if (rule?.latencyMs) {
      const gone = await holdFor(res, rule.latencyMs)
      // Like a gateway that held the request: a client that gave up meanwhile gets nothing done.
      if (gone) {
        Object.assign(record, { status: 'dropped', fault: true })
        return
      }
    }
    if (rule?.drop) {
      Object.assign(record, { status: 'dropped', fault: true })
      req.socket.destroy()
      return
    }
    if (rule?.status) {
      Object.assign(record, { status: rule.status, fault: true })
      return answerFault(res, rule)
    }
    const oauth = await oauthRoute(this.oauth, this.url, method, path, req)
    if (oauth) {
      record.status = oauth.status
      return sendJson(res, oauth.status, oauth.body)
    }
    const limit = this.faults.config.tokenExpiresAfterCalls
    const auth = await authenticate(
      this.oauth,
      this.creds,
      req,
      limit !== undefined && this.authedCalls >= limit
    )
    if (!auth.ok) {
      record.status = auth.status
      return sendJson(res, auth.status, auth.body)
    }
    this.authedCalls++
    let status: number
    let body: unknown
    try {
      const raw = method === 'POST' ? await readBody(req, maxBytes) : Buffer.alloc(0)
      const fields =
        method === 'POST'
          ? await parseFields(req.headers['content-type'] ?? '', raw)
          : Object.fromEntries(url.searchParams)
      ;({ status, body } = route(
        {
          clusters: this.clusters,
          registry: this.registry,
          clusterPageSize: this.o.clusterPageSize,
          user: this.creds.username
        },
        method,
        path,
        fields
      ))
    } catch (e) {
      if (!(e instanceof HttpProblem)) throw e
      status = e.status
      body = problemBody(path, e)
    }
    if (rule?.dropAfter) {
      Object.assign(record, { status: 'dropped', fault: true })
      req.socket.destroy()
      return
    }
    record.status = status
    sendJson(res, status, body)
  }
}

/** Waits `ms`; resolves true early if the client closes the connection meanwhile. */
function holdFor(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise(resolve => {
    const onClose = (): void => {
      clearTimeout(timer)
      resolve(true)
    }
    const timer = setTimeout(() => {
      res.off('close', onClose)
      resolve(false)
    }, ms)
    res.once('close', onClose)
  })
}

function answerFault(res: ServerResponse, rule: FaultRule): void {
  const headers: Record<string, string> =
    rule.retryAfter !== undefined ? { 'retry-after': String(rule.retryAfter) } : {}
  const status = rule.status ?? 500
  if (typeof rule.body === 'string')
    return sendText(res, status, rule.body, rule.contentType ?? 'text/html', headers)
  sendJson(
    res,
    status,
    rule.body ?? {
      error_code: status === 429 ? 'REQUEST_LIMIT_EXCEEDED' : 'TEMPORARILY_UNAVAILABLE',
      message: `Injected fault: HTTP ${status}`
    },
    headers
  )
}
