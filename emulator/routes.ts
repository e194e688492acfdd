import type { Cluster, ClusterAnswer } from './clusters.js'
import type { ContextRegistry } from './contexts.js'
import { HttpProblem } from './http-io.js'

export interface Answer {
  status: number
  body: unknown
}

export interface ApiState {
  clusters: Map<string, Cluster>
  registry: ContextRegistry
  /** The most clusters one page of the 2.1 list holds, whatever the client asks for. */
  clusterPageSize?: number
  /** Who the caller is, for the service's permission messages. */
  user?: string
}

const LANGUAGES = new Set(['python', 'scala', 'sql', 'r'])

function need(fields: Record<string, string>, name: string): string {
  const v = fields[name]
  if (!v) throw new HttpProblem(400, `requirement failed: missing ${name}`)
  return v
}

function cluster(s: ApiState, id: string, code = false): Cluster {
  const c = s.clusters.get(id)
  if (!c)
    throw new HttpProblem(
      400,
      code ? `Cluster ${id} does not exist` : `Cluster ${id} does not exist`
    )
  return c
}

/** The 1.2 and clusters endpoints. `fields` holds the query (GET) or the parsed body (POST). */
export function route(
  s: ApiState,
  method: string,
  path: string,
  fields: Record<string, string>
): Answer {
  if (method === 'GET' && path === '/api/2.1/clusters/list') return listPage(s, fields)
  const key = `${method} ${path.replace(/^\/api\/2\.1\//, '/api/2.0/')}`
  switch (key) {
    case 'POST /api/1.2/contexts/create': {
      const c = cluster(s, need(fields, 'clusterId'))
      const language = need(fields, 'language')
      if (!LANGUAGES.has(language))
        throw new HttpProblem(
          400,
          `requirement failed: unknown language ${language}; expected python, scala, sql or r`
        )
      if (!c.acceptsCommands)
        throw new HttpProblem(
          400,
          `Cluster ${c.id} is ${c.state}: it must be RUNNING to create an execution context`
        )
      return { status: 200, body: { id: s.registry.create(c.id, language) } }
    }
    case 'GET /api/1.2/contexts/status': {
      const c = cluster(s, need(fields, 'clusterId'))
      const id = need(fields, 'contextId')
      const owner = s.registry.clusterOf(id)
      // A context belongs to one cluster: asked on another, the service does not know it.
      if (owner !== undefined && owner !== c.id)
        throw new HttpProblem(400, `ContextNotFound: Context ${id} does not exist`)
      return { status: 200, body: { id, status: s.registry.status(id) } }
    }
    case 'POST /api/1.2/contexts/destroy': {
      cluster(s, need(fields, 'clusterId'))
      const id = need(fields, 'contextId')
      s.registry.destroy(id)
      return { status: 200, body: { id } }
    }
    case 'POST /api/1.2/commands/execute': {
      cluster(s, need(fields, 'clusterId'))
      const contextId = need(fields, 'contextId')
      const command = fields.command ?? ''
      const id = s.registry.execute(contextId, fields.language ?? '', command)
      return { status: 200, body: { id } }
    }
    case 'GET /api/1.2/commands/status': {
      cluster(s, need(fields, 'clusterId'))
      const cmd = s.registry.command(need(fields, 'contextId'), need(fields, 'commandId'))
      return { status: 200, body: { id: cmd.id, status: cmd.status, results: cmd.results } }
    }
    case 'POST /api/1.2/commands/cancel': {
      cluster(s, need(fields, 'clusterId'))
      const id = need(fields, 'commandId')
      s.registry.cancel(need(fields, 'contextId'), id)
      return { status: 200, body: { id } }
    }
    case 'GET /api/2.0/clusters/get':
      return { status: 200, body: cluster(s, need(fields, 'cluster_id'), true).toJson() }
    case 'GET /api/2.0/clusters/list':
      return { status: 200, body: { clusters: [...s.clusters.values()].map(c => c.toJson()) } }
    case 'POST /api/2.0/clusters/start':
      return clusterAnswer(cluster(s, need(fields, 'cluster_id'), true).start(s.user ?? 'user'))
    case 'POST /api/2.0/clusters/delete':
      return clusterAnswer(cluster(s, need(fields, 'cluster_id'), true).terminate(s.user ?? 'user'))
    default:
      return {
        status: 404,
        body: { error_code: 'ENDPOINT_NOT_FOUND', message: `No API found for '${method} ${path}'` }
      }
  }
}

function clusterAnswer(a: ClusterAnswer): Answer {
  if (a.ok) return { status: 200, body: {} }
  return { status: a.status, body: { error_code: a.code, message: a.message } }
}

/**
 * The 2.1 list, one page at a time: `page_size` (the server may hold it lower) and an opaque
 * `page_token`; `next_page_token` is there while more clusters follow. (2.0 lists them all.)
 */
function listPage(s: ApiState, fields: Record<string, string>): Answer {
  const all = [...s.clusters.values()]
  const asked = Number(fields.page_size || 0)
  const size = Math.max(1, Math.min(asked > 0 ? asked : 100, s.clusterPageSize ?? 100))
  let offset = 0
  if (fields.page_token) {
    const m = /^offset:(\d+)$/.exec(Buffer.from(fields.page_token, 'base64url').toString())
    if (!m) throw new HttpProblem(400, `Invalid page token '${fields.page_token}'`)
    offset = Number(m[1])
  }
  const page = all.slice(offset, offset + size)
  const token = (n: number): string => Buffer.from(`offset:${n}`).toString('base64url')
  return {
    status: 200,
    body: {
      clusters: page.map(c => c.toJson()),
      ...(offset + size < all.length ? { next_page_token: token(offset + size) } : {}),
      ...(offset > 0 ? { prev_page_token: token(Math.max(0, offset - size)) } : {})
    }
  }
}

/** The error shape of the path's API version. */
export function problemBody(path: string, p: HttpProblem): unknown {
  if (path.startsWith('/api/1.2/')) return { error: p.message }
  return {
    error_code: p.status === 413 ? 'REQUEST_LIMIT_EXCEEDED' : 'INVALID_PARAMETER_VALUE',
    message: p.message
  }
}
