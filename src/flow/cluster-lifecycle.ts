import { formatDuration } from '../common/duration.js'
import { DeadlineError } from '../common/errors.js'
import type { Logger } from '../common/logger.js'
import { pollUntil } from '../common/poll.js'
import type { Clock, Deadline, Sleep } from '../common/time.js'
import type { CallOptions, DatabricksApi } from '../databricks/api.js'
import { terminateCluster } from '../databricks/cluster-list.js'
import { describeCluster, getCluster, type ClusterState } from '../databricks/clusters.js'
import { ensureClusterReady, lookAtCluster, refusedChange } from './cluster.js'

export interface LifecycleOptions {
  api: DatabricksApi
  clusterId: string
  deadline: Deadline
  clock: Clock
  sleep: Sleep
  signal?: AbortSignal
  logger: Logger
  /** Called with each state read, so the step can report the last one even when it fails. */
  onSeen?: (state: ClusterState) => void
}

/** A terminate is done, for this step, once the cluster is on its way down. */
const DOWN = new Set(['TERMINATING', 'TERMINATED'])
/** Terminating takes seconds to minutes; poll it gently. */
const TERMINATE_SCHEDULE = { minMs: 500, fraction: 0.5, maxMs: 5000 }

/**
 * A step with neither command nor file: start the cluster and wait until it runs, or terminate
 * it and wait until it goes down. A cluster already in the wanted state is success. Returns
 * the state the cluster was last seen in.
 */
export async function manageCluster(
  o: LifecycleOptions & { start: boolean; onStarted: () => void }
): Promise<ClusterState> {
  if (o.start) {
    let started = false
    const onStarted = (): void => {
      started = true
      o.onStarted()
    }
    const info = await ensureClusterReady({ ...o, startCluster: true, onStarted })
    if (!started) o.logger.info(`Cluster ${o.clusterId} is ${describeCluster(info)}; not started`)
    return info.state
  }
  return terminateAndWait(o)
}

/** Terminates the cluster (clusters/delete) and waits until it is TERMINATING or TERMINATED. */
export async function terminateAndWait(o: LifecycleOptions): Promise<ClusterState> {
  const call: CallOptions = { deadline: o.deadline, signal: o.signal }
  const before = await lookAtCluster(o, call)
  if (DOWN.has(before.state)) {
    o.logger.info(`Cluster ${o.clusterId} is already ${describeCluster(before)}; nothing to do`)
    return before.state
  }
  o.logger.info(`Terminating cluster ${o.clusterId} (it is ${describeCluster(before)})`)
  try {
    await terminateCluster(o.api, o.clusterId, call)
  } catch (e) {
    throw refusedChange(e, 'terminate', o.clusterId)
  }
  const started = o.clock.now()
  const outcome = await pollUntil({
    what: `cluster ${o.clusterId} to terminate`,
    fetch: () => lookAtCluster(o, call),
    isDone: c => DOWN.has(c.state),
    describe: describeCluster,
    deadline: o.deadline,
    clock: o.clock,
    sleep: o.sleep,
    signal: o.signal,
    logger: o.logger,
    schedule: TERMINATE_SCHEDULE,
    progressEveryMs: 15_000
  })
  if (!outcome.done)
    throw new DeadlineError(
      `Timed out after ${o.deadline.label} waiting for cluster ${o.clusterId} to terminate (last state ${outcome.last?.state ?? 'unknown'}). It was asked to; check its event log.`
    )
  o.logger.info(
    `Cluster ${o.clusterId} is ${outcome.value.state} after ${formatDuration(o.clock.now() - started)}`
  )
  return outcome.value.state
}

/**
 * Post: asks the cluster to terminate, without waiting for it (post has seconds, a terminate
 * takes minutes; the service finishes it alone). Returns what to log.
 */
export async function terminateInPost(
  api: DatabricksApi,
  clusterId: string,
  call: CallOptions
): Promise<string> {
  const info = await getCluster(api, clusterId, call)
  if (DOWN.has(info.state)) return `Cluster ${clusterId} is already ${info.state}`
  try {
    await terminateCluster(api, clusterId, call)
  } catch (e) {
    throw refusedChange(e, 'terminate', clusterId)
  }
  return `Asked cluster ${clusterId} to terminate (it was ${info.state}); it stops on its own`
}
