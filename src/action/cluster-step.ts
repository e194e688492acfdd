import * as core from '@actions/core'
import type { Clock, Deadline, Sleep } from '../common/time.js'
import type { DatabricksApi } from '../databricks/api.js'
import { manageCluster } from '../flow/cluster-lifecycle.js'
import type { Inputs } from '../runner/inputs.js'
import { runnerLogger } from '../runner/log.js'
import { writeOutputs } from '../runner/outputs.js'
import { saveClusterStarted, saveClusterTerminated } from '../runner/state.js'
import { buildSummary } from '../runner/summary.js'

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
  }
): Promise<string> {
  const start = inputs.startCluster
  const state = await manageCluster({
    ...d,
    clusterId: inputs.clusterId,
    logger: runnerLogger,
    start,
    onStarted: saveClusterStarted
  })
  // Terminated here, so post has nothing left to ask (with start-cluster, post terminates).
  if (!start) saveClusterTerminated()
  writeOutputs({ 'cluster-id': inputs.clusterId, 'cluster-state': state })
  const html = buildSummary({
    clusterId: inputs.clusterId,
    language: '-',
    source: start ? 'start the cluster' : 'terminate the cluster',
    status: `Cluster ${state}`,
    durationMs: d.clock.now() - d.started
  })
  try {
    await core.summary.addRaw(html).write()
  } catch {
    // No GITHUB_STEP_SUMMARY: nothing to write to, and no reason to fail.
  }
  return state
}
