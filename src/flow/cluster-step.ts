import type { ClusterState } from '../databricks/clusters.js'
import type { Clock, Deadline, Sleep } from '../common/time.js'
import type { DatabricksApi } from '../databricks/api.js'
import type { Inputs } from '../runner/inputs.js'
import { runnerLogger as log } from '../runner/log.js'
import { writeOutputs } from '../runner/outputs.js'
import { clusterUrl } from '../runner/report-words.js'
import { saveClusterStarted, saveClusterTerminated } from '../runner/state.js'
import { buildSummary, writeSummary } from '../runner/summary.js'
import { manageCluster } from './cluster-lifecycle.js'

/**
 * A step with neither command nor file: it only starts the cluster (start-cluster: true) or
 * terminates it (terminate-cluster: always), and waits for the state it wanted. No context.
 */
export async function runClusterStep(
  inputs: Inputs,
  d: {
    api: DatabricksApi
    deadline: Deadline
    clock: Clock
    sleep: Sleep
    signal?: AbortSignal
    started: number
    /** Each cluster state read, so a step that fails can still report the last one. */
    onSeen: (state: ClusterState) => void
  }
): Promise<ClusterState> {
  const start = inputs.startCluster
  const state = await manageCluster({
    ...d,
    clusterId: inputs.clusterId,
    logger: log,
    start,
    onStarted: saveClusterStarted
  })
  // Terminated here, so post has nothing left to ask (with start-cluster, post terminates).
  if (!start) saveClusterTerminated()
  writeOutputs({ status: 'Finished', 'cluster-id': inputs.clusterId, 'cluster-state': state })
  await writeSummary(
    buildSummary({
      clusterId: inputs.clusterId,
      clusterUrl: clusterUrl(inputs.host, inputs.clusterId),
      language: '-',
      source: start ? 'start the cluster' : 'terminate the cluster',
      status: 'Finished',
      clusterState: state,
      durationMs: d.clock.now() - d.started
    })
  )
  return state
}
