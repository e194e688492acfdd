import { ApiError } from '../databricks/api-error.js'
import { clusterReadiness } from '../databricks/clusters.js'
import { ensureClusterReady, lookAtCluster, type EnsureClusterOptions } from './cluster.js'
import { step } from './step.js'

/**
 * Creates the context without looking at the cluster first: a cluster that cannot take one
 * refuses the create with an answer and creates nothing, so a check before every create would
 * cost every run a round trip to help only the runs that need a cluster started. Only on such
 * a refusal is the cluster checked (and started or waited for, as the inputs allow); the create
 * is then sent again, which duplicates nothing: no context exists on a cluster that is not
 * running. A create that got no answer at all is never repeated, and a refusal at the context
 * limit is left to the caller's wait for room.
 *
 * `create(waitForCluster)` sends one contexts/create, wrapped with its step and hooks.
 */
export async function createOnReadyCluster(
  create: (waitForCluster: boolean) => Promise<string>,
  o: EnsureClusterOptions
): Promise<string> {
  const where = `cluster ${o.clusterId}`
  const call = { deadline: o.deadline, signal: o.signal }
  try {
    // A ClusterNotReadyException comes back at once here, so a stopped cluster is seen at once.
    return await create(false)
  } catch (e) {
    const refusal = e instanceof Error && e.cause instanceof ApiError ? e.cause : undefined
    if (!refusal || refusal.tooManyContexts) throw e
    const info = await step(`Failed to check ${where}`, () => lookAtCluster(o, call))
    // A running cluster that refused for another reason: that answer stands. A running one
    // that is not ready yet (libraries installing) is waited out by the create itself.
    if (clusterReadiness(info.state) === 'ready') {
      if (!refusal.clusterNotReady) throw e
    } else {
      await step(`Failed to check ${where}`, () => ensureClusterReady(o))
    }
    return create(true)
  }
}
