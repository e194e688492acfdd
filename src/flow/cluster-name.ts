import { wrapError } from '../common/errors.js'
import type { Logger } from '../common/logger.js'
import type { CallOptions, DatabricksApi } from '../databricks/api.js'
import { listClusters, type ClusterSummary } from '../databricks/cluster-list.js'

/** At most this many names are listed when none matches. */
const MAX_NAMES = 20

/** Edit distance, for "closest first": a typo or a case slip sorts to the top. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost)
    }
    prev = row
  }
  return prev[b.length] ?? 0
}

/** The distinct names, closest to `wanted` first (case ignored for closeness only). */
export function closestNames(wanted: string, names: string[], max = MAX_NAMES): string[] {
  const w = wanted.toLowerCase()
  return [...new Set(names)]
    .map(name => ({ name, d: distance(w, name.toLowerCase()) }))
    .sort((x, y) => x.d - y.d || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
    .slice(0, max)
    .map(x => x.name)
}

/**
 * The id of the one cluster named exactly `name` (case-sensitive, as the workspace shows it).
 * No match and several matches are errors that say what exists and what to set.
 */
export function pickClusterByName(name: string, clusters: ClusterSummary[]): string {
  const matches = clusters.filter(c => c.name === name)
  const [only] = matches
  if (matches.length === 1 && only) return only.id
  if (matches.length > 1)
    throw new Error(
      `${matches.length} clusters are named '${name}' (input cluster-name): ${matches.map(c => `${c.id} (${c.state})`).join(', ')}. Cluster names are not unique; set cluster-id to the one you mean instead.`
    )
  if (!clusters.length)
    throw new Error(
      `No cluster is named '${name}' (input cluster-name): these credentials see no clusters at all. Check the host and that the identity may use the cluster (CAN ATTACH TO).`
    )
  const names = closestNames(
    name,
    clusters.map(c => c.name)
  )
  const total = new Set(clusters.map(c => c.name)).size
  const shown =
    total > names.length ? `${names.length} of ${total}, closest first` : 'closest first'
  throw new Error(
    `No cluster is named '${name}' (input cluster-name; the match is exact, case included). Clusters you can see (${shown}): ${names.map(n => `'${n}'`).join(', ')}. Set cluster-name to one of them, or set cluster-id.`
  )
}

/** Resolves the `cluster-name` input to an id through the clusters list. */
export async function resolveClusterName(
  api: DatabricksApi,
  name: string,
  call: CallOptions,
  logger: Logger
): Promise<string> {
  let clusters: ClusterSummary[]
  try {
    clusters = await listClusters(api, call)
  } catch (e) {
    throw wrapError(`Failed to list the clusters to find '${name}' (input cluster-name)`, e)
  }
  const id = pickClusterByName(name, clusters)
  logger.info(`Cluster '${name}' is ${id}`)
  return id
}
