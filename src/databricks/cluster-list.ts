import { jsonBody, type CallOptions, type DatabricksApi } from './api.js'

/** One cluster as the list describes it. */
export interface ClusterSummary {
  id: string
  name: string
  state: string
}

/** How many clusters to ask for per page; the service may send fewer. */
const PAGE_SIZE = 100
/** A workspace with more than 100,000 clusters is not one; a token that loops must not hang us. */
const MAX_PAGES = 1000

/**
 * Every cluster the caller may see, following the 2.1 list's pages (`page_token` in,
 * `next_page_token` out) until there is no next page. GETs: retried when transient.
 * One entry per cluster id: when the list shifts between pages (a cluster created, deleted or
 * re-sorted meanwhile) a cluster can come twice; the later page's entry wins, as the fresher
 * answer (a rename or a state change made between the pages), in the place it first came.
 */
export async function listClusters(
  api: DatabricksApi,
  call: CallOptions
): Promise<ClusterSummary[]> {
  const byId = new Map<string, ClusterSummary>()
  const seen = new Set<string>()
  let token = ''
  for (let page = 0; page < MAX_PAGES; page++) {
    const query: Record<string, string> = { page_size: String(PAGE_SIZE) }
    if (token) query.page_token = token
    const answer = await api.get('/api/2.1/clusters/list', query, call)
    const clusters = Array.isArray(answer.clusters) ? (answer.clusters as unknown[]) : []
    for (const c of clusters) {
      if (!c || typeof c !== 'object') continue
      const o = c as Record<string, unknown>
      if (typeof o.cluster_id !== 'string') continue
      byId.set(o.cluster_id, {
        id: o.cluster_id,
        name: typeof o.cluster_name === 'string' ? o.cluster_name : '',
        state: typeof o.state === 'string' ? o.state : ''
      })
    }
    const next = typeof answer.next_page_token === 'string' ? answer.next_page_token : ''
    if (!next) return [...byId.values()]
    if (seen.has(next))
      throw new Error(`clusters/list sent the page token ${next} twice; the list never ends`)
    seen.add(next)
    token = next
  }
  throw new Error(`clusters/list still had more pages after ${MAX_PAGES}; giving up`)
}

/**
 * Asks the cluster to terminate (clusters/delete, which keeps its configuration; it is not a
 * permanent delete). It answers at once; the cluster goes TERMINATING, then TERMINATED.
 * Safe to repeat: terminating a terminated cluster changes nothing.
 */
export async function terminateCluster(
  api: DatabricksApi,
  clusterId: string,
  call: CallOptions
): Promise<void> {
  await api.post('/api/2.0/clusters/delete', jsonBody({ cluster_id: clusterId }), call, {
    idempotent: true
  })
}
