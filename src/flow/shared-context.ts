import { DeadlineError, wrapError } from '../common/errors.js'
import { MAX_CONTEXTS_PER_CLUSTER } from '../common/limits.js'
import type { Logger } from '../common/logger.js'
import { pollUntil } from '../common/poll.js'
import type { Clock, Deadline, Sleep } from '../common/time.js'
import type { DatabricksApi } from '../databricks/api.js'
import { ApiError } from '../databricks/api-error.js'
import {
  clusterReadiness,
  describeCluster,
  getCluster,
  type ClusterInfo,
  type ClusterState
} from '../databricks/clusters.js'
import type { ExecutionApi } from '../databricks/execution.js'

export interface AttachDeps {
  api: DatabricksApi
  clock: Clock
  sleep: Sleep
  logger: Logger
  signal?: AbortSignal
}

/**
 * Checks that an existing context (made by an earlier step) is Running on this cluster, so the
 * step can run in it. The cluster and the context are asked at once: one round trip, and when
 * the context is gone the cluster's state says why. Returns the cluster's state.
 */
export async function attachContext(
  exec: ExecutionApi,
  contextId: string,
  deadline: Deadline,
  d: AttachDeps
): Promise<ClusterState | undefined> {
  const call = { deadline, signal: d.signal }
  const where = `cluster ${exec.clusterId}`
  const [cluster, status] = await Promise.allSettled([
    getCluster(d.api, exec.clusterId, call),
    exec.contextStatus(contextId, call)
  ])
  const info = cluster.status === 'fulfilled' ? cluster.value : undefined
  if (status.status === 'rejected') {
    const e: unknown = status.reason
    const down = info !== undefined && clusterReadiness(info.state) !== 'ready'
    if ((e instanceof ApiError && (e.contextGone || e.evicted)) || down)
      throw new Error(gone(contextId, exec.clusterId, info, e), { cause: e })
    throw wrapError(`Failed to check execution context ${contextId} on ${where}`, e)
  }
  let state = status.value
  if (state === 'Pending') {
    const outcome = await pollUntil({
      what: `execution context ${contextId}`,
      fetch: () => exec.contextStatus(contextId, call),
      isDone: s => s !== 'Pending',
      describe: s => s,
      deadline,
      ...d
    })
    if (!outcome.done)
      throw new DeadlineError(
        `Timed out after ${deadline.label} waiting for execution context ${contextId} on ${where} (still Pending).`
      )
    state = outcome.value
  }
  if (state !== 'Running')
    throw new Error(
      `Execution context ${contextId} (input context-id) on ${where} is in state ${state} and cannot run commands. Remove context-id to run in a fresh context, or re-run the job so the step that creates it makes a new one.`
    )
  d.logger.info(`Running in execution context ${contextId} on ${where}, made by an earlier step`)
  return info?.state
}

/** The cluster the step that made the context used, as a later step writes it. */
const SAME_CLUSTER = 'cluster-id: ${{ steps.<setup>.outputs.cluster-id }}'

/**
 * What happened to a context that is no longer there, and what to do about it. The service
 * answers the same (ContextNotFound) for a context of another cluster as for a destroyed one,
 * so both are said, the other cluster as the likeliest when the cluster is up.
 */
function gone(
  contextId: string,
  clusterId: string,
  info: ClusterInfo | undefined,
  e: unknown
): string {
  const why =
    info && clusterReadiness(info.state) !== 'ready'
      ? `the cluster is ${describeCluster(info)}, and a context does not outlive its cluster`
      : `it was destroyed (by the post step of the step that created it, or by hand), evicted (a cluster keeps at most ${MAX_CONTEXTS_PER_CLUSTER} contexts and drops idle ones), or the cluster restarted; or, likeliest, it was made on another cluster: this step's cluster-id or cluster-name differs from the one of the step that created it, and a context is known only on its own cluster`
  const said = e instanceof Error ? ` (Databricks said: ${e.message})` : ''
  return (
    `Execution context ${contextId} (input context-id) is gone from cluster ${clusterId}: ${why}${said}. ` +
    `Give this step the cluster of the step that created the context (${SAME_CLUSTER}). ` +
    `Pass the context-id output of a step that ran earlier in this same job on that cluster (its post step destroys the context only when the job ends), or remove context-id to run in a fresh context.`
  )
}
