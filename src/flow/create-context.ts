import { CancelledError } from '../common/errors.js'
import { ApiError } from '../databricks/api-error.js'
import { getCluster, READY_CLUSTER_STATES } from '../databricks/clusters.js'
import type { ExecutionApi, Language } from '../databricks/execution.js'
import { ensureClusterReady, type EnsureClusterOptions } from './cluster.js'
import { CANCELLED_CREATE, step, UNKNOWN_CREATE } from './step.js'

/**
 * Creates the context without looking at the cluster first: a cluster that cannot take one
 * refuses the create with an answer and creates nothing, so a check before every create would
 * cost every run a round trip to help only the runs that need a cluster started. Only on such
 * a refusal is the cluster checked (and started or waited for, as the inputs allow); the create
 * is then sent again, which duplicates nothing: no context exists on a cluster that is not
 * running. A create that got no answer at all is never repeated.
 */
export async function createOnReadyCluster(
  exec: ExecutionApi,
  language: Language,
  o: EnsureClusterOptions,
  hooks: { onCreatingContext?(): void; onCreateFailed?(): void } = {}
): Promise<string> {
  const where = `cluster ${o.clusterId}`
  const call = { deadline: o.deadline, signal: o.signal }
  const create = async (waitForCluster: boolean): Promise<string> => {
    hooks.onCreatingContext?.()
    try {
      return await step(
        `Failed to create a ${language} execution context on ${where}`,
        () => exec.createContext(language, { ...call, waitForCluster }),
        UNKNOWN_CREATE,
        CANCELLED_CREATE
      )
    } catch (e) {
      // Only a job cancel leaves the create's fate unseen (post then warns about it).
      if (!(e instanceof CancelledError)) hooks.onCreateFailed?.()
      throw e
    }
  }
  try {
    // A ClusterNotReadyException comes back at once here, so a stopped cluster is seen at once.
    return await create(false)
  } catch (e) {
    const refusal = e instanceof Error && e.cause instanceof ApiError ? e.cause : undefined
    if (!refusal) throw e
    const info = await step(`Failed to check ${where}`, () => getCluster(o.api, o.clusterId, call))
    // A running cluster that refused for another reason: that answer stands. A running one
    // that is not ready yet (libraries installing) is waited out by the create itself.
    if (READY_CLUSTER_STATES.has(info.state)) {
      if (!refusal.clusterNotReady) throw e
    } else {
      await step(`Failed to check ${where}`, () => ensureClusterReady(o))
    }
    return create(true)
  }
}
